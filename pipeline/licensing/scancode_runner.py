"""scancode-toolkit licence detection on one text, with a deadline, never raising.

``ScancodeRunner.load()`` builds scancode's licence index once per process (``licensedcode.cache
.get_index()``, ~6 s from its on-disk cache; call it from ``DoFn.setup``). ``scan(text)`` returns a
``ScanResult`` whose ``status`` is ``ok``, ``timeout`` or ``error``:

- the match runs in a worker thread with scancode's own cooperative ``deadline`` (checked between its
  matching phases) *and* a hard wait on the thread (deadline + grace), so a pathological text can
  neither hang the caller nor return silently partial results: either way it is a ``timeout``;
- any exception inside scancode becomes ``error`` with the exception's type and message.

A thread that overran its hard wait is abandoned (Python cannot kill it; scancode's deadline makes it
stop soon) and a fresh executor takes the next text. scancode-toolkit 32.x imports only with
``pluggy<1.6`` (scancode-toolkit's documentation); the package is imported lazily so that importing this module
is free.
"""

from __future__ import annotations

import collections
import concurrent.futures
import gc
import hashlib
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any

logger = logging.getLogger(__name__)

OK, TIMEOUT, ERROR = "ok", "timeout", "error"
CACHE_SIZE = 4096  # successful results kept per runner, by text hash

# scancode keys that say *something* about licensing but grant nothing: a pointer to another file
# ("see LICENSE"), a bare disclaimer, a CLA. They are not licence evidence on their own.
REFERENCE_KEYS = frozenset(
    {
        "unknown-license-reference",
        "warranty-disclaimer",
        "generic-cla",
        "license-intro",
        "free-unknown-reference",
    }
)


@dataclass(frozen=True)
class MatchSpan:
    """One scancode match inside a detection: the lines of the text it explains (residue rule)."""

    expression: str  # SPDX expression of the matched rule
    key: str  # scancode licence expression of the rule
    rule: str
    score: float
    start_line: int  # 1-based, inclusive
    end_line: int
    exact: bool  # every token of the rule matched, in one run, with no unknown word inside
    is_text: bool  # the rule is a licence text (not a notice, a tag or a reference)


@dataclass(frozen=True)
class Detection:
    expression: str  # SPDX expression (LicenseRef-scancode-* for keys SPDX does not list)
    key: str  # scancode licence expression
    rule: str  # identifier of the best match's rule (e.g. mit.LICENSE, apache-2.0_7.RULE)
    score: float  # 0..100, scancode's detection score
    start_line: int
    end_line: int
    matched_length: int = 0  # licence tokens matched (a reference is a few, a licence text is most of one)
    matches: tuple[MatchSpan, ...] = ()  # the matches, in text order (empty from test doubles)


@dataclass
class ScanResult:
    status: str
    detections: list[Detection] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0


_index_lock = threading.Lock()
_index: Any = None


def get_index() -> Any:
    """scancode's licence index, loaded once per process (thread-safe), with the candidate filter of
    ``scancode_candidates`` installed.

    The index is one pickle of about 1.3 million objects: the cyclic garbage collector, left on, walks
    the growing heap again and again while it loads (Python ``gc`` docs, "generations"), which costs as
    much as the load itself, so it is paused meanwhile (nothing the load creates is garbage). The loaded
    objects then go to the collector's permanent generation (``gc.freeze``): they live as long as the
    process, and every later full collection would otherwise walk all of them again (~0.2 s each)."""
    global _index
    with _index_lock:
        if _index is None:
            started = time.process_time()
            from licensedcode.cache import get_index as _scancode_index

            from pipeline.licensing import scancode_candidates

            was_enabled = gc.isenabled()
            gc.disable()
            try:
                _index = _scancode_index()
            finally:
                if was_enabled:
                    gc.enable()
            gc.freeze()
            scancode_candidates.install()
            logger.info("scancode licence index loaded in %.1f s CPU", time.process_time() - started)
        return _index


def _detection_score(matches: list[Any]) -> float:
    """Match scores weighted by matched length (scancode's own ``LicenseDetection.score`` is broken
    in 32.5: it reads a ``length`` attribute the class does not have)."""
    total = sum(m.len() for m in matches)
    if not total:
        return 0.0
    return round(min(100.0, sum(m.score() * m.len() for m in matches) / total), 2)


