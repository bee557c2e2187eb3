"""The python-env source (pipeline/sources/python_env.py): distributions, host licences, the stdlib,
vendored copies."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.config import Limits, PythonEnvSource
from pipeline.sources import caps_from, python_env, read_entry
from tests.fakes.repos import summary

CAPS = caps_from(Limits())


def _fake_dist(site: Path, name: str, version: str, files: dict[str, bytes], metadata: str) -> None:
    info = f"{name}-{version}.dist-info"
    files = {**files, f"{info}/METADATA": metadata.encode(), f"{info}/WHEEL": b"Wheel-Version: 1.0\n"}
    for rel, data in files.items():
        target = site / rel
        if rel.startswith("../"):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    record = "".join(f"{rel},sha256=x,{len(data)}\n" for rel, data in files.items()) + f"{info}/RECORD,,\n"
    (site / info / "RECORD").write_text(record)


def test_python_env_distribution(tmp_path):
    site = tmp_path / "site-packages"
    _fake_dist(site, "demo_pkg", "1.0", {
        "demo_pkg/__init__.py": b"from .core import run\n",
        "demo_pkg/core.py": b"def run():\n    return 1\n",
        "demo_pkg/__pycache__/core.cpython-311.pyc": b"\x00\x01",
        "../../bin/demo": b"#!/bin/sh\n",
        "demo_pkg-1.0.dist-info/licenses/LICENSE": b"MIT License\n",
        "demo_pkg-1.0.dist-info/licenses/vendor/NOTICE": b"Notice\n",
        "demo_pkg-1.0.dist-info/COPYING.txt": b"copying\n",
    }, "Metadata-Version: 2.4\nName: demo_pkg\nVersion: 1.0\nLicense-Expression: MIT\n")
    _fake_dist(site, "other", "2.0", {"other.py": b"x = 1\n"},
               "Metadata-Version: 2.1\nName: other\nVersion: 2.0\n"
               "Classifier: License :: OSI Approved :: GNU General Public License v3 (GPLv3)\n")
    entries = python_env.list_entries(PythonEnvSource(path=str(site)))
    assert [e["repo"] for e in entries] == ["demo_pkg-1.0", "other-2.0"]
    assert [e["repo"] for e in python_env.list_entries(PythonEnvSource(path=str(site), include=["Demo-Pkg"]))] == ["demo_pkg-1.0"]
    assert [e["repo"] for e in python_env.list_entries(PythonEnvSource(path=str(site), exclude=["demo*"]))] == ["other-2.0"]
    entry = entries[0]
    events = list(read_entry(entry, CAPS))
    files = sorted(e.path for e in events if e.kind == "file")
    assert files == ["COPYING.txt", "LICENSE", "LICENSES/vendor/NOTICE", "PKG-INFO", "demo_pkg/__init__.py", "demo_pkg/core.py"]
    assert summary(events)[("skip", "outside_root")] == 1
    assert summary(events)[("skip", "bytecode")] == 1
    assert summary(events)[("skip", "package_metadata")] == 2  # WHEEL, RECORD
    assert entry["meta"]["host_license"] == "MIT"
    other = entries[1]
    list(read_entry(other, CAPS))
    assert other["meta"]["host_license"] == "GPL-3.0-only"


@pytest.mark.parametrize(
    ("metadata", "expected"),
    [
        ("License-Expression: Apache-2.0 OR MIT\nLicense: whatever", "Apache-2.0 OR MIT"),
        ("License: BSD-3-Clause", "BSD-3-Clause"),
        ("License: MIT License", "MIT"),
        ("License: UNKNOWN\nClassifier: License :: OSI Approved :: MIT License", "MIT"),
        ("License: BSD\nClassifier: License :: OSI Approved :: BSD License", "BSD-3-Clause"),
        ("Classifier: License :: OSI Approved :: Apache Software License\n"
         "Classifier: License :: OSI Approved :: BSD License", "Apache-2.0 OR BSD-3-Clause"),
        ("License: Copyright (c) 2020 Someone. All rights reserved. Redistribution and use in source", None),
        ("Classifier: License :: OSI Approved :: GNU Lesser General Public License v3 or later (LGPLv3+)", "LGPL-3.0-or-later"),
        ("Name: nothing", None),
    ],
)
def test_host_license(metadata, expected):
    assert python_env.host_license(metadata + "\n") == expected


def test_python_env_of_this_interpreter_finds_pip_vendored_copies():
    entries = python_env.list_entries(PythonEnvSource(include=["pip"]))
    assert len(entries) == 1 and entries[0]["repo"].startswith("pip-")
    paths = [e.path for e in read_entry(entries[0], CAPS) if e.kind == "file"]
    assert any(p.startswith("pip/_vendor/") for p in paths)
    assert "PKG-INFO" in paths


def test_python_env_stdlib_entry():
    entries = python_env.list_entries(PythonEnvSource(include=["pip"], include_stdlib=True))
    stdlib = entries[-1]
    assert stdlib["kind"] == "stdlib" and stdlib["repo"].startswith("python-stdlib-3.")
    assert stdlib["meta"]["host_license"] == "PSF-2.0"
    assert os.path.isfile(os.path.join(stdlib["location"], "os.py"))


def test_python_env_extensions_and_licence_files_first(tmp_path):
    site = tmp_path / "site-packages"
    _fake_dist(site, "big", "1.0", {
        "big/a.py": b"a = 1\n" * 50,
        "big/data.json": b"{}\n",
        "big/z.py": b"z = 1\n" * 50,
        "big-1.0.dist-info/LICENSE": b"MIT License\n",
    }, "Metadata-Version: 2.4\nName: big\nVersion: 1.0\nLicense-Expression: MIT\n")
    entry = python_env.list_entries(PythonEnvSource(path=str(site), extensions=[".py"]))[0]
    events = list(read_entry(entry, CAPS))
    assert [e.path for e in events if e.kind == "file"] == ["LICENSE", "PKG-INFO", "big/a.py", "big/z.py"]
    assert summary(events)[("skip", "extension_not_selected")] == 1
    # A per-repository byte cap still keeps the licence evidence, read first.
    capped = caps_from(Limits(max_repo_bytes=400))
    events = list(read_entry(python_env.list_entries(PythonEnvSource(path=str(site), extensions=[".py"]))[0], capped))
    assert [e.path for e in events if e.kind == "file"] == ["LICENSE", "PKG-INFO", "big/a.py"]
