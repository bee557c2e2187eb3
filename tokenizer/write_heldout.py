"""``WriteHeldout``: the documents of held-out repositories -> ``heldout/part-SSSSS-of-NNNNN.parquet``.

Input: ``(repository key, held-out row)`` pairs (``tokenizer.heldout.row``), tagged ``heldout`` by
``TokenizeDocuments``. Output: one summary per written file ``{"path", "sha256", "bytes", "documents",
"repositories", "content_bytes"}``, which the driver puts into ``manifest.json`` (``heldout``). The
number of files follows the text size (``release.target_shard_mb`` of text per file); a repository's
files all go to one file, chosen by a hash of its key; rows are sorted by id, so reruns give the same
bytes. No held-out documents: no files.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import apache_beam as beam

from pipeline import fsio
from tokenizer import heldout, release


class _WriteFile(beam.DoFn):
    def __init__(self, release_dir: str, compression_level: int) -> None:
        self.release_dir, self.compression_level = release_dir, compression_level

    def process(self, item: tuple[tuple[int, int], list[tuple[str, dict[str, Any]]]]) -> Iterator[dict[str, Any]]:
        (index, count), pairs = item
        rows = [r for _, r in pairs]
        data = heldout.encode_rows(rows, self.compression_level)
        path = heldout.shard_path(index, count)
        fsio.write_bytes(fsio.join(self.release_dir, path), data)
        yield {"path": path, "sha256": release.sha256_bytes(data), "bytes": len(data), "documents": len(rows),
               "repositories": len({k for k, _ in pairs}),
               "content_bytes": sum(len((r.get("content") or "").encode("utf-8")) for r in rows)}


def _keyed(pair: tuple[str, dict[str, Any]], count: int) -> tuple[tuple[int, int], tuple[str, dict[str, Any]]]:
    return (heldout.assign_shard(pair[0], count), count), pair


class WriteHeldout(beam.PTransform):
    """(key, row) pairs -> summaries of the written ``heldout/`` parquet files (see the module docstring)."""

    def __init__(self, release_dir: str, target_mb: float, compression_level: int) -> None:
        super().__init__()
        self.release_dir, self.target_mb, self.compression_level = release_dir, target_mb, compression_level

    def expand(self, pairs: beam.PCollection) -> beam.PCollection:
        target = self.target_mb
        count = (
            pairs
            | "TextBytes" >> beam.Map(lambda kv: len((kv[1].get("content") or "").encode("utf-8")))
            | "SumBytes" >> beam.CombineGlobally(sum)
            | "FileCount" >> beam.Map(lambda n: release.num_shards(n // release.TOKENS_BYTES, target))
        )
        return (
            pairs
            | "KeyByFile" >> beam.Map(_keyed, beam.pvalue.AsSingleton(count))
            | "GroupFiles" >> beam.GroupByKey()
            | "WriteFiles" >> beam.ParDo(_WriteFile(self.release_dir, self.compression_level))
        )
