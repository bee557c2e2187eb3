"""Template matching: judge a licence text that is a close copy of a known licence text.

The exact fast path (``fastpath``) answers texts whose normalised words equal a known text.
Real licence files are often *close* copies instead: a reflowed GPL in Markdown, an MIT with
"sub-license" or one phrase dropped, a BSD with an extra line about the notice's position. This
matcher answers those without scancode, and it also catches *damaged* copies of permissive licences
that scancode still names as the licence (a truncated MIT, a grant with its first word missing, an
MIT with "except as noted below" added), which must not be kept as that licence.

Steps, on the normalised words (``fastpath.normalize``):

1. Candidates: each template indexes a bottom-k sample of its 5-word shingles; the share of that
   sample found among a text's shingles (how much of the template the text contains), discounted by
   their difference in length, ranks the templates (no alignment yet). A candidate of a permissive
   licence stands for that licence's own texts: its full text, its short notice (Apache's "Licensed
   under ..."), and its grant and conditions without the warranty disclaimer.
2. Up to ``MAX_TRIED`` candidates are aligned: word by word (``difflib``), or by shared shingles
   for long non-permissive texts, whose edits do not matter. A close copy covers ``min_coverage`` of
   the template and the template explains ``min_coverage`` of the text between the first and the last
   runs they share; text before and after (a preface, a note) may not name another licence or add
   terms (``LICENSING``), and no added word may name a licence the template does not (``NAMES``).
3. A close copy of a non-permissive template is answered as that licence (any edit leaves it
   non-permissive). A close copy of a permissive licence must also be *intact* against the licence's
   own text: no grant or condition word removed (``ESSENTIAL``, "must" standing for "shall"), no
   restricting word (``RESTRICTING``) or extra negation added inside it, no clause rewritten before the
   disclaimer (``REWORDED_RUN``) or added (``ADDED_CLAUSE``), no line repeated, not cut off. Line-break
   damage ("docume ntation", "copyof", "sub-license") is not an edit, nor is a pointer to the licence's own
   file added after or inside its statement of where a copy lies (``residue.is_licence_pointer``,
   ``residue.is_licence_location``), nor a warranty added to the disclaimer and nothing else
   ("OR NON-INFRINGEMENT": ``DISCLAIMED``). An intact copy is answered as the
   licence; a damaged one gets the status ``modified`` with the edits that made it so.

Texts that are not close copies of any template (bundles of notices, several licences in one file,
a licence inside a README) return None and go to scancode.
"""

from __future__ import annotations

import difflib
import heapq
import re
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import chain

from pipeline.licensing.residue import FORBIDDEN, expression_ids, is_licence_location, is_licence_pointer

SHINGLE = 5  # words per shingle
LONG = 400  # words: texts and non-permissive templates this long are compared by shingles, not word by word
MIN_LENGTH_RATIO = 0.4  # a template under this share of a text's length cannot be a copy of it
MAX_TRIED = 4  # candidates (a permissive licence's own texts count as one) aligned per text
TEMPLATE_SKETCH = 32  # each template indexes the 32 of its shingles with the smallest hashes
MIN_WORDS = 20

