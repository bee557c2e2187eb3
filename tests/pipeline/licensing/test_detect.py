"""Repository and file licence decisions with scancode.

scancode's index loads once per process (~6 s): every test here shares it through the module-level
singleton in ``pipeline.licensing.scancode_runner``.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from pipeline.config import LicenseConfig
from pipeline.licensing import policy as lp
from pipeline.licensing import scancode_runner
from pipeline.licensing.detect import LicenseDetector, decide
from pipeline.licensing.scancode_runner import ScancodeRunner


def scancode_text(key: str) -> str:
    """A licence's reference text from the installed scancode-toolkit (no front matter)."""
    import licensedcode

    raw = (Path(licensedcode.__file__).parent / "data" / "licenses" / f"{key}.LICENSE").read_text()
    return raw.split("---", 2)[2].strip() + "\n"


MIT = "Copyright (c) 2021 Jane Doe\n\n" + scancode_text("mit")
GPL3 = scancode_text("gpl-3.0")
GPL_HEADER = (
    "# Copyright (C) 2020 Someone\n#\n"
    "# This program is free software: you can redistribute it and/or modify\n"
    "# it under the terms of the GNU General Public License as published by\n"
    "# the Free Software Foundation, either version 3 of the License, or\n"
    "# (at your option) any later version.\n\nimport os\n"
)


@pytest.fixture(scope="module")
def detector() -> LicenseDetector:
    return LicenseDetector(LicenseConfig()).setup()


def judge_all(detector: LicenseDetector, files: dict[str, str], host: str | None = None):
    encoded = [(p, t.encode()) for p, t in files.items()]
    from pipeline.licensing.files import license_file_kind

    folders = detector.folder_map([(p, d) for p, d in encoded if license_file_kind(p)], host)
    return folders, {p: detector.judge_file(p, d, folders) for p, d in encoded}


def test_vendored_folder_gets_its_own_licence(detector):
    folders, files = judge_all(
        detector,
        {
            "LICENSE": MIT,
            "src/app.py": "def main():\n    return 0\n",
            "third_party/gpl_lib/COPYING": GPL3,
            "third_party/gpl_lib/lib.c": "int f(void) { return 1; }\n",
            "third_party/other/x.c": "int g;\n",
        },
    )
    assert folders[""].expression == "MIT" and folders[""].verdict == lp.PERMISSIVE
    assert folders["third_party/gpl_lib"].verdict == lp.NOT_PERMISSIVE
    assert files["src/app.py"].verdict == lp.PERMISSIVE
    assert files["third_party/other/x.c"].expression == "MIT"  # inherits from the root
    vendored = files["third_party/gpl_lib/lib.c"]
    assert vendored.expression == "GPL-3.0-only" and vendored.verdict == lp.NOT_PERMISSIVE
    evidence = vendored.evidence[0]
    assert evidence["file"] == "third_party/gpl_lib/COPYING" and evidence["score"] >= 99


def test_gpl_header_in_mit_repository_decides_that_file(detector):
    _, files = judge_all(
        detector,
        {
            "LICENSE": MIT,
            "pkg/gpl_module.py": GPL_HEADER,
            "pkg/spdx_module.py": "// SPDX-License-Identifier: GPL-2.0-only\nint x;\n",
            "pkg/mit_module.py": "# SPDX-License-Identifier: MIT\nx = 1\n",
            "pkg/plain.py": "x = 1\n",
        },
    )
    gpl = files["pkg/gpl_module.py"]
    assert gpl.verdict == lp.NOT_PERMISSIVE and gpl.expression == "GPL-3.0-or-later"
    assert gpl.evidence[0]["kind"] == "header" and gpl.evidence[0]["method"] == "scancode"
    assert files["pkg/spdx_module.py"].verdict == lp.NOT_PERMISSIVE
    assert files["pkg/spdx_module.py"].evidence[0]["method"] == "spdx_identifier"
    same = files["pkg/mit_module.py"]  # a header agreeing with the folder keeps the folder's decision
    assert same.verdict == lp.PERMISSIVE and same.expression == "MIT"
    assert {e["kind"] for e in same.evidence} == {"license", "header"}
    assert files["pkg/plain.py"].expression == "MIT"


