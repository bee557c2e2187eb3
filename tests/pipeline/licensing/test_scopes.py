"""File scopes (pipeline.licensing.scopes): a licence file that names files or folders under another
licence keeps the main licence for the rest of the folder and gives the named ones their own."""

from __future__ import annotations

import pytest

from pipeline.config import LicenseConfig
from pipeline.licensing import policy as lp
from pipeline.licensing.detect import LicenseDetector
from pipeline.licensing.scancode_data import licence_text
from pipeline.licensing.scopes import matches, scoped_sections
from tests.pipeline.licensing.test_residue import judge

MIT = "Copyright (c) 2019 The ethereum-cryptography contributors\n\n" + licence_text("mit") + "\n"
BSD2 = "Copyright (c) 2005-2007, Nick Galbreath\nAll rights reserved.\n\n" + licence_text("bsd-simplified") + "\n"

# ethereum-cryptography 0.1.3's LICENSE, in its layout: two files named with the licence of the project
# each came from, then the licence of the rest.
ETHEREUM = (
    "bip39-without-wordlist.js is based on bip39, which is released under the\n"
    "ISC license by the Wei Lu and Daniel Cousens. Its license complete license can be found here: "
    "https://github.com/bitcoinjs/bip39/blob/0a0e74eac9f4b753939dd6368984900fdba1975b/LICENSE\n\n"
    "hdkey-without-crypto.js is based on hdkey, which is released under the\n"
    "MIT license by the cryptocoinjs. Its license complete license can be found here: "
    "https://github.com/cryptocoinjs/hdkey/blob/87d5495ac8e4dfe9917ddcebf6788ce69c0695ff/LICENSE\n\n"
    "The rest of the project is released under this license:\n\n" + MIT
)
# librt 0.17.0's LICENSE (mypy's runtime library), in its layout: the main licence first, then files and a
# folder under their own licences, each text below its lead.
LIBRT = (
    "Mypyc runtime library is licensed under the terms of the MIT license, reproduced below.\n\n= = = = =\n\n"
    "The MIT License\n\nCopyright (c) 2025 Mypyc contributors\n\n" + licence_text("mit") + "\n\n= = = = =\n\n"
    "Portions of mypy and mypyc are licensed under different licenses.\nThe files\n"
    "mypyc/lib-rt/pythonsupport.h, mypyc/lib-rt/getargs.c and\n"
    "mypyc/lib-rt/getargsfast.c are licensed under the PSF 2 License, reproduced\nbelow.\n\n= = = = =\n\n"
    + licence_text("python") + "\n\n= = = = =\n\n"
    "Files under lib-rt/base64 are licensed under the following license.\n\n= = = = =\n\n" + BSD2
)
# acorn-node 1.8.2's LICENSE.md, in its layout: the package's Apache-2.0 notice, then folders compiled from
# code under MIT, each with the MIT text quoted and where the source lives.
ACORN = (
    "# [Apache License 2.0](https://spdx.org/licenses/Apache-2.0)\n\nCopyright 2018 Renée Kooi <renee@kooi.me>\n\n"
    + "Licensed under the Apache License, Version 2.0 (the \"License\");\nyou may not use this file except in compliance "
    "with the License.\nYou may obtain a copy of the License at\n\n> http://www.apache.org/licenses/LICENSE-2.0\n\n"
    "Unless required by applicable law or agreed to in writing, software\ndistributed under the License is distributed "
    "on an \"AS IS\" BASIS,\nWITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.\nSee the License "
    "for the specific language governing permissions and\nlimitations under the License.\n\n## acorn-bigint\n\n"
    "The code in the `lib/bigint` folder is compiled from code licensed as MIT:\n\n"
    + "".join(f"> {line}\n" if line else ">\n" for line in ("Copyright (C) 2017-2018 by Adrian Heine\n\n"
                                                              + licence_text("mit")).splitlines())
    + "\nFind the source code at https://github.com/acornjs/acorn-bigint.\n"
)
CODE = "x = 1\n"


@pytest.fixture(scope="module")
def detector() -> LicenseDetector:
    return LicenseDetector(LicenseConfig()).setup()


