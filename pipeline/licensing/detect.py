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
   LICENSE wins over the root), unless the file's head passes the keyword prefilter and carries a
   licence notice (``SPDX-License-Identifier`` or a scancode detection) different from the folder's:
   then the file is judged by its own notice (issue 3 point 2).

Evidence objects (``license_evidence`` JSON): ``{"file"|"host_field", "kind", "expression", "rule",
"score", "method": fast_path|template|name|scancode|spdx_identifier|manifest|host, "verdict", "folder"}``.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.licensing import policy as lp
from pipeline.licensing.fastpath import FastPath, is_copyright_line, normalize
from pipeline.licensing.files import (
    classifier_to_text,
    file_head,
    header_has_license_keywords,
    license_file_kind,
    license_folder,
    manifest_license_fields,
    nearest_folder,
    readme_license_section,
    spdx_identifiers,
)
from pipeline.licensing.templates import Template, TemplateMatcher
from pipeline.config import LicenseConfig
from pipeline.licensing.scancode_data import is_licence_text_source, scancode_data_dir, source_text
from pipeline.licensing.scancode_runner import ERROR, TIMEOUT, ScancodeRunner, is_reference_only

logger = logging.getLogger(__name__)

FASTPATH_FILE = Path(__file__).resolve().parent / "data" / "fastpath.json"
_IGNORED_HOST = {"", "noassertion", "other", "none", "unknown"}
_STRONG_KINDS = {"license", "header"}  # whose unknown verdicts are not outweighed by other evidence
_FAILURES = {TIMEOUT: lp.SCAN_TIMEOUT, ERROR: lp.SCAN_ERROR}
MODIFIED_PREFIX = "LicenseRef-incoder-modified-"  # expression of a damaged copy of a licence text
REFERENCE_PREFIX = "LicenseRef-incoder-reference-"  # a licence named, without its text, in a licence file
# Licences whose terms require their own text to accompany the code and that have no official short
# notice: a licence file that only names one ("Licensed under the MIT License") does not carry it.
TEXT_REQUIRED = frozenset({"MIT", "BSD-2-Clause", "BSD-3-Clause", "ISC", "Zlib", "BSL-1.0"})


def load_fastpath_table(path: Path = FASTPATH_FILE) -> dict[str, dict[str, str]]:
    return json.loads(path.read_text(encoding="utf-8"))["table"]


# --------------------------------------------------------------------------- licence names

_NAME_NOISE = frozenset("the a version v license licence licensed".split())
_LEAD_IN = re.compile(
    r"^(?:(?:this|the)(?: \w+){1,3} (?:is|are) )?(?:licensed|released|distributed|available|provided|"
    r"published|offered)(?: \w+)? under(?: the)?(?: terms of)?(?: the)? "
)
_names_lock = threading.Lock()
_names: dict[str, str] = {}


def _name_key(words: str) -> str:
    return " ".join(w for w in words.split() if w not in _NAME_NOISE)


def licence_names() -> dict[str, str]:
    """``{normalised licence name: SPDX id}`` from scancode's licence database (its ``name`` and
    ``short_name`` of every licence with a real SPDX id; names shared by two ids are left out)."""
    with _names_lock:
        if not _names:
            from licensedcode.cache import get_licenses_db

            seen: dict[str, set[str]] = {}
            for lic in get_licenses_db().values():
                spdx = lic.spdx_license_key
                if lic.is_deprecated or not spdx or spdx.startswith("LicenseRef-"):
                    continue
                for name in (lic.name, lic.short_name):
                    key = _name_key(" ".join(re.findall(r"[a-z0-9]+", (name or "").lower())))
                    if key:
                        seen.setdefault(key, set()).add(spdx)
            _names.update({k: next(iter(v)) for k, v in seen.items() if len(v) == 1})
        return _names


def name_to_spdx(text: str, max_words: int = 16) -> str | None:
    """The SPDX id of a short text that only names a licence ("The MIT License", "Licensed under the
    Apache License, Version 2.0", "GNU General Public License 3.0"), else None."""
    lines = [ln for ln in text.splitlines() if not is_copyright_line(ln)]
    words = " ".join(re.findall(r"[a-z0-9]+", re.sub(r"\]\([^)]*\)", "]", " ".join(lines).lower())))
    if not words or words.count(" ") >= max_words:
        return None
    words = _LEAD_IN.sub("", words + " ").strip()
    return licence_names().get(_name_key(words))


