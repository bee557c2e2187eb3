"""``DedupExact``: drop exact duplicates across the whole corpus with InCoder's key (the InCoder paper, Fried et al. 2022, section 3)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import apache_beam as beam

from pipeline import records
from pipeline.algorithms.paths import is_vendored
from pipeline.algorithms.text import exact_dedup_key
from pipeline.metrics import StageCounters

STAGE = "DedupExact"


def dedup_key(doc: dict[str, Any]) -> tuple[str, str]:
    """``(key, id)``: the key is (extension, token count, MD5 of the alphanumeric tokens)."""
    return exact_dedup_key(doc.get("ext") or "", doc["content"] or ""), doc["id"]


def group_verdicts(item: tuple[str, Iterable[str]]) -> Iterator[tuple[str, tuple[str | None, str]]]:
    """``(id, (duplicate_of, key))`` for every id of one key group; the lowest id is the copy kept.

    The group holds ids only (40-character strings), never documents, and is iterated twice rather
    than copied into a list, so a key shared by a million files costs no worker a million documents.
    Lowest id is deterministic on every runner and rerun; it is a hash of (source, repo, path), so it
    favours no repository systematically (the near-dedup stage ranks by licence/stars/recency).
    """
    key, ids = item
    winner = min(ids)
    for doc_id in ids:
        yield doc_id, (None if doc_id == winner else winner, key)


class RouteDuplicatesFn(beam.DoFn):
    """Join of a document with its verdict: kept, or rejected as ``exact_duplicate``; ``keys``: the kept
    documents' ``(id, exact-dedup key)``, which the build persists for later builds (``dedup_keys/``)."""

    def __init__(self) -> None:
        self.counters = StageCounters(STAGE)

    def process(self, item: tuple[str, dict[str, list[Any]]]) -> Iterator[Any]:
        doc_id, joined = item
        docs = sorted(joined["doc"], key=lambda d: (d["sha256"], d["repo"], d["path"]))
        verdicts = [dup for dup, _ in joined["verdict"]]
        key = next((k for _, k in joined["verdict"]), None)
        duplicate_of = min((v for v in verdicts if v is not None), default=None)
        # The same id twice (one repository listed by two sources): the first copy stands for it.
        kept_one = False
        for doc in docs:
            self.counters.seen(doc["size_bytes"])
            if kept_one:
                self.counters.rejected("duplicate_id", doc["size_bytes"])
                yield beam.pvalue.TaggedOutput("rejected", records.reject(doc, "duplicate_id", None, doc_id))
            elif duplicate_of is not None and None not in verdicts:
                self.counters.rejected("exact_duplicate", doc["size_bytes"])
                if is_vendored(doc["path"]):
                    self.counters.inc("vendored_copies_removed")  # stats.json: _vendor-style copies dropped
                yield beam.pvalue.TaggedOutput(
                    "rejected", records.reject(doc, "exact_duplicate", "same InCoder exact-dedup key", duplicate_of))
            else:
                kept_one = True
                self.counters.kept(doc["size_bytes"])
                yield beam.pvalue.TaggedOutput("keys", (doc_id, key))
                yield doc


class DedupExact(beam.PTransform):
    """Keep one document per exact-dedup key, corpus-wide and distributed.

    Input: ``PCollection[Document]``. Output: ``{"kept": PCollection[Document], "rejected":
    PCollection[Rejected], "keys": PCollection[(id, key)]}`` (``keys``: the kept documents'
    exact-dedup keys, for ``DedupPastRelease`` and ``dedup_keys/``). Steps: key every document by ``(key, id)``; ``GroupByKey`` the ids (not
    the documents) per key and choose the lowest id; join the ``(id, duplicate_of)`` verdicts back to
    the documents by id with ``CoGroupByKey``. Counters (``DedupExact``): ``seen``, ``kept``,
    ``rejected.exact_duplicate`` (``duplicate_of`` = the kept id), ``rejected.duplicate_id``.
    """

    def expand(self, docs: beam.PCollection) -> dict[str, beam.PCollection]:
        verdicts = (
            docs
            | "DedupKey" >> beam.Map(dedup_key)
            | "GroupIds" >> beam.GroupByKey()
            | "ChooseKept" >> beam.FlatMap(group_verdicts)
        )
        by_id = docs | "ById" >> beam.Map(lambda d: (d["id"], d))
        results = (
            {"doc": by_id, "verdict": verdicts}
            | "JoinVerdicts" >> beam.CoGroupByKey()
            | "Route" >> beam.ParDo(RouteDuplicatesFn()).with_outputs("rejected", "keys", main="kept")
        )
        return {"kept": results.kept, "rejected": results.rejected, "keys": results["keys"]}
