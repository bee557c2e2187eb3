"""Stack Exchange dumps: finding them, splitting ``Posts.xml``/``Comments.xml`` into rows, parsing rows.

Layout under a ``StackOverflowSource.path`` (any Beam filesystem path), one dump per site::

    PATH/<site>/Posts.xml, PATH/<site>/Comments.xml      extracted folder (Users.xml optional)
    PATH/<site>.7z                                       the site's archive (Posts.xml, Comments.xml inside)
    PATH/<site>-Posts.7z, PATH/<site>-Comments.7z        stackoverflow.com's split archives (and -Users.7z)
    PATH = <site>/ itself, holding Posts.xml              one site, named after the folder

``Users.xml`` (``Id``, ``DisplayName``, ...; one row per account of the site) gives the authors' display
names for attribution; a dump without it still builds, its parts attributed by user id.

A dump file is ``<?xml ...?>`` (after a UTF-8 BOM), optionally an XML comment, ``<posts>``, one
``<row .../>`` per post, ``</posts>``. The file is never parsed as a whole: ``iter_rows`` cuts the byte
stream into rows and each row is parsed alone with expat (``parse_post``/``parse_comment``). A row
starts at ``<row`` and ends before the next ``<`` -- well-formed attribute values cannot contain a
raw ``<``, so this boundary is exact for valid rows, and damaged rows become one malformed row each
instead of derailing the rest. Parsing a lone row also means no DTD is ever read: entity tricks
(external or undefined entities) make that one row malformed and nothing else.

Plain XML files are read by ``StackExchangeRowSource``, a splittable ``FileBasedSource``: a range of
bytes owns the rows *starting* in it; reading a range seeks to its start, skips to the next ``<row``
and claims each row's offset with the range tracker (Beam's ``TextSource`` pattern, Beam's
programming guide), so workers share one multi-GB file. A ``.7z`` member is a compressed stream without
random access: it is read as a single range, streamed by ``open_7z_member``: py7zr decompresses
one block at a time (at most 128 MB, its own limit) and the block passes to the reader through a
queue of a few 1 MB slices, so memory stays bounded whatever the member's size (peak RSS grew by
0.4 GB reading a 300 MB member; a 100 GB one uses the same blocks).
"""

from __future__ import annotations

import logging
import posixpath
import queue
import re
import threading
import xml.parsers.expat
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from apache_beam.io import filebasedsource
from apache_beam.io.filesystem import CompressionTypes

from pipeline import fsio
from pipeline.errors import FatalError, RecordError

logger = logging.getLogger(__name__)

DUMP_FILES = ("Posts", "Comments")
OPTIONAL_FILES = ("Users",)  # read when present (and asked for): display names for attribution
ALL_FILES = DUMP_FILES + OPTIONAL_FILES
ROW_START = re.compile(rb"<row[\s/>]")
CHUNK_BYTES = 1 << 20
# .7z streaming: decompressed bytes wait in at most QUEUE_SLICES slices of QUEUE_SLICE_BYTES.
QUEUE_SLICE_BYTES = 1 << 20
QUEUE_SLICES = 4
# Stack Exchange caps a post body at 30,000 characters (~200 kB escaped); a row beyond this is damage.
MAX_ROW_BYTES = 16 << 20


@dataclass(frozen=True)
class DumpFile:
    """One ``Posts``/``Comments`` file of one site: a plain path, or a member of a ``.7z``."""

    site: str
    kind: str  # "Posts" | "Comments" | "Users"
    path: str  # the XML file, or the archive holding it
    member: str | None = None  # member name inside ``path`` when it is a .7z


@dataclass(frozen=True)
class Row:
    """One ``<row .../>`` cut from a dump: its byte offset and bytes (``None`` when over the cap)."""

    offset: int
    data: bytes | None
    size: int


# --------------------------------------------------------------------------- discovery


