"""The residue grammar (pipeline.licensing.residue) and the header rules of the residue rule."""

from __future__ import annotations

import re

import pytest

from pipeline.config import LicenseConfig
from pipeline.licensing import policy as lp
from pipeline.licensing import residue as rs
from pipeline.licensing.detect import LicenseDetector
from pipeline.licensing.files import is_document, notice_head
from pipeline.licensing.scancode_data import licence_text

MIT = "Copyright (c) 2021 Jane Doe\n\n" + licence_text("mit") + "\n"


@pytest.mark.parametrize(
    "line, benign",
    [
        ("Copyright (c) 2019-2024 Jane Doe <jane@example.org>. All rights reserved.", True),
        ("(c) 2020 Google LLC and its affiliates", True),
        ("Copyright (c) 2008-present The pip developers (see AUTHORS.txt file)", True),
        ("Copyright (c) 2014 jonschlinkert", True),
        ("Copyright 2020 Jane Doe. For non-commercial use only.", False),
        ("Copyright 2020 Jane Doe, Non-Commercial", False),
        ("Copyright 2019 Acme Corp, licensed under GPL", False),
        ("Copyright 2020 Jane Doe, research purposes", False),
        ("All rights reserved.", True),
        ("Some rights reserved.", True),
        ("Copyright (c) 2012 Go Gopher. Some rights reserved.", True),
        ("Copyright (c) 2012 Go Gopher. Some rights reserved for non-commercial use.", False),
        ("Copyright 2014-2019 Grant Jenks", True),  # a first name that is also a term word
        ("Copyright (c) 2020 Free Software Foundation", True),
        ("Copyright (C) 2008 John Paulett (john -at- paulett.org)", True),
        ("Copyright (c) 2020 Gemfileparser authors (listed in AUTHORS file)", True),
        ("Copyright 2020 Grant Permission Required", False),
        ("Copyright 2020 Acme Internal Use", False),
        ("Copyright 2020 Acme Academic Use", False),
        # every rider word is FORBIDDEN on a copyright line; "Limited" ends a company's name
        ("Copyright 2020 Jane Doe, solely for Acme Corp", False),
        ("Copyright 2020 Jane Doe. Forbidden for Acme Corp", False),
        ("Copyright (c) 2019 Arm Limited", True),
        # a scope on the mark, as "Portions copyright" (puma's LICENSE)
        ("Some code copyright (c) 2005, Zed Shaw", True),
        ("Parts of this file copyright 2010 Jane Doe", True),
        ("Some code copyright (c) 2005, Zed Shaw, for non-commercial use", False),
        # a holder named by its domain, "AI" as in an organisation's name
        ("Copyright 2023 @ CAMEL-AI.org", True),
        ("Copyright 2023 noncommercial-use.org", False),
    ],
)
def test_copyright_statements(line, benign):
    assert rs.is_copyright_statement(line) is benign


@pytest.mark.parametrize(
    "line, ids, benign",
    [
        ("The MIT License (MIT)", {"MIT"}, True),
        ("SPDX-License-Identifier: MIT", {"MIT"}, True),
        ("https://opensource.org/licenses/MIT", {"MIT"}, True),
        ("New BSD License (3-clause)", {"BSD-3-Clause"}, True),
        ("GNU General Public License", {"MIT"}, False),
        ("SPDX-License-Identifier: GPL-3.0-only", {"MIT"}, False),
        ("https://example.invalid/noncommercial-terms", {"MIT"}, False),
    ],
)
def test_own_title_spdx_id_and_url(line, ids, benign):
    assert rs.is_own_title(line, ids) is benign


@pytest.mark.parametrize(
    "line, ids, benign",
    [
        ("NetworkX is distributed with the 3-clause BSD license.", {"BSD-3-Clause"}, True),  # networkx 3.6
        ("This project is licensed under the MIT License.", {"MIT"}, True),
        ("Licensed under the Apache License, Version 2.0", {"Apache-2.0"}, True),
        ("It is licensed under the following BSD license:", {"BSD-3-Clause"}, True),  # scipy's lsqr.py
        ("This project is licensed under the GPL.", {"MIT"}, False),  # another licence
        ("Non-commercial use is licensed under the MIT License.", {"MIT"}, False),
        ("NetworkX is distributed with the BSD license for research only.", {"BSD-3-Clause"}, False),
    ],
)
def test_a_sentence_naming_the_licence_is_its_title(line, ids, benign):
    assert (rs.explain([line], [0], ids).lines == []) is benign
    assert (rs.explain(["# Copyright and License", line], [0, 1], ids).lines == []) is benign  # a section's heading


def test_explain_quotes_what_is_left_and_reads_scope_notes():
    lines = [
        "Copyright OpenJS Foundation and other contributors <https://openjsf.org/>",
        "",
        "Files located in the node_modules and vendor directories are externally",
        "maintained libraries used by this software which have their own",
        "licenses; we recommend you read them, as their terms may differ from the",
        "terms above.",
        "",
        "=====",
        "Please cite our paper when you use this software.",
    ]
    found = rs.explain(lines, list(range(len(lines))), {"MIT"})
    assert found.lines == ["Please cite our paper when you use this software."]
    assert found.third_party == ["node_modules", "vendor"]


@pytest.fixture(scope="module")
def detector() -> LicenseDetector:
    return LicenseDetector(LicenseConfig()).setup()


def judge(detector, files: dict[str, str]):
    from pipeline.licensing.files import license_file_kind

    encoded = [(p, t.encode()) for p, t in files.items()]
    folders = detector.folder_map([(p, d) for p, d in encoded if license_file_kind(p)], None)
    return {p: detector.judge_file(p, d, folders) for p, d in encoded}


def test_spdx_identifier_anywhere_in_a_file(detector):
    body = "x = 1\n" * 200 + "# SPDX-License-Identifier: GPL-3.0-only\n"
    files = judge(detector, {"LICENSE": MIT, "late_tag.py": body})
    assert files["late_tag.py"].verdict == lp.NOT_PERMISSIVE
    assert files["late_tag.py"].evidence[0]["method"] == "spdx_identifier"


@pytest.mark.parametrize(
    "line, benign",
    [
        (" * @author    Jane Doe <jane@example.com>", True),
        (" * @version $Id: bar.js 93 2007-12-12 04:41:40Z jsmith $", True),
        (" * @since 1.2.0", True),
        (" * @package   Acme\\Foo", True),
        (" * @fileoverview Bar widget for the dashboard.", True),
        (" * @copyright 2015 Jane Doe", True),
        (" * @license   http://opensource.org/licenses/MIT MIT License", True),
        (" * @license MIT", True),
        (" * @author John Smith - not for commercial use", False),
        (" * @fileoverview Bar widget, for personal projects", False),
        (" * @copyright 2015 Jane Doe, non-commercial", False),
        (" * @license MIT, internal use only", False),
        (" * @see https://example.com/licenses/extra-terms", False),
        (" * @todo modify the snap", False),
        (":copyright: Copyright 2007-2011 by the Sphinx team, see AUTHORS.", True),
        (":copyright: 2020 Acme, non-commercial", False),
    ],
)
def test_documentation_tags(line, benign):
    assert rs.is_doc_tag(line, {"MIT"}) is benign


def test_header_with_documentation_tags_is_kept_and_a_tag_rider_is_not(detector):
    head = ("/**\n * @fileoverview Bar widget.\n * @author John Smith\n"
            " * @version $Id: bar.js 93 2007-12-12 04:41:40Z jsmith $\n * @license MIT\n */\nfunction bar() {}\n")
    rider = head.replace("@author John Smith", "@author John Smith, for non-commercial use only")
    files = judge(detector, {"bar.js": head, "baz.js": rider})
    assert (files["bar.js"].expression, files["bar.js"].verdict) == ("MIT", lp.PERMISSIVE)
    assert files["baz.js"].verdict in (lp.MODIFIED, lp.NOT_PERMISSIVE)  # scancode may name the rider


def test_header_with_a_rider_is_modified(detector):
    header = ("# Copyright 2024 Jane Doe\n# Licensed under the MIT License.\n"
              "# Not to be used for military purposes.\n\nx = 1\n")
    files = judge(detector, {"LICENSE": MIT, "a.py": header})
    assert files["a.py"].verdict == lp.MODIFIED
    assert any("military" in r for e in files["a.py"].evidence for r in e.get("residue", []))


def test_low_score_header_detection_is_unknown_not_inherited(detector, monkeypatch):
    from pipeline.licensing.scancode_runner import Detection, ScanResult

    weak = Detection("GPL-2.0-only", "gpl-2.0", "gpl-2.0_7.RULE", 40.0, 1, 2, 12)
    monkeypatch.setattr(detector.runner, "scan", lambda text: ScanResult("ok", [weak]))
    folders = {"": detector.folder_map([("LICENSE", MIT.encode())], None)[""]}
    decision = detector.judge_file("a.py", b"# licensed to some degree under a GPL\nx = 1\n", folders)
    assert decision.verdict == lp.UNKNOWN and lp.reason_for(decision.verdict) == "license_unknown"


def test_permissive_header_in_a_gpl_folder_is_a_conflict(detector):
    """A file's own notice narrows its folder's licence, never widens it (docs/licensing.md)."""
    gpl = licence_text("gpl-3.0")
    files = judge(detector, {"COPYING": gpl, "mit_file.py": "# SPDX-License-Identifier: MIT\nx = 1\n",
                             "plain.py": "x = 1\n"})
    assert files["mit_file.py"].verdict == lp.CONFLICT
    assert files["plain.py"].verdict == lp.NOT_PERMISSIVE
    # Without a folder licence the header decides.
    alone = judge(detector, {"mit_file.py": "# SPDX-License-Identifier: MIT\nx = 1\n"})
    assert alone["mit_file.py"].verdict == lp.PERMISSIVE


@pytest.mark.parametrize(
    "lines, left",
    [
        # provenance: who the licensor is, where the code came from
        (["I am providing code and resources in this repository to you under an open source",
          "license.  Because this is my personal repository, the license you receive to my",
          "code and resources is from me and not my employer (Acme Corp)."], []),
        (["I am providing code in this repository to you under an open source license. Because this is my",
          "personal repository, the license you receive to my code is from me and not my employer (Acme Corp;",
          "non-commercial use only)."], 3),
        (["Disclaimer:", "* No code of customer projects was used to create this project.",
          " * Jane Doe has the full rights to publish the initial codebase."], []),
        (["No code of this project may be used for commercial purposes."], 1),
        (["No code of commercial projects was used to create this project."], 1),
        (["Jane Doe has the full rights to publish the initial codebase and may revoke this license."], 1),
        # a licence titled after its holder
        (["The Go Gopher Compiler License", "", "Copyright 2002, The University Court of the University of Gopher."],
         []),
        (["The Acme Compiler License", "", "Copyright 2002 Jane Doe"], 1),
        (["Business Source License", "", "Copyright 2002 Business Source Inc"], 1),
        (["The Gopher Non-Commercial License", "", "Copyright 2002 Go Gopher"], 1),
        # a pointer to the licence's own file
        (["As well as the file LICENSE-APACHE.txt adjacent to this file."], []),
        (["As well as the file COMMERCIAL-TERMS.txt adjacent to this file."], 1),
        (["Or in the file LICENSE-NONCOMMERCIAL.md accompanying this file."], 1),
        # the end of an attribution, and where to learn more about a holder
        (["by Brian Murrell."], []),
        (["by Ted Lemon in cooperation with Vixie Enterprises and Nominum, Inc.",
          "To learn more about the Internet Software Consortium, see", "``http://www.isc.org/''."], []),
        (["by Jane Doe for non-commercial use only."], 1),
        (["To learn more about Acme, see http://acme.example. Use is restricted to research."], 1),
    ],
)
def test_provenance_holder_titles_and_pointers(lines, left):
    found = rs.explain(lines, list(range(len(lines))), {"Apache-2.0"})
    assert len(found.lines) == (left or 0), found.lines


