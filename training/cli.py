"""Train a causal-masking model on a release's shards (the ``train:`` section of the config).

Single process:       incoder train --config configs/train/tiny.yaml
One node, 8 GPUs:     torchrun --nproc_per_node 8 -m pipeline.cli train --config configs/train/incoder-1B.yaml
Many nodes:           torchrun --nnodes 4 --nproc_per_node 8 --rdzv_backend c10d \\
                        --rdzv_endpoint $HEAD:29500 -m pipeline.cli train --config ...
Continue a run:       incoder train --config ... --resume   (exact: same losses as an uninterrupted run)

Outputs under train.run_dir (default <output_dir>/train): checkpoints/step-N/ (weights, optimizer,
RNG, data cursor), metrics.jsonl, loss.png, summary.json.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from pipeline.command import Command
from pipeline.config import add_config_arguments, load_config, parse_overrides

log = logging.getLogger(__name__)

# This module registers the training package's commands (listed in pipeline.cli.COMMANDS): ``train``
# (the docstring above is its help), ``infill``, ``eval``, ``export`` and ``submit``, whose help is
# their domain module's docstring. Only here and in training/submit.py does training/ import pipeline.


def _train_arguments(parser: argparse.ArgumentParser) -> None:
    add_config_arguments(parser)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--resume", action="store_true",
                       help="continue from the latest checkpoint in the run directory (error if none)")
    group.add_argument("--fresh", action="store_true",
                       help="delete the run directory's checkpoints and start over")


def _train(args: argparse.Namespace, beam_args: list[str]) -> int:
    from training import io as tio
    from training.checkpoint import checkpoints_root
    from training.trainer import run_training

    cfg = load_config(args.config, parse_overrides(args.overrides))
    tc = cfg.require("train")
    if args.fresh and int(os.environ.get("RANK", "0")) == 0:
        root = checkpoints_root(tc.run_dir)
        if tio.exists(root):
            log.info("--fresh: deleting %s", root)
            tio.remove_tree(root)
    if args.fresh and int(os.environ.get("WORLD_SIZE", "1")) > 1:
        import torch.distributed as dist

        from training.parallelize import init_distributed

        init_distributed(tc)
        dist.barrier()  # other ranks wait until rank 0 has deleted the old checkpoints
    summary = run_training(tc, resume=True if args.resume else False)
    if int(os.environ.get("RANK", "0")) == 0:
        print(f"steps {summary['steps']}  loss {summary['final_loss']}  val_loss {summary['final_val_loss']}  "
              f"tokens/s {summary['tokens_per_s']:.0f}  run_dir {summary['run_dir']}")
    return 0


# --------------------------------------------------------------------------- incoder infill


def _sampling_arguments(parser: argparse.ArgumentParser, temperature: float = 0.0) -> None:
    parser.add_argument("--max-new-tokens", type=int, default=128, help="tokens generated per hole at most")
    parser.add_argument("--temperature", type=float, default=temperature, help="0: greedy; >0: sampling")
    parser.add_argument("--top-p", type=float, default=1.0, help="nucleus sampling mass (with --temperature > 0)")
    parser.add_argument("--seed", type=int, default=0, help="sampling seed")


def _infill_arguments(parser: argparse.ArgumentParser) -> None:
    from training.infill import DEFAULT_MARKER

    parser.add_argument("--checkpoint", required=True,
                        help="checkpoint directory (model_config.json, model.safetensors, tokenizer.model), "
                             "or a run's checkpoints/ directory (its latest checkpoint)")
    parser.add_argument("--file", help="code with holes (default: read stdin)")
    parser.add_argument("--marker", default=DEFAULT_MARKER, help="the hole marker in the code (default %(default)s)")
    parser.add_argument("--tokenizer", help="tokenizer.model to use instead of the checkpoint's copy")
    _sampling_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON object (infills, text, truncated)")
    parser.add_argument("--device", default="cpu", help="torch device (cpu, cuda, cuda:1 ...)")


def _infill(args: argparse.Namespace, beam_args: list[str]) -> int:
    from training.infill import fill_holes

    return fill_holes(args.file, args.marker, args.checkpoint, device=args.device,
                      tokenizer_path=args.tokenizer, max_new_tokens=args.max_new_tokens,
                      temperature=args.temperature, top_p=args.top_p, seed=args.seed, as_json=args.json)


# --------------------------------------------------------------------------- incoder eval


def _eval_arguments(parser: argparse.ArgumentParser) -> None:
    from training.evaluate import (
        HELDOUT_DEFAULT_LIMIT,
        HELDOUT_TASK_SETS,
        METHODS,
        PYTHON_PREFIX,
        TASK_SETS,
        EvalOptions,
    )
    from training.sandbox import SandboxLimits

    parser.add_argument("--checkpoint", required=True, help="checkpoint directory or a run's checkpoints/ directory")
    parser.add_argument("--task", required=True, choices=list(TASK_SETS) + list(HELDOUT_TASK_SETS),
                        help="which infilling tasks")
    parser.add_argument("--limit", type=int, help="at most N tasks per kind, spread evenly over the problems "
                        f"(held-out tasks: default {HELDOUT_DEFAULT_LIMIT})")
    parser.add_argument("--release", help="release directory whose heldout/ repositories the heldout-* tasks use")
    parser.add_argument("--bootstrap", type=int, default=1000, help="bootstrap resamples for the 95%% intervals")
    parser.add_argument("--methods", default=",".join(METHODS),
                        help="comma-separated subset of " + ", ".join(f"{k} ({v})" for k, v in METHODS.items()))
    parser.add_argument("--out", help="directory for results.jsonl, summary.json, table.md")
    parser.add_argument("--max-new-tokens", type=int, default=EvalOptions.max_new_tokens, help="per hole")
    parser.add_argument("--num-candidates", type=int, default=EvalOptions.num_candidates, help="L-R reranking samples")
    parser.add_argument("--rerank-temperature", type=float, default=EvalOptions.rerank_temperature)
    parser.add_argument("--rerank-top-p", type=float, default=EvalOptions.rerank_top_p)
    parser.add_argument("--seed", type=int, default=EvalOptions.seed)
    parser.add_argument("--prompt-prefix", default=PYTHON_PREFIX, help="text before every prompt (default: %(default)r)")
    parser.add_argument("--timeout-s", type=float, default=SandboxLimits.timeout_s, help="per program (paper: 3 s)")
    parser.add_argument("--memory-mb", type=int, default=SandboxLimits.memory_mb, help="address space per program")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="programs run in parallel")
    parser.add_argument("--device", default="cpu", help="torch device")
    parser.add_argument("--tokenizer", help="tokenizer.model to use instead of the checkpoint's copy")


def _eval(args: argparse.Namespace, beam_args: list[str]) -> int:
    from dataclasses import fields

    from training.evaluate import EvalRequest, run

    return run(EvalRequest(**{f.name: getattr(args, f.name) for f in fields(EvalRequest)}))


# --------------------------------------------------------------------------- incoder export


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    from training.export import DTYPES

    parser.add_argument("--checkpoint", required=True, help="checkpoint directory or a run's checkpoints/ directory")
    parser.add_argument("--out", required=True, help="output directory (local, gs://, s3://)")
    parser.add_argument("--dtype", default="float32", choices=list(DTYPES), help="weight precision of the export")
    parser.add_argument("--tokenizer", help="tokenizer.model to export instead of the checkpoint's copy")
    parser.add_argument("--no-verify", dest="verify", action="store_false",
                        help="skip reloading the export and comparing logits")
    parser.add_argument("--tolerance", type=float, default=1e-4, help="largest logit difference accepted (float32)")


def _export(args: argparse.Namespace, beam_args: list[str]) -> int:
    from training.export import export_checkpoint

    written = export_checkpoint(args.checkpoint, args.out, args.dtype, args.verify, args.tolerance, args.tokenizer)
    for path in written:
        print(path)
    return 0


# --------------------------------------------------------------------------- incoder submit


def _submit_arguments(parser: argparse.ArgumentParser) -> None:
    add_config_arguments(parser)
    parser.add_argument("--nodes", type=int, required=True, help="number of nodes")
    parser.add_argument("--gpus-per-node", type=int, required=True, help="GPUs (training processes) per node")
    parser.add_argument("--partition", help="Slurm partition")
    parser.add_argument("--account", help="Slurm account")
    parser.add_argument("--time", default="24:00:00", help="time limit per run of the job (default %(default)s)")
    parser.add_argument("--job-name", default="incoder-train")
    parser.add_argument("--cpus-per-task", type=int, help="CPUs per node's task (data loading workers need them)")
    parser.add_argument("--signal-seconds", type=int, default=120, help="requeue this long before the time limit")
    parser.add_argument("--port", type=int, default=29500, help="c10d rendezvous port on the head node")
    parser.add_argument("--python", default=sys.executable, help="interpreter on the nodes (default: this one)")
    parser.add_argument("--setup", action="append", default=[], metavar="CMD",
                        help="shell line run before training, e.g. 'module load cuda' (repeatable)")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                        help="environment variable for the job, e.g. NCCL_SOCKET_IFNAME=ib0 (repeatable)")
    parser.add_argument("--exclusive", action="store_true", help="whole nodes only")
    parser.add_argument("--script", help="where to write the script (default <output_dir>/slurm/<job-name>.sbatch)")
    parser.add_argument("--dry-run", action="store_true", help="write and print the script, do not submit")


def _submit(args: argparse.Namespace, beam_args: list[str]) -> int:
    from training.submit import make_job, write_and_submit

    job = make_job(args.config, args.overrides, nodes=args.nodes, gpus_per_node=args.gpus_per_node,
                   job_name=args.job_name, partition=args.partition, account=args.account, time=args.time,
                   cpus_per_task=args.cpus_per_task, signal_seconds=args.signal_seconds, port=args.port,
                   python=args.python, setup=args.setup, env=args.env, exclusive=args.exclusive)
    return write_and_submit(job, args.script, args.dry_run)


TRAIN = Command(_train_arguments, _train, "training.cli")
INFILL = Command(_infill_arguments, _infill, "training.infill")
EVAL = Command(_eval_arguments, _eval, "training.evaluate")
EXPORT = Command(_export_arguments, _export, "training.export")
SUBMIT = Command(_submit_arguments, _submit, "training.submit")
