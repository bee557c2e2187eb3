"""LSH banding math, band keys and the edges a shared bucket yields."""

from __future__ import annotations

import numpy as np
import pytest
from datasketch import MinHashLSH

from pipeline.algorithms.lsh import (
    band_keys,
    candidate_edges,
    collision_probability,
    decode_hash_set,
    encode_hash_set,
    estimate_margin,
    hash_set_jaccard,
    optimal_bands,
    resolve_bands,
    star_edges,
    verified_edges,
)
from pipeline.algorithms.minhash import MinHasher, exact_jaccard
from pipeline.config import NearDedupConfig


@pytest.mark.parametrize(
    "similarity,bands,rows,expected",
    [(1.0, 25, 10, 1.0), (0.0, 25, 10, 0.0), (0.5, 1, 1, 0.5), (0.5, 2, 1, 0.75), (0.5, 1, 2, 0.25)],
)
def test_collision_probability_table(similarity, bands, rows, expected):
    assert collision_probability(similarity, bands, rows) == pytest.approx(expected)


def test_default_bands_put_the_s_curve_around_the_threshold():
    # 25 x 10 (BigCode): pairs at 0.85 almost always collide, pairs at 0.4 almost never.
    assert collision_probability(0.85, 25, 10) > 0.99
    assert collision_probability(0.7, 25, 10) > 0.5
    assert collision_probability(0.4, 25, 10) < 0.01
    values = [collision_probability(s / 10, 25, 10) for s in range(11)]
    assert values == sorted(values)


@pytest.mark.parametrize("threshold,num_perm", [(0.7, 256), (0.5, 128), (0.85, 64)])
def test_optimal_bands_match_datasketch_lsh(threshold, num_perm):
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    assert optimal_bands(threshold, num_perm) == (lsh.b, lsh.r)


def test_resolve_bands():
    assert resolve_bands(256, 0.7, 25, 10) == (25, 10)
    assert resolve_bands(128, 0.5, None, None) == optimal_bands(0.5, 128)
    with pytest.raises(ValueError, match="both"):
        resolve_bands(256, 0.7, 25, None)
    with pytest.raises(ValueError, match="exceeds"):
        resolve_bands(100, 0.7, 25, 10)
    with pytest.raises(ValueError, match="bands and rows"):
        NearDedupConfig(bands=None, rows=10)
    with pytest.raises(ValueError, match="exceeds num_perm"):
        NearDedupConfig(num_perm=128)


def test_band_keys_layout():
    sig = np.arange(256, dtype=np.uint32)
    keys = band_keys(sig, 25, 10)
    assert len(keys) == 25 == len(set(keys))
    assert all(len(k) == 2 + 4 * 10 for k in keys)
    assert keys[1][:2] == b"\x00\x01"
    assert np.frombuffer(keys[1][2:], dtype=">u4").tolist() == list(range(10, 20))
    changed = sig.copy()
    changed[15] = 7  # inside band 1 only
    other = band_keys(changed, 25, 10)
    assert [a == b for a, b in zip(keys, other, strict=True)] == [i != 1 for i in range(25)]
    # values beyond bands x rows (250..255) are unused
    tail = sig.copy()
    tail[255] = 0
    assert band_keys(tail, 25, 10) == keys
    with pytest.raises(ValueError, match="fewer than"):
        band_keys(sig[:100], 25, 10)


def test_empirical_collision_rate_follows_the_s_curve():
    """Pairs of sets at a known Jaccard share a band about as often as 1 - (1 - s^r)^b predicts."""
    hasher = MinHasher(64, seed=3)
    bands, rows = 8, 8
    rng = np.random.default_rng(0)
    for similarity in (0.5, 0.8):
        hits, trials = 0, 300
        for t in range(trials):
            # |A n B| / |A u B| = similarity with 200 shared tokens
            shared = 200
            own = int(round(shared * (1 - similarity) / (2 * similarity)))
            base = [f"s{t}_{i}" for i in range(shared)]
            a = base + [f"a{t}_{i}" for i in range(own)]
            b = base + [f"b{t}_{i}" for i in range(own)]
            rng.shuffle(a)
            rng.shuffle(b)
            sig_a = hasher.signature_of_hashes(np.unique(np.array([hash_token(x) for x in a], np.uint32)))
            sig_b = hasher.signature_of_hashes(np.unique(np.array([hash_token(x) for x in b], np.uint32)))
            hits += bool(set(band_keys(sig_a, bands, rows)) & set(band_keys(sig_b, bands, rows)))
        expected = collision_probability(similarity, bands, rows)
        spread = 4 * np.sqrt(expected * (1 - expected) / trials) + 0.02
        assert abs(hits / trials - expected) < spread, (similarity, hits / trials, expected)


def hash_token(token: str) -> int:
    import hashlib

    return int.from_bytes(hashlib.sha1(token.encode()).digest()[:4], "little")


