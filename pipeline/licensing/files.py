"""Which files of a repository say something about its licence, and what their fields say.

Plain functions, no Beam, no scancode:

- ``license_file_kind(path)``: ``license`` (LICENSE*, LICENCE*, COPYING*, NOTICE*, UNLICENSE, PATENTS,
  ADDITIONAL_TERMS, COMMONS_CLAUSE, MIT-LICENSE and the like, EULA, files under a ``LICENSES/`` folder), ``manifest`` (package.json, pyproject.toml, setup.cfg, PKG-INFO,
  METADATA, Cargo.toml, *.gemspec, pom.xml, composer.json, *.nuspec, DESCRIPTION), ``readme`` or None;
- ``license_folder(path)``: the folder a licence file governs (``LICENSES/`` governs its parent);
- ``manifest_license_fields(path, text)``: the declared licence strings of a manifest; what it writes
  beside them: a POM's ``<comments>`` and ``<url>``, the comments on a declaration
  (``manifest_licence_comments``);
- ``readme_license_section(text)``: the text of a README's "License" section;
- ``header_has_license_keywords`` / ``spdx_identifiers``: the cheap prefilter on a file's head;
- ``folder_chain`` / ``nearest_folder``: folder inheritance (a vendored subfolder's own LICENSE wins).
"""

from __future__ import annotations

import json
import posixpath
import re
from email.parser import HeaderParser
from typing import NamedTuple

from lxml import etree

from pipeline.algorithms.languages import language_for

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: tomli is the same parser
    import tomli as tomllib

# Licence files and additional-terms files (read as licence-bearing for their folder: their terms join
# the folder's expression, or are residue): PATENTS (a patent grant or rider), ADDITIONAL_TERMS, a Commons
# Clause, NOTICE, and every LICENSE-*/LICENSE.* variant.
_LICENSE_STEMS = ("license", "licence", "copying", "notice", "unlicense", "copyright", "patent", "patents",
                  "additional_terms", "additional-terms", "commons_clause", "commons-clause", "commonsclause")
# A licence file named by its licence ("MIT-LICENSE", jQuery's "GPL-LICENSE.txt", "APACHE-LICENSE-2.0.txt",
# "BSD-COPYING") and an end-user licence agreement ("EULA", "eula.txt"): licence files licensee finds by
# name (``FILENAME_REGEXES``: "MIT-LICENSE-MIT",
# https://github.com/licensee/licensee/blob/main/lib/licensee/project_files/license_file.rb) and "legal"
# files scancode-toolkit classifies by their names' ends (``LEGAL_STARTS_ENDS`` in
# src/summarycode/classify.py). Only a licence family's name before the word: "<part>-LICENSE" files
# ("newlib_license_33.txt") hold a part's heading over its licence, which the residue grammar does not
# explain, and a part's licence is read where the part lies (its folder's licence file, its headers);
# "Contributor_License_Agreement.md" is about licences, not one.
_LICENSE_BY_NAME = re.compile(
    r"^(?:mit|x11|isc|0?bsd|apache|a?gpl|lgpl|mpl|epl|cddl|eupl|zlib|boost|bsl|psf|python|artistic|ofl|"
    r"cc0?|cc-by[a-z-]*|wtfpl|unlicense|json|openssl|ms-?[pr]l|ncsa|upl)(?:[-_. ]?v?\d+(?:\.\d+)*)?"
    r"[-_. ](?:licen[cs]es?|copying)(?:[-_. ]v?\d+(?:\.\d+)*)?$|^eula(?:$|[-_. ])"
)
# A licence-named file that the language table calls code or data ("license.py", "licenses.json",
# "license-checker.tsx") is code about licences, not a licence; text and markup ones are licences.
_LICENSE_TEXT_LANGS = {None, "markdown", "restructuredtext", "html", "tex"}
_DATA_EXT = {
    ".json",
    ".csv",
    ".tsv",
    ".lock",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".svg",
    ".ico",
    ".pdf",
    ".pyc",
    ".so",
    ".dll",
    ".class",
    ".jar",
    ".zip",
    ".gz",
    ".tar",
    ".bin",
    ".dat",
    ".db",
}
_MANIFEST_NAMES = {
    "package.json",
    "pyproject.toml",
    "setup.cfg",
    "pkg-info",
    "metadata",
    "cargo.toml",
    "pom.xml",
    "composer.json",
    "description",
    "bower.json",
    "setup.py",
}
# A Maven repository holds each artifact's POM as ``<artifactId>-<version>.pom`` (Maven, "Repository
# Layout": https://maven.apache.org/repository/layout.html), the same document as a project's pom.xml.
_MANIFEST_EXT = (".gemspec", ".nuspec", ".pom")
_README_RE = re.compile(r"^readme(\.[a-z0-9]+)?$", re.I)

