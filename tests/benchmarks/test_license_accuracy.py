"""The licence accuracy benchmark's scoring: which rejections count as a label that disagrees with the
residue rule (an edited copy of exactly the labelled licence), and that the headline still counts them."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[2] / "benchmarks"))  # after the stdlib's modules

from license_accuracy import label_disagrees, score  # noqa: E402

from pipeline.licensing import policy as lp  # noqa: E402


def case(name: str, label: str | None, expression: str | None, verdict: str, evidence: list[dict]) -> dict:
    return {"name": name, "label": label or "NONE", "expected": label, "detector": (expression, verdict),
            "evidence": evidence}


def edited(expression: str, method: str = "template") -> dict:
    return {"expression": expression, "method": method, "verdict": lp.MODIFIED, "residue": ["changed 'x' to ''"]}


ITEMS = [
    case("kept", "MIT", "MIT", lp.PERMISSIVE, [{"expression": "MIT", "method": "fast_path", "verdict": lp.PERMISSIVE}]),
    case("sublicense deleted", "MIT", "MIT", lp.MODIFIED, [edited("MIT")]),
    case("rider read by scancode", "MIT", "MIT", lp.MODIFIED, [edited("MIT", method="scancode")]),
    case("edited copy of another licence", "MIT", "BSD-3-Clause", lp.MODIFIED, [edited("BSD-3-Clause")]),
    case("variant not allowed", "MIT", "LicenseRef-scancode-x11-stanford", lp.NOT_PERMISSIVE, []),
    case("gpl", "GPL-3.0-only", "GPL-3.0-only", lp.NOT_PERMISSIVE, []),
]


def test_only_edited_copies_of_the_labelled_licence_disagree():
    policy = lp.LicensePolicy()
    assert [i["name"] for i in ITEMS if label_disagrees(i, policy)] == ["sublicense deleted"]


def test_headline_counts_disagreements_as_misses():
    result = score(ITEMS, "detector", lp.LicensePolicy(), list_misses=False)
    assert result["right"] == 2 / 6  # "kept" and "gpl"
    assert (result["lost"], result["disagree"], result["let_through"]) == (4, 1, 0)
    assert result["right_agreeing"] == 2 / 5
