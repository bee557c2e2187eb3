"""The near-dedup benchmarks' scoring: a removal is judged against the copy kept in its place."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.append(str(Path(__file__).resolve().parents[2] / "benchmarks"))  # after the stdlib's modules

from near_dedup_quality import score  # noqa: E402


def test_direct_chained_and_wrong_removals():
    docs = [{"id": f"d{i}", "size_bytes": 10} for i in range(6)]
    # True pairs (index pairs, i < j) at Jaccard >= 0.7: a chain 0~1~2, and 3~4; 5 has no near-duplicate.
    pairs = {(0, 1): 0.9, (1, 2): 0.75, (3, 4): 0.85}
    best = np.array([0.9, 0.9, 0.75, 0.85, 0.85, 0.1])
    dropped = {"d1": "d0", "d2": "d0", "d5": "d3"}  # d2 is linked to d0 only through d1
    result = score(docs, dropped, pairs, best, 0.7)
    assert (result["direct"], result["chained"], result["wrong_drops"]) == (1, 1, 1)
    assert result["chained_share"] == 1 / 3 and result["wrong_drop_share"] == 1 / 3
    # d0, d1, d2 share a cluster: pairs (0,1) and (1,2) recalled; (3,4) not (d4 kept apart from d3).
    assert result["recall"] == 2 / 3
    assert result["recall_by_band"]["0.7-0.8"] == (1.0, 1) and result["recall_by_band"]["0.8-0.9"] == (0.0, 1)
    assert result["no_true_neighbour"] == 1  # the older rule also catches d5, but not a wrong keeper
