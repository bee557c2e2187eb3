"""``WriteDocuments``: rows -> deterministic parquet parts ``part-SSSSS-of-NNNNN.parquet``.

Beam's file sinks do not order elements, so byte-identical output is made by hand (Beam's
programming guide): each row goes to shard ``md5(id) mod N``; rows are grouped by shard, sorted by id and
written by one DoFn call per shard with pyarrow (fixed writer options, zstd, row groups of
``row_group_size``) through ``fsio.atomic_write``. Every shard index gets a part, empty ones too, so
readers always find exactly N parts. Rows of one shard are held in one worker's memory while it is
written: choose ``num_shards`` so a shard is a few hundred MB at most.

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


def group_by_shard(rows: beam.PCollection, num_shards: int) -> beam.PCollection:
    """``(shard, rows)`` for every shard index, empty shards included (a ``None`` marker per index),
    each row going to ``shard_of`` its id: what a deterministic parquet writer groups before writing."""
    keyed = rows | "AssignShard" >> beam.Map(lambda r: (shard_of(r["id"], num_shards), r))
    markers = rows.pipeline | "ShardMarkers" >> beam.Create([(s, None) for s in range(num_shards)])
    return (keyed, markers) | "WithMarkers" >> beam.Flatten() | "GroupByShard" >> beam.GroupByKey()


class WriteShardFn(beam.DoFn):
    def __init__(self, directory: str, schema: pa.Schema, output: OutputConfig, stage: str) -> None:
        self.directory = directory
        self.schema = schema
        self.output = output
        self.counters = StageCounters(stage)

    def process(self, item: tuple[int, Iterable[Any]]) -> Iterator[str]:
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
        path = fsio.join(self.directory, part_name(shard, self.output.num_shards))
        fsio.write_bytes(path, table_bytes(batch, self.schema, self.output))
        log.debug("wrote %s (%d rows)", path, len(batch))
        yield path


class WriteDocuments(beam.PTransform):
    """Write rows of ``schema`` as ``num_shards`` deterministic parquet parts under ``directory``.

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
        return (
            group_by_shard(rows, self.output.num_shards)
            | "WriteShard" >> beam.ParDo(WriteShardFn(self.directory, self.schema, self.output, self.stage))
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
