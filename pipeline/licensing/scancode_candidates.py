"""scancode's approximate-match candidate ranking, given only the rules that can pass its own filters.

Nearly all of scancode's time on a file header goes to ``licensedcode.match_set.compute_candidates``
(called by ``LicenseIndex.get_approximate_matches`` once for the whole query and once per query run):
it compares the query's token set with the token set of every approximately matchable rule (30,050 in
scancode-toolkit 32.5.0) in Python, 0.2-1 s per header, although a few thousand at most survive.

Its first step (``compare_token_sets`` with ``filter_non_matching=True``, scancode-toolkit
``licensedcode/match_set.py``) drops a rule when

- the rule and the query share no legalese ("high") token, or fewer distinct ones than the rule's
  ``min_high_matched_length_unique``;
- they share fewer distinct tokens than the rule's ``min_matched_length_unique``;
- (near-duplicate search, ``high_resemblance=True``) the resemblance of the two token sets is under
  the threshold: then no rule usually passes, and half of the calls cost nothing.

``install()`` wraps ``compute_candidates`` so that these are first computed for every rule at once
(inverted postings token -> rules, ``numpy.bincount``) and the original function runs unchanged on the
rules that pass them. A rule left out is one the original would have dropped in that same step, and the
rules kept are visited in the same order, so the candidates, their ranking and every match are exactly
scancode's (``tests/pipeline/licensing/test_scancode_candidates.py`` compares both on real texts).
Anything the filter was not written for (bigram multisets, another set of matchable rules, another
scancode major version) goes to the original.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import threading
import time
from itertools import chain
from typing import Any

import numpy as np

logger = logging.getLogger(__name__)

VERIFIED_MAJOR = "32."  # scancode-toolkit releases whose compute_candidates this filter was checked against
_NEVER = np.iinfo(np.int32).max  # threshold of a rule that is not approximately matchable

_lock = threading.Lock()
_tables: dict[int, tuple[Any, _Postings]] = {}
_original: Any = None


class _Postings:
    """For one ``LicenseIndex``: which approximately matchable rules hold each token, and each rule's
    two thresholds."""

    def __init__(self, idx: Any) -> None:
        started = time.process_time()
        rids = np.fromiter(sorted(idx.approx_matchable_rids), dtype=np.int32)
        tids_of = [idx.sets_by_rid[rid].tolist() for rid in rids.tolist()]
        lengths = np.fromiter(map(len, tids_of), dtype=np.int64, count=len(tids_of))
        tids = np.fromiter(chain.from_iterable(tids_of), dtype=np.int32, count=int(lengths.sum()))
        owners = np.repeat(rids, lengths)
        order = np.argsort(tids, kind="stable")
        self.rules = owners[order]  # rule ids, grouped by token id
        self.ntokens = int(tids.max()) + 1 if len(tids) else 0
        self.starts = np.searchsorted(tids[order], np.arange(self.ntokens + 1)).tolist()
        self.len_legalese = idx.len_legalese
        count = len(idx.rules_by_rid)
        self.min_high = np.full(count, _NEVER, dtype=np.int64)
        self.min_all = np.full(count, _NEVER, dtype=np.int64)
        self.set_len = np.ones(count, dtype=np.int64)
        for rid in rids.tolist():
            rule = idx.rules_by_rid[rid]
            # an empty high intersection is dropped too, whatever the rule's minimum
            self.min_high[rid] = max(1, rule.get_min_high_matched_length(True))
            self.min_all[rid] = rule.get_min_matched_length(True)
            self.set_len[rid] = rule.get_length(True)
        logger.info("scancode candidate postings: %d rules, %d entries, %.2f s", len(rids), len(tids),
                    time.process_time() - started)

    def _counts(self, tids: list[int]) -> np.ndarray:
        starts, rules = self.starts, self.rules
        parts = [rules[starts[t]:starts[t + 1]] for t in tids if t < self.ntokens]
        if not parts:
            return np.zeros(len(self.min_all), dtype=np.int64)
        return np.bincount(np.concatenate(parts), minlength=len(self.min_all))

    def passing(self, qset: Any, resemblance: float | None = None) -> set[int]:
        """Ids of the rules sharing enough distinct tokens, and enough distinct high tokens, with ``qset``
        and, when ``resemblance`` is given, whose token set resembles the query's at least that much."""
        tids = qset.tolist()
        high = self._counts([t for t in tids if t < self.len_legalese])
        keep = high >= self.min_high
        if not keep.any():
            return set()
        matched = self._counts(tids)
        keep &= matched >= self.min_all
        if resemblance is not None:
            # compare_token_sets: matched / (|query| + |rule| - matched), an int division computed the same
            # way (correctly rounded float64); the original keeps only rules at or above the threshold.
            keep &= matched / (len(tids) + self.set_len - matched) >= resemblance
        return set(np.flatnonzero(keep).tolist())


