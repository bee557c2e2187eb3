"""``WriteDocuments``: rows -> deterministic parquet parts ``part-SSSSS-of-NNNNN.parquet``.

Beam's file sinks do not order elements, so byte-identical output is made by hand (Beam's
programming guide): each row goes to shard ``md5(id) mod N``; rows are grouped by shard, sorted by id and
written by one DoFn call per shard with pyarrow (fixed writer options, zstd, row groups of
``row_group_size``) through ``fsio.atomic_write``. Every shard index gets a part, empty ones too, so
readers always find exactly N parts. Rows of one shard are held in one worker's memory while it is
written, so N must grow with the corpus: ``output.num_shards`` fixes it, ``output.target_shard_mb``
derives it from the data (the rows' summed text size, a global combine read back as a side input, as
``tokenizer.shard`` sizes release shards), which keeps a writer's memory bounded at any corpus size.

The stage writes under the directory it is given (``build.py`` passes a staging directory and
publishes it after the pipeline succeeded -- see ``publish_parts``).
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Iterable, Iterator
from typing import Any

import apache_beam as beam
import pyarrow as pa
import pyarrow.parquet as pq
from apache_beam.io.filesystems import FileSystems

from pipeline import fsio, records
from pipeline.config import OutputConfig
from pipeline.metrics import StageCounters

log = logging.getLogger(__name__)

PART_GLOB = "part-*-of-*.parquet"


def part_name(shard: int, num_shards: int) -> str:
    return f"part-{shard:05d}-of-{num_shards:05d}.parquet"


def shard_of(doc_id: str, num_shards: int) -> int:
    return int(hashlib.md5(doc_id.encode("utf-8")).hexdigest()[:8], 16) % num_shards


def table_bytes(rows: list[dict[str, Any]], schema: pa.Schema, output: OutputConfig) -> bytes:
    """The parquet file of ``rows`` (already sorted) as bytes; the same rows give the same bytes."""
    table = records.to_table(rows, schema)
    sink = io.BytesIO()
    pq.write_table(
        table, sink,
        compression=None if output.compression == "none" else output.compression,
        row_group_size=output.row_group_size,
        write_statistics=True,
        use_dictionary=True,
    )
    return sink.getvalue()


ShardCount = int | beam.pvalue.AsSingleton


def text_bytes(row: dict[str, Any]) -> int:
    """What ``target_shard_mb`` counts of a row: its text (characters; bytes for ASCII)."""
    return len(row.get("content") or "")


def shard_count(rows: beam.PCollection, output: OutputConfig) -> ShardCount:
    """``output.num_shards``, or with ``output.target_shard_mb`` the count derived from ``rows``' text
    (at least 1) as a singleton side input; pass it to ``group_by_shard`` and ``WriteShardFn``."""
    target = output.target_shard_mb
    if target is None:
        return output.num_shards
    count = (
        rows
        | "ShardCount/TextBytes" >> beam.Map(text_bytes)
        | "ShardCount/Sum" >> beam.CombineGlobally(sum)
        | "ShardCount/Parts" >> beam.Map(fsio.parts_for, target)
    )
    return beam.pvalue.AsSingleton(count)


def _shard_markers(_: None, num_shards: int) -> Iterator[tuple[int, None]]:
    for shard in range(num_shards):
        yield shard, None


def group_by_shard(rows: beam.PCollection, num_shards: ShardCount) -> beam.PCollection:
    """``(shard, rows)`` for every shard index, empty shards included (a ``None`` marker per index),
    each row going to ``shard_of`` its id: what a deterministic parquet writer groups before writing.
    ``num_shards`` is a number or ``shard_count``'s side input."""
    keyed = rows | "AssignShard" >> beam.Map(lambda r, n: (shard_of(r["id"], n), r), num_shards)
    markers = (rows.pipeline | "One" >> beam.Create([None])
               | "ShardMarkers" >> beam.FlatMap(_shard_markers, num_shards))
    return (keyed, markers) | "WithMarkers" >> beam.Flatten() | "GroupByShard" >> beam.GroupByKey()


class WriteShardFn(beam.DoFn):
    def __init__(self, directory: str, schema: pa.Schema, output: OutputConfig, stage: str) -> None:
        self.directory = directory
        self.schema = schema
        self.output = output
        self.counters = StageCounters(stage)

    def process(self, item: tuple[int, Iterable[Any]], num_shards: int) -> Iterator[str]:
        shard, rows = item
        batch = sorted((r for r in rows if r is not None), key=lambda r: r["id"])
        for row in batch:
            self.counters.seen(row["size_bytes"])
            self.counters.kept(row["size_bytes"])
            if row.get("lang"):
                self.counters.inc(f"lang.{row['lang']}")
            self.counters.inc(f"license.{row.get('license') or 'none'}")
            self.counters.inc(f"source.{row['source']}")
            if row.get("reason"):
                self.counters.inc(f"reason.{row['reason']}")
        path = fsio.join(self.directory, part_name(shard, num_shards))
        fsio.write_bytes(path, table_bytes(batch, self.schema, self.output))
        log.debug("wrote %s (%d rows)", path, len(batch))
        yield path


class WriteDocuments(beam.PTransform):
    """Write rows of ``schema`` as deterministic parquet parts under ``directory``: ``output.num_shards``
    of them, or as many as ``output.target_shard_mb`` asks for the rows' text.

    Input: ``PCollection[Document]`` (or ``Rejected`` with ``REJECTED_SCHEMA``). Output: the written
    part paths (``PCollection[str]``). Counters (namespace ``stage``: ``WriteDocuments`` for
    documents, ``WriteRejected`` for rejected rows): ``seen``/``kept`` per row, ``bytes.*``, and
    ``lang.<lang>``, ``license.<spdx>``, ``source.<source>``, ``reason.<reason>`` breakdowns.
    """

    def __init__(self, directory: str, output: OutputConfig, schema: pa.Schema = records.DOCUMENT_SCHEMA,
                 stage: str = "WriteDocuments") -> None:
        super().__init__()
        self.directory = directory
        self.output = output
        self.schema = schema
        self.stage = stage

    def expand(self, rows: beam.PCollection) -> beam.PCollection:
        count = shard_count(rows, self.output)
        return (
            group_by_shard(rows, count)
            | "WriteShard" >> beam.ParDo(WriteShardFn(self.directory, self.schema, self.output, self.stage), count)
        )


def publish_parts(staging: str, final: str) -> int:
    """Replace the parts under ``final`` with the parts under ``staging``; returns the part count.

    Called only after the pipeline succeeded, so a failed run never touches the published output.
    Stale parts (another shard count, a previous run) are deleted before the new ones are moved in.
    """
    new_parts = fsio.list_files(fsio.join(staging, PART_GLOB))
    fsio.makedirs(final)
    stale = fsio.list_files(fsio.join(final, PART_GLOB))
    if stale:
        FileSystems.delete(stale)
    if new_parts:
        targets = [fsio.join(final, p.rstrip("/").rsplit("/", 1)[-1]) for p in new_parts]
        FileSystems.rename(new_parts, targets)
    return len(new_parts)
