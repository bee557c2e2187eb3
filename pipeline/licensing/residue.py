"""Residue grammar: the parts of a licence-bearing text that no licence explains, and which are benign.

A licence-bearing text (a licence file, a file header, a README licence section, a manifest value) is
judged permissive only when all of it is accounted for (docs/licensing.md, "Residue rule"). What a
licence explains (the fast-path or template copy, a licence name, the line ranges scancode matched) is
removed by the caller; every line left must be *benign* under this grammar, else the text is
``license_modified`` with the residue quoted. The grammar, in full:

1. **Blank and formatting lines**: nothing but decoration (comment markers, ``====``, ``----``, ``***``),
   paragraphs of Markdown badges (``is_badges``: images, optionally linked, whose alt text and
   title hold no word of ``FORBIDDEN``), Markdown link reference definitions (``is_link_definition``)
   and HTML tags (``strip_decoration`` sets them aside and reads ``&copy;``).
2. **Copyright statements** (``is_copyright_statement``): ``Copyright``/``(c)``/``©`` (or "Portions
   copyright", "Some code copyright", "Parts of this file copyright", "Based on <name>, copyright")
   followed only by years, holders, contacts (e-mail, URL) and "All rights reserved" (or "Some rights
   reserved"). A holder is capitalised words, connectors (``HOLDER_WORDS``) and at most two lower-case
   handles; no word of ``FORBIDDEN`` (terms, licence names, purposes) may appear anywhere,
   except "Research" and "AI" written as part of an organisation's name ("Microsoft Research",
   "Facebook AI Research": ``ORG_UNIT``) and a capitalised word that begins a name ("Grant Jenks",
   "Free Software Foundation": ``_name_words``).
   A statement may continue on the next lines of its paragraph, name the part of the work it covers
   ("TypeScript port Copyright ...": ``_part_prefix``), put its years first ("2009-2026 (c) ..."), or be
   an authorship statement ("Author 2014-2019, Yury Strozhevsky"); one ending with ":" may be followed by
   paragraphs of holders, each starting with a year.
3. **The licence's own title, SPDX id or URL** (``is_own_title``), and headings (``is_heading``: a
   product or section name of at most six capitalised words, none of ``FORBIDDEN``, optionally with
   its version and home page: "Bootstrap v3.3.4 (http://getbootstrap.com)"): a line whose words are all the
   title words of the licence(s) the text was matched as (scancode's name and short name, the SPDX id),
   ``SPDX-License-Identifier: <that expression>``, or a URL (optionally labelled) that names it or is one
   of the licence's own URLs in scancode's database. A variant scancode names apart that is the licence
   in substance (``policy.EQUIVALENT_IDS``) counts as the licence here. A licence titled after its own
   holder (``is_holder_title``: "The Glasgow Haskell Compiler License" above a BSD text by the University
   of Glasgow) is a title too, unless scancode knows a licence of that name.
4. **Provenance lines** (``is_provenance``): a URL or a file path on a line of its own, optionally after
   its project's name, with no word of ``FORBIDDEN``; a pointer to the licence's own file
   (``is_licence_pointer``: "as well as the file LICENSE-APACHE.txt adjacent to this file";
   ``is_licence_location``: "in the LICENSE file, or" inside "You may obtain a copy of the License ... at"),
   also as the end of a sentence that a matched line began (``_ends_a_pointer``: "... See the LICENSE
   file in the root of / this repository for complete details.").
5. **Attribution and scope notes** (``NOTE_PATTERNS``, ``is_attribution``: authorship told in clauses,
   what the code was derived, forked, taken or extracted from, ``_DERIVATION``, ``_ORIGIN``,
   ``_BASED_ON``; ``_applies_to_copy``: which parts the copy right below covers): fixed sentences that grant or restrict nothing
   about the code: "This software consists of voluntary contributions ...", "The following license
   applies to all parts of this software except as documented below", a CC0 waiver of the sample code
   shown in the documentation, "Files located in the X and Y directories are externally maintained
   libraries ... their own licenses" (those folders then inherit nothing: ``third_party_folders``),
   "The rest of the project is released under this license:" after files named under another licence
   (``REST_OF_PROJECT``; the leads that name them are read by ``scopes``),
   "This product includes software developed by <holder>" (Apache NOTICE files), third-party notes that
   say where bundled code's licences are stated (below, in the NOTICE file, in the files' headers), thanks
   and the names thanked (``is_thanks``), which part each licence of a bundle covers
   (``is_licence_scope``), where a project lives
   and who owns its name ("Visit <url> for support and download", "X is a trademark of <holder>"), and
   provenance
   statements: an employee's "the license you receive to my code is from me and not my employer", "No
   code of <...> was used to create this project", "<holder> has the full rights to publish the code".
6. **Documentation tags** (``is_doc_tag``): a Javadoc/JSDoc/PHPDoc/Doxygen tag line of a file header
   that says who wrote the file, which version it is or what it is (``@author``, ``@version``,
   ``@since``, ``@package``, ``@fileoverview`` ... ``DOC_TAGS``), with no word of ``FORBIDDEN`` in its
   value (a URL's words included) once e-mail addresses and version-control keywords (``$Id: ... $``)
   are set aside;
   ``@copyright <statement>`` when the statement is one (rule 2), ``@license <value>`` when the value
   is the licence's own title, id or URL (rule 3). The same words as a label ("Author: Jane Doe",
   "Version: 1.2") or a reStructuredText field (":copyright: ...") count as the tag.
7. **Directives and developer notes** (``is_directive``): lines addressed to a tool, not to a licensee:
   an interpreter line (``#!/usr/bin/env python``), an encoding declaration (PEP 263, ``-*- coding:
   utf-8 -*-``), Emacs file variables and Vim modelines, linter and type-checker pragmas (``noqa``,
   ``pylint: disable=...``, ``eslint-disable``, ``type: ignore``, ``@ts-nocheck``, ``clang-format
   off`` ...), version-control keyword lines (``$Id: ... $``, ``$OpenBSD: ... $``), and
   ``TODO``/``FIXME``/``XXX``/``HACK`` notes; none with a word of ``FORBIDDEN``
   ("TODO: API to modify the snap" stays residue).
8. **A file's description above its notice** (``is_description``, file headers only): in the notice's
   own paragraph, above the first line a licence explains, a line that says what the file is ("This
   file is part of pocketfft.", "A JavaScript implementation of the Secure Hash Algorithm, SHA-1, as
   defined in FIPS PUB 180-1"), with no word of ``FORBIDDEN`` and a copyright mark only where a
   copyright statement (rule 2) begins ("Version 2.1a Copyright Paul Johnston 2000 - 2002."). Below the
   notice's first line the whole grammar applies: a rider follows the grant it restricts.

Anything else (an added sentence, a rider, a restriction written on a copyright line, another licence's
title) is residue. Words that share a line with a notice scancode matched, but that its rule does not
hold, follow ``is_benign_fragment`` (the caller aligns the lines with the rule's text). Plain
functions, no Beam, no scancode; decisions are pure functions of the text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

_DECORATION = re.compile(r"^\s*(?:[#*/;!>|_=~+%-]+|\.\.|rem\b|dnl\b|<!--|-->|[.']?\\\")*\s*", re.I)
_TRAILING = re.compile(r"\s*(?:\*/|-->|[#*]+)\s*$")
URL = re.compile(r"<?\bhttps?://[^\s<>)\]]+>?|<?\bwww\.[^\s<>)\]]+>?", re.I)
_EMAIL = re.compile(r"<?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?|<?[\w.+-]+\s+at\s+[\w-]+\s+dot\s+\w+>?"
                    r"|<?[\w.+]+\s*[-\[(]\s*at\s*[-\])]\s*[\w-]+(?:\.[\w-]+)+>?"  # "john -at- paulett.org"
                    r"|<?[\w.+-]+\s*[\[({]\s*at\s*[\])}]\s*[\w-]+(?:\s*[\[({]\s*dot\s*[\])}]\s*[\w-]+)+>?",  # "hello [at) alexei (dot] ro"
                    re.I)
_YEAR = re.compile(r"\b(?:19|20)\d\d(?:\s*[-\u2013,]\s*(?:(?:19|20)?\d\d|present|now))*\b", re.I)
# "All rights reserved" and Creative Commons' "Some rights reserved": a reservation of copyright that the
# licence below lifts in part; it grants and restricts nothing by itself (Buenos Aires Convention, 1910).
_ARR = re.compile(r"\b(?:all|some)\s+rights\s+reserved\b", re.I)
_COPYRIGHT_START = re.compile(
    r"^(?:(?:(?:portions|parts|some\s+(?:parts|portions|code))(?:\s+of\s+(?:this|the)\s+(?:code|file|software))?"
    r"(?:\s+(?:is|are))?|based\s+on\s+[^,]{1,60},)\s+)?(?:copyright\b|\(c\)|©|copr\.)"
    r"|^(?:19|20)\d\d(?:\s*[-\u2013,]\s*(?:(?:19|20)\d\d|present|now))*\s+(?:\(c\)|©)", re.I  # "2009-2026 (c) Benoît Chesneau"
)
_COPYRIGHT_MARK = re.compile(r"\bcopyright\b|\(c\)|©|\bcopr\.", re.I)
# The part of the work a statement is about, before its copyright mark: "Original code Copyright Julian
# Gruber", "TypeScript port Copyright Isaac Z. Schlueter", "Port to TypeScript Copyright ...", "Original
# source code is copyright (c) ...", "All JSON Schema documentation and descriptions are copyright (c):",
# a package's name first: "pngjs derived work Copyright (c) 2012 Kuba Niegowski".
# At most eight words: a part noun (``_PART_NOUNS``), the connectors of ``_PART_WORDS`` and capitalised
# names (a language, a project); none of ``FORBIDDEN``.
_PART_PREFIX = re.compile(r"^(?P<part>(?:[\w.+#'-]+:?\s+){1,8}?)(?:copyright\b|\(c\)|©|copr\.)", re.I)
# A package's name before its statement: "quickjs-emscripten copyright (c) 2019 Jake Teton-Landis",
# "node-byline (C) 2011-2015 John Hewson", with a dash: "faker.js - Copyright (c) 2011-2020", or its
# home page: "https://github.com/stympy/faker/ - Copyright (c) 2007-2010 Benjamin Curtis".
_NAMED_PREFIX = re.compile(r"^(?P<part>[\w.@/+:-]+\s+(?:[-\u2013\u2014]\s+)?)(?:copyright\s+)?(?:\(c\)|©)", re.I)
# A label before a statement: "Original dagre-d3 copyright: Copyright (c) 2013 Chris Pettitt".
_LABELLED = re.compile(r"^(?P<label>(?:[\w.@/+'-]+\s+){1,4})copyright\s*:\s*(?=(?:copyright\b|\(c\)|©))", re.I)
_PART_NOUNS = frozenset("code port version translation rewrite implementation bindings binding fork modifications "
                        "changes additions adaptation documentation descriptions docs examples tests work works".split())
_PART_WORDS = _PART_NOUNS | frozenset("original initial modified derived source the this to in of and all is are".split())
# An authorship statement written as a copyright line: "Author 2014-2019, Yury Strozhevsky".
_AUTHOR_START = re.compile(r"^authors?:?(?=\s+(?:19|20)\d\d)", re.I)
_TOKEN = re.compile(r"[^\W_]+(?:['.\-][^\W_]+)*", re.U)

# Words that may stand in a holder's name in lower case ("the Foo authors and its affiliates").
HOLDER_WORDS = frozenset(
    "and of the its their his her other others contributors contributor authors author affiliates affiliate "
    "by et al inc ltd llc gmbh co corp corporation company project team developers developer foundation "
    "individual individuals respective owners owner holders holder maintainers from to present for".split()
)
# Words by which a sentence restricts or conditions the use of the code (a rider): negations, duties,
# limits of scope, purposes and parties. A file header's description carries none of them; a rider does
# ("The Software shall be used for peaceful purposes only", "You agree to cite ...").
# Of them, the words that state a term on their own: a purpose, a party, a duty, a payment, an end.
TERM_RIDER_WORDS = frozenset(
    """agree agrees agreement prohibit prohibited prohibits forbid forbidden restrict restricted restriction
    commercial commercially noncommercial military government governmental internal evaluation academic
    educational personal peaceful evil register registration notify notification cite citation terminate
    terminated termination revoke revoked fee fees royalty royalties payment pay purchase proprietary
    confidential""".split()
)
# And the words that restrict only in a sentence about using, copying or distributing the code, or about
# its licensee ("may not be used", "you must not sell"), not in a description of what the code does ("When
# TLS is not used ..." stays a rider; "Requires: libxml2", "does not have this limitation" do not).
MODAL_RIDER_WORDS = frozenset(
    "not no never cannot nor only solely exclusively must shall required require requires requirement limited "
    "except unless".split()
) | frozenset("don doesn mustn shouldn won dont".split())  # negations written short ("Please don't sell this")
# Words that never belong to a copyright statement, a holder slot or a heading: terms, purposes, licence
# names (whatever their case). "for" is allowed ("Copyright 2020 Jane for Acme Corp") only because every
# purpose a rider could name is listed here.
FORBIDDEN = frozenset(
    """licence license licenses licences licensed licensing sublicense permission permissions permit permits
    permitted grant granted grants prohibit prohibited prohibits restrict restricted restriction restrictions
    except exception exceptions unless only not no nor never may must shall should cannot can use used using
    uses sell sold selling resale commercial commercially noncommercial non profit nonprofit research academic
    educational education personal private internal evaluation trial government governmental military weapon
    weapons training train trained machine learning ai model models dataset datasets purpose purposes
    gpl lgpl agpl gnu copyleft mpl eupl epl cddl creative cc cc0 sharealike share alike attribution
    noderivatives derivative derivatives patent patents trademark trademarks fee fees royalty royalties
    payment pay paid free proprietary confidential terms conditions condition agreement agree agrees
    clause clauses public domain revoke revoked terminate terminated termination consent approval written
    redistribution redistribute distribute distribution modify modification modifications copy copies
    copying reproduce reproduction register registration registered notify notification cite citation
    citing require requires required requirement obligation obliged""".split()
) | TERM_RIDER_WORDS | (MODAL_RIDER_WORDS - {"limited"})  # every rider word ("Arm Limited" is a holder)


# Letters of a script other than Latin (Cyrillic, Greek, CJK, Hangul, Arabic, Hebrew, Devanagari ...): the
# grammar's words are English, so in a licence file, or beside a notice on its own lines, a line written in
# such a script is one it cannot read, and is residue unless it is a copyright statement (a holder's name
# in any script: "Copyright (c) 2020 山田太郎"). Elsewhere (a file's comments, a README) such prose is
# common and is read for riders only (``FOREIGN_TERMS``).
_OTHER_SCRIPT = re.compile(r"[^\W\d_A-Za-z\u00C0-\u024F\u1E00-\u1EFF\u00AA\u00B5\u00BA]")
# Term words of riders in the languages most written on code hosts besides English (Chinese, Japanese,
# Korean, Russian, Spanish, Portuguese, German, French): commercial, non-profit, prohibited, only, not
# allowed, military, personal, academic, resale: a rider's term word wherever riders are read
# (``rider_lines``), and a paragraph in another script that holds one is residue (``explain``).
FOREIGN_TERMS = re.compile(
    r"商用|商业|商業|营利|營利|営利|盈利|禁止|仅限|僅限|只限|限于|限於|不得|不可|不允许|不許|军事|軍事|个人|個人|学术|学術|"
    r"転売|轉售|转售|販売禁止|상업|상용|영리|금지|전용|군사|개인|"
    r"коммерч|запрещ|только|военн|личн|перепрода|"
    r"(?i:\b(?:comerc|commerc|kommerz|gewerb|lucro\b|lucrativ[oa]s\b|milit[äa]r|prohib|proib|interdit|verbot|"
    r"untersagt|s[óo]lo\s+(?:para|uso)|seulement|uniquement|nur\b|nicht\b|pas\s+d|no\s+(?:se\s+)?permit|"
    r"n[ãa]o\s+(?:é\s+)?permit|acad[ée]mic[oa]s?\b|académique|akademisch|usage\s+personnel|pers[öo]nlich|"
    r"reventa\b|revente\b|weiterverkauf|vente\b|venta\b))")


def unreadable(text: str) -> bool:
    """True when ``text`` has letters of a script other than Latin (``_OTHER_SCRIPT``)."""
    return bool(_OTHER_SCRIPT.search(text))


def forbidden(text: str) -> bool:
    """True when any word of ``text`` (hyphenated parts apart: "non-commercial") is ``FORBIDDEN``."""
    return any(w in FORBIDDEN for w in re.findall(r"[a-z0-9]+", text.lower()))


# A unit of an organisation named in a holder: "Research" or "AI" written right after a capitalised word
# of the name ("Microsoft Research", "Facebook AI Research", "Google AI"). Written so, the word names the
# holder, not a purpose; a purpose restricts only with a word that stays FORBIDDEN ("only", "use", "non").
ORG_UNIT = re.compile(r"\b([A-Z][\w&.'-]*)((?:\s+(?:AI|Research|Training)\b)+)")


@dataclass
class Residue:
    """What ``explain`` found: unexplained lines that are not benign, third-party folders named, and the
    files a third-party note points to, which the folder must hold (``LicenseDetector.folder_map``)."""

    lines: list[str] = field(default_factory=list)
    third_party: list[str] = field(default_factory=list)
    scope_lines: set[int] = field(default_factory=set)  # 0-based lines that belong to scope notes
    needs: list[str] = field(default_factory=list)  # files of the folder a note says hold other licences ("NOTICE")

    def quote(self, limit: int = 5) -> list[str]:
        return [line[:200] for line in self.lines[:limit]]


# HTML markup in a licence file written as a page ("<h1>License</h1>", "<li>Copyright &copy; 2012+ <a
# href=...>Bevry Pty Ltd</a></li>"): the tags are layout, what a reader sees is their text. An address in
# angle brackets ("<pooya@pi0.io>") is no tag.
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s+[a-z-]+(?:=(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s<>]+))?)*\s*/?>")
_HTML_ENTITIES = {"&copy;": "©", "&amp;": "&", "&nbsp;": " ", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'"}


def strip_decoration(line: str) -> str:
    if "<" in line and _HTML_TAG.search(line):
        line = _HTML_TAG.sub(" ", line)
    if "&" in line:
        line = re.sub(r"&(?:copy|amp|nbsp|lt|gt|quot|#39);", lambda m: _HTML_ENTITIES[m.group(0)], line)
    return _TRAILING.sub("", _DECORATION.sub("", line, count=1)).strip()


def is_formatting(line: str) -> bool:
    """Blank, or only decoration and punctuation."""
    return not re.search(r"[^\W_]", strip_decoration(line))


_SEE = re.compile(r"\(\s*(?:see|listed\s+in)\s+(?:the\s+)?[\w./-]+(?:\s+file)?\s*\)"  # "(see AUTHORS.txt file)"
                  # "Original work Copyright (c) 2015 Joshua Cranmer as part of jcranmer/idna-uts46."
                  r"|,?\s*as\s+part\s+of\s+(?:this\s+fork\s+)?[\w.@-]+(?:/[\w.@-]+)*\s*\.?\s*$"
                  # "(with contributions from many other people)"
                  r"|\(\s*with\s+contributions\s+(?:from|by)\s+(?:many\s+)?(?:other\s+)?(?:people|contributors|others|developers)\s*\)"
                  # ", see AUTHORS for more information": a list of the holders
                  r"|,?\s*see\s+(?:the\s+)?(?:authors|contributors|credits|thanks|maintainers)(?:\.\w+)?(?:\s+file)?"
                  r"(?:\s+for\s+(?:more\s+)?(?:information|details|the\s+full\s+list))?\s*\.?"
                  # "and other contributors, as listed in: <url>", "and the Pino contributors listed at <url>
                  # and in the README file"
                  r"|,?\s*(?:as\s+)?listed\s+(?:in|at)\s*:?(?:\s+and\s+in\s+the\s+[\w.-]+(?:\s+file)?)?", re.I)


# Words that state a term whatever follows them: they never stand in a holder's name.
_TERM_CORE = frozenset(
    """not no nor never non only except unless cannot can may must shall should use used uses using sell
    commercial commercially noncommercial internal personal private evaluation military government
    governmental weapon weapons license licence licensed licenses licences licensing sublicense gpl lgpl
    agpl gnu copyleft prohibited prohibit prohibits restricted restrict restriction restrictions
    permission permissions permitted permit terms conditions condition proprietary confidential
    revoke revoked terminate terminated consent approval written required require requires""".split())


def _name_words(text: str) -> str:
    """``text`` without the capitalised words that begin a name ("Grant Jenks", "Free Software
    Foundation", "Public Library of Science"): a capitalised word right before another capitalised word,
    neither a term word (``_TERM_CORE``)."""
    return re.sub(r"\b([A-Z][a-z]+)(?=\s+([A-Z][\w&.'-]*))",
                  lambda m: m.group(1) if m.group(1).lower() in _TERM_CORE or m.group(2).lower().strip(".")
                  in FORBIDDEN else "Name", text)


# A project's name written with its file suffix ("Should.js", "Vue.js"): a name, whatever its first word.
_DOTTED_NAME = re.compile(r"\b[A-Za-z][\w-]*\.(?:js|ts|jsx|tsx|mjs|cjs|py|rb|rs|go|php|css|io)\b")
# A holder named by its domain ("Copyright 2023 @ CAMEL-AI.org"): a name when its words hold no term ("AI"
# as in an organisation's name, ``ORG_UNIT``).
_DOMAIN_NAME = re.compile(r"\b[A-Za-z][\w-]*(?:\.[\w-]+)*\.(?:org|com|net|dev|ai)\b")


def _domain_name(found: re.Match[str]) -> str:
    words = re.sub(r"(?i)\bai\b", " ", re.sub(r"[.-]", " ", found.group(0).rsplit(".", 1)[0]))
    return found.group(0) if forbidden(words) else "Name"


def _holder_ok(rest: str) -> bool:
    rest = _DOTTED_NAME.sub("Name", _SEE.sub(" ", _ARR.sub(" ", _EMAIL.sub(" ", URL.sub(" ", rest)))))
    rest = _DOMAIN_NAME.sub(_domain_name, rest)
    rest = _name_words(ORG_UNIT.sub(r"\1", rest))
    if forbidden(rest):
        return False
    rest = _YEAR.sub(" ", _COPYRIGHT_MARK.sub(" ", rest))
    handles = 0
    for token in _TOKEN.findall(rest):
        low = token.lower()
        if low in FORBIDDEN:
            return False
        if token[0].isdigit() or token[0].isupper() or low in HOLDER_WORDS:
            continue
        handles += 1  # a lower-case user name ("sindresorhus", "ember cli"); three at most
        if handles > 3:
            return False
    return True


def _names_listed(text: str) -> bool:
    """True when ``text`` is a list of holders' names, comma-separated, under a copyright statement that
    ends with a colon ("roblaba, jonathanperret, insanity54, yariplus, comp500"): each a holder of at most
    three words (``_holder_ok``), none with a sentence's punctuation."""
    items = [x.strip() for x in re.split(r",|\band\b", text.strip().rstrip(",")) if x.strip()]
    return bool(items) and not re.search(r"[.:;!?]\s", text) and all(
        len(_TOKEN.findall(x)) <= 3 and _holder_ok(x) for x in items)


def is_holder(text: str) -> bool:
    """True when ``text`` is only holders, years and contacts, as on a copyright line (rule 2)."""
    return _holder_ok(text)


def _part_prefix(text: str) -> re.Match[str] | None:
    """``_PART_PREFIX``'s match when its words name a part of the work and nothing else ("Modified work:
    Copyright ..."), or ``_NAMED_PREFIX``'s when the one word before the mark names no term."""
    named = _NAMED_PREFIX.match(text)
    if named and not forbidden(named.group("part")) and named.group("part").strip().lower() not in _PARTY_WORDS:
        return named
    found = _PART_PREFIX.match(text)
    if found is None:
        return None
    words = _TOKEN.findall(found.group("part"))
    if forbidden(found.group("part")) or not any(w.lower() in _PART_NOUNS for w in words):
        return None
    # The first word may be the package's name, as in ``_NAMED_PREFIX`` ("pngjs2 original work Copyright").
    return found if all(w.lower() in _PART_WORDS or w[0].isupper() or i == 0 and len(words) > 1
                        and w.lower() not in _PARTY_WORDS for i, w in enumerate(words)) else None


def is_copyright_statement(text: str) -> bool:
    """True for a copyright statement (possibly several lines joined) with nothing but years, holders,
    contacts and "All rights reserved" (grammar rule 2)."""
    lines = [strip_decoration(ln) for ln in text.splitlines()]
    text = " ".join(lines).strip()
    if _ARR.fullmatch(text.strip(" .")):
        return True
    # A command to the licensee on a line or in a sentence of its own after the statement's first is no
    # holder ("Copyright (c) 2024 Jane Doe. Credit the author in your product.").
    sentences = [re.split(r"(?<=[.;!?])\s+", line) for line in lines]
    if any(states_duty(part) for i, parts in enumerate(sentences) for part in parts[i == 0:]):
        return False
    labelled = _LABELLED.match(text)
    if labelled:
        words = _TOKEN.findall(labelled.group("label"))
        if forbidden(labelled.group("label")) or any(w.lower() in _PARTY_WORDS for w in words):
            return False
        text = text[labelled.end():]
    start = _COPYRIGHT_START.match(text) or _part_prefix(text) or _AUTHOR_START.match(text)
    if not start:
        return False
    prefix = text[: start.end()]
    based = re.match(r"based\s+on\s+([^,]{1,60}),", prefix, re.I)
    if based and not _holder_ok(based.group(1)):
        return False
    return _holder_ok(text[start.end():])


# --------------------------------------------------------------------------- titles


@functools.lru_cache(maxsize=1)
def _db_titles() -> dict[str, frozenset[str]]:
    """``{spdx id (lower): title words}`` from scancode's licence db (name, short name, SPDX ids, key)."""
    from licensedcode.cache import get_licenses_db

    out: dict[str, set[str]] = {}
    for lic in get_licenses_db().values():
        ids = [lic.spdx_license_key or ""] + list(lic.other_spdx_license_keys or [])
        words = set()
        for name in (lic.name, lic.short_name, lic.key, *ids):
            words.update(t.lower() for t in _TOKEN.findall((name or "").replace("-", " ")))
        for spdx in ids:
            if spdx:
                out.setdefault(spdx.lower(), set()).update(words)
    return {k: frozenset(v) for k, v in out.items()}


# Words that praise a licence in its title ("The incredibly permissive MIT License", Bevry's packages).
_TITLE_PRAISE = frozenset("incredibly very permissive simple liberal popular".split())
WIKIPEDIA = re.compile(r"https?://(?:\w+\.)?wikipedia\.org/wiki/\S+$", re.I)
_GENERIC_TITLE = frozenset("the a license licence version v spdx identifier id and or new revised modified simplified "
                           "software agreement "
                           "clause text full software".split())
_LICENCE_HOSTS = ("opensource.org", "spdx.org", "choosealicense.com", "apache.org", "creativecommons.org",
                  "gnu.org", "mit-license.org", "tldrlegal.com")


def _with_variants(ids: set[str]) -> set[str]:
    """``ids`` and the licences whose text is one of them in substance (``policy.EQUIVALENT_IDS``)."""
    from pipeline.licensing.policy import EQUIVALENT_IDS

    low = {i.lower() for i in ids}
    return set(ids) | {variant for variant, same in EQUIVALENT_IDS.items() if same.lower() in low}


@functools.lru_cache(maxsize=1)
def _db_urls() -> dict[str, frozenset[str]]:
    """``{spdx id (lower): the licence's own URLs}`` (scheme-less, lower case) from scancode's licence db."""
    from licensedcode.cache import get_licenses_db

    out: dict[str, set[str]] = {}
    for lic in get_licenses_db().values():
        urls = [lic.homepage_url, lic.osi_url, *(lic.text_urls or []), *(lic.other_urls or [])]
        for spdx in [lic.spdx_license_key or "", *(lic.other_spdx_license_keys or [])]:
            if spdx:
                out.setdefault(spdx.lower(), set()).update(_url_key(u) for u in urls if u)
    return {k: frozenset(v) for k, v in out.items()}


def _url_key(url: str) -> str:
    return re.sub(r"^<?(?:https?://)?(?:www\.)?", "", url.lower()).rstrip("/>")


def own_words(ids: set[str]) -> frozenset[str]:
    """Title words of the licences ``ids`` (SPDX ids) name, and of their variants (``_with_variants``)."""
    titles = _db_titles()
    words: set[str] = set()
    for spdx in _with_variants(ids):
        words |= titles.get(spdx.lower(), frozenset())
        words.update(t.lower() for t in _TOKEN.findall(spdx.replace("-", " ")))
        if spdx.lower() == "mit":
            # "The MIT License (Expat)", "The MIT License (X11 License)": the names Debian, the FSF and
            # many projects give the MIT text (the text below decides: the X11 licence's extra clause on
            # the X Consortium's name would be residue)
            words.update(("expat", "x11"))
    return frozenset(words)


def expression_ids(expression: str | None) -> set[str]:
    if not expression:
        return set()
    return {t for t in re.findall(r"[A-Za-z0-9.+\-]+", expression) if t.upper() not in ("AND", "OR", "WITH")}


def is_own_title(line: str, ids: set[str]) -> bool:
    """A line that is the licence's own title, ``SPDX-License-Identifier`` or URL (grammar rule 3)."""
    text = strip_decoration(line).strip("*_`# ")
    if not text or not ids:
        return False
    tag = re.fullmatch(r"SPDX-License-Identifier:\s*(.+)", text, re.I)
    if tag:
        return expression_ids(tag.group(1)) <= {i for i in ids} | {i.lower() for i in ids}
    words = own_words(ids)
    # A link to an encyclopaedia's article reads as its text ("The incredibly
    # [permissive](http://en.wikipedia.org/wiki/Permissive_free_software_licence) [MIT License](<url>)").
    text = _MD_LINK.sub(lambda link: link.group("text") if WIKIPEDIA.match(link.group("target")) else link.group(0), text)
    urls = URL.findall(text)
    own_urls = set().union(*(_db_urls().get(i.lower(), frozenset()) for i in _with_variants(ids)))
    for url in urls:
        low = url.lower()
        if _url_key(url) in own_urls:
            continue  # the licence's own page, as scancode's licence database lists it
        if not any(host in low for host in _LICENCE_HOSTS):
            return False
        if not set(_TOKEN.findall(re.sub(r"[/_-]", " ", low.split("//", 1)[-1].split("/", 1)[-1]))) - {
            "licenses", "license", "licence", "www", "html", "php", "txt", "legalcode", "org", "en"
        } <= words | {"0", "1", "2", "3", "4"}:
            return False
    rest = URL.sub(" ", text)
    tokens = [t.lower() for t in _TOKEN.findall(rest.replace("-", " ")) if t.lower() not in _TITLE_PRAISE]
    if not tokens:
        return bool(urls)
    # a title word in the plural is the title's ("--- Exceptions to the Apache 2.0 License ----", LLVM's)
    tokens = [t[:-1] if t.endswith("s") and t not in words and t[:-1] in words else t for t in tokens]
    return all(t in words or t in _GENERIC_TITLE or t.isdigit() for t in tokens) and (
        any(t in words and t not in _GENERIC_TITLE for t in tokens) or set(tokens) <= {"license", "licence", "the"}
    )


# Documentation tags that carry authorship, versioning or a description, never terms (rule 6).
DOC_TAGS = frozenset(
    "author authors version since package subpackage category module namespace file fileoverview overview "
    "brief description desc summary created date updated modified maintainer maintainers name class "
    "filesource preserve".split()  # "@preserve": a minifier keeps the comment (UglifyJS, Terser, Closure Compiler)
)
_DOC_TAG = re.compile(r"^[@\\]([a-z]+)\b[:\s]*(.*)$", re.I)
# The same words as a label ("Author: Jane Doe", "Version: 1.2") or a reStructuredText field (":copyright:
# Copyright 2007 by the Sphinx team", ":license: BSD", the docstring headers of Sphinx and Pygments).
_DOC_LABEL = re.compile(r"^:?([a-z]+)\s*:\s*(.*)$", re.I)
# RCS/CVS/Subversion keywords ("$Id: foo.js 93 2007-12-12 04:41:40Z jsmith $").
_VCS_KEYWORD = re.compile(r"\$(?:Id|Revision|Rev|Date|Author|Header|Source|HeadURL|URL|LastChanged\w*|OpenBSD|NetBSD|"
                          r"FreeBSD|DragonFly|Xorg|XFree86|RCSfile|Log|Name|Locker|State)(?::[^$]*)?\$", re.I)


def is_doc_tag(line: str, ids: set[str]) -> bool:
    """A documentation tag line of a file header that grants or restricts nothing (grammar rule 6)."""
    text = strip_decoration(line)
    match = _DOC_TAG.match(text)
    if match is None:
        match = _DOC_LABEL.match(text)
        if match is None or match.group(1).lower() not in DOC_TAGS | {"copyright", "license", "licence"}:
            return False
    tag, value = match.group(1).lower(), match.group(2).strip()
    if tag == "copyright":
        return is_copyright_statement(f"Copyright {value}")
    if tag in ("license", "licence"):
        return bool(value) and is_own_title(value, ids)
    if tag not in DOC_TAGS:
        return False
    return not forbidden(_EMAIL.sub(" ", _VCS_KEYWORD.sub(" ", value)))  # a URL's words count


# Lines addressed to a tool (grammar rule 7). Matched on the line without its comment marker.
_DIRECTIVES = re.compile(
    r"""(?ix)^(?:
        .*-\*-.+-\*-                                    # Emacs file variables: -*- coding: utf-8 -*-
      | (?:vim?|ex)\s*:.+                                # a Vim modeline: vim: set fileencoding=utf-8 :
      | (?:file)?(?:en)?coding\s*[:=]\s*[-\w.]+          # an encoding declaration (PEP 263)
      | (?:ruff|flake8|pylint|mypy|pyright|pytype|isort|cython|distutils|fmt|type|pyre|nuitka|pragma)\s*:.*
      | noqa\b.* | nosec\b.* | pragma\s+no\s+cover\b.*
      | (?:eslint|jshint|jslint|jscs|tslint|stylelint)(?:[-\w]*)\b.* | global\s+[\w$]+(?:\s*[:,]\s*[\w$]+)*
      | @ts-(?:nocheck|check|ignore|expect-error)\b.* | @flow\b.* | @jsx\s+\S+ | @format | @noformat
      | clang-format\s+(?:off|on) | NOLINT\w*(?:\(.*\))? | prettier-ignore | istanbul\s+ignore\b.*
      | c8\s+ignore\b.* | (?:TODO|FIXME|XXX|HACK)\b.*
      | (?:(?:code\s+|file\s+|this\s+file\s+(?:is|was)\s+)?(?:auto(?:matically|-)?\s*)?generated\b[^.!]*[.!]?\s*)?
        do\s+not\s+edit\b.*                           # a generated file's marker ("Code generated by ... DO NOT EDIT.")
      | not\s+a\s+contribution\.?                      # the Apache License's marking (section 1, "Contribution")
    )$""")
# A generated file's "DO NOT EDIT" and the Apache marking "Not a Contribution": their "not" restricts no
# licensee.
_NOT_A_TERM = re.compile(r"(?i)\bdo\s+not\s+edit\b|^\W*not\s+a\s+contribution\W*$")
# A line holding only version-control keywords ("$Id: lualib.h,v 1.36 2007/12/27 roberto Exp $").
_VCS_LINE = re.compile(rf"^(?:{_VCS_KEYWORD.pattern}\s*)+$", re.I)


def is_description(line: str) -> bool:
    """A line of a file header's notice paragraph, above the licence, that describes the file (rule 8):
    no ``FORBIDDEN`` word, and no command to the licensee ("Credit the author in your product.")."""
    text = strip_decoration(line)
    mark = _COPYRIGHT_MARK.search(text)
    if mark is not None and not is_copyright_statement(text[mark.start():]):
        return False
    described = text[: mark.start()] if mark else text
    return bool(re.search(r"[^\W_]", text)) and not forbidden(described) and not states_a_duty(described)


def is_directive(line: str) -> bool:
    """A line addressed to a tool, or a developer's note, with no word of ``FORBIDDEN`` (rule 7)."""
    bare = strip_decoration(line)
    text = line
    if re.match(r"(?i)^(?:es|js|ts|style)lint|jshint|jscs", bare):
        text = re.sub(r"\bno-(?=[a-z])", "", line)  # a lint rule's name ("no-undef") holds no term
    text = _NOT_A_TERM.sub(" ", text)
    if forbidden(text):
        return False
    if re.match(r"^\s*#!\s*/\S", line):
        return True  # an interpreter line
    return bool(_DIRECTIVES.match(bare) or _VCS_LINE.match(bare))


_VERSION = re.compile(r"\bv?\d+(?:\.\d+)+(?:[-+.]?[a-z0-9]+)*\b", re.I)


# A section heading that only names what follows ("Copyright and License", "License information"): none
# of its words grants, restricts or names a licence on its own.
_SECTION_HEADING = re.compile(
    r"(?i)(?:copyrights?|licen[cs]es?|licensing|notices?|information)"
    r"(?:\s*(?:and|&|\+)?\s*(?:copyrights?|licen[cs]es?|licensing|notices?|information))*"
)


def is_heading(line: str) -> bool:
    """A product or section name on a line of its own ("Apache Commons Lang", "Third-Party Notices"):
    at most six capitalised words, or one or two words of any case, or a label of up to three words
    ending with a colon; none of ``FORBIDDEN`` or a party (``_PARTY_WORDS``), no sentence punctuation."""
    raw = strip_decoration(line)
    if _SECTION_HEADING.fullmatch(raw.strip("*_`#=-: ")):
        return True
    named = re.fullmatch(r"(?i)(?:copyright\s+and\s+)?licen[cs]e\s+(?:for|of)\s+(.+)", raw.strip("*_`#=-: "))
    if named:  # "License for Sphinx": the section's name, then the project's
        return is_heading(named.group(1))
    # "BSD 2-Clause License / For Yarn software": the project a licence's title names (Facebook's BSD header)
    project = re.fullmatch(r"[Ff]or\s+((?:[A-Z][\w.+#-]*\s+){1,4}|[\w.+#-]+\s+)[Ss]oftware", raw.strip())
    if project:
        return not any(w.lower() in _PARTY_WORDS for w in project.group(1).split()) and is_heading(project.group(1))
    # "(Original Fork License)", "[generic-pool@2.5]": the heading of a component's copy of the licence
    if re.fullmatch(r"(?i)\(\s*(?:(?:original|upstream|fork|previous|old)\s+)+licen[cs]e\s*\)", raw.strip()):
        return True
    if re.fullmatch(r"\[[\w.@/-]{1,60}\]", raw.strip()):
        return True
    third = _THIRD_HEADING.fullmatch(raw.strip("*_`#=-: "))
    if third:  # "Third-Party Licenses", "-- Licenses for 3rd-party code included in tsconfck --"
        return not forbidden(third.group("name") or "")
    if forbidden(raw) or names_a_party(raw):
        return False  # "For students:" scopes what follows to an audience
    if URL.search(raw) or _VERSION.search(raw):
        # A product name with its version and home page: the name must be a heading on its own.
        rest = re.sub(r"\(\s*\)", " ", _VERSION.sub(" ", URL.sub(" ", raw))).strip(" -,:")
        return bool(rest) and rest != raw and is_heading(rest)
    text = raw.strip("*_`#: ")
    tokens = _TOKEN.findall(text)
    if raw.endswith(":") and 0 < len(tokens) <= 3:
        return True  # a label introducing what follows ("cli-spinners:")
    if 0 < len(tokens) <= 2 and re.fullmatch(r"[\w.@/-]+(?:\s+[\w.@/-]+)?", text):
        return True  # a project's name on its own line (" * express")
    if re.fullmatch(r"[\w.@/-]*[-./@][\w.@/-]*(?:(?:\s*,\s*|\s*,?\s+(?:and|&)\s+)[\w.@/-]*[-./@][\w.@/-]*){1,3}", text):
        return True  # the packages a bundled licence covers ("strip-bom and strip-json-comments", tsconfck)
    return (
        0 < len(tokens) <= 6
        and not re.search(r"[.;,!?]\s", text + " ")
        and all((t[0].isupper() or t[0].isdigit()) and t.lower() not in FORBIDDEN for t in tokens)
        and not any(t.lower() in _PARTY_WORDS - _TAGLINE_JOINS for t in tokens)  # "For Students And Teachers"
    )


# A Markdown link reference definition (CommonMark 0.31, section 4.7: "[label]: <destination> "title""):
# it renders as nothing; the text that refers to it is read on its own line.
_LINK_DEFINITION = re.compile(r'^\[(?P<label>[^\]\n]{1,80})\]:\s*<?(?P<target>\S+?)>?(?:\s+"(?P<title>[^"]{0,80})")?$')


def is_link_definition(line: str) -> bool:
    """A link reference definition whose label, destination and title hold no word of ``FORBIDDEN``
    ("[others]: https://github.com/json5/json5/contributors"; not "[terms]: <a page of other terms>")."""
    found = _LINK_DEFINITION.fullmatch(line.strip())
    return found is not None and not forbidden(" ".join(re.split(r"[/_.:#?=-]", " ".join(
        g for g in found.groups() if g))).replace("https", " ").replace("http", " "))


# Words a project's tagline joins its capitalised words with ("Json Schema Type Builder with Static Type
# Resolution for TypeScript").
_TAGLINE_JOINS = frozenset("with for of and the a an in to on from".split())
# What a piece of software is, last in a short description ("Dijkstra path-finding functions").
_SOFTWARE_NOUNS = frozenset("functions function library libraries module modules utilities utils helpers tools "
                            "implementation bindings wrapper client parser algorithms algorithm plugin "
                            "extension".split())


def is_tagline_line(line: str) -> bool:
    """``is_tagline``, or a line of sentences each a tagline or where the code came from (``_is_origin``),
    one of them a tagline: "Dijkstra path-finding functions. Adapted from the Dijkstar Python project."."""
    if is_tagline(line):
        return True
    sentences = [x for x in re.split(r"(?<=[.;])\s+", strip_decoration(line).strip()) if x]
    return len(sentences) > 1 and any(is_tagline(x.rstrip(".")) for x in sentences) and all(
        is_tagline(x.rstrip(".")) or _is_origin(x) for x in sentences)


# A word that names people or bodies ("teachers", "hobbyists", "charities", "companies"), not what the code
# works on ("color conversions", "data frames"): a tagline's "for" with one is an audience.
_PEOPLE = re.compile(r"(?:ers|ors|ists|ians|ents|ants|ees|ies|people|folks|kids|children|schools|teams|groups|"
                     r"organi[sz]ations|firms|agencies|businesses|nonprofits|charities)$")


def _is_audience(word: str) -> bool:
    """True when ``word``, the first after a tagline's "for", names a party (``_PARTY_WORDS``, a rider's
    object or term, ``_PEOPLE``)."""
    word = word.lower()
    return (word in _PARTY_WORDS or word in RIDER_OBJECTS or word in FORBIDDEN or word.rstrip("s") in FORBIDDEN
            or _PEOPLE.search(word) is not None)


def is_tagline(line: str) -> bool:
    """A project's name or tagline in title case above its licence: at most sixteen words, the first and
    at least half of them capitalised, the others ``_TAGLINE_JOINS``; no word of ``FORBIDDEN`` or a
    party (``_PARTY_WORDS``: "For Students And Teachers" stays residue), no sentence punctuation; or such a
    name (or a file's: "wcwidth.js"), a dash or a colon and a description in any case under the same
    bars. Read only before the first line a licence explains (``explain``)."""
    text = strip_decoration(line).strip("*_`#: ")
    named = (re.fullmatch(r"(?P<name>[^-\u2013\u2014]{1,60}?)\s+[-\u2013\u2014]\s+(?P<what>[\w .'/+#()-]{1,100})", text)
             or re.fullmatch(r"(?P<name>[^:]{1,60}?):\s+(?P<what>[\w .'/+#()-]{1,100})", text))
    if named and (is_tagline(named.group("name")) or _DOTTED_NAME.fullmatch(named.group("name"))):
        # The project's name, a dash and what it is, in any case: "Toposort - Topological sorting for
        # node.js". The description holds no term and no party, as above, and what it is "for" is a
        # platform or a name ("for node.js", "for TypeScript"), not people ("for teachers").
        what = named.group("what")
        audience = next((w for w in re.findall(r"\bfor\s+(?:the\s+|an?\s+)?(?![A-Z0-9])([\w-]+)(?![\w.+#-]*[.+#]\w)", what)
                         if _is_audience(w)), None)
        return (not audience and len(_TOKEN.findall(what)) <= 12 and not re.search(r"[.;,!?]\s", what + " ") and not forbidden(what)
                and not any(t.lower() in _PARTY_WORDS - _TAGLINE_JOINS for t in _TOKEN.findall(what)))
    tokens = _TOKEN.findall(text)
    capitalised = [t for t in tokens if t[0].isupper() or t[0].isdigit()]
    if 2 <= len(tokens) <= 5 and tokens[0] in capitalised and tokens[-1].lower() in _SOFTWARE_NOUNS:
        # What the software is, in any case: "Dijkstra path-finding functions".
        return not forbidden(text) and not any(t.lower() in _PARTY_WORDS for t in tokens) and not re.search(
            r"[.;,!?]\s", text + " ")
    return (0 < len(tokens) <= 16 and tokens[0] in capitalised and 2 * len(capitalised) >= len(tokens)
            and not re.search(r"[.;,!?]\s", text + " ") and not forbidden(text)
            and all(t in capitalised or t in _TAGLINE_JOINS for t in tokens)
            and not any(t.lower() in _PARTY_WORDS - _TAGLINE_JOINS for t in tokens))


# A bundled package's name and the address of its licence file, above that licence's copy ("smol-toml:
# https://github.com/squirrelchat/smol-toml/blob/mistress/LICENSE", confbox): the file's name is no term.
_NAMED_LICENCE_URL = re.compile(r"(?P<name>[\w.@/-]{1,60}):\s+(?P<url>https?://\S+?)/(?:LICEN[CS]E|COPYING)(?:[.-]\w{1,8})?/?")


def is_provenance(line: str) -> bool:
    """Where a copy came from: a URL or a file path on a line of its own, optionally after the name of
    its project ("Inferno's libkern/vlrt-arm.c"), with no word of ``FORBIDDEN`` in it; a package's name
    and the address of its licence file (``_NAMED_LICENCE_URL``)."""
    text = strip_decoration(line)
    named = _NAMED_LICENCE_URL.fullmatch(text.strip())
    if named:
        return not forbidden(f"{named.group('name')} {re.sub(r'[/_.:#?=-]', ' ', named.group('url'))}".replace("https", " "))
    rest = URL.sub(" ", text)
    paths = re.findall(r"\S+/\S+|\S+\.[a-z]{1,4}\b", rest)
    for path in paths:
        rest = rest.replace(path, " ")
    if not (paths or URL.search(text)):
        return False
    words = [t.lower() for t in _TOKEN.findall(text.replace("/", " ").replace("-", " ").replace("_", " "))]
    names = _TOKEN.findall(rest)
    return (not any(w in FORBIDDEN for w in words) and len(names) <= 3
            and all(t[0].isupper() or t.lower() in ("s", "from", "see", "at") for t in names))


# Words of a holder's statement too common to tie a title to it ("University", "Software").
_COMMON_NAME_WORDS = HOLDER_WORDS | _GENERIC_TITLE | frozenset(
    "copyright rights reserved all some university college institute school court regents trustees board "
    "open source code group labs lab systems technologies technology international national".split()
)


@functools.lru_cache(maxsize=1)
def _known_names() -> frozenset[str]:
    """Every licence name and short name in scancode's licence database (LicenseRef- ones included),
    normalised as ``_name_key``: a title that is one of them names that licence."""
    from licensedcode.cache import get_licenses_db

    return frozenset(
        key for lic in get_licenses_db().values() for name in (lic.name, lic.short_name)
        for key in [_name_key(name or "")] if key
    )


def _name_key(text: str) -> str:
    """A licence name without articles, "License" and its version ("Business Source License 1.1" ->
    "business source")."""
    return " ".join(t for t in re.findall(r"[a-z0-9]+", text.lower())
                    if t not in ("the", "license", "licence", "version", "v") and not t.isdigit())


def _holder_words(lines: list[str]) -> frozenset[str]:
    """Distinctive words of the holders named in the text's copyright statements (lower case)."""
    words: set[str] = set()
    for line in lines:
        line = re.sub(r"^[@\\]copyright\b[:\s]*", "", strip_decoration(line), flags=re.I)  # a doc tag's statement
        if _COPYRIGHT_MARK.search(line) and is_copyright_statement(line):
            words.update(t.lower() for t in _TOKEN.findall(_YEAR.sub(" ", _EMAIL.sub(" ", URL.sub(" ", line))))
                         if t[0].isupper() and len(t) >= 3 and t.lower() not in _COMMON_NAME_WORDS)
    return frozenset(words)


def is_holder_title(line: str, holders: frozenset[str]) -> bool:
    """A licence titled after its own holder ("The Glasgow Haskell Compiler License" above a BSD text
    by the University of Glasgow): "[The] <one to five capitalised words> License [version N]", one of
    the words naming a holder of the text's copyright statements (``holders``), none of ``FORBIDDEN``,
    and not the name of any licence scancode knows (that would be another licence's title)."""
    text = strip_decoration(line).strip("*_`#: .")
    text = re.sub(r"[\s,]*(?:version|v)\s*\d+(?:\.\d+)*$", "", text, flags=re.I)
    tokens = _TOKEN.findall(text)
    if len(tokens) < 2 or tokens[-1].lower() not in ("license", "licence") or not holders:
        return False
    name = tokens[1:-1] if tokens[0].lower() == "the" else tokens[:-1]
    return (
        0 < len(name) <= 5
        and all(t[0].isupper() or t[0].isdigit() for t in name)
        and not forbidden(" ".join(name))
        and any(t.lower() in holders for t in name)
        and _name_key(text) not in _known_names()
    )


_POINTER = re.compile(
    r"(?:(?:as well as|or|and|also|see)\s+)?(?:in\s+)?(?:the\s+)?(?:file\s+)?(?P<name>(?:[a-z0-9]+\s+){1,4}?)"
    r"(?:file\s+)?(?:adjacent to|accompanying|next to|distributed with|included with|shipped with|"
    r"in the root of|at the root of|in the same directory as)\s+this\s+"
    r"(?:file|software|project|repository|distribution|package|directory|folder|source code)"
)
_LICENCE_FILE_WORDS = frozenset("license licence copying".split())


# A location added inside the licence's own statement of where a copy lies ("You may obtain a copy of the
# License [in the LICENSE file, or] at <url>"): a file named, then an optional "or"/"and".
_LOCATION = re.compile(r"(?:(?:or|and|also)\s+)?(?:in|at|from)\s+(?:the\s+)?(?:file\s+)?(?P<name>(?:[a-z0-9]+\s+){1,4}?)"
                       r"(?:file\s+)?(?:(?:or|and)\s+)?")


def _own_file_name(name: list[str], ids: set[str]) -> bool:
    """A file name made only of a licence file's words (LICENSE, COPYING, an extension) and the title
    words of the licence(s) ``ids``, holding at least one of the former."""
    allowed = _LICENCE_FILE_WORDS | {"txt", "md", "rst", "html"} | (own_words(ids) - _GENERIC_TITLE)
    return any(w in _LICENCE_FILE_WORDS for w in name) and all(w in allowed or w.isdigit() for w in name)


def is_licence_pointer(text: str, ids: set[str]) -> bool:
    """Where a copy of the licence lies: "as well as the file LICENSE-APACHE.txt adjacent to this file".
    The file's name may hold only a licence file's words (LICENSE, COPYING, an extension) and the
    title words of the licence(s) the text was matched as (``ids``): a pointer to any other file
    (terms, an addendum) is residue."""
    found = _POINTER.fullmatch(" ".join(re.findall(r"[a-z0-9]+", strip_decoration(text).lower())))
    if not found or not ids:
        return False
    return _own_file_name(found.group("name").split(), ids)


def is_licence_location(text: str, ids: set[str]) -> bool:
    """A location of the licence's own file, as added inside the licence's statement of where a copy of
    it lies: "in the LICENSE file, or" ("You may obtain a copy of the License in the LICENSE file, or at
    <url>"). The same file names as ``is_licence_pointer``; any other file is residue."""
    found = _LOCATION.fullmatch(" ".join(re.findall(r"[a-z0-9]+", strip_decoration(text).lower())) + " ")
    return bool(found and ids) and _own_file_name(found.group("name").split(), ids)


# --------------------------------------------------------------------------- notice lines

# Words that may stand between the words of a notice rule where scancode's rule leaves a holder out
# ("licensed by [Yahoo! Inc.] under the BSD (revised) open source license"): capitalised words, numbers
# and these connectors; not "for", "to", "by" (a purpose or a party would read as a term).
_GAP_WORDS = frozenset("and of the its inc ltd llc gmbh co corp corporation company project team authors contributors "
                       "developers foundation affiliates".split())
# The words that lead into a licence's name in a notice ("Distribution is permitted under the terms of
# the [HSQLDB license]", "This file is released under the [MIT License]"), or into the grant a notice rule
# holds ("getopt, more, pg, wall, and whereis may be [redistributed under the terms of the UCB BSD
# license]"): a subject and a grant, no term.
_GRANT_LEAD = re.compile(
    r"(?:(?:(?P<subject>[^\W_][\w .,'-]{0,60}?)\s+)?(?:is|are|(?:may|can)\s+be)(?:\s+|$))?(?:"
    r"(?:(?:distributed|released|licensed|licenced|available|provided|made\s+available|published|covered)"
    r"|distribution\s+is\s+permitted|(?:use|redistribution)\s+is\s+permitted)\s+under(?:\s+the\s+terms\s+of)?(?:\s+the)?"
    r"|(?:dual|multi)[- ]?licen[cs]ed"
    r"|(?:distributed|released|licensed|licenced|available)\s+under\s+a\s+combination\s+of(?:\s+the)?"
    r"|at\s+your\s+(?:choice|option),?(?:\s+you\s+may\s+use\s+it\s+under)?(?:\s+(?:the|either))?|$)", re.I)
# The words that lead into the licence's name in a notice's request for a copy of it ("If you cannot locate
# the [Apache License, Version 2.0], please send an email to ...", Microsoft's notices; "If you did not
# receive a copy of the [PHP license] ..."): where to find the licence, no term.
_COPY_LEAD = re.compile(r"(?:if\s+)?you\s+(?:cannot|can\s+not|are\s+unable\s+to|did\s+not|do\s+not)\s+"
                        r"(?:locate|find|obtain|receive|have)(?:\s+a\s+copy\s+of)?(?:\s+the)?", re.I)
# Where the code came from, leading into the licence it came under ("Moving maximum / minimum code taken from
# Bottleneck under the terms [of its Simplified BSD license]"): a subject, a source, no term.
_PROVENANCE_LEAD = re.compile(
    r"(?:(?P<subject>[^\W_][\w .,/'-]{0,60}?)\s+)?(?:(?:is|are|was|were|has\s+been|have\s+been)\s+)?"
    r"(?:taken|adapted|derived|borrowed|copied|ported|imported|vendored)\s+from\s+(?P<source>[^\W_][\w .,/'-]{0,60}?)"
    r"(?:\s+under(?:\s+the\s+terms(?:\s+of)?)?(?:\s+(?:the|its|their))?)?", re.I)
# A component the work holds, leading into the component and the licence it is under ("JSZip uses the
# [library pako released under the MIT license]"): a subject, no term.
_COMPONENT_LEAD = re.compile(r"(?P<subject>[^\W_][\w .,'-]{0,60}?)\s+(?:uses|includes|bundles|contains|embeds|"
                             r"incorporates|ships\s+with)(?:\s+(?:the|a|an|code\s+from))?", re.I)
# A sentence saying the work is under a licence, up to the licence's name ("NetworkX is distributed with
# the 3-clause BSD license", "Licensed under the MIT License").
_STATEMENT = re.compile(
    r"(?:(?:(?P<subject>[^\W_][\w .'-]{0,80}?)\s+)?(?:is|are)\s+)?(?:distributed|released|licensed|licenced|"
    r"available|provided|made\s+available|published|covered)\s+(?:under|with)(?:\s+the\s+terms\s+of)?\s+(?P<title>.+)",
    re.I)


# Words that deny a grant's subject ("Nothing in this package is licensed under ..."); "no", "not" and
# "never" are FORBIDDEN already.
_NEGATIVE_SUBJECT = frozenset("none nothing nobody neither noone".split())


def _subject_ok(subject: str | None) -> bool:
    """The subject of a grant ("This file", "getopt, more, pg"): no term word, no negation."""
    subject = subject or ""
    return not forbidden(subject) and not _NEGATIVE_SUBJECT & set(re.findall(r"[a-z]+", subject.lower()))


def is_lead(line: str) -> bool:
    """The words that lead into a licence's name or grant, with no term (``_GRANT_LEAD``,
    ``_PROVENANCE_LEAD``, ``_COMPONENT_LEAD`` with their subject and source, ``_COPY_LEAD``): "This file
    is distributed under the terms of the", "Code taken from Bottleneck under the terms", "JSZip uses the"."""
    text = strip_decoration(line).strip(" ,")
    if not text:
        return False
    for lead in (_GRANT_LEAD, _PROVENANCE_LEAD, _COMPONENT_LEAD):
        found = lead.fullmatch(text)
        if found is not None and all(_subject_ok(v) for v in found.groupdict().values()):
            return True
    return _COPY_LEAD.fullmatch(text) is not None


def is_licence_statement(line: str, ids: set[str]) -> bool:
    """A line that only says the work is under the licence the text was matched as: the lead-in of a
    grant followed by the licence's own title (rule 3), with no term word before it."""
    text = re.sub(r"\s+", " ", " ".join(strip_decoration(ln) for ln in line.splitlines())).strip().rstrip(".:")
    text = _UNLESS_NOTED.sub("", text)
    found = _STATEMENT.fullmatch(text)
    if not found or not _subject_ok(found.group("subject")):
        return False
    # "... under the following BSD license:" leads into the text that follows; "... the two clause BSD
    # licence below" and "... the MIT license, reproduced below" name the text below it.
    title = re.sub(r"(?i)^(?:the\s+)?following\s+|,?\s+(?:as\s+)?(?:(?:defined|reproduced|set\s+out|stated|included|quoted)\s+)?"
                   r"(?:below|above)$",
                   "", found.group("title"))
    title = re.sub(r"(?i)\b(two|three)(?=[\s-]+clause\b)", lambda m: {"two": "2", "three": "3"}[m.group(1).lower()], title)
    return is_own_title(title, ids)


# Which part of a work each licence of a bundle covers ("This project is licensed under a combination of the MIT
# License and the Apache License 2.0. - The MIT License applies to any original code created by Thinkmill
# Labs Pty Ltd. - The Apache License 2.0 applies to derivative works inspired by or based on Adobe's React
# Spectrum.", @keystar/ui), and the pointer to their texts below ("Please see the full license texts below
# for details.").
_APPLIES = re.compile(r"(?i)(?:the\s+)?(?P<title>[\w .,-]{1,60}?)\s+(?:applies|apply)\s+to\s+(?P<what>[^;:]{1,120}?)\.?")
_TEXTS_BELOW = re.compile(r"(?i)(?:please\s+)?(?:see|read|refer\s+to)\s+the\s+(?:full\s+|complete\s+)?licen[cs]e\s+texts?\s+"
                          r"(?:below|that\s+follows?)(?:\s+for\s+(?:more\s+|the\s+|full\s+)?details)?\.?")


def is_licence_scope(line: str, ids: set[str]) -> bool:
    """A line of a bundle that says which part of the work one of its own licences covers (``_APPLIES``:
    the licence one the text was matched as, the part named with no word of ``FORBIDDEN`` and no party,
    ``_is_audience``, "derivative works" aside), or that points to the texts below (``_TEXTS_BELOW``)."""
    text = re.sub(r"\s+", " ", strip_decoration(line)).strip()
    if _TEXTS_BELOW.fullmatch(text):
        return bool(ids)
    found = _APPLIES.fullmatch(text)
    if found is None or not is_own_title(found.group("title"), ids):
        return False
    what = re.sub(r"(?i)\bderivative\s+works?\b", " ", found.group("what"))
    return not forbidden(what) and not any(_is_audience(w) for w in re.findall(r"[\w'-]+", what)
                                           if w.lower() not in ("by", "from", "with", "to", "for"))


# A scope lead before a licence statement: "Unless otherwise indicated, all code in the Sphinx project is
# licenced under the two clause BSD licence below." (the parts indicated otherwise carry their own notices).
_UNLESS_NOTED = re.compile(r"(?i)^unless\s+otherwise\s+(?:indicated|noted|stated|specified)\s*,\s*")


# Words that would make a one-word gap a party or a qualifier rather than a name.
_PARTY_WORDS = frozenset("for to by from with without except excluding including employees staff students members "
                         "customers users partners affiliates subscribers individuals persons people anyone nobody "
                         "everyone solely exclusively".split())
# A pointer to the licence's own file after a notice: "See LICENSE for details", "(see the LICENSE.txt file)".
_PLACE = r"(?:project|repository|distribution|source\s+tree|package)"
_SEE_FILE = re.compile(r"\(?\s*(?:(?:please\s+)?(?:see|read|refer to)|licen[cs]e\s+(?:at|in))\s+(?:the\s+)?(?:file\s+)?"
                       r"(?:[\w.-]+/)*(?P<name>[\w.-]+(?:\s+file)?)"
                       # where the file lies: "in the root of this repository", "in the root of the `packaging`
                       # repository" (vendored code's upstream), "in this repository", "in the project root"
                       rf"(?:\s+(?:at|in)\s+(?:(?:the\s+root\s+of\s+)?(?:this|the)\s+(?:[`'\"]?[\w.-]+[`'\"]?\s+)?{_PLACE}"
                       rf"|the\s+{_PLACE}(?:'s)?\s+root(?:\s+directory)?))?"
                       r"(?:\s+for\s+(?:the\s+)?(?:details|more\s+details|complete\s+details|more\s+information|"
                       r"full\s+details|the\s+full\s+text|full\s+text|license\s+text|licen[cs]e\s+information))?"
                       r"\s*\)?\s*[.;]?", re.I)


# A Markdown link ("See [LICENSE](LICENSE.md) for details"): its text and its target.
_MD_LINK = re.compile(r"\[(?P<text>[^\]\n]{1,80})\]\((?P<target>[^)\s]{1,200})\)")


def _licence_file(name: str) -> bool:
    """The licence's own file, or a variant of it that is read for the folder ("LICENSE.external",
    docs/licensing.md, "Additional-terms files"), whose other words name no term or other licence."""
    words = re.findall(r"[a-z0-9]+", name.lower().removesuffix(" file"))
    other = [w for w in words if w not in _LICENCE_FILE_WORDS | {"txt", "md", "rst", "html"}]
    return any(w in _LICENCE_FILE_WORDS for w in words) and not forbidden(" ".join(other))


def is_licence_see(text: str, ids: set[str]) -> bool:
    """"See LICENSE for details", "Licence at LICENSES/PACKAGING_LICENSE" and the like: a pointer to the
    licence's own file or to a licence file read for the folder (``_licence_file``). A Markdown link
    stands for its text when both its text and its target, a file of the repository, name such a file."""
    def link(found: re.Match[str]) -> str:
        target = found.group("target").split("#")[0]
        relative = ":" not in target  # a file of the repository, not a page elsewhere
        same = relative and _licence_file(found.group("text")) and _licence_file(target.rsplit("/", 1)[-1])
        return found.group("text") if same else found.group(0)

    found = _SEE_FILE.fullmatch(_MD_LINK.sub(link, strip_decoration(text).strip()))
    return bool(found and ids) and _licence_file(found.group("name"))


# A field left empty in words: "No comments", "None", "N/A" (a manifest's template value).
_PLACEHOLDER = re.compile(r"(?:no\s+comments?|none|n/?a|tbd|-+)", re.I)


def is_placeholder(text: str) -> bool:
    """A value that says nothing: blank, or a template's empty value (``_PLACEHOLDER``)."""
    return _PLACEHOLDER.fullmatch(strip_decoration(text).strip(" .")) is not None or not text.strip()


def is_licence_remark(text: str) -> bool:
    """A remark about the licence itself, as a manifest writes beside its name ("A business-friendly OSS
    license", Apache Commons' POMs): no word of ``FORBIDDEN`` but the nouns "license"/"licence"."""
    return not forbidden(re.sub(r"(?i)\blicen[cs]es?\b", " ", text))


def is_benign_fragment(text: str, ids: set[str], inner: bool) -> bool:
    """Words on a notice's own lines that scancode's notice rule does not hold (docs/licensing.md,
    "Residue rule", words beside a notice). Inside the notice (``inner``): a holder's name where the rule
    leaves one out (capitalised words, numbers, ``_GAP_WORDS``, or one word of any case that is not a
    party or a qualifier, ``_PARTY_WORDS``), with no word of ``FORBIDDEN``, or a copyright statement.
    Before or after it, on the same lines: a copyright statement, the licence's own title or URL, a pointer to the
    licence's own file, the words that lead into its name ("Distribution is permitted under the terms of
    the", ``_GRANT_LEAD``), or words holding no word of ``FORBIDDEN`` (a product's name and version, "See
    the AUTHORS file for names of contributors"); a term, a purpose or another licence's name is residue
    ("Licensed under the MIT license, except for military use")."""
    bare = strip_decoration(text).strip(" .,;:()[]-")
    label = re.match(r"(.{1,40}?):\s+", bare)
    if label and _SECTION_HEADING.fullmatch(label.group(1).strip("*_`# ")):
        bare = bare[label.end():]  # a section's label before its notice ("License: Any components of X")
    if not re.search(r"[^\W_]", bare):
        return True
    if inner:
        parts = [line for line in bare.splitlines() if not is_formatting(line)]
        if len(parts) > 1:  # a gap across lines (a holder's page, then its copyright line): line by line
            return all(is_benign_fragment(part, ids, inner) for part in parts)
        tokens = _TOKEN.findall(_EMAIL.sub(" ", URL.sub(" ", bare)))
        if is_copyright_statement(bare):
            return True
        if forbidden(bare):
            return False
        if len(tokens) == 1 and tokens[0].lower() not in _PARTY_WORDS:
            return True  # one name, whatever its case (a project's handle: "varlink")
        # capitalised words, camel-case names ("jQuery Masonry"), numbers and connectors
        return all(t[0].isupper() or t[0].isdigit() or t.lower() in _GAP_WORDS or re.match(r"[a-z]+[A-Z]", t)
                   for t in tokens)
    rest = URL.sub(lambda url: " " if is_own_title(url.group(0), ids) else url.group(0), bare)
    rest = re.sub(r"\bwritten\s+(?:in|for|with|by)\b", " ", rest, flags=re.I)  # "a library written in C"
    if unreadable(bare) and not is_copyright_statement(bare):
        return False  # words in a script the grammar does not read ("MIT License. 商用利用禁止")
    if re.search(r"[.;]\s+\S", bare):  # sentences apart ("JSZip is dual licensed. At your choice")
        return all(is_benign_fragment(part, ids, inner) for part in re.split(r"(?<=[.;])\s+", bare))
    if states_duty(bare):
        return False  # "Licensed under the MIT License. Credit the author in your product."
    return (not forbidden(rest) or is_lead(bare) or is_copyright_statement(bare) or is_own_title(bare, ids)
            or is_doc_tag(bare, ids) or is_licence_see(bare, ids) or is_licence_statement(bare, ids))


# --------------------------------------------------------------------------- notes

_H = r"(?P<holder>[^.;:]{1,120}?)"
# The lead into the main licence after parts named under other licences ("The rest of the project is
# released under this license:", ethereum-cryptography; ``scopes``): a scope note, and the end of the
# section above it.
REST_OF_PROJECT = re.compile(
    r"(?:the\s+)?(?:rest|remainder)\s+of\s+(?:the|this)\s+(?:project|package|repository|library|software|code(?:\s*base)?|"
    r"source\s+code)\s+(?:is|are)\s+(?:released|licensed|licenced|distributed|available)\s+under\s+(?:this|the\s+following|"
    r"the\s+(?:mit|apache(?:\s+2\.0)?|bsd|isc))(?:\s+licen[cs]e)?(?:\s+(?:below|as\s+follows))?\s*[.:]?", re.I)
# Third-party code as licence files name it: "third-party components", "bundled dependencies", "embedded C
# implementations", "externally maintained libraries" (the note patterns and ``is_heading``).
_THIRD = r"(?:third[- ]party|3rd[- ]party|bundled|embedded|vendored|externally\s+maintained|external)"
_COMPONENTS = (r"(?:components?|dependenc(?:y|ies)|librar(?:y|ies)|packages?|modules?|software|code|implementations?|"
               r"programs?|projects?)")
_WHOLE = r"(?:product|software|project|package|library|distribution|repository)"
# A pointer to the NOTICE file, which the build reads for the folder (docs/licensing.md, "Additional-terms
# files"): "refer to the separate legal notices governing such components at NOTICE file at the top level
# of the package", "see the NOTICE file".
_NOTICE_POINTER = (r"(?:please )?(?:refer to|see|are (?:listed|given|stated) in) (?:the )?(?:separate )?(?:legal )?(?:notices? "
                   r"(?:governing (?:such|these|those|the) (?:components|dependencies|libraries) )?(?:at|in) (?:the )?)?"
                   r"[`'\"]?(?P<needs>NOTICE(?:\.(?:txt|md))?)[`'\"]? file(?: (?:at|in) the (?:top level|root) of the (?:package|"
                   r"distribution|repository|project))?")
# A heading over the licences of third-party code (``is_heading``): "Third-Party Licenses", "Third party bundled
# dependencies", "3rd party code and data", "Licenses for 3rd-party code included in tsconfck". The licences
# below it are read as any others.
_THIRD_HEADING = re.compile(rf"(?:(?:licen[cs]es|notices|copyrights?)\s+(?:for|of)\s+)?(?:{_THIRD}\s+)+(?:{_COMPONENTS}|licen[cs]es|notices)"
                            rf"(?:\s+(?:and|&)\s+(?:data|licen[cs]es|notices|{_COMPONENTS}))?(?:\s+(?:included|bundled|used)\s+(?:in|by|with)\s+"
                            r"(?P<name>[\w.@/-]{1,60}))?", re.I)
# Thanks to those who wrote code the project took, then their names, one a line ("Special thank you to the
# authors of original C algorithms:", "- Colin Percival", hash-wasm): ``is_thanks``.
_THANKS = re.compile(r"(?:special\s+|many\s+|our\s+)?(?:thanks|thank\s+you|gratitude)\s+(?:goes\s+|go\s+)?to\s+"
                     r"(?P<who>[^:;.]{1,80}?)\s*:", re.I)


def is_thanks(lines: list[str]) -> bool:
    """A paragraph of thanks (``_THANKS``, whose words hold no word of ``FORBIDDEN``) followed by the names
    thanked, one a line, each a holder as a copyright statement names one (``_holder_ok``: names, e-mail
    addresses), with no word of ``FORBIDDEN`` and no command to the licensee (``states_a_duty``)."""
    texts = [strip_decoration(line).strip() for line in lines]
    found = _THANKS.fullmatch(texts[0]) if texts else None
    return bool(found and len(texts) > 1 and not forbidden(found.group("who"))
                and all(_holder_ok(name) and not forbidden(_EMAIL.sub(" ", name)) and not states_a_duty(name)
                        for name in (re.sub(r"^[-*\u2022]\s*", "", t) for t in texts[1:])))


NOTE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I))
    for name, pattern in (
        ("attribution", r"this (?:software|project|library) consists of voluntary contributions made by many "
                        r"individuals\.?(?: for exact contribution history,? see the revision history(?: and logs)?,? "
                        r"available at \S+?\s*\.?)?"),
        ("attribution", rf"this product includes software developed (?:by|at) {_H}\s*(?:\(\S+\))?\.?"),
        ("attribution", rf"(?:written|created|developed|maintained) by {_H}\.?"),
        # The end of an attribution whose first line scancode matched ("This software was contributed to
        # the Internet Software Consortium / by Brian Murrell."), and "To learn more about X, see <url>".
        ("attribution", rf"by {_H}(?: in cooperation with (?P<what>[^;:]{{1,120}}?))?\.?"),
        ("attribution", r"(?P<what>(?:by [^;:]{1,120}? in cooperation with [^;:]{1,120}?\.\s*)?"
                        r"(?:to learn more about [^;:]{1,80}?,? see\s+\S+\s*)+)"),
        # Where to find a project and who owns its name: "Visit <url> and <url> for support and download.",
        # "See <url> for more information about X", "See <url> for details", "... for more info." (a page
        # whose address names no term or licence), "ScanCode is a trademark of nexB Inc." (a trademark
        # note is neutral: the licence grants no trademark).
        ("attribution", r"(?:visit|see)\s+(?P<where>\S+(?:\s+and\s+\S+)?)\s+for\s+(?:support(?:\s+(?:and|or)\s+downloads?)?|"
                        r"downloads?|documentation|(?:more\s+)?details|"
                        r"(?:more\s+)?(?:information|info)(?:\s+about\s+(?P<what>[\w .'-]{1,60}?))?)\.?"),
        ("attribution", rf"(?P<what>[\w .'-]{{1,60}}?) is a (?:registered )?trademark of {_H}\.?"),
        # Where the original code lives: "Find the source code at https://github.com/acornjs/acorn-bigint.",
        # "For the original source code please see https://github.com/prometheusresearch-archive/react-grid".
        ("attribution", r"(?:(?:find|get|see) the (?:original )?source(?: code)? (?:at|on|in)|for the original source(?: code)?,? "
                        r"(?:please )?see) (?P<where>\S+?)\.?"),
        # Where the list of those who wrote the code is kept: "The complete list of contributors can be
        # found at: <url>".
        ("attribution", r"(?:the )?(?:complete |full )?list of (?:all )?(?:the )?(?:contributors|authors|maintainers|"
                        r"copyright holders) (?:can be found|is (?:available|kept|maintained)) (?:at|in|on):?\s*"
                        r"(?P<where>\S+)?\.?"),
        ("attribution", r"(?:the )?(?:`(?P<quoted>[\w.@/-]{1,40})` |(?P<what>[\w.-]{1,40} ))?(?:team members|contributors|authors|maintainers) (?:are )?"
                        r"listed (?:at|in) (?P<where>\S+)"
                        r"(?: and in (?:the )?[\w.-]+(?: file)?)?\.?"),
        # Thanks to those who wrote the code: "Microsoft Open Technologies would like to thank its
        # contributors, a list of whom are at http://rx.codeplex.com/wikipage?title=Contributors."
        ("attribution", rf"{_H} would like to thank (?:its|their|our|all(?: of)?(?: its| their| our)?) contributors"
                        r"(?:,? a list of whom (?:is|are) (?:at|in) (?P<where>\S+?))?\.?"),
        # The end of a list of holders: "and others that have contributed code to the public domain."
        ("attribution", r"and (?:many )?others (?:that|who) have contributed(?: code)?(?: to (?:it|this project|the public domain))?\.?"),
        ("scope", r"the following licen[cs]e applies to all parts of this software except as documented below:?"),
        ("scope", REST_OF_PROJECT.pattern),
        # "Portions of mypy and mypyc are licensed under different licenses.": the parts are named below.
        ("scope", r"(?:some )?(?:portions|parts) of (?P<what>[\w.@/ -]{1,60}?) are licensed under (?:different|other|"
                  r"separate|their own) licen[cs]es\.?"),
        # Node.js's own words for the parts of a project its licence covers, and the lead into the licence of
        # a library it bundles: "This license applies to all parts of utf-8-validate that are not externally
        # maintained libraries.", "The externally maintained is_utf8 library used by utf-8-validate,
        # located at deps/is_utf8, is licensed as follows:" (the licence that follows is read as any other).
        ("scope", r"(?:this|the(?: (?P<name>[\w.@/-]{1,60}))?) licen[cs]e applies to all parts of (?P<what>[\w.@/-]{1,60}) that "
                  r"are not externally maintained librar(?:y|ies)\.?"),
        ("scope", r"the externally maintained (?P<what>[\w.@/-]{1,60}) librar(?:y|ies) used by (?P<name>[\w.@/-]{1,60}),? "
                  r"located at (?P<where>[\w./*-]{1,80}),? (?:is|are) licensed as follows:?"),
        # The same as a list ("The Postject license applies to ...", "The externally maintained libraries
        # used by Postject are:", "- LIEF, located at vendor/LIEF, is licensed as follows:").
        ("scope", r"the externally maintained libraries used by (?P<name>[\w.@/-]{1,60}) are:?"),
        ("scope", r"(?P<what>[\w.@/-]{1,60}),? located at (?P<where>[\w./*-]{1,80}),? (?:is|are) licensed as follows:?"),
        # Which files the licence below covers, as a Debian copyright file writes it: "Files: Everything
        # except for the benchmarks/*.json files.", "File: benchmarks/64KB-min.json".
        ("scope", r"files?: (?:everything(?: except (?:for )?(?:the )?(?P<paths>(?:[\w.*-]*[/*.][\w./*-]*(?:,? (?:and )?)?)+)"
                  r"(?: files)?)?|(?P<list>[\w.*-]*[/*.][\w./*-]*(?:,? [\w.*-]*[/*.][\w./*-]*)*))\.?"),
        ("scope", r"copyright and related rights for sample code are waived via cc0\.? sample code is defined as "
                  r"all source code displayed within the prose of the documentation\.?"),
        ("scope", r"cc0:? https?://creativecommons\.org/publicdomain/zero/1\.0/?"),
        # Provenance: who the licensor is and where the code came from; no grant, no term. The first is the
        # statement employees put in personal repositories ("I am providing code in this repository to you
        # under an open source license. Because this is my personal repository, the license you receive to
        # my code is from me and not my employer"); the licence itself follows it.
        ("provenance", r"i am providing (?:the )?code(?: and resources)? in this repository to you under an open "
                       r"source licen[cs]e\.? because this is my personal repository,? the licen[cs]e you receive "
                       r"to my code(?: and resources)? is from me and not (?:from )?my employer(?: \((?P<holder>[^()]{1,80})\))?\.?"),
        ("provenance", r"no (?:source )?code (?:of|from) (?P<what>[\w ,'-]{1,80}?) (?:was|were|has been|have been) used "
                       r"(?:to create|to build|in) this (?:project|software|library|code ?base|repository)\.?"),
        ("provenance", rf"{_H} (?:has|have|holds?) the (?:full )?rights? to publish (?:the|this) (?:initial )?"
                       r"(?:code ?base|code|software|project|source code)\.?"),
        ("third_party", r"(?:all )?files located in the (?P<dirs>[\w./-]+(?:,? (?:and )?[\w./-]+)*) director(?:y|ies) are "
                        r"externally maintained libraries used by this software which have their own licen[cs]es;? "
                        r"we recommend you read them,? as their terms may differ from the terms above\.?"),
        # A folder under a licence of its own, in its own file (litellm: "Portions of this software are
        # licensed as follows:", "All content that resides under the "enterprise/" directory of this
        # repository, if that directory exists, is licensed under the license defined in
        # "enterprise/LICENSE"."): that folder inherits nothing; its own licence file decides it.
        ("scope", r"portions of this (?:software|project|repository|package|library) are licensed as follows:?"),
        # ... and the rest, under the permissive licence whose text follows (which decides it): "Content
        # outside of the above mentioned directories or restrictions above is available under the MIT
        # license as defined below."
        ("scope", r"content outside (?:of )?the above[- ]mentioned director(?:y|ies)(?: or restrictions above)? is "
                  r"(?:available|licensed) under the (?:mit|apache(?: 2\.0)?|bsd|isc)(?: licen[cs]e)?"
                  r"(?: as defined below| below)?\.?"),
        # Third-party code shipped with the project, and where its licences are stated: below, in a NOTICE
        # file, or in the files' own headers, each read by the build on its own (an address elsewhere is
        # not: the code's licence would go unread). Apache projects' appendix ("This product bundles various
        # third-party components under other open source licenses. This section summarizes those
        # components and their licenses."), Ionic's ("Third-party components, software, and/or libraries
        # (collectively, "components") are included under the licenses specified by their authors. For
        # information about these third-party licenses, refer to the separate legal notices governing such
        # components at NOTICE file at the top level of the package.", @stencil/core), hash-wasm's
        # ("Embedded C implementations might use other, similarly permissive licenses. Check the beginning
        # of the files from the /src directory."). Such a note ending with a colon is a copy lead
        # (``_COPY_LEADS``): a licence's copy must follow it.
        ("scope", rf"this (?:{_WHOLE}|binary distribution of (?P<name>[\w.@/-]{{1,60}}))(?: also)? (?:bundles|includes|contains|ships with|"
                  rf"embeds|vendors) (?:(?:various |some |several )?(?:{_THIRD} )+|the following (?:{_THIRD} )*){_COMPONENTS}(?: under (?:other|different|their own|"
                  rf"separate|various) (?:open[- ]source )?licen[cs]es)?\. (?:this section summari[sz]es (?:those|these|the) "
                  rf"{_COMPONENTS} and their licen[cs]es|the licen[cs]es (?:and copyright notices )?(?:of|for) (?:those|these|the) "
                  rf"{_COMPONENTS} (?:are|follow) (?:listed |reproduced |included |given )?below|{_NOTICE_POINTER})\.?"),
        ("scope", rf"(?:{_THIRD} )+{_COMPONENTS}(?:,? (?:and/or |and |or )?{_COMPONENTS})*(?: \(collectively,? [\"\u201c']?components"
                  rf"[\"\u201d']?\))? are (?:included|distributed|provided) under the licen[cs]es specified by their authors\.? "
                  rf"(?:for information about (?:these|those|the) (?:{_THIRD} )?licen[cs]es,? )?{_NOTICE_POINTER}\.?"),
        ("scope", rf"(?:{_THIRD} )+(?:[\w+#]{{1,12}} )?{_COMPONENTS} (?:might|may|can) (?:use|be under|be licensed under) (?:other|"
                  r"different)(?:,? similarly permissive)? licen[cs]es\.? (?:check|see) the (?:beginning|top|headers?) of the "
                  r"(?:source )?files (?:from|in|under) the [\w./-]{1,60} director(?:y|ies)\.?"),
        ("third_party", r"all content that resides under the [\"'`]?(?P<dirs>[\w.-]+(?:/[\w.-]+)*)/?[\"'`]? directory of this "
                        r"(?:repository|project|package),? (?:if that directory exists,? )?is licensed under the licen[cs]e "
                        r"defined in [\"'`]?(?P=dirs)/(?:LICEN[CS]E|COPYING)(?:\.\w{1,4})?[\"'`]?\.?"),
    )
)