def match_text(index: Any, text: str, deadline: float) -> list[Detection]:
    """scancode's detections on ``text`` (deadline: a ``time.time()`` value). Module-level so tests
    can replace it."""
    from licensedcode.cache import build_spdx_license_expression
    from licensedcode.detection import detect_licenses

    out: list[Detection] = []
    for detection in detect_licenses(index=index, query_string=text, deadline=deadline):
        if not detection.license_expression or not detection.matches:
            continue  # a clue (copyright-like or "license" word) without an expression
        best = max(detection.matches, key=lambda m: (m.score(), m.len()))
        start, end = detection.get_start_end_line()
        out.append(
            Detection(
                expression=detection.license_expression_spdx or detection.spdx_license_expression(),
                key=detection.license_expression,
                rule=best.rule.identifier,
                score=_detection_score(detection.matches),
                start_line=int(start or 0),
                end_line=int(end or 0),
                matched_length=sum(m.len() for m in detection.matches),
                matches=tuple(_span(m, build_spdx_license_expression) for m in detection.matches),
            )
        )
    return out


def _span(match: Any, to_spdx: Any) -> MatchSpan:
    """A ``MatchSpan`` of one scancode ``LicenseMatch``."""
    key = match.rule.license_expression
    try:
        expression = str(to_spdx(key))
    except Exception:  # noqa: BLE001 -- an expression scancode cannot map keeps its key
        expression = key
    unknowns = getattr(match.query, "unknowns_by_pos", {}) or {}
    inside = any(match.qstart <= pos < match.qend for pos in unknowns)
    exact = (
        match.coverage() >= 100
        and len(match.qspan) == match.qend - match.qstart + 1
        and not inside
    )
    return MatchSpan(
        expression=expression,
        key=key,
        rule=match.rule.identifier,
        score=round(float(match.score()), 2),
        start_line=int(match.start_line or 0),
        end_line=int(match.end_line or 0),
        exact=exact,
        is_text=bool(match.rule.is_license_text),
    )


def is_reference_only(detection: Detection) -> bool:
    """True when every key in the detection only points elsewhere or disclaims (no grant)."""
    keys = {
        k
        for k in detection.key.replace("(", " ").replace(")", " ").split()
        if k.lower() not in ("and", "or", "with")
    }
    return bool(keys) and keys <= REFERENCE_KEYS


class ScancodeRunner:
    """One worker's scancode: load the index once, scan texts with a deadline, never raise."""

    def __init__(self, timeout_s: float = 30.0, grace_s: float | None = None) -> None:
        self.timeout_s = timeout_s
        self.grace_s = grace_s if grace_s is not None else min(5.0, max(0.5, timeout_s))
        self._executor: concurrent.futures.ThreadPoolExecutor | None = None
        self.index: Any = None
        self.abandoned = 0
        # Identical texts recur (the same vendored LICENSE, the same NOTICE in every module): scancode
        # is deterministic, so a successful result is reused by content hash (bounded, per worker).
        self._cache: collections.OrderedDict[bytes, list[Detection]] = collections.OrderedDict()
        self.cache_size = CACHE_SIZE

    def __getstate__(self) -> dict[str, Any]:  # pickled into Beam DoFns: never the index itself
        return {"timeout_s": self.timeout_s, "grace_s": self.grace_s}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["timeout_s"], state["grace_s"])

    def load(self) -> ScancodeRunner:
        if self.index is None:
            self.index = get_index()
        return self

    def _pool(self) -> concurrent.futures.ThreadPoolExecutor:
        if self._executor is None:
            self._executor = concurrent.futures.ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="scancode"
            )
        return self._executor

    def scan(self, text: str) -> ScanResult:
        """Detections on ``text`` within ``timeout_s``; status ok | timeout | error."""
        self.load()
        digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).digest()
        cached = self._cache.get(digest)
        if cached is not None:
            self._cache.move_to_end(digest)
            return ScanResult(OK, detections=list(cached))
        started = time.monotonic()
        deadline = time.time() + self.timeout_s
        future = self._pool().submit(match_text, self.index, text, deadline)
        try:
            detections = future.result(timeout=self.timeout_s + self.grace_s)
        except concurrent.futures.TimeoutError:
            # The thread cannot be killed: leave it to finish on its own and use a fresh one.
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
            self.abandoned += 1
            return ScanResult(
                TIMEOUT, error=f"no result within {self.timeout_s:g} s", seconds=time.monotonic() - started
            )
        except Exception as exc:  # noqa: BLE001 -- any scancode failure is a counted reason, never a crash
            return ScanResult(
                ERROR, error=f"{type(exc).__name__}: {exc}"[:500], seconds=time.monotonic() - started
            )
        elapsed = time.monotonic() - started
        if time.time() > deadline:
            # scancode stopped at its deadline: the detections are partial, so not trustworthy.
            return ScanResult(TIMEOUT, error=f"deadline of {self.timeout_s:g} s reached", seconds=elapsed)
        self._cache[digest] = list(detections)
        if len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        return ScanResult(OK, detections=detections, seconds=elapsed)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
