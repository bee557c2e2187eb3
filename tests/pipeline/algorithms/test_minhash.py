"""MinHash signatures (pipeline/algorithms/minhash.py): datasketch equivalence (bit-identical for
hash=sha1, statistical for hash=token_mix), on real standard-library source files."""

from __future__ import annotations

import random

import numpy as np
import pytest
from datasketch import MinHash

from pipeline.algorithms.minhash import MinHasher, datasketch_permutations, estimate_jaccard, exact_jaccard
from pipeline.algorithms.shingles import shingle_set, token_mix_hashes
from tests.fakes.corpus import stdlib_texts


def test_short_and_empty_documents():
    assert shingle_set("one two", ngram=5) == {b"one two"}
    assert shingle_set("  !!  ", ngram=5) == set()
    assert len(token_mix_hashes("one two", ngram=5)) == 1
    assert len(token_mix_hashes("!!", ngram=5)) == 0
    assert MinHasher(16).signature("") is None
    assert MinHasher(16).signature("(( ))") is None
    assert MinHasher(16).signature(None) is None


@pytest.mark.parametrize("num_perm,seed", [(256, 1), (128, 7), (3, 0)])
def test_permutations_equal_datasketch(num_perm, seed):
    a, b = datasketch_permutations(num_perm, seed)
    reference = MinHash(num_perm=num_perm, seed=seed).permutations
    assert reference.dtype == np.uint32
    np.testing.assert_array_equal(a, reference[0])
    np.testing.assert_array_equal(b, reference[1])


def test_sha1_signatures_bit_identical_to_datasketch():
    texts = stdlib_texts(40)
    hasher = MinHasher(256, seed=1, hash="sha1")
    shingles = [[s for s in sorted(shingle_set(t))] for t in texts]
    reference = MinHash.bulk(shingles, num_perm=256, seed=1)
    for text, ref in zip(texts, reference, strict=True):
        np.testing.assert_array_equal(hasher.signature(text), ref.hashvalues)
    # update_batch with repeated shingles gives the same (sets, not multisets)
    single = MinHash(num_perm=256, seed=1)
    single.update_batch(shingles[0] + shingles[0][:10])
    np.testing.assert_array_equal(hasher.signature(texts[0]), single.hashvalues)


def test_sha1_identity_holds_for_other_seeds_and_sizes():
    text = stdlib_texts(1)[0]
    for num_perm, seed in [(64, 3), (300, 42)]:
        ref = MinHash(num_perm=num_perm, seed=seed)
        ref.update_batch(list(shingle_set(text, ngram=3)))
        ours = MinHasher(num_perm, seed, ngram=3, hash="sha1").signature(text)
        np.testing.assert_array_equal(ours, ref.hashvalues)


def _mutated(text: str, rng: random.Random, rate: float) -> str:
    words = text.split()
    for i in range(len(words)):
        if rng.random() < rate:
            words[i] = f"tok{rng.randrange(10**9)}"
    return " ".join(words)


def test_token_mix_is_statistically_equivalent_to_datasketch():
    """Both estimators are unbiased with the same error against exact Jaccard over many real pairs."""
    rng = random.Random(5)
    texts = stdlib_texts(60)
    ours, theirs, truth = [], [], []
    fast = MinHasher(256, seed=1, hash="token_mix")
    for text in texts:
        other = _mutated(text, rng, rng.choice([0.01, 0.03, 0.06, 0.1]))
        sa, sb = shingle_set(text), shingle_set(other)
        truth.append(exact_jaccard(sa, sb))
        ours.append(estimate_jaccard(fast.signature(text), fast.signature(other)))
        ma, mb = MinHash(256, seed=1), MinHash(256, seed=1)
        ma.update_batch(list(sa))
        mb.update_batch(list(sb))
        theirs.append(ma.jaccard(mb))
    truth_a, ours_a, theirs_a = map(np.asarray, (truth, ours, theirs))
    assert 0.3 < truth_a.min() and truth_a.max() < 0.99, "pairs should span a useful similarity range"
    # per-pair standard error of a 256-permutation estimate is sqrt(J(1-J)/256) <= 0.031
    assert abs(np.mean(ours_a - truth_a)) < 0.012
    assert abs(np.mean(theirs_a - truth_a)) < 0.012
    rmse_ours = np.sqrt(np.mean((ours_a - truth_a) ** 2))
    rmse_theirs = np.sqrt(np.mean((theirs_a - truth_a) ** 2))
    assert rmse_ours < 0.04 and rmse_theirs < 0.04
    assert abs(rmse_ours - rmse_theirs) < 0.015


def test_identical_and_disjoint_documents():
    hasher = MinHasher(128)
    text = stdlib_texts(1)[0]
    assert estimate_jaccard(hasher.signature(text), hasher.signature(text.upper())) == 1.0
    assert (
        estimate_jaccard(
            hasher.signature("alpha beta gamma delta eps zeta"),
            hasher.signature("one two three four five six"),
        )
        < 0.1
    )


def test_signature_of_large_document_spans_chunks():
    text = " ".join(f"w{i}" for i in range(5000))  # ~5000 shingles: many permutation chunks
    hasher = MinHasher(64, hash="sha1")
    ref = MinHash(64)
    ref.update_batch(list(shingle_set(text)))
    np.testing.assert_array_equal(hasher.signature(text), ref.hashvalues)


def test_invalid_arguments():
    with pytest.raises(ValueError, match="hash must be"):
        MinHasher(8, hash="md5")
    with pytest.raises(ValueError, match="ngram"):
        MinHasher(8, ngram=0)
    with pytest.raises(ValueError, match="differ in length"):
        estimate_jaccard(np.zeros(3, np.uint32), np.zeros(4, np.uint32))
    assert exact_jaccard(set(), set()) == 1.0
    assert exact_jaccard({1, 2}, {2, 3}) == pytest.approx(1 / 3)