# An attribution told in clauses (grammar rule 5): who wrote the code, for whom, with whom, under whose
# contract, and where to learn more about them ("This software was written for RadioMail Corporation by
# Ted Lemon under a contract with Vixie Enterprises. Further modifications have been made for the Internet
# Software Consortium under a contract with Vixie Laboratories."). Every word that is not a name, a URL or
# an e-mail address is one of these; none of them states a term.
_ATTRIBUTION_WORDS = frozenset(
    """this the a an software code file program library module package it has have had been was were is
    originally initially first later further subsequently written rewritten developed contributed created
    ported maintained modifications changes made for by as part of project in cooperation collaboration with
    under contract and to learn more about see at contains includes""".split()
)
# What each sentence of one does: a verb of authorship, or a clause that ends one ("by Ted Lemon, as part of
# a project for Nominum, Inc.", "under a contract with Vixie Enterprises.": the sentence's first words lie
# in scancode's match).
_ATTRIBUTION_CLAUSE = re.compile(
    r"(?i)\b(?:written|rewritten|developed|contributed|created|ported|maintained|modifications\s+have\s+been\s+made"
    r"|learn\s+more\s+about)\b|^\W*(?:by|for|under|with|in\s+cooperation|as\s+part)\s")


# What a work was derived from (grammar rule 5): "It is a derivative work of the Node.js project.", "This
# library is a fork of 'better-json-errors' by Kat Marchán, extended and distributed under the terms of
# the MIT license below.", "Note: This is a derivative work based on "node-fetch" by David Frank, modified
# and distributed under the terms of the MIT license above." The subject and the origin hold no word of
# ``FORBIDDEN``; a licence the sentence names must be the text's own (``is_own_title``).
_DERIVATION = re.compile(
    r"(?i)(?P<subject>[\w.' -]{1,40}?)\s+is\s+(?:a\s+|an\s+)?(?:[A-Z][\w+#.]*\s+)?(?:derivative\s+work|fork|porting|port|rewrite|"
    r"translation|modified\s+version|adaptation)\s+(?:based\s+on|of|from)\s*(?P<what>[^,;]{0,100}?)"
    r"(?:,?\s+(?:(?:extended|modified|adapted|ported|rewritten|changed)\s+and\s+)?(?:re)?(?:distributed|released|licensed|"
    r"published)\s+(?:under|according\s+to)\s+the\s+terms\s+of\s+(?P<title>[^,;]{1,60}?)(?:\s+(?:above|below))?)?\s*\.?"
)


