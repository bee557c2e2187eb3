"""Write (and submit) a Slurm batch script that trains across nodes with torchrun.

The script asks for --nodes nodes with --gpus-per-node GPUs each, starts one ``torchrun`` per node
with ``srun`` (c10d rendezvous on the first node of the allocation, job id as rendezvous id) and runs
``incoder train --config CONFIG`` -- with ``--resume`` as soon as the run directory holds a complete
checkpoint, so a requeued job continues where the last checkpoint left off.

Preemption and time limits: the job is ``--requeue``-able; Slurm sends SIGUSR1 to the batch shell
--signal-seconds before the time limit (``--signal=B:USR1@N``) and the script then requeues itself
with ``scontrol requeue``; a preempted job is requeued by Slurm. Logs append to
``<output_dir>/slurm/<job-name>-<job id>.out`` across restarts.

  incoder submit --config configs/train/incoder-1B.yaml --nodes 4 --gpus-per-node 8 --partition gpu --dry-run
  incoder submit --config cfg.yaml --nodes 2 --gpus-per-node 8 --time 48:00:00 --setup 'source .venv/bin/activate'

Without --dry-run the script is submitted with ``sbatch``. The single-node ``torchrun`` command for
the same run is printed too.
"""

from __future__ import annotations

import logging
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field

from pipeline import fsio
from pipeline.config import load_config, parse_overrides
from pipeline.errors import ConfigError, FatalError
from pipeline.layout import Layout

log = logging.getLogger(__name__)

_TIME_RE = re.compile(r"^(\d+-)?\d{1,3}(:\d{2}){0,2}$")
_NAME_RE = re.compile(r"^[A-Za-z0-9_.-]+$")
_ENV_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=.*$")


@dataclass
class SlurmJob:
    """Everything the batch script depends on (paths absolute)."""

    config: str
    slurm_dir: str  # <output_dir>/slurm: the script and the job's log
    checkpoints: str
    nodes: int
    gpus_per_node: int
    job_name: str = "incoder-train"
    partition: str | None = None
    account: str | None = None
    time: str = "24:00:00"
    cpus_per_task: int | None = None
    signal_seconds: int = 120
    port: int = 29500
    python: str = sys.executable
    overrides: list[str] = field(default_factory=list)
    setup: list[str] = field(default_factory=list)
    env: list[str] = field(default_factory=list)
    exclusive: bool = False
    workdir: str = field(default_factory=os.getcwd)  # relative paths in the config resolve from here


def _train_args(job: SlurmJob) -> str:
    args = ["-m", "pipeline.cli", "train", "--config", job.config]
    for item in job.overrides:
        args += ["--set", item]
    return " ".join(shlex.quote(a) for a in args)


def render_script(job: SlurmJob) -> str:
    """The batch script's text."""
    q = shlex.quote
    directives = [
        f"--job-name={job.job_name}",
        f"--nodes={job.nodes}",
        "--ntasks-per-node=1",  # one torchrun per node; it starts the per-GPU workers
        f"--gpus-per-node={job.gpus_per_node}",
        f"--time={job.time}",
        "--requeue",
        f"--signal=B:USR1@{job.signal_seconds}",
        "--open-mode=append",
        f"--output={job.slurm_dir}/%x-%j.out",
        f"--chdir={job.workdir}",
    ]
    if job.partition:
        directives.append(f"--partition={job.partition}")
    if job.account:
        directives.append(f"--account={job.account}")
    if job.cpus_per_task:
        directives.append(f"--cpus-per-task={job.cpus_per_task}")
    if job.exclusive:
        directives.append("--exclusive")
    lines = ["#!/bin/bash"] + [f"#SBATCH {d}" for d in directives] + [
        "# Written by `incoder submit`; resubmit with: sbatch THIS_FILE",
        "set -euo pipefail",
        "",
        "# Near the time limit Slurm sends USR1 (--signal): put the job back in the queue; the next",
        "# start resumes from the latest checkpoint.",
        "requeue() {",
        '  echo "$(date -u +%FT%TZ) USR1: requeueing job ${SLURM_JOB_ID}"',
        '  scontrol requeue "${SLURM_JOB_ID}"',
        "}",
        "trap requeue USR1",
        "",
    ]
    lines += job.setup
    lines += [f"export {q(item.split('=', 1)[0])}={q(item.split('=', 1)[1])}" for item in job.env]
    lines += [
        "# All host names are read (no `| head`: with pipefail, scontrol's SIGPIPE would end the job).",
        'mapfile -t NODES < <(scontrol show hostnames "${SLURM_JOB_NODELIST}")',
        'HEAD_NODE="${NODES[0]:-}"',
        'if [ -z "${HEAD_NODE}" ]; then echo "no host names for SLURM_JOB_NODELIST=${SLURM_JOB_NODELIST}" >&2; exit 1; fi',
        f"CHECKPOINTS={q(job.checkpoints)}",
        "RESUME=()",
        'if compgen -G "${CHECKPOINTS}/step-*/meta.json" > /dev/null; then RESUME=(--resume); fi',
        'echo "$(date -u +%FT%TZ) job ${SLURM_JOB_ID} restart ${SLURM_RESTART_COUNT:-0}:'
        ' ${SLURM_NNODES} nodes, head ${HEAD_NODE}, ${RESUME[*]:-fresh start}"',
        "",
        "# Run in the background and wait, so the USR1 trap fires while training runs.",
        f"srun --kill-on-bad-exit=1 {q(job.python)} -m torch.distributed.run \\",
        '  --nnodes="${SLURM_NNODES}" \\',
        f"  --nproc-per-node={job.gpus_per_node} \\",
        "  --rdzv-backend=c10d \\",
        f'  --rdzv-endpoint="${{HEAD_NODE}}:{job.port}" \\',
        '  --rdzv-id="${SLURM_JOB_ID}" \\',
        f'  {_train_args(job)} ${{RESUME[@]+"${{RESUME[@]}}"}} &',
        "TRAIN_PID=$!",
        "# wait returns early when a signal arrives; wait again for the step to end.",
        'while true; do wait "${TRAIN_PID}" && STATUS=0 || STATUS=$?; '
        'kill -0 "${TRAIN_PID}" 2>/dev/null || break; done',
        'exit "${STATUS}"',
        "",
    ]
    return "\n".join(lines)