def test_variants_equal_to_an_allowed_licence():
    """Variants scancode names apart are allowed exactly when their equivalent is (policy.EQUIVALENT_IDS)."""
    policy = lp.LicensePolicy()
    assert policy.verdict("LicenseRef-scancode-w3c-03-bsd-license") == lp.PERMISSIVE
    assert policy.verdict("LicenseRef-scancode-bsd-3-clause-jtag") == lp.PERMISSIVE
    assert policy.verdict("LicenseRef-scancode-khronos") == lp.PERMISSIVE
    assert policy.verdict("LicenseRef-scancode-x11-stanford") == lp.NOT_PERMISSIVE
    assert lp.LicensePolicy(["MIT"]).verdict("LicenseRef-scancode-w3c-03-bsd-license") == lp.NOT_PERMISSIVE
    assert rs.is_own_title("W3C 3-clause BSD License", {"BSD-3-Clause"})
    assert rs.is_own_title("http://www.w3.org/Consortium/Legal/2008/03-bsd-license.html", {"BSD-3-Clause"})
    assert not rs.is_own_title("W3C 3-clause BSD License", {"MIT"})


@pytest.mark.parametrize("key", ["w3c-03-bsd-license", "bsd-3-clause-jtag"])
def test_variant_texts_are_kept_and_their_riders_are_not(detector, key):
    text = "Copyright (c) 2016 Jane Doe\n\n" + licence_text(key) + "\n"
    assert judge(detector, {"LICENSE": text, "a.py": "x = 1\n"})["a.py"].verdict == lp.PERMISSIVE
    rider = text + "\nThe Software may not be used to train machine learning models.\n"
    assert judge(detector, {"LICENSE": rider, "a.py": "x = 1\n"})["a.py"].verdict == lp.MODIFIED
    damaged = text.replace("with or without modification", "without modification")
    assert judge(detector, {"LICENSE": damaged, "a.py": "x = 1\n"})["a.py"].verdict != lp.PERMISSIVE


def test_pointer_to_the_licence_file_inside_the_apache_notice(detector):
    notice = (
        "Copyright 2014 Jane Doe\n\nLicensed under the Apache License, Version 2.0 (the \"License\");\n"
        "you may not use this file except in compliance with the License.\nYou may obtain a copy of the License at\n\n"
        "    http://www.apache.org/licenses/LICENSE-2.0\n\n{pointer}\n\nUnless required by applicable law or agreed to "
        "in writing, software\ndistributed under the License is distributed on an \"AS IS\" BASIS,\nWITHOUT WARRANTIES "
        "OR CONDITIONS OF ANY KIND, either express or implied.\nSee the License for the specific language governing "
        "permissions and\nlimitations under the License.\n")
    kept = notice.format(pointer="As well as the file LICENSE-APACHE.txt adjacent to this file.")
    assert judge(detector, {"LICENSE": kept, "a.py": "x = 1\n"})["a.py"].verdict == lp.PERMISSIVE
    other = notice.format(pointer="As well as the file ADDENDUM-TERMS.txt adjacent to this file.")
    assert judge(detector, {"LICENSE": other, "a.py": "x = 1\n"})["a.py"].verdict != lp.PERMISSIVE


@pytest.mark.parametrize(
    "where, kept",
    [
        ("in the LICENSE file, or at:", True),
        ("in LICENSE-APACHE.txt or at", True),
        ("in the ADDITIONAL-TERMS file, or at:", False),
        ("in the LICENSE file, except for commercial use, or at:", False),
    ],
)
def test_location_of_the_licence_file_inside_the_apache_statement(detector, where, kept):
    """"You may obtain a copy of the License in the LICENSE file, or at <url>": the licence's own file
    named in its statement of where a copy lies (``residue.is_licence_location``); any other file, or
    words beside the name, are residue."""
    notice = (
        "Licensed under the Apache License, Version 2.0 (the \"License\");\nyou may not use this work except in "
        f"compliance with the License.\nYou may obtain a copy of the License {where}\n\n"
        "http://www.apache.org/licenses/LICENSE-2.0\n\nUnless required by applicable law or agreed to in writing, "
        "software\ndistributed under the License is distributed on an \"AS IS\" BASIS,\nWITHOUT WARRANTIES OR "
        "CONDITIONS OF ANY KIND, either express or implied.\nSee the License for the specific language governing "
        "permissions and\nlimitations under the License.\n")
    verdict = judge(detector, {"LICENSE": notice, "a.py": "x = 1\n"})["a.py"].verdict
    assert (verdict == lp.PERMISSIVE) == kept, (where, verdict)


def test_khronos_text_is_mit_in_substance(detector):
    """scancode's khronos licence is MIT's grant, condition and disclaimer with "Materials" for
    "Software" (policy.EQUIVALENT_IDS); a rider on it is still residue."""
    text = "Copyright (c) 2016 Jane Doe\n\n" + licence_text("khronos") + "\n"
    assert judge(detector, {"LICENSE": text, "a.py": "x = 1\n"})["a.py"].verdict == lp.PERMISSIVE
    rider = text + "\nThe Materials may not be used for military purposes.\n"
    assert judge(detector, {"LICENSE": rider, "a.py": "x = 1\n"})["a.py"].verdict == lp.MODIFIED


BSD3_HEADER = "".join(f" * {line}\n" if line else " *\n" for line in (
    "Copyright (c) 2001 Jane Doe", "All rights reserved.", "", *licence_text("bsd-new").splitlines()))


def test_a_header_notice_running_past_the_head_is_read_whole(detector):
    """A BSD notice of ~35 lines in a C comment: the head (30 lines) is read to the comment's end, not
    judged a cut copy; the #include after it is code, not part of the notice."""
    source = "/* example.c: an example.\n" + BSD3_HEADER + " */\n#include <stdio.h>\n#include \"example.h\"\n\nint x;\n"
    assert len(source.splitlines()) > 30
    files = judge(detector, {"example.c": source})
    assert files["example.c"].verdict == lp.PERMISSIVE, files["example.c"].evidence
    rider = source.replace(" */\n#include", " * This file may not be used for military purposes.\n */\n#include")
    assert judge(detector, {"example.c": rider})["example.c"].verdict == lp.MODIFIED


@pytest.mark.parametrize(
    "line, benign",
    [
        ("#!/usr/bin/env python", True),
        ("# -*- coding: utf-8 -*-", True),
        ("# vim: set fileencoding=utf-8 :", True),
        ("# coding=utf-8", True),
        ("# ruff: noqa: F401", True),
        ("# pylint: disable=invalid-name", True),
        ("// eslint-disable-next-line no-undef", True),
        ("/* $OpenBSD: atomicio.c,v 1.10 2011/01/08 00:47:19 jeremy Exp $ */", True),
        ("# TODO: add a dead-letter queue", True),
        ("# -*- coding: utf-8; license: GPL -*-", False),
        ("# TODO: API to dynamically modify the snap", False),
        ("// eslint-disable no-console, non-commercial use only", False),
    ],
)
def test_directives_and_developer_notes(line, benign):
    """Grammar rule 7: lines addressed to a tool are benign when they hold no term word."""
    assert (not rs.explain([line], [0], {"MIT"}).lines) is benign


@pytest.mark.parametrize(
    "line, benign",
    [
        ("Author: Brian M. Clapper, G. Varoquaux, Lars Buitinck", True),
        ("Version: 1.2", True),
        ("Bootstrap v3.3.4 (http://getbootstrap.com)", True),
        ("Copyright 2023 Microsoft Research & University of Wisconsin-Madison. All rights reserved.", True),
        ("Copyright 2020 Facebook AI Research", True),
        ("Author: Jane Doe, non-commercial use", False),
        ("Bootstrap v3.3.4 (http://example.com/noncommercial)", False),
        ("Foo v1.2 (http://foo.org) internal use only", False),
        ("Copyright 2020 Acme Research Only", False),
        ("Copyright 2020 Acme, for research use only", False),
        ("Visit https://aboutcode.org and https://github.com/aboutcode-org/ for support and download.", True),
        ("ScanCode is a trademark of nexB Inc.", True),
        ("See https://aboutcode.org for more information about nexB OSS projects.", True),
        ("Visit https://example.org for commercial use terms.", False),
        ("See https://example.org for more information about non-commercial licensing.", False),
    ],
)
def test_labels_versions_and_organisation_units(line, benign):
    """Rule 6's tags as labels, a product's name with its version and home page (rule 4), "Research" or
    "AI" in a holder's name (rule 2), and the notes of where a project lives and who owns its name (rule 5)."""
    assert (not rs.explain([line], [0], {"MIT"}).lines) is benign


@pytest.mark.parametrize(
    "header, kept",
    [
        ("# Copyright 2020 Acme\n# Licensed under the MIT license.\nx = 1\n", True),
        ("# Copyright 2020 Acme\n# Licensed under the MIT license (see LICENSE file).\nx = 1\n", True),
        ("# Copyright 2020 Acme\n# Licensed under the MIT license, except for military use.\nx = 1\n", False),
        ("# Copyright 2020 Acme\n# Licensed under the MIT license (see LICENSE file), not for military use.\nx = 1\n",
         False),
        ("// Copyright 2012 Oliver Eilhard. All rights reserved.\n// Use of this source code is governed by a "
         "MIT-license.\n// See http://olivere.mit-license.org/license.txt for details.\n\npackage elastic\n", True),
        ("/*\n * The copyrights embodied in the content of this file are licensed\n * by Yahoo! Inc. under the BSD "
         "(revised) open source license.\n */\n", True),
        ("/*\n * The copyrights embodied in the content of this file are licensed\n * by Yahoo! Inc. for employees "
         "under the BSD (revised) open source license.\n */\n", False),
    ],
)
def test_words_beside_and_inside_a_notice_on_its_own_lines(detector, header, kept):
    """A notice rule scancode matched explains its own words, not the rest of its lines: a rider on the
    same line is residue; a holder's name in the gap the rule leaves, a holder's subdomain in its URL and
    a pointer to the licence file are not."""
    decision = judge(detector, {"a.py": header})["a.py"]
    assert (decision.verdict == lp.PERMISSIVE) is kept, decision.evidence
    if not kept:
        assert decision.verdict in (lp.MODIFIED, lp.NOT_PERMISSIVE)


def test_a_notice_in_a_docstring_and_an_x11_disclaimer_are_read_whole(detector):
    """A BSD notice in a module docstring that runs past the head, and an MIT text whose disclaimer names
    its holder instead of "the copyright holders" (no licence keyword in that paragraph)."""
    text = "\n".join(line.removeprefix(" * ").removeprefix(" *") for line in BSD3_HEADER.splitlines())
    module = '"""Dates.\n\nTaken from the isodate package.\n\n' + text + '\n"""\n\nimport re\n'
    assert judge(detector, {"dates.py": module})["dates.py"].verdict == lp.PERMISSIVE
    x11 = licence_text("mit").replace("THE AUTHORS OR COPYRIGHT HOLDERS", "PRECISION INSIGHT AND/OR ITS SUPPLIERS")
    source = "/*\n\nCopyright 1998 Precision Insight, Inc.\nAll Rights Reserved.\n\n" + x11 + "\n\n*/\nint x;\n"
    assert judge(detector, {"x.c": source})["x.c"].verdict == lp.PERMISSIVE