# Keywords whose presence in a file's head sends it to the header detector.
HEADER_KEYWORDS = re.compile(
    r"licen[cs]e|copyright|spdx-license-identifier|\bgpl\b|\blgpl\b|\bagpl\b|gnu general public|"
    r"permission is hereby granted|redistribution and use|public domain|all rights reserved|\(c\)|©",
    re.I,
)
_SPDX_ID_RE = re.compile(r"SPDX-License-Identifier:\s*([^\n\r*]+?)\s*(?:\*/|-->|#}|\"\"\"|'''|$)", re.M)


def _name(path: str) -> str:
    return posixpath.basename(path)


def _is_text_name(name: str) -> bool:
    ext = posixpath.splitext(name.lower())[1]
    return language_for(name) in _LICENSE_TEXT_LANGS and ext not in _DATA_EXT


def license_file_kind(path: str) -> str | None:
    """``license`` | ``manifest`` | ``readme`` | None for a repository-relative path."""
    name = _name(path)
    low = name.lower()
    parts = path.lower().split("/")
    if ("licenses" in parts[:-1] or "licences" in parts[:-1]) and _is_text_name(name):
        return "license"
    stem, ext = posixpath.splitext(low)
    if ext in (".license", ".licence") and stem and not re.search(r"\.[a-z][a-z0-9]{0,5}$", stem):
        # "apache-2.0.LICENSE": a licence named by its key (scancode's licence files); not a REUSE sidecar
        # ("logo.png.license" holds the licence of logo.png, REUSE 3.3, "Comment headers").
        return "license"
    if (
        any(stem in (s, s + "s") or stem.startswith((s + "-", s + "_", s + ".", s + " ")) for s in _LICENSE_STEMS)
        or _LICENSE_BY_NAME.search(stem)
    ) and _is_text_name(name):
        return "license"
    if low in _MANIFEST_NAMES or low.endswith(_MANIFEST_EXT):
        return "manifest"
    if _README_RE.match(name):
        return "readme"
    return None


def names_a_licence(path: str) -> bool:
    """A licence file proper by its name (``LICENSE*``, ``COPYING*``, ``UNLICENSE``, ``MIT-LICENSE``,
    ``EULA``), not an additional-terms or notice file: words in it that nothing names are an unknown
    licence, not residue."""
    stem = posixpath.splitext(_name(path).lower())[0]
    return stem.startswith(("license", "licence", "copying", "unlicense")) or bool(_LICENSE_BY_NAME.search(stem))


def license_folder(path: str) -> str:
    """The folder whose files a licence file governs ('' is the repository root)."""
    parts = path.split("/")[:-1]
    for i, part in enumerate(parts):
        if part.lower() in ("licenses", "licences"):
            return "/".join(parts[:i])
    return "/".join(parts)


def folder_chain(path: str) -> list[str]:
    """Folders a file inherits a licence from, nearest first: ``a/b/x.py`` -> ['a/b', 'a', '']."""
    parts = path.split("/")[:-1]
    return ["/".join(parts[:i]) for i in range(len(parts), -1, -1)]


def nearest_folder(path: str, folders: set[str] | dict) -> str | None:
    """The nearest folder above ``path`` that has its own licence decision (None when none)."""
    for folder in folder_chain(path):
        if folder in folders:
            return folder
    return None


# ----------------------------------------------------------------------------- manifests


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):  # package.json's old {"type": "MIT", "url": ...}; pyproject {text=...}
        return _as_list(value.get("type") or value.get("text") or value.get("name"))
    if isinstance(value, list):
        return [s for item in value for s in _as_list(item)]
    return []


def _json_fields(text: str) -> list[str]:
    data = json.loads(text)
    if not isinstance(data, dict):
        return []
    return _as_list(data.get("license")) + _as_list(data.get("licenses"))


# A manifest field that points at the file holding the licence instead of naming it (npm's "SEE LICENSE IN
# <file>", PEP 621's ``license = {file = ...}``, PEP 639's ``license-files``, core metadata's
# ``License-File``, setuptools' ``license_files``, Cargo's ``license-file``): written as this prefix and
# the file's path, for ``manifest_license_fields`` to keep or drop.
POINTER = "SEE LICENSE IN "


