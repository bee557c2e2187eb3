"""Adversarial licence texts: realistic edits of real permissive licences are never kept, their clean
counterparts always are (residue rule, docs/licensing.md).

Generated here from the licence texts shipped with scancode-toolkit (``licensedcode/data/licenses``):
MIT, BSD-2-Clause, BSD-3-Clause and Apache-2.0 (InCoder's four), each with a copyright line. Every text
is judged the way the build judges a repository's licence files (``LicenseDetector.folder_map``).
Goal: 0 restricted texts let through, at least 99% of clean texts kept.
"""

from __future__ import annotations

import json
import re

import pytest

from pipeline.config import LicenseConfig
from pipeline.licensing import policy as lp
from pipeline.licensing.detect import LicenseDetector
from pipeline.licensing.scancode_data import licence_text

HOLDER = "Copyright (c) 2024 Jane Doe"
BASES = {"mit": "MIT", "bsd-simplified": "BSD-2-Clause", "bsd-new": "BSD-3-Clause", "apache-2.0": "Apache-2.0"}

RIDERS = {
    "field of use": "The Software shall be used for peaceful purposes only.",
    "non-commercial": "Commercial use of the Software is not permitted without a separate written agreement.",
    "no ml training": "The Software may not be used to train machine learning or artificial intelligence models.",
    "no government": "The Software may not be used by or on behalf of any government agency.",
    "internal use only": "Use of the Software is limited to your internal business operations.",
    "cite": "You agree to cite the authors' paper in any publication that uses the Software.",
    "register": "Users are asked to register at https://example.invalid before deploying the Software.",
    "no evil": "The Software shall be used for Good, not Evil.",
    "patent termination": "If you initiate patent litigation against any contributor, the rights granted to you "
    "by this license terminate on the date such litigation is filed.",
    "notify": "Please notify the authors by e-mail of every product that includes this Software.",
    "anti-996": "The Software may not be used by any individual or legal entity that violates labor laws "
    "regarding working hours.",
    "hippocratic": "The Software may not be used by individuals, corporations, governments, or other groups "
    "for systems or activities that endanger the physical, mental, economic or general well-being of people.",
}
COPYRIGHT_RIDERS = [
    "Copyright (c) 2024 Jane Doe. Non-commercial use only.",
    "Copyright (c) 2024 Jane Doe - not for military use",
    "Copyright (c) 2024 Jane Doe, licensed for academic research only",
    "Copyright (c) 2024 Jane Doe. Internal evaluation purposes.",
    "Copyright (c) 2024 Jane Doe; no use by government agencies",
    "Copyright (c) 2024 ACME. Redistribution prohibited.",
    "Copyright (c) 2024 ACME Proprietary and Confidential",
]
# The lead of a section that names a file under another licence (pipeline.licensing.scopes).
SCOPE_LEAD = "The file src/vendor/md5.js is licensed under the MIT license, reproduced below."
HEADINGS = ["License", "# Copyright and License", "LICENSE\n======="]  # a section's own heading
OTHER_TITLES = ["GNU General Public License v3.0", "Creative Commons Attribution-NonCommercial 4.0 International",
                "Business Source License 1.1", "Server Side Public License"]
# (base, old, new): a deleted or altered condition of one licence.
CHANGED = [
    ("mit", "and/or sell copies", "copies"),
    ("mit", "free of charge", "for a fee agreed in writing"),
    ("mit", "The above copyright notice and this permission notice shall be included in all copies or "
     "substantial portions of the Software.", ""),
    ("mit", "to deal in the Software without restriction", "to deal in the Software for personal use"),
    ("mit", "Permission is hereby granted", "Permission is hereby conditionally granted"),
    ("bsd-new", "with or without modification", "without modification"),
    ("bsd-new", "Redistributions of source code must retain the above copyright notice, this list of "
     "conditions and the following disclaimer.", ""),  # (clause 3 removed would be BSD-2-Clause, word for word)
    ("bsd-new", "Redistributions in binary form must reproduce", "Redistributions in binary form are not permitted "
     "and must not reproduce"),
    ("bsd-new", "are permitted provided", "are permitted for non-profit organisations provided"),
    ("bsd-simplified", "Redistributions of source code must retain the above copyright notice, this list of "
     "conditions and the following disclaimer.", ""),
    ("bsd-simplified", "source and binary forms", "source form"),
    ("apache-2.0", "perpetual, worldwide, non-exclusive", "revocable, worldwide, non-exclusive"),
    ("apache-2.0", "royalty-free, irrevocable copyright license", "royalty-bearing, irrevocable copyright license"),
]


def paragraphs(key: str) -> str:
    """scancode's own text of a licence, each paragraph on one line (so phrases can be edited)."""
    text = licence_text(key)
    return "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip())) + "\n"


def base(key: str) -> str:
    return f"{HOLDER}\nAll rights reserved.\n\n{paragraphs(key)}"


def wrap(text: str, width: int) -> str:
    out = []
    for para in text.split("\n\n"):
        words, line, lines = para.split(), "", []
        for word in words:
            if line and len(line) + len(word) >= width:
                lines.append(line)
                line = ""
            line += (" " if line else "") + word
        lines.append(line)
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


