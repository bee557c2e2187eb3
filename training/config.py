"""The ``train:`` section of a config file, validated by ``TrainConfig`` (unknown keys are errors).

A training config file (configs/train/*.yaml) holds ``output_dir`` plus ``train:``; the release read
defaults to ``<output_dir>/release`` and the run writes under ``<output_dir>/train``.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from training.model_config import PRESETS, ModelConfig, Strict


class MaskingConfig(Strict):
    """Causal masking (the InCoder paper, section 2): span count ~ Poisson(span_lambda) in [1, max_spans]."""

    span_lambda: float = Field(default=1.0, gt=0, description="Poisson mean of the number of masked spans")
    max_spans: int = Field(default=256, ge=1, le=256, description="upper truncation of the span count")
    rate: float = Field(default=1.0, ge=0, le=1, description="share of blocks masked; the rest stay left-to-right")


class FimConfig(Strict):
    """Fill-in-the-middle, used when ``objective: fim``."""

    rate: float = Field(default=0.5, ge=0, le=1, description="share of blocks rearranged (0.9 keeps L2R ability)")
    spm_rate: float = Field(default=0.5, ge=0, le=1, description="share of FIM blocks in SPM order (rest PSM)")


class OptimizerConfig(Strict):
    """AdamW with polynomial decay after linear warmup (the InCoder paper, Table 8, and the released model configs)."""

    lr: float = Field(default=3e-4, gt=0, description="peak learning rate")
    betas: tuple[float, float] = Field(default=(0.9, 0.98), description="InCoder's Adam betas")
    eps: float = Field(default=1e-8, gt=0)
    weight_decay: float = Field(default=0.01, ge=0, description="on matrices only (not biases, norms, embeddings)")
    warmup_steps: int = Field(default=1500, ge=0)
    decay_steps: int | None = Field(default=None, ge=1, description="steps to reach end_lr; default max_steps")
    end_lr: float = Field(default=0.0, ge=0)
    power: float = Field(default=1.0, gt=0, description="polynomial decay power (1 = linear)")
    grad_clip: float = Field(default=1.0, ge=0, description="max global grad norm; 0 disables clipping")

    @field_validator("betas")
    @classmethod
    def _betas(cls, value: tuple[float, float]) -> tuple[float, float]:
        if not all(0 <= b < 1 for b in value):
            raise ValueError("betas must lie in [0, 1)")
        return value


class ParallelConfig(Strict):
    """How the model is spread over processes (applied in training/parallelize.py)."""

    strategy: Literal["auto", "single", "ddp", "fsdp"] = Field(
        default="auto", description="auto: ddp when WORLD_SIZE > 1, else single"
    )
    activation_checkpointing: bool = Field(default=False, description="recompute each layer in backward")
    compile: bool = Field(default=False, description="torch.compile each layer")
    backend: Literal["auto", "gloo", "nccl"] = Field(default="auto", description="auto: nccl on CUDA, gloo on CPU")


class CheckpointConfig(Strict):
    every_steps: int = Field(default=500, ge=0, description="save every N optimizer steps (0: only at the end)")
    keep_last: int = Field(default=3, ge=1, description="checkpoints kept; older ones are deleted")


class EvalConfig(Strict):
    every_steps: int = Field(default=500, ge=0, description="validation loss every N steps (0: only at the end)")
    batches: int = Field(default=20, ge=1, description="micro-batches per rank per evaluation")


# Keys that change neither the trajectory nor the data: a resume may change them.
RESUMABLE_CHANGES = (
    "checkpoint", "eval", "log_every_steps", "progress", "plot", "max_steps", "peak_tflops", "release_dir", "run_dir",
)


class TrainConfig(Strict):
    """``incoder train``: a causal-masking model on a release's shards."""

    preset: str = Field(default="tiny", description=f"model preset: {', '.join(PRESETS)}")
    model: dict[str, Any] = Field(default_factory=dict, description="ModelConfig fields overriding the preset")
    release_dir: str | None = Field(default=None, description="release to train on; default <output_dir>/release")
    run_dir: str | None = Field(default=None, description="where checkpoints and metrics go; default <output_dir>/train")
    seed: int | None = Field(default=None, description="data order, masks and init; default the file's seed")
    seq_len: int = Field(default=2048, ge=8, description="tokens per training block (model input length)")
    micro_batch_size: int = Field(default=8, ge=1, description="blocks per rank per forward pass")
    grad_accum_steps: int = Field(default=1, ge=1)
    max_steps: int = Field(default=1000, ge=1, description="optimizer steps to train for")
    objective: Literal["causal_masking", "fim", "causal_lm"] = "causal_masking"
    masking: MaskingConfig = Field(default_factory=MaskingConfig)
    fim: FimConfig = Field(default_factory=FimConfig)
    optimizer: OptimizerConfig = Field(default_factory=OptimizerConfig)
    parallel: ParallelConfig = Field(default_factory=ParallelConfig)
    precision: Literal["auto", "fp32", "bf16"] = Field(default="auto", description="auto: bf16 autocast on CUDA, fp32 on CPU")
    device: Literal["auto", "cpu", "cuda"] = "auto"
    num_workers: int = Field(default=0, ge=0, description="DataLoader workers per rank")
    checkpoint: CheckpointConfig = Field(default_factory=CheckpointConfig)
    eval: EvalConfig = Field(default_factory=EvalConfig)
    log_every_steps: int = Field(default=10, ge=1)
    peak_tflops: float | None = Field(default=None, gt=0, description="per-device peak for MFU; default by device")
    progress: bool = Field(default=True, description="tqdm bar on rank 0")
    plot: bool = Field(default=True, description="write loss.png at the end")

    @model_validator(mode="after")
    def _check(self) -> TrainConfig:
        if self.preset not in PRESETS:
            raise ValueError(f"preset: unknown {self.preset!r}; choose from {', '.join(PRESETS)}")
        unknown = set(self.model) - set(ModelConfig.model_fields)
        if unknown:
            raise ValueError(f"model: unknown keys {sorted(unknown)}; ModelConfig has {sorted(ModelConfig.model_fields)}")
        max_len = self.model.get("max_seq_len", PRESETS[self.preset].get("max_seq_len", 2048))
        if self.seq_len > max_len:
            raise ValueError(f"seq_len {self.seq_len} exceeds the model's max_seq_len {max_len}")
        return self

    def resolved(self, output_dir: str, seed: int) -> TrainConfig:
        """A copy with the derived defaults filled in: ``release_dir`` and ``run_dir`` under
        ``output_dir``, ``seed`` from the file's top-level seed. The config loader calls this once."""
        sep = "/" if "://" in output_dir else os.sep
        base = output_dir.rstrip("/") if "://" in output_dir else output_dir
        return self.model_copy(update={
            "release_dir": self.release_dir or f"{base}{sep}release",
            "run_dir": self.run_dir or f"{base}{sep}train",
            "seed": seed if self.seed is None else self.seed,
        })

    def trajectory_digest(self) -> str:
        """SHA-256 of every key that shapes the run (all but RESUMABLE_CHANGES); checked on resume."""
        data = self.model_dump(mode="json", exclude=set(RESUMABLE_CHANGES))
        data["decay_steps"] = self.optimizer.decay_steps or self.max_steps
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


