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
from dataclasses import dataclass

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
    values = []
    missing = [name for name in env_names if not os.environ.get(name)]
    for name in env_names:
        value = os.environ.get(name, "").strip()
        if value:
            REDACTOR.add(value)
            values.append(value)
    if env_names and not values:
        raise ConfigError(f"crawl.tokens: none of the environment variables {', '.join(env_names)} is set")
    if missing:
        log.warning("token variables not set (ignored): %s", ", ".join(missing))
    return values


@dataclass
class _TokenState:
    value: str | None
    blocked_until: float = 0.0


class TokenPool:
    """Round-robin over tokens, skipping those whose primary limit is spent until their reset."""

    def __init__(self, tokens: list[str]) -> None:
        self._states = [_TokenState(t) for t in tokens] or [_TokenState(None)]
        self._next = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._states)

    def acquire(self) -> tuple[int, str | None, float]:
        """``(index, value, wait_s)``: a usable token now (wait 0) or the one that frees first."""
        with self._lock:
            now = time.time()
            for step in range(len(self._states)):
                index = (self._next + step) % len(self._states)
                if self._states[index].blocked_until <= now:
                    self._next = index + 1
                    return index, self._states[index].value, 0.0
            index = min(range(len(self._states)), key=lambda i: self._states[i].blocked_until)
            return index, self._states[index].value, self._states[index].blocked_until - now

    def block(self, index: int, until: float) -> None:
        with self._lock:
            self._states[index].blocked_until = max(self._states[index].blocked_until, until)

    def any_free(self) -> bool:
        now = time.time()
        with self._lock:
            return any(s.blocked_until <= now for s in self._states)


