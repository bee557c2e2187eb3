"""Repository identity: the source's name and the repository's own entry key document ids and licences."""

from __future__ import annotations

import zipfile

import pytest

from pipeline import records
from pipeline.config import BuildConfig, FilterConfig, Limits
from pipeline.errors import FatalError
from pipeline.sources import check_sources, source_entries, source_name
from pipeline.stages.detect_licenses import repo_key
from pipeline.stages.files_to_documents import convert
from pipeline.stages.read_repositories import ReadRepositoryFn


def make_repo(folder, name: str, archive: bool = False) -> None:
    if archive:
        with zipfile.ZipFile(folder / f"{name}.zip", "w") as zf:
            zf.writestr(f"{name}/x.py", "x = 1\n")
    else:
        (folder / name).mkdir(parents=True)
        (folder / name / "x.py").write_text("x = 1\n")


def build(*sources: dict) -> BuildConfig:
    return BuildConfig.model_validate({"sources": list(sources)})


def read_all(source) -> list[dict]:
    fn = ReadRepositoryFn(Limits())
    return [r for entry in source_entries(source) for r in fn.process(entry) if isinstance(r, dict)]


def test_folder_and_archive_of_one_name_are_two_repositories(tmp_path, caplog):
    make_repo(tmp_path, "proj")
    make_repo(tmp_path, "proj", archive=True)
    make_repo(tmp_path, "solo")
    cfg = build({"kind": "local", "path": str(tmp_path)})
    entries = source_entries(cfg.sources[0])
    name = source_name(cfg.sources[0])
    assert name == f"local:{tmp_path.name}"
    assert [(e["repo"], e["repo_id"]) for e in entries] == [
        ("proj", f"{name}/proj"), ("proj.zip", f"{name}/proj.zip"), ("solo", f"{name}/solo")]
    assert "share the repository name 'proj'" in caplog.text
    rows = read_all(cfg.sources[0])
    ids = {records.document_id(r["source"], records.repo_identity(r), r["path"]) for r in rows}
    docs = {convert(r, FilterConfig(), None)[0]["id"] for r in rows}
    rejected = {records.reject_raw(r, "binary")["id"] for r in rows}
    assert len(rows) == 3 and len(ids) == 3 and docs == ids == rejected
    assert len({repo_key(r) for r in rows}) == 3


def test_two_sources_that_each_hold_utils_never_share(tmp_path):
    for side in ("one", "two"):
        make_repo(tmp_path / side, "utils")
    cfg = build({"kind": "local", "path": str(tmp_path / "one")}, {"kind": "local", "path": str(tmp_path / "two")})
    check_sources(cfg)
    rows = read_all(cfg.sources[0]) + read_all(cfg.sources[1])
    assert [r["repo"] for r in rows] == ["utils", "utils"]
    assert rows[0]["repo_id"] == "local:one/utils" and rows[1]["repo_id"] == "local:two/utils"
    assert repo_key(rows[0]) != repo_key(rows[1])
    assert convert(rows[0], FilterConfig(), None)[0]["id"] != convert(rows[1], FilterConfig(), None)[0]["id"]


def test_sources_of_one_name_fail_with_a_clear_message(tmp_path):
    for side in ("a", "b"):
        make_repo(tmp_path / side / "repos", "utils")
    first, second = ({"kind": "local", "path": str(tmp_path / s / "repos")} for s in ("a", "b"))
    with pytest.raises(FatalError, match=r"sources 1 and 2 are both named 'local:repos'.*distinct `name:`"):
        check_sources(build(first, second))
    named = build(first, {**second, "name": "mirror-b"})
    check_sources(named)
    assert read_all(named.sources[1])[0]["repo_id"] == "mirror-b/utils"


def test_a_raw_file_without_an_identity_keeps_its_name():
    raw = {"source": "local", "repo": "r", "path": "x.py"}
    assert records.repo_identity(raw) == "r" and repo_key(raw) == "local\x00r"