# Where files came from (rule 5): "This file is from <url> with modifications by Jan Schär (jscissr).",
# "Some files from the tests folder are from joyent/node and mscedex/io.js, a fork of nodejs/io.js:",
# "Adapted from the Dijkstar Python project." (the subject in the sentence before).
_ORIGIN = re.compile(
    r"(?i)(?:(?P<subject>[\w.'`() -]{1,80}?)\s+)?(?:(?:is|are|was|were)\s+(?:(?:taken|copied|adapted|derived|extracted|generated|"
    r"forked|vendored|ported|borrowed)\s+)?|(?:taken|copied|adapted|derived|extracted|forked|vendored|ported|borrowed)\s+)from\b"
    r"(?P<what>(?:(?!,?\s+(?:with\s+(?:modifications|changes)|developed|written|created|maintained)\b)[^,;:]){0,120}?)(?:,\s+a\s+fork\s+of\s+(?P<fork>[^,;:]{1,60}?))?"
    r"(?:,?\s+with\s+(?:modifications|changes)\s+(?:made\s+)?by\s+(?P<by>[^.;:]{1,80}?))?"
    r"(?:,?\s+(?:developed|written|created|maintained)\s+by\s+(?P<dev>[^;:]{1,80}?))?"
    # its holder, and the licence it is under: the following one (then its text), or the file's own ("Portions
    # of this software are derived from the TypeScript project (<url>), Copyright (c) Microsoft Corporation,
    # licensed under the Apache License, Version 2.0.", temporal-spec, under Apache-2.0's notice)
    r"(?:,\s+copyright\s+(?:\(c\)\s+|\u00a9\s+)?(?P<holder>[^;:,]{1,80}?))?"
    r"(?:,?\s+(?:distributed|released|licensed)\s+under\s+(?:the\s+following\s+licen[cs]e|(?P<title>the\s+[^;:]{1,60}?)))?\s*[.:]?"
)
# What a work is based on: "based on bzip2.js - a small bzip2 decompression implementation", "Based on
# micro-bunzip by Rob Landley (rob@landley.net).", "Based on faker.js, copyright Marak Squires and
# contributor, what follows below is the original license." (a lead into the original's licence).
_BASED_ON = re.compile(
    r"(?i)(?:(?P<subject>[\w.'`() -]{1,60}?)\s+(?:(?:is|are|was|were)\s+)?)?(?:originally\s+|initially\s+)?based\s+on\s*"
    r"(?P<what>(?:(?!\s+by\s|,\s+copyright\s|,?\s+what\s+follows\s)[^;:]){0,120}?)(?:\s+by\s+(?P<by>[^;:]{1,80}?))?"
    r"(?:,\s+copyright\s+(?P<holder>[^;:,]{1,80}?))?"
    r"(?:,?\s+what\s+follows(?:\s+below)?\s+is\s+(?:the|its)\s+original\s+licen[cs]e)?\s*[.:]?"
)
# Changes merged in from another work: "Merged Buffer refactorings from base58-native by Stephen Pair"
# (@ethersproject/basex, between the copyright lines of each author).
_MERGED = re.compile(r"(?i)(?:merged|integrated|incorporated)\s+(?P<what>[\w .'-]{1,60}?)\s+from\s+(?P<origin>[\w.@/ -]{1,60}?)"
                     r"(?:\s+by\s+(?P<by>[^.;:]{1,80}?))?\s*\.?")
