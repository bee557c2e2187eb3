"""The licence accuracy benchmark's scoring: verdicts against the raw label and against the adjudicated
truth, the adjudicator's criterion "an edited copy of the labelled licence" on scancode's own texts, and
its criterion "a choice the text offers"; the blind review's verdicts and their scoring."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.append(str(Path(__file__).resolve().parents[2] / "benchmarks"))  # after the stdlib's modules

from license_accuracy import (  # noqa: E402
    EDITED,
    Adjudicator,
    consensus_score,
    load_reviews,
    offered_choice,
    reviewed_score,
    score,
)

from pipeline.licensing import policy as lp  # noqa: E402


def case(name: str, label: str, detector: tuple[str | None, str], adjudicated: str | None = None) -> dict:
    policy = lp.LicensePolicy()
    adjudicated = label if adjudicated is None else adjudicated
    keep = not adjudicated.startswith(EDITED) and policy.verdict(adjudicated) == lp.PERMISSIVE
    return {"name": name, "label": label, "expected": label, "detector": detector,
            "raw": (label, policy.verdict(label) == lp.PERMISSIVE), "adjudicated": (adjudicated, keep)}


ITEMS = [
    case("kept", "MIT", ("MIT", lp.PERMISSIVE)),
    case("sublicense deleted", "MIT", ("MIT", lp.MODIFIED), adjudicated=EDITED + "MIT"),
    case("rider kept by mistake", "MIT", ("MIT", lp.PERMISSIVE), adjudicated=EDITED + "MIT"),
    case("clean copy rejected", "BSD-3-Clause", ("BSD-3-Clause", lp.MODIFIED)),
    case("gpl", "GPL-3.0-only", ("GPL-3.0-only", lp.NOT_PERMISSIVE)),
]


def test_score_against_the_raw_label_and_the_adjudicated_truth():
    policy = lp.LicensePolicy()
    raw = score(ITEMS, "detector", "raw", policy)
    adjudicated = score(ITEMS, "detector", "adjudicated", policy)
    # Raw labels: the edited copy rejected and the clean copy rejected are misses; the rider kept is right.
    assert (raw["right"], raw["lost"], raw["let_through"]) == (3, 2, 0)
    # Adjudicated: rejecting the edited copy is right, and keeping the rider is a text let through.
    assert (adjudicated["right"], adjudicated["lost"], adjudicated["let_through"]) == (3, 1, 1)
    assert any(m.startswith("LET THROUGH: rider kept by mistake") for m in adjudicated["misses"])
    assert raw["id_n"] == "5/5"


@pytest.fixture(scope="module")
def adjudicator() -> Adjudicator:
    pytest.importorskip("licensedcode")
    return Adjudicator(lp.LicensePolicy())


def test_adjudicator_quotes_a_deleted_right_and_passes_an_intact_copy(adjudicator):
    from pipeline.licensing.scancode_data import licence_text

    mit = "Copyright (c) 2024 Jane Doe\n\n" + licence_text("mit")
    intact = adjudicator.edits(mit, "MIT")
    assert intact is not None and intact[1] == []
    edited = adjudicator.edits(mit.replace("sublicense, ", ""), "MIT")
    assert edited is not None
    assert any("removed 'sublicense'" in line for line in edited[1])
    # A copyright line carrying a term is an edit too, whatever the licence text below it.
    ridden = adjudicator.edits(mit.replace("Jane Doe", "Jane Doe, for non-commercial use only"), "MIT")
    assert any("term words on a copyright line" in line for line in ridden[1])


@pytest.mark.parametrize(
    ("reading", "choice"),
    [
        ("Ruby OR MIT", "Ruby OR MIT"),
        # An OR notice followed by the texts it offers: scancode joins the notice and the texts with AND.
        ("(Apache-2.0 OR MS-PL) AND Apache-2.0 AND MS-PL", "Apache-2.0 OR MS-PL"),
        # A choice beside a licence it does not offer is no choice for the whole text.
        ("(Apache-2.0 OR MS-PL) AND GPL-3.0-only", None),
        ("Apache-2.0 AND MS-PL", None),
        (None, None),
    ],
)
def test_offered_choice(reading, choice):
    assert offered_choice(reading) == choice


def test_adjudicator_reads_a_choice_the_text_offers_only_when_one_option_is_allowed():
    adjudicator = Adjudicator.__new__(Adjudicator)  # truth() uses only the policy for this criterion
    adjudicator.policy = lp.LicensePolicy()

    def truth(label: str, reading: str):
        item = {"expected": label.replace("|", " AND "), "label": label, "files": [("LICENSE", "text")],
                "scancode_files": {"LICENSE": reading}}
        return adjudicator.truth(item)

    expression, evidence = truth("Apache-2.0|MS-PL", "(Apache-2.0 OR MS-PL) AND Apache-2.0 AND MS-PL")
    assert expression == "Apache-2.0 OR MS-PL" and "a choice between" in evidence[0]
    assert truth("Ruby", "Ruby OR MIT")[0] == "Ruby OR MIT"
    # No allowed option, or an option the label does not name left out: the raw label stands.
    assert truth("GPL-2.0-only|MPL-2.0", "GPL-2.0-only OR MPL-2.0") == ("GPL-2.0-only AND MPL-2.0", [])
    assert truth("GPL-2.0-only|MPL-2.0", "MIT OR MPL-2.0") == ("GPL-2.0-only AND MPL-2.0", [])


def test_adjudicator_reads_a_label_that_names_the_packages_licence_not_the_files(adjudicator):
    """Criterion 5: a label the policy rejects on a file that is an intact copy of an allowed licence,
    which scancode alone reads as that licence only (@npmcli/redact: ISC in package.json, an MIT text)."""
    from pipeline.licensing.scancode_data import licence_text

    mit = "MIT License\n\nCopyright (c) 2024 npm\n\n" + licence_text("mit")

    def truth(label: str, text: str, reading: str):
        item = {"expected": label, "label": label, "files": [("LICENSE", text)], "scancode_files": {"LICENSE": reading}}
        return adjudicator.truth(item)

    expression, evidence = truth("ISC", mit, "MIT")
    assert expression == "MIT" and "intact copy of mit" in evidence[0]
    # An edited copy, or a reading of another licence, leaves the raw label.
    assert truth("ISC", mit.replace("sublicense, ", ""), "MIT") == ("ISC", [])
    assert truth("ISC", mit, "MIT AND ISC") == ("ISC", [])
    # A label naming no licence ("BSD") on BSD-2-Clause's intact text under "The BSD License", which
    # scancode alone reads as allowed licences only, BSD-2-Clause among them (read@1.0.5).
    bsd = "Copyright (c) Isaac Z. Schlueter\nAll rights reserved.\n\nThe BSD License\n\n" + licence_text("bsd-simplified")
    expression, evidence = truth("BSD", bsd, "BSD-3-Clause AND BSD-2-Clause")
    assert expression == "BSD-2-Clause" and "intact copy of bsd-2-clause" in evidence[0]
    assert truth("BSD", bsd.replace("are permitted", "are not permitted"), "BSD-3-Clause AND BSD-2-Clause")[0] == "BSD"


def test_adjudicator_reads_an_allowed_label_on_another_allowed_licences_intact_text(adjudicator):
    """Criterion 5 before criterion 1: isemail@1.2.0 is labelled BSD-2-Clause and ships BSD-3-Clause's
    intact text (BSD-2-Clause plus the endorsement clause), which scancode alone reads as BSD-3-Clause: not
    an edited BSD-2-Clause. An edit of the text the file is, or another reading, keeps criterion 1."""
    from pipeline.licensing.scancode_data import licence_text

    bsd3 = "Copyright (c) 2008-2011, Dominic Sayers\nAll rights reserved.\n\n" + licence_text("bsd-new")

    def truth(text: str, reading: str):
        item = {"expected": "BSD-2-Clause", "label": "BSD-2-Clause", "files": [("LICENSE", text)],
                "scancode_files": {"LICENSE": reading}}
        return adjudicator.truth(item)

    expression, evidence = truth(bsd3, "BSD-3-Clause")
    assert expression == "BSD-3-Clause" and "intact copy of bsd-3-clause" in evidence[0]
    assert truth(bsd3.replace("are permitted", "are not permitted"), "BSD-3-Clause")[0].startswith(EDITED)
    assert truth(bsd3, "BSD-3-Clause AND GPL-2.0-only")[0].startswith(EDITED)


def test_adjudicator_reads_the_licences_own_statement_on_a_copyright_line_as_no_term(adjudicator):
    """"Copyright © 2008–2013 David Gouch. Licensed under the MIT License." above the MIT text states the
    licence (round 17's titlecase, first adjudicated an edited copy); another licence or a purpose there
    is still a term."""
    from pipeline.licensing.scancode_data import licence_text

    for line, edited in [("Licensed under the MIT License.", False), ("Licensed under the GPL License.", True),
                         ("Licensed under the MIT License for internal use.", True)]:
        text = f"Copyright © 2008–2013 David Gouch. {line}\n\n" + licence_text("mit")
        found = adjudicator.edits(text, "MIT")
        assert found is not None and bool(found[1]) is edited, found


def test_adjudicator_takes_a_whole_intact_copy_of_the_label_over_scancodes_other_name(adjudicator):
    """Criterion 2 yields to the labelled licence whole: @salesforce/templates ships BSD-3-Clause intact,
    the holder named in its clauses, and scancode names it ``bsd-x11`` (round 22's first let-through).
    A copy with a sentence beside it, or an edited copy, still takes scancode's other licence."""
    from pipeline.licensing.scancode_data import licence_text

    bsd = ("Copyright (c) 2025, Salesforce, Inc.\nAll rights reserved.\n\n" + licence_text("bsd-new")
           .replace("THE COPYRIGHT HOLDERS AND CONTRIBUTORS", "SALESFORCE AND CONTRIBUTORS"))

    def truth(text: str):
        item = {"expected": "BSD-3-Clause", "label": "BSD-3-Clause", "files": [("LICENSE.txt", text)],
                "scancode_files": {"LICENSE.txt": "LicenseRef-scancode-bsd-x11"}}
        return adjudicator.truth(item)[0]

    assert adjudicator.edits(bsd, "BSD-3-Clause")[1:] == ([], 0)
    assert truth(bsd) == "BSD-3-Clause"
    assert truth(bsd + "\nThe software may be used for any purpose except advertising.\n") == "edited copy of BSD-3-Clause"
    assert truth(bsd.replace("source and binary forms", "source forms")) == "edited copy of BSD-3-Clause"
    # Words inserted inside the copy that criterion 1 lets pass (licensecheck's BSD-2-Clause.t5, scancode's
    # bsd-unchanged): no whole copy, scancode's other licence stands.
    unchanged = bsd.replace("must retain the above", "must retain, in this position and unchanged, the above")
    assert adjudicator.edits(unchanged, "BSD-3-Clause")[1] == []
    assert truth(unchanged) == "edited copy of BSD-3-Clause"


def test_adjudicator_reads_a_clause_inserted_right_before_the_disclaimer(adjudicator):
    """bowser's MITNFA clause sits between MIT's conditions and its disclaimer: an insertion at the
    disclaimer's first word is before the disclaimer, where added words and terms are edits."""
    from pipeline.licensing.scancode_data import licence_text

    mit = "Copyright 2015, Dustin Diaz\n\n" + licence_text("mit")
    clause = ("Distributions of all or part of the Software intended to be used by the recipients as they would use "
              "the unmodified Software shall be modified such that the Original Author's bug reporting email "
              "addresses are removed entirely.\n\n")
    text = mit.replace("THE SOFTWARE IS PROVIDED", clause + "THE SOFTWARE IS PROVIDED", 1)
    assert clause in text
    found = adjudicator.edits(text, "MIT")
    assert found is not None and any("words the licence does not use" in e for e in found[1]), found
    assert adjudicator.edits(mit, "MIT")[1] == []


def test_adjudicator_reads_a_surname_that_is_a_term_word_as_a_name(adjudicator):
    """"Copyright (c) 2024 James Prior" above an intact MIT text (round 31's two let-throughs at its first
    score, an adjudication error): the name's last word is no "prior written permission"; a rider in
    title case on the same line is still a term."""
    from pipeline.licensing.scancode_data import licence_text

    for line, edited in [("Copyright (c) 2024 James Prior", False),
                         ("Copyright (c) 2024 James Prior <james@example.com>", False),
                         ("Copyright (c) 2024 Jane Doe Not For Commercial Use", True),
                         ("Copyright (c) 2024 Jane Doe. Prior written consent required.", True)]:
        found = adjudicator.edits(f"{line}\n\n" + licence_text("mit"), "MIT")
        assert found is not None and bool(found[1]) is edited, (line, found)


def reviewed(verdict: str, detector: str) -> dict:
    return {"review": (verdict, "MIT", ""), "detector": ("MIT", detector), "scancode": ("MIT", lp.PERMISSIVE)}


def test_reviewed_score_counts_a_kept_rejection_as_let_through_and_a_kept_sentence_as_wrong():
    items = [reviewed("KEEP", lp.PERMISSIVE), reviewed("NAME", lp.PERMISSIVE), reviewed("KEEP", lp.MODIFIED),
             reviewed("PROSE", lp.MODIFIED), reviewed("PROSE", lp.PERMISSIVE), reviewed("REJECT", lp.PERMISSIVE),
             reviewed("REJECT", lp.MODIFIED), reviewed("REJECT", lp.NOT_PERMISSIVE)]
    mine = reviewed_score(items, "detector")
    # Right: the two kept KEEP/NAME, the rejected PROSE (point 1: an added sentence is residue), the two
    # rejected REJECT.
    assert (mine["cases"], mine["right"]) == (8, 5)
    assert (mine["let_through"], mine["prose_kept"], mine["lost"]) == (1, 1, 1)
    # PROSE counted permissive: the kept one becomes right, the rejected one wrong.
    assert mine["lenient"] == 5 / 8
    # scancode alone keeps everything: every REJECT is let through.
    assert reviewed_score(items, "scancode")["let_through"] == 3


def test_load_reviews_refuses_an_unknown_verdict_and_a_case_reviewed_twice(tmp_path):
    header = "file,verdict,expression,evidence\n"
    (tmp_path / "a.csv").write_text(header + 'x/LICENSE,KEEP,MIT,\ny/LICENSE,PROSE,MIT,"Thanks, all"\n')
    assert load_reviews(tmp_path) == {"x/LICENSE": ("KEEP", "MIT", ""), "y/LICENSE": ("PROSE", "MIT", "Thanks, all")}
    (tmp_path / "b.csv").write_text(header + "x/LICENSE,REJECT,,rider\n")
    with pytest.raises(ValueError, match="reviewed twice"):
        load_reviews(tmp_path)
    (tmp_path / "b.csv").write_text(header + "z/LICENSE,MAYBE,,\n")
    with pytest.raises(ValueError, match="not one of"):
        load_reviews(tmp_path)
    assert load_reviews(tmp_path / "absent") == {}


def test_consensus_score_scores_where_the_adjudicated_truth_and_the_review_agree():
    def item(truth: bool, review: str, detector: str) -> dict:
        return {"adjudicated": ("MIT", truth), "review": (review, "MIT", ""), "detector": ("MIT", detector)}

    items = [item(True, "KEEP", lp.PERMISSIVE), item(True, "NAME", lp.MODIFIED), item(False, "REJECT", lp.PERMISSIVE),
             item(False, "PROSE", lp.MODIFIED), item(True, "REJECT", lp.PERMISSIVE), item(True, "PROSE", lp.MODIFIED),
             item(False, "KEEP", lp.MODIFIED)]
    agreed = consensus_score(items, "detector")
    assert (agreed["cases"], agreed["right"], agreed["let_through"], agreed["lost"]) == (4, 2, 1, 1)
    # Contested: kept as the truth says, rejected as the truth says, rejected as the review says.
    assert (agreed["contested"], agreed["with_truth"], agreed["with_review"]) == (3, 2, 1)
