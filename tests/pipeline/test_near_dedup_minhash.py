"""Shingling and MinHash signatures: datasketch equivalence (bit-identical for hash=sha1, statistical for
hash=token_mix), on real standard-library source files."""

from __future__ import annotations

import random
import sysconfig
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash

from pipeline.algorithms.minhash import MinHasher, datasketch_permutations, estimate_jaccard, exact_jaccard
from pipeline.algorithms.shingles import TokenMixer, shingle_set, token_mix_hashes, tokenize

STDLIB = Path(sysconfig.get_paths()["stdlib"])


def _stdlib_texts(count: int) -> list[str]:
    files = sorted(p for p in STDLIB.glob("*.py") if p.stat().st_size > 2000)[:count]
    assert len(files) >= min(count, 20), "the interpreter's stdlib should have plenty of .py files"
    return [p.read_text(encoding="utf-8", errors="replace") for p in files]


def test_tokenize_follows_bigcode_word_split():
    assert tokenize("def  Foo_bar(x):\n\treturn x+1") == [b"def", b"foo_bar", b"x", b"return", b"x", b"1"]
    assert tokenize("Foo BAR", lowercase=False) == [b"Foo", b"BAR"]
    assert tokenize("a+b  c", tokens="whitespace") == [b"a+b", b"c"]
    assert tokenize("été x") == [b"t", b"x"]  # non-ASCII letters separate tokens, as in BigCode's regex
    with pytest.raises(ValueError, match="tokens must be"):
        tokenize("x", tokens="chars")


def test_shingles_are_whitespace_and_case_insensitive():
    a = shingle_set("def f(x):\n    return X + 1\n", ngram=3)
    b = shingle_set("DEF f( x ):  return x+1", ngram=3)
    assert a == b == {b"def f x", b"f x return", b"x return x", b"return x 1"}


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
    texts = _stdlib_texts(40)
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
    text = _stdlib_texts(1)[0]
    for num_perm, seed in [(64, 3), (300, 42)]:
        ref = MinHash(num_perm=num_perm, seed=seed)
        ref.update_batch(list(shingle_set(text, ngram=3)))
        ours = MinHasher(num_perm, seed, ngram=3, hash="sha1").signature(text)
        np.testing.assert_array_equal(ours, ref.hashvalues)


def test_token_mix_preserves_shingle_set_semantics():
    for text in _stdlib_texts(15):
        shingles = shingle_set(text)
        hashes = token_mix_hashes(text)
        # distinct shingles -> distinct hashes, up to ~n^2 / 2^33 collisions (none expected here)
        assert len(hashes) == len(shingles)
    same_a = token_mix_hashes("Def f(x):   return x")
    same_b = token_mix_hashes("def F( x ): RETURN x")
    np.testing.assert_array_equal(same_a, same_b)
    assert not np.array_equal(token_mix_hashes("a b c d e"), token_mix_hashes("a b c d f"))
    # order matters inside a shingle
    assert not np.array_equal(token_mix_hashes("a b c d e"), token_mix_hashes("e d c b a"))


def _mutated(text: str, rng: random.Random, rate: float) -> str:
    words = text.split()
    for i in range(len(words)):
        if rng.random() < rate:
            words[i] = f"tok{rng.randrange(10**9)}"
    return " ".join(words)


def test_token_mix_is_statistically_equivalent_to_datasketch():
    """Both estimators are unbiased with the same error against exact Jaccard over many real pairs."""
    rng = random.Random(5)
    texts = _stdlib_texts(60)
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
    text = _stdlib_texts(1)[0]
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


def test_token_cache_never_changes_results():
    texts = _stdlib_texts(8)
    fresh = [np.sort(token_mix_hashes(t)) for t in texts]
    tiny = TokenMixer(max_vocab=50)  # cleared again and again
    shared = TokenMixer()
    for _ in range(2):
        for text, expected in zip(texts, fresh, strict=True):
            np.testing.assert_array_equal(np.sort(tiny.hashes(text)), expected)
            np.testing.assert_array_equal(np.sort(shared.hashes(text)), expected)
    # the bounded cache holds at most max_vocab tokens, or one document's when that alone is larger
    assert len(tiny._vocab) <= max(50, *(len(set(tokenize(t))) for t in texts)) < len(shared._vocab)


@pytest.mark.parametrize("ngram", [1, 2, 8])
def test_token_mix_other_ngram_sizes(ngram):
    text = _stdlib_texts(1)[0]
    assert len(token_mix_hashes(text, ngram=ngram)) == len(shingle_set(text, ngram=ngram))
    with pytest.raises(ValueError, match="ngram <= 8"):
        TokenMixer(ngram=9)
