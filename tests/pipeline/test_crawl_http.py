"""Units of the crawl: HTTP retry rules, token pool, pacing, redaction, slicing, selection, config."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from crawl_fakehost import FakeForge, crawl_section, github_repo  # noqa: E402

from pipeline.config import parse_config  # noqa: E402
from pipeline.crawl import github, gitlab  # noqa: E402
from pipeline.crawl.config import CrawlConfig, DiscoveryConfig, RetryConfig  # noqa: E402
from pipeline.crawl.http import Budget, CrawlError, HostClient, RateLimiter, parse_links  # noqa: E402
from pipeline.crawl.selection import parse_repository, skip_reason  # noqa: E402
from pipeline.crawl.tokens import REDACTOR, TokenPool, crawl_logger, load_tokens  # noqa: E402
from pipeline.errors import ConfigError  # noqa: E402


def _client(forge: FakeForge, tokens: list[str] | None = None, **extra) -> HostClient:
    cfg = CrawlConfig.model_validate(crawl_section(forge.api_url, **extra))
    return HostClient(cfg, tokens or [])


def test_parse_links_reads_github_link_header():
    header = ('<https://api.github.com/search/repositories?q=x&page=2>; rel="next", '
              '<https://api.github.com/search/repositories?q=x&page=34>; rel="last"')
    assert parse_links(header) == {"next": "https://api.github.com/search/repositories?q=x&page=2",
                                   "last": "https://api.github.com/search/repositories?q=x&page=34"}
    assert parse_links(None) == {}


def test_token_pool_rotates_and_skips_spent_tokens():
    pool = TokenPool(["a", "b", "c"])
    assert [pool.acquire()[1] for _ in range(4)] == ["a", "b", "c", "a"]
    pool.block(1, time.time() + 60)
    assert {pool.acquire()[1] for _ in range(4)} == {"a", "c"}
    pool.block(0, time.time() + 30)
    pool.block(2, time.time() + 90)
    index, value, wait = pool.acquire()  # all spent: the one that frees first, with its wait
    assert value == "a" and 25 < wait <= 30


def test_budget_gives_up_with_transient_reason():
    budget = Budget(RetryConfig(max_attempts=3, backoff_base_s=0.001, backoff_max_s=0.002))
    with pytest.raises(CrawlError) as info:
        for _ in range(5):
            budget.attempts += 1
            budget.wait(budget.backoff(), "http_503")
    assert info.value.reason == "http_503" and info.value.transient
    budget = Budget(RetryConfig(budget_s=1.0))
    with pytest.raises(CrawlError, match="rate_limited"):
        budget.wait(5.0, "rate_limited")  # a wait beyond the time budget fails at once


def test_backoff_is_jittered_exponential_and_capped():
    budget = Budget(RetryConfig(backoff_base_s=1.0, backoff_max_s=8.0))
    waits = []
    for attempt in range(1, 7):
        budget.attempts = attempt
        waits.append(budget.backoff())
    caps = [1, 2, 4, 8, 8, 8]
    assert all(cap / 2 <= w <= cap for w, cap in zip(waits, caps, strict=True))


def test_rate_limiter_paces_threads():
    limiter = RateLimiter(100.0)
    start = time.monotonic()
    for _ in range(21):
        limiter.acquire()
    assert time.monotonic() - start >= 0.18


@pytest.mark.timeout(60)
def test_retry_after_is_honoured_and_capped():
    with FakeForge() as forge:
        forge.add_github(github_repo(1, "a/b"))
        forge.fault("repo:a/b", "429_retry_after", "403_secondary", "500", "reset")
        client = _client(forge)
        counts: Counter = Counter()
        body, _, _ = client.get_json(f"{forge.api_url}/repos/a/b", "api", counts)
        assert body["full_name"] == "a/b" and counts["api"] == 4  # the reset got no response to count
        forge.fault("repo:a/b", *["429"] * 10)
        with pytest.raises(CrawlError) as info:
            client.get_json(f"{forge.api_url}/repos/a/b", "api", Counter())
        assert info.value.reason == "secondary_rate_limited" or info.value.reason == "rate_limited"
        assert info.value.transient


@pytest.mark.timeout(60)
def test_primary_limit_waits_for_reset_with_one_token():
    with FakeForge() as forge:
        forge.add_github(github_repo(1, "a/b"))
        forge.fault("repo:a/b", "403_primary")
        client = _client(forge, ["only-token"], retry={"max_retry_after_s": 2.0})
        start = time.monotonic()
        body, _, _ = client.get_json(f"{forge.api_url}/repos/a/b", "api", Counter())
        assert body["id"] == 1
        assert time.monotonic() - start >= 0.5  # waited for X-RateLimit-Reset (+1 s margin, capped at 2 s)


def test_redaction_of_logs_and_errors(caplog):
    REDACTOR.add("s3cr3t-token-value")
    log = crawl_logger("pipeline.crawl.test_redaction")
    with caplog.at_level(logging.DEBUG, logger="pipeline.crawl.test_redaction"):
        log.warning("request with %s failed", "Bearer s3cr3t-token-value")
    assert "s3cr3t-token-value" not in caplog.text and "Bearer ***" in caplog.text
    assert "s3cr3t-token-value" not in str(CrawlError("x", "url?access_token=s3cr3t-token-value"))


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


@pytest.mark.parametrize("record,reason", [
    ({"fork": True}, "fork"),
    ({"archived": True}, "archived"),
    ({"stars": 1}, "too_few_stars"),
    ({"stars": 500}, "too_many_stars"),
    ({"stars": 5, "language": "Rust"}, "language_not_selected"),
    ({"stars": 5, "created_at": "2009-01-01T00:00:00Z"}, "created_out_of_range"),
    ({"stars": 5, "pushed_at": "2010-05-01T00:00:00Z"}, "pushed_out_of_range"),
    ({"stars": 5, "license": None}, "license_missing"),
    ({"stars": 5, "license": "NOASSERTION"}, "license_noassertion"),
    ({"stars": 5, "license": "GPL-3.0"}, "license_not_allowed"),
    ({"stars": 5, "license": "mit", "language": "python", "pushed_at": "2022-01-01T00:00:00Z"}, None),
])
def test_selection_reasons(record, reason):
    d = DiscoveryConfig(min_stars=2, max_stars=100, languages=["Python"], licenses=["MIT"],
                        created_after=dt.date(2010, 1, 1), pushed_after=dt.date(2015, 1, 1))
    assert skip_reason(record, d) == reason


@pytest.mark.parametrize("entry,name", [
    ("psf/requests", "psf/requests"),
    ("https://github.com/psf/requests.git", "psf/requests"),
    ("https://gitlab.com/group/sub/project/", "group/sub/project"),
    ("https://ghe.example.com/team/tool", "team/tool"),
])
def test_parse_repository(entry, name):
    assert parse_repository(entry, "https://ghe.example.com") == name


def test_parse_repository_rejects_garbage():
    with pytest.raises(ValueError):
        parse_repository("just-a-name", "https://github.com")


def test_config_rejects_token_values_and_unknown_keys(tmp_path):
    with pytest.raises(ConfigError) as info:
        parse_config({"output_dir": str(tmp_path), "crawl": {"tokens": ["ghp_abcdefSECRET"]}})
    assert "ghp_abcdefSECRET" not in str(info.value) and "NAMES" in str(info.value)
    with pytest.raises(ConfigError, match="crawl.retry.backof"):
        parse_config({"output_dir": str(tmp_path), "crawl": {"retry": {"backof": 1}}})
    with pytest.raises(ConfigError, match="crawl.discovery.licenses.*Apache2"):
        parse_config({"output_dir": str(tmp_path), "crawl": {"discovery": {"licenses": ["MIT", "Apache2"]}}})


def test_shipped_crawl_configs_validate(repo_root):
    from pipeline.config import load_config

    hosts = {}
    for path in sorted((repo_root / "configs" / "crawl").glob("*.yaml")):
        crawl = load_config(path).require("crawl")
        hosts[path.stem] = crawl.host
        assert crawl.tokens and all(name.isupper() for name in crawl.tokens)  # names, never values
    assert hosts == {"github": "github", "gitlab": "gitlab", "list": "github"}


def test_enterprise_and_self_hosted_bases():
    ghe = CrawlConfig(api_url="https://ghe.example.com/api/v3/")
    assert ghe.api_base() == "https://ghe.example.com/api/v3" and ghe.web_base() == "https://ghe.example.com"
    assert github.archive_url(ghe, {"full_name": "a/b", "default_branch": "dev/x"}) == \
        "https://ghe.example.com/api/v3/repos/a/b/tarball/dev/x"
    lab = CrawlConfig(host="gitlab", api_url="https://git.example.org/api/v4")
    assert lab.web_base() == "https://git.example.org"
    assert gitlab.archive_url(lab, {"id": 7, "full_name": "g/p", "default_branch": "main"}) == \
        "https://git.example.org/api/v4/projects/7/repository/archive.tar.gz?sha=main"
    assert gitlab.project_url(lab, "g/sub/p") == "https://git.example.org/api/v4/projects/g%2Fsub%2Fp?license=true"


# ---------------------------------------------------------------------------- recorded shapes


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


def test_records_from_recorded_gitlab_pages(shared_data):
    page = json.loads((shared_data / "gitlab" / "swh_lister" / "https_gitlab.com_api_response_page1.json").read_text())
    records = [gitlab.repo_record(p, "https://gitlab.com") for p in page]
    assert records[0]["full_name"] == "leberwurscht/teardownwalls"
    assert all(r["license"] is None and not r["license_checked"] and not r["fork"] for r in records)
    project = json.loads((shared_data / "gitlab" / "gitlab4j" / "project.json").read_text())
    record = gitlab.repo_record(project, "https://gitlab.example.com")
    assert record["license"] == "LGPL-3.0-only" and record["license_checked"]


def test_tokens_come_from_named_environment_variables(monkeypatch):
    monkeypatch.setenv("CRAWL_UNIT_TOKEN", "tok-unit-9999")
    monkeypatch.delenv("CRAWL_UNSET_TOKEN", raising=False)
    assert load_tokens(["CRAWL_UNIT_TOKEN", "CRAWL_UNSET_TOKEN"]) == ["tok-unit-9999"]
    assert REDACTOR.redact("x tok-unit-9999 y") == "x *** y"
    with pytest.raises(ConfigError, match="CRAWL_UNSET_TOKEN") as info:
        load_tokens(["CRAWL_UNSET_TOKEN"])
    assert "tok-unit" not in str(info.value)


def test_crawl_help_is_the_module_docstring(capsys):
    from pipeline.cli import main

    with pytest.raises(SystemExit) as info:
        main(["crawl", "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "--rediscover" in out and "resumable raw store" in out