def test_a_title_matched_apart_from_its_text(detector):
    """scancode matches "Eclipse Distribution License - v 1.0" (a title it names BSD-3-Clause) apart from
    the BSD text below it: the title explains its line and the text is verified alone."""
    from pathlib import Path

    edl = Path(__file__).resolve().parents[3] / "benchmarks/data/licenses_fresh/scancode_external/fossology-tests/EDL/edl-v10"
    text = edl.read_text()
    assert text.startswith("Eclipse Distribution License - v 1.0")
    files = judge(detector, {"LICENSE": text, "a.py": "x = 1\n"})
    assert (files["a.py"].expression, files["a.py"].verdict) == ("BSD-3-Clause", lp.PERMISSIVE)
    rider = text.replace("All rights reserved.", "All rights reserved.\n\nNot for use in military systems.")
    assert judge(detector, {"LICENSE": rider, "a.py": "x = 1\n"})["a.py"].verdict != lp.PERMISSIVE


def test_a_rider_on_the_last_line_of_a_licence_text_and_two_headers_in_a_row(detector):
    """Words sharing a line with an intact copy are read by the fragment grammar (a rider written on the
    disclaimer's last line is residue); two BSD headers of one licence in a row are each verified."""
    rider = MIT.rstrip() + " The Software may not be used to train machine learning models.\n"
    assert judge(detector, {"LICENSE": rider, "a.py": "x = 1\n"})["a.py"].verdict != lp.PERMISSIVE
    twice = "/*" + BSD3_HEADER + " */\n\n/*" + BSD3_HEADER.replace("Jane Doe", "John Roe") + " */\nint x;\n"
    assert judge(detector, {"x.c": twice})["x.c"].verdict == lp.PERMISSIVE


def test_a_tag_does_not_hide_another_licence_in_the_head(detector):
    """``SPDX-License-Identifier: BSD-2-Clause`` above a GPL notice in the same head: the notice joins the
    tag (AND), the file is not kept; a GPL notice the tags already name (``GPL-2.0 OR MIT``) changes nothing."""
    gpl = (";; This program is free software; you can redistribute it and/or modify it under the terms of the\n"
           ";; GNU General Public License as published by the Free Software Foundation; either version 2 of the\n"
           ";; License, or (at your option) any later version.\n")
    tagged = ";; SPDX-License-Identifier: BSD-2-Clause\n" + gpl + "(defun f () nil)\n"
    decision = judge(detector, {"f.el": tagged})["f.el"]
    assert decision.verdict != lp.PERMISSIVE and "GPL" in decision.expression
    both = ";; SPDX-License-Identifier: GPL-2.0-or-later OR MIT\n" + gpl + "(defun f () nil)\n"
    assert judge(detector, {"f.el": both})["f.el"].verdict == lp.PERMISSIVE


NOTICE_HEAD = "# Copyright 2020 Jane Doe\n# Licensed under the MIT License.\n\n"


@pytest.mark.parametrize(
    ("comment", "kept"),
    [
        # A rider in a comment of its own, below or above the notice's.
        ("# This file may not be used for military purposes.\n", False),
        ("# You may not use this code for commercial purposes.\n", False),
        # What code comments say of an API or a call (Apache Beam's, Apache Arrow's) is no rider.
        ("# For internal use only; no backwards-compatibility guarantees.\n", True),
        ("# Register the exec nodes. This function must be called before using the factories.\n", True),
        ("# Parse dates; do not use for times.\n", True),
    ],
)
def test_a_heads_other_comments_are_read_for_riders_with_every_mark(detector, comment, kept):
    for text in (NOTICE_HEAD + comment + "\nx = 1\n", comment + "\n" + NOTICE_HEAD + "x = 1\n"):
        decision = judge(detector, {"a.py": text})["a.py"]
        assert (decision.verdict == lp.PERMISSIVE) == kept, (text, decision)


@pytest.mark.parametrize(
    ("header", "kept"),
    [
        # A rider in the comment that holds the tag, below or above it, in any comment style.
        ("# SPDX-License-Identifier: MIT\n# This file may not be used for commercial purposes.\n", False),
        ("# Not for use by government agencies.\n# SPDX-License-Identifier: MIT\n# Copyright 2020 Jane Doe\n", False),
        ("// SPDX-License-Identifier: Apache-2.0\n// You may not use this file to train machine learning models.\n",
         False),
        ("/*\n * SPDX-License-Identifier: BSD-3-Clause\n *\n * Internal use only.\n */\n", False),
        # A licence text beside the tag is explained, a description is not a rider, another comment is apart.
        ("/*\n * SPDX-License-Identifier: BSD-3-Clause\n *\n" + "".join(
            f" * {line}\n" for line in licence_text("bsd-new").splitlines()) + " */\n", True),
        ("# SPDX-License-Identifier: MIT\n# Copyright 2020 Jane Doe\n# Helpers for parsing dates.\n", True),
        ("# SPDX-License-Identifier: MIT\n\n# Not thread safe: do not share a parser.\n", True),
    ],
)
def test_a_tags_comment_is_read_for_riders(detector, header, kept):
    decision = judge(detector, {"a.py": header + "x = 1\n"})["a.py"]
    assert (decision.verdict == lp.PERMISSIVE) == kept, decision


@pytest.mark.parametrize(
    "line, described",
    [
        ("This file is part of pocketfft.", True),
        ("A JavaScript implementation of the Secure Hash Algorithm, SHA-1, as defined", True),
        ("Version 2.1a Copyright Paul Johnston 2000 - 2002.", True),
        ("Other contributors: Greg Holt, Andrew Kepert", True),
        ("This file is part of pocketfft, for non-commercial use.", False),
        ("Not to be used for military purposes.", False),
        ("Version 2.1a Copyright Paul Johnston 2000, internal use only", False),
        ("Proprietary and confidential.", False),
        ("", False),
    ],
)
def test_a_file_description_above_its_notice(line, described):
    """Rule 8: what the file is, with no term word and a copyright mark only where a statement begins."""
    assert rs.is_description(line) is described


@pytest.mark.parametrize(
    "header, kept",
    [
        # pocketfft's numpy copy: the description in the notice's paragraph, above its grant
        ("/*\n * This file is part of pocketfft.\n * Licensed under a 3-clause BSD style license - see LICENSE.md\n"
         " */\n\nint x;\n", True),
        # Paul Johnston's sha1.js: description, version and contributors, the grant, a page for details
        ("/*\n * A JavaScript implementation of the Secure Hash Algorithm, SHA-1, as defined\n * in FIPS PUB 180-1\n"
         " * Version 2.1a Copyright Paul Johnston 2000 - 2002.\n * Other contributors: Greg Holt, Andrew Kepert\n"
         " * Distributed under the BSD License\n * See http://pajhome.org.uk/crypt/md5 for details.\n */\nvar x;\n",
         True),
        ("/*\n * This file is part of pocketfft, for non-commercial use.\n"
         " * Licensed under a 3-clause BSD style license - see LICENSE.md\n */\n\nint x;\n", False),
        ("/*\n * A JavaScript implementation of SHA-1.\n * Distributed under the BSD License\n"
         " * See http://example.org/extra-terms for details.\n */\nvar x;\n", False),
        # below the grant the whole grammar applies: a description there is residue
        ("/*\n * Licensed under a 3-clause BSD style license - see LICENSE.md\n"
         " * This file is part of pocketfft.\n */\n\nint x;\n", False),
    ],
)
def test_header_description_above_the_notice_is_benign_below_it_is_not(detector, header, kept):
    decision = judge(detector, {"a.c": header})["a.c"]
    assert (decision.verdict == lp.PERMISSIVE) is kept, decision.evidence
    if not kept:
        assert decision.verdict in (lp.MODIFIED, lp.NOT_PERMISSIVE, lp.UNKNOWN)


@pytest.mark.parametrize(
    "header, kept",
    [
        # fossology's py2app note: a "License:" label before the grant's subject
        ("Files in this directory come from Bob Ippolito's py2app.\n\nLicense: Any components of the py2app suite "
         "may be distributed under\nthe MIT or PSF open source licenses.\n", True),
        ("Files in this directory come from Bob Ippolito's py2app.\n\nLicense: Any non-commercial components of the "
         "py2app suite may be distributed under\nthe MIT or PSF open source licenses.\n", False),
    ],
)
def test_a_section_label_before_a_grant(detector, header, kept):
    decision = judge(detector, {"a.txt": header})["a.txt"]
    assert (decision.verdict == lp.PERMISSIVE) is kept, decision.evidence


@pytest.mark.parametrize(
    "fragment, benign",
    [("jQuery Masonry", True), ("Yahoo! Inc.", True), ("jQuery for employees", False), ("jQuery only", False)],
)
def test_camel_case_names_inside_a_notice(fragment, benign):
    assert rs.is_benign_fragment(fragment, {"MIT"}, inner=True) is benign


BSD3 = licence_text("bsd-new")


@pytest.mark.parametrize(
    "name, text, kept",
    [
        # X.Net's licence: MIT's text, then a governing-law paragraph (an added term) in a .txt
        ("terms.txt", MIT + "\nThis agreement shall be governed in all respects by the laws of the State of\n"
         "California and by the laws of the United States of America.\n", False),
        # a Debian copyright file renamed: a BSD text, then past the first 30 lines the packaging's GPL
        ("copying.txt", "This package was debianised by Ron.\n\n    Copyright 2005 Jane Doe\n\n"
         + "\n".join("    " + ln for ln in BSD3.splitlines()) + "\n\n\n"
         "The Debian packaging is (C) 2008, Ron and\nis licensed under the GPL, see `/usr/share/common-licenses/GPL'.\n",
         False),
        ("terms.txt", MIT, True),
        ("notes.md", MIT + "\n## Building\n\nRun make in the top folder.\n", True),
        # a code file: what follows its notice's comment is code, not licence-bearing
        ("a.py", "# Copyright 2024 Jane Doe\n# Licensed under the MIT License.\n\n"
         "def f(x):\n    if not x:\n        raise ValueError('required')\n", True),
    ],
)
def test_a_document_is_read_past_its_notice(detector, name, text, kept):
    """A document (.txt, .md, .rst) has no code after its notice to say where the notice ends: the rest
    of its head is read for terms and for other licences (docs/licensing.md, "File headers")."""
    decision = judge(detector, {name: text})[name]
    assert (decision.verdict == lp.PERMISSIVE) is kept, decision.evidence
    if not kept:
        assert decision.verdict in (lp.MODIFIED, lp.NOT_PERMISSIVE)


@pytest.mark.parametrize(
    "holders, kept",
    [("Portions Copyright (c) Microsoft Corporation.\nPortions Copyright 2017 Google Inc.", True),
     ("Portions Copyright (c) Microsoft Corporation, for internal use only.", False)],
)
def test_the_apache_appendix_filled_with_the_holders_of_parts(detector, holders, kept):
    """playwright fills the appendix's "Copyright [yyyy] [name of copyright owner]" with "Portions
    Copyright" statements: copyright statements, read by rule 2, not words added to the licence."""
    text = APACHE.replace("Copyright [yyyy] [name of copyright owner]", holders)
    assert holders in text
    decision = judge(detector, {"LICENSE": text, "main.py": "x = 1\n"})["main.py"]
    assert (decision.verdict == lp.PERMISSIVE) is kept, decision.evidence