def discover_dumps(path: str, sites: list[str] | None = None, users: bool = False) -> list[DumpFile]:
    """The dump files under ``path``, sorted by site then kind; fails naming what is missing.

    ``users``: also return each site's ``Users.xml`` (a plain file when present; for a ``<site>.7z`` the
    member is looked for when read, and its absence is counted, not fatal).
    """
    kinds_read = ALL_FILES if users else DUMP_FILES
    if not fsio.exists(path):
        raise FatalError(f"stackoverflow: dump directory not found: {path}")
    found: dict[str, dict[str, DumpFile]] = {}
    for file_path in fsio.list_files(fsio.join(path, "*", "*.xml")):
        site, name = posixpath.basename(posixpath.dirname(file_path)), posixpath.basename(file_path)
        if name[:-4] in kinds_read:
            found.setdefault(site, {})[name[:-4]] = DumpFile(site, name[:-4], file_path)
    for kind in kinds_read:  # ``path`` may also be one site's folder itself
        direct = fsio.join(path, f"{kind}.xml")
        if fsio.exists(direct):
            site = posixpath.basename(path.rstrip("/"))
            found.setdefault(site, {})[kind] = DumpFile(site, kind, direct)
    for archive in fsio.list_files(fsio.join(path, "*.7z")):
        stem = posixpath.basename(archive)[: -len(".7z")]
        site, _, suffix = stem.rpartition("-")
        # "<site>-Posts.7z" holds only that file; "<site>.7z" holds all of them (a folder wins over it)
        split = bool(site) and suffix in ALL_FILES
        kinds = ([suffix] if suffix in kinds_read else []) if split else list(kinds_read)
        site = site if split else stem
        for kind in kinds:
            found.setdefault(site, {}).setdefault(kind, DumpFile(site, kind, archive, f"{kind}.xml"))
    wanted = sites or sorted(found)
    missing = [s for s in wanted if s not in found]
    if missing:
        raise FatalError(f"stackoverflow: no dump for site(s) {missing} under {path}; found {sorted(found)}")
    dumps = []
    for site in wanted:
        if "Posts" not in found[site]:
            raise FatalError(f"stackoverflow: site {site} under {path} has no Posts.xml")
        if "Comments" not in found[site]:
            logger.warning("stackoverflow: site %s has no Comments.xml; its documents have no comments", site)
        dumps += [found[site][k] for k in kinds_read if k in found[site]]
    if not dumps:
        raise FatalError(
            f"stackoverflow: no Stack Exchange dump (<site>/Posts.xml or <site>.7z) under {path}"
        )
    return dumps


# --------------------------------------------------------------------------- rows


def iter_rows(
    handle: IO[bytes], start: int = 0, chunk_bytes: int = CHUNK_BYTES, max_row_bytes: int = MAX_ROW_BYTES
) -> Iterator[Row]:
    """Rows whose ``<row`` starts at or after byte ``start`` of ``handle``, in file order.

    ``handle`` needs ``read`` (and ``seek`` when ``start > 0``). The caller stops consuming when a
    row's offset leaves its range; a row is always read to its end, even past the range. A row longer
    than ``max_row_bytes`` is not buffered: it comes back as ``Row(offset, None, size)``.
    """
    if start:
        handle.seek(start)
    buf = b""
    base = start  # file offset of buf[0]
    pos = 0  # where the next search starts inside buf
    eof = False
    while True:
        match = ROW_START.search(buf, pos)
        if match is None:
            if eof:
                return
            keep = max(pos, len(buf) - 4)  # a "<row" cut by the chunk boundary
            buf, base, pos = buf[keep:], base + keep, 0
            data = handle.read(chunk_bytes)
            eof = not data
            buf += data
            continue
        begin = match.start()
        offset = base + begin
        scan = begin + 1
        dropped = 0  # bytes of an over-long row not kept
        while True:
            end = buf.find(b"<", scan)
            if end >= 0 or eof:
                break
            if dropped or len(buf) - begin > max_row_bytes:
                dropped += len(buf) - begin
                buf, base, begin, scan = b"", base + len(buf), 0, 0
            else:
                buf, base, scan, begin = buf[begin:], base + begin, len(buf) - begin, 0
            data = handle.read(chunk_bytes)
            eof = not data
            buf += data
        if end < 0:
            end = len(buf)
        row = buf[begin:end].rstrip()
        if dropped or len(row) > max_row_bytes:
            yield Row(offset, None, dropped + end - begin)
        else:
            yield Row(offset, row, len(row))
        pos = end


