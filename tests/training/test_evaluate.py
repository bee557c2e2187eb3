"""The evaluation with a real (tiny, random) model: all three methods, summary shape, the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from safetensors.torch import save_file

from pipeline.cli import main
from training.evaluate import METHODS, EvalOptions, evaluate_tasks, model_completers, summarize
from training.humaneval_tasks import build_tasks, load_problems, subsample
from training.model import ModelConfig, Transformer


def write_checkpoint(directory: Path) -> Path:
    """A checkpoint directory as training writes it, with a tokenizer trained on HumanEval's text."""
    from tokenizer.spm import train_model

    proto = train_model([p["prompt"] + p["canonical_solution"] for p in load_problems().values()], 1000)
    torch.manual_seed(0)
    model = Transformer(ModelConfig(vocab_size=1000, d_model=32, n_layers=2, n_heads=4, d_ff=64, max_seq_len=512))
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "model_config.json").write_text(model.cfg.model_dump_json())
    save_file({k: v for k, v in model.state_dict().items() if k != "lm_head.weight"}, str(directory / "model.safetensors"))
    (directory / "tokenizer.model").write_bytes(proto)
    (directory / "meta.json").write_text(json.dumps({"step": 1}))  # marks the checkpoint complete
    return directory


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory) -> Path:
    return write_checkpoint(tmp_path_factory.mktemp("run") / "checkpoints" / "step-00000001")


@pytest.mark.timeout(300)
def test_tiny_model_all_methods(checkpoint):
    from training.infill import load_model

    model, tokenizer = load_model(str(checkpoint))
    problems = load_problems()
    tasks = subsample(build_tasks(problems, "single-line"), 2) + subsample(build_tasks(problems, "multi-line"), 2)
    options = EvalOptions(max_new_tokens=6, num_candidates=2)
    completers = model_completers(model, tokenizer, list(METHODS), options)
    results = evaluate_tasks(tasks, completers, workers=2)
    assert len(results) == len(tasks) * 3
    assert {r.method for r in results} == set(METHODS)
    for row in results:
        assert row.status in ("passed", "failed", "timeout", "killed")
        if row.method.startswith("lr-"):
            assert row.completion.count("\n") < next(t.num_lines for t in tasks if t.task_id == row.task_id)
    summary = summarize(results)
    for kind in ("single-line", "multi-line"):
        for method in METHODS:
            cell = summary[kind][method]
            assert cell["tasks"] == 2 and 0 <= cell["pass_rate"] <= 100 and 0 <= cell["exact_match"] <= 100
    # Greedy methods are reproducible.
    again = evaluate_tasks(tasks[:1], {"cm": completers["cm"]}, workers=1)
    assert again[0].completion == next(r.completion for r in results if r.method == "cm")


@pytest.mark.timeout(300)
def test_eval_command_writes_results(checkpoint, tmp_path, capsys):
    out = tmp_path / "eval"
    code = main(["eval", "--checkpoint", str(checkpoint.parent.parent), "--task", "humaneval", "--limit", "1",
                 "--methods", "cm,lr-rerank", "--num-candidates", "2", "--max-new-tokens", "4", "--workers", "2",
                 "--out", str(out)])
    assert code == 0
    table = capsys.readouterr().out
    assert "| HumanEval infilling | L-R single | L-R reranking | CM infilling |" in table
    assert "| single-line (pass rate / exact match, 1 tasks) | - |" in table
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert len(rows) == 4 and {r["method"] for r in rows} == {"cm", "lr-rerank"}
    summary = json.loads((out / "summary.json").read_text())
    assert summary["task"] == "humaneval" and set(summary["results"]) == {"single-line", "multi-line"}
    assert (out / "table.md").read_text().strip() == table.strip()


def test_eval_command_rejects_bad_arguments(checkpoint, capsys):
    assert main(["eval", "--checkpoint", str(checkpoint), "--task", "humaneval", "--methods", "beam"]) == 2
    assert "unknown" in capsys.readouterr().err
    assert main(["eval", "--checkpoint", str(checkpoint), "--task", "humaneval", "--limit", "0"]) == 2
