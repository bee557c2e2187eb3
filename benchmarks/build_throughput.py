"""End-to-end build throughput on the python-env source, and each spine stage's share of the time.

    .venv/bin/python benchmarks/build_throughput.py                       # the configs/build/python-env.yaml set
    .venv/bin/python benchmarks/build_throughput.py --include 'pip' 'requests' --all-stages
    .venv/bin/python benchmarks/build_throughput.py --workers 2           # multi-process DirectRunner

Three measurements on the same input, side by side in one process:

1. baseline: reading every file of the selected distributions in plain Python (the I/O floor);
2. each spine stage's algorithm alone on the same files (read, files->documents, filters, exact-dedup
   key), timed per stage, giving each stage's share of the spine's CPU time;
3. the real Beam build (``run_build``) on the same config, as MB of source per second per core.

The figure printed is build MB/s/core and its ratio to the baseline read rate (how much of the read
speed the whole pipeline keeps). By default sibling stages (licences, near-dedup, PII, decontamination)
are disabled so the spine is measured; ``--all-stages`` runs the complete chain.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from pathlib import Path

import yaml

from pipeline.algorithms.filters import apply_filters
from pipeline.algorithms.text import exact_dedup_key
from pipeline.build import run_build
from pipeline.config import FilterConfig, Limits, parse_config
from pipeline.sources import caps_from, list_entries, read_entry
from pipeline.stages.files_to_documents import convert
from pipeline.stages.filter_quality import thresholds_from

REPO = Path(__file__).resolve().parents[1]
SIBLINGS_OFF = {"license": {"enabled": False}, "near_dedup": {"enabled": False}, "pii": {"enabled": False},
                "decontamination": {"enabled": False}}


def default_include() -> list[str]:
    data = yaml.safe_load((REPO / "configs/build/python-env.yaml").read_text())
    return data["build"]["sources"][0]["include"]


def isolated_stages(cfg) -> tuple[dict[str, float], int, int]:
    """Seconds per spine stage run alone (plain Python) on the same files; total bytes and files read."""
    build = cfg.build
    caps = caps_from(build.limits)
    timings = {"ReadRepositories": 0.0, "FilesToDocuments": 0.0, "FilterQuality": 0.0, "DedupExact(key)": 0.0}
    started = time.perf_counter()
    raws = []
    for entry in list_entries(build):
        entry = {**entry, "meta": dict(entry["meta"])}
        for event in read_entry(entry, caps):
            if event.kind == "file":
                raws.append({"source": entry["source"], "repo": entry["repo"], "path": event.path,
                             "data": event.data, "size_bytes": event.size, "host_license": None})
    timings["ReadRepositories"] = time.perf_counter() - started
    total_bytes = sum(r["size_bytes"] for r in raws)

    started = time.perf_counter()
    docs = [d for d, _, _ in (convert(r, build.filters, None) for r in raws) if d is not None]
    timings["FilesToDocuments"] = time.perf_counter() - started

    thresholds = thresholds_from(build.filters)
    started = time.perf_counter()
    kept = [d for d in docs if apply_filters(d["content"], thresholds)[0]]
    timings["FilterQuality"] = time.perf_counter() - started

    started = time.perf_counter()
    keys = {exact_dedup_key(d["ext"] or "", d["content"]) for d in kept}
    timings["DedupExact(key)"] = time.perf_counter() - started
    logging.info("isolated: %d files, %d documents, %d kept, %d distinct keys", len(raws), len(docs), len(kept), len(keys))
    return timings, total_bytes, len(raws)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--include", nargs="+", default=None, help="distribution name patterns (default: python-env.yaml's)")
    parser.add_argument("--workers", type=int, default=1, help="DirectRunner workers (processes when > 1)")
    parser.add_argument("--all-stages", action="store_true", help="also run licences, PII, decontamination, near-dedup")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    with tempfile.TemporaryDirectory() as out:
        build = {"sources": [{"kind": "python-env", "include": args.include or default_include()}],
                 "limits": Limits().model_dump(), "filters": FilterConfig().model_dump(), "output": {"num_shards": 4}}
        if not args.all_stages:
            build.update(SIBLINGS_OFF)
        cfg = parse_config({"output_dir": out, "build": build})

        timings, total_bytes, n_files = isolated_stages(cfg)
        mb = total_bytes / 1e6
        baseline_rate = mb / timings["ReadRepositories"]

        beam_args = [] if args.workers == 1 else [f"--direct_num_workers={args.workers}",
                                                   "--direct_running_mode=multi_processing"]
        started = time.perf_counter()
        stats = run_build(cfg, beam_args)
        elapsed = time.perf_counter() - started
        build_rate = mb / elapsed / args.workers

    spine = sum(timings.values())
    print(f"input: {n_files} files, {mb:.1f} MB of source from {len(args.include or default_include())} include patterns")
    print(f"baseline  (read files, plain Python, 1 core): {baseline_rate:8.2f} MB/s")
    print(f"build     (Beam, {'all stages' if args.all_stages else 'spine only'}, {args.workers} core(s)): "
          f"{build_rate:8.2f} MB/s/core   wall {elapsed:.1f}s   documents {stats['documents']['count']}")
    print(f"ratio build/baseline: {build_rate / baseline_rate:.3f}")
    print("spine stage shares (each alone on the same input, plain Python):")
    for stage, seconds in timings.items():
        print(f"  {stage:<18} {seconds:7.2f}s  {100 * seconds / spine:5.1f}%")
    print("Beam stage counters (seen):", {s: c["seen"] for s, c in stats["stages"].items()})


if __name__ == "__main__":
    main()