# What a work took from others: "faker.js was inspired by and has used data definitions from:", a list
# of sources and their copyright statements below it.
_INSPIRED = re.compile(r"(?i)(?P<subject>[\w.'`() -]{1,60}?)\s+(?:is|was|were)\s+inspired\s+by(?:\s+and\s+(?:has|have)\s+"
                       r"used\s+(?P<what>[\w ]{1,40}?)\s+from)?\s*(?P<origin>[^;:]{0,80}?)\s*[.:]?")
# What a work holds of another: "This project contains parts of Node.js."
_CONTAINS = re.compile(r"(?i)(?P<subject>(?:this|the)\s+(?:project|software|library|package|module|code))\s+contains\s+"
                       r"(?:(?:some\s+)?(?:parts|portions|code|files)\s+(?:of|from)\s+)(?P<what>[^;:]{1,80}?)\s*\.?")
# A lead into a list of copyright statements: "Unless stated otherwise all works are:".
_WORKS_ARE = re.compile(r"(?i)unless\s+(?:stated|noted|indicated|specified)\s+otherwise,?\s+all\s+(?P<subject>works|files|code)"
                        r"\s+(?:are|is)\s*:")
# A permission the author of code taken into the work gave its licensor ("This package contains code
# originally written by Isaac Z. Schlueter. Used with permission."): no term on the licensee.
_USED_WITH_PERMISSION = re.compile(r"(?i)used\s+with\s+(?:the\s+author'?s\s+)?permission\s*\.?")
# A lead into the licence text below it: "Node.js is licensed for use as follows:".
_AS_FOLLOWS = re.compile(r"(?i)(?P<subject>[\w.' -]{1,40}?)\s+is\s+licensed\s+(?:for\s+use\s+)?as\s+follows\s*:"
                         r"|(?:which|it)\s+is\s+licensed(?:\s+as\s+follows)?\s*:"  # "Which is licensed:"
                         r"|(?P<owner>[\w.' -]{1,40}?)'s\s+licen[cs]e\s+(?:follows|is\s+as\s+follows)\s*:"  # "Node's license follows:"
                         r"|(?:and\s+)?licensed\s+under\s*:")  # "and licensed under:", a list of the licence's names


