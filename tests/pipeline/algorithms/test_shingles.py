"""Shingling (pipeline/algorithms/shingles.py): BigCode's word split, shingle sets, token-mix hashes
and their cache, on real standard-library source files."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.algorithms.shingles import TokenMixer, shingle_set, token_mix_hashes, tokenize
from tests.fakes.corpus import stdlib_texts


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


def test_token_mix_preserves_shingle_set_semantics():
    for text in stdlib_texts(15):
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


def test_token_cache_never_changes_results():
    texts = stdlib_texts(8)
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
    text = stdlib_texts(1)[0]
    assert len(token_mix_hashes(text, ngram=ngram)) == len(shingle_set(text, ngram=ngram))
    with pytest.raises(ValueError, match="ngram <= 8"):
        TokenMixer(ngram=9)
