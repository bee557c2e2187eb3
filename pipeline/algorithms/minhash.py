"""MinHash signatures compatible with ``datasketch.MinHash`` (its default ``affine32`` scheme, 2.x).

datasketch's scheme: each 32-bit shingle hash ``h`` is pre-mixed with MurmurHash3's 32-bit finaliser,
then permutation ``k`` maps it to ``a_k * h + b_k mod 2^32`` (``a_k`` odd, so a bijection); the
signature holds, per permutation, the minimum over the document's shingles. ``a`` and ``b`` are drawn
exactly as datasketch draws them from ``numpy.random.RandomState(seed)``, so for the same ``num_perm``
and ``seed`` the permutations are datasketch's, and with ``hash="sha1"`` the signatures are
bit-identical to ``datasketch.MinHash(num_perm, seed).update_batch(shingles)``.

Why this is faster than ``MinHash.bulk`` (benchmarks/minhash_speed.py): shingles are de-duplicated
before hashing, no Python int is created per shingle, and the ``(shingles x num_perm)`` permutation
step runs in cache-sized chunks into one reused buffer instead of allocating ``3 x shingles x num_perm``
temporaries; the default ``hash="token_mix"`` also replaces the per-shingle SHA-1 call with a cached
per-token one and numpy arithmetic (see ``pipeline.algorithms.shingles``).
"""

from __future__ import annotations

import numpy as np

from pipeline.algorithms.shingles import TOKEN_MODES, TokenMixer, sha1_hashes, shingle_set

HASH_MODES = ("token_mix", "sha1")
MAX_HASH = np.uint32(0xFFFFFFFF)

_F1 = np.uint32(0x85EBCA6B)
_F2 = np.uint32(0xC2B2AE35)
_S16 = np.uint32(16)
_S13 = np.uint32(13)
# Rows of the permutation buffer: 256 x num_perm uint32 = 256 KiB at 256 permutations (fits L2).
_CHUNK_ROWS = 256


def datasketch_permutations(num_perm: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """``(a, b)`` uint32 arrays, equal to ``datasketch.MinHash(num_perm, seed).permutations``."""
    if num_perm < 1:
        raise ValueError(f"num_perm must be >= 1, got {num_perm}")
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finaliser on a uint32 array (returns a new array)."""
    h = h ^ (h >> _S16)
    h *= _F1
    h ^= h >> _S13
    h *= _F2
    h ^= h >> _S16
    return h


class MinHasher:
    """Computes signatures (uint32 arrays of ``num_perm``) from document text.

    Build once per worker (``DoFn.setup``); ``signature`` is then pure and thread-compatible except for
    its scratch buffer (one ``MinHasher`` per thread).
    """

    def __init__(
        self,
        num_perm: int = 256,
        seed: int = 1,
        *,
        ngram: int = 5,
        lowercase: bool = True,
        tokens: str = "words",
        hash: str = "token_mix",  # noqa: A002 -- the config key's name
    ) -> None:
        if hash not in HASH_MODES:
            raise ValueError(f"hash must be one of {HASH_MODES}, got {hash!r}")
        if tokens not in TOKEN_MODES:
            raise ValueError(f"tokens must be one of {TOKEN_MODES}, got {tokens!r}")
        if ngram < 1:
            raise ValueError(f"ngram must be >= 1, got {ngram}")
        self.num_perm = num_perm
        self.seed = seed
        self.ngram = ngram
        self.lowercase = lowercase
        self.tokens = tokens
        self.hash = hash
        self.a, self.b = datasketch_permutations(num_perm, seed)
        self._mixer = (
            TokenMixer(ngram=ngram, lowercase=lowercase, tokens=tokens) if hash == "token_mix" else None
        )
        self._buffer = np.empty((_CHUNK_ROWS, num_perm), dtype=np.uint32)

    def shingle_hashes(self, text: str) -> np.ndarray:
        """The document's distinct 32-bit shingle hashes (before the permutations)."""
        if self.hash == "sha1":
            shingles = shingle_set(text, ngram=self.ngram, lowercase=self.lowercase, tokens=self.tokens)
            return sha1_hashes(shingles)
        return self._mixer.hashes(text)

    def signature_of_hashes(self, hashes: np.ndarray) -> np.ndarray | None:
        """Signature of a set of 32-bit shingle hashes; ``None`` for an empty set."""
        if len(hashes) == 0:
            return None
        mixed = fmix32(np.asarray(hashes, dtype=np.uint32))
        out = np.full(self.num_perm, MAX_HASH, dtype=np.uint32)
        for start in range(0, len(mixed), _CHUNK_ROWS):
            chunk = mixed[start : start + _CHUNK_ROWS]
            block = self._buffer[: len(chunk)]
            # uint32 arithmetic wraps: this is a * h + b mod 2^32, datasketch's affine32 permutation.
            np.multiply(chunk[:, None], self.a, out=block)
            np.add(block, self.b, out=block)
            np.minimum(out, np.minimum.reduce(block, axis=0), out=out)
        return out

    def signature(self, text: str | None) -> np.ndarray | None:
        """Signature of a document; ``None`` when it has no shingle (no word token)."""
        if not text:
            return None
        return self.signature_of_hashes(self.shingle_hashes(text))


def estimate_jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Share of equal positions: the MinHash estimate of the two sets' Jaccard similarity."""
    if len(sig_a) != len(sig_b):
        raise ValueError(f"signatures differ in length: {len(sig_a)} != {len(sig_b)}")
    return float(np.count_nonzero(sig_a == sig_b)) / len(sig_a)


def exact_jaccard(a: set | frozenset, b: set | frozenset) -> float:
    """Exact Jaccard similarity of two sets (1.0 for two empty sets)."""
    if not a and not b:
        return 1.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)