def _pointers(value) -> list[str]:
    return [f"{POINTER}{name.strip()}" for name in _as_list(value) if name.strip()]


def _pyproject_fields(text: str) -> list[str]:
    data = tomllib.loads(text)
    project = data.get("project") or {}
    poetry = (data.get("tool") or {}).get("poetry") or {}
    lic = project.get("license")
    pointers = _pointers(project.get("license-files"))
    if isinstance(lic, dict) and "file" in lic and "text" not in lic:
        pointers += _pointers(lic["file"])
        lic = None
    fields = _as_list(lic) + _as_list(poetry.get("license")) + pointers
    return fields + [c for c in project.get("classifiers") or [] if c.startswith("License ::")]


def _cargo_fields(text: str) -> list[str]:
    data = tomllib.loads(text)
    package = data.get("package") or {}
    return _as_list(package.get("license")) + _pointers(package.get("license-file"))


def _setup_cfg_fields(text: str) -> list[str]:
    import configparser

    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.read_string(text)
    if not parser.has_section("metadata"):
        return []
    out = [
        parser.get("metadata", k)
        for k in ("license", "license_expression")
        if parser.has_option("metadata", k)
    ] + [pointer for k in ("license_file", "license_files") if parser.has_option("metadata", k)
         for pointer in _pointers(re.split(r"[\s,]+", parser.get("metadata", k)))]
    classifiers = parser.get("metadata", "classifiers", fallback="")
    return out + [c.strip() for c in classifiers.splitlines() if c.strip().startswith("License ::")]


def _pkg_info_fields(text: str) -> list[str]:
    msg = HeaderParser().parsestr(text, headersonly=True)
    expression = msg.get("License-Expression")
    pointers = _pointers(msg.get_all("License-File"))
    if expression:
        return [expression, *pointers]
    out: list[str] = []
    lic = msg.get("License")
    if lic and lic.strip() and lic.strip().upper() != "UNKNOWN" and len(lic) < 200:
        out.append(lic.strip())  # long License: fields hold a whole text; the licence file carries it
    return out + [c for c in msg.get_all("Classifier") or [] if c.startswith("License ::")] + pointers


def _pom_licence_texts(text: str, field: str) -> list[str]:
    """The ``field`` (``name``, ``comments``) of each ``<licenses><license>`` of a POM (Maven, "POM
    Reference", Licenses: https://maven.apache.org/pom.html#Licenses)."""
    root = etree.fromstring(text.encode(), parser=etree.XMLParser(resolve_entities=False, no_network=True))
    return [
        n.text.strip()
        for n in root.iter(f"{{*}}{field}", field)
        if n.getparent() is not None and etree.QName(n.getparent()).localname == "license" and n.text
    ]


def _pom_fields(text: str) -> list[str]:
    return _pom_licence_texts(text, "name")


def _ruby_fields(text: str) -> list[str]:
    out = re.findall(r"\.licenses?\s*=\s*\[?\s*((?:['\"][^'\"]+['\"]\s*,?\s*)+)\]?", text)
    return [s for group in out for s in re.findall(r"['\"]([^'\"]+)['\"]", group)]


# What NuGet writes as ``licenseUrl`` beside a ``<license>`` element (the .nuspec reference, "licenseUrl":
# https://learn.microsoft.com/en-us/nuget/reference/nuspec#licenseurl): a placeholder, not a licence.
_NUGET_PLACEHOLDER_URL = "aka.ms/deprecatelicenseurl"


def _nuspec_fields(text: str) -> list[str]:
    """``<license type="expression">``; else ``<licenseUrl>`` (deprecated since NuGet 4.9, still the only
    declaration of most packages): a licence named by its URL, which scancode identifies when its rules
    know the address (a licence's own page, or a project's page scancode's authors looked up)."""
    root = etree.fromstring(text.encode(), parser=etree.XMLParser(resolve_entities=False, no_network=True))
    expressions = [n.text.strip() for n in root.iter("{*}license") if n.get("type") == "expression" and n.text]
    if expressions:
        return expressions
    urls = [n.text.strip() for n in root.iter("{*}licenseUrl") if n.text and n.text.strip()]
    return [url for url in urls if _NUGET_PLACEHOLDER_URL not in url.lower() and len(url) < 500]


def _description_fields(text: str) -> list[str]:
    """An R package's ``License:``, and ``License_restricts_use: yes`` as a value of its own: "Writing R
    Extensions", 1.1.2, lets a repository mark a licence that restricts use with it."""
    match = re.search(r"^License:\s*(.+)$", text, re.M)
    fields = [match.group(1).strip()] if match else []
    if re.search(r"^License_restricts_use:\s*yes\s*$", text, re.M | re.I):
        fields.append("License restricts use")
    return fields


