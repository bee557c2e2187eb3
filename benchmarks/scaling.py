"""How the build's cost grows with input: time and peak memory per process at 1x, 4x and 16x of a real corpus.

Corpus: real Python packages of this environment (one repository per package, ``.py`` files only) up
to ``--base-mb``. The larger sizes add mutated replicas of every repository, the way forks and vendored
copies look in a real crawl, so near-duplicates grow with size as they do there:
- renamed identifiers (a few names per file, renamed consistently through the file),
- edited lines (deleted, duplicated or changed; from 1% to 20% of a file's lines),
- reordered files (files moved under another folder, top-level blocks of some files swapped),
- about a fifth of the files copied unchanged (exact duplicates).

Each size is built ``--repeat`` times by ``incoder build`` (licence detection off so that scancode's
index load does not hide the curve; every other stage on), each pass in a fresh process, on Beam's
local FnApiRunner in two shapes (``--modes``):
- ``in_process``: one worker inside the runner's own process (``--direct_num_workers=1``). Its RSS is
  the controller and the worker together: the runner keeps every stage's output (the data between
  fused stages, the grouped values of every GroupByKey) in that one process.
- ``multi_processing``: ``--direct_num_workers=N --direct_running_mode=multi_processing``. The runner
  (controller) starts each SDK worker as ``sh -c "python -m apache_beam.runners.worker.sdk_worker_main"``
  (``FnApiRunner.run_pipeline`` picks ``SubprocessSDKEnvironment``; ``local_job_service.SubprocessSdkWorker``
  runs the command), holds the shuffle itself and streams each bundle to a worker over the Fn API's
  gRPC data plane. That is the shape of a distributed runner (Dataflow, Flink, Spark), where the shuffle
  lives outside the workers, so the workers' own peak RSS is the "memory per worker".

Measured per pass: wall time; CPU time of the whole tree (``os.wait4`` on the controller: its own
time plus that of the reaped workers); each process's own peak RSS. A sampler thread walks the
controller's process tree in ``/proc`` every 0.1 s and keeps each process's latest ``VmHWM`` (the
kernel's high-water mark of its resident set: ``proc(5)``), which is exact up to the last sample before
the process exits; the largest of them is checked against ``os.wait4``'s ``ru_maxrss`` (the largest
peak of the controller and every reaped descendant: ``getrusage(2)``), and the gap is printed. Where the
memory grows is found by stage: the controller logs each bundle it starts (Beam's own DEBUG logger
``fn_runner.run_bundle``, switched on for this logger only), and each process's RSS timeline is cut at
those instants; per stage, the largest rise of a worker's RSS over its level when the stage started.
Also reported: near-dedup connected-component rounds (``DedupNear`` ``cc.iterations``) and removals.

Goals: time linear in input (per mode, judged with three sizes or more: the marginal CPU seconds per MB
between the two largest sizes at most 1.25x that between the two smallest, allowing two standard errors
of the difference from the passes' spread: the start-up cost cancels out, and a superlinear stage shows
as a steeper last segment) and memory per worker flat (the largest worker peak RSS of
the ``multi_processing`` run grows by less than 1 MB per input MB from the second-largest to the
largest size: a worker that holds its whole input in memory is not flat, whatever its start-up
footprint). The ``in_process`` peak is reported beside it, labelled as what it is (controller and
worker in one process), not held to the worker goal. Exit 1 when a goal is missed.

    .venv/bin/python benchmarks/scaling.py [--base-mb 0.5] [--factors 1 4 16] [--repeat 3]
        [--modes in_process multi_processing] [--workers 2] [--env KEY=VALUE ...] [--chart PATH] [--json PATH]
    .venv/bin/python benchmarks/scaling.py --replot ROWS.json [--chart PATH]   # chart and verdicts only
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import threading
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


# --- measuring one build ---------------------------------------------------------------------------

MODES = ("in_process", "multi_processing")
WORKER_MODULE = "apache_beam.runners.worker.sdk_worker_main"  # what FnApiRunner runs per SDK worker
BUNDLE_LOGGER = "apache_beam.runners.portability.fn_api_runner.fn_runner.run_bundle"
# ``incoder build`` itself (``pipeline.cli.main``), with timestamps on the log lines and Beam's own
# per-bundle DEBUG line ("Running bundle for stage ...") switched on; nothing else changes.
DRIVER = (
    "import logging, sys\n"
    "logging.basicConfig(level=logging.INFO, format='%(created).3f %(name)s: %(message)s')\n"
    f"logging.getLogger({BUNDLE_LOGGER!r}).setLevel(logging.DEBUG)\n"
    "from pipeline.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)
BUNDLE_LINE = re.compile(r"^(\d+\.\d+) \S+: Running bundle for stage (.*)$")


def _status_mb(pid: int) -> tuple[float, float] | None:
    """``(VmRSS, VmHWM)`` of a live process in MB, from ``/proc/<pid>/status``; ``None`` once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            fields = dict(line.split(":", 1) for line in f if line.startswith(("VmRSS", "VmHWM")))
    except OSError:
        return None
    if "VmHWM" not in fields:  # a zombie has no memory left to report
        return None
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def _descendants(root: int) -> list[int]:
    """Every live descendant of ``root``, from the parent pids in ``/proc/*/stat``."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])  # field 4; comm (field 2) may hold spaces
        children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def _kind(pid: int, root: int) -> str | None:
    """``controller`` (the runner), ``worker`` (a Python SDK worker) or ``other`` (the ``sh -c`` around it)."""
    if pid == root:
        return "controller"
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            argv = f.read().split(b"\0")
    except OSError:
        return None
    # Before exec, a freshly forked child still shows its parent's command line; the shell that
    # FnApiRunner starts holds the whole worker command in one argument, the worker's Python has the
    # module name as an argument of its own.
    return "worker" if WORKER_MODULE.encode() in argv else "other"


class TreeSampler(threading.Thread):
    """Every ``every`` seconds: each process of the build's tree, its kind, current RSS and peak RSS."""

    def __init__(self, root: int, every: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.root, self.every = root, every
        self.kind: dict[int, str] = {}
        self.peak: dict[int, float] = {}  # latest VmHWM: the process's peak so far (reset by exec)
        self.timeline: list[tuple[float, int, float]] = []  # (time.time(), pid, VmRSS MB)
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            now = time.time()
            for pid in [self.root, *_descendants(self.root)]:
                kind, mem = _kind(pid, self.root), _status_mb(pid)
                if kind is None or mem is None:
                    continue
                self.kind[pid], self.peak[pid] = kind, mem[1]
                if kind != "other":
                    self.timeline.append((now, pid, mem[0]))
            self.done.wait(self.every)

    def peaks(self, kind: str) -> list[float]:
        return [self.peak[pid] for pid, k in self.kind.items() if k == kind]


def stage_label(stage: str) -> str:
    """A fused stage's name as its steps ``Stage/Step`` (first..last step of each stage, round numbers dropped).

    FnApiRunner names a fused stage by its transforms joined with ``+``: ``ref_AppliedPTransform_A-B-C_12``
    for a DoFn, ``A/B/.../Read`` or ``.../Write`` for the runner-side ends of a grouping.
    """
    first_last: dict[str, list[str]] = {}  # stage -> [first step, last step], in order of appearance
    for part in stage.replace("(", "").replace(")", "").split("+"):
        name = re.sub(r"_\d+$", "", part.strip().removeprefix("ref_AppliedPTransform_")).replace("-", "/")
        pieces = name.split("/")
        if len(pieces) < 2 or pieces[0] == "FlattenRejected" or pieces[0].startswith("ref_PCollection"):
            continue
        step = re.sub(r"[0-9]+$", "", pieces[1])
        first_last.setdefault(pieces[0], [step, step])[1] = step
    if not first_last:
        return stage[:60]
    steps = [f"{k}/{a}" + (f"..{b}" if b != a else "") for k, (a, b) in first_last.items()]
    steps[1:] = sorted(steps[1:])  # the stage's input first; the fusion order of the rest varies between runs
    return " + ".join(steps[:6]) + (f" (+{len(steps) - 6} more)" if len(steps) > 6 else "")


def stage_rises(log: str, timeline: list[tuple[float, int, float]], pids: set[int]) -> dict[str, float]:
    """Per stage label: the largest rise of one of ``pids``' RSS while that stage ran, over its level at the start.

    The in-process runner (every mode) runs one stage at a time, so the bundle starts it logs cut the run
    into windows; a window's rise is ``max(RSS in the window) - RSS at its start`` (the last sample before).
    A process counts only from the first window that starts after a whole window of its life has passed,
    so a worker's start-up (the interpreter and its imports) is not charged to the stage it started in.
    """
    events = [(float(m[1]), stage_label(m[2])) for m in map(BUNDLE_LINE.match, log.splitlines()) if m]
    windows = list(zip(events, [*events[1:], (float("inf"), "")], strict=True))
    series: dict[int, list[tuple[float, float]]] = {}
    for t, pid, rss in timeline:
        if pid in pids:
            series.setdefault(pid, []).append((t, rss))
    rises: dict[str, float] = {}
    for points in series.values():
        born = points[0][0]
        settled = next((end for (start, _), (end, _) in windows if start >= born), float("inf"))
        for (start, label), (end, _) in windows:
            before = [rss for t, rss in points if t <= start]
            during = [rss for t, rss in points if start < t <= end]
            if start >= settled and before and during:
                rises[label] = max(rises.get(label, 0.0), max(during) - before[-1])
    return rises


def build_once(source: Path, out: Path, mode: str, workers: int, env: dict[str, str],
               target_shard_mb: float | None = None) -> dict:
    config = {"output_dir": str(out), "build": {"sources": [{"kind": "local", "path": str(source)}],
                                                 "license": {"enabled": False}}}
    if target_shard_mb is not None:  # parts follow the text instead of the default 4
        config["build"]["output"] = {"target_shard_mb": target_shard_mb}
    cfg_path = out.parent / f"{out.name}.yaml"
    cfg_path.write_text(yaml.safe_dump(config))
    flags = (["--direct_num_workers=1"] if mode == "in_process"
             else [f"--direct_num_workers={workers}", "--direct_running_mode=multi_processing"])
    cmd = [sys.executable, "-c", DRIVER, "build", "--config", str(cfg_path), "--progress-every", "0", *flags]
    err_path = out.parent / f"{out.name}.log"
    with open(err_path, "w") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err, env={**os.environ, **env})
        sampler = TreeSampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)  # waits here, so the sampler sees the tree until the end
        wall = time.perf_counter() - start
        sampler.done.set()
        sampler.join()
    log = err_path.read_text()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed ({os.waitstatus_to_exitcode(status)}): {log[-2000:]}")
    stats = json.loads((out / "stats.json").read_text())
    near = stats["stages"].get("DedupNear", {})
    worker_pids = {pid for pid, k in sampler.kind.items() if k == "worker"}
    one = {proc.pid} if mode == "in_process" else worker_pids  # the processes that run the DoFns
    rises = stage_rises(log, sampler.timeline, one)
    workers_seen = sampler.peaks("worker")
    if mode == "multi_processing" and len(workers_seen) != workers:
        raise SystemExit(f"expected {workers} SDK worker processes, sampled {len(workers_seen)}")
    controller = max(sampler.peaks("controller") or [0.0])
    tree = usage.ru_maxrss / 1024  # KiB on Linux: the largest peak of the controller and its reaped tree
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "controller_mb": controller,
            "worker_mb": max(workers_seen) if workers_seen else controller,
            "sample_gap_mb": tree - max([controller, *workers_seen]),
            "rounds": near.get("cc", {}).get("iterations", 0), "near_removed": sum(near.get("rejected", {}).values()),
            "exact_removed": sum(stats["stages"].get("DedupExact", {}).get("rejected", {}).values()),
            "documents": stats["documents"]["count"], "rises": rises}


