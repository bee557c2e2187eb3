"""Licence-like files, manifests, README sections, header prefilter, folder inheritance (issue 3 pts 1-2)."""

from __future__ import annotations

import pytest

from pipeline.licensing import files as lf


@pytest.mark.parametrize(
    ("path", "kind", "folder"),
    [
        ("LICENSE", "license", ""),
        ("LICENSE.md", "license", ""),
        ("LiCeNsE.TxT", "license", ""),
        ("LICENCE", "license", ""),
        ("COPYING.LESSER", "license", ""),
        ("LICENSE-MIT", "license", ""),
        ("LICENSE_1_0.txt", "license", ""),
        ("NOTICE", "license", ""),
        ("UNLICENSE", "license", ""),
        ("vendor/lib/LICENSE", "license", "vendor/lib"),
        ("LICENSES/MIT.txt", "license", ""),  # REUSE: LICENSES/ governs its parent folder
        ("pkg/LICENSES/GPL-2.0.txt", "license", "pkg"),
        ("package.json", "manifest", ""),
        ("sub/Cargo.toml", "manifest", "sub"),
        ("foo.gemspec", "manifest", ""),
        ("PKG-INFO", "manifest", ""),
        ("pom.xml", "manifest", ""),
        ("repo/org/x/lib/1.2/lib-1.2.pom", "manifest", "repo/org/x/lib/1.2"),  # Maven repository layout
        ("README.md", "readme", ""),
        ("docs/README.rst", "readme", "docs"),
        ("license.py", None, ""),  # code about licences is not a licence file
        ("src/license-checker.tsx", None, "src"),
        ("licenses.json", None, ""),
        ("src/licenses/mit.py", None, "src"),
        ("docs/LICENSE.html", "license", "docs"),
        ("LICENSE.APACHE2", "license", ""),
        ("src/licenses_view.js", None, "src"),
        ("noticeboard.txt", None, ""),
        ("main.c", None, ""),
        # A licence file named by its licence (licensee's and scancode's file names), an EULA.
        ("MIT-LICENSE", "license", ""),
        ("vendor/jquery/GPL-LICENSE.txt", "license", "vendor/jquery"),
        ("APACHE-LICENSE-2.0.txt", "license", ""),
        ("gpl-3.0_license.md", "license", ""),
        ("BSD-COPYING", "license", ""),
        ("EULA", "license", ""),
        ("docs/eula.txt", "license", "docs"),
        ("lib/lz4.license.txt", None, "lib"),  # a part's licence: read where the part lies
        ("newlib_license_33.txt", None, ""),
        ("THIRD-PARTY-LICENSES.md", None, ""),
        ("Contributor_License_Agreement.md", None, ""),  # about licences, not one
        ("src/mit_license.py", None, "src"),
        ("sublicense.txt", None, ""),
        ("eulogy.md", None, ""),
    ],
)
def test_license_file_kind_and_folder(path, kind, folder):
    assert lf.license_file_kind(path) == kind
    assert lf.license_folder(path) == folder


def test_folder_inheritance_nearest_first():
    assert lf.folder_chain("a/b/x.py") == ["a/b", "a", ""]
    assert lf.folder_chain("x.py") == [""]
    folders = {"": "MIT", "vendor/gpl": "GPL"}
    assert lf.nearest_folder("vendor/gpl/deep/x.c", folders) == "vendor/gpl"
    assert lf.nearest_folder("vendor/other/x.c", folders) == ""
    assert lf.nearest_folder("x.py", {"sub": 1}) is None


