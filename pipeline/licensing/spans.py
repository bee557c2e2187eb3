"""What scancode's matches explain in a text, and what they leave over (the residue rule on scancode).

scancode reports, for each detection, the matches it is made of and the lines each covers
(scancode-toolkit ``LicenseMatch.start_line``/``end_line``). ``analyse`` turns them into:

- the licence expression of the text: the matches' expressions joined with AND, except that
  * a match lying wholly in a scope note of the residue grammar is left out (lodash's CC0 waiver for
    the sample code shown in its documentation is not the code's licence);
  * the full texts of an offered choice stay a choice: after a match whose expression is ``A OR B``,
    matches of ``A`` or of ``B`` are the texts it offers, not extra terms (node-forge's "either the BSD
    License or the GNU General Public License" followed by both texts is ``BSD-3-Clause OR GPL-2.0``);
  * reference-only matches ("see LICENSE", a warranty disclaimer) explain their lines and add nothing;
  * a line that states a choice between two licences scancode has no OR rule for ("Dual licensed under
    WTFPL and MIT:", ``dual_statements``) is that choice, and the texts it offers follow it as above;
- ``weak``: matches under the score floor: their lines stay unexplained;
- ``unexplained``: the 0-based line numbers no match covers (the caller applies the residue grammar).
  In a file header only the comment lines in the same paragraph as a match are the notice; the lines
  from its copyright line to its last match, and the rest of its comment, are read for terms only
  (``header_lines``).

Plain functions, no scancode import (``Detection``/``MatchSpan`` come from ``scancode_runner``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.licensing import policy as lp
from pipeline.licensing.files import COMMENT_LINE, comment_bounds, in_prose, open_comment
from pipeline.licensing.residue import COPYRIGHT_LINE, forbidden, is_formatting, scope_only, strip_decoration
from pipeline.licensing.scancode_runner import REFERENCE_KEYS, Detection, MatchSpan


@dataclass
class SpanAnalysis:
    expression: str | None
    kept: list[MatchSpan] = field(default_factory=list)  # matches that make the expression
    weak: list[MatchSpan] = field(default_factory=list)  # under the score floor
    offered: list[MatchSpan] = field(default_factory=list)  # full texts of a choice offered by an OR match
    unexplained: list[int] = field(default_factory=list)


def _spans(detection: Detection) -> list[MatchSpan]:
    if detection.matches:
        return list(detection.matches)
    # A detection without its matches (a test double): one span over its lines.
    return [
        MatchSpan(detection.expression, detection.key, detection.rule, detection.score, detection.start_line,
                  detection.end_line, detection.score >= 100, True)
    ]


def _is_reference(span: MatchSpan) -> bool:
    keys = {k for k in re.split(r"[\s()]+", span.key) if k and k.lower() not in ("and", "or", "with")}
    return bool(keys) and keys <= REFERENCE_KEYS


# "Dual licensed under WTFPL and MIT:", "This software is dual-licensed under the ISC and MIT licenses.":
# the work is offered under either licence (a dual licence is a choice; point 11 of the licence issue: an
# OR notice followed by the texts it offers stays an OR).
_DUAL = re.compile(
    r"(?:(?P<subject>[\w .'-]{1,40}?)\s+(?:is|are)\s+)?dual[- ]licen[cs]ed\s+under\s+(?:the\s+)?"
    r"(?P<a>[\w .+-]{1,40}?)\s+(?:and|or)\s+(?:the\s+)?(?P<b>[\w .+-]{1,40}?)(?:\s+licen[cs]es)?\s*[:.]?", re.I)
DUAL_RULE = "dual-licence statement"


# A licence family named without its version or variant ("Dual licensed under WTFPL and BSD:", sinon-chai):
# it names the one licence of that family whose text the file holds (none or two: no name).
_FAMILIES = {"bsd": "bsd-", "apache": "apache-", "gpl": "gpl-", "lgpl": "lgpl-", "agpl": "agpl-", "mpl": "mpl-"}


def dual_statements(lines: list[str], name: Callable[[str], str | None],
                    held: frozenset[str] = frozenset()) -> dict[int, str]:
    """``{0-based line: "A OR B"}`` for each line that is only a dual-licence statement whose two names
    ``name`` reads as two different SPDX ids (a family's name, "BSD", as the one licence of that family
    among ``held``, the ids of the texts the file holds); a subject with a term word ("Internal use is
    dual licensed under ...") or a name it cannot read leaves the line to the grammar."""
    def read(words: str) -> str | None:
        spdx = name(words)
        family = _FAMILIES.get(re.sub(r"(?i)\s+licen[cs]es?$", "", words.strip()).lower())
        if spdx is None and family:
            members = {i for i in held if i.lower().startswith(family)}
            spdx = next(iter(members)) if len(members) == 1 else None
        return spdx

    out: dict[int, str] = {}
    for i, line in enumerate(lines):
        found = _DUAL.fullmatch(strip_decoration(line).strip()) if "dual" in line.lower() else None
        if found is None or forbidden(found.group("subject") or ""):
            continue
        first, second = read(found.group("a")), read(found.group("b"))
        if first and second and first != second:
            out[i] = f"{first} OR {second}"
    return out


def analyse(detections: list[Detection], lines: list[str], floor: float,
            name: Callable[[str], str | None] | None = None) -> SpanAnalysis:
    """The expression, kept and weak matches, and unexplained lines of a text scancode read. ``name``
    reads a licence's name (``names.licence_named``) for the dual-licence statements scancode has no OR
    rule for."""
    spans = sorted((s for d in detections for s in _spans(d)), key=lambda s: (s.start_line, s.end_line))
    dual = name is not None and any("dual" in line.lower() for line in lines)  # the only lines read below
    held = frozenset(s.expression for s in spans if s.is_text and not lp.or_operands(s.expression)) if dual else frozenset()
    for i, expression in (dual_statements(lines, name, held) if dual else {}).items():
        on_line = [s for s in spans if s.start_line == s.end_line == i + 1]
        if any(lp.or_operands(s.expression) for s in on_line):
            continue  # scancode's own rule reads the choice
        # scancode's rule of the same choice begun on the line and run on into the next ones ("This project
        # is dual licensed under MIT and Apache-2.0." over "MIT: <url>", multiformats): the statement is the
        # line's when other matches cover the rule's other lines (not abbrev's "You may use this software
        # under EITHER of the following licenses.", which only the rule reads)
        offer = lp.or_operands(expression)
        on_line += [s for s in spans if s.start_line == i + 1 < s.end_line and lp.or_operands(s.expression) == offer
                    and all(not lines[j - 1].strip() or any(o is not s and o.start_line <= j <= o.end_line for o in spans)
                            for j in range(i + 2, s.end_line + 1))]
        spans = [s for s in spans if s not in on_line] + [
            MatchSpan(expression, "dual-licence-statement", DUAL_RULE, 100.0, i + 1, i + 1, True, False)]
        spans.sort(key=lambda s: (s.start_line, s.end_line))
    explained: set[int] = set()
    kept: list[MatchSpan] = []
    weak: list[MatchSpan] = []
    offered: list[MatchSpan] = []
    offers: list[set[str]] = []
    for span in spans:
        rows = range(max(0, span.start_line - 1), min(len(lines), span.end_line))
        if scope_only(lines, rows.start, rows.stop - 1):
            continue  # a scope note: its lines stay for the grammar, its licence is not the code's
        if span.score < floor and not _is_reference(span):
            weak.append(span)
            continue
        explained.update(rows)
        if _is_reference(span):
            continue
        choices = lp.or_operands(span.expression)
        if choices is not None:
            offers.append(choices)
        elif any(span.expression in offer or lp.strip_neutral(span.expression) in offer for offer in offers):
            offered.append(span)  # the full text of a choice offered above
            continue
        kept.append(span)
    expression = lp.combine_expressions(lp.strip_neutral(s.expression) for s in kept)
    unexplained = [i for i in range(len(lines)) if i not in explained]
    return SpanAnalysis(expression, kept, weak, offered, unexplained)


_QUOTES = re.compile(r"\"\"\"|'''")  # a Python docstring's delimiter


def header_lines(lines: list[str], spans: list[MatchSpan], unexplained: list[int],
                 document: bool = False) -> tuple[list[int], list[int]]:
    """``(notice, around)``: of ``unexplained``, the lines of a file header's notice, read by the whole
    grammar, and the lines around it, read for terms only (``residue.rider_lines``).

    The notice is the comment lines in the same paragraph as a match. Around it: every other line, comment
    or docstring, from the first to the last line that bears the notice (a match, a copyright line), where
    a file's description or provenance may sit between its copyright line and its licence, and so may a
    rider; when a match is a licence's text, the lines of the comment or docstring it starts in above it
    (a rider written above the copyright line, in the same comment; above a short notice, such lines are
    the module's description, too often worded like a rider to be read); and the lines after the last
    match to the end of its comment or docstring, a block comment without a marker on each line
    (``/* ... */``, ``<!-- ... -->``) too.
    Code and comments elsewhere in the file's head (a module's description in a comment of its own
    above the notice) are not licence-bearing.
    In a ``document`` (``files.is_document``) whose last match ends in plain text (``files.in_prose``),
    every line after it is read for terms too: no code follows to end the notice ("This agreement shall
    be governed by the laws of ..." below an MIT text in a ``.txt``)."""
    block: set[int] = set()
    around: set[int] = set()
    bearing = [i for span in spans for i in (span.start_line - 1, span.end_line - 1)]
    if bearing:
        # the copyright lines above the last match (one further down may be a string in the code)
        bearing += [i for i, line in enumerate(lines[: max(bearing)]) if COPYRIGHT_LINE.match(line)]
        lo, hi = max(0, min(bearing)), min(len(lines) - 1, max(bearing))
        # within the string or comment the notice starts in (a later match may be a string in the code)
        hi = next((j for j in range(lo + 1, hi) if _QUOTES.search(lines[j])), hi)
        around.update(range(lo, hi + 1))
        if not document and any(span.is_text for span in spans):
            around.update(range(comment_bounds(lines, lo, lo)[0], lo))
        last = max(span.end_line for span in spans)  # the line after the last match (0-based)
        i = last
        while i < len(lines) and COMMENT_LINE.match(lines[i]):
            around.add(i)
            i += 1
        end = open_comment("\n".join(lines[:last]))  # the block comment or string the last match ends inside
        if document and in_prose(lines, last - 1):
            around.update(range(last, len(lines)))
        elif end is not None and not _QUOTES.fullmatch(end):
            close = next((j for j in range(last, len(lines)) if end in lines[j]), len(lines) - 1)
            around.update(range(last, close + 1))
        elif i == last and not COMMENT_LINE.match(lines[last - 1]) and not _QUOTES.search(lines[last - 1]):
            # a notice in a docstring: the rest of it, to the line that closes it (told by the line, not by
            # ``open_comment``: a notice block read alone starts below the docstring's opening quotes)
            close = next((j for j in range(last, len(lines)) if _QUOTES.search(lines[j])), None)
            around.update(range(last, close + 1) if close is not None else ())
    for span in spans:
        start, end = max(0, span.start_line - 1), min(len(lines) - 1, span.end_line - 1)
        i = start - 1
        while i >= 0 and not is_formatting(lines[i]) and COMMENT_LINE.match(lines[i]):
            block.add(i)
            i -= 1
        i = end + 1
        while i < len(lines) and not is_formatting(lines[i]) and COMMENT_LINE.match(lines[i]):
            block.add(i)
            i += 1
    return [i for i in unexplained if i in block], [i for i in unexplained if i in around and i not in block]
