"""Streaming readers of repository archives (.tar, .tar.gz/.tgz, .zip) and the per-repository budget.

Nothing is extracted to disk: tar archives are read as a stream member by member (``tarfile`` mode
``r|*``), zip archives member by member from their central directory. Each reader yields ``Event``s:

- ``file``   a regular member within every cap, with its bytes;
- ``reject`` a member that becomes a ``Rejected`` row without content (``file_too_large``,
  ``repo_too_large``, ``repo_too_many_files``, ``compression_ratio``, ``encrypted``,
  ``corrupt_archive``, ``truncated_archive``);
- ``skip``   an entry that never becomes a record (``symlink``, ``hardlink``, ``device``,
  ``path_traversal``, ``absolute_path``, ``invalid_name``).

Zip bombs are caught twice: a member whose declared ``file_size / compress_size`` exceeds the ratio cap
is rejected unread, and bytes are counted while decompressing, so a member expanding past its declared
size (a lying header) is cut off. A tar stream has no per-member compressed size, so the whole
stream's decompressed offset is compared with the archive's size on disk (with a floor so small
archives of many tiny files are not flagged).
"""

from __future__ import annotations

import stat
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from pipeline.algorithms.paths import UnsafePath, safe_member_path

CHUNK = 1 << 16
# Members (zip) or streams (tar) smaller than this are never judged by their compression ratio:
# small, repetitive text legitimately compresses 100x and more.
RATIO_FLOOR_BYTES = 1 << 20


@dataclass(frozen=True)
class Event:
    kind: str  # "file" | "reject" | "skip"
    path: str
    reason: str | None = None
    data: bytes | None = None
    size: int = 0
    detail: str | None = None


@dataclass(frozen=True)
class Caps:
    """The ``Limits`` of the config as plain data (readers need no pydantic)."""

    max_file_bytes: int
    max_repo_bytes: int
    max_files_per_repo: int
    max_compression_ratio: float


class RepoBudget:
    """Per-repository caps: file size, total bytes, file count. ``check`` before reading a file's bytes."""

    def __init__(self, caps: Caps) -> None:
        self.caps = caps
        self.files = 0
        self.bytes = 0
        self.full: str | None = None  # once the repo cap is hit, the rest of the repository is rejected

    def check(self, size: int) -> str | None:
        if self.full:
            return self.full
        if self.files >= self.caps.max_files_per_repo:
            self.full = "repo_too_many_files"
            return self.full
        if size > self.caps.max_file_bytes:
            return "file_too_large"
        if self.bytes + size > self.caps.max_repo_bytes:
            self.full = "repo_too_large"
            return self.full
        return None

    def charge(self, size: int) -> None:
        self.files += 1
        self.bytes += size


def read_capped(handle: IO[bytes], cap: int) -> bytes:
    """At most ``cap + 1`` bytes of ``handle`` (one more than allowed tells the caller it lied)."""
    parts = []
    remaining = cap + 1
    while remaining > 0:
        chunk = handle.read(min(CHUNK, remaining))
        if not chunk:
            break
        parts.append(chunk)
        remaining -= len(chunk)
    return b"".join(parts)


def _clean(name: str, prefix: str) -> str:
    path = safe_member_path(name)
    if prefix and path.startswith(prefix):
        path = path[len(prefix):]
    return path


