"""The release contract: shard schema, part naming and ``manifest.json``, shared by writer and readers.

``incoder shard`` writes a release with it, ``incoder verify`` and ``incoder release diff|remove`` check
and rewrite releases with it, and the trainer (``training.release``) and the synthetic releases of the
tests (``training.synthetic``) read and write through it. It imports neither Beam nor ``pipeline``, and
does no I/O of its own: callers pass text in and take text out (``pipeline.fsio`` on the pipeline side,
``training.io`` in the trainer), so one definition serves every filesystem.

A release directory::

    train/part-SSSSS-of-NNNNN.parquet        RELEASE_SCHEMA, rows sorted by id
    validation/part-SSSSS-of-NNNNN.parquet
    heldout/part-SSSSS-of-NNNNN.parquet      raw text of held-out repositories (tokenizer.heldout)
    tokenizer/spm.model (+ hf/)
    manifest.json                            ``Manifest``, written last

``manifest.json`` is JSON with sorted keys and two-space indent. Its core (``schema_version``,
``splits`` with their files, ``tokenizer``) is typed here; every other section (``counts``, ``format``,
``heldout``, ``governance``...) is kept as written, so reading and writing a manifest gives back the
same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pyarrow as pa
from pydantic import BaseModel, ConfigDict, ValidationError

MANIFEST_SCHEMA_VERSION = 1
MANIFEST = "manifest.json"
SPLITS = ("train", "validation")

RELEASE_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("input_ids", pa.list_(pa.int32()), nullable=False),
        pa.field("num_tokens", pa.int32(), nullable=False),
        pa.field("lang", pa.string()),
        pa.field("source", pa.string()),
        pa.field("license", pa.string()),
        pa.field("repo", pa.string()),
        pa.field("path", pa.string()),
    ],
    metadata={b"incoder.release_schema_version": str(MANIFEST_SCHEMA_VERSION).encode()},
)


def shard_path(split: str, index: int, count: int) -> str:
    """A part's path relative to the release directory: ``<split>/part-00003-of-00008.parquet``."""
    return f"{split}/part-{index:05d}-of-{count:05d}.parquet"


def part_glob(split: str) -> str:
    """The pattern matching every part of a split (stale parts are deleted with it before a rewrite)."""
    return f"{split}/part-*"


class ManifestError(ValueError):
    """``manifest.json`` is not valid JSON or lacks the typed core."""


class _Section(BaseModel):
    # Sections keep keys they do not type (a file entry's ``repositories``, a split's ``counts``).
    model_config = ConfigDict(extra="allow")


class FileEntry(_Section):
    """One file the manifest lists: path relative to the release, checksum, size, what it holds."""

    path: str
    sha256: str | None = None
    bytes: int | None = None
    documents: int | None = None
    tokens: int | None = None


class SplitInfo(_Section):
    """A split's totals and its parts, in part order (a part's position is its identity for the trainer)."""

    documents: int
    tokens: int
    files: list[FileEntry] = []


class TokenizerEntry(_Section):
    """The release's sentencepiece model: ``path`` (``None`` in tokenizer-less synthetic releases)."""

    path: str | None = None
    sha256: str | None = None
    bytes: int | None = None
    vocab_size: int | None = None


class Manifest(_Section):
    """``manifest.json``. ``splits``, ``tokenizer`` and ``metadata_files`` are typed; other sections
    (``counts``, ``length_histogram``, ``columns``, ``format``, ``rejected``, ``heldout``, ``dedup_keys``,
    ``governance``, ``parent``, ``pii``, ...) are plain JSON values, reachable as attributes or by
    ``section(name)``. Only keys present when read or set since are written back."""

    schema_version: int
    splits: dict[str, SplitInfo]
    tokenizer: TokenizerEntry | None = None
    metadata_files: list[FileEntry] = []

    @classmethod
    def from_dict(cls, data: Any) -> Manifest:
        if not isinstance(data, dict):
            raise ManifestError(f"not a JSON object (a {type(data).__name__})")
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            where = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
            raise ManifestError(f"not a release manifest: {where}") from None

    @classmethod
    def from_json(cls, text: str | bytes) -> Manifest:
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ManifestError(f"not valid JSON: {exc}") from None
        return cls.from_dict(data)

    @classmethod
    def read(cls, release_dir: str, read_text: Callable[[str], str]) -> Manifest:
        """The manifest of ``release_dir`` through the caller's reader (``fsio.read_text``, ``tio.read_text``)."""
        return cls.from_json(read_text(join(release_dir, MANIFEST)))

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_unset=True)

    def to_json(self) -> str:
        """The file's text: sorted keys, two-space indent, a final newline (byte-stable)."""
        return json.dumps(self.to_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    def write(self, release_dir: str, write_text: Callable[[str, str], None]) -> str:
        """Write ``manifest.json`` with the caller's (atomic) writer; returns its path."""
        path = join(release_dir, MANIFEST)
        write_text(path, self.to_json())
        return path

    def section(self, name: str, default: Any = None) -> Any:
        """An untyped section (``heldout``, ``dedup_keys``, ``format``...), or ``default`` when absent."""
        if name in type(self).model_fields:
            return getattr(self, name)
        return (self.model_extra or {}).get(name, default)

    def split_files(self, split: str) -> list[FileEntry]:
        info = self.splits.get(split)
        return list(info.files) if info else []

    def shard_files(self) -> Iterator[tuple[str, FileEntry]]:
        """``(split, entry)`` of every training/validation part, in split then part order."""
        for split in SPLITS:
            for entry in self.split_files(split):
                yield split, entry

    def heldout_files(self) -> list[FileEntry]:
        return [FileEntry.model_validate(f) for f in (self.section("heldout") or {}).get("files") or []]

    @property
    def vocab_size(self) -> int | None:
        return self.tokenizer.vocab_size if self.tokenizer else None


def join(release_dir: str, path: str) -> str:
    """``release_dir/path`` for local paths and URLs alike (manifest paths always use ``/``)."""
    return release_dir.rstrip("/") + "/" + path
