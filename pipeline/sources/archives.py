"""Readers of repository archives (.tar, .tar.gz/.tgz, .tar.xz/.txz, .tar.bz2/.tbz2, .zip, .7z).

Nothing is extracted to disk: tar archives (any compression ``tarfile`` knows: gzip, bzip2, xz) are
read as a stream member by member (``tarfile`` mode ``r|*``), zip archives member by member from their
central directory, 7z archives (py7zr) in one decompression pass over the members that pass the caps,
held in memory (at most ``max_repo_bytes``). Each reader yields ``Event``s:

- ``file``   a regular member within every cap, with its bytes;
- ``reject`` an entry that becomes a ``Rejected`` row without content: over a cap
  (``file_too_large``, ``repo_too_large``, ``repo_too_many_files``, ``compression_ratio``), damaged
  (``encrypted``, ``corrupt_archive``, ``truncated_archive``), hostile (``symlink``, ``hardlink``,
  ``device``, ``path_traversal``, ``absolute_path``, ``invalid_name``: never followed or extracted,
  the row only names them), or version-control metadata (``vcs_metadata``: files under ``.git/``,
  ``.hg/``, ``.svn/``, ``.bzr/``, which are the history, not the repository's content; unread);
- ``skip``   an entry that never becomes a record (only ``pipeline.sources.python_env`` uses it).

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
# Version-control metadata directories: a repository's history, not its content (never read).
VCS_DIRS = frozenset({".git", ".hg", ".svn", ".bzr"})
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


def is_vcs_metadata(path: str) -> bool:
    """Whether ``path`` lies under a version-control directory (``.git/objects/ab``, ``sub/.hg/store``)."""
    return any(part in VCS_DIRS for part in path.split("/")[:-1])


def is_dotfile(path: str) -> bool:
    """Whether any component of ``path`` starts with a dot (``.eslintrc.js``, ``.github/ci.yml``)."""
    return any(part.startswith(".") for part in path.split("/"))


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
                    yield Event("reject", member.name, exc.reason)
                    continue
                if is_vcs_metadata(path):
                    yield Event("reject", path, "vcs_metadata", size=member.size)
                    continue
                if member.issym() or member.islnk():
                    yield Event("reject", path, "symlink" if member.issym() else "hardlink")
                    continue
                if not member.isreg():
                    yield Event("reject", path, "device")
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
        prefix = _top_prefix([i.filename for i in infos if not i.is_dir()])
        for info in infos:
            if info.is_dir():
                continue
            try:
                path = _clean(info.filename, prefix)
            except UnsafePath as exc:
                yield Event("reject", info.filename, exc.reason)
                continue
            if is_vcs_metadata(path):
                yield Event("reject", path, "vcs_metadata", size=info.file_size)
                continue
            mode = _zip_mode(info)
            if stat.S_ISLNK(mode):
                yield Event("reject", path, "symlink")
                continue
            if mode and stat.S_IFMT(mode) and not stat.S_ISREG(mode):
                yield Event("reject", path, "device")
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


class _Capture:
    """py7zr writer of one member: keeps its bytes, refusing more than the member declared."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.buffer = bytearray()
        self.overflow = False

    def write(self, data: bytes | bytearray) -> int:
        if len(self.buffer) + len(data) > self.limit:
            self.overflow = True  # a lying size: keep nothing past the declared one
            data = data[: max(self.limit - len(self.buffer), 0)]
        self.buffer += data
        return len(data)

    def read(self, size: int | None = None) -> bytes:
        return b""

    def seek(self, offset: int, whence: int = 0) -> int:
        return len(self.buffer)

    def flush(self) -> None:
        return None

    def size(self) -> int:
        return len(self.buffer)

    def close(self) -> None:
        return None


def _top_prefix(names: list[str]) -> str:
    """``"repo-sha/"`` when every member lies under one top folder (host archives), else ``""``."""
    tops = {n.replace("\\", "/").lstrip("./").split("/", 1)[0] for n in names}
    return tops.pop() + "/" if len(tops) == 1 and all("/" in n for n in names) else ""


def iter_7z(handle: IO[bytes], archive_size: int, budget: RepoBudget, label: str) -> Iterator[Event]:
    """Events of a 7z archive (``handle`` must be seekable), with the caps of ``iter_tar``/``iter_zip``.

    Member sizes come from the archive's header before anything is decompressed: an archive whose
    members declare more than ``max_compression_ratio`` times its size (past the 1 MB floor) is one
    ``compression_ratio`` rejection, like a tar stream; each member is then judged by the repository
    budget, and only the members that pass are decompressed, none past its declared size
    (py7zr's ``max_extract_size`` bounds the whole pass as well).
    """
    import py7zr
    import py7zr.io

    caps = budget.caps
    try:
        archive = py7zr.SevenZipFile(handle, mode="r")
    except Exception as exc:  # noqa: BLE001 -- py7zr's many header errors: one rejected row
        reason = "encrypted" if "password" in f"{type(exc).__name__} {exc}".lower() else "corrupt_archive"
        yield Event("reject", label, reason, detail=f"{type(exc).__name__}: {exc}"[:200])
        return
    with archive:
        if archive.needs_password():
            yield Event("reject", label, "encrypted")
            return
        infos = [i for i in archive.list() if not i.is_directory]
        declared = sum(i.uncompressed or 0 for i in infos)
        if declared > max(caps.max_compression_ratio * archive_size, RATIO_FLOOR_BYTES):
            yield Event("reject", label, "compression_ratio", size=declared,
                        detail=f"members declare {declared} bytes, past {caps.max_compression_ratio:g}x the archive")
            return
        prefix = _top_prefix([i.filename for i in infos])
        selected: dict[str, tuple[str, int]] = {}  # member name -> (clean path, declared size)
        events: list[Event | str] = []  # rejections in member order; a str marks a selected member
        for info in infos:
            size = info.uncompressed or 0
            try:
                path = _clean(info.filename, prefix)
            except UnsafePath as exc:
                events.append(Event("reject", info.filename, exc.reason))
                continue
            if is_vcs_metadata(path):
                events.append(Event("reject", path, "vcs_metadata", size=size))
            elif info.is_symlink:
                events.append(Event("reject", path, "symlink"))
            elif not info.is_file:
                events.append(Event("reject", path, "device"))
            elif reason := budget.check(size):
                events.append(Event("reject", path, reason, size=size))
            else:
                budget.charge(size)
                selected[info.filename] = (path, size)
                events.append(info.filename)
        captured: dict[str, _Capture] = {}

        class _Factory(py7zr.io.WriterFactory):
            def create(self, filename: str) -> _Capture:
                captured[filename] = _Capture(selected.get(filename, ("", 0))[1])
                return captured[filename]

        error = None
        if any(size for _, size in selected.values()):
            archive.max_extract_size = declared  # members of a solid block are decompressed to be skipped
            try:
                archive.extract(targets=list(selected), factory=_Factory())
            except Exception as exc:  # noqa: BLE001 -- CRC errors, bad streams, unsupported methods
                error = f"{type(exc).__name__}: {exc}"[:200]
        for item in events:
            if isinstance(item, Event):
                yield item
                continue
            path, size = selected[item]
            got = captured.get(item)
            data = bytes(got.buffer) if got is not None else b""
            if got is not None and got.overflow:
                yield Event("reject", path, "compression_ratio", size=size, detail="expands past its declared size")
            elif len(data) != size:
                yield Event("reject", path, "corrupt_archive", size=size,
                            detail=error or f"{len(data)} of {size} declared bytes decompressed")
            else:
                yield Event("file", path, data=data, size=size)