def _setup_py_fields(text: str) -> list[str]:
    """``license="..."`` or ``'license': '...'`` (a literal; idna passes its arguments as a dict) and the
    ``License ::`` trove classifiers (read as setup.cfg's and PKG-INFO's are: requests declares
    ``license=about['__license__']`` and its classifier)."""
    return (re.findall(r"(?:\blicense\s*=|['\"]license['\"]\s*:)\s*['\"]([^'\"]{1,100})['\"]", text)
            + re.findall(r"['\"](License\s*::[^'\"\n]{1,150})['\"]", text))


_MANIFEST_READERS = {
    "package.json": _json_fields,
    "composer.json": _json_fields,
    "bower.json": _json_fields,
    "pyproject.toml": _pyproject_fields,
    "cargo.toml": _cargo_fields,
    "setup.cfg": _setup_cfg_fields,
    "pkg-info": _pkg_info_fields,
    "metadata": _pkg_info_fields,
    "pom.xml": _pom_fields,
    "description": _description_fields,
    "setup.py": _setup_py_fields,
}


def manifest_licence_notes(path: str, text: str) -> list[str]:
    """Words a manifest writes beside its declared licences, about them: a POM licence's ``<comments>``
    ("Additional information about the license"). They are part of the licence-bearing text, so the
    residue grammar reads them (docs/licensing.md, "Manifests"). Empty for an unreadable manifest (its
    fields say so)."""
    return _pom_licence_field(path, text, "comments")


def manifest_licence_urls(path: str, text: str) -> list[str]:
    """The addresses a POM gives its declared licences (``<url>``): where their terms are, so part of
    the licence-bearing text (an address with a term in it is read as one, ``evidence.term_urls``)."""
    return _pom_licence_field(path, text, "url")


# The lines that declare a licence in a manifest written as lines of keys, by its syntax: a TOML key
# ``license``/``license-files``/``license-file``, a ``[project.license]`` or ``[tool.poetry.license]``
# table, a trove classifier ``"License :: ..."`` (PEP 621, Cargo's "The Manifest Format", Poetry's
# pyproject section); a setup.cfg option ``license``/``license_expression``/``license_file(s)`` or a
# classifier line (setuptools' "Configuring setuptools using setup.cfg files"); setup.py's ``license=``
# argument or classifier string; a gemspec's ``.license =``/``.licenses =`` ("Specification Reference").
_DECLARATION = {
    "toml": re.compile(r"""^\s*["']?licen[cs]e[\w-]*["']?\s*=|^\s*\[\s*[\w.]*\blicen[cs]e\s*\]|["']License\s*::""", re.I),
    "ini": re.compile(r"^\s*licen[cs]e[\w-]*\s*[=:]|^\s+License\s*::", re.I),
    "python": re.compile(r"""\blicen[cs]e[\w-]*\s*=|['"]licen[cs]e[\w-]*['"]\s*:|['"]License\s*::""", re.I),
    "ruby": re.compile(r"\.licen[cs]es?\s*=", re.I),
}
_SYNTAX = {"pyproject.toml": "toml", "cargo.toml": "toml", "setup.cfg": "ini", "setup.py": "python"}
_HEADER_LINE = re.compile(r"^\s*\[")  # a TOML table header (or an array's line inside a value)
_TABLE_LINE = re.compile(r"^\s*\[\s*[\w.\"-]+\s*\]")  # the next TOML table starts
_INI_COMMENT = re.compile(r"^\s*[#;](.*)$")  # configparser's default comment prefixes, whole lines only


def _hash_comment(line: str) -> str | None:
    """The comment of a TOML, Python or Ruby line: what follows the first ``#`` outside a quoted string
    (None when there is none)."""
    quote, escaped = None, False
    for i, char in enumerate(line):
        if quote:
            if escaped:
                escaped = False
            elif char == "\\" and quote == '"':
                escaped = True
            elif char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "#":
            return line[i + 1:]
    return None


def _depth(line: str) -> int:
    """Brackets a line opens and does not close, outside strings and its comment (a value that goes on to
    the next lines: ``license-files = [`` ... ``]``)."""
    comment = _hash_comment(line)
    code = line if comment is None else line[: len(line) - len(comment) - 1]
    code = re.sub(r""""(?:[^"\\]|\\.)*"|'[^']*'""", "", code)
    return sum(code.count(c) for c in "[{(") - sum(code.count(c) for c in "]})")