def restricted_texts() -> list[tuple[str, str]]:
    cases: list[tuple[str, str]] = []
    for key in BASES:
        text = base(key)
        body = paragraphs(key)
        for name, rider in RIDERS.items():
            cases.append((f"{key}+{name} (end)", text + "\n" + rider + "\n"))
            cases.append((f"{key}+{name} (same line)", text.rstrip() + " " + rider + "\n"))
            first, rest = body.split("\n\n", 1)
            cases.append((f"{key}+{name} (inside)", f"{HOLDER}\n\n{first}\n\n{rider}\n\n{rest}"))
        cases.append((f"{key}+rider (preface)", f"{HOLDER}\n\n{RIDERS['non-commercial']}\n\n{body}"))
        for i, line in enumerate(COPYRIGHT_RIDERS):
            cases.append((f"{key}+copyright rider {i}", f"{line}\n\n{body}"))
        for title in OTHER_TITLES:
            cases.append((f"{key}+title {title}", f"{title}\n\n{text}"))
        cases.append((f"{key}+commons clause", licence_text("commons-clause") + "\n\n" + text))
        # the grammar's pointer, holder title and provenance forms, carrying terms
        cases.append((f"{key}+pointer to other terms", text + "\nAs well as the file ADDITIONAL-TERMS.txt adjacent to "
                                                      "this file.\n"))
        cases.append((f"{key}+holder title with a purpose", f"The Doe Non-Commercial License\n\n{text}"))
        cases.append((f"{key}+provenance with a term", text + "\nNo code of this project may be used to create "
                                                          "commercial products.\n"))
        cases.append((f"{key}+commons clause after", text + "\n\n" + licence_text("commons-clause")))
        # an address that names a term, which the fast path's and the templates' normaliser drops with every URL
        cases.append((f"{key}+term URL in the title", f"[{BASES[key]} License](https://example.com/non-commercial-terms)"
                                                      f"\n\n{text}"))
        first_line = body.split("\n", 1)[0]
        cases.append((f"{key}+term URL inside", text.replace(first_line, first_line + " (https://example.com/no-commercial-use)", 1)))
        # a rider after a section that names files under another licence (pipeline.licensing.scopes) is not
        # confined to those files
        for name, rider in RIDERS.items():
            cases.append((f"{key}+{name} (after a section naming files)", f"{text}\n{SCOPE_LEAD}\n\n{base('mit')}\n{rider}\n"))
        # Under a heading, scancode's match of the licence's text starts at the heading, so its line range
        # holds the copyright lines and whatever paragraph follows them: they are read all the same.
        for name, rider in RIDERS.items():
            cases.append((f"{key}+{name} (after the copyright, under a heading)",
                          f"{HEADINGS[0]}\n\n{text.replace(chr(10) * 2, chr(10) * 2 + rider + chr(10) * 2, 1)}"))
        for i, line in enumerate(COPYRIGHT_RIDERS):
            cases.append((f"{key}+copyright rider {i} (under a heading)", f"{HEADINGS[1]}\n\n{line}\n\n{body}"))
    for key, old, new in CHANGED:
        text = base(key)
        assert old in text, old
        cases.append((f"{key}: {old[:30]!r} -> {new[:30]!r}", text.replace(old, new, 1)))
    return cases


def clean_texts() -> list[tuple[str, str]]:
    cases: list[tuple[str, str]] = []
    holders = "Copyright (c) 2019-2024 Jane Doe <jane@example.org>\nCopyright (c) 2021 Acme Corp. and contributors\n"
    for key, spdx in BASES.items():
        body = paragraphs(key)
        if key == "bsd-new":
            body_named = body.replace("the ORGANIZATION", "Acme Corp")
        else:
            body_named = body
        if key == "apache-2.0":
            body_named = body.replace("[yyyy] [name of copyright owner]", "2024 Acme Corp")
        variants = {
            "plain": base(key),
            "several holders": holders + "\n" + body,
            "all rights reserved": f"{HOLDER}. All Rights Reserved.\n\n{body}",
            "holder named": f"{HOLDER}\n\n{body_named}",
            "own title": f"{spdx} License\n\n{HOLDER}\n\n{body}",
            "markdown": f"# License\n\n**{HOLDER}**\n\n" + re.sub(r"(?m)^(\d)\. ", r"\1) ", body),
            "crlf": base(key).replace("\n", "\r\n"),
            "spdx line": f"SPDX-License-Identifier: {spdx}\n\n{HOLDER}\n\n{body}",
            "url": f"{HOLDER}\n\n{body}\nhttps://opensource.org/licenses/{spdx}\n",
            "some rights reserved": f"{HOLDER}. Some rights reserved.\n\n{body}",
            "holder title": f"The Doe Widgets License\n\n{HOLDER}\n\n{body}",
        }
        variants["a section naming files"] = f"{base(key)}\n{SCOPE_LEAD}\n\n{base('mit')}"
        for heading in HEADINGS:
            variants[f"heading {heading!r}"] = f"{heading}\n\n{base(key)}"
            variants[f"heading {heading!r}, wrapped 40 named"] = f"{heading}\n\n" + wrap(f"{holders}\n{body_named}", 40)
        for width in (40, 60, 72, 100):
            variants[f"wrapped {width}"] = wrap(base(key), width)
            variants[f"wrapped {width} named"] = wrap(f"{holders}\n{body_named}", width)
            variants[f"commented {width}"] = "".join(f"# {ln}\n" if ln else "#\n" for ln in wrap(base(key), width).splitlines())
        for name, text in variants.items():
            cases.append((f"{key} {name}", text))
    return cases


@pytest.fixture(scope="module")
def detector() -> LicenseDetector:
    return LicenseDetector(LicenseConfig()).setup()


def verdict(detector: LicenseDetector, files: dict[str, str]) -> str:
    folders = detector.folder_map([(p, t.encode()) for p, t in files.items()], None)
    return folders[""].verdict if "" in folders else lp.NO_LICENSE


@pytest.mark.slow
def test_no_restricted_text_is_kept(detector):
    let_through = [name for name, text in restricted_texts() if verdict(detector, {"LICENSE": text}) == lp.PERMISSIVE]
    assert let_through == []


@pytest.mark.slow
def test_clean_texts_are_kept(detector):
    cases = clean_texts()
    lost = [name for name, text in cases if verdict(detector, {"LICENSE": text}) != lp.PERMISSIVE]
    assert len(lost) <= 0.01 * len(cases), lost


@pytest.mark.parametrize("key", ["mit", "bsd-new"])
def test_sample_of_edits(detector, key):
    """A quick sample of both suites (the full ones are marked slow)."""
    text = base(key)
    assert verdict(detector, {"LICENSE": text}) == lp.PERMISSIVE
    assert verdict(detector, {"LICENSE": wrap(text, 50)}) == lp.PERMISSIVE
    rider = verdict(detector, {"LICENSE": text + "\n" + RIDERS["cite"] + "\n"})
    assert rider == lp.MODIFIED
    assert verdict(detector, {"LICENSE": COPYRIGHT_RIDERS[0] + "\n\n" + paragraphs(key)}) != lp.PERMISSIVE
    # A rider paragraph inside the line range of scancode's match (from the heading on) was once kept.
    under = text.replace("\n\n", "\n\n" + RIDERS["cite"] + "\n\n", 1)
    assert verdict(detector, {"LICENSE": f"License\n\n{under}"}) != lp.PERMISSIVE
    assert verdict(detector, {"LICENSE": f"# Copyright and License\n\n{text}"}) == lp.PERMISSIVE


