"""``DedupNear``: MinHash LSH near-deduplication with distributed connected components.

Steps, each a Beam step whose per-worker state is bounded (no side input or global combine carries
documents, signatures, band keys or edges):

1. ``Signatures``: per document, a MinHash signature (``pipeline.algorithms.minhash``; permutations
   built in ``setup``), its ``bands`` bucket keys, and its kept-copy rank (small tuple).
2. ``Buckets``: group by band key (ids only). ``verify: none``: a shared bucket yields star edges
   ``(member, smallest id)``: ``k - 1`` edges for ``k`` members, never the ``k^2`` pairs; a worker holds one
   bucket's ids at a time. Otherwise members of shared buckets are joined with their signatures
   (signatures travel once per document, then once per shared bucket a document is in; memory: one
   bucket's signatures) and linked by ``pipeline.algorithms.lsh``:
   - ``estimate``: to the first representative whose estimated Jaccard reaches the threshold
     (``verified_edges``);
   - ``exact`` (default): proposed to every representative within 3 standard errors of the estimate
     below the threshold (``candidate_edges``), then ``VerifyExact``: the proposals are joined by id with
     the shingle-hash sets (a set travels once per distinct pair its document is in, never once per
     band), then by pair, where each link is kept only when the exact Jaccard of its two sets reaches
     the threshold. A worker holds one document's set, or one pair's two sets, at a time, however large
     a cluster of near-copies grows.
3. ``ConnectedComponents``: ``max_iterations`` unrolled large-star / small-star rounds
   (``pipeline.algorithms.components``: algorithm, ``O(log^2 n)`` bound, local convergence test). Each
   round counts its unsettled nodes into a one-number side input; a round whose predecessor saw 0
   unsettled nodes passes edges through untouched (early no-op). A worker holds one node's neighbours.
4. ``PickKept``: group by component the members' ``(rank, id)`` tuples (not documents); the best rank
   (``pipeline.algorithms.components.rank_key``) is kept, every other member is marked with the kept id.
5. ``Route``: join the marks with the documents by id (one document per key at a time).
"""

from __future__ import annotations

import logging
from typing import Any

import apache_beam as beam

from pipeline import records
from pipeline.algorithms import components as cc
from pipeline.algorithms.components import PermissiveCheck, cluster_size_bin, rank_key
from pipeline.algorithms.dedup_keys import decode_signature, encode_signature
from pipeline.algorithms.lsh import (
    band_keys,
    candidate_edges,
    decode_hash_set,
    encode_hash_set,
    estimate_margin,
    hash_set_jaccard,
    resolve_bands,
    star_edges,
    verified_edges,
)
from pipeline.algorithms.minhash import MinHasher
from pipeline.algorithms.paths import is_vendored
from pipeline.config import LicenseConfig, NearDedupConfig
from pipeline.metrics import CountPassThroughFn, StageCounters

logger = logging.getLogger(__name__)

STAGE = "DedupNear"
REASON = "near_duplicate"


class _SignatureFn(beam.DoFn):
    """Document -> main ``(id, doc)``; ``bands``: ``(band key, id)``; ``ranks``: ``(id, rank key)``;
    ``signatures``: ``(id, signature bytes)`` (little-endian uint32); ``shingles`` (``verify: exact``
    only): ``(id, shingle-hash set bytes)`` (``pipeline.algorithms.lsh.encode_hash_set``)."""

    def __init__(self, cfg: NearDedupConfig, bands: int, rows: int, allow: list[str]) -> None:
        self.cfg = cfg
        self.bands = bands
        self.rows = rows
        self.allow = tuple(allow)
        self.counters = StageCounters(STAGE)

    def setup(self) -> None:
        cfg = self.cfg
        self.permissive = PermissiveCheck(self.allow)
        self.hasher = MinHasher(
            cfg.num_perm, cfg.seed, ngram=cfg.ngram, lowercase=cfg.lowercase, tokens=cfg.tokens, hash=cfg.hash
        )

    def process(self, doc: dict[str, Any]):
        self.counters.seen(doc.get("size_bytes") or 0)
        doc_id = doc["id"]
        yield doc_id, doc
        content = doc.get("content")
        hashes = self.hasher.shingle_hashes(content) if content else None
        signature = self.hasher.signature_of_hashes(hashes) if hashes is not None else None
        if signature is None:
            self.counters.inc("no_shingles")
            return
        yield beam.pvalue.TaggedOutput("ranks", (doc_id, rank_key(doc, self.cfg.ranking, self.permissive)))
        # Always emitted: verification uses them, and the build persists them (dedup_keys/).
        yield beam.pvalue.TaggedOutput("signatures", (doc_id, encode_signature(signature)))
        if self.cfg.verify == "exact":  # the same shingles the signature is made of
            yield beam.pvalue.TaggedOutput("shingles", (doc_id, encode_hash_set(hashes)))
        for key in band_keys(signature, self.bands, self.rows):
            yield beam.pvalue.TaggedOutput("bands", (key, doc_id))