# Removing one of these from a permissive licence removes its grant or one of its conditions.
ESSENTIAL = frozenset("permission hereby granted permitted redistribution shall must".split())
# Adding one of these inside a permissive licence can restrict it or bring in another licence's terms.
RESTRICTING = frozenset(
    "except excepting exception unless only prohibit prohibited prohibits forbid forbidden forbids restrict "
    "restricted restriction restrictions must shall cannot noncommercial commercial commercially fee fees "
    "royalty royalties pay payment sold resale evil military harm gpl lgpl agpl gnu copyleft sharealike "
    "revoke revoked revocable terminate terminated termination consent approval disallow disallowed "
    "disallows exclude excluded excluding exclusion".split()
)
# Words of the text around a copy (a preface, a trailing note) that may change its licensing: terms, other
# licences' names, dual-licence offers. Those the copied licence itself contains do not count.
LICENSING = RESTRICTING | frozenset(
    "dual alternatively mit bsd apache mpl mozilla eclipse epl cddl creative commons cc public domain isc zlib "
    "boost unlicense wtfpl artistic perl python psf eupl patent patents trademark trademarks exception "
    "exceptions".split()
)
NAMES = LICENSING - RESTRICTING
NEGATIONS = frozenset("not no neither none never cannot don doesn".split())  # "nor" only continues one
REWORDED_RUN = 10  # this many consecutive licence words replaced by other words, or removed when one of
# them is a grant, condition or negation: a clause was rewritten
# (a copy that stops early is truncated when it ends in a cut word or lacks twice this many words)
SYNONYMS = {"must": "shall", "licence": "license"}  # the same obligation in other words
ADDED_CLAUSE = 20  # words added inside a permissive licence, before its disclaimer: a new clause
ANCHOR = 3  # words in a run shared with the template that mark where a copy starts and ends
DUPLICATE_RUN = 4  # an added run of this many words that repeats the licence's own words nearby
# Words whose addition, removal or exchange changes no grant or condition (residue rule: the only edits
# inside a copy that are not residue, besides line-break damage and the same word in another form).
FILLER = frozenset("the a an this that these those such any all of its their his her your you and".split())
# List markers a re-wrapped text moves to or from the start of a line, where the normaliser drops them.
LIST_MARKERS = frozenset("i ii iii iv v vi vii viii ix x a b c d e f g h 1 2 3 4 5 6 7 8 9".split())
# Words of a holder's name left over when a copyright line is wrapped ("[name of copyright\nowner]").
HOLDER_REST = frozenset("owner owners holder holders contributors authors".split())


def _shingles(words: list[str]) -> list[int]:
    """Stable 32-bit hashes (CRC-32) of the overlapping ``SHINGLE``-word runs, in order."""
    if len(words) < SHINGLE:
        return []
    # Slices of one joined string: cheaper than joining every run.
    text = " ".join(words)
    starts = [0]
    for word in words:
        starts.append(starts[-1] + len(word) + 1)
    data = text.encode()
    if len(data) != len(text):  # non-ASCII words: byte offsets differ from character offsets
        return [zlib.crc32(" ".join(words[i : i + SHINGLE]).encode()) for i in range(len(words) - SHINGLE + 1)]
    return [zlib.crc32(data[starts[i] : starts[i + SHINGLE] - 1]) for i in range(len(words) - SHINGLE + 1)]


@dataclass(frozen=True)
class Template:
    expression: str  # SPDX expression scancode gives on this text
    key: str  # scancode licence key
    rule: str  # scancode licence or rule file the text came from
    permissive: bool  # allowed by the policy: a copy must then be intact to count as this licence
    words: tuple[str, ...]
    canonical: bool = False  # the licence's own reference text (integrity is judged against these)
    vocabulary: frozenset[str] = frozenset()  # words the text around a copy may use freely (default: its own)


@dataclass
class TemplateMatch:
    template: Template
    status: str  # "match" (a close, intact copy) | "modified" (a close copy of a permissive text, damaged)
    similarity: float  # word-alignment ratio between template and text (0..1)
    coverage: float  # share of the template's words the text has, in order
    explained: float  # share of the text's words that are the template's
    changes: list[str] = field(default_factory=list)  # why a copy is "modified"
    outside: list[str] = field(default_factory=list)  # the text's words before and after the copy
    before: int = 0  # how many of ``outside`` come before the copy

    @property
    def score(self) -> float:
        return round(100.0 * self.similarity, 2)