def test_no_licence_and_host_licence(detector):
    files = {"main.py": "print('hi')\n"}
    _, judged = judge_all(detector, files)
    assert judged["main.py"].verdict == lp.NO_LICENSE and judged["main.py"].evidence == []
    _, judged = judge_all(detector, files, host="MIT")
    assert judged["main.py"].verdict == lp.PERMISSIVE
    assert judged["main.py"].evidence[0]["host_field"] == "host_license"
    assert judged["main.py"].evidence[0]["method"] == "host"
    _, judged = judge_all(detector, files, host="NOASSERTION")
    assert judged["main.py"].verdict == lp.NO_LICENSE
    strict = LicenseDetector(LicenseConfig(prefer_host_license=False)).setup()
    _, judged = judge_all(strict, files, host="MIT")
    assert judged["main.py"].verdict == lp.NO_LICENSE


def test_host_permissive_but_files_gpl_is_a_conflict(detector):
    folders, judged = judge_all(detector, {"COPYING": GPL3, "a.py": "x = 1\n"}, host="MIT")
    assert folders[""].verdict == lp.CONFLICT
    assert judged["a.py"].verdict == lp.CONFLICT
    assert {e.get("host_field") or e.get("file") for e in judged["a.py"].evidence} == {
        "COPYING",
        "host_license",
    }


def test_manifest_licence_name_is_looked_up_and_free_text_goes_through_scancode(detector):
    folders, _ = judge_all(detector, {"package.json": json.dumps({"license": "Apache License 2.0"})})
    assert folders[""].expression == "Apache-2.0" and folders[""].verdict == lp.PERMISSIVE
    assert folders[""].evidence[0]["method"] == "manifest"  # a licence's name, from scancode's licence db
    assert folders[""].evidence[0]["rule"] == "name: Apache License 2.0"
    free = {"package.json": json.dumps({"license": "Licensed under Apache 2.0 or, at your option, MIT"})}
    folders, _ = judge_all(detector, free)
    assert folders[""].verdict == lp.PERMISSIVE and folders[""].evidence[0]["method"] == "scancode"


@pytest.mark.parametrize(
    "value, expression, verdict",
    [
        # a licence field holds a name: one family word is read as "<word> License" (PyPI's "BSD License")
        ("BSD", "BSD-3-Clause", lp.PERMISSIVE),
        ("Apache", "Apache-2.0", lp.PERMISSIVE),
        ("BSD style", None, lp.NO_LICENSE),  # a kind of licence, not one
        ("UNLICENSED", "LicenseRef-scancode-proprietary-license", lp.NOT_PERMISSIVE),  # npm: no rights granted
        # a value that names terms, not a licence
        ("Commercial License", "LicenseRef-scancode-proprietary-license", lp.NOT_PERMISSIVE),
        ("All rights reserved", "LicenseRef-scancode-proprietary-license", lp.NOT_PERMISSIVE),
        ("Dual License", None, lp.NO_LICENSE),  # says nothing of which
    ],
)
def test_declared_licence_field_values(detector, value, expression, verdict):
    folders, judged = judge_all(detector, {"package.json": json.dumps({"license": value}), "a.py": "x = 1\n"})
    assert judged["a.py"].verdict == verdict
    assert judged["a.py"].expression == expression


@pytest.mark.parametrize(
    "manifest",
    [
        ("package.json", '{"license": "UNLICENSED"}'),  # npm: no rights granted
        ("composer.json", '{"name": "a/b", "license": "proprietary"}'),  # Composer: closed-source software
        ("pom.xml", "<project><licenses><license><name>Commercial License</name></license></licenses></project>"),
        ("DESCRIPTION", "Package: x\nLicense: file LICENSE\nLicense_restricts_use: yes\n"),  # R: restricts use
    ],
)
def test_unlicensed_package_beside_a_permissive_licence_file_is_not_kept(detector, manifest):
    files = {"LICENSE": MIT, manifest[0]: manifest[1], "a.py": "x = 1\n"}
    _, judged = judge_all(detector, files)
    assert judged["a.py"].verdict == lp.CONFLICT  # MIT AND proprietary


