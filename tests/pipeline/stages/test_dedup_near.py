"""``DedupNear`` and its ``ConnectedComponents`` on Beam, against a plain-Python reference."""

from __future__ import annotations

import json
import random
import sysconfig
from collections import defaultdict
from pathlib import Path

import apache_beam as beam
import numpy as np
import pytest
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.runners.portability.fn_api_runner import FnApiRunner
from apache_beam.testing.test_pipeline import TestPipeline as BeamTestPipeline
from apache_beam.testing.util import assert_that, equal_to

from pipeline import records
from pipeline.algorithms.components import PermissiveCheck, kept_copies, rank_key, union_find_components
from pipeline.algorithms.dedup_keys import encode_signature
from pipeline.algorithms.lsh import band_keys, encode_hash_set, resolve_bands
from pipeline.algorithms.minhash import MinHasher, estimate_jaccard, exact_jaccard
from pipeline.beam_runner import offline_test_pipeline
from pipeline.config import LicenseConfig, NearDedupConfig
from pipeline.metrics import query_counters, stage_stats
from pipeline.stages.dedup_near import ConnectedComponents, DedupNear

STDLIB = Path(sysconfig.get_paths()["stdlib"])
# The runner the build uses (pipeline/build.py): Beam's DirectRunner would first try to fetch Prism.
FAST = dict(max_iterations=6, seed=1)


def _corpus(n_bases: int = 6, copies: int = 4, seed: int = 0) -> list[dict]:
    """Real stdlib files, each with a few near-copies (a line edited) in other repos, plus unrelated files."""
    rng = random.Random(seed)
    files = sorted(p for p in STDLIB.glob("*.py") if 3000 < p.stat().st_size < 40000)
    docs = []
    for b, path in enumerate(files[:n_bases]):
        text = path.read_text(encoding="utf-8", errors="replace")
        lines = text.splitlines()
        for c in range(copies):
            edited = list(lines)
            edited[rng.randrange(len(edited))] = f"# edited in fork {c}"
            docs.append(
                records.make_document(
                    source="github",
                    repo=f"fork{c}/base{b}",
                    path=path.name,
                    content="\n".join(edited),
                    license=rng.choice(["MIT", "GPL-3.0-only", None]),
                    stars=rng.choice([None, 1, 5, 50]),
                    pushed_at=rng.choice([None, "2021-01-01T00:00:00Z", "2024-06-01T12:00:00+00:00"]),
                )
            )
    for path in files[n_bases : n_bases + 6]:
        docs.append(
            records.make_document(
                source="local",
                repo="single",
                path=path.name,
                content=path.read_text(encoding="utf-8", errors="replace"),
            )
        )
    docs.append(records.make_document(source="local", repo="single", path="empty.py", content="# !!\n"))
    return docs


def _reference(docs: list[dict], cfg: NearDedupConfig, allow: list[str]) -> dict[str, str]:
    """{rejected id: kept id} by brute force: all pairs sharing a bucket (verified as ``cfg.verify`` says:
    exact Jaccard of the shingle-hash sets, or estimated Jaccard), union-find, best rank."""
    bands, rows = resolve_bands(cfg.num_perm, cfg.threshold, cfg.bands, cfg.rows)
    hasher = MinHasher(
        cfg.num_perm, cfg.seed, ngram=cfg.ngram, lowercase=cfg.lowercase, tokens=cfg.tokens, hash=cfg.hash
    )
    sigs = {d["id"]: hasher.signature(d["content"]) for d in docs}
    sets = {d["id"]: set(np.frombuffer(encode_hash_set(hasher.shingle_hashes(d["content"])), "<u4").tolist())
            for d in docs}

    def linked(a: str, b: str) -> bool:
        if cfg.verify == "exact":
            return exact_jaccard(sets[a], sets[b]) >= cfg.threshold
        return cfg.verify == "none" or estimate_jaccard(sigs[a], sigs[b]) >= cfg.threshold

    buckets = defaultdict(set)
    for doc_id, sig in sigs.items():
        if sig is not None:
            for key in band_keys(sig, bands, rows):
                buckets[key].add(doc_id)
    edges = {
        (a, b)
        for ids in buckets.values()
        for a in ids
        for b in ids
        if a < b and linked(a, b)
    }
    check = PermissiveCheck(allow)
    ranks = {d["id"]: rank_key(d, cfg.ranking, check) for d in docs}
    return kept_copies(union_find_components(edges), ranks.__getitem__)


