"""Evidence for one licence-bearing text: fast path, licence name, templates, scancode, then the residue rule.

``TextReader.read(text, where, kind)`` returns evidence objects (``{"file"|"host_field", "folder",
"kind", "expression", "rule", "score", "method", "verdict", "text"}``, plus ``"residue"`` when the
verdict is ``modified``, ``"third_party"`` when a scope note names folders of other licences, and ``"needs"``
when a third-party note says other licences are stated in a file of the folder, "NOTICE", which the
folder must then hold: ``LicenseDetector.folder_map``).
``text`` is True when the evidence carries the licence's own text, False when it only names it
(``build.license.name_only``).

Every path removes what the licence it found explains and applies the residue grammar
(``pipeline.licensing.residue``) to what is left:

- fast path: the copy is exact after normalisation; the copyright and title lines the normaliser
  dropped must be benign copyright statements or the licence's own title;
- licence name: the text is the name and benign copyright statements only (``names.name_to_spdx``);
- templates: an intact close copy whose surrounding words are only its own title; a damaged copy is
  ``modified`` with its edits; anything around the copy sends the text to scancode;
- scancode: the lines no match covers (``spans.analyse``); a match of a permissive licence must also be
  an intact copy (fast path, templates, a name, or an exact match of a notice rule).

The verdict of every evidence object is a pure function of the text, its kind and the config (so a
decision may be cached by content hash).
"""

from __future__ import annotations

import difflib
import functools
import json
import re
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pipeline.config import LicenseConfig
from pipeline.licensing import policy as lp
from pipeline.licensing import residue as rs
from pipeline.licensing.fastpath import FastPath, dropped_lines, normalize, outside_lines
from pipeline.licensing.names import licence_named, name_to_spdx
from pipeline.licensing.scancode_data import (
    cached_build,
    is_licence_text_source,
    licence_text,
    scancode_data_dir,
    source_text,
)
from pipeline.licensing.scancode_runner import ERROR, TIMEOUT, MatchSpan, ScancodeRunner
from pipeline.licensing.scopes import scoped_sections
from pipeline.licensing.spans import analyse, header_lines
from pipeline.licensing.templates import Template, TemplateMatcher

FASTPATH_FILE = Path(__file__).resolve().parent / "data" / "fastpath.json"
_FAILURES = {TIMEOUT: lp.SCAN_TIMEOUT, ERROR: lp.SCAN_ERROR}
MODIFIED_PREFIX = "LicenseRef-incoder-modified-"  # kept for readers of old evidence; see ``modified``


def load_fastpath_table(path: Path = FASTPATH_FILE) -> dict[str, dict[str, str]]:
    return json.loads(path.read_text(encoding="utf-8"))["table"]


_templates_lock = threading.Lock()
_templates: dict[tuple[str, ...], TemplateMatcher] = {}


def shared_templates(policy: lp.LicensePolicy) -> TemplateMatcher:
    """``load_templates(policy)``, built once per process and allowlist (matchers are read-only), and
    kept on local disk between processes (``scancode_data.cached_build``)."""
    key = tuple(sorted(a.lower() for a in policy.allow))
    with _templates_lock:
        if key not in _templates:
            _templates[key] = cached_build("templates", key, lambda: load_templates(policy))
        return _templates[key]


def load_templates(policy: lp.LicensePolicy, table: dict[str, dict[str, str]] | None = None) -> TemplateMatcher:
    """The template matcher over the fast-path table's texts, read from the installed scancode-toolkit.

    The table names each verified text's source (a licence's own text, or one of scancode's rules);
    texts whose licence ``policy`` allows get the integrity checks, judged against the licence's own text.
    """
    data_dir = scancode_data_dir()
    templates = []
    entries = list((table or load_fastpath_table()).values())
    # Variants that are an allowed licence in substance (``policy.EQUIVALENT_IDS``): their own texts, so
    # that a copy is judged intact against the variant's words.
    prefix = "licenseref-scancode-"
    entries += [{"spdx": "LicenseRef-scancode-" + variant[len(prefix):], "key": variant[len(prefix):],
                 "rule": variant[len(prefix):] + ".LICENSE"} for variant in lp.EQUIVALENT_IDS if variant.startswith(prefix)]
    # A licence's appendix notice ("Licensed under the Apache License ...") is one of its own texts too.
    entries += [{**e, "rule": e["rule"] + "#notice"} for e in entries if e["rule"].endswith(".LICENSE")]
    for entry in entries:
        text = source_text(data_dir, entry["rule"])
        if text is None:
            continue  # a rule this scancode-toolkit release no longer ships
        templates.append(
            Template(
                expression=entry["spdx"],
                key=entry["key"],
                rule=entry["rule"],
                permissive=policy.verdict(entry["spdx"]) == lp.PERMISSIVE,
                words=tuple(normalize(text).split()),
                canonical=is_licence_text_source(entry["rule"]),
            )
        )
    return TemplateMatcher(templates)