def test_sections_run_from_their_lead_to_the_next_lead_or_the_rest_of_the_project():
    lines = ETHEREUM.splitlines()
    sections = scoped_sections(lines)
    assert [(s.files, s.licence) for s in sections] == [
        (("bip39-without-wordlist.js",), "ISC license"), (("hdkey-without-crypto.js",), "MIT license")]
    rest = next(i for i, line in enumerate(lines) if line.startswith("The rest of the project"))
    assert sections[0].end < sections[1].start and sections[1].end < rest
    librt = scoped_sections(LIBRT.splitlines())
    assert [(s.files, s.folders, s.licence) for s in librt] == [
        (("mypyc/lib-rt/pythonsupport.h", "mypyc/lib-rt/getargs.c", "mypyc/lib-rt/getargsfast.c"), (), "PSF 2 License"),
        ((), ("lib-rt/base64",), None)]
    assert librt[0].end < librt[1].start and librt[1].end == len(LIBRT.splitlines()) - 1


@pytest.mark.parametrize(
    "lead",
    [
        # a term in what the file came from, or in its holder
        "a.js is based on b for non-commercial use, which is released under the MIT license.",
        "a.js is based on b, which is released under the MIT license by Acme for internal use only.",
        # a rider after the licence's name
        "The files a.js and b.js are licensed under the MIT license for non-commercial use only.",
        # no file named: "the files" of the whole project
        "The files are licensed under the MIT license, reproduced below.",
    ],
)
def test_leads_with_a_term_or_without_a_file_are_no_leads(lead):
    assert scoped_sections([lead, "", "x"]) == []


@pytest.mark.parametrize(
    "rel, files, folders, hit",
    [
        ("lib-rt/getargs.c", ["mypyc/lib-rt/getargs.c"], [], True),  # the package dropped the first folder
        ("mypyc/lib-rt/getargs.c", ["lib-rt/getargs.c"], [], True),
        ("src/bip39-without-wordlist.js", ["bip39-without-wordlist.js"], [], True),
        ("src/other.js", ["bip39-without-wordlist.js"], [], False),
        ("other/getargs.c", ["mypyc/lib-rt/getargs.c"], [], False),
        ("benchmarks/64KB.json", ["benchmarks/*.json"], [], True),
        ("mypyc/lib-rt/base64/codec.c", [], ["lib-rt/base64"], True),
        ("base64/arch/avx2/codec.c", [], ["lib-rt/base64"], True),
        ("lib-rt/other/codec.c", [], ["lib-rt/base64"], False),
        ("base64.c", [], ["lib-rt/base64"], False),
    ],
)
def test_named_paths_are_compared_from_their_ends(rel, files, folders, hit):
    assert matches(rel, files, folders) is hit


def test_named_files_get_their_own_licence_and_the_rest_keeps_the_main_one(detector):
    files = {"LICENSE": ETHEREUM, "src/index.js": CODE, "src/bip39-without-wordlist.js": CODE,
             "src/hdkey-without-crypto.js": CODE}
    decisions = judge(detector, files)
    assert (decisions["src/index.js"].expression, decisions["src/index.js"].verdict) == ("MIT", lp.PERMISSIVE)
    bip39 = decisions["src/bip39-without-wordlist.js"]
    assert (bip39.expression, bip39.verdict) == ("ISC", lp.NOT_PERMISSIVE)  # not one of InCoder's four
    assert bip39.evidence[0]["kind"] == "scope_note" and "bip39" in bip39.evidence[0]["rule"]
    assert decisions["src/hdkey-without-crypto.js"].verdict == lp.PERMISSIVE
    # with ISC allowed, the file is kept under its own licence
    wide = LicenseDetector(LicenseConfig(allow=["MIT", "ISC"])).setup()
    assert judge(wide, files)["src/bip39-without-wordlist.js"].verdict == lp.PERMISSIVE


def test_a_licence_named_without_its_text_follows_name_only(detector):
    strict = LicenseDetector(LicenseConfig(name_only="reject")).setup()
    decisions = judge(strict, {"LICENSE": ETHEREUM, "index.js": CODE, "hdkey-without-crypto.js": CODE})
    assert decisions["index.js"].verdict == lp.PERMISSIVE  # the MIT text is there
    assert decisions["hdkey-without-crypto.js"].verdict == lp.UNKNOWN  # "MIT license", no text