def _is_origin(sentence: str, ids: set[str] = frozenset()) -> bool:
    """Where the code came from (``_ORIGIN`` and the patterns beside it); a licence the sentence names must
    be one of ``ids``, the text's own (``is_own_title``)."""
    if _USED_WITH_PERMISSION.fullmatch(sentence.strip()):
        return True
    # an address read as a word ("the TypeScript project (<url>)"), unless its words name a term
    sentence = URL.sub(lambda url: url.group(0) if forbidden(url.group(0)) else "url", sentence)
    for pattern, most in ((_ORIGIN, 8), (_AS_FOLLOWS, 4), (_BASED_ON, 8), (_WORKS_ARE, 4), (_CONTAINS, 2),
                          (_INSPIRED, 4), (_MERGED, 0)):
        found = pattern.fullmatch(sentence.strip())
        if found is None:
            continue
        groups = found.groupdict()
        if groups.get("title") and not is_own_title(groups["title"], ids):
            continue
        if len(_TOKEN.findall(groups.get("subject") or "")) <= most and not any(
                forbidden(group) for name, group in groups.items() if group and name != "title") and (
                not groups.get("holder") or _holder_ok(groups["holder"])):
            return True
    return False


def _is_derivation(sentence: str, ids: set[str]) -> bool:
    if _is_origin(sentence, ids):
        return True
    found = _DERIVATION.fullmatch(sentence.strip())
    if found is None or len(_TOKEN.findall(found.group("subject"))) > 4:
        return False
    title = found.group("title")
    return (not forbidden(found.group("subject")) and not forbidden(found.group("what").replace('"', " "))
            and (title is None or is_own_title(title, ids)))


