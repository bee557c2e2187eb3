"""The ReadRepositories stage (pipeline/stages/read_repositories.py) on the offline runner, with counters checked."""

from __future__ import annotations

import apache_beam as beam
from apache_beam.testing.util import assert_that, equal_to

from pipeline.config import Limits, LocalSource
from pipeline.stages.read_repositories import ReadRepositories
from tests.fakes.records import run_counted
from tests.fakes.repos import make_local_tree


def test_read_repositories(tmp_path):
    root = make_local_tree(tmp_path / "repos")

    def build(p):
        out = p | ReadRepositories([LocalSource(path=str(root))], Limits())
        assert_that(out["kept"] | beam.Map(lambda r: (r["repo"], r["path"], r["source"])), equal_to([
            ("octo/alpha", "LICENSE", "github"), ("octo/alpha", "blob.c", "github"),
            ("octo/alpha", "notes.md", "github"), ("octo/alpha", "pkg/util.py", "github"),
            ("octo/alpha", "web.js", "github"), ("beta", "src/main.go", "local"),
            ("beta", "gen/api_pb2.py", "local"), ("beta", "data.bin", "local"),
            ("copy-b", "pkg/util.py", "local"), ("copy-b", "README.rst", "local"),
        ]), label="kept")
        assert_that(out["rejected"] | beam.Map(lambda r: (r["repo"], r["path"], r["reason"])),
                    equal_to([("stray.txt", "stray.txt", "not_a_repository")]), label="rejected")

    counters = run_counted(build)["ReadRepositories"]
    assert counters["seen"] == 11 and counters["kept"] == 10 and counters["rejected.not_a_repository"] == 1
    assert counters["repositories"] == 3


def test_read_repositories_rejects_with_rows(tmp_path):
    (tmp_path / "repos" / "r").mkdir(parents=True)
    (tmp_path / "repos" / "r" / "big.py").write_bytes(b"x" * 500)
    (tmp_path / "repos" / "broken.zip").write_bytes(b"garbage" * 10)
    def build(p):
        out = p | ReadRepositories([LocalSource(path=str(tmp_path / "repos"))], Limits(max_file_bytes=100))
        assert_that(out["rejected"] | beam.Map(lambda r: (r["repo"], r["path"], r["reason"], r["size_bytes"])),
                    equal_to([("r", "big.py", "file_too_large", 500), ("broken", "broken.zip", "corrupt_archive", 0)]))
        # Rejected unread: no hash of bytes that were never read.
        assert_that(out["rejected"] | beam.Map(lambda r: r["sha256"]), equal_to(["", ""]), label="NoFakeHash")

    counters = run_counted(build)["ReadRepositories"]
    assert counters["rejected.file_too_large"] == 1 and counters["rejected.corrupt_archive"] == 1