def summarise(mode: str, factor: int, mb: float, runs: list[dict]) -> dict:
    def mean(key: str) -> float:
        return statistics.fmean(r[key] for r in runs)

    def sd(key: str) -> float:
        return statistics.stdev(r[key] for r in runs) if len(runs) > 1 else 0.0

    keys = ("wall", "cpu", "controller_mb", "worker_mb")
    labels = sorted({label for r in runs for label in r["rises"]})
    rises = {label: statistics.fmean(r["rises"].get(label, 0.0) for r in runs) for label in labels}
    return {"mode": mode, "factor": factor, "mb": mb, **{k: mean(k) for k in keys},
            **{f"{k}_sd": sd(k) for k in keys}, "sample_gap_mb": max(r["sample_gap_mb"] for r in runs),
            **{k: runs[0][k] for k in ("rounds", "near_removed", "exact_removed", "documents")}, "rises": rises,
            "passes": len(runs)}


def chart(rows: list[dict], path: Path, workers: int) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    names = {"in_process": "1 worker in-process", "multi_processing": f"{workers} worker processes"}
    for i, mode in enumerate(m for m in MODES if any(r["mode"] == m for r in rows)):
        sub = [r for r in rows if r["mode"] == mode]
        mb = [r["mb"] for r in sub]
        left.errorbar(mb, [r["cpu"] for r in sub], yerr=[r["cpu_sd"] for r in sub], marker="s", color=f"C{i}",
                      label=f"CPU, {names[mode]}")
        left.errorbar(mb, [r["wall"] for r in sub], yerr=[r["wall_sd"] for r in sub], marker="o", color=f"C{i}",
                      linestyle="--", label=f"wall, {names[mode]}")
        if mode == "in_process":
            right.errorbar(mb, [r["controller_mb"] for r in sub], yerr=[r["controller_mb_sd"] for r in sub],
                           marker="o", color="C0", label="in-process: controller + worker, one process")
        else:
            right.errorbar(mb, [r["controller_mb"] for r in sub], yerr=[r["controller_mb_sd"] for r in sub],
                           marker="s", color="C1", label="multi_processing: controller (runner + shuffle)")
            right.errorbar(mb, [r["worker_mb"] for r in sub], yerr=[r["worker_mb_sd"] for r in sub],
                           marker="^", color="C2", label="multi_processing: largest worker")
            if len(sub) >= 2:  # the goal: from the second-largest size, at most 1 MB more per input MB
                b, c = sub[-2], sub[-1]
                right.plot([b["mb"], c["mb"]], [b["worker_mb"], b["worker_mb"] + (c["mb"] - b["mb"])], ":",
                           color="C2", label="goal for the worker: < 1 MB per input MB")
    left.set(xlabel="input MB", ylabel="seconds", title="incoder build time vs input")
    right.set(xlabel="input MB", ylabel="peak RSS (MB)", title="peak memory per process", ylim=(0, None))
    for ax in (left, right):
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)


