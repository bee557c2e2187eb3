"""Table-driven tests of pipeline/algorithms/text.py: tokens, token counts, exact keys, binary sniffing, decoding."""

from __future__ import annotations

import pytest

from pipeline.algorithms import text


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("foo_bar(x, 42);", ["foo_bar", "(", "x", ",", "42", ")", ";"]),
        ("a  b\n\tc", ["a", "b", "c"]),
        ("x+=1", ["x", "+", "=", "1"]),
        ("héllo wörld", ["héllo", "wörld"]),
        ("", []),
    ],
)
def test_tokens(source, expected):
    assert text.tokens(source) == expected
    assert text.count_tokens(source) == len(expected)


@pytest.mark.parametrize(
    "source",
    ["", "x", "a_b+c", "  \t\n", "héllo, wörld!", "日本語 (テスト)", "\x1c\x1f\u00a0a", "α+β=γ;" * 50,
     "def f(x):\n    return x ** 2  # ok\n" * 20],
)
def test_count_tokens_equals_tokenizer(source):
    assert text.count_tokens(source) == len(text.tokens(source))
    assert text.count_tokens(source * 3000, limit=10**9) == len(text.tokens(source * 3000))


def test_count_tokens_with_limit_stops_early_and_never_splits_words():
    assert text.count_tokens("ab " * 100_000, limit=10) > 10
    assert text.count_tokens("x" * 200_000 + " y", limit=5) == 2


@pytest.mark.parametrize(
    ("source", "fraction"),
    [("abc", 1.0), ("a b", 2 / 3), ("+++", 0.0), ("", 0.0), ("é+", 0.5), ("__", 1.0)],
)
def test_alnum_fraction(source, fraction):
    assert text.alnum_fraction(source) == pytest.approx(fraction)


def test_exact_key_ignores_whitespace_not_tokens():
    a = text.exact_dedup_key(".py", "def f(x):\n    return x\n")
    assert a == text.exact_dedup_key(".py", "def f(x):\n\treturn   x")
    assert a != text.exact_dedup_key(".pyi", "def f(x):\n    return x\n")
    assert a != text.exact_dedup_key(".py", "def f(x):\n    return y\n")
    # same alphanumeric tokens, one more punctuation token: the count differs
    assert a != text.exact_dedup_key(".py", "def f(x):\n    return x;\n")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"plain ascii\n", None),
        (b"ab\x00cd", "nul_bytes"),
        (bytes(range(1, 9)) * 10, "control_chars"),
        ("utf16 text".encode("utf-16"), None),
        (b"", None),
        (b"\x1b[31mred\x1b[0m\n", None),
    ],
)
def test_looks_binary(data, expected):
    result = text.looks_binary(data)
    assert (result or "").split(":")[0] == (expected or "")


@pytest.mark.parametrize(
    ("data", "text_out", "encoding"),
    [
        (b"x = 1\n", "x = 1\n", "utf-8"),
        (b"\xef\xbb\xbfx = 1\n", "x = 1\n", "utf-8-sig"),
        ("x = 'é'\n".encode("utf-16"), "x = 'é'\n", "utf-16"),
        ("# commentaire: réglé à zéro\nx = 1\n".encode("cp1252"), "# commentaire: réglé à zéro\nx = 1\n", "cp1252"),
        ("# 日本語のコメント\nx=1\n".encode("shift_jis"), "# 日本語のコメント\nx=1\n", "cp932"),
    ],
)
def test_decode(data, text_out, encoding):
    assert text.decode(data) == (text_out, encoding)


def test_decode_rejects_garbage():
    content, why = text.decode(bytes(range(128, 256)) * 8)
    assert content is None and "invalid utf-8" in why
