"""``DedupPastRelease`` on a TestPipeline against a hand-made past release."""

from __future__ import annotations

import json
import sysconfig
from pathlib import Path

import apache_beam as beam
import pytest
from apache_beam.testing.util import assert_that, equal_to

from pipeline import records
from pipeline.algorithms.dedup_keys import encode_signature, minhash_params
from pipeline.algorithms.lsh import band_keys
from pipeline.algorithms.minhash import MinHasher
from pipeline.algorithms.text import exact_dedup_key
from pipeline.beam_runner import offline_test_pipeline
from pipeline.config import NearDedupConfig
from pipeline.errors import ConfigError
from pipeline.stages.dedup_past_release import DedupPastRelease
from tokenizer import release_keys

STDLIB = Path(sysconfig.get_paths()["stdlib"])
CFG = NearDedupConfig(num_perm=64, bands=8, rows=8, seed=1)
PARAMS = minhash_params(CFG, 8, 8)


def _doc(repo: str, path: str, text: str) -> dict:
    return records.make_document(source="github", repo=repo, path=path, content=text, lang="python", ext=".py")


def _keys(doc: dict, hasher: MinHasher) -> dict:
    sig = hasher.signature(doc["content"])
    return {"id": doc["id"], "exact_key": exact_dedup_key(doc["ext"], doc["content"]),
            "signature": encode_signature(sig), "band_keys": band_keys(sig, 8, 8)}


def _past_release(root: Path, rows: list[dict], params: dict = PARAMS) -> Path:
    entry = release_keys.write_key_part(str(root), 0, 1, rows, params)
    (root / "manifest.json").write_text(json.dumps({"name": "past-v1",
                                                    "dedup_keys": release_keys.manifest_section([entry], params)}))
    return root


@pytest.fixture(scope="module")
def texts() -> list[str]:
    files = sorted(p for p in STDLIB.glob("*.py") if 4000 < p.stat().st_size < 30000)[:6]
    return [p.read_text(encoding="utf-8", errors="replace") for p in files]


@pytest.mark.timeout(120)
def test_stage_removes_exact_and_near_matches_and_their_clusters(tmp_path, texts):
    hasher = MinHasher(64, CFG.seed)
    past_docs = [_doc("old/a", "a.py", texts[0]), _doc("old/b", "b.py", texts[1])]
    past = _past_release(tmp_path / "v1", [_keys(d, hasher) for d in past_docs])
    lines = texts[1].splitlines()
    lines[3] = "# edited"
    exact = _doc("new/x", "a.py", texts[0].replace("    ", "\t"))         # exact copy of old/a
    near = _doc("new/y", "b.py", "\n".join(lines))                        # near copy of old/b
    fresh = _doc("new/z", "c.py", texts[2])
    winner = _doc("new/w", "d.py", texts[3])                              # kept copy of a cluster whose
    loser_id = "loser-of-w-cluster"                                       # other member matched old/a
    new_docs = [exact, near, fresh, winner]
    exact_keys = [(d["id"], exact_dedup_key(d["ext"], d["content"])) for d in new_docs]
    exact_keys.append((loser_id, exact_dedup_key(".py", texts[0])))
    signatures = [(d["id"], encode_signature(hasher.signature(d["content"]))) for d in new_docs]
    with offline_test_pipeline() as p:
        out = {
            "docs": p | "Docs" >> beam.Create(new_docs),
            "exact_keys": p | "Exact" >> beam.Create(exact_keys),
            "signatures": p | "Sigs" >> beam.Create(signatures),
            "clusters": p | "Clusters" >> beam.Create([(loser_id, winner["id"])]),
        } | DedupPastRelease([str(past)], PARAMS)
        assert_that(out["kept"] | beam.Map(lambda d: d["repo"]), equal_to(["new/z"]), label="Kept")
        assert_that(out["rejected"] | beam.Map(lambda r: (r["repo"], r["reason"], r["duplicate_of"], r["detail"][:5])),
                    equal_to([("new/x", "in_past_release", past_docs[0]["id"], "exact"),
                              ("new/y", "in_past_release", past_docs[1]["id"], "near "),
                              ("new/w", "in_past_release", past_docs[0]["id"], "exact")]), label="Rejected")


@pytest.mark.timeout(60)
def test_no_past_release_keeps_everything(texts):
    docs = [_doc("r", f"{i}.py", t) for i, t in enumerate(texts[:3])]
    with offline_test_pipeline() as p:
        empty = p | "Empty" >> beam.Create([])
        out = {"docs": p | beam.Create(docs), "exact_keys": empty, "signatures": empty,
               "clusters": empty} | DedupPastRelease([], PARAMS)
        assert_that(out["kept"] | beam.Map(lambda d: d["id"]), equal_to([d["id"] for d in docs]))


def test_past_releases_are_checked_before_the_build(tmp_path):
    with pytest.raises(ConfigError, match="not a release"):
        DedupPastRelease([str(tmp_path)], PARAMS)
    (tmp_path / "manifest.json").write_text(json.dumps({"name": "old"}))
    with pytest.raises(ConfigError, match="no dedup_keys"):
        DedupPastRelease([str(tmp_path)], PARAMS)
    other = _past_release(tmp_path / "other", [], {**PARAMS, "num_perm": 128})
    with pytest.raises(ConfigError, match="num_perm: past 128 vs now 64"):
        DedupPastRelease([str(other)], PARAMS)
    off = _past_release(tmp_path / "off", [], {**PARAMS, "enabled": False})
    assert DedupPastRelease([str(off)], PARAMS).near is False  # exact matching only
