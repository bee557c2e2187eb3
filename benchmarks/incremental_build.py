"""Incremental builds: time of ``build.dedup_against`` grows with the new data, not with the past release.

Corpus (real Python packages of this machine, one repository per package):

- past: standalone packages of the project virtualenv (``requests``, ``urllib3``, ``idna``...: the
  packages pip vendors come first, then the others in name order) up to ``--past-files`` files; a
  "small past" of the first ``--small-past-files`` of them;
- new: the packages pip vendors (``pip/_vendor/<pkg>``), i.e. new repositories half of which copy
  past ones exactly or nearly (other versions of the same packages).

Untimed setup: build v1 from each past, and publish its ``dedup_keys/`` with a manifest as
``incoder shard`` does (all a later build reads of a release). Timed, passes interleaved, each build
in a fresh directory with the same config (licence detection off, 8 connected-components rounds,
everything else default):

- ``new``: the new packages alone, no dedup against the past (the floor);
- ``inc(S)`` / ``inc(L)``: the new packages with ``build.dedup_against: [v1 small / large]``;
- ``full(S)`` / ``full(L)``: past + new rebuilt together (the baseline: what a team does without
  incremental builds, giving the same decisions for the new documents).

Goals (exit 1 when missed): the incremental build's growth when the past grows from S to L is at most
25% of the full rebuild's growth, ``(inc(L) - inc(S)) / (full(L) - full(S)) <= 0.25``; and
``inc(L) / full(L) <= 0.5``. Mean and spread (stdev) over ``--passes`` passes (>= 3), never the best.

    .venv/bin/python benchmarks/incremental_build.py [--past-files 3000] [--small-past-files 600] [--passes 3]
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
# benchmarks/ itself off the path: a benchmark module named like a stdlib one (secrets.py) would shadow it.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT))

from pipeline.build import run_build  # noqa: E402
from pipeline.config import parse_config  # noqa: E402
from tokenizer import release, release_keys  # noqa: E402

SITE = Path(sys.prefix) / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"
VENDOR = SITE / "pip" / "_vendor"
MAX_BYTES = 200_000


def _py_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts and 0 < p.stat().st_size <= MAX_BYTES)


def _packages() -> tuple[list[Path], list[Path]]:
    """(past candidates, new packages): standalone twins of pip's vendored packages first."""
    new = sorted(p for p in VENDOR.iterdir() if p.is_dir() and (p / "__init__.py").exists())
    twins = [SITE / p.name for p in new if (SITE / p.name / "__init__.py").exists()]
    others = sorted(p for p in SITE.iterdir() if p.is_dir() and (p / "__init__.py").exists()
                    and p.name not in {t.name for t in twins} and p.name not in ("pip", "setuptools"))
    return twins + others, new


def _copy_tree(packages: list[Path], dest: Path, max_files: int) -> int:
    copied = 0
    for package in packages:
        files = _py_files(package)
        if copied and copied + len(files) > max_files * 1.1:
            continue
        for path in files:
            target = dest / package.name / path.relative_to(package)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        copied += len(files)
        if copied >= max_files:
            break
    return copied


def _config(out: Path, sources: list[Path], against: list[Path]) -> dict:
    return {"output_dir": str(out), "build": {
        "sources": [{"kind": "local", "path": str(s)} for s in sources], "output": {"num_shards": 2},
        "license": {"enabled": False}, "near_dedup": {"max_iterations": 8},
        "dedup_against": [str(a) for a in against]}}


def _build(out: Path, sources: list[Path], against: list[Path] = ()) -> tuple[float, dict]:
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    stats = run_build(parse_config(_config(out, sources, list(against))), [], progress_every=0)
    return time.perf_counter() - started, stats


