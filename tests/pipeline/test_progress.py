"""Build progress (pipeline/progress.py): the progress line, the runner-UI pointer, progress logged while a
build runs."""

from __future__ import annotations

import logging

import pytest

from pipeline import metrics, progress
from pipeline.build import run_build
from pipeline.config import parse_config
from tests.fakes.repos import spine_config


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
    run_build(parse_config(spine_config(tmp_path / "out", tree)), [], progress_every=0.2)
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("progress ")]
    assert lines and all(" files (" in line for line in lines)
