"""Release maintenance: dedup keys in the release, ``incoder release remove`` and ``incoder release diff``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.algorithms.dedup_keys import encode_signature, minhash_params
from pipeline.algorithms.lsh import band_keys
from pipeline.algorithms.minhash import MinHasher
from pipeline.algorithms.text import exact_dedup_key
from pipeline.config import NearDedupConfig, load_config
from tokenizer import release_keys
from tokenizer.verify import verify_release

from .conftest import write_config, write_corpus

NEAR = NearDedupConfig(num_perm=64, bands=8, rows=8, seed=1)
OPT_OUT = "# version: 2026-11-01\npython/email\nso-user:stackoverflow.com:3\n"


def _write_build_keys(out: Path, docs: list[dict]) -> None:
    """OUT/dedup_keys as ``incoder build`` writes them (two parts, params in the metadata)."""
    hasher = MinHasher(NEAR.num_perm, NEAR.seed)
    rows = []
    for doc in docs:
        sig = hasher.signature(doc["content"])
        rows.append({"id": doc["id"], "exact_key": exact_dedup_key(doc["ext"] or "", doc["content"]),
                     "signature": encode_signature(sig), "band_keys": band_keys(sig, 8, 8)})
    params = minhash_params(NEAR, 8, 8)
    for part in range(2):
        mine = [r for r in rows if release_keys.shard_of(r["id"], 2) == part]
        release_keys.write_key_part(str(out), part, 2, mine, params)


@pytest.fixture(scope="module")
def keyed(built, corpus_docs, tmp_path_factory) -> dict:
    """A release shard wrote from documents that come with the build's dedup keys and stats.json."""
    from tokenizer.shard import run_shard

    cfg, model_path, _ = built
    out = tmp_path_factory.mktemp("keyed")
    write_corpus(out, corpus_docs)
    shutil.copytree(Path(model_path).parent, out / "tokenizer")
    _write_build_keys(out, corpus_docs)
    stats = {"opt_out": {"list": {"location": "optout.txt", "version": "2026-10-01", "sha256": "ab" * 32,
                                  "repositories": 3, "owners": 1, "so_users": 2},
                         "repository_files_removed": 4, "stackoverflow_questions_removed": 1,
                         "stackoverflow_parts_removed": 2},
             "past_release_dedup": {"against": ["releases/v0"], "removed": 5, "past_documents": 100}}
    (out / "stats.json").write_text(json.dumps(stats))
    config = write_config(out, removal_contact="optout@example.org", name="corpus-v1", heldout_fraction=0.3)
    release_dir = run_shard(load_config(config), [])
    exclude = out / "optout.txt"
    exclude.write_text(OPT_OUT)
    return {"release": Path(release_dir), "exclude": exclude, "out": out, "docs": corpus_docs}


def _files(release_dir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(release_dir)): p.read_bytes() for p in release_dir.rglob("*.parquet")}


def _ids(release_dir: Path) -> set[str]:
    return {i for split in ("train", "validation") for p in (release_dir / split).glob("part-*.parquet")
            for i in pq.read_table(p, columns=["id"])["id"].to_pylist()}


@pytest.mark.timeout(300)
def test_release_holds_the_keys_and_governance(keyed):
    release_dir = keyed["release"]
    manifest = json.loads((release_dir / "manifest.json").read_text())
    keys = manifest["dedup_keys"]
    assert keys["documents"] == len(_ids(release_dir)) and len(keys["files"]) == 2
    assert keys["params"]["num_perm"] == 64 and manifest["parent"] is None
    assert verify_release(str(release_dir)) == []
    card = (release_dir / "DATACARD.md").read_text()
    assert "optout@example.org" in card and "version `2026-10-01`" in card
    assert "4 files, 1 questions, 2 answers/comments" in card and "`releases/v0`): 5 documents" in card


@pytest.mark.timeout(300)
def test_verify_catches_damaged_keys(keyed, tmp_path):
    copy = tmp_path / "release"
    shutil.copytree(keyed["release"], copy)
    part = sorted((copy / "dedup_keys").glob("part-*.parquet"))[0]
    rows = pq.read_table(part).to_pylist()
    part.write_bytes(release_keys.encode_keys(rows[1:], release_keys.read_params(str(part))))
    (copy / "dedup_keys" / "stray.parquet").write_bytes(b"x")
    problems = verify_release(str(copy))
    assert any("sha256 or size mismatch" in p for p in problems)
    assert any("stray.parquet: present but not in the manifest" in p for p in problems)


@pytest.fixture(scope="module")
def removed(keyed) -> dict:
    from pipeline.cli import main

    child = keyed["out"] / "release-v1.1"
    code = main(["release", "remove", "--release", str(keyed["release"]), "--exclude", str(keyed["exclude"]),
                 "--out", str(child), "--name", "corpus-v1.1"])
    return {**keyed, "child": child, "code": code}


