"""FSDP2 with activation checkpointing on CPU (gloo): sharded checkpoints resume bit-identically."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.usefixtures("one_thread")


def _losses(path) -> dict[int, float]:
    return {r["step"]: r["loss"] for r in map(json.loads, path.read_text().splitlines()) if "loss" in r}


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_fsdp_sharded_checkpoint_resume_matches_straight_run(tmp_path, counting_release, make_config, cli):
    _, env = cli
    run = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2",
           "-m", "pipeline.cli", "train"]
    settings = dict(max_steps=12, num_workers=1, checkpoint={"every_steps": 4, "keep_last": 2},
                    eval={"every_steps": 6, "batches": 2},
                    parallel={"strategy": "fsdp", "activation_checkpointing": True},
                    optimizer={"lr": 3e-3, "warmup_steps": 5, "decay_steps": 12})
    a = make_config(tmp_path / "a.yaml", tmp_path / "a", counting_release, **settings)
    b = make_config(tmp_path / "b.yaml", tmp_path / "b", counting_release, **settings)
    for args in ([*run, "--config", str(a)], [*run, "--config", str(b), "--set", "train.max_steps=6"],
                 [*run, "--config", str(b), "--resume"]):
        result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=280)
        assert result.returncode == 0, result.stderr[-3000:]
    ckpt = tmp_path / "b" / "train" / "checkpoints" / "step-00000012"
    assert (ckpt / "dcp").is_dir() and (ckpt / "model.safetensors").is_file()  # sharded + consolidated
    la, lb = _losses(tmp_path / "a" / "train" / "metrics.jsonl"), _losses(tmp_path / "b" / "train" / "metrics.jsonl")
    assert sorted(la) == sorted(lb) == list(range(1, 13))
    assert all(la[s] == lb[s] for s in la)
