"""The DedupExact stage (pipeline/stages/dedup_exact.py) on the offline runner, with counters checked."""

from __future__ import annotations

import apache_beam as beam
from apache_beam.testing.util import assert_that, equal_to

from pipeline import records
from pipeline.stages.dedup_exact import DedupExact
from tests.fakes.records import doc, run_counted
from tests.fakes.repos import PY_MODULE


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

    counters = run_counted(build)["DedupExact"]
    assert counters["seen"] == 10 and counters["rejected.exact_duplicate"] == 5