class _StarEdgesFn(beam.DoFn):
    """``(band key, ids)`` -> star edges ``(id, smallest id)`` of a shared bucket (``k - 1`` for ``k``)."""

    def __init__(self) -> None:
        self.counters = StageCounters(STAGE)

    def process(self, element):
        _, members = element
        emitted = 0
        for edge in star_edges(members):
            emitted += 1
            yield edge
        if emitted:
            self.counters.inc("lsh.shared_buckets")
            self.counters.inc("lsh.edges", emitted)


class _SharedMembershipFn(beam.DoFn):
    """``(band key, ids)`` -> ``(id, band key)`` per distinct member of a shared bucket (verify mode)."""

    def __init__(self) -> None:
        self.counters = StageCounters(STAGE)

    def process(self, element):
        key, members = element
        first = None
        shared = False
        for member in members:  # a first pass finds out whether the bucket is shared, holding nothing
            if first is None:
                first = member
            elif member != first:
                shared = True
                break
        if not shared:
            return
        self.counters.inc("lsh.shared_buckets")
        for member in set(members):
            yield member, key


def _attach_signature(element):
    """``(id, {signature: [bytes], bucket: [keys]})`` -> ``(band key, (id, signature bytes))``."""
    doc_id, grouped = element
    signatures = list(grouped["signature"])
    if signatures:
        for key in grouped["bucket"]:
            yield key, (doc_id, signatures[0])


class _VerifiedEdgesFn(beam.DoFn):
    """``(band key, [(id, signature)])`` -> edges whose estimated Jaccard reaches the threshold."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.counters = StageCounters(STAGE)

    def process(self, element):
        _, members = element
        decoded = [(doc_id, decode_signature(sig)) for doc_id, sig in members]
        emitted = 0
        for edge in verified_edges(decoded, self.threshold):
            emitted += 1
            yield edge
        self.counters.inc("lsh.edges", emitted)
        # members linked to no representative (each bucket's first member is one by construction)
        self.counters.inc("lsh.verify_failed", max(len({d for d, _ in decoded}) - emitted - 1, 0))


class _CandidateEdgesFn(beam.DoFn):
    """``(band key, [(id, signature)])`` -> proposed links ``(member, representative)`` (``verify: exact``)."""

    def __init__(self, low: float, absorb: float) -> None:
        self.low = low
        self.absorb = absorb

    def process(self, element):
        _, members = element
        decoded = ((doc_id, decode_signature(sig)) for doc_id, sig in members)
        yield from candidate_edges(decoded, self.low, self.absorb)


def _tag(tag: str):
    return lambda doc_id, value: (doc_id, (tag, value))


class _PairSetsFn(beam.DoFn):
    """By document id: ``("set", bytes)`` once, ``("to", representative)`` per proposal naming it as the
    member, ``("from", member)`` per proposal naming it as the representative -> ``((member,
    representative), bytes)`` for every distinct pair it belongs to, its own set as the value.

    One pass over the grouped values (no re-iteration, which a runner could only serve by holding the
    group): it keeps its set and its partners' ids, never another document's set.
    """

    def __init__(self) -> None:
        self.counters = StageCounters(STAGE)

    def process(self, element):
        doc_id, values = element
        own = None
        representatives: set[str] = set()
        members: set[str] = set()
        for tag, value in values:
            if tag == "set":
                own = value
            elif tag == "to":
                representatives.add(value)
            else:
                members.add(value)
        representatives.discard(doc_id)
        members.discard(doc_id)
        if own is None:  # a proposal names only documents with shingles: not reached
            return
        self.counters.inc("lsh.candidates", len(representatives))
        for representative in sorted(representatives):
            yield (doc_id, representative), own
        for member in sorted(members):
            yield (member, doc_id), own


class _ExactEdgeFn(beam.DoFn):
    """``((member, representative), [set, set])`` -> the edge ``(member, representative)`` when the exact
    Jaccard of the two shingle-hash sets reaches the threshold."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.counters = StageCounters(STAGE)

    def process(self, element):
        (member, representative), sets = element
        pair = list(sets)
        if len(pair) != 2:  # each end sends its set once; an end without one (not reached) links nothing
            return
        if hash_set_jaccard(decode_hash_set(pair[0]), decode_hash_set(pair[1])) >= self.threshold:
            self.counters.inc("lsh.edges")
            yield member, representative
        else:
            self.counters.inc("lsh.verify_failed")


