"""Incremental builds: ``build.dedup_against`` removes what a past release holds (``DedupPastRelease``).

v1 is built from a corpus; v2 from v1's corpus plus new repositories (and again from the new
repositories alone). v2 must keep exactly the new documents a full rebuild keeps and whose duplicate
group holds no v1 document, reject the others as ``in_past_release`` pointing at a v1 id, and read
nothing of v1 but its ``dedup_keys/``. Four builds (about a minute): ``-m slow``; the stage's fast tests
are in stages/test_dedup_past_release.py.
"""

from __future__ import annotations

import json
import shutil
import sysconfig
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.algorithms.dedup_keys import KEYS_SCHEMA, PARAMS_METADATA
from pipeline.build import run_build
from pipeline.config import parse_config
from pipeline.errors import ConfigError
from tests.fakes.repos import read_parts
from tokenizer import release_keys

pytestmark = pytest.mark.slow

STDLIB = Path(sysconfig.get_paths()["stdlib"])
NEAR = {"num_perm": 64, "bands": 8, "rows": 8, "max_iterations": 6}
OFF = {"license": {"enabled": False}, "pii": {"enabled": False}, "decontamination": {"enabled": False}}


def _texts(n: int) -> list[tuple[str, str]]:
    files = sorted(p for p in STDLIB.glob("*.py") if 4000 < p.stat().st_size < 30000)[:n]
    return [(p.name, p.read_text(encoding="utf-8", errors="replace")) for p in files]


def _edit(text: str, line: int, note: str) -> str:
    lines = text.splitlines()
    lines[line % len(lines)] = f"# {note}"
    return "\n".join(lines) + "\n"


def _write_repo(root: Path, name: str, files: dict[str, str]) -> None:
    for path, text in files.items():
        (root / name / path).parent.mkdir(parents=True, exist_ok=True)
        (root / name / path).write_text(text)


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> dict[str, Path]:
    texts = _texts(20)
    base = tmp_path_factory.mktemp("corpora")
    old, new = base / "old", base / "new"
    for r in range(4):
        _write_repo(old, f"old{r}", dict(texts[3 * r: 3 * r + 3]))
    (old / "repos.jsonl").write_text("".join(json.dumps({"name": f"octo/old{r}", "file": f"old{r}", "stars": 100,
                                                         "host": "github"}) + "\n" for r in range(4)))
    (n0, t0), (n1, t1), (n2, t2) = texts[0], texts[3], texts[6]
    pair_name, pair_text = texts[14]
    _write_repo(new, "fresh", dict(texts[12:14]))                       # unique new files
    _write_repo(new, "exact", {n0: t0.replace("    ", "\t")})          # exact copy of a v1 file
    _write_repo(new, "near", {n1: _edit(t1, 5, "fork edit")})          # near copy of a v1 file
    _write_repo(new, "near2a", {n2: _edit(t2, 7, "edit a")})           # two near copies of one v1 file:
    _write_repo(new, "near2b", {n2: _edit(t2, 11, "edit b")})          # a cluster touching v1
    _write_repo(new, "pair_a", {pair_name: pair_text})                 # a near pair among new files only
    _write_repo(new, "pair_b", {pair_name: _edit(pair_text, 3, "pair edit")})
    return {"old": old, "new": new}


def _config(out: Path, sources: list[Path], against: list[str] | None = None) -> dict:
    build = {"sources": [{"kind": "local", "path": str(s)} for s in sources], "output": {"num_shards": 2},
             "near_dedup": NEAR, **OFF, "dedup_against": against or []}
    return {"output_dir": str(out), "build": build}


def _as_release(build_out: Path, release: Path) -> Path:
    """A release directory holding only what dedup_against reads: manifest + dedup_keys (as shard writes them)."""
    shutil.copytree(build_out / "dedup_keys", release / "dedup_keys")
    entries = []
    for part in sorted((release / "dedup_keys").glob("part-*.parquet")):
        data = part.read_bytes()
        entries.append({"path": f"dedup_keys/{part.name}", "sha256": release_keys.release.sha256_bytes(data),
                        "bytes": len(data), "documents": pq.read_metadata(part).num_rows})
    params = release_keys.read_params(str(release / entries[0]["path"]))
    manifest = {"name": "v1", "dedup_keys": release_keys.manifest_section(entries, params)}
    (release / "manifest.json").write_text(json.dumps(manifest))
    return release


