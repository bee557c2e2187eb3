"""Read access to a release (``manifest.json`` + parquet parts) on any pyarrow or fsspec filesystem.

The manifest is parsed by the release contract, ``tokenizer.release_format.Manifest``.

Local paths, ``gs://``, ``s3://`` and ``hdfs://`` go through ``pyarrow.fs``; any other scheme fsspec
knows (``memory://``, ``az://`` ...) through pyarrow's fsspec adapter. Objects are picklable (the
filesystem is opened lazily), so DataLoader workers can take them.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from functools import cached_property

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from tokenizer.release_format import Manifest, ManifestError
from training.errors import FatalError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ShardFile:
    """One parquet part of a split, as the manifest lists it."""

    index: int  # position in the manifest's list: the file's stable identity
    path: str  # relative to the release directory
    documents: int
    tokens: int


def filesystem(uri: str) -> tuple[pafs.FileSystem, str]:
    """``(filesystem, path)`` for a local path or URI."""
    if "://" not in uri:
        return pafs.LocalFileSystem(), os.path.abspath(uri)
    try:
        return pafs.FileSystem.from_uri(uri)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, ValueError, OSError):
        import fsspec

        fs, path = fsspec.core.url_to_fs(uri)
        return pafs.PyFileSystem(pafs.FSSpecHandler(fs)), path


class Release:
    """A release directory: its manifest, its splits' files and its tokenizer."""

    def __init__(self, uri: str) -> None:
        self.uri = uri.rstrip("/")
        fs, base = filesystem(self.uri)
        try:
            with fs.open_input_stream(f"{base}/manifest.json") as handle:
                self.manifest_bytes = handle.read()
        except (FileNotFoundError, OSError) as exc:
            raise FatalError(f"release {uri}: cannot read manifest.json ({exc}); run 'incoder shard' first") from None
        try:
            self.manifest = Manifest.from_json(self.manifest_bytes)
        except ManifestError as exc:
            raise FatalError(f"release {uri}: manifest.json is {exc}") from None

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in ("_fs",)}

    @cached_property
    def _fs(self) -> tuple[pafs.FileSystem, str]:
        return filesystem(self.uri)

    @property
    def digest(self) -> str:
        """SHA-256 of manifest.json: names the data a checkpoint was trained on."""
        return hashlib.sha256(self.manifest_bytes).hexdigest()

    @property
    def vocab_size(self) -> int | None:
        return self.manifest.vocab_size

    @property
    def tokenizer_path(self) -> str | None:
        """Full path of the release's sentencepiece model, or None when the release has none."""
        rel = self.manifest.tokenizer.path if self.manifest.tokenizer else None
        if not rel:
            return None
        fs, base = self._fs
        path = f"{base}/{rel}"
        return path if fs.get_file_info(path).type == pafs.FileType.File else None

    def read_bytes(self, path: str) -> bytes:
        fs, _ = self._fs
        with fs.open_input_stream(path) as handle:
            return handle.read()

    def has_split(self, split: str) -> bool:
        return bool(self.manifest.split_files(split))

    def files(self, split: str) -> list[ShardFile]:
        entries = self.manifest.split_files(split)
        if not entries:
            raise FatalError(f"release {self.uri}: manifest has no files for split {split!r}")
        bad = next((f.path for f in entries if f.documents is None or f.tokens is None), None)
        if bad is not None:
            raise FatalError(f"release {self.uri}: file entry {bad} in split {split!r} lacks documents or tokens")
        return [ShardFile(i, f.path, int(f.documents), int(f.tokens)) for i, f in enumerate(entries)]

    def open_parquet(self, shard: ShardFile) -> pq.ParquetFile:
        fs, base = self._fs
        try:
            return pq.ParquetFile(fs.open_input_file(f"{base}/{shard.path}"))
        except (FileNotFoundError, OSError) as exc:
            raise FatalError(f"release {self.uri}: cannot open {shard.path}: {exc}") from None
