"""Repository and file licence decisions: the code both ``DetectLicenses`` and ``incoder license scan`` run.

``LicenseDetector(cfg)`` holds the fast-path table and a ``ScancodeRunner`` (``setup()`` loads both, once
per worker). Two steps, both without Beam:

1. ``folder_map(license_files, host_license)``: the licence-like files of one repository (``LICENSE*``,
   ``COPYING*``, ``NOTICE*``, ``LICENSES/``, manifests, README licence sections) -> ``{folder:
   FolderDecision}``. Each file is read by the fast path, then scancode; manifests' declared fields are
   taken as SPDX when they parse as SPDX, else read by scancode; README sections only count in a folder
   with no licence file or manifest. The host licence is evidence for the root folder: the root's licence
   when no file says anything (``prefer_host_license``), and checked against the files otherwise
   (host MIT + COPYING GPL-3.0 = ``conflict``).
2. ``judge_file(path, data, folder_map)``: the nearest folder's decision (a vendored folder with its own
   LICENSE wins over the root), unless the file carries its own notice (``SPDX-License-Identifier``
   anywhere in it, or a scancode detection in its head): a notice narrows the folder's licence, never
   widens it (``judge_file``'s docstring; docs/licensing.md, "File headers").

Every licence-bearing text is read by ``evidence.TextReader`` under the residue rule.
Evidence objects (``license_evidence`` JSON): ``{"file"|"host_field", "kind", "expression", "rule",
"score", "method": fast_path|template|name|scancode|spdx_identifier|manifest|host, "verdict", "folder",
"text"}`` plus ``"residue"`` (verdict ``modified``), ``"third_party"`` (a scope note's folders) and
``"scoped"`` (files and folders a licence file names under another licence, with that licence's
expression and verdict: ``scopes``; ``judge_file`` gives them their own decision).
"""

from __future__ import annotations

import json
import logging
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

from pipeline.config import LicenseConfig
from pipeline.licensing import policy as lp
from pipeline.licensing.cache import CachedReader, LicenseCache, config_fingerprint
from pipeline.licensing.evidence import (  # noqa: F401 -- re-exported for callers of the old home
    ADDRESS_NOTE,
    MODIFIED_PREFIX,
    TextReader,
    load_fastpath_table,
    load_templates,
    shared_templates,
    term_urls,
)
from pipeline.licensing.fastpath import FastPath
from pipeline.licensing.files import (
    HEADER_KEYWORDS,
    POINTER,
    classifier_to_text,
    comment_bounds,
    header_has_license_keywords,
    is_document,
    license_file_kind,
    license_folder,
    license_section_span,
    manifest_licence_comments,
    manifest_licence_notes,
    manifest_licence_urls,
    manifest_license_fields,
    names_a_licence,
    nearest_folder,
    notice_head,
    open_comment,
    readme_license_section,
    spdx_identifiers,
)
from pipeline.licensing.names import name_to_spdx
from pipeline.licensing.residue import (
    RIDER_OBJECTS,
    explain,
    expression_ids,
    is_benign_fragment,
    is_formatting,
    is_licence_remark,
    is_placeholder,
    rider_lines,
    strip_decoration,
    unreadable,
)
from pipeline.licensing.scancode_runner import ScancodeRunner
from pipeline.licensing.scopes import matches as scope_matches
from pipeline.licensing.templates import TemplateMatcher

logger = logging.getLogger(__name__)

_IGNORED_HOST = {"", "noassertion", "other", "none", "unknown"}
_STRONG_KINDS = {"license", "header", "document"}  # whose unknown verdicts are not outweighed by other evidence
_NAME_METHODS = {"name", "manifest", "host", "spdx_identifier"}
# What makes a modal word a rider's in a comment on a manifest's licence declaration: ``RIDER_OBJECTS``
# but the licence's own words, which such a comment names as its topic (``_with_notes``).
_COMMENT_OBJECTS = RIDER_OBJECTS - frozenset("license licence licensed licensee licensor terms conditions".split())
_LICENCE_HEADING = re.compile(r"^[#=*\s]*(?:copyright\W+(?:and|&)\W+)?licen[cs](?:e|es|ing)(?:\W+(?:and|&)\W+"
                              r"copyright)?(?:\W+(?:information|terms))?[#=*:\s]*$", re.I)
