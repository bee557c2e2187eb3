"""Whole-chain build throughput with every stage on, beside the same build with licences off.

    .venv/bin/python benchmarks/build_throughput.py                         # configs/build/python-env.yaml's set
    .venv/bin/python benchmarks/build_throughput.py --include pip requests pygments --passes 3
    .venv/bin/python benchmarks/build_throughput.py --json out.json         # the figures, machine-readable

Input: the ``python-env`` source (every installed distribution matching ``--include`` is one
repository: real code, real licence files and headers, pip's vendored copies beside the standalone
installs). Each pass is one ``run_build`` (``pipeline.build``) of the whole chain -- read, licences,
documents, filters, decontamination, PII, exact and near dedup, write -- on one worker
(``--direct_num_workers=1``), in a fresh process so that no pass reuses another's scancode index or
caches. Passes alternate licences on / licences off (``build.license.enabled: false``), same input,
same config otherwise. Before them, one process builds what the licence stage keeps on local disk
between processes (the template matcher and scancode's candidate postings, derived from the installed
scancode-toolkit alone, as scancode keeps its own index), as the first build after an install does;
its CPU seconds are printed.

Figures, mean and spread (sample standard deviation) over ``--passes`` passes of each:

- MB/s/core: MB of source read / CPU seconds of the build process (all its threads). The machine is
  shared, so CPU time rather than wall time measures the pipeline's own cost; wall-clock MB/s is printed
  too;
- ratio licences-on / licences-off of MB/s/core (the goal: at least ``--goal``, 0.5);
- each stage's share of the CPU of both builds: every 10 ms an in-process sampler charges the CPU time
  each thread used since the last look (its thread CPU clock) to the innermost
  ``pipeline/stages/<stage>.py`` frame of its stack (a scancode worker thread to ``DetectLicenses``);
  ``runner`` is Beam's own work outside any stage (coders, shuffles, bundle handling);
- the licence stage's cache counters (``cache.hit``/``miss``, heads read through their notice block).

Exit status 1 when the mean ratio misses the goal.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
SAMPLE_S = 0.01


def default_include() -> list[str]:
    data = yaml.safe_load((REPO / "configs/build/python-env.yaml").read_text())
    return data["build"]["sources"][0]["include"]


def _stage_of(frame, thread_name: str) -> str:
    """The stage a thread's stack is in (``runner`` when in none)."""
    if thread_name.startswith("scancode"):
        return "DetectLicenses"
    while frame is not None:
        path = frame.f_code.co_filename.replace("\\", "/")
        if "/pipeline/stages/" in path:
            return "".join(w.capitalize() for w in Path(path).stem.split("_"))
        frame = frame.f_back
    return "runner"


class StageSampler:
    """Every ``SAMPLE_S`` seconds, the CPU time each thread used since the last look (its thread CPU
    clock, ``time.pthread_getcpuclockid``) is charged to the stage its stack is in now."""

    def __init__(self) -> None:
        self.cpu_s: Counter[str] = Counter()
        self._last: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stage-sampler", daemon=True)

    def _look(self, me: int) -> None:
        names = {t.ident: t.name for t in threading.enumerate()}
        for ident, frame in sys._current_frames().items():
            if ident == me:
                continue
            try:
                used = time.clock_gettime(time.pthread_getcpuclockid(ident))
            except (OSError, OverflowError):
                continue  # the thread ended meanwhile
            delta = used - self._last.get(ident, used)
            self._last[ident] = used
            if delta > 0:
                self.cpu_s[_stage_of(frame, names.get(ident, ""))] += delta

    def _run(self) -> None:
        me = threading.get_ident()
        while not self._stop.wait(SAMPLE_S):
            self._look(me)

    def __enter__(self) -> StageSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def one_pass(include: list[str], licences: bool) -> dict:
    """One whole-chain build in this process: bytes, CPU and wall seconds, CPU per stage, counters."""
    from pipeline.build import run_build
    from pipeline.config import parse_config

    with tempfile.TemporaryDirectory() as out:
        build = {"sources": [{"kind": "python-env", "include": include}], "output": {"num_shards": 4}}
        if not licences:
            build["license"] = {"enabled": False}
        cfg = parse_config({"output_dir": out, "build": build})
        with StageSampler() as sampler:
            wall, cpu = time.perf_counter(), time.process_time()
            stats = run_build(cfg, ["--direct_num_workers=1"])
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    read = stats["stages"]["ReadRepositories"]
    lic = stats["stages"].get("DetectLicenses", {})
    return {"licences": licences, "bytes": read.get("bytes", {}).get("kept", 0), "files": read["kept"],
            "cpu_s": cpu, "wall_s": wall, "documents": stats["documents"]["count"],
            "stage_cpu_s": dict(sampler.cpu_s), "license_cache": lic.get("cache", {})}


