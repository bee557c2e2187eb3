"""The held-out split: whole repositories kept out of training, for evaluation on unseen real code.

The InCoder paper evaluates infilling on code the model never trained on (HumanEval, CodeXGLUE; paper
section 4). For code of the corpus's own distribution this project holds out *repositories*, not files:
files of one repository share names, helpers and style, so a file-level split would leak the held-out
code into training through its siblings.

The rule (recorded in ``manifest.json`` under ``heldout``; the same inputs and config give the same split
on any runner):

- key: ``"<source>/<repo>"`` of a document (``github/psf/requests``, ``python-env/numpy``); documents
  without a repository (StackOverflow threads, whose ``repo`` is the site) are never held out;
- a repository is held out when ``unit_hash("heldout", seed, key) < release.heldout_fraction``, with
  ``unit_hash`` the first 8 bytes (big-endian) of SHA-256 over the NUL-joined parts, divided by 2**64
  (the same function as ``tokenizer.train.unit_hash``), and ``seed`` the config's ``release.seed`` (the top-level ``seed`` unless set);
- every document of a held-out repository goes to ``heldout/part-SSSSS-of-NNNNN.parquet`` (raw text,
  columns of ``HELDOUT_SCHEMA``, sorted by id, a repository never split over files) and to no
  ``train`` or ``validation`` shard. Exact and near deduplication run before (``incoder build``)
  and keep one copy of duplicated files, so a held-out file has no copy they detect in another
  repository's training documents.

The tokenizer's training sample is drawn before this split and may include held-out files; that
shapes the vocabulary only, never the model's weights.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from tokenizer import release_format
from tokenizer.release_format import Manifest

HELDOUT_DIR = "heldout"
NO_REPOSITORY_SOURCES = ("stackoverflow",)
RULE = "unit_hash('heldout', seed, '<source>/<repo>') < fraction"

HELDOUT_SCHEMA = pa.schema([
    pa.field("id", pa.string(), nullable=False),
    pa.field("repo", pa.string()),
    pa.field("path", pa.string()),
    pa.field("lang", pa.string()),
    pa.field("source", pa.string()),
    pa.field("license", pa.string()),
    pa.field("content", pa.string()),
])


def unit_hash(*parts: Any) -> float:
    """A uniform number in [0, 1): SHA-256 of the NUL-joined parts, first 8 bytes over 2**64."""
    digest = hashlib.sha256("\x00".join(str(p) for p in parts).encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def repository_key(doc: Mapping[str, Any]) -> str | None:
    """``"<source>/<repo>"``, or ``None`` for documents that belong to no repository."""
    source, repo = doc.get("source") or "", doc.get("repo")
    if not repo or source in NO_REPOSITORY_SOURCES:
        return None
    return f"{source}/{repo}"


def is_heldout(doc: Mapping[str, Any], fraction: float, seed: int) -> bool:
    key = repository_key(doc)
    return key is not None and fraction > 0 and unit_hash("heldout", seed, key) < fraction


def shard_path(index: int, count: int) -> str:
    return release_format.shard_path(HELDOUT_DIR, index, count)  # the release's part naming, in heldout/


def assign_shard(key: str, count: int) -> int:
    """A repository's shard (all its files in one), by another hash of its key."""
    return min(count - 1, int(unit_hash("heldout-shard", key) * count))


def row(doc: Mapping[str, Any]) -> dict[str, Any]:
    return {f.name: doc.get(f.name) for f in HELDOUT_SCHEMA}


def encode_rows(rows: list[Mapping[str, Any]], compression_level: int = 3) -> bytes:
    """One parquet file of held-out documents, sorted by id."""
    ordered = sorted(rows, key=lambda r: r["id"])
    table = pa.Table.from_pylist([dict(r) for r in ordered], schema=HELDOUT_SCHEMA)
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd", compression_level=compression_level)
    return sink.getvalue()


def manifest_section(files: list[Mapping[str, Any]], fraction: float, seed: int) -> dict[str, Any]:
    """``manifest["heldout"]``: the rule, its parameters, totals and the files (path, sha256, ...)."""
    ordered = sorted(files, key=lambda f: f["path"])
    return {
        "rule": RULE, "key": "<source>/<repo>", "fraction": fraction, "seed": seed,
        "excluded_sources": list(NO_REPOSITORY_SOURCES),
        "repositories": sum(f["repositories"] for f in ordered),
        "documents": sum(f["documents"] for f in ordered),
        "bytes": sum(f["content_bytes"] for f in ordered),
        "files": [dict(f) for f in ordered],
    }


def read_documents(release_dir: str, manifest: Manifest, read_bytes: Any) -> list[dict[str, Any]]:
    """The held-out documents of a release (``read_bytes``: the caller's file reader), in id order."""
    docs: list[dict[str, Any]] = []
    for entry in manifest.heldout_files():
        data = read_bytes(release_format.join(release_dir, entry.path))
        docs.extend(pq.read_table(io.BytesIO(data)).to_pylist())
    return sorted(docs, key=lambda d: d["id"])
