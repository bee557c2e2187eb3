"""The project's small exception vocabulary: how the runtime reacts to each kind of failure.

- ``ConfigError``: bad configuration or arguments; raised before any work starts; the CLI prints the
  message (which names the key to change) and exits with status 2.
- ``FatalError``: the run cannot go on (missing input directory, corrupt release); exit status 1.
- ``RecordError``: one bad record (file, post, archive member); caught by the stage, counted under
  ``reason`` and routed to ``rejected``; the run goes on.
- ``RetryableError``: a transient fault (rate limit, 5xx, reset); retried with backoff by the caller.
"""

from __future__ import annotations


class IncoderError(Exception):
    """Base of the project's errors."""


class ConfigError(IncoderError):
    """Invalid configuration or command-line arguments."""


class FatalError(IncoderError):
    """The run cannot go on."""


class RecordError(IncoderError):
    """One record is bad; ``reason`` is the snake_case counter name it is routed under."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class RetryableError(IncoderError):
    """A transient failure; ``retry_after`` is the server's hint in seconds, when it gave one."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after