def _groups(rejected: list[dict]) -> dict[str, str]:
    """Union-find root per id over the duplicate links of a build's rejected rows."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for row in rejected:
        if row["duplicate_of"] and row["reason"] in ("exact_duplicate", "near_duplicate"):
            parent[find(row["id"])] = find(row["duplicate_of"])
    return {x: find(x) for x in parent}


@pytest.fixture(scope="module")
def builds(tmp_path_factory, corpora) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("builds")
    run_build(parse_config(_config(base / "v1", [corpora["old"]])), [])
    release = _as_release(base / "v1", base / "v1-release")
    run_build(parse_config(_config(base / "full", [corpora["old"], corpora["new"]])), [])
    run_build(parse_config(_config(base / "v2", [corpora["old"], corpora["new"]], [str(release)])), [])
    run_build(parse_config(_config(base / "v2new", [corpora["new"]], [str(release)])), [])
    return {"base": base, "release": release}


@pytest.mark.timeout(300)
def test_v2_keeps_exactly_the_new_unique_documents(builds):
    base = builds["base"]
    v1 = {d["id"] for d in read_parts(base / "v1" / "documents")}
    full_docs = read_parts(base / "full" / "documents")
    full_rejected = read_parts(base / "full" / "rejected")
    v1_all = v1 | {r["id"] for r in read_parts(base / "v1" / "rejected")}
    new_ids = {d["id"] for d in full_docs} | {r["id"] for r in full_rejected}
    new_ids -= v1_all
    roots = _groups(full_rejected)
    old_roots = {roots.get(i, i) for i in v1_all}
    expected = {d["id"] for d in full_docs if d["id"] in new_ids and roots.get(d["id"], d["id"]) not in old_roots}
    v2_docs = read_parts(base / "v2" / "documents")
    assert {d["id"] for d in v2_docs} == expected
    assert {d["repo"] for d in v2_docs} - {"pair_a", "pair_b"} == {"fresh"}
    assert len([d for d in v2_docs if d["repo"] in ("pair_a", "pair_b")]) == 1  # within-build decision kept

    v2_rejected = read_parts(base / "v2" / "rejected")
    past = [r for r in v2_rejected if r["reason"] == "in_past_release"]
    assert past and all(r["duplicate_of"] in v1 for r in past)
    # The rebuilt v1 documents: removed as in the past release, or lost a within-build group to a new copy
    # that then was (within-build decisions are left as they are).
    assert v1 <= {r["id"] for r in v2_rejected} and len(v1 - {r["id"] for r in past}) <= 1
    stats = json.loads((base / "v2" / "stats.json").read_text())
    past_stage = stats["stages"]["DedupPastRelease"]
    assert past_stage["past"]["documents"] == len(v1) and past_stage["balanced"]
    assert stats["past_release_dedup"]["removed"] == len(past) and stats["accounting"]["balanced"]


@pytest.mark.timeout(300)
def test_incremental_build_needs_only_the_new_data(builds):
    base = builds["base"]
    v2 = {d["id"] for d in read_parts(base / "v2" / "documents")}
    v2new = {d["id"] for d in read_parts(base / "v2new" / "documents")}
    assert v2new == v2
    v1 = {d["id"] for d in read_parts(base / "v1" / "documents")}
    rejected = read_parts(base / "v2new" / "rejected")
    past = {r["repo"]: r for r in rejected if r["reason"] == "in_past_release"}
    assert set(past) in ({"exact", "near", "near2a"}, {"exact", "near", "near2b"})
    assert all(r["duplicate_of"] in v1 and r["detail"].endswith("in past release v1") for r in past.values())
    assert past["exact"]["detail"].startswith("exact duplicate of ")
    assert past["near"]["detail"].startswith("near duplicate of ")
    # the near2 cluster's other copy keeps its within-build verdict, pointing at the removed kept copy
    other = next(r for r in rejected if r["repo"] in ("near2a", "near2b") and r["repo"] not in past)
    assert other["reason"] == "near_duplicate" and other["duplicate_of"] in {r["id"] for r in past.values()}
    keys = read_parts(base / "v2new" / "dedup_keys")
    assert {k["id"] for k in keys} == v2new  # the keys v3 would deduplicate against


def test_build_writes_keys_of_every_kept_document(builds):
    base = builds["base"]
    docs = {d["id"] for d in read_parts(base / "v1" / "documents")}
    parts = sorted((base / "v1" / "dedup_keys").glob("part-*.parquet"))
    assert len(parts) == 2
    table = pq.read_table(parts[0])
    assert table.schema.names == KEYS_SCHEMA.names and PARAMS_METADATA in table.schema.metadata
    rows = read_parts(base / "v1" / "dedup_keys")
    assert {r["id"] for r in rows} == docs
    assert all(len(r["band_keys"]) == NEAR["bands"] and len(r["signature"]) == 4 * NEAR["num_perm"] for r in rows)
    params = release_keys.read_params(str(parts[0]))
    assert (params["bands"], params["rows"], params["num_perm"]) == (8, 8, 64)


def test_mismatched_minhash_settings_are_refused(builds, tmp_path, corpora):
    cfg = _config(tmp_path / "bad", [corpora["new"]], [str(builds["release"])])
    cfg["build"]["near_dedup"] = {**NEAR, "seed": 2}
    with pytest.raises(ConfigError, match="other MinHash settings"):
        run_build(parse_config(cfg), [])
    cfg = _config(tmp_path / "bad", [corpora["new"]], [str(tmp_path / "nowhere")])
    with pytest.raises(ConfigError, match="not a release"):
        run_build(parse_config(cfg), [])