@pytest.mark.parametrize(
    "extra, expected",
    [
        ({"PATENTS": licence_text("facebook-patent-rights-2")}, lp.PERMISSIVE),
        ({"COMMONS_CLAUSE.txt": licence_text("commons-clause")}, lp.PERMISSIVE),
        ({"ADDITIONAL_TERMS.md": RIDERS["no ml training"] + "\n"}, lp.PERMISSIVE),
        ({"NOTICE": "Acme Widgets\nCopyright 2024 Acme Corp\n\n" + RIDERS["internal use only"] + "\n"}, lp.PERMISSIVE),
        ({"LICENSE-EXTRA": RIDERS["non-commercial"] + "\n"}, lp.PERMISSIVE),
        ({"NOTICE": "Acme Widgets\nCopyright 2024 Acme Corp\n\nThis product includes software developed at\n"
                    "The Apache Software Foundation (https://www.apache.org/).\n"}, None),
    ],
)
def test_additional_terms_files_join_the_folder(detector, extra, expected):
    """PATENTS, ADDITIONAL_TERMS, a Commons Clause, LICENSE-* and NOTICE are licence-bearing: their terms
    join the folder's licence (or are residue); a NOTICE of attributions only changes nothing."""
    got = verdict(detector, {"LICENSE": base("bsd-new"), **extra})
    if expected is None:
        assert got == lp.PERMISSIVE
    else:
        assert got != expected, got


# Short notices in file headers (scancode notice rules, not licence texts): the words around a notice on its
# own lines are read against the rule's text (docs/licensing.md, "Words beside a notice").
NOTICES = {
    "MIT": ["Licensed under the MIT License.", "This file is released under the MIT license.",
            "Distributed under the terms of the MIT License."],
    "BSD-3-Clause": ["Use of this source code is governed by a BSD-style license that can be found in the "
                     "LICENSE file."],
    "Apache-2.0": ['Licensed under the Apache License, Version 2.0 (the "License");\nyou may not use this file '
                   "except in compliance with the License.\nYou may obtain a copy of the License at\n\n"
                   "    http://www.apache.org/licenses/LICENSE-2.0\n\nUnless required by applicable law or agreed to "
                   'in writing, software\ndistributed under the License is distributed on an "AS IS" BASIS,\n'
                   "WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.\nSee the License for "
                   "the specific language governing permissions and\nlimitations under the License."],
}


def header(notice: str, before: str = "", after: str = "") -> str:
    """A Python file whose head comment is the copyright line and ``notice``."""
    lines = [HOLDER, *(before.splitlines() if before else []), *notice.splitlines()]
    if after:
        lines[-1] = lines[-1] + " " + after
    return "".join(f"# {ln}\n" if ln else "#\n" for ln in lines) + "\nimport os\n"


def header_cases() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """``(restricted, clean)`` headers: a rider written on the notice's last line, or the line after it;
    the notice plain, after an encoding line, with a pointer to the licence file."""
    restricted, clean = [], []
    for spdx, notices in NOTICES.items():
        for i, notice in enumerate(notices):
            for name, rider in RIDERS.items():
                restricted.append((f"{spdx} notice {i} + {name} (same line)", header(notice, after=rider)))
                restricted.append((f"{spdx} notice {i} + {name} (next line)", header(notice + "\n" + rider)))
            clean.append((f"{spdx} notice {i}", header(notice)))
            clean.append((f"{spdx} notice {i} encoding", "# -*- coding: utf-8 -*-\n" + header(notice)))
            clean.append((f"{spdx} notice {i} shebang", "#!/usr/bin/env python\n" + header(notice)))
            clean.append((f"{spdx} notice {i} pointer", header(notice, after="(See LICENSE file for details.)")))
    return restricted, clean


def header_verdict(detector: LicenseDetector, text: str, path: str = "pkg/mod.py") -> str:
    return detector.judge_file(path, text.encode(), {}).verdict


@pytest.mark.slow
def test_no_restricted_header_is_kept_and_clean_headers_are(detector):
    restricted, clean = header_cases()
    let_through = [name for name, text in restricted if header_verdict(detector, text) == lp.PERMISSIVE]
    assert let_through == []
    lost = [name for name, text in clean if header_verdict(detector, text) != lp.PERMISSIVE]
    assert lost == []


# Whole licence texts in file headers (a comment block, a module docstring): a rider paragraph between the
# copyright line and the text, or after the text in the same comment or docstring, is read (for terms:
# docs/licensing.md, "File headers"); a description of the file in those places is not a rider.
DESCRIPTION = "This module parses configuration files and caches the results."


STYLES = ("comment", "docstring", "block", "stars")
PATHS = {"block": "pkg/mod.c", "stars": "pkg/mod.c"}  # the others are Python files


def in_head(text: str, style: str) -> str:
    if style == "docstring":
        return f'"""mymodule: a tool.\n\n{text}"""\n\nimport os\n'
    if style == "block":  # a C block comment without a marker on each line
        return f"/*\n{text}*/\n\nint x;\n"
    if style == "stars":
        return "/*\n" + "".join(f" * {ln}\n" if ln else " *\n" for ln in text.splitlines()) + " */\n\nint x;\n"
    return "".join(f"# {ln}\n" if ln else "#\n" for ln in text.splitlines()) + "\nimport os\n"


def licence_header_cases() -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """``(restricted, clean)``: ``(name, path, text)`` of heads whose comment or docstring holds a licence
    text with a rider paragraph above the copyright line, between it and the text, or after the text
    (or a description of the file in those places)."""
    restricted, clean = [], []
    for key in ("mit", "bsd-simplified", "bsd-new"):
        paras = wrap(base(key), 76).split("\n\n")
        for style in STYLES:
            path = PATHS.get(style, "pkg/mod.py")
            for i in (0, 1, len(paras)):  # above the copyright paragraph; after it; after the text
                for name in ("non-commercial", "cite", "no ml training"):
                    text = "\n\n".join(paras[:i] + [RIDERS[name]] + paras[i:]) + "\n"
                    restricted.append((f"{key} {style} + {name} at {i}", path, in_head(text, style)))
                text = "\n\n".join(paras[:i] + [DESCRIPTION] + paras[i:]) + "\n"
                clean.append((f"{key} {style} + description at {i}", path, in_head(text, style)))
            rider = "\n\n".join([COPYRIGHT_RIDERS[1], *paras[1:]]) + "\n"
            restricted.append((f"{key} {style} copyright rider", path, in_head(rider, style)))
            clean.append((f"{key} {style}", path, in_head("\n\n".join(paras) + "\n", style)))
    return restricted, clean