def _run(docs, cfg, tmp_path: Path, options: PipelineOptions | None = None, license_cfg=None):
    """Runs DedupNear; returns (kept ids, {rejected id: duplicate_of}, rejected rows, counters)."""
    p = beam.Pipeline(runner=FnApiRunner(), options=options or PipelineOptions())
    result = p | beam.Create(docs, reshuffle=False) | DedupNear(cfg, license_cfg or LicenseConfig())
    _ = (
        result["kept"]
        | "KeptJson" >> beam.Map(lambda d: d["id"])
        | "WriteKept" >> beam.io.WriteToText(str(tmp_path / "kept"))
    )
    _ = (
        result["rejected"]
        | "RejJson" >> beam.Map(json.dumps)
        | "WriteRej" >> beam.io.WriteToText(str(tmp_path / "rejected"))
    )
    run = p.run()
    run.wait_until_finish()
    kept = [line for f in sorted(tmp_path.glob("kept*")) for line in f.read_text().splitlines()]
    rejected = [
        json.loads(line) for f in sorted(tmp_path.glob("rejected*")) for line in f.read_text().splitlines()
    ]
    counters = query_counters(run).get("DedupNear", {})
    return sorted(kept), {r["id"]: r["duplicate_of"] for r in rejected}, rejected, counters


@pytest.mark.timeout(300)
@pytest.mark.parametrize(
    "verify,hash_mode,tokens",
    [("none", "token_mix", "words"), ("estimate", "token_mix", "words"), ("exact", "token_mix", "words"),
     ("exact", "sha1", "whitespace")],
)
def test_dedup_near_matches_reference(tmp_path, verify, hash_mode, tokens):
    cfg = NearDedupConfig(verify=verify, hash=hash_mode, tokens=tokens, **FAST)
    docs = _corpus()
    expected = _reference(docs, cfg, LicenseConfig().allow)
    assert len(expected) == 6 * 3, "each base file with its 3 near-copies should form one cluster of 4"
    kept, rejected, rows, counters = _run(docs, cfg, tmp_path)
    assert rejected == expected
    assert kept == sorted(d["id"] for d in docs if d["id"] not in expected)
    assert all(r["reason"] == "near_duplicate" and r["content"] for r in rows)
    assert all(r["detail"].endswith("(cluster of 4 documents)") for r in rows)
    removed = sum(d["size_bytes"] for d in docs if d["id"] in expected)
    assert counters["seen"] == len(docs) and counters["kept"] == len(kept)
    assert counters["rejected.near_duplicate"] == len(expected)
    assert counters["bytes.rejected"] == removed
    assert counters["bytes.seen"] == sum(d["size_bytes"] for d in docs)
    assert counters["clusters"] == 6 and counters["cluster_size.4"] == 6
    # "# !!" has no word token, but two whitespace tokens
    assert counters.get("no_shingles", 0) == (1 if tokens == "words" else 0)
    assert counters["cc.converged"] == 1 and counters.get("cc.unsettled_nodes", 0) == 0
    assert 1 <= counters["cc.iterations"] <= 6


@pytest.mark.timeout(300)
def test_kept_copy_follows_ranking(tmp_path):
    text = (STDLIB / "textwrap.py").read_text()
    variants = [
        dict(repo="gpl/most-stars", license="GPL-3.0-only", stars=900, pushed_at="2025-01-01T00:00:00Z"),
        dict(repo="mit/old", license="MIT", stars=10, pushed_at="2019-01-01T00:00:00Z"),
        dict(repo="mit/recent", license="MIT", stars=10, pushed_at="2024-01-01T00:00:00Z"),
        dict(repo="bsd/few", license="BSD-3-Clause", stars=3, pushed_at="2025-01-01T00:00:00Z"),
    ]
    docs = [
        records.make_document(source="github", path="textwrap.py", content=text + f"\n# {i}", **v)
        for i, v in enumerate(variants)
    ]
    by_repo = {d["repo"]: d["id"] for d in docs}
    kept, rejected, _, _ = _run(docs, NearDedupConfig(**FAST), tmp_path / "a")
    assert kept == [by_repo["mit/recent"]]
    assert set(rejected.values()) == {by_repo["mit/recent"]}
    kept, _, _, _ = _run(docs, NearDedupConfig(ranking=["stars"], **FAST), tmp_path / "b")
    assert kept == [by_repo["gpl/most-stars"]]
    # a licence outside the allowlist is not "permissive"
    only_gpl = LicenseConfig(allow=["GPL-3.0-only"])
    kept, _, _, _ = _run(docs, NearDedupConfig(**FAST), tmp_path / "c", license_cfg=only_gpl)
    assert kept == [by_repo["gpl/most-stars"]]