class VerifyExact(beam.PTransform):
    """Proposed links ``(member, representative)`` (repeats allowed) + ``(id, shingle-hash set bytes)`` ->
    the distinct links whose exact Jaccard is >= ``threshold``.

    Two joins, so no key's group ever holds more than two sets: by document id (its set, and the ids it
    is linked to either way), which sends the set once to each distinct pair it is in; then by pair,
    where the two ends' sets meet and are compared. Counters: ``lsh.candidates`` (distinct proposals),
    ``lsh.edges`` (confirmed), ``lsh.verify_failed``.
    """

    def __init__(self, threshold: float) -> None:
        super().__init__()
        self.threshold = threshold

    def expand(self, inputs):
        proposals, shingles = inputs
        return (
            (
                shingles | "TagSet" >> beam.MapTuple(_tag("set")),
                proposals | "TagTo" >> beam.MapTuple(_tag("to")),
                proposals | "TagFrom" >> beam.MapTuple(lambda member, rep: (rep, ("from", member))),
            )
            | "FlattenById" >> beam.Flatten()
            | "GroupById" >> beam.GroupByKey()
            | "PairSets" >> beam.ParDo(_PairSetsFn())
            | "GroupByPair" >> beam.GroupByKey()
            | "ExactEdges" >> beam.ParDo(_ExactEdgeFn(self.threshold))
        )


class _LargeStarFn(beam.DoFn):
    """``(node, neighbours)`` -> large-star edges; ``unsettled``: 1 per node not yet a star member."""

    def process(self, element, previous_unsettled: int = 1):
        node, neighbours = element
        neighbours = set(neighbours)
        if previous_unsettled == 0:  # the previous round's input had converged: so has this one
            yield from ((other, node) for other in neighbours if other > node)
            return
        if not cc.is_settled(node, neighbours):
            yield beam.pvalue.TaggedOutput("unsettled", 1)
        yield from cc.large_star(node, neighbours)


class _SmallStarFn(beam.DoFn):
    """``(node, smaller neighbours)`` -> small-star edges, in both directions (the next grouping's input)."""

    def process(self, element, previous_unsettled: int = 1):
        node, smaller = element
        if previous_unsettled == 0:
            edges = ((node, other) for other in set(smaller))
        else:
            edges = cc.small_star(node, smaller)
        for a, b in edges:
            yield a, b
            yield b, a


class _AssignFn(beam.DoFn):
    """``(node, neighbours)`` of the final edges -> ``(node, component)``; ``unsettled`` as above."""

    def process(self, element):
        node, neighbours = element
        neighbours = set(neighbours)
        if not cc.is_settled(node, neighbours):
            yield beam.pvalue.TaggedOutput("unsettled", 1)
        yield node, cc.component_of(node, neighbours)


class _CountRoundsFn(beam.DoFn):
    """Counts the rounds whose input graph still had unsettled nodes (the rounds that did work)."""

    def __init__(self) -> None:
        self.counters = StageCounters(STAGE)

    def process(self, unsettled: int):
        # inc(0) still reports the counter, so stats.json shows cc.iterations = 0 for a graph of stars
        self.counters.inc("cc.iterations", 1 if unsettled else 0)


class _ConvergedFn(beam.DoFn):
    def __init__(self, max_iterations: int) -> None:
        self.max_iterations = max_iterations
        self.counters = StageCounters(STAGE)

    def process(self, unsettled: int):
        self.counters.inc("cc.converged", 0 if unsettled else 1)
        self.counters.inc("cc.unsettled_nodes", unsettled)
        if unsettled:
            logger.warning(
                "near-dedup connected components did not converge in %d rounds (%d unsettled nodes): "
                "those clusters are split, fewer near-duplicates removed; raise "
                "build.near_dedup.max_iterations",
                self.max_iterations,
                unsettled,
            )


