"""Licence policy: SPDX expression logic, table-driven."""

from __future__ import annotations

import pytest

from pipeline.licensing import policy as lp

WIDE = [
    "MIT",
    "Apache-2.0",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "ISC",
    "0BSD",
    "Unlicense",
    "CC0-1.0",
    "BSL-1.0",
    "Zlib",
]


@pytest.mark.parametrize(
    ("expression", "allow", "verdict"),
    [
        ("MIT", None, lp.PERMISSIVE),
        ("mit", None, lp.PERMISSIVE),  # ids are case-insensitive
        ("Apache-2.0", None, lp.PERMISSIVE),
        ("BSD-2-Clause AND BSD-3-Clause", None, lp.PERMISSIVE),
        ("GPL-3.0-only", None, lp.NOT_PERMISSIVE),
        ("GPL-2.0", None, lp.NOT_PERMISSIVE),  # deprecated id
        ("ISC", None, lp.NOT_PERMISSIVE),  # not among InCoder's four...
        ("ISC", WIDE, lp.PERMISSIVE),  # ...but in the widened policy
        ("MIT OR GPL-3.0-only", None, lp.PERMISSIVE),  # any allowed choice suffices
        ("GPL-3.0-only OR LGPL-2.1-only", None, lp.NOT_PERMISSIVE),
        ("MIT AND GPL-3.0-only", None, lp.NOT_PERMISSIVE),  # every part must be allowed
        ("(MIT OR GPL-2.0-only) AND Apache-2.0", None, lp.PERMISSIVE),
        ("(MIT OR GPL-2.0-only) AND LGPL-3.0-only", None, lp.NOT_PERMISSIVE),
        ("Apache-2.0 WITH LLVM-exception", None, lp.PERMISSIVE),  # WITH: judged by its base licence
        ("GPL-2.0-only WITH Classpath-exception-2.0", None, lp.NOT_PERMISSIVE),
        ("GPL-2.0-or-later WITH GCC-exception-2.0 OR MIT", None, lp.PERMISSIVE),
        # Only an SPDX exception grants: a restriction, a licence or scancode's own exceptions after WITH
        # (it files the Commons Clause as one) make the expression unknown.
        ("Apache-2.0 WITH Commons-Clause", None, lp.UNKNOWN),
        ("Apache-2.0 WITH LicenseRef-scancode-commons-clause", None, lp.UNKNOWN),
        ("MIT WITH MIT", None, lp.UNKNOWN),
        # an SPDX exception found apart beside its licence grants, restricts nothing: neutral
        ("Apache-2.0 AND LLVM-exception", None, lp.PERMISSIVE),
        ("GPL-2.0-only AND Classpath-exception-2.0", None, lp.NOT_PERMISSIVE),
        ("LLVM-exception", None, lp.NO_LICENSE),
        ("Apache-2.0 AND LicenseRef-scancode-commons-clause", None, lp.NOT_PERMISSIVE),
        ("(MIT WITH Commons-Clause) OR Apache-2.0", None, lp.PERMISSIVE),
        ("LicenseRef-scancode-unknown", None, lp.UNKNOWN),
        ("LicenseRef-scancode-free-unknown", None, lp.UNKNOWN),
        ("LicenseRef-scancode-other-permissive", None, lp.UNKNOWN),
        ("NOASSERTION", None, lp.UNKNOWN),
        ("LicenseRef-scancode-proprietary-license", None, lp.NOT_PERMISSIVE),  # a known, disallowed licence
        ("MIT AND LicenseRef-scancode-unknown", None, lp.UNKNOWN),  # AND with an unknown part
        ("MIT OR LicenseRef-scancode-unknown", None, lp.PERMISSIVE),  # OR with an allowed choice
        ("GPL-3.0-only AND LicenseRef-scancode-unknown", None, lp.NOT_PERMISSIVE),
        ("GPL-3.0-only OR LicenseRef-scancode-unknown", None, lp.UNKNOWN),
        ("Apache-2.0 AND LicenseRef-scancode-warranty-disclaimer", None, lp.PERMISSIVE),  # neutral notice
        ("GPL-3.0-only AND LicenseRef-scancode-generic-trademark", None, lp.NOT_PERMISSIVE),
        ("LicenseRef-scancode-unknown-license-reference", None, lp.NO_LICENSE),  # only "see LICENSE"
        ("MIT License", None, lp.UNKNOWN),  # not an expression
        ("", None, lp.NO_LICENSE),
        (None, None, lp.NO_LICENSE),
    ],
)
def test_verdict_table(expression, allow, verdict):
    policy = lp.LicensePolicy(allow) if allow else lp.LicensePolicy()
    assert policy.verdict(expression) == verdict


