"""Fast path: recognise common licence texts by a hash of their normalised words.

A licence file is normalised -- byte-order mark, HTML entities, Markdown/comment decoration, list numbering, copyright lines, title
lines and the few places where a licence names its holder ("Neither the name of <X> nor ...",
"PROVIDED BY <X> AS IS", "IN NO EVENT SHALL <X> BE LIABLE") are removed or replaced by a placeholder,
then only lower-case words are kept -- and its SHA-1 is looked up in a table of known texts.

The table (``pipeline/licensing/data/fastpath.json``) is generated offline from the licence texts and
full-text rules shipped inside scancode-toolkit (``licensedcode/data/licenses/*.LICENSE``,
``licensedcode/data/rules/*.RULE``) by ``python -m pipeline.licensing.build_fastpath``, which keeps
only texts on which scancode itself detects exactly the table's expression: a hit therefore gives
the same answer scancode gives on that text. Anything that is not an exact normalised match (extra
notices, edits, several licences in one file) returns None and goes to scancode.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass

from pipeline.licensing.residue import FORBIDDEN

# A copyright line ("Portions Copyright 2017 Google Inc." too: the PostgreSQL licence's own lines, so the
# table's PostgreSQL entries match whoever the holders are), not a wrapped licence line that starts with
# "copyright notice" or "copyright owner".
_COPYRIGHT_LINE = re.compile(
    r"^\s*(?:portions\s+)?(copyright\b(?!\s+(?:notices?|holders?|owners?|and|or|law|laws|statements?|licen[cs]es?|protection|"
    r"infringement|interest|claims?|by|in|of|to|for|the|this|that|is|are|shall|will)\b)|\(c\)|©|all rights reserved\W*$)",
    re.I,
)
_DECORATION = re.compile(r"^\s*(?:[#*/;!>|_=~+-]+|\.\.|rem\b|dnl\b)?\s*", re.I)
_LIST_MARKER = re.compile(r"^\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]\s+", re.I)
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
# Words that can change what a licence allows. A copyright line or a holder slot containing one is
# kept, so a restriction hidden there ("Copyright X. Use prohibited except ...") can never be erased.
_OPERATIVE = r"(?:licen\w*|permi\w*|grant\w*|prohibit\w*|restrict\w*|except\w*|unless|not|no|only|may|must|shall|gpl\w*|use|used|sell|sold|commercial\w*)"
_OPERATIVE_WORD = re.compile(rf"\b{_OPERATIVE}\b", re.I)
# Title lines dropped at the top of a file: only words naming the common licences (a "Proprietary
# License" title is kept and makes the text miss, so scancode reads it).
_TITLE_WORDS = frozenset(
    "the a mit bsd apache license licence licensed version v 0 1 2 3 4 2.0 1.0 2.1 3.0 1.1 clause new simplified "
    "revised modified isc gnu general public lesser library affero mozilla boost software zlib libpng "
    "unlicense expat x11 mpl gpl lgpl agpl eclipse epl creative commons zero universal cc0 cc domain "
    "dedication and or 0bsd bsl python psf foundation agreement".split()
)
_TITLE_TOKEN = re.compile(r"[a-z0-9.]+")
_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)
# Holder-name slots, replaced on the word text (after punctuation is gone): the BSD family and MIT's
# liability sentence name the holder in different words in every copy. A slot holds at most 12 words
# and no operative word.
# A slot holds no word of the residue grammar's FORBIDDEN list either ("provided by X for research as is"
# is no holder name): such a text misses the fast path and its edit is judged by the templates.
_SLOT_FORBIDDEN = "|".join(sorted(FORBIDDEN - {"copy", "copies", "free"}))
_SLOT = rf"(?:(?!(?:{_OPERATIVE}|{_SLOT_FORBIDDEN})\b)\w+ ){{0,12}}?"
_HOLDER_SLOTS = (
    (
        re.compile(rf"\bneither the names? of {_SLOT}nor the names? of\b"),
        "neither the name of holder nor the names of",
    ),
    (re.compile(rf"\bneither the names? of {_SLOT}nor\b"), "neither the name of holder nor"),
    (re.compile(rf"\bprovided by {_SLOT}as is\b"), "provided by holder as is"),
    (re.compile(rf"\bin no event shall {_SLOT}be liable\b"), "in no event shall holder be liable"),
)
_SLOT_NEEDLE = {replacement: " ".join(replacement.split()[:2]) for _, replacement in _HOLDER_SLOTS}
_SPELLING = (
    (re.compile(r"\blicence\b"), "license"),
    (re.compile(r"\blicenced\b"), "licensed"),
    (re.compile(r"\bnon commercial\b"), "noncommercial"),
)
_WORD = re.compile(r"[a-z0-9]+")


def _is_title(line: str) -> bool:
    tokens = _TITLE_TOKEN.findall(line.lower())
    return (
        0 < len(tokens) <= 8
        and ("license" in tokens or "licence" in tokens or "unlicense" in tokens)
        and all(t.strip(".") in _TITLE_WORDS for t in tokens)
    )


def is_copyright_line(line: str) -> bool:
    """A copyright line (after comment decoration) with no word that could change a licence."""
    line = _DECORATION.sub("", line, count=1)
    return bool(_COPYRIGHT_LINE.match(line)) and not _OPERATIVE_WORD.search(_COPYRIGHT_LINE.sub("", line, count=1))


def _split_lines(text: str) -> tuple[list[str], list[str]]:
    """``(kept, dropped)`` lines of a licence text: ``dropped`` are the copyright and top title lines
    ``normalize`` removes (the residue rule checks them, ``residue.is_copyright_statement``)."""
    text = unicodedata.normalize("NFKC", html.unescape(text.lstrip("\ufeff"))).translate(_QUOTES)
    text = _MARKDOWN_LINK.sub(r"\1", text)
    kept: list[str] = []
    dropped: list[str] = []
    for number, line in enumerate(text.splitlines()):
        line = _DECORATION.sub("", line, count=1)
        if not line.strip():
            continue
        if is_copyright_line(line):
            dropped.append(line)
            continue
        line = _LIST_MARKER.sub("", line, count=1)
        # A title line ("MIT License", "The BSD 3-Clause License", "Apache License") is dropped only
        # at the very top, where copies disagree about it; the body identifies the licence.
        if not kept and number < 8 and _is_title(line):
            dropped.append(line)
            continue
        kept.append(line)
    return kept, dropped


def outside_lines(text: str, before: int, after: int) -> list[str]:
    """The text's lines (as the normaliser kept them) holding its first ``before`` and last ``after``
    normalised words; a line shared with the words in between contributes only its outside words."""
    kept, _ = _split_lines(text)
    out: list[str] = []
    for lines, want, forward in ((kept, before, True), (kept[::-1], after, False)):
        taken = 0
        for line in lines:
            if taken >= want:
                break
            words = re.findall(r"[A-Za-z0-9]+", line)  # ``_WORD`` on the line, its case kept
            part = words[: want - taken] if forward else words[len(words) - (want - taken):]
            out.append(" ".join(part) if len(part) < len(words) else line)
            taken += len(part)
    return out


def dropped_lines(text: str) -> list[str]:
    """The copyright and title lines ``normalize`` removes from ``text``."""
    return _split_lines(text)[1]


def normalize(text: str) -> str:
    """The words of a licence text with decoration, copyright lines and holder names removed."""
    kept, _ = _split_lines(text)
    words = " ".join(_WORD.findall(" ".join(kept).lower()))
    # Each pattern starts with a fixed phrase: look for the phrase first (a substring test is far
    # cheaper than a regex scan of a long licence).
    for pattern, replacement in _SPELLING:
        if pattern.pattern[2:].split("\\b")[0] in words:
            words = pattern.sub(replacement, words)
    for pattern, replacement in _HOLDER_SLOTS:
        if _SLOT_NEEDLE[replacement] in words:
            words = pattern.sub(replacement, words + " ").strip()
    return words


def fingerprint(text: str) -> str:
    """Hex SHA-1 of the normalised text (the fast-path table's key)."""
    return hashlib.sha1(normalize(text).encode()).hexdigest()


@dataclass(frozen=True)
class FastMatch:
    expression: str  # SPDX expression, as scancode reports it for the same text
    key: str  # scancode licence expression
    rule: str  # scancode licence or rule file the table entry came from


class FastPath:
    """Lookup of normalised-text hashes; ``table`` maps fingerprint -> {spdx, key, rule}."""

    def __init__(self, table: dict[str, dict[str, str]], min_words: int = 20) -> None:
        self.table = table
        self.min_words = min_words

    def __len__(self) -> int:
        return len(self.table)

    def match(self, text: str) -> FastMatch | None:
        return self.match_normalized(normalize(text))

    def match_normalized(self, words: str) -> FastMatch | None:
        """``match`` on text already passed through ``normalize``."""
        if words.count(" ") + 1 < self.min_words:
            return None  # too short to identify a licence by itself (a bare title or reference)
        entry = self.table.get(hashlib.sha1(words.encode()).hexdigest())
        if entry is None:
            return None
        return FastMatch(expression=entry["spdx"], key=entry["key"], rule=entry["rule"])
