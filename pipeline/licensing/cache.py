"""Per-worker caches of licence evidence, and the notice block of a file's head (licence-stage speed).

The same LICENSE, NOTICE and file header recur across the files and repositories of a build (every
pygments module carries the same ``:copyright:``/``:license:`` lines, every vendored copy the same
LICENSE). Reading a text is a pure function of the text, its kind and the ``LicenseConfig``
(``evidence.TextReader``), so its evidence is cached by content hash:

- ``normalise_text``: line endings and trailing blanks removed (scancode's tokenizer and the fast path
  ignore both; the text read IS the normalised one, so a cached answer is exactly what reading it gives);
- ``LicenseCache``: a bounded LRU of ``sha256(config, method, kind, fast, text)`` -> evidence without its
  ``where`` keys (``file``, ``folder``, ``host_field``), which are stamped back on every hit. Scan
  failures (``scan_error``/``scan_timeout``) are never cached: a retry may succeed;
- ``notice_block``: what of a file's head scancode reads. A head is the notice plus per-file text
  (module docstring, code), which makes every head distinct. The block runs from the first to the last
  paragraph (blank-line separated) holding a licence keyword (``files.HEADER_KEYWORDS``), with every
  paragraph between them, verbatim. The paragraphs before and after it are checked by scancode's exact
  matchers only (hash, Aho-Corasick and SPDX-tag matching, ``LicenseIndex.match(approximate=False)``,
  milliseconds; scancode-toolkit ``licensedcode/index.py``): when they match any rule that is not a
  pure reference, the whole head is read as before. Only the approximate matcher
  (``LicenseIndex.get_approximate_matches``, nearly all of the licence stage's time on headers) is
  spared the per-file text, and its answer on the block is cached.

``CachedReader`` wraps a ``TextReader`` with these caches (same methods, same evidence).
"""

from __future__ import annotations

import collections
import copy
import hashlib
import logging
import re
import time
from dataclasses import dataclass
from typing import Any

from pipeline.licensing import policy as lp
from pipeline.licensing.files import COMMENT_LINE, HEADER_KEYWORDS, comment_bounds, open_docstring
from pipeline.licensing.residue import (
    COPYRIGHT_LINE,
    is_formatting,
    rider_lines,
    strict_rider_lines,
    strip_decoration,
)

logger = logging.getLogger(__name__)

WHERE_KEYS = ("file", "folder", "host_field")
_UNCACHED = (lp.SCAN_ERROR, lp.SCAN_TIMEOUT)
EXACT_CHECK_S = 5.0  # deadline of the exact-matcher check on the text around a notice block


def normalise_text(text: str) -> str:
    """``text`` with ``\\n`` line ends and no trailing blanks on any line."""
    return "\n".join(line.rstrip() for line in text.splitlines())


def config_fingerprint(cfg: Any) -> str:
    """Hash of every ``LicenseConfig`` field a decision depends on (all but the cache's own size)."""
    return hashlib.sha256(cfg.model_dump_json(exclude={"cache_entries"}).encode()).hexdigest()[:16]


