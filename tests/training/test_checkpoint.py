"""Exact resume: a run killed with SIGKILL and resumed logs the same loss at every step, bit for bit."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("one_thread")


def _losses(run: Path) -> dict[int, float]:
    records = [json.loads(line) for line in (run / "metrics.jsonl").read_text().splitlines()]
    return {r["step"]: r["loss"] for r in records if "loss" in r}


@pytest.mark.timeout(300)
def test_sigkill_then_resume_is_bit_identical(tmp_path, counting_release, make_config, cli):
    incoder, env = cli
    # Two DataLoader workers and dropout: the cursor, worker rotation and RNG states all matter.
    settings = dict(max_steps=80, num_workers=2, model={"d_model": 64, "n_layers": 2, "n_heads": 4, "d_ff": 128,
                                                          "max_seq_len": 256, "dropout": 0.1},
                    checkpoint={"every_steps": 15, "keep_last": 2}, eval={"every_steps": 50, "batches": 2})
    straight = make_config(tmp_path / "a.yaml", tmp_path / "a", counting_release, **settings)
    subprocess.run([*incoder, "train", "--config", str(straight)], env=env, check=True, capture_output=True)

    killed = make_config(tmp_path / "b.yaml", tmp_path / "b", counting_release, **settings)
    proc = subprocess.Popen([*incoder, "train", "--config", str(killed)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    latest = tmp_path / "b" / "train" / "checkpoints" / "latest"
    deadline = time.monotonic() + 200
    while not (latest.exists() and latest.read_text().strip() >= "step-00000030"):
        assert proc.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    killed_at = max(_losses(tmp_path / "b" / "train"))
    assert killed_at < 80, "the run finished before the kill"
    subprocess.run([*incoder, "train", "--config", str(killed), "--resume"], env=env, check=True, capture_output=True)

    a, b = _losses(tmp_path / "a" / "train"), _losses(tmp_path / "b" / "train")
    assert sorted(a) == sorted(b) == list(range(1, 81))
    assert all(a[s] == b[s] for s in a), [s for s in a if a[s] != b[s]][:5]  # exact float equality
    summary = json.loads((tmp_path / "b" / "train" / "summary.json").read_text())
    assert summary["steps"] == 80
