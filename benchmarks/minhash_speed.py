"""MinHash signature speed: pipeline.algorithms.minhash vs datasketch's batch API, side by side.

Same documents (Python standard library sources), same shingles (5-grams of BigCode word tokens), same
``num_perm`` and seed. Three timings per round, interleaved, best of ``--repeat`` rounds:

- ``datasketch``: text -> shingle list -> ``MinHash.bulk(..., num_perm)`` (update_batch per document);
- ``ours sha1``: ``MinHasher(hash="sha1").signature(text)``, checked bit-identical to datasketch;
- ``ours token_mix`` (the stage's default): ``MinHasher(hash="token_mix").signature(text)``, a new
  ``MinHasher`` per round so its per-worker token cache starts cold each time.

Also reported against ``datasketch bulk only`` (shingles prepared outside the timer), the harshest
comparison: ours still starts from text. One process, so docs/s and MB/s are per core.

    .venv/bin/python benchmarks/minhash_speed.py [--files 400] [--num-perm 256] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import sysconfig
import time
from pathlib import Path

import numpy as np
from datasketch import MinHash

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.algorithms.minhash import MinHasher  # noqa: E402
from pipeline.algorithms.shingles import tokenize  # noqa: E402


def shingle_list(text: str, ngram: int = 5) -> list[bytes]:
    """The shingles a datasketch user feeds to update_batch (repeats included), built as fast as we can."""
    toks = tokenize(text)
    if len(toks) < ngram:
        return [b" ".join(toks)] if toks else []
    return list(map(b" ".join, zip(*(toks[i:] for i in range(ngram)), strict=False)))


def load_texts(limit: int) -> list[str]:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    files = sorted(p for p in stdlib.rglob("*.py") if "site-packages" not in p.parts)[:limit]
    return [p.read_text(encoding="utf-8", errors="replace") for p in files]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--num-perm", type=int, default=256)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    texts = load_texts(args.files)
    mbytes = sum(len(t.encode("utf-8", "surrogatepass")) for t in texts) / 1e6
    sha1 = MinHasher(args.num_perm, seed=1, hash="sha1")
    prepared = [shingle_list(t) for t in texts]

    def run_datasketch():
        return MinHash.bulk([shingle_list(t) for t in texts], num_perm=args.num_perm, seed=1)

    def run_bulk_only():
        return MinHash.bulk(prepared, num_perm=args.num_perm, seed=1)

    runs = {
        "datasketch (text -> bulk)": run_datasketch,
        "datasketch bulk only": run_bulk_only,
        "ours sha1": lambda: [sha1.signature(t) for t in texts],
        # a fresh hasher per round: its token cache starts cold, as on a new worker
        "ours token_mix": lambda: [
            fast.signature(t) for fast in [MinHasher(args.num_perm, seed=1)] for t in texts
        ],
    }
    best = dict.fromkeys(runs, float("inf"))
    results = {}
    for _ in range(args.repeat):
        for name, fn in runs.items():
            start = time.perf_counter()
            results[name] = fn()
            best[name] = min(best[name], time.perf_counter() - start)

    identical = all(
        (sig is None and not shingles) or (sig is not None and np.array_equal(sig, ref.hashvalues))
        for sig, ref, shingles in zip(
            results["ours sha1"], results["datasketch (text -> bulk)"], prepared, strict=True
        )
    )
    base = best["datasketch (text -> bulk)"]
    print(f"{len(texts)} files, {mbytes:.1f} MB, num_perm={args.num_perm}, best of {args.repeat}, 1 core")
    print(f"{'method':28s} {'seconds':>8s} {'docs/s':>8s} {'MB/s':>6s} {'speed-up':>9s}")
    for name, seconds in best.items():
        print(
            f"{name:28s} {seconds:8.3f} {len(texts) / seconds:8.0f} {mbytes / seconds:6.2f} "
            f"{base / seconds:8.2f}x"
        )
    bulk = best["datasketch bulk only"]
    print(f"ratio ours token_mix / datasketch (text -> bulk): {base / best['ours token_mix']:.2f}x")
    print(f"ratio ours sha1      / datasketch (text -> bulk): {base / best['ours sha1']:.2f}x")
    print(f"ratio ours token_mix / datasketch bulk only:      {bulk / best['ours token_mix']:.2f}x")
    print(f"ours sha1 signatures bit-identical to datasketch: {identical}")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
