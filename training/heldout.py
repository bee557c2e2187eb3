"""Infilling on held-out repositories: tasks, span log-likelihood, bootstrap intervals, the table.

The release's ``heldout/`` files hold whole repositories that never reached a training shard
(``tokenizer.heldout`` has the split rule). Tasks are sampled from their Python files, like the paper's
HumanEval infilling (InCoder paper section 4.1, Tables 2 and 3), on real code instead:

- ``single-line``: one line is masked; ``multi-line``: 2 to ``max_lines`` (5) consecutive lines, whose
  first and last lines are both eligible;
- a line is *eligible* unless it is blank, a comment only (``#`` after indentation), made only of
  closing brackets and punctuation (``)``, ``]``, ``},``, ``):``), or a bare statement predictable from
  its indentation alone (``pass``, ``...``, ``break``, ``continue``, ``return``, ``else:``, ``try:``,
  ``finally:``); ``TRIVIAL`` below is the list;
- documents are shuffled with ``seed`` and taken in turn, one task per document per round (at most
  ``limit`` tasks per kind), the masked line(s) drawn uniformly among the eligible ones: the same
  release, seed and limit give the same tasks;
- left and right context are the file's text before and after the hole (at most ``context_chars``
  each, cut at a line boundary); the model's window trims further as in ``training.infill``.

Each task is scored per method (L-R single, L-R reranking, CM infilling; ``training.evaluate``) by exact
match (``humaneval_tasks.exact_match``) and by the mean log-likelihood (nats per token) of the *true*
span's tokens: L-R methods read ``<|endoftext|> prefix+left span`` (reranking uses the same model,
so its span likelihood is L-R's), CM reads InCoder's prompt ``... left <|mask:0|> right <|mask:1|>
<|mask:0|> span`` (``<|endofmask|>`` not counted, so both score the same tokens). Cells carry
percentile bootstrap 95% intervals over tasks (``bootstrap`` resamples, seeded).
"""

from __future__ import annotations

import logging
import random
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from tokenizer import special_tokens as st
from training.humaneval_tasks import InfillTask, exact_match

log = logging.getLogger(__name__)

TRIVIAL = frozenset({"pass", "...", "break", "continue", "return", "else:", "try:", "finally:"})
CLOSERS = set(")]},:;")
KINDS = ("single-line", "multi-line")
TASK_SETS = {"heldout-single-line": ("single-line",), "heldout-multi-line": ("multi-line",),
             "heldout": KINDS}
METHOD_LL = {"lr-single": "lr", "lr-rerank": "lr", "cm": "cm"}


def eligible(line: str) -> bool:
    """Whether ``line`` may be (the first or last line of) a hole; the rule in the module docstring."""
    text = line.strip()
    if not text or text.startswith("#") or text in TRIVIAL:
        return False
    return not set(text) <= CLOSERS


def _context(lines: list[str], start: int, end: int, context_chars: int) -> tuple[str, str, str]:
    left = "".join(line + "\n" for line in lines[:start])
    span = "\n".join(lines[start : end + 1])
    right = "\n" + "\n".join(lines[end + 1 :])
    if len(left) > context_chars:
        cut = left.find("\n", len(left) - context_chars)
        left = left[cut + 1 :] if cut >= 0 else left[-context_chars:]
    if len(right) > context_chars:
        cut = right.rfind("\n", 0, context_chars)
        right = right[:cut] if cut > 0 else right[:context_chars]
    return left, span, right


def _holes(lines: list[str], kind: str, max_lines: int) -> list[tuple[int, int]]:
    ok = [i for i, line in enumerate(lines) if eligible(line)]
    if kind == "single-line":
        return [(i, i) for i in ok]
    okset = set(ok)
    return [(i, i + n - 1) for i in ok for n in range(2, max_lines + 1) if i + n - 1 in okset]


def build_tasks(docs: Iterable[Mapping[str, Any]], kind: str, limit: int, seed: int = 0,
                max_lines: int = 5, context_chars: int = 6000, lang: str = "python") -> list[InfillTask]:
    """At most ``limit`` tasks of ``kind`` from the held-out documents of ``lang`` (see the docstring)."""
    if kind not in KINDS:
        raise ValueError(f"unknown task kind {kind!r}; expected one of {KINDS}")
    rng = random.Random(f"heldout-{kind}-{seed}")
    pool = sorted((d for d in docs if d.get("lang") == lang and d.get("content")), key=lambda d: d["id"])
    rng.shuffle(pool)
    candidates = []
    for doc in pool:
        lines = doc["content"].split("\n")
        holes = _holes(lines, kind, max_lines)
        rng.shuffle(holes)
        candidates.append((doc, lines, holes))
    tasks: list[InfillTask] = []
    while len(tasks) < limit and any(h for _, _, h in candidates):
        for doc, lines, holes in candidates:
            if holes and len(tasks) < limit:
                start, end = holes.pop()
                left, span, right = _context(lines, start, end, context_chars)
                tasks.append(InfillTask(task_id=f"{doc['id']}/{kind}/{start}-{end}", problem_id=doc["id"], kind=kind,
                                        start=start, end=end, left=left, span=span, right=right, test="",
                                        entry_point=""))
    return tasks


