"""``WriteDedupKeys``: the kept documents' dedup keys -> ``OUT/dedup_keys/part-SSSSS-of-NNNNN.parquet``.

What a later build needs to deduplicate against this corpus without reading it
(``pipeline.algorithms.dedup_keys``): one row per kept document with its id, exact-dedup key, MinHash
signature and LSH band keys. ``incoder shard`` keeps the rows of the documents its release holds, and
``build.dedup_against`` reads them back. Parts are deterministic as the documents' are
(``pipeline.stages.write_documents``: shard by id hash, rows sorted by id, fixed writer options).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import apache_beam as beam

from pipeline import fsio
from pipeline.algorithms.dedup_keys import decode_signature, keys_schema
from pipeline.algorithms.lsh import band_keys
from pipeline.config import OutputConfig
from pipeline.metrics import StageCounters
from pipeline.stages.write_documents import group_by_shard, part_name, shard_count, table_bytes

STAGE = "WriteDedupKeys"


def _key_row(element: tuple[str, dict[str, list[Any]]], params: dict[str, Any]) -> Iterator[dict[str, Any]]:
    doc_id, grouped = element
    if not list(grouped["doc"]):
        return
    exact = next(iter(grouped["exact"]), None)
    signature = next(iter(grouped["signature"]), None)
    bands = []
    if signature is not None and params.get("enabled"):
        bands = band_keys(decode_signature(signature), params["bands"], params["rows"])
    yield {"id": doc_id, "exact_key": exact, "signature": signature, "band_keys": bands}


class _WriteKeysFn(beam.DoFn):
    def __init__(self, directory: str, output: OutputConfig, params: dict[str, Any]) -> None:
        self.directory, self.output, self.params = directory, output, params
        self.counters = StageCounters(STAGE)

    def process(self, item: tuple[int, Iterable[Any]], num_shards: int) -> Iterator[str]:
        shard, rows = item
        batch = sorted((r for r in rows if r is not None), key=lambda r: r["id"])
        for _ in batch:
            self.counters.seen()
            self.counters.kept()
        path = fsio.join(self.directory, part_name(shard, num_shards))
        fsio.write_bytes(path, table_bytes(batch, keys_schema(self.params), self.output))
        yield path


class WriteDedupKeys(beam.PTransform):
    """``{"docs": Document, "exact_keys": (id, key), "signatures": (id, bytes)}`` -> written part paths.

    Keys are written for the ``docs`` only (the documents the build keeps); ``params`` (from
    ``dedup_keys.minhash_params``) go into every part's schema metadata. Counters (``WriteDedupKeys``):
    ``seen``/``kept`` per key row.
    """

    def __init__(self, directory: str, output: OutputConfig, params: dict[str, Any]) -> None:
        super().__init__()
        self.directory, self.output, self.params = directory, output, params

    def expand(self, inputs: dict[str, beam.PCollection]) -> beam.PCollection:
        # As many parts as the documents get (the same count from the same text), so part i of the
        # keys holds the keys of part i of the documents.
        n, params = shard_count(inputs["docs"], self.output), self.params
        rows = (
            {"doc": inputs["docs"] | "Ids" >> beam.Map(lambda d: (d["id"], None)),
             "exact": inputs["exact_keys"], "signature": inputs["signatures"]}
            | "JoinKeys" >> beam.CoGroupByKey()
            | "KeyRows" >> beam.FlatMap(_key_row, params)
        )
        return group_by_shard(rows, n) | "WriteShard" >> beam.ParDo(_WriteKeysFn(self.directory, self.output, params), n)
