"""The release's ``dedup_keys/``: the build's dedup keys of exactly the documents the release holds.

``incoder build`` writes ``OUT/dedup_keys/part-*.parquet`` for every document it keeps
(``pipeline.stages.write_dedup_keys``); ``incoder shard`` keeps the rows of the documents that made
it into a shard (tokenization may still reject some) and writes them as ``RELEASE/dedup_keys/``, one
part per build part, rows sorted by id. The manifest's ``dedup_keys`` section lists the files with
their checksums and row counts and the MinHash parameters; ``incoder verify`` checks both, and that
the keys cover exactly the shards' documents. ``build.dedup_against`` reads nothing else of a release.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

import apache_beam as beam
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import fsio
from pipeline.algorithms.dedup_keys import KEYS_DIR, KEYS_SCHEMA, PARAMS_METADATA
from pipeline.layout import Layout
from pipeline.stages.write_documents import PART_GLOB, part_name, shard_of
from tokenizer import release
from tokenizer.release_format import Manifest

COMPRESSION_LEVEL = 3


def build_key_files(layout: Layout) -> list[str]:
    """The build's ``dedup_keys/`` parts (``incoder build`` wrote them beside the documents)."""
    return fsio.list_files(fsio.join(layout.dedup_keys, PART_GLOB))


def read_params(path: str) -> dict[str, Any] | None:
    """The MinHash parameters in a keys file's schema metadata (``None`` when absent)."""
    with fsio.open_read(path) as handle:
        schema = pq.read_schema(io.BytesIO(handle.read()))
    raw = (schema.metadata or {}).get(PARAMS_METADATA)
    return json.loads(raw) if raw else None


def encode_keys(rows: Iterable[dict[str, Any]], params: dict[str, Any] | None) -> bytes:
    """Key rows sorted by id as zstd parquet bytes (``KEYS_SCHEMA`` with ``params`` metadata)."""
    ordered = sorted(rows, key=lambda r: r["id"])
    schema = KEYS_SCHEMA.with_metadata({PARAMS_METADATA: json.dumps(params, sort_keys=True).encode()}) \
        if params else KEYS_SCHEMA
    table = pa.Table.from_pydict({name: [r.get(name) for r in ordered] for name in schema.names}, schema=schema)
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd", compression_level=COMPRESSION_LEVEL)
    return sink.getvalue()


def write_key_part(release_dir: str, index: int, count: int, rows: Iterable[dict[str, Any]],
                   params: dict[str, Any] | None) -> dict[str, Any]:
    """Write ``dedup_keys/part-index-of-count.parquet``; returns its manifest entry."""
    rows = list(rows)
    data = encode_keys(rows, params)
    path = f"{KEYS_DIR}/{part_name(index, count)}"
    fsio.write_bytes(fsio.join(release_dir, path), data)
    return {"path": path, "sha256": release.sha256_bytes(data), "bytes": len(data), "documents": len(rows)}


class _WritePartFn(beam.DoFn):
    def __init__(self, release_dir: str, count: int, params: dict[str, Any] | None) -> None:
        self.release_dir, self.count, self.params = release_dir, count, params

    def process(self, item: tuple[int, Iterable[Any]]) -> Iterator[dict[str, Any]]:
        index, rows = item
        yield write_key_part(self.release_dir, index, self.count, (r for r in rows if r is not None), self.params)


def _released(element: tuple[str, dict[str, list[Any]]]) -> Iterator[dict[str, Any]]:
    _, grouped = element
    if list(grouped["released"]):
        yield from list(grouped["keys"])[:1]


