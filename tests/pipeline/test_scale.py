"""Beyond one machine: stats without runner metrics, build progress, and a Dataflow dry run offline."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from pipeline import cli, metrics, progress
from pipeline.build import run_build
from pipeline.config import parse_config
from tests.pipeline.spine_helpers import make_local_tree

OTHERS_OFF = {"license": {"enabled": False}, "near_dedup": {"enabled": False}, "pii": {"enabled": False},
              "decontamination": {"enabled": False}}


def config(out: Path, tree: Path) -> dict:
    return {"output_dir": str(out),
            "build": {"sources": [{"kind": "local", "path": str(tree)}], "output": {"num_shards": 2}, **OTHERS_OFF}}


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    return make_local_tree(tmp_path_factory.mktemp("tree") / "repos")


class _NoMetricsResult:
    def metrics(self):
        raise NotImplementedError("this runner has no metrics")


def test_runner_without_metrics_is_detected():
    assert metrics.runner_counters(_NoMetricsResult()) is None


@pytest.mark.timeout(180)
def test_counts_come_from_written_rows_when_the_runner_reports_none(tmp_path, tree, monkeypatch):
    with_metrics = run_build(parse_config(config(tmp_path / "a", tree)), [], progress_every=0)
    assert with_metrics["counts_source"] == "runner_metrics" and with_metrics["accounting"]["balanced"]

    def no_metrics(result):
        raise NotImplementedError("no metrics")

    monkeypatch.setattr(metrics, "query_counters", no_metrics)
    rows = run_build(parse_config(config(tmp_path / "b", tree)), [], progress_every=0)
    on_disk = json.loads((tmp_path / "b" / "stats.json").read_text())
    assert on_disk["counts_source"] == rows["counts_source"] == "output_rows"
    # The same documents and rejections, counted from the parquet parts instead of the counters.
    for key in ("documents", "rejected"):
        assert rows[key] == with_metrics[key]
    assert rows["documents"]["count"] > 0 and rows["rejected"]["by_reason"]
    assert list(rows["stages"]) == ["WriteDocuments", "WriteRejected"]
    assert rows["accounting"]["balanced"] is None  # nothing upstream to check against: said, not faked
    assert rows["accounting"]["documents_written"] == with_metrics["accounting"]["documents_written"]


def test_progress_line_reports_files_bytes_and_stages():
    with progress.BuildProgress("", "in_memory", 3600, ["ReadRepositories", "FilterQuality"]) as watch:
        reader = metrics.StageCounters("ReadRepositories")
        for _ in range(3):
            reader.seen(2_000_000)
        quality = metrics.StageCounters("FilterQuality")
        quality.seen()
        quality.seen()
        quality.kept()
        quality.rejected("empty")
        line = watch.line()
    assert "read 3 files (6.0 MB)" in line and "FilterQuality 2->1 (-1)" in line
    metrics.StageCounters("ReadRepositories").seen()  # after the block: no longer tallied
    assert progress.snapshot() == {}


def test_remote_runner_points_to_its_ui(caplog):
    caplog.set_level(logging.INFO, logger="pipeline.progress")
    with progress.BuildProgress("FlinkRunner", "", 30, []):
        pass
    assert "Flink web UI" in caplog.text


@pytest.mark.timeout(180)
def test_build_logs_progress_while_it_runs(tmp_path, tree, caplog):
    caplog.set_level(logging.INFO, logger="pipeline.progress")
    run_build(parse_config(config(tmp_path / "out", tree)), [], progress_every=0.2)
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("progress ")]
    assert lines and all(" files (" in line for line in lines)


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_dataflow_dry_run_offline(tmp_path, tree, capsys):
    pytest.importorskip("google.cloud.storage", reason="apache-beam[gcp] is not installed (pip install -e '.[dataflow]')")
    import yaml

    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(config(tmp_path / "out", tree)))
    code = cli.main(["build", "--config", str(path), "--runner=DataflowRunner", "--project=my-project-123",
                     "--region=us-central1", "--temp_location=gs://b/t", "--dry_run=True"])
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert "dry run: nothing was submitted" in printed and "runner: DataflowRunner" in printed
    assert "ReadRepositories -> " in printed and "job request: name=" in printed
    assert not (tmp_path / "out").exists()  # a dry run writes nothing