_lengths_lock = threading.Lock()
_lengths: dict[str, int] = {}


def licence_text_lengths() -> dict[str, int]:
    """``{SPDX id: words of the licence's own text}`` for the fast-path table's licences."""
    with _lengths_lock:
        if not _lengths:
            for entry in load_fastpath_table().values():
                if entry["rule"].endswith(".LICENSE"):
                    text = source_text(scancode_data_dir(), entry["rule"]) or ""
                    n = len(normalize(text).split())
                    _lengths[entry["spdx"]] = max(_lengths.get(entry["spdx"], 0), n)
        return _lengths


def carries_text(expression: str, words: int) -> bool:
    """True when ``words`` normalised words are at least half of the licence's own text (not a name)."""
    length = licence_text_lengths().get(expression)
    return length is None or words >= 0.5 * length


_NOTICE_WORD = re.compile(r"[^\W_]+")
_FILLER = frozenset("the a an this that these of and or to in is are be as at on by".split())


@functools.lru_cache(maxsize=4096)
def _rule_text(rule: str) -> str | None:
    """A scancode rule's or licence's text, read once per worker."""
    return source_text(scancode_data_dir(), rule)


@functools.lru_cache(maxsize=256)
def _licence_words(key: str) -> frozenset[str]:
    """The words (``_spelling``) of the reference texts of the scancode licence keys in ``key``."""
    words: set[str] = set()
    for one in re.findall(r"[\w.+-]+", key):
        try:
            words.update(_spelling(w) for w in _NOTICE_WORD.findall(licence_text(one)))
        except OSError:
            continue
    return frozenset(words)


def _misspelt(rule: list[str], text: list[str], key: str) -> tuple[int, int] | None:
    """The run of ``text`` left over (start, end) when the ``rule`` words a notice replaces with ``text``
    are the rule's misspellings of as many of them, at the run's end or start, else None. scancode keeps
    misspelt notices as rules (mit_229.RULE, "Liscese is MIT"): the words are alike letter for letter (a
    difflib ratio of at least 0.7), and no rule word is a word of the licence's own text (a condition
    changed by a letter, "retain" -> "retail", stays an edit)."""
    vocabulary = _licence_words(key)

    def alike(words: list[str]) -> bool:
        return all(a not in vocabulary and difflib.SequenceMatcher(None, a, b).ratio() >= 0.7
                   for a, b in zip(rule, words, strict=True))

    # The misspelt words stand next to the words matched around them: at the end or the start of the run.
    if not 0 < len(rule) <= len(text):
        return None
    if alike(text[-len(rule):]):
        return 0, len(text) - len(rule)
    return (len(rule), len(text)) if alike(text[:len(rule)]) else None


def _describes_a_notice(lines: list[str], spans: list[MatchSpan], i: int) -> bool:
    """True when line ``i`` (0-based) lies in the paragraph of a notice that a match begins below it, and
    no match begins or ends in that paragraph above it (a line after a grant may be its rider)."""
    start = i
    while start > 0 and not rs.is_formatting(lines[start - 1]):
        start -= 1
    if any(start <= s.start_line - 1 <= i or start <= s.end_line - 1 <= i for s in spans):
        return False
    below = [s.start_line - 1 for s in spans if s.start_line - 1 > i]
    return bool(below) and not any(rs.is_formatting(line) for line in lines[i + 1: min(below)])


def _spelling(word: str) -> str:
    """A word in one spelling and number ("Licences" -> "license")."""
    word = word.lower().replace("licenc", "licens")
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def _join(spans: list[MatchSpan]) -> MatchSpan:
    first = spans[0]
    return replace(first, end_line=max(s.end_line for s in spans), exact=all(s.exact for s in spans),
                   is_text=any(s.is_text for s in spans), score=min(s.score for s in spans))


