"""LSH banding of MinHash signatures, and the candidate edges a shared bucket yields.

A signature of ``num_perm`` values is cut into ``bands`` bands of ``rows`` consecutive values (the
first ``bands x rows`` permutations; the rest are unused). Two documents become candidates when one
band is equal in both: with Jaccard similarity ``s`` that happens with probability
``1 - (1 - s^rows)^bands`` (the S-curve; 25 x 10 puts its steepest part near 0.7, BigCode's setting).
``optimal_bands`` picks ``(bands, rows)`` as ``datasketch.MinHashLSH`` does, minimising the weighted
false positive and false negative areas under that curve for a threshold.

A bucket shared by ``k`` documents yields ``k - 1`` edges, not ``k (k - 1) / 2`` pairs:
``star_edges`` links every member to the bucket's smallest id (connected components only need
connectivity), so a boilerplate file copied into 10,000 repositories gives 10,000 edges.
``verified_edges`` (``verify_jaccard``) keeps only links whose estimated Jaccard reaches the threshold:
members, in id order, join the first earlier *representative* they are similar to, or become one;
cost is ``k x representatives`` (one representative for a bucket of identical copies).
"""

from __future__ import annotations

import functools
import struct
from collections.abc import Iterable, Iterator

import numpy as np

from pipeline.algorithms.minhash import estimate_jaccard


def collision_probability(similarity: float, bands: int, rows: int) -> float:
    """Probability that two documents with this Jaccard similarity share at least one bucket."""
    return 1.0 - (1.0 - similarity**rows) ** bands


@functools.lru_cache(maxsize=64)
def optimal_bands(
    threshold: float, num_perm: int, false_positive_weight: float = 0.5, false_negative_weight: float = 0.5
) -> tuple[int, int]:
    """``(bands, rows)`` as ``datasketch.MinHashLSH(threshold, num_perm)`` chooses them."""
    from datasketch.lsh import _optimal_param  # the reference implementation, not re-derived here

    if not 0.0 < threshold < 1.0:
        raise ValueError(f"threshold must be in (0, 1), got {threshold}")
    return tuple(_optimal_param(threshold, num_perm, false_positive_weight, false_negative_weight))


def resolve_bands(num_perm: int, threshold: float, bands: int | None, rows: int | None) -> tuple[int, int]:
    """The configured ``(bands, rows)``, or datasketch's optimum for the threshold when both are None."""
    if bands is None and rows is None:
        return optimal_bands(threshold, num_perm)
    if bands is None or rows is None:
        raise ValueError("set both bands and rows, or neither")
    if bands < 1 or rows < 1:
        raise ValueError(f"bands and rows must be >= 1, got {bands} x {rows}")
    if bands * rows > num_perm:
        raise ValueError(f"bands x rows = {bands * rows} exceeds num_perm = {num_perm}")
    return bands, rows


def band_keys(signature: np.ndarray, bands: int, rows: int) -> list[bytes]:
    """One bucket key per band: the band's index (2 bytes) then its ``rows`` values (big endian)."""
    if len(signature) < bands * rows:
        raise ValueError(f"signature has {len(signature)} values, fewer than {bands} x {rows}")
    values = np.asarray(signature[: bands * rows], dtype=">u4").reshape(bands, rows)
    return [struct.pack(">H", band) + values[band].tobytes() for band in range(bands)]


def star_edges(members: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Edges ``(other, smallest)`` linking each distinct member of a bucket to its smallest id.

    ``members`` is iterated twice (Beam's grouped values are re-iterable), never held as a list.
    """
    root = min(members, default=None)
    if root is None:
        return
    for member in members:
        if member != root:
            yield member, root


def verified_edges(members: Iterable[tuple[str, np.ndarray]], threshold: float) -> Iterator[tuple[str, str]]:
    """Edges ``(member, representative)`` whose estimated Jaccard is >= ``threshold``.

    Deterministic: members are taken in id order, each joins the first representative (in id order)
    it is similar to. Duplicate ids are linked once.
    """
    representatives: list[tuple[str, np.ndarray]] = []
    previous = None
    for doc_id, signature in sorted(members, key=lambda item: item[0]):
        if doc_id == previous:
            continue
        previous = doc_id
        for rep_id, rep_signature in representatives:
            if estimate_jaccard(signature, rep_signature) >= threshold:
                yield doc_id, rep_id
                break
        else:
            representatives.append((doc_id, signature))
