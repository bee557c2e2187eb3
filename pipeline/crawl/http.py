"""HTTP for the crawl: shared pacing, retries with jittered backoff, the per-worker client.

One ``HostClient`` per (config, worker process) is shared by every fetch thread (``shared_client``),
so the request rate and the token pool's rate-limit state are per worker, not per thread.

Retry rules (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit):
on 403/429 wait ``Retry-After`` when given; else when
``X-RateLimit-Remaining`` is 0 switch to another token or wait until ``X-RateLimit-Reset``; else
(a secondary limit) wait at least ``secondary_min_wait_s`` and back off exponentially. 5xx, 408,
connection resets and truncated bodies back off exponentially with full jitter. Every wait counts
against the request's ``budget_s``; ``CrawlError`` (a ``RecordError``) says why a request gave up.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter

from pipeline.crawl.config import CrawlConfig, RetryConfig
from pipeline.crawl.tokens import REDACTOR, TokenPool, crawl_logger
from pipeline.errors import RecordError

log = crawl_logger(__name__)


class CrawlError(RecordError):
    """A repository (or listing page) that could not be fetched; ``transient`` failures may be retried
    by a later run, permanent ones (404, too large) are not. The detail is always redacted."""

    def __init__(self, reason: str, detail: str = "", transient: bool = False, status: int | None = None) -> None:
        super().__init__(reason, REDACTOR.redact(detail)[:500])
        self.transient = transient
        self.status = status


# ---------------------------------------------------------------------------- pacing


class RateLimiter:
    """Token bucket shared by threads: at most ``rate`` acquisitions per second on average."""

    def __init__(self, rate_per_s: float | None, burst: float = 1.0) -> None:
        self.rate = rate_per_s
        self.capacity = max(1.0, burst)
        self._tokens = self.capacity
        self._stamp = time.monotonic()
        self._lock = threading.Lock()

    def acquire(self) -> float:
        """Block until a request may go; returns the seconds waited."""
        if not self.rate:
            return 0.0
        with self._lock:
            now = time.monotonic()
            self._tokens = min(self.capacity, self._tokens + (now - self._stamp) * self.rate)
            self._stamp = now
            self._tokens -= 1.0
            wait = 0.0 if self._tokens >= 0 else -self._tokens / self.rate
        if wait:
            time.sleep(wait)
        return wait


# ---------------------------------------------------------------------------- retries


@dataclass
class Budget:
    """Attempts and waiting left to one logical request (a listing page, one repository's download)."""

    retry: RetryConfig
    attempts: int = 0
    waited: float = 0.0
    last_reason: str = ""
    rng: random.Random = field(default_factory=random.Random)

    def backoff(self) -> float:
        """Full-jitter exponential backoff for the current attempt."""
        cap = min(self.retry.backoff_max_s, self.retry.backoff_base_s * (2 ** max(0, self.attempts - 1)))
        return self.rng.uniform(cap / 2, cap) if cap > 0 else 0.0

    def wait(self, seconds: float, reason: str) -> None:
        """Sleep ``seconds`` or raise when attempts or the time budget are spent."""
        self.last_reason = reason
        if self.attempts >= self.retry.max_attempts or self.waited + seconds > self.retry.budget_s:
            raise CrawlError(reason, f"gave up after {self.attempts} attempts, {self.waited:.1f}s waiting", transient=True)
        self.waited += seconds
        if seconds > 0:
            time.sleep(seconds)


# Pacing applied per request kind: archive endpoints are API requests with their own, lower limit;
# GitLab's archive endpoint is the download itself, paced by that limit ("gitlab_archive").
LIMITERS = {"api": ("api",), "search": ("search",), "archive": ("api", "archive"), "download": (),
            "gitlab_archive": ("archive",)}
# What each kind is counted as: a GitLab archive request is the project's one download.
COUNTED_AS = {"gitlab_archive": "download"}
TRANSIENT_STATUS = {408, 500, 502, 503, 504, 520, 521, 522, 524}
PERMANENT_REASON = {401: "unauthorized", 403: "forbidden", 404: "not_found", 410: "gone", 451: "unavailable_for_legal_reasons"}
BODY_ERRORS = (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError,
               requests.exceptions.ContentDecodingError)
_LINK = re.compile(r'<([^>]+)>\s*;\s*rel="?([a-z]+)"?')


def parse_links(header: str | None) -> dict[str, str]:
    """``Link`` header to ``{rel: url}``."""
    return {rel: url for url, rel in _LINK.findall(header or "")}


@dataclass
class Downloaded:
    """A stored download: its size and SHA-256, and what the host said about it (``ETag``, the
    ``Content-Disposition`` file name, which for GitHub archives carries the commit's short SHA)."""

    size: int
    sha256: str
    etag: str | None = None
    filename: str | None = None


class HostClient:
    """Requests to one host's API and download hosts, with pacing, token rotation and retries.

    ``counts`` (a ``Counter`` per caller) receives ``api``, ``search``, ``archive`` and ``download``
    request counts (redirects included), ``not_modified`` for 304 answers to conditional requests
    (which GitHub does not count against the rate limit:
    https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate),
    and ``token:<VARIABLE>`` per request sent with that token.
    """

    def __init__(self, cfg: CrawlConfig, tokens: list[str], names: list[str] | None = None) -> None:
        self.cfg = cfg
        self.pool = TokenPool(tokens, names)
        self.named = bool(tokens)
        self.limiters = {
            "api": RateLimiter(cfg.rate.requests_per_second, burst=cfg.rate.concurrency),
            "search": RateLimiter(_per_s(cfg.rate.search_requests_per_minute)),
            "archive": RateLimiter(_per_s(cfg.rate.archive_requests_per_minute)),
            "download": RateLimiter(None),
        }
        self.session = requests.Session()
        adapter = HTTPAdapter(pool_connections=4, pool_maxsize=max(4, cfg.rate.concurrency * 2), max_retries=0)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers["User-Agent"] = cfg.user_agent
        if cfg.host == "github":
            self.session.headers["Accept"] = "application/vnd.github+json"
        self.direct_refusals = 0  # consecutive refusals of the download host (see fetch.py)

    def _auth(self, token: str | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"} if token else {}

    def send(self, url: str, kind: str, budget: Budget, counts: Counter, stream: bool = False,
             params: dict[str, Any] | None = None, auth: bool = True, headers: dict[str, str] | None = None,
             accept: tuple[int, ...] = ()) -> requests.Response:
        """GET ``url`` until a 2xx answer or one of ``accept`` (redirects followed); raise ``CrawlError``
        otherwise. ``auth=False`` sends no token (a download host never needs one)."""
        resource = "search" if kind == "search" else "core"
        while True:
            budget.attempts += 1
            for name in LIMITERS[kind]:
                self.limiters[name].acquire()
            index, token = -1, None
            if auth:
                index, token, blocked = self.pool.acquire(resource)
                if blocked > 0:
                    budget.wait(min(blocked, self.cfg.retry.max_retry_after_s), "rate_limited")
            try:
                sent = {**self._auth(token), **(headers or {})}
                if stream:  # store the bytes as served: Content-Length and sha256 are of these bytes
                    sent["Accept-Encoding"] = "identity"
                resp = self.session.get(url, params=params, headers=sent, stream=stream,
                                        timeout=self.cfg.retry.timeout_s, allow_redirects=True)
            except BODY_ERRORS as exc:
                log.debug("connection error on %s: %s", _safe_url(url), REDACTOR.redact(str(exc)))
                budget.wait(budget.backoff(), "connection_error")
                continue
            _count_hops(resp, COUNTED_AS.get(kind, kind), counts)
            if token is not None:
                counts[f"token:{self.pool.name(index)}"] += 1
                self._observe(index, resp)
            status = resp.status_code
            if 200 <= status < 300 or status in accept:
                return resp
            wait, reason = self._classify(resp, index, budget)
            resp.close()
            if wait is None:
                raise CrawlError(reason, f"HTTP {status} for {_safe_url(resp.url)}", status=status)
            log.debug("HTTP %s (%s) on %s: waiting %.2fs", status, reason, _safe_url(url), wait)
            budget.wait(wait, reason)

    def _observe(self, index: int, resp: requests.Response) -> None:
        first = resp.history[0] if resp.history else resp
        h = first.headers
        remaining = _float(h.get("X-RateLimit-Remaining") or h.get("RateLimit-Remaining"))
        reset = _float(h.get("X-RateLimit-Reset") or h.get("RateLimit-Reset"))
        self.pool.observe(index, h.get("X-RateLimit-Resource"), remaining, reset)

    def _classify(self, resp: requests.Response, index: int, budget: Budget) -> tuple[float | None, str]:
        """``(seconds to wait, reason)``; ``None`` seconds means permanent failure."""
        status, headers = resp.status_code, resp.headers
        retry = self.cfg.retry
        if status in (403, 429) and (status == 429 or _looks_rate_limited(resp)):
            retry_after = _float(headers.get("Retry-After"))
            if retry_after is not None:
                return min(retry_after, retry.max_retry_after_s), "rate_limited"
            if headers.get("X-RateLimit-Remaining") == "0" and index >= 0:
                reset = _float(headers.get("X-RateLimit-Reset")) or (time.time() + retry.secondary_min_wait_s)
                self.pool.block(index, reset)
                if self.pool.any_free():
                    return 0.0, "rate_limited"  # another token is usable now
                return min(max(0.0, reset - time.time()) + 1.0, retry.max_retry_after_s), "rate_limited"
            return max(retry.secondary_min_wait_s, budget.backoff()), "secondary_rate_limited"
        if status in TRANSIENT_STATUS or status >= 500:
            return budget.backoff(), f"http_{status}"
        return None, PERMANENT_REASON.get(status, f"http_{status}")

    def get_json(self, url: str, kind: str, counts: Counter, params: dict[str, Any] | None = None,
                 budget: Budget | None = None, etag: str | None = None, accept: tuple[int, ...] = (),
                 ) -> tuple[Any, requests.structures.CaseInsensitiveDict, str]:
        """``(parsed body, headers, final url)`` of a JSON GET; bad JSON bodies are retried.

        With ``etag`` the request is conditional (``If-None-Match``); a 304 answer returns body
        ``None``. A status in ``accept`` returns its parsed body instead of raising."""
        budget = budget or Budget(self.cfg.retry)
        headers = {"If-None-Match": etag} if etag else None
        while True:
            resp = self.send(url, kind, budget, counts, params=params, headers=headers, accept=(304, *accept))
            if resp.status_code == 304:
                return None, resp.headers, resp.url
            try:
                return resp.json(), resp.headers, resp.url
            except (ValueError, *BODY_ERRORS) as exc:
                budget.wait(budget.backoff(), "bad_response")
                log.debug("bad JSON from %s: %s", _safe_url(url), type(exc).__name__)

    def download(self, url: str, handle_factory: Callable[[], Any], counts: Counter, kind: str = "download",
                 max_bytes: int | None = None, auth: bool = True, etag: str | None = None) -> Downloaded | None:
        """Stream ``url`` into the handle ``handle_factory()`` opens (a context manager yielding a
        binary file, e.g. ``fsio.atomic_write``); restart on truncation. ``None`` when ``etag`` was
        given and the host answered 304 Not Modified (nothing written)."""
        budget = Budget(self.cfg.retry)
        cap = max_bytes or self.cfg.snapshot.max_bytes
        headers = {"If-None-Match": etag} if etag else None
        while True:
            resp = self.send(url, kind, budget, counts, stream=True, auth=auth, headers=headers, accept=(304,))
            if resp.status_code == 304:
                resp.close()
                return None
            length = _float(resp.headers.get("Content-Length"))
            if length is not None and length > cap:
                resp.close()
                raise CrawlError("too_large", f"{int(length)} bytes > snapshot.max_bytes {cap}")
            try:
                size, sha = _stream(resp, handle_factory, cap, length)
                return Downloaded(size, sha, resp.headers.get("ETag"), _attachment_name(resp.headers))
            except _Truncated as exc:
                budget.wait(budget.backoff(), "truncated_body")
                log.debug("truncated body from %s: %s", _safe_url(url), exc)
            except BODY_ERRORS as exc:
                budget.wait(budget.backoff(), "connection_error")
                log.debug("body error from %s: %s", _safe_url(url), REDACTOR.redact(str(exc)))
            finally:
                resp.close()


_FILENAME = re.compile(r'filename="?([^";]+)"?')


def _attachment_name(headers: Any) -> str | None:
    m = _FILENAME.search(headers.get("Content-Disposition") or "")
    return m.group(1) if m else None


class _Truncated(Exception):
    pass


def _stream(resp: requests.Response, handle_factory: Callable[[], Any], cap: int, length: float | None) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with handle_factory() as handle:  # an exception inside removes the temporary file
        out: IO[bytes] = handle
        for chunk in resp.iter_content(1 << 16):
            size += len(chunk)
            if size > cap:
                raise CrawlError("too_large", f"more than snapshot.max_bytes {cap} bytes")
            digest.update(chunk)
            out.write(chunk)
        if length is not None and size != int(length):
            raise _Truncated(f"got {size} of {int(length)} bytes")
    return size, digest.hexdigest()


def _count_hops(resp: requests.Response, kind: str, counts: Counter) -> None:
    """Hops on the first URL's host count under ``kind``; hops to another host (a 302 to a download
    host) count as ``download``; a 304 answer counts as ``not_modified``."""
    chain = [*resp.history, resp]
    first = urlsplit(chain[0].url).netloc
    for hop in chain:
        if hop.status_code == 304:
            counts["not_modified"] += 1
        else:
            counts[kind if urlsplit(hop.url).netloc == first else "download"] += 1


def _looks_rate_limited(resp: requests.Response) -> bool:
    if "Retry-After" in resp.headers or resp.headers.get("X-RateLimit-Remaining") == "0":
        return True
    try:
        text = resp.text[:2000].lower()
    except BODY_ERRORS:
        return False
    return "rate limit" in text


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _per_s(per_minute: float | None) -> float | None:
    return per_minute / 60.0 if per_minute else None


def _safe_url(url: str) -> str:
    """URL without query-string credentials (``private_token=``, ``access_token=``), redacted."""
    return REDACTOR.redact(re.sub(r"((?:private|access)_token=)[^&]+", r"\1***", url))


# ---------------------------------------------------------------------------- per-worker registry

_CLIENTS: dict[str, HostClient] = {}
_CLIENTS_LOCK = threading.Lock()


def shared_client(cfg: CrawlConfig, tokens: list[str] | list[tuple[str, str]]) -> HostClient:
    """The process-wide client for this config (one rate limiter and token pool per worker).
    ``tokens``: values, or ``(variable name, value)`` pairs (the names label per-token reports)."""
    pairs = [t if isinstance(t, tuple) else (f"token{i + 1}", t) for i, t in enumerate(tokens)]
    values = [v for _, v in pairs]
    key = hashlib.sha256(json.dumps([cfg.model_dump(mode="json"), values], sort_keys=True).encode()).hexdigest()
    with _CLIENTS_LOCK:
        client = _CLIENTS.get(key)
        if client is None:
            for token in values:
                REDACTOR.add(token)
            client = _CLIENTS[key] = HostClient(cfg, values, [n for n, _ in pairs])
        return client