def is_attribution(text: str, ids: set[str] = frozenset()) -> bool:
    """Sentences that only say who wrote the code, for and with whom, what it was derived from
    (``_DERIVATION``), and where to learn more about them (``_ATTRIBUTION_WORDS`` and names): no term,
    purpose or licence word, whatever its case, but the text's own licence named as the derived work's."""
    text = " ".join(strip_decoration(line) for line in text.splitlines())
    text = _MD_LINK.sub(lambda link: link.group("text"), text)  # "[by Markus Kuhn](http://...)"
    text = _EMAIL.sub(" ", URL.sub(" ", text)).replace("``", " ").replace("''", " ")
    text = re.sub(r"[\w.*-]*/[\w./*-]*", " ", text)  # file paths ("tests/iojs/test.js", "joyent/node")
    text = re.sub(r"(?i)^\s*note\s*:\s*", "", text)  # "Note: This is a derivative work ..."
    # Sentences apart, not a name's initial ("Isaac Z. Schlueter").
    # Sentences apart, not a name's initial ("Isaac Z. Schlueter") or a company's suffix ("Yahoo! Inc. Postmile").
    sentences = [s for s in re.split(r"(?<=[.;:])(?<!\s[A-Z]\.)(?<!\bInc\.)(?<!\bLtd\.)(?<!\bCorp\.)(?<!\bCo\.)\s+",
                                     text.strip()) if re.search(r"[^\W_]", s)]
    if not sentences:
        return False
    # A clause that only opens with "for" ("for RadioMail Corporation") ends an attribution whose verb is
    # in another sentence; alone ("For Students And Teachers") it names a party, not an author.
    authored = any(_ATTRIBUTION_CLAUSE.search(re.sub(r"(?i)^\W*for\s", " ", s)) for s in sentences)
    for sentence in sentences:
        if _is_derivation(sentence, ids):
            continue
        if not _ATTRIBUTION_CLAUSE.search(sentence) or not authored:
            return False
        for token in _TOKEN.findall(_name_words(ORG_UNIT.sub(r"\1", sentence))):
            low = token.lower()
            if low in _ATTRIBUTION_WORDS:
                continue
            if low in FORBIDDEN or not (token[0].isupper() or token[0].isdigit()):
                return False
    return True


