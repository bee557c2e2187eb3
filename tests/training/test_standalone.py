"""``training/`` stands on its own: no Beam on a torchrun rank, its own I/O layer, remote run directories."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import fsspec
import pytest

from pipeline.config import load_config
from training import io as tio
from training.checkpoint import latest_checkpoint, load_for_inference
from training.trainer import run_training

from .conftest import REPO, subprocess_env

# The two modules that turn a pipeline config into a training run; nothing else in training/ may import it.
PIPELINE_ALLOWED = {"cli.py", "submit.py"}


def test_only_the_cli_and_submission_import_the_pipeline():
    offenders = []
    for path in sorted((REPO / "training").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n == "pipeline" or n.startswith("pipeline.") for n in names) and path.name not in PIPELINE_ALLOWED:
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def test_trainer_data_and_model_import_without_beam():
    code = ("import sys, training.trainer, training.data, training.model, training.checkpoint; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('apache_beam', 'pipeline')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=subprocess_env(),
                         cwd=REPO, timeout=120, check=True)
    assert out.stdout.strip() == "[]"


def test_io_writes_lists_and_reads_through_fsspec(tmp_path):
    for base in (str(tmp_path / "local"), "memory://io-test", f"file://{tmp_path}/url"):
        tio.write_json(tio.join(base, "a", "x.json"), {"k": 1})
        tio.append_text(tio.join(base, "log.jsonl"), "1\n")
        tio.append_text(tio.join(base, "log.jsonl"), "2\n")
        assert tio.read_json(tio.join(base, "a", "x.json")) == {"k": 1}
        assert tio.read_text(tio.join(base, "log.jsonl")) == "1\n2\n"
        assert tio.list_dir(base) == ["a", "log.jsonl"]  # no temporary files left beside them
        tio.move(tio.join(base, "a"), tio.join(base, "b"))
        assert tio.list_dir(base) == ["b", "log.jsonl"] and tio.isfile(tio.join(base, "b", "x.json"))
        tio.remove_tree(tio.join(base, "b"))
        assert not tio.exists(tio.join(base, "b"))
    fsspec.filesystem("memory").rm("/io-test", recursive=True)


@pytest.mark.timeout(180)
@pytest.mark.usefixtures("one_thread")
def test_a_run_in_an_fsspec_filesystem_saves_and_resumes_exactly(tmp_path, counting_release, make_config):
    """A ``memory://`` run directory (what ``gs://`` would be) checkpoints, resumes and matches a straight run."""
    schedule = {"lr": 3e-3, "warmup_steps": 2, "decay_steps": 8}  # fixed, so max_steps may change on resume
    straight = make_config(tmp_path / "a.yaml", tmp_path / "straight", counting_release, max_steps=8,
                           checkpoint={"every_steps": 4, "keep_last": 1}, optimizer=schedule)
    run_training(load_config(straight).train)
    expected = [json.loads(line) for line in (tmp_path / "straight" / "train" / "metrics.jsonl").read_text().splitlines()]

    remote = "memory://runs/remote-test"
    path = make_config(tmp_path / "b.yaml", tmp_path / "unused", counting_release, max_steps=4,
                       checkpoint={"every_steps": 4, "keep_last": 1}, optimizer=schedule, run_dir=remote)
    try:
        run_training(load_config(path).train)
        assert latest_checkpoint(tio.join(remote, "checkpoints")).endswith("step-00000004")
        run_training(load_config(path, {"train.max_steps": 8}).train, resume=True)
        got = [json.loads(line) for line in tio.read_text(tio.join(remote, "metrics.jsonl")).splitlines()]
        def losses(records):  # the first run also evaluated at its last step, 4: compare training losses
            return [(r["step"], r["loss"]) for r in records if "loss" in r]

        assert losses(got) == losses(expected) and len(losses(got)) == 8  # bit for bit across save and resume
        assert tio.list_dir(tio.join(remote, "checkpoints")) == ["latest", "step-00000008"]  # pruned to keep_last
        assert tio.read_bytes(tio.join(remote, "loss.png"))[:4] == b"\x89PNG"
        model, cfg, _ = load_for_inference(remote)
        assert cfg.d_model == 64 and not model.training
        assert not Path(tmp_path / "unused").exists()  # nothing went to the local output_dir
    finally:
        fsspec.filesystem("memory").rm("/runs", recursive=True)