def iter_tar(handle: IO[bytes], archive_size: int, budget: RepoBudget, label: str) -> Iterator[Event]:
    """Events of a (possibly compressed) tar stream; ``label`` names the archive in error rows."""
    caps = budget.caps
    stream_cap = max(caps.max_compression_ratio * archive_size, RATIO_FLOOR_BYTES)
    prefix = ""
    first = True
    try:
        with tarfile.open(fileobj=handle, mode="r|*") as tar:
            for member in tar:
                if member.type in (tarfile.XGLTYPE, tarfile.XHDTYPE):
                    continue
                if first:
                    first = False
                    # GitHub/GitLab archives open with their single top folder ("repo-sha/"): strip it.
                    if member.isdir() and "/" not in member.name.strip("/"):
                        prefix = member.name.strip("/") + "/"
                        continue
                if member.offset_data + member.size > stream_cap:
                    yield Event("reject", label, "compression_ratio", size=member.size,
                                detail=f"stream expands past {caps.max_compression_ratio:g}x the archive at {member.name!r}")
                    return
                if member.isdir():
                    continue
                try:
                    path = _clean(member.name, prefix)
                except UnsafePath as exc:
                    yield Event("skip", member.name, exc.reason)
                    continue
                if member.issym() or member.islnk():
                    yield Event("skip", path, "symlink" if member.issym() else "hardlink")
                    continue
                if not member.isreg():
                    yield Event("skip", path, "device")
                    continue
                reason = budget.check(member.size)
                if reason:
                    yield Event("reject", path, reason, size=member.size)
                    continue
                extracted = tar.extractfile(member)
                data = read_capped(extracted, member.size) if extracted else b""
                budget.charge(len(data))
                yield Event("file", path, data=data, size=len(data))
    except EOFError as exc:
        yield Event("reject", label, "truncated_archive", detail=str(exc)[:200])
    except (tarfile.TarError, zlib.error, OSError) as exc:
        # "empty file": a compressed stream cut before its first tar block.
        message = str(exc).lower()
        reason = "truncated_archive" if ("unexpected end" in message or "empty file" in message) else "corrupt_archive"
        yield Event("reject", label, reason, detail=f"{type(exc).__name__}: {exc}"[:200])


def _zip_mode(info: zipfile.ZipInfo) -> int:
    return (info.external_attr >> 16) & 0xFFFF


def iter_zip(handle: IO[bytes], budget: RepoBudget, label: str) -> Iterator[Event]:
    """Events of a zip archive (``handle`` must be seekable)."""
    caps = budget.caps
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        yield Event("reject", label, "corrupt_archive", detail=f"{type(exc).__name__}: {exc}"[:200])
        return
    with archive:
        infos = archive.infolist()
        names = [i.filename for i in infos if not i.is_dir()]
        tops = {n.replace("\\", "/").lstrip("./").split("/", 1)[0] for n in names}
        prefix = tops.pop() + "/" if len(tops) == 1 and all("/" in n for n in names) else ""
        for info in infos:
            if info.is_dir():
                continue
            try:
                path = _clean(info.filename, prefix)
            except UnsafePath as exc:
                yield Event("skip", info.filename, exc.reason)
                continue
            mode = _zip_mode(info)
            if stat.S_ISLNK(mode):
                yield Event("skip", path, "symlink")
                continue
            if mode and stat.S_IFMT(mode) and not stat.S_ISREG(mode):
                yield Event("skip", path, "device")
                continue
            if info.flag_bits & 0x1:
                yield Event("reject", path, "encrypted", size=info.file_size)
                continue
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > RATIO_FLOOR_BYTES and ratio > caps.max_compression_ratio:
                yield Event("reject", path, "compression_ratio", size=info.file_size,
                            detail=f"{ratio:.0f}x > {caps.max_compression_ratio:g}x")
                continue
            reason = budget.check(info.file_size)
            if reason:
                yield Event("reject", path, reason, size=info.file_size)
                continue
            try:
                with archive.open(info) as member:
                    data = read_capped(member, info.file_size)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
                # CRC mismatches, unsupported methods, bytes beyond the declared size (a lying header).
                reason = "compression_ratio" if "exceeds" in str(exc) else "corrupt_archive"
                yield Event("reject", path, reason, size=info.file_size, detail=f"{type(exc).__name__}: {exc}"[:200])
                continue
            if len(data) > info.file_size:
                yield Event("reject", path, "compression_ratio", size=len(data), detail="expands past its declared size")
                continue
            budget.charge(len(data))
            yield Event("file", path, data=data, size=len(data))
