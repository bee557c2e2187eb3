"""One ``TestPipeline`` test (or more) per spine stage, with counters checked."""

from __future__ import annotations

import apache_beam as beam
import pytest
from apache_beam.testing.util import assert_that, equal_to

from pipeline import records
from pipeline.beam_runner import offline_test_pipeline
from pipeline.config import FilterConfig, Limits, LocalSource, OutputConfig
from pipeline.errors import ConfigError
from pipeline.metrics import query_counters
from pipeline.stages.dedup_exact import DedupExact
from pipeline.stages.files_to_documents import FilesToDocuments
from pipeline.stages.filter_quality import FilterQuality
from pipeline.stages.read_repositories import ReadRepositories
from pipeline.stages.write_documents import WriteDocuments, part_name, publish_parts
from tests.pipeline.spine_helpers import PY_MODULE, make_local_tree, read_parts


def _run(build) -> dict:
    p = offline_test_pipeline()
    build(p)
    result = p.run()
    result.wait_until_finish()
    return query_counters(result)


def raw(path: str, data: bytes, repo: str = "r") -> dict:
    return {"source": "local", "repo": repo, "path": path, "data": data, "size_bytes": len(data),
            "stars": None, "pushed_at": None, "host_license": "MIT", "url": None}


def doc(path: str, content: str, repo: str = "r") -> dict:
    return records.make_document(source="local", repo=repo, path=path, content=content, lang="python",
                                 ext=path[path.rfind("."):])


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

    counters = _run(build)["ReadRepositories"]
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

    counters = _run(build)["ReadRepositories"]
    assert counters["rejected.file_too_large"] == 1 and counters["rejected.corrupt_archive"] == 1


def test_files_to_documents():
    inputs = [
        raw("a.py", PY_MODULE.encode()),
        raw("b.py", "# é\n".encode("cp1252") * 20),
        raw("LICENSE", b"MIT License"),
        raw("img.py", b"\x00\x01\x02"),
        raw("proto/x_pb2.py", b"x = 1\n"),
        raw("vendor/lib.js", b"var a = 1;\n"),
        raw("bad.py", bytes(range(128, 256)) * 4),
        {**raw("c.py", b"\xef\xbb\xbfc = 3\n"), "license": "Apache-2.0", "license_evidence": '{"file": "LICENSE"}'},
    ]

    def build(p):
        out = p | beam.Create(inputs) | FilesToDocuments(FilterConfig(skip_vendored=True))
        assert_that(out["kept"] | beam.Map(lambda d: (d["path"], d["lang"], d["ext"], d["license"], d["content"][:5])),
                    equal_to([("a.py", "python", ".py", "MIT", '"""A '), ("b.py", "python", ".py", "MIT", "# é\n#"),
                              ("c.py", "python", ".py", "Apache-2.0", "c = 3")]), label="kept")
        assert_that(out["rejected"] | beam.Map(lambda r: (r["path"], r["reason"], r["content"])), equal_to([
            ("LICENSE", "unsupported_language", None), ("img.py", "binary", None),
            ("proto/x_pb2.py", "generated_path", None), ("vendor/lib.js", "vendored", None),
            ("bad.py", "undecodable", None)]), label="rejected")

    counters = _run(build)["FilesToDocuments"]
    assert counters["seen"] == 8 and counters["kept"] == 3


def test_files_to_documents_languages_allowlist():
    with pytest.raises(ConfigError, match="build.filters.languages"):
        FilesToDocuments(FilterConfig(languages=["pythn"]))

    def build(p):
        out = p | beam.Create([raw("a.py", b"a = 1\n"), raw("b.go", b"package b\n")]) | FilesToDocuments(
            FilterConfig(languages=["go"]))
        assert_that(out["kept"] | beam.Map(lambda d: d["path"]), equal_to(["b.go"]))

    _run(build)


