"""Decoder-only transformer with InCoder's architecture options; knows nothing of parallelism.

Read top to bottom: embeddings -> ``n_layers`` pre-LN blocks (attention, MLP) -> final LayerNorm ->
tied output projection. With ``positions="sinusoidal"`` the computation is exactly that of Hugging
Face's ``XGLMForCausalLM`` (the class InCoder ships as), parameter for parameter, so export is a
renaming: ``X`` here is ``model.X`` there (``embed_tokens.weight``, ``layers.{i}.self_attn.q_proj.weight``,
``layers.{i}.fc1.bias``, ``layer_norm.weight`` ...), ``lm_head.weight`` is tied to ``embed_tokens.weight``.

Generation reuses keys and values through a ``KVCache`` (``model(tokens_BT, cache=cache)`` runs only
the new tokens, at positions ``cache.length ...``); the logits equal those of running the whole
sequence again.

Shape legend: B batch, T sequence (new tokens), S cached + new tokens, D d_model, H heads, Q head dim
(D / H), F d_ff, V vocab.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import torch
import torch.nn.functional as F
from torch import nn

from training.model_config import PRESETS, ModelConfig

__all__ = ["PRESETS", "KVCache", "ModelConfig", "Transformer", "build_model_config"]

POSITION_OFFSET = 2  # XGLM/fairseq: positions start at padding_idx + 1 = 2 in the sinusoidal table


def sinusoidal_table(num_rows: int, dim: int, padding_idx: int | None) -> torch.Tensor:
    """fairseq's table, as XGLMSinusoidalPositionalEmbedding builds it: [sin | cos], row padding_idx zero."""
    half = dim // 2
    step = math.log(10000) / (half - 1)
    freqs_H = torch.exp(torch.arange(half, dtype=torch.int64).float() * -step)
    angles_RH = torch.arange(num_rows, dtype=torch.int64).float().unsqueeze(1) * freqs_H.unsqueeze(0)
    table_RD = torch.cat([torch.sin(angles_RH), torch.cos(angles_RH)], dim=1)
    if dim % 2:
        table_RD = torch.cat([table_RD, torch.zeros(num_rows, 1)], dim=1)
    if padding_idx is not None:
        table_RD[padding_idx, :] = 0
    return table_RD


def rotate(x_BHTQ: torch.Tensor, cos_TQ: torch.Tensor, sin_TQ: torch.Tensor) -> torch.Tensor:
    """Rotary embedding (GPT-NeoX half-split convention)."""
    x1, x2 = x_BHTQ.chunk(2, dim=-1)
    return x_BHTQ * cos_TQ + torch.cat([-x2, x1], dim=-1) * sin_TQ


@dataclass
class KVCache:
    """Keys and values of every layer for the tokens run so far (one entry per layer, ``B H S Q``)."""

    keys: list[torch.Tensor] = field(default_factory=list)
    values: list[torch.Tensor] = field(default_factory=list)

    @property
    def length(self) -> int:
        """Tokens cached (the position of the next token)."""
        return self.keys[0].shape[2] if self.keys else 0

    def expand(self, batch: int) -> KVCache:
        """This one-row cache repeated for ``batch`` rows (e.g. samples drawn from one prompt)."""
        return KVCache([k.expand(batch, -1, -1, -1).contiguous() for k in self.keys],
                       [v.expand(batch, -1, -1, -1).contiguous() for v in self.values])


