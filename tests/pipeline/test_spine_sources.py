"""Sources on hostile and ordinary input: archives, folders, python-env, metadata."""

from __future__ import annotations

import io
import json
import os
import tarfile
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from pipeline.config import Limits, LocalSource, PythonEnvSource, RawStoreSource
from pipeline.errors import FatalError
from pipeline.sources import caps_from, local, python_env, read_entry
from pipeline.sources.archives import Caps, RepoBudget, iter_zip
from tests.pipeline.spine_helpers import events_of, gz_bomb, make_local_tree, make_tar, summary, tar_member

CAPS = caps_from(Limits())


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


def _fake_dist(site: Path, name: str, version: str, files: dict[str, bytes], metadata: str) -> None:
    info = f"{name}-{version}.dist-info"
    files = {**files, f"{info}/METADATA": metadata.encode(), f"{info}/WHEEL": b"Wheel-Version: 1.0\n"}
    for rel, data in files.items():
        target = site / rel
        if rel.startswith("../"):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    record = "".join(f"{rel},sha256=x,{len(data)}\n" for rel, data in files.items()) + f"{info}/RECORD,,\n"
    (site / info / "RECORD").write_text(record)


def test_python_env_distribution(tmp_path):
    site = tmp_path / "site-packages"
    _fake_dist(site, "demo_pkg", "1.0", {
        "demo_pkg/__init__.py": b"from .core import run\n",
        "demo_pkg/core.py": b"def run():\n    return 1\n",
        "demo_pkg/__pycache__/core.cpython-311.pyc": b"\x00\x01",
        "../../bin/demo": b"#!/bin/sh\n",
        "demo_pkg-1.0.dist-info/licenses/LICENSE": b"MIT License\n",
        "demo_pkg-1.0.dist-info/licenses/vendor/NOTICE": b"Notice\n",
        "demo_pkg-1.0.dist-info/COPYING.txt": b"copying\n",
    }, "Metadata-Version: 2.4\nName: demo_pkg\nVersion: 1.0\nLicense-Expression: MIT\n")
    _fake_dist(site, "other", "2.0", {"other.py": b"x = 1\n"},
               "Metadata-Version: 2.1\nName: other\nVersion: 2.0\n"
               "Classifier: License :: OSI Approved :: GNU General Public License v3 (GPLv3)\n")
    entries = python_env.list_entries(PythonEnvSource(path=str(site)))
    assert [e["repo"] for e in entries] == ["demo_pkg-1.0", "other-2.0"]
    assert [e["repo"] for e in python_env.list_entries(PythonEnvSource(path=str(site), include=["Demo-Pkg"]))] == ["demo_pkg-1.0"]
    assert [e["repo"] for e in python_env.list_entries(PythonEnvSource(path=str(site), exclude=["demo*"]))] == ["other-2.0"]
    entry = entries[0]
    events = list(read_entry(entry, CAPS))
    files = sorted(e.path for e in events if e.kind == "file")
    assert files == ["COPYING.txt", "LICENSE", "LICENSES/vendor/NOTICE", "PKG-INFO", "demo_pkg/__init__.py", "demo_pkg/core.py"]
    assert summary(events)[("skip", "outside_root")] == 1
    assert summary(events)[("skip", "bytecode")] == 1
    assert summary(events)[("skip", "package_metadata")] == 2  # WHEEL, RECORD
    assert entry["meta"]["host_license"] == "MIT"
    other = entries[1]
    list(read_entry(other, CAPS))
    assert other["meta"]["host_license"] == "GPL-3.0-only"


@pytest.mark.parametrize(
    ("metadata", "expected"),
    [
        ("License-Expression: Apache-2.0 OR MIT\nLicense: whatever", "Apache-2.0 OR MIT"),
        ("License: BSD-3-Clause", "BSD-3-Clause"),
        ("License: MIT License", "MIT"),
        ("License: UNKNOWN\nClassifier: License :: OSI Approved :: MIT License", "MIT"),
        ("License: BSD\nClassifier: License :: OSI Approved :: BSD License", "BSD-3-Clause"),
        ("Classifier: License :: OSI Approved :: Apache Software License\n"
         "Classifier: License :: OSI Approved :: BSD License", "Apache-2.0 OR BSD-3-Clause"),
        ("License: Copyright (c) 2020 Someone. All rights reserved. Redistribution and use in source", None),
        ("Classifier: License :: OSI Approved :: GNU Lesser General Public License v3 or later (LGPLv3+)", "LGPL-3.0-or-later"),
        ("Name: nothing", None),
    ],
)
def test_host_license(metadata, expected):
    assert python_env.host_license(metadata + "\n") == expected


def test_python_env_of_this_interpreter_finds_pip_vendored_copies():
    entries = python_env.list_entries(PythonEnvSource(include=["pip"]))
    assert len(entries) == 1 and entries[0]["repo"].startswith("pip-")
    paths = [e.path for e in read_entry(entries[0], CAPS) if e.kind == "file"]
    assert any(p.startswith("pip/_vendor/") for p in paths)
    assert "PKG-INFO" in paths


def test_python_env_stdlib_entry():
    entries = python_env.list_entries(PythonEnvSource(include=["pip"], include_stdlib=True))
    stdlib = entries[-1]
    assert stdlib["kind"] == "stdlib" and stdlib["repo"].startswith("python-stdlib-3.")
    assert stdlib["meta"]["host_license"] == "PSF-2.0"
    assert os.path.isfile(os.path.join(stdlib["location"], "os.py"))


def test_python_env_extensions_and_licence_files_first(tmp_path):
    site = tmp_path / "site-packages"
    _fake_dist(site, "big", "1.0", {
        "big/a.py": b"a = 1\n" * 50,
        "big/data.json": b"{}\n",
        "big/z.py": b"z = 1\n" * 50,
        "big-1.0.dist-info/LICENSE": b"MIT License\n",
    }, "Metadata-Version: 2.4\nName: big\nVersion: 1.0\nLicense-Expression: MIT\n")
    entry = python_env.list_entries(PythonEnvSource(path=str(site), extensions=[".py"]))[0]
    events = list(read_entry(entry, CAPS))
    assert [e.path for e in events if e.kind == "file"] == ["LICENSE", "PKG-INFO", "big/a.py", "big/z.py"]
    assert summary(events)[("skip", "extension_not_selected")] == 1
    # A per-repository byte cap still keeps the licence evidence, read first.
    capped = caps_from(Limits(max_repo_bytes=400))
    events = list(read_entry(python_env.list_entries(PythonEnvSource(path=str(site), extensions=[".py"]))[0], capped))
    assert [e.path for e in events if e.kind == "file"] == ["LICENSE", "PKG-INFO", "big/a.py"]