def test_default_allowlist_is_incoders_four():
    assert lp.LicensePolicy().allow == ("MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause")


@pytest.mark.parametrize(
    ("verdicts", "combined"),
    [
        ([lp.PERMISSIVE, lp.PERMISSIVE], lp.PERMISSIVE),
        ([lp.NOT_PERMISSIVE, lp.NOT_PERMISSIVE], lp.NOT_PERMISSIVE),
        ([lp.PERMISSIVE, lp.NOT_PERMISSIVE], lp.CONFLICT),  # host MIT, COPYING GPL
        ([lp.PERMISSIVE, lp.UNKNOWN], lp.CONFLICT),
        ([lp.NOT_PERMISSIVE, lp.UNKNOWN], lp.NOT_PERMISSIVE),
        ([lp.UNKNOWN], lp.UNKNOWN),
        ([], lp.NO_LICENSE),
        ([lp.NO_LICENSE, lp.PERMISSIVE], lp.PERMISSIVE),
        ([lp.PERMISSIVE, lp.SCAN_TIMEOUT], lp.SCAN_TIMEOUT),  # a failure outranks everything
        ([lp.SCAN_ERROR, lp.SCAN_TIMEOUT], lp.SCAN_ERROR),
    ],
)
def test_combine_evidence_verdicts(verdicts, combined):
    assert lp.combine_evidence_verdicts(verdicts) == combined


def test_combine_expressions_dedups_and_joins_with_and():
    assert lp.combine_expressions([]) is None
    assert lp.combine_expressions(["MIT", "MIT"]) == "MIT"
    combined = lp.combine_expressions(["MIT", "GPL-3.0-only", "MIT"])
    assert combined == "GPL-3.0-only AND MIT"
    assert lp.combine_expressions(["MIT OR Apache-2.0", "MIT"]) == "MIT"  # absorption
    assert lp.combine_expressions(["LGPL-3.0-only AND MIT", "MIT"]) == "LGPL-3.0-only AND MIT"
    assert lp.LicensePolicy().verdict(combined) == lp.NOT_PERMISSIVE


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("MIT", True),
        ("MIT OR Apache-2.0", True),
        ("BSD", False),
        ("MIT License", False),
        ("", False),
        ("Apache 2.0", False),
    ],
)
def test_is_spdx_expression(text, ok):
    assert lp.is_spdx_expression(text) is ok


def test_every_rejecting_verdict_has_a_snake_case_reason():
    for verdict in lp.VERDICTS:
        if verdict == lp.PERMISSIVE:
            assert lp.is_kept(verdict)
            with pytest.raises(ValueError):
                lp.reason_for(verdict)
        else:
            reason = lp.reason_for(verdict)
            assert reason.replace("_", "").isalpha() and reason == reason.lower()
    assert {lp.reason_for(v) for v in lp.VERDICTS if v != lp.PERMISSIVE} == {
        "no_license",
        "license_unknown",
        "license_conflict",
        "license_modified",
        "license_not_permissive",
        "license_scan_error",
        "license_scan_timeout",
    }


def test_license_config_validates_the_allowlist(repo_root):
    from pipeline.config import LicenseConfig, load_config

    wide = load_config(repo_root / "configs" / "build" / "license-wide.yaml").build.license
    assert {"MIT", "ISC", "0BSD", "Unlicense", "CC0-1.0", "BSL-1.0", "Zlib"} <= set(wide.allow)
    assert lp.LicensePolicy(wide.allow).verdict("ISC OR GPL-3.0-only") == lp.PERMISSIVE
    with pytest.raises(ValueError, match="not SPDX licence ids"):
        LicenseConfig(allow=["MIT License"])
    with pytest.raises(ValueError):
        LicenseConfig(allow=[])


@pytest.mark.parametrize(
    ("expression", "stripped"),
    [
        ("MIT AND LicenseRef-scancode-warranty-disclaimer", "MIT"),
        ("MIT AND (LicenseRef-scancode-unknown-license-reference OR GPL-2.0-only)", "MIT AND GPL-2.0-only"),
        ("LicenseRef-scancode-unknown-license-reference", "LicenseRef-scancode-unknown-license-reference"),
        ("Apache-2.0 WITH LLVM-exception", "Apache-2.0 WITH LLVM-exception"),
        ("not an expression (", "not an expression ("),
    ],
)
def test_strip_neutral(expression, stripped):
    assert lp.strip_neutral(expression) == stripped