class TemplateMatcher:
    """Close-copy matching against ``templates`` (built once per worker; queries are read-only)."""

    def __init__(
        self,
        templates: Iterable[Template],
        min_similarity: float = 0.45,
        min_coverage: float = 0.9,
        min_canonical_coverage: float = 0.8,
    ) -> None:
        self.templates = [t for t in templates if len(t.words) >= MIN_WORDS]
        # A permissive licence's grant and conditions, without its warranty disclaimer: a copy may word
        # its disclaimer in any way (the text after the grant is then checked like any other text around
        # a copy, against the whole licence's words).
        grants = []
        for t in self.templates:
            if not (t.permissive and t.canonical and not t.rule.endswith("#terms")):
                continue
            cut = _disclaimer_start(list(t.words))
            if MIN_WORDS <= cut < len(t.words):
                grants.append(replace(t, rule=t.rule + "#grant", words=t.words[:cut], vocabulary=frozenset(t.words)))
        self.templates += grants
        self.min_similarity = min_similarity
        self.min_coverage = min_coverage
        self.min_canonical_coverage = min_canonical_coverage
        self.canonical: dict[str, list[Template]] = {}
        self._indexed: list[int] = []  # how many of each template's shingles are indexed
        self._sizes = [len(t.words) for t in self.templates]
        self._shingle_sets: dict[str, frozenset[int]] = {}  # long templates' shingles, built on first use
        self._index: dict[int, list[int]] = {}
        for number, template in enumerate(self.templates):
            if template.canonical:
                self.canonical.setdefault(template.key, []).append(template)
            sketch = heapq.nsmallest(TEMPLATE_SKETCH, set(_shingles(list(template.words))))
            self._indexed.append(max(1, len(sketch)))
            for value in sketch:
                self._index.setdefault(value, []).append(number)

    def __len__(self) -> int:
        return len(self.templates)

    def _shingle_set(self, template: Template) -> frozenset[int]:
        cached = self._shingle_sets.get(template.rule)
        if cached is None:
            cached = self._shingle_sets[template.rule] = frozenset(_shingles(list(template.words)))
        return cached

    def candidates(self, words: list[str], limit: int = 3, shingles: list[int] | None = None) -> list[tuple[float, int]]:
        """``(estimated similarity, template number)`` of the best candidates, longer templates first
        among equals."""
        index = self._index
        hits: Counter[int] = Counter()
        shingles = _shingles(words) if shingles is None else shingles
        hits.update(chain.from_iterable(index[v] for v in set(shingles) if v in index))
        ranked = []
        floor, indexed, size_of, n = self.min_similarity, self._indexed, self._sizes, len(words)
        for number, count in hits.items():
            if count < floor * indexed[number]:
                continue  # the estimate below cannot reach min_similarity
            size = size_of[number]
            # the share of the template found in the text, discounted by the difference in length (a
            # short notice quoted inside a long licence is not a copy of that notice)
            estimate = count / indexed[number] * min(size, n) / max(size, n)
            ranked.append((estimate, size, number))
        ranked.sort(reverse=True)
        return [(estimate, number) for estimate, _, number in ranked[:limit]]

    def match(self, words: list[str]) -> TemplateMatch | None:
        """The close copy ``words`` is of, or None (``words``: ``normalize(text).split()``).

        A candidate of a permissive licence is replaced by that licence's own texts (a copy counts only
        as an intact copy of those); any other candidate is aligned as it is.
        """
        if len(words) < MIN_WORDS:
            return None
        best: tuple[tuple[bool, float], Alignment, Template] | None = None
        seen: set[str] = set()
        tried = 0
        shingles = _shingles(words)
        for estimate, number in self.candidates(words, limit=200, shingles=shingles):
            if estimate < self.min_similarity or tried == MAX_TRIED:
                break
            template = self.templates[number]
            if template.permissive:
                if template.key in seen:
                    continue
                seen.add(template.key)
                choices, floor = self.canonical.get(template.key, []), self.min_canonical_coverage
            else:
                choices, floor = [template], self.min_coverage
            tried += 1
            for choice in choices:
                if not MIN_LENGTH_RATIO * len(words) <= len(choice.words) <= len(words) / floor:
                    continue  # too long to be covered, or too short to explain the text
                if not choice.permissive and len(choice.words) > LONG and len(words) > LONG:
                    found = _shingle_alignment(self._shingle_set(choice), words, shingles)
                else:
                    found = _alignment(choice, words)
                if found.coverage < floor or found.explained < floor:
                    continue
                rank = (_clean_outside(found, choice), found.similarity)
                if best is None or rank > best[0]:
                    best = (rank, found, choice)
            if best is not None and best[0][0] and best[0][1] >= 0.99:
                break
        if best is None or not best[0][0]:
            # Nothing close, or the text around the copy speaks of other terms: scancode reads it all.
            return None
        _, found, template = best
        if _names_other_licence(found, template):
            return None  # "Licensed under the MIT License ..." in the Apache notice's words is no Apache notice
        if template.permissive and _holds_another_copy(found, template, words):
            return None  # one file, two components under one licence: scancode matches each copy apart
        # Any copy of a non-permissive licence, edited or not, is not permissive: scancode's verdict.
        changes = (_damage(list(template.words), words, found.opcodes, expression_ids(template.expression))
                   if template.permissive else [])
        status = "modified" if changes else "match"
        return TemplateMatch(template, status, found.similarity, found.coverage, found.explained, changes,
                             list(found.outside), found.before)