_lengths_lock = threading.Lock()
_lengths: dict[str, int] = {}


def licence_text_lengths() -> dict[str, int]:
    """``{SPDX id: words of the licence's own text}`` for ``TEXT_REQUIRED`` (from the fast-path table's
    licence texts, read from the installed scancode-toolkit; once per process)."""

    with _lengths_lock:
        if not _lengths:
            for entry in load_fastpath_table().values():
                if entry["spdx"] in TEXT_REQUIRED and entry["rule"].endswith(".LICENSE"):
                    text = source_text(scancode_data_dir(), entry["rule"]) or ""
                    _lengths[entry["spdx"]] = max(_lengths.get(entry["spdx"], 0), len(normalize(text).split()))
        return _lengths


_templates_lock = threading.Lock()
_templates: dict[tuple[str, ...], TemplateMatcher] = {}


def shared_templates(policy: lp.LicensePolicy) -> TemplateMatcher:
    """``load_templates(policy)``, built once per process and allowlist (matchers are read-only)."""
    key = tuple(sorted(a.lower() for a in policy.allow))
    with _templates_lock:
        if key not in _templates:
            _templates[key] = load_templates(policy)
        return _templates[key]


def load_templates(policy: lp.LicensePolicy, table: dict[str, dict[str, str]] | None = None) -> TemplateMatcher:
    """The template matcher over the fast-path table's texts, read from the installed scancode-toolkit.

    The table names each verified text's source (a licence's own text, or one of scancode's rules);
    texts whose licence ``policy`` allows get the integrity checks, judged against the licence's own text.
    """

    data_dir = scancode_data_dir()
    templates = []
    entries = list((table or load_fastpath_table()).values())
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


def decide(evidence: list[dict[str, Any]]) -> Decision:
    """Combine one folder's evidence into a decision (conservative, see ``policy``)."""
    failures = [e["verdict"] for e in evidence if e["verdict"] in (lp.SCAN_ERROR, lp.SCAN_TIMEOUT)]
    definite = [e for e in evidence if e["verdict"] in (lp.PERMISSIVE, lp.NOT_PERMISSIVE)]
    counted = definite + [
        e for e in evidence if e["verdict"] == lp.UNKNOWN and (e["kind"] in _STRONG_KINDS or not definite)
    ]
    expression = lp.combine_expressions(e["expression"] for e in counted if e.get("expression"))
    if failures:
        return Decision(expression, lp.combine_evidence_verdicts(failures), evidence)
    return Decision(expression, lp.combine_evidence_verdicts(e["verdict"] for e in counted), evidence)


def _decode(data: bytes) -> str | None:
    if b"\x00" in data[:4096]:
        return None  # binary: carries no readable notice
    return data.decode("utf-8", errors="replace")


