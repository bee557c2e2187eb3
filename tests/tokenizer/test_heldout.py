"""The held-out split: whole repositories, chosen by the documented hash rule, out of every training shard."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.config import load_config
from tokenizer import heldout

from .conftest import write_config, write_corpus


def _rule(source: str, repo: str, seed: int, fraction: float) -> bool:
    """The rule as the manifest states it, recomputed from scratch."""
    digest = hashlib.sha256("\x00".join(["heldout", str(seed), f"{source}/{repo}"]).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < fraction


def test_repository_key_and_rule():
    assert heldout.repository_key({"source": "github", "repo": "psf/requests"}) == "github/psf/requests"
    assert heldout.repository_key({"source": "stackoverflow", "repo": "stackoverflow.com"}) is None
    assert heldout.repository_key({"source": "local", "repo": None}) is None
    docs = [{"source": "github", "repo": f"o/r{i}"} for i in range(2000)]
    held = [d for d in docs if heldout.is_heldout(d, 0.1, 3)]
    assert 150 < len(held) < 250
    assert all(_rule(d["source"], d["repo"], 3, 0.1) for d in held)
    assert not any(heldout.is_heldout(d, 0.0, 3) for d in docs)
    assert [d for d in docs if heldout.is_heldout(d, 0.1, 4)] != held  # the seed changes the split


@pytest.mark.timeout(300)
def test_shard_holds_out_whole_repositories(tmp_path, built, corpus_docs):
    from tokenizer.shard import run_shard
    from tokenizer.verify import verify_release

    fraction, seed = 0.4, 7
    write_corpus(tmp_path, corpus_docs)
    shutil.copytree(Path(built[1]).parent, tmp_path / "tokenizer")
    cfg = load_config(write_config(tmp_path, heldout_fraction=fraction))
    assert cfg.seed == seed
    release_dir = Path(run_shard(cfg, []))
    manifest = json.loads((release_dir / "manifest.json").read_text())
    section = manifest["heldout"]
    assert (section["fraction"], section["seed"], section["key"]) == (fraction, seed, "<source>/<repo>")
    expected = {d["id"] for d in corpus_docs if d["source"] != "stackoverflow" and _rule(d["source"], d["repo"], seed,
                                                                                             fraction)}
    repos = {(d["source"], d["repo"]) for d in corpus_docs if d["id"] in expected}
    assert expected and len(repos) == section["repositories"] and len(expected) == section["documents"]
    held_rows = [r for f in section["files"] for r in pq.read_table(release_dir / f["path"]).to_pylist()]
    assert {r["id"] for r in held_rows} == expected
    by_id = {d["id"]: d for d in corpus_docs}
    assert all(r["content"] == by_id[r["id"]]["content"] for r in held_rows)
    trained = [r for split in ("train", "validation") for p in sorted((release_dir / split).glob("part-*.parquet"))
               for r in pq.read_table(p, columns=["id", "source", "repo"]).to_pylist()]
    assert not {r["id"] for r in trained} & expected
    assert not {(r["source"], r["repo"]) for r in trained} & repos
    assert len(trained) + len(expected) == len(corpus_docs)
    assert verify_release(str(release_dir)) == []
    (release_dir / section["files"][0]["path"]).write_bytes(b"tampered")
    assert any("heldout/" in p for p in verify_release(str(release_dir)))
