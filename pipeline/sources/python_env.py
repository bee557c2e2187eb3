"""The ``python-env`` source: every distribution installed in a Python environment as a repository.

A distribution ``<name>-<version>.dist-info`` becomes the repository ``<name>-<version>`` (source
``local``). Its files are the ones its ``RECORD`` lists, read from site-packages:

- paths outside site-packages (``../../bin/pip``) are skipped as ``outside_root``; byte code
  (``*.pyc``, ``__pycache__/``) as ``bytecode``; other dist-info files (``RECORD``, ``WHEEL``...) as
  ``package_metadata``;
- licence files of the dist-info (``LICENSE*``, ``COPYING*``, ``NOTICE*``, ``AUTHORS*``, ``licenses/**``)
  are presented at the repository ROOT (``LICENSE``; nested ones under ``LICENSES/...``), so licence
  detection applies them to the whole distribution;
- ``METADATA`` is presented as ``PKG-INFO`` at the root;
- with ``extensions`` set (``[".py"]``), other installed files are skipped as ``extension_not_selected``
  before they are read (the presented licence files and ``PKG-INFO`` always are read);
- the presented dist-info files come first, then the installed files in ``RECORD`` path order, so a
  ``build.limits.max_repo_bytes`` cap keeps the licence evidence and the first files of each distribution.

``host_license`` is the metadata's ``License-Expression``, else its ``License`` field when that is a
short SPDX-like id, else the trove classifiers mapped to SPDX ids (several joined with ``OR``).
This is the embedded demo corpus: real code under real permissive and copyleft licences, with real
near-duplicates (pip's ``_vendor`` copies of requests, urllib3, idna... beside their standalone installs).
"""

from __future__ import annotations

import csv
import fnmatch
import io
import os
import re
import sys
import sysconfig
from collections.abc import Iterator
from email.parser import HeaderParser
from typing import Any

from pipeline import fsio
from pipeline.config import PythonEnvSource
from pipeline.errors import FatalError
from pipeline.sources.archives import Event, RepoBudget
from pipeline.sources.local import iter_folder, read_file

LICENSE_FILE_RE = re.compile(r"^(licen[cs]e|copying|notice|authors)", re.IGNORECASE)
SPDX_LIKE_RE = re.compile(r"^[A-Za-z0-9.+-]+(\s+(AND|OR|WITH)\s+[A-Za-z0-9.+-]+)*$")

# Trove classifier (after "License :: ") -> SPDX id.
CLASSIFIER_SPDX = {
    "OSI Approved :: MIT License": "MIT",
    "OSI Approved :: MIT No Attribution License (MIT-0)": "MIT-0",
    "OSI Approved :: Apache Software License": "Apache-2.0",
    "OSI Approved :: BSD License": "BSD-3-Clause",
    "OSI Approved :: ISC License (ISCL)": "ISC",
    "OSI Approved :: Python Software Foundation License": "PSF-2.0",
    "OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
    "OSI Approved :: GNU General Public License v2 (GPLv2)": "GPL-2.0-only",
    "OSI Approved :: GNU General Public License v2 or later (GPLv2+)": "GPL-2.0-or-later",
    "OSI Approved :: GNU General Public License v3 (GPLv3)": "GPL-3.0-only",
    "OSI Approved :: GNU General Public License v3 or later (GPLv3+)": "GPL-3.0-or-later",
    "OSI Approved :: GNU Lesser General Public License v2 (LGPLv2)": "LGPL-2.0-only",
    "OSI Approved :: GNU Lesser General Public License v2 or later (LGPLv2+)": "LGPL-2.0-or-later",
    "OSI Approved :: GNU Lesser General Public License v3 (LGPLv3)": "LGPL-3.0-only",
    "OSI Approved :: GNU Lesser General Public License v3 or later (LGPLv3+)": "LGPL-3.0-or-later",
    "OSI Approved :: GNU Library or Lesser General Public License (LGPL)": "LGPL-2.1-or-later",
    "OSI Approved :: GNU Affero General Public License v3": "AGPL-3.0-only",
    "OSI Approved :: GNU Affero General Public License v3 or later (AGPLv3+)": "AGPL-3.0-or-later",
    "OSI Approved :: Eclipse Public License 2.0 (EPL-2.0)": "EPL-2.0",
    "OSI Approved :: The Unlicense (Unlicense)": "Unlicense",
    "OSI Approved :: zlib/libpng License": "Zlib",
    "OSI Approved :: Historical Permission Notice and Disclaimer (HPND)": "HPND",
    "OSI Approved :: Academic Free License (AFL)": "AFL-3.0",
    "OSI Approved :: Boost Software License 1.0 (BSL-1.0)": "BSL-1.0",
    "CC0 1.0 Universal (CC0 1.0) Public Domain Dedication": "CC0-1.0",
    "Public Domain": "LicenseRef-Public-Domain",
}
# Common long License fields -> SPDX (the field is free text; only unambiguous names are mapped).
LICENSE_FIELD_SPDX = {
    "mit license": "MIT", "the mit license": "MIT", "apache 2.0": "Apache-2.0",
    "apache license 2.0": "Apache-2.0", "apache license, version 2.0": "Apache-2.0",
    "apache software license": "Apache-2.0", "new bsd license": "BSD-3-Clause",
    "3-clause bsd license": "BSD-3-Clause", "bsd 3-clause license": "BSD-3-Clause",
}


def site_packages(cfg: PythonEnvSource) -> str:
    path = cfg.path or sysconfig.get_paths()["purelib"]
    if not os.path.isdir(path):
        raise FatalError(f"python-env: site-packages directory not found: {path}")
    return path


