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

from pipeline.config import add_config_arguments, load_config, parse_overrides

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_config_arguments(parser)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--resume", action="store_true",
                       help="continue from the latest checkpoint in the run directory (error if none)")
    group.add_argument("--fresh", action="store_true",
                       help="delete the run directory's checkpoints and start over")


def run(args: argparse.Namespace, beam_args: list[str]) -> int:
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