@pytest.mark.slow
def test_riders_around_a_licence_text_in_a_header_are_read(detector):
    restricted, clean = licence_header_cases()
    assert [name for name, path, text in restricted if header_verdict(detector, text, path) == lp.PERMISSIVE] == []
    assert [name for name, path, text in clean if header_verdict(detector, text, path) != lp.PERMISSIVE] == []


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("where", ["above", "below"])
def test_a_rider_elsewhere_in_the_comment_of_a_licence_text(detector, style, where):
    """A quick sample of the suite above: a rider paragraph above the copyright line, or below the text in
    a block comment without a marker on each line, was once kept (it lay outside the notice block)."""
    paras = wrap(base("mit"), 76).split("\n\n")
    at = 0 if where == "above" else len(paras)
    rider = "\n\n".join(paras[:at] + [RIDERS["no ml training"]] + paras[at:]) + "\n"
    assert header_verdict(detector, in_head(rider, style), PATHS.get(style, "pkg/mod.py")) != lp.PERMISSIVE
    described = "\n\n".join(paras[:at] + [DESCRIPTION] + paras[at:]) + "\n"
    assert header_verdict(detector, in_head(described, style), PATHS.get(style, "pkg/mod.py")) == lp.PERMISSIVE


@pytest.mark.parametrize("style", ["comment", "docstring"])
def test_a_rider_after_the_copyright_line_of_a_header(detector, style):
    """A quick sample of the suite above: both were once kept (only the comment lines in the same
    paragraph as scancode's match were read)."""
    paras = wrap(base("mit"), 76).split("\n\n")
    rider = "\n\n".join(paras[:1] + [RIDERS["cite"]] + paras[1:]) + "\n"
    assert header_verdict(detector, in_head(rider, style)) != lp.PERMISSIVE
    described = "\n\n".join(paras[:1] + [DESCRIPTION] + paras[1:]) + "\n"
    assert header_verdict(detector, in_head(described, style)) == lp.PERMISSIVE


# Riders stated apart from the notice: in a comment of its own beside a file's notice, in the comment that
# holds its SPDX tag, in the README's licence section beside a licence file (docs/licensing.md, "How a
# file's licence is decided").
APART = list(RIDERS)


def apart_cases(name: str) -> list[tuple[str, str, dict[str, str] | str]]:
    """``(case, kind, input)``: a file's text (kind "file") or a folder's files (kind "folder")."""
    rider = RIDERS[name]
    notice = f"# {HOLDER}\n# Licensed under the MIT License.\n"
    return [
        (f"{name}: comment below the notice", "file", f"{notice}\n# {rider}\n\nx = 1\n"),
        (f"{name}: comment above the notice", "file", f"# {rider}\n\n{notice}\nx = 1\n"),
        (f"{name}: SPDX tag's comment", "file", f"# SPDX-License-Identifier: MIT\n# {rider}\n\nx = 1\n"),
        (f"{name}: README beside LICENSE", "folder", {"LICENSE": base("mit"), "README.md": f"# Tool\n\n## License\n\nMIT. {rider}\n"}),
        (f"{name}: README beside package.json", "folder",
         {"package.json": '{"name": "tool", "license": "MIT"}', "README.md": f"# Tool\n\n## License\n\n{rider}\n"}),
    ]


def apart_verdict(detector: LicenseDetector, kind: str, given) -> str:
    return header_verdict(detector, given) if kind == "file" else verdict(detector, given)


@pytest.mark.slow
def test_no_rider_stated_apart_from_the_notice_is_kept(detector):
    cases = [case for name in APART for case in apart_cases(name)]
    assert [case for case, kind, given in cases if apart_verdict(detector, kind, given) == lp.PERMISSIVE] == []


@pytest.mark.parametrize("name", ["no ml training", "cite", "anti-996"])
def test_a_rider_stated_apart_from_the_notice(detector, name):
    """A quick sample of the suite above: each position was once kept."""
    for case, kind, given in apart_cases(name):
        assert apart_verdict(detector, kind, given) != lp.PERMISSIVE, case


# Short riders, as people write them: a purpose, a party, a sale, a command to credit or ask, written
# short and with the negation contracted. Each in every place a licence is read: the licence file (after the
# text, before it, on its copyright line), a file's notice (on its line, on the next line, in the comment
# of its SPDX tag, with a copyright line there too), a README's licence section (beside a licence file, a
# manifest, or alone), a comment on a manifest's licence declaration (``manifest_cases``: TOML, setup.cfg,
# setup.py, a gemspec, package.json's "//" key, a POM; not read before 2026-12-07 night), above a notice's
# copyright line or SPDX tag in its paragraph, on or under a licence file's title (where a command to the
# licensee, "Credit the author in your product.", was kept until 2026-12-07 night). In a comment of its
# own beside a file's notice, where code comments say "For internal use only" of an API, only the riders
# with a purpose no API note names, or a sale, are read (docs/licensing.md, "How a file's licence is
# decided").
SHORT_RIDERS = [
    "Not for commercial use.", "Non-commercial use only.", "For internal use only.", "For personal use only.",
    "Not for resale.", "Do not redistribute.", "Redistribution is prohibited.", "For educational purposes only.",
    "Academic use only.", "Evaluation only.", "No commercial use.", "Research use only.",
    "Commercial use requires a license.", "Contact us for commercial licensing.", "Not to be used for military purposes.",
    "Don't use this for evil.", "Do not use in production.", "No AI training.", "Do not use for training AI models.",
    "Attribution required.", "Credit the author in your product.", "Free for non-commercial use.",
    "All commercial rights reserved.", "Licensed for use on a single machine.", "Ask permission before use.",
    "Not for use in weapons.", "Please don't sell this.", "You must link back to this repository.",
    "Keep the author's name in the about box.", "No use by Acme Corp competitors.", "Only for open source projects.",
    "Closed-source use is not allowed.", "Hobby use only.", "Students only.", "Do not sell.",
]
# Of them, those read in a comment of their own beside the notice.
APART_SHORT = ["Not for commercial use.", "Non-commercial use only.", "Academic use only.", "No commercial use.",
               "Not to be used for military purposes.", "Don't use this for evil.", "Not for resale.",
               "Do not redistribute.", "Please don't sell this.", "Do not sell.", "Free for non-commercial use."]


