"""Fake repositories for the pipeline tests: small repository trees, hostile archives (tar, zip, 7z,
decompression bombs) and readers of what a build or a source wrote."""

from __future__ import annotations

import io
import json
import struct
import tarfile
import zipfile
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

PY_MODULE = '''"""A small module."""


def add(a, b):
    """Return the sum of a and b."""
    return a + b


def scale(values, factor=2):
    return [value * factor for value in values]
'''

JS_MODULE = """// utilities
export function greet(name) {
  return `hello ${name}`;
}

export const answer = 42;
"""

MIT_TEXT = "MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\n"


# The build's optional stages switched off, so a build test exercises the spine alone (their own tests
# cover them).
OTHERS_OFF = {"license": {"enabled": False}, "near_dedup": {"enabled": False}, "pii": {"enabled": False},
              "decontamination": {"enabled": False}}


def spine_config(out: Path, tree: Path) -> dict:
    """A project config that builds the local ``tree`` into ``out`` (two shards) with the spine alone."""
    return {"output_dir": str(out),
            "build": {"sources": [{"kind": "local", "path": str(tree)}], "output": {"num_shards": 2}, **OTHERS_OFF}}


def tar_member(tar: tarfile.TarFile, name: str, data: bytes = b"", **attrs: Any) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    for key, value in attrs.items():
        setattr(info, key, value)
    tar.addfile(info, io.BytesIO(data) if info.isreg() else None)


def make_tar(path: Path, members: list[tuple[str, bytes]], mode: str = "w:gz", top: str | None = None) -> Path:
    with tarfile.open(path, mode) as tar:
        if top:
            tar_member(tar, top + "/", type=tarfile.DIRTYPE)
        for name, data in members:
            tar_member(tar, f"{top}/{name}" if top else name, data)
    return path


def make_zip(path: Path, members: list[tuple[str, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return path


def make_local_tree(root: Path) -> Path:
    """Three repositories (folder, tar.gz with a top folder, zip) plus metadata and a stray file.

    ``copy-b`` (zip) holds an exact duplicate of ``alpha``'s ``util.py`` with other whitespace.
    """
    root.mkdir(parents=True, exist_ok=True)
    alpha = root / "alpha"
    (alpha / "pkg").mkdir(parents=True)
    (alpha / "pkg" / "util.py").write_text(PY_MODULE)
    (alpha / "LICENSE").write_text(MIT_TEXT)
    (alpha / "web.js").write_text(JS_MODULE)
    (alpha / "blob.c").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    (alpha / "notes.md").write_text("# Notes\n\nSome notes about the project.\n")
    make_tar(root / "beta.tar.gz", [
        ("src/main.go", b"package main\n\nfunc main() {\n\tprintln(\"hi\")\n}\n"),
        ("gen/api_pb2.py", b"# generated\nx = 1\n"),
        ("data.bin", bytes(range(256)) * 4),
    ], top="beta-1234abc")
    make_zip(root / "copy-b.zip", [
        ("pkg/util.py", PY_MODULE.replace("    ", "\t").encode()),
        ("README.rst", b"Copy B\n======\n\nA copy of alpha's util.\n"),
    ])
    (root / "stray.txt").write_text("not a repository\n")
    (root / "repos.jsonl").write_text(
        json.dumps({"name": "octo/alpha", "file": "alpha", "stars": 7, "host": "github", "license": "MIT"}) + "\n"
        + json.dumps({"name": "beta", "stars": 1, "license": "Apache-2.0"}) + "\n"
    )
    return root


def read_parts(directory: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for part in sorted(directory.glob("part-*.parquet")):
        rows.extend(pq.read_table(part).to_pylist())
    return rows


def gz_bomb(size: int) -> bytes:
    """A tar.gz whose single member expands to ``size`` zero bytes (compresses ~1000x)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        info = tarfile.TarInfo("bomb.py")
        info.size = size
        tar.addfile(info, _Zeros(size))
    return buffer.getvalue()


class _Zeros(io.RawIOBase):
    def __init__(self, size: int) -> None:
        self.left = size

    def readinto(self, buffer: Any) -> int:
        n = min(len(buffer), self.left)
        buffer[:n] = bytes(n)
        self.left -= n
        return n

    def readable(self) -> bool:
        return True


def events_of(path: Path, caps: Any = None) -> list:
    """Every event ``read_entry`` yields for one repository entry (a folder or an archive) at ``path``."""
    from pipeline.config import Limits
    from pipeline.sources import caps_from, local, read_entry

    kind = local.archive_kind(path.name) or "dir"
    entry = {"kind": kind, "location": str(path), "source": "local", "repo": "r", "meta": {}}
    return list(read_entry(entry, caps or caps_from(Limits())))


def summary(events: list) -> Counter:
    """``(kind, reason)`` counts of some events."""
    return Counter((e.kind, e.reason) for e in events)


def make_7z(members: list[tuple[str, bytes]], renames: dict[str, str] | None = None, password: str | None = None) -> bytes:
    """A .7z of ``members``; ``renames`` rewrites stored names afterwards (same length), so names py7zr
    refuses to write (``../x``, ``/etc/x``) can be tested: the header stays plain and its CRCs are redone."""
    import py7zr

    buf = io.BytesIO()
    with py7zr.SevenZipFile(buf, "w", password=password) as archive:
        archive.set_encoded_header_mode(False)
        for name, data in members:
            archive.writestr(data, name)
    raw = bytearray(buf.getvalue())
    for old, new in (renames or {}).items():
        assert len(old) == len(new), (old, new)
        encoded = old.encode("utf-16-le")
        at = raw.find(encoded)
        assert at > 0, old
        raw[at:at + len(encoded)] = new.encode("utf-16-le")
    # Start header (7z format, 7zFormat.txt): signature, version, CRC of the next 20 bytes, then the
    # next header's offset, size and CRC.
    offset, size = struct.unpack_from("<QQ", raw, 12)
    struct.pack_into("<I", raw, 28, zlib.crc32(bytes(raw[32 + offset:32 + offset + size])))
    struct.pack_into("<I", raw, 8, zlib.crc32(bytes(raw[12:32])))
    return bytes(raw)
