"""Table-driven tests of the spine's algorithms: languages, paths, text, filters."""

from __future__ import annotations

import time

import pytest

from pipeline.algorithms import filters, languages, paths, text


@pytest.mark.parametrize(
    ("path", "lang", "ext"),
    [
        ("src/app.py", "python", ".py"),
        ("types/index.d.ts", "typescript", ".ts"),
        ("A.JAVA", "java", ".java"),
        ("lib/x.hpp", "cpp", ".hpp"),
        ("main.rs", "rust", ".rs"),
        ("Makefile", "makefile", ""),
        ("docker/Dockerfile.dev", "dockerfile", ".dev"),
        ("CMakeLists.txt", "cmake", ".txt"),
        ("notes.txt", None, ".txt"),
        (".bashrc", None, ""),
        ("LICENSE", None, ""),
        ("archive.tar.gz", None, ".gz"),
        ("q.sql", "sql", ".sql"),
        ("x.ml", "ocaml", ".ml"),
    ],
)
def test_language_table(path, lang, ext):
    assert languages.language_for(path) == lang
    assert languages.extension(path) == ext


def test_incoder_table_has_28_languages_and_unique_extensions():
    assert len(languages.INCODER_LANGUAGES) == 28
    exts = [e for exts in languages.LANGUAGES.values() for e in exts]
    assert len(exts) == len(set(exts))
    assert all(e.startswith(".") and e == e.lower() for e in exts)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("src/a.py", "src/a.py"),
        ("./src//a.py", "src/a.py"),
        ("dir\\win.py", "dir/win.py"),
        ("../evil.py", "path_traversal"),
        ("a/../../evil.py", "path_traversal"),
        ("a/..", "path_traversal"),
        ("/etc/passwd", "absolute_path"),
        ("C:\\Windows\\x.py", "absolute_path"),
        ("\\\\server\\share", "absolute_path"),
        ("a\x00b", "invalid_name"),
        ("./", "invalid_name"),
    ],
)
def test_safe_member_path(name, expected):
    if "/" in expected or expected.endswith(".py"):
        assert paths.safe_member_path(name) == expected
    else:
        with pytest.raises(paths.UnsafePath) as info:
            paths.safe_member_path(name)
        assert info.value.reason == expected


@pytest.mark.parametrize(
    ("path", "vendored", "generated"),
    [
        ("pip/_vendor/requests/api.py", True, False),
        ("node_modules/x/index.js", True, False),
        ("src/vendor.py", False, False),
        ("proto/api_pb2.py", False, True),
        ("static/app.min.js", False, True),
        ("shop/migrations/0001_initial.py", False, True),
        ("shop/migrations/__init__.py", False, False),
        ("pip/_internal/operations/build/wheel.py", False, False),
        ("web/__generated__/schema.ts", False, True),
    ],
)
def test_path_heuristics(path, vendored, generated):
    assert paths.is_vendored(path) is vendored
    assert paths.is_generated_path(path) is generated


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


T = filters.FilterThresholds()


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("def f(x):\n    return x + 1\n", None),
        ("   \n\n", "empty"),
        ("x = [" + "ab," * 3100 + "]\n", "line_too_long"),
        ("\n".join("x = [" + "ab, " * 60 + "]" for _ in range(5)), "mean_line_too_long"),
        ("{}[]();;;;,,,,....----++++//\n" * 5, "low_alnum_fraction"),
        ("# Generated by the protocol buffer compiler.  DO NOT EDIT!\nx = 1\n", "autogenerated"),
        ("# Generated by Django 4.2.1 on 2023-05-01 10:00\nfrom django.db import migrations\n", "autogenerated"),
        ("<!-- Generated by Epydoc 3.0.1 -->\n<html>body text here</html>\n", "autogenerated"),
        ('<meta name="generator" content="pdoc 0.10.0" />\n<p>docs text</p>\n', "autogenerated"),
        ('<html><p>text</p>\nCreated using <a href="https://www.sphinx-doc.org/">Sphinx</a> 7.1\n</html>', "autogenerated"),
        ('<meta name="generator" content="mkdocs-1.5.3, mkdocs-material-9.4.6">\n<p>word</p>', "autogenerated"),
        ('<span class="MathJax_Preview">x</span><p>some words</p>\n', "autogenerated"),
    ],
    ids=lambda v: str(v)[:30] if isinstance(v, str) else None,
)
def test_filters(source, reason):  # noqa: D103
    keep, got, _ = filters.apply_filters(source, T)
    assert got == reason
    assert keep is (reason is None)


def test_filter_markers_can_be_disabled():
    source = "# Generated by the protocol buffer compiler.  DO NOT EDIT!\nx = 1\n"
    assert filters.apply_filters(source, filters.FilterThresholds(autogenerated_markers=False))[0]


def test_marker_in_the_middle_of_a_large_file_is_not_searched():
    # generators write banners at the head or tail; the middle is not scanned (bounded work)
    body = "x = 1\n" * 5000
    source = body + "# generated by epydoc\n" + body
    assert filters.autogenerated(source)[0]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("line", ["a" * 50_000_000, "a," * 25_000_000, "a " * 25_000_000], ids=["word", "punct", "spaced"])
def test_50mb_single_line_is_bounded(line):
    started = time.monotonic()
    keep, reason, _ = filters.apply_filters(line, T)
    assert time.monotonic() - started < 10
    # one 50-million-character word is a single token: it passes the token filters
    assert reason == (None if line[1] == "a" else "line_too_long")


def test_every_marker_pattern_contains_a_prefilter_word():
    for tool, pattern in filters.AUTOGENERATED_MARKERS:
        assert any(word in pattern.pattern.lower().replace("\\", "") for word in filters._MARKER_WORDS), tool