@dataclass(frozen=True)
class Alignment:
    coverage: float  # share of the template's words found in the text, in order
    explained: float  # share of the text's words, from the first to the last aligned one, that align
    similarity: float  # 2 x aligned / (template words + text words)
    opcodes: list[tuple[str, int, int, int, int]]
    outside: list[str]  # the text's words before and after the aligned part (a preface, a note)
    added: list[str]  # every word of the text that is not the template's (outside or inside)
    before: int = 0  # words of the text before the aligned part
    after: int = 0  # words of the text after it


def _alignment(template: Template, words: list[str]) -> Alignment:
    """Word-by-word alignment (difflib) of ``words`` with ``template``."""
    tw = list(template.words)
    matcher = difflib.SequenceMatcher(None, tw, words, autojunk=len(tw) > 400)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    matched = sum(b.size for b in blocks)
    # The copy spans from the first to the last run of ANCHOR words in common: a stray "the license"
    # in a preface does not make the preface part of it.
    anchors = [b for b in blocks if b.size >= ANCHOR] or blocks
    first, last = (anchors[0].b, anchors[-1].b + anchors[-1].size) if anchors else (0, 0)
    matched_inside = sum(b.size for b in blocks if first <= b.b and b.b + b.size <= last)
    opcodes = matcher.get_opcodes()
    return Alignment(
        coverage=matched / len(tw),
        explained=matched_inside / max(1, last - first),
        similarity=2.0 * matched / (len(tw) + len(words)),
        opcodes=opcodes,
        outside=words[:first] + words[last:],
        added=[w for tag, _, _, j1, j2 in opcodes if tag in ("insert", "replace") for w in words[j1:j2]],
        before=first,
        after=len(words) - last,
    )


def _shingle_alignment(template_shingles: frozenset[int], words: list[str], shingles: list[int]) -> Alignment:
    """A cheaper alignment for long texts judged without their edits (non-permissive templates): the
    words in a 5-word run shared with the template are the copy's, the others are added (``shingles``:
    ``_shingles(words)``)."""
    covered = [False] * len(words)
    for i, value in enumerate(shingles):
        if value in template_shingles:
            covered[i : i + SHINGLE] = [True] * SHINGLE
    # Distinct runs: a text holding two copies of another licence repeats its runs, which cover no more
    # of the template (counted with repeats, two BSD-3-Clause copies "covered" BSD-4-Clause-UC).
    distinct = set(shingles)
    shared = len(distinct & template_shingles)
    if not shared:
        return Alignment(0.0, 0.0, 0.0, [], list(words), list(words))
    first = covered.index(True)
    last = len(covered) - covered[::-1].index(True)
    inside = sum(covered[first:last])
    return Alignment(
        coverage=shared / max(1, len(template_shingles)),
        explained=inside / max(1, last - first),
        similarity=2.0 * shared / (len(template_shingles) + len(distinct)),
        opcodes=[],
        outside=words[:first] + words[last:],
        added=[w for w, c in zip(words, covered, strict=True) if not c],
        before=first,
        after=len(words) - last,
    )


