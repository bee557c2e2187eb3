"""``pipeline.licensing.scancode_data.cached_build``: derived data kept on local disk between processes."""

from __future__ import annotations

import os

import pytest

from pipeline.licensing import scancode_data as sd


@pytest.fixture
def calls():
    made: list[str] = []

    def build(value: str):
        def run():
            made.append(value)
            return {"value": value}

        return run

    return made, build


def test_built_once_then_loaded_per_parts(tmp_path, monkeypatch, calls):
    made, build = calls
    monkeypatch.setenv("INCODER_CACHE_DIR", str(tmp_path))
    assert sd.cached_build("thing", ("a",), build("a")) == {"value": "a"}
    assert sd.cached_build("thing", ("a",), build("a-again")) == {"value": "a"}  # loaded, not built
    assert sd.cached_build("thing", ("b",), build("b")) == {"value": "b"}
    assert made == ["a", "b"]
    assert len(list(tmp_path.glob("thing-*.pickle"))) == 2
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left behind


def test_other_code_versions_are_rebuilt_and_their_files_removed(tmp_path, monkeypatch, calls):
    made, build = calls
    monkeypatch.setenv("INCODER_CACHE_DIR", str(tmp_path))
    stale = tmp_path / "thing-000000000000-111111111111.pickle"
    stale.write_bytes(b"old")
    sd.cached_build("thing", ("a",), build("a"))
    assert made == ["a"] and not stale.exists()


def test_damaged_file_is_rebuilt(tmp_path, monkeypatch, calls):
    made, build = calls
    monkeypatch.setenv("INCODER_CACHE_DIR", str(tmp_path))
    sd.cached_build("thing", ("a",), build("a"))
    (path,) = tmp_path.glob("thing-*.pickle")
    path.write_bytes(b"not a pickle")
    assert sd.cached_build("thing", ("a",), build("a2")) == {"value": "a2"}
    assert made == ["a", "a2"]


def test_off_and_unwritable_build_in_memory(tmp_path, monkeypatch, calls):
    made, build = calls
    monkeypatch.setenv("INCODER_CACHE_DIR", "off")
    assert sd.cache_dir() is None
    sd.cached_build("thing", ("a",), build("a"))
    sd.cached_build("thing", ("a",), build("a"))
    assert made == ["a", "a"]
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be")
    monkeypatch.setenv("INCODER_CACHE_DIR", str(blocked / "sub"))
    assert sd.cached_build("thing", ("a",), build("b")) == {"value": "b"}


def test_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("INCODER_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert sd.cache_dir() == tmp_path / "incoder"
    assert os.fspath(sd.cache_dir()).endswith("incoder")