def test_star_edges_of_a_huge_bucket_are_linear():
    members = [f"{i:06d}" for i in range(10_000)][::-1]
    edges = list(star_edges(members))
    assert len(edges) == 9_999
    assert {b for _, b in edges} == {"000000"}
    assert list(star_edges([])) == []
    assert list(star_edges(["x"])) == []
    assert list(star_edges(["b", "a", "b"])) == [("b", "a"), ("b", "a")]


def test_verified_edges_link_only_similar_members():
    hasher = MinHasher(128)
    text = " ".join(f"word{i}" for i in range(400))
    near = text.replace("word7 ", "changed ")
    far = " ".join(f"other{i}" for i in range(400))
    members = [("c", hasher.signature(far)), ("b", hasher.signature(near)), ("a", hasher.signature(text))]
    assert list(verified_edges(members, 0.7)) == [("b", "a")]
    # a bucket of identical copies keeps one representative: linear work, one edge per copy
    sig = hasher.signature(text)
    copies = [(f"{i:05d}", sig) for i in range(3000)]
    edges = list(verified_edges(copies, 0.9))
    assert len(edges) == 2999 and {b for _, b in edges} == {"00000"}
    assert list(verified_edges([("a", sig), ("a", sig)], 0.5)) == []


def test_estimate_margin_is_three_standard_errors():
    # 256 permutations at J = 0.7: standard error sqrt(0.7 * 0.3 / 256) = 0.0286
    assert estimate_margin(0.7, 256) == pytest.approx(3 * 0.028641, abs=1e-5)
    assert estimate_margin(0.7, 1024) == pytest.approx(estimate_margin(0.7, 256) / 2)


def test_candidate_edges_propose_every_representative_near_the_threshold():
    # Signatures built so each estimate is known: 100 values, a share of them changed.
    a = np.arange(100, dtype=np.uint32)
    b = a.copy()
    b[:25] += 1000  # estimate(a, b) = 0.75: near the threshold, b stays a representative
    c = b.copy()
    c[50:75] += 2000  # estimate(b, c) = 0.75, estimate(a, c) = 0.5: a chain a ~ b ~ c
    d = a.copy()
    d[99] += 3000  # estimate(a, d) = 0.99: surely similar, absorbed by a
    e = d.copy()
    e[75:99] += 4000  # estimate(d, e) = 0.76, estimate(a, e) = 0.75: proposed to a, not to absorbed d
    far = a + 10_000
    members = [("f", far), ("e", e), ("d", d), ("c", c), ("b", b), ("a", a)]
    edges = list(candidate_edges(members, low=0.65, absorb=0.8))
    # d is proposed to both representatives it is close to (estimate(b, d) = 0.74), not just the first
    assert edges == [("b", "a"), ("c", "b"), ("d", "a"), ("d", "b"), ("e", "a")]
    # identical copies: the first absorbs the rest, one proposal each (linear work)
    copies = [(f"{i:05d}", a) for i in range(3000)]
    proposals = list(candidate_edges(copies, 0.65, 0.8))
    assert len(proposals) == 2999 and {rep for _, rep in proposals} == {"00000"}
    assert list(candidate_edges([("a", a), ("a", a)], 0.65, 0.8)) == []


def test_hash_set_jaccard_is_exact():
    rng = np.random.default_rng(0)
    for _ in range(50):
        a = set(rng.integers(0, 500, rng.integers(0, 200)).tolist())
        b = set(rng.integers(0, 500, rng.integers(0, 200)).tolist())
        a_arr = decode_hash_set(encode_hash_set(np.array(sorted(a) + sorted(a), dtype=np.uint32)))
        b_arr = decode_hash_set(encode_hash_set(np.array(list(b), dtype=np.uint32)))
        assert list(a_arr) == sorted(a)  # sorted and distinct
        assert hash_set_jaccard(a_arr, b_arr) == pytest.approx(exact_jaccard(a, b))
    top = np.array([0xFFFFFFFF], dtype=np.uint32)
    assert hash_set_jaccard(top, np.array([1, 2], dtype=np.uint32)) == 0.0  # search past the end


def test_config_rejects_unsupported_combinations():
    with pytest.raises(ValueError, match="ngram <= 8"):
        NearDedupConfig(ngram=9)
    assert NearDedupConfig(ngram=9, hash="sha1").ngram == 9
    with pytest.raises(ValueError):
        NearDedupConfig(hash="md5")
    with pytest.raises(ValueError):
        NearDedupConfig(ranking=["popularity"])
    with pytest.raises(ValueError):
        NearDedupConfig(seed=-1)
    with pytest.raises(ValueError, match="verify: exact"):  # the renamed key names its replacement
        NearDedupConfig(verify_jaccard=True)
    with pytest.raises(ValueError):
        NearDedupConfig(verify="sometimes")
