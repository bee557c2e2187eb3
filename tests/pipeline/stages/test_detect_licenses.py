"""``DetectLicenses`` in a TestPipeline, and ``incoder license scan`` on folders and archives."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import apache_beam as beam
import pytest
from apache_beam.testing.util import assert_that, equal_to

from pipeline.beam_runner import offline_test_pipeline
from pipeline.cli import main
from pipeline.config import LicenseConfig
from pipeline.metrics import build_stats
from pipeline.stages.detect_licenses import DetectLicenses


def scancode_text(key: str) -> str:
    import licensedcode

    raw = (Path(licensedcode.__file__).parent / "data" / "licenses" / f"{key}.LICENSE").read_text()
    return raw.split("---", 2)[2].strip() + "\n"


def raw(repo: str, path: str, text: str, host: str | None = None) -> dict:
    data = text.encode()
    return {
        "source": "local",
        "repo": repo,
        "path": path,
        "data": data,
        "size_bytes": len(data),
        "stars": None,
        "pushed_at": None,
        "host_license": host,
        "url": None,
    }


GPL_HEADER = (
    "/*\n * This program is free software; you can redistribute it and/or modify it under the terms\n"
    " * of the GNU General Public License as published by the Free Software Foundation; either\n"
    " * version 2 of the License, or (at your option) any later version.\n */\nint x;\n"
)

FILES = [
    # MIT repository with a vendored GPL folder and one GPL-headed file
    raw("mitrepo", "LICENSE", scancode_text("mit")),
    raw("mitrepo", "src/a.py", "x = 1\n"),
    raw("mitrepo", "src/gpl.c", GPL_HEADER),
    raw("mitrepo", "vendor/gpl/COPYING", scancode_text("gpl-2.0")),
    raw("mitrepo", "vendor/gpl/lib.c", "int y;\n"),
    # no licence anywhere
    raw("bare", "main.py", "print(1)\n"),
    # the host says Apache-2.0 and nothing contradicts it
    raw("hosted", "x.py", "y = 2\n", host="Apache-2.0"),
    # the same repository name from another source is another repository
    raw("bare", "other.py", "z = 3\n"),
]
FILES[-1]["source"] = "github"
FILES[-1]["host_license"] = "MIT"


def run_stage(cfg: LicenseConfig, files: list[dict]):
    pipeline = offline_test_pipeline()
    out = pipeline | beam.Create(files) | DetectLicenses(cfg)
    kept = out["kept"] | "KeptRow" >> beam.Map(
        lambda r: (r["repo"], r["path"], r["license"], json.loads(r["license_evidence"])[0]["method"])
    )
    rejected = out["rejected"] | "RejectedRow" >> beam.Map(
        lambda r: (r["repo"], r["path"], r["reason"], r["license"])
    )
    return pipeline, kept, rejected


@pytest.mark.timeout(300)
def test_detect_licenses_stage():
    pipeline, kept, rejected = run_stage(LicenseConfig(), FILES)
    assert_that(
        kept,
        equal_to(
            [
                ("mitrepo", "LICENSE", "MIT", "fast_path"),
                ("mitrepo", "src/a.py", "MIT", "fast_path"),
                ("hosted", "x.py", "Apache-2.0", "host"),
                ("bare", "other.py", "MIT", "host"),
            ]
        ),
        label="kept",
    )
    assert_that(
        rejected,
        equal_to(
            [
                ("mitrepo", "src/gpl.c", "license_not_permissive", "GPL-2.0-or-later"),
                ("mitrepo", "vendor/gpl/COPYING", "license_not_permissive", "GPL-2.0-only"),
                ("mitrepo", "vendor/gpl/lib.c", "license_not_permissive", "GPL-2.0-only"),
                ("bare", "main.py", "no_license", None),
            ]
        ),
        label="rejected",
    )
    result = pipeline.run()
    result.wait_until_finish()
    stats = build_stats(result)["stages"]["DetectLicenses"]
    assert stats["seen"] == 8 and stats["kept"] == 4 and stats["balanced"]
    assert stats["rejected"] == {"license_not_permissive": 3, "no_license": 1}
    assert stats["license"] == {
        "MIT": 3,
        "Apache-2.0": 1,
        "GPL-2.0-or-later": 1,
        "GPL-2.0-only": 2,
        "none": 1,
    }
    assert stats["dropped_license"] == {"GPL-2.0-or-later": 1, "GPL-2.0-only": 2, "none": 1}


@pytest.mark.timeout(120)
def test_detect_licenses_disabled_passes_through():
    pipeline, kept, rejected = run_stage(LicenseConfig(enabled=False), FILES[5:7])
    assert_that(
        kept,
        equal_to([("bare", "main.py", None, "host"), ("hosted", "x.py", "Apache-2.0", "host")]),
        label="kept",
    )
    assert_that(rejected, equal_to([]), label="rejected")
    result = pipeline.run()
    result.wait_until_finish()
    stats = build_stats(result)["stages"]["DetectLicenses"]
    assert stats["seen"] == 2 and stats["kept"] == 2


def test_rejected_rows_carry_the_evidence():
    pipeline = offline_test_pipeline()
    out = (
        pipeline
        | beam.Create([raw("r", "COPYING", scancode_text("gpl-3.0")), raw("r", "a.py", "x\n")])
        | DetectLicenses(LicenseConfig())
    )
    details = out["rejected"] | beam.Map(
        lambda r: (
            r["path"],
            json.loads(r["detail"])[0]["file"],
            r["content"],
            r["license_evidence"] == r["detail"],
        )
    )
    assert_that(details, equal_to([("COPYING", "COPYING", None, True), ("a.py", "COPYING", None, True)]))
    pipeline.run().wait_until_finish()


# --------------------------------------------------------------------------- incoder license scan


def make_repo(root: Path) -> Path:
    (root / "vendor" / "gpl").mkdir(parents=True)
    (root / "LICENSE").write_text(scancode_text("bsd-new").replace("<organization>", "Acme"))
    (root / "vendor" / "gpl" / "COPYING").write_text(scancode_text("gpl-3.0"))
    (root / "vendor" / "gpl" / "x.c").write_text("int x;\n")
    (root / "main.py").write_text("# SPDX-License-Identifier: BSD-3-Clause\nprint(1)\n")
    return root


def test_license_scan_folder_archive_and_missing(tmp_path, capsys):
    repo = make_repo(tmp_path / "repo")
    archive = tmp_path / "repo.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(repo, arcname="repo-1.0")
    status = main(["license", "scan", str(repo), str(archive), str(tmp_path / "missing"), "--files"])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert status == 1 and len(lines) == 3
    for record in lines[:2]:
        assert record["expression"] == "BSD-3-Clause" and record["verdict"] == "permissive"
        assert record["reason"] is None
        assert record["folders"]["vendor/gpl"] == {"expression": "GPL-3.0-only", "verdict": "not_permissive"}
        assert record["files"] == {"seen": 4, "kept": 2, "rejected": {"license_not_permissive": 2}}
        assert {f["path"] for f in record["differing_files"]} == {"vendor/gpl/COPYING", "vendor/gpl/x.c"}
    assert "error" in lines[2]


def test_license_scan_uses_the_configured_policy(tmp_path, capsys):
    repo = tmp_path / "isc"
    repo.mkdir()
    (repo / "LICENSE").write_text(scancode_text("isc"))
    config = tmp_path / "c.yaml"
    config.write_text(
        "output_dir: out\nbuild:\n  sources: [{kind: local, path: .}]\n  license:\n    allow: [MIT, ISC]\n"
    )
    assert main(["license", "scan", str(repo)]) == 0
    assert main(["license", "scan", str(repo), "--config", str(config)]) == 0
    default, widened = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert default["verdict"] == "not_permissive" and default["reason"] == "license_not_permissive"
    assert widened["verdict"] == "permissive" and widened["expression"] == "ISC"


def test_license_scan_host_license_conflict(tmp_path, capsys):
    repo = tmp_path / "r"
    repo.mkdir()
    (repo / "COPYING").write_text(scancode_text("gpl-2.0"))
    assert main(["license", "scan", str(repo), "--host-license", "MIT"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["verdict"] == "conflict" and record["reason"] == "license_conflict"


def test_license_scan_zip_archive_and_unread_files(tmp_path, capsys):
    import zipfile

    repo = make_repo(tmp_path / "repo")
    (repo / "big.bin").write_bytes(b"x" * 100_000)
    archive = tmp_path / "repo.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(repo.rglob("*")):
            if path.is_file():
                zf.write(path, "repo-main/" + path.relative_to(repo).as_posix())
    config = tmp_path / "c.yaml"
    config.write_text(
        "output_dir: out\nbuild:\n  sources: [{kind: local, path: .}]\n  limits:\n    max_file_bytes: 60000\n"
    )
    assert main(["license", "scan", str(archive), "--config", str(config)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["expression"] == "BSD-3-Clause" and record["files"]["seen"] == 4
    assert record["unread"] == ["big.bin: file_too_large"]


@pytest.mark.timeout(300)
def test_repositories_with_one_name_never_share_a_decision():
    """``proj/`` (MIT) and ``proj.zip`` (GPL) of one source, shown under one name, and ``utils`` of two
    sources: each repository identity gets its own licence decision and its own document ids."""
    from pipeline import records

    def one(repo_id: str, path: str, text: str) -> dict:
        return {**raw("proj", path, text), "repo_id": repo_id}

    files = [
        one("local:a/proj", "LICENSE", scancode_text("mit")),
        one("local:a/proj", "x.py", "x = 1\n"),
        one("local:a/proj.zip", "COPYING", scancode_text("gpl-2.0")),
        one("local:a/proj.zip", "x.py", "x = 1\n"),
        one("local:b/proj", "x.py", "x = 1\n"),  # another source's "proj": no licence of its own
    ]
    pipeline = offline_test_pipeline()
    out = pipeline | beam.Create(files) | DetectLicenses(LicenseConfig())
    kept = out["kept"] | "Kept" >> beam.Map(lambda r: (r["repo_id"], r["path"], r["license"]))
    rejected = out["rejected"] | "Rejected" >> beam.Map(lambda r: (r["id"], r["path"], r["reason"]))
    assert_that(kept, equal_to([("local:a/proj", "LICENSE", "MIT"), ("local:a/proj", "x.py", "MIT")]),
                label="kept")
    ids = {f["repo_id"]: records.document_id("local", f["repo_id"], "x.py") for f in files}
    assert len(set(ids.values())) == 3
    assert_that(rejected, equal_to([
        (records.document_id("local", "local:a/proj.zip", "COPYING"), "COPYING", "license_not_permissive"),
        (ids["local:a/proj.zip"], "x.py", "license_not_permissive"),
        (ids["local:b/proj"], "x.py", "no_license"),
    ]), label="rejected")
    result = pipeline.run()
    result.wait_until_finish()
    stats = build_stats(result)["stages"]["DetectLicenses"]
    assert stats["seen"] == 5 and stats["balanced"]
    assert stats["cache"]["miss"] >= 2  # the two licence texts were read once each
