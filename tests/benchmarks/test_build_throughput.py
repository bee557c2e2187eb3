"""The build-throughput benchmark's figures: MB/s/core per mode, the on/off ratio and the goal."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.append(str(Path(__file__).resolve().parents[2] / "benchmarks"))  # after the stdlib's modules

from build_throughput import main, summarise  # noqa: E402


def _run(licences: bool, cpu_s: float, stages: dict[str, float]) -> dict:
    return {"licences": licences, "bytes": 20_000_000, "files": 100, "cpu_s": cpu_s, "wall_s": 2 * cpu_s,
            "documents": 80 if licences else 90, "stage_cpu_s": stages,
            "license_cache": {"hit": 5, "miss": 2} if licences else {}}


def test_ratio_is_per_pair_of_passes_and_shares_per_mode():
    runs = [
        _run(True, 40.0, {"DetectLicenses": 20.0, "runner": 20.0}),
        _run(False, 20.0, {"runner": 20.0}),
        _run(False, 25.0, {"runner": 25.0}),
        _run(True, 40.0, {"DetectLicenses": 10.0, "runner": 30.0}),
    ]
    s = summarise(runs, goal=0.5)
    assert s["on_mb_s_core"] == [0.5, 0.5] and s["off_mb_s_core"] == [1.0, 0.8]
    assert s["ratio"] == pytest.approx([0.5, 0.625]) and s["met"]
    assert s["stage_share_on"] == {"runner": 0.625, "DetectLicenses": 0.375}
    assert s["stage_share_off"] == {"runner": 1.0}
    assert s["documents"] == {"on": 80, "off": 90} and s["license_cache"] == {"hit": 5, "miss": 2}
    assert not summarise(runs, goal=0.6)["met"]


def test_exit_status_is_one_when_the_goal_is_missed(monkeypatch, capsys):
    import build_throughput as bt

    cpu = {True: 50.0, False: 20.0, None: 0.0}
    monkeypatch.setattr(bt, "run_pass", lambda include, licences: {"index": 1.0} if licences is None
                        else _run(licences, cpu[licences], {"runner": cpu[licences]}))
    monkeypatch.setattr(sys, "argv", ["build_throughput.py", "--include", "six", "--passes", "3"])
    assert main() == 1
    out = capsys.readouterr().out
    assert "goal >= 0.50: MISSED" in out and "ratio on/off" in out and "{'index': 1.0}" in out
