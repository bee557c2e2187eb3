"""Tokenize the documents into a versioned release of parquet shards (``OUT/release/``).

Reads ``OUT/documents/part-*.parquet`` and the tokenizer in ``OUT/tokenizer/``; writes
``train/`` and ``validation/`` parts (``part-SSSSS-of-NNNNN.parquet``, zstd, row groups; columns
``id, input_ids, num_tokens, lang, source, license, repo, path``), ``tokenizer/`` (copy of the model
and the Hugging Face files), ``attribution.jsonl``, ``rejected.jsonl``, ``DATACARD.md`` with
``charts/*.png`` and, last, ``manifest.json``. Documents of held-out repositories
(``release.heldout_fraction``, rule in ``tokenizer.heldout``) go, as raw text, to ``heldout/`` only.
Other documents go to validation by a hash of ``release.seed`` and their id; to a
shard by another hash; inside a shard they are sorted by id: the same inputs and config give
byte-identical shards and manifest on any runner.

  incoder shard --config configs/demo.yaml
  incoder shard --config c.yaml --runner=DataflowRunner --project=... --temp_location=gs://...
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import apache_beam as beam

from pipeline import fsio
from pipeline.beam_runner import new_pipeline
from pipeline.config import ProjectConfig
from pipeline.errors import FatalError
from pipeline.metrics import StageCounters, build_stats
from tokenizer import heldout, release, release_keys
from tokenizer.config import ReleaseConfig
from tokenizer.format import format_document, percentile_thresholds
from tokenizer.train import documents_pattern, remove_dir, unit_hash
from tokenizer.write_heldout import WriteHeldout

log = logging.getLogger(__name__)


def assign_split(doc_id: str, validation_fraction: float, seed: int) -> str:
    """Validation when a hash of (``release.seed``, id) falls below the fraction: a seeded, order-free draw."""
    return "validation" if unit_hash("split", seed, doc_id) < validation_fraction else "train"


def assign_shard(doc_id: str, count: int) -> int:
    """The part a row lands in: a hash of its id alone (placement, not a sample: no seed)."""
    return min(count - 1, int(unit_hash("shard", doc_id) * count))


class _Tokenize(beam.DoFn):
    def __init__(self, model_path: str, rcfg: ReleaseConfig, seed: int) -> None:
        self.model_path = model_path
        self.rcfg = rcfg
        self.seed = seed
        self.counters = StageCounters("TokenizeDocuments")

    def setup(self) -> None:
        from tokenizer.spm import IncoderTokenizer

        self.tokenizer = IncoderTokenizer(self.model_path)

    def process(self, doc: dict[str, Any], stars: list[int] | None, scores: list[int] | None) -> Iterator[Any]:
        self.counters.seen(doc.get("size_bytes") or 0)
        reason, detail = None, ""
        if doc.get("content") is None and not doc.get("parts"):
            reason = "no_content"
        else:
            try:
                segments = format_document(doc, self.seed, self.rcfg.attribute_start_probability, stars, scores)
            except (ValueError, TypeError, KeyError) as exc:
                reason, detail = "unformattable_document", str(exc)[:200]
        if reason is None and heldout.is_heldout(doc, self.rcfg.heldout_fraction, self.seed):
            # A held-out repository's documents go to heldout/ as raw text, never to a training shard.
            self.counters.inc("heldout")
            yield beam.pvalue.TaggedOutput("heldout", (heldout.repository_key(doc), heldout.row(doc)))
            yield beam.pvalue.TaggedOutput("attribution", (release.attribution_key(doc), release.attribution_entry(doc)))
            return
        if reason is None:
            ids = self.tokenizer.encode_document(segments)
            if self.rcfg.max_document_tokens and len(ids) > self.rcfg.max_document_tokens:
                reason, detail = "document_too_long", f"{len(ids)} tokens"
        if reason is not None:
            self.counters.rejected(reason)
            yield beam.pvalue.TaggedOutput("rejected", {"id": doc["id"], "repo": doc.get("repo"),
                                                        "path": doc.get("path"), "reason": reason, "detail": detail})
            return
        self.counters.kept()
        self.counters.inc(f"tokens.{doc.get('lang')}", len(ids))
        yield {
            "split": assign_split(doc["id"], self.rcfg.validation_fraction, self.seed),
            "id": doc["id"], "input_ids": release.pack_ids(ids), "num_tokens": len(ids), "lang": doc.get("lang"),
            "source": doc.get("source"), "license": doc.get("license"), "repo": doc.get("repo"),
            "path": doc.get("path"),
        }
        yield beam.pvalue.TaggedOutput("attribution", (release.attribution_key(doc), release.attribution_entry(doc)))


class _WriteShard(beam.DoFn):
    def __init__(self, release_dir: str, rcfg: ReleaseConfig) -> None:
        self.release_dir = release_dir
        self.rcfg = rcfg

    def process(self, item: tuple[tuple[str, int, int], list[Any]]) -> Iterator[dict[str, Any]]:
        (split, index, count), rows = item
        rows = [r for r in rows if r is not None]  # None: the marker that makes empty shards exist
        data = release.encode_shard(rows, self.rcfg.row_group_size, self.rcfg.compression_level)
        path = release.shard_path(split, index, count)
        fsio.write_bytes(fsio.join(self.release_dir, path), data)
        summary = release.summarize_rows(rows)
        yield {"split": split, "path": path, "sha256": release.sha256_bytes(data), "bytes": len(data), **summary}


def _key_rows(row: dict[str, Any], counts: dict[str, int]) -> tuple[tuple[str, int, int], dict[str, Any]]:
    count = counts[row["split"]]
    return (row["split"], assign_shard(row["id"], count), count), {k: v for k, v in row.items() if k != "split"}


def _empty_markers(_: Any, counts: dict[str, int]) -> Iterator[tuple[tuple[str, int, int], None]]:
    for split in release.SPLITS:
        for index in range(counts[split]):
            yield (split, index, counts[split]), None


class TokenizeDocuments(beam.PTransform):
    """Document dicts -> ``{"kept": shard summaries, "rejected": rejected rows, "attribution": entries}``.

    Formats each document (tokenizer.format), tokenizes it (model loaded once per worker in
    ``setup``), splits by id hash, groups rows into shards of about ``target_shard_mb`` and writes each
    shard (sorted by id) with pyarrow through ``fsio``. Counters (``TokenizeDocuments``): seen; kept;
    rejected.no_content, rejected.unformattable_document, rejected.document_too_long; tokens.<lang>;
    heldout (documents of held-out repositories, written by ``WriteHeldout`` instead of a shard).
    """

    def __init__(self, model_path: str, release_dir: str, rcfg: ReleaseConfig, seed: int) -> None:
        super().__init__()
        self.model_path, self.release_dir, self.rcfg, self.seed = model_path, release_dir, rcfg, seed

    def _thresholds(self, docs: beam.PCollection, fixed: list[int] | None, label: str, values: Any) -> Any:
        if fixed is not None:
            return docs.pipeline | f"{label}Fixed" >> beam.Create([list(fixed)])
        return (
            docs
            | f"{label}Values" >> beam.FlatMap(values)
            | f"{label}Distinct" >> beam.Distinct()
            | f"{label}Value" >> beam.Map(lambda kv: (kv[-1], 1))
            | f"{label}Count" >> beam.CombinePerKey(sum)
            | f"{label}Histogram" >> beam.combiners.ToDict()
            | f"{label}Percentiles" >> beam.Map(percentile_thresholds)
        )

    def expand(self, docs: beam.PCollection) -> dict[str, beam.PCollection]:
        rcfg = self.rcfg
        # Stars per repository (not per file), scores per question/answer: binned by corpus percentiles.
        stars = self._thresholds(docs, rcfg.dstars_thresholds, "Stars", _repo_stars)
        scores = self._thresholds(docs, rcfg.dscore_thresholds, "Scores", _post_scores)
        tokenized = docs | "Tokenize" >> beam.ParDo(
            _Tokenize(self.model_path, rcfg, self.seed),
            stars=beam.pvalue.AsSingleton(stars), scores=beam.pvalue.AsSingleton(scores),
        ).with_outputs("rejected", "attribution", "heldout", main="kept")
        rows = tokenized.kept
        counts = (
            rows
            | "SplitTokens" >> beam.Map(lambda r: (r["split"], r["num_tokens"]))
            | "SumTokens" >> beam.CombinePerKey(sum)
            | "AllSplits" >> beam.combiners.ToDict()
            | "ShardCounts" >> beam.Map(
                lambda t: {s: release.num_shards(t.get(s, 0), rcfg.target_shard_mb) for s in release.SPLITS})
        )
        counts_side = beam.pvalue.AsSingleton(counts)
        keyed = rows | "KeyByShard" >> beam.Map(_key_rows, counts_side)
        markers = docs.pipeline | "One" >> beam.Create([None]) | "EmptyShards" >> beam.FlatMap(_empty_markers, counts_side)
        written = (
            (keyed, markers)
            | "Flatten" >> beam.Flatten()
            | "GroupShards" >> beam.GroupByKey()
            | "WriteShards" >> beam.ParDo(_WriteShard(self.release_dir, rcfg))
        )
        attribution = (
            tokenized.attribution
            | "MergeAttribution" >> beam.CombinePerKey(release.merge_attribution)
            | "AttributionValue" >> beam.Values()
        )
        held = tokenized.heldout | "WriteHeldout" >> WriteHeldout(self.release_dir, rcfg.target_shard_mb,
                                                                  rcfg.compression_level)
        return {"kept": written, "rejected": tokenized.rejected, "attribution": attribution,
                "thresholds": (stars, scores), "heldout": held,
                "ids": rows | "ReleasedIds" >> beam.Map(lambda r: r["id"])}


def _repo_stars(doc: dict[str, Any]) -> Iterator[tuple[str, str, int]]:
    if doc.get("source") != "stackoverflow" and doc.get("stars") is not None:
        yield (doc.get("source") or "", doc["repo"], int(doc["stars"]))


def _post_scores(doc: dict[str, Any]) -> Iterator[tuple[int, int]]:
    for part in doc.get("parts") or []:
        if part.get("kind") in ("q", "a") and part.get("score") is not None and part.get("post_id") is not None:
            yield (int(part["post_id"]), int(part["score"]))


def _write_sorted_jsonl(rows: list[dict[str, Any]], path: str, key: Any) -> None:
    lines = [json.dumps(r, sort_keys=True, ensure_ascii=False) for r in sorted(rows, key=key)]
    fsio.write_text(path, "".join(line + "\n" for line in lines))


class WriteSortedBuckets(beam.PTransform):
    """JSON-able dicts -> ``PREFIX-BBBBB.jsonl`` files, ``NUM_BUCKETS`` of them (by a hash of the sort
    key), each sorted by ``key``; ``merge_sorted_buckets`` streams them into one sorted file on the
    driver, so no worker holds more than a bucket."""

    NUM_BUCKETS = 16

    def __init__(self, prefix: str, key: Any) -> None:
        super().__init__()
        self.prefix, self.key = prefix, key

    def expand(self, rows: beam.PCollection) -> beam.PCollection:
        prefix, key, buckets = self.prefix, self.key, self.NUM_BUCKETS
        markers = rows.pipeline | "Buckets" >> beam.Create([(b, None) for b in range(buckets)])
        keyed = rows | "Bucket" >> beam.Map(lambda r: (int(unit_hash("bucket", *key(r)) * buckets), r))
        return (
            (keyed, markers)
            | "Flatten" >> beam.Flatten()
            | "Group" >> beam.GroupByKey()
            | "Write" >> beam.MapTuple(lambda b, items: _write_sorted_jsonl(
                [r for r in items if r is not None], f"{prefix}-{b:05d}.jsonl", key))
        )


def merge_sorted_buckets(prefix: str, target: str, key: Any) -> int:
    """Stream-merge the sorted bucket files of ``WriteSortedBuckets`` into ``target``; returns lines."""
    import heapq
    import io

    handles = [io.TextIOWrapper(fsio.open_read(p), encoding="utf-8") for p in fsio.list_files(f"{prefix}-*.jsonl")]
    lines = 0
    try:
        streams = [((key(json.loads(line)), line) for line in h) for h in handles]
        with fsio.atomic_write(target) as out:
            for _, line in heapq.merge(*streams, key=lambda item: item[0]):
                out.write(line.encode("utf-8"))
                lines += 1
    finally:
        for h in handles:
            h.close()
    return lines


def _rejected_order(row: dict[str, Any]) -> tuple[str]:
    return (row["id"],)


def _attribution_order(entry: dict[str, Any]) -> tuple[str, str, str]:
    return (entry["kind"], entry.get("source") or entry.get("site") or "", entry.get("repo") or entry.get("path") or "")


def _write_thresholds(_: Any, path: str, stars: list[int] | None, scores: list[int] | None) -> None:
    fsio.write_json(path, {"dstars": stars, "dscore": scores})


def _copy_tokenizer(cfg: ProjectConfig, release_dir: str) -> tuple[str, bytes]:
    source = cfg.layout.tokenizer
    model_path = cfg.layout.tokenizer_model
    if not fsio.exists(model_path):
        raise FatalError(f"no tokenizer at {model_path}: run 'incoder tokenizer train' first")
    model = fsio.read_bytes(model_path)
    fsio.write_bytes(fsio.join(release_dir, "tokenizer", "spm.model"), model)
    fsio.delete_matching(fsio.join(release_dir, "tokenizer", "hf", "*"))
    for path in fsio.list_files(fsio.join(source, "hf", "*")):
        fsio.write_bytes(fsio.join(release_dir, "tokenizer", "hf", path.rsplit("/", 1)[-1]), fsio.read_bytes(path))
    return model_path, model


def run_shard(cfg: ProjectConfig, beam_args: list[str] | None = None) -> str:
    """Build ``OUT/release`` from the documents and the trained tokenizer; returns the release dir."""
    from tokenizer.finalize import finalize_release

    rcfg: ReleaseConfig = cfg.require("release")
    pattern = documents_pattern(cfg)
    release_dir = cfg.layout.release
    work = fsio.join(release_dir, "_work")
    for stale in ("manifest.json", "train/part-*", "validation/part-*", "heldout/part-*", "dedup_keys/part-*", "_work/*"):
        fsio.delete_matching(fsio.join(release_dir, stale))
    model_path, model = _copy_tokenizer(cfg, release_dir)
    with new_pipeline(beam_args) as pipeline:
        docs = pipeline | "ReadDocuments" >> beam.io.ReadFromParquet(pattern)
        out = docs | "TokenizeDocuments" >> TokenizeDocuments(model_path, release_dir, rcfg, rcfg.seed)
        stars, scores = out["thresholds"]
        (out["kept"] | "ShardList" >> beam.combiners.ToList()
         | "WriteShardList" >> beam.Map(_write_sorted_jsonl, fsio.join(work, "shards.jsonl"), lambda r: r["path"]))
        out["attribution"] | "WriteAttribution" >> WriteSortedBuckets(fsio.join(work, "attribution"), _attribution_order)
        out["rejected"] | "WriteRejected" >> WriteSortedBuckets(fsio.join(work, "rejected"), _rejected_order)
        key_files = release_keys.build_key_files(cfg.layout)
        if key_files:  # the build's dedup keys of the released documents (build.dedup_against reads them)
            (out["ids"] | "DedupKeys" >> release_keys.ReleaseDedupKeys(
                key_files, release_dir, release_keys.read_params(key_files[0]))
             | "KeyPartList" >> beam.combiners.ToList()
             | "WriteKeyPartList" >> beam.Map(_write_sorted_jsonl, fsio.join(work, "dedup_keys.jsonl"), lambda r: r["path"]))
        (out["heldout"] | "HeldoutList" >> beam.combiners.ToList()
         | "WriteHeldoutList" >> beam.Map(_write_sorted_jsonl, fsio.join(work, "heldout.jsonl"), lambda r: r["path"]))
        (pipeline | "ThresholdsOnce" >> beam.Create([None])
         | "WriteThresholds" >> beam.Map(_write_thresholds, fsio.join(work, "thresholds.json"),
                                         beam.pvalue.AsSingleton(stars), beam.pvalue.AsSingleton(scores)))
    stats = build_stats(pipeline.result, ["TokenizeDocuments"])
    merge_sorted_buckets(fsio.join(work, "attribution"), fsio.join(release_dir, "attribution.jsonl"), _attribution_order)
    merge_sorted_buckets(fsio.join(work, "rejected"), fsio.join(release_dir, "rejected.jsonl"), _rejected_order)
    finalize_release(cfg, release_dir, model, stats)
    remove_dir(work)
    return release_dir
