"""GitHub (pipeline/crawl/github.py): end-to-end crawls against the fake host (sliced search, selection,
snapshots, faults, re-runs); slices, search qualifiers, records from recorded exchanges."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tarfile
from pathlib import Path

import pytest

from pipeline.config import RawStoreSource, parse_config
from pipeline.crawl import github
from pipeline.crawl.cli import run_crawl
from pipeline.crawl.config import DiscoveryConfig
from pipeline.crawl.github import Slice
from pipeline.errors import FatalError
from pipeline.sources.local import list_entries
from tests.fakes.forge import FakeForge, crawl_section, created, github_repo


def _cfg(tmp_path: Path, forge: FakeForge, direct: bool = False, **crawl):
    crawl.setdefault("discovery", {}).setdefault("slice_max_results", forge.search_cap)
    section = crawl_section(forge.api_url, download_url=forge.dl.url if direct else None, **crawl)
    return parse_config({"output_dir": str(tmp_path / "out"), "crawl": section})


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


@pytest.fixture
def forge():
    with FakeForge(search_cap=5) as f:
        yield f


def _populate(forge: FakeForge, n: int = 24) -> None:
    licences = ["MIT", None, "Apache-2.0", "NOASSERTION", "BSD-3-Clause", "GPL-3.0"]
    for i in range(n):
        forge.add_github(github_repo(i + 1, f"owner{i % 4}/repo-{i}", created=created(i * 29), stars=i,
                                     license_id=licences[i % len(licences)]),
                         files={"src/main.py": f"print({i})\n", "README.md": f"# repo {i}\n"})
    forge.add_github(github_repo(900, "owner0/forked", created=created(40), fork=True))
    forge.add_github(github_repo(901, "owner0/old", created=created(41), archived=True))


@pytest.mark.timeout(120)
def test_sliced_search_fetches_every_selected_repository_once(tmp_path, forge):
    _populate(forge)
    # two slices answer incomplete_results once: each must be asked again, not trusted
    forge.incomplete["*"] = 2
    cfg = _cfg(tmp_path, forge, direct=True, discovery={"per_page": 2})
    summary = run_crawl(cfg, [])

    expected = {r["full_name"] for r in forge.github.values() if not r["fork"] and not r["archived"]}
    store = tmp_path / "out" / "raw"
    rows = _rows(store / "repos" / "repos.jsonl")
    assert {row["name"] for row in rows} == expected
    assert set(forge.downloads) == expected and set(forge.downloads.values()) == {1}
    assert summary["discovery"]["slices_split"] >= 1  # 24 results, cap 5: the window had to be split
    assert summary["discovery"]["incomplete_responses"] == 2
    for row in rows:
        archive = store / "repos" / row["file"]
        data = archive.read_bytes()
        assert hashlib.sha256(data).hexdigest() == row["sha256"] and len(data) == row["bytes"]
        with tarfile.open(archive) as tar:
            assert any(name.endswith("src/main.py") for name in tar.getnames())
        assert row["host"] == "github" and row["url"].startswith("https://github.com/")
    # host licences kept as the listing reported them, null and NOASSERTION included
    licences = {row["license"] for row in rows}
    assert None in licences and "NOASSERTION" in licences
    # no API request per repository: one download each, straight from the download host
    assert summary["this_run"]["requests_per_repository"] == {"download": 1.0}
    assert summary["this_run"]["api_requests_per_selected"]["fetch"] == 0
    assert not [k for k in forge.requests if "/tarball" in k]
    on_disk = json.loads((store / "crawl_summary.json").read_text())
    assert on_disk["repositories"]["fetched"] == len(expected)
    assert on_disk["repositories"]["unseen_by_discovery"] == 0
    stage = on_disk["stages"]["FetchSnapshots"]
    assert stage["seen"] == stage["kept"] == len(expected) and stage["balanced"]
    assert stage["requests"] == {"download": len(expected)}
    # the build's github source reads the store as owner/name repositories with host metadata
    entries = list_entries(RawStoreSource(kind="github", path=str(store)))
    assert {e["repo"] for e in entries} == expected
    assert all(e["kind"] == "tar" and e["source"] == "github" for e in entries)
    by_repo = {e["repo"]: e["meta"] for e in entries}
    assert by_repo["owner1/repo-1"]["host_license"] is None and by_repo["owner0/repo-0"]["host_license"] == "MIT"


@pytest.mark.timeout(120)
def test_rerun_of_finished_crawl_requests_nothing(tmp_path, forge):
    _populate(forge, n=6)
    cfg = _cfg(tmp_path, forge)
    run_crawl(cfg, [])
    before = sum(forge.requests.values())
    summary = run_crawl(cfg, [])
    assert sum(forge.requests.values()) == before  # no listing, no download
    assert summary["this_run"]["processed"] == 0
    assert summary["repositories"]["pending"] == 0
    assert summary["repositories"]["fetched"] == 6


@pytest.mark.timeout(120)
def test_licence_selection_from_listing(tmp_path, forge):
    _populate(forge, n=12)
    cfg = _cfg(tmp_path, forge, discovery={"licenses": ["MIT", "Apache-2.0"], "min_stars": 1})
    summary = run_crawl(cfg, [])
    rows = _rows(tmp_path / "out" / "raw" / "repos" / "repos.jsonl")
    assert rows and {row["license"] for row in rows} <= {"MIT", "Apache-2.0"}
    assert all(row["stars"] >= 1 for row in rows)
    # selection needed no request per repository beyond the archive endpoint
    assert set(summary["this_run"]["requests_per_repository"]) == {"archive", "download"}
    assert forge.requests.get("api /repos/owner0/repo-0", 0) == 0


@pytest.mark.timeout(120)
def test_faults_end_fetched_once_or_failed_with_reason(tmp_path, forge, monkeypatch):
    for i in range(10):
        forge.add_github(github_repo(i + 1, f"acme/r{i}", created=created(i * 50)))
    forge.fault("tarball:acme/r0", "429", "429_retry_after")
    forge.fault("tarball:acme/r1", "403_secondary", "403_secondary_retry_after")
    forge.fault("tarball:acme/r2", "403_primary")  # primary limit: switch to the other token
    forge.fault("tarball:acme/r3", "500", "502", "reset")
    forge.fault("download:acme/r4", "truncate", "reset", "truncate")
    forge.fault("download:acme/r5", "500")
    forge.fault("tarball:acme/r6", *["500"] * 20)  # keeps failing: recorded, never lost
    forge.fault("tarball:acme/r7", "404", "404")  # gone between listing and fetch (with and without ref)
    forge.fault("search", "429_retry_after", "reset")
    monkeypatch.setenv("CRAWL_TEST_TOKEN_A", "tok-a-1111")
    monkeypatch.setenv("CRAWL_TEST_TOKEN_B", "tok-b-2222")
    cfg = _cfg(tmp_path, forge, tokens=["CRAWL_TEST_TOKEN_A", "CRAWL_TEST_TOKEN_B"])
    summary = run_crawl(cfg, [])

    results = {row["full_name"]: row for row in _rows(tmp_path / "out" / "raw" / "manifest" / "results.jsonl")}
    assert set(results) == {f"acme/r{i}" for i in range(10)}
    assert results["acme/r6"]["status"] == "failed" and results["acme/r6"]["reason"] == "http_500"
    assert results["acme/r6"]["transient"] is True
    assert results["acme/r7"]["status"] == "failed" and results["acme/r7"]["reason"] == "not_found"
    fetched = {name for name, row in results.items() if row["status"] == "fetched"}
    assert fetched == {f"acme/r{i}" for i in range(10)} - {"acme/r6", "acme/r7"}
    assert all(forge.downloads[name] == 1 for name in fetched)
    assert summary["failed_reasons"] == {"http_500": 1, "not_found": 1}
    # every stored archive is complete despite truncated bodies
    for name in fetched:
        data = (tmp_path / "out" / "raw" / "repos" / (name.replace("/", "__") + ".tar.gz")).read_bytes()
        assert data == forge.tarballs[name]
    assert forge.auth_seen["api"] == {"Bearer tok-a-1111", "Bearer tok-b-2222"}
    assert not forge.auth_seen["download"]  # the 302 to the download host dropped the token
    # every injected fault was actually served (r6 had more than the retry budget allows)
    assert {key: queue for key, queue in forge.faults.items() if queue and key != "tarball:acme/r6"} == {}
    assert summary["this_run"]["requests"]["archive"] > 10  # the retries are counted

    # a later run retries the transient failure only; the 404 stays failed and is not asked again
    tarball_404 = forge.requests["api /repos/acme/r7/tarball/main"]
    forge.faults.clear()
    summary = run_crawl(cfg, [])
    assert summary["this_run"]["processed"] == 1
    assert forge.downloads["acme/r6"] == 1
    assert forge.requests["api /repos/acme/r7/tarball/main"] == tarball_404
    assert summary["repositories"]["fetched"] == 9 and summary["failed_reasons"] == {"not_found": 1}


@pytest.mark.timeout(120)
def test_explicit_list_follows_renamed_repository(tmp_path, forge):
    forge.add_github(github_repo(1000, "octokit-fixture-org/rename-repository-newname"))
    forge.add_github(github_repo(1001, "psf/requests", license_id="Apache-2.0"))
    forge.add_github(github_repo(1002, "someone/fork", fork=True))
    forge.rename("octokit-fixture-org/rename-repository", "octokit-fixture-org/rename-repository-newname")
    listing = tmp_path / "repos.txt"
    listing.write_text("# explicit list\nhttps://github.com/psf/requests.git\nsomeone/fork\nghost/missing\n")
    cfg = _cfg(tmp_path, forge, discovery={
        "repositories": ["octokit-fixture-org/rename-repository", "https://github.com/psf/requests"],
        "repositories_file": str(listing)})
    summary = run_crawl(cfg, [])
    results = {row["full_name"]: row for row in _rows(tmp_path / "out" / "raw" / "manifest" / "results.jsonl")}
    renamed = results["octokit-fixture-org/rename-repository"]
    assert renamed["status"] == "fetched"
    assert renamed["renamed_to"] == "octokit-fixture-org/rename-repository-newname"
    assert results["psf/requests"]["status"] == "fetched"
    assert results["someone/fork"]["status"] == "skipped" and results["someone/fork"]["reason"] == "fork"
    assert results["ghost/missing"]["status"] == "failed" and results["ghost/missing"]["reason"] == "not_found"
    assert summary["repositories"]["discovered"] == 4  # the duplicate URL of psf/requests counted once
    rows = {row["name"]: row for row in _rows(tmp_path / "out" / "raw" / "repos" / "repos.jsonl")}
    assert rows["octokit-fixture-org/rename-repository-newname"]["license"] == "MIT"
    # metadata request (301 then 200) + tarball endpoint + download
    assert renamed["requests"] == {"api": 2, "archive": 1, "download": 1}


@pytest.mark.timeout(60)
def test_host_capping_below_config_splits_until_everything_is_listed(tmp_path, forge):
    _populate(forge, n=8)
    forge.link_past_cap = True  # the Link header offers page 4, which answers 422
    cfg = _cfg(tmp_path, forge, discovery={"slice_max_results": 1000, "per_page": 2})  # the host caps at 5
    summary = run_crawl(cfg, [], discover_only=True)
    # page 3 of the whole window is past the host's cap: 422, asked again, then the slice is split
    assert summary["discovery"]["result_cap_responses"] >= 1
    assert summary["discovery"]["slices_split.result_cap"] >= 1
    assert summary["repositories"]["selected"] == 8 and summary["repositories"]["unseen_by_discovery"] == 0
    assert summary["this_run"]["processed"] == 0 and not forge.downloads


@pytest.mark.timeout(60)
def test_listing_that_keeps_failing_stops_with_resumable_error(tmp_path, forge):
    _populate(forge, n=12)
    cfg = _cfg(tmp_path, forge, discovery={"per_page": 2})
    forge.fault("search", *["ok"] * 6, *["502"] * 30)  # some slices finish, then the API keeps failing
    with pytest.raises(FatalError, match="run the crawl again to resume"):
        run_crawl(cfg, [])
    state = json.loads((tmp_path / "out" / "raw" / "manifest" / "discovery" / "state.json").read_text())
    assert state["done"] and not state["complete"]
    assert not forge.downloads
    forge.faults.clear()
    searches = forge.requests["api /search/repositories"]
    summary = run_crawl(cfg, [])
    assert summary["repositories"]["fetched"] == 12 and summary["repositories"]["pending"] == 0
    resumed_searches = forge.requests["api /search/repositories"] - searches
    fresh = run_crawl(_cfg(tmp_path / "fresh", forge, discovery={"per_page": 2}), [], discover_only=True)
    # the resumed discovery skipped the finished slices: fewer searches than a fresh listing makes
    assert resumed_searches < fresh["discovery"]["listing_pages"]


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_multi_processing_runner(tmp_path, forge):
    _populate(forge, n=12)
    summary = run_crawl(_cfg(tmp_path, forge), ["--direct_num_workers=2", "--direct_running_mode=multi_processing"])
    assert summary["repositories"]["fetched"] == 12
    assert set(forge.downloads.values()) == {1}


def test_slice_parts_cover_without_gap_or_overlap():
    s = Slice(dt.datetime(2015, 1, 1, 0, 0, 0), dt.datetime(2015, 1, 1, 0, 0, 10))
    for k in (2, 3, 7, 11, 30):
        parts = s.parts(k)
        assert parts[0].lo == s.lo and parts[-1].hi == s.hi
        assert all(b.lo - a.hi == dt.timedelta(seconds=1) for a, b in zip(parts, parts[1:], strict=False))
        assert len(parts) == min(k, 11)


def test_slices_halve_without_gap_or_overlap():
    s = github.Slice(dt.datetime(2020, 1, 1), dt.datetime(2020, 1, 10, 23, 59, 59))
    first, second = s.halves()
    assert first.lo == s.lo and second.hi == s.hi and second.lo - first.hi == dt.timedelta(seconds=1)
    tiny = github.Slice(dt.datetime(2020, 1, 1), dt.datetime(2020, 1, 1))
    assert not tiny.splittable


def test_search_qualifiers():
    d = DiscoveryConfig(languages=["C++"], min_stars=5, max_stars=50, pushed_after=dt.date(2021, 1, 1))
    q = github.base_qualifiers(d, "Jupyter Notebook", "Apache-2.0")
    assert q == ['language:"Jupyter Notebook"', "license:apache-2.0", "stars:5..50", "pushed:>=2021-01-01",
                 "archived:false", "is:public"]
    assert "fork:true" in github.base_qualifiers(DiscoveryConfig(include_forks=True), None, None)


def _replay_repos(path: Path) -> list[dict]:
    out = []
    for line in path.read_text().splitlines():
        if line.startswith("{"):
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                continue
            candidates = obj.get("items", [obj]) if isinstance(obj, dict) else []
            out += [c for c in candidates if isinstance(c, dict) and "full_name" in c and "stargazers_count" in c]
    return out


def test_records_from_recorded_github_exchanges(shared_data):
    replay = shared_data / "github_pygithub_replay"
    licences = {}
    for name in ("Issue945.setUp.txt", "CheckSuite.setUp.txt", "Organization.testCreateDependabotSecretSelected.txt"):
        for obj in _replay_repos(replay / name):
            record = github.repo_record(obj, "https://github.com")
            licences[record["full_name"]] = record["license"]
            assert record["default_branch"] and isinstance(record["stars"], int)
    assert licences["openframeworks/openFrameworks"] == "NOASSERTION"
    assert licences["wrecker/PySample"] is None
    assert licences["dhruvmanila/pygithub-testing"] == "MIT"
    items = _replay_repos(replay / "Search.testSearchRepos.txt")
    assert items and all(github.repo_record(i, "https://github.com")["url"].startswith("https://github.com/")
                         for i in items)
