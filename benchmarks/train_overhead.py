"""Train-step overhead of ``Trainer.train_step`` against a bare PyTorch loop on the same model, on CPU.

Both run the same model architecture from the same initial weights on the same pre-loaded batches
(data loading excluded), interleaved step by step and compared by median step time (robust to
load spikes on a shared machine): the bare loop is forward, weighted cross-entropy, backward, clip, AdamW step;
the trainer adds everything it does per step (loss normalisation, rank reduction, non-finite check,
grad-norm read-back, LR schedule, counters). Goal: overhead <= 10%.

    .venv/bin/python benchmarks/train_overhead.py [--steps 20] [--rounds 3]
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import tempfile
import time

import torch
import torch.nn.functional as F

from pipeline.config import parse_config
from training.synthetic import random_documents, write_release
from training.trainer import Trainer

MODEL = {"d_model": 256, "n_layers": 4, "n_heads": 4, "d_ff": 1024, "max_seq_len": 256}


def bare_step(model: torch.nn.Module, optimizer: torch.optim.Optimizer, batch: dict) -> float:
    start = time.perf_counter()
    logits = model(batch["inputs"])
    loss = (F.cross_entropy(logits.flatten(0, 1), batch["targets"].flatten(), reduction="none")
            * batch["weights"].flatten()).sum() / batch["weights"].sum()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    optimizer.zero_grad(set_to_none=True)
    return time.perf_counter() - start


def trainer_step(trainer: Trainer, batch: dict) -> float:
    start = time.perf_counter()
    trainer.train_step([batch])
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        write_release(f"{tmp}/release", {"train": random_documents(400, 0, 4000, 100, 1000)}, 4000)
        cfg = parse_config({"output_dir": tmp, "train": {
            "model": MODEL, "seq_len": 256, "micro_batch_size": 8, "max_steps": 10**6, "progress": False,
            "optimizer": {"lr": 1e-4, "warmup_steps": 10}}})
        trainer = Trainer(cfg.train)
        source = trainer.batches()
        batches = [next(source) for _ in range(args.steps)]
        bare = copy.deepcopy(trainer.model)
        optimizer = torch.optim.AdamW(bare.parameters(), lr=1e-4, betas=(0.9, 0.98), weight_decay=0.01, foreach=False)
        for batch in batches[:2]:  # warm up both
            bare_step(bare, optimizer, batch)
            trainer_step(trainer, batch)
        t_bare: list[float] = []
        t_trainer: list[float] = []
        for r in range(args.rounds):
            for i, batch in enumerate(batches):  # interleaved step by step, alternating which goes first
                if (i + r) % 2:
                    t_trainer.append(trainer_step(trainer, batch))
                    t_bare.append(bare_step(bare, optimizer, batch))
                else:
                    t_bare.append(bare_step(bare, optimizer, batch))
                    t_trainer.append(trainer_step(trainer, batch))
        trainer.close()
    tokens = 8 * 256
    med_bare, med_trainer = statistics.median(t_bare), statistics.median(t_trainer)
    print(f"{'loop':10s} {'median ms/step':>15s} {'tokens/s':>10s}   ({len(t_bare)} steps each)")
    print(f"{'bare':10s} {1e3 * med_bare:15.1f} {tokens / med_bare:10,.0f}")
    print(f"{'trainer':10s} {1e3 * med_trainer:15.1f} {tokens / med_trainer:10,.0f}")
    overhead = med_trainer / med_bare - 1
    n = len(batches)
    per_round = [statistics.median(t_trainer[r * n:(r + 1) * n]) / statistics.median(t_bare[r * n:(r + 1) * n])
                 for r in range(args.rounds)]
    spread = statistics.stdev(per_round) if len(per_round) > 1 else 0.0
    print(f"trainer / bare per round (median of its steps): {', '.join(f'{x:.3f}' for x in per_round)}; "
          f"mean {statistics.fmean(per_round):.3f} +- {spread:.3f}")
    met = overhead <= 0.10
    print(f"trainer / bare = {med_trainer / med_bare:.3f}  (overhead {overhead:+.1%}; goal <= +10%: "
          f"{'met' if met else 'MISSED'})")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