def test_an_apache_text_cut_inside_its_appendix_is_whole(detector):
    """The Apache License's appendix ("How to apply the Apache License to your work"), after END OF TERMS
    AND CONDITIONS, grants and requires nothing: a copy cut inside it is the licence; one cut before it
    is not."""
    apache = licence_text("apache-2.0")
    end = apache.index("END OF TERMS AND CONDITIONS") + len("END OF TERMS AND CONDITIONS")
    # cut after the appendix's first paragraph, as erlware/relx's LICENSE.md is
    inside = apache[: apache.index("third-party archives.", end) + len("third-party archives.")]
    folders = detector.folder_map([("LICENSE", inside.encode())], None)
    assert (folders[""].expression, folders[""].verdict) == ("Apache-2.0", lp.PERMISSIVE), folders[""].evidence
    before = apache[: apache.index("9. Accepting Warranty")]
    assert detector.folder_map([("LICENSE", before.encode())], None)[""].verdict != lp.PERMISSIVE


@pytest.mark.parametrize(
    "text, kept",
    [
        # etcd's README renamed: its licence is named in a "License" section far below the head
        ("# etcd\n\n" + "etcd is a distributed key-value store.\n\n" * 40 + "### License\n\n"
         "etcd is under the Apache 2.0 license. See the [LICENSE](LICENSE) file for details.\n", True),
        ("# etcd\n\n" + "etcd is a distributed key-value store.\n\n" * 40 + "### License\n\n"
         "etcd is under the Apache 2.0 license, for non-commercial use only.\n", False),
        ("# etcd\n\n" + "etcd is a distributed key-value store.\n\n" * 40 + "### License\n\n"
         "GNU General Public License v3.0\n", False),
        # a section with badges: images are formatting unless their text names a term
        ("## License ##\n\nMIT, check the `LICENSE` file.\n\n[![Bitdeli\nBadge](https://d2weczhvl823v0.cloudfront.net/"
         "x/trend.png)](https://bitdeli.com/free\n\"Bitdeli Badge\")\n", True),
        ("## License ##\n\nMIT, check the `LICENSE` file.\n\n[![License: CC BY-NC 4.0](https://img.shields.io/b.svg)]"
         "(https://creativecommons.org/licenses/by-nc/4.0/)\n", False),
    ],
)
def test_a_documents_license_section_is_its_notice(detector, text, kept):
    """A document's "License" section is its own notice wherever it lies; a README's is its folder's."""
    decision = judge(detector, {"guide.md": text})["guide.md"]
    assert (decision.verdict == lp.PERMISSIVE) is kept, decision.evidence


@pytest.mark.parametrize(
    "description, kept",
    [
        ("Requires: libxml2 >= 2.7.4\n * Requires: ltdl", True),
        # an RPM spec's fields: each line its own sentence, not one run-on sentence about distribution
        ("Distribution: Aleksey Sanin <aleksey@aleksey.com>\n * Requires: libxml2 >= 2.7.4", True),
        ("Distribution: Aleksey Sanin\n * Requires: a licence from the author to use", False),
        ('The main work script, "runtests.groovy" does not have this limitation.', True),
        ("No standard client script exists for some operating systems.", True),
        ("This file may not be used\n * by or on behalf of any government agency.", False),
        ("The code in this file must not\n * be used to train machine learning models.", False),
        ("You agree to cite the authors' paper.", False),
        ("If you cannot run the configure script, you can do the value substitution by hand.", False),
    ],
)
def test_prose_around_a_header_notice_is_a_rider_only_when_it_restricts_use(detector, description, kept):
    """Lines around a header's notice are read for terms by sentence: a term word, or a negation or duty
    together with the use, copying or distribution of the code or its licensee."""
    header = (f"/*\n * Copyright (c) 2010 Petri Lehtinen\n *\n * {description}\n *\n"
              " * Permission is hereby granted, free of charge, to any person obtaining a copy\n"
              " * of this software and associated documentation files (the \"Software\"), to deal\n"
              " * in the Software without restriction, including without limitation the rights\n"
              " * to use, copy, modify, merge, publish, distribute, sublicense, and/or sell\n"
              " * copies of the Software, and to permit persons to whom the Software is\n"
              " * furnished to do so, subject to the following conditions:\n *\n"
              " * The above copyright notice and this permission notice shall be included in\n"
              " * all copies or substantial portions of the Software.\n *\n"
              " * THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR\n"
              " * IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,\n"
              " * FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE\n"
              " * AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER\n"
              " * LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,\n"
              " * OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN\n"
              " * THE SOFTWARE.\n */\n\nint x;\n")
    decision = judge(detector, {"a.c": header})["a.c"]
    assert (decision.verdict == lp.PERMISSIVE) is kept, decision.evidence


def test_a_bsd_text_that_drops_a_condition_is_not_bsd(detector):
    """Less's licence: BSD-2-Clause with "this list of conditions and the following disclaimer" dropped
    from clause 2. scancode ships it as a rule of bsd-simplified; a deleted condition is residue."""
    bsd2 = licence_text("bsd-simplified")
    clause = "notice, this list of conditions and the following disclaimer in the documentation"
    assert clause in " ".join(bsd2.split())
    less = re.sub(r"notice,\s+this\s+list\s+of\s+conditions\s+and\s+the\s+following\s+disclaimer\s+in\s+the",
                  "notice in the", bsd2, count=1)
    assert less != bsd2
    text = "Copyright (C) 1984-1999 Mark Nudelman\n\n" + less
    assert detector.folder_map([("LICENSE", text.encode())], None)[""].verdict != lp.PERMISSIVE
    assert judge(detector, {"less.txt": text})["less.txt"].verdict != lp.PERMISSIVE
    whole = "Copyright (C) 1984-1999 Mark Nudelman\n\n" + bsd2
    assert detector.folder_map([("LICENSE", whole.encode())], None)[""].verdict == lp.PERMISSIVE


@pytest.mark.parametrize(
    "text, attribution",
    [
        ("This software was written for RadioMail Corporation by Ted Lemon\nunder a contract with Vixie "
         "Enterprises.   Further modifications have\nbeen made for the Internet Software Consortium under a "
         "contract\nwith Vixie Laboratories.", True),
        # the end of one whose first words scancode's ISC rule matched, and where to learn more
        ("by Ted Lemon, as part of a project for Nominum, Inc.   To learn more\nabout the Internet Software "
         "Consortium, see http://www.isc.org/.  To\nlearn more about Nominum, Inc., see ``http://www.nominum.com''.",
         True),
        ("under a contract with Vixie Enterprises.", True),
        ("This software was written for the US Government and may not be used commercially.", False),
        ("This software was written for non-commercial use.", False),
        ("Written for Acme Corp for Internal Use Only.", False),
        ("This code was contributed to the public domain by Joe.", False),
        ("Written by Jane. Do not redistribute.", False),
        ("This software is for Acme.", False),  # no authorship: a purpose
    ],
)
def test_an_attribution_told_in_clauses(text, attribution):
    """Grammar rule 5: who wrote the code, for and with whom, under whose contract; no term word."""
    assert rs.is_attribution(text) is attribution


ISC_HEADER = ("/* trace.c\n\n   Subroutines that support dhcp tracing... */\n\n/*\n"
              " * Copyright (c) 2001 Internet Software Consortium.\n * All rights reserved.\n *\n"
              + "".join(f" * {line}\n" if line else " *\n" for line in BSD3.splitlines())
              + " *\n * This software has been written for the Internet Software Consortium\n"
              " * by Ted Lemon, as part of a project for Nominum, Inc.   To learn more\n"
              " * about the Internet Software Consortium, see http://www.isc.org/.{rider}\n */\n\n"
              "#include \"dhcpd.h\"\n")


@pytest.mark.parametrize("name", ["trace.c", "trace.txt"])
@pytest.mark.parametrize("rider, kept", [("", True), ("  It may not be used commercially.", False)])
def test_an_isc_header_with_its_attribution(detector, name, rider, kept):
    """ISC DHCP's headers end their BSD text with who wrote the code: an attribution, not a term."""
    text = ISC_HEADER.replace("{rider}", rider)
    decision = judge(detector, {name: text})[name]
    assert (decision.verdict == lp.PERMISSIVE) is kept, decision.evidence


@pytest.mark.parametrize("rider, kept", [("", True), (".\\\" Not for commercial use.\n", False)])
def test_a_man_pages_notice_ends_with_its_roff_comment(detector, rider, kept):
    """A man page's notice is in roff comment lines (``.\\"``): the page's text after them is not
    licence-bearing; a rider among the comment lines is."""
    notice = "".join(f'.\\" {line}\n' if line else '.\\"\n' for line in (
        "omshell.1", "", "Copyright (c) 2001 Internet Software Consortium.", *BSD3.splitlines()))
    page = (notice + rider + ".TH omshell 1\n.SH DESCRIPTION\nBy using omshell, you do not have to stop the "
            "server, but\n.I must\nunderstand what objects are available and how to use them.\n")
    decision = judge(detector, {"omshell.1.txt": page})["omshell.1.txt"]
    assert (decision.verdict == lp.PERMISSIVE) is kept, decision.evidence


@pytest.mark.parametrize(
    "subject, kept",
    [("getopt, more, pg, wall, and whereis", True), ("Only getopt", False), ("Non-commercial copies of getopt", False),
     ("Nothing in this package", False)],
)
def test_the_subject_of_a_grant_before_its_notice(detector, subject, kept):
    """A Debian copyright file names the programs a notice covers: "<subject> may be [redistributed under
    the terms of the UCB BSD license ...]"; a term word in the subject is residue."""
    text = (f"Copyright:\n\n{subject} may be redistributed under the terms\nof the UCB BSD license found on "
            "Debian systems in the file\n/usr/share/common-licenses/BSD\n")
    decision = judge(detector, {"copyright.txt": text})["copyright.txt"]
    assert (decision.verdict == lp.PERMISSIVE) is kept, decision.evidence


@pytest.mark.parametrize(
    "second, kept",
    [("Open Sans is licensed under the Apache license", True), ("Open Sans is licensed under the GPL", False)],
)
def test_a_sentence_beside_a_notice_that_states_another_kept_licence(detector, second, kept):
    """jimp's README: "Jimp is licensed under the MIT license. Open Sans is licensed under the Apache
    license" on one line; each sentence is the other match's, and the expression holds both."""
    readme = f"# Jimp\n\nAn image library.\n\n## License\n\nJimp is licensed under the MIT license. {second}\n"
    decision = judge(detector, {"README.md": readme, "a.js": "var x = 1;\n"})["a.js"]
    assert (decision.verdict == lp.PERMISSIVE) is kept, decision.evidence


APACHE_NOTICE = ("Copyright (c) .NET Foundation. All rights reserved.\n\n"
                 "Licensed under the Apache License, Version 2.0 (the \"License\"); you may not use\n"
                 "these files except in compliance with the License. You may obtain a copy of the\n"
                 "License at\n\nhttp://www.apache.org/licenses/LICENSE-2.0\n\n"
                 "Unless required by applicable law or agreed to in writing, software distributed\n"
                 "under the License is distributed on an \"AS IS\" BASIS, WITHOUT WARRANTIES OR\n"
                 "CONDITIONS OF ANY KIND, either express or implied. See the License for the\n"
                 "specific language governing permissions and limitations under the License.\n")