def _note(paragraph: str) -> tuple[str, re.Match[str]] | None:
    text = re.sub(r"\s+", " ", paragraph).strip()
    for name, pattern in NOTE_PATTERNS:
        found = pattern.fullmatch(text)
        if (found and ("holder" not in pattern.groupindex or _holder_ok(found.group("holder") or ""))
                and not any(name in pattern.groupindex and forbidden(found.group(name) or "")
                            for name in ("what", "where", "name"))):
            return name, found
    return None


def paragraphs(lines: list[str], indices: list[int]) -> list[list[int]]:
    """Runs of consecutive, non-formatting line numbers among ``indices``."""
    out: list[list[int]] = []
    for i in indices:
        if is_formatting(lines[i]):
            continue
        if out and out[-1][-1] == i - 1:
            out[-1].append(i)
        else:
            out.append([i])
    return out


def _record(residue: Residue, note: tuple[str, re.Match[str]], indices: list[int]) -> None:
    """Note the lines of a scope, third-party or provenance note (their licence words are not the code's)."""
    name, found = note
    if name in ("scope", "third_party", "provenance"):
        residue.scope_lines.update(indices)
    if name == "third_party":
        dirs = re.split(r",? (?:and )?|,", found.group("dirs"))
        residue.third_party += [d.strip("./") for d in dirs if d.strip("./")]
    if found.groupdict().get("needs"):
        residue.needs.append(found.group("needs"))


# A line that opens a copyright statement ("Copyright", "(c) 2020", "©"), decoration aside.
COPYRIGHT_LINE = re.compile(r"^\W*(?:copyright\b|\(c\)\s*\d|©)", re.I)
RIDER_OBJECTS = frozenset(
    """use used uses using usage software program library copy copies copying distribute distributed
    distributing distribution redistribute redistributed redistribution redistributions modify modified
    modification sell sold sale resell license licence licensed licensee licensor you your permission
    permitted purpose purposes train training model models dataset datasets rights terms conditions
    resale reselling resold sells selling rent rental lease sublicensing attribution credit credits
    acknowledgement acknowledgment students student individuals hobbyists hobby nonprofits charities
    schools universities members customers subscribers""".split()
)
# A duty stated as a command to the licensee ("Credit the author in your product.", "Keep the author's
# name in the about box.", "Ask permission before use."): a verb that is a term on its own, or one that is
# a term with what it asks for (credit, the author's name, a logo, a permission), first in its sentence
# ("Please" aside). A code comment's commands ("Keep the handlers sorted by name", "Include <stdio.h>")
# ask for none of them. Also the licence's reach narrowed to a use or a party ("Licensed for use on a single
# machine", "Only for open source projects").
_DUTY_VERBS = frozenset("credit acknowledge attribute cite".split())  # (and TERM_RIDER_WORDS: "register", "pay" ...)
_ASKING_VERBS = frozenset("keep retain include display give mention link show put ask obtain request seek get".split())
_ASKED = frozenset("""author authors author's authors' credit credits attribution acknowledgement acknowledgment
    logo branding permission approval consent""".split())
_NARROWED = re.compile(r"\blicen[cs]ed\s+(?:only\s+)?(?:for|to\s+(?:use|run|be\s+used))\b|"
                       r"\bonly\b.{0,40}\b(?:open|closed)[\s-]source\b|\b(?:open|closed)[\s-]source\b.{0,40}\bonly\b",
                       re.I | re.S)


def states_duty(sentence: str) -> bool:
    """True when ``sentence`` commands the licensee to do something a licence would ask (``_DUTY_VERBS``,
    ``_ASKING_VERBS`` with ``_ASKED``), or narrows the licence to a use or a party (``_NARROWED``)."""
    words = re.findall(r"[a-z']+", sentence.lower())
    while words and words[0] in ("please", "kindly", "you", "must", "should", "shall"):
        words = words[1:]
    if words and (words[0] in _DUTY_VERBS or (words[0] in _ASKING_VERBS and _ASKED & set(words[1:]))):
        return True
    return bool(_NARROWED.search(sentence))


def states_a_duty(text: str) -> bool:
    """``states_duty`` of any sentence of ``text`` ("MIT License. Ask permission before use.")."""
    return any(states_duty(sentence) for sentence in re.split(r"(?<=[.;!?])\s+", text.strip()) if sentence)


RIDER_WORDS = TERM_RIDER_WORDS | MODAL_RIDER_WORDS


def restricts(line: str) -> bool:
    """True when ``line`` carries a ``RIDER_WORDS`` word."""
    return any(w in RIDER_WORDS for w in re.findall(r"[a-z]+", line.lower()))


def rider_lines(lines: list[str], objects: frozenset[str] | None = None) -> list[str]:
    """Of residue ``lines`` (the lines around a file header's notice: its description, its provenance),
    the sentences that restrict, read whole across the lines: a ``TERM_RIDER_WORDS`` word, or a
    ``MODAL_RIDER_WORDS`` word with a ``RIDER_OBJECTS`` word in the same sentence, or a command to the
    licensee opening the sentence or one of its lines (``states_duty``). A line that opens with a field's
    label ("Requires: libxml2", "Distribution: Aleksey Sanin", as in an RPM spec), or a paragraph, starts
    a sentence of its own: fields are not wrapped prose. A rider's term word in another language
    (``FOREIGN_TERMS``) counts as a term word. ``objects``: the words that make a modal word a rider's
    (``RIDER_OBJECTS`` unless given)."""
    objects = RIDER_OBJECTS if objects is None else objects
    out = []
    for sentence in re.split(r"(?<=[.;!?])\s+|\n[^\S\n]*\n\s*|\n(?=[^\S\n]*[A-Z][\w-]{0,30}:\s)", "\n".join(lines)):
        words = set(re.findall(r"[a-z]+", sentence.lower()))
        if words & TERM_RIDER_WORDS or (words & MODAL_RIDER_WORDS and words & objects) or FOREIGN_TERMS.search(sentence) or any(
                states_duty(line) for line in sentence.split("\n")):
            out.append(" ".join(sentence.split()))
    return out


# Words by which a sentence speaks of the licensed work or its licensee ("This file may not be used ...",
# "You agree to cite ...").
WORK_WORDS = frozenset("software code file files program library source work you your licensee".split())
# A purpose a rider names that no term word does, training models on the work ("may not be used to train
# ..."); ML code's comments speak of training all the time, so it counts only with a negation or duty and
# a use.
TRAINING_WORDS = frozenset("train training trained".split())
_USE_WORDS = frozenset("use used uses using".split())
# A third mark: the work forbidden to some party ("The Software may not be used by any individual or legal
# entity that violates labor laws", anti-996's rider): the work named as licences name it (not "this code"
# or "this library", of which API comments say "must not be used by other threads"), a negated duty, and
# "used by".
_BARRED_PARTY = re.compile(r"\b(?:the|this)\s+(?:software|work|program)\s+(?:may|shall|must|can)"
                           r"\s*not\s+be\s+used\s+by\b", re.I)


def strict_rider_lines(lines: list[str]) -> list[str]:
    """Of ``lines`` outside a notice's own comment (the head's other comments), the sentences that state
    a term of the work's use (``rider_lines``) with every mark: a word that states a term on its own
    (``TERM_RIDER_WORDS``, a plural too) and a ``RIDER_OBJECTS`` word, or a ``TRAINING_WORDS`` word with
    a ``MODAL_RIDER_WORDS`` word and a use, or the work barred to a party ("The Software may not be used
    by ...", ``_BARRED_PARTY``); and always a ``WORK_WORDS`` word ("This file may not be used
    for military purposes", "You agree to cite ..."). Code comments say "For internal use only" of an
    API, "must be called before using" of a function and "You should not use this class directly", so
    fewer marks are no rider there."""
    out = []
    for sentence in rider_lines(lines):
        words = set(re.findall(r"[a-z]+", sentence.lower()))
        term = (words | {w[:-1] for w in words if w.endswith("s")}) & TERM_RIDER_WORDS and words & RIDER_OBJECTS
        training = words & TRAINING_WORDS and words & MODAL_RIDER_WORDS and words & _USE_WORDS
        if (term or training or _BARRED_PARTY.search(sentence)) and words & WORK_WORDS:
            out.append(sentence)
        elif words & _PURPOSE_TERMS and (words & RIDER_OBJECTS or "only" in words) or (
                words & _NEGATIONS and words & _SALE_WORDS):
            out.append(sentence)  # "Not for commercial use.", "Academic use only.", "Do not redistribute."
    return out


# The purposes a code comment never names of an API (unlike "internal", "personal", "evaluation" or
# "register"), and selling or passing the work on: with a use, "only", or a negation, a term even without
# the work named ("Not for commercial use." in a comment of its own above a file's notice).
_PURPOSE_TERMS = frozenset("commercial commercially noncommercial military academic educational peaceful evil "
                           "royalty royalties prohibit prohibited prohibits forbid forbidden".split())
_NEGATIONS = frozenset("not no never cannot don dont".split())
_SALE_WORDS = frozenset("sell resell resale reselling resold redistribute redistribution sublicense".split())


def inside_residue(lines: list[str]) -> list[str]:
    """Of residue ``lines`` found inside the line range of a scancode match that the verified copy does
    not hold (a title, a paragraph between the copyright line and the text): copyright lines, which are
    benign only as statements (rule 2), lines that carry any ``RIDER_WORDS`` word (``restricts``:
    stricter than ``rider_lines``), and commands to the licensee (``states_a_duty``: "MIT License. Ask
    permission before use." on the title's line). Titles and provenance there ("Intel Open Source
    License", "This software has been written for the Internet Software Consortium") are the words
    scancode's rule was matched over."""
    return [line for line in lines if restricts(line) or states_a_duty(strip_decoration(line)) or COPYRIGHT_LINE.match(line)
            or unreadable(line)]


# A Markdown badge: an image, optionally linked ("[![Build Status](<image>)](<page> "title")").
_BADGE = re.compile(r'\[?!\[(?P<alt>[^\]]{0,80})\]\([^)\s]+\)(?:\]\([^)\s]+(?:\s+"(?P<title>[^"]{0,80})")?\))?')


def is_badges(text: str) -> bool:
    """Markdown badges and nothing else (grammar rule 1), none whose alt text or title holds a word of
    ``FORBIDDEN`` ("[![License: CC BY-NC](...)](...)" stays residue)."""
    text = re.sub(r"\s+", " ", text).strip()
    return _BADGE.search(text) is not None and not strip_badges(text).strip()


def strip_badges(text: str) -> str:
    """``text`` without its Markdown badges whose alt text and title hold no word of ``FORBIDDEN`` (rule 1:
    a badge's addresses are an image's and a page's, "https://bitdeli.com/free")."""
    return _BADGE.sub(lambda m: " " if not forbidden(f"{m.group('alt')} {m.group('title') or ''}") else m.group(0), text)