def test_files_and_a_folder_under_the_texts_below_their_leads(detector):
    files = {"LICENSE": LIBRT, "librt/__init__.py": CODE, "lib-rt/getargs.c": CODE, "lib-rt/base64/codec.c": CODE}
    decisions = judge(detector, files)
    assert (decisions["librt/__init__.py"].expression, decisions["librt/__init__.py"].verdict) == ("MIT", lp.PERMISSIVE)
    assert decisions["lib-rt/getargs.c"].verdict == lp.NOT_PERMISSIVE
    assert decisions["lib-rt/getargs.c"].expression.startswith("Python-2.0")
    assert (decisions["lib-rt/base64/codec.c"].expression, decisions["lib-rt/base64/codec.c"].verdict) == (
        "BSD-2-Clause", lp.PERMISSIVE)


@pytest.mark.parametrize(
    "text",
    [
        # a rider after the last section is not confined to the files it names
        ETHEREUM.replace("The rest of the project is released under this license:\n\n", "") + "\n"
        "hdkey-without-crypto.js is based on hdkey, which is released under the MIT license.\n\n"
        "The Software may not be used for commercial purposes.\n",
        LIBRT + "\nThe software may not be used for military purposes.\n",
        # a rider inside a section's text
        LIBRT.replace("Files under lib-rt/base64 are licensed under the following license.\n\n= = = = =\n\n",
                      "Files under lib-rt/base64 are licensed under the following license.\n\n= = = = =\n\n"
                      "No commercial use of this software.\n\n"),
    ],
)
def test_a_section_that_does_not_read_clean_makes_the_text_read_whole(detector, text):
    decisions = judge(detector, {"LICENSE": text, "main.py": CODE})
    assert decisions["main.py"].verdict != lp.PERMISSIVE, decisions["main.py"].evidence


def test_a_section_never_widens_a_folder_that_is_not_permissive(detector):
    text = ("The file src/helper.js is licensed under the MIT license, reproduced below.\n\n" + MIT
            + "\nThe rest of the project is released under this license:\n\n" + licence_text("gpl-3.0"))
    decisions = judge(detector, {"LICENSE": text, "src/helper.js": CODE, "src/main.js": CODE})
    assert decisions["src/main.js"].verdict == lp.NOT_PERMISSIVE
    assert decisions["src/helper.js"].verdict == lp.NOT_PERMISSIVE


def test_folders_compiled_from_code_under_another_licence(detector):
    decisions = judge(detector, {"LICENSE.md": ACORN, "index.js": CODE, "lib/bigint/index.js": CODE})
    assert (decisions["index.js"].expression, decisions["index.js"].verdict) == ("Apache-2.0", lp.PERMISSIVE)
    bigint = decisions["lib/bigint/index.js"]
    assert (bigint.expression, bigint.verdict) == ("MIT", lp.PERMISSIVE) and bigint.evidence[0]["kind"] == "scope_note"
    # where the source lives, with a term: residue
    rider = ACORN.replace("acorn-bigint.\n", "acorn-bigint for non-commercial use.\n")
    assert judge(detector, {"LICENSE.md": rider, "index.js": CODE})["index.js"].verdict != lp.PERMISSIVE


INTL = ("The MIT License (MIT)\n\nCopyright (c) 2013 Andy Earnshaw\n\n" + licence_text("mit") + "\n\n" + "-" * 78 + "\n"
        "Contents of the `locale-data` directory are a modified form of the Unicode CLDR\n"
        "data found at http://www.unicode.org/cldr/data/.  It comes with the following\nlicense.\n\n"
        + licence_text("unicode") + "\n")


def test_a_folder_of_data_under_the_licence_that_follows(detector):
    """intl 1.2.5: the `locale-data` folder is Unicode CLDR data under the Unicode licence (not one of
    InCoder's four), the rest MIT."""
    decisions = judge(detector, {"LICENSE.txt": INTL, "index.js": CODE, "locale-data/json/en.json": "{}\n"})
    assert (decisions["index.js"].expression, decisions["index.js"].verdict) == ("MIT", lp.PERMISSIVE)
    assert decisions["locale-data/json/en.json"].verdict == lp.NOT_PERMISSIVE
