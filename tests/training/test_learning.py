"""A tiny model learns to infill: loss on the masked-out span tokens falls below 1.0 nat.

Task (training/synthetic.py ``counting_documents``): documents are arithmetic runs of ordinary tokens
with a per-document start and step (1..3) over 56 ordinary ids. A masked span is determined by the
tokens around it, so a model that learned to infill predicts the span tokens in the tail almost
surely; a model that did not is near ln(56) = 4.0 nats. Threshold: mean loss on span tokens < 1.0.
"""

from __future__ import annotations

import pytest

from pipeline.config import load_config
from training.checkpoint import load_for_inference
from training.synthetic import counting_documents, span_loss
from training.trainer import run_training

pytestmark = pytest.mark.usefixtures("one_thread")

THRESHOLD = 1.0  # nats per span token


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_tiny_model_learns_to_infill(tmp_path, counting_release, make_config):
    cfg = load_config(make_config(
        tmp_path / "c.yaml", tmp_path / "out", counting_release, max_steps=600, seq_len=64, micro_batch_size=16,
        model={"d_model": 128, "n_layers": 2, "n_heads": 4, "d_ff": 512, "max_seq_len": 256},
        optimizer={"lr": 3e-3, "warmup_steps": 30, "end_lr": 3e-4}, checkpoint={"every_steps": 0, "keep_last": 1},
        eval={"every_steps": 0, "batches": 4}, log_every_steps=50))
    summary = run_training(cfg.train)
    model, _, _ = load_for_inference(summary["checkpoint"])
    val_docs = counting_documents(40, 123, 320, min_len=40, max_len=64)
    loss = span_loss(model, val_docs, 64)
    assert loss < THRESHOLD, f"span loss {loss:.3f} >= {THRESHOLD}"
