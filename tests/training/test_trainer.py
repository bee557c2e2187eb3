"""The trainer in-process: a short run's outputs, inference loading, resume refusals, skipped steps."""

from __future__ import annotations

import json
import math

import pytest
import torch

from pipeline.cli import main
from pipeline.config import load_config
from pipeline.errors import ConfigError as LoadError  # the config loader is the pipeline's
from training.checkpoint import latest_checkpoint, load_for_inference
from training.errors import ConfigError, FatalError
from training.trainer import Trainer, lr_factor, run_training

pytestmark = pytest.mark.usefixtures("one_thread")


@pytest.mark.timeout(120)
def test_short_run_writes_metrics_checkpoints_plot_and_loads_for_inference(tmp_path, counting_release, make_config):
    cfg = load_config(make_config(tmp_path / "c.yaml", tmp_path / "out", counting_release, max_steps=25))
    summary = run_training(cfg.train)
    run = tmp_path / "out" / "train"
    assert summary["steps"] == 25 and summary["skipped_steps"] == 0
    assert math.isfinite(summary["final_loss"]) and math.isfinite(summary["final_val_loss"])
    records = [json.loads(line) for line in (run / "metrics.jsonl").read_text().splitlines()]
    train = [r for r in records if "loss" in r]
    assert [r["step"] for r in train] == list(range(1, 26))
    assert {"lr", "grad_norm", "tokens_per_s", "mfu", "tokens"} <= set(train[0])
    assert train[-1]["loss"] < train[0]["loss"]
    assert [r["step"] for r in records if "val_loss" in r] == [10, 20, 25]
    assert (run / "loss.png").read_bytes()[:4] == b"\x89PNG"
    assert json.loads((run / "summary.json").read_text())["steps"] == 25
    ckpts = sorted(p.name for p in (run / "checkpoints").glob("step-*"))
    assert ckpts == ["step-00000020", "step-00000025"]  # keep_last 2
    meta = json.loads((run / "checkpoints" / "step-00000025" / "meta.json").read_text())
    assert meta["tokenizer"] is None and meta["world_size"] == 1 and meta["cursor"]["batch"] == 25
    model, model_cfg, tokenizer = load_for_inference(str(run / "checkpoints"))
    assert tokenizer is None and model_cfg.d_model == 64 and not model.training
    tokens = torch.randint(0, 320, (1, 16))
    same, _, _ = load_for_inference(latest_checkpoint(str(run / "checkpoints")))
    torch.testing.assert_close(model(tokens), same(tokens))
    with pytest.raises(FatalError, match="already holds checkpoints"):
        Trainer(cfg.train, resume=False)


def test_resume_refuses_changed_config_and_data(tmp_path, counting_release, make_config):
    path = make_config(tmp_path / "c.yaml", tmp_path / "out", counting_release, max_steps=10, eval={"every_steps": 0},
                       optimizer={"lr": 3e-3, "warmup_steps": 5, "decay_steps": 20})
    run_training(load_config(path).train)
    with pytest.raises(ConfigError, match="train config changed"):
        Trainer(load_config(path, {"train.optimizer.lr": 1e-3}).train, resume=True)
    with pytest.raises(ConfigError, match="seed changed"):
        Trainer(load_config(path, {"seed": 9}).train, resume=True)
    with pytest.raises(ConfigError, match="num_workers"):
        Trainer(load_config(path, {"train.num_workers": 1}).train, resume=True)
    other = tmp_path / "other"
    from training.synthetic import counting_documents, write_release

    write_release(str(other), {"train": counting_documents(1500, 5, 320)}, 320)
    with pytest.raises(ConfigError, match="manifest.json differs"):
        Trainer(load_config(path, {"train.release_dir": str(other)}).train, resume=True)
    with pytest.raises(ConfigError, match="train config changed"):  # max_steps sets the decay without decay_steps
        Trainer(load_config(path, {"train.max_steps": 12, "train.optimizer.decay_steps": None}).train, resume=True)
    # Keys that do not shape the run may change: train longer from the checkpoint.
    summary = run_training(load_config(path, {"train.max_steps": 12}).train, resume=True)
    assert summary["steps"] == 12
    with pytest.raises(FatalError, match="no checkpoint"):
        Trainer(load_config(path, {"train.run_dir": str(tmp_path / "empty")}).train, resume=True)


def test_non_finite_loss_skips_the_update(tmp_path, counting_release, make_config):
    cfg = load_config(make_config(tmp_path / "c.yaml", tmp_path / "out", counting_release, max_steps=3))
    trainer = Trainer(cfg.train)
    try:
        batches = trainer.batches()
        before = [p.detach().clone() for p in trainer.model.parameters()]
        batch = next(batches)
        batch["weights"] = batch["weights"] * float("nan")
        out = trainer.train_step([batch])
        assert out["skipped"] and trainer.counters["skipped_steps"] == 1 and trainer.step == 1
        assert all(torch.equal(a, b) for a, b in zip(before, trainer.model.parameters(), strict=True))
        assert not trainer.train_step([next(batches)])["skipped"]
    finally:
        trainer.close()