def test_a_manifests_unknown_licence_joins_its_other_values_not_other_files(detector):
    # idna 2.9's setup.py: "license": "BSD-like" beside the "BSD License" classifier is not BSD
    setup = "setup(**{'license': 'BSD-like', 'classifiers': ['License :: OSI Approved :: BSD License']})\n"
    _, judged = judge_all(detector, {"setup.py": setup, "a.py": "x = 1\n"})
    assert judged["a.py"].verdict == lp.CONFLICT
    assert judged["a.py"].expression == "BSD-3-Clause AND LicenseRef-scancode-other-permissive"
    # a licence text in another file outweighs a manifest's unknown value (the manifest alone decides nothing)
    _, judged = judge_all(detector, {"LICENSE": MIT, "package.json": '{"license": "BSD-like"}', "a.py": "x = 1\n"})
    assert judged["a.py"].verdict == lp.PERMISSIVE


@pytest.mark.parametrize(
    "url, expression",
    [
        ("https://opensource.org/licenses/MIT", "MIT"),
        ("http://www.apache.org/licenses/LICENSE-2.0", "Apache-2.0"),
        # a project's page that scancode's rules know (its authors looked the package up)
        ("https://github.com/micahlmartin/OAuth2Provider", "MIT"),
        ("http://www.gnu.org/licenses/gpl-3.0.html", "GPL-3.0-only"),
        ("https://github.com/example/unknown-project/blob/master/LICENSE", None),  # names no licence
    ],
)
def test_a_nuspec_licence_url_is_a_declared_value(detector, url, expression):
    """NuGet's licenseUrl is read like any manifest value: a licence named by its address."""
    nuspec = f"<package><metadata><id>x</id><licenseUrl>{url}</licenseUrl></metadata></package>"
    folders, _ = judge_all(detector, {"x.nuspec": nuspec})
    assert (folders[""].expression if "" in folders else None) == expression
    if expression is not None:
        assert folders[""].evidence[0]["kind"] == "manifest"


@pytest.mark.parametrize(
    "comments, verdict",
    [
        (None, lp.PERMISSIVE),
        ("No comments", lp.PERMISSIVE),  # a template's empty value
        ("A business-friendly OSS license", lp.PERMISSIVE),  # Apache Commons' POMs: words without a term
        ("For non-commercial use only", lp.MODIFIED),
        ("Not for use in military applications", lp.MODIFIED),
    ],
)
def test_a_maven_pom_licence_with_its_comments(detector, comments, verdict):
    """A repository's ``<artifactId>-<version>.pom`` is a manifest like pom.xml; a licence's
    ``<comments>`` are read by the residue grammar, as words beside a notice."""
    note = f"<comments>{comments}</comments>" if comments else ""
    pom = ("<project><licenses><license><name>MIT</name><url>https://opensource.org/licenses/MIT</url>"
           f"<distribution>repo</distribution>{note}</license></licenses></project>")
    for name in ("lib-1.2.pom", "pom.xml"):
        folders, _ = judge_all(detector, {name: pom})
        assert (folders[""].expression, folders[""].verdict) == ("MIT", verdict), name
        if verdict == lp.MODIFIED:
            assert comments in folders[""].evidence[0]["residue"][0]


def test_r_description_licence_plus_file_is_not_taken_as_the_bare_licence(detector):
    """CRAN's "X + file LICENSE": the file may add terms of its own, so the value is not just X."""
    folders, _ = judge_all(detector, {"DESCRIPTION": "Package: xyz\nLicense: MIT + file LICENSE\n"})
    assert "" not in folders or folders[""].verdict != lp.PERMISSIVE


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The MIT License", "MIT"),
        ("Copyright 2020 X\n\nLicensed under the Apache License, Version 2.0\n", "Apache-2.0"),
        ("## License\n\n[The MIT License](https://example.invalid)", "MIT"),
        ("This project is licensed under the MIT License", "MIT"),
        ("GPL 3.0 or later", "GPL-3.0-or-later"),
        ("MIT License. You may not use this for commercial purposes.", None),  # more than a name
        ("Proprietary", None),
    ],
)
def test_licence_names(text, expected):
    from pipeline.licensing.detect import name_to_spdx

    assert name_to_spdx(text) == expected