def _holds_another_copy(found: Alignment, template: Template, words: list[str]) -> bool:
    """True when the words before or after the aligned copy are themselves a copy of ``template`` (at
    least half of it, in order): a LICENSE file that bundles two components under the same licence.
    Aligned as one copy, the second reads as a repeated run, which ``_damage`` rightly calls damage."""
    for part in (words[: found.before], words[len(words) - found.after :]):
        if len(part) >= MIN_LENGTH_RATIO * len(template.words) and _alignment(template, part).coverage >= 0.5:
            return True
    return False


def _own_words(template: Template) -> set[str]:
    """Words a text may use around or inside a copy of ``template`` without naming something else."""
    return set(template.vocabulary or template.words) | set(re.findall(r"[a-z0-9]+", template.expression.lower()))


def _clean_outside(found: Alignment, template: Template) -> bool:
    """True when the text around the copy names no other licence and adds no terms (a title, an
    attribution or "X licenses this file to you" are fine; "unless", "GPL", "dual" are not)."""
    own = _own_words(template)
    # "Unless otherwise indicated, all code in X is licensed under the BSD licence below": a scope note (the
    # residue grammar reads the sentence), not a term.
    outside = " ".join(found.outside)
    outside = re.sub(r"\bunless otherwise (?:indicated|noted|stated|specified)\b", " ", outside)
    # "Content outside of the above mentioned directories or restrictions above is available under the MIT
    # license": the end of a note on a folder under its own licence file (the grammar reads it).
    outside = re.sub(r"\bcontent outside of the above mentioned directories or restrictions above\b", " ", outside)
    return not any(w in LICENSING and w not in own for w in outside.split())


def _names_other_licence(found: Alignment, template: Template) -> bool:
    """True when a word the copy adds names a licence (or an offer, a patent) that the template does not."""
    own = _own_words(template)
    return any(w in NAMES and w not in own for w in found.added)


def _context(words: list[str], start: int, end: int) -> str:
    return " ".join(words[max(0, start - 3) : end + 3])


def _disclaimer_start(template: list[str]) -> int:
    """Index where the warranty disclaimer starts ("... provided as is ..."), or the end."""
    for i in range(len(template) - 1):
        if template[i] == "as" and template[i + 1] == "is":
            return max(0, i - 8)
    return len(template)


