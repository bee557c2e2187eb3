"""The training loop: one explicit ``Trainer`` with ``train_step``, ``evaluate``, ``train``,
``state_dict`` and ``close``; ``run_training(tc)`` is what ``incoder train`` and ``incoder run`` call.

Per optimizer step: draw ``grad_accum_steps`` micro-batches; forward (bf16 autocast on GPU) and
backward each, the loss being the weighted token cross-entropy normalised by the step's total weight
(DDP gradient sync only on the last micro-batch); reduce loss and weight over ranks; a non-finite loss
or gradient norm skips the update (counted as ``skipped_steps``); clip; AdamW step; LR schedule step.
Every ``log_every_steps`` a record goes to ``metrics.jsonl``; every ``eval.every_steps`` the
validation loss; every ``checkpoint.every_steps`` a checkpoint. The run's outputs:
``<run_dir>/{checkpoints/, metrics.jsonl, loss.png, summary.json}``.
"""

from __future__ import annotations

import contextlib
import logging
import math
import time
import warnings
from collections.abc import Iterator
from typing import Any

import torch
import torch.nn.functional as F
from tqdm import tqdm

from training import checkpoint as ckpt
from training import io as tio
from training.config import TrainConfig
from training.data import eval_batches, train_loader
from training.errors import ConfigError, FatalError
from training.metrics import MetricsLog, flops_per_token, peak_flops, plot_losses
from training.model import Transformer, build_model_config
from training.parallelize import DistInfo, all_reduce_sum, barrier, init_distributed, parallelize, shutdown
from training.release import Release

log = logging.getLogger(__name__)


def lr_factor(step: int, tc: TrainConfig) -> float:
    """Linear warmup to the peak, then polynomial decay to ``end_lr`` at ``decay_steps``."""
    opt = tc.optimizer
    if step < opt.warmup_steps:
        return (step + 1) / opt.warmup_steps
    decay = opt.decay_steps or tc.max_steps
    progress = min((step - opt.warmup_steps) / max(decay - opt.warmup_steps, 1), 1.0)
    end = opt.end_lr / opt.lr
    return end + (1.0 - end) * (1.0 - progress) ** opt.power