class Attention(nn.Module):
    """Causal multi-head self-attention through SDPA; q/k/v/out projections with bias (XGLMAttention)."""

    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.n_heads, self.head_dim, self.dropout = cfg.n_heads, cfg.head_dim, cfg.dropout
        self.q_proj = nn.Linear(cfg.d_model, cfg.d_model)
        self.k_proj = nn.Linear(cfg.d_model, cfg.d_model)
        self.v_proj = nn.Linear(cfg.d_model, cfg.d_model)
        self.out_proj = nn.Linear(cfg.d_model, cfg.d_model)

    def forward(self, x_BTD: torch.Tensor, rope: tuple[torch.Tensor, torch.Tensor] | None,
                cache: KVCache | None = None, layer: int = 0) -> torch.Tensor:
        B, T, D = x_BTD.shape
        q_BHTQ = self.q_proj(x_BTD).view(B, T, self.n_heads, self.head_dim).transpose(1, 2)
        k_BHSQ = self.k_proj(x_BTD).view(B, T, self.n_heads, self.head_dim).transpose(1, 2)
        v_BHSQ = self.v_proj(x_BTD).view(B, T, self.n_heads, self.head_dim).transpose(1, 2)
        if rope is not None:
            q_BHTQ, k_BHSQ = rotate(q_BHTQ, *rope), rotate(k_BHSQ, *rope)
        past = 0
        if cache is not None:
            if layer < len(cache.keys):
                past = cache.keys[layer].shape[2]
                k_BHSQ = torch.cat([cache.keys[layer], k_BHSQ], dim=2)
                v_BHSQ = torch.cat([cache.values[layer], v_BHSQ], dim=2)
                cache.keys[layer], cache.values[layer] = k_BHSQ, v_BHSQ
            else:
                cache.keys.append(k_BHSQ)
                cache.values.append(v_BHSQ)
        mask_TS = None
        if past and T > 1:  # new token i (position past + i) sees cached keys and new keys up to itself
            mask_TS = torch.ones(T, past + T, dtype=torch.bool, device=x_BTD.device).tril(diagonal=past)
        # SDPA's default scale is head_dim ** -0.5, XGLM's scaling.
        y_BHTQ = F.scaled_dot_product_attention(
            q_BHTQ, k_BHSQ, v_BHSQ, attn_mask=mask_TS, is_causal=not past and T > 1,
            dropout_p=self.dropout if self.training else 0.0,
        )
        return self.out_proj(y_BHTQ.transpose(1, 2).reshape(B, T, D))


class Block(nn.Module):
    """Pre-LN decoder layer: x + attn(LN(x)); x + fc2(gelu(fc1(LN(x)))) (XGLMDecoderLayer)."""

    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.self_attn_layer_norm = nn.LayerNorm(cfg.d_model, eps=cfg.layer_norm_eps)
        self.self_attn = Attention(cfg)
        self.final_layer_norm = nn.LayerNorm(cfg.d_model, eps=cfg.layer_norm_eps)
        self.fc1 = nn.Linear(cfg.d_model, cfg.d_ff)
        self.fc2 = nn.Linear(cfg.d_ff, cfg.d_model)
        self.dropout = nn.Dropout(cfg.dropout)

    def forward(self, x_BTD: torch.Tensor, rope: tuple[torch.Tensor, torch.Tensor] | None = None,
                cache: KVCache | None = None, layer: int = 0) -> torch.Tensor:
        x_BTD = x_BTD + self.dropout(self.self_attn(self.self_attn_layer_norm(x_BTD), rope, cache, layer))
        h_BTF = F.gelu(self.fc1(self.final_layer_norm(x_BTD)))  # exact (erf) GELU, XGLM's "gelu"
        return x_BTD + self.dropout(self.fc2(h_BTF))