@pytest.mark.parametrize("name_only, verdict", [("accept", lp.PERMISSIVE), ("reject", lp.UNKNOWN)])
def test_one_rule_for_a_licence_named_without_its_text(name_only, verdict):
    """The same rule for a licence file, a README, a manifest and the host field (``name_only``)."""
    detector = LicenseDetector(LicenseConfig(name_only=name_only)).setup()
    cases = [
        ({"LICENSE": "Licensed under the Apache License, Version 2.0"}, None),
        ({"LICENSE": "MIT License\n"}, None),
        ({"README.md": "# Tool\n\n## License\n\nMIT\n"}, None),
        ({"package.json": '{"license": "MIT"}'}, None),
        ({"main.py": "x = 1\n"}, "BSD-3-Clause"),
    ]
    for files, host in cases:
        folders, _ = judge_all(detector, files, host=host)
        assert folders[""].verdict == verdict, files
    # With the licence's text the rule does not apply.
    folders, _ = judge_all(detector, {"LICENSE": MIT, "package.json": '{"license": "MIT"}'})
    assert folders[""].verdict == lp.PERMISSIVE


def test_readme_section_counts_only_without_licence_file(detector):
    readme = "# Tool\n\n## License\n\nThis project is licensed under the GNU GPL v3.\n"
    folders, _ = judge_all(detector, {"README.md": readme})
    assert folders[""].verdict == lp.NOT_PERMISSIVE
    folders, _ = judge_all(detector, {"README.md": readme, "LICENSE": MIT})
    assert folders[""].verdict == lp.PERMISSIVE
    assert [e["kind"] for e in folders[""].evidence] == ["license"]


@pytest.mark.parametrize(
    ("section", "kept"),
    [
        # Terms the section adds to the licence the files name: read beside them.
        ("MIT, but not for commercial use.", False),
        ("MIT. Free for personal use only; contact us for a commercial licence.", False),
        ("Released under the MIT license. It may not be used by government agencies.", False),
        # The licence named again, a pointer, another licence for a part: the licence files speak for those.
        ("MIT", True),
        ("This project is licensed under the MIT License - see the [LICENSE](LICENSE) file for details.", True),
        ("MIT © Jane Doe. The documentation is licensed under CC-BY-4.0.", True),
    ],
)
def test_a_readme_sections_terms_are_read_beside_licence_files(detector, section, kept):
    readme = f"# Tool\n\nA tool.\n\n## License\n\n{section}\n"
    for other in ({"LICENSE": MIT}, {"package.json": '{"name": "tool", "license": "MIT"}'}):
        folders, _ = judge_all(detector, {"README.md": readme, **other})
        assert (folders[""].verdict == lp.PERMISSIVE) == kept, (section, other, folders[""])
    # A README about licences ("# License Classifier" titles the whole file) is no licence section.
    about = "# License Classifier\n\nAn internal-only index; it is not for matching headers.\n"
    folders, _ = judge_all(detector, {"README.md": about, "LICENSE": MIT})
    assert folders[""].verdict == lp.PERMISSIVE


def test_dual_licence_files_both_allowed(detector):
    apache = scancode_text("apache-2.0")
    folders, _ = judge_all(
        detector,
        {
            "LICENSE-MIT": MIT,
            "LICENSE-APACHE": apache,
            "Cargo.toml": '[package]\nlicense = "MIT OR Apache-2.0"\n',
        },
    )
    assert folders[""].verdict == lp.PERMISSIVE
    assert {e["method"] for e in folders[""].evidence} == {"fast_path", "manifest"}