def test_filter_quality():
    docs = [doc("ok.py", PY_MODULE), doc("long.py", "x = [" + "ab," * 3100 + "]\n"),
            doc("gen.py", "# Generated by the protocol buffer compiler.  DO NOT EDIT!\nx = 1\n")]

    def build(p):
        out = p | beam.Create(docs) | FilterQuality(FilterConfig())
        assert_that(out["kept"] | beam.Map(lambda d: d["path"]), equal_to(["ok.py"]), label="kept")
        assert_that(out["rejected"] | beam.Map(lambda r: (r["path"], r["reason"])),
                    equal_to([("long.py", "line_too_long"), ("gen.py", "autogenerated")]), label="rejected")

    counters = _run(build)["FilterQuality"]
    assert counters == {"seen": 3, "kept": 1, "rejected.line_too_long": 1, "rejected.autogenerated": 1,
                        "bytes.seen": sum(d["size_bytes"] for d in docs),
                        "bytes.kept": docs[0]["size_bytes"],
                        "bytes.rejected": docs[1]["size_bytes"] + docs[2]["size_bytes"]}


def test_dedup_exact_keeps_lowest_id():
    copies = [doc("util.py", PY_MODULE, repo=f"r{i}") for i in range(5)]
    reformatted = doc("util.py", PY_MODULE.replace("    ", "\t"), repo="tabs")
    other_ext = records.make_document(source="local", repo="x", path="util.pyi", content=PY_MODULE, ext=".pyi")
    unique = doc("other.py", "y = 2\n")
    twice = [doc("same.py", "z = 3\n", repo="dup"), doc("same.py", "z = 3\n", repo="dup")]
    everything = copies + [reformatted, other_ext, unique] + twice
    winner = min(d["id"] for d in copies + [reformatted])

    def build(p):
        out = p | beam.Create(everything) | DedupExact()
        assert_that(out["kept"] | beam.Map(lambda d: d["id"]),
                    equal_to([winner, other_ext["id"], unique["id"], twice[0]["id"]]), label="kept")
        assert_that(out["rejected"] | beam.Map(lambda r: (r["reason"], r["duplicate_of"])),
                    equal_to([("exact_duplicate", winner)] * 5 + [("duplicate_id", twice[0]["id"])]), label="rejected")

    counters = _run(build)["DedupExact"]
    assert counters["seen"] == 10 and counters["rejected.exact_duplicate"] == 5


def test_write_documents_is_deterministic_and_writes_empty_shards(tmp_path):
    docs = [doc(f"m{i}.py", f"x = {i}\n") for i in range(30)]
    out = OutputConfig(num_shards=5, row_group_size=4)

    def write(directory, rows):
        def build(p):
            _ = p | beam.Create(rows) | WriteDocuments(str(directory), out)
        return _run(build)

    counters = write(tmp_path / "a", docs)["WriteDocuments"]
    write(tmp_path / "b", list(reversed(docs)))
    names = sorted(f.name for f in (tmp_path / "a").iterdir())
    assert names == [part_name(i, 5) for i in range(5)]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    rows = read_parts(tmp_path / "a")
    assert sorted(r["id"] for r in rows) == sorted(d["id"] for d in docs)
    assert counters["kept"] == 30 and counters["lang.python"] == 30 and counters["source.local"] == 30

    write(tmp_path / "empty", [])
    assert len(list((tmp_path / "empty").glob("part-*"))) == 5
    assert read_parts(tmp_path / "empty") == []


def test_publish_replaces_stale_parts(tmp_path):
    final = tmp_path / "documents"
    final.mkdir()
    (final / part_name(0, 3)).write_bytes(b"old")
    (final / part_name(2, 3)).write_bytes(b"old")
    staging = tmp_path / "staging"
    staging.mkdir()
    (staging / part_name(0, 2)).write_bytes(b"new0")
    (staging / part_name(1, 2)).write_bytes(b"new1")
    assert publish_parts(str(staging), str(final)) == 2
    assert sorted(f.name for f in final.iterdir()) == [part_name(0, 2), part_name(1, 2)]
    assert (final / part_name(1, 2)).read_bytes() == b"new1"