@pytest.mark.parametrize(
    "name, kept",
    [("THIRD-PARTY-NOTICES", False), ("AUTHORS", False), ("notices.txt", False), ("Program.cs", True)],
)
def test_a_file_of_no_language_is_a_document(detector, name, kept):
    """A file with no extension and no programming language (.NET's THIRD-PARTY-NOTICES) is prose: read
    past its first notice, as a .txt is, where another component's licence follows beyond the head."""
    filler = "".join(f"Line {i} of the introduction.\n\n" for i in range(5))
    text = (filler + "License notice for Nuget.Client\n-------------------------------\n\n" + APACHE_NOTICE
            + "\n\nLicense notice for Widget\n------------------------\n\n"
            "Widget is licensed under the GNU General Public License, version 2.\n")
    if name.endswith(".cs"):  # code: its header is the comment above the code, nothing past it
        text = "// " + APACHE_NOTICE.replace("\n", "\n// ") + "\nclass Program {}\n" + "\n" * 40 + "// GPL\n"
    decision = judge(detector, {name: text})[name]
    assert (decision.verdict == lp.PERMISSIVE) is kept, decision.evidence


@pytest.mark.parametrize(
    "holder, kept",
    [("Copyright (c) 2011 Guillaume Campagna", True), ("Copyright (c) 2011 Guillaume Campagna, internal use", False)],
)
def test_words_inside_a_notice_across_lines_are_read_line_by_line(detector, holder, kept):
    """scancode's MIT-or-commercial rule spans the offer, the holder's page and the copyright line: the
    gap it leaves is a URL's end, a rule and a copyright statement, each benign on its own line."""
    text = ("This control is dual licensed:\n \nYou can use it for free under the MIT licence below or, if you "
            "require non-attribution you can purchase the commercial licence available at "
            f"http://www.cocoacontrols.com/authors/gcamp\n\n---\n\n{holder}\n\n" + licence_text("mit") + "\n")
    decision = judge(detector, {"LICENSE.txt": text, "a.m": "int x;\n"})["a.m"]
    assert (decision.verdict == lp.PERMISSIVE) is kept, decision.evidence


@pytest.mark.parametrize(
    "line, statement",
    [("NetworkX is distributed with the 3-clause BSD license.", True),
     ("Nothing in this repository is distributed under the BSD license.", False),
     ("Nobody is licensed under the BSD license.", False),
     # the text named as the one below it (librt's first line)
     ("Mypyc runtime library is licensed under the terms of the BSD license, reproduced below.", True),
     ("Mypyc runtime library is licensed under the terms of the BSD license, for research, reproduced below.",
      False)],
)
def test_a_statement_that_denies_its_subject_is_no_title(line, statement):
    """Rule 3: a sentence that only says the work is under the licence; a negated subject denies it."""
    assert rs.is_licence_statement(line, {"BSD-3-Clause"}) is statement


@pytest.mark.parametrize(
    "text, see",
    [("See [LICENSE](LICENSE) for more details.", True),
     ("See the [LICENCE](./LICENCE.md) file for details", True),
     ("See [LICENSE](https://example.com/LICENSE) for details", False),  # a page elsewhere is not read
     ("See [LICENSE](TERMS.md) for details", False),
     ("See [TERMS](LICENSE) for details", False)],
)
def test_a_markdown_link_to_the_licence_file(text, see):
    """A pointer to the licence's own file may be a Markdown link whose text and target both name it."""
    assert rs.is_licence_see(text, {"Apache-2.0"}) is see


@pytest.mark.parametrize(
    "sentence, kept",
    [("This project is released under the Apache v2. licence. See [LICENCE](LICENCE) for more details.", True),
     ("This project is released under the Apache v2. licence, for non-commercial use only.", False)],
)
def test_a_documents_license_section_is_read_once(detector, sentence, kept):
    """The head of a document that holds its License section is read without the section's lines once
    the section names a licence: scancode reading the heading and the sentence together matches a
    README rule weakly (unknown), the section alone matches the licence's name."""
    text = f"## License\n\n{sentence}\n"
    decision = judge(detector, {"about.txt": text})["about.txt"]
    assert (decision.verdict == lp.PERMISSIVE) is kept, decision.evidence


MS_NOTICE = ("This source code is subject to terms and conditions of the Apache License, Version 2.0. A\n"
             "copy of the license can be found in the License.html file at the root of this distribution. If\n"
             "you cannot locate the Apache License, Version 2.0, please send an email to\n"
             "dlr@example.com. By using this source code in any fashion, you are agreeing to be bound\n"
             "by the terms of the Apache License, Version 2.0.{rider}\n")


@pytest.mark.parametrize("rider, kept", [("", True), (" You may not use it commercially.", False)])
def test_microsofts_notice_asks_for_a_copy_and_binds_by_the_terms(detector, rider, kept):
    """Microsoft's notice template, as a document: "If you cannot locate the <licence>, please send an
    email to ..." is where to get the licence, and "bound by the terms of" stands for the rule's "under
    the terms of"."""
    decision = judge(detector, {"engine.txt": MS_NOTICE.replace("{rider}", rider)})["engine.txt"]
    assert (decision.verdict == lp.PERMISSIVE) is kept, decision.evidence


@pytest.mark.parametrize(
    "line, lead",
    [("Moving maximum / minimum code taken from Bottleneck under the terms", True),
     ("This file is distributed under the terms of the", True),
     ("If you cannot locate the", True),
     ("Code taken from Bottleneck for non-commercial use under the terms", False),
     ("Nothing taken from Bottleneck under the terms", False),
     ("Code taken from Bottleneck", True),
     ("JSZip uses the", True),
     ("Nobody uses the", False)],
)
def test_words_leading_into_a_notice(line, lead):
    assert rs.is_lead(line) is lead


@pytest.mark.parametrize(
    "first, kept",
    [("Moving maximum / minimum code taken from Bottleneck under the terms", True),
     ("Moving maximum / minimum code taken from Bottleneck for academic use under the terms", False)],
)
def test_provenance_leading_into_a_notice_on_the_next_line(detector, first, kept):
    """"X taken from Y under the terms / of its Simplified BSD license": the first line leads into the
    notice scancode matches on the second."""
    text = f"# {first}\n# of its Simplified BSD license\n# https://github.com/kwgoodman/bottleneck\nimport numpy\n"
    decision = judge(detector, {"move.py": text})["move.py"]
    assert (decision.verdict == lp.PERMISSIVE) is kept, decision.evidence


@pytest.mark.parametrize(
    "header, kept",
    [("# This file is a part of Julia. License is MIT", True),
     ("# This file is a part of Julia. License is MIT: https://julialang.org/license", False)],
)
def test_a_notice_matched_by_a_misspelt_rule(detector, header, kept):
    """scancode matches "License is MIT" with its rule "Liscese is MIT": the rule's misspelling is no word
    missing; the words around the notice are read as always (a project's licence page is not read)."""
    decision = judge(detector, {"run.sh": f"#!/bin/sh\n{header}\n\necho hi\n"})["run.sh"]
    assert (decision.verdict == lp.PERMISSIVE) is kept, decision.evidence
    assert "liscese" not in str(decision.evidence)


@pytest.mark.parametrize("rider, kept", [("", True), ('.\\" Not for commercial use.\n', False)])
def test_a_man_pages_notice_running_past_the_head_ends_with_its_comment(detector, rider, kept):
    """roff comment lines are line comments: a man page's notice that runs past ``header_lines`` is read
    to its last comment line, rider included, and no further (the page's text, which tells the reader
    what they "must" do, was read as the notice's paragraph)."""
    intro = "".join(f'.\\" Page history, note {i}.\n' for i in range(12))
    notice = "".join(f'.\\" {line}\n' if line else '.\\"\n' for line in (
        "Copyright (c) 2001 Internet Software Consortium.", *BSD3.splitlines()))
    page = (intro + notice + rider + ".TH omshell 1\n.SH DESCRIPTION\nBy using omshell, you do not have to stop "
            "the server, but\n.I must\nunderstand what objects are available and how to use them.\n")
    assert page.count("\n", 0, page.index(".TH")) > 30
    head = notice_head(page, LicenseConfig().header_lines, document=is_document("omshell.1"))
    assert head == page[:page.index(".TH") - 1]
    decision = judge(detector, {"omshell.1": page})["omshell.1"]
    assert (decision.verdict == lp.PERMISSIVE) is kept, decision.evidence


MD5_HEADER = """/*
 * Browser-compatible JavaScript MD5
 *
 * Copyright 2011, Sebastian Tschan
 * https://blueimp.net
 *
 * Licensed under the MIT license:
 * https://opensource.org/licenses/MIT{after}
 *
 * Based on
 * {description}
 * Version 2.2 Copyright (C) Paul Johnston 1999 - 2009
 * Other contributors: Greg Holt, Andrew Kepert, Ydnar, Lostinet
 * Distributed under the BSD License
 * See http://pajhome.org.uk/crypt/md5 for more info.
 */
function md5(s) {}
"""


@pytest.mark.parametrize(
    "description, after, kept",
    [("A JavaScript implementation of the RSA Data Security, Inc. MD5 Message Digest Algorithm.", "", True),
     ("Not to be used in medical devices.", "", False),  # a term word: the grammar reads it
     # a line after the MIT grant, in its paragraph: a rider may follow a grant, so the whole grammar
     ("A JavaScript implementation of MD5.", "\n * The Tschan family holds the exclusive rights.", False)],
)
def test_a_bundled_components_description_above_its_notice(detector, description, after, kept):
    """Rule 8 for every notice: the description of a bundled component in its own notice's paragraph,
    above that notice (blueimp's md5.js, based on Paul Johnston's), like a file's description above
    the first notice."""
    text = MD5_HEADER.replace("{description}", description).replace("{after}", after)
    decision = judge(detector, {"md5.js": text})["md5.js"]
    assert (decision.verdict == lp.PERMISSIVE) is kept, decision.evidence


@pytest.mark.parametrize(
    "component, kept",
    [("JSZip uses the library pako released under the MIT license :", True),
     ("JSZip uses the library pako released under the MIT license, for non-commercial use only :", False),
     ("Nothing here uses the library pako released under the MIT license :", False)],
)
def test_a_component_the_work_holds_and_its_licence(detector, component, kept):
    """"<work> uses the [library pako released under the MIT license]": which component the work holds,
    under a licence the expression holds; no term word in it."""
    text = ("/*!\nJSZip - A JavaScript class for generating and reading zip files\n\n"
            "(c) 2009-2016 Stuart Knightley <stuart [at] stuartk.com>\nLicensed under the MIT license.\n\n"
            f"{component}\nhttps://github.com/nodeca/pako/blob/main/LICENSE\n*/\n\"use strict\";\n")
    decision = judge(detector, {"jszip.js": text})["jszip.js"]
    assert (decision.verdict == lp.PERMISSIVE) is kept, decision.evidence


@pytest.mark.parametrize(
    "text, see",
    [("See the LICENSE file in the root of this repository for complete details.", True),
     ("See the packaging_legacy_version.LICENSE file in this repository for complete details.", True),
     ("See the LICENSE file in the root of the `packaging` repository for complete details.", True),  # upstream's
     ("See License.txt in the project root for license information.", True),  # Microsoft's header
     ("See the TERMS file in this repository for complete details.", False),
     ("See License.txt in the project root for license information and the additional terms.", False)],
)
def test_where_the_licence_file_lies(text, see):
    assert rs.is_licence_see(text, {"Apache-2.0", "BSD-2-Clause"}) is see