def _symmetric(edge):
    a, b = edge
    yield a, b
    yield b, a


class ConnectedComponents(beam.PTransform):
    """Edges ``(id, id)`` -> ``(id, component id)`` for every node of an edge (component = min id).

    Unrolled large-star / small-star rounds with a convergence count per round (see module docstring).
    Counters (stage ``DedupNear``): ``cc.iterations`` (rounds that changed the graph), ``cc.converged``
    (1 or 0), ``cc.unsettled_nodes`` (0 when converged).
    """

    def __init__(self, max_iterations: int) -> None:
        super().__init__()
        self.max_iterations = max_iterations

    def expand(self, edges):
        # Edges travel in both directions, so grouping by node gives each node its whole neighbourhood.
        current = edges | "Symmetric" >> beam.FlatMap(_symmetric)
        previous = None
        counts = []
        for i in range(1, self.max_iterations + 1):
            skip = {} if previous is None else {"previous_unsettled": beam.pvalue.AsSingleton(previous)}
            large = (
                current
                | f"GroupNeighbours{i}" >> beam.GroupByKey()
                | f"LargeStar{i}"
                >> beam.ParDo(_LargeStarFn(), **skip).with_outputs("unsettled", main="edges")
            )
            previous = large.unsettled | f"CountUnsettled{i}" >> beam.CombineGlobally(sum)
            counts.append(previous)
            # large-star edges are (larger, smaller): grouping them by key gives each node its smaller side
            current = (
                large.edges
                | f"GroupSmaller{i}" >> beam.GroupByKey()
                | f"SmallStar{i}" >> beam.ParDo(_SmallStarFn(), **skip)
            )
        _ = counts | "FlattenRounds" >> beam.Flatten() | "CountRounds" >> beam.ParDo(_CountRoundsFn())
        final = (
            current
            | "GroupFinal" >> beam.GroupByKey()
            | "Assign" >> beam.ParDo(_AssignFn()).with_outputs("unsettled", main="assignment")
        )
        _ = (
            final.unsettled
            | "CountFinalUnsettled" >> beam.CombineGlobally(sum)
            | "CheckConverged" >> beam.ParDo(_ConvergedFn(self.max_iterations))
        )
        return final.assignment


def _member_of_component(element):
    node, grouped = element
    comps = list(grouped["component"])
    ranks = list(grouped["rank"])
    if comps and ranks:
        yield comps[0], (min(ranks), node)


class _PickKeptFn(beam.DoFn):
    """``(component, [(rank, id)])`` -> ``(id, (kept id, cluster size))`` for every member not kept."""

    def __init__(self) -> None:
        self.counters = StageCounters(STAGE)

    def process(self, element):
        _, members = element
        members = sorted(set(members))
        best_id = members[0][1]
        self.counters.inc("clusters")
        self.counters.inc(f"cluster_size.{cluster_size_bin(len(members))}")
        for _, doc_id in members[1:]:
            yield doc_id, (best_id, len(members))


class _RouteFn(beam.DoFn):
    """``(id, {doc: [...], duplicate: [...]})`` -> kept documents; ``rejected`` near-duplicates."""

    def __init__(self) -> None:
        self.counters = StageCounters(STAGE)

    def process(self, element):
        _, grouped = element
        marks = list(grouped["duplicate"])
        for doc in grouped["doc"]:
            nbytes = doc.get("size_bytes") or 0
            if not marks:
                self.counters.kept(nbytes)
                yield doc
                continue
            kept_id, size = marks[0]
            self.counters.rejected(REASON, nbytes)
            if is_vendored(doc["path"]):
                self.counters.inc("vendored_copies_removed")  # stats.json: pip/_vendor-style copies dropped
            detail = f"near-duplicate of {kept_id} (cluster of {size} documents)"
            yield beam.pvalue.TaggedOutput(
                "rejected", records.reject(doc, REASON, detail, duplicate_of=kept_id)
            )


