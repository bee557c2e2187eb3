"""Check a release: checksums, sizes, schema, counts against the manifest, tokenizer and special ids.

  incoder verify out/demo/release

Exits 0 when the release is intact; otherwise 1, listing every problem found (a flipped byte, a
missing or unlisted file, a wrong count, a tokenizer that does not match its checksum).
"""

from __future__ import annotations

import io
import logging
from collections import Counter

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline import fsio
from tokenizer import release, release_keys
from tokenizer.release_format import (
    MANIFEST,
    MANIFEST_SCHEMA_VERSION,
    RELEASE_SCHEMA,
    SPLITS,
    FileEntry,
    Manifest,
    ManifestError,
    SplitInfo,
    TokenizerEntry,
)
from tokenizer.special_tokens import ENDOFTEXT_ID

log = logging.getLogger(__name__)


def _read(release_dir: str, path: str, problems: list[str]) -> bytes | None:
    full = fsio.join(release_dir, path)
    if not fsio.exists(full):
        problems.append(f"{path}: missing")
        return None
    return fsio.read_bytes(full)


def _check_checksum(path: str, data: bytes, entry: FileEntry | TokenizerEntry, problems: list[str]) -> bool:
    ok = True
    if entry.bytes is not None and len(data) != entry.bytes:
        problems.append(f"{path}: {len(data)} bytes, manifest says {entry.bytes}")
        ok = False
    if release.sha256_bytes(data) != entry.sha256:
        problems.append(f"{path}: sha256 mismatch (file changed or corrupt)")
        ok = False
    return ok


def _check_tokenizer(release_dir: str, manifest: Manifest, problems: list[str]) -> int | None:
    entry = manifest.tokenizer or TokenizerEntry()
    path = entry.path or "tokenizer/spm.model"
    data = _read(release_dir, path, problems)
    if data is None or not _check_checksum(path, data, entry, problems):
        return None
    from tokenizer.spm import IncoderTokenizer

    try:
        tok = IncoderTokenizer(model_proto=data)
    except (ValueError, RuntimeError, OSError) as exc:
        problems.append(f"{path}: {exc}")
        return None
    if tok.vocab_size != entry.vocab_size:
        problems.append(f"{path}: vocab_size {tok.vocab_size}, manifest says {entry.vocab_size}")
    return tok.vocab_size


def _type_name(t: pa.DataType) -> str:
    # List child names differ between writers ("item", "element"): compare value types only.
    return f"list<{_type_name(t.value_type)}>" if pa.types.is_list(t) else str(t)


def _check_shard(path: str, data: bytes, entry: FileEntry, vocab: int | None, problems: list[str]) -> dict | None:
    try:
        table = pq.read_table(io.BytesIO(data))
    except (pa.ArrowException, OSError) as exc:
        problems.append(f"{path}: not readable parquet: {exc}")
        return None
    expected = RELEASE_SCHEMA
    got = [(f.name, _type_name(f.type)) for f in table.schema]
    want = [(f.name, _type_name(f.type)) for f in expected]
    if got != want:
        problems.append(f"{path}: columns {got} differ from {want}")
        return None
    lengths = pc.list_value_length(table["input_ids"])
    tokens = int(pc.sum(table["num_tokens"]).as_py() or 0)
    if table.num_rows != entry.documents:
        problems.append(f"{path}: {table.num_rows} documents, manifest says {entry.documents}")
    if tokens != entry.tokens:
        problems.append(f"{path}: {tokens} tokens, manifest says {entry.tokens}")
    if table.num_rows:
        if not pc.all(pc.equal(lengths, pc.cast(table["num_tokens"], lengths.type))).as_py():
            problems.append(f"{path}: num_tokens differs from len(input_ids)")
        if not pc.all(pc.equal(pc.list_element(table["input_ids"], 0), ENDOFTEXT_ID)).as_py():
            problems.append(f"{path}: a document does not start with <|endoftext|> ({ENDOFTEXT_ID})")
        top = pc.max(pc.list_flatten(table["input_ids"])).as_py()
        if vocab is not None and top is not None and top >= vocab:
            problems.append(f"{path}: token id {top} outside the vocabulary ({vocab})")
        ids = table["id"].to_pylist()
        if ids != sorted(ids):
            problems.append(f"{path}: rows are not sorted by id")
    return release.summarize_rows(
        {"num_tokens": n, "lang": lang, "license": lic, "source": src}
        for n, lang, lic, src in zip(table["num_tokens"].to_pylist(), table["lang"].to_pylist(),
                                     table["license"].to_pylist(), table["source"].to_pylist(), strict=True))


