"""Template matching: close copies of licence texts are answered without scancode, damaged copies of
permissive texts are not kept. Texts are built from scancode's own licence
texts, so these tests need no ../shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import LicenseConfig
from pipeline.licensing import policy as lp
from pipeline.licensing.detect import LicenseDetector, decide, load_templates
from pipeline.licensing.fastpath import normalize


def scancode_text(key: str) -> str:
    """scancode's own text of a licence, each paragraph on one line (so that phrases can be edited)."""
    import licensedcode

    raw = (Path(licensedcode.__file__).parent / "data" / "licenses" / f"{key}.LICENSE").read_text()
    paragraphs = raw.split("---", 2)[2].strip().split("\n\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs) + "\n"


def edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


MIT = "Copyright (c) 2024 Jane Doe\n\n" + scancode_text("mit")
BSD2 = "Copyright (c) 2024, Jane Doe\nAll rights reserved.\n\n" + scancode_text("bsd-simplified")
BSD3 = "Copyright (c) 2024, Jane Doe\nAll rights reserved.\n\n" + scancode_text("bsd-new")


@pytest.fixture(scope="module")
def matcher():
    return load_templates(lp.LicensePolicy())


def judge(matcher, text: str):
    return matcher.match(normalize(text).split())


def reflow(text: str, width: int = 50) -> str:
    """The same words in Markdown-ish lines of another width."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if len(line) + len(word) > width:
            lines.append(line)
            line = ""
        line += (" " if line else "") + word
    return "\n".join(["# License", "", *lines, line]) + "\n"


@pytest.mark.parametrize(
    "name, text, expression",
    [
        ("reflowed MIT", reflow(MIT), "MIT"),
        ("sub-license", edit(MIT, "sublicense", "sub-license"), "MIT"),
        ("words run together", edit(MIT, "a copy of this", "a copyof this"), "MIT"),
        ("a word split by a line break", edit(BSD3, "DISCLAIMED. IN NO", "DISCLAIMED. IN N\nO"), "BSD-3-Clause"),
        ("a dropped filler word", edit(MIT, "to any person obtaining", "to person obtaining"), "MIT"),
        ("a typo outside the grant", edit(MIT, "TORT", "FART"), "MIT"),
        ("a warranty added to the disclaimer", edit(BSD2, "FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED",
                                                     "FITNESS FOR A PARTICULAR PURPOSE, OR NON-INFRINGEMENT, ARE "
                                                     "DISCLAIMED"), "BSD-2-Clause"),
        ("an attribution before the text", "This work is distributed under the MIT License.\n" + MIT, "MIT"),
        ("a disclaimer worded otherwise", edit(BSD3,
            "HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT",
            "WHATEVER THEIR CAUSE AND UNDER WHICHEVER LEGAL DOCTRINE, IN CONTRACT, IN EQUITY OR IN TORT"),
         "BSD-3-Clause"),
        ("the Apache notice with an attribution",
         "Copyright 2024 Jane Doe\n\nJane Doe licenses this file to you under the Apache License, Version 2.0 "
         "(the \"License\"); you may not use this file except in compliance with the License. You may obtain a "
         "copy of the License at\n\n    http://www.apache.org/licenses/LICENSE-2.0\n\nUnless required by "
         "applicable law or agreed to in writing, software distributed under the License is distributed on an "
         "\"AS IS\" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the "
         "License for the specific language governing permissions and limitations under the License.\n",
         "Apache-2.0"),
        ("reflowed GPL", reflow(scancode_text("gpl-3.0"), 60), "GPL-3.0-only"),
        ("BSD-3 with another disclaimer altogether", BSD3.split("THIS SOFTWARE IS PROVIDED")[0]
         + "IN NO EVENT SHALL THE REGENTS BE LIABLE TO ANY PARTY FOR DIRECT, INDIRECT, SPECIAL, INCIDENTAL, OR "
           "CONSEQUENTIAL DAMAGES ARISING OUT OF THE USE OF THIS SOFTWARE. THE REGENTS SPECIFICALLY DISCLAIM ANY "
           "WARRANTIES. THE SOFTWARE IS PROVIDED \"AS IS\". THE REGENTS HAVE NO OBLIGATION TO PROVIDE "
           "MAINTENANCE OR SUPPORT.\n", "BSD-3-Clause"),
    ],
)
def test_close_copies_are_their_licence(matcher, name, text, expression):
    found = judge(matcher, text)
    assert found is not None, name
    assert found.status == "match", (name, found.changes)
    assert found.template.expression == expression


@pytest.mark.parametrize(
    "name, text, change",
    [
        ("the grant's first word missing", edit(MIT, "Permission is hereby granted", "is hereby granted"),
         "removed 'permission'"),
        ("cut in the middle of a word", MIT[: MIT.index("IN CONNECTION") + len("IN CONNECTIO")], "ends before"),
        ("a dropped phrase (residue rule)", edit(MIT, "without restriction, ", ""), "changed 'without restriction'"),
        ("a right deleted (residue rule)", edit(MIT, "sublicense, and/or sell", "and/or sell"), "sublicense"),
        ("a sentence added (residue rule)", edit(MIT, "subject to the following conditions:",
                                                 "subject to the following conditions: please tell us about your "
                                                 "product by mail;"), "changed"),
        ("a condition word garbled", edit(MIT, "shall be included", "sxall be included"), "removed 'shall'"),
        ("a restriction inside the grant", edit(MIT, "without restriction,", "without restriction except as "
                                                       "noted below,"), "added 'except'"),
        ("no commercial use", edit(MIT, "subject to the following conditions:", "for non-commercial purposes "
                                          "only, subject to the following conditions:"), "added"),
        ("a clause rewritten", edit(BSD3, "Neither the name of the ORGANIZATION nor the names of its "
                                            "contributors may be used", "\"Jane Doe\" may not be used"),
         "reworded"),
        ("a line repeated", edit(BSD3, "this list of conditions and the following disclaimer.",
                                 "this list of conditions and the following disclaimer.\nnotice, this "
                                 "list of conditions and the following disclaimer."), "repeated"),
        # scancode-toolkit names this one a licence of its own: bsd-unchanged, "BSD Simplified with Unchanged
        # requirement" ("... the following disclaimer in this position and unchanged").
        ("a condition on the notice's place", edit(BSD2, "must retain the above copyright notice",
                                                   "must retain, unchanged, the above copyright notice"),
         "changed '' to 'unchanged'"),
        ("a condition's scope changed", edit(MIT, "copies or substantial portions", "copies or any portions"),
         "changed 'substantial' to 'any'"),
        ("a right garbled", edit(BSD2, "with or without modification", "with or modification"),
         "changed 'without' to ''"),
        ("the endorsement condition changed", edit(BSD3, "without specific prior written permission",
                                                   "without specific written permission"), "changed 'prior' to ''"),
        ("a term added to the disclaimer", edit(BSD2, "FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED",
                                                "FITNESS FOR A PARTICULAR PURPOSE, OR NON-COMMERCIAL USE, ARE "
                                                "DISCLAIMED"), "commercial"),
        ("a use restricted", edit(BSD2, "THIS SOFTWARE IS PROVIDED", "3. Use or redistribution of this code is "
                                          "disallowed for military purposes.\n\nTHIS SOFTWARE IS PROVIDED"),
         "disallowed"),
    ],
)
def test_damaged_copies_of_permissive_texts_are_modified(matcher, name, text, change):
    found = judge(matcher, text)
    assert found is not None and found.status == "modified", (name, found)
    assert any(change in c for c in found.changes), (name, found.changes)


@pytest.mark.parametrize(
    "name, text",
    [
        ("another licence named beside", MIT + "\nParts of this package are also available under the GPL.\n"),
        ("a dual-licence offer", "Alternatively, you may use this file under the terms of the BSD licence.\n"
         + scancode_text("gpl-2.0")),
        ("two licences in one file", MIT + "\n" + scancode_text("mpl-2.0")),
        ("the Apache notice's words naming MIT",
         "Licensed under the MIT License (the \"License\"); you may not use this file except in compliance with "
         "the License. You may obtain a copy of the License at http://opensource.org/licenses/MIT\n\nUnless "
         "required by applicable law or agreed to in writing, software distributed under the License is "
         "distributed on an \"AS IS\" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or "
         "implied. See the License for the specific language governing permissions and limitations under the "
         "License.\n"),
        ("not a licence", "The quick brown fox jumps over the lazy dog. " * 20),
        ("too short", "MIT License"),
    ],
)
def test_other_texts_are_left_to_scancode(matcher, name, text):
    assert judge(matcher, text) is None, name


@pytest.fixture(scope="module")
def detector() -> LicenseDetector:
    return LicenseDetector(LicenseConfig()).setup()


def test_damaged_mit_file_is_modified_not_mit(detector):
    """scancode ships a rule with this very text and names it MIT; the templates do not keep it."""
    broken = edit(MIT, "Permission is hereby granted", "is hereby granted")
    assert detector.runner.scan(broken).detections[0].expression == "MIT"
    evidence = detector.scan_text(broken, {"file": "LICENSE", "folder": ""}, "license")
    decision = decide(evidence)
    assert decision.verdict == lp.MODIFIED and lp.reason_for(decision.verdict) == "license_modified"
    assert evidence[0]["method"] == "template"
    assert any("removed 'permission'" in r for r in evidence[0]["residue"])


def test_two_copies_of_one_licence_are_that_licence_once(matcher, detector):
    """A LICENSE file that bundles two components under the same licence (two copies, two holders). Two
    BSD-3-Clause copies repeat its word runs; counted with repeats they once "covered" the longer
    BSD-4-Clause-UC text (the 4.4BSD licence with its 1999 addendum) and the file was rejected as
    not permissive."""
    second = BSD3.replace("2024, Jane Doe", "2019, Acme Corp.")
    found = judge(matcher, BSD3 + "\n" + second)
    assert found is None or found.template.expression == "BSD-3-Clause"
    for both in (BSD3 + "\n" + second, "Component one:\n\n" + BSD3 + "\nComponent two:\n\n" + second):
        evidence = detector.scan_text(both, {"file": "LICENSE", "folder": ""}, "license")
        assert decide(evidence).verdict == lp.PERMISSIVE and decide(evidence).expression == "BSD-3-Clause"
    # Each copy is read for itself: a rider in the second is residue.
    rider = edit(second, "All rights reserved.", "All rights reserved.\n\nNot for use in military applications.")
    evidence = detector.scan_text(BSD3 + "\n" + rider, {"file": "LICENSE", "folder": ""}, "license")
    assert decide(evidence).verdict != lp.PERMISSIVE


def test_reflowed_licence_is_answered_without_scancode(detector, monkeypatch):
    monkeypatch.setattr(detector.runner, "scan", lambda text: pytest.fail("scancode ran"))
    close = reflow(edit(BSD3, "with or without modification", "with or without modifications"))
    evidence = detector.scan_text(close, {"file": "LICENSE.md", "folder": ""}, "license")
    assert [(e["expression"], e["method"], e["verdict"]) for e in evidence] == [
        ("BSD-3-Clause", "template", lp.PERMISSIVE)
    ]


def test_licence_file_naming_mit_without_its_text_follows_name_only(detector):
    text = ("Licensed under the MIT License (the \"License\"); you may not use this file except in compliance "
            "with the License. You may obtain a copy of the License at http://opensource.org/licenses/MIT\n")
    evidence = detector.scan_text(text, {"file": "LICENSE", "folder": ""}, "license")
    assert [(e["expression"], e["text"]) for e in evidence] == [("MIT", False)]
    files = [("LICENSE", text.encode())]
    assert detector.folder_map(files, None)[""].verdict == lp.PERMISSIVE  # name_only: accept (default)
    strict = LicenseDetector(LicenseConfig(name_only="reject")).setup()
    assert strict.folder_map(files, None)[""].verdict == lp.UNKNOWN
    # The same words in a source file's header are a licence notice, as usual.
    header = detector.scan_text(text, {"file": "a.py", "folder": None}, "header", fast=False)
    assert [e["expression"] for e in header] == ["MIT"]


def test_templates_can_be_switched_off():
    detector = LicenseDetector(LicenseConfig(templates=False)).setup(load_scancode=False)
    assert detector.templates is None