def _declaration_lines(lines: list[str], syntax: str) -> set[int]:
    """0-based numbers of the lines of every licence declaration: the key's line, the lines its value
    goes on to (an open bracket; an INI value's indented continuation), a licence table's keys."""
    found: set[int] = set()
    pattern = _DECLARATION[syntax]
    for i, line in enumerate(lines):
        if not pattern.search(line) or (syntax == "ini" and _INI_COMMENT.match(line)):
            continue
        found.add(i)
        j, depth = i, _depth(line) if syntax != "ini" else 0
        table = syntax == "toml" and _HEADER_LINE.match(line) and not line.strip().startswith("[[")
        while j + 1 < len(lines):
            nxt = lines[j + 1]
            if table:
                if _TABLE_LINE.match(nxt):
                    break
            elif syntax == "ini":
                if not nxt.strip() or not nxt[0].isspace():
                    break
            elif depth <= 0:
                break
            j += 1
            found.add(j)
            depth += _depth(nxt) if syntax != "ini" else 0
    return found


def _line_comment(line: str, syntax: str) -> str | None:
    if syntax == "ini":
        whole = _INI_COMMENT.match(line)
        return whole.group(1) if whole else None  # "license = MIT  # ..." : the value holds it (configparser)
    return _hash_comment(line)


def _xml_licence_comments(text: str) -> list[str]:
    """The XML comments inside a POM's ``<licenses>`` or a .nuspec's ``<license>``/``<licenseUrl>``, and
    those written right before such an element."""
    root = etree.fromstring(text.encode(), parser=etree.XMLParser(resolve_entities=False, no_network=True))
    names = {"licenses", "license", "licenseUrl"}
    out = []
    for comment in root.iter(etree.Comment):
        inside = any(isinstance(a.tag, str) and etree.QName(a).localname in names for a in comment.iterancestors())
        following = comment.getnext()
        while following is not None and following.tag is etree.Comment:
            following = following.getnext()
        before = following is not None and isinstance(following.tag, str) and etree.QName(following).localname in names
        if (inside or before) and comment.text and comment.text.strip():
            out.append(comment.text.strip())
    return out


def _json_licence_comments(text: str) -> list[str]:
    """The ``"//"`` entries right before or after a JSON manifest's ``license``/``licenses`` key: the
    comment key npm ignores and package.json authors write notes under (npm's "package.json" docs say
    nothing of comments; "//" is the key npm's own maintainers use for them)."""
    pairs = json.loads(text, object_pairs_hook=lambda items: items)
    if not isinstance(pairs, list):
        return []
    keys = [key for key, _ in pairs]
    out = []
    for i, (key, value) in enumerate(pairs):
        near = {keys[j] for j in (i - 1, i + 1) if 0 <= j < len(keys)}
        if key == "//" and near & {"license", "licenses"}:
            out += [v for v in _as_list(value) if isinstance(v, str) and v.strip()]
    return out


def manifest_licence_comments(path: str, text: str) -> list[str]:
    """The comments a manifest writes on its licence declarations: on the declaration's lines, and in the
    comment lines right above it (no blank line between), as ``# Not for commercial use`` over
    ``license = "MIT"`` in a pyproject.toml. For TOML, setup.cfg, setup.py and gemspecs (line comments),
    POMs and .nuspecs (XML comments inside or right before the licence elements) and JSON manifests (a
    ``"//"`` key next to the licence's). They speak of the declared licence, so the detector reads them for riders
    (docs/licensing.md, "Manifests"). Empty for an unreadable manifest (its fields say so)."""
    low = _name(path).lower()
    if low == "pom.xml" or low.endswith((".pom", ".nuspec")):
        try:
            return _xml_licence_comments(text)
        except (ValueError, etree.XMLSyntaxError):
            return []
    if low in ("package.json", "composer.json", "bower.json"):
        try:
            return _json_licence_comments(text)
        except ValueError:
            return []
    syntax = _SYNTAX.get(low) or ("ruby" if low.endswith(".gemspec") else None)
    if syntax is None:
        return []
    lines = text.splitlines()
    declared = _declaration_lines(lines, syntax)
    chosen: set[int] = set()
    for i in sorted(declared):
        chosen.add(i)
        j = i - 1
        while j >= 0 and j not in declared and lines[j].lstrip().startswith(("#", ";") if syntax == "ini" else "#"):
            chosen.add(j)
            j -= 1
    comments = [_line_comment(lines[i], syntax) for i in sorted(chosen)]
    return [c.strip().lstrip("#;").strip() for c in comments if c and c.strip().lstrip("#;").strip()]