def warm_caches() -> dict:
    """Build the licence stage's on-disk derived data (template matcher, scancode candidate postings;
    ``pipeline.licensing.scancode_data.cached_build``) as the first build after an install does, so
    that every pass finds them as every later build does. Returns the CPU seconds of each step."""
    from pipeline.config import LicenseConfig
    from pipeline.licensing import policy as lp
    from pipeline.licensing import scancode_candidates
    from pipeline.licensing.evidence import shared_templates
    from pipeline.licensing.scancode_runner import get_index

    seconds = {}
    for name, step in (("index", get_index), ("templates", lambda: shared_templates(lp.LicensePolicy(LicenseConfig().allow))),
                       ("postings", lambda: scancode_candidates._postings(get_index()))):
        started = time.process_time()
        step()
        seconds[name] = round(time.process_time() - started, 2)
    return seconds


def run_pass(include: list[str], licences: bool | None) -> dict:
    """``one_pass`` in a fresh interpreter (no scancode index or cache carried over)."""
    cmd = [sys.executable, __file__, "--one-pass", "on" if licences else "off", "--include", *include]
    if licences is None:
        cmd = [sys.executable, __file__, "--warm"]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, check=False)
    if done.returncode != 0:
        raise SystemExit(f"pass failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def spread(values: list[float]) -> str:
    mean = statistics.mean(values)
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{mean:7.3f} ± {sd:.3f}"


def summarise(runs: list[dict], goal: float) -> dict:
    on = [r for r in runs if r["licences"]]
    off = [r for r in runs if not r["licences"]]

    def rates(rs: list[dict], key: str) -> list[float]:
        return [r["bytes"] / 1e6 / r[key] for r in rs]

    ratios = [a / b for a, b in zip(rates(on, "cpu_s"), rates(off, "cpu_s"), strict=True)]
    def shares(rs: list[dict]) -> dict[str, float]:
        cpu: Counter[str] = Counter()
        for r in rs:
            cpu.update(r["stage_cpu_s"])
        total = sum(cpu.values()) or 1.0
        return {k: v / total for k, v in cpu.most_common()}

    return {
        "input_mb": on[0]["bytes"] / 1e6, "files": on[0]["files"], "passes": len(on),
        "on_mb_s_core": rates(on, "cpu_s"), "off_mb_s_core": rates(off, "cpu_s"),
        "on_wall_mb_s": rates(on, "wall_s"), "off_wall_mb_s": rates(off, "wall_s"),
        "ratio": ratios, "ratio_mean": statistics.mean(ratios), "goal": goal,
        "met": statistics.mean(ratios) >= goal,
        "stage_share_on": shares(on), "stage_share_off": shares(off),
        "license_cache": on[0]["license_cache"],
        "documents": {"on": on[0]["documents"], "off": off[0]["documents"]},
    }


def report(s: dict) -> None:
    print(f"input: {s['files']} files, {s['input_mb']:.1f} MB (python-env), 1 worker, {s['passes']} passes each")
    print(f"whole chain, every stage on : {spread(s['on_mb_s_core'])} MB/s/core (CPU)   "
          f"wall {spread(s['on_wall_mb_s'])} MB/s   documents {s['documents']['on']}")
    print(f"same build, licences off   : {spread(s['off_mb_s_core'])} MB/s/core (CPU)   "
          f"wall {spread(s['off_wall_mb_s'])} MB/s   documents {s['documents']['off']}")
    print(f"ratio on/off (MB/s/core)    : {spread(s['ratio'])}   goal >= {s['goal']:.2f}: "
          f"{'met' if s['met'] else 'MISSED'}")
    print("stage shares of CPU (thread CPU clocks sampled every 10 ms):   on      off")
    for stage, share in s["stage_share_on"].items():
        off = s["stage_share_off"].get(stage, 0.0)
        print(f"  {stage:<40} {100 * share:6.1f}%  {100 * off:6.1f}%")
    print("licence cache (first on pass):", s["license_cache"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--include", nargs="+", default=None, help="distribution name patterns (default: python-env.yaml's)")
    parser.add_argument("--passes", type=int, default=3, help="passes of each mode (at least 3 for a record)")
    parser.add_argument("--goal", type=float, default=0.5, help="licences-on / licences-off MB/s/core to reach")
    parser.add_argument("--json", default=None, help="also write the figures to this file")
    parser.add_argument("--one-pass", choices=("on", "off"), default=None, help=argparse.SUPPRESS)
    parser.add_argument("--warm", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    include = args.include or default_include()
    if args.one_pass:
        print(json.dumps(one_pass(include, args.one_pass == "on")))
        return 0
    if args.warm:
        print(json.dumps(warm_caches()))
        return 0
    # In a fresh process: the CPU seconds are those of a first build after an install (cold caches).
    warm = run_pass(include, None)
    print(f"licence stage setup in a fresh process before the passes (CPU s; builds the on-disk caches when "
          f"absent, as the first build after an install or upgrade does): {warm}")
    runs = []
    for i in range(args.passes):
        for licences in ((True, False) if i % 2 == 0 else (False, True)):  # alternate against load drift
            runs.append(run_pass(include, licences))
            logging.warning("pass %d licences %s: %.1f s CPU", i + 1, "on" if licences else "off", runs[-1]["cpu_s"])
    summary = summarise(runs, args.goal)
    report(summary)
    if args.json:
        Path(args.json).write_text(json.dumps({"summary": summary, "runs": runs}, indent=2) + "\n")
    return 0 if summary["met"] else 1


if __name__ == "__main__":
    sys.exit(main())
