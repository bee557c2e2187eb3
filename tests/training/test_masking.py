"""Causal masking (the InCoder paper, section 2) and FIM: structural properties and the sampling laws."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from tokenizer.special_tokens import (
    ENDOFMASK_ID,
    FIM_MIDDLE_ID,
    FIM_PREFIX_ID,
    FIM_SUFFIX_ID,
    FIRST_MASK_ID,
    PAD_ID,
)
from training.fim import fim_transform
from training.masking import causal_mask, sample_rng, sample_span_count, sample_spans, span_count_pmf

pytestmark = pytest.mark.usefixtures("one_thread")

ORDINARY = 1000  # ids >= 264 are ordinary tokens


def _block(n: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).integers(ORDINARY, ORDINARY + 5000, size=n).astype(np.int32)


def _undo(out: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, int]:
    """Rebuild the original from a masked block with room for the tail; returns (tokens, k)."""
    body_end = int(np.flatnonzero(out == FIRST_MASK_ID)[1])  # second <|mask:0|> starts the tail
    body, tail = out[:body_end], out[body_end:]
    k = int(np.sum((body >= FIRST_MASK_ID) & (body < FIRST_MASK_ID + 256)))
    spans, pos = [], 0
    for i in range(k):
        assert tail[pos] == FIRST_MASK_ID + i
        end = pos + 1 + int(np.flatnonzero(tail[pos + 1:] == ENDOFMASK_ID)[0])
        spans.append(tail[pos + 1:end])
        pos = end + 1
    rebuilt = []
    for tok in body:
        rebuilt.extend(spans[tok - FIRST_MASK_ID] if FIRST_MASK_ID <= tok < FIRST_MASK_ID + 256 else [tok])
    return np.array(rebuilt), k


def test_masked_block_reconstructs_and_weights_zero_only_on_body_sentinels():
    for index in range(200):
        block = _block(100, index)
        padded = np.concatenate([block, np.full(600, PAD_ID, np.int32)])  # room: nothing truncated
        out, w = causal_mask(padded, sample_rng(7, 0, index), valid=100, lam=2.0)
        assert len(out) == len(padded) and out.dtype == np.int32 and w.dtype == np.float32
        rebuilt, k = _undo(out, w)
        assert np.array_equal(rebuilt[:100], block)
        assert 1 <= k
        body_end = int(np.flatnonzero(out == FIRST_MASK_ID)[1])
        sentinel = (out >= FIRST_MASK_ID) & (out < FIRST_MASK_ID + 256)
        assert np.all(w[:body_end][sentinel[:body_end]] == 0)  # body placeholders: no loss
        assert np.all(w[:body_end][~sentinel[:body_end]] == 1)
        real_end = 100 + 3 * k
        assert np.all(w[body_end:real_end] == 1)  # tail sentinels, spans, <|endofmask|>: loss 1
        assert np.all(w[real_end:] == 0) and np.all(out[real_end:] == PAD_ID)  # padding
        tail = out[body_end:real_end]
        assert tail[sentinel[body_end:real_end]].tolist() == [FIRST_MASK_ID + i for i in range(k)]  # in order
        assert np.sum(tail == ENDOFMASK_ID) == k


def test_full_block_truncated_back_to_length():
    block = _block(2048)
    out, w = causal_mask(block, sample_rng(1, 2, 3))
    assert out.shape == (2048,) and w.shape == (2048,)
    # The output is the first 2048 tokens of body + tail (n + 3k long).
    assert out[0] == block[0] or out[0] == FIRST_MASK_ID


def test_same_seed_epoch_index_same_masks_and_different_otherwise():
    block = _block(512)
    a = causal_mask(block, sample_rng(1, 0, 5))
    b = causal_mask(block, sample_rng(1, 0, 5))
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])
    others = [causal_mask(block, sample_rng(*key))[0] for key in [(2, 0, 5), (1, 1, 5), (1, 0, 6)]]
    assert all(not np.array_equal(a[0], o) for o in others)


def test_span_count_follows_truncated_poisson():
    """k ~ Poisson(1) conditioned on [1, 256]: chi-square goodness of fit over 20000 samples."""
    rng = np.random.default_rng(0)
    ks = np.array([sample_span_count(rng, 1.0, 256) for _ in range(20000)])
    assert ks.min() >= 1
    pmf = span_count_pmf(1.0, 256)
    observed = np.array([np.sum(ks == 1), np.sum(ks == 2), np.sum(ks == 3), np.sum(ks >= 4)])
    expected = len(ks) * np.array([pmf[1], pmf[2], pmf[3], pmf[4:].sum()])
    assert stats.chisquare(observed, expected).pvalue > 1e-3
    assert ks.mean() == pytest.approx((pmf * np.arange(257)).sum(), rel=0.03)  # 1/(1-e^-1) = 1.582


def test_span_count_truncation_upper_bound():
    rng = np.random.default_rng(0)
    ks = [sample_span_count(rng, 50.0, 3) for _ in range(500)]
    assert set(ks) <= {1, 2, 3} and ks.count(3) > 400


def test_single_span_is_a_uniform_pair_of_endpoints():
    """k = 1: every span [a, b) with 0 <= a < b <= n equally likely (n(n+1)/2 of them)."""
    n, draws = 6, 42000
    rng = np.random.default_rng(1)
    counts: dict[tuple[int, int], int] = {}
    for _ in range(draws):
        span = sample_spans(rng, n, 1)[0]
        counts[span] = counts.get(span, 0) + 1
    assert len(counts) == n * (n + 1) // 2
    assert stats.chisquare(list(counts.values())).pvalue > 1e-3


def test_spans_equal_rejection_sampling_law():
    """k = 2 on a short block: the same law as drawing uniform spans and rejecting overlaps."""
    n, draws = 5, 30000
    rng = np.random.default_rng(2)
    pairs = [(a, b) for a in range(n + 1) for b in range(a + 1, n + 1)]
    ours: dict = {}
    rejection: dict = {}
    for _ in range(draws):
        key = tuple(sample_spans(rng, n, 2))
        ours[key] = ours.get(key, 0) + 1
        while True:
            s1, s2 = (pairs[i] for i in rng.integers(len(pairs), size=2))
            if s1[1] <= s2[0] or s2[1] <= s1[0]:
                break
        key = tuple(sorted([s1, s2]))
        rejection[key] = rejection.get(key, 0) + 1
    assert set(ours) == set(rejection)
    table = np.array([[ours[k] for k in sorted(ours)], [rejection[k] for k in sorted(ours)]])
    assert stats.chi2_contingency(table).pvalue > 1e-3


def test_spans_disjoint_and_exactly_k_even_when_crowded():
    rng = np.random.default_rng(3)
    for n, k in [(10, 10), (300, 256), (2048, 256), (7, 3)]:
        spans = sample_spans(rng, n, k)
        assert len(spans) == k
        assert all(0 <= a < b <= n for a, b in spans)
        assert all(spans[i][1] <= spans[i + 1][0] for i in range(k - 1))
    with pytest.raises(ValueError):
        sample_spans(rng, 3, 4)


def test_masking_short_valid_region_caps_span_count():
    block = np.concatenate([_block(2), np.zeros(30, np.int32)])
    for index in range(50):
        out, w = causal_mask(block, sample_rng(0, 0, index), valid=2, lam=30.0)
        assert len(out) == 32
        assert np.sum(out == ENDOFMASK_ID) <= 2


def test_expected_loss_weight_fraction():
    """Zero-weight tokens are the k body sentinels: mean k/n of a 2048 block, E[k] = 1.582."""
    zeros = [int(np.sum(causal_mask(_block(2048, i), sample_rng(0, 0, i))[1] == 0)) for i in range(400)]
    assert np.mean(zeros) == pytest.approx(1.582, rel=0.12)


@pytest.mark.parametrize("spm_rate,first_two", [(0.0, None), (1.0, [FIM_PREFIX_ID, FIM_SUFFIX_ID])])
def test_fim_orders_and_lengths(spm_rate, first_two):
    block = _block(64)
    padded = np.concatenate([block, np.zeros(8, np.int32)])
    for index in range(50):
        out, w = fim_transform(padded, sample_rng(0, 0, index), valid=64, spm_rate=spm_rate)
        assert len(out) == 72 and out[0] == FIM_PREFIX_ID
        assert sorted(out[:67][out[:67] < 264].tolist()) == sorted([FIM_PREFIX_ID, FIM_SUFFIX_ID, FIM_MIDDLE_ID])
        assert sorted(out[:67][out[:67] >= 264].tolist()) == sorted(block.tolist())
        assert np.all(w[:67] == 1) and np.all(w[67:] == 0)
        if first_two:
            assert out[:2].tolist() == first_two
        else:
            mid = int(np.flatnonzero(out == FIM_MIDDLE_ID)[0])
            suf = int(np.flatnonzero(out == FIM_SUFFIX_ID)[0])
            prefix, suffix, middle = out[1:suf], out[suf + 1:mid], out[mid + 1:67]
            assert np.array_equal(np.concatenate([prefix, middle, suffix]), block)