_RESTRICTED_VALUE = re.compile(
    r"\b(?:(?:non[- ]?)?commercial|proprietary|confidential|closed[- ]?source|all\s+rights\s+reserved|"
    r"internal\s+use|evaluation|personal\s+use|private|restricts\s+use)\b", re.I)
_RESTRICTION = re.compile(r"LicenseRef-scancode-[\w.-]*(?:proprietary|commercial)", re.I)
LONG_COMMENT = 3  # a head cut inside a licence text's comment is read again from this many x header_lines
# A declared licence value that is a family's name alone, one word: "BSD", "Apache" ("BSD style" names a
# kind of licence, not one: it stays unread).
_FAMILY = re.compile(r"[A-Za-z][A-Za-z0-9.+]*")


@dataclass
class Decision:
    """A licence decision for a folder or a file: expression, verdict under the policy, evidence."""

    expression: str | None
    verdict: str
    evidence: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"expression": self.expression, "verdict": self.verdict, "evidence": self.evidence}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Decision:
        return cls(data["expression"], data["verdict"], list(data["evidence"]))

    def evidence_json(self) -> str:
        return json.dumps(self.evidence, sort_keys=True, ensure_ascii=False)


def _offered_texts(definite: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Licence files that hold, intact and alone, one licence of a choice a manifest beside them offers
    ("license": "(WTFPL OR MIT)" with WTFPL's text only): a text of that choice, as the texts an OR notice
    quotes are (docs/licensing.md, "Offered choices"), not a licence that applies besides it."""
    offers = [choices for e in definite if e["kind"] == "manifest" and e["verdict"] == lp.PERMISSIVE
              for choices in [lp.or_operands(e.get("expression") or "")] if choices]
    if not offers:
        return []
    return [e for e in definite
            if e["kind"] == "license" and e["verdict"] == lp.NOT_PERMISSIVE and e.get("text")
            and not e.get("residue") and any(e.get("expression") in choices for choices in offers)]


def decide(evidence: list[dict[str, Any]]) -> Decision:
    """Combine one folder's evidence into a decision (conservative, see ``policy``)."""
    failures = [e["verdict"] for e in evidence if e["verdict"] in (lp.SCAN_ERROR, lp.SCAN_TIMEOUT)]
    definite = [e for e in evidence if e["verdict"] in (lp.PERMISSIVE, lp.NOT_PERMISSIVE, lp.MODIFIED)]
    offered = _offered_texts(definite)
    definite = [e for e in definite if e not in offered]
    # An unknown licence of a manifest joins the values it declares beside it ("license": "BSD-like" with
    # the "BSD License" classifier is not BSD), not the evidence of other files.
    beside = {e.get("file") for e in definite if e["kind"] == "manifest"}
    counted = definite + [
        e for e in evidence
        if e["verdict"] == lp.UNKNOWN
        and (e["kind"] in _STRONG_KINDS or not definite or (e["kind"] == "manifest" and e.get("file") in beside)
             or e.get("points_to"))  # the licence lies in a file the build does not read: nothing outweighs it
    ]
    expression = lp.combine_expressions(e["expression"] for e in counted if e.get("expression"))
    if failures:
        return Decision(expression, lp.combine_evidence_verdicts(failures), evidence)
    return Decision(expression, lp.combine_evidence_verdicts(e["verdict"] for e in counted), evidence)


def _scoped(path: str, folder: str, inherited: Decision) -> Decision:
    """The decision of a file that its folder's licence file names under another licence (``scopes``):
    that section's licence, the folder's evidence beside it. Only inside a permissive folder: a section
    narrows the folder's licence to the files it names (kept or rejected by their own), never widens it."""
    if inherited.verdict != lp.PERMISSIVE:
        return inherited
    rel = path[len(folder) + 1:] if folder else path
    for e in inherited.evidence:
        for entry in e.get("scoped") or []:
            if scope_matches(rel, entry["files"], entry["folders"]):
                note = {"file": e.get("file"), "folder": folder, "kind": "scope_note", "expression": entry["expression"],
                        "rule": entry["lead"], "score": 0.0, "method": entry["method"], "verdict": entry["verdict"],
                        "text": entry["text"]}
                return Decision(entry["expression"], entry["verdict"], [note] + inherited.evidence)
    return inherited


def _decode(data: bytes) -> str | None:
    if b"\x00" in data[:4096]:
        return None  # binary: carries no readable notice
    return data.decode("utf-8", errors="replace")




# Names of licences a tagged file's head may carry besides its tags (checked with scancode when present).
_OTHER_LICENCE = re.compile(
    r"general\s+public\s+licen|\b[la]?gpl\b|mozilla\s+public|eclipse\s+public|creative\s+commons|\bcddl\b|"
    r"\beupl\b|server\s+side\s+public|business\s+source|commons\s+clause|non-?commercial|proprietary", re.I)
_TAG_LINE = re.compile(r"^.*SPDX-License-Identifier:.*$", re.M | re.I)


def tag_comments(text: str) -> list[str]:
    """The lines of the comments that hold a file's ``SPDX-License-Identifier`` lines (its notice)."""
    lines = text.split("\n")
    seen: set[int] = set()
    for i, line in enumerate(lines):
        if _TAG_LINE.match(line) and i not in seen:
            top, bottom = comment_bounds(lines, i, i)
            seen.update(range(top, bottom + 1))
    return [lines[j] for j in sorted(seen)]


def tag_riders(comments: list[str]) -> list[str]:
    """The sentences that restrict (``rider_lines``) in the comments that hold a file's
    ``SPDX-License-Identifier`` lines (``tag_comments``), those lines left out."""
    return rider_lines([strip_decoration(line) for line in comments
                        if not _TAG_LINE.match(line) and not is_formatting(line)])


def _tag_evidence(reader: TextReader, where: dict[str, Any], tags: list[str]) -> list[dict[str, Any]]:
    return [
        reader.evidence(where, "header", lp.normalize_expression(t) if lp.is_spdx_expression(t) else t,
                        "SPDX-License-Identifier", 100.0, "spdx_identifier")
        for t in tags
    ]


class LicenseDetector:
    """Licence detection under one ``LicenseConfig``; picklable (heavy state is built in ``setup``)."""

    def __init__(self, cfg: LicenseConfig, runner: ScancodeRunner | None = None) -> None:
        self.cfg = cfg
        self.policy = lp.LicensePolicy(cfg.allow)
        self.runner = runner or ScancodeRunner(timeout_s=cfg.scancode_timeout_s)
        self.fastpath: FastPath | None = None
        self.templates: TemplateMatcher | None = None
        # Per-worker evidence cache by content hash (pipeline.licensing.cache): built here, never pickled.
        self.cache = LicenseCache(cfg.cache_entries)
        self._reader: CachedReader | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"cfg": self.cfg, "runner": self.runner}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["cfg"], state["runner"])

    def setup(self, load_scancode: bool = True) -> LicenseDetector:
        if self.cfg.fast_path and self.fastpath is None:
            self.fastpath = FastPath(load_fastpath_table())
        if self.cfg.templates and self.templates is None:
            self.templates = shared_templates(self.policy)
        if load_scancode:
            self.runner.load()
        self._reader = None  # rebuilt over what setup loaded
        return self

    @property
    def reader(self) -> CachedReader:
        if self._reader is None:
            self._reader = CachedReader(TextReader(self.cfg, self.policy, self.runner, self.fastpath, self.templates),
                                        self.cache, config_fingerprint(self.cfg))
        return self._reader

    def scan_text(self, text: str, where: dict[str, Any], kind: str, fast: bool = True) -> list[dict[str, Any]]:
        """Evidence for one licence-bearing text (``evidence.TextReader.read``): a pure function of the
        text, its kind and the config."""
        return self.reader.read(text, where, kind, fast)

    def declared(self, value: str, where: dict[str, Any], kind: str) -> list[dict[str, Any]]:
        """Evidence for a declared licence string (manifest field, host licence)."""
        value = classifier_to_text(value.strip())
        method = "host" if kind == "host" else "manifest"
        reader = self.reader
        if value.startswith(POINTER):
            # The manifest keeps its licence in a file the build does not read as licence-bearing ("SEE
            # LICENSE IN TERMS.md"): what that file grants or restricts is not known here.
            return [reader.evidence(where, kind, "LicenseRef-scancode-unknown-license-reference", value, 0.0, method,
                                    lp.UNKNOWN, points_to=value[len(POINTER):])]
        if lp.is_spdx_expression(value):
            return [reader.evidence(where, kind, lp.normalize_expression(value), value, 100.0, method)]
        if value.strip().lower() in ("unlicensed", "proprietary"):
            # npm's word for a package that grants no rights (npm docs, "package.json", "license") and
            # Composer's for closed-source software (Composer docs, "The composer.json schema", "license");
            # scancode reads them as nothing, and the folder's licence file would decide alone.
            return [reader.evidence(where, kind, "LicenseRef-scancode-proprietary-license", value, 100.0, method,
                                    lp.NOT_PERMISSIVE)]
        # (R's "MIT + file LICENSE" stays unrecognised: "+ file LICENSE" may add terms of its own.)
        named = name_to_spdx(value)
        if named is not None:
            return [reader.evidence(where, kind, named, f"name: {value}"[:200], 100.0, method)]
        found = reader.scancode(value, where, kind)
        if not found and _FAMILY.fullmatch(value):
            # A licence field holds a licence's name: "BSD" there is "the BSD License", read as scancode's
            # rules read that name (as PyPI's "BSD License" classifier is).
            found = reader.scancode(f"{value} License", where, kind)
        if not found and _RESTRICTED_VALUE.search(value):
            # A value that names no licence but terms ("Commercial License", "Closed source", "All rights
            # reserved" in a POM's licence name): no rights the folder's licence file could stand for.
            return [reader.evidence(where, kind, "LicenseRef-scancode-proprietary-license", value, 100.0, method,
                                    lp.NOT_PERMISSIVE)]
        return found

    # ------------------------------------------------------------------ repositories

    def file_evidence(self, path: str, data: bytes) -> list[dict[str, Any]]:
        """Evidence of one licence-like file (``license_file_kind`` not None)."""
        kind = license_file_kind(path)
        text = _decode(data)
        where = {"file": path, "folder": license_folder(path)}
        if kind is None or text is None or not text.strip():
            return []
        reader = self.reader
        if kind == "license":
            evidence = self.scan_text(text, where, "license")
            if evidence:
                return evidence
            # Nothing scancode can name. A licence file with words of its own is unknown; an
            # additional-terms or NOTICE file may hold only benign lines (attributions), else its words
            # are residue of the folder's licence.
            left = explain(text.splitlines(), list(range(len(text.splitlines()))), set())
            if names_a_licence(path) and len(text.split()) >= 20:
                return [reader.evidence(where, "license", "LicenseRef-scancode-unknown", "unrecognised_text", 0.0,
                                        "scancode", lp.UNKNOWN)]
            if left.lines:
                return [reader.modified(where, "license", None, "unrecognised terms", 0.0, "scancode", left.quote())]
            return []
        if kind == "manifest":
            try:
                fields = manifest_license_fields(path, text)
            except ValueError as exc:
                logger.debug("manifest skipped: %s", exc)
                return []
            evidence = [e for value in fields for e in self.declared(value, where, "manifest")]
            notes = [n for n in manifest_licence_notes(path, text) if not is_placeholder(n)]
            comments = manifest_licence_comments(path, text)
            evidence = [self._with_notes(e, notes, comments) for e in evidence]
            return reader.guard_urls(evidence, "\n".join(fields + notes + comments + manifest_licence_urls(path, text)))
        return self.section_evidence(text, where)

    def _with_notes(self, found: dict[str, Any], notes: list[str], comments: list[str]) -> dict[str, Any]:
        """A manifest's declared licence with the words it writes about it (``manifest_licence_notes``):
        ``modified`` when one is neither benign under the residue grammar (words beside a notice) nor a
        remark about the licence (``is_licence_remark``), or when a comment on the declaration
        (``manifest_licence_comments``) states a rider (``rider_lines``). A developer's note there speaks of
        the licence declaration itself ("TODO: add `license-files` once PEP 639 is accepted ... no longer
        include them", scipy's pyproject.toml), so the licence's own words are no rider's object there
        (``_COMMENT_OBJECTS``); a term word, a duty or a use still is."""
        ids = expression_ids(found["expression"])
        left = [n for n in notes if not is_benign_fragment(n, ids, inner=False) and not is_licence_remark(n)]
        left += rider_lines([strip_decoration(c) for c in comments], objects=_COMMENT_OBJECTS)
        if not left or found["verdict"] != lp.PERMISSIVE:
            return found
        where = {"file": found["file"], "folder": found["folder"]}
        return self.reader.modified(where, found["kind"], found["expression"], found["rule"], found["score"],
                                    found["method"], [f"licence comment: {n[:180]!r}" for n in left])

    def section_evidence(self, text: str, where: dict[str, Any]) -> list[dict[str, Any]]:
        """Evidence of a Markdown/RST text's "License" section (a README's, or a document's own): a
        licence's name, else scancode on the section (empty when there is none)."""
        section = readme_license_section(text)
        if not section:
            return []
        named = name_to_spdx(re.sub(r"(?im)^\W*licen[cs]e\W*$", "", section))  # the section's heading
        if named is not None:
            found = [self.reader.evidence(where, "readme", named, f"name: {section.strip()}"[:200], 100.0, "name")]
        else:
            found = self.reader.scancode(section, where, "readme")
        return self.reader.guard_urls(found, section)  # "Licensed under the [MIT License](<terms>)."

    def readme_riders(self, path: str, data: bytes, read: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The terms a README's licence section adds beside a licence file or manifest, which name the
        folder's licence (empty when it adds none): scancode's proprietary or commercial matches there ("MIT,
        but not for commercial use"); the sentences that restrict (``rider_lines``) in what a licence it
        names leaves unexplained, or in all of it where it names none. Another licence it names for a part
        (CC-BY for the docs) is left to the licence files. ``read``: the section's evidence
        (``section_evidence``, as ``file_evidence`` read it)."""
        text = _decode(data)
        where = {"file": path, "folder": license_folder(path)}
        span = license_section_span(text) if text else None
        # Only a section about the project's licence ("License", "Copyright and license"), not a document
        # about licences ("# License Classifier v2" titles a whole README).
        if span is None or not _LICENCE_HEADING.match(text[span.start:span.body].strip().splitlines()[0]):
            return []
        section = text[span.body:span.end]
        terms = [e for e in read if e["verdict"] == lp.NOT_PERMISSIVE and _RESTRICTION.search(e.get("expression") or "")]
        riders = rider_lines([line for e in read if e["verdict"] == lp.MODIFIED for line in e.get("residue") or []
                              if not line.startswith(ADDRESS_NOTE)] if read else section.splitlines())
        riders += [f"{ADDRESS_NOTE}{url}" for url in term_urls(section, {i for e in read for i in expression_ids(e["expression"])})]
        # A line in another script: the fast path, the templates and scancode's rules read none of its words,
        # so its riders are read here ("MIT\n\n仅限非商业用途").
        riders += [r for r in rider_lines([line for line in section.splitlines() if unreadable(line)]) if r not in riders]
        if riders:
            terms.append(self.reader.modified(where, "readme", None, "terms in the README's licence section", 0.0,
                                              "residue", [f"README licence section: {r[:180]!r}" for r in riders]))
        return terms

    def _name_only(self, decision: Decision) -> Decision:
        """``build.license.name_only: reject``: a permissive folder whose evidence only names its licence."""
        if self.cfg.name_only == "accept" or decision.verdict != lp.PERMISSIVE:
            return decision
        permissive = [e for e in decision.evidence if e["verdict"] == lp.PERMISSIVE]
        if any(e.get("text") and e["method"] not in _NAME_METHODS for e in permissive):
            return decision
        note = {"folder": permissive[0].get("folder") if permissive else None, "kind": "rule",
                "expression": decision.expression, "rule": "name_only: reject", "score": 0.0, "method": "policy",
                "verdict": lp.UNKNOWN, "text": False, "note": "licence named without its text"}
        return Decision(decision.expression, lp.UNKNOWN, decision.evidence + [note])

    def folder_map(self, license_files: list[tuple[str, bytes]], host_license: str | None) -> dict[str, Decision]:
        """``{folder: Decision}`` of one repository from its licence-like files and host licence."""
        by_folder: dict[str, list[dict[str, Any]]] = {}
        for path, data in sorted(license_files):
            for evidence in self.file_evidence(path, data):
                by_folder.setdefault(evidence["folder"], []).append(evidence)
        readmes = [(path, data) for path, data in license_files if license_file_kind(path) == "readme"]
        for folder, evidence in by_folder.items():
            # A README's licence section names the licence only where no licence file or manifest does;
            # beside them, only the terms it adds are read (``readme_riders``).
            if any(e["kind"] in ("license", "manifest") for e in evidence):
                by_folder[folder] = [e for e in evidence if e["kind"] != "readme"] + [
                    e for path, data in readmes if license_folder(path) == folder
                    for e in self.readme_riders(path, data, [r for r in evidence if r["file"] == path])
                ]
        by_folder = self._needed_files(by_folder, license_files)
        host = (host_license or "").strip()
        if host.lower() not in _IGNORED_HOST:
            root = by_folder.get("")
            if root or self.cfg.prefer_host_license:
                by_folder.setdefault("", []).extend(
                    self.declared(host, {"host_field": "host_license", "folder": ""}, "host")
                )
        decisions = {folder: self._name_only(decide(evidence)) for folder, evidence in sorted(by_folder.items())
                     if evidence}
        # A folder whose files said nothing about a licence (only notices) inherits from its parent.
        decisions = {folder: d for folder, d in decisions.items() if d.verdict != lp.NO_LICENSE}
        return self._third_party(decisions)

    def _needed_files(self, by_folder: dict[str, list[dict[str, Any]]], license_files: list[tuple[str, bytes]]
                      ) -> dict[str, list[dict[str, Any]]]:
        """A licence text whose third-party note says the other licences are stated in a file of its folder
        ("refer to the separate legal notices governing such components at NOTICE file at the top level of
        the package", residue rule 5) is benign only where that file is there to be read: else a permissive
        reading becomes ``modified``, the pointer quoted, since the third-party code's licences would go
        unread."""
        held: dict[str, set[str]] = {}
        for path, _ in license_files:
            held.setdefault(license_folder(path), set()).add(posixpath.basename(path).lower())
        out = {}
        for folder, evidence in by_folder.items():
            out[folder] = []
            for e in evidence:
                missing = [n for n in e.get("needs") or [] if n.lower() not in held.get(folder, set())]
                residue = [f"points to {', '.join(missing)} for the licences of third-party code; the folder holds no "
                           f"such file"] if missing else []
                out[folder] += self.reader.modify_permissive([e], residue)
        return out

    def _third_party(self, decisions: dict[str, Decision]) -> dict[str, Decision]:
        """Folders a licence file's scope note says hold third-party code under their own licences
        (lodash: "Files located in the node_modules and vendor directories ...") inherit nothing: unknown
        unless they have a licence of their own."""
        out = dict(decisions)
        for folder, decision in decisions.items():
            for e in decision.evidence:
                for sub in e.get("third_party") or []:
                    target = posixpath.join(folder, sub) if folder else sub
                    if target not in out:
                        note = {"file": e.get("file"), "folder": target, "kind": "scope_note", "expression": None,
                                "rule": "third-party folder named in a scope note", "score": 0.0,
                                "method": "scope_note", "verdict": lp.UNKNOWN, "text": False}
                        out[target] = Decision(None, lp.UNKNOWN, [note])
        return dict(sorted(out.items()))

    # ------------------------------------------------------------------ files

    def header_evidence(self, path: str, data: bytes) -> list[dict[str, Any]]:
        """Evidence of a file's own licence notice: ``SPDX-License-Identifier`` tags anywhere in the file
        (with scancode's reading of the head when it also names another licence), else scancode on a head
        that passes the keyword prefilter (empty when neither)."""
        text = _decode(data)
        if text is None:
            return []
        where = {"file": path, "folder": None}
        tags = spdx_identifiers(text) if "spdx-license-identifier" in text.lower() else []
        document = is_document(path)
        head = notice_head(text, self.cfg.header_lines, document=document)
        if tags:
            evidence = _tag_evidence(self.reader, where, tags)
            # The comment that holds a tag is the file's notice: its sentences that restrict are terms the
            # tag does not state ("# SPDX-License-Identifier: MIT" over "# Not for commercial use."). Most
            # such sentences are the conditions of a licence text beside the tag, so a comment that holds
            # any is read as a header is, which explains the text; the sentences that restrict in what that
            # leaves unexplained stay (not its other residue: the tag states the licence).
            comments = tag_comments(text)
            if tag_riders(comments):
                read = self.reader.header(head, where, "document" if document else "header")
                residue = rider_lines([line for e in read if e["verdict"] == lp.MODIFIED
                                       for line in e.get("residue") or []])
                if residue:
                    evidence = [self.reader.modified(where, e["kind"], e["expression"], e["rule"], e["score"],
                                                     e["method"], residue) if e["verdict"] == lp.PERMISSIVE else e
                                for e in evidence]
                # A rider scancode reads as a licence of its own ("Not for commercial use." is one of its
                # proprietary-licence rules) is explained by that match, so it leaves no residue: that
                # reading joins the tags (AND), as in a README's licence section (``readme_riders``). Not
                # any other licence it reads there: "Licensed to PSF under a Contributor Agreement." (a
                # contributor's agreement, tomli) is scancode's Python-2.0.
                evidence += [e for e in read if e["verdict"] == lp.NOT_PERMISSIVE
                             and _RESTRICTION.search(e.get("expression") or "")]
            # The tags name the file's licence, unless its head also carries another licence's notice or
            # text (a GPL notice below "SPDX-License-Identifier: BSD-2-Clause"): that joins them (AND).
            if _OTHER_LICENCE.search(_TAG_LINE.sub("", head)):
                tagged = {i.lower() for e in evidence for i in expression_ids(e["expression"])}
                evidence += [e for e in self.reader.header(head, where) if e.get("expression")
                             and not {i.lower() for i in expression_ids(e["expression"])} <= tagged]
            return self.reader.guard_urls(evidence, "\n".join(comments))
        # A document's "License" section is its notice too, wherever it lies (docs/licensing.md, "File
        # headers"). When that reading names a licence and the section, read whole, ends inside the head,
        # the head is read without the section's lines (each line read once: a weak match of the section
        # read with its heading is no second verdict).
        section = self.section_evidence(text, where) if document else []
        span = license_section_span(text) if section else None
        if (span and span.whole and span.end <= len(head) and text.startswith(head)
                and all(e["verdict"] != lp.UNKNOWN for e in section)):
            head = head[:span.start] + re.sub(r"[^\n]", " ", head[span.start:span.end]) + head[span.end:]
        if not header_has_license_keywords(head):
            return section
        # scancode on the head's notice block (cache.py); a document's head whole
        evidence = self.reader.header(head, where, "document" if document else "header")
        if not document and open_comment(head) and any(e["verdict"] == lp.MODIFIED for e in evidence):
            # The head ends inside a comment still open after HEAD_GROWTH x header_lines lines, and what it
            # read is not intact: a licence text longer than the head (Apache-2.0's 200 lines in a bundle's
            # banner, rxjs.umd.js) is read once more, to the comment's end within LONG_COMMENT x the lines.
            longer = notice_head(text, self.cfg.header_lines * LONG_COMMENT)
            if len(longer) > len(head):
                evidence = self.reader.header(longer, where, "header")
                head = longer
        # The notice's lines may hold an address with a term ("Licensed under the [MIT License](<terms>)",
        # "@license MIT <terms>"), which scancode's match covers: read as in a licence file. The notice is
        # the block read (``notice_lines``), or in a head read whole the comments that hold a licence
        # keyword: the head's code and its addresses are no licence's.
        lines = head.split("\n")
        notice = {i for e in evidence if e.get("notice_lines")
                  for i in range(e["notice_lines"][0] - 1, min(len(lines), e["notice_lines"][1]))}
        if not notice and evidence and not document:
            for i, line in enumerate(lines):
                if HEADER_KEYWORDS.search(line) and i not in notice:
                    top, bottom = comment_bounds(lines, i, i)
                    notice.update(range(top, bottom + 1))
        guarded = self.reader.guard_urls(evidence, "\n".join(lines[i] for i in sorted(notice))) if notice else evidence
        return guarded + section

    def judge_file(self, path: str, data: bytes | None, folders: dict[str, Decision]) -> Decision:
        """The decision for one file of a repository whose ``folder_map`` is ``folders``.

        A file's own notice can narrow its folder's licence, never widen it: a header that is not
        permissive (or unknown, or modified) decides the file; a permissive header decides it in a
        permissive folder or a folder without a licence, and in any other folder (not permissive,
        unknown, conflicting, modified) the file is a ``conflict`` (docs/licensing.md, "Headers").
        """
        folder = nearest_folder(path, folders)
        inherited = folders[folder] if folder is not None else Decision(None, lp.NO_LICENSE, [])
        if folder is not None:
            inherited = _scoped(path, folder, inherited)
        if not self.cfg.file_headers or not data or license_file_kind(path) is not None:
            return inherited
        header = self.header_evidence(path, data)
        if not header:
            return inherited
        own = decide(header)
        if own.verdict in (lp.SCAN_ERROR, lp.SCAN_TIMEOUT):
            return Decision(inherited.expression, own.verdict, header + inherited.evidence)
        if own.expression is None and own.verdict in (lp.PERMISSIVE, lp.NO_LICENSE):
            return inherited
        if own.verdict != lp.PERMISSIVE:
            if own.expression == inherited.expression and own.verdict == inherited.verdict:
                return Decision(inherited.expression, inherited.verdict, inherited.evidence + header)
            return Decision(own.expression, own.verdict, header + inherited.evidence)
        if inherited.verdict == lp.PERMISSIVE and own.expression == inherited.expression:
            return Decision(inherited.expression, inherited.verdict, inherited.evidence + header)
        if inherited.verdict in (lp.PERMISSIVE, lp.NO_LICENSE):
            return Decision(own.expression, own.verdict, header + inherited.evidence)
        return Decision(own.expression, lp.CONFLICT, header + inherited.evidence)