def manifest_cases(note: str) -> list[tuple[str, str, dict[str, str] | str]]:
    """``note`` written as a comment on a manifest's licence declaration, in each syntax the build reads
    (docs/licensing.md, "Manifests")."""
    return [
        ("pyproject.toml, on the licence line", "folder",
         {"pyproject.toml": f'[project]\nname = "tool"\nlicense = "MIT"  # {note}\n'}),
        ("pyproject.toml, above the licence", "folder",
         {"pyproject.toml": f'[project]\nname = "tool"\n# {note}\nlicense = "MIT"\n'}),
        ("pyproject.toml, on a classifier", "folder",
         {"pyproject.toml": f'[project]\nname = "tool"\nclassifiers = [\n    "License :: OSI Approved :: MIT License",  # {note}\n]\n'}),
        ("Cargo.toml, on the licence line", "folder", {"Cargo.toml": f'[package]\nname = "tool"\nlicense = "MIT"  # {note}\n'}),
        ("setup.cfg, above the licence", "folder", {"setup.cfg": f"[metadata]\nname = tool\n# {note}\nlicense = MIT\n"}),
        ("setup.py, on the licence argument", "folder",
         {"setup.py": f'from setuptools import setup\n\nsetup(\n    name="tool",\n    license="MIT",  # {note}\n)\n'}),
        ("gemspec, above the licence", "folder",
         {"tool.gemspec": f'Gem::Specification.new do |s|\n  s.name = "tool"\n  # {note}\n  s.license = "MIT"\nend\n'}),
        ("package.json, a \"//\" key beside the licence", "folder",
         {"package.json": json.dumps({"name": "tool", "license": "MIT", "//": note})}),
        ("POM, in <licenses>", "folder",
         {"pom.xml": f"<project><licenses><!-- {note} --><license><name>MIT</name></license></licenses></project>"}),
    ]


def short_cases(rider: str) -> list[tuple[str, str, dict[str, str] | str]]:
    notice = f"# {HOLDER}\n# Licensed under the MIT License.\n"
    cases = [
        ("licence file, after", "folder", {"LICENSE": base("mit") + "\n" + rider + "\n"}),
        ("licence file, before", "folder", {"LICENSE": rider + "\n\n" + base("mit")}),
        ("licence file, copyright line", "folder", {"LICENSE": base("mit").replace(HOLDER, f"{HOLDER}. {rider}")}),
        ("BSD file, after", "folder", {"LICENSE": base("bsd-new") + "\n" + rider + "\n"}),
        ("notice, same line", "file", f"# {HOLDER}\n# Licensed under the MIT License. {rider}\n\nx = 1\n"),
        ("notice, next line", "file", f"{notice}# {rider}\n\nx = 1\n"),
        ("SPDX tag's comment", "file", f"# SPDX-License-Identifier: MIT\n# {rider}\n\nx = 1\n"),
        ("SPDX tag's comment, copyright line", "file", f"# {HOLDER}\n# SPDX-License-Identifier: MIT\n# {rider}\n\nx = 1\n"),
        ("README beside LICENSE", "folder", {"LICENSE": base("mit"), "README.md": f"# Tool\n\n## License\n\nMIT. {rider}\n"}),
        ("README beside LICENSE, a paragraph", "folder",
         {"LICENSE": base("mit"), "README.md": f"# Tool\n\n## License\n\nMIT\n\n{rider}\n"}),
        ("README beside package.json", "folder",
         {"package.json": '{"name": "tool", "license": "MIT"}', "README.md": f"# Tool\n\n## License\n\n{rider}\n"}),
        ("README alone", "folder", {"README.md": f"# Tool\n\n## License\n\nMIT License. {rider}\n"}),
        *manifest_cases(rider),
        ("notice, above its copyright line", "file", f"# {rider}\n{notice}\nx = 1\n"),
        ("SPDX tag, above it", "file", f"# {rider}\n# SPDX-License-Identifier: MIT\n\nx = 1\n"),
        ("JSDoc @license, above its copyright line", "file", f"/**\n * {rider}\n * {HOLDER}\n * @license MIT\n */\nvar x = 1;\n"),
        ("licence file, on its title's line", "folder", {"LICENSE": f"MIT License. {rider}\n\n" + base("mit")}),
        ("licence file, under its title", "folder", {"LICENSE": f"MIT License\n{rider}\n" + base("mit")}),
    ]
    if rider in APART_SHORT:
        cases += [("a comment below the notice", "file", f"{notice}\n# {rider}\n\nx = 1\n"),
                  ("a comment above the notice", "file", f"# {rider}\n\n{notice}\nx = 1\n")]
    return cases


def kept_riders(places) -> list[str]:
    """Each short rider in each of ``places(rider)``: the ones kept (``"<rider> (<place>)"``)."""
    detector = LicenseDetector(LicenseConfig()).setup()
    return [f"{rider} ({case})" for rider in SHORT_RIDERS for case, kind, given in places(rider)
            if apart_verdict(detector, kind, given) == lp.PERMISSIVE]


@pytest.mark.slow
def test_no_short_rider_is_kept():
    assert kept_riders(short_cases) == []


@pytest.mark.parametrize("rider", ["Please don't sell this.", "Credit the author in your product.", "Students only.",
                                   "Not for commercial use."])
def test_a_short_rider(detector, rider):
    """A quick sample of the suite above: each was once kept in some place (a contracted negation, a
    command, a party, a rider scancode reads as a licence of its own beside an SPDX tag)."""
    for case, kind, given in short_cases(rider):
        assert apart_verdict(detector, kind, given) != lp.PERMISSIVE, case


