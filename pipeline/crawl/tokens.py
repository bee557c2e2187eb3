"""Tokens and secrets: where token values come from, how requests rotate them, and how they are
kept out of every log line and error message.

Values come only from the environment variables ``crawl.tokens`` names; each value is registered
with the process-wide ``REDACTOR`` the moment it is read. Every crawl module logs through
``crawl_logger``, whose filter replaces registered values with ``***``; ``CrawlError`` details are
redacted when the error is built.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass, field

from pipeline.errors import ConfigError


class Redactor:
    """Process-wide set of secret values; ``redact`` replaces each occurrence with ``***``."""

    def __init__(self) -> None:
        self._secrets: set[str] = set()
        self._lock = threading.Lock()

    def add(self, secret: str) -> None:
        if secret:
            with self._lock:
                self._secrets.add(secret)

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, "***")
        return text


REDACTOR = Redactor()


class RedactingFilter(logging.Filter):
    """Logging filter that removes registered secrets from a record's final message."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = REDACTOR.redact(message)
        if clean != message or record.args:
            record.msg, record.args = clean, None
        return True


def crawl_logger(name: str) -> logging.Logger:
    """The module logger of a crawl module, with the redacting filter attached."""
    logger = logging.getLogger(name)
    if not any(isinstance(f, RedactingFilter) for f in logger.filters):
        logger.addFilter(RedactingFilter())
    return logger


log = crawl_logger(__name__)


def load_tokens(env_names: list[str]) -> list[str]:
    """Token values from the named environment variables (registered for redaction)."""
    return [value for _, value in load_named_tokens(env_names)]


def load_named_tokens(env_names: list[str]) -> list[tuple[str, str]]:
    """``(variable name, value)`` of each named variable that is set; values registered for redaction.
    The name is what reports show: a token's value never leaves this process's memory."""
    pairs = []
    missing = [name for name in env_names if not os.environ.get(name, "").strip()]
    for name in env_names:
        value = os.environ.get(name, "").strip()
        if value:
            REDACTOR.add(value)
            pairs.append((name, value))
    if env_names and not pairs:
        raise ConfigError(f"crawl.tokens: none of the environment variables {', '.join(env_names)} is set")
    if missing:
        log.warning("token variables not set (ignored): %s", ", ".join(missing))
    return pairs


@dataclass
class _TokenState:
    name: str
    value: str | None
    blocked_until: float = 0.0
    requests: int = 0
    rate_limited: int = 0
    remaining: dict[str, int] = field(default_factory=dict)  # rate-limit resource -> remaining requests
    reset: dict[str, float] = field(default_factory=dict)


class TokenPool:
    """Tokens used in turn by their remaining quota.

    GitHub reports each token's quota per resource (``core``, ``search``) in ``X-RateLimit-Remaining``
    / ``X-RateLimit-Reset`` / ``X-RateLimit-Resource`` on every response
    (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#checking-the-status-of-your-rate-limit);
    GitLab sends ``RateLimit-Remaining``. ``acquire`` picks, among the tokens not blocked, the one with
    the most quota left for the resource (a token not used yet counts as full), round-robin among equals,
    so every token's hour is spent before any has to wait. A token whose quota is spent is blocked until
    its reset.
    """

    def __init__(self, tokens: list[str], names: list[str] | None = None) -> None:
        names = names or [f"token{i + 1}" for i in range(len(tokens))]
        self._states = [_TokenState(n, t) for n, t in zip(names, tokens, strict=True)] or [_TokenState("anonymous", None)]
        self._next = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._states)

    def name(self, index: int) -> str:
        return self._states[index].name

    def acquire(self, resource: str = "core") -> tuple[int, str | None, float]:
        """``(index, value, wait_s)``: the usable token with the most quota left now (wait 0), or the
        one that frees first."""
        with self._lock:
            now = time.time()
            n = len(self._states)
            best, best_left = -1, -1.0
            for step in range(n):
                index = (self._next + step) % n
                state = self._states[index]
                if state.blocked_until > now:
                    continue
                left = state.remaining.get(resource)
                if left is not None and state.reset.get(resource, 0) <= now:
                    left = None  # the window has reset since we last heard
                value = float("inf") if left is None else float(left)
                if value > best_left:
                    best, best_left = index, value
            if best >= 0:
                self._next = best + 1
                self._states[best].requests += 1
                return best, self._states[best].value, 0.0
            index = min(range(n), key=lambda i: self._states[i].blocked_until)
            return index, self._states[index].value, self._states[index].blocked_until - now

    def observe(self, index: int, resource: str | None, remaining: float | None, reset: float | None) -> None:
        """Record the quota a response reported for the token it was sent with."""
        if remaining is None:
            return
        with self._lock:
            state = self._states[index]
            res = resource or "core"
            state.remaining[res] = int(remaining)
            state.reset[res] = reset or (time.time() + 3600)

    def block(self, index: int, until: float) -> None:
        with self._lock:
            self._states[index].blocked_until = max(self._states[index].blocked_until, until)
            self._states[index].rate_limited += 1

    def any_free(self) -> bool:
        now = time.time()
        with self._lock:
            return any(s.blocked_until <= now for s in self._states)

    def usage(self) -> dict[str, dict[str, object]]:
        """Per token NAME: requests sent, times its quota ran out, last known remaining quota."""
        with self._lock:
            return {s.name: {"requests": s.requests, "rate_limited": s.rate_limited,
                             "remaining": dict(sorted(s.remaining.items()))} for s in self._states}