@pytest.mark.parametrize(
    "last, benign",
    [("this repository for complete details.", True),
     ("this repository, except the vendor folder.", False),
     ("this repository. Not for commercial use.", False)],
)
def test_a_pointer_sentence_read_across_the_line_break(last, benign):
    """A line a licence explains may begin the sentence the next line ends: the sentence is read whole."""
    lines = ["# This file is dual licensed under the terms of the Apache License, Version",
             "# 2.0, and the BSD License. See the LICENSE file in the root of", f"# {last}"]
    found = rs.explain(lines, [2], {"Apache-2.0", "BSD-2-Clause"})
    assert (found.lines == []) is benign
    # a line that starts its own sentence is read alone
    lines[1] = "# 2.0, and the BSD License."
    assert rs.explain(lines, [2], {"Apache-2.0", "BSD-2-Clause"}).lines != []


# --------------------------------------------------------------------------- real package licence files
# The shapes below were found in the licence files of real npm and PyPI packages (benchmarks/data/
# licenses_fresh, rounds 10 to 15); each benign shape is paired with a rider written in the same shape.

BSD2 = licence_text("bsd-simplified")
APACHE = licence_text("apache-2.0")


@pytest.mark.parametrize(
    "line, benign",
    [
        ("TypeScript port Copyright Isaac Z. Schlueter <i@izs.me>", True),
        ("Original code Copyright Julian Gruber <julian@juliangruber.com>", True),
        ("Original source code is copyright (c) 2019-2025 Remy Rylan", True),
        ("All JSON Schema documentation and descriptions are copyright (c):", True),
        ("Commercial version Copyright Acme Corp", False),
        ("Internal port Copyright Acme Corp", False),
        ("Copyright (c) 2007-2014, Alexandru Marasteanu <hello [at) alexei (dot] ro>", True),
        ("Author 2014-2019, Yury Strozhevsky", True),
        ("Author 2014-2019, Yury Strozhevsky, for academic use", False),
        ("2009-2026 (c) Benoît Chesneau <benoitc@gunicorn.org>", True),
        ("2009-2026 (c) Acme Corp, internal use only", False),
        ("Copyright (c) 2013-2026 by the Babel Team, see AUTHORS for more information.", True),
        ("Copyright (c) 2013-2026 by the Babel Team, see TERMS for more information.", False),
        ("Copyright (c) React Training 2016-2018", True),
        ("Copyright (c) 2016 Acme Corp. No AI Training", False),
        ("Copyright 2019 - present Christopher J. Brody and other contributors, as listed in: "
         "https://github.com/xmldom/xmldom/graphs/contributors", True),
        ("Copyright (c) 2017 Ember core team and ember cli contributors", True),
        ("Modified work: Copyright (c) 2020 Jonas Gnioui <btxtiger@icloud.com>", True),
        ("Commercial work: Copyright (c) 2020 Acme Corp", False),
        ("quickjs-emscripten copyright (c) 2019 Jake Teton-Landis", True),
        ("Internal copyright (c) 2019 Acme Corp", False),
        ("Copyright (c) 2016-2024 Matteo Collina, David Mark Clements and the Pino contributors listed at "
         "https://github.com/pinojs/pino#the-team and in the README file.", True),
        ("Copyright (c) 2016-2024 Matteo Collina and the contributors listed at https://example.com/team, "
         "for non-commercial use", False),
        ("Copyright 2015 Gareth Jones (with contributions from many other people)", True),
        ("Copyright 2015 Gareth Jones (with contributions from many other people) for internal use", False),
        ("Copyright (c) 2016 Should.js assertion library", True),
        ("Copyright (c) 2016 Should.js, not for sale", False),
        ("Original work Copyright (c) 2015 Joshua Cranmer <Pidgeot18@gmail.com> as part of jcranmer/idna-uts46.", True),
        ("Modified work Copyright (c) 2017 Kai Schwarz <kschwarz@hexonet.net> as part of this fork hexonet/idna-uts46.",
         True),
        ("Copyright (c) 2017 Kai Schwarz as part of internal use only", False),
        ("node-byline (C) 2011-2015 John Hewson", True),
        ("Internal (C) 2011 Acme Corp", False),
        ("pngjs2 original work Copyright (c) 2015 Luke Page & Original Contributors", True),
        ("pngjs derived work Copyright (c) 2012 Kuba Niegowski", True),
        ("pngjs trial work Copyright (c) 2012 Kuba Niegowski", False),
        ("personal derived work Copyright (c) 2012 Kuba Niegowski", False),
        ("for original work Copyright (c) 2012 Kuba Niegowski", False),
        ("Original dagre-d3 copyright: Copyright (c) 2013 Chris Pettitt", True),
        ("Commercial copyright: Copyright (c) 2013 Chris Pettitt", False),
        ("For customers copyright: Copyright (c) 2013 Chris Pettitt", False),
        ("Faker - Copyright (c) 2022-2025", True),
        ("https://github.com/stympy/faker/ - Copyright (c) 2007-2010 Benjamin Curtis", True),
        ("internal - Copyright (c) 2011 Acme", False),
        ("https://example.com/noncommercial - Copyright (c) 2011 Acme", False),
    ],
)
def test_copyright_statements_of_package_licence_files(line, benign):
    """The part of the work a statement covers, authorship and holder lists in copyright form, an
    obfuscated address, years before the mark: rule 2 still lets no term word through."""
    assert rs.is_copyright_statement(line) is benign


@pytest.mark.parametrize(
    "text, ids, benign",
    [
        ("Minizlib was created by Isaac Z. Schlueter.\nIt is a derivative work of the Node.js project.", {"MIT"}, True),
        ("This library is a fork of 'better-json-errors' by Kat Marchán, extended and\n"
         "distributed under the terms of the MIT license below.", {"MIT"}, True),
        ("This library is a fork of 'better-json-errors' by Kat Marchán, extended and\n"
         "distributed under the terms of the GPL license below.", {"MIT"}, False),
        ("This library is a fork of X for non-commercial use.", {"MIT"}, False),
        ("Note: This is a derivative work based on \"node-fetch\" by David Frank,\n"
         "modified and distributed under the terms of the MIT license above.\nhttps://github.com/bitinn/node-fetch",
         {"MIT"}, True),
        ("This is a derivative work based on JSONStream by Dominic Tarr, modified and\n"
         "redistributed according to the terms of the MIT license above.\nhttps://github.com/dominictarr/JSONStream",
         {"MIT"}, True),
        ("This is a derivative work based on JSONStream by Dominic Tarr, modified and\n"
         "redistributed according to the terms of the GPL license above.", {"MIT"}, False),
        ("This file is from https://github.com/mscdex/io.js/blob/main/test.js\n"
         "with modifications by Jan Schär (jscissr).", {"MIT"}, True),
        ("This file is from X, with modifications by Acme for internal use.", {"MIT"}, False),
        ("Some files from the tests folder are from joyent/node and mscedex/io.js, a fork\nof nodejs/io.js:",
         {"MIT"}, True),
        ("Node.js is licensed for use as follows:", {"MIT"}, True),
        ("Node.js is licensed for non-commercial use as follows:", {"MIT"}, False),
        ("Based on micro-bunzip by Rob Landley (rob@landley.net).", {"MIT"}, True),
        ("Based on work licensed for research only.", {"MIT"}, False),
        ("This package contains code originally written by Isaac Z. Schlueter.\nUsed with permission.",
         {"BSD-2-Clause"}, True),
        ("Cookie parsing based on https://github.com/jshttp/cookie", {"MIT"}, True),
        ("Portions of this code were borrowed from https://github.com/developit/htmlParser", {"MIT"}, True),
        ("src/mri.ts is forked from mri (https://github.com/lukeed/mri),\ndistributed under the following license:",
         {"MIT"}, True),
        ("This module was extracted from the `cloud` package, developed by\nPiCloud, Inc.", {"BSD-3-Clause"}, True),
        ("This module was extracted from the `cloud` package, for government use.", {"BSD-3-Clause"}, False),
        ("This project contains parts of Node.js.", {"MIT"}, True),
        ("This project contains parts of code licensed for non-commercial use.", {"MIT"}, False),
        ("Based on faker.js, copyright Marak Squires and contributor, what follows below is the original license.",
         {"MIT"}, True),
        ("Based on faker.js, copyright Marak Squires for internal use, what follows below is the original license.",
         {"MIT"}, False),
        ("Based on faker.js, what follows below is the GPL license.", {"MIT"}, False),
        ("faker.js was inspired by and has used data definitions from:", {"MIT"}, True),
        ("faker.js was inspired by and has used data definitions for non-commercial use from:", {"MIT"}, False),
        ("Merged Buffer refactorings from base58-native by Stephen Pair", {"MIT"}, True),
        ("Merged Buffer refactorings from base58-native for commercial use", {"MIT"}, False),
        # a company's suffix inside the sentence (hoek)
        ("Portions of this project were initially based on the Yahoo! Inc. Postmile project,\n"
         "published at https://github.com/yahoo/postmile.", {"BSD-3-Clause"}, True),
        ("Portions of this project were initially based on the Yahoo! Inc. Postmile project,\n"
         "published at https://github.com/yahoo/postmile for internal use.", {"BSD-3-Clause"}, False),
    ],
)
def test_where_the_code_came_from(text, ids, benign):
    """Rule 5's provenance sentences: what the work was derived, forked, taken or extracted from, and by
    whom; a licence they name must be the text's own, and no term word may appear."""
    assert rs.is_attribution(text, ids) is benign