def test_licence_files_named_by_their_licence_and_eulas_are_read(detector):
    # Rails' convention: the licence in MIT-LICENSE is the repository's licence.
    folders, files = judge_all(detector, {"MIT-LICENSE": MIT, "lib/app.rb": "puts 1\n"})
    assert folders[""].expression == "MIT" and files["lib/app.rb"].verdict == lp.PERMISSIVE
    # A second licence named that way, or an end-user licence agreement, joins the folder's licence.
    folders, _ = judge_all(detector, {"LICENSE": MIT, "GPL-LICENSE.txt": GPL3})
    assert folders[""].verdict != lp.PERMISSIVE and "GPL-3.0" in folders[""].expression
    eula = ("END USER LICENSE AGREEMENT\n\nYou may use the Software only for personal, non-commercial "
            "purposes. You may not redistribute it.\n")
    folders, _ = judge_all(detector, {"LICENSE": MIT, "EULA.txt": eula})
    assert folders[""].verdict != lp.PERMISSIVE
    assert any(e["file"] == "EULA.txt" for e in folders[""].evidence)
    # Words of its own that nothing names make such a file an unknown licence, as a LICENSE's do.
    own = "This software may be used only by people whose name starts with Q. " * 5
    folders, _ = judge_all(detector, {"MIT-LICENSE": own})
    assert folders[""].verdict == lp.UNKNOWN


def test_unrecognised_licence_text_is_unknown(detector):
    text = "This software may be used only by people whose name starts with Q. " * 5
    folders, _ = judge_all(detector, {"LICENSE": text})
    assert folders[""].verdict == lp.UNKNOWN
    assert lp.reason_for(folders[""].verdict) == "license_unknown"


def test_scancode_timeout_is_a_counted_reason(monkeypatch, detector):
    def slow_match(index, text, deadline):
        time.sleep(2.0)
        return []

    monkeypatch.setattr(scancode_runner, "match_text", slow_match)
    runner = ScancodeRunner(timeout_s=0.2, grace_s=0.1)
    runner.index = object()  # the sleeping matcher needs no index
    started = time.monotonic()
    result = runner.scan("some licence text")
    assert result.status == scancode_runner.TIMEOUT and time.monotonic() - started < 1.5
    assert runner.abandoned == 1
    slow = LicenseDetector(LicenseConfig(scancode_timeout_s=0.2, fast_path=False), runner=runner)
    folders, judged = judge_all(slow, {"LICENSE": "Some licence nobody wrote down before.", "a.py": "x\n"})
    assert folders[""].verdict == lp.SCAN_TIMEOUT
    assert lp.reason_for(judged["a.py"].verdict) == "license_scan_timeout"


def test_scancode_error_is_a_counted_reason(monkeypatch):
    def broken_match(index, text, deadline):
        raise RuntimeError("index corrupted")

    monkeypatch.setattr(scancode_runner, "match_text", broken_match)
    runner = ScancodeRunner(timeout_s=5)
    runner.index = object()
    result = runner.scan("text")
    assert result.status == scancode_runner.ERROR and "index corrupted" in result.error
    broken = LicenseDetector(LicenseConfig(fast_path=False), runner=runner)
    _, judged = judge_all(broken, {"LICENSE": "whatever", "b.py": "# Copyright 2020 X, licensed under Foo\n"})
    assert judged["b.py"].verdict == lp.SCAN_ERROR


def test_scancode_deadline_reached_means_timeout(monkeypatch):
    def partial_match(index, text, deadline):
        time.sleep(0.3)  # returns, but after its deadline: results would be partial
        return []

    monkeypatch.setattr(scancode_runner, "match_text", partial_match)
    runner = ScancodeRunner(timeout_s=0.1, grace_s=2.0)
    runner.index = object()
    assert runner.scan("text").status == scancode_runner.TIMEOUT


def test_runner_pickles_without_its_index(detector):
    import pickle

    clone = pickle.loads(pickle.dumps(detector))
    assert clone.runner.index is None and clone.fastpath is None
    assert clone.cfg == detector.cfg


def test_decide_weak_unknown_is_outweighed_by_definite_evidence():
    def ev(kind, expression, verdict):
        return {"file": "x", "kind": kind, "expression": expression, "verdict": verdict}

    decision = decide(
        [ev("license", "MIT", lp.PERMISSIVE), ev("manifest", "LicenseRef-scancode-unknown", lp.UNKNOWN)]
    )
    assert decision.verdict == lp.PERMISSIVE and decision.expression == "MIT"
    decision = decide(
        [ev("license", "MIT", lp.PERMISSIVE), ev("license", "LicenseRef-scancode-unknown", lp.UNKNOWN)]
    )
    assert decision.verdict == lp.CONFLICT