def single_node_command(job: SlurmJob) -> str:
    """The ``torchrun`` command training the same config on one machine with ``gpus_per_node`` GPUs."""
    return f"torchrun --standalone --nproc-per-node={job.gpus_per_node} {_train_args(job)}"


def make_job(config: str, overrides: list[str], *, nodes: int, gpus_per_node: int, job_name: str = "incoder-train",
             partition: str | None = None, account: str | None = None, time: str = "24:00:00",
             cpus_per_task: int | None = None, signal_seconds: int = 120, port: int = 29500,
             python: str = sys.executable, setup: list[str] | None = None, env: list[str] | None = None,
             exclusive: bool = False) -> SlurmJob:
    """Validated ``SlurmJob`` (config loaded, so a broken config fails here, not on the cluster)."""
    if nodes < 1 or gpus_per_node < 1:
        raise ConfigError("--nodes and --gpus-per-node must be at least 1")
    if not _TIME_RE.match(time):
        raise ConfigError(f"--time {time!r}: expected Slurm's [D-]HH:MM:SS form")
    if not _NAME_RE.match(job_name):
        raise ConfigError(f"--job-name {job_name!r}: letters, digits, '_', '.', '-' only")
    bad_env = [e for e in env or [] if not _ENV_RE.match(e)]
    if bad_env:
        raise ConfigError(f"--env expects NAME=VALUE, got {bad_env}")
    cfg = load_config(config, parse_overrides(overrides))
    train = cfg.require("train")
    output_dir = cfg.output_dir if "://" in cfg.output_dir else os.path.abspath(cfg.output_dir)
    run_dir = train.run_dir  # filled in by the config loader: <output_dir>/train unless set
    return SlurmJob(
        config=os.path.abspath(config), slurm_dir=Layout(output_dir).slurm,
        checkpoints=os.path.join(os.path.abspath(run_dir), "checkpoints"), nodes=nodes,
        gpus_per_node=gpus_per_node, job_name=job_name, partition=partition, account=account,
        time=time, cpus_per_task=cpus_per_task, signal_seconds=signal_seconds, port=port,
        python=python, overrides=list(overrides), setup=list(setup or []), env=list(env or []),
        exclusive=exclusive,
    )


def write_and_submit(job: SlurmJob, script_path: str | None = None, dry_run: bool = False) -> int:
    """Write the batch script (default ``<output_dir>/slurm/<job-name>.sbatch``) and, unless ``dry_run``,
    submit it with ``sbatch``; prints the script path and the single-node command."""
    script = render_script(job)
    path = script_path or fsio.join(job.slurm_dir, f"{job.job_name}.sbatch")
    if not dry_run and "://" in path:
        raise ConfigError(f"sbatch needs a local script path, not {path}; pass --script")
    fsio.write_text(path, script)
    if "://" not in path:
        os.chmod(path, 0o755)
    print(f"# Slurm script: {path}")
    print(f"# single node: {single_node_command(job)}")
    if dry_run:
        print(script)
        return 0
    sbatch = shutil.which("sbatch")
    if sbatch is None:
        raise FatalError(f"sbatch not found on PATH; the script is at {path} (use --dry-run to only write it)")
    done = subprocess.run([sbatch, path], capture_output=True, text=True)
    if done.returncode != 0:
        raise FatalError(f"sbatch failed ({done.returncode}): {done.stderr.strip()}")
    print(done.stdout.strip())
    return 0
