"""Data-loader throughput per core: packing + causal masking + collation vs reading the shards alone.

Writes a synthetic release (random documents, InCoder's vocabulary size) to a temporary directory,
then, on one thread, times side by side:

- baseline: read every row group's ``input_ids`` and flatten it to numpy (the I/O and decode floor);
- loader:   ``PackedDataset`` batches (shuffled order, 2048-token blocks, causal masking, tensors).

Rates are tokens per CPU second of this process (mean and spread of ``--repeats`` passes), so the
other jobs of a shared machine disturb them less than wall time would. Goal: >= 1M
tokens/s per core, so one core feeds several GPUs; exit 1 when missed.

    .venv/bin/python benchmarks/dataloader.py [--tokens 20000000] [--objective causal_masking]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time

import numpy as np
import torch

from training.config import TrainConfig
from training.data import PackedDataset
from training.release import Release
from training.synthetic import random_documents, write_release


def baseline(release: Release) -> int:
    tokens = 0
    for shard in release.files("train"):
        pf = release.open_parquet(shard)
        for g in range(pf.num_row_groups):
            column = pf.read_row_group(g, columns=["input_ids"]).column("input_ids").combine_chunks()
            tokens += len(column.values.to_numpy())
    return tokens


def loader(release: Release, cfg: TrainConfig) -> int:
    tokens = 0
    for batch in PackedDataset(release, cfg, seed=1, epoch=0, rank=0, world_size=1):
        tokens += batch["inputs"].numel()
    return tokens


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=20_000_000, help="approximate size of the release")
    parser.add_argument("--objective", default="causal_masking", choices=["causal_masking", "fim", "causal_lm"])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(1)
    with tempfile.TemporaryDirectory() as tmp:
        docs = random_documents(args.tokens // 1025, 0, 50518, 50, 2000)
        write_release(tmp, {"train": docs}, 50518, files_per_split=4, row_group_size=1000)
        release = Release(tmp)
        cfg = TrainConfig(preset="incoder-1B", seq_len=2048, micro_batch_size=8, objective=args.objective)
        rows = []
        for name, fn in [("baseline (read + flatten)", lambda: baseline(release)), ("loader (pack + mask)", lambda: loader(release, cfg))]:
            rates = []
            for _ in range(args.repeats):
                start = time.process_time()  # CPU seconds of this one-thread process: a per-core rate
                n = fn()
                rates.append(n / (time.process_time() - start))
            rows.append((name, n, statistics.fmean(rates), statistics.stdev(rates) if len(rates) > 1 else 0.0))
    print(f"{'run':28s} {'tokens':>12s} {'tokens/s/core (mean +- sd of ' + str(args.repeats) + ')':>36s}")
    for name, n, rate, sd in rows:
        print(f"{name:28s} {n:12,d} {rate:24,.0f} +- {sd:10,.0f}")
    met = rows[1][2] >= 1e6
    print(f"loader / baseline = {rows[1][2] / rows[0][2]:.3f}   (goal: loader >= 1,000,000 tokens/s/core: "
          f"{'met' if met else 'MISSED'})")
    return 0 if met else 1


if __name__ == "__main__":
    np.seterr(all="raise")
    sys.exit(main())