class LicenseDetector:
    """Licence detection under one ``LicenseConfig``; picklable (heavy state is built in ``setup``)."""

    def __init__(self, cfg: LicenseConfig, runner: ScancodeRunner | None = None) -> None:
        self.cfg = cfg
        self.policy = lp.LicensePolicy(cfg.allow)
        self.runner = runner or ScancodeRunner(timeout_s=cfg.scancode_timeout_s)
        self.fastpath: FastPath | None = None
        self.templates: TemplateMatcher | None = None

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
        return self

    # ------------------------------------------------------------------ one text

    def _evidence(
        self,
        where: dict[str, str],
        kind: str,
        expression: str | None,
        rule: str,
        score: float,
        method: str,
        verdict: str | None = None,
    ) -> dict[str, Any]:
        if expression:
            expression = lp.strip_neutral(expression)
        return {
            **where,
            "kind": kind,
            "expression": expression,
            "rule": rule,
            "score": score,
            "method": method,
            "verdict": verdict or self.policy.verdict(expression),
        }

    def scan_text(
        self, text: str, where: dict[str, str], kind: str, fast: bool = True
    ) -> list[dict[str, Any]]:
        """Evidence for one licence-bearing text: fast path, else templates, else scancode (failures
        become evidence)."""
        words = normalize(text) if fast and (self.fastpath is not None or self.templates is not None) else ""
        if fast and self.fastpath is not None:
            hit = self.fastpath.match_normalized(words)
            # scancode's rules include damaged copies of permissive texts that it still names as the
            # licence: a permissive hit on one of them is judged by the templates against the licence's
            # own text instead.
            if hit is not None and (
                self.templates is None
                or self.policy.verdict(hit.expression) != lp.PERMISSIVE
                or is_licence_text_source(hit.rule)
            ):
                return [self._evidence(where, kind, hit.expression, hit.rule, 100.0, "fast_path")]
        named = name_to_spdx(text) if fast and kind == "license" else None
        if named is not None:
            if named in TEXT_REQUIRED:
                return [self._named_without_text(where, kind, named, "name", 100.0, "name")]
            return [self._evidence(where, kind, named, "name", 100.0, "name")]
        if fast and self.templates is not None:
            close = self.templates.match(words.split())
            if close is not None and close.status == "modified":
                # A damaged copy of a permissive licence is not that licence: unknown, with the edits.
                rule = f"modified {close.template.rule}: " + "; ".join(close.changes)
                return [self._evidence(where, kind, MODIFIED_PREFIX + close.template.expression, rule[:500],
                                       close.score, "template", lp.UNKNOWN)]
            if close is not None:
                return [self._evidence(where, kind, close.template.expression, close.template.rule, close.score,
                                       "template")]
        result = self.runner.scan(text)
        if result.status in _FAILURES:
            return [
                self._evidence(
                    where,
                    kind,
                    None,
                    result.error or result.status,
                    0.0,
                    "scancode",
                    _FAILURES[result.status],
                )
            ]
        found = [d for d in result.detections if not is_reference_only(d)]
        # A declared field ("Apache License 2.0") is short, so scancode's relevance caps its score; as
        # for scancode's own package manifests, any identification of a declared value counts.
        floor = 0.0 if kind in ("manifest", "host") else self.cfg.min_score
        good = [d for d in found if d.score >= floor]
        out = []
        for d in good:
            if kind == "license" and self._names_without_text(d, good):
                out.append(self._named_without_text(where, kind, d.expression, d.rule, d.score, "scancode"))
            else:
                out.append(self._evidence(where, kind, d.expression, d.rule, d.score, "scancode"))
        if not out and found and kind in ("license", "manifest", "host"):
            # scancode saw licence text it could not match well: something is there, we cannot say what.
            best = max(found, key=lambda d: d.score)
            out.append(
                self._evidence(
                    where, kind, "LicenseRef-scancode-unknown", best.rule, best.score, "scancode", lp.UNKNOWN
                )
            )
        return out

    def _named_without_text(
        self, where: dict[str, str], kind: str, expression: str, rule: str, score: float, method: str
    ) -> dict[str, Any]:
        """Evidence of a licence file that names ``expression`` (one of ``TEXT_REQUIRED``) without its text."""
        return self._evidence(where, kind, REFERENCE_PREFIX + expression, f"{rule}: {expression} named without its text",
                              score, method, lp.UNKNOWN)

    def _names_without_text(self, detection, detections) -> bool:
        """True when a licence of ``TEXT_REQUIRED`` is only named: scancode matched under half as many
        words of it, in all of ``detections``, as its own text has."""
        if detection.expression not in TEXT_REQUIRED:
            return False
        length = licence_text_lengths().get(detection.expression)
        matched = sum(d.matched_length for d in detections if d.expression == detection.expression)
        return bool(length) and matched < 0.5 * length

    def declared(self, value: str, where: dict[str, str], kind: str) -> list[dict[str, Any]]:
        """Evidence for a declared licence string (manifest field, host licence)."""
        value = classifier_to_text(value.strip())
        method = "host" if kind == "host" else "manifest"
        if lp.is_spdx_expression(value):
            expression = lp.normalize_expression(value)
            return [self._evidence(where, kind, expression, value, 100.0, method)]
        # (R's "MIT + file LICENSE" stays unrecognised: "+ file LICENSE" may add terms of its own.)
        named = name_to_spdx(value)
        if named is not None:
            return [self._evidence(where, kind, named, f"name: {value}"[:200], 100.0, method)]
        return self.scan_text(value, where, kind, fast=False)

    # ------------------------------------------------------------------ repositories

    def file_evidence(self, path: str, data: bytes) -> list[dict[str, Any]]:
        """Evidence of one licence-like file (``license_file_kind`` not None)."""
        kind = license_file_kind(path)
        text = _decode(data)
        where = {"file": path, "folder": license_folder(path)}
        if kind is None or text is None or not text.strip():
            return []
        if kind == "license":
            evidence = self.scan_text(text, where, "license")
            stem = path.rsplit("/", 1)[-1].lower()
            if (
                not evidence
                and stem.startswith(("license", "licence", "copying", "unlicense"))
                and len(text.split()) >= 20
            ):
                evidence = [
                    self._evidence(
                        where,
                        "license",
                        "LicenseRef-scancode-unknown",
                        "unrecognised_text",
                        0.0,
                        "scancode",
                        lp.UNKNOWN,
                    )
                ]
            return evidence
        if kind == "manifest":
            try:
                fields = manifest_license_fields(path, text)
            except ValueError as exc:
                logger.debug("manifest skipped: %s", exc)
                return []
            return [e for value in fields for e in self.declared(value, where, "manifest")]
        section = readme_license_section(text)
        if not section:
            return []
        named = name_to_spdx(re.sub(r"(?im)^\W*licen[cs]e\W*$", "", section))  # the section's heading
        if named is not None:
            return [self._evidence(where, "readme", named, f"name: {section.strip()}"[:200], 100.0, "name")]
        return self.scan_text(section, where, "readme", fast=False)

    def folder_map(
        self, license_files: list[tuple[str, bytes]], host_license: str | None
    ) -> dict[str, Decision]:
        """``{folder: Decision}`` of one repository from its licence-like files and host licence."""
        by_folder: dict[str, list[dict[str, Any]]] = {}
        for path, data in sorted(license_files):
            for evidence in self.file_evidence(path, data):
                by_folder.setdefault(evidence["folder"], []).append(evidence)
        for folder, evidence in by_folder.items():
            # A README's licence section speaks only where no licence file or manifest does.
            if any(e["kind"] in ("license", "manifest") for e in evidence):
                by_folder[folder] = [e for e in evidence if e["kind"] != "readme"]
        host = (host_license or "").strip()
        if host.lower() not in _IGNORED_HOST:
            root = by_folder.get("")
            if root or self.cfg.prefer_host_license:
                by_folder.setdefault("", []).extend(
                    self.declared(host, {"host_field": "host_license", "folder": ""}, "host")
                )
        decisions = {folder: decide(evidence) for folder, evidence in sorted(by_folder.items()) if evidence}
        # A folder whose files said nothing about a licence (only notices) inherits from its parent.
        return {folder: d for folder, d in decisions.items() if d.verdict != lp.NO_LICENSE}

    # ------------------------------------------------------------------ files

    def header_evidence(self, path: str, data: bytes) -> list[dict[str, Any]]:
        """Evidence of a file's own licence notice (empty when the head has none)."""
        text = _decode(data[: 256 * self.cfg.header_lines])
        if text is None:
            return []
        head = file_head(text, self.cfg.header_lines)
        if not header_has_license_keywords(head):
            return []
        where = {"file": path, "folder": None}
        tags = [t for t in spdx_identifiers(head)]
        if tags:
            return [
                self._evidence(
                    where,
                    "header",
                    lp.normalize_expression(t) if lp.is_spdx_expression(t) else t,
                    "SPDX-License-Identifier",
                    100.0,
                    "spdx_identifier",
                )
                for t in tags
            ]
        return self.scan_text(head, where, "header", fast=False)

    def judge_file(self, path: str, data: bytes | None, folders: dict[str, Decision]) -> Decision:
        """The decision for one file of a repository whose ``folder_map`` is ``folders``."""
        folder = nearest_folder(path, folders)
        inherited = folders[folder] if folder is not None else Decision(None, lp.NO_LICENSE, [])
        if not self.cfg.file_headers or not data or license_file_kind(path) is not None:
            return inherited
        header = self.header_evidence(path, data)
        if not header:
            return inherited
        own = decide(header)
        if own.verdict in (lp.SCAN_ERROR, lp.SCAN_TIMEOUT):
            return Decision(inherited.expression, own.verdict, header + inherited.evidence)
        if own.expression is None or own.expression == inherited.expression:
            return Decision(inherited.expression, inherited.verdict, inherited.evidence + header)
        # The file's own notice differs from its folder's: it decides the file (issue 3 point 2).
        return Decision(own.expression, own.verdict, header + inherited.evidence)