@pytest.mark.parametrize(
    ("name", "permissive"),
    [
        ("mit", True),
        ("apache-2.0", True),
        ("bsd-2-clause", True),
        ("bsd-3-clause", True),
        ("gpl-2.0", False),
        ("gpl-3.0", False),
        ("lgpl-2.1", False),
        ("agpl-3.0", False),
        ("mpl-2.0", False),
        ("epl-2.0", False),
        ("isc", False),
        ("unlicense", False),
        ("cc-by-sa-4.0", False),
    ],
)
def test_real_licence_texts(shared_data, detector, name, permissive):
    """choosealicense.com's texts (front matter removed), as a repository's LICENSE file."""
    raw = (shared_data / "licenses" / "choosealicense" / f"{name}.txt").read_text()
    text = raw.split("---", 2)[2] if raw.startswith("---") else raw
    text = text.replace("[year]", "2024").replace("[fullname]", "Jane Doe")
    folders, _ = judge_all(detector, {"LICENSE": text})
    assert (folders[""].verdict == lp.PERMISSIVE) is permissive, folders[""]
    if not permissive:
        assert folders[""].verdict in (lp.NOT_PERMISSIVE, lp.UNKNOWN)


def test_runner_reuses_results_of_identical_texts_only_when_ok(monkeypatch):
    calls = []

    def counting_match(index, text, deadline):
        calls.append(text)
        if text == "boom":
            raise RuntimeError("bad")
        return []

    monkeypatch.setattr(scancode_runner, "match_text", counting_match)
    runner = ScancodeRunner(timeout_s=5)
    runner.index = object()
    runner.cache_size = 2
    assert runner.scan("a").status == runner.scan("a").status == scancode_runner.OK
    assert calls == ["a"]
    assert runner.scan("boom").status == runner.scan("boom").status == scancode_runner.ERROR
    assert calls == ["a", "boom", "boom"]  # failures are never cached
    runner.scan("b"), runner.scan("c"), runner.scan("a")  # "a" was evicted (bounded cache)
    assert calls[-1] == "a" and len(runner._cache) == 2


def test_python_env_layout_dist_info_licences_at_the_root(detector):
    """python-env presents dist-info licence files at the root and metadata as PKG-INFO (host licence
    from the metadata too)."""
    files = {
        "LICENSE": MIT,
        "LICENSES/APACHE-2.0.txt": scancode_text("apache-2.0"),
        "PKG-INFO": "Metadata-Version: 2.4\nName: pkg\nLicense-Expression: MIT AND Apache-2.0\n\nReadme.\n",
        "pkg/__init__.py": "VERSION = 1\n",
    }
    folders, judged = judge_all(detector, files, host="MIT AND Apache-2.0")
    assert set(folders) == {""}
    assert judged["pkg/__init__.py"].verdict == lp.PERMISSIVE
    assert lp.parse_expression(judged["pkg/__init__.py"].expression).objects == {"MIT", "Apache-2.0"}
    kinds = sorted(e["kind"] for e in judged["pkg/__init__.py"].evidence)
    assert kinds == ["host", "license", "license", "manifest"]
    # the same package whose metadata claims GPL: the files and the claim disagree
    files["PKG-INFO"] = "Metadata-Version: 2.4\nName: pkg\nLicense-Expression: GPL-3.0-or-later\n\n"
    _, judged = judge_all(detector, files, host="GPL-3.0-or-later")
    assert judged["pkg/__init__.py"].verdict == lp.CONFLICT


def test_a_notice_whose_pointer_sentence_wraps_is_kept(detector):
    # packaging's header, as vendored with its own licence file's name (packaging_legacy_version.py)
    head = ("# SPDX-license-identifier: BSD-2-Clause or Apache-2.0\n"
            "# copyright (c) Donald Stufft and individual contributors\n#\n"
            "# This file is dual licensed under the terms of the Apache License, Version\n"
            "# 2.0, and the BSD License. See the packaging_legacy_version.LICENSE file in\n"
            "# this repository for complete details.\n#\n\nimport re\n")
    _, judged = judge_all(detector, {"packaging_legacy_version.py": head})
    assert judged["packaging_legacy_version.py"].verdict == lp.PERMISSIVE
    rider = head.replace("this repository for complete details.", "this repository. Not for commercial use.")
    _, judged = judge_all(detector, {"packaging_legacy_version.py": rider})
    assert judged["packaging_legacy_version.py"].verdict != lp.PERMISSIVE


