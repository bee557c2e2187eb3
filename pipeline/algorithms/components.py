"""Connected components by alternating large-star / small-star rounds (Kiveris et al., 2014).

"Connected Components in MapReduce and Beyond" (SoCC 2014). Nodes are totally ordered (document ids,
compared as strings); ``N(u)`` is u's neighbourhood in the undirected edge set. One round is:

- **large-star**, per node ``u``: ``m = min(N(u) + {u})``; emit edge ``(v, m)`` for every ``v`` in
  ``N(u)`` with ``v > u`` (every larger neighbour is re-hung on the smallest node u knows).
- **small-star**, per node ``u``, with ``L(u) = {v in N(u): v < u}``: ``m = min(L(u) + {u})``; emit
  ``(v, m)`` for every ``v`` in ``L(u) + {u}``, ``v != m`` (u and its smaller neighbours hang on m).

Both steps preserve connectivity and never link two components. The fixed point is a forest of stars,
each centred on its component's smallest node, and alternating the two converges in ``O(log^2 n)``
rounds (the paper's bound; ``O(log n)`` is observed in practice, usually a handful on dedup graphs,
whose bucket edges are already stars). Each step needs only one node's neighbourhood at a time, so
in Beam a step is a GroupByKey by node and a worker holds at most one node's neighbours: memory is
bounded by the largest degree (at most the largest bucket's size plus the node's other links).

Convergence is checked locally: the edge set is a star forest centred on minima iff no node has both
smaller and larger neighbours and no node has two smaller neighbours (``is_settled``). The number of
unsettled nodes is 0 exactly when a round would change nothing.

``star_components`` runs the rounds in memory (for tests and small data) with the same per-node
functions the Beam stage calls; ``union_find_components`` is the plain reference.

The kept copy of a component is its member with the smallest ``rank_key`` (The Stack v2's order by
default: permissive licence, stars, recency, then id), so the choice depends on the data alone.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator
from datetime import datetime, timezone
from typing import Any, TypeVar

from pipeline.licensing.policy import PERMISSIVE, LicensePolicy

Node = TypeVar("Node", bound=Hashable)
Edge = tuple[Node, Node]


def large_star(node: Node, neighbours: Iterable[Node]) -> Iterator[Edge]:
    """Large-star step of one node given its (undirected) neighbourhood."""
    distinct = set(neighbours)
    distinct.discard(node)
    if not distinct:
        return
    smallest = min(min(distinct), node)
    for other in sorted(distinct):
        if other > node:
            yield other, smallest


def small_star(node: Node, smaller: Iterable[Node]) -> Iterator[Edge]:
    """Small-star step of one node given its neighbours that are smaller than it."""
    distinct = {v for v in smaller if v < node}
    if not distinct:
        return
    smallest = min(distinct)
    for other in sorted(distinct):
        if other != smallest:
            yield other, smallest
    yield node, smallest


def is_settled(node: Node, neighbours: Iterable[Node]) -> bool:
    """True when the node is a star centre (only larger neighbours) or a leaf (one smaller, no larger)."""
    smaller = larger = 0
    seen: set = set()
    for other in neighbours:
        if other == node or other in seen:
            continue
        seen.add(other)
        if other < node:
            smaller += 1
        else:
            larger += 1
    return smaller == 0 or (smaller == 1 and larger == 0)


def component_of(node: Node, neighbours: Iterable[Node]) -> Node:
    """The component id a node takes after the rounds: its smallest smaller neighbour, or itself.

    Exact once settled (a leaf's only smaller neighbour is its centre, the component minimum). Before
    convergence it still assigns each node to exactly one group (a partition finer than the true
    components: fewer documents dropped, never a wrong link).
    """
    return min((v for v in neighbours if v < node), default=node)


def _neighbourhoods(edges: Iterable[Edge]) -> dict:
    adjacency: dict = defaultdict(set)
    for a, b in edges:
        if a != b:
            adjacency[a].add(b)
            adjacency[b].add(a)
    return adjacency


def star_round(edges: Iterable[Edge]) -> list[Edge]:
    """One large-star then small-star round over an edge list, in memory."""
    large = [e for node, nbrs in _neighbourhoods(edges).items() for e in large_star(node, nbrs)]
    smaller: dict = defaultdict(set)
    for a, b in large:
        high, low = (a, b) if a > b else (b, a)
        smaller[high].add(low)
    return sorted({e for node, lows in smaller.items() for e in small_star(node, lows)})


def unsettled_count(edges: Iterable[Edge]) -> int:
    """Nodes violating the star-forest condition (0 means converged)."""
    return sum(not is_settled(node, nbrs) for node, nbrs in _neighbourhoods(edges).items())


def star_components(edges: Iterable[Edge], max_iterations: int = 30) -> tuple[dict, int, bool]:
    """``({node: component min}, rounds run, converged)`` by large-star/small-star rounds in memory."""
    current = sorted({(a, b) for a, b in edges if a != b})
    rounds = 0
    while unsettled_count(current) and rounds < max_iterations:
        current = star_round(current)
        rounds += 1
    converged = unsettled_count(current) == 0
    assignment = {node: component_of(node, nbrs) for node, nbrs in _neighbourhoods(current).items()}
    return assignment, rounds, converged


def union_find_components(edges: Iterable[Edge]) -> dict:
    """Reference: ``{node: smallest node of its component}`` by union-find (single machine)."""
    parent: dict = {}

    def find(x):
        parent.setdefault(x, x)
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            parent[rb] = ra
    return {node: find(node) for node in list(parent)}


def kept_copies(assignment: dict, rank: Callable[[Any], Any]) -> dict:
    """Reference: ``{removed node: kept node}``; each component (``assignment``: node -> component) keeps
    its member of smallest ``rank`` (single machine; ``DedupNear``'s ``PickKept`` is the Beam form)."""
    members: dict = {}
    for node, component in assignment.items():
        members.setdefault(component, []).append(node)
    out = {}
    for group in members.values():
        best = min(group, key=rank)
        out.update({m: best for m in group if m != best})
    return out


# --------------------------------------------------------------------------- kept copy


class PermissiveCheck:
    """``check(expression) -> bool``: the licence policy's ``permissive`` verdict under ``allow``, cached.

    Expression logic is ``pipeline.licensing.policy``; a corpus has few distinct
    expressions, so each is parsed once per worker.
    """

    def __init__(self, allow: list[str] | tuple[str, ...]) -> None:
        self.policy = LicensePolicy(allow)
        self._cache: dict[str | None, bool] = {}

    def __call__(self, expression: str | None) -> bool:
        verdict = self._cache.get(expression)
        if verdict is None:
            verdict = self._cache[expression] = self.policy.verdict(expression) == PERMISSIVE
        return verdict


def _timestamp(value: str | None) -> float | None:
    if not value:
        return None
    try:
        stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if stamp.tzinfo is None:  # naive times are read as UTC, so every machine ranks them alike
            stamp = stamp.replace(tzinfo=timezone.utc)
        return stamp.timestamp()
    except (ValueError, OverflowError):  # not ISO-8601, or out of the platform's time range
        return None


def rank_key(doc: dict[str, Any], ranking: list[str], permissive: Callable[[str | None], bool]) -> tuple:
    """Sort key of a document as a kept copy: smaller is better; the id always breaks ties last.

    ``permissive`` (``permissive(doc["license"])``, e.g. a ``PermissiveCheck``) first, ``stars`` desc,
    ``recency`` (``pushed_at``) desc, ``size`` desc, ``id`` asc; missing or unparsable values rank last.
    """
    key: list[Any] = []
    for criterion in ranking:
        if criterion == "permissive":
            key.append(0 if permissive(doc.get("license")) else 1)
        elif criterion == "stars":
            stars = doc.get("stars")
            key.append(-stars if stars is not None else math.inf)
        elif criterion == "recency":
            stamp = _timestamp(doc.get("pushed_at"))
            key.append(-stamp if stamp is not None else math.inf)
        elif criterion == "size":
            key.append(-(doc.get("size_bytes") or 0))
        elif criterion == "id":
            key.append(doc["id"])
        else:
            raise ValueError(f"unknown ranking criterion {criterion!r}")
    key.append(doc["id"])
    return tuple(key)


def cluster_size_bin(size: int) -> str:
    """Histogram bin of a cluster size: exact up to 16, then powers of two (``17-32``, ``33-64``...)."""
    if size <= 16:
        return str(size)
    upper = 1 << (size - 1).bit_length()
    return f"{upper // 2 + 1}-{upper}"
