"""Deduplication keys a release persists, so later builds can deduplicate against it without its corpus.

Per kept document: its id, InCoder's exact-dedup key (``pipeline.algorithms.text.exact_dedup_key``),
its MinHash signature and the signature's LSH band keys (``pipeline.algorithms.lsh.band_keys``). The
build writes them to ``OUT/dedup_keys/part-*.parquet`` (``KEYS_SCHEMA``); ``incoder shard`` keeps the
rows of the documents the release holds in ``RELEASE/dedup_keys/``; ``build.dedup_against`` reads only
these files. Band keys and signatures compare only under the same MinHash parameters, recorded in each
file's schema metadata and in the release manifest (``minhash_params``); ``check_compatible`` refuses
a past release whose parameters differ (its band keys would silently never match).

This is how incremental deduplication works in practice for MinHash LSH (Leskovec, Rajaraman and
Ullman, *Mining of Massive Datasets*, ch. 3.4: an LSH index is queried by inserting only the new
items' bands); persisting the bands is what datasketch's ``MinHashLSH`` storage layer does too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import numpy as np
import pyarrow as pa

from pipeline.errors import ConfigError

KEYS_DIR = "dedup_keys"
PARAMS_METADATA = b"incoder.dedup_params"
REASON = "in_past_release"

KEYS_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("exact_key", pa.string()),
        pa.field("signature", pa.binary()),  # uint32 little-endian, num_perm values; null: no shingles
        pa.field("band_keys", pa.list_(pa.binary())),
    ]
)

# The settings a signature and its band keys depend on (pipeline.config.NearDedupConfig).
_SIGNATURE_FIELDS = ("ngram", "lowercase", "tokens", "hash", "num_perm", "seed")


def minhash_params(near_cfg: Any, bands: int, rows: int) -> dict[str, Any]:
    """The parameters a release's signatures and band keys were made with (``enabled`` false: none)."""
    params = {"enabled": bool(near_cfg.enabled), "bands": bands, "rows": rows,
              "threshold": near_cfg.threshold, "verify": near_cfg.verify}
    params.update({name: getattr(near_cfg, name) for name in _SIGNATURE_FIELDS})
    return params


def keys_schema(params: dict[str, Any]) -> pa.Schema:
    """``KEYS_SCHEMA`` carrying ``params`` as metadata, so a keys file describes itself."""
    return KEYS_SCHEMA.with_metadata({PARAMS_METADATA: json.dumps(params, sort_keys=True).encode()})


def check_compatible(past: dict[str, Any] | None, current: dict[str, Any], location: str) -> bool:
    """Whether near-duplicate matching against a past release is possible; ``ConfigError`` if it never can.

    Returns False when either side ran without near-dedup (exact keys still match); raises when both
    have signatures made differently.
    """
    if not past or not past.get("enabled") or not current.get("enabled"):
        return False
    differ = {k: (past.get(k), current.get(k)) for k in (*_SIGNATURE_FIELDS, "bands", "rows")
              if past.get(k) != current.get(k)}
    if differ:
        detail = ", ".join(f"{k}: past {a!r} vs now {b!r}" for k, a, b in ((k, *v) for k, v in differ.items()))
        raise ConfigError(f"build.dedup_against: {location} was built with other MinHash settings ({detail}); "
                          "set build.near_dedup to match it")
    return True


def decode_signature(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4")


def encode_signature(signature: np.ndarray) -> bytes:
    return np.asarray(signature, dtype="<u4").tobytes()


def first_similar(signature: np.ndarray, candidates: Iterable[tuple[str, bytes]], threshold: float) -> str | None:
    """The smallest candidate id whose estimated Jaccard with ``signature`` reaches ``threshold``."""
    ordered = sorted(set(candidates))
    if not ordered:
        return None
    matrix = np.stack([decode_signature(sig) for _, sig in ordered])
    similarity = np.count_nonzero(matrix == signature[None, :], axis=1) / len(signature)
    hits = np.flatnonzero(similarity >= threshold)
    return ordered[int(hits[0])][0] if len(hits) else None