class Trainer:
    def __init__(self, tc: TrainConfig, resume: bool | None = False) -> None:
        """``tc`` is a resolved ``train:`` section (``run_dir``, ``release_dir`` and ``seed`` set, as the
        config loader leaves them). ``resume``: True continues the latest checkpoint (error if none),
        None continues one if present, False starts afresh (error if the run already has checkpoints)."""
        missing = [k for k in ("run_dir", "release_dir", "seed") if getattr(tc, k) is None]
        if missing:
            raise ConfigError(f"train.{missing[0]} is not set (the config loader derives it from output_dir and seed)")
        self.tc = tc
        self.run_dir = tc.run_dir
        self.ckpt_root = ckpt.checkpoints_root(self.run_dir)
        self.seed = tc.seed
        self.release = Release(tc.release_dir)
        self.info: DistInfo = init_distributed(tc)
        try:
            self.model_cfg = build_model_config(tc.preset, tc.model, self.release.vocab_size)
        except ValueError as exc:
            raise ConfigError(f"train.model: {exc}") from None
        if tc.seq_len > self.model_cfg.max_seq_len:
            raise ConfigError(f"train.seq_len {tc.seq_len} exceeds model max_seq_len {self.model_cfg.max_seq_len}")

        # Model: identical init on every rank (same seed), then parallelised.
        # Built on its device directly: a 6B model is never held in host memory once per rank.
        torch.manual_seed(self.seed)
        with self.info.device:
            self.model = Transformer(self.model_cfg)
        self.num_params = self.model.num_params(non_embedding=True)
        self.wrapped = parallelize(self.model, tc, self.info)
        decay = [p for n, p in self.model.named_parameters() if p.dim() >= 2 and "embed" not in n]
        no_decay = [p for n, p in self.model.named_parameters() if not (p.dim() >= 2 and "embed" not in n)]
        opt = tc.optimizer
        self.optimizer = torch.optim.AdamW(
            [{"params": decay, "weight_decay": opt.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
            lr=opt.lr, betas=opt.betas, eps=opt.eps, foreach=self.info.device.type == "cuda",
        )
        self.scheduler = torch.optim.lr_scheduler.LambdaLR(self.optimizer, lambda s: lr_factor(s, tc))

        self.step, self.cursor = 0, {"epoch": 0, "batch": 0}
        self.counters = {"skipped_steps": 0, "tokens": 0}
        self.digests = {"config": tc.trajectory_digest(), "manifest": self.release.digest}
        self._resume(resume)
        self.metrics = MetricsLog(tio.join(self.run_dir, "metrics.jsonl"), self.info.is_main,
                                  self.step if self.step else None)
        self.flops_per_token = flops_per_token(self.model_cfg, self.num_params, tc.seq_len)
        self.device_name = torch.cuda.get_device_name(self.info.device) if self.info.device.type == "cuda" else "cpu"
        self.peak = peak_flops(self.device_name, tc.peak_tflops)
        self._tokenizer_bytes = self._read_tokenizer()

    # ------------------------------------------------------------------ setup helpers

    def _read_tokenizer(self) -> bytes | None:
        path = self.release.tokenizer_path
        return self.release.read_bytes(path) if path and self.info.is_main else None

    def _resume(self, resume: bool | None) -> None:
        latest = ckpt.latest_checkpoint(self.ckpt_root)
        if latest is None:
            if resume:
                raise FatalError(f"--resume: no checkpoint under {self.ckpt_root}")
            return
        if resume is False:
            raise FatalError(f"{self.ckpt_root} already holds checkpoints ({tio.basename(latest)}); "
                             "pass --resume to continue that run, or --fresh to delete them and start over")
        meta = ckpt.read_meta(latest)
        problem = self._resume_problem(meta)
        if problem and resume is None:
            # Auto mode (``incoder run`` after its config or release changed): keep the old run aside.
            aside = f"{self.ckpt_root}-replaced-{time.strftime('%Y%m%dT%H%M%S')}"
            log.warning("not resuming %s: %s; moved it to %s and starting afresh", latest, problem, aside)
            if self.info.is_main:
                tio.move(self.ckpt_root, aside)
            barrier(self.info)
            return
        if problem:
            raise ConfigError(f"cannot resume from {latest}: {problem}")
        ckpt.load_training_state(latest, self.model, self.optimizer, self.scheduler, self.info)
        self.step, self.cursor = meta["step"], dict(meta["cursor"])
        self.counters = dict(meta["counters"])
        log.info("resumed from %s at step %d (epoch %d, batch %d)", latest, self.step,
                 self.cursor["epoch"], self.cursor["batch"])

    def _resume_problem(self, meta: dict[str, Any]) -> str | None:
        """Why checkpoint ``meta`` cannot be continued by this run, or None when it can."""
        expected = {"world_size": self.info.world_size, "num_workers": self.tc.num_workers, "seed": self.seed,
                    "config_digest": self.digests["config"], "manifest_digest": self.digests["manifest"]}
        why = {"world_size": "the number of processes (data-parallel degree) changed",
               "num_workers": "train.num_workers changed (it shapes the data streams)",
               "seed": "the seed changed",
               "config_digest": "the train config changed in a key that shapes the run "
                                "(only checkpoint, eval, log_every_steps, progress, plot, max_steps, peak_tflops may)",
               "manifest_digest": "the release's manifest.json differs from the one the run trained on"}
        for key, value in expected.items():
            if meta.get(key) != value:
                return f"{why[key]} (checkpoint: {meta.get(key)}, now: {value})"
        return None

    # ------------------------------------------------------------------ data

    def batches(self) -> Iterator[dict[str, torch.Tensor]]:
        """This rank's training batches from the cursor on, across epochs; advances the cursor."""
        while True:
            loader, _ = train_loader(self.release, self.tc, self.seed, self.cursor["epoch"], self.info.rank,
                                     self.info.world_size, self.cursor["batch"])
            for batch in loader:
                self.cursor["batch"] += 1
                yield {k: v.to(self.info.device, non_blocking=True) for k, v in batch.items()}
            self.cursor = {"epoch": self.cursor["epoch"] + 1, "batch": 0}

    # ------------------------------------------------------------------ steps

    def _autocast(self) -> contextlib.AbstractContextManager:
        if self.info.bf16 and self.info.strategy != "fsdp":  # FSDP2 casts parameters itself
            return torch.autocast(self.info.device.type, dtype=torch.bfloat16)
        return contextlib.nullcontext()

    def _loss_sum(self, module: torch.nn.Module, batch: dict[str, torch.Tensor]) -> torch.Tensor:
        with self._autocast():
            logits_BTV = module(batch["inputs"])
        loss_BT = F.cross_entropy(logits_BTV.float().flatten(0, 1), batch["targets"].flatten(), reduction="none")
        return (loss_BT * batch["weights"].flatten()).sum()

    def train_step(self, micro_batches: list[dict[str, torch.Tensor]]) -> dict[str, float]:
        """One optimizer step over ``micro_batches``; returns loss, grad_norm, lr and whether it was skipped.

        One host-device synchronisation per step: loss, weight and gradient norm are read together.
        A non-finite loss on any rank makes the reduced sum non-finite, so every rank skips alike.
        """
        self.wrapped.train()
        total_weight = torch.stack([b["weights"].sum() for b in micro_batches]).sum()
        loss_sum = torch.zeros((), device=self.info.device)
        for i, batch in enumerate(micro_batches):
            last = i == len(micro_batches) - 1
            sync = contextlib.nullcontext() if last or self.info.strategy != "ddp" else self.wrapped.no_sync()
            with sync:
                loss = self._loss_sum(self.wrapped, batch)
                (loss / total_weight.clamp(min=1.0)).backward()
            loss_sum += loss.detach()
        stats = torch.stack([loss_sum.double(), total_weight.double()])
        if self.info.distributed:
            torch.distributed.all_reduce(stats)
        clip = self.tc.optimizer.grad_clip or float("inf")
        grad_norm = torch.nn.utils.clip_grad_norm_(self.model.parameters(), clip)
        if hasattr(grad_norm, "full_tensor"):  # a DTensor under FSDP
            grad_norm = grad_norm.full_tensor()
        red_loss, red_weight, grad_norm = torch.cat([stats, grad_norm.detach().double().reshape(1).to(stats.device)]).tolist()
        lr = self.scheduler.get_last_lr()[0]
        skipped = not (math.isfinite(red_loss) and math.isfinite(grad_norm))
        if skipped:
            self.counters["skipped_steps"] += 1
            log.warning("step %d: non-finite loss or gradient (loss %s, grad norm %s): update skipped",
                        self.step, red_loss, grad_norm)
        else:
            self.optimizer.step()
        self.optimizer.zero_grad(set_to_none=True)
        with warnings.catch_warnings():  # a skipped update still advances the schedule, by design
            warnings.filterwarnings("ignore", message=r"Detected call of `lr_scheduler\.step\(\)`")
            self.scheduler.step()
        self.step += 1
        self.counters["tokens"] += int(sum(b["inputs"].numel() for b in micro_batches)) * self.info.world_size
        return {"loss": red_loss / max(red_weight, 1.0), "grad_norm": grad_norm, "lr": lr, "skipped": skipped}

    @torch.no_grad()
    def evaluate(self) -> float | None:
        """Mean weighted validation loss over ``eval.batches`` micro-batches per rank (None without a split).

        Ranks may hold one batch more or less; under FSDP, whose forward is a collective, the short
        ranks run zero-weight padding batches so every rank makes the same number of forward calls.
        DDP evaluates the unwrapped module (no collectives in its forward).
        """
        if not self.release.has_split("validation"):
            return None
        module = self.wrapped if self.info.strategy == "fsdp" else self.model
        module.eval()
        batches = list(eval_batches(self.release, self.tc, self.seed, self.info.rank, self.info.world_size,
                                    self.tc.eval.batches))
        if self.info.strategy == "fsdp":
            counts = torch.tensor([len(batches)], device=self.info.device)
            torch.distributed.all_reduce(counts, op=torch.distributed.ReduceOp.MAX)
            shape = (self.tc.micro_batch_size, self.tc.seq_len)
            pad = {"inputs": torch.zeros(shape, dtype=torch.long), "targets": torch.zeros(shape, dtype=torch.long),
                   "weights": torch.zeros(shape)}
            batches += [pad] * (int(counts.item()) - len(batches))
        loss_sum = weight = 0.0
        for batch in batches:
            batch = {k: v.to(self.info.device) for k, v in batch.items()}
            loss_sum += float(self._loss_sum(module, batch))
            weight += float(batch["weights"].sum())
        loss_sum, weight = all_reduce_sum([loss_sum, weight], self.info)
        module.train()
        return loss_sum / weight if weight else None

    # ------------------------------------------------------------------ state

    def state_dict(self) -> dict[str, Any]:
        """What ``meta.json`` records beside the weights and optimizer (see checkpoint.py)."""
        return {"step": self.step, "cursor": dict(self.cursor), "counters": dict(self.counters),
                "world_size": self.info.world_size, "num_workers": self.tc.num_workers, "seed": self.seed,
                "config_digest": self.digests["config"], "manifest_digest": self.digests["manifest"],
                "release": self.release.uri, "train_config": self.tc.model_dump(mode="json")}

    def save(self) -> str:
        return ckpt.save_checkpoint(self.ckpt_root, self.step, self.model, self.optimizer, self.scheduler,
                                    self.state_dict(), self.model_cfg, self._tokenizer_bytes, self.info,
                                    self.tc.checkpoint.keep_last)

    # ------------------------------------------------------------------ loop

    def train(self) -> dict[str, Any]:
        tc, start_step, started = self.tc, self.step, time.perf_counter()
        bar = tqdm(total=tc.max_steps, initial=self.step, disable=not (self.info.is_main and tc.progress),
                   desc="train", unit="step", dynamic_ncols=True)
        batches = self.batches()
        window_t, window_tokens = time.perf_counter(), 0
        last: dict[str, Any] = {}
        val_loss, saved_at = None, (self.step if self.step else None)
        while self.step < tc.max_steps:
            out = self.train_step([next(batches) for _ in range(tc.grad_accum_steps)])
            window_tokens += tc.grad_accum_steps * tc.micro_batch_size * tc.seq_len * self.info.world_size
            bar.update(1)
            if self.step % tc.log_every_steps == 0 or self.step == tc.max_steps:
                if self.info.device.type == "cuda":
                    torch.cuda.synchronize(self.info.device)
                now = time.perf_counter()
                tps = window_tokens / max(now - window_t, 1e-9)
                mfu = self.flops_per_token * tps / (self.peak * self.info.world_size) if self.peak else None
                last = {"step": self.step, "loss": out["loss"], "lr": out["lr"], "grad_norm": out["grad_norm"],
                        "tokens_per_s": tps, "mfu": mfu, "tokens": self.counters["tokens"],
                        "epoch": self.cursor["epoch"], "skipped_steps": self.counters["skipped_steps"]}
                self.metrics.write(last)
                bar.set_postfix(loss=f"{out['loss']:.3f}", lr=f"{out['lr']:.2e}", tok_s=f"{tps:,.0f}")
                window_t, window_tokens = time.perf_counter(), 0
            paused = time.perf_counter()
            if tc.eval.every_steps and self.step % tc.eval.every_steps == 0 and self.step < tc.max_steps:
                val_loss = self._log_eval()
            if tc.checkpoint.every_steps and self.step % tc.checkpoint.every_steps == 0:
                self.save()
                saved_at = self.step
            window_t += time.perf_counter() - paused  # logged tokens/s measures training steps only
        bar.close()
        batches.close()  # stops DataLoader workers now rather than at garbage collection
        if self.step > start_step or val_loss is None:
            val_loss = self._log_eval()
        if saved_at != self.step:
            self.save()
        wall = time.perf_counter() - started
        trained_tokens = (self.step - start_step) * tc.grad_accum_steps * tc.micro_batch_size * tc.seq_len * self.info.world_size
        tps = trained_tokens / wall if wall > 0 else 0.0
        final_loss = last.get("loss")
        if final_loss is None and self.metrics.series("loss")[1]:  # resumed a finished run: nothing new
            final_loss = self.metrics.series("loss")[1][-1]
        summary = {"steps": self.step, "final_loss": final_loss, "final_val_loss": val_loss,
                   "tokens_per_s": tps, "mfu": self.flops_per_token * tps / (self.peak * self.info.world_size) if self.peak else None,
                   "skipped_steps": self.counters["skipped_steps"], "tokens": self.counters["tokens"],
                   "params": self.num_params, "world_size": self.info.world_size, "wall_s": wall,
                   "device": self.device_name, "strategy": self.info.strategy,
                   "precision": "bf16" if self.info.bf16 else "fp32",
                   "run_dir": self.run_dir, "checkpoint": ckpt.latest_checkpoint(self.ckpt_root)}
        if self.info.is_main:
            if tc.plot:
                plot_losses(self.metrics, tio.join(self.run_dir, "loss.png"),
                            f"{tc.preset} ({self.num_params / 1e6:.1f}M params), {tc.objective}")
            tio.write_json(tio.join(self.run_dir, "summary.json"), summary)
            log.info("trained %d steps (%d this run) in %.1f s: loss %s, validation loss %s, %.0f tokens/s%s; "
                     "skipped %d; outputs in %s", self.step, self.step - start_step, wall,
                     _fmt(summary["final_loss"]), _fmt(val_loss), tps,
                     f", MFU {summary['mfu']:.1%}" if summary["mfu"] else "", summary["skipped_steps"], self.run_dir)
        return summary

    def _log_eval(self) -> float | None:
        val = self.evaluate()
        if val is not None:
            self.metrics.write({"step": self.step, "val_loss": val})
        return val

    def close(self) -> None:
        self.metrics.close()
        shutdown()


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.4f}"


def run_training(tc: TrainConfig, resume: bool | None = None) -> dict[str, Any]:
    """Train per the resolved ``train:`` section ``tc`` (single process, or one rank under torchrun);
    returns the summary.

    ``resume=None`` (what ``incoder run`` uses) continues the run directory's latest checkpoint when
    there is one, so a rerun of a killed chain picks up where it stopped.
    """
    trainer = Trainer(tc, resume=resume)
    try:
        return trainer.train()
    finally:
        trainer.close()
