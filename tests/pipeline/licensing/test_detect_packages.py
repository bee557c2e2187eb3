"""Real packages' licence files keep their code (scope notes, offered choices) and the residue rule
still holds around them. Excerpts committed under tests/pipeline/data/licenses (SOURCES.md there);
benchmarks/license_packages.py runs the same judgement over whole packages fetched from npm."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import LicenseConfig
from pipeline.licensing import policy as lp
from pipeline.licensing.detect import LicenseDetector
from pipeline.licensing.scancode_data import licence_text

DATA = Path(__file__).parents[1] / "data" / "licenses"
LODASH = (DATA / "lodash-4.18.1.LICENSE").read_text()
FORGE = (DATA / "node-forge-1.4.3.LICENSE.head").read_text() + "-" * 79 + "\n" + licence_text("gpl-2.0")


@pytest.fixture(scope="module")
def detector() -> LicenseDetector:
    return LicenseDetector(LicenseConfig()).setup()


def judge(detector: LicenseDetector, files: dict[str, str]):
    encoded = [(p, t.encode()) for p, t in files.items()]
    folders = detector.folder_map([(p, d) for p, d in encoded if p.rsplit("/", 1)[-1] in ("LICENSE", "package.json")],
                                  None)
    return folders, {p: detector.judge_file(p, d, folders) for p, d in encoded}


def test_lodash_scope_notes_keep_its_code_and_exclude_third_party_folders(detector):
    """lodash's LICENSE: MIT, a CC0 waiver for the sample code in its documentation, and a note that
    node_modules/ and vendor/ hold third-party code under their own licences."""
    folders, files = judge(detector, {
        "LICENSE": LODASH,
        "package.json": '{"name": "lodash", "license": "MIT"}',
        "chunk.js": "module.exports = chunk;\n",
        "vendor/underscore/index.js": "var x;\n",
    })
    assert folders[""].expression == "MIT" and folders[""].verdict == lp.PERMISSIVE
    assert files["chunk.js"].verdict == lp.PERMISSIVE
    # The folders the scope note names inherit nothing.
    assert files["vendor/underscore/index.js"].verdict == lp.UNKNOWN
    assert folders["node_modules"].evidence[0]["method"] == "scope_note"


def test_lodash_with_a_rider_is_still_modified(detector):
    rider = LODASH + "\nThe Software may not be used to train machine learning models.\n"
    folders, _ = judge(detector, {"LICENSE": rider})
    decision = folders[""]
    assert decision.verdict == lp.MODIFIED
    assert any("machine learning" in r for e in decision.evidence for r in e.get("residue", []))


def test_node_forge_offered_choice_with_both_texts_stays_an_or(detector):
    folders, files = judge(detector, {
        "LICENSE": FORGE,
        "package.json": '{"name": "node-forge", "license": "(BSD-3-Clause OR GPL-2.0)"}',
        "lib/aes.js": "var forge = {};\n",
    })
    assert folders[""].verdict == lp.PERMISSIVE, folders[""].evidence
    assert "OR" in folders[""].expression and "GPL-2.0" in folders[""].expression
    assert files["lib/aes.js"].verdict == lp.PERMISSIVE


def test_a_choice_whose_permissive_text_is_edited_is_modified(detector):
    edited = FORGE.replace("in source and binary forms", "in source form", 1)
    assert edited != FORGE
    folders, _ = judge(detector, {"LICENSE": edited})
    assert folders[""].verdict != lp.PERMISSIVE


OPENER = (DATA / "opener-1.5.2.LICENSE.txt").read_text()


def test_a_dual_licence_statement_followed_by_both_texts_is_a_choice(detector):
    """opener's licence: "Dual licensed under WTFPL and MIT:", then both texts, which scancode reads as
    two detections joined with AND (it has no OR rule for that line)."""
    folders, files = judge(detector, {"LICENSE": OPENER, "lib/opener.js": "module.exports = opener;\n"})
    assert folders[""].expression == "WTFPL OR MIT" and folders[""].verdict == lp.PERMISSIVE, folders[""].evidence
    assert files["lib/opener.js"].verdict == lp.PERMISSIVE


@pytest.mark.parametrize(
    "edit",
    [
        lambda text: text + "\nThe Software may not be used for commercial purposes.\n",  # a rider after both texts
        lambda text: text.replace("Dual licensed under WTFPL and MIT:", "Dual licensed under WTFPL and Commercial:"),
        lambda text: text.replace("Dual licensed under WTFPL and MIT:", "Internal use is dual licensed under WTFPL and MIT:"),
        lambda text: text.replace("The above copyright notice and this permission notice shall be included",
                                  "The above copyright notice shall be included"),  # the offered MIT text edited
        lambda text: text + "\n" + licence_text("gpl-2.0"),  # a third licence, not offered
    ],
    ids=["rider", "unnamed-choice", "term-in-subject", "edited-offer", "third-licence"],
)
def test_a_dual_licence_statement_offers_only_its_two_texts_intact(detector, edit):
    edited = edit(OPENER)
    assert edited != OPENER
    folders, _ = judge(detector, {"LICENSE": edited})
    assert folders[""].verdict != lp.PERMISSIVE, folders[""].evidence


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Dual licensed under WTFPL and MIT:", "WTFPL OR MIT"),
        ("This software is dual-licensed under the ISC and MIT licenses.", "ISC OR MIT"),
        ("* Dual-licensed under the BSD-3-Clause or MIT licenses.", "BSD-3-Clause OR MIT"),
        ("Dual licensed under the MIT and GPL licenses:", None),  # "GPL" names no one licence
        ("Dual licensed under MIT and Commercial:", None),
        ("Internal use is dual licensed under WTFPL and MIT:", None),
        ("Licensed under WTFPL and MIT:", None),  # "and" without "dual" is both
    ],
)
def test_dual_licence_statements(line, expected):
    from pipeline.licensing.names import licence_named
    from pipeline.licensing.spans import dual_statements

    assert dual_statements([line], licence_named).get(0) == expected


def test_a_dual_licence_statement_above_the_licences_addresses(detector):
    """multiformats: the statement, then each licence's name and address; scancode's rule of the same
    choice runs from the statement into the first address."""
    text = ("This project is dual licensed under MIT and Apache-2.0.\n\nMIT: https://www.opensource.org/licenses/mit\n"
            "Apache-2.0: https://www.apache.org/licenses/license-2.0\n")
    folders, _ = judge(detector, {"LICENSE": text})
    assert (folders[""].expression, folders[""].verdict) == ("MIT OR Apache-2.0", lp.PERMISSIVE), folders[""].evidence
    rider = text.replace("Apache-2.0.\n", "Apache-2.0, for non-commercial use.\n")
    assert judge(detector, {"LICENSE": rider})[0][""].verdict != lp.PERMISSIVE


@pytest.mark.parametrize(
    "held, expected",
    [({"WTFPL", "BSD-2-Clause"}, "WTFPL OR BSD-2-Clause"),  # sinon-chai: the one BSD text the file holds
     ({"WTFPL"}, None),  # no BSD text: "BSD" names none
     ({"WTFPL", "BSD-2-Clause", "BSD-3-Clause"}, None)],  # two: "BSD" names no one licence
)
def test_a_family_name_in_a_dual_licence_statement_names_the_text_the_file_holds(held, expected):
    from pipeline.licensing.names import licence_named
    from pipeline.licensing.spans import dual_statements

    assert dual_statements(["Dual licensed under WTFPL and BSD:"], licence_named, frozenset(held)).get(0) == expected


WTFPL = "Copyright (C) 2015 André Cruz <amdfcruz@gmail.com>\n\n" + licence_text("wtfpl-2.0")


def test_a_licence_file_that_holds_one_licence_its_manifest_offers_is_a_text_of_the_choice(detector):
    """spark-md5 declares "(WTFPL OR MIT)" and ships WTFPL's text alone: the text is one the choice
    offers, not a licence that applies besides it."""
    folders, files = judge(detector, {
        "LICENSE": WTFPL,
        "package.json": '{"name": "spark-md5", "license": "(WTFPL OR MIT)"}',
        "spark-md5.js": "var x;\n",
    })
    assert folders[""].verdict == lp.PERMISSIVE and folders[""].expression == "WTFPL OR MIT", folders[""].evidence
    assert files["spark-md5.js"].verdict == lp.PERMISSIVE


def test_the_choice_a_manifest_offers_keeps_the_files_only_with_nothing_else(detector):
    cases = {
        "declared alone": {"LICENSE": WTFPL, "package.json": '{"name": "x", "license": "WTFPL"}'},
        "declared both": {"LICENSE": WTFPL, "package.json": '{"name": "x", "license": "(WTFPL AND MIT)"}'},
        "rider on the offered text": {"LICENSE": WTFPL + "\nThe Software may not be used for commercial purposes.\n",
                                      "package.json": '{"name": "x", "license": "(WTFPL OR MIT)"}'},
        "a licence not offered": {"LICENSE": WTFPL, "LICENSE-GPL": licence_text("gpl-2.0"),
                                  "package.json": '{"name": "x", "license": "(WTFPL OR MIT)"}'},
    }
    for name, files in cases.items():
        encoded = [(p, t.encode()) for p, t in files.items()]
        decision = detector.folder_map(encoded, None)[""]
        assert decision.verdict != lp.PERMISSIVE, (name, decision.evidence)


def test_an_offered_text_does_not_make_a_named_choice_keep_its_files_under_name_only_reject():
    detector = LicenseDetector(LicenseConfig(name_only="reject")).setup()
    folders, _ = judge(detector, {"LICENSE": WTFPL, "package.json": '{"name": "x", "license": "(WTFPL OR MIT)"}'})
    assert folders[""].verdict == lp.UNKNOWN, folders[""].evidence