def index_fingerprint(idx: Any) -> str:
    """Hash of what the postings are made of: each rule's identifier, token-set size and thresholds."""
    digest = hashlib.sha256(f"{idx.len_legalese}|{len(idx.rules_by_rid)}".encode())
    for rid in sorted(idx.approx_matchable_rids):
        rule = idx.rules_by_rid[rid]
        digest.update(f"{rid} {rule.identifier} {len(idx.sets_by_rid[rid])} {rule.get_length(True)} "
                      f"{rule.get_min_high_matched_length(True)} {rule.get_min_matched_length(True)}\n".encode())
    return digest.hexdigest()


def _postings(idx: Any) -> _Postings:
    """The postings of ``idx``: built once per process, kept on disk between processes (0.6 s to build,
    milliseconds to load; ``scancode_data.cached_build``)."""
    from pipeline.licensing.scancode_data import cached_build

    with _lock:
        found = _tables.get(id(idx))
        if found is None or found[0] is not idx:
            postings = cached_build("scancode-postings", (index_fingerprint(idx),), lambda: _Postings(idx))
            found = _tables[id(idx)] = (idx, postings)
        return found[1]


def compute_candidates(query_run: Any, idx: Any, matchable_rids: Any, top: int = 50, high_resemblance: bool = False,
                       high_resemblance_threshold: float = 0.8, _use_bigrams: bool = False) -> list:
    """``licensedcode.match_set.compute_candidates`` on the rules that can pass its first step."""
    if _use_bigrams or matchable_rids is not idx.approx_matchable_rids:
        return _original(query_run, idx, matchable_rids, top, high_resemblance, high_resemblance_threshold,
                         _use_bigrams)
    from licensedcode.match_set import build_set_and_mset

    try:
        qset, _ = build_set_and_mset(query_run.matchable_tokens(), _use_bigrams=False)
        passing = _postings(idx).passing(qset, high_resemblance_threshold if high_resemblance else None)
    except Exception as exc:  # noqa: BLE001 -- the filter only saves time: without it, scancode as shipped
        logger.warning("candidate filter failed, scancode ranks every rule: %s", exc)
        return _original(query_run, idx, matchable_rids, top, high_resemblance, high_resemblance_threshold,
                         _use_bigrams)
    if not passing:
        return []  # the original returns an empty list when no rule passes its first step
    return _original(query_run, idx, passing, top, high_resemblance, high_resemblance_threshold, _use_bigrams)


def install() -> bool:
    """Put ``compute_candidates`` in scancode's place (once per process); False when this scancode
    release is not one the filter was checked against (scancode then runs as shipped)."""
    global _original
    from licensedcode import index, match_set

    with _lock:
        if _original is not None:
            return True
        version = importlib.metadata.version("scancode-toolkit")
        if not version.startswith(VERIFIED_MAJOR) or getattr(index, "USE_BIGRAM_MULTISETS", True):
            logger.warning("scancode-toolkit %s: approximate candidates computed as shipped", version)
            return False
        _original = match_set.compute_candidates
        match_set.compute_candidates = compute_candidates
        return True


def uninstall() -> None:
    """scancode's own ``compute_candidates`` back in place (tests compare both)."""
    global _original
    from licensedcode import match_set

    with _lock:
        if _original is not None:
            match_set.compute_candidates = _original
            _original = None