@pytest.mark.parametrize(
    "text, kept",
    [
        ("TypeBox\n\nJson Schema Type Builder with Static Type Resolution for TypeScript\n\n" + MIT, True),
        (MIT + "\n[others]: https://github.com/json5/json5/contributors\n", True),
        (MIT + "\n[terms]: https://example.com/non-commercial-terms\n", False),
        ("<h1>License</h1>\n\nUnless stated otherwise all works are:\n\n"
         "<ul><li>Copyright &copy; 2012+ <a href=\"http://bevry.me\">Bevry Pty Ltd</a></li></ul>\n\n"
         "and licensed under:\n\n<ul><li><a href=\"http://spdx.org/licenses/MIT.html\">MIT License</a></li></ul>\n\n"
         "<pre>\n" + licence_text("mit") + "\n</pre>\n", True),
        ("<h1>License</h1>\n\n<p>Not for commercial use.</p>\n\n<pre>\n" + MIT + "\n</pre>\n", False),
        (MIT + "\nThis license applies to parts of Node.js originating from the\n"
         "https://github.com/joyent/node repository:\n\n" + MIT, True),
        (MIT + "\nThis license applies to non-commercial uses of Node.js:\n\n" + MIT, False),
        (MIT + "\nThe complete list of contributors can be found at:\n- https://github.com/x/y/graphs/contributors\n",
         True),
        ("License for Sphinx\n==================\n\nUnless otherwise indicated, all code in the Sphinx project is "
         "licenced under the\ntwo clause BSD licence below.\n\nCopyright (c) 2007-2025 by the Sphinx team (see AUTHORS "
         "file).\nAll rights reserved.\n\n" + BSD2, True),
        ("License for Sphinx\n==================\n\nUnless otherwise indicated, all code in the Sphinx project is "
         "licenced under the\nGPL licence below.\n\nCopyright (c) 2007-2025 by the Sphinx team.\n\n" + BSD2, False),
        # Round 22's shapes: a lead into the copy that covers code taken from elsewhere, a name and a
        # dash above the licence, the MIT licence's other name in its title.
        (MIT + "\n# lib/node\n\nThe `lib/node` directory borrows files from joyent/node which uses the following "
         "license:\n\n" + MIT, True),
        (MIT + "\nThe `lib/node` directory borrows files from joyent/node which uses the following license for "
         "non-commercial use:\n\n" + MIT, False),
        (MIT + "\n### path-browserify\n\n`src/utils/join.js` contains the POSIX path normalisation from\n"
         "[path-browserify](https://github.com/browserify/path-browserify), which\nextracted it from Node.js.\n\n"
         "MIT License\n\n" + MIT, True),
        (MIT + "\n`src/utils/join.js` contains code for internal use from path-browserify.\n\n" + MIT, False),
        (MIT + "\n`src/utils/join.js` contains the POSIX path normalisation from path-browserify.\n", False),  # no copy
        (MIT + "\n---\n\nSome files in this codebase contain code from getsentry/sentry-python.\nIn such cases it is "
         "explicitly stated in the file header. This license only applies to the relevant code in such cases.\n\n"
         "MIT License\n\n" + MIT, True),
        (MIT + "\n---\n\nSome files in this codebase contain code from getsentry/sentry-python.\nIn such cases it is "
         "explicitly stated in the file header. This license only applies to non-commercial code.\n\n"
         "MIT License\n\n" + MIT, False),
        ("Toposort - Topological sorting for node.js\n" + MIT, True),
        ("Toposort - Topological sorting for teachers\n" + MIT, False),
        ("Toposort - not for resale\n" + MIT, False),
        ("The MIT License (X11 License)\n\n" + MIT, True),
        ("The MIT License (GPL License)\n\n" + MIT, False),
        # Round 24's: a description and where the code came from above the notice, thanks to contributors.
        ("Dijkstra path-finding functions. Adapted from the Dijkstar Python project.\n\n" + MIT, True),
        ("Dijkstra path-finding functions for students. Adapted from the Dijkstar Python project.\n\n" + MIT, False),
        ("Dijkstra path-finding functions. Adapted from the Dijkstar project for internal use.\n\n" + MIT, False),
        (MIT + "\nAcme Open Technologies would like to thank its contributors, a list\nof whom are at "
         "http://example.codeplex.com/wikipage?title=Contributors.\n", True),
        (MIT + "\nAcme would like to thank its contributors, who may use it for non-commercial purposes only.\n", False),
        # Read on rounds 13 and 15 after round 27: a file's name and a colon above the licence, a bundled
        # package's name and the address of its licence file, a bundled library named above its licence.
        ("wcwidth.js: JavaScript Portng of Markus Kuhn's wcwidth() Implementation\n" + "=" * 40 + "\n\n" + MIT, True),
        ("wcwidth.js: JavaScript port for non-commercial use\n" + "=" * 40 + "\n\n" + MIT, False),
        (MIT + "\n---\n\nsmol-toml: https://github.com/squirrelchat/smol-toml/blob/mistress/LICENSE\n\n" + MIT, True),
        (MIT + "\n---\n\nsmol-toml: https://example.com/commercial-use/LICENSE\n\n" + MIT, False),
        (MIT + '\n---\n\nThird party library "@babel/types" bundled.\n\n"""\nMIT License\n\n' + MIT + '"""\n', True),
        (MIT + '\n---\n\nThird party library "@babel/types" bundled for internal use.\n\n' + MIT, False),
        (MIT + '\n---\n\nThird party library "@babel/types" bundled.\n', False),  # no copy below it
        (MIT + "\n== dependency license: adm-zip ==\n\n" + MIT.replace("\n", "\nhttp://www.example.ro/\n", 1), True),
        (MIT + "\n== dependency license: adm-zip for internal use ==\n\n" + MIT, False),
        # Read on round 28: Bevry's title, parts copyright, a quoted package's contributors, a module's
        # licence named as the copy's own right above it.
        ("<h1>License</h1>\n\nThe incredibly [permissive](http://en.wikipedia.org/wiki/Permissive_free_software_licence) "
         "[MIT License](http://opensource.org/licenses/mit-license.php)\n\n" + MIT, True),
        ("The incredibly [permissive](http://example.com/non-commercial) [MIT License](http://opensource.org/licenses/"
         "mit-license.php)\n\n" + MIT, False),
        ("The incredibly permissive non-commercial MIT License\n\n" + MIT, False),
        (MIT + "\nParts of this software are copyright (c) 2010 Andrew Naylor.\n", True),
        (MIT + "\nParts of this software are copyright (c) 2010 Andrew Naylor, for internal use.\n", False),
        (MIT + "\n`level-mem` contributors listed at <https://github.com/level/community#contributors>\n", True),
        (MIT + "\n`level-mem` licensees listed at <https://github.com/level/community#contributors>\n", False),
        (MIT + '\nThe "cache" module from werkzeug is licensed under a BSD-3 Clause license as is\nstated below:\n\n'
         "Copyright (c) 2017, Pallets Team\n\nAll rights reserved.\n\n" + licence_text("bsd-new"), True),
        (MIT + '\nThe "cache" module from werkzeug is licensed under a GPL license as is\nstated below:\n\n'
         "Copyright (c) 2017, Pallets Team\n\nAll rights reserved.\n\n" + licence_text("bsd-new"), False),
        # Read on round 29: code taken from a library whose licence follows, a long tagline.
        (MIT + "\n\nSome code has been taken from the scipy library whose licence is below.\n\n"
         "Copyright (c) 2001, 2002 Enthought, Inc.\nAll rights reserved.\n\n" + licence_text("bsd-new"), True),
        (MIT + "\n\nSome code has been taken from the scipy library for internal use whose licence is below.\n\n"
         "Copyright (c) 2001, 2002 Enthought, Inc.\nAll rights reserved.\n\n" + licence_text("bsd-new"), False),
        ("Microsoft 365 Agents Toolkit for Visual Studio Code and Microsoft 365 Agents Toolkit CLI\n\n" + MIT, True),
        ("Microsoft 365 Agents Toolkit for Visual Studio Code and Microsoft 365 Agents Toolkit Internal Use\n\n" + MIT,
         False),
    ],
)
def test_package_licence_files_around_their_licence(detector, text, kept):
    """Taglines above the licence, Markdown link definitions, HTML markup, scope notes before a copy of
    the licence and a scope lead before a licence statement are benign; the same places holding a term
    are residue."""
    decision = judge(detector, {"LICENSE": text, "main.py": "x = 1\n"})["main.py"]
    assert (decision.verdict == lp.PERMISSIVE) is kept, decision.evidence


@pytest.mark.parametrize(
    "line, above, benign",
    [("Json Schema Type Builder with Static Type Resolution for TypeScript", True, True),
     ("Json Schema Type Builder with Static Type Resolution for TypeScript", False, False),  # below the licence
     ("For Students And Teachers", True, False),  # a party: no tagline, no heading
     ("For Yarn software", True, True),  # "BSD 2-Clause License / For Yarn software"
     ("For Students software", True, False),
     ("For signedsource software", True, True),
     ("Json Schema Type Builder for Internal Use", True, False)],
)
def test_a_tagline_above_the_licence(line, above, benign):
    """A project's tagline in title case is benign above everything a licence explains, not below it."""
    grant = "Permission is hereby granted, free of charge, to any person obtaining a copy"
    lines = [line, "", grant] if above else [grant, "", line]
    assert (rs.explain(lines, [0] if above else [2], {"MIT"}).lines == []) is benign


@pytest.mark.parametrize(
    "notice, kept",
    [("you may not use this file except in compliance with the License.", True),
     ("you may not use this file for commercial purposes.", False)],
)
def test_the_apache_notice_above_its_text(detector, notice, kept):
    """A file holding the Apache notice and then the licence's text (scancode may match both as one rule):
    the notice is an intact copy of the licence's own notice, or residue."""
    text = ("Copyright 2012 The Obvious Corporation.\nhttp://obvious.com/\n\n"
            "Licensed under the Apache License, Version 2.0 (the \"License\");\n" + notice + "\n"
            "You may obtain a copy of the License at\n\nhttp://www.apache.org/licenses/LICENSE-2.0\n\n"
            "Unless required by applicable law or agreed to in writing, software\n"
            "distributed under the License is distributed on an \"AS IS\" BASIS,\n"
            "WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.\n"
            "See the License for the specific language governing permissions and\n"
            "limitations under the License.\n\n-------------------------------------------------------------------------\n\n"
            + APACHE)
    decision = judge(detector, {"LICENSE.txt": text, "main.py": "x = 1\n"})["main.py"]
    assert (decision.verdict == lp.PERMISSIVE) is kept, decision.evidence


@pytest.mark.parametrize(
    "rider, kept",
    [("", True),
     ("Postject may not be used for commercial purposes.\n\n", False)],
)
def test_a_licence_file_listing_its_externally_maintained_libraries(detector, rider, kept):
    """Node.js's layout as postject writes it: the project's licence quoted, a scope line, then a list of
    the bundled libraries, each with the licence that follows it (read as any other text)."""
    text = ('Postject is licensed for use as follows:\n\n"""\nMIT License\n\n' + MIT + '"""\n\n'
            "The Postject license applies to all parts of Postject that are not externally\nmaintained libraries.\n\n"
            + rider + "The externally maintained libraries used by Postject are:\n\n"
            '- LIEF, located at vendor/LIEF, is licensed as follows:\n  """\n' + APACHE + '\n  """\n')
    decision = judge(detector, {"LICENSE": text, "main.py": "x = 1\n"})["main.py"]
    assert (decision.verdict == lp.PERMISSIVE) is kept, decision.evidence
    if kept:
        assert decision.expression == "Apache-2.0 AND MIT"


LITELLM = ('Portions of this software are licensed as follows:\n\n'
           '* All content that resides under the "enterprise/" directory of this repository, if that directory '
           'exists, is licensed under the license defined in "enterprise/LICENSE".\n'
           '* Content outside of the above mentioned directories or restrictions above is available under the MIT '
           'license as defined below.\n---\nMIT License\n\n' + MIT)


def test_a_folder_under_its_own_licence_file_inherits_nothing(detector):
    """litellm's LICENSE: the folder it names is judged by its own licence file (a commercial licence
    there is rejected), or is unknown without one; the rest of the repository keeps the MIT licence."""
    files = {"LICENSE": LITELLM, "main.py": "x = 1\n", "enterprise/hooks.py": "x = 1\n"}
    decisions = judge(detector, files)
    assert decisions["main.py"].verdict == lp.PERMISSIVE and decisions["main.py"].expression == "MIT"
    assert decisions["enterprise/hooks.py"].verdict == lp.UNKNOWN
    commercial = "The LiteLLM Enterprise license. You may only use this software with a valid subscription.\n"
    decisions = judge(detector, {**files, "enterprise/LICENSE": commercial})
    assert decisions["main.py"].verdict == lp.PERMISSIVE
    assert decisions["enterprise/hooks.py"].verdict != lp.PERMISSIVE
    # The note naming another folder's file than its own, or a term in the note: residue.
    other = LITELLM.replace('in "enterprise/LICENSE"', 'in "docs/TERMS"')
    assert judge(detector, {"LICENSE": other, "main.py": "x = 1\n"})["main.py"].verdict != lp.PERMISSIVE
    rider = LITELLM.replace("as defined below.", "as defined below, for non-commercial use.")
    assert judge(detector, {"LICENSE": rider, "main.py": "x = 1\n"})["main.py"].verdict != lp.PERMISSIVE


