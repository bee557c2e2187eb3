"""How the build's cost grows with input: wall time and peak RSS at 1x, 4x and 16x of a real corpus.

Corpus: real Python packages of this environment (one repository per package, ``.py`` files only) up
to ``--base-mb``. The larger sizes add mutated replicas of every repository, the way forks and vendored
copies look in a real crawl, so near-duplicates grow with size as they do there:
- renamed identifiers (a few names per file, renamed consistently through the file),
- edited lines (deleted, duplicated or changed; from 1% to 20% of a file's lines),
- reordered files (files moved under another folder, top-level blocks of some files swapped),
- about a fifth of the files copied unchanged (exact duplicates).

Each size is built ``--repeat`` times by ``incoder build`` in a fresh process (the in-process runner,
one worker, licence detection off so that scancode's index load does not hide the curve; every other
stage on), measuring wall time and the process's peak RSS (``os.wait4``). Reported: mean and spread
per size, seconds per input MB, near-dedup connected-component rounds (``DedupNear`` ``cc.iterations``)
and removals against size, and a PNG chart.

Goals: time linear in input (the marginal CPU seconds per MB between the two largest sizes at most
1.25x the average over the whole range, from 1x: the start-up cost cancels out, and a superlinear
stage would show as a steeper last segment) and memory per worker flat (from 4x to 16x, peak RSS grows by less than 1 MB per input MB:
a worker that holds its whole input in memory is not flat, whatever the start-up footprint). Exit 1
when either is missed.

    .venv/bin/python benchmarks/scaling.py [--base-mb 0.5] [--factors 1 4 16] [--repeat 3] [--chart PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ["requests", "urllib3", "idna", "packaging", "yaml", "tqdm", "charset_normalizer", "pyparsing",
            "certifi", "attr", "click", "jinja2", "markupsafe", "pygments", "rich", "dateutil"]
IDENT = re.compile(r"\b[a-z_][a-z0-9_]{3,}\b")
KEYWORDS = {"self", "None", "True", "False", "return", "import", "from", "class", "def", "else", "elif",
            "while", "with", "yield", "lambda", "assert", "raise", "pass", "break", "continue", "global",
            "except", "finally", "print", "super", "async", "await", "nonlocal"}


def base_corpus(max_mb: float) -> dict[str, dict[str, str]]:
    """{repository: {path: text}}: whole packages, in the order above, until ``max_mb``."""
    site = Path(sysconfig.get_paths()["purelib"])
    repos, total = {}, 0
    for name in PACKAGES:
        root = site / name
        if not root.is_dir() or total >= max_mb * 1e6:
            continue
        files = {}
        for path in sorted(root.rglob("*.py")):
            text = path.read_text(encoding="utf-8", errors="replace")
            if text.strip() and total < max_mb * 1e6:
                files[str(path.relative_to(root))] = text
                total += len(text.encode())
        repos[name] = files
    return repos


def rename_identifiers(text: str, rng: random.Random) -> str:
    names = sorted({m for m in IDENT.findall(text) if m not in KEYWORDS})
    for old in rng.sample(names, min(len(names), rng.randint(1, 5))):
        text = re.sub(rf"\b{re.escape(old)}\b", f"{old}_{rng.choice(['v2', 'new', 'impl', 'x'])}", text)
    return text


def edit_lines(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    share = rng.choice([0.01, 0.03, 0.08, 0.2])
    for _ in range(max(1, int(len(lines) * share))):
        i = rng.randrange(len(lines))
        action = rng.random()
        if action < 0.4:
            lines[i] = lines[i] + "  # changed"
        elif action < 0.7:
            lines.insert(i, lines[i])
        elif len(lines) > 1:
            del lines[i]
    return "\n".join(lines)


def swap_blocks(text: str, rng: random.Random) -> str:
    blocks = text.split("\n\n\n")
    if len(blocks) > 2:
        i, j = rng.sample(range(1, len(blocks)), 2)
        blocks[i], blocks[j] = blocks[j], blocks[i]
    return "\n\n\n".join(blocks)


def mutate(files: dict[str, str], rng: random.Random) -> dict[str, str]:
    """A fork of a repository: some files verbatim, most edited, some moved or reordered."""
    out = {}
    for path, text in files.items():
        if rng.random() >= 0.2:
            text = edit_lines(rename_identifiers(text, rng), rng)
            if rng.random() < 0.2:
                text = swap_blocks(text, rng)
        if rng.random() < 0.3:
            path = f"{rng.choice(['src', 'lib', 'vendor_copy'])}/{path}"
        out[path] = text
    return out


def write_corpus(root: Path, repos: dict[str, dict[str, str]], factor: int, seed: int = 7) -> float:
    """Base repositories plus ``factor - 1`` mutated replicas of each; returns MB written."""
    rng = random.Random(seed)
    total = 0
    for name, files in repos.items():
        for copy in range(factor):
            tree = files if copy == 0 else mutate(files, rng)
            for path, text in tree.items():
                target = root / (name if copy == 0 else f"{name}-fork{copy}") / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
                total += len(text.encode())
    return total / 1e6


def build_once(source: Path, out: Path) -> dict:
    config = {"output_dir": str(out), "build": {"sources": [{"kind": "local", "path": str(source)}],
                                                 "license": {"enabled": False}}}
    cfg_path = out.parent / f"{out.name}.yaml"
    cfg_path.write_text(yaml.safe_dump(config))
    cmd = [sys.executable, "-m", "pipeline.cli", "build", "--config", str(cfg_path), "--progress-every", "0"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"build failed ({proc.returncode}): {err[-2000:]}")
    stats = json.loads((out / "stats.json").read_text())
    near = stats["stages"].get("DedupNear", {})
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
            "rounds": near.get("cc", {}).get("iterations", 0), "near_removed": sum(near.get("rejected", {}).values()),
            "exact_removed": sum(stats["stages"].get("DedupExact", {}).get("rejected", {}).values()),
            "documents": stats["documents"]["count"]}


def chart(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    mb = [r["mb"] for r in rows]
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6))
    left.errorbar(mb, [r["wall"] for r in rows], yerr=[r["wall_sd"] for r in rows], marker="o", label="wall")
    left.errorbar(mb, [r["cpu"] for r in rows], yerr=[r["cpu_sd"] for r in rows], marker="s", label="CPU")
    left.set(xlabel="input MB", ylabel="seconds", title="incoder build time vs input")
    left.legend()
    right.errorbar(mb, [r["rss_mb"] for r in rows], yerr=[r["rss_sd"] for r in rows], marker="o", color="C2")
    right.set(xlabel="input MB", ylabel="peak RSS (MB)", title="memory of the one worker", ylim=(0, None))
    for ax in (left, right):
        ax.grid(alpha=0.3)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-mb", type=float, default=0.5)
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--chart", type=Path, default=ROOT / "docs" / "img" / "scaling.png")
    args = parser.parse_args()
    repos = base_corpus(args.base_mb)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for factor in args.factors:
            source = Path(tmp) / f"x{factor}"
            mb = write_corpus(source, repos, factor)
            runs = [build_once(source, Path(tmp) / f"out{factor}-{i}") for i in range(args.repeat)]

            def mean(key: str, runs: list[dict] = runs) -> float:
                return statistics.fmean(r[key] for r in runs)

            def sd(key: str, runs: list[dict] = runs) -> float:
                return statistics.stdev(r[key] for r in runs) if len(runs) > 1 else 0.0

            row = {"factor": factor, "mb": mb, **{k: mean(k) for k in ("wall", "cpu", "rss_mb")},
                   "wall_sd": sd("wall"), "cpu_sd": sd("cpu"), "rss_sd": sd("rss_mb"), **runs[0]}
            row.update(wall=mean("wall"), cpu=mean("cpu"), rss_mb=mean("rss_mb"))
            rows.append(row)
            print(f"{factor:>3}x {mb:6.2f} MB  wall {row['wall']:6.1f} +- {row['wall_sd']:4.1f} s  "
                  f"CPU {row['cpu']:6.1f} +- {row['cpu_sd']:4.1f} s  CPU s/MB {row['cpu'] / mb:5.2f}  "
                  f"peak RSS {row['rss_mb']:6.0f} +- {row['rss_sd']:3.0f} MB  cc rounds {row['rounds']}  "
                  f"removed exact {row['exact_removed']} near {row['near_removed']}  documents {row['documents']}",
                  flush=True)
    chart(rows, args.chart)
    print(f"chart: {args.chart}")
    ok = True
    if len(rows) >= 3:
        overall = (rows[-1]["cpu"] - rows[0]["cpu"]) / (rows[-1]["mb"] - rows[0]["mb"])
        last = (rows[-1]["cpu"] - rows[-2]["cpu"]) / (rows[-1]["mb"] - rows[-2]["mb"])
        linear = last <= 1.25 * overall
        growth = (rows[-1]["rss_mb"] - rows[-2]["rss_mb"]) / (rows[-1]["mb"] - rows[-2]["mb"])
        flat = growth < 1.0
        print(f"marginal CPU s/MB: {overall:.2f} ({rows[0]['factor']}x->{rows[-1]['factor']}x), "
              f"{last:.2f} ({rows[-2]['factor']}x->{rows[-1]['factor']}x): time linear {'met' if linear else 'MISSED'}")
        print(f"peak RSS {rows[-1]['rss_mb']:.0f} MB at {rows[-1]['factor']}x vs {rows[0]['rss_mb']:.0f} MB at "
              f"{rows[0]['factor']}x; marginal {growth:.1f} MB of RSS per input MB "
              f"({rows[-2]['factor']}x->{rows[-1]['factor']}x): memory flat {'met' if flat else 'MISSED'}")
        ok = linear and flat
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