def _check_split(release_dir: str, split: str, info: SplitInfo, vocab: int | None, problems: list[str]) -> list[dict]:
    """Problems of one split's parts; returns their recomputed summaries."""
    listed = {f.path for f in info.files}
    on_disk = {p[len(release_dir.rstrip('/')) + 1:] for p in fsio.list_files(fsio.join(release_dir, split, "*"))}
    for extra in sorted(on_disk - listed):
        problems.append(f"{extra}: present but not in the manifest")
    documents = sum(f.documents or 0 for f in info.files)
    if documents != info.documents:
        problems.append(f"{split}: file documents sum to {documents}, split says {info.documents}")
    tokens = sum(f.tokens or 0 for f in info.files)
    if tokens != info.tokens:
        problems.append(f"{split}: file tokens sum to {tokens}, split says {info.tokens}")
    summaries = []
    for entry in info.files:
        data = _read(release_dir, entry.path, problems)
        if data is None:
            continue
        _check_checksum(entry.path, data, entry, problems)
        summary = _check_shard(entry.path, data, entry, vocab, problems)
        if summary is not None:
            summaries.append(summary)
    return summaries


def verify_release(release_dir: str) -> list[str]:
    """Every problem with the release at ``release_dir`` (empty list when it is intact)."""
    problems: list[str] = []
    raw = _read(release_dir, MANIFEST, problems)
    if raw is None:
        return problems
    try:
        manifest = Manifest.from_json(raw)
    except ManifestError as exc:
        return [f"{MANIFEST}: {exc}"]
    if manifest.schema_version != MANIFEST_SCHEMA_VERSION:
        problems.append(f"{MANIFEST}: schema_version {manifest.schema_version!r}, expected {MANIFEST_SCHEMA_VERSION}")
    vocab = _check_tokenizer(release_dir, manifest, problems)
    summaries = []
    for split in SPLITS:
        info = manifest.splits.get(split)
        if info is None:
            problems.append(f"{MANIFEST}: split {split!r} missing")
            continue
        summaries += _check_split(release_dir, split, info, vocab, problems)
    if summaries and not any(p.endswith("missing") for p in problems):
        counted = release.merge_summaries(summaries)["counts"]
        for key, values in (manifest.section("counts") or {}).items():
            if Counter(counted.get(key, {})) != Counter(values):
                problems.append(f"{MANIFEST}: counts.{key} {values} differ from the shards' {counted.get(key)}")
    for entry in manifest.metadata_files + manifest.heldout_files():
        data = _read(release_dir, entry.path, problems)
        if data is not None:
            _check_checksum(entry.path, data, entry, problems)
    problems += release_keys.check_keys(release_dir, manifest)
    return problems


def report(release_dir: str) -> int:
    """``incoder verify``: print every problem (exit status 1) or a one-line summary (0)."""
    problems = verify_release(release_dir)
    if problems:
        print(f"{release_dir}: {len(problems)} problem(s):")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    manifest = Manifest.read(release_dir, fsio.read_text)
    files = sum(len(s.files) for s in manifest.splits.values())
    print(f"{release_dir}: OK ({files} shards, "
          + ", ".join(f"{k} {v.documents} docs / {v.tokens} tokens" for k, v in manifest.splits.items()) + ")")
    return 0
