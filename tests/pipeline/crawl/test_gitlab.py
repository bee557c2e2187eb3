"""GitLab (pipeline/crawl/gitlab.py) crawls against the fake host: keyset pagination, per-project licence,
archive endpoint; records from recorded pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.config import parse_config
from pipeline.crawl import gitlab
from pipeline.crawl.cli import run_crawl
from pipeline.errors import ConfigError, FatalError
from tests.fakes.forge import FakeForge, crawl_section, gitlab_project


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


@pytest.fixture
def forge():
    with FakeForge() as f:
        keys = ["mit", None, "gpl-3.0", "apache-2.0", "mit", "unknown-key", "mit"]
        for i, key in enumerate(keys):
            f.add_gitlab(gitlab_project(100 + i, f"group{i % 2}/sub/project-{i}", license_key=key, stars=i),
                         files={"lib.py": f"VALUE = {i}\n"})
        f.add_gitlab(gitlab_project(200, "group0/fork", license_key="mit", forked=True))
        f.add_gitlab(gitlab_project(201, "group0/archived", license_key="mit", archived=True))
        yield f


def _cfg(tmp_path: Path, forge: FakeForge, **crawl):
    section = crawl_section(forge.gitlab_url, host="gitlab", **crawl)
    section["discovery"].update(per_page=3)
    return parse_config({"output_dir": str(tmp_path / "out"), "crawl": section})


@pytest.mark.timeout(120)
def test_keyset_listing_with_licence_lookup(tmp_path, forge):
    forge.fault("gitlab_list", "500")
    forge.fault("archive:103", "429_retry_after", "truncate")
    cfg = _cfg(tmp_path, forge, gitlab_license="fetch", discovery={"licenses": ["MIT", "Apache-2.0"]})
    summary = run_crawl(cfg, [])

    # 8 listed (archived filtered by the server), over 3 keyset pages (plus the retried 500)
    assert summary["discovery"]["listing_pages"] == 3
    assert summary["discovery"]["discovered"] == 8
    assert forge.requests["api /api/v4/projects"] == 4
    results = {row["full_name"]: row for row in _rows(tmp_path / "out" / "raw" / "manifest" / "results.jsonl")}
    fetched = {name for name, row in results.items() if row["status"] == "fetched"}
    assert fetched == {"group0/sub/project-0", "group1/sub/project-3", "group0/sub/project-4", "group0/sub/project-6"}
    # the fork is left out from the listing data, with no licence request, and recorded
    assert "group0/fork" not in results and summary["discovery"]["skipped.fork"] == 1
    skipped = _rows(tmp_path / "out" / "raw" / "manifest" / "discovery_skipped.jsonl")
    assert skipped == [{"full_name": "group0/fork", "id": 200, "reason": "fork"}]
    assert results["group1/sub/project-1"]["reason"] == "license_missing"
    assert results["group0/sub/project-2"]["reason"] == "license_not_allowed"
    assert results["group1/sub/project-5"]["reason"] == "license_noassertion"
    assert all(forge.downloads[name] == 1 for name in fetched)
    # one licence request plus the archive endpoint, which is the project's one download
    assert results["group0/sub/project-0"]["requests"] == {"api": 1, "download": 1}
    assert forge.requests.get("api /api/v4/projects/200", 0) == 0
    rows = {row["name"]: row for row in _rows(tmp_path / "out" / "raw" / "repos" / "repos.jsonl")}
    assert rows["group1/sub/project-3"]["license"] == "Apache-2.0"
    assert rows["group1/sub/project-3"]["file"] == "group1__sub__project-3.tar.gz"
    assert (tmp_path / "out" / "raw" / "repos" / "group1__sub__project-3.tar.gz").read_bytes() == \
        forge.tarballs["group1/sub/project-3"]


@pytest.mark.timeout(120)
def test_listing_without_licence_keeps_host_licence_null(tmp_path, forge):
    cfg = _cfg(tmp_path, forge, discovery={"max_repositories": 5})
    summary = run_crawl(cfg, [])
    rows = _rows(tmp_path / "out" / "raw" / "repos" / "repos.jsonl")
    assert len(rows) == 5 and all(row["license"] is None and row["host"] == "gitlab" for row in rows)
    assert summary["this_run"]["requests_per_repository"] == {"download": 1.0}
    assert summary["this_run"]["api_requests_per_selected"]["fetch"] == 0
    assert not any(key.endswith(("/100", "/101")) for key in forge.requests)  # no per-project request
    # a larger cap continues the checkpointed listing and fetches only the new repositories
    listed = forge.requests["api /api/v4/projects"]
    summary = run_crawl(_cfg(tmp_path, forge, discovery={"max_repositories": 7}), [])
    assert summary["repositories"]["fetched"] == 7 and summary["this_run"]["processed"] == 2
    assert forge.requests["api /api/v4/projects"] - listed == 1  # only the page after the checkpoint
    assert set(forge.downloads.values()) == {1}


@pytest.mark.timeout(120)
def test_listing_resumes_from_saved_keyset_link(tmp_path, forge):
    forge.fault("gitlab_list", "ok", *["502"] * 20)
    cfg = _cfg(tmp_path, forge)
    with pytest.raises(FatalError, match="resume"):
        run_crawl(cfg, [])
    forge.faults.clear()
    listed = forge.requests["api /api/v4/projects"]
    summary = run_crawl(cfg, [])
    assert forge.requests["api /api/v4/projects"] - listed == 2  # pages 2 and 3; page 1 came from the checkpoint
    assert summary["repositories"]["fetched"] == 7 and summary["discovery"]["skipped.fork"] == 1
    assert set(forge.downloads.values()) == {1}


def test_gitlab_licence_filter_needs_fetch(tmp_path):
    with pytest.raises(ConfigError, match="gitlab_license: fetch"):
        parse_config({"output_dir": str(tmp_path), "crawl": {"host": "gitlab", "discovery": {"licenses": ["MIT"]}}})


def test_records_from_recorded_gitlab_pages(shared_data):
    page = json.loads((shared_data / "gitlab" / "swh_lister" / "https_gitlab.com_api_response_page1.json").read_text())
    records = [gitlab.repo_record(p, "https://gitlab.com") for p in page]
    assert records[0]["full_name"] == "leberwurscht/teardownwalls"
    assert all(r["license"] is None and not r["license_checked"] and not r["fork"] for r in records)
    project = json.loads((shared_data / "gitlab" / "gitlab4j" / "project.json").read_text())
    record = gitlab.repo_record(project, "https://gitlab.example.com")
    assert record["license"] == "LGPL-3.0-only" and record["license_checked"]