EVAL_TASKS = ("heldout-single-line", "heldout-multi-line", "heldout",
              "humaneval-single-line", "humaneval-multi-line", "humaneval")


class EvaluationConfig(Strict):
    """``evaluate:``: the last step of ``incoder run``, ``incoder eval`` on the run's latest checkpoint.

    Each task writes ``<out_dir>/<task>/`` (table.md, results.jsonl, summary.json); heldout-* tasks read
    the run's release (``train.release_dir``). Keys mirror ``incoder eval``'s flags.
    """

    tasks: dict[str, int] = Field(
        default_factory=lambda: {"heldout-single-line": 200, "heldout-multi-line": 100},
        description="task -> how many tasks (incoder eval --limit) per kind",
    )
    methods: list[Literal["lr-single", "lr-rerank", "cm"]] = Field(
        default_factory=lambda: ["lr-single", "lr-rerank", "cm"], description="which methods fill the holes")
    num_candidates: int = Field(default=10, ge=1, description="L-R reranking samples (the paper: 10)")
    max_new_tokens: int = Field(default=64, ge=1, description="tokens generated per hole at most")
    bootstrap: int = Field(default=1000, ge=10, description="bootstrap resamples for the 95% intervals")
    device: Literal["auto", "cpu", "cuda"] = Field(default="auto", description="auto: cuda when available")
    out_dir: str | None = Field(default=None, description="default <output_dir>/eval")

    @field_validator("tasks")
    @classmethod
    def _tasks(cls, value: dict[str, int]) -> dict[str, int]:
        unknown = sorted(set(value) - set(EVAL_TASKS))
        if unknown or not value:
            raise ValueError(f"unknown tasks {unknown or 'none given'}; choose from {', '.join(EVAL_TASKS)}")
        if any(n < 1 for n in value.values()):
            raise ValueError("every task count must be at least 1")
        return value