def test_a_licence_text_longer_than_the_head_in_a_banner_comment_is_read_whole(detector):
    # rxjs.umd.js: Apache-2.0's whole text (about 200 lines) in the bundle's first comment, past the head's
    # HEAD_GROWTH x header_lines lines
    text = scancode_text("apache-2.0")
    assert text.count("\n") > 4 * detector.cfg.header_lines
    banner = "/**\n  @license\n" + text + "\n**/\n(function (global) { 'use strict'; })(this);\n"
    _, judged = judge_all(detector, {"rxjs.umd.js": banner})
    assert judged["rxjs.umd.js"].verdict == lp.PERMISSIVE
    rider = banner.replace("\n**/", "\nThis bundle may not be used for commercial purposes.\n**/")
    _, judged = judge_all(detector, {"rxjs.umd.js": rider})
    assert judged["rxjs.umd.js"].verdict != lp.PERMISSIVE



@pytest.mark.parametrize(
    "manifest, text, extra, kept",
    [
        ("package.json", '{"name": "x", "license": "SEE LICENSE IN TERMS.md"}', {"TERMS.md": "Not for commercial use.\n"},
         False),
        ("package.json", '{"name": "x", "license": "SEE LICENSE IN LICENSE"}', {}, True),
        ("pyproject.toml", '[project]\nname = "x"\nlicense = {file = "TERMS.txt"}\n', {}, False),
        ("pyproject.toml", '[project]\nname = "x"\nlicense = "MIT"\nlicense-files = ["TERMS.txt"]\n', {}, False),
        ("pyproject.toml", '[project]\nname = "x"\nlicense = "MIT"\n'
         'license-files = ["LICEN[CS]E*", "AUTHORS*", "licenses/*", "vendor/zlib/LICENSE.zlib"]\n', {}, True),
        ("PKG-INFO", "Metadata-Version: 2.4\nName: x\nLicense-Expression: MIT\nLicense-File: LICENSE\n"
         "License-File: AUTHORS.rst\nLicense-File: CHANGELOG.rst\n", {}, True),
        ("PKG-INFO", "Metadata-Version: 2.4\nName: x\nLicense-Expression: MIT\nLicense-File: TERMS.txt\n", {}, False),
        ("Cargo.toml", '[package]\nname = "x"\nlicense-file = "TERMS.txt"\n', {}, False),
        ("setup.cfg", "[metadata]\nname = x\nlicense_files = mit.LICENSE\n    CODE_OF_CONDUCT.rst\n",
         {"mit.LICENSE": scancode_text("mit")}, True),
    ],
)
def test_a_manifest_that_points_at_its_licence_file(detector, manifest, text, extra, kept):
    """A manifest that keeps its licence in a file (npm's "SEE LICENSE IN", PEP 621's ``license.file``, PEP
    639's ``license-files``, core metadata's ``License-File``, Cargo's ``license-file``, setuptools'
    ``license_files``): a file the build reads as licence-bearing is judged on its own; any other file
    ("TERMS.md") holds terms the build does not read, so the folder is not kept, whatever its LICENSE says."""
    folders, files = judge_all(detector, {"LICENSE": MIT, manifest: text, **extra, "main.py": "x = 1\n"})
    assert (files["main.py"].verdict == lp.PERMISSIVE) is kept, folders[""].evidence
    if not kept:
        assert any(e.get("points_to") for e in folders[""].evidence)


@pytest.mark.parametrize(
    "name, kind",
    [("apache-2.0.LICENSE", "license"), ("cc-by-4.0.LICENSE", "license"), ("logo.png.license", None),
     ("main.py.license", None)],
)
def test_a_licence_file_named_by_its_key(name, kind):
    """``<key>.LICENSE`` (scancode's licence files, which nexB's packages name in ``license_files``) is a
    licence file; a REUSE sidecar (``logo.png.license``, the licence of ``logo.png``) is not."""
    from pipeline.licensing.files import license_file_kind

    assert license_file_kind(name) == kind