class LicenseCache:
    """Bounded LRU of evidence lists by content hash; ``hits``/``misses`` counted."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._items: collections.OrderedDict[bytes, list[dict[str, Any]]] = collections.OrderedDict()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(*parts: str) -> bytes:
        digest = hashlib.sha256()
        for part in parts:
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\x00")
        return digest.digest()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: bytes, where: dict[str, Any]) -> list[dict[str, Any]] | None:
        """The cached evidence stamped with ``where``, or None (a miss is counted)."""
        found = self._items.get(key)
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        self._items.move_to_end(key)
        return [{**where, **copy.deepcopy(e)} for e in found]

    def put(self, key: bytes, evidence: list[dict[str, Any]]) -> None:
        if self.max_entries <= 0 or any(e.get("verdict") in _UNCACHED for e in evidence):
            return
        self._items[key] = [{k: copy.deepcopy(v) for k, v in e.items() if k not in WHERE_KEYS} for e in evidence]
        self._items.move_to_end(key)
        while len(self._items) > self.max_entries:
            self._items.popitem(last=False)


@dataclass(frozen=True)
class NoticeBlock:
    text: str  # the block's lines, verbatim
    start: int  # 0-based first line of the block in the head
    end: int  # 0-based last line
    rest: str  # the head's other lines (before and after the block)


# A licence's warranty disclaimer (its last paragraph, which need not hold a licence keyword).
_DISCLAIMER = re.compile(r"\bas\W+is\b.{0,200}\bwarrant|\bwithout\s+warranty|\bliable\s+for\b", re.I | re.S)


def notice_block(head: str) -> NoticeBlock | None:
    """The paragraphs of ``head`` from the first to the last holding a licence keyword, and the warranty
    disclaimers right after them (None when no paragraph holds a keyword)."""
    lines = head.split("\n")
    paragraphs: list[tuple[int, int]] = []
    start = None
    for i, line in enumerate(lines + [""]):
        if line.strip() and start is None:
            start = i
        elif not line.strip() and start is not None:
            paragraphs.append((start, i - 1))
            start = None
    marked = [i for i, (a, b) in enumerate(paragraphs) if any(HEADER_KEYWORDS.search(ln) for ln in lines[a:b + 1])]
    if not marked:
        return None
    end = marked[-1]
    while end + 1 < len(paragraphs) and _DISCLAIMER.search(" ".join(lines[paragraphs[end + 1][0]: paragraphs[end + 1][1] + 1])):
        end += 1  # a warranty disclaimer naming the holder, not "the copyright holders" (X11-style MIT texts)
    first, last = paragraphs[marked[0]][0], paragraphs[end][1]
    if open_docstring(lines[:last + 1]):
        # The notice is in a docstring that goes on: the rest of it, where a rider would sit, is read too
        # (``spans.header_lines`` reads it for terms only).
        while end + 1 < len(paragraphs) and open_docstring(lines[:paragraphs[end][1] + 1]):
            end += 1
        last = paragraphs[end][1]
    rest = "\n".join(lines[:first] + lines[last + 1:])
    return NoticeBlock("\n".join(lines[first:last + 1]), first, last, rest)


def exact_rules_outside(runner: Any, text: str) -> bool:
    """True when scancode's exact matchers find a rule that is not a pure reference in ``text`` (or
    fail: then the caller reads the whole head, as without the cache)."""
    if not text.strip():
        return False
    from pipeline.licensing.scancode_runner import REFERENCE_KEYS

    try:
        matches = runner.load().index.match(query_string=text, approximate=False,
                                            deadline=time.time() + EXACT_CHECK_S)
    except Exception as exc:  # noqa: BLE001 -- any failure: read the whole head instead
        logger.debug("exact check failed, reading the whole head: %s", exc)
        return True
    for match in matches:
        keys = {k for k in match.rule.license_expression.replace("(", " ").replace(")", " ").split()
                if k.lower() not in ("and", "or", "with")}
        if not keys <= REFERENCE_KEYS:
            return True
    return False


SHORT_PARAGRAPH = 3  # lines: a rider is a sentence or two; a licence's paragraphs run longer


def short_paragraphs(lines: list[str]) -> list[list[str]]:
    """The paragraphs of ``lines`` (runs of lines with words, their comment markers stripped; an empty
    line or a bare marker ends one) of at most ``SHORT_PARAGRAPH`` lines."""
    paragraphs, run = [], []
    for line in [*lines, ""]:
        words = strip_decoration(line) if line.strip() and not is_formatting(line) else ""
        if words.strip():
            run.append(words)
            continue
        if run and len(run) <= SHORT_PARAGRAPH:
            paragraphs.append(run)
        run = []
    return paragraphs


class CachedReader:
    """A ``TextReader`` whose ``read`` and ``scancode`` answers are cached; ``header`` reads a file's
    head through its notice block. Other attributes are the wrapped reader's."""

    def __init__(self, reader: Any, cache: LicenseCache, fingerprint: str) -> None:
        self._reader = reader
        self.cache = cache
        self.fingerprint = fingerprint
        self.blocks = 0  # heads read through their notice block
        self.whole_heads = 0  # heads read whole (text around the block matched an exact rule)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)

    def _cached(self, method: str, text: str, where: dict[str, Any], kind: str, fast: bool, call) -> list:
        key = self.cache.key(self.fingerprint, method, kind, str(fast), text)
        found = self.cache.get(key, where)
        if found is not None:
            return found
        evidence = call(text)
        self.cache.put(key, evidence)
        return evidence

    def read(self, text: str, where: dict[str, Any], kind: str, fast: bool = True) -> list[dict[str, Any]]:
        text = normalise_text(text)
        return self._cached("read", text, where, kind, fast, lambda t: self._reader.read(t, where, kind, fast))

    def scancode(self, text: str, where: dict[str, Any], kind: str) -> list[dict[str, Any]]:
        text = normalise_text(text)
        return self._cached("scancode", text, where, kind, False, lambda t: self._reader.scancode(t, where, kind))

    def header(self, head: str, where: dict[str, Any], kind: str = "header") -> list[dict[str, Any]]:
        """Evidence of a file's head (which passed the keyword prefilter): scancode on its notice block
        when nothing around the block matches a scancode rule exactly, else on the whole head. Evidence
        read from a block names its lines in the head (``notice_lines``, 1-based, inclusive); line
        numbers inside a rule or residue note count from the block's first line. A document's head
        (``kind`` "document", ``files.is_document``) is read whole: its prose after a notice is no code."""
        head = normalise_text(head)
        if kind == "document":
            return self.scancode(head, where, kind)
        block = notice_block(head)
        if block is None or exact_rules_outside(self._reader.runner, block.rest):
            self.whole_heads += 1
            return self.scancode(head, where, "header")
        self.blocks += 1
        evidence = self.scancode(block.text, where, "header")
        if block.text == head:
            return evidence
        # The comment or docstring the block lies in may go on below it, or above a licence's text, with
        # paragraphs that hold no licence keyword: they are read for terms, as ``spans.header_lines`` reads
        # the lines around a notice (a rider below the text in a ``/* ... */`` block, or above its
        # copyright line).
        lines = head.split("\n")
        marked = [i for i in range(block.start, block.end + 1) if HEADER_KEYWORDS.search(lines[i])]
        top = comment_bounds(lines, marked[0], marked[0])[0] if any(e.get("text") for e in evidence) else block.start
        bottom = comment_bounds(lines, marked[-1], marked[-1])[1]  # the comment of the block's last keyword
        riders = rider_lines([strip_decoration(ln) for ln in lines[top:block.start] + lines[block.end + 1:bottom + 1]
                              if not is_formatting(ln)])
        # The head's other comments, above or below the notice's (the comment of its first copyright line,
        # else of its first keyword line), hold a rider written apart from the notice, even inside the
        # block ("# ... this license terminate ..." a blank line below it): their short paragraphs are read
        # for a sentence with every mark of a term (``strict_rider_lines``). A licence's text split into
        # comments of its own (MIT's grant, "without restriction") runs longer.
        anchor = next((i for i in marked if COPYRIGHT_LINE.match(strip_decoration(lines[i]))), marked[0])
        first, last = comment_bounds(lines, anchor, anchor)
        for paragraph in short_paragraphs([ln if (i < first or i > last) and COMMENT_LINE.match(ln) else ""
                                           for i, ln in enumerate(lines)]):
            riders += strict_rider_lines(paragraph)
        if riders:
            evidence = [self._reader.modified(where, e["kind"], e["expression"], e["rule"], e["score"], e["method"],
                                              riders) if e["verdict"] == lp.PERMISSIVE else e for e in evidence]
        return [{**e, "notice_lines": [block.start + 1, block.end + 1]} for e in evidence]
