"""Builders of hostile repository archives for the source tests (7z with unsafe names, mixed trees)."""

from __future__ import annotations

import io
import struct
import zlib


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