@pytest.mark.parametrize(
    ("path", "text", "fields"),
    [
        ("package.json", '{"name": "x", "license": "MIT"}', ["MIT"]),
        ("package.json", '{"licenses": [{"type": "MIT"}, {"type": "Apache-2.0"}]}', ["MIT", "Apache-2.0"]),
        ("package.json", '{"license": "SEE LICENSE IN LICENSE.txt"}', []),
        ("composer.json", '{"license": ["MIT", "GPL-2.0-or-later"]}', ["MIT", "GPL-2.0-or-later"]),
        ("Cargo.toml", '[package]\nname = "x"\nlicense = "MIT OR Apache-2.0"\n', ["MIT OR Apache-2.0"]),
        (
            "pyproject.toml",
            '[project]\nname = "x"\nlicense = {text = "BSD-3-Clause"}\n'
            'classifiers = ["License :: OSI Approved :: BSD License", "Programming Language :: Python"]\n',
            ["BSD-3-Clause", "License :: OSI Approved :: BSD License"],
        ),
        ("pyproject.toml", '[project]\nlicense = {file = "LICENSE"}\n', []),
        ("pyproject.toml", '[tool.poetry]\nlicense = "MIT"\n', ["MIT"]),
        (
            "setup.cfg",
            "[metadata]\nname = x\nlicense = Apache-2.0\nclassifiers =\n"
            "    License :: OSI Approved :: Apache Software License\n",
            ["Apache-2.0", "License :: OSI Approved :: Apache Software License"],
        ),
        (
            "PKG-INFO",
            "Metadata-Version: 2.4\nName: x\nLicense-Expression: MIT\nLicense: ignored\n\nbody",
            ["MIT"],
        ),
        (
            "METADATA",
            "Metadata-Version: 2.1\nName: x\nLicense: UNKNOWN\n"
            "Classifier: License :: OSI Approved :: MIT License\n",
            ["License :: OSI Approved :: MIT License"],
        ),
        (
            "pom.xml",
            '<project xmlns="http://maven.apache.org/POM/4.0.0"><name>not me</name><licenses><license>'
            "<name>Apache License, Version 2.0</name></license></licenses></project>",
            ["Apache License, Version 2.0"],
        ),
        (
            "lib-1.2.pom",
            "<project><licenses><license><name>MIT</name><comments>No comments</comments></license>"
            "</licenses></project>",
            ["MIT"],
        ),
        (
            "x.gemspec",
            'Gem::Specification.new do |s|\n  s.licenses = ["MIT", "Ruby"]\nend\n',
            ["MIT", "Ruby"],
        ),
        (
            "x.nuspec",
            '<package><metadata><license type="expression">MIT</license></metadata></package>',
            ["MIT"],
        ),
        (  # the deprecated licenseUrl, when no expression is declared
            "x.nuspec",
            "<package><metadata><licenseUrl>https://opensource.org/licenses/MIT</licenseUrl></metadata></package>",
            ["https://opensource.org/licenses/MIT"],
        ),
        (  # NuGet's placeholder beside a <license> element is no licence
            "x.nuspec",
            '<package><metadata><license type="expression">Apache-2.0</license>'
            "<licenseUrl>https://aka.ms/deprecateLicenseUrl</licenseUrl></metadata></package>",
            ["Apache-2.0"],
        ),
        (
            "x.nuspec",
            "<package><metadata><license type=\"file\">LICENSE.txt</license>"
            "<licenseUrl>https://aka.ms/deprecateLicenseUrl</licenseUrl></metadata></package>",
            [],
        ),
        ("DESCRIPTION", "Package: x\nLicense: GPL-3\n", ["GPL-3"]),
        ("DESCRIPTION", "Package: x\nLicense: file LICENSE\nLicense_restricts_use: yes\n",
         ["License restricts use"]),  # Writing R Extensions, 1.1.2 ("file LICENSE" points at the file)
        (  # setup.py: a literal licence (keyword or dict) and the trove classifiers, as setup.cfg's
            "setup.py",
            "setup(license=about['__license__'],\n    classifiers=[\n"
            "        'License :: OSI Approved :: Apache Software License',\n"
            "        'Programming Language :: Python',\n    ])\n",
            ["License :: OSI Approved :: Apache Software License"],
        ),
        (
            "setup.py",
            "setup(**{\n    'license': 'BSD-like',\n    'classifiers': ['License :: OSI Approved :: BSD License'],\n})\n",
            ["BSD-like", "License :: OSI Approved :: BSD License"],
        ),
    ],
)
def test_manifest_license_fields(path, text, fields):
    assert lf.manifest_license_fields(path, text) == fields


