"""Large-star / small-star connected components on adversarial graphs, against union-find; the ranking
of a cluster's kept copy and cluster size bins (pipeline/algorithms/components.py)."""

from __future__ import annotations

import random

import pytest

from pipeline.algorithms.components import (
    PermissiveCheck,
    cluster_size_bin,
    component_of,
    is_settled,
    kept_copies,
    large_star,
    rank_key,
    small_star,
    star_components,
    star_round,
    union_find_components,
    unsettled_count,
)


def _ids(n: int, shuffle_seed: int | None = None) -> list[str]:
    ids = [f"{i:07d}" for i in range(n)]
    if shuffle_seed is not None:
        random.Random(shuffle_seed).shuffle(ids)
    return ids


def _check(edges, max_iterations=60):
    assignment, rounds, converged = star_components(edges, max_iterations)
    assert converged
    assert assignment == union_find_components(edges)
    return rounds


def test_union_find_reference():
    assert union_find_components([("b", "a"), ("c", "d"), ("d", "b"), ("x", "y")]) == {
        "a": "a",
        "b": "a",
        "c": "a",
        "d": "a",
        "x": "x",
        "y": "x",
    }


def test_steps_on_small_examples():
    assert list(large_star("c", ["a", "d", "e", "c"])) == [("d", "a"), ("e", "a")]
    assert list(large_star("a", [])) == []
    assert list(small_star("e", ["b", "c", "a", "f"])) == [("b", "a"), ("c", "a"), ("e", "a")]
    assert list(small_star("a", ["b"])) == []
    assert is_settled("a", ["b", "c"]) and is_settled("c", ["a"]) and is_settled("z", [])
    assert not is_settled("b", ["a", "c"]) and not is_settled("c", ["a", "b"])
    assert component_of("c", ["a", "b", "d"]) == "a" and component_of("a", ["b"]) == "a"


@pytest.mark.parametrize("order", ["ascending", "descending", "shuffled"])
def test_long_chain(order):
    n = 3000
    ids = _ids(n, shuffle_seed=1 if order == "shuffled" else None)
    if order == "descending":
        ids.reverse()
    edges = [(ids[i], ids[i + 1]) for i in range(n - 1)]
    rounds = _check(edges)
    assert rounds <= 20  # O(log^2 n) bound; observed ~log n


@pytest.mark.parametrize("centre", ["smallest", "largest", "middle"])
def test_star(centre):
    ids = _ids(2001)
    hub = {"smallest": ids[0], "largest": ids[-1], "middle": ids[1000]}[centre]
    edges = [(hub, other) for other in ids if other != hub]
    rounds = _check(edges)
    assert rounds <= 2


def test_one_huge_bucket_of_star_edges_converges_without_work():
    ids = _ids(10_000, shuffle_seed=2)
    root = min(ids)
    edges = [(i, root) for i in ids if i != root]
    assert unsettled_count(edges) == 0
    assignment, rounds, converged = star_components(edges)
    assert rounds == 0 and converged and set(assignment.values()) == {root}


def test_overlapping_buckets_form_chains_of_stars():
    # buckets {0..9}, {9..18}, ...: each star rooted at its own min, chained through shared members
    ids = _ids(1000, shuffle_seed=3)
    edges = []
    for start in range(0, 990, 9):
        bucket = ids[start : start + 10]
        root = min(bucket)
        edges += [(m, root) for m in bucket if m != root]
    _check(edges)


@pytest.mark.parametrize("seed", range(5))
def test_random_graphs_match_union_find(seed):
    rng = random.Random(seed)
    nodes = _ids(600, shuffle_seed=seed)
    edges = [(rng.choice(nodes), rng.choice(nodes)) for _ in range(rng.choice([150, 400, 900]))]
    edges = [(a, b) for a, b in edges if a != b]
    _check(edges)


def test_complete_graph_and_duplicates_and_cycles():
    ids = _ids(60)
    complete = [(a, b) for a in ids for b in ids if a < b]
    _check(complete)
    cycle = [(ids[i], ids[(i + 1) % 60]) for i in range(60)]
    _check(cycle + cycle + [(b, a) for a, b in cycle])


def test_unconverged_rounds_give_a_finer_partition_never_a_wrong_link():
    ids = _ids(4000)
    edges = [(ids[i], ids[i + 1]) for i in range(3999)]
    assignment, rounds, converged = star_components(edges, max_iterations=2)
    assert rounds == 2 and not converged
    truth = union_find_components(edges)
    assert set(assignment) == set(truth)
    # every group is inside one true component, and groups do not overlap (a partition)
    groups: dict = {}
    for node, group in assignment.items():
        groups.setdefault(group, set()).add(node)
    assert sum(len(g) for g in groups.values()) == len(assignment)
    assert all(len({truth[n] for n in g}) == 1 for g in groups.values())
    assert len(groups) > 1


def test_round_preserves_connectivity_and_sheds_edges():
    ids = _ids(500, shuffle_seed=4)
    edges = [(ids[i], ids[i + 1]) for i in range(499)]
    after = star_round(edges)
    assert union_find_components(after) == union_find_components(edges)
    assert unsettled_count(after) < unsettled_count(edges)


def test_rank_key_and_permissive():
    allow = PermissiveCheck(["MIT", "Apache-2.0"])
    assert allow("MIT") and allow("(MIT OR Apache-2.0)") and allow("mit")
    assert allow("MIT OR GPL-3.0-only")  # a permissive choice is enough (licence policy, issue 3)
    assert not allow("MIT AND GPL-3.0-only") and not allow(None) and not allow("")
    assert not allow("LicenseRef-scancode-unknown")
    base = dict(id="b", license="MIT", stars=1, pushed_at="2020-01-01T00:00:00Z", size_bytes=5)
    ranking = ["permissive", "stars", "recency", "id"]
    better = [
        dict(base, id="y", stars=2),  # more stars
        dict(base, id="x", pushed_at="2020-01-02T00:00:00"),  # more recent (naive = UTC)
        dict(base, id="a"),  # id breaks ties
    ]
    for doc in better:
        assert rank_key(doc, ranking, allow) < rank_key(base, ranking, allow), doc
    gpl = dict(base, license="GPL-3.0-only", stars=100)
    assert rank_key(dict(base, id="z", stars=0), ranking, allow) < rank_key(gpl, ranking, allow)
    assert rank_key(dict(base, stars=None), ranking, allow) > rank_key(dict(base, stars=0), ranking, allow)
    assert rank_key(dict(base, pushed_at="garbage"), ranking, allow) > rank_key(base, ranking, allow)
    assert rank_key(dict(base, id="c", size_bytes=9), ["size"], allow) < rank_key(base, ["size"], allow)
    assert rank_key(base, [], allow) == ("b",)


def test_cluster_size_bins():
    assert [cluster_size_bin(n) for n in (2, 16, 17, 32, 33, 1000)] == [
        "2",
        "16",
        "17-32",
        "17-32",
        "33-64",
        "513-1024",
    ]


def test_kept_copies_keep_the_best_ranked_member_of_each_component():
    assignment = union_find_components([("a", "b"), ("b", "c"), ("x", "y")])
    rank = {"a": 3, "b": 1, "c": 2, "x": 0, "y": 5}
    assert kept_copies(assignment, rank.__getitem__) == {"a": "b", "c": "b", "y": "x"}
