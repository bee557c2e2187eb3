"""Fast path: normalised-text hashes give the verdicts scancode gives."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pipeline.licensing import policy as lp
from pipeline.licensing.build_fastpath import FAST_KEYS
from pipeline.licensing.detect import load_fastpath_table
from pipeline.licensing.fastpath import FastPath, fingerprint, normalize
from pipeline.licensing.scancode_runner import ScancodeRunner, is_reference_only


def scancode_text(key: str) -> str:
    import licensedcode

    raw = (Path(licensedcode.__file__).parent / "data" / "licenses" / f"{key}.LICENSE").read_text()
    return raw.split("---", 2)[2].strip() + "\n"


@pytest.fixture(scope="module")
def fastpath() -> FastPath:
    return FastPath(load_fastpath_table())


@pytest.fixture(scope="module")
def runner() -> ScancodeRunner:
    return ScancodeRunner(timeout_s=60).load()


def scancode_expression(runner: ScancodeRunner, text: str) -> str | None:
    result = runner.scan(text)
    assert result.status == "ok", result.error
    found = {d.expression for d in result.detections if not is_reference_only(d)}
    return " AND ".join(sorted(found)) or None


def test_normalize_ignores_decoration_copyright_title_and_holder():
    plain = scancode_text("bsd-new")
    decorated = (
        "# The BSD 3-Clause License\n#\n# Copyright (c) 2019, Acme Corp.\n# All rights reserved.\n#\n"
        + "".join("# " + line + "\n" for line in plain.splitlines())
    )
    with_holder = plain.replace("the copyright holder", "Acme Corp.").replace("COPYRIGHT HOLDERS", "ACME")
    assert normalize(decorated) == normalize(plain) == normalize(with_holder)
    crlf_bom = "\ufeff" + plain.replace("\n", "\r\n").replace('"', "\u201c")
    assert fingerprint(crlf_bom) == fingerprint(plain)
    assert normalize("Copyright 2020 X\nMIT License\n") == ""
    # Statements of the holders of parts (playwright's Apache appendix): the residue rule reads them.
    assert normalize("Portions Copyright (c) Microsoft Corporation.\nPortions Copyright 2017 Google Inc.\n") == ""
    assert normalize("Portions of the code are under a licence of their own.\n") != ""


# Common licences whose scancode reference text the fast path must answer exactly as scancode does.
REFERENCE_KEYS = ("mit", "bsd-new", "bsd-simplified", "apache-2.0", "isc", "zlib", "gpl-2.0", "gpl-3.0", "lgpl-2.1",
                  "mpl-2.0")

def test_table_covers_the_common_licences(fastpath):
    keys = {entry["key"] for entry in fastpath.table.values()}
    for key in (*REFERENCE_KEYS, "boost-1.0", "unlicense", "lgpl-3.0", "agpl-3.0"):
        assert key in keys, key
    assert keys <= set(FAST_KEYS)
    assert len(fastpath) > 500


def test_short_or_edited_texts_miss(fastpath):
    assert fastpath.match("MIT License") is None
    assert fastpath.match("Licensed under MIT. See LICENSE.") is None
    edited = scancode_text("mit").replace("free of charge", "for a fee of 10 dollars")
    assert fastpath.match(edited) is None


@pytest.mark.parametrize("key", REFERENCE_KEYS)
def test_fast_path_agrees_with_scancode_on_reference_texts(fastpath, runner, key):
    text = "Copyright (c) 2023 Some Holder <someone@example.com>\n\n" + scancode_text(key)
    hit = fastpath.match(text)
    assert hit is not None and hit.key == key
    assert hit.expression == scancode_expression(runner, text)


def test_fast_path_agrees_with_scancode_on_real_texts(shared_data, fastpath, runner):
    """Every fast-path hit on real-world licence files (licensee's fixtures) and on licensecheck's test
    texts is scancode's answer (neutral notices such as a warranty disclaimer aside) and verdict."""
    root = shared_data / "licenses"
    with open(root / "licensee_fixtures" / "labels.csv", newline="") as handle:
        paths = [
            root / "licensee_fixtures" / row["fixture_dir"] / name
            for row in csv.DictReader(handle)
            for name in row["files"].split(";")
        ]
    paths += sorted((root / "licensecheck_testdata" / "bodies").glob("*.txt"))
    policy = lp.LicensePolicy()
    hits = 0
    for path in paths:
        if not path.is_file():
            continue
        text = path.read_text(errors="replace")
        hit = fastpath.match(text)
        if hit is None:
            continue
        hits += 1
        expected = lp.strip_neutral(scancode_expression(runner, text))
        assert hit.expression == expected, path
        assert policy.verdict(hit.expression) == policy.verdict(expected)
    assert hits >= 80


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_committed_table_matches_the_installed_scancode():
    """Regenerating the table from the installed scancode-toolkit gives the committed table (else run
    ``python -m pipeline.licensing.build_fastpath`` after an upgrade)."""
    from pipeline.licensing.build_fastpath import build_table

    table, stats = build_table()
    assert stats["kept"] == len(table) > 500
    assert table == load_fastpath_table()
