"""``DedupPastRelease``: drop new documents that duplicate a document of a past release (``in_past_release``).

Only the past releases' ``dedup_keys/`` parquet is read (ids, exact-dedup keys, MinHash signatures and
band keys, see ``pipeline.algorithms.dedup_keys``); their corpora are neither read nor re-hashed, so
the work grows with the new data plus one small key row per past document.

Runs after ``DedupExact`` and ``DedupNear`` so the within-build decisions stay as they are, and turns
them into what a full rebuild of past + new would decide for the new documents: a new near-duplicate
cluster (or exact group) that touches a past document loses its kept copy too, because the past copy
is already published. Matching is done on ``DedupNear``'s inputs (the exact-dedup winners: an exact
group shares one key, so its winner stands for it) and carried to the kept copy of its cluster.

- exact: ``CoGroupByKey`` of the new and past exact-dedup keys;
- near: ``CoGroupByKey`` of the new and past band keys (ids only); for buckets holding both, the
  members' signatures are joined in and a new document matches the smallest past id whose *estimated*
  Jaccard reaches ``near_dedup.threshold`` (``verify: exact`` or ``estimate``; with ``none`` any shared
  bucket matches, as in ``DedupNear``). The check stays on the estimate even under ``verify: exact``:
  a past release keeps signatures but not shingle sets (``dedup_keys/``), and its corpus is not read.
  A worker holds one bucket's signatures at a time; nothing is gathered whole.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import apache_beam as beam

from pipeline import fsio, records
from pipeline.algorithms.dedup_keys import KEYS_DIR, REASON, check_compatible, decode_signature, first_similar
from pipeline.algorithms.lsh import band_keys
from pipeline.errors import ConfigError
from pipeline.metrics import CountPassThroughFn, StageCounters

log = logging.getLogger(__name__)

STAGE = "DedupPastRelease"


def past_key_files(release_dirs: list[str], current_params: dict[str, Any]) -> tuple[dict[str, str], bool]:
    """``({keys file: release label}, near matching possible)`` from the past releases' manifests."""
    files: dict[str, str] = {}
    near = bool(release_dirs)
    for release_dir in release_dirs:
        manifest_path = fsio.join(release_dir, "manifest.json")
        if not fsio.exists(manifest_path):
            raise ConfigError(f"build.dedup_against: {release_dir} is not a release (no manifest.json)")
        manifest = json.loads(fsio.read_text(manifest_path))
        keys = manifest.get("dedup_keys")
        if not keys:
            raise ConfigError(f"build.dedup_against: {release_dir} has no {KEYS_DIR}/ in its manifest "
                              "(made before releases kept their dedup keys): rebuild it with 'incoder shard'")
        near = check_compatible(keys.get("params"), current_params, release_dir) and near
        label = manifest.get("name") or release_dir
        for entry in keys["files"]:
            files[fsio.join(release_dir, entry["path"])] = label
    return files, near


class _MatchBucketFn(beam.DoFn):
    """``(band key, {"past": ids, "new": ids})`` -> without verification ``(new id, ("near", past id))``;
    with it, ``(id, (band key, side))`` memberships of buckets holding both sides."""

    def __init__(self, verify: bool) -> None:
        self.verify = verify
        self.counters = StageCounters(STAGE)

    def process(self, element):
        key, grouped = element
        past, new = list(grouped["past"]), sorted(set(grouped["new"]))
        if not past or not new:
            return
        self.counters.inc("past.shared_buckets")
        if not self.verify:
            for doc_id in new:
                yield doc_id, ("near", min(past))
            return
        for doc_id in new:
            yield beam.pvalue.TaggedOutput("new", (doc_id, key))
        for past_id in set(past):
            yield beam.pvalue.TaggedOutput("past", (past_id, key))


def _attach(element, side: str):
    """``(id, {"signature": [bytes], "bucket": [band keys]})`` -> ``(band key, (side, id, bytes))``."""
    doc_id, grouped = element
    signatures = list(grouped["signature"])
    if signatures:
        for key in set(grouped["bucket"]):
            yield key, (side, doc_id, signatures[0])