# What the same places hold in real code and READMEs, and keep: an API note, a developer's command, a
# credit given, a pointer.
CLEAN_SHORT = [
    ("SPDX tag's comment", "file", "# SPDX-License-Identifier: MIT\n# Keep this list in sync with docs/index.md.\n\nx = 1\n"),
    ("SPDX tag's comment", "file", "# SPDX-License-Identifier: MIT\n# Include this header before <stdio.h>.\n\nx = 1\n"),
    ("notice's comment", "file", f"# {HOLDER}\n# Licensed under the MIT License.\n#\n# Keep the handlers below sorted by name.\n\nx = 1\n"),
    ("a comment below the notice", "file", f"# {HOLDER}\n# Licensed under the MIT License.\n\n# For internal use only.\n\nx = 1\n"),
    ("a comment below the notice", "file", f"# {HOLDER}\n# Licensed under the MIT License.\n\n# Do not modify: generated by protoc.\n\nx = 1\n"),
    ("a comment below the notice", "file", f"# {HOLDER}\n# Licensed under the MIT License.\n\n# Not used on Windows.\n\nx = 1\n"),
    ("README beside LICENSE", "folder", {"LICENSE": base("mit"), "README.md": "# Tool\n\n## License\n\nMIT © Jane Doe\n"}),
    ("a description above the notice", "file", f"# Helpers to read config files.\n# {HOLDER}\n# Licensed under the MIT License.\n\nx = 1\n"),
    ("a description above the notice", "file", f"# Keep in sync with the C header.\n# {HOLDER}\n# Licensed under the MIT License.\n\nx = 1\n"),
    ("licence file, a title", "folder", {"LICENSE": "The MIT License (MIT)\n\n" + base("mit")}),
    ("README beside LICENSE", "folder",
     {"LICENSE": base("mit"), "README.md": "# Tool\n\n## License\n\nLicensed under the MIT License. See LICENSE for details.\n"}),
    ("README beside LICENSE", "folder",
     {"LICENSE": base("mit"), "README.md": "# Tool\n\n## License\n\nMIT\n\nThanks to Jane Doe for the original design.\n"}),
]


# Comments real manifests write on their licence declarations (the POMs' in a Maven repository; PEP 639's
# migration, in scipy 1.18.1's pyproject.toml), and keep.
CLEAN_MANIFEST_NOTES = ["License of this POM", "TODO remove when upgrading to ASF-15", "SPDX license expression (PEP 639)",
                        "this is the license under which tool is usually distributed", "see LICENSE",
                        "TODO: add `license-files` once PEP 639 is accepted (see meson-python#88) at that point, no "
                        "longer include them in `py3.install_sources()`"]


def test_clean_short_notes_are_kept(detector):
    clean = CLEAN_SHORT + [case for note in CLEAN_MANIFEST_NOTES for case in manifest_cases(note)]
    assert [(case, given) for case, kind, given in clean if apart_verdict(detector, kind, given) != lp.PERMISSIVE] == []


# An address with a term, in every place a licence is read besides licence files (there since
# 2026-12-07 evening): a README's licence section, a notice's line, the comment of an SPDX tag, a JSDoc
# @license tag, a POM's <url> and a .nuspec's licenseUrl. A link's target is not read as words by the
# fast path, the templates or scancode's rules, so a term written as an address was kept before.
TERM_URLS = ["https://example.com/terms/non-commercial-use-only", "https://example.com/licenses/mit-noncommercial",
             "https://example.com/research-only-license", "https://example.com/legal/no-military-use"]


def url_cases(url: str) -> list[tuple[str, str, dict[str, str] | str]]:
    return [
        ("README alone, a link", "folder", {"README.md": f"# Tool\n\n## License\n\nLicensed under the [MIT License]({url}).\n"}),
        ("README alone, an address", "folder", {"README.md": f"# Tool\n\n## License\n\nMIT License, see {url}\n"}),
        ("README beside LICENSE", "folder", {"LICENSE": base("mit"), "README.md": f"# Tool\n\n## License\n\n[MIT]({url})\n"}),
        ("README beside package.json", "folder",
         {"package.json": '{"name": "t", "license": "MIT"}', "README.md": f"# Tool\n\n## License\n\n[MIT]({url})\n"}),
        ("notice, a link", "file", f"# {HOLDER}\n# Licensed under the [MIT License]({url})\n\nx = 1\n"),
        ("notice, in brackets", "file", f"# {HOLDER}\n# License: MIT ({url})\n\nx = 1\n"),
        ("notice, next line", "file", f"# {HOLDER}\n# Licensed under the MIT License.\n# {url}\n\nx = 1\n"),
        ("JSDoc @license", "file", f"/**\n * @license MIT {url}\n * {HOLDER}\n */\nvar x = 1;\n"),
        ("SPDX tag's comment", "file", f"# SPDX-License-Identifier: MIT\n# License terms: {url}\n\nx = 1\n"),
        ("POM <url>", "folder", {"pom.xml": f"<project><licenses><license><name>MIT</name><url>{url}</url></license>"
                                            "</licenses></project>"}),
        (".nuspec licenseUrl", "folder", {"x.nuspec": f'<?xml version="1.0"?><package><metadata><id>x</id>'
                                                      f"<licenseUrl>{url}</licenseUrl></metadata></package>"}),
    ]


@pytest.mark.parametrize("url", TERM_URLS)
def test_an_address_with_a_term_is_read_wherever_a_licence_is(detector, url):
    assert [case for case, kind, given in url_cases(url) if apart_verdict(detector, kind, given) == lp.PERMISSIVE] == []


@pytest.mark.parametrize("given", [
    # a project's own licence file on its forge, under a name with a term word in it
    {"README.md": "# Tool\n\n## License\n\n[MIT](https://github.com/acme/internal-tools/blob/main/LICENSE)\n"},
    # a badge whose page's address holds a word of the grammar's FORBIDDEN list
    {"LICENSE": base("mit"), "README.md": "# Tool\n\n## License\n\nMIT, see `LICENSE`.\n\n"
                                          "[![Bitdeli Badge](https://example.com/trend.png)](https://bitdeli.com/free)\n"},
    # NuGet licence addresses from scancode's tests: a host, a project and a page named with such words
    {"x.nuspec": '<?xml version="1.0"?><package><metadata><id>x</id><licenseUrl>'
                 "https://github.com/ralbu/xunit2.should/blob/net-framework/LICENSE</licenseUrl></metadata></package>"},
    {"pom.xml": "<project><licenses><license><name>MIT</name><url>https://opensource.org/licenses/MIT</url></license>"
                "</licenses></project>"},
])
def test_addresses_that_name_no_term_keep_the_folder(detector, given):
    assert verdict(detector, given) == lp.PERMISSIVE


