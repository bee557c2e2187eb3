"""Licence files that put named files or folders under another licence (file scopes).

Real projects' licence files often say that a few of their files, or one folder, came from elsewhere under
another licence, and give that licence's name or text right there; the rest of the project keeps the main
licence. Examples (docs/licensing.md, "File scopes"):

- mypy's runtime library (librt): "The files mypyc/lib-rt/pythonsupport.h, mypyc/lib-rt/getargs.c and
  mypyc/lib-rt/getargsfast.c are licensed under the PSF 2 License, reproduced below." followed by the PSF
  text, then "Files under lib-rt/base64 are licensed under the following license." and a BSD-2-Clause text;
- acorn-node: "The code in the `lib/bigint` folder is compiled from code licensed as MIT:", then the MIT
  text with its holder, below the package's Apache-2.0 notice; intl: "Contents of the `locale-data`
  directory are a modified form of the Unicode CLDR data found at <url>. It comes with the following
  license.", then the Unicode licence;
- ethereum-cryptography: "bip39-without-wordlist.js is based on bip39, which is released under the ISC
  license by Wei Lu and Daniel Cousens. Its complete license can be found here: <url>", then "The rest of
  the project is released under this license:" and the MIT text.

``scoped_sections(lines)`` finds such *leads* (``LEADS``, a fixed grammar: explicit file paths with an
extension, or folder paths, and a licence named or said to follow; no word of ``residue.FORBIDDEN`` but
the licence's name) and the lines each covers: from its lead to the line before the next lead, the next
"The rest of the project is released under this license:" (``residue.REST_OF_PROJECT``), or the
end of the text. The caller (``evidence.TextReader.read``) reads the main text without those lines and
each section apart. A section's reading must be clean (no residue, no unknown or failed reading), else the
text is read whole, as if it had no lead: a rider placed after a section is never confined to its files.

``matches(path, files, folders)`` says whether a file of the repository (its path relative to the licence
file's folder) is one a section names. Projects name files by their path in their own source tree, which
a published package may have moved ("mypyc/lib-rt/getargs.c" ships as "lib-rt/getargs.c"), so paths are
compared from their ends. The match only ever narrows: ``LicenseDetector.judge_file`` applies a section
only inside a folder whose own licence is permissive, so a file taken for a named one gets that licence
(kept or rejected by it) and never escapes a licence that rejects it.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass

from pipeline.licensing.residue import REST_OF_PROJECT, forbidden, is_holder, paragraphs, strip_decoration

# A file path as licence files name it: optional folders, a name with an extension or a glob
# ("mypyc/lib-rt/getargs.c", "`bip39-without-wordlist.js`", "benchmarks/*.json").
_FILE = r"`?(?:[\w@.*-]+/)*[\w@*-][\w@.*-]*\.[A-Za-z0-9*]{1,8}`?"
_FILES = rf"(?P<files>{_FILE}(?:\s*,\s*(?:and\s+)?{_FILE}|\s+and\s+{_FILE})*)"
_FOLDER = r"[\"'`]?[\w@.-]+(?:/[\w@.-]+)*/?[\"'`]?"
_FOLDERS = rf"(?P<folders>{_FOLDER}(?:\s*,\s*(?:and\s+)?{_FOLDER}|\s+and\s+{_FOLDER})*)"
# The licence a lead names: a few words before "license" ("the PSF 2 License", "the ISC license").
_LICENCE = r"(?:the\s+)?(?P<licence>[\w.+-]+(?:\s+[\w.+-]+){0,5}?\s+licen[cs]e(?:,?\s+version\s+[\d.]+)?)"
# ... or only its id or name ("licensed as MIT").
_NAMED = r"(?:the\s+)?(?P<licence>[\w.+-]+(?:\s+[\w.+-]+){0,3}?(?:\s+licen[cs]e)?)"
_UNDER = r"(?:is|are)\s+(?:licensed|licenced|released|distributed|available|provided)\s+under\s+(?:the\s+terms\s+of\s+)?"
# What follows the licence's name when its text comes below: ", reproduced below", " as follows".
_BELOW = r"(?:,?\s+(?:(?:as\s+)?(?:reproduced|included|quoted|copied|set\s+out)\s+)?(?:below|as\s+follows))?"
# A sentence before a lead that only says some parts are under other licences ("Portions of mypy and
# mypyc are licensed under different licenses.").
_PORTIONS = r"(?:(?:some\s+)?(?:portions|parts)\s+of\s+(?P<what>[\w.@/ -]{1,60}?)\s+are\s+licensed\s+under\s+" \
            r"(?:different|other|separate|their\s+own)\s+licen[cs]es\.\s+)?"

LEADS: tuple[re.Pattern[str], ...] = tuple(re.compile(p, re.I) for p in (
    # "The files a.h, b.c and c.c are licensed under the PSF 2 License, reproduced below."
    rf"{_PORTIONS}(?:the\s+)?(?:files?\s+)?{_FILES}\s+{_UNDER}{_LICENCE}{_BELOW}\s*[.:]?",
    # "Files under lib-rt/base64 are licensed under the following license."
    rf"{_PORTIONS}(?:all\s+)?(?:the\s+)?files\s+(?:under|in|within)\s+(?:the\s+)?{_FOLDERS}(?:\s+(?:director(?:y|ies)|folders?))?"
    rf"\s+{_UNDER}(?:the\s+following\s+licen[cs]e|{_LICENCE}{_BELOW})\s*[.:]?",
    # "The code in the `lib/bigint` folder is compiled from code licensed as MIT:", "The code in the
    # `lib/dynamic-import` folder is licensed as MIT:" (acorn-node)
    rf"(?:the\s+)?(?:code|files|sources?)\s+(?:in|under|within)\s+(?:the\s+)?{_FOLDERS}(?:\s+(?:director(?:y|ies)|folders?))?"
    rf"\s+(?:is|are)\s+(?:(?:compiled|built|generated|derived|adapted|taken|copied|ported)\s+from\s+(?:code|sources?)\s+)?"
    rf"(?:licensed|released|distributed)\s+(?:as|under)\s+{_NAMED}\s*[.:]?",
    # "Contents of the `locale-data` directory are a modified form of the Unicode CLDR data found at
    # http://www.unicode.org/cldr/data/.  It comes with the following license." (intl)
    rf"(?:the\s+)?contents\s+of\s+(?:the\s+)?{_FOLDERS}\s+(?:director(?:y|ies)|folders?)\s+(?:is|are)\s+(?:a\s+)?"
    r"(?:modified\s+(?:form|version)|copy|derivative)\s+of\s+(?P<origin>[\w.@/ -]{1,80}?)(?:\s+found\s+at\s+\S+?)?\.\s+"
    r"(?:it|they)\s+comes?\s+with\s+the\s+following\s+licen[cs]e\s*[.:]?",
    # "bip39-without-wordlist.js is based on bip39, which is released under the ISC license by Wei Lu and
    # Daniel Cousens. Its complete license can be found here: <url>"
    rf"{_FILES}\s+(?:is|are)\s+(?:based\s+on|derived\s+from|adapted\s+from|a\s+fork\s+of)\s+(?P<origin>[\w.@/ -]{{1,60}}?),?\s+"
    rf"which\s+{_UNDER}{_LICENCE}(?:\s+by\s+(?P<holder>[^.;:]{{1,120}}?))?\s*\."
    r"(?:\s+its\s+(?:licen[cs]e\s+)?(?:complete\s+|full\s+)?licen[cs]e(?:\s+text)?\s+(?:can\s+be\s+found|is)\s+"
    r"(?:here|at)\s*:?\s*(?P<url>\S+?)\.?)?",
))


@dataclass(frozen=True)
class Section:
    """Lines ``start``..``end`` (0-based, inclusive) of a licence file that cover ``files`` and
    ``folders`` only: the lead is lines ``start``..``body - 1``, the text below it the rest."""

    start: int
    body: int
    end: int
    files: tuple[str, ...]
    folders: tuple[str, ...]
    licence: str | None  # the licence the lead names (None: "the following license")
    lead: str

    def to_dict(self) -> dict:
        return {"files": list(self.files), "folders": list(self.folders), "lead": self.lead[:200]}


def _paths(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", text)
    return tuple(p.strip("`\"' ").rstrip("/") for p in parts if p.strip("`\"' /"))


def _lead(paragraph: str) -> re.Match[str] | None:
    """The lead ``paragraph`` is (whitespace collapsed, decoration stripped), when nothing in it but the
    licence's name, the paths and the origin's holder states a term."""
    for pattern in LEADS:
        found = pattern.fullmatch(paragraph)
        if found is None:
            continue
        groups = found.groupdict()
        if any(forbidden(groups.get(name) or "") for name in ("what", "origin")):
            continue
        if groups.get("holder") and not is_holder(groups["holder"]):
            continue
        return found
    return None


def scoped_sections(lines: list[str]) -> list[Section]:
    """The sections of a licence file's ``lines`` that name files or folders under another licence."""
    marks: list[tuple[int, int, re.Match[str] | None]] = []  # (first, last, lead or None for REST)
    for paragraph in paragraphs(lines, list(range(len(lines)))):
        first, last = paragraph[0], paragraph[-1]
        text = re.sub(r"\s+", " ", " ".join(strip_decoration(lines[i]) for i in range(first, last + 1))).strip()
        if len(text) > 600:
            continue
        found = _lead(text)
        if found is not None:
            marks.append((first, last, found))
        elif REST_OF_PROJECT.fullmatch(text):
            marks.append((first, last, None))
    sections = []
    for n, (first, last, found) in enumerate(marks):
        if found is None:
            continue
        end = marks[n + 1][0] - 1 if n + 1 < len(marks) else len(lines) - 1
        groups = found.groupdict()
        sections.append(Section(first, last + 1, end, _paths(groups.get("files")), _paths(groups.get("folders")),
                                groups.get("licence"), re.sub(r"\s+", " ", found.group(0)).strip()))
    return sections


def _tail_match(target: list[str], path: list[str]) -> bool:
    """True when the shorter of the two component lists matches the other's end, part by part (globs)."""
    n = min(len(target), len(path))
    return n > 0 and all(fnmatch.fnmatchcase(p, t) for t, p in zip(target[-n:], path[-n:], strict=True))


def matches(rel: str, files: list[str], folders: list[str]) -> bool:
    """True when ``rel`` (a file's path relative to the licence file's folder) is a file a section names,
    or lies in a folder it names; paths compared from their ends (module docstring)."""
    parts = rel.split("/")
    if any(_tail_match(f.split("/"), parts) for f in files):
        return True
    dirs = parts[:-1]
    for folder in folders:
        target = folder.split("/")
        # the folder anywhere in the file's folders, or the file's folders the end of the named path
        if any(_tail_match(target, dirs[:j]) for j in range(1, len(dirs) + 1)):
            return True
    return False
