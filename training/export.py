"""Export a checkpoint as a Hugging Face model: XGLMForCausalLM weights, config and tokenizer.

InCoder ships as ``XGLMForCausalLM`` (the InCoder paper, Table 8, and the released model configs), and with ``positions: sinusoidal`` this
project's model computes exactly XGLM's forward, so the export is a renaming of the weights
(``X`` -> ``model.X``; ``lm_head`` tied to ``model.embed_tokens``). The output directory holds
``config.json``, ``generation_config.json``, ``model.safetensors`` and the tokenizer
(``tokenizer.json``, ``tokenizer_config.json``, built by ``tokenizer.hf`` from the checkpoint's
sentencepiece model: the same ids as ``IncoderTokenizer.encode`` on any text, special-token spellings
in the text included), and loads with no project code::

    from transformers import AutoModelForCausalLM, AutoTokenizer
    model = AutoModelForCausalLM.from_pretrained("out/demo/hf")
    tokenizer = AutoTokenizer.from_pretrained("out/demo/hf")

After writing, the export is loaded back and its logits compared with the checkpoint's on a sample
sequence (--no-verify skips this). Configurations XGLM cannot express are refused: learned or rotary
positions, untied embeddings, a LayerNorm epsilon other than 1e-5.

  incoder export --checkpoint out/demo/train/checkpoints --out out/demo/hf
"""

from __future__ import annotations

import logging
import os
import tempfile

import torch

from tokenizer import special_tokens as st
from training import io as tio
from training.errors import ConfigError, FatalError
from training.model import ModelConfig, Transformer

log = logging.getLogger(__name__)

XGLM_LAYER_NORM_EPS = 1e-5  # XGLM's LayerNorms use torch's default; it has no config field for it
DTYPES = {"float32": torch.float32, "float16": torch.float16, "bfloat16": torch.bfloat16}


def check_exportable(cfg: ModelConfig) -> None:
    """Raise ``ConfigError`` naming every setting XGLMForCausalLM cannot represent."""
    problems = []
    if cfg.positions != "sinusoidal":
        problems.append(f"positions={cfg.positions!r} (XGLM has fixed sinusoidal positions only)")
    if not cfg.tie_embeddings:
        problems.append("tie_embeddings=false (XGLM ties the output projection to the token embeddings)")
    if cfg.layer_norm_eps != XGLM_LAYER_NORM_EPS:
        problems.append(f"layer_norm_eps={cfg.layer_norm_eps} (XGLM's LayerNorms use {XGLM_LAYER_NORM_EPS})")
    if problems:
        raise ConfigError("this model cannot be exported as XGLMForCausalLM: " + "; ".join(problems))


def xglm_config(cfg: ModelConfig):
    """The ``transformers.XGLMConfig`` of a project model configuration."""
    from transformers import XGLMConfig

    return XGLMConfig(
        vocab_size=cfg.vocab_size,
        max_position_embeddings=cfg.max_seq_len,
        d_model=cfg.d_model,
        ffn_dim=cfg.d_ff,
        num_layers=cfg.n_layers,
        attention_heads=cfg.n_heads,
        activation_function="gelu",
        dropout=cfg.dropout,
        attention_dropout=cfg.dropout,
        activation_dropout=0.0,
        layerdrop=0.0,
        scale_embedding=cfg.scale_embeddings,
        pad_token_id=cfg.pad_id,
        bos_token_id=st.ENDOFTEXT_ID,
        eos_token_id=st.ENDOFTEXT_ID,
        decoder_start_token_id=st.ENDOFTEXT_ID,
        tie_word_embeddings=True,
    )


def to_xglm(model: Transformer, dtype: torch.dtype = torch.float32):
    """An ``XGLMForCausalLM`` holding ``model``'s weights (checked: every tensor placed, none left over)."""
    from transformers import XGLMForCausalLM

    check_exportable(model.cfg)
    hf = XGLMForCausalLM(xglm_config(model.cfg))
    renamed = {f"model.{name}": tensor for name, tensor in model.state_dict().items() if name != "lm_head.weight"}
    missing, unexpected = hf.load_state_dict(renamed, strict=False)
    missing = [k for k in missing if k != "lm_head.weight" and not k.endswith("embed_positions.weights")]
    if missing or unexpected:
        raise FatalError(f"weight names do not map onto XGLM (missing {missing}, unexpected {unexpected})")
    hf.tie_weights()
    return hf.to(dtype).eval()


@torch.no_grad()
def max_logit_difference(model: Transformer, hf_model, tokens_BT: torch.Tensor) -> float:
    """Largest absolute difference between the two models' logits on ``tokens_BT``."""
    ours_BTV = model(tokens_BT).float()
    theirs_BTV = hf_model(input_ids=tokens_BT).logits.float()
    return float((ours_BTV - theirs_BTV).abs().max())


def export_checkpoint(checkpoint: str, out_dir: str, dtype: str = "float32", verify: bool = True,
                      tolerance: float = 1e-4, tokenizer_path: str | None = None) -> list[str]:
    """Write the Hugging Face directory for ``checkpoint`` to ``out_dir`` (any Beam filesystem path);
    returns the written paths. ``verify`` reloads the export and compares logits within ``tolerance``
    (float32; looser for half precision)."""
    from training.checkpoint import load_for_inference

    if dtype not in DTYPES:
        raise ConfigError(f"--dtype must be one of {', '.join(DTYPES)}")
    model, cfg, ckpt_tokenizer = load_for_inference(checkpoint)
    check_exportable(cfg)
    tokenizer_path = tokenizer_path or ckpt_tokenizer
    if tokenizer_path is None:
        raise FatalError(f"checkpoint {checkpoint} has no tokenizer.model; pass --tokenizer")
    hf = to_xglm(model, DTYPES[dtype])
    written = []
    with tempfile.TemporaryDirectory(prefix="incoder-export-") as tmp:
        hf.save_pretrained(tmp, safe_serialization=True)
        from tokenizer.hf import export_hf

        export_hf(tio.read_bytes(tokenizer_path), tmp)
        if verify:
            _verify(model, tmp, dtype, tolerance)
        for name in sorted(os.listdir(tmp)):
            with open(os.path.join(tmp, name), "rb") as handle:
                target = tio.join(out_dir, name)
                tio.write_bytes(target, handle.read())
            written.append(target)
    log.info("exported %s as XGLMForCausalLM to %s (%d files)", checkpoint, out_dir, len(written))
    return written


@torch.no_grad()
def _verify(model: Transformer, hf_dir: str, dtype: str, tolerance: float) -> None:
    from transformers import AutoModelForCausalLM

    reloaded = AutoModelForCausalLM.from_pretrained(hf_dir, dtype=torch.float32).eval()
    generator = torch.Generator().manual_seed(0)
    length = min(64, model.cfg.max_seq_len)
    low = st.NUM_SPECIAL if model.cfg.vocab_size > st.NUM_SPECIAL else 1  # ordinary pieces when there are any
    tokens_BT = torch.randint(low, model.cfg.vocab_size, (2, length), generator=generator)
    tokens_BT[:, 0] = st.ENDOFTEXT_ID
    diff = max_logit_difference(model, reloaded, tokens_BT)
    allowed = tolerance if dtype == "float32" else max(tolerance, 5e-2 * float(model(tokens_BT).abs().max()))
    if diff > allowed:
        raise FatalError(f"exported model's logits differ by {diff:.3g} (allowed {allowed:.3g}); export not written")
    log.info("verified: exported logits match within %.3g (max difference %.3g)", allowed, diff)
