#!/usr/bin/env python3
"""Compare two demo output directories (``incoder run --config configs/demo.yaml``) byte for byte.

  .venv/bin/python benchmarks/compare_runs.py OUT_A OUT_B    (two output directories of the demo)

Checked:
- documents/, rejected/, dedup_keys/: every parquet part, bytes identical (same file names);
- release/: every file bytes identical (train/validation/heldout parts, tokenizer, attribution,
  rejected, DATACARD.md, charts, dedup_keys), except manifest.json, compared as JSON minus
  MANIFEST_IGNORED (environment, not data: package versions);
- tokenizer/: spm.model, spm.vocab, hf/ bytes identical (training.json minus elapsed times);
- train/metrics.jsonl: every row's step and loss values (train loss, val loss, lr) identical;
  time-dependent fields (throughput, elapsed, MFU, memory) ignored;
- stats.json minus elapsed_s and config_digest (the SHA-256 of the whole resolved config, which holds
  output_dir and the paths derived from it); config.yaml with each run's output_dir replaced by OUT.
Path- or time-dependent by design, so not compared: those two stats.json fields, the
output_dir-derived paths in config.yaml (normalised), manifest.json's package_versions (the
environment; the manifest's config_sha256 leaves output_dir out and is compared).
Exit status 0 when everything matches, 1 otherwise (each difference is printed).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

MANIFEST_IGNORED = {"package_versions"}  # installed versions: the environment, not the data
METRIC_KEYS = ("step", "loss", "val_loss", "lr", "grad_norm", "tokens")  # compared when present
TIME_WORDS = ("per_s", "elapsed", "mfu", "time", "memory", "seconds", "tflops", "_s")


def files(root: Path, sub: str) -> dict[str, bytes]:
    base = root / sub
    return {p.relative_to(base).as_posix(): p.read_bytes() for p in sorted(base.rglob("*"))
            if p.is_file() and "/_" not in "/" + p.relative_to(base).as_posix()}


def compare_tree(a: Path, b: Path, sub: str, skip: set[str], problems: list[str]) -> int:
    fa, fb = files(a, sub), files(b, sub)
    for name in sorted(set(fa) ^ set(fb)):
        problems.append(f"{sub}/{name}: only in {'base' if name in fa else 'after'}")
    same = 0
    for name in sorted(set(fa) & set(fb) - skip):
        if fa[name] != fb[name]:
            problems.append(f"{sub}/{name}: bytes differ")
        else:
            same += 1
    return same


def compare_json(a: object, b: object, where: str, problems: list[str]) -> None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                problems.append(f"{where}.{key}: only in {'base' if key in a else 'after'}")
            else:
                compare_json(a[key], b[key], f"{where}.{key}", problems)
    elif a != b:
        problems.append(f"{where}: {str(a)[:80]} != {str(b)[:80]}")


def metric_rows(path: Path) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [{k: v for k, v in r.items() if not any(w in k for w in TIME_WORDS) or k in METRIC_KEYS} for r in rows]


def main(a: Path, b: Path) -> int:
    problems: list[str] = []
    report = []
    for sub in ("documents", "rejected", "dedup_keys"):
        report.append(f"{sub}: {compare_tree(a, b, sub, set(), problems)} files identical")
    report.append(f"release: {compare_tree(a, b, 'release', {'manifest.json'}, problems)} files identical "
                  "(manifest.json compared as JSON)")
    ma = json.loads((a / "release/manifest.json").read_text())
    mb = json.loads((b / "release/manifest.json").read_text())
    raw_same = (a / "release/manifest.json").read_bytes() == (b / "release/manifest.json").read_bytes()
    for key in MANIFEST_IGNORED:
        ma.pop(key, None), mb.pop(key, None)
    compare_json(ma, mb, "manifest", problems)
    report.append(f"release/manifest.json: bytes {'identical' if raw_same else 'differ'}; "
                  f"JSON minus {sorted(MANIFEST_IGNORED)} compared")
    report.append(f"tokenizer: {compare_tree(a, b, 'tokenizer', {'training.json'}, problems)} files identical")
    ta = json.loads((a / "tokenizer/training.json").read_text())
    tb = json.loads((b / "tokenizer/training.json").read_text())
    strip = lambda d: {k: v for k, v in d.items() if not any(w in k for w in TIME_WORDS)}  # noqa: E731
    compare_json(strip(ta), strip(tb), "tokenizer/training.json", problems)
    ra, rb = metric_rows(a / "train/metrics.jsonl"), metric_rows(b / "train/metrics.jsonl")
    if len(ra) != len(rb):
        problems.append(f"train/metrics.jsonl: {len(ra)} rows vs {len(rb)}")
    for i, (x, y) in enumerate(zip(ra, rb, strict=False)):
        compare_json(x, y, f"train/metrics.jsonl[{i}]", problems)
    losses = sum(1 for r in ra if "loss" in r or "val_loss" in r)
    report.append(f"train/metrics.jsonl: {len(ra)} rows ({losses} with losses) compared")
    sa = json.loads((a / "stats.json").read_text())
    sb = json.loads((b / "stats.json").read_text())
    for key in ("elapsed_s", "config_digest"):
        sa.pop(key, None), sb.pop(key, None)
    compare_json(sa, sb, "stats.json", problems)
    ca = (a / "config.yaml").read_text().replace(str(a), "OUT").splitlines()
    cb = (b / "config.yaml").read_text().replace(str(b), "OUT").splitlines()
    cfg_diff = [f"config.yaml: {x!r} != {y!r}" for x, y in zip(ca, cb, strict=False) if x != y]
    problems += cfg_diff + ([f"config.yaml: {len(ca)} lines vs {len(cb)}"] if len(ca) != len(cb) else [])
    report.append(f"stats.json (minus elapsed_s, config_digest) and config.yaml ({len(ca)} lines, output_dir "
                  "normalised) compared")
    print("\n".join(report))
    if problems:
        print(f"\n{len(problems)} difference(s):")
        print("\n".join(f"  - {p}" for p in problems[:200]))
        return 1
    print("\nall compared outputs identical")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