# Riders in the languages most written on code hosts besides English, and in Markdown's marks. The fast path
# and the templates read only Latin letters and scancode's rules are English, so a rider in another script
# after an MIT text left no trace until 2026-12-07 night (9 of 84 such placements were kept): a licence
# file's line in another script is residue, copyright statements apart, and elsewhere a rider's term word
# in those languages is read (``residue.FOREIGN_TERMS``).
OTHER_LANGUAGE_RIDERS = ["商用利用禁止", "仅限非商业用途。", "Только для некоммерческого использования.", "상업적 사용 금지.",
                         "Nicht für kommerzielle Nutzung.", "Uso no comercial.", "Pas d'utilisation commerciale.",
                         "Uso exclusivamente académico.", "**Not for commercial use.**", "<!-- not for commercial use -->"]


def language_cases(rider: str) -> list[tuple[str, str, dict[str, str] | str]]:
    return [("licence file, after", "folder", {"LICENSE.md": base("mit") + "\n\n" + rider + "\n"}),
            ("licence file, before", "folder", {"LICENSE.md": rider + "\n\n" + base("mit")}),
            ("notice, next line", "file", f"# {HOLDER}\n# Licensed under the MIT License.\n# {rider}\n\nx = 1\n"),
            ("README beside LICENSE", "folder", {"LICENSE": base("mit"), "README.md": f"# T\n\n## License\n\nMIT\n\n{rider}\n"})]


@pytest.mark.parametrize("rider", OTHER_LANGUAGE_RIDERS)
def test_a_rider_in_another_language_is_read(detector, rider):
    assert [case for case, kind, given in language_cases(rider) if apart_verdict(detector, kind, given) == lp.PERMISSIVE] == []


# What code written by people of those languages holds there, and keeps: a holder's name in its script, a
# README's licence section in Chinese, a file's description and comments in Chinese.
CLEAN_OTHER_LANGUAGE = [
    ("licence file, a holder in CJK", "folder", {"LICENSE": base("mit").replace(HOLDER, "Copyright (c) 2024 山田太郎")}),
    ("licence file, a holder in Cyrillic", "folder", {"LICENSE": base("mit").replace(HOLDER, "Copyright (c) 2024 Иван Петров")}),
    ("README in Chinese beside LICENSE", "folder", {"LICENSE": base("mit"), "README.md": "# 工具\n\n## 许可证\n\n本项目采用 MIT 许可证。\n"}),
    ("a description above the notice", "file", f"# 工具函数模块\n# {HOLDER}\n# Licensed under the MIT License.\n\nx = 1\n"),
    ("comments below the notice", "file", f"# {HOLDER}\n# Licensed under the MIT License.\n\n# 读取配置文件\nx = 1  # 默认值\n"),
    ("an SPDX tag's comment", "file", "# SPDX-License-Identifier: MIT\n# 读取配置文件的工具\n\nx = 1\n"),
]


def test_prose_in_another_language_is_kept_where_it_states_no_term(detector):
    assert [case for case, kind, given in CLEAN_OTHER_LANGUAGE if apart_verdict(detector, kind, given) != lp.PERMISSIVE] == []


# Licence files that bundle the texts of several allowed licences, and the lines the grammar reads around
# each text (docs/licensing.md, "Bundles"): a third-party note, a heading over third-party licences, the
# packages a text covers, thanks and the names thanked, a project's tagline, which part each licence
# covers. A rider written in any of those places is residue.
THIRD_PARTY_NOTE = ("This product bundles various third-party components under other open source licenses. This section "
                    "summarizes those components and their licenses.")
EMBEDDED_NOTE = ("Embedded C implementations might use other, similarly permissive licenses. Check the beginning of the "
                 "files from the /src directory.")
COMBINATION = ("This project is licensed under a combination of the MIT License and the Apache License 2.0.\n\n"
               "- The MIT License applies to any original code created by Jane Doe.\n"
               "- The Apache License 2.0 applies to derivative works based on Acme Widgets.\n\n"
               "Please see the full license texts below for details.\n\n")


def bundle(between: str, before: str = "", second: str = "bsd-new") -> str:
    """A licence file: ``before``, MIT's text, ``between``, then another allowed licence's text."""
    return f"{before}{base('mit')}\n{between}\n\n{base(second)}"


def bundle_cases(rider: str) -> list[tuple[str, str, dict[str, str]]]:
    return [
        ("a third-party note, same paragraph", "folder", {"LICENSE": bundle(f"{THIRD_PARTY_NOTE} {rider}")}),
        ("a third-party note, the next paragraph", "folder", {"LICENSE": bundle(f"{THIRD_PARTY_NOTE}\n\n{rider}")}),
        ("under a third-party heading", "folder", {"LICENSE": bundle(f"## Third-Party Licenses\n\n{rider}")}),
        ("on the packages a text covers", "folder", {"LICENSE": bundle(f"# strip-bom and strip-json-comments. {rider}")}),
        ("in a list of names thanked", "folder",
         {"LICENSE": bundle(f"Special thanks to the authors of the original C code:\n- Jane Doe\n- {rider}")}),
        ("after an embedded-code note", "folder", {"LICENSE": bundle(f"{EMBEDDED_NOTE} {rider}")}),
        ("on a lead into a component's copy", "folder",
         {"LICENSE": bundle(f"Portions derived from vue-color require the following statement: {rider}", second="mit")}),
        ("on a tagline", "folder", {"LICENSE": bundle("", before=f"tool.js - JavaScript library for color conversions. {rider}\n\n")}),
        ("which part a licence covers", "folder",
         {"LICENSE": COMBINATION.replace("Jane Doe.", f"Jane Doe. {rider}") + base("mit") + "\n" + base("apache-2.0")}),
        ("after the pointer to the texts", "folder",
         {"LICENSE": COMBINATION.replace("for details.", f"for details. {rider}") + base("mit") + "\n" + base("apache-2.0")}),
        ("in a lead in the project's own words", "folder",
         {"LICENSE": bundle(f"This software includes code derived from other projects. {rider.rstrip('.')}:", second="mit")}),
        ("after a lead in the project's own words", "folder",
         {"LICENSE": bundle(f"This software includes code derived from other projects:\n\n{rider}", second="mit")}),
        ("as a component's name under a lead", "folder",
         {"LICENSE": bundle(f"This software includes code derived from other projects:\n\n- {rider}", second="mit")}),
        ("on where the code came from", "folder", {"LICENSE": base("apache-2.0") + "\n---\nPortions of this software "
         f"are derived from the TypeScript project, Copyright (c) Microsoft Corporation, {rider}"}),
        ("in the names under a copyright line", "folder",
         {"LICENSE": base("mit").replace("\n", f"\nCopyright (c) 2020 tool contributors:\njdoe, {rider}\n", 1)}),
    ]


