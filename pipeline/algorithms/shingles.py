"""Shingling of code for near-deduplication: word tokens, n-grams, and their 32-bit hashes.

Tokens follow BigCode's near-dedup (``NON_ALPHA = re.compile("[^A-Za-z_0-9]")``): the UTF-8 text is
case-folded (``lowercase``; ASCII letters, the only ones a word token can hold), and the tokens are the
runs of ASCII letters, digits and ``_``, so whitespace, punctuation and indentation changes do not
matter. ``tokens="whitespace"`` takes the runs of non-whitespace instead (punctuation stays in the
tokens). A shingle is ``ngram`` consecutive tokens joined by one space; a document shorter than
``ngram`` tokens has its whole token list as its one shingle, and a document with no token has no
shingle (it cannot be a near-duplicate of anything).

Two ways to turn a document into the 32-bit shingle hashes MinHash permutes:

- ``shingle_set`` + ``sha1_hashes``: the shingle bytes hashed with datasketch's ``sha1_hash32``
  (first 4 bytes of SHA-1, little endian), giving signatures bit-identical to ``datasketch.MinHash``;
  one ``hashlib`` call per distinct shingle.
- ``TokenMixer`` (``hash="token_mix"``, the default, ~2x faster): each distinct *token* is hashed once
  with SHA-1 (64 bits, cached per worker across documents); a shingle's hash is a polynomial of its
  tokens' hashes mod 2^64 (odd multipliers, so token order matters) finished with MurmurHash3's
  ``fmix64``, computed for all shingles at once in numpy; its high 32 bits are kept. Equal shingles get
  equal hashes and distinct shingles collide with probability ~2^-32, as with ``sha1_hash32``, so
  MinHash estimates are statistically equivalent to datasketch's (tests/pipeline/
  algorithms/test_minhash.py checks bias and error against exact Jaccard for both).
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

TOKEN_MODES = ("words", "whitespace")

# BigCode's tokeniser, applied to UTF-8 bytes: non-ASCII characters are separators either way, and
# working on bytes gives shingles already encoded for hashing.
_WORD = re.compile(rb"[A-Za-z_0-9]+")
_NON_SPACE = re.compile(rb"\S+")

_M1 = np.uint64(0xFF51AFD7ED558CCD)
_M2 = np.uint64(0xC4CEB9FE1A85EC53)
_S33 = np.uint64(33)
_S32 = np.uint64(32)
# Odd 64-bit multipliers of the shingle polynomial (MurmurHash3 / xxHash / golden-ratio constants).
_MULTIPLIERS = np.array(
    [
        0x9E3779B97F4A7C15,
        0xC2B2AE3D27D4EB4F,
        0x165667B19E3779F9,
        0xD6E8FEB86659FD93,
        0xFF51AFD7ED558CCD,
        0xC4CEB9FE1A85EC53,
        0x27D4EB2F165667C5,
        0x85EBCA77C2B2AE63,
    ],
    dtype=np.uint64,
)


def tokenize(text: str, *, lowercase: bool = True, tokens: str = "words") -> list[bytes]:
    """The document's tokens as UTF-8 bytes, in order."""
    if tokens not in TOKEN_MODES:
        raise ValueError(f"tokens must be one of {TOKEN_MODES}, got {tokens!r}")
    data = text.encode("utf-8", "surrogatepass")
    if lowercase:
        data = data.lower()  # ASCII only: non-ASCII bytes never belong to a word token
    return (_WORD if tokens == "words" else _NON_SPACE).findall(data)


def shingle_set(text: str, *, ngram: int = 5, lowercase: bool = True, tokens: str = "words") -> set[bytes]:
    """Distinct shingles: ``ngram`` consecutive tokens joined by a space, as UTF-8 bytes."""
    if ngram < 1:
        raise ValueError(f"ngram must be >= 1, got {ngram}")
    toks = tokenize(text, lowercase=lowercase, tokens=tokens)
    if not toks:
        return set()
    if len(toks) < ngram:
        return {b" ".join(toks)}
    return set(
        map(b" ".join, zip(*(toks[i:] for i in range(ngram)), strict=False))
    )  # shifted copies: shortest wins


