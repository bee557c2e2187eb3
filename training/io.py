"""The trainer's one I/O layer, on fsspec: checkpoints, metrics and summaries are written, listed and read
through it, so a run directory on ``gs://``, ``s3://`` or ``memory://`` resumes like a local one.

Paths are strings: a local path or a URL whose scheme names an fsspec filesystem (``gcsfs``, ``s3fs`` are
installed by the user for their clouds; ``file://`` and ``memory://`` come with fsspec). Writes are atomic
where the filesystem allows it: data goes to a temporary name beside the target and is moved into place
once complete (a rename on POSIX; on object stores the object appears whole when its upload completes).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import posixpath
import uuid
from collections.abc import Iterator
from typing import IO, Any

import fsspec
from fsspec.core import url_to_fs


def is_url(path: str) -> bool:
    return "://" in path


def _fs(path: str) -> tuple[fsspec.AbstractFileSystem, str]:
    return url_to_fs(path)


def join(base: str, *parts: str) -> str:
    if is_url(base):
        return posixpath.join(base, *parts)
    return os.path.join(base, *parts)


def basename(path: str) -> str:
    return posixpath.basename(path.rstrip("/"))


def exists(path: str) -> bool:
    fs, p = _fs(path)
    return fs.exists(p)


def isfile(path: str) -> bool:
    fs, p = _fs(path)
    return fs.isfile(p)


def isdir(path: str) -> bool:
    fs, p = _fs(path)
    return fs.isdir(p)


def makedirs(path: str) -> None:
    fs, p = _fs(path)
    fs.makedirs(p, exist_ok=True)


def read_bytes(path: str) -> bytes:
    fs, p = _fs(path)
    return fs.cat_file(p)


def read_text(path: str) -> str:
    return read_bytes(path).decode("utf-8")


def read_json(path: str) -> Any:
    return json.loads(read_text(path))


@contextlib.contextmanager
def atomic_write(path: str) -> Iterator[IO[bytes]]:
    """Open ``path`` for binary writing; the file appears under its name only if the block succeeds."""
    fs, p = _fs(path)
    parent = posixpath.dirname(p.rstrip("/"))
    if parent:
        fs.makedirs(parent, exist_ok=True)
    tmp = f"{p}.tmp-{uuid.uuid4().hex[:12]}"
    buffer = io.BytesIO()
    yield buffer
    with fs.open(tmp, "wb") as handle:
        handle.write(buffer.getvalue())
    fs.mv(tmp, p)


def write_bytes(path: str, data: bytes) -> None:
    with atomic_write(path) as handle:
        handle.write(data)


def write_text(path: str, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def write_json(path: str, obj: Any) -> None:
    write_text(path, json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


def append_text(path: str, text: str) -> None:
    """Append to a log file: in place where the filesystem appends (local disks), else by rewriting it."""
    fs, p = _fs(path)
    try:
        with fs.open(p, "ab") as handle:
            handle.write(text.encode("utf-8"))
    except (NotImplementedError, ValueError, OSError):
        old = fs.cat_file(p) if fs.exists(p) else b""
        write_bytes(path, old + text.encode("utf-8"))


def list_dir(path: str) -> list[str]:
    """Names (not paths) of the entries directly under ``path``, sorted; empty when it does not exist."""
    fs, p = _fs(path)
    if not fs.isdir(p):
        return []
    return sorted(basename(entry) for entry in fs.ls(p, detail=False))


def remove_tree(path: str) -> None:
    fs, p = _fs(path)
    if fs.exists(p):
        fs.rm(p, recursive=True)


def move(src: str, dst: str) -> None:
    """Rename a file or directory tree (``dst`` must not exist)."""
    fs, s = _fs(src)
    _, d = _fs(dst)
    if fs.isdir(s) and not is_url(src):
        os.rename(s, d)  # one atomic rename on a local disk
    else:
        fs.mv(s, d, recursive=True)


def local_path(path: str) -> str | None:
    """The local filesystem path behind ``path``, or None for a remote one."""
    fs, p = _fs(path)
    return p if "file" in fs.protocol or "local" in fs.protocol else None
