"""Repository archive readers (pipeline/sources/archives.py) on hostile and ordinary input: tar (.tar.gz,
.tar.xz, .tar.bz2, .tar), zip and 7z members, bombs, caps, path rules."""

from __future__ import annotations

import io
import os
import tarfile
import zipfile
from collections import Counter

import py7zr
import pytest

from pipeline.config import Limits
from pipeline.sources import caps_from, local
from pipeline.sources.archives import Caps, RepoBudget, is_dotfile, is_vcs_metadata, iter_zip
from pipeline.stages.read_repositories import printable
from tests.fakes.repos import events_of, gz_bomb, make_7z, make_tar, summary, tar_member

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


def test_path_rules():
    assert is_vcs_metadata(".git/HEAD") and is_vcs_metadata("vendor/x/.svn/entries")
    assert not is_vcs_metadata(".gitignore") and not is_vcs_metadata("src/.git")  # a file named .git
    assert is_dotfile(".github/ci.yml") and is_dotfile("src/.env") and not is_dotfile("src/a.py")
    assert printable("ok.py") == "ok.py"
    assert printable(b"caf\xe9.py".decode("utf-8", "surrogateescape")) == "caf\\xe9.py"


def test_tar_hostile_members_are_named_rejections(tmp_path):
    path = tmp_path / "r.tar"
    with tarfile.open(path, "w") as tar:
        tar_member(tar, "ok.py", b"x = 1\n")
        tar_member(tar, "../evil.py", b"boom")
        tar_member(tar, "/etc/passwd.py", b"root")
        tar_member(tar, "a/../../b.py", b"up")
        tar_member(tar, "link.py", type=tarfile.SYMTYPE, linkname="/etc/passwd")
        tar_member(tar, "hard.py", type=tarfile.LNKTYPE, linkname="ok.py")
        tar_member(tar, "dev", type=tarfile.CHRTYPE)
        tar_member(tar, "fifo", type=tarfile.FIFOTYPE)
        tar_member(tar, "big.py", b"x" * 2000)
    events = events_of(path, Caps(1000, 10**9, 100, 100.0))
    assert summary(events) == Counter({
        ("file", None): 1, ("reject", "path_traversal"): 2, ("reject", "absolute_path"): 1,
        ("reject", "symlink"): 1, ("reject", "hardlink"): 1, ("reject", "device"): 2,
        ("reject", "file_too_large"): 1,
    })
    assert [e.path for e in events if e.kind == "file"] == ["ok.py"]


def test_tar_strips_the_archive_top_folder(tmp_path):
    path = make_tar(tmp_path / "r.tgz", [("src/a.py", b"a = 1\n"), ("LICENSE", b"MIT")], top="r-abc123")
    assert sorted(e.path for e in events_of(path) if e.kind == "file") == ["LICENSE", "src/a.py"]


@pytest.mark.timeout(60)
def test_tar_gz_bomb_is_stopped_before_decompressing(tmp_path):
    path = tmp_path / "bomb.tar.gz"
    path.write_bytes(gz_bomb(50_000_000))
    assert path.stat().st_size < 200_000
    events = events_of(path)
    assert summary(events) == Counter({("reject", "compression_ratio"): 1})


def test_truncated_tar_gz_keeps_earlier_members(tmp_path):
    members = [(f"f{i}.py", os.urandom(3000).hex().encode()) for i in range(10)]
    full = make_tar(tmp_path / "full.tar.gz", members).read_bytes()
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(full[: len(full) // 2])
    events = events_of(cut)
    counts = summary(events)
    assert counts[("reject", "truncated_archive")] == 1
    assert 0 < counts[("file", None)] < 10
    assert events[-1].path == "cut.tar.gz"


@pytest.mark.parametrize("name", ["junk.tar.gz", "junk.tar", "junk.zip"])
def test_corrupt_archives_are_one_counted_rejection(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"this is not an archive at all" * 40)
    events = events_of(path)
    assert [(e.kind, e.reason) for e in events] in ([("reject", "corrupt_archive")], [("reject", "truncated_archive")])
    assert events[0].path == name


def test_zip_hostile_members(tmp_path):
    path = tmp_path / "r.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("r-main/ok.py", "x = 1\n")
        archive.writestr("r-main/../../evil.py", "boom")
        archive.writestr("r-main/bomb.py", b"\0" * 5_000_000)
        link = zipfile.ZipInfo("r-main/link.py")
        link.external_attr = (0o120777 << 16)
        archive.writestr(link, "/etc/passwd")
        archive.writestr("r-main/secret.py", "encrypted?")
    # zipfile cannot write encrypted members: set the encryption flag of the last central entry.
    raw = bytearray(path.read_bytes())
    central = raw.rfind(b"PK\x01\x02")
    raw[central + 8] |= 0x1
    path.write_bytes(bytes(raw))
    events = events_of(path)
    assert summary(events) == Counter({
        ("file", None): 1, ("reject", "path_traversal"): 1, ("reject", "compression_ratio"): 1,
        ("reject", "symlink"): 1, ("reject", "encrypted"): 1,
    })
    assert [e.path for e in events if e.kind == "file"] == ["ok.py"]


def test_zip_member_with_lying_size_is_cut_off(tmp_path):
    data = b"a = 1\n" * 10000
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.py", data)
    raw = bytearray(buffer.getvalue())
    # Patch the uncompressed size in the local header (offset 22) and the central directory (offset 24).
    small = (100).to_bytes(4, "little")
    raw[22:26] = small
    central = raw.rfind(b"PK\x01\x02")
    raw[central + 24: central + 28] = small
    events = list(iter_zip(io.BytesIO(bytes(raw)), RepoBudget(CAPS), "lie.zip"))
    assert [e.kind for e in events] == ["reject"]
    assert events[0].reason in ("corrupt_archive", "compression_ratio")


def test_repo_caps(tmp_path):
    members = [(f"f{i}.py", b"x = 1\n" * 10) for i in range(6)]
    path = make_tar(tmp_path / "r.tar", members, mode="w")
    by_count = summary(events_of(path, Caps(10**6, 10**9, 4, 100.0)))
    assert by_count == Counter({("file", None): 4, ("reject", "repo_too_many_files"): 2})
    by_bytes = summary(events_of(path, Caps(10**6, 150, 100, 100.0)))
    assert by_bytes == Counter({("file", None): 2, ("reject", "repo_too_large"): 4})