class Transformer(nn.Module):
    """``Transformer(cfg)(tokens_BT) -> logits_BTV``; positions run 0..T-1 along each row (after the
    cached tokens when a ``KVCache`` is passed; the cache then gains the new tokens' keys and values)."""

    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.cfg = cfg
        self.embed_scale = math.sqrt(cfg.d_model) if cfg.scale_embeddings else 1.0
        self.embed_tokens = nn.Embedding(cfg.vocab_size, cfg.d_model, padding_idx=cfg.pad_id)
        if cfg.positions == "sinusoidal":
            table = sinusoidal_table(cfg.max_seq_len + POSITION_OFFSET, cfg.d_model, cfg.pad_id)
            self.register_buffer("embed_positions", table, persistent=False)
        elif cfg.positions == "learned":
            self.embed_positions = nn.Embedding(cfg.max_seq_len, cfg.d_model)
        else:
            inv_freq = 1.0 / (10000 ** (torch.arange(0, cfg.head_dim, 2).float() / cfg.head_dim))
            self.register_buffer("rope_inv_freq", inv_freq, persistent=False)
        self.dropout = nn.Dropout(cfg.dropout)
        self.layers = nn.ModuleList(Block(cfg) for _ in range(cfg.n_layers))
        self.layer_norm = nn.LayerNorm(cfg.d_model, eps=cfg.layer_norm_eps)
        self.lm_head = nn.Linear(cfg.d_model, cfg.vocab_size, bias=False)
        self.reset_parameters()
        if cfg.tie_embeddings:
            self.lm_head.weight = self.embed_tokens.weight

    def reset_parameters(self) -> None:
        """fairseq's init: linears N(0, 0.02) with zero bias; embeddings N(0, D^-0.5) when scaled."""
        for module in self.modules():
            if isinstance(module, nn.Linear):
                nn.init.normal_(module.weight, std=0.02)
                if module.bias is not None:
                    nn.init.zeros_(module.bias)
            elif isinstance(module, nn.Embedding):
                std = self.cfg.d_model ** -0.5 if self.cfg.scale_embeddings else 0.02
                nn.init.normal_(module.weight, std=std)
        with torch.no_grad():
            self.embed_tokens.weight[self.cfg.pad_id].zero_()

    def num_params(self, non_embedding: bool = False) -> int:
        """Parameters counted once (tied weights once); ``non_embedding`` leaves out position tables."""
        n = sum(p.numel() for p in {id(p): p for p in self.parameters()}.values())
        if non_embedding and self.cfg.positions == "learned":
            n -= self.embed_positions.weight.numel()
        return n

    def forward(self, tokens_BT: torch.Tensor, positions_BT: torch.Tensor | None = None,
                cache: KVCache | None = None) -> torch.Tensor:
        B, T = tokens_BT.shape
        past = cache.length if cache is not None else 0
        if past + T > self.cfg.max_seq_len:
            raise ValueError(f"sequence of {past + T} tokens exceeds max_seq_len={self.cfg.max_seq_len}")
        if positions_BT is None:
            positions_BT = torch.arange(past, past + T, device=tokens_BT.device).unsqueeze(0).expand(B, T)
        x_BTD = self.embed_tokens(tokens_BT) * self.embed_scale
        rope = None
        if self.cfg.positions == "sinusoidal":
            x_BTD = x_BTD + self.embed_positions[positions_BT + POSITION_OFFSET].to(x_BTD.dtype)
        elif self.cfg.positions == "learned":
            x_BTD = x_BTD + self.embed_positions(positions_BT)
        else:
            angles_TQ = torch.outer(torch.arange(past, past + T, device=tokens_BT.device).float(), self.rope_inv_freq)
            angles_TQ = torch.cat([angles_TQ, angles_TQ], dim=-1)
            rope = (angles_TQ.cos().to(x_BTD.dtype), angles_TQ.sin().to(x_BTD.dtype))
        x_BTD = self.dropout(x_BTD)
        for i, layer in enumerate(self.layers):
            x_BTD = layer(x_BTD, rope, cache, i)
        return self.lm_head(self.layer_norm(x_BTD))  # logits_BTV


def build_model_config(preset: str, overrides: dict, vocab_size: int | None) -> ModelConfig:
    """A preset with overrides applied; ``vocab_size`` (the tokenizer's) fills in when neither sets it."""
    if preset not in PRESETS:
        raise ValueError(f"unknown model preset {preset!r}; choose from {', '.join(PRESETS)}")
    fields = {**PRESETS[preset], **overrides}
    if "vocab_size" not in fields:
        if vocab_size is None:
            raise ValueError(f"preset {preset!r} has no vocab_size and the release names none; set train.model.vocab_size")
        fields["vocab_size"] = vocab_size
    cfg = ModelConfig.model_validate(fields)
    if vocab_size is not None and cfg.vocab_size < vocab_size:
        raise ValueError(f"model vocab_size {cfg.vocab_size} is smaller than the tokenizer's {vocab_size}")
    return cfg
