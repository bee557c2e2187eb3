"""Stats without runner metrics (pipeline/metrics.py): detected, and counted from the written rows instead."""

from __future__ import annotations

import json

import pytest

from pipeline import metrics
from pipeline.build import run_build
from pipeline.config import parse_config
from tests.fakes.repos import spine_config


class _NoMetricsResult:
    def metrics(self):
        raise NotImplementedError("this runner has no metrics")


def test_runner_without_metrics_is_detected():
    assert metrics.runner_counters(_NoMetricsResult()) is None


@pytest.mark.timeout(180)
def test_counts_come_from_written_rows_when_the_runner_reports_none(tmp_path, tree, monkeypatch):
    with_metrics = run_build(parse_config(spine_config(tmp_path / "a", tree)), [], progress_every=0)
    assert with_metrics["counts_source"] == "runner_metrics" and with_metrics["accounting"]["balanced"]

    def no_metrics(result):
        raise NotImplementedError("no metrics")

    monkeypatch.setattr(metrics, "query_counters", no_metrics)
    rows = run_build(parse_config(spine_config(tmp_path / "b", tree)), [], progress_every=0)
    on_disk = json.loads((tmp_path / "b" / "stats.json").read_text())
    assert on_disk["counts_source"] == rows["counts_source"] == "output_rows"
    # The same documents and rejections, counted from the parquet parts instead of the counters.
    for key in ("documents", "rejected"):
        assert rows[key] == with_metrics[key]
    assert rows["documents"]["count"] > 0 and rows["rejected"]["by_reason"]
    assert list(rows["stages"]) == ["WriteDocuments", "WriteRejected"]
    assert rows["accounting"]["balanced"] is None  # nothing upstream to check against: said, not faked
    assert rows["accounting"]["documents_written"] == with_metrics["accounting"]["documents_written"]
