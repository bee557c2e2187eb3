"""Archives by URL pattern with the API as fallback, incremental re-crawls (conditional requests, gone
repositories), and the token pool's per-token report, against the loopback stand-in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.config import RawStoreSource, parse_config
from pipeline.crawl.cli import run_crawl
from pipeline.sources.local import list_entries
from tests.fakes.forge import FakeForge, crawl_section, created, github_repo, gitlab_project


def _cfg(tmp_path: Path, forge: FakeForge, host: str = "github", **crawl):
    url = forge.api_url if host == "github" else forge.gitlab_url
    section = crawl_section(url, host=host, download_url=forge.dl.url if host == "github" else None, **crawl)
    return parse_config({"output_dir": str(tmp_path / "out"), "crawl": section})


def _results(tmp_path: Path) -> dict[str, dict]:
    path = tmp_path / "out" / "raw" / "manifest" / "results.jsonl"
    return {row["full_name"]: row for row in map(json.loads, path.read_text().splitlines())}


@pytest.fixture
def forge():
    with FakeForge(search_cap=1000) as f:
        yield f


@pytest.mark.timeout(120)
def test_unusual_branches_and_a_refusing_download_host_fall_back_to_the_api(tmp_path, forge):
    branches = ["main", "release/2.x", "weird#branch", "ünïcode", "v1+build", "dev"]
    for i, branch in enumerate(branches):
        forge.add_github(github_repo(i + 1, f"br/r{i}", created=created(i * 30), branch=branch))
    forge.listed_branch["br/r5"] = "renamed-since"  # the listing's branch was renamed to "dev" since
    forge.add_github(github_repo(99, "br/gone", created=created(200)))
    cfg = _cfg(tmp_path, forge)
    forge.faults["download:br/gone"] = ["404"]  # deleted after the listing: pattern 404, API 404 twice
    forge.fault("tarball:br/gone", "404", "404")
    run_crawl(cfg, [])
    rows = _results(tmp_path)
    assert {name for name, row in rows.items() if row["status"] == "fetched"} == {f"br/r{i}" for i in range(6)}
    assert rows["br/gone"]["reason"] == "not_found"
    for name in ("br/r0", "br/r1"):  # plain branch names: one download, no API request
        assert rows[name]["requests"] == {"download": 1}
    assert forge.requests["download /br/r1/tar.gz/refs/heads/release/2.x"] == 1
    for name in ("br/r2", "br/r3", "br/r4"):  # not a plain path segment: the API resolves the ref
        assert rows[name]["requests"] == {"archive": 1, "download": 1, "unusual_branch": 1}
    assert rows["br/r5"]["requests"]["ref_fallback"] == 1 and rows["br/r5"]["requests"]["direct_refused"] == 1
    for name in [f"br/r{i}" for i in range(6)]:
        data = (tmp_path / "out" / "raw" / "repos" / (name.replace("/", "__") + ".tar.gz")).read_bytes()
        assert data == forge.tarballs[name]


@pytest.mark.timeout(120)
def test_download_host_that_refuses_turns_direct_downloads_off(tmp_path, forge):
    for i in range(8):
        forge.add_github(github_repo(i + 1, f"ref/r{i}", created=created(i * 30)))
    forge.refuse_direct = True
    summary = run_crawl(_cfg(tmp_path, forge, direct_refusals_max=3, rate={"concurrency": 1}), [])
    assert summary["repositories"]["fetched"] == 8 and set(forge.downloads.values()) == {1}
    requests = summary["this_run"]["requests"]
    assert requests["direct_refused"] == 3 and requests["direct_disabled"] == 5
    assert requests["archive"] == 8  # every archive came through the API's redirect


@pytest.mark.timeout(180)
def test_refresh_downloads_only_changes_and_records_gone_repositories(tmp_path, forge):
    for i in range(7):
        forge.add_github(github_repo(i + 1, f"inc/r{i}", created=created(i * 30)), files={"a.py": f"A = {i}\n"})
    cfg = _cfg(tmp_path, forge)
    run_crawl(cfg, [])
    assert set(forge.downloads.values()) == {1}

    forge.github["inc/r0"]["pushed_at"] = "2024-02-01T00:00:00Z"  # a push to another branch: same archive
    forge.push("inc/r1", {"a.py": "A = 'new'\n"})  # a push to the default branch
    forge.move("inc/r2", "inc/r2-renamed")
    forge.github["inc/r3"]["private"] = True
    del forge.github["inc/r4"]
    forge.github["inc/r5"]["stargazers_count"] = 99  # metadata only
    forge.add_github(github_repo(50, "inc/brand-new", created=created(300)))
    summary = run_crawl(cfg, [], refresh=True)

    refresh = summary["refresh"]
    assert refresh["new"] == 2 and refresh["changed"] == 1 and refresh["unchanged"] == 3  # r5, r6, and r0 (304)
    assert refresh["gone"] == 3 and refresh["gone.renamed"] == 1 and refresh["gone.deleted_or_private"] == 2
    assert forge.downloads["inc/r1"] == 2 and forge.downloads["inc/r0"] == 1  # r0: the download host said 304
    assert forge.downloads["inc/brand-new"] == 1 and forge.downloads["inc/r2-renamed"] == 1
    assert sum(forge.not_modified.values()) == 1
    assert summary["gone_reasons"] == {"deleted_or_private": 2, "renamed": 1}
    rows = _results(tmp_path)
    assert rows["inc/r2"]["renamed_to"] == "inc/r2-renamed"
    assert rows["inc/r5"]["meta"]["stars"] == 99 and rows["inc/r1"]["previous_sha256"] != rows["inc/r1"]["sha256"]
    store = tmp_path / "out" / "raw"
    gone = [json.loads(line) for line in (store / "manifest" / "gone.jsonl").read_text().splitlines()]
    assert {g["name"] for g in gone} == {"inc/r2", "inc/r3", "inc/r4"} and all(g["sha256"] for g in gone)
    assert sorted(p.name for p in (store / "gone").iterdir()) == ["inc__r2.tar.gz", "inc__r3.tar.gz", "inc__r4.tar.gz"]
    # the build reads what is there now: gone snapshots are out of repos/
    entries = {e["repo"] for e in list_entries(RawStoreSource(kind="github", path=str(store)))}
    assert entries == {"inc/r0", "inc/r1", "inc/r2-renamed", "inc/r5", "inc/r6", "inc/brand-new"}

    # refreshed again at once: nothing to download, nothing newly gone
    before = sum(forge.downloads.values())
    summary = run_crawl(cfg, [], refresh=True)
    assert sum(forge.downloads.values()) == before
    assert summary["refresh"] == {"unchanged": 6} and summary["repositories"]["gone"] == 3


@pytest.mark.timeout(120)
def test_refresh_of_an_explicit_list_uses_conditional_requests(tmp_path, forge):
    for i in range(3):
        forge.add_github(github_repo(i + 1, f"lst/r{i}"))
    cfg = _cfg(tmp_path, forge, discovery={"repositories": [f"lst/r{i}" for i in range(3)]})
    run_crawl(cfg, [])
    summary = run_crawl(cfg, [], refresh=True)
    # every metadata request answered 304: no quota spent, nothing downloaded
    assert summary["this_run"]["requests"] == {"not_modified": 3}
    assert summary["refresh"] == {"unchanged": 3} and set(forge.downloads.values()) == {1}
    forge.push("lst/r1", {"b.py": "B = 2\n"})
    summary = run_crawl(cfg, [], refresh=True)
    assert summary["refresh"] == {"changed": 1, "unchanged": 2}
    assert forge.downloads["lst/r1"] == 2 and summary["this_run"]["requests"]["api"] == 1


@pytest.mark.timeout(120)
def test_gitlab_refresh_with_conditional_pages_and_gone_projects(tmp_path, forge):
    for i in range(7):
        forge.add_gitlab(gitlab_project(100 + i, f"grp/p{i}"), files={"m.py": f"M = {i}\n"})
    cfg = _cfg(tmp_path, forge, host="gitlab", discovery={"per_page": 3})
    forge.fault("gitlab_list", "ok", "reset", "500", "truncate", "429_retry_after")  # keyset listing under faults
    summary = run_crawl(cfg, [])
    assert summary["repositories"]["fetched"] == 7 and set(forge.downloads.values()) == {1}
    assert summary["this_run"]["requests_per_repository"] == {"download": 1.0}
    assert summary["discovery"]["listing_pages"] == 3 and not forge.faults["gitlab_list"]  # all faults served

    forge.push("grp/p4", {"m.py": "M = 'pushed'\n"}, pushed_at="2024-03-01T00:00:00.000Z")
    forge.gitlab[101]["visibility"] = "private"
    forge.add_gitlab(gitlab_project(120, "grp/new"))
    summary = run_crawl(cfg, [], refresh=True)
    assert summary["refresh"] == {"new": 1, "changed": 1, "unchanged": 5, "gone": 1, "gone.deleted_or_private": 1}
    assert forge.downloads["grp/p4"] == 2 and forge.downloads["grp/new"] == 1
    assert sum(d for name, d in forge.downloads.items() if name != "grp/p4") == 7  # 6 others once, the new one

    # nothing changed: every listing page answers 304 and is reused from the page cache
    summary = run_crawl(cfg, [], refresh=True)
    assert summary["refresh"] == {"unchanged": 7}
    assert summary["discovery"]["listing_pages_not_modified"] == summary["discovery"]["listing_pages"]


@pytest.mark.timeout(120)
def test_summary_reports_each_tokens_use_by_variable_name(tmp_path, forge, monkeypatch):
    for i in range(6):
        forge.add_github(github_repo(i + 1, f"tok/r{i}", created=created(i * 30)))
    monkeypatch.setenv("CRAWL_POOL_A", "tok-pool-aaaa")
    monkeypatch.setenv("CRAWL_POOL_B", "tok-pool-bbbb")
    forge.refuse_direct = True  # API requests during fetching too
    summary = run_crawl(_cfg(tmp_path, forge, tokens=["CRAWL_POOL_A", "CRAWL_POOL_B"]), [])
    tokens = summary["tokens"]
    assert set(tokens) == {"CRAWL_POOL_A", "CRAWL_POOL_B"}
    assert sum(t["requests_this_run"] for t in tokens.values()) == sum(
        v for k, v in forge.requests.items() if k.startswith("api "))
    assert all(t["requests_this_run"] > 0 for t in tokens.values())  # both used
    assert all(t["remaining"]["core"] == 4999 for t in tokens.values())
    text = (tmp_path / "out" / "raw" / "crawl_summary.json").read_text()
    assert "tok-pool-aaaa" not in text and "tok-pool-bbbb" not in text


@pytest.mark.timeout(120)
def test_refresh_with_a_capped_listing_marks_nothing_gone(tmp_path, forge):
    for i in range(6):
        forge.add_github(github_repo(i + 1, f"cap/r{i}", created=created(i * 30)))
    run_crawl(_cfg(tmp_path, forge), [])
    summary = run_crawl(_cfg(tmp_path, forge, discovery={"max_repositories": 3}), [], refresh=True)
    # three stored repositories were not listed only because of the cap: not asked about, not gone
    assert summary["refresh"] == {"unchanged": 3, "not_checked": 3}
    assert summary["repositories"]["gone"] == 0 and summary["repositories"]["fetched"] == 6
    assert not [k for k in forge.requests if k.startswith("api /repositories/")]
