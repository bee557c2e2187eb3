"""The trainer on a CUDA GPU: nccl under torchrun, bf16 autocast, FSDP2 with activation checkpointing,
torch.compile, resume, and a tiny model that learns to infill. Skipped where no GPU is present.

    pytest -m gpu tests/training/test_gpu.py

One GPU suffices: torchrun starts one process, so the nccl process group, the DDP and FSDP2 wrappers and
the sharded checkpoint path all run as they do on a node. bf16 kernels (flash attention's backward
among them) are not bit-reproducible on GPU, so a resumed run must match the straight run to within
``RESUME_TOLERANCE`` rather than exactly; the bit-identical check is the CPU one (test_checkpoint.py).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import torch

from training.checkpoint import load_for_inference
from training.metrics import PEAK_TFLOPS
from training.synthetic import counting_documents, span_loss

pytestmark = [pytest.mark.gpu, pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")]

RESUME_TOLERANCE = 0.05  # nats: straight and resumed runs' losses at every step
SPAN_THRESHOLD = 1.0  # nats per span token, as in test_learning.py
LEARNING_MODEL = {"d_model": 128, "n_layers": 2, "n_heads": 4, "d_ff": 512, "max_seq_len": 256}
TORCHRUN = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "1",
            "-m", "pipeline.cli", "train"]


def _run(args: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=400)
    assert result.returncode == 0, result.stderr[-4000:]


def _losses(run_dir) -> dict[int, float]:
    return {r["step"]: r["loss"] for r in map(json.loads, (run_dir / "metrics.jsonl").read_text().splitlines())
            if "loss" in r}


def _straight_and_resumed(tmp_path, release, make_config, env, steps: int, **settings):
    """Train ``steps`` in one go (run a) and as half, then ``--resume`` (run b); return both run dirs."""
    a = make_config(tmp_path / "a.yaml", tmp_path / "a", release, max_steps=steps, **settings)
    b = make_config(tmp_path / "b.yaml", tmp_path / "b", release, max_steps=steps, **settings)
    _run([*TORCHRUN, "--config", str(a)], env)
    _run([*TORCHRUN, "--config", str(b), "--set", f"train.max_steps={steps // 2}"], env)
    _run([*TORCHRUN, "--config", str(b), "--resume"], env)
    run_a, run_b = tmp_path / "a" / "train", tmp_path / "b" / "train"
    la, lb = _losses(run_a), _losses(run_b)
    assert sorted(la) == sorted(lb) and max(la) == steps  # the steps logged (every log_every_steps)
    worst = max(abs(la[s] - lb[s]) for s in la)
    print(f"resume: {sum(la[s] == lb[s] for s in la)}/{len(la)} logged losses bit-identical, "
          f"largest difference {worst:.2e}")
    assert worst < RESUME_TOLERANCE
    return run_a, run_b


@pytest.mark.timeout(900)
def test_nccl_ddp_bf16_learns_infilling_and_resumes(tmp_path, counting_release, make_config, cli):
    _, env = cli
    run_a, _ = _straight_and_resumed(
        tmp_path, counting_release, make_config, env, 600, seq_len=64, micro_batch_size=16, model=LEARNING_MODEL,
        optimizer={"lr": 3e-3, "warmup_steps": 30, "end_lr": 3e-4, "decay_steps": 600},
        checkpoint={"every_steps": 300, "keep_last": 2},
        eval={"every_steps": 300, "batches": 4}, log_every_steps=10, parallel={"strategy": "ddp"})
    summary = json.loads((run_a / "summary.json").read_text())
    print(f"ddp: {summary['device']}, {summary['precision']}, {summary['tokens_per_s']:,.0f} tokens/s, "
          f"final loss {summary['final_loss']:.3f}")
    assert summary["strategy"] == "ddp" and summary["precision"] == "bf16" and summary["skipped_steps"] == 0
    assert summary["device"] != "cpu"
    if any(name in summary["device"] for name in PEAK_TFLOPS):
        assert 0 < summary["mfu"] < 1
    model, _, _ = load_for_inference(summary["checkpoint"], device="cuda")
    loss = span_loss(model, counting_documents(40, 123, 320, min_len=40, max_len=64), 64)
    print(f"span loss on GPU-trained model: {loss:.3f} (threshold {SPAN_THRESHOLD})")
    assert loss < SPAN_THRESHOLD


@pytest.mark.timeout(900)
def test_fsdp2_bf16_activation_checkpointing_sharded_resume(tmp_path, counting_release, make_config, cli):
    _, env = cli
    _, run_b = _straight_and_resumed(
        tmp_path, counting_release, make_config, env, 40, seq_len=64, micro_batch_size=16, num_workers=1,
        checkpoint={"every_steps": 10, "keep_last": 2}, eval={"every_steps": 20, "batches": 2},
        optimizer={"lr": 3e-3, "warmup_steps": 5, "decay_steps": 40},
        parallel={"strategy": "fsdp", "activation_checkpointing": True})
    ckpt = run_b / "checkpoints" / "step-00000040"
    assert (ckpt / "dcp").is_dir() and (ckpt / "model.safetensors").is_file()  # sharded + consolidated
    summary = json.loads((run_b / "summary.json").read_text())
    assert summary["strategy"] == "fsdp" and summary["precision"] == "bf16"
    losses = _losses(run_b)
    assert losses[40] < losses[1]  # logged every step (log_every_steps=1)


@pytest.mark.timeout(900)
def test_compiled_single_gpu_run(tmp_path, counting_release, make_config, cli):
    incoder, env = cli
    config = make_config(tmp_path / "c.yaml", tmp_path / "out", counting_release, max_steps=30, seq_len=64,
                         micro_batch_size=16, parallel={"compile": True})
    _run([*incoder, "train", "--config", str(config)], env)
    summary = json.loads((tmp_path / "out" / "train" / "summary.json").read_text())
    assert summary["strategy"] == "single" and summary["precision"] == "bf16" and summary["skipped_steps"] == 0
    losses = _losses(tmp_path / "out" / "train")
    assert losses[30] < losses[1]
