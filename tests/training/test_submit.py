"""Slurm submission: the rendered script's directives, syntax, behaviour under fake Slurm tools."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from pipeline.cli import main
from tests.fakes.slurm import fake_slurm_tools

TRAIN_CONFIG = """\
output_dir: {out}
train:
  preset: tiny
  seq_len: 128
  micro_batch_size: 8
  max_steps: 10
"""


@pytest.fixture()
def config(tmp_path) -> Path:
    path = tmp_path / "train.yaml"
    path.write_text(TRAIN_CONFIG.format(out=tmp_path / "out"))
    return path


def _submit(config: Path, *extra: str) -> int:
    return main(["submit", "--config", str(config), "--nodes", "4", "--gpus-per-node", "8", *extra])


def test_dry_run_renders_a_valid_script(config, tmp_path, capsys):
    assert _submit(config, "--partition", "gpu", "--account", "ml", "--cpus-per-task", "32", "--time", "2-00:00:00",
                   "--set", "train.max_steps=20", "--env", "NCCL_SOCKET_IFNAME=ib0", "--setup", "module load cuda",
                   "--dry-run") == 0
    printed = capsys.readouterr().out
    script_path = tmp_path / "out" / "slurm" / "incoder-train.sbatch"
    script = script_path.read_text()
    assert script in printed
    assert os.access(script_path, os.X_OK)
    for directive in ("--nodes=4", "--ntasks-per-node=1", "--gpus-per-node=8", "--requeue", "--signal=B:USR1@120",
                      "--partition=gpu", "--account=ml", "--cpus-per-task=32", "--time=2-00:00:00",
                      f"--output={tmp_path / 'out'}/slurm/%x-%j.out", f"--chdir={os.getcwd()}"):
        assert f"#SBATCH {directive}\n" in script
    assert "trap requeue USR1" in script and 'scontrol requeue "${SLURM_JOB_ID}"' in script
    assert "--rdzv-backend=c10d" in script and '--rdzv-endpoint="${HEAD_NODE}:29500"' in script
    assert f"--config {config}" in script and "--set train.max_steps=20" in script
    assert "export NCCL_SOCKET_IFNAME=ib0" in script and "module load cuda" in script
    assert f"# single node: torchrun --standalone --nproc-per-node=8 -m pipeline.cli train --config {config}" in printed
    subprocess.run(["bash", "-n", str(script_path)], check=True)


@pytest.mark.parametrize(("args", "message"), [
    (["--time", "tomorrow"], "--time"),
    (["--job-name", "a b"], "--job-name"),
    (["--env", "NOVALUE"], "--env"),
])
def test_bad_arguments(config, capsys, args, message):
    assert _submit(config, *args, "--dry-run") == 2
    assert message in capsys.readouterr().err


def test_config_without_train_section(tmp_path, capsys):
    path = tmp_path / "c.yaml"
    path.write_text(f"output_dir: {tmp_path}\n")
    assert _submit(path, "--dry-run") == 2
    assert "train" in capsys.readouterr().err


@pytest.mark.timeout(60)
def test_script_runs_torchrun_and_resumes_once_a_checkpoint_exists(config, tmp_path, capsys):
    assert _submit(config, "--dry-run") == 0
    script = tmp_path / "out" / "slurm" / "incoder-train.sbatch"
    log = tmp_path / "calls.log"
    env = fake_slurm_tools(tmp_path / "bin", log)
    subprocess.run(["bash", str(script)], env=env, check=True, capture_output=True)
    first = log.read_text()
    assert "torch.distributed.run --nnodes=2 --nproc-per-node=8 --rdzv-backend=c10d" in first
    assert "--rdzv-endpoint=node7:29500 --rdzv-id=4242" in first
    assert first.rstrip().endswith(f"train --config {config}")  # no checkpoint yet: fresh start
    ckpt = tmp_path / "out" / "train" / "checkpoints" / "step-00000010"
    ckpt.mkdir(parents=True)
    (ckpt / "meta.json").write_text("{}")
    log.unlink()
    subprocess.run(["bash", str(script)], env=env, check=True, capture_output=True)
    assert log.read_text().rstrip().endswith(f"train --config {config} --resume")


@pytest.mark.timeout(120)
def test_usr1_requeues_the_job(config, tmp_path):
    assert _submit(config, "--dry-run") == 0
    script = tmp_path / "out" / "slurm" / "incoder-train.sbatch"
    log = tmp_path / "calls.log"
    env = fake_slurm_tools(tmp_path / "bin", log, srun_sleep=3)
    proc = subprocess.Popen(["bash", str(script)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60  # generous: the machine may be busy
    while not (log.exists() and "srun" in log.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    if not (log.exists() and "srun" in log.read_text()):
        proc.kill()
        pytest.fail(f"the training step never started: {proc.communicate()[0].decode()}")
    proc.send_signal(signal.SIGUSR1)
    out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, out
    assert "scontrol requeue 4242" in log.read_text()
    assert b"USR1: requeueing job 4242" in out


def test_submit_without_sbatch_fails_clearly(config, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path))  # no sbatch here
    assert _submit(config) == 1
    err = capsys.readouterr().err
    assert "sbatch not found" in err and "incoder-train.sbatch" in err


def test_submit_with_sbatch(config, tmp_path, monkeypatch, capsys):
    log = tmp_path / "calls.log"
    env = fake_slurm_tools(tmp_path / "bin", log)
    monkeypatch.setenv("PATH", env["PATH"])
    assert _submit(config, "--script", str(tmp_path / "job.sh")) == 0
    assert "Submitted batch job 4242" in capsys.readouterr().out
    assert log.read_text().strip() == f"sbatch {tmp_path / 'job.sh'}"
