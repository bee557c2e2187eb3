"""InCoder's causal-masking transform of one training block (the InCoder paper, section 2).

For a block of ``n`` tokens (only its first ``valid`` are real; the rest is padding):

1. ``k`` spans, ``k ~ Poisson(lam)`` truncated to ``[1, max_spans]`` (and to ``valid``, the most
   disjoint non-empty spans that fit): draws outside the range are redrawn, so the law of ``k`` is
   Poisson conditioned on the range (``span_count_pmf`` gives it).
2. Each span ``[a, b)`` has endpoints drawn uniformly (``{a, b}`` a uniform pair of distinct points
   of ``0..valid``); a draw whose spans overlap is rejected and redrawn, so the ``k`` spans are
   uniform over all sets of ``k`` disjoint non-empty spans. ``sample_spans`` draws from exactly that
   law in O(k), without a rejection loop that could spin for large ``k``. ``k`` spans are always
   placed, never silently fewer (spans may touch: ``b_i == a_{i+1}``).
3. Spans, ordered by position, are cut out and replaced by ``<|mask:i|>`` (``i`` in order of
   position); ``<|mask:i|> span_i <|endofmask|>`` for ``i = 0..k-1`` is appended; the result
   (``n + 3k`` tokens) is truncated back to ``n``, which may cut the tail of the last span.
4. Loss weights (per token of the output, the weight of predicting that token): 0 on the ``k``
   placeholder sentinels in the body (their position is arbitrary, the original code gives them no
   loss) and on padding; 1 everywhere else, including the appended ``<|mask:i|>`` and
   ``<|endofmask|>``.

Every random choice comes from the ``numpy.random.Generator`` passed in, which the data loader seeds
per sample from ``(seed, epoch, global sample index)`` (``sample_rng``), so a sample's masks do not
depend on worker count, rank or resumes. No torch, no Beam: plain numpy.
"""

from __future__ import annotations

import math

import numpy as np

from tokenizer.special_tokens import ENDOFMASK_ID, FIRST_MASK_ID, NUM_MASKS

MAX_SPANS = NUM_MASKS  # 256 mask sentinels exist


def sample_rng(seed: int, epoch: int, index: int, stream: int = 0) -> np.random.Generator:
    """The generator of one sample: a pure function of (seed, epoch, global sample index, purpose)."""
    return np.random.Generator(np.random.Philox(np.random.SeedSequence([seed, epoch, index, stream])))


def span_count_pmf(lam: float, max_spans: int) -> np.ndarray:
    """P(k) for k = 0..max_spans of Poisson(lam) conditioned on 1 <= k <= max_spans (entry 0 is 0)."""
    k = np.arange(max_spans + 1)
    log_p = k * math.log(lam) - lam - np.array([math.lgamma(i + 1) for i in k])
    p = np.exp(log_p)
    p[0] = 0.0
    return p / p.sum()


def sample_span_count(rng: np.random.Generator, lam: float, max_spans: int) -> int:
    """k ~ Poisson(lam) truncated to [1, max_spans] by redrawing (max_spans >= 1)."""
    if lam <= 0.1 / max(max_spans, 1):
        return 1  # Poisson(lam) is almost surely 0: the truncated law is a point mass at 1
    for _ in range(1000):
        k = int(rng.poisson(lam))
        if 1 <= k <= max_spans:
            return k
    # Out-of-range draws this persistent mean a vanishing in-range mass: sample the pmf directly.
    return int(rng.choice(max_spans + 1, p=span_count_pmf(lam, max_spans)))


def sample_spans(rng: np.random.Generator, length: int, k: int) -> list[tuple[int, int]]:
    """``k`` disjoint non-empty spans ``[a, b)`` in ``0..length``, sorted, uniform over all such sets.

    This is exactly the law of drawing ``k`` spans with uniform endpoints and rejecting the draw until
    no two overlap, without the loop: ``0 <= a1 < b1 <= a2 < b2 <= ... <= bk <= length`` maps one to
    one onto ``2k`` distinct points of ``0..length+k-1`` by adding ``i`` to both ends of span ``i``
    (0-based), so a uniform ``2k``-subset gives a uniform configuration.
    """
    if not 0 <= k <= length:
        raise ValueError(f"cannot place {k} disjoint non-empty spans in {length} tokens")
    points = np.sort(rng.choice(length + k, size=2 * k, replace=False)).reshape(k, 2)
    shift = np.arange(k)[:, None]
    return [(int(a), int(b)) for a, b in points - shift]


def causal_mask(
    tokens: np.ndarray,
    rng: np.random.Generator,
    valid: int | None = None,
    lam: float = 1.0,
    max_spans: int = MAX_SPANS,
) -> tuple[np.ndarray, np.ndarray]:
    """Causally mask one block; returns ``(tokens, weights)`` of the input's length (int32, float32).

    ``valid`` is the number of real tokens at the front (the rest, padding, keeps weight 0 and is
    never masked). A block with no real token is returned unchanged.
    """
    n = len(tokens)
    valid = n if valid is None else valid
    weights = np.zeros(n, dtype=np.float32)
    weights[:valid] = 1.0
    if valid == 0:
        return tokens.astype(np.int32, copy=True), weights
    k = sample_span_count(rng, lam, min(max_spans, MAX_SPANS, valid))
    spans = sample_spans(rng, valid, k)
    body: list[np.ndarray] = []
    tail: list[np.ndarray] = []
    body_w: list[np.ndarray] = []
    prev = 0
    for i, (a, b) in enumerate(spans):
        sentinel = np.array([FIRST_MASK_ID + i], dtype=np.int32)
        body += [tokens[prev:a], sentinel]
        body_w += [np.ones(a - prev, dtype=np.float32), np.zeros(1, dtype=np.float32)]
        tail += [sentinel, tokens[a:b], np.array([ENDOFMASK_ID], dtype=np.int32)]
        prev = b
    body.append(tokens[prev:valid])
    body_w.append(np.ones(valid - prev, dtype=np.float32))
    out = np.concatenate(body + tail + [tokens[valid:]]).astype(np.int32, copy=False)
    tail_len = sum(len(t) for t in tail)
    out_w = np.concatenate(body_w + [np.ones(tail_len, dtype=np.float32), weights[valid:]])
    return out[:n], out_w[:n]