def _merged(spans: list[MatchSpan]) -> list[list[MatchSpan]]:
    """Consecutive matches of one expression, grouped (scancode may match a licence's text and its
    appendix notice apart; the copy is verified whole)."""
    out: list[list[MatchSpan]] = []
    for span in sorted(spans, key=lambda s: (s.start_line, s.end_line)):
        if out and out[-1][0].expression == span.expression:
            out[-1].append(span)
        else:
            out.append([span])
    return out


def _others(group: list[MatchSpan], span: MatchSpan) -> frozenset[int]:
    """The lines (1-based) that the other matches of ``group`` cover."""
    return frozenset(line for other in group if other is not span
                     for line in range(other.start_line, other.end_line + 1))


def _titled(group: list[MatchSpan]) -> list[MatchSpan]:
    """``group`` without the whole-rule matches of a title or notice at its ends ("Eclipse Distribution
    License - v 1.0" above a BSD text, which scancode names BSD-3-Clause): those explain their own lines,
    and the text between them is verified alone."""
    group = list(group)
    while len(group) > 1 and group[0].exact and not group[0].is_text:
        group.pop(0)
    while len(group) > 1 and group[-1].exact and not group[-1].is_text:
        group.pop()
    return group


# The words by which an address names a term of use: a purpose, a party, a payment, an end
# (``residue.TERM_RIDER_WORDS``), research, "only", "non-"/"nc" (CC BY-NC), restrictions, terms and EULAs.
# Not every word of ``residue.FORBIDDEN``: addresses name hosts ("eyecatch.no"), projects
# ("xunit2.should", "zen-of-beer-public") and badges' pages ("bitdeli.com/free").
URL_TERM_WORDS = rs.TERM_RIDER_WORDS | frozenset(
    "research only non nc noncommercial restricted restriction restrictions prohibited terms eula".split())