@pytest.mark.parametrize(
    ("path", "text"),
    [("package.json", "{not json"), ("Cargo.toml", "[package\n"), ("pom.xml", "<project><licenses>")],
)
def test_unreadable_manifest_is_a_clear_error(path, text):
    with pytest.raises(ValueError, match="unreadable manifest"):
        lf.manifest_license_fields(path, text)


def test_manifest_licence_notes_are_a_poms_licence_comments():
    pom = ("<project><description>a tool</description><licenses><license><name>MIT</name>"
           "<comments>For non-commercial use only</comments></license></licenses></project>")
    assert lf.manifest_licence_notes("lib-1.2.pom", pom) == ["For non-commercial use only"]
    assert lf.manifest_licence_notes("pom.xml", pom) == ["For non-commercial use only"]
    assert lf.manifest_licence_notes("package.json", '{"license": "MIT"}') == []
    assert lf.manifest_licence_notes("pom.xml", "<project><licenses>") == []  # unreadable: the fields say so


@pytest.mark.parametrize(("path", "text", "comments"), [
    # on the licence line, not on others; a "#" inside a string is no comment
    ("pyproject.toml", '[project]\nname = "a#b"  # a name\nlicense = "MIT"  # not for resale\n', ["not for resale"]),
    # the comment lines right above the declaration, not those a blank line or another key separates
    ("pyproject.toml", '# top\n[project]\n# one\n\n# two\n# three\nlicense = "MIT"\n', ["two", "three"]),
    ("pyproject.toml", '[project]\n# about the version\nversion = "1"\nlicense = "MIT"\n', []),
    # the lines a value goes on to, and a licence table's keys
    ("pyproject.toml", '[project]\nlicense-files = [\n  "LICENSE",  # ours\n  "NOTICE",  # theirs\n]\nx = 1  # no\n',
     ["ours", "theirs"]),
    ("pyproject.toml", '[project.license]\ntext = "MIT"  # a\n[tool.x]\ny = 1  # b\n', ["a"]),
    ("pyproject.toml", '[project]\nclassifiers = [\n  "License :: OSI Approved :: MIT License",  # c\n  "Typing :: Typed",  # d\n]\n',
     ["c"]),
    ("Cargo.toml", '[package]\nlicense = "MIT OR Apache-2.0" # dual\n', ["dual"]),
    # setup.cfg: whole-line comments; text after "#" on the value's line is the value (configparser)
    ("setup.cfg", "[metadata]\n; above\nlicense = MIT  # value\nclassifiers =\n    License :: OSI Approved\n", ["above"]),
    ("setup.py", 'setup(\n    # the licence\n    license="MIT",  # SPDX\n    version="1",  # no\n)\n', ["the licence", "SPDX"]),
    ("x.gemspec", "Gem::Specification.new do |s|\n  s.licenses = ['MIT'] # ok\nend\n", ["ok"]),
    ("pom.xml", "<project><!-- a --><licenses><!-- b --><license><name>MIT</name><!-- c --></license></licenses>"
                "<!-- d --><name>x</name></project>", ["a", "b", "c"]),
    ("x.nuspec", "<package><metadata><!-- e --><licenseUrl>https://x.org/l</licenseUrl></metadata></package>", ["e"]),
    ("package.json", '{"license": "MIT"}', []),
    # JSON: a "//" key next to the licence's, not one elsewhere
    ("package.json", '{"//": "a", "license": "MIT", "//": ["b"], "name": "x", "//": "c"}', ["a", "b"]),
    ("package.json", '{"license": "MIT",', []),
    ("pom.xml", "<project><licenses>", []),  # unreadable: the fields say so
])
def test_manifest_licence_comments_are_those_on_a_declaration(path, text, comments):
    assert lf.manifest_licence_comments(path, text) == comments