@pytest.mark.parametrize(
    "line, scope",
    [("Files: Everything except for the benchmarks/*.json files.", True),
     ("File: benchmarks/64KB-min.json", True),
     ("Files: Everything except for commercial use.", False),
     ("and others that have contributed code to the public domain.", True),
     ("bl contributors listed at <https://github.com/rvagg/bl#contributors>", True),
     ("Piscina contributors listed at https://github.com/jasnell/piscina#the-team and in the README file.", True),
     ("The Fastify team members are listed at https://github.com/fastify/fastify#team and in the README file.", True),
     ("The Fastify team members are listed at https://github.com/fastify/fastify#team.", True),
     ("The Fastify team members are listed at https://github.com/fastify/fastify#team for commercial use.", False),
     ("The licensed users are listed at https://example.com/customers.", False),
     ("This license applies to all parts of utf-8-validate that are not externally maintained libraries.", True),
     ("The externally maintained is_utf8 library used by utf-8-validate, located at deps/is_utf8, is licensed as "
      "follows:", True),
     ("The externally maintained commercial library used by x, located at deps/x, is licensed as follows:", False),
     ("The Postject license applies to all parts of Postject that are not externally maintained libraries.", True),
     ("The Postject license applies to all parts of Postject for non-commercial use.", False),
     ("The proprietary license applies to all parts of Postject that are not externally maintained libraries.",
      False),
     ("The externally maintained libraries used by Postject are:", True),
     ("LIEF, located at vendor/LIEF, is licensed as follows:", True),
     ("LIEF, located at vendor/LIEF, is licensed for internal use as follows:", False),
     ("LIEF, located at vendor/LIEF, is licensed as follows: no commercial use", False),
     ("Portions of this software are licensed as follows:", True),
     # around files named under another licence (pipeline.licensing.scopes)
     ("Portions of mypy and mypyc are licensed under different licenses.", True),
     ("For the original source code please see https://github.com/prometheusresearch-archive/react-grid", True),
     ("For the original source code please see https://example.com/commercial-use-only", False),

     ("Portions of commercial products are licensed under different licenses.", False),
     ("The rest of the project is released under this license:", True),
     ("The rest of the project is released under this license for non-commercial use:", False),
     ("Portions of this software are licensed for non-commercial use:", False),
     ("Content outside of the above mentioned directories or restrictions above is available under the MIT "
      "license as defined below.", True),
     ("Content outside of the above mentioned directories is available under the SSPL license as defined below.",
      False),
     ("This software consists of voluntary contributions made by many individuals. For exact contribution "
      "history, see the revision history available at https://github.com/gruntjs/grunt .", True),
     ("All files located in the node_modules directory are externally maintained libraries used by this software "
      "which have their own licenses; we recommend you read them, as their terms may differ from the terms above.",
      True)],
)
def test_scope_and_attribution_notes_of_package_licence_files(line, scope):
    assert (rs._note(line) is not None) is scope


@pytest.mark.parametrize(
    "sentence, rider",
    [
        ("The Software may not be used by any individual or legal entity that violates labor laws "
         "regarding working hours.", True),
        ("This software shall not be used by persons who have not read the manual.", True),
        ("This library must not be used by more than one thread at a time.", False),  # of an API
        ("This code must not be used by other modules; call run() instead.", False),
        ("The returned software object may be used by callers.", False),
    ],
)
def test_a_rider_in_a_comment_of_its_own_bars_the_work_to_a_party(sentence, rider):
    """``strict_rider_lines``' third mark: the work, as licences name it, barred to some party."""
    assert bool(rs.strict_rider_lines([sentence])) is rider


def test_an_exception_found_apart_must_be_its_own_text(detector):
    """Apache-2.0 followed by LLVM's exception under "--- Exceptions to the Apache 2.0 License ----"
    (mousetrap 1.6.5): the exception is neutral (policy), but only as scancode's whole text of it."""
    apache = licence_text("apache-2.0")
    llvm = licence_text("llvm-exception")
    text = f"{apache}\n\n--- Exceptions to the Apache 2.0 License ----\n\n{llvm}\n"
    assert judge(detector, {"LICENSE": text, "main.c": "int x;\n"})["main.c"].verdict == lp.PERMISSIVE
    first = llvm.split(".", 1)
    edited = text.replace(llvm, first[0] + ", for non-commercial purposes only." + first[1])
    assert judge(detector, {"LICENSE": edited, "main.c": "int x;\n"})["main.c"].verdict != lp.PERMISSIVE


@pytest.mark.parametrize("sentence, duty", [
    ("Credit the author in your product.", True),
    ("Please acknowledge the authors in your app's about box.", True),
    ("You must keep the author's name in the about box.", True),
    ("Ask permission before use.", True),
    ("Licensed for use on a single machine.", True),
    ("Only for open source projects.", True),
    ("Keep the handlers below sorted by name.", False),  # a developer's command asks for no credit
    ("Include this header before <stdio.h>.", False),
    ("Get the value from the cache.", False),
    ("Licensed under the MIT License.", False),
])
def test_a_command_to_the_licensee_is_a_duty(sentence, duty):
    assert rs.states_duty(sentence) is duty


@pytest.mark.parametrize(
    "note, benign",
    [
        ("This product bundles various third-party components under other open source licenses. This section "
         "summarizes those components and their licenses.", True),
        ("Third-party components, software, and/or libraries (collectively, \"components\") are included under the "
         "licenses specified by their authors. For information about these third-party licenses, refer to the "
         "separate legal notices governing such components at NOTICE file at the top level of the package.", True),
        ("Embedded C implementations might use other, similarly permissive licenses. Check the beginning of the "
         "files from the /src directory.", True),
        # the licences of the third-party code stated where the build does not read them
        ("This software includes bundled third-party dependencies. The licenses and copyright notices for these "
         "dependencies are available in `dist/THIRD-PARTY-LICENSES.md` within the distributed package.", False),
        ("This product bundles various third-party components under other open source licenses.", False),
        ("This product bundles third-party components under licenses that prohibit commercial use. This section "
         "summarizes those components and their licenses.", False),
    ],
)
def test_third_party_notes(note, benign):
    assert (rs._note(note) is not None) is benign


@pytest.mark.parametrize(
    "line, heading",
    [("Third-Party Licenses", True), ("Third party bundled dependencies", True), ("3rd party code and data", True),
     ("-- Licenses for 3rd-party code included in tsconfck --", True), ("# strip-bom and strip-json-comments", True),
     ("lodash.merge, lodash.get and lodash.set", True), ("## Third-party licenses for non-commercial code", False),
     ("non-commercial and not-for-sale", False)],
)
def test_headings_over_third_party_licences(line, heading):
    assert rs.is_heading(line) is heading


def test_thanks_and_the_names_thanked():
    thanks = "Special thank you to the authors of original C algorithms:"
    assert rs.is_thanks([thanks, "- Colin Percival", "- Stephan Brumme <create@stephan-brumme.com>", "- ARM Limited"])
    assert not rs.is_thanks([thanks, "- Colin Percival", "- Credit the author in your product."])
    assert not rs.is_thanks([thanks, "- Not for commercial use"])
    assert not rs.is_thanks(["Special thanks to our non-commercial users:", "- Colin Percival"])


@pytest.mark.parametrize(
    "line, benign",
    [("- The MIT License applies to any original code created by Thinkmill Labs Pty Ltd.", True),
     ("- The Apache License 2.0 applies to derivative works inspired by or based on Adobe's React Spectrum.", True),
     ("Please see the full license texts below for details.", True),
     ("The MIT License applies to students.", False), ("The MIT License applies to employees of Acme.", False),
     ("The MIT License applies to non-commercial use only.", False), ("The GPL applies to the rest.", False)],
)
def test_which_part_each_licence_of_a_bundle_covers(line, benign):
    assert rs.is_licence_scope(line, {"MIT", "Apache-2.0"}) is benign


@pytest.mark.parametrize(
    "line, tagline",
    [("chroma.js - JavaScript library for color conversions", True), ("foo.js - bindings for Node.js", True),
     ("tool.js - a library for teachers", False), ("tool.js - a library for charities", False),
     ("tool.js - a library for nonprofits", False), ("tool.js - helpers for commercial use", False)],
)
def test_a_taglines_for_names_no_party(line, tagline):
    assert rs.is_tagline(line) is tagline


def test_a_lead_into_bundled_software_needs_a_copy_below():
    """"This binary distribution of scikit-learn also bundles the following software:" is benign right above a
    licence's copy (a copy lead), not above a list of names whose licences go unread."""
    ids = {"MIT"}
    lead = "This binary distribution of scikit-learn also bundles the following software:"
    copy = [lead, "", "Copyright (c) 2024 Jane Doe", "", *licence_text("mit").splitlines()]
    found = rs.explain(copy, [0, 1, 2, 3], ids)
    assert found.lines == []
    listed = [lead, "- lodash", "- left-pad"]
    assert rs.explain(listed, [0, 1, 2], ids).lines
    named = ["This binary distribution of non-commercial also bundles the following software:", "", *copy[2:]]
    assert rs.explain(named, [0, 1, 2, 3], ids).lines


@pytest.mark.parametrize(
    "text, lead",
    [("This software includes code derived from other projects:", True),
     ("The code implementation of the external library is referenced by DouyinFe are:", True),
     ("This software includes code derived from other projects.", False),  # no colon: nothing announced
     ("For students:", False), ("Code written for teachers and their classes:", False),
     ("The following may only be used for non-commercial purposes:", False),
     ("Code our customers receive is listed here:", False), ("Please credit the authors of this code:", False),
     ("The code below is licensed differently:", False)],
)
def test_a_component_lead_states_no_term_and_names_no_party(text, lead):
    assert rs._component_lead(text) is lead


def test_a_component_lead_needs_a_copy_below_its_names():
    """The lead, at most two lines naming components, then a line a licence explains."""
    lines = ["The code implementation of the external library is referenced by Acme are:", "", "- animate.css",
             "https://animate.style", "", "Copyright (c) 2024 Jane Doe", "", *licence_text("mit").splitlines()]
    assert rs.explain(lines, list(range(7)), {"MIT"}).lines == []
    assert rs.explain(lines[:5], list(range(5)), {"MIT"}).lines  # names, and no copy below


@pytest.mark.parametrize(
    "line, listed",
    [("roblaba, jonathanperret, insanity54, yariplus, comp500", True), ("Jane Doe, John Roe and Acme Inc", True),
     ("jdoe, students only", False), ("jdoe, non-commercial users", False), ("Thanks to all. See AUTHORS", False)],
)
def test_names_listed_under_a_copyright_line(line, listed):
    assert rs._names_listed(line) is listed


def test_where_the_code_came_from_names_the_files_own_licence():
    sentence = ("Portions of this software are derived from the TypeScript project (https://github.com/microsoft/TypeScript), "
                "Copyright (c) Microsoft Corporation, licensed under the Apache License, Version 2.0.")
    assert rs._is_derivation(sentence, {"apache-2.0"})
    assert not rs._is_derivation(sentence, {"mit"})  # another licence than the text's own
    assert not rs._is_derivation(sentence.replace("the TypeScript project", "the TypeScript project for internal use"),
                                 {"apache-2.0"})


def test_a_heading_that_names_a_party_is_residue():
    assert rs.is_heading("cli-spinners:")
    assert not rs.is_heading("For students:")
    assert not rs.is_heading("Customers:")
