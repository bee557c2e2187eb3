"""Release metadata without Beam: shard encoding, per-shard summaries, the manifest's content, attribution.

The contract itself (``RELEASE_SCHEMA``, ``shard_path``, the typed ``Manifest``) is
``tokenizer.release_format``. ``manifest.json`` core (the trainer reads it; ``incoder verify`` checks it)::

    {"schema_version": 1,
     "splits": {"train": {"documents": N, "tokens": T, "files": [
                   {"path": "train/part-00000-of-00004.parquet", "sha256": "...", "bytes": n,
                    "documents": n, "tokens": n}, ...]},
                "validation": {...}},
     "tokenizer": {"path": "tokenizer/spm.model", "sha256": "...", "vocab_size": V},
     "config_sha256": "...", "package_versions": {...},
     "counts": {"language": {...}, "license": {...}, "source": {...}}}

plus ``columns``, ``format`` (thresholds, attribute probability, seed), ``length_histogram``,
``rejected``, ``metadata_files`` (attribution, data card, charts with their checksums) and ``heldout``
(the held-out repository split: rule, fraction, seed, counts, files; ``tokenizer.heldout``). Nothing in
it depends on time or on the output directory, so the same inputs and config give the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from importlib import metadata
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

# The contract (schema, part naming, manifest) lives in tokenizer.release_format; re-exported here.
from pipeline import fsio
from tokenizer.release_format import MANIFEST_SCHEMA_VERSION as MANIFEST_SCHEMA_VERSION
from tokenizer.release_format import RELEASE_SCHEMA as RELEASE_SCHEMA
from tokenizer.release_format import SPLITS as SPLITS
from tokenizer.release_format import Manifest as Manifest
from tokenizer.release_format import shard_path as shard_path

TOKENS_BYTES = 4  # int32 per token: the unit of ``target_shard_mb``
COUNT_KEYS = (("language", "lang"), ("license", "license"), ("source", "source"))
PACKAGES = ("incoder", "sentencepiece", "pyarrow", "apache-beam", "tokenizers", "transformers", "matplotlib")


def num_shards(tokens: int, target_mb: float) -> int:
    """Shards for a split of ``tokens`` tokens so one holds about ``target_mb`` MB of int32 ids."""
    return fsio.parts_for(tokens * TOKENS_BYTES, target_mb)


def length_bin(num_tokens: int) -> int:
    """Power-of-two bin: documents of 2**(b-1) .. 2**b - 1 tokens fall in bin b."""
    return int(num_tokens).bit_length()


def pack_ids(ids: list[int]) -> bytes:
    """Token ids as little-endian int32 bytes: 4 bytes a token in flight instead of a Python list's ~36."""
    return np.asarray(ids, dtype="<i4").tobytes()


def encode_shard(rows: list[dict[str, Any]], row_group_size: int, compression_level: int) -> bytes:
    """Rows (``input_ids`` packed by ``pack_ids``) sorted by id as zstd parquet bytes of ``RELEASE_SCHEMA``."""
    rows = sorted(rows, key=lambda r: r["id"])
    packed = [row["input_ids"] for row in rows]
    offsets = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(b) // 4 for b in packed], out=offsets[1:])
    if offsets[-1] >= 2**31:
        raise ValueError(f"shard of {offsets[-1]} tokens exceeds int32 list offsets: lower target_shard_mb")
    values = np.frombuffer(b"".join(packed), dtype="<i4")
    input_ids = pa.ListArray.from_arrays(pa.array(offsets.astype(np.int32)), pa.array(values, type=pa.int32()))
    arrays = [input_ids if name == "input_ids" else pa.array([row.get(name) for row in rows], type=field.type)
              for name, field in zip(RELEASE_SCHEMA.names, RELEASE_SCHEMA, strict=True)]
    table = pa.Table.from_arrays(arrays, schema=RELEASE_SCHEMA)
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd", compression_level=compression_level,
                   row_group_size=row_group_size)
    return buffer.getvalue()