def test_lr_schedule_warmup_then_polynomial_decay():
    from training.config import TrainConfig

    tc = TrainConfig(max_steps=100, optimizer={"lr": 1.0, "warmup_steps": 10, "end_lr": 0.1, "power": 2.0})
    assert lr_factor(0, tc) == pytest.approx(0.1) and lr_factor(9, tc) == pytest.approx(1.0)
    assert lr_factor(10, tc) == pytest.approx(1.0)
    assert lr_factor(55, tc) == pytest.approx(0.1 + 0.9 * 0.25)
    assert lr_factor(100, tc) == pytest.approx(0.1) and lr_factor(500, tc) == pytest.approx(0.1)


def test_config_errors_name_the_key(tmp_path, counting_release, make_config):
    path = make_config(tmp_path / "c.yaml", tmp_path / "out", counting_release)
    with pytest.raises(LoadError, match="train.optimizer.betaz"):
        load_config(path, {"train.optimizer.betaz": [0.9, 0.9]})
    with pytest.raises(LoadError, match="unknown keys"):
        load_config(path, {"train.model.d_modle": 3})
    with pytest.raises(LoadError, match="exceeds"):
        load_config(path, {"train.seq_len": 4096})
    assert main(["train", "--config", str(path), "--set", "train.preset=incoder-9B"]) == 2


def test_cli_train_then_fresh(tmp_path, counting_release, make_config, capsys):
    path = make_config(tmp_path / "c.yaml", tmp_path / "out", counting_release, max_steps=4)
    assert main(["train", "--config", str(path)]) == 0
    assert "steps 4" in capsys.readouterr().out
    assert main(["train", "--config", str(path)]) == 1  # refuses to overwrite
    assert main(["train", "--config", str(path), "--fresh", "--set", "train.max_steps=2"]) == 0
    assert json.loads((tmp_path / "out" / "train" / "summary.json").read_text())["steps"] == 2


def test_gradient_accumulation_matches_one_large_batch(tmp_path, counting_release, make_config):
    """2 micro-batches of 2 blocks give the update of 1 batch of the same 4 blocks (loss normalised by weight)."""
    states = []
    for name, mbs, accum in [("a", 4, 1), ("b", 2, 2)]:
        cfg = load_config(make_config(tmp_path / f"{name}.yaml", tmp_path / name, counting_release,
                                      micro_batch_size=mbs, grad_accum_steps=accum, max_steps=1))
        trainer = Trainer(cfg.train)
        try:
            batches = trainer.batches()
            micro = [next(batches) for _ in range(accum)]
            out = trainer.train_step(micro)
            states.append((torch.cat([b["index"] for b in micro]), out["loss"], out["grad_norm"],
                           [p.detach().clone() for p in trainer.model.parameters()]))
        finally:
            trainer.close()
    (ia, la, ga, pa), (ib, lb, gb, pb) = states
    assert torch.equal(ia, ib)  # the same four blocks
    assert la == pytest.approx(lb, rel=1e-5) and ga == pytest.approx(gb, rel=1e-4)
    for x, y in zip(pa, pb, strict=True):
        torch.testing.assert_close(x, y, atol=1e-6, rtol=1e-5)


def test_incoder_run_trains_and_restarts_when_the_config_changes(tmp_path, counting_release, make_config):
    """``incoder run`` with a train section: trains; after a config change its rerun starts afresh."""
    path = make_config(tmp_path / "c.yaml", tmp_path / "out", counting_release, max_steps=3)
    assert main(["run", "--config", str(path)]) == 0
    run = tmp_path / "out" / "train"
    assert json.loads((run / "summary.json").read_text())["steps"] == 3
    assert main(["run", "--config", str(path), "--set", "train.optimizer.lr=0.001"]) == 0
    assert len(list((tmp_path / "out" / "train").glob("checkpoints-replaced-*"))) == 1
    records = [json.loads(line) for line in (run / "metrics.jsonl").read_text().splitlines()]
    assert [r["step"] for r in records if "loss" in r] == [1, 2, 3]


@pytest.mark.parametrize("overrides", [
    {"objective": "fim", "model": {"d_model": 32, "n_layers": 1, "n_heads": 2, "d_ff": 64, "positions": "rotary"}},
    {"objective": "causal_lm", "model": {"d_model": 32, "n_layers": 1, "n_heads": 2, "d_ff": 64, "positions": "learned",
                                          "tie_embeddings": False}},
    {"parallel": {"activation_checkpointing": True}, "grad_accum_steps": 2, "precision": "bf16"},
])
def test_objectives_positions_and_options_train(tmp_path, counting_release, make_config, overrides):
    cfg = load_config(make_config(tmp_path / "c.yaml", tmp_path / "out", counting_release, max_steps=3,
                                  eval={"every_steps": 0, "batches": 1}, plot=False, **overrides))
    summary = run_training(cfg.train)
    assert summary["steps"] == 3 and math.isfinite(summary["final_loss"]) and summary["skipped_steps"] == 0
    model, model_cfg, _ = load_for_inference(str(tmp_path / "out" / "train"))
    assert model(torch.randint(0, 320, (1, 8))).shape == (1, 8, model_cfg.vocab_size)
