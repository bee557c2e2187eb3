"""Faithful GitHub discovery against the loopback stand-in: incomplete later pages, a total that changes
between pages, a one-second slice that stays incomplete (recorded, summarised, listed again next run)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from pipeline.config import parse_config
from pipeline.crawl.cli import run_crawl
from tests.fakes.forge import FakeForge, crawl_section, created, github_repo


def _cfg(tmp_path: Path, forge: FakeForge, **discovery):
    section = crawl_section(forge.api_url, download_url=forge.dl.url,
                            discovery={"slice_max_results": forge.search_cap, **discovery})
    return parse_config({"output_dir": str(tmp_path / "out"), "crawl": section})


def _state(tmp_path: Path) -> dict:
    return json.loads((tmp_path / "out" / "raw" / "manifest" / "discovery" / "state.json").read_text())


def _listed(tmp_path: Path) -> set[str]:
    path = tmp_path / "out" / "raw" / "manifest" / "discovered.jsonl"
    return {json.loads(line)["full_name"] for line in path.read_text().splitlines()}


@pytest.fixture
def forge():
    with FakeForge(search_cap=1000) as f:
        yield f


@pytest.mark.timeout(120)
def test_incomplete_later_pages_are_asked_again_then_split(tmp_path, forge, caplog):
    for i in range(30):
        forge.add_github(github_repo(i + 1, f"org/r{i:02d}", created=created(i * 20)))
    # pages 2 and 3 of any slice answer incomplete_results (one item short) more often than the
    # per-page retries allow: the only faithful way on is narrower slices
    forge.incomplete_pages = {2: 4, 3: 4}
    caplog.set_level(logging.INFO, logger="pipeline.crawl")
    summary = run_crawl(_cfg(tmp_path, forge, per_page=5), [], discover_only=True)
    assert _listed(tmp_path) == set(forge.github)  # nothing lost
    d = summary["discovery"]
    assert d["incomplete_responses"] == 8 and d["slices_split.incomplete_results"] >= 1
    assert summary["repositories"]["unseen_by_discovery"] == 0
    state = _state(tmp_path)
    assert state["complete"] and not state["short"]
    text = caplog.text
    assert "incomplete_results" in text and "slice_max_results" not in text  # the real cause is named


@pytest.mark.timeout(120)
def test_one_second_slice_that_stays_incomplete_is_recorded_and_listed_again(tmp_path, forge, caplog):
    for i in range(6):  # six repositories created in the same second: that slice cannot be split
        forge.add_github(github_repo(i + 1, f"same/s{i}", created="2015-06-01T12:00:00Z"))
    forge.incomplete_pages = {2: 10_000}
    caplog.set_level(logging.WARNING, logger="pipeline.crawl")
    cfg = _cfg(tmp_path, forge, per_page=2)
    summary = run_crawl(cfg, [])
    assert summary["repositories"]["unseen_by_discovery"] == 1
    assert summary["unseen_causes"] == {"incomplete_results": 1}
    assert summary["repositories"]["fetched"] == 5  # what could be listed is fetched
    state = _state(tmp_path)
    assert not state["complete"]
    [(slice_id, short)] = state["short"].items()
    assert short == {"part": short["part"], "missing": 1, "cause": "incomplete_results"}
    assert "2015-06-01T12:00:00Z..2015-06-01T12:00:00Z" in slice_id
    assert "listed 5 of 6" in caplog.text and "incomplete_results" in caplog.text

    # the next run lists that slice (three pages) and nothing else, then fetches the one it missed
    forge.incomplete_pages = {}
    searches = forge.requests["api /search/repositories"]
    summary = run_crawl(cfg, [])
    assert forge.requests["api /search/repositories"] - searches == 3
    assert summary["repositories"]["unseen_by_discovery"] == 0 and summary["repositories"]["fetched"] == 6
    assert _state(tmp_path)["complete"] and set(forge.downloads.values()) == {1}


@pytest.mark.timeout(120)
def test_total_that_changes_between_pages_is_listed_again(tmp_path, forge):
    for i in range(20):
        forge.add_github(github_repo(i + 1, f"org/r{i:02d}", created=created(100 + i)))

    def create_mid_listing(f: FakeForge, n: int) -> None:
        if n == 2:  # between the first and second page: three repositories that sort first
            for j in range(3):
                f.add_github(github_repo(500 + j, f"aaa/new{j}", created=created(150)))

    forge.on_search = create_mid_listing
    summary = run_crawl(_cfg(tmp_path, forge, per_page=3), [], discover_only=True)
    # page 2 shifted by three: read naively, three repositories would be skipped
    assert _listed(tmp_path) == set(forge.github)
    assert summary["discovery"]["slice_relisted.total_changed"] >= 1
    assert summary["repositories"]["unseen_by_discovery"] == 0 and _state(tmp_path)["complete"]
