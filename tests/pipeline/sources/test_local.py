"""Local folders and raw stores (pipeline/sources/local.py): entries, metadata, hidden entries, folder
rules."""

from __future__ import annotations

import json
import os
from collections import Counter

import pytest

from pipeline.config import Limits, LocalSource, RawStoreSource
from pipeline.errors import FatalError
from pipeline.sources import caps_from, local, read_entry
from tests.fakes.repos import events_of, make_local_tree, make_tar, summary

CAPS = caps_from(Limits())


def test_dotfile_rule_in_folders(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".git" / "objects").mkdir(parents=True)
    (repo / ".git" / "config").write_text("[core]\n")
    (repo / ".git" / "objects" / "ab").write_bytes(b"\x78\x01" * 10)
    (repo / "sub" / ".hg").mkdir(parents=True)
    (repo / "sub" / ".hg" / "hgrc").write_text("[ui]\n")
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "ci.yml").write_text("on: push\n")
    (repo / ".eslintrc.js").write_text("module.exports = {};\n")
    (repo / "main.py").write_text("x = 1\n")
    events = events_of(repo)
    assert sorted(e.path for e in events if e.kind == "file") == [".eslintrc.js", ".github/workflows/ci.yml", "main.py"]
    assert sorted(e.path for e in events if e.reason == "vcs_metadata") == [
        ".git/config", ".git/objects/ab", "sub/.hg/hgrc"]
    assert all(e.data is None for e in events if e.kind == "reject")  # metadata is never read


def test_hidden_top_level_entries_are_named(tmp_path):
    root = tmp_path / "repos"
    (root / "ok").mkdir(parents=True)
    (root / "ok" / "a.py").write_text("a = 1\n")
    (root / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (root / ".cache").mkdir()
    entries = local.list_entries(LocalSource(path=str(root), max_repositories=1))
    assert [(e["kind"], e["repo"]) for e in entries] == [("hidden", ".DS_Store"), ("hidden", ".cache"), ("dir", "ok")]
    rows = [(e.kind, e.reason, e.path) for entry in entries[:2] for e in read_entry(entry, CAPS)]
    assert rows == [("reject", "hidden_entry", ".DS_Store"), ("reject", "hidden_entry", ".cache")]


def test_folder_skips_links_and_devices(tmp_path):
    repo = tmp_path / "repo"
    (repo / "sub").mkdir(parents=True)
    (repo / "a.py").write_text("a = 1\n")
    (repo / "sub" / "b.py").write_text("b = 2\n")
    (repo / "ln.py").symlink_to("/etc/passwd")
    (repo / "dirlink").symlink_to(repo / "sub", target_is_directory=True)
    os.mkfifo(repo / "pipe")
    events = events_of(repo)
    assert summary(events) == Counter({("file", None): 2, ("reject", "symlink"): 2, ("reject", "device"): 1})
    assert [e.path for e in events if e.kind == "file"] == ["a.py", "sub/b.py"]


def test_local_entries_and_metadata(tmp_path):
    root = make_local_tree(tmp_path / "repos")
    entries = local.list_entries(LocalSource(path=str(root)))
    by_repo = {e["repo"]: e for e in entries}
    assert sorted(by_repo) == ["beta", "copy-b", "octo/alpha", "stray.txt"]
    alpha = by_repo["octo/alpha"]
    assert (alpha["kind"], alpha["source"], alpha["meta"]["stars"], alpha["meta"]["host_license"]) == ("dir", "github", 7, "MIT")
    assert (by_repo["beta"]["kind"], by_repo["beta"]["source"]) == ("tar", "local")
    assert by_repo["stray.txt"]["kind"] == "ignored"
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "zz-linked").symlink_to(outside, target_is_directory=True)
    linked = next(e for e in local.list_entries(LocalSource(path=str(root))) if e["repo"] == "zz-linked")
    assert [(e.kind, e.reason) for e in read_entry(linked, CAPS)] == [("reject", "symlink")]
    (root / "zz-linked").unlink()
    limited = local.list_entries(LocalSource(path=str(root), max_repositories=1))
    assert [e["kind"] for e in limited] == ["dir", "ignored"]


def test_raw_store_reads_repos_folder_with_host_source(tmp_path):
    (tmp_path / "store" / "repos").mkdir(parents=True)
    make_tar(tmp_path / "store" / "repos" / "octo__hello.tar.gz", [("a.py", b"a = 1\n")], top="hello-1")
    (tmp_path / "store" / "repos" / "repos.jsonl").write_text(
        json.dumps({"name": "octo/hello", "stars": 3, "host": "github", "license": "MIT",
                    "pushed_at": "2024-01-01T00:00:00Z", "url": "https://github.com/octo/hello"}) + "\n")
    entries = local.list_entries(RawStoreSource(kind="gitlab", path=str(tmp_path / "store")))
    assert [(e["repo"], e["source"], e["meta"]["url"]) for e in entries] == [
        ("octo/hello", "github", "https://github.com/octo/hello")]
    entries = local.list_entries(RawStoreSource(kind="gitlab", path=str(tmp_path / "store")))
    assert [e.path for e in read_entry(entries[0], CAPS)] == ["a.py"]


def test_missing_directory_and_bad_metadata_are_fatal(tmp_path):
    with pytest.raises(FatalError, match="not found"):
        local.list_entries(LocalSource(path=str(tmp_path / "nope")))
    (tmp_path / "repos.jsonl").write_text("{broken\n")
    with pytest.raises(FatalError, match="repos.jsonl:1"):
        local.list_entries(LocalSource(path=str(tmp_path)))