@pytest.mark.timeout(300)
def test_release_remove_rewrites_only_what_changes(removed):
    parent, child = removed["release"], removed["child"]
    assert removed["code"] == 0 and verify_release(str(child)) == []
    gone = {d["id"] for d in removed["docs"] if d["repo"] == "python/email"
            or (d["source"] == "stackoverflow" and any(p["author_id"] == 3 for p in d["parts"]))}
    assert gone and _ids(child) == _ids(parent) - gone
    before, after = _files(parent), _files(child)
    assert before.keys() == after.keys()
    changed = {p for p in before if before[p] != after[p]}
    for path in before:
        if path.startswith(("train/", "validation/", "heldout/")):
            ids = set(pq.read_table(parent / path, columns=["id"])["id"].to_pylist())
            assert (path in changed) == bool(ids & gone), path  # untouched shards are byte-identical
    keys = {r["id"] for p in (child / "dedup_keys").glob("*.parquet") for r in pq.read_table(p).to_pylist()}
    assert keys == _ids(child)
    manifest = json.loads((child / "manifest.json").read_text())
    parent_manifest = (parent / "manifest.json").read_bytes()
    assert manifest["parent"]["name"] == "corpus-v1" and manifest["name"] == "corpus-v1.1"
    assert manifest["parent"]["manifest_sha256"] == __import__("hashlib").sha256(parent_manifest).hexdigest()
    removal = manifest["governance"]["removals"][-1]
    assert removal["reason"] == "opted_out" and removal["documents"] == len(gone)
    assert removal["list"]["version"] == "2026-11-01" and set(removal["matches"]) == {"python/email",
                                                                                       "so-user:stackoverflow.com:3"}
    assert manifest["parent"]["diff"]["documents"]["removed"] == len(_ids(parent)) - len(_ids(child))
    held = {p.name for p in (parent / "heldout").glob("part-*.parquet")}
    assert held and manifest["heldout"]["documents"] == sum(
        pq.read_metadata(child / "heldout" / name).num_rows for name in held)
    held_ids = {i for name in held for i in pq.read_table(child / "heldout" / name, columns=["id"])["id"].to_pylist()}
    assert not held_ids & gone
    attribution = (child / "attribution.jsonl").read_text()
    assert "python/email" not in attribution and "questions/1003" not in attribution
    card = (child / "DATACARD.md").read_text()
    assert "## Changes from the parent release" in card
    assert f"{len(_ids(parent)) - len(_ids(child))} removed" in card
    assert "Removed after publication by `incoder release remove` (opted_out" in card


@pytest.mark.timeout(300)
def test_release_diff_reports_the_removal(removed, tmp_path, capsys):
    from pipeline.cli import main
    from tokenizer.release_diff import diff_releases

    parent, child = removed["release"], removed["child"]
    report_path = tmp_path / "diff.json"
    assert main(["release", "diff", str(parent), str(child), "--json", str(report_path)]) == 0
    text = capsys.readouterr().out
    report = json.loads(report_path.read_text())
    total = len(_ids(parent))
    gone = total - len(_ids(child))
    assert report["documents"] == {"added": 0, "removed": gone, "changed": 0, "unchanged": total - gone}
    assert report["content_compared_by"] == "exact_key"
    assert report["mix"]["source"]["stackoverflow"]["removed"] == 1
    assert sum(d["removed"] for d in report["mix"]["language"].values()) == gone
    assert f"removed {gone}" in text and "license mix:" in text
    back = diff_releases(str(child), str(parent))
    assert back["documents"]["added"] == gone and back["documents"]["removed"] == 0


def test_diff_classifies_by_id():
    from tokenizer.release_diff import classify, fingerprint_mode

    row = {"lang": "python", "license": "MIT", "source": "github", "num_tokens": 10}
    added = dict(classify(("x", {"a": [], "b": [row], "a_key": [], "b_key": []})))
    assert added[("documents", "added")] == 1 and added[("added", "license", "MIT")] == 1
    same = dict(classify(("x", {"a": [row], "b": [row], "a_key": ["k"], "b_key": ["k"]})))
    assert same == {("documents", "unchanged"): 1}
    edited = dict(classify(("x", {"a": [row], "b": [row], "a_key": ["k"], "b_key": ["k2"]})))
    assert edited == {("documents", "changed"): 1}
    relicensed = dict(classify(("x", {"a": [row], "b": [{**row, "license": "Apache-2.0"}], "a_key": [], "b_key": []})))
    assert relicensed == {("documents", "changed"): 1, ("license_changes", "MIT -> Apache-2.0"): 1}
    tok = {"tokenizer": {"sha256": "t"}}
    assert fingerprint_mode({**tok, "dedup_keys": {"files": []}}, {**tok, "dedup_keys": {"files": []}}) == "exact_key"
    assert fingerprint_mode(tok, tok) == "token_ids"
    assert fingerprint_mode(tok, {"tokenizer": {"sha256": "u"}}) == "metadata"