def summarize_rows(rows: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Documents, tokens, counts by language/licence/source and the length histogram of some rows."""
    counts: dict[str, Counter] = {key: Counter() for key, _ in COUNT_KEYS}
    lengths: Counter = Counter()
    documents = tokens = 0
    for row in rows:
        documents += 1
        tokens += int(row["num_tokens"])
        lengths[str(length_bin(row["num_tokens"]))] += 1
        for key, column in COUNT_KEYS:
            counts[key][str(row.get(column))] += 1
    return {"documents": documents, "tokens": tokens, "counts": {k: dict(v) for k, v in counts.items()},
            "length_histogram": dict(lengths)}


def merge_summaries(summaries: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    counts: dict[str, Counter] = {key: Counter() for key, _ in COUNT_KEYS}
    lengths: Counter = Counter()
    documents = tokens = 0
    for s in summaries:
        documents += s["documents"]
        tokens += s["tokens"]
        lengths.update(s["length_histogram"])
        for key in counts:
            counts[key].update(s["counts"][key])
    return {"documents": documents, "tokens": tokens,
            "counts": {k: dict(sorted(v.items())) for k, v in counts.items()},
            "length_histogram": dict(sorted(lengths.items(), key=lambda kv: int(kv[0])))}


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_stream(handle: Any, chunk: int = 1 << 20) -> tuple[str, int]:
    """(hex sha256, size) of a binary stream, read in chunks."""
    digest, size = hashlib.sha256(), 0
    while True:
        block = handle.read(chunk)
        if not block:
            return digest.hexdigest(), size
        digest.update(block)
        size += len(block)


def package_versions() -> dict[str, str]:
    out = {}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def config_digest(cfg_dict: Mapping[str, Any]) -> str:
    """SHA-256 of the sections that shape a release (seed, build, tokenizer, release), not output_dir."""
    picked = {key: cfg_dict.get(key) for key in ("seed", "build", "tokenizer", "release")}
    return sha256_bytes(json.dumps(picked, sort_keys=True, separators=(",", ":"), default=str).encode())


def repository_url(source: str | None, repo: str) -> str | None:
    hosts = {"github": "https://github.com/", "gitlab": "https://gitlab.com/"}
    return hosts[source] + repo if source in hosts else None


def attribution_key(doc: Mapping[str, Any]) -> str:
    """One attribution entry per repository (code) or per question thread (StackOverflow)."""
    if doc.get("source") == "stackoverflow":
        return f"stackoverflow\x00{doc['repo']}\x00{doc['path']}"
    return f"{doc.get('source')}\x00{doc['repo']}"


def attribution_entry(doc: Mapping[str, Any]) -> dict[str, Any]:
    """The attribution of one document, mergeable with ``merge_attribution`` per ``attribution_key``.

    StackOverflow (CC BY-SA asks to credit each author): one ``parts`` item per question, answer and
    comment with the author's display name (the dump's own, or ``Users.xml``'s; ``null`` when the dump
    had neither), user id, profile URL (``https://<site>/users/<id>``) and the part's licence (its
    ``ContentLicense``, else the CC BY-SA version in force at its creation date, as Stack Exchange's
    dump documentation states). Code: the repository URL, licence expression(s) and the paths of
    the licence files the licence was read from.
    """
    if doc.get("source") == "stackoverflow":
        parts = doc.get("parts") or []
        return {
            "kind": "stackoverflow", "site": doc["repo"], "path": doc["path"], "url": doc.get("url"),
            "licenses": sorted({p.get("content_license") or doc.get("license") or "unknown" for p in parts}
                               or {doc.get("license") or "unknown"}),
            "authors": sorted({p["author"] for p in parts if p.get("author")}),
            "post_ids": sorted({p["post_id"] for p in parts if p.get("post_id") is not None}),
            "parts": [_part_attribution(doc["repo"], p) for p in parts],
            "documents": 1,
        }
    return {
        "kind": "repository", "source": doc.get("source"), "repo": doc["repo"],
        "url": repository_url(doc.get("source"), doc["repo"]) or doc.get("url"),
        "licenses": [doc.get("license") or "unknown"],
        "license_files": license_files(doc.get("license_evidence")), "documents": 1,
    }


def _part_attribution(site: str, part: Mapping[str, Any]) -> dict[str, Any]:
    from pipeline.algorithms.so_select import part_license

    user_id = part.get("author_id")
    spdx, _ = part_license(part.get("content_license"), part.get("created_at"))
    return {
        "kind": part.get("kind"), "post_id": part.get("post_id"), "author": part.get("author"),
        "user_id": user_id,
        "profile_url": f"https://{site}/users/{user_id}" if user_id is not None and "." in site else None,
        "license": spdx or part.get("content_license"),
    }


def license_files(evidence: str | None) -> list[str]:
    """The licence files named by a document's ``license_evidence`` JSON (``[{"file": ...}, ...]``)."""
    try:
        items = json.loads(evidence) if evidence else []
    except json.JSONDecodeError:
        return []
    items = items if isinstance(items, list) else [items]
    return sorted({i["file"] for i in items if isinstance(i, dict) and isinstance(i.get("file"), str)})


def merge_attribution(entries: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Entries of one key merged: union of licences/authors/posts/files, documents summed (order-free)."""
    merged: dict[str, Any] | None = None
    for entry in entries:
        if merged is None:
            merged = dict(entry)
            continue
        merged["documents"] += entry["documents"]
        for key in ("licenses", "authors", "post_ids", "license_files"):
            if key in merged:
                merged[key] = sorted(set(merged[key]) | set(entry.get(key, [])))
        if "parts" in merged:
            by_id = {(p["kind"], p["post_id"]): p for p in [*merged["parts"], *entry.get("parts", [])]}
            merged["parts"] = [by_id[k] for k in sorted(by_id, key=lambda k: (str(k[0]), k[1] or 0))]
        if not merged.get("url"):
            merged["url"] = entry.get("url")
    if merged is None:
        raise ValueError("no attribution entries to merge")
    return merged


def build_manifest(
    shards: list[Mapping[str, Any]],
    *,
    tokenizer: Mapping[str, Any],
    config_sha256: str,
    fmt: Mapping[str, Any],
    rejected: Mapping[str, int],
    metadata_files: list[Mapping[str, Any]],
    name: str,
) -> dict[str, Any]:
    """The manifest from the writer's shard summaries (each with split, path, sha256, bytes + summary)."""
    splits: dict[str, Any] = {}
    for split in SPLITS:
        mine = sorted((s for s in shards if s["split"] == split), key=lambda s: s["path"])
        total = merge_summaries(mine)
        splits[split] = {
            "documents": total["documents"], "tokens": total["tokens"],
            "files": [{"path": s["path"], "sha256": s["sha256"], "bytes": s["bytes"],
                       "documents": s["documents"], "tokens": s["tokens"]} for s in mine],
            "counts": total["counts"],
        }
    everything = merge_summaries(shards)
    return {
        "schema_version": MANIFEST_SCHEMA_VERSION,
        "name": name,
        "splits": splits,
        "tokenizer": dict(tokenizer),
        "config_sha256": config_sha256,
        "package_versions": package_versions(),
        "counts": everything["counts"],
        "length_histogram": everything["length_histogram"],
        "columns": {f.name: str(f.type) for f in RELEASE_SCHEMA},
        "format": dict(fmt),
        "rejected": dict(sorted(rejected.items())),
        "metadata_files": sorted(metadata_files, key=lambda f: f["path"]),
    }
