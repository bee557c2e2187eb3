"""The WriteDocuments stage and part publishing (pipeline/stages/write_documents.py)."""

from __future__ import annotations

import apache_beam as beam

from pipeline.config import OutputConfig
from pipeline.stages.write_documents import WriteDocuments, part_name, publish_parts
from tests.fakes.records import doc, run_counted
from tests.fakes.repos import read_parts


def test_write_documents_is_deterministic_and_writes_empty_shards(tmp_path):
    docs = [doc(f"m{i}.py", f"x = {i}\n") for i in range(30)]
    out = OutputConfig(num_shards=5, row_group_size=4)

    def write(directory, rows):
        def build(p):
            _ = p | beam.Create(rows) | WriteDocuments(str(directory), out)
        return run_counted(build)

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
