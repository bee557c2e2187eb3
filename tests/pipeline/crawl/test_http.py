"""HTTP for the crawl (pipeline/crawl/http.py): Link headers, retry budget and backoff, pacing, Retry-After
and primary rate limits."""

from __future__ import annotations

import time
from collections import Counter

import pytest

from pipeline.crawl.config import CrawlConfig, RetryConfig
from pipeline.crawl.http import Budget, CrawlError, HostClient, RateLimiter, parse_links
from tests.fakes.forge import FakeForge, crawl_section, github_repo


def _client(forge: FakeForge, tokens: list[str] | None = None, **extra) -> HostClient:
    cfg = CrawlConfig.model_validate(crawl_section(forge.api_url, **extra))
    return HostClient(cfg, tokens or [])


def test_parse_links_reads_github_link_header():
    header = ('<https://api.github.com/search/repositories?q=x&page=2>; rel="next", '
              '<https://api.github.com/search/repositories?q=x&page=34>; rel="last"')
    assert parse_links(header) == {"next": "https://api.github.com/search/repositories?q=x&page=2",
                                   "last": "https://api.github.com/search/repositories?q=x&page=34"}
    assert parse_links(None) == {}


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