def list_entries(cfg: PythonEnvSource) -> list[dict[str, Any]]:
    """One entry per ``*.dist-info`` of site-packages passing include/exclude, sorted by name."""
    site = site_packages(cfg)
    entries = []
    for name in sorted(os.listdir(site)):
        if not name.endswith(".dist-info"):
            continue
        dist, _, version = name[: -len(".dist-info")].partition("-")
        if cfg.include and not any(_match(dist, pat) for pat in cfg.include):
            continue
        if any(_match(dist, pat) for pat in cfg.exclude):
            continue
        entries.append({"kind": "dist", "location": os.path.join(site, name), "site": site,
                        "source": "local", "repo": f"{dist}-{version}", "meta": {},
                        "extensions": [e.lower() for e in cfg.extensions]})
    entries.sort(key=lambda e: e["repo"].lower())
    if cfg.max_repositories is not None:
        entries = entries[: cfg.max_repositories]
    if cfg.include_stdlib:
        entries.append({"kind": "stdlib", "location": sysconfig.get_paths()["stdlib"], "source": "local",
                        "repo": f"python-stdlib-{sys.version_info.major}.{sys.version_info.minor}",
                        "meta": {"host_license": "PSF-2.0"}})
    return entries


def _match(dist: str, pattern: str) -> bool:
    norm = lambda s: re.sub(r"[-_.]+", "-", s).lower()  # noqa: E731 -- PEP 503 name normalisation
    return fnmatch.fnmatchcase(norm(dist), norm(pattern))


def host_license(metadata_text: str) -> str | None:
    """The distribution's declared licence as an SPDX-like expression, or ``None``."""
    headers = HeaderParser().parsestr(metadata_text, headersonly=True)
    expression = (headers.get("License-Expression") or "").strip()
    if expression:
        return expression
    field = (headers.get("License") or "").strip()
    if field and "\n" not in field and len(field) <= 64:
        if field.lower() in LICENSE_FIELD_SPDX:
            return LICENSE_FIELD_SPDX[field.lower()]
        if SPDX_LIKE_RE.match(field) and field.upper() not in ("UNKNOWN", "BSD", "GPL", "LGPL", "DUAL"):
            return field
    ids = []
    for classifier in headers.get_all("Classifier") or []:
        _, _, rest = classifier.partition("License :: ")
        spdx = CLASSIFIER_SPDX.get(rest.strip())
        if spdx and spdx not in ids:
            ids.append(spdx)
    return " OR ".join(ids) or None


def presented_path(rel_in_dist_info: str, installed: set[str]) -> str | None:
    """Where a dist-info file appears in the repository, or ``None`` when it is not presented.

    ``METADATA`` -> ``PKG-INFO``; ``LICENSE*``/``COPYING*``/``NOTICE*``/``AUTHORS*`` and
    ``licenses/<name>`` -> ``<name>`` at the root; ``licenses/<dir>/<name>`` -> ``LICENSES/<dir>/<name>``.
    A root name that an installed file already uses moves under ``LICENSES/`` instead.
    """
    if rel_in_dist_info == "METADATA":
        return "PKG-INFO"
    if rel_in_dist_info.startswith("licenses/"):
        name = rel_in_dist_info[len("licenses/"):]
    elif "/" not in rel_in_dist_info and LICENSE_FILE_RE.match(rel_in_dist_info):
        name = rel_in_dist_info
    else:
        return None
    if "/" in name or name in installed:
        return f"LICENSES/{name}"
    return name


def iter_distribution(entry: dict[str, Any], budget: RepoBudget) -> Iterator[Event]:
    """Events of one distribution; ``entry['meta']['host_license']`` is filled from its METADATA."""
    if entry["kind"] == "stdlib":
        yield from iter_folder(entry["location"], budget,
                               exclude_dirs=frozenset({"site-packages", "dist-packages", "__pycache__"}))
        return
    dist_info = entry["location"]
    site = entry["site"]
    info_name = os.path.basename(dist_info)
    metadata_path = os.path.join(dist_info, "METADATA")
    if os.path.exists(metadata_path):
        entry["meta"]["host_license"] = host_license(fsio.read_bytes(metadata_path).decode("utf-8", "replace"))
    record_path = os.path.join(dist_info, "RECORD")
    if not os.path.exists(record_path):
        yield Event("reject", "RECORD", "missing_record", detail=f"{info_name} has no RECORD")
        return
    rows = [row[0] for row in csv.reader(io.StringIO(fsio.read_text(record_path))) if row and row[0]]
    installed = {p for p in rows if not p.startswith((info_name + "/", "../", "/"))}
    extensions = tuple(entry.get("extensions") or ())
    for rel in sorted(set(rows), key=lambda r: (not r.startswith(info_name + "/"), r)):
        if rel.startswith(("../", "/")) or os.path.isabs(rel):
            yield Event("skip", rel, "outside_root")
            continue
        if rel.endswith((".pyc", ".pyo")) or "__pycache__/" in rel:
            yield Event("skip", rel, "bytecode")
            continue
        full = os.path.join(site, rel)
        shown = rel
        if rel.startswith(info_name + "/"):
            shown = presented_path(rel[len(info_name) + 1:], installed)
            if shown is None:
                yield Event("skip", rel, "package_metadata")
                continue
        elif extensions and not rel.lower().endswith(extensions):
            yield Event("skip", rel, "extension_not_selected")
            continue
        if not os.path.isfile(full) or os.path.islink(full):
            yield Event("skip", shown, "symlink" if os.path.islink(full) else "missing_file")
            continue
        yield from read_file(full, shown, os.path.getsize(full), budget)