def test_classifier_to_text():
    assert lf.classifier_to_text("License :: OSI Approved :: MIT License") == "MIT License"
    assert lf.classifier_to_text("MIT") == "MIT"


def test_readme_license_section_markdown_and_rst():
    md = "# Tool\n\nDoes things.\n\n## Licence\n\nReleased under the MIT License.\n\n## Thanks\n\nPeople.\n"
    assert lf.readme_license_section(md) == "Released under the MIT License."
    rst = "Tool\n====\n\nText.\n\nLicense\n-------\n\nBSD 3-Clause.\n\nAuthors\n-------\n\nMe\n"
    assert lf.readme_license_section(rst) == "BSD 3-Clause."
    assert lf.readme_license_section("# Tool\n\nNo such section.\n") is None


def test_header_prefilter_and_spdx_identifiers():
    head = "#!/usr/bin/env python\n# SPDX-License-Identifier: Apache-2.0 OR MIT\nimport os\n"
    assert lf.header_has_license_keywords(head)
    assert lf.spdx_identifiers(head) == ["Apache-2.0 OR MIT"]
    assert lf.spdx_identifiers("/* SPDX-License-Identifier: GPL-2.0-only */\n") == ["GPL-2.0-only"]
    assert lf.spdx_identifiers("<!-- SPDX-License-Identifier: MIT -->") == ["MIT"]
    assert not lf.header_has_license_keywords("import os\n\ndef f():\n    return 1\n")
    assert lf.file_head("a\nb\nc\nd", 2) == "a\nb"


def test_notice_head_reads_to_the_end_of_its_comment():
    block = "/*\n" + "".join(f" * line {i}\n" for i in range(40)) + " */\nint x;\n"
    assert lf.notice_head(block, 30).splitlines()[-1] == " */"
    hashes = "".join(f"# line {i}\n" for i in range(35)) + "import os\n# later\n"
    assert lf.notice_head(hashes, 30).splitlines()[-1] == "# line 34"
    assert len(lf.notice_head("x = 1\n" * 40, 30).splitlines()) == 30
    # A notice in a module docstring, and a notice paragraph of plain text, read to their ends.
    docstring = '"""Module.\n\n' + "".join(f"licence line {i}\n" for i in range(40)) + '"""\nimport os\n'
    assert lf.notice_head(docstring, 30).splitlines()[-1] == '"""'
    prose = "Tool\n\n" + "".join(f"License line {i}\n" for i in range(40)) + "\nmore text\n"
    assert lf.notice_head(prose, 30).splitlines()[-1] == "License line 39"
    assert len(lf.notice_head("/* a */\n" + "code\n" * 40, 30).splitlines()) == 30
    endless = "/*\n" + " * more\n" * 500
    assert len(lf.notice_head(endless, 30).splitlines()) == lf.HEAD_GROWTH * 30
    includes = "#include <a.h>\n" * 40
    assert len(lf.notice_head(includes, 30).splitlines()) == 30  # preprocessor lines are no comment


@pytest.mark.parametrize(
    "text, first, last, bounds",
    [('x = 1\n"""doc\n\nmore\nCopyright\n"""\ny', 4, 4, (1, 5)),  # a docstring, from its quotes to its quotes
     ("int a;\n/*\n text\n\n Copyright\n MIT\n*/\nint b;", 4, 5, (1, 6)),  # a block comment, no marker per line
     ("code\n# a\n# b\n#\n# Copyright\ncode", 4, 4, (1, 4)),  # a run of line comments
     ("code\nCopyright\ncode", 1, 1, (1, 1))],  # no comment
)
def test_comment_bounds(text, first, last, bounds):
    assert lf.comment_bounds(text.split("\n"), first, last) == bounds
