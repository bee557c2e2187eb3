"""Crawl tokens (pipeline/crawl/tokens.py): where token values come from, how the pool rotates them, and
their redaction from logs and errors."""

from __future__ import annotations

import json
import logging
import time

import pytest

from pipeline.crawl.http import CrawlError
from pipeline.crawl.tokens import REDACTOR, TokenPool, crawl_logger, load_tokens
from pipeline.errors import ConfigError


def test_token_pool_uses_the_token_with_most_quota_left():
    pool = TokenPool(["v1", "v2", "v3"], ["T1", "T2", "T3"])
    later = time.time() + 600
    pool.observe(0, "core", 100, later)
    pool.observe(1, "core", 4000, later)
    pool.observe(2, "core", 2500, later)
    assert pool.acquire()[0] == 1
    pool.observe(1, "core", 10, later)
    assert pool.acquire()[0] == 2
    pool.observe(2, "search", 0, later)  # resources are separate: search quota says nothing of core
    assert pool.acquire("search")[0] in (0, 1)
    usage = pool.usage()
    assert set(usage) == {"T1", "T2", "T3"} and "v1" not in json.dumps(usage)
    assert usage["T2"]["remaining"] == {"core": 10}


def test_token_pool_rotates_and_skips_spent_tokens():
    pool = TokenPool(["a", "b", "c"])
    assert [pool.acquire()[1] for _ in range(4)] == ["a", "b", "c", "a"]
    pool.block(1, time.time() + 60)
    assert {pool.acquire()[1] for _ in range(4)} == {"a", "c"}
    pool.block(0, time.time() + 30)
    pool.block(2, time.time() + 90)
    index, value, wait = pool.acquire()  # all spent: the one that frees first, with its wait
    assert value == "a" and 25 < wait <= 30


def test_redaction_of_logs_and_errors(caplog):
    REDACTOR.add("s3cr3t-token-value")
    log = crawl_logger("pipeline.crawl.test_redaction")
    with caplog.at_level(logging.DEBUG, logger="pipeline.crawl.test_redaction"):
        log.warning("request with %s failed", "Bearer s3cr3t-token-value")
    assert "s3cr3t-token-value" not in caplog.text and "Bearer ***" in caplog.text
    assert "s3cr3t-token-value" not in str(CrawlError("x", "url?access_token=s3cr3t-token-value"))


def test_tokens_come_from_named_environment_variables(monkeypatch):
    monkeypatch.setenv("CRAWL_UNIT_TOKEN", "tok-unit-9999")
    monkeypatch.delenv("CRAWL_UNSET_TOKEN", raising=False)
    assert load_tokens(["CRAWL_UNIT_TOKEN", "CRAWL_UNSET_TOKEN"]) == ["tok-unit-9999"]
    assert REDACTOR.redact("x tok-unit-9999 y") == "x *** y"
    with pytest.raises(ConfigError, match="CRAWL_UNSET_TOKEN") as info:
        load_tokens(["CRAWL_UNSET_TOKEN"])
    assert "tok-unit" not in str(info.value)
