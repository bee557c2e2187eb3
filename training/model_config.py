"""Torch-free training config pieces: the ``Strict`` base of every training config model, the model
architecture (``ModelConfig``, written beside every checkpoint) and its named presets.

The trainer owns its config classes, like torchtitan's: ``training/`` imports nothing from the corpus
pipeline outside its CLI, and the config loader reads a ``train:`` section without importing torch.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Strict(BaseModel):
    """Base of every training config model: unknown keys are errors, assignments are validated."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, frozen=False)


# The InCoder paper, Table 8 / the released model configs (fairseq XGLM): vocab_size for ``tiny`` comes
# from the release's tokenizer at run time.
PRESETS: dict[str, dict] = {
    "tiny": {"d_model": 128, "n_layers": 2, "n_heads": 4, "d_ff": 512, "max_seq_len": 2048},
    # The quality runs (configs/quality.yaml: ~30 min of training on 2 CPU cores; configs/quality-gpu.yaml:
    # ~10 min on one H100-class GPU); vocab_size from the release's tokenizer.
    "small": {"d_model": 256, "n_layers": 4, "n_heads": 4, "d_ff": 1024, "max_seq_len": 256},
    "base": {"d_model": 768, "n_layers": 12, "n_heads": 12, "d_ff": 3072, "max_seq_len": 1024},
    "incoder-1B": {"vocab_size": 50518, "d_model": 2048, "n_layers": 24, "n_heads": 32, "d_ff": 8192,
                   "max_seq_len": 2048},
    "incoder-6B": {"vocab_size": 50518, "d_model": 4096, "n_layers": 32, "n_heads": 32, "d_ff": 16384,
                   "max_seq_len": 2048},
}


class ModelConfig(Strict):
    """Architecture of one model; serialised as ``model_config.json`` beside every checkpoint."""

    vocab_size: int = Field(ge=1)
    d_model: int = Field(ge=2)
    n_layers: int = Field(ge=1)
    n_heads: int = Field(ge=1)
    d_ff: int = Field(ge=1)
    max_seq_len: int = Field(default=2048, ge=1)
    dropout: float = Field(default=0.0, ge=0, lt=1, description="after embeddings, attention and MLP (XGLM's dropout)")
    positions: Literal["sinusoidal", "learned", "rotary"] = "sinusoidal"
    scale_embeddings: bool = Field(default=True, description="multiply token embeddings by sqrt(d_model)")
    tie_embeddings: bool = True
    layer_norm_eps: float = Field(default=1e-5, gt=0)
    pad_id: int = Field(default=0, ge=0)

    @model_validator(mode="after")
    def _shapes(self) -> ModelConfig:
        if self.d_model % self.n_heads:
            raise ValueError(f"d_model={self.d_model} is not divisible by n_heads={self.n_heads}")
        if self.positions == "rotary" and (self.d_model // self.n_heads) % 2:
            raise ValueError("rotary positions need an even head dimension")
        return self

    @property
    def head_dim(self) -> int:
        return self.d_model // self.n_heads
