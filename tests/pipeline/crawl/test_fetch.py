"""The fetch step alone (pipeline/crawl/fetch.py): snapshot methods, size cap, adoption after a kill, and the
Beam stage."""

from __future__ import annotations

import hashlib
import subprocess
import tarfile
from pathlib import Path

import apache_beam as beam
import pytest
from apache_beam.testing.util import assert_that, equal_to

from pipeline.beam_runner import offline_test_pipeline
from pipeline.crawl import github
from pipeline.crawl.config import CrawlConfig
from pipeline.crawl.fetch import FetchSnapshots, fetch_and_record, fetch_repository
from pipeline.crawl.http import HostClient
from pipeline.crawl.store import RawStore
from pipeline.metrics import query_counters
from tests.fakes.forge import FakeForge, crawl_section, github_repo


@pytest.fixture
def forge():
    with FakeForge() as f:
        for i in range(6):
            f.add_github(github_repo(i + 1, f"team/lib{i}"), files={"lib.py": f"N = {i}\n" * (i + 1)})
        yield f


def _setup(tmp_path: Path, forge: FakeForge, **extra):
    cfg = CrawlConfig.model_validate(crawl_section(forge.api_url, **extra))
    store = RawStore(str(tmp_path / "raw"))
    store.open("github")
    return cfg, HostClient(cfg, []), store


def _item(forge: FakeForge, name: str) -> dict:
    return {"key": name.replace("/", "__"), "full_name": name,
            "meta": github.repo_record(forge.github[name], "https://github.com")}


def test_archive_snapshot_is_streamed_with_checksum(tmp_path, forge):
    cfg, client, store = _setup(tmp_path, forge)
    result = fetch_repository(cfg, client, store, _item(forge, "team/lib3"))
    data = Path(store.archive_path("team__lib3")).read_bytes()
    assert result["status"] == "fetched" and data == forge.tarballs["team/lib3"]
    assert result["sha256"] == hashlib.sha256(data).hexdigest() and result["bytes"] == len(data)


def test_size_cap_fails_without_leaving_a_file(tmp_path, forge):
    cfg, client, store = _setup(tmp_path, forge, snapshot={"max_bytes": 50})
    result = fetch_repository(cfg, client, store, _item(forge, "team/lib1"))
    assert result["status"] == "failed" and result["reason"] == "too_large" and not result["transient"]
    assert not list((tmp_path / "raw" / "repos").iterdir())


def test_snapshot_renamed_before_kill_is_adopted_not_downloaded(tmp_path, forge):
    cfg, client, store = _setup(tmp_path, forge)
    Path(store.archive_path("team__lib2")).write_bytes(forge.tarballs["team/lib2"])
    result = fetch_and_record(cfg, client, store, _item(forge, "team/lib2"))
    assert result["status"] == "fetched" and result["adopted"] and result["requests"] == {}
    assert forge.downloads["team/lib2"] == 0
    assert store.results()["team__lib2"]["sha256"] == hashlib.sha256(forge.tarballs["team/lib2"]).hexdigest()


def test_git_snapshot_clones_default_branch_without_git_dir(tmp_path, forge):
    work = tmp_path / "src"
    work.mkdir()
    (work / "app.py").write_text("print('hi')\n")
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q", "-b", "trunk", str(work)], check=True)
    subprocess.run([*git, "-C", str(work), "add", "."], check=True)
    subprocess.run([*git, "-C", str(work), "commit", "-q", "-m", "init"], check=True)
    bare = tmp_path / "bare.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(bare)], check=True)
    cfg, client, store = _setup(tmp_path, forge, snapshot={"method": "git"})
    item = _item(forge, "team/lib0")
    item["meta"].update(clone_url=bare.as_uri(), default_branch="trunk")
    result = fetch_repository(cfg, client, store, item)
    assert result["status"] == "fetched" and result["requests"] == {"git": 1}
    with tarfile.open(store.archive_path("team__lib0")) as tar:
        names = tar.getnames()
    assert "team-lib0/app.py" in names and not any("/.git" in n for n in names)
    item["meta"]["default_branch"] = "no-such-branch"
    item["key"] = "other"
    failed = fetch_repository(cfg.model_copy(update={"retry": cfg.retry.model_copy(update={"max_attempts": 2})}),
                              client, store, item)
    assert failed["status"] == "failed" and failed["reason"] in ("git_clone_failed", "not_found")


@pytest.mark.timeout(120)
def test_fetch_snapshots_stage_counts_and_routes(tmp_path, forge):
    forge.fault("tarball:team/lib5", "404", "404")  # the branch and the repository are gone
    cfg, _, store = _setup(tmp_path, forge)
    items = [_item(forge, f"team/lib{i}") for i in range(6)]
    items[4]["meta"]["fork"] = True  # selection still applies at fetch time
    pipeline = offline_test_pipeline()
    out = pipeline | beam.Create(items) | FetchSnapshots(cfg, store.root)
    assert_that(out["kept"] | "KeptNames" >> beam.Map(lambda r: r["full_name"]),
                equal_to([f"team/lib{i}" for i in range(4)]), label="kept")
    assert_that(out["rejected"] | "RejectedReasons" >> beam.Map(lambda r: (r["full_name"], r["reason"])),
                equal_to([("team/lib4", "fork"), ("team/lib5", "not_found")]), label="rejected")
    result = pipeline.run()
    result.wait_until_finish()
    counters = query_counters(result)["FetchSnapshots"]
    assert counters["seen"] == 6 and counters["kept"] == 4
    assert counters["rejected.not_found"] == 1 and counters["skipped.fork"] == 1
    assert counters["requests.archive"] == 6 and counters["requests.download"] == 4
    assert counters["requests.ref_fallback"] == 1
    assert counters["bytes.kept"] == sum(len(forge.tarballs[f"team/lib{i}"]) for i in range(4))
    assert len(store.marker_paths()) == 6  # every result recorded as it finished


def test_branch_renamed_since_listing_falls_back_to_default_branch(tmp_path, forge):
    cfg, client, store = _setup(tmp_path, forge)
    item = _item(forge, "team/lib4")
    item["meta"]["default_branch"] = "master"  # the listing's branch; the fake answers 404 for it once
    forge.fault("tarball:team/lib4", "404")
    result = fetch_repository(cfg, client, store, item)
    assert result["status"] == "fetched" and result["requests"]["ref_fallback"] == 1
    assert forge.requests["api /repos/team/lib4/tarball"] == 1  # asked again without a ref
    assert Path(store.archive_path("team__lib4")).read_bytes() == forge.tarballs["team/lib4"]