def _damage(template: list[str], words: list[str], opcodes, ids: set[str] = frozenset()) -> list[str]:
    """The edits that make a close copy of a permissive licence text something else than that licence."""
    changes: list[str] = []
    body = [op for op in opcodes if op[0] == "equal" and op[2] - op[1] >= ANCHOR]
    first, last = (body[0][3], body[-1][4]) if body else (0, len(words))
    disclaimer = _disclaimer_start(template)
    negations_added = sum(w in NEGATIONS for w in words[first:last]) - sum(w in NEGATIONS for w in template)
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        deleted, inserted = template[i1:i2], words[j1:j2]
        if "".join(deleted) == "".join(inserted):
            continue  # only spacing differs: "copyof", "docume ntation", "sub-license"
        lost = sorted({SYNONYMS.get(w, w) for w in deleted if w in ESSENTIAL} - {SYNONYMS.get(w, w) for w in inserted})
        if lost:
            changes.append(f"removed {' '.join(lost)!r} from {_context(template, i1, i2)!r}")
        inside = first <= j1 and j2 <= last  # not a preface or a trailing note
        added = sorted({SYNONYMS.get(w, w) for w in inserted if w in RESTRICTING} - {SYNONYMS.get(w, w) for w in deleted})
        if inside and added:
            changes.append(f"added {' '.join(added)!r} in {_context(words, j1, j2)!r}")
        if inside and negations_added > 0 and any(w in NEGATIONS for w in inserted):
            changes.append(f"added a negation in {_context(words, j1, j2)!r}")
        if (
            i2 - i1 >= REWORDED_RUN
            and 0 < i1
            and i1 < disclaimer  # another warranty disclaimer does not change what is permitted
            and i2 < len(template)
            and (
                (tag == "replace" and j2 - j1 >= 3)
                or any(w in ESSENTIAL or w in NEGATIONS or w == "nor" for w in deleted)
            )
        ):
            changes.append(f"reworded {' '.join(deleted)!r}")
        if inside and j2 - j1 - (i2 - i1) >= ADDED_CLAUSE and i1 < disclaimer and not _in_clause(template, i1, i2):
            changes.append(f"added a clause {' '.join(inserted)!r}")
        if inside and _residue_edit(template, i1, i2, deleted, inserted, disclaimer, ids):
            changes.append(f"changed {' '.join(deleted)[:80]!r} to {' '.join(inserted)[:80]!r}")
        if tag == "insert" and len(inserted) >= DUPLICATE_RUN and " ".join(inserted) in " ".join(
            template[max(0, i1 - 2 * len(inserted)) : i1 + 2 * len(inserted)]
        ):
            changes.append(f"repeated {' '.join(inserted)!r}")
        if i2 == len(template) and j2 == len(words) and i2 - i1 > j2 - j1 and i1 < _end_of_terms(template):
            cut_word = tag == "replace" and len(inserted) == 1 and deleted[0].startswith(inserted[0])
            if cut_word or i2 - i1 - (j2 - j1) >= 2 * REWORDED_RUN:
                changes.append(f"ends before {' '.join(deleted[:8])!r}")
    return changes


def _end_of_terms(template: list[str]) -> int:
    """The index of the word after a licence's "END OF TERMS AND CONDITIONS" (the Apache License's end
    of its terms: the appendix after it, how to apply the licence, grants and requires nothing, so a
    copy cut inside it is whole), or the template's length."""
    mark = ["end", "of", "terms", "and", "conditions"]
    return next((i + len(mark) for i in range(len(template) - len(mark) + 1) if template[i: i + len(mark)] == mark),
                len(template))


def _same_word(a: str, b: str) -> bool:
    """The same word in another form: spelling, plural, a synonym of the same obligation."""
    a, b = SYNONYMS.get(a, a), SYNONYMS.get(b, b)
    return a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)) and abs(len(a) - len(b)) <= 2)


# Words whose removal from a permissive licence's grant or conditions takes a right or a condition away.
# "without" ("with or without modification") and "substantial" ("all copies or substantial portions": the
# scope of MIT's condition) belong to a right or a condition too, and so do the words of BSD's "without
# specific prior written permission" (a changed condition is residue, whichever way it changes), and what
# BSD's conditions say must be kept ("this list of conditions and the following disclaimer": Less's
# licence, which drops them from clause 2, is not BSD-2-Clause however close).
OPERATIVE = frozenset(
    "permission granted grant permitted redistribution redistributions use modify merge publish distribute "
    "sublicense sell deal free charge restriction limitation must shall retain reproduce perpetual worldwide "
    "irrevocable royalty with without binary substantial specific prior written conditions disclaimer".split()
)
# Words whose addition anywhere in a copy can restrict it or bring in other terms.
# Words that say where or how a notice must be kept ("in this position and unchanged", "immediately at the
# beginning of the file") add a condition too.
ADDED_TERMS = RESTRICTING | NEGATIONS | (FORBIDDEN - {"copy", "copies"}) | frozenset(
    "use uses used using research academic educational personal private internal evaluation government military "
    "training machine learning agree agreement register registration fee purposes purpose notify cite "
    "unchanged unmodified verbatim intact position immediately beginning prominent prominently".split()
)
# What a warranty disclaimer disclaims (MIT's, BSD's and the Apache licence's section 7: "TITLE,
# NON-INFRINGEMENT, MERCHANTABILITY, or FITNESS FOR A PARTICULAR PURPOSE"). Adding one of these to a
# disclaimer, and nothing else, only disclaims more: it grants and restricts nothing.
DISCLAIMED = frozenset(
    "warranty warranties express implied merchantability fitness particular purpose non infringement "
    "noninfringement title or and nor".split()
)
TERM_STEMS = ("condition", "restrict", "prohibit", "commercial", "licen", "permi", "revoc", "terminat", "exclu",
              "forbid", "limit", "except", "requir", "oblig")
