"""The release contract (``tokenizer.release_format``): one schema, one part naming, one typed manifest."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pyarrow.parquet as pq
import pytest

from tokenizer import release
from tokenizer.release_format import (
    MANIFEST_SCHEMA_VERSION,
    RELEASE_SCHEMA,
    FileEntry,
    Manifest,
    ManifestError,
    shard_path,
)


def _written_manifest() -> dict:
    """A manifest as ``incoder shard`` builds it, plus the sections finalize adds."""
    rows = [{"id": f"d{i}", "input_ids": release.pack_ids([2, 5 + i]), "num_tokens": 2, "lang": "python",
             "source": "github", "license": "MIT", "repo": "o/r", "path": f"f{i}.py"} for i in range(3)]
    summary = release.summarize_rows(rows)
    shards = [{"split": "train", "path": shard_path("train", 0, 1), "sha256": "ab", "bytes": 10, **summary},
              {"split": "validation", "path": shard_path("validation", 0, 1), "sha256": "cd", "bytes": 0,
               **release.summarize_rows([])}]
    manifest = release.build_manifest(
        shards, tokenizer={"path": "tokenizer/spm.model", "sha256": "ef", "vocab_size": 400, "bytes": 9,
                           "special_tokens": {"<|endoftext|>": 2}},
        config_sha256="00", fmt={"seed": 7, "attribute_start_probability": 0.5}, rejected={"too_long": 1},
        metadata_files=[{"path": "DATACARD.md", "sha256": "11", "bytes": 3}], name="r")
    manifest["heldout"] = {"fraction": 0.0, "seed": 7, "files": [
        {"path": "heldout/part-00000-of-00001.parquet", "sha256": "22", "bytes": 4, "documents": 1,
         "repositories": 1, "content_bytes": 9}]}
    manifest["parent"] = None
    manifest["governance"] = {"removals": [], "removal_contact": None}
    return manifest


def test_manifest_round_trips_byte_for_byte():
    data = _written_manifest()
    text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"  # what fsio.write_json wrote
    manifest = Manifest.from_json(text)
    assert manifest.to_json() == text
    assert Manifest.from_dict(data).to_dict() == data
    assert manifest.splits["train"].files[0] == FileEntry(path="train/part-00000-of-00001.parquet", sha256="ab",
                                                          bytes=10, documents=3, tokens=6)
    assert manifest.vocab_size == 400 and manifest.section("format")["seed"] == 7
    assert manifest.section("parent") is None and manifest.section("absent", "x") == "x"
    assert [e.path for _, e in manifest.shard_files()] == ["train/part-00000-of-00001.parquet",
                                                           "validation/part-00000-of-00001.parquet"]
    assert [f.path for f in manifest.heldout_files()] == ["heldout/part-00000-of-00001.parquet"]
    assert manifest.heldout_files()[0].model_extra["repositories"] == 1


def test_manifest_reads_and_writes_through_the_callers_io(tmp_path):
    store: dict[str, str] = {}
    manifest = Manifest.from_dict(_written_manifest())
    path = manifest.write("mem://rel/", store.__setitem__)
    assert path == "mem://rel/manifest.json" and Manifest.read("mem://rel", store.__getitem__) == manifest


@pytest.mark.parametrize(("text", "message"), [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "not a JSON object"),
    ('{"schema_version": 1}', "splits"),
    ('{"schema_version": 1, "splits": {"train": {"documents": "many", "tokens": 1}}}', "splits.train.documents"),
])
def test_malformed_manifests_name_the_problem(text, message):
    with pytest.raises(ManifestError, match=message):
        Manifest.from_json(text)


def test_shard_schema_and_part_naming():
    assert shard_path("train", 3, 12) == "train/part-00003-of-00012.parquet"
    assert RELEASE_SCHEMA.names == ["id", "input_ids", "num_tokens", "lang", "source", "license", "repo", "path"]
    assert RELEASE_SCHEMA.metadata[b"incoder.release_schema_version"] == str(MANIFEST_SCHEMA_VERSION).encode()
    rows = [{"id": "b", "input_ids": release.pack_ids([2, 9]), "num_tokens": 2},
            {"id": "a", "input_ids": release.pack_ids([2]), "num_tokens": 1}]
    import io

    table = pq.read_table(io.BytesIO(release.encode_shard(rows, 10, 3)))
    assert table.schema.names == RELEASE_SCHEMA.names and table["id"].to_pylist() == ["a", "b"]


def test_synthetic_releases_use_the_contract(tmp_path):
    from training.release import Release
    from training.synthetic import write_release

    docs = [np.array([2, 9, 10, 11], dtype=np.int32) for _ in range(5)]
    path = write_release(str(tmp_path), {"train": docs, "validation": docs[:2]}, vocab_size=64)
    manifest = Manifest.from_json((tmp_path / "manifest.json").read_text())
    assert path == f"{tmp_path}/manifest.json" and manifest.vocab_size == 64
    for _, entry in manifest.shard_files():
        table = pq.read_table(tmp_path / entry.path)
        assert table.schema.names == RELEASE_SCHEMA.names and table.num_rows == entry.documents
        assert table["id"].to_pylist() == sorted(table["id"].to_pylist())
    reader = Release(str(tmp_path))
    assert [f.path for f in reader.files("train")] == [shard_path("train", i, 2) for i in range(2)]
    assert reader.vocab_size == 64 and reader.tokenizer_path is None


def test_the_contract_imports_neither_beam_nor_the_pipeline():
    code = ("import sys, tokenizer.release_format, training.release, training.synthetic; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('apache_beam', 'pipeline')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "[]"