class DedupNear(beam.PTransform):
    """Near-duplicate removal: Document -> ``{"kept": Document, "rejected": Rejected}``.

    Input: ``Document`` dicts (``records.DOCUMENT_SCHEMA``). Outputs: ``kept`` (one document per
    near-duplicate cluster: the best by ``near_cfg.ranking``, plus every document in no cluster, including
    those with no word token) and ``rejected`` (reason ``near_duplicate``, ``duplicate_of`` = the kept
    document's id). ``enabled: false`` passes everything to ``kept``. For ``DedupPastRelease`` and the
    persisted ``dedup_keys/``, two more outputs: ``signatures`` (``(id, signature bytes)`` of every input
    document with shingles) and ``clusters`` (``(id, kept id)`` of every document rejected here).

    Counters (``DedupNear``): ``seen``, ``kept``, ``rejected.near_duplicate``, ``bytes.seen|kept|rejected``
    (``bytes.rejected`` = bytes removed), ``no_shingles``, ``lsh.shared_buckets``, ``lsh.candidates``
    (``verify: exact``: distinct proposed links), ``lsh.edges`` (links into connected components),
    ``lsh.verify_failed`` (proposals or bucket members left unlinked), ``clusters``, ``cluster_size.<n>`` (exact to 16, then ``17-32``, ``33-64``...),
    ``cc.iterations``, ``cc.converged`` (1/0), ``cc.unsettled_nodes``.
    """

    def __init__(self, near_cfg: NearDedupConfig, license_cfg: LicenseConfig | None = None) -> None:
        super().__init__()
        if near_cfg.enabled and near_cfg.seed is None:
            raise ValueError("near_dedup.seed is not set (the config loader fills it from the top-level seed)")
        self.cfg = near_cfg
        self.allow = list((license_cfg or LicenseConfig()).allow)
        self.bands, self.rows = resolve_bands(
            near_cfg.num_perm, near_cfg.threshold, near_cfg.bands, near_cfg.rows
        )

    def expand(self, docs):
        cfg = self.cfg
        if not cfg.enabled:
            kept = docs | "PassThrough" >> beam.ParDo(CountPassThroughFn(STAGE))
            rejected = docs.pipeline | "NoRejected" >> beam.Create([])
            return {"kept": kept, "rejected": rejected, "signatures": docs.pipeline | "NoSignatures" >> beam.Create([]),
                    "clusters": docs.pipeline | "NoClusters" >> beam.Create([])}
        logger.info("near-dedup: %d bands x %d rows, threshold %.2f", self.bands, self.rows, cfg.threshold)
        sig = docs | "Signatures" >> beam.ParDo(
            _SignatureFn(cfg, self.bands, self.rows, self.allow)
        ).with_outputs("bands", "ranks", "signatures", "shingles", main="docs")
        buckets = sig.bands | "GroupBuckets" >> beam.GroupByKey()
        if cfg.verify == "none":
            edges = buckets | "StarEdges" >> beam.ParDo(_StarEdgesFn())
        else:
            # Signatures travel once per document, and again only for members of shared buckets.
            shared = (
                {
                    "bucket": buckets | "SharedMembership" >> beam.ParDo(_SharedMembershipFn()),
                    "signature": sig.signatures,
                }
                | "JoinSignatures" >> beam.CoGroupByKey()
                | "AttachSignature" >> beam.FlatMap(_attach_signature)
                | "GroupSharedBuckets" >> beam.GroupByKey()
            )
            if cfg.verify == "estimate":
                edges = shared | "VerifiedEdges" >> beam.ParDo(_VerifiedEdgesFn(cfg.threshold))
            else:
                margin = estimate_margin(cfg.threshold, cfg.num_perm)
                proposals = shared | "CandidateEdges" >> beam.ParDo(
                    _CandidateEdgesFn(cfg.threshold - margin, cfg.threshold + margin)
                )
                edges = (proposals, sig.shingles) | "VerifyExact" >> VerifyExact(cfg.threshold)
        assignment = edges | "ConnectedComponents" >> ConnectedComponents(cfg.max_iterations)
        marks = (
            {"component": assignment, "rank": sig.ranks}
            | "JoinRanks" >> beam.CoGroupByKey()
            | "MemberOfComponent" >> beam.FlatMap(_member_of_component)
            | "GroupComponents" >> beam.GroupByKey()
            | "PickKept" >> beam.ParDo(_PickKeptFn())
        )
        routed = (
            {"doc": sig.docs, "duplicate": marks}
            | "JoinMarks" >> beam.CoGroupByKey()
            | "Route" >> beam.ParDo(_RouteFn()).with_outputs("rejected", main="kept")
        )
        clusters = marks | "ClusterOf" >> beam.MapTuple(lambda doc_id, mark: (doc_id, mark[0]))
        return {"kept": routed.kept, "rejected": routed.rejected, "signatures": sig.signatures, "clusters": clusters}