def _publish_keys(build_out: Path, release_dir: Path) -> int:
    """A release holding what dedup_against reads: dedup_keys/ and the manifest's section."""
    shutil.rmtree(release_dir, ignore_errors=True)
    shutil.copytree(build_out / "dedup_keys", release_dir / "dedup_keys")
    entries = []
    for part in sorted((release_dir / "dedup_keys").glob("part-*.parquet")):
        rows = pq.read_metadata(part).num_rows
        data = part.read_bytes()
        entries.append({"path": f"dedup_keys/{part.name}", "sha256": release.sha256_bytes(data),
                        "bytes": len(data), "documents": rows})
    params = release_keys.read_params(str(release_dir / entries[0]["path"]))
    section = release_keys.manifest_section(entries, params)
    (release_dir / "manifest.json").write_text(json.dumps({"name": release_dir.name, "dedup_keys": section}))
    return section["documents"]


def _summary(values: list[float]) -> str:
    return f"{statistics.mean(values):7.1f}s ± {statistics.stdev(values) if len(values) > 1 else 0:4.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--past-files", type=int, default=3000)
    parser.add_argument("--small-past-files", type=int, default=600)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--work", help="work directory (default: a temporary one, removed after)")
    args = parser.parse_args()
    if args.passes < 3:
        parser.error("--passes must be >= 3 (mean and spread)")
    logging.basicConfig(level=logging.WARNING)
    work = Path(args.work or tempfile.mkdtemp(prefix="incoder-incremental-"))
    past_candidates, new_packages = _packages()
    trees = {"past_L": work / "past_L", "past_S": work / "past_S", "new": work / "new"}
    files = {"past_L": _copy_tree(past_candidates, trees["past_L"], args.past_files),
             "past_S": _copy_tree(past_candidates, trees["past_S"], args.small_past_files),
             "new": _copy_tree(new_packages, trees["new"], 10**9)}
    print(f"files: past L {files['past_L']}, past S {files['past_S']}, new {files['new']} "
          f"(pip/_vendor: {', '.join(p.name for p in new_packages)})")
    releases = {}
    for size in ("S", "L"):
        _build(work / f"v1_{size}", [trees[f"past_{size}"]])
        releases[size] = work / f"release_{size}"
        print(f"v1 {size}: {_publish_keys(work / f'v1_{size}', releases[size])} documents in the release")
    runs = {
        "new": lambda: _build(work / "run", [trees["new"]]),
        "inc(S)": lambda: _build(work / "run", [trees["new"]], [releases["S"]]),
        "inc(L)": lambda: _build(work / "run", [trees["new"]], [releases["L"]]),
        "full(S)": lambda: _build(work / "run", [trees["past_S"], trees["new"]]),
        "full(L)": lambda: _build(work / "run", [trees["past_L"], trees["new"]]),
    }
    times: dict[str, list[float]] = {name: [] for name in runs}
    kept: dict[str, int] = {}
    for p in range(args.passes):
        for name, run in runs.items():
            elapsed, stats = run()
            times[name].append(elapsed)
            kept[name] = stats["documents"]["count"]
            removed = stats.get("past_release_dedup", {}).get("removed", 0)
            print(f"pass {p + 1} {name:<8} {elapsed:6.1f}s  kept {kept[name]:>5}  in_past_release {removed}")
    mean = {name: statistics.mean(v) for name, v in times.items()}
    print("\nbuild        mean ± stdev   kept")
    for name in runs:
        print(f"{name:<10} {_summary(times[name])}  {kept[name]:>5}")
    growth = (mean["inc(L)"] - mean["inc(S)"]) / max(mean["full(L)"] - mean["full(S)"], 1e-9)
    ratio = mean["inc(L)"] / mean["full(L)"]
    print(f"\npast grows {files['past_S']} -> {files['past_L']} files: incremental build grows by "
          f"{mean['inc(L)'] - mean['inc(S)']:+.1f}s, full rebuild by {mean['full(L)'] - mean['full(S)']:+.1f}s "
          f"-> growth ratio {growth:.2f} (goal <= 0.25)")
    print(f"inc(L) / full(L) = {ratio:.2f} (goal <= 0.50); inc(L) / new alone = {mean['inc(L)'] / mean['new']:.2f}")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    ok = growth <= 0.25 and ratio <= 0.5
    print("goal " + ("met" if ok else "MISSED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