ADDED_SENTENCE = 6  # new words (not filler) added in one run inside a copy: an added sentence or condition


def _endorsement_clause(template: list[str]) -> tuple[int, int]:
    """Template word range of BSD's third clause, from "neither" to "endorse": its wording names the
    holder, and real copies phrase it many ways ("The name of X may not be used to endorse")."""
    try:
        start = template.index("neither")
        end = template.index("endorse", start)
    except ValueError:
        return (0, 0)
    return (start, end) if end - start < 40 else (0, 0)


def _in_clause(template: list[str], i1: int, i2: int) -> bool:
    start, end = _endorsement_clause(template)
    return end > start and start <= i1 and i2 <= end + 1


def _after_copy_statement(template: list[str], i1: int) -> bool:
    """True when template word ``i1`` follows the licence's own statement of where a copy of it lies
    ("You may obtain a copy of the License at <url>")"""
    return "a copy of the license at" in " ".join(template[max(0, i1 - 20) : i1])


def _in_copy_statement(template: list[str], i1: int) -> bool:
    """True when template word ``i1`` is the "at" of that statement: "a copy of the License [here] at"."""
    return " ".join(template[max(0, i1 - 5) : i1 + 1]) == "a copy of the license at"


def _residue_edit(template: list[str], i1: int, i2: int, deleted: list[str], inserted: list[str],
                  disclaimer: int, ids: set[str] = frozenset()) -> bool:
    """True when an edit inside a copy of a permissive licence is residue: a term or a sentence added, or
    (before the disclaimer) a right or condition removed. Filler, list markers, a wrapped holder's name,
    the same word in another form, and the holder's name in BSD's endorsement clause are not."""
    if not deleted and _after_copy_statement(template, i1) and is_licence_pointer(" ".join(inserted), ids):
        return False  # "... obtain a copy of the License at <url> as well as the file LICENSE-APACHE.txt ..."
    if not deleted and _in_copy_statement(template, i1) and is_licence_location(" ".join(inserted), ids):
        return False  # "... obtain a copy of the License in the LICENSE file, or at <url>"
    if not deleted and i1 >= disclaimer and all(w in DISCLAIMED or w in FILLER for w in inserted):
        return False  # "... FITNESS FOR A PARTICULAR PURPOSE, OR NON-INFRINGEMENT, ARE DISCLAIMED"
    ignored = FILLER | LIST_MARKERS | {"s"} | (HOLDER_REST if len(inserted) <= 3 else frozenset())
    added = [w for w in inserted if w not in ignored and not any(_same_word(w, d) for d in deleted)]
    if _in_clause(template, i1, i2):
        # "Neither the name of X nor ..." -> "The name of X may not be used ...": any holder, no terms.
        return any(w in ADDED_TERMS - NEGATIONS - {"use", "used", "may", "written", "nor"} for w in added)
    if any(w in ADDED_TERMS or w.startswith(TERM_STEMS) for w in added) or len(added) >= ADDED_SENTENCE:
        return True
    removed = [w for w in deleted if w in OPERATIVE and not any(_same_word(w, i) for i in inserted)]
    return i1 < disclaimer and bool(removed)