def _pom_licence_field(path: str, text: str, field: str) -> list[str]:
    """``_pom_licence_texts`` of a POM (empty for another manifest, or an unreadable one)."""
    low = _name(path).lower()
    if low != "pom.xml" and not low.endswith(".pom"):
        return []
    try:
        return _pom_licence_texts(text, field)
    except (ValueError, etree.XMLSyntaxError):
        return []


def manifest_license_fields(path: str, text: str) -> list[str]:
    """Declared licence strings of a manifest (``["MIT"]``, ``["License :: OSI Approved :: MIT License"]``).

    ``ValueError`` when the manifest cannot be parsed (the caller counts it, it is not fatal).
    """
    low = _name(path).lower()
    reader = _MANIFEST_READERS.get(low)
    if reader is None:
        reader = {".gemspec": _ruby_fields, ".nuspec": _nuspec_fields, ".pom": _pom_fields}.get(
            posixpath.splitext(low)[1])
    if reader is None:
        return []
    try:
        fields = reader(text)
    except (ValueError, etree.XMLSyntaxError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{path}: unreadable manifest: {exc}") from None
    except Exception as exc:  # noqa: BLE001 -- configparser and email raise their own families
        raise ValueError(f"{path}: unreadable manifest: {type(exc).__name__}: {exc}") from None
    cleaned = []
    for field in fields:
        field = field.strip()
        pointed = re.match(r"(?i)(?:see\s+licen[cs]e\s+in|file)\s+(.+)", field)
        if pointed:
            # A pointer at a file that the build reads as licence-bearing ("SEE LICENSE IN LICENSE.txt",
            # ``license-files = ["LICEN[CS]E*"]``) is detected on its own. A pointer at any other file
            # ("SEE LICENSE IN TERMS.md") is kept: the file holds the licence, and the build does not
            # read it, so the folder's licence is unknown (``LicenseDetector.declared``).
            target = pointed.group(1).strip().strip("\"'")
            if reads_as_licence(target):
                continue
            field = f"{POINTER}{target}"
        if field and field not in cleaned:
            cleaned.append(field)
    return cleaned


def reads_as_licence(pattern: str) -> bool:
    """True when a file a manifest names for its licence (a path, or a glob: PEP 639's
    ``license-files``) is one the build reads as licence-bearing: its name, or the glob's, is a licence
    file's (``license_file_kind``), or it lies in a ``LICENSES/`` folder."""
    name = pattern.replace("\\", "/").lstrip("./")
    if any(c in name for c in "*?["):
        # A glob: read as the build reads names, with its wildcards standing for nothing more ("licenses/*"
        # for the files of a LICENSES/ folder).
        name = re.sub(r"\[([^\]]*)\]", lambda m: m.group(1)[:1], name).replace("*", "").replace("?", "")
        name = name + "x.txt" if name.endswith("/") else name
    if _PROJECT_DOCUMENT.match(_name(name)):
        return True  # AUTHORS, CHANGELOG ...: listed beside the licence files, about the project, not its terms
    if "/" in name.strip("/") and _VENDORED_LICENCE.search(_name(name)):
        return True  # a bundled component's licence in its own folder ("numpy/_core/src/dragon4_LICENSE.txt")
    return bool(name.strip("/")) and license_file_kind(name.strip("/")) in ("license", "readme")


# Files that a project lists with its licence files but that hold none of its terms: who wrote the code
# (setuptools and hatchling gather ``AUTHORS*`` with the licence files by default, and core metadata
# then names them in ``License-File``), and the project's own documents (nexB's skeleton lists
# CHANGELOG.rst and CODE_OF_CONDUCT.rst as ``license_files``).
_PROJECT_DOCUMENT = re.compile(r"(?i)^(?:authors|contributors|credits|thanks|maintainers|changelog|changes|history|"
                               r"news|code_of_conduct|code-of-conduct|contributing|security)(?:[.\-_].*)?$")
_VENDORED_LICENCE = re.compile(r"(?i)licen[cs]e|copying")


def classifier_to_text(field: str) -> str:
    """``License :: OSI Approved :: MIT License`` -> ``MIT License`` (what scancode matches best)."""
    return field.rsplit("::", 1)[-1].strip() if field.startswith("License ::") else field


# ----------------------------------------------------------------------------- README sections

_HEADING_RE = re.compile(r"^(#{1,6})\s*(.+?)\s*#*\s*$|^(.+)\n(=+|-+)\s*$", re.M)


class SectionSpan(NamedTuple):
    """Where a text's "License" section lies (character offsets): its heading, its body as read (at most
    ``max_chars``), and whether that body is the whole section."""

    start: int
    body: int
    end: int
    whole: bool


def license_section_span(text: str, max_chars: int = 4000) -> SectionSpan | None:
    """The first Markdown/RST section titled License/Licence/Copying (None when there is none)."""
    headings = [
        (m.start(), m.end(), (m.group(2) or m.group(3) or "").strip(), len(m.group(1) or "x" * 9))
        for m in _HEADING_RE.finditer(text)
    ]
    for i, (start, end, title, level) in enumerate(headings):
        if re.search(r"\blicen[cs](e|es|ing)\b|\bcopying\b", title, re.I):
            stop = len(text)
            for later in headings[i + 1 :]:
                if later[3] <= level:
                    stop = later[0]
                    break
            body = text[end:stop].strip()
            first = text.index(body, end) if body else end
            return SectionSpan(start, first, first + min(len(body), max_chars), len(body) <= max_chars)
    return None


def readme_license_section(text: str, max_chars: int = 4000) -> str | None:
    """The body of a Markdown/RST README section titled License/Licence/Copying (None when none)."""
    span = license_section_span(text, max_chars)
    return text[span.body:span.end] or None if span else None


# ----------------------------------------------------------------------------- file headers


def file_head(text: str, lines: int) -> str:
    """The first ``lines`` lines of a text."""
    return "\n".join(text.split("\n", lines)[:lines])


# "#" starting a comment: not a C preprocessing directive (ISO C, 6.10: "#include <x.h>", "# define N 1",
# "#if defined(X)" ...; directives are lower case and take C operands, so "# If you ..." and "# if you
# use ..." are comments) nor a "#!" interpreter line, which are code.
HASH_COMMENT = (r"#(?!\s*(?-i:(?:include|import)\s*[<\"]|define\s+\w|undef\s+\w+\s*$|ifn?def\s+\w+\s*$"
                r"|(?:el)?if\s+(?:defined\b|!|\(|[A-Z_][A-Z0-9_]*\b|\d)|else\b|endif\b|pragma\s+\w))(?!!)")
# A line comment (the markers ``COMMENT_LINE`` knows besides block comments). roff's comment lines
# (``.\"``, ``'\"``, ``\"``: the groff manual, "Comments") head man pages.
_LINE_MARKERS = rf"{HASH_COMMENT}|//|--|;|%|[.']?\\\""
_LINE_COMMENT = re.compile(rf"^\s*(?:{_LINE_MARKERS})")
# A comment line (not a docstring: it describes the code): a line comment, or a line of a block comment.
COMMENT_LINE = re.compile(rf"^\s*(?:{_LINE_MARKERS}|/\*|\*|rem\b|<!--)", re.I)
HEAD_GROWTH = 4  # a head read to the end of its comment is at most this many times ``lines`` long


# Documents: prose files (a ``.txt`` or ``.md`` holding a licence text, a Debian copyright file renamed, a
# README page), where no code follows a notice to say where it ends (``notice_head``, ``in_prose``).
DOCUMENT_EXT = frozenset({".txt", ".text", ".md", ".markdown", ".rst", ".adoc", ".asciidoc", ".org"})
_BLOCK_COMMENTS = (("/*", "*/"), ("<!--", "-->"))


def is_document(path: str) -> bool:
    """Prose, not code: a text or markup extension (``DOCUMENT_EXT``), or no extension and no programming
    language (``THIRD-PARTY-NOTICES``, ``AUTHORS``; not ``Makefile``)."""
    name = _name(path)
    ext = posixpath.splitext(name.lower())[1]
    return ext in DOCUMENT_EXT or (not ext and language_for(name) is None)


def in_prose(lines: list[str], i: int) -> bool:
    """True when line ``i`` is plain text: not a comment line, not inside a block comment or a string
    that the lines before it leave open."""
    if not lines[i].strip() or COMMENT_LINE.match(lines[i]):
        return False
    return open_comment("\n".join(lines[:i])) is None


def open_comment(text: str) -> str | None:
    """The marker that closes the block comment (``*/``, ``-->``) or the triple-quoted string ``text``
    leaves open, else None."""
    end = None
    for start, close in _BLOCK_COMMENTS:
        if text.rfind(start) > text.rfind(close):
            end = close
    for quotes in ('"""', "'''"):
        if end is None and text.count(quotes) % 2 == 1:
            end = quotes
    return end


def comment_bounds(lines: list[str], first: int, last: int) -> tuple[int, int]:
    """The first and last lines of the comment or docstring that holds lines ``first`` to ``last``: from
    the line that opens the block comment or string the lines above leave open (or the first of the run
    of line comments above) to the line that closes it (or the last of the run of line comments below).
    Lines in no comment bound themselves."""
    top = first
    before = "\n".join(lines[:first])
    opened = open_comment(before)
    if opened is not None:
        opener = next((start for start, close in _BLOCK_COMMENTS if close == opened), opened)
        top = before.count("\n", 0, before.rfind(opener))
    elif COMMENT_LINE.match(lines[first]):
        while top > 0 and COMMENT_LINE.match(lines[top - 1]):
            top -= 1
    bottom = last
    end = open_comment("\n".join(lines[:last + 1]))
    if end is not None:
        bottom = next((j for j in range(last + 1, len(lines)) if end in lines[j]), len(lines) - 1)
    elif COMMENT_LINE.match(lines[last]):
        while bottom + 1 < len(lines) and COMMENT_LINE.match(lines[bottom + 1]):
            bottom += 1
    return top, bottom


def open_docstring(lines: list[str]) -> bool:
    """True when ``lines`` open a triple-quoted string they do not close."""
    text = "\n".join(lines)
    return text.count('"""') % 2 == 1 or text.count("'''") % 2 == 1


def notice_head(text: str, lines: int, width: int = 256, document: bool = False) -> str:
    """A file's head: its first ``lines`` lines within ``width * lines`` characters (what was read
    before), continued, when the last of them is inside a comment (a block comment still open,
    ``/* ...`` or ``<!-- ...``, a Python string still open, ``\"\"\" ...`` or ``\'\'\' ...``, which is
    where a module docstring holds its notice, or a run of line comments) to the end of that comment,
    and otherwise, when it is inside a paragraph of text that holds a licence keyword, to the end of the
    paragraph (a blank line), by at most ``(HEAD_GROWTH - 1) * lines`` more lines of ``width``
    characters on average. A licence notice that starts in the head is then read whole, not cut at line
    ``lines`` (a cut copy is not an intact copy, docs/licensing.md, "File headers"); minified one-line
    files read exactly as before. A ``document`` (``is_document``) whose last licence keyword in the
    head is plain text (``in_prose``) is read on, whatever its paragraphs, to the same limit in
    characters (``width * lines * HEAD_GROWTH``): no code follows its notice to say where the notice
    ends (a second paragraph may add a term or a licence)."""
    head = file_head(text[: width * lines], lines)
    if head.count("\n") < lines - 1 or text[len(head): len(head) + 1] != "\n":
        return head  # the text, or the character budget, ends inside the first ``lines`` lines
    extra = (HEAD_GROWTH - 1) * lines
    window = head.split("\n")
    if document:
        marked = [i for i, line in enumerate(window) if HEADER_KEYWORDS.search(line)]
        if marked and in_prose(window, marked[-1]):
            # to the same limit in characters, so that a whole licence text is read (Apache-2.0: 200 lines)
            return text[: len(head) + 1 + width * extra].rstrip("\n")
    more = text[len(head) + 1: len(head) + 1 + width * extra].split("\n")[:extra]
    end = open_comment(head)  # the head ends inside this block comment or string (a docstring)
    last_paragraph = head[head.rfind("\n\n") + 1:] if "\n\n" in head else head
    paragraph = (end is None and bool(window[-1].strip()) and not _LINE_COMMENT.match(window[-1])
                 and header_has_license_keywords(last_paragraph))
    taken = 0
    for line in more:
        if end is not None:
            taken += 1
            if end in line:
                break
        elif _LINE_COMMENT.match(window[-1]) and _LINE_COMMENT.match(line):
            taken += 1
        elif paragraph and line.strip():
            taken += 1  # the rest of a paragraph of text the head ends inside
        else:
            break
    return "\n".join(window + more[:taken])


def header_has_license_keywords(head: str) -> bool:
    return HEADER_KEYWORDS.search(head) is not None


def spdx_identifiers(head: str) -> list[str]:
    """Expressions of ``SPDX-License-Identifier:`` tags in a file's head, in order."""
    return [m.group(1).strip().rstrip(";,").strip() for m in _SPDX_ID_RE.finditer(head) if m.group(1).strip()]
