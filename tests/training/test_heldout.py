"""Held-out infilling: the line rule, deterministic tasks, span log-likelihood, intervals, the command."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import torch

from pipeline.cli import main
from tokenizer import heldout as split
from tokenizer import special_tokens as st
from training import heldout
from training.infill import build_infill_prompt

from .test_evaluate import write_checkpoint

CODE = '''import os


def walk(root):
    """Yield files."""
    # every file under root
    for base, dirs, files in os.walk(root):
        for name in files:
            yield os.path.join(base, name)
        if not dirs:
            continue
    return


class Box:
    def __init__(self, items=None):
        self.items = list(items or [])

    def total(self):
        try:
            return sum(self.items)
        finally:
            pass
'''


def _docs(n: int = 6) -> list[dict]:
    return [{"id": f"doc{i}", "repo": f"o/r{i % 3}", "path": f"m{i}.py", "lang": "python", "source": "github",
             "license": "MIT", "content": CODE.replace("walk", f"walk{i}")} for i in range(n)] + [
        {"id": "sh", "repo": "o/r0", "path": "x.sh", "lang": "shell", "source": "github", "license": "MIT",
         "content": "echo hi\n"}]


def test_eligible_lines_rule():
    for line in ["", "   ", "# comment", "    # indented comment", "pass", "    pass", "...", "  )", "]", "}):",
                 "        return", "    else:", "try:", "finally:", "    continue", "break"]:
        assert not heldout.eligible(line), line
    for line in ["x = 1", "    return x", "def f():", "    for a in b:", ")  # closing with a comment", "else_ = 2"]:
        assert heldout.eligible(line), line


def test_tasks_are_deterministic_and_follow_the_rule():
    docs = _docs()
    single = heldout.build_tasks(docs, "single-line", 20, seed=1)
    assert single == heldout.build_tasks(docs, "single-line", 20, seed=1)
    assert single != heldout.build_tasks(docs, "single-line", 20, seed=2)
    assert len(single) == 20 and len({t.problem_id for t in single[:6]}) == 6  # one per document per round
    assert not any(t.problem_id == "sh" for t in single)
    for t in single:
        assert t.num_lines == 1 and heldout.eligible(t.span) and "\n" not in t.span
        assert t.left + t.span + t.right == next(d["content"] for d in docs if d["id"] == t.problem_id)
    multi = heldout.build_tasks(docs, "multi-line", 10, seed=1, max_lines=4)
    for t in multi:
        lines = t.span.split("\n")
        assert 2 <= len(lines) <= 4 and heldout.eligible(lines[0]) and heldout.eligible(lines[-1])
    short = heldout.build_tasks(docs, "single-line", 3, seed=1, context_chars=40)
    assert all(len(t.left) <= 40 and len(t.right) <= 40 for t in short)
    assert all(t.left == "" or t.left.endswith("\n") for t in short)


def test_bootstrap_interval():
    mean, lo, hi = heldout.bootstrap([0.0] * 50 + [100.0] * 50, resamples=2000, seed=0)
    assert mean == 50.0 and 38 < lo < 45 and 55 < hi < 62
    assert heldout.bootstrap([3.0] * 10) == (3.0, 3.0, 3.0)
    assert all(math.isnan(v) for v in heldout.bootstrap([]))


def test_span_log_likelihood_reads_the_true_span(tmp_path):
    from training.infill import load_model

    model, tokenizer = load_model(str(write_checkpoint(tmp_path / "ckpt")))
    task = heldout.build_tasks(_docs(1), "single-line", 1, seed=0)[0]
    span_ids = tokenizer.encode(task.span)
    for reading in ("lr", "cm"):
        mean, count = heldout.span_log_likelihood(model, tokenizer, task, reading, prefix="P")
        assert count == len(span_ids) and mean < 0
        if reading == "cm":
            prompt, _ = build_infill_prompt(tokenizer, ["P" + task.left, task.right], 10_000)
            prompt += [st.mask_id(0)]
        else:
            prompt = [2] + tokenizer.encode("P" + task.left)
        tokens = torch.tensor([prompt + span_ids])
        with torch.no_grad():
            logp = torch.log_softmax(model(tokens)[0], dim=-1)
        expected = sum(logp[len(prompt) - 1 + i, t].item() for i, t in enumerate(span_ids)) / len(span_ids)
        assert mean == pytest.approx(expected, abs=1e-4)


def _release(release: Path) -> None:
    (release / "heldout").mkdir(parents=True)
    data = split.encode_rows([split.row(d) for d in _docs()])
    (release / split.shard_path(0, 1)).write_bytes(data)
    files = [{"path": split.shard_path(0, 1), "sha256": "-", "bytes": len(data), "documents": 7, "repositories": 3,
              "content_bytes": 1}]
    (release / "manifest.json").write_text(json.dumps({"schema_version": 1, "splits": {},
                                                       "heldout": split.manifest_section(files, 0.1, 7)}))


@pytest.mark.timeout(300)
def test_heldout_eval_command(tmp_path, capsys):
    ckpt = write_checkpoint(tmp_path / "run" / "checkpoints" / "step-00000001")
    release = tmp_path / "release"
    _release(release)
    out = tmp_path / "eval"
    assert main(["eval", "--checkpoint", str(ckpt.parent), "--task", "heldout", "--release", str(release),
                 "--limit", "2", "--num-candidates", "2", "--max-new-tokens", "3", "--bootstrap", "200",
                 "--out", str(out)]) == 0
    table = capsys.readouterr().out
    assert "| held-out infilling | L-R single | L-R reranking | CM infilling |" in table
    assert "| single-line exact match %, 2 tasks |" in table and "| multi-line span log-lik. (nats/token), 2 tasks |" in table
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert len(rows) == 2 * 2 * 3
    lr = {(r["task_id"], r["span_loglik"]) for r in rows if r["method"] != "cm"}
    assert len(lr) == 4  # L-R single and reranking read the span the same way
    summary = json.loads((out / "summary.json").read_text())
    cell = summary["results"]["single-line"]["cm"]
    assert cell["tasks"] == 2 and cell["span_loglik"][1] <= cell["span_loglik"][0] <= cell["span_loglik"][2]
    assert (out / "table.md").read_text().strip() == table.strip()
    assert main(["eval", "--checkpoint", str(ckpt.parent), "--task", "heldout-single-line"]) != 0
    assert "needs --release" in capsys.readouterr().err


@pytest.mark.timeout(300)
def test_run_chain_evaluate_step(tmp_path):
    from training.config import EvaluationConfig, TrainConfig
    from training.evaluate import run_configured

    write_checkpoint(tmp_path / "out" / "train" / "checkpoints" / "step-00000001")
    _release(tmp_path / "out" / "release")
    tc = TrainConfig().resolved(str(tmp_path / "out"), 5)
    ecfg = EvaluationConfig(tasks={"heldout-single-line": 2}, methods=["cm", "lr-single"], max_new_tokens=3,
                            bootstrap=50, device="cpu", out_dir=str(tmp_path / "out" / "eval"))
    line = run_configured(ecfg, tc)
    assert line.startswith("heldout-single-line: exact match single-line cm ")
    out = tmp_path / "out" / "eval" / "heldout-single-line"
    assert json.loads((out / "summary.json").read_text())["limit"] == 2
    assert "| held-out infilling | L-R single | CM infilling |" in (out / "table.md").read_text()
    with pytest.raises(ValueError, match="unknown tasks"):
        EvaluationConfig(tasks={"mbpp": 3})