class _VerifyBucketFn(beam.DoFn):
    """``(band key, [(side, id, signature)])`` -> ``(new id, ("near", past id))`` for verified matches."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold

    def process(self, element):
        _, members = element
        past = [(doc_id, sig) for side, doc_id, sig in members if side == "past"]
        for side, doc_id, sig in sorted(members):
            if side == "new":
                match = first_similar(decode_signature(sig), past, self.threshold)
                if match is not None:
                    yield doc_id, ("near", match)


def _to_cluster(element):
    """``(id, {"match": [(kind, past id)], "cluster": [kept id]})`` -> ``(kept id of its cluster, match)``."""
    doc_id, grouped = element
    matches = list(grouped["match"])
    if matches:
        kept = next(iter(grouped["cluster"]), doc_id)
        yield kept, min(matches)


class _RouteFn(beam.DoFn):
    """``(id, {"doc": [doc], "match": [(kind, (past id, release))]})`` -> kept, or ``in_past_release``."""

    def __init__(self) -> None:
        self.counters = StageCounters(STAGE)

    def process(self, element):
        _, grouped = element
        matches = list(grouped["match"])
        for doc in grouped["doc"]:
            nbytes = doc.get("size_bytes") or 0
            self.counters.seen(nbytes)
            if not matches:
                self.counters.kept(nbytes)
                yield doc
                continue
            kind, (past_id, release) = min(matches)
            self.counters.rejected(REASON, nbytes)
            self.counters.inc(f"past.{kind}_matches")
            detail = f"{kind} duplicate of {past_id} in past release {release}"
            yield beam.pvalue.TaggedOutput("rejected", records.reject(doc, REASON, detail, duplicate_of=past_id))


class _PastRowFn(beam.DoFn):
    """``(keys file, row)`` -> the row with ``past`` = ``(id, release label)``; counts the rows read."""

    def __init__(self, labels: dict[str, str]) -> None:
        self.labels = labels
        self.counters = StageCounters(STAGE)

    def process(self, element):
        filename, row = element
        self.counters.inc("past.documents")
        yield {**row, "past": (row["id"], self.labels.get(filename, filename))}


class DedupPastRelease(beam.PTransform):
    """New documents against past releases' dedup keys -> ``{"kept": Document, "rejected": Rejected}``.

    Input: a dict of PCollections: ``docs`` (``DedupNear``'s kept documents), ``exact_keys`` (``(id,
    key)`` of ``DedupNear``'s inputs, from ``DedupExact``), ``signatures`` (``(id, signature bytes)``)
    and ``clusters`` (``(id, kept id)``) from ``DedupNear``. Rejected: reason ``in_past_release``,
    ``duplicate_of`` = the past document's id. With no past release every document is kept.

    Counters (``DedupPastRelease``): ``seen``, ``kept``, ``rejected.in_past_release``,
    ``past.documents`` (key rows read), ``past.shared_buckets``, ``past.exact_matches``,
    ``past.near_matches`` (kept copies removed, by the kind of match).
    """

    def __init__(self, release_dirs: list[str], current_params: dict[str, Any]) -> None:
        super().__init__()
        self.params = current_params
        self.files, self.near = past_key_files(list(release_dirs), current_params)

    def expand(self, inputs: dict[str, beam.PCollection]) -> dict[str, beam.PCollection]:
        docs = inputs["docs"]
        p = docs.pipeline
        if not self.files:  # no past release: every document kept, without a shuffle
            kept = docs | "PassThrough" >> beam.ParDo(CountPassThroughFn(STAGE))
            return {"kept": kept, "rejected": p | "NoRejected" >> beam.Create([])}
        log.info("past-release dedup against %d key files (near matching %s)", len(self.files),
                 "on" if self.near else "off")
        past = (p | "PastFiles" >> beam.Create(sorted(self.files))
                | "ReadPastKeys" >> beam.io.ReadAllFromParquet(with_filename=True)
                | "PastRows" >> beam.ParDo(_PastRowFn(self.files)))
        matches = [self._exact(past, inputs["exact_keys"])]
        if self.near:
            matches.append(self._near(past, inputs["signatures"]))
        matches = matches | "AllMatches" >> beam.Flatten()
        by_cluster = (
            {"match": matches, "cluster": inputs["clusters"]}
            | "JoinClusters" >> beam.CoGroupByKey()
            | "ToCluster" >> beam.FlatMap(_to_cluster)
        )
        routed = (
            {"doc": docs | "ById" >> beam.Map(lambda d: (d["id"], d)), "match": by_cluster}
            | "JoinMatches" >> beam.CoGroupByKey()
            | "Route" >> beam.ParDo(_RouteFn()).with_outputs("rejected", main="kept")
        )
        return {"kept": routed.kept, "rejected": routed.rejected}

    def _exact(self, past: beam.PCollection, exact_keys: beam.PCollection) -> beam.PCollection:
        def matched(element):
            _, grouped = element
            past_ids = list(grouped["past"])
            if past_ids:
                first = min(past_ids)
                for doc_id in set(grouped["new"]):
                    yield doc_id, ("exact", first)

        return (
            {"past": past | "PastExact" >> beam.Map(lambda r: (r["exact_key"], r["past"])),
             "new": exact_keys | "NewExact" >> beam.MapTuple(lambda doc_id, key: (key, doc_id))}
            | "JoinExact" >> beam.CoGroupByKey()
            | "ExactMatches" >> beam.FlatMap(matched)
        )

    def _near(self, past: beam.PCollection, signatures: beam.PCollection) -> beam.PCollection:
        bands, rows = self.params["bands"], self.params["rows"]
        # verify: exact falls back to the estimate here (no shingle sets in a past release's keys);
        # params written before "verify" existed carry the boolean verify_jaccard instead.
        verify = self.params.get("verify", "estimate" if self.params.get("verify_jaccard") else "none") != "none"
        new_bands = signatures | "NewBands" >> beam.FlatMapTuple(
            lambda doc_id, sig: ((key, doc_id) for key in band_keys(decode_signature(sig), bands, rows)))
        past_bands = past | "PastBands" >> beam.FlatMap(lambda r: ((k, r["past"]) for k in r["band_keys"] or ()))
        shared = (
            {"past": past_bands, "new": new_bands}
            | "JoinBands" >> beam.CoGroupByKey()
            | "SharedBuckets" >> beam.ParDo(_MatchBucketFn(verify)).with_outputs("new", "past", main="unverified")
        )
        if not verify:
            return shared.unverified
        past_signatures = past | "PastSignatures" >> beam.FlatMap(
            lambda r: [(r["past"], r["signature"])] if r["signature"] else [])
        attached = []
        for side, sigs in (("new", signatures), ("past", past_signatures)):
            attached.append(
                {"bucket": shared[side], "signature": sigs}
                | f"Join{side.title()}Signatures" >> beam.CoGroupByKey()
                | f"Attach{side.title()}" >> beam.FlatMap(_attach, side)
            )
        return (
            attached
            | "FlattenMembers" >> beam.Flatten()
            | "GroupMembers" >> beam.GroupByKey()
            | "VerifyMatches" >> beam.ParDo(_VerifyBucketFn(self.params["threshold"]))
        )