# A licence file's address ("https://github.com/x/y/blob/main/LICENSE.md"): a pointer to the project's own.
_LICENCE_FILE_URL = re.compile(r"/(?:LICEN[CS]E|COPYING)(?:[.-][\w.-]{1,12})?/?$", re.I)
# Forges and registries: the first two segments of the path are an owner's and a project's names.
_FORGES = ("github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "www.npmjs.com", "npmjs.com", "pypi.org")


ADDRESS_NOTE = "an address with a term: "  # how ``TextReader.guard_urls`` quotes one in the residue


def term_urls(text: str, ids: set[str]) -> list[str]:
    """The URLs of ``text`` whose path names a term (``URL_TERM_WORDS``: "http://example.com/non-commercial"),
    but for the licence's own pages (``residue.is_own_title``), licence files' addresses, Wikipedia's
    articles and the addresses of a Markdown badge (``residue.strip_badges``). The host, and on a forge
    the owner's and the project's names, are names, not terms."""
    out = []
    for found in rs.URL.finditer(rs.strip_badges(text)):
        url = found.group(0).strip("<>").rstrip(".,;:")
        if rs.is_own_title(url, ids) or rs.WIKIPEDIA.match(url):
            continue  # the licence's own page; an encyclopaedia's article describes, it grants nothing
        parts = urlsplit(url if "//" in url else f"https://{url}")
        if _LICENCE_FILE_URL.search(parts.path):
            continue
        path = parts.path.split("/")
        if (parts.hostname or "") in _FORGES:
            path = path[:1] + path[3:]
        words = set(re.findall(r"[a-z0-9]+", " ".join([*path, parts.query, parts.fragment]).lower()))
        if words & URL_TERM_WORDS:
            out.append(url)
    return out


def _notes_extra(found: rs.Residue) -> dict[str, list[str]]:
    """What a text's notes add to its evidence: the third-party folders they name, the files they point to."""
    extra = {"third_party": found.third_party} if found.third_party else {}
    return extra | ({"needs": found.needs} if found.needs else {})


def _blank(text: str) -> bool:
    return all(rs.is_formatting(line) for line in text.splitlines())


class TextReader:
    """Reads licence-bearing texts under one ``LicenseConfig`` (fast path, templates, scancode)."""

    def __init__(self, cfg: LicenseConfig, policy: lp.LicensePolicy, runner: ScancodeRunner,
                 fastpath: FastPath | None, templates: TemplateMatcher | None) -> None:
        self.cfg, self.policy, self.runner = cfg, policy, runner
        self.fastpath, self.templates = fastpath, templates

    def evidence(self, where: dict[str, Any], kind: str, expression: str | None, rule: str, score: float,
                 method: str, verdict: str | None = None, text: bool = False, **extra: Any) -> dict[str, Any]:
        if expression:
            expression = lp.strip_neutral(expression)
        return {**where, "kind": kind, "expression": expression, "rule": rule, "score": score,
                "method": method, "verdict": verdict or self.policy.verdict(expression), "text": text, **extra}

    def modified(self, where: dict[str, Any], kind: str, expression: str | None, rule: str, score: float,
                 method: str, residue: list[str]) -> dict[str, Any]:
        """Evidence of a licence text with residue: verdict ``modified``, the residue quoted. The rule
        only guards what would be kept: a text that is not permissive anyway keeps its own verdict."""
        verdict = self.policy.verdict(lp.strip_neutral(expression) if expression else None)
        if verdict not in (lp.PERMISSIVE, lp.NO_LICENSE):
            return self.evidence(where, kind, expression, rule[:500], score, method, residue=residue[:8])
        return self.evidence(where, kind, expression, rule[:500], score, method, lp.MODIFIED,
                             residue=[r[:200] for r in residue[:8]])

    # ------------------------------------------------------------------ steps

    def _dropped_residue(self, text: str, expression: str) -> list[str]:
        ids = rs.expression_ids(expression)
        return [ln.strip() for ln in dropped_lines(text)
                if not rs.is_copyright_statement(ln) and not rs.is_own_title(ln, ids)]

    def _fast(self, text: str, words: str, where, kind) -> list[dict[str, Any]] | None:
        hit = self.fastpath.match_normalized(words)
        # scancode's rules include damaged copies of permissive texts that it still names as the
        # licence: a permissive hit on one of them is judged by the templates instead.
        if hit is None or (self.templates is not None and self.policy.verdict(hit.expression) == lp.PERMISSIVE
                           and not is_licence_text_source(hit.rule)):
            return None
        left = self._dropped_residue(text, hit.expression)
        if left:
            return [self.modified(where, kind, hit.expression, hit.rule, 100.0, "fast_path", left)]
        return [self.evidence(where, kind, hit.expression, hit.rule, 100.0, "fast_path",
                              text=carries_text(hit.expression, words.count(" ") + 1))]

    def _template(self, text: str, words: str, where, kind) -> list[dict[str, Any]] | None:
        close = self.templates.match(words.split())
        if close is None:
            return None
        template = close.template
        if close.status == "modified":
            # A damaged copy of a permissive licence is not that licence: modified, with the edits.
            return [self.modified(where, kind, template.expression, f"modified {template.rule}", close.score,
                                  "template", close.changes)]
        extra = {}
        if close.outside:
            # Words around the copy (a preface, a note): benign under the residue grammar, else scancode's
            # line ranges say what they are. A note's folders of other licences go with the evidence.
            lines = outside_lines(text, close.before, len(close.outside) - close.before)
            around = rs.explain(lines, list(range(len(lines))), rs.expression_ids(template.expression))
            if around.lines:
                return None
            extra = _notes_extra(around)
        left = self._dropped_residue(text, template.expression)
        if left:
            return [self.modified(where, kind, template.expression, template.rule, close.score, "template", left)]
        return [self.evidence(where, kind, template.expression, template.rule, close.score, "template",
                              text=carries_text(template.expression, len(template.words)), **extra)]

    def read(self, text: str, where: dict[str, Any], kind: str, fast: bool = True) -> list[dict[str, Any]]:
        """Evidence for one licence-bearing text (failures become evidence). A licence file kept as
        permissive must not hold an address with a term in it (``term_urls``): the fast path and the
        templates read a text without its URLs, and a scancode match covers a URL inside its lines; nor a
        line in another script (``guard_script``)."""
        found = self._read(text, where, kind, fast)
        return self.guard_script(self.guard_urls(found, text), text) if kind == "license" else found

    def guard_script(self, found: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
        """``found`` (a licence file's evidence) with its permissive evidence made ``modified`` when the file
        has lines in a script the grammar does not read (``residue.unreadable``), copyright statements apart:
        the fast path and the templates read only Latin letters, so "商用利用禁止" after an MIT text would
        leave no trace in their reading. A translation of the licence is rejected so too: when unsure,
        reject."""
        if not any(e["verdict"] == lp.PERMISSIVE for e in found):
            return found
        lines = [line.strip() for line in text.splitlines()
                 if rs.unreadable(line) and not rs.is_copyright_statement(rs.strip_decoration(line))]
        return self.modify_permissive(found, [f"in another script: {line[:150]}" for line in lines[:3]])

    def modify_permissive(self, found: list[dict[str, Any]], residue: list[str]) -> list[dict[str, Any]]:
        """``found`` with its permissive evidence made ``modified`` by ``residue`` (unchanged when empty)."""
        if not residue:
            return found
        return [{**e, **self.modified({"file": e.get("file"), "folder": e.get("folder")}, e["kind"], e["expression"],
                                      e["rule"], e["score"], e["method"], residue)}
                if e["verdict"] == lp.PERMISSIVE else e for e in found]

    def guard_urls(self, found: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
        """``found`` (the evidence of ``text``, a licence-bearing text: a licence file, a notice, a README's
        licence section, a manifest's licence values) with its permissive evidence made ``modified`` when
        ``text`` holds an address with a term (``term_urls``)."""
        if not any(e["verdict"] == lp.PERMISSIVE for e in found) or any(e.get("scoped") for e in found):
            return found  # (a text with file scopes: its main text and its sections were each read so)
        urls = term_urls(text, {i for e in found for i in rs.expression_ids(e.get("expression"))})
        return self.modify_permissive(found, [f"{ADDRESS_NOTE}{u[:150]}" for u in urls])

    def _read(self, text: str, where: dict[str, Any], kind: str, fast: bool = True) -> list[dict[str, Any]]:
        if kind == "license":
            scoped = self._scoped(text, where, kind, fast)
            if scoped is not None:
                return scoped
        words = normalize(text) if fast and (self.fastpath is not None or self.templates is not None) else ""
        if fast and self.fastpath is not None:
            found = self._fast(text, words, where, kind)
            if found is not None:
                return found
        named = name_to_spdx(text) if fast and kind == "license" else None
        if named is not None:
            return [self.evidence(where, kind, named, "name", 100.0, "name")]
        if fast and self.templates is not None:
            found = self._template(text, words, where, kind)
            if found is not None:
                return found
        return self.scancode(text, where, kind)

    def _scoped(self, text: str, where: dict[str, Any], kind: str, fast: bool) -> list[dict[str, Any]] | None:
        """A licence file that names files or folders under another licence (``scopes``): the main text's
        evidence, with each section's files, folders and decision under ``"scoped"``; None when the text
        has no section, no main text, or a section whose reading is not clean (then it is read whole)."""
        lines = text.splitlines()
        sections = scoped_sections(lines)
        if not sections:
            return None
        inside = {i for s in sections for i in range(s.start, s.end + 1)}
        main = "\n".join("" if i in inside else line for i, line in enumerate(lines))
        if _blank(main):
            return None
        entries = []
        for section in sections:
            body = "\n".join(line if section.body <= i <= section.end else "" for i, line in enumerate(lines))
            read = self.read(body, where, kind, fast) if not _blank(body) else []
            named = licence_named(section.licence) if section.licence else None
            if read:
                if any(e["verdict"] not in (lp.PERMISSIVE, lp.NOT_PERMISSIVE) or e.get("residue") or e.get("scoped")
                       or e.get("third_party") or e.get("needs") or not e.get("expression") for e in read):
                    return None  # not clean: a rider after a section is never confined to its files
                expression = lp.combine_expressions(e["expression"] for e in read)
                ids = {i.lower() for i in rs.expression_ids(expression)}
                if len(ids) != 1 or (named and named.lower() not in ids):
                    return None  # one licence's text, the one the lead names: no other terms beside it
                verdict, method = self.policy.verdict(expression), read[0]["method"]
            elif named:
                # The licence named without its text, as ``build.license.name_only`` says for any name.
                expression, method = named, "name"
                verdict = self.policy.verdict(named) if self.cfg.name_only == "accept" else lp.UNKNOWN
            else:
                expression, verdict, method = None, lp.UNKNOWN, "scope_note"
            entries.append({**section.to_dict(), "expression": expression, "verdict": verdict, "method": method,
                            "text": bool(read) and any(e.get("text") for e in read)})
        return [{**e, "scoped": entries} for e in self.read(main, where, kind, fast)]

    # ------------------------------------------------------------------ scancode

    def _verify(self, lines: list[str], span: MatchSpan, shared: frozenset[int] = frozenset(),
                kept: frozenset[str] = frozenset()) -> str | None:
        """None when a permissive match is an intact copy of its licence, else why it is not. ``kept``: the
        SPDX ids of the text's other kept matches (a sentence beside the notice may be theirs)."""
        segment = "\n".join(lines[max(0, span.start_line - 1): span.end_line])
        words = normalize(segment)
        # The copyright and title lines the normaliser drops lie inside the match's line range, where the
        # grammar of lines would not read them: they are read here (a rider on a copyright line).
        seg, dropped = segment.splitlines(), {ln.strip() for ln in dropped_lines(segment)}
        left = rs.inside_residue(rs.explain(seg, [i for i, ln in enumerate(seg) if ln.strip() in dropped],
                                            rs.expression_ids(span.expression)).lines)
        if left:
            return f"lines {span.start_line}-{span.end_line}: {left[0][:120]!r} inside scancode's {span.rule}"
        if self.fastpath is not None:
            hit = self.fastpath.match_normalized(words)
            if hit is not None and hit.expression == span.expression and is_licence_text_source(hit.rule):
                return None
        if self.templates is not None:
            close = self.templates.match(words.split())
            if close is not None and close.template.expression == span.expression:
                if close.status == "modified":
                    return f"lines {span.start_line}-{span.end_line}: " + "; ".join(close.changes)
                if span.is_text:
                    return self._shared_lines(segment, close, span)
                # An intact copy of a notice: its words are the template's; the words beside it on its
                # lines must still be benign.
                return self._notice_words(segment, span, shared, beside_only=True, kept=kept)
        if name_to_spdx(segment) == span.expression:
            return None
        if not span.is_text and lp.strip_neutral(span.expression) == span.expression:
            return self._notice_words(segment, span, shared, kept=kept)
        if not span.is_text and span.exact:
            return None  # a notice rule with a neutral part ("apache-2.0 AND generic-trademark"), whole
        if span.exact and self.templates is None:
            return None  # scancode's licence-text rule, every word of it and nothing inside
        return (f"lines {span.start_line}-{span.end_line}: not an intact copy of {span.expression} "
                f"(scancode {span.rule}, score {span.score:g})")

    def _shared_lines(self, segment: str, close: Any, span: MatchSpan) -> str | None:
        """None when the words that share a line with the first or last words of an intact copy (a rider
        written on the disclaimer's last line) are benign (``residue.is_benign_fragment``), else why not.
        Lines of the match that the copy leaves whole (a paragraph between the copyright line and the
        text, inside scancode's line range) are read as ``residue.inside_residue`` says."""
        seg = segment.splitlines()
        whole = {tuple(_NOTICE_WORD.findall(ln)) for ln in seg}
        ids = rs.expression_ids(span.expression)
        own = self._own_notice(segment, close, span)
        if isinstance(own, str):
            return own
        apart: set[tuple[str, ...]] = set()  # lines the copy leaves whole
        for line in outside_lines(segment, close.before, len(close.outside) - close.before) if close.outside else []:
            if line in own:
                continue
            if tuple(_NOTICE_WORD.findall(line)) in whole:
                apart.add(tuple(_NOTICE_WORD.findall(line)))
            elif not rs.is_benign_fragment(line, ids, inner=False):
                return f"lines {span.start_line}-{span.end_line}: {line.strip()[:120]!r} beside the copy"
        # Those lines, and the copyright lines the normaliser dropped (the holder a title may name, the
        # statement a wrapped line continues), in their order and paragraphs: the grammar of lines, as
        # ``residue.inside_residue`` weighs it inside a match's range.
        dropped = {ln.strip() for ln in dropped_lines(segment)}
        read = [i for i, ln in enumerate(seg) if ln.strip() in dropped or tuple(_NOTICE_WORD.findall(ln)) in apart]
        left = rs.inside_residue(rs.explain(seg, read, ids).lines)
        if left:
            return f"lines {span.start_line}-{span.end_line}: {left[0][:120]!r} beside the copy"
        return None

    def _own_notice(self, segment: str, close: Any, span: MatchSpan) -> set[str] | str:
        """The lines before an intact copy that are themselves an intact copy of the same licence (its
        notice above its text, "Licensed under the Apache License ... limitations under the License.",
        which scancode may match with the text as one rule): they are explained. Their words beside that
        copy must be benign (``residue.is_benign_fragment``), else why not."""
        if not close.before:
            return set()
        above = outside_lines(segment, close.before, 0)
        notice = self.templates.match(normalize("\n".join(above)).split())
        if notice is None or notice.template.expression != span.expression or notice.status == "modified":
            return set()
        ids = rs.expression_ids(span.expression)
        beside = outside_lines("\n".join(above), notice.before, len(notice.outside) - notice.before) if notice.outside else []
        for line in beside:
            if not rs.is_benign_fragment(line, ids, inner=False):
                return f"lines {span.start_line}-{span.end_line}: {line.strip()[:120]!r} beside the notice"
        return set(above) - set(beside)

    def _verify_group(self, lines: list[str], group: list[MatchSpan], kept: frozenset[str] = frozenset()) -> str | None:
        """``_verify`` for consecutive matches of one permissive expression: notices one by one, a text
        whole with its pieces joined; when the joined copy fails, without the title or notice matched
        whole at its ends, or else every match on its own (two copies of one licence in a row, as in a
        NOTICE file gathering several files' headers: the lines between them stay with the grammar)."""
        def apart(spans: list[MatchSpan]) -> str | None:
            return next((p for s in spans for p in [self._verify(lines, s, _others(group, s), kept)] if p), None)

        if not any(s.is_text for s in group):
            return apart(group)
        problem = self._verify(lines, _join(group), kept=kept)
        if problem and _titled(group) != group and not self._verify(lines, _join(_titled(group)), kept=kept):
            return apart([s for s in group if not s.is_text])
        if problem and len(group) > 1 and apart(group) is None:
            return None
        return problem

    def _notice_words(self, segment: str, span: MatchSpan, shared: frozenset[int] = frozenset(),
                      beside_only: bool = False, kept: frozenset[str] = frozenset()) -> str | None:
        """None when the words of a notice match's lines are the rule's words plus benign ones
        (``residue.is_benign_fragment``), else why not. Aligned word by word with the rule's own text: a
        rule word missing (other than ``_FILLER``) is an edit; each run of words the rule does not hold is
        a holder's name inside the notice, words without a term beside it, or part of a URL (a holder's
        subdomain, "http://olivere.mit-license.org", or the licence's own page). ``beside_only``: the
        templates found the notice an intact copy, so only the words before and after it are read. Words
        on ``shared`` lines (1-based), which another match of the same licence covers, are that match's."""
        where = f"lines {span.start_line}-{span.end_line}"
        rule_text = _rule_text(span.rule)
        if not rule_text:
            return None if span.exact else (f"{where}: not an intact copy of {span.expression} "
                                            f"(scancode {span.rule}, score {span.score:g})")
        words = [(_spelling(m.group(0)), m.start(), m.end()) for m in _NOTICE_WORD.finditer(segment)]
        rule = [_spelling(w) for w in _NOTICE_WORD.findall(rule_text)]
        urls = [m.span() for m in rs.URL.finditer(segment)]
        opcodes = difflib.SequenceMatcher(None, rule, [w for w, _, _ in words], autojunk=False).get_opcodes()
        equal = [(j1, j2) for tag, _, _, j1, j2 in opcodes if tag == "equal"]
        if not equal:
            return f"{where}: no word of scancode's {span.rule}"
        ids = rs.expression_ids(span.expression) | kept  # a sentence beside it may state another kept licence
        for tag, i1, i2, j1, j2 in opcodes:
            missing = [w for w in rule[i1:i2] if w not in _FILLER]
            left = _misspelt(rule[i1:i2], [w for w, _, _ in words[j1:j2]], span.key) if tag == "replace" else None
            if left is not None:  # the rule's misspelt words matched; the rest of the run is read below
                missing, j1, j2 = [], j1 + left[0], j1 + left[1]
                if j1 == j2:
                    continue
            if tag == "replace" and missing == ["under"] and words[j2 - 1][0] == "by":
                # "[you are agreeing to be bound] by the terms of" for the rule's "under the terms of": the
                # words before "by" are read below, as words the rule does not hold
                missing = []
            inner = equal[0][1] <= j1 and j2 <= equal[-1][0]
            if beside_only and inner:
                continue  # the copy's own words were verified by the templates
            if tag in ("delete", "replace") and missing and not beside_only:
                return f"{where}: {' '.join(missing)!r} of scancode's {span.rule} missing"
            if tag not in ("insert", "replace"):
                continue
            run = words[j1:j2]
            text = segment[run[0][1]: run[-1][2]]
            if span.start_line + segment.count("\n", 0, run[0][1]) in shared and not inner:
                continue  # another match's words
            url = next(((a, b) for a, b in urls if a <= run[0][1] and run[-1][2] <= b), None)
            if url is not None and (rs.is_own_title(segment[url[0]: url[1]], ids) or not rs.forbidden(text)):
                continue  # inside a URL: a holder's subdomain, or the licence's own page
            if not inner and not rs.is_benign_fragment(text, ids, inner):
                # The clause the words end ("(see LICENSE file)", whose first words the rule holds).
                line_start = segment.rfind("\n", 0, run[0][1]) + 1
                opening = max(segment.rfind(c, line_start, run[0][1]) for c in ("(", ";", ". "))
                text = segment[max(line_start, opening): run[-1][2] + 1]
            if not rs.is_benign_fragment(text, ids, inner):
                return f"{where}: {text[:120]!r} {'inside' if inner else 'beside'} scancode's {span.rule}"
        return None

    def scancode(self, text: str, where: dict[str, Any], kind: str) -> list[dict[str, Any]]:
        """Evidence from scancode's matches, with the residue rule on the lines they leave over."""
        result = self.runner.scan(text)
        if result.status in _FAILURES:
            return [self.evidence(where, kind, None, result.error or result.status, 0.0, "scancode",
                                  _FAILURES[result.status])]
        lines = text.splitlines()
        # A declared field ("Apache License 2.0") is short, so scancode's relevance caps its score; as
        # for scancode's own package manifests, any identification of a declared value counts.
        floor = 0.0 if kind in ("manifest", "host") else self.cfg.min_score
        found = analyse(result.detections, lines, floor, licence_named)
        if not found.kept:
            if found.weak and kind in ("license", "manifest", "host", "header", "document"):
                # scancode saw licence text it could not match well: something is there, we cannot say what.
                best = max(found.weak, key=lambda s: s.score)
                return [self.evidence(where, kind, "LicenseRef-scancode-unknown", best.rule, best.score,
                                      "scancode", lp.UNKNOWN)]
            return []
        # Permissive matches, and the permissive texts an offered choice quotes, must be intact copies.
        kept = frozenset(rs.expression_ids(found.expression))
        problems = [p for group in _merged(found.kept + found.offered)
                    if self.policy.verdict(group[0].expression) == lp.PERMISSIVE
                    for p in [self._verify_group(lines, group, kept)] if p]
        # An exception found apart is neutral (``policy``) only as scancode's own text of it, whole: an edited
        # one may carry terms inside the lines it covers.
        problems += [f"lines {s.start_line}-{s.end_line}: not an intact copy of {s.expression} (scancode {s.rule}, "
                     f"score {s.score:g})" for s in found.kept if lp.is_spdx_exception(s.expression) and not s.exact]
        unexplained, around, above = found.unexplained, [], []
        if kind in ("header", "document"):
            unexplained, around = header_lines(lines, found.kept + found.weak, unexplained,
                                               document=kind == "document")
            # The notice paragraph's lines above its first match, and those of a later notice's own
            # paragraph above it (a bundled component's: "Based on / A JavaScript implementation of ...
            # / Version 2.2 Copyright ... / Distributed under the BSD License"): the description of the
            # file or the component may sit there (residue grammar, rule 8).
            first = min(s.start_line for s in found.kept) - 1
            described = {i for i in unexplained if i < first or _describes_a_notice(lines, found.kept, i)}
            above = [i for i in unexplained if i in described]
            unexplained = [i for i in unexplained if i not in described]
        ids = rs.expression_ids(found.expression)
        left = rs.explain(lines, unexplained, ids)
        left.lines += rs.rider_lines(rs.explain(lines, around, ids).lines) if around else []
        if above:
            upper = rs.explain(lines, above, ids)
            left.lines += [line for line in upper.lines if not rs.is_description(line)]
            left.third_party += upper.third_party
            left.needs += upper.needs
        best = max(found.kept, key=lambda s: (s.score, s.end_line - s.start_line))
        score = min(s.score for s in found.kept)
        extra = _notes_extra(left)
        if problems or left.lines:
            return [self.modified(where, kind, found.expression, best.rule, score, "scancode",
                                  problems + left.quote())]
        return [self.evidence(where, kind, found.expression, best.rule, score, "scancode",
                              text=any(s.is_text for s in found.kept + found.offered), **extra)]
