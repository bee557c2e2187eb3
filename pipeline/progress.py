"""Periodic progress of a running build: files read, bytes, and each stage's counters so far.

Beam's in-process runner (the default here, see ``pipeline.beam_runner``) reports metrics only when
the job is over, so a long local build would print nothing between start-up and the summary. Stage
counters (``pipeline.metrics.StageCounters``) therefore also add into a process-wide tally while a
``BuildProgress`` is active, and a background thread logs that tally every ``every_s`` seconds.

The tally only sees DoFns that run in this process: the in-process runner in its default and
``multi_threading`` modes. With ``--direct_running_mode=multi_processing`` workers are subprocesses,
so the reporter logs a heartbeat (elapsed time) instead. On Dataflow, Flink or Spark the workers are
elsewhere: the reporter logs where that runner shows live progress and stays quiet. Figures are
"so far" (a bundle's counts arrive as it runs, not once it commits): the summary at the end is the
authoritative count.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from typing import Any

log = logging.getLogger(__name__)

_lock = threading.Lock()
_tally: dict[str, dict[str, int]] = defaultdict(dict)
_active = False

RUNNER_UIS = {
    "dataflowrunner": "the Dataflow console (https://console.cloud.google.com/dataflow/jobs)",
    "flinkrunner": "the Flink web UI (the --flink_master address, port 8081 by default)",
    "sparkrunner": "the Spark UI (port 4040 of the Spark driver)",
    "prismrunner": "Prism's web UI (http://localhost:8074 by default)",
    "portablerunner": "the job server's own UI",
}


def record(stage: str, name: str, n: int) -> None:
    """Add ``n`` to ``stage``'s counter ``name`` in the live tally (no-op unless a build is watched)."""
    if not _active:
        return
    with _lock:
        counters = _tally[stage]
        counters[name] = counters.get(name, 0) + n


def snapshot() -> dict[str, dict[str, int]]:
    with _lock:
        return {stage: dict(counters) for stage, counters in _tally.items()}


def format_progress(tally: dict[str, dict[str, int]], elapsed_s: float, stage_order: list[str]) -> str:
    """One line: files read and bytes, then ``Stage seen->kept`` for each stage that has counted."""
    reader = tally.get("ReadRepositories", {})
    parts = [f"progress {_clock(elapsed_s)}: read {reader.get('seen', 0)} files "
             f"({reader.get('bytes.seen', 0) / 1e6:.1f} MB)"]
    order = [s for s in stage_order if s in tally] + sorted(set(tally) - set(stage_order))
    for stage in order:
        if stage == "ReadRepositories":
            continue
        counters = tally[stage]
        dropped = sum(v for k, v in counters.items() if k.startswith(("rejected.", "skipped.")))
        parts.append(f"{stage} {counters.get('seen', 0)}->{counters.get('kept', 0)}"
                     + (f" (-{dropped})" if dropped else ""))
    return "; ".join(parts)


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}m{secs:02d}s" if minutes else f"{secs}s"


def runner_ui(runner: str) -> str:
    name = runner.rsplit(".", 1)[-1].lower()
    return RUNNER_UIS.get(name, "the runner's own UI")


class BuildProgress:
    """Context manager: logs build progress every ``every_s`` seconds while the block runs.

    ``runner`` is the ``--runner`` flag ("" for the in-process default); ``running_mode`` is
    ``--direct_running_mode``. ``every_s <= 0`` turns the reporter off.
    """

    def __init__(self, runner: str, running_mode: str, every_s: float, stage_order: list[str]) -> None:
        self.local = not runner or runner.lower() in ("directrunner", "direct")
        self.runner = runner
        self.tallied = self.local and running_mode != "multi_processing"
        self.every_s = every_s
        self.stage_order = stage_order
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._started = 0.0

    def __enter__(self) -> BuildProgress:
        global _active
        if not self.local:
            log.info("build: running on %s; follow its progress in %s", self.runner, runner_ui(self.runner))
            return self
        if self.every_s <= 0:
            return self
        self._started = time.monotonic()
        if self.tallied:
            with _lock:
                _tally.clear()
                _active = True
        self._thread = threading.Thread(target=self._loop, name="build-progress", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        global _active
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        with _lock:
            _active = False
            _tally.clear()

    def line(self) -> str:
        elapsed = time.monotonic() - self._started
        if not self.tallied:
            return (f"progress {_clock(elapsed)}: running (multi_processing workers report their counters "
                    "when the job ends)")
        return format_progress(snapshot(), elapsed, self.stage_order)

    def _loop(self) -> None:
        while not self._stop.wait(self.every_s):
            log.info("%s", self.line())