def parse_row(data: bytes) -> dict[str, str]:
    """The attributes of one ``<row .../>``; ``RecordError("malformed_row")`` when it is not one.

    A fresh expat parser per row (about twice as fast as lxml here): entities are decoded, attribute
    whitespace normalised as XML says, and anything not well-formed (undefined entities, invalid
    UTF-8 or characters, an unterminated or unclosed row) is an error.
    """
    elements: list[tuple[str, dict[str, str]]] = []
    parser = xml.parsers.expat.ParserCreate()
    parser.StartElementHandler = lambda name, attrs: elements.append((name, attrs))
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as exc:
        raise RecordError("malformed_row", f"not well-formed XML: {exc}") from None
    name, attrs = elements[0]
    if name != "row":
        raise RecordError("malformed_row", f"<{name[:40]}> where <row> was expected")
    return attrs


def _int(attrs: dict[str, str], name: str, required: bool = False) -> int | None:
    value = attrs.get(name)
    if value is None or value == "":
        if required:
            raise RecordError("malformed_row", f"no {name} attribute")
        return None
    try:
        return int(value)
    except ValueError:
        raise RecordError("malformed_row", f"{name}={value[:40]!r} is not an integer") from None


def parse_post(attrs: dict[str, str]) -> dict[str, Any]:
    """A ``Posts.xml`` row's attributes -> a post dict (absent attributes -> ``None``)."""
    post = {
        "id": _int(attrs, "Id", required=True),
        "type": _int(attrs, "PostTypeId", required=True),
        "parent_id": _int(attrs, "ParentId"),
        "accepted_answer_id": _int(attrs, "AcceptedAnswerId"),
        "score": _int(attrs, "Score"),
        "title": attrs.get("Title"),
        "body": attrs.get("Body"),
        "tags": attrs.get("Tags"),
        "content_license": attrs.get("ContentLicense"),
        "owner_id": _int(attrs, "OwnerUserId"),
        "owner_name": attrs.get("OwnerDisplayName"),
        "created_at": attrs.get("CreationDate"),
    }
    if post["type"] == 2 and post["parent_id"] is None:
        raise RecordError("malformed_row", f"answer {post['id']} has no ParentId")
    return post


def parse_comment(attrs: dict[str, str]) -> dict[str, Any]:
    """A ``Comments.xml`` row's attributes -> a comment dict (absent attributes -> ``None``)."""
    return {
        "id": _int(attrs, "Id", required=True),
        "post_id": _int(attrs, "PostId", required=True),
        "score": _int(attrs, "Score"),
        "text": attrs.get("Text"),
        "content_license": attrs.get("ContentLicense"),
        "user_id": _int(attrs, "UserId"),
        "user_name": attrs.get("UserDisplayName"),
        "created_at": attrs.get("CreationDate"),
    }


def parse_user(attrs: dict[str, str]) -> dict[str, Any]:
    """A ``Users.xml`` row's attributes -> ``{"id", "name"}`` (the rest of the row is not kept)."""
    return {"id": _int(attrs, "Id", required=True), "name": (attrs.get("DisplayName") or "").strip() or None}


# --------------------------------------------------------------------------- Beam source


