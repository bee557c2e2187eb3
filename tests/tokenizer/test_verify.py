"""``incoder verify``: an intact release passes; each kind of damage is named."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.cli import main
from tokenizer.verify import verify_release


@pytest.fixture()
def release_copy(built, tmp_path) -> Path:
    target = tmp_path / "release"
    shutil.copytree(built[2], target)
    return target


def _manifest(release: Path) -> dict:
    return json.loads((release / "manifest.json").read_text())


def _first_shard(release: Path) -> Path:
    return release / _manifest(release)["splits"]["train"]["files"][0]["path"]


def test_intact_release_passes(release_copy, capsys):
    assert verify_release(str(release_copy)) == []
    assert main(["verify", str(release_copy)]) == 0
    assert "OK" in capsys.readouterr().out


def test_flipped_byte_is_caught(release_copy, capsys):
    shard = _first_shard(release_copy)
    data = bytearray(shard.read_bytes())
    data[len(data) // 2] ^= 0x01
    shard.write_bytes(bytes(data))
    problems = verify_release(str(release_copy))
    rel = shard.relative_to(release_copy).as_posix()
    assert any(p.startswith(rel) and "sha256 mismatch" in p for p in problems)
    assert main(["verify", str(release_copy)]) == 1
    assert "sha256 mismatch" in capsys.readouterr().out


def test_missing_file_is_caught(release_copy):
    shard = _first_shard(release_copy)
    shard.unlink()
    (release_copy / "charts" / "lengths.png").unlink()
    problems = verify_release(str(release_copy))
    assert f"{shard.relative_to(release_copy).as_posix()}: missing" in problems
    assert "charts/lengths.png: missing" in problems


def test_wrong_counts_are_caught(release_copy):
    manifest = _manifest(release_copy)
    manifest["splits"]["train"]["files"][0]["documents"] += 1
    manifest["splits"]["validation"]["tokens"] += 5
    manifest["counts"]["language"]["python"] -= 1
    (release_copy / "manifest.json").write_text(json.dumps(manifest))
    problems = "\n".join(verify_release(str(release_copy)))
    assert "documents, manifest says" in problems
    assert "validation: file tokens sum to" in problems
    assert "counts.language" in problems


def test_tokenizer_damage_is_caught(release_copy):
    model = release_copy / "tokenizer" / "spm.model"
    model.write_bytes(model.read_bytes() + b"\x00")
    problems = verify_release(str(release_copy))
    assert any(p.startswith("tokenizer/spm.model") and "sha256 mismatch" in p for p in problems)
    assert any(p.startswith("tokenizer/spm.model") and "bytes, manifest says" in p for p in problems)
    model.unlink()
    assert "tokenizer/spm.model: missing" in verify_release(str(release_copy))


def test_unlisted_shard_and_bad_manifest(release_copy):
    shutil.copy(_first_shard(release_copy), release_copy / "train" / "part-00099-of-00100.parquet")
    assert "train/part-00099-of-00100.parquet: present but not in the manifest" in verify_release(str(release_copy))
    (release_copy / "manifest.json").write_text("{not json")
    assert verify_release(str(release_copy))[0].startswith("manifest.json: not valid JSON")
    (release_copy / "manifest.json").unlink()
    assert verify_release(str(release_copy)) == ["manifest.json: missing"]


def test_rewritten_shard_with_matching_checksum_still_checked(release_copy):
    """A shard replaced consistently (checksum updated) but with bad content is still caught."""
    import hashlib

    import pyarrow as pa
    import pyarrow.parquet as pq

    shard = _first_shard(release_copy)
    table = pq.read_table(shard)
    ids = table["input_ids"].to_pylist()
    ids[0] = [99999] + ids[0][1:]
    table = table.set_column(1, "input_ids", pa.array(ids, type=pa.list_(pa.int32())))
    pq.write_table(table, shard, compression="zstd")
    manifest = _manifest(release_copy)
    entry = manifest["splits"]["train"]["files"][0]
    entry["sha256"] = hashlib.sha256(shard.read_bytes()).hexdigest()
    entry["bytes"] = shard.stat().st_size
    (release_copy / "manifest.json").write_text(json.dumps(manifest))
    problems = "\n".join(verify_release(str(release_copy)))
    assert "does not start with <|endoftext|>" in problems
    assert "outside the vocabulary" in problems


def test_incoder_run_verify_step(built):
    from pipeline.run_all import run_chain

    cfg = built[0]
    rows = run_chain(cfg, [], only={"verify"}, force=True)
    assert rows == [{"step": "verify", "status": "ran", "seconds": rows[0]["seconds"], "result": "release verified"}]