class ReleaseDedupKeys(beam.PTransform):
    """Released document ids -> ``dedup_keys/`` parts of the release; outputs their manifest entries.

    Reads the build's key files (``files``), keeps the rows whose id is released (``CoGroupByKey`` by
    id: no side input holds the ids), and writes as many parts as the build had, each row in the part
    its id hashes to (``write_documents.shard_of``), empty parts included.
    """

    def __init__(self, files: list[str], release_dir: str, params: dict[str, Any] | None) -> None:
        super().__init__()
        self.files, self.release_dir, self.params = files, release_dir, params

    def expand(self, ids: beam.PCollection) -> beam.PCollection:
        p, count = ids.pipeline, len(self.files)
        keys = (p | "KeyFiles" >> beam.Create(self.files) | "ReadKeys" >> beam.io.ReadAllFromParquet()
                | "KeysById" >> beam.Map(lambda r: (r["id"], r)))
        markers = p | "KeyPartMarkers" >> beam.Create([(i, None) for i in range(count)])
        kept = (
            {"keys": keys, "released": ids | "IdsOnly" >> beam.Map(lambda i: (i, True))}
            | "JoinReleased" >> beam.CoGroupByKey()
            | "Released" >> beam.FlatMap(_released)
            | "KeyPart" >> beam.Map(lambda r: (shard_of(r["id"], count), r))
        )
        return (
            (kept, markers)
            | "FlattenKeyParts" >> beam.Flatten()
            | "GroupKeyParts" >> beam.GroupByKey()
            | "WriteKeyParts" >> beam.ParDo(_WritePartFn(self.release_dir, count, self.params))
        )


def manifest_section(entries: list[dict[str, Any]], params: dict[str, Any] | None) -> dict[str, Any]:
    """The manifest's ``dedup_keys``: files (path, sha256, bytes, documents), total, MinHash params."""
    files = sorted(entries, key=lambda e: e["path"])
    return {"files": files, "documents": sum(f["documents"] for f in files), "params": params}


def check_keys(release_dir: str, manifest: Manifest) -> list[str]:
    """Problems with the release's ``dedup_keys/``: checksums, schema, counts, coverage of the shards."""
    section = manifest.section("dedup_keys")
    if not section:
        return []
    problems: list[str] = []
    listed = {f["path"] for f in section.get("files") or []}
    on_disk = {p[len(release_dir.rstrip("/")) + 1:] for p in fsio.list_files(fsio.join(release_dir, KEYS_DIR, "*"))}
    problems += [f"{extra}: present but not in the manifest" for extra in sorted(on_disk - listed)]
    key_ids: list[str] = []
    for entry in section.get("files") or []:
        full = fsio.join(release_dir, entry["path"])
        if not fsio.exists(full):
            problems.append(f"{entry['path']}: missing")
            continue
        data = fsio.read_bytes(full)
        if release.sha256_bytes(data) != entry.get("sha256") or len(data) != entry.get("bytes"):
            problems.append(f"{entry['path']}: sha256 or size mismatch (file changed or corrupt)")
            continue
        table = pq.read_table(io.BytesIO(data))
        if table.schema.names != KEYS_SCHEMA.names:
            problems.append(f"{entry['path']}: columns {table.schema.names}, expected {KEYS_SCHEMA.names}")
            continue
        if table.num_rows != entry.get("documents"):
            problems.append(f"{entry['path']}: {table.num_rows} rows, manifest says {entry.get('documents')}")
        key_ids += table["id"].to_pylist()
    if sum(f["documents"] for f in section.get("files") or []) != section.get("documents"):
        problems.append("manifest.json: dedup_keys file documents do not sum to dedup_keys.documents")
    if problems:
        return problems
    shard_ids = released_ids(release_dir, manifest)
    if len(key_ids) != len(set(key_ids)) or set(key_ids) != shard_ids:
        problems.append(f"{KEYS_DIR}/: keys cover {len(set(key_ids))} documents, the shards hold {len(shard_ids)}")
    return problems


def released_ids(release_dir: str, manifest: Manifest) -> set[str]:
    """Ids of every document in the release's shards (reads the ``id`` column only)."""
    ids: set[str] = set()
    for _, entry in manifest.shard_files():
        with fsio.open_read(fsio.join(release_dir, entry.path)) as handle:
            ids.update(pq.read_table(io.BytesIO(handle.read()), columns=["id"])["id"].to_pylist())
    return ids