def test_disabled_passes_everything_through():
    docs = _corpus(n_bases=2, copies=2)
    with BeamTestPipeline(runner=FnApiRunner()) as p:
        result = p | beam.Create(docs) | DedupNear(NearDedupConfig(enabled=False), LicenseConfig())
        assert_that(result["kept"] | beam.Map(lambda d: d["id"]), equal_to([d["id"] for d in docs]))
        assert_that(result["rejected"], equal_to([]), label="NoneRejected")


@pytest.mark.timeout(300)
def test_connected_components_on_beam_match_union_find(tmp_path):
    rng = random.Random(7)
    ids = [f"n{i:05d}" for i in range(400)]
    rng.shuffle(ids)
    chain = [(ids[i], ids[i + 1]) for i in range(199)]  # one long chain of 200 in shuffled id order
    star = [(ids[200], ids[j]) for j in range(201, 300)]  # a star whose centre is not its minimum
    random_edges = [(rng.choice(ids[300:]), rng.choice(ids[300:])) for _ in range(120)]
    edges = chain + star + [(a, b) for a, b in random_edges if a != b]
    expected = union_find_components(edges)
    p = beam.Pipeline(runner=FnApiRunner())
    out = p | beam.Create(edges) | ConnectedComponents(max_iterations=12)
    assert_that(out, equal_to(sorted(expected.items())))
    result = p.run()
    result.wait_until_finish()
    counters = query_counters(result)["DedupNear"]
    assert counters["cc.converged"] == 1
    assert 3 <= counters["cc.iterations"] < 12  # later rounds were no-ops


def test_connected_components_reports_non_convergence():
    ids = [f"n{i:05d}" for i in range(300)]
    edges = [(ids[i], ids[i + 1]) for i in range(299)]
    p = beam.Pipeline(runner=FnApiRunner())
    out = p | beam.Create(edges) | ConnectedComponents(max_iterations=1)
    # still a partition of every node (each node assigned once), only finer than the true component
    assert_that(out | beam.Map(lambda kv: kv[0]), equal_to(ids))
    result = p.run()
    result.wait_until_finish()
    counters = query_counters(result)["DedupNear"]
    assert counters["cc.converged"] == 0 and counters["cc.unsettled_nodes"] > 0
    assert counters["cc.iterations"] == 1


@pytest.mark.timeout(600)
def test_same_output_with_one_and_two_workers(tmp_path):
    cfg = NearDedupConfig(max_iterations=3, seed=1)
    docs = _corpus(n_bases=3, copies=3, seed=1)
    outputs = []
    for workers in (1, 2):
        options = PipelineOptions(direct_num_workers=workers, direct_running_mode="multi_processing")
        kept, rejected, _, _ = _run(docs, cfg, tmp_path / f"w{workers}", options)
        outputs.append((kept, rejected))
    assert outputs[0] == outputs[1]
    assert len(outputs[0][1]) == 3 * 2
    assert outputs[0][1] == _reference(docs, cfg, LicenseConfig().allow)


@pytest.mark.timeout(300)
@pytest.mark.parametrize("verify", ["none", "estimate", "exact"])
def test_huge_bucket_is_linear_and_odd_records_are_accounted(tmp_path, verify):
    """300 copies of one boilerplate file in 300 repos: one cluster, k - 1 edges per band, not k^2."""
    text = (STDLIB / "bisect.py").read_text()
    copies = [
        records.make_document(
            source="github", repo=f"user{i:03d}/app", path="bisect.py", content=text + f"\n# {i}"
        )
        for i in range(300)
    ]
    no_text = records.make_document(source="local", repo="x", path="none.py", content="")
    no_text["content"] = None  # undecodable content upstream: kept, counted, never shingled
    twin = dict(copies[5])  # the same id twice (read twice upstream): both copies get the same verdict
    docs = [*copies, no_text, twin]
    cfg = NearDedupConfig(verify=verify, max_iterations=4, seed=1)
    kept, rejected, rows, counters = _run(docs, cfg, tmp_path)
    assert len(kept) == 2 and no_text["id"] in kept
    best = min(copies, key=lambda d: d["id"])["id"]  # equal rank otherwise: smallest id wins
    assert best in kept
    assert set(rejected.values()) == {best}
    assert len(rows) == 300  # 299 copies + the twin of a dropped copy
    assert counters["seen"] == counters["kept"] + counters["rejected.near_duplicate"] == len(docs)
    assert counters["clusters"] == 1 and counters["cluster_size.257-512"] == 1
    assert counters["lsh.edges"] <= 25 * 299  # star edges: linear in the bucket size
    assert counters["no_shingles"] == 1
    # bucket stars overlap (copies differ in a band or two), so a round or two merges them
    assert counters["cc.converged"] == 1 and counters["cc.iterations"] <= 2
    stats = stage_stats(counters)  # the stats.json shape
    assert stats["balanced"] and stats["cluster_size"] == {"257-512": 1} and stats["clusters"] == 1
    assert (
        stats["rejected"] == {"near_duplicate": 300}
        and stats["cc"]["iterations"] == counters["cc.iterations"]
    )


