"""File I/O through Beam's ``FileSystems``, so local, ``gs://`` and ``s3://`` paths all work.

Writes are atomic: data goes to a temporary name beside the target, which is renamed into place only
once complete, so a killed job never leaves a half-written file under the final name.
"""

from __future__ import annotations

import contextlib
import json
import posixpath
import uuid
from collections.abc import Iterator
from typing import IO, Any

from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems


def join(base: str, *parts: str) -> str:
    return FileSystems.join(base, *parts)


def exists(path: str) -> bool:
    return FileSystems.exists(path)


def makedirs(path: str) -> None:
    # Object stores have no directories; local ones must exist before a file is created in them.
    if FileSystems.get_scheme(path) is None and not FileSystems.exists(path):
        try:
            FileSystems.mkdirs(path)
        except OSError:
            # Another worker created it between the check and mkdirs (multi-process runs): fine.
            if not FileSystems.exists(path):
                raise


def open_read(path: str) -> IO[bytes]:
    return FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED)


def read_bytes(path: str) -> bytes:
    with open_read(path) as handle:
        return handle.read()


def read_text(path: str) -> str:
    return read_bytes(path).decode("utf-8")


def _parent(path: str) -> str:
    return posixpath.dirname(path.rstrip("/"))


@contextlib.contextmanager
def atomic_write(path: str) -> Iterator[IO[bytes]]:
    """Open ``path`` for binary writing; the file appears under its name only if the block succeeds."""
    makedirs(_parent(path))
    tmp = f"{path}.tmp-{uuid.uuid4().hex[:12]}"
    handle = FileSystems.create(tmp, compression_type=CompressionTypes.UNCOMPRESSED)
    try:
        yield handle
        handle.close()
    except BaseException:
        handle.close()
        with contextlib.suppress(Exception):
            FileSystems.delete([tmp])
        raise
    if FileSystems.exists(path):
        FileSystems.delete([path])
    FileSystems.rename([tmp], [path])


def write_bytes(path: str, data: bytes) -> None:
    with atomic_write(path) as handle:
        handle.write(data)


def write_text(path: str, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def write_json(path: str, obj: Any) -> None:
    write_text(path, json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


def list_files(pattern: str) -> list[str]:
    """Paths matching a glob, sorted (deterministic order on every filesystem)."""
    result = FileSystems.match([pattern])[0]
    return sorted(m.path for m in result.metadata_list)


def delete_matching(pattern: str) -> int:
    paths = list_files(pattern)
    if paths:
        FileSystems.delete(paths)
    return len(paths)


def parts_for(size: int, target_mb: float) -> int:
    """How many files hold ``size`` bytes at about ``target_mb`` MB each (at least 1)."""
    return max(1, -(-size // max(1, int(target_mb * 1e6))))
