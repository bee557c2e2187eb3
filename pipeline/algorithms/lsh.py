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

Verification (``near_dedup.verify``), because a shared bucket is only a likely similarity:

- ``estimate``: ``verified_edges`` keeps links whose *estimated* Jaccard (share of equal signature
  values) reaches the threshold; members, in id order, join the first earlier *representative* they
  are similar to, or become one (cost ``k x representatives``). The estimate's error (standard error
  ``sqrt(J (1 - J) / num_perm)``, 0.029 at J = 0.7 with 256 permutations) removes pairs just under
  the threshold and loses pairs just over it.
- ``exact`` (default): ``candidate_edges`` proposes links with the estimate as a loose pre-filter
  (``threshold - 3`` standard errors, ``estimate_margin``), to every representative that passes it,
  and a member stops being a representative only when it is surely similar to one (estimate >=
  ``threshold + 3`` standard errors); then every proposed link is confirmed with the exact Jaccard of
  the two documents' shingle-hash sets (``hash_set_jaccard``), so no edge that decides a removal rests
  on the estimate.
"""

from __future__ import annotations

import functools
import math
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


# Standard errors of the MinHash estimate around the threshold that the exact mode's pre-filter and
# absorption allow: the estimate of J from n permutations is Binomial(n, J) / n (Broder 1997, "On the
# resemblance and containment of documents", section 3), so its standard error is sqrt(J (1 - J) / n);
# 3 of them leave a pair truly at the threshold outside the pre-filter with probability ~0.1% (normal
# tail). Measured on benchmarks/near_dedup_quality.py: pre-filter at the threshold itself loses 0.006
# of recall, at threshold - 3 SE nothing (0.9801 vs 0.9804 for exact checks of every bucket pair).
VERIFY_MARGIN_SE = 3.0


def estimate_margin(threshold: float, num_perm: int) -> float:
    """``VERIFY_MARGIN_SE`` standard errors of the MinHash estimate at ``threshold``."""
    return VERIFY_MARGIN_SE * math.sqrt(threshold * (1.0 - threshold) / num_perm)


def candidate_edges(
    members: Iterable[tuple[str, np.ndarray]], low: float, absorb: float
) -> Iterator[tuple[str, str]]:
    """Candidate links ``(member, representative)`` of one bucket, for exact verification.

    Members are taken in id order (duplicate ids once). Each is compared, by estimated Jaccard, with
    the representatives so far and proposed to every one reaching ``low``; it becomes a representative
    itself unless one reaches ``absorb`` (then it is surely linked, and its near-copies are compared
    with that representative instead). A bucket of ``k`` copies of one file costs ``k - 1`` links; a
    bucket of dissimilar members ``k x representatives`` comparisons, as ``verified_edges``. Memory:
    the representatives' signatures.
    """
    rep_ids: list[str] = []
    reps: np.ndarray | None = None  # (capacity, num_perm), the first len(rep_ids) rows in use
    previous = None
    for doc_id, signature in sorted(members, key=lambda item: item[0]):
        if doc_id == previous:
            continue
        previous = doc_id
        if rep_ids:
            similarity = np.count_nonzero(reps[: len(rep_ids)] == signature, axis=1) / len(signature)
            for index in np.flatnonzero(similarity >= low):
                yield doc_id, rep_ids[index]
            if similarity.max() >= absorb:
                continue
        if reps is None:
            reps = np.empty((4, len(signature)), dtype=signature.dtype)
        elif len(rep_ids) == len(reps):
            reps = np.concatenate([reps, np.empty_like(reps)])
        reps[len(rep_ids)] = signature
        rep_ids.append(doc_id)


def encode_hash_set(hashes: np.ndarray) -> bytes:
    """A document's shingle hashes as sorted, distinct little-endian uint32 bytes."""
    values = np.sort(np.asarray(hashes, dtype=np.uint32))
    if len(values) > 1:
        values = values[np.concatenate(([True], values[1:] != values[:-1]))]
    return values.astype("<u4").tobytes()


def decode_hash_set(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4")


def hash_set_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard of two sorted, distinct uint32 arrays (``encode_hash_set``); 1.0 when both are empty."""
    if len(a) > len(b):
        a, b = b, a
    if len(a) == 0:
        return 1.0 if len(b) == 0 else 0.0
    # each value of the smaller set looked up in the larger by binary search: O(|a| log |b|)
    index = np.searchsorted(b, a)
    index[index == len(b)] = 0
    inter = int(np.count_nonzero(b[index] == a))
    return inter / (len(a) + len(b) - inter)