def span_log_likelihood(model: Any, tokenizer: Any, task: InfillTask, method: str,
                        prefix: str = "") -> tuple[float, int]:
    """(mean log-likelihood in nats per token, tokens) of ``task.span`` under ``lr`` or ``cm`` reading."""
    import torch

    from training.infill import _left_prompt, build_infill_prompt

    span_ids = tokenizer.encode(task.span)
    if not span_ids:
        return 0.0, 0
    span_ids = span_ids[: model.cfg.max_seq_len // 2]
    budget = model.cfg.max_seq_len - len(span_ids)
    if method == "lr":
        prompt = _left_prompt(tokenizer, prefix + task.left, budget)
    elif method == "cm":
        prompt, _ = build_infill_prompt(tokenizer, [prefix + task.left, task.right], budget - 1)
        prompt = prompt + [st.mask_id(0)]
    else:
        raise ValueError(f"unknown reading {method!r}; expected 'lr' or 'cm'")
    device = next(model.parameters()).device
    tokens_1T = torch.tensor([prompt + span_ids], dtype=torch.long, device=device)
    with torch.no_grad():
        logprobs_TV = torch.log_softmax(model(tokens_1T)[0].float(), dim=-1)
    targets_S = tokens_1T[0, len(prompt) :]
    picked_S = logprobs_TV[len(prompt) - 1 : -1].gather(1, targets_S.unsqueeze(1)).squeeze(1)
    return float(picked_S.mean()), len(span_ids)


def bootstrap(values: list[float], resamples: int = 1000, seed: int = 0) -> tuple[float, float, float]:
    """(mean, 2.5th, 97.5th percentile of the bootstrap means): a percentile bootstrap 95% interval."""
    data = np.asarray(values, dtype=np.float64)
    if data.size == 0:
        return float("nan"), float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    means = data[rng.integers(0, data.size, size=(resamples, data.size))].mean(axis=1)
    return float(data.mean()), float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


def summarize(rows: list[Mapping[str, Any]], resamples: int = 1000, seed: int = 0) -> dict[str, Any]:
    """``{kind: {method: {"tasks", "exact_match": [mean, lo, hi] (%), "span_loglik": [mean, lo, hi]}}}``."""
    groups: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for row in rows:
        groups.setdefault((row["kind"], row["method"]), []).append(row)
    out: dict[str, Any] = {}
    for (kind, method), mine in sorted(groups.items()):
        em = bootstrap([100.0 * r["exact_match"] for r in mine], resamples, seed)
        ll = bootstrap([r["span_loglik"] for r in mine if r["span_tokens"]], resamples, seed)
        out.setdefault(kind, {})[method] = {"tasks": len(mine), "exact_match": list(em), "span_loglik": list(ll)}
    return out


def format_table(summary: Mapping[str, Any], methods: Mapping[str, str]) -> str:
    """The paper's table shape (rows: task kind and metric; a column per method), with 95% intervals."""
    lines = ["| held-out infilling | " + " | ".join(methods.values()) + " |", "|---|" + "---|" * len(methods)]
    for kind in KINDS:
        if kind not in summary:
            continue
        tasks = max(cell["tasks"] for cell in summary[kind].values())
        for metric, label, fmt in (("exact_match", "exact match %", "{:.1f}"),
                                   ("span_loglik", "span log-lik. (nats/token)", "{:.3f}")):
            cells = []
            for method in methods:
                cell = summary[kind].get(method)
                if cell is None:
                    cells.append("-")
                    continue
                mean, lo, hi = cell[metric]
                cells.append(f"{fmt.format(mean)} [{fmt.format(lo)}, {fmt.format(hi)}]")
            lines.append(f"| {kind} {label}, {tasks} tasks | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def evaluate(model: Any, tokenizer: Any, tasks: list[InfillTask], completers: Mapping[str, Any],
             prefix: str = "") -> list[dict[str, Any]]:
    """One row per (method, task): completion, exact match, the true span's log-likelihood."""
    cache: dict[tuple[str, str], tuple[float, int]] = {}
    rows = []
    for method, complete in completers.items():
        reading = METHOD_LL[method]
        for n, task in enumerate(tasks, 1):
            completion = complete(task)
            key = (reading, task.task_id)
            if key not in cache:
                cache[key] = span_log_likelihood(model, tokenizer, task, reading, prefix)
            loglik, count = cache[key]
            rows.append({"task_id": task.task_id, "kind": task.kind, "method": method, "completion": completion,
                         "span": task.span, "exact_match": exact_match(completion, task.span),
                         "span_loglik": loglik, "span_tokens": count})
            if n % 50 == 0:
                log.info("%s: %d/%d held-out tasks", method, n, len(tasks))
    return rows