def explain(lines: list[str], unexplained: list[int], ids: set[str]) -> Residue:
    """The residue of ``lines`` (a text split into lines) given the 0-based line numbers no licence
    explained and the SPDX ids the text was matched as."""
    residue = Residue()
    holders: list[frozenset[str]] = []  # the text's holder words, read once when a title needs them
    left = set(unexplained)
    listing = False  # the paragraph before was a copyright statement ending with ":" (holders follow)
    for paragraph in paragraphs(lines, unexplained):
        text = "\n".join(strip_decoration(lines[i]) for i in paragraph)
        if listing and _YEAR.match(text) and _holder_ok(text):
            continue  # "2009 [draft-0] IETF Trust <https://www.ietf.org/>, Kris Zyp ..." after "... are copyright (c):"
        listing = False
        if is_badges(text) or is_thanks([lines[i] for i in paragraph]):
            continue
        note = _note(text)
        if note is not None:
            _record(residue, note, paragraph)
            continue
        if is_copyright_statement(text):
            listing = text.rstrip().endswith(":")
            continue
        if unreadable(text) and FOREIGN_TERMS.search(text):  # a rider in another language ("仅限非商业用途")
            residue.lines += [strip_decoration(lines[i]) for i in paragraph if FOREIGN_TERMS.search(lines[i])]
            continue
        through, last = _through(lines, paragraph, left)
        note = _note(through) if through != text else None
        if note is not None:  # a note whose last sentence runs on into lines a licence explains
            _record(residue, note, paragraph)
            continue
        if is_attribution(text, ids) or is_attribution(through, ids) or (ids and is_licence_statement(text, ids)):
            continue
        if ids and _applies_to_copy(through, lines, last, left, ids):
            continue
        # Line by line: a copyright statement may be followed by its holder's continuation lines.
        in_statement = names_follow = False
        for i in paragraph:
            line = lines[i]
            if is_copyright_statement(line):
                in_statement = True
                names_follow = strip_decoration(line).rstrip().endswith(":")
                continue
            if in_statement and _holder_ok(strip_decoration(line)) and not re.search(r"[.:;]\s*\S", strip_decoration(line)):
                continue
            if names_follow and _names_listed(strip_decoration(line)):
                continue  # "Copyright (c) 2015-2020 zekesonxx/node-yggdrasil contributers:", then their names
            in_statement = names_follow = False
            note = _note(strip_decoration(line))
            if note is not None:
                _record(residue, note, [i])
                continue
            if is_attribution(line, ids):
                continue
            if (is_own_title(line, ids) or is_heading(line) or is_provenance(line) or is_licence_pointer(line, ids)
                    or is_licence_statement(line, ids) or is_licence_scope(line, ids) or is_doc_tag(line, ids) or is_directive(line)
                    or is_link_definition(strip_decoration(line))):
                continue
            if ids and is_tagline_line(line) and all(j in left or is_formatting(lines[j]) for j in range(i)):
                continue  # a project's tagline above everything a licence explains
            if ids and i + 1 < len(lines) and i + 1 not in left and is_lead(line):
                continue  # the words leading into the notice a licence explains on the next line
            if ids and _ends_a_pointer(lines, i, left, ids):
                continue
            if not holders:
                holders.append(_holder_words(lines))
            if is_holder_title(line, holders[0]):
                continue
            residue.lines.append(strip_decoration(line))
    return residue


# A scope note before a copy of the licence: "This license applies to parts of Node.js originating from the
# https://github.com/joyent/node repository:", then the copy.
_APPLIES_TO = re.compile(r"(?i)this\s+licen[cs]e\s+applies\s+to\s+(?P<what>(?:[^:]|:(?=\S)){1,160}?)\s*:")
# Other leads into the copy of a licence that covers code taken from elsewhere: "The `lib/node` directory
# borrows files from joyent/node which uses the following license:"; "`src/utils/join.js` contains the
# POSIX path normalisation from [path-browserify](<url>), which extracted it from Node.js."; "Some files
# in this codebase contain code from getsentry/sentry-python. In such cases it is explicitly stated in the
# file header. This license only applies to the relevant code in such cases."
_COPY_LEADS = (
    _APPLIES_TO,
    re.compile(r"(?i)(?P<subject>(?:[^:;.]|\.(?=\S)){1,80}?)\s+(?:borrows|takes|copies|includes|vendors)\s+(?:some\s+)?(?:files|code)\s+"
               r"from\s+(?P<what>[^\s:;,]{1,80}),?\s+which\s+(?:uses|is\s+(?:licensed\s+)?under)\s+the\s+following\s+"
               r"licen[cs]e\s*:"),
    re.compile(r"(?i)(?P<subject>(?:[^:;.]|\.(?=\S)){0,80}?)\s*contains\s+(?P<what>[^:;,]{1,80}?)\s+from\s+(?P<origin>[^:;,]{1,80}?)"
               r"(?:,\s+which\s+(?:extracted|took|copied|adapted|borrowed|derived)\s+it\s+from\s+(?P<first>[^:;,]{1,80}?))?\s*\."),
    # 'The "cache" module from werkzeug is licensed under a BSD-3 Clause license as is stated below:'
    # (Flask-Caching): the licence it names is the copy's own (``is_own_title``).
    re.compile(r"(?i)(?:the\s+)?[\"'`]?(?P<what>[\w.@/-]{1,60})[\"'`]?\s+(?:module|library|package|file|files|code|directory|folder)"
               r"\s+from\s+(?P<origin>[\w.@/-]{1,60})\s+is\s+licensed\s+under\s+(?:a|an|the)\s+(?P<title>[\w .-]{1,40}?)\s+"
               r"licen[cs]e\s+as\s+(?:is\s+)?(?:stated|shown|reproduced|included)\s+below\s*:"),
    # "This binary distribution of scikit-learn also bundles the following software:", right above a copy.
    re.compile(rf"(?i)this\s+(?:{_WHOLE}|binary\s+distribution\s+of\s+(?P<what>[\w.@/-]{{1,60}}))(?:\s+also)?\s+(?:bundles|includes|"
               rf"contains|ships\s+with|embeds|vendors)\s+(?:(?:various\s+|some\s+|several\s+)?(?:{_THIRD}\s+)+|the\s+following\s+"
               rf"(?:{_THIRD}\s+)*){_COMPONENTS}(?:\s+under\s+(?:other|different|their\s+own|separate|various)\s+(?:open[- ]source\s+)?"
               r"licen[cs]es)?\s*:"),
    # "chroma.js includes colors from colorbrewer2.org, which are released under the following license:"
    re.compile(r"(?i)(?P<subject>[\w.@/ -]{1,60}?)\s+(?:includes|contains|uses|bundles|embeds)\s+(?P<what>[^:;,]{1,80}?)\s+from\s+"
               r"(?P<origin>[^:;,]{1,80}?),?\s+which\s+(?:is|are)\s+(?:released|licensed|licenced|distributed|available)\s+"
               r"under\s+the\s+following\s+licen[cs]e\s*:"),
    # "Portions derived from vue-color require the following statement:" (apostrophe): the licence's own
    # condition, its notice kept, and the copy right below.
    re.compile(r"(?i)(?:portions|parts|code|files)\s+(?:derived|taken|copied|adapted|borrowed)\s+from\s+(?P<what>[\w.@/ -]{1,60}?)\s+"
               r"requires?\s+the\s+following\s+(?:statement|notice|copyright\s+notice|attribution)\s*:"),
    # "Some code has been taken from the scipy library whose licence is below." (lmfit)
    re.compile(r"(?i)(?:some\s+)?(?:code|files|parts|portions)\s+(?:has|have)\s+been\s+(?:taken|copied|adapted|borrowed|derived)"
               r"\s+from\s+(?:the\s+)?(?P<what>[\w.@/ -]{1,60}?)(?:\s+(?:library|project|package|module))?,?\s+whose\s+"
               r"licen[cs]e\s+is\s+(?:below|as\s+follows)\s*[.:]"),
    # "== dependency license: adm-zip ==" (node-stream-zip), right above that dependency's licence.
    re.compile(r"(?i)(?:bundled\s+|third[- ]party\s+)?dependency\s+licen[cs]e\s*:\s*(?P<what>[\w.@/-]{1,80})\s*=*"),
    # 'Third party library "@babel/types" bundled.' (untyped), right above that library's licence.
    re.compile(r"(?i)third[- ]party\s+(?:library|package|module|code)\s+[\"'`]?(?P<what>[\w.@/-]{1,80})[\"'`]?\s+"
               r"(?:is\s+)?(?:bundled|included|vendored)\s*\."),
    re.compile(r"(?i)(?:some\s+)?(?:files|parts|portions)\s+(?:in|of)\s+this\s+(?:codebase|code\s+base|project|repository|"
               r"package|library)\s+contains?\s+code\s+from\s+(?P<what>[^\s:;,]{1,80}?)\.\s+"
               r"(?:in\s+(?:such|these|those)\s+cases,?\s+)?it\s+is\s+(?:explicitly\s+|clearly\s+)?(?:stated|noted|marked|"
               r"indicated)\s+in\s+the\s+files?'?\s+headers?\.\s+this\s+licen[cs]e\s+(?:only\s+)?applies\s+(?:only\s+)?to\s+"
               r"(?:the\s+relevant|that|this|such)\s+code(?:\s+in\s+(?:such|these|those)\s+cases)?\s*\."),
)


def _applies_to_copy(text: str, lines: list[str], last: int, left: set[int], ids: set[str] = frozenset()) -> bool:
    """True when ``text`` (a paragraph ending at line ``last``) says which parts the licence copy right
    below it covers (``_COPY_LEADS``): the copy's first line that is neither formatting nor a copyright
    statement is one a licence explains, and the parts and places named hold no word of ``FORBIDDEN``."""
    text = _MD_LINK.sub(lambda link: link.group("text"), re.sub(r"\s+", " ", text).strip())
    found = next((m for m in (p.fullmatch(text) for p in _COPY_LEADS) if m), None)
    if found is None:
        return _component_lead(text) and _copy_below(lines, last, left, names=2)
    # a folder's name is no term ("the `internal/` subdirectory"); a licence named is the text's own
    title = found.groupdict().get("title")
    if title is not None and not is_own_title(f"{title} license", ids):
        return False
    if any(forbidden(_without_places(group))
           for name, group in found.groupdict().items() if group and name != "title"):
        return False
    return _copy_below(lines, last, left)


def _without_places(text: str) -> str:
    """``text`` without its addresses, code spans and paths (a folder's name is no term: "the `internal/`
    subdirectory")."""
    return re.sub(r"`[^`]*`|[\w.*-]*/[\w./*-]*", " ", URL.sub(" ", text))


def _copy_below(lines: list[str], last: int, left: set[int], names: int = 0) -> bool:
    """True when the first line below line ``last`` that is neither formatting, a copyright statement nor
    an address alone (the holder's home page under the copyright line) is one a licence explains; with
    ``names``, up to that many lines naming the component between ("- animate.css", "TweetNaCl.js":
    ``_COMPONENT_NAME``)."""
    for j in range(last + 1, len(lines)):
        text = strip_decoration(lines[j]).strip()
        if is_formatting(lines[j]) or is_copyright_statement(lines[j]) or URL.fullmatch(text):
            continue
        if names and j in left and _COMPONENT_NAME.fullmatch(text) and not forbidden(text):
            names -= 1
            continue
        return j not in left
    return False


# A component's name on a line of its own, a list item's or a heading's ("- animate.css", "TweetNaCl.js",
# "### rc-tree"): at most four words.
_COMPONENT_NAME = re.compile(r"(?:[-*\u2022]\s*)?[\w.@/+-]+(?:\s+[\w.@/+-]+){0,3}:?")
# A lead into the licences of code a project took from others, in its own words, when no lead above reads
# it ("This software includes code derived from other projects:", "The code implementation of the external
# library is referenced by DouyinFe are:"): one or two sentences, at most ``_LEAD_WORDS`` words, ending with
# a colon, right above a licence's copy (or a component's name and then its copy: ``_copy_below``). It
# states no term: no word of ``FORBIDDEN`` (a licence's name, a use, a purpose, a negation, a duty), no
# party (``_LEAD_PARTIES``, "for" an audience) and no command to the licensee; so "The following may only
# be used for non-commercial purposes:" and "For students:" above a copy stay residue.
_LEAD_WORDS = 30
_LEAD_PARTIES = _PARTY_WORDS - {"by", "from", "to", "with", "including", "for"}


def names_a_party(text: str) -> bool:
    """True when ``text`` names a party: a word of ``_LEAD_PARTIES`` ("staff", "customers"), or "for" and
    an audience (``_is_audience``: "for students", "for teachers")."""
    words = [w.lower() for w in _TOKEN.findall(text)]
    return bool(set(words) & _LEAD_PARTIES) or any(
        w == "for" and i + 1 < len(words) and _is_audience(words[i + 1]) for i, w in enumerate(words))


def _component_lead(text: str) -> bool:
    """True when ``text`` (a paragraph, Markdown links read as their text) is a lead into a taken
    component's licence (``_LEAD_WORDS``)."""
    bare = _without_places(text).strip()
    words = _TOKEN.findall(bare)
    if not bare.endswith(":") or not 3 <= len(words) <= _LEAD_WORDS or len(re.findall(r"[.;!?]\s", bare)) > 1:
        return False
    return not (forbidden(bare) or names_a_party(bare) or states_a_duty(bare) or unreadable(bare))


def _through(lines: list[str], paragraph: list[int], left: set[int]) -> tuple[str, int]:
    """A paragraph whose last sentence runs on into lines a licence explains ("This library is a fork of X,
    extended and / distributed under the terms of the MIT license below.", where scancode matched the
    second line as a notice), with those lines up to the end of that sentence, and its last line number;
    the paragraph alone when it ends its sentence."""
    out = [strip_decoration(lines[i]) for i in paragraph]
    j = paragraph[-1] + 1
    while out[-1] and out[-1][-1] not in ".;:!?" and j < len(lines) and j not in left and not is_formatting(lines[j]):
        out.append(strip_decoration(lines[j]))
        j += 1
    return "\n".join(out), j - 1


def _ends_a_pointer(lines: list[str], i: int, left: set[int], ids: set[str]) -> bool:
    """True when line ``i`` is the end of a sentence that the line above, which a licence explains, began,
    and that sentence points to the licence's own file ("... See the LICENSE file in the root of / this
    repository for complete details."): the sentence is read whole, across the line break."""
    if i == 0 or i - 1 in left or is_formatting(lines[i - 1]):
        return False
    before = re.split(r"(?<=[.;:!?])\s+", strip_decoration(lines[i - 1]).strip())[-1]
    if not before or before[-1] in ".;:!?":
        return False  # the line above ends its sentence: this line starts its own
    sentence = f"{before} {strip_decoration(lines[i]).strip()}"
    return is_licence_see(sentence, ids) or is_licence_pointer(sentence, ids)


def scope_only(lines: list[str], start: int, end: int) -> bool:
    """True when lines ``start``..``end`` (0-based, inclusive) are all formatting or scope-note lines.

    A note is read as the whole paragraph around the lines (a match may cover part of its sentences);
    any other words in that paragraph make the lines no note."""
    start, end = max(0, start), min(len(lines) - 1, end)
    first, last = start, end
    while first > 0 and not is_formatting(lines[first - 1]):
        first -= 1
    while last + 1 < len(lines) and not is_formatting(lines[last + 1]):
        last += 1
    # ``explain`` marks a line a scope note's only when a note pattern matches its paragraph or the line
    # itself: a line that neither matches cannot be one, and the whole grammar need not run (a licence
    # text's match, hundreds of lines in one paragraph, is read here for every span).
    noted = {i for paragraph in paragraphs(lines, list(range(first, last + 1)))
             if _note("\n".join(strip_decoration(lines[j]) for j in paragraph)) is not None for i in paragraph}
    if any(i not in noted and not is_formatting(lines[i]) and _note(strip_decoration(lines[i])) is None
           for i in range(start, end + 1)):
        return False
    found = explain(lines, list(range(first, last + 1)), set())
    return not found.lines and all(i in found.scope_lines or is_formatting(lines[i]) for i in range(start, end + 1))