def sha1_hashes(shingles: set[bytes] | list[bytes]) -> np.ndarray:
    """datasketch's ``sha1_hash32`` of each shingle, as a uint32 array (one hashlib call each)."""
    sha1 = hashlib.sha1
    digests = b"".join([sha1(s).digest() for s in shingles])
    # A SHA-1 digest is 20 bytes = 5 little-endian uint32; sha1_hash32 is the first of them.
    return np.frombuffer(digests, dtype="<u4")[::5].astype(np.uint32)


def _fmix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser, in place (a bijection with full avalanche)."""
    h ^= h >> _S33
    h *= _M1
    h ^= h >> _S33
    h *= _M2
    h ^= h >> _S33
    return h


class TokenMixer:
    """Distinct 32-bit shingle hashes of a document, from per-token SHA-1 hashes mixed in numpy.

    Keeps a per-worker cache token -> hash (at most ``max_vocab`` tokens, then cleared); the cache only
    saves work: results depend on the text alone.
    """

    def __init__(
        self, *, ngram: int = 5, lowercase: bool = True, tokens: str = "words", max_vocab: int = 1 << 20
    ) -> None:
        if ngram < 1:
            raise ValueError(f"ngram must be >= 1, got {ngram}")
        if ngram > len(_MULTIPLIERS):
            raise ValueError(f"token_mix supports ngram <= {len(_MULTIPLIERS)}, got {ngram}; use hash=sha1")
        if tokens not in TOKEN_MODES:
            raise ValueError(f"tokens must be one of {TOKEN_MODES}, got {tokens!r}")
        self.ngram = ngram
        self.lowercase = lowercase
        self.tokens = tokens
        self.max_vocab = max_vocab
        self._vocab: dict[bytes, int] = {}
        self._hashes = np.empty(1024, dtype=np.uint64)

    def _token_ids(self, toks: list[bytes]) -> np.ndarray:
        vocab = self._vocab
        missing = set(toks).difference(vocab)
        if missing:
            if len(vocab) + len(missing) > self.max_vocab:
                vocab.clear()
                missing = set(toks)
            new = list(missing)
            start = len(vocab)
            end = start + len(new)
            if end > len(self._hashes):
                grown = np.empty(max(end, 2 * len(self._hashes)), dtype=np.uint64)
                grown[:start] = self._hashes[:start]
                self._hashes = grown
            sha1 = hashlib.sha1
            self._hashes[start:end] = np.frombuffer(
                b"".join([sha1(t).digest()[:8] for t in new]), dtype="<u8"
            )
            vocab.update(zip(new, range(start, end), strict=True))
        return np.fromiter(map(vocab.__getitem__, toks), dtype=np.int64, count=len(toks))

    def hashes(self, text: str) -> np.ndarray:
        """The distinct shingles' uint32 hashes, in no particular order (empty when no token)."""
        toks = tokenize(text, lowercase=self.lowercase, tokens=self.tokens)
        if not toks:
            return np.empty(0, dtype=np.uint32)
        ids = self._token_ids(toks)  # may grow self._hashes: index it afterwards
        seq = self._hashes[ids]
        width = min(self.ngram, len(seq))
        count = len(seq) - width + 1
        mixed = seq[:count] * _MULTIPLIERS[0]
        for offset in range(1, width):
            mixed += seq[offset : offset + count] * _MULTIPLIERS[offset]
        # sort + neighbour compare: ~6x faster than np.unique's hash table on these sizes (numpy 2.4)
        mixed.sort()
        if count > 1:
            mixed = mixed[np.concatenate(([True], mixed[1:] != mixed[:-1]))]
        return (_fmix64(mixed) >> _S32).astype(np.uint32)


def token_mix_hashes(
    text: str, *, ngram: int = 5, lowercase: bool = True, tokens: str = "words"
) -> np.ndarray:
    """``TokenMixer(...).hashes(text)`` without a shared cache."""
    return TokenMixer(ngram=ngram, lowercase=lowercase, tokens=tokens).hashes(text)