def _slope(lo: dict, hi: dict) -> tuple[float, float]:
    """Marginal CPU seconds per input MB between two sizes, and its standard error from the passes."""
    dx = hi["mb"] - lo["mb"]
    var = sum(r["cpu_sd"] ** 2 / r.get("passes", 1) for r in (lo, hi))
    return (hi["cpu"] - lo["cpu"]) / dx, var**0.5 / dx


def goals(rows: list[dict]) -> bool:
    """Prints each goal's verdict; True when all are met."""
    ok = True
    for mode in MODES:
        sub = [r for r in rows if r["mode"] == mode]
        if len(sub) < 2:
            continue
        a, b, c = sub[0], sub[-2], sub[-1]
        overall = (c["cpu"] - a["cpu"]) / (c["mb"] - a["mb"])
        if len(sub) >= 3:  # with two sizes there is one segment: nothing to compare it with
            first, last = _slope(sub[0], sub[1]), _slope(b, c)
            # The last segment against the first, not against the whole range: on geometric sizes
            # (1, 4, 16) the last segment is most of the range, so even a quadratic cost has
            # last / overall = (4 + 16) / (1 + 16) = 1.18. Allowance: two standard errors of the
            # difference, from the passes' spread.
            excess = last[0] - 1.25 * first[0]
            linear = excess <= 2 * (last[1] ** 2 + 1.25**2 * first[1] ** 2) ** 0.5
            ok &= linear
            print(f"{mode}: marginal CPU s/MB {first[0]:.2f} +- {first[1]:.2f} ({sub[0]['factor']}x->"
                  f"{sub[1]['factor']}x), {last[0]:.2f} +- {last[1]:.2f} ({b['factor']}x->{c['factor']}x), "
                  f"{overall:.2f} over the range: time linear {'met' if linear else 'MISSED'}")
        else:
            print(f"{mode}: marginal CPU s/MB {overall:.2f} ({a['factor']}x->{c['factor']}x): "
                  "time linear not judged (needs 3 sizes)")
        key = "controller_mb" if mode == "in_process" else "worker_mb"
        growth = (c[key] - b[key]) / (c["mb"] - b["mb"])
        what = "the one process (controller + worker)" if mode == "in_process" else "the largest worker"
        if mode == "multi_processing":
            flat = growth < 1.0
            ok &= flat
            ctl = (c["controller_mb"] - b["controller_mb"]) / (c["mb"] - b["mb"])
            print(f"{mode}: peak RSS of {what} {b[key]:.0f} -> {c[key]:.0f} MB, {growth:+.1f} MB per input MB "
                  f"({b['factor']}x->{c['factor']}x): memory per worker flat {'met' if flat else 'MISSED'}; "
                  f"controller {ctl:+.1f} MB per input MB (the runner's shuffle, not a worker)")
            rises = sorted(((c["rises"].get(k, 0) - b["rises"].get(k, 0), k) for k in c["rises"]), reverse=True)
            print(f"{mode}: stages whose worker RSS rise grew most ({b['factor']}x->{c['factor']}x, MB): "
                  + "; ".join(f"{k} {b['rises'].get(k, 0):.0f}->{c['rises'][k]:.0f}" for _, k in rises[:4]))
        else:
            print(f"{mode}: peak RSS of {what} {b[key]:.0f} -> {c[key]:.0f} MB, {growth:+.1f} MB per input MB "
                  f"({b['factor']}x->{c['factor']}x; not a worker: reported, not a goal)")
    if not any(r["mode"] == "multi_processing" for r in rows):
        print("memory per worker flat: not judged (no multi_processing run: no process is only a worker)")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-mb", type=float, default=0.5)
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES))
    parser.add_argument("--workers", type=int, default=2, help="SDK worker processes in multi_processing")
    parser.add_argument("--chart", type=Path, default=ROOT / "docs" / "img" / "scaling.png")
    parser.add_argument("--json", type=Path, help="write every summarised row here")
    parser.add_argument("--replot", type=Path, metavar="JSON",
                        help="no builds: chart and judge the rows a previous --json wrote")
    parser.add_argument("--target-shard-mb", type=float, metavar="MB",
                        help="build.output.target_shard_mb for every build (default: the fixed num_shards, 4)")
    parser.add_argument("--env", nargs="*", default=[], metavar="KEY=VALUE",
                        help="environment of the build and (inherited) of its workers, e.g. MALLOC_ARENA_MAX=2")
    args = parser.parse_args()
    env = dict(item.split("=", 1) for item in args.env)
    if args.replot:
        rows = json.loads(args.replot.read_text())
        workers = args.workers
        chart(rows, args.chart, workers)
        print(f"chart: {args.chart} (from {args.replot})")
        return 0 if goals(rows) else 1
    print(f"machine: {os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}; base {args.base_mb} MB, factors {args.factors}, "
          f"{args.repeat} passes, modes {args.modes}, {args.workers} workers in multi_processing; environment {env or 'unchanged'}; "
          f"target_shard_mb {args.target_shard_mb or 'unset (num_shards 4)'}", flush=True)
    repos = base_corpus(args.base_mb)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for factor in args.factors:
            source = Path(tmp) / f"x{factor}"
            mb = write_corpus(source, repos, factor)
            for mode in args.modes:
                runs = [build_once(source, Path(tmp) / f"out{factor}-{mode}-{i}", mode, args.workers, env,
                                   args.target_shard_mb)
                        for i in range(args.repeat)]
                row = summarise(mode, factor, mb, runs)
                rows.append(row)
                top = max(row["rises"].items(), key=lambda kv: kv[1], default=("-", 0.0))
                print(f"{factor:>3}x {mb:6.2f} MB {mode:>16}: wall {row['wall']:5.1f} +- {row['wall_sd']:4.1f} s  "
                      f"CPU {row['cpu']:5.1f} +- {row['cpu_sd']:4.1f} s ({row['cpu'] / mb:5.2f} s/MB)  "
                      f"peak RSS controller {row['controller_mb']:4.0f} +- {row['controller_mb_sd']:2.0f} MB, "
                      f"largest worker {row['worker_mb']:4.0f} +- {row['worker_mb_sd']:2.0f} MB "
                      f"(sampling gap {row['sample_gap_mb']:.1f} MB)  largest stage rise {top[0]} {top[1]:.0f} MB  "
                      f"cc rounds {row['rounds']}  removed exact {row['exact_removed']} near {row['near_removed']}  "
                      f"documents {row['documents']}", flush=True)
    rows.sort(key=lambda r: (MODES.index(r["mode"]), r["factor"]))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    chart(rows, args.chart, args.workers)
    print(f"chart: {args.chart}")
    return 0 if goals(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
