"""Per-stage counters (Beam metrics) and the ``stats.json`` they become.

A stage counts every element it looks at: ``seen`` = ``kept`` + ``rejected.*`` + ``skipped.*``.
``rejected.<reason>`` elements are written to ``OUT/rejected``; ``skipped.<reason>`` ones never become a
record (archive links, traversal names, device entries). Bytes go under ``bytes.<seen|kept|...>``;
any other counter name (``lang.python``, ``cluster_size.3``) is reported under the stage as it is.

Counter names are ``<kind>.<key>``; the namespace is the stage's class name, so ``stats.json`` reads
``{"stages": {"FilterQuality": {"seen": 10, "kept": 8, "rejected": {"line_too_long": 2}, ...}}}``.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

import apache_beam as beam
from apache_beam.metrics import Metrics
from apache_beam.metrics.metric import MetricsFilter

from pipeline import progress

log = logging.getLogger(__name__)


class StageCounters:
    """Counters of one stage; create in a DoFn's ``__init__`` or ``setup`` (picklable)."""

    def __init__(self, stage: str) -> None:
        self.stage = stage
        self._cache: dict[str, Any] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"stage": self.stage}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.stage = state["stage"]
        self._cache = {}

    def inc(self, name: str, n: int = 1) -> None:
        counter = self._cache.get(name)
        if counter is None:
            counter = self._cache[name] = Metrics.counter(self.stage, name)
        counter.inc(n)
        progress.record(self.stage, name, n)

    def seen(self, nbytes: int = 0) -> None:
        self.inc("seen")
        if nbytes:
            self.inc("bytes.seen", nbytes)

    def kept(self, nbytes: int = 0) -> None:
        self.inc("kept")
        if nbytes:
            self.inc("bytes.kept", nbytes)

    def rejected(self, reason: str, nbytes: int = 0) -> None:
        self.inc(f"rejected.{reason}")
        if nbytes:
            self.inc("bytes.rejected", nbytes)

    def skipped(self, reason: str, nbytes: int = 0) -> None:
        self.inc(f"skipped.{reason}")
        if nbytes:
            self.inc("bytes.skipped", nbytes)


class CountPassThroughFn(beam.DoFn):
    """A disabled stage: every document passes, counted ``seen`` and ``kept`` under the stage's name."""

    def __init__(self, stage: str) -> None:
        self.counters = StageCounters(stage)

    def process(self, doc: dict[str, Any]) -> Any:
        nbytes = doc.get("size_bytes") or 0
        self.counters.seen(nbytes)
        self.counters.kept(nbytes)
        yield doc


def query_counters(result: Any) -> dict[str, dict[str, int]]:
    """``{stage: {counter: value}}`` of a finished pipeline result (committed values when known)."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for counter in result.metrics().query(MetricsFilter())["counters"]:
        try:
            value = counter.committed
        except Exception:  # noqa: BLE001 -- runners without committed metrics
            value = None
        if value is None:
            value = counter.attempted
        key = counter.key.metric
        stage_counters = out[key.namespace]
        stage_counters[key.name] = stage_counters.get(key.name, 0) + int(value or 0)
    return dict(out)


def stage_stats(counters: dict[str, int]) -> dict[str, Any]:
    """One stage's flat counters in the ``stats.json`` shape, with the accounting check."""
    stats: dict[str, Any] = {"seen": 0, "kept": 0, "rejected": {}, "skipped": {}}
    for name, value in sorted(counters.items()):
        kind, _, key = name.partition(".")
        if kind in ("seen", "kept") and not key:
            stats[kind] = value
        elif kind in ("rejected", "skipped", "bytes") and key:
            stats.setdefault(kind, {})[key] = value
        elif key:
            stats.setdefault(kind, {})[key] = value
        else:
            stats[kind] = value
    accounted = stats["kept"] + sum(stats["rejected"].values()) + sum(stats["skipped"].values())
    stats["balanced"] = accounted == stats["seen"]
    return stats


def build_stats(result: Any, stage_order: list[str] | None = None) -> dict[str, Any]:
    """``stats.json`` content from a pipeline result: stages in pipeline order, then the rest."""
    return stats_from_counters(query_counters(result), stage_order)


def stats_from_counters(counters: dict[str, dict[str, int]], stage_order: list[str] | None = None) -> dict[str, Any]:
    """``{"stages": ...}`` from ``{stage: {counter: value}}``: stages in pipeline order, then the rest."""
    order = [s for s in (stage_order or []) if s in counters] + sorted(set(counters) - set(stage_order or []))
    return {"stages": {stage: stage_stats(counters[stage]) for stage in order}}


# The columns the writers count by (WriteShardFn in pipeline/stages/write_documents.py); counting the
# written rows again gives the same numbers when a runner reports no metrics.
_ROW_BREAKDOWNS = (("lang", "lang"), ("license", "license"), ("source", "source"), ("reason", "reason"))


def runner_counters(result: Any) -> dict[str, dict[str, int]] | None:
    """The runner's counters, or ``None`` when it reports none (a dry run, a runner without metrics)."""
    try:
        counters = query_counters(result)
    except Exception as exc:  # noqa: BLE001 -- each runner fails its own way (NotImplementedError, ...)
        log.warning("the runner reports no metrics (%s: %s)", type(exc).__name__, exc)
        return None
    return counters or None


def row_counters(part_paths: list[str], stage: str) -> dict[str, int]:
    """The counters a writer stage would have reported, recounted from the parquet parts it wrote."""
    import pyarrow.parquet as pq

    from pipeline import fsio

    counters: dict[str, int] = defaultdict(int)
    for path in part_paths:
        with fsio.open_read(path) as handle:
            table = pq.read_table(handle)
        columns = set(table.column_names)
        sizes = table.column("size_bytes").to_pylist()
        counters["seen"] += len(sizes)
        counters["kept"] += len(sizes)
        counters["bytes.seen"] += sum(s or 0 for s in sizes)
        counters["bytes.kept"] += sum(s or 0 for s in sizes)
        for column, kind in _ROW_BREAKDOWNS:
            if column not in columns:
                continue
            for value in table.column(column).to_pylist():
                if column == "license":
                    value = value or "none"
                if value:
                    counters[f"{kind}.{value}"] += 1
    return dict(counters)
