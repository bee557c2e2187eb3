"""Repository archives beyond .tar.gz/.zip (.tar.xz, .tar.bz2, .7z) and the dotfile rule."""

from __future__ import annotations

import io
import os
import tarfile
from collections import Counter

import py7zr
import pytest

from pipeline.config import Limits, LocalSource
from pipeline.sources import caps_from, local, read_entry
from pipeline.sources.archives import Caps, is_dotfile, is_vcs_metadata
from pipeline.stages.read_repositories import printable
from tests.pipeline.hostile_helpers import make_7z
from tests.pipeline.spine_helpers import events_of, make_tar, summary, tar_member

CAPS = caps_from(Limits())


@pytest.mark.parametrize(("name", "mode"), [
    ("r.tar.xz", "w:xz"), ("r.txz", "w:xz"), ("r.tar.bz2", "w:bz2"), ("r.tbz2", "w:bz2"), ("r.tar", "w"),
])
def test_compressed_tars_read_like_tar_gz(tmp_path, name, mode):
    path = make_tar(tmp_path / name, [("src/a.py", b"a = 1\n"), ("LICENSE", b"MIT")], mode=mode, top="r-abc")
    assert local.entry_stem(name) == "r"
    assert sorted((e.path, e.data) for e in events_of(path) if e.kind == "file") == [
        ("LICENSE", b"MIT"), ("src/a.py", b"a = 1\n")]


@pytest.mark.parametrize(("name", "mode"), [("bomb.tar.xz", "w:xz"), ("bomb.tar.bz2", "w:bz2")])
def test_xz_and_bz2_bombs_stop_at_the_ratio_cap(tmp_path, name, mode):
    path = tmp_path / name
    with tarfile.open(path, mode) as tar:
        tar_member(tar, "zeros.py", b"\0" * 20_000_000)
    assert path.stat().st_size < 100_000
    assert summary(events_of(path)) == Counter({("reject", "compression_ratio"): 1})


def test_7z_reads_files_and_strips_the_top_folder(tmp_path):
    path = tmp_path / "r.7z"
    path.write_bytes(make_7z([("r-abc/src/a.py", b"a = 1\n"), ("r-abc/LICENSE", b"MIT"), ("r-abc/empty.py", b"")]))
    assert local.archive_kind(path.name) == "7z" and local.entry_stem(path.name) == "r"
    files = sorted((e.path, e.data) for e in events_of(path) if e.kind == "file")
    assert files == [("LICENSE", b"MIT"), ("empty.py", b""), ("src/a.py", b"a = 1\n")]


def test_7z_hostile_members_are_named_rejections(tmp_path):
    members = [("ok.py", b"x = 1\n"), ("zz/zzzevil.py", b"boom"), ("zabs.py", b"root"),
               (".git/config", b"[core]"), ("big.py", b"x" * 2000)]
    path = tmp_path / "evil.7z"
    path.write_bytes(make_7z(members, {"zz/zzzevil.py": "../../evil.py", "zabs.py": "/abs.py"[:7]}))
    events = events_of(path, Caps(1000, 10**9, 100, 100.0))
    assert summary(events) == Counter({("file", None): 1, ("reject", "path_traversal"): 1,
                                       ("reject", "absolute_path"): 1, ("reject", "vcs_metadata"): 1,
                                       ("reject", "file_too_large"): 1})
    assert {e.path for e in events if e.kind == "reject"} == {"../../evil.py", "/abs.py", ".git/config", "big.py"}


def test_7z_symlink_is_never_followed(tmp_path):
    tree = tmp_path / "t"
    tree.mkdir()
    (tree / "a.py").write_text("a = 1\n")
    os.symlink("/etc/passwd", tree / "passwd.py")
    buf = io.BytesIO()
    with py7zr.SevenZipFile(buf, "w") as archive:
        archive.writeall(tree, "t")
    path = tmp_path / "links.7z"
    path.write_bytes(buf.getvalue())
    events = events_of(path)
    assert summary(events) == Counter({("file", None): 1, ("reject", "symlink"): 1})
    assert all(b"root:" not in (e.data or b"") for e in events)


@pytest.mark.timeout(60)
def test_7z_bomb_is_rejected_from_its_header(tmp_path):
    path = tmp_path / "bomb.7z"
    path.write_bytes(make_7z([("zeros.py", b"\0" * 30_000_000)]))
    assert path.stat().st_size < 100_000
    (event,) = events_of(path)
    assert (event.kind, event.reason) == ("reject", "compression_ratio") and event.path == "bomb.7z"


def test_7z_caps_count_files_and_bytes(tmp_path):
    path = tmp_path / "many.7z"
    path.write_bytes(make_7z([(f"f{i}.py", b"y = 2\n" * 10) for i in range(5)]))
    assert summary(events_of(path, Caps(10**6, 10**9, 3, 100.0))) == Counter(
        {("file", None): 3, ("reject", "repo_too_many_files"): 2})
    assert summary(events_of(path, Caps(10**6, 130, 100, 100.0))) == Counter(
        {("file", None): 2, ("reject", "repo_too_large"): 3})


@pytest.mark.parametrize("payload", [b"7z\xbc\xaf\x27\x1c garbage", b"", b"not an archive at all"])
def test_corrupt_7z_is_one_rejection(tmp_path, payload):
    path = tmp_path / "broken.7z"
    path.write_bytes(payload)
    (event,) = events_of(path)
    assert (event.kind, event.reason, event.path) == ("reject", "corrupt_archive", "broken.7z")


def test_encrypted_7z_is_rejected(tmp_path):
    path = tmp_path / "secret.7z"
    buf = io.BytesIO()
    with py7zr.SevenZipFile(buf, "w", password="pw") as archive:
        archive.writestr(b"x = 1\n", "a.py")
    path.write_bytes(buf.getvalue())
    assert [(e.kind, e.reason, e.path) for e in events_of(path)] == [("reject", "encrypted", "secret.7z")]


def test_truncated_7z_keeps_nothing_it_cannot_verify(tmp_path):
    path = tmp_path / "cut.7z"
    path.write_bytes(make_7z([(f"f{i}.py", os.urandom(4000).hex().encode()) for i in range(4)])[:-200])
    events = events_of(path)
    assert events and all(e.kind == "reject" for e in events)


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


def test_path_rules():
    assert is_vcs_metadata(".git/HEAD") and is_vcs_metadata("vendor/x/.svn/entries")
    assert not is_vcs_metadata(".gitignore") and not is_vcs_metadata("src/.git")  # a file named .git
    assert is_dotfile(".github/ci.yml") and is_dotfile("src/.env") and not is_dotfile("src/a.py")
    assert printable("ok.py") == "ok.py"
    assert printable(b"caf\xe9.py".decode("utf-8", "surrogateescape")) == "caf\\xe9.py"