@pytest.mark.slow
def test_no_rider_in_a_bundle_is_kept():
    assert kept_riders(bundle_cases) == []


@pytest.mark.parametrize("rider", ["Students only.", "Not for commercial use.", "Credit the author in your product."])
def test_a_rider_in_a_bundle(detector, rider):
    """A quick sample of the suite above."""
    for case, kind, given in bundle_cases(rider):
        assert apart_verdict(detector, kind, given) != lp.PERMISSIVE, case


# The same places as real bundles write them (Apache projects' appendix, @stencil/core, hash-wasm,
# tsconfck, chroma-js, @keystar/ui), and keep.
CLEAN_BUNDLES = [
    ("Apache projects' appendix", {"LICENSE": bundle(THIRD_PARTY_NOTE, second="bsd-simplified")}),
    ("third-party licences at NOTICE", {"LICENSE": base("mit") + "\n-----------------------------------------\n"
        "Third-party components, software, and/or libraries (collectively, \"components\") are included under the "
        "licenses specified by their authors. For information about these third-party licenses, refer to the separate "
        "legal notices governing such components at NOTICE file at the top level of the package.\n",
        "NOTICE": "This product includes software developed by Acme Corp (https://acme.example).\n"}),
    ("embedded code and thanks", {"LICENSE": base("mit") + f"\n{EMBEDDED_NOTE}\n\nSpecial thank you to the authors of "
        "original C algorithms:\n- Colin Percival\n- Stephan Brumme <create@stephan-brumme.com>\n- ARM Limited\n"}),
    ("a heading and the packages covered", {"LICENSE": bundle("-- Licenses for 3rd-party code included in tsconfck --\n\n"
                                                              "# strip-bom and strip-json-comments")}),
    ("a binary distribution's bundled software", {"LICENSE": bundle("----\n\nThis binary distribution of tool also bundles "
                                                                    "the following software:\n\n----")}),
    ("a tagline and a lead into a component's licence", {"LICENSE": bundle(
        "-------\n\nchroma.js includes colors from colorbrewer2.org, which are released under the following license:",
        before="chroma.js - JavaScript library for color conversions\n\n", second="apache-2.0")}),
    ("a component's statement", {"LICENSE": bundle("Portions derived from vue-color require the following statement:",
                                                   second="mit")}),
    ("which part each licence covers", {"LICENSE": COMBINATION + "--- MIT License ---\n" + base("mit") + "\n"
                                        "--- Apache License 2.0 ---\n" + base("apache-2.0")}),
    # @douyinfe/semi-animation-styled, @stablelib's lead, temporal-spec, yggdrasil
    ("a lead in the project's own words, then the components", {"LICENSE": bundle(
        "The code implementation of the external library is referenced by Acme are:\n\n- animate.css", second="mit")}),
    ("a lead right above a copy", {"LICENSE": bundle("This software includes code derived from other projects:",
                                                     second="bsd-simplified")}),
    ("where the code came from, its holder and the file's licence", {"LICENSE": base("apache-2.0") + "\n---\n"
        "Portions of this software are derived from the TypeScript project\n(https://github.com/microsoft/TypeScript), "
        "Copyright (c) Microsoft Corporation,\nlicensed under the Apache License, Version 2.0.\n"}),
    ("names listed under a copyright line", {"LICENSE": base("mit").replace(
        "\n", "\nCopyright (c) 2015-2020 zekesonxx/node-yggdrasil contributers:\nroblaba, jonathanperret, insanity54, "
        "yariplus, comp500\n", 1)}),
]


def test_clean_bundles_are_kept(detector):
    assert [case for case, given in CLEAN_BUNDLES if verdict(detector, given) != lp.PERMISSIVE] == []


@pytest.mark.parametrize("lead", [
    "For students:", "The following may only be used for non-commercial purposes:", "Internal tooling for Acme staff:",
    "Please credit Acme in your product:", "The code below is licensed differently:",
])
def test_a_lead_that_states_a_term_or_a_party_is_residue(detector, lead):
    """The generic lead above a copy holds no term word, no party and no command (``residue._component_lead``)."""
    assert verdict(detector, {"LICENSE": bundle(lead, second="mit")}) != lp.PERMISSIVE


def test_where_the_code_came_from_under_another_licence_is_residue(detector):
    """The licence a provenance note names must be the file's own: Apache-2.0's text with code "licensed under
    the GNU General Public License" is not kept."""
    given = {"LICENSE": base("apache-2.0") + "\nPortions of this software are derived from the Foo project, Copyright (c) "
             "Foo Inc, licensed under the GNU General Public License.\n"}
    assert verdict(detector, given) != lp.PERMISSIVE


def test_bundled_software_named_without_its_licences_is_not_kept(detector):
    """A lead into bundled software followed by names only: the bundled code's licences go unread."""
    given = {"LICENSE": base("mit") + "\nThis product bundles the following third-party libraries:\n- lodash\n- left-pad\n"}
    assert verdict(detector, given) != lp.PERMISSIVE


def test_a_note_that_points_to_notice_needs_the_file(detector):
    """Third-party licences "at NOTICE file at the top level of the package" are read there: without the
    file they would go unread, and a licence in it joins the folder's."""
    given = dict(dict(CLEAN_BUNDLES)["third-party licences at NOTICE"])
    assert verdict(detector, given) == lp.PERMISSIVE
    assert verdict(detector, {"LICENSE": given["LICENSE"]}) == lp.MODIFIED
    given["NOTICE"] = "This product bundles code under the GNU General Public License v3.0.\n"
    assert verdict(detector, given) != lp.PERMISSIVE