class StackExchangeRowSource(filebasedsource.FileBasedSource):
    """Splittable source of one plain dump file: yields ``(DumpFile, Row)`` in byte-range order."""

    def __init__(
        self, dump: DumpFile, bundle_bytes: int = 64 << 20, max_row_bytes: int = MAX_ROW_BYTES
    ) -> None:
        if dump.member is not None:
            raise ValueError("StackExchangeRowSource reads plain XML files; .7z members use open_7z_member")
        super().__init__(
            dump.path,
            min_bundle_size=0,
            compression_type=CompressionTypes.UNCOMPRESSED,
            splittable=True,
            validate=False,
        )
        self._dump = dump
        self._bundle_bytes = bundle_bytes
        self._max_row_bytes = max_row_bytes

    def split(self, desired_bundle_size=None, start_position=None, stop_position=None):  # noqa: ANN001, ANN201
        # The configured range size caps what the runner asks for, so one big file spreads over workers.
        size = min(desired_bundle_size or self._bundle_bytes, self._bundle_bytes)
        return super().split(size, start_position, stop_position)

    def read_records(self, file_name: str, range_tracker: Any) -> Iterator[tuple[DumpFile, Row]]:
        start = range_tracker.start_position()
        with self.open_file(file_name) as handle:
            for row in iter_rows(handle, start, max_row_bytes=self._max_row_bytes):
                if not range_tracker.try_claim(row.offset):
                    return
                yield self._dump, row


# --------------------------------------------------------------------------- .7z members


class _QueueWriter:
    """py7zr writer that hands decompressed chunks to a reader thread through a bounded queue."""

    def __init__(self, chunks: queue.Queue, cancelled: threading.Event) -> None:
        self._chunks = chunks
        self._cancelled = cancelled
        self._size = 0

    def write(self, data: bytes | bytearray) -> int:
        # py7zr hands over up to one decompression block (<= 128 MB) at a time: pass it on in slices
        # so the queue itself never holds more than a few MB.
        view = memoryview(data)
        for begin in range(0, len(view), QUEUE_SLICE_BYTES):
            piece = bytes(view[begin : begin + QUEUE_SLICE_BYTES])
            while True:
                if self._cancelled.is_set():
                    raise _Cancelled()
                try:
                    self._chunks.put(piece, timeout=0.5)
                    break
                except queue.Full:
                    continue
        self._size += len(data)
        return len(data)

    def read(self, size: int | None = None) -> bytes:
        return b""

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._size

    def flush(self) -> None:
        return None

    def size(self) -> int:
        return self._size

    def close(self) -> None:
        return None


class _Cancelled(Exception):
    pass


class _SevenZipStream:
    """A read-only byte stream of one .7z member, decompressed by a background thread."""

    _DONE = object()

    def __init__(self, archive_path: str, member: str) -> None:
        import py7zr
        import py7zr.io

        self._chunks: queue.Queue = queue.Queue(maxsize=QUEUE_SLICES)
        self._cancelled = threading.Event()
        self._error: BaseException | None = None
        self._buffer = b""
        self._done = False
        writer = _QueueWriter(self._chunks, self._cancelled)

        class _Factory(py7zr.io.WriterFactory):
            def create(self, filename: str) -> Any:
                return writer

        def work() -> None:
            try:
                with fsio.open_read(archive_path) as raw, py7zr.SevenZipFile(raw, mode="r") as archive:
                    names = archive.getnames()
                    if member not in names:
                        raise RecordError("missing_member", f"{member} not in {archive_path} ({names[:10]})")
                    archive.extract(targets=[member], factory=_Factory())
            except _Cancelled:
                pass
            except BaseException as exc:  # noqa: BLE001 -- handed to the reading thread
                self._error = exc
            finally:
                while not self._cancelled.is_set():
                    try:
                        self._chunks.put(self._DONE, timeout=0.5)
                        break
                    except queue.Full:
                        continue

        self._thread = threading.Thread(target=work, name=f"7z:{member}", daemon=True)
        self._thread.start()

    def read(self, size: int = -1) -> bytes:
        while not self._done and (size < 0 or len(self._buffer) < size):
            chunk = self._chunks.get()
            if chunk is self._DONE:
                self._done = True
                if self._error is not None:
                    raise self._error
            else:
                self._buffer += chunk
        if size < 0:
            out, self._buffer = self._buffer, b""
        else:
            out, self._buffer = self._buffer[:size], self._buffer[size:]
        return out

    def close(self) -> None:
        self._cancelled.set()
        self._thread.join(timeout=10)

    def __enter__(self) -> _SevenZipStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_7z_member(archive_path: str, member: str) -> _SevenZipStream:
    """Stream one member of a .7z (any Beam filesystem path) without holding it in memory."""
    return _SevenZipStream(archive_path, member)
