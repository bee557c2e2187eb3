"""Two-process DDP on CPU (gloo) under torchrun: lockstep training, one checkpoint, world-size check."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.usefixtures("one_thread")


@pytest.mark.timeout(300)
def test_torchrun_two_process_gloo_ddp(tmp_path, counting_release, make_config, cli):
    incoder, env = cli
    config = make_config(tmp_path / "c.yaml", tmp_path / "out", counting_release, max_steps=12, num_workers=1,
                         checkpoint={"every_steps": 6, "keep_last": 2}, eval={"every_steps": 6, "batches": 2})
    run = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2",
           "-m", "pipeline.cli", "train", "--config", str(config)]
    result = subprocess.run(run, env=env, capture_output=True, text=True, timeout=280)
    assert result.returncode == 0, result.stderr[-3000:]
    out = tmp_path / "out" / "train"
    summary = json.loads((out / "summary.json").read_text())
    assert summary["steps"] == 12 and summary["world_size"] == 2
    records = [json.loads(line) for line in (out / "metrics.jsonl").read_text().splitlines()]
    train = [r for r in records if "loss" in r]
    assert [r["step"] for r in train] == list(range(1, 13))  # written once, by rank 0
    assert train[-1]["tokens"] == 12 * 2 * 4 * 32  # steps x ranks x micro-batch x seq_len
    assert train[-1]["loss"] < train[0]["loss"]
    ckpt = out / "checkpoints" / "step-00000012"
    assert json.loads((ckpt / "meta.json").read_text())["world_size"] == 2
    assert sorted(p.name for p in (ckpt / "rng").iterdir()) == ["rank-00000.pt", "rank-00001.pt"]
    # Resuming with another number of processes is refused with the reason.
    single = subprocess.run([*incoder, "train", "--config", str(config), "--resume", "--set", "train.max_steps=14"],
                            env=env, capture_output=True, text=True, timeout=120)
    assert single.returncode == 2 and "number of processes" in single.stderr
