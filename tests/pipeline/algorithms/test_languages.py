"""Table-driven tests of pipeline/algorithms/languages.py: the language table and extensions."""

from __future__ import annotations

import pytest

from pipeline.algorithms import languages


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