def test_optimal_bands_when_unset():
    stage = DedupNear(NearDedupConfig(bands=None, rows=None, threshold=0.8, num_perm=128, seed=1), LicenseConfig())
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=0.8, num_perm=128)
    assert (stage.bands, stage.rows) == (lsh.b, lsh.r)


def test_connected_components_of_a_star_forest_do_no_rounds():
    edges = [(f"b{i:03d}", "a000") for i in range(50)] + [("z2", "z1")]
    p = beam.Pipeline(runner=FnApiRunner())
    out = p | beam.Create(edges) | ConnectedComponents(max_iterations=3)
    assert_that(out, equal_to(sorted(union_find_components(edges).items())))
    result = p.run()
    result.wait_until_finish()
    counters = query_counters(result)["DedupNear"]
    assert counters["cc.iterations"] == 0 and counters["cc.converged"] == 1


CFG = NearDedupConfig(num_perm=64, bands=8, rows=8, seed=1)


def _doc(repo: str, path: str, text: str) -> dict:
    return records.make_document(source="github", repo=repo, path=path, content=text, lang="python", ext=".py")


@pytest.fixture(scope="module")
def texts() -> list[str]:
    files = sorted(p for p in STDLIB.glob("*.py") if 4000 < p.stat().st_size < 30000)[:6]
    return [p.read_text(encoding="utf-8", errors="replace") for p in files]


@pytest.mark.timeout(120)
def test_dedup_near_exposes_signatures_and_clusters(texts):
    from pipeline.stages.dedup_near import DedupNear

    lines = texts[0].splitlines()
    lines[2] = "# fork"
    docs = [_doc("a/x", "m.py", texts[0]), _doc("b/x", "m.py", "\n".join(lines)), _doc("c/y", "n.py", texts[1])]
    hasher = MinHasher(64, CFG.seed)
    with offline_test_pipeline() as p:
        out = p | beam.Create(docs) | DedupNear(NearDedupConfig(num_perm=64, bands=8, rows=8, max_iterations=4, seed=1))
        assert_that(out["signatures"], equal_to([(d["id"], encode_signature(hasher.signature(d["content"])))
                                                 for d in docs]), label="Signatures")
        pairs = out["rejected"] | beam.Map(lambda r: (r["id"], r["duplicate_of"]))
        assert_that(out["clusters"], equal_to([(docs[1]["id"], docs[0]["id"])] if docs[0]["id"] < docs[1]["id"]
                                              else [(docs[0]["id"], docs[1]["id"])]), label="Clusters")
        assert_that(pairs, equal_to([(docs[1]["id"], docs[0]["id"])] if docs[0]["id"] < docs[1]["id"]
                                    else [(docs[0]["id"], docs[1]["id"])]), label="SameAsRejected")


def test_verify_exact_keeps_only_links_at_the_threshold_by_exact_jaccard():
    """Proposals joined with hand-made shingle-hash sets: Jaccard 0.71 links, 0.69 does not, repeats once."""
    from pipeline.stages.dedup_near import VerifyExact

    rep = np.arange(100, dtype=np.uint32)
    # |A & B| / |A | B|: 83 shared of 117 = 0.709; 82 shared of 118 = 0.695
    above = np.concatenate([rep[:83], np.arange(1000, 1017, dtype=np.uint32)])
    below = np.concatenate([rep[:82], np.arange(2000, 2018, dtype=np.uint32)])
    sets = [("r", encode_hash_set(rep)), ("a", encode_hash_set(above)), ("b", encode_hash_set(below)),
            ("q", encode_hash_set(rep)), ("z", encode_hash_set(rep))]  # z is in no proposal
    # a proposed in three buckets; r is a member of q's as well as the representative of a and b
    proposals = [("a", "r"), ("b", "r"), ("a", "r"), ("a", "r"), ("r", "q")]
    p = beam.Pipeline(runner=FnApiRunner())
    edges = (p | "Proposals" >> beam.Create(proposals), p | "Sets" >> beam.Create(sets)) | VerifyExact(0.7)
    assert_that(edges, equal_to([("a", "r"), ("r", "q")]))
    result = p.run()
    result.wait_until_finish()
    counters = query_counters(result)["DedupNear"]
    assert counters["lsh.candidates"] == 3 and counters["lsh.edges"] == 2 and counters["lsh.verify_failed"] == 1
