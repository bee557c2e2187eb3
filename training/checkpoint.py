"""Checkpoints: everything an exact resume needs, and a self-contained model for inference.

``<run_dir>/checkpoints/step-00000100/``:

- ``model.safetensors`` full fp32 weights (consolidated on rank 0 under FSDP; the tied
  ``lm_head.weight`` is stored once, as ``embed_tokens.weight``), ``model_config.json``, and
  ``tokenizer.model`` (a copy of the release's ``tokenizer/spm.model``; ``meta.json`` records null
  when the release has none): what ``load_for_inference`` needs;
- ``meta.json``: step, data cursor, counters, world size, workers, seed, digests of the config and
  the release manifest, the resolved config;
- ``optimizer.pt`` (optimizer + scheduler, written by rank 0) or, under FSDP, ``dcp/`` (model and
  optimizer sharded by ``torch.distributed.checkpoint``, every rank writing its shard);
- ``rng/rank-RRRRR.pt``: python, numpy, torch and CUDA generator states of each rank.

A checkpoint is written into ``step-N.tmp`` and renamed into place by rank 0 after every rank has
finished, then ``latest`` (a text file naming it) is replaced atomically and checkpoints beyond
``keep_last`` are deleted: a killed job leaves either the whole checkpoint or none. Checkpoints live
on a local or shared POSIX filesystem (the rename is the commit).
"""

from __future__ import annotations

import json
import logging
import os
import random
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import torch
from safetensors.torch import load_file, save

from pipeline import fsio
from pipeline.errors import FatalError
from training.model import ModelConfig, Transformer
from training.parallelize import DistInfo, barrier

log = logging.getLogger(__name__)

TIED = "lm_head.weight"


def checkpoints_root(run_dir: str) -> str:
    return os.path.join(run_dir, "checkpoints")


def latest_checkpoint(root: str) -> str | None:
    """The checkpoint ``latest`` names, else the highest complete ``step-*`` directory, else None."""
    marker = os.path.join(root, "latest")
    if os.path.isfile(marker):
        path = os.path.join(root, Path(marker).read_text().strip())
        if os.path.isfile(os.path.join(path, "meta.json")):
            return path
    steps = sorted(p for p in Path(root).glob("step-*") if p.is_dir() and not p.name.endswith(".tmp")
                   and (p / "meta.json").is_file()) if os.path.isdir(root) else []
    return str(steps[-1]) if steps else None


def rng_state() -> dict[str, Any]:
    state = {"python": random.getstate(), "numpy": np.random.get_state(), "torch": torch.get_rng_state()}
    if torch.cuda.is_available():
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def set_rng_state(state: dict[str, Any]) -> None:
    random.setstate(state["python"])
    np.random.set_state(state["numpy"])
    torch.set_rng_state(state["torch"])
    if "cuda" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda"])


def _full_model_state(model: torch.nn.Module, info: DistInfo) -> dict[str, torch.Tensor]:
    """Full CPU fp32 weights (a collective under FSDP; only rank 0 gets them then)."""
    if info.strategy == "fsdp":
        from torch.distributed.checkpoint.state_dict import StateDictOptions, get_model_state_dict

        state = get_model_state_dict(model, options=StateDictOptions(full_state_dict=True, cpu_offload=True))
    else:
        state = {k: v.detach().cpu() for k, v in model.state_dict().items()}
    if getattr(model, "cfg", None) is not None and model.cfg.tie_embeddings:
        state.pop(TIED, None)
    return {k: v.contiguous() for k, v in state.items()}


def save_checkpoint(root: str, step: int, model: torch.nn.Module, optimizer: torch.optim.Optimizer,
                    scheduler: Any, meta: dict[str, Any], model_cfg: ModelConfig,
                    tokenizer_bytes: bytes | None, info: DistInfo, keep_last: int) -> str:
    """Write checkpoint ``step`` under ``root`` (every rank calls this); returns its path."""
    final = os.path.join(root, f"step-{step:08d}")
    tmp = final + ".tmp"
    if info.is_main:
        shutil.rmtree(tmp, ignore_errors=True)
        os.makedirs(os.path.join(tmp, "rng"), exist_ok=True)
    barrier(info)
    weights = _full_model_state(model, info)
    if info.strategy == "fsdp":
        import torch.distributed.checkpoint as dcp
        from torch.distributed.checkpoint.state_dict import get_state_dict

        model_sd, optim_sd = get_state_dict(model, optimizer)
        dcp.save({"model": model_sd, "optim": optim_sd}, checkpoint_id=os.path.join(tmp, "dcp"))
    rng_bytes = _torch_bytes(rng_state())
    fsio.write_bytes(os.path.join(tmp, "rng", f"rank-{info.rank:05d}.pt"), rng_bytes)
    if info.is_main:
        fsio.write_bytes(os.path.join(tmp, "model.safetensors"), save(weights))
        fsio.write_text(os.path.join(tmp, "model_config.json"), model_cfg.model_dump_json(indent=2) + "\n")
        if tokenizer_bytes is not None:
            fsio.write_bytes(os.path.join(tmp, "tokenizer.model"), tokenizer_bytes)
        if info.strategy != "fsdp":
            state = {"optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict()}
            fsio.write_bytes(os.path.join(tmp, "optimizer.pt"), _torch_bytes(state))
        else:
            fsio.write_bytes(os.path.join(tmp, "scheduler.pt"), _torch_bytes(scheduler.state_dict()))
    barrier(info)
    if info.is_main:
        meta = {**meta, "step": step, "tokenizer": "tokenizer.model" if tokenizer_bytes is not None else None}
        fsio.write_json(os.path.join(tmp, "meta.json"), meta)  # last file: marks the directory complete
        shutil.rmtree(final, ignore_errors=True)
        os.rename(tmp, final)
        fsio.write_text(os.path.join(root, "latest"), os.path.basename(final) + "\n")
        _prune(root, keep_last)
        log.info("checkpoint %s written", final)
    barrier(info)
    return final


def _prune(root: str, keep_last: int) -> None:
    done = sorted(p for p in Path(root).glob("step-*") if p.is_dir() and not p.name.endswith(".tmp"))
    for path in done[:-keep_last]:
        shutil.rmtree(path, ignore_errors=True)
    for path in Path(root).glob("step-*.tmp"):  # left by a killed job
        shutil.rmtree(path, ignore_errors=True)


def _torch_bytes(obj: Any) -> bytes:
    import io

    buffer = io.BytesIO()
    torch.save(obj, buffer)
    return buffer.getvalue()


def read_meta(path: str) -> dict[str, Any]:
    try:
        return json.loads(Path(path, "meta.json").read_text())
    except (OSError, json.JSONDecodeError) as exc:
        raise FatalError(f"checkpoint {path}: unreadable meta.json ({exc})") from None


def load_weights(model: Transformer, path: str) -> None:
    """Load ``model.safetensors`` into an unwrapped model (the tied head follows the embedding)."""
    state = load_file(os.path.join(path, "model.safetensors"))
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [k for k in missing if not (k == TIED and model.cfg.tie_embeddings)]
    if missing or unexpected:
        raise FatalError(f"checkpoint {path}: weights do not fit the model (missing {missing}, unexpected {unexpected})")


def load_training_state(path: str, model: torch.nn.Module, optimizer: torch.optim.Optimizer, scheduler: Any,
                        info: DistInfo) -> None:
    """Restore weights, optimizer, scheduler and this rank's RNG from checkpoint ``path``."""
    if info.strategy == "fsdp":
        import torch.distributed.checkpoint as dcp
        from torch.distributed.checkpoint.state_dict import get_state_dict, set_state_dict

        model_sd, optim_sd = get_state_dict(model, optimizer)
        state = {"model": model_sd, "optim": optim_sd}
        dcp.load(state, checkpoint_id=os.path.join(path, "dcp"))
        set_state_dict(model, optimizer, model_state_dict=state["model"], optim_state_dict=state["optim"])
        scheduler.load_state_dict(torch.load(os.path.join(path, "scheduler.pt"), weights_only=False))
    else:
        load_weights(model, path)
        state = torch.load(os.path.join(path, "optimizer.pt"), map_location=info.device, weights_only=False)
        optimizer.load_state_dict(state["optimizer"])
        scheduler.load_state_dict(state["scheduler"])
    rng_path = os.path.join(path, "rng", f"rank-{info.rank:05d}.pt")
    set_rng_state(torch.load(rng_path, weights_only=False))


def load_for_inference(path: str, device: str = "cpu") -> tuple[Transformer, ModelConfig, str | None]:
    """``(model in eval mode, its config, tokenizer.model path or None)`` from a checkpoint directory,
    or from a checkpoints root / run directory (its latest checkpoint)."""
    candidates = [path, os.path.join(path, "checkpoints")]
    ckpt = next((p for p in candidates if os.path.isfile(os.path.join(p, "model_config.json"))), None)
    if ckpt is None:
        ckpt = next((c for c in map(latest_checkpoint, candidates) if c), None)
    if ckpt is None:
        raise FatalError(f"no checkpoint found at {path} (expected model_config.json or checkpoints/step-*)")
    cfg = ModelConfig.model_validate_json(Path(ckpt, "model_config.json").read_text())
    model = Transformer(cfg)
    load_weights(model, ckpt)
    model.to(device).eval()
    tokenizer = os.path.join(ckpt, "tokenizer.model")
    return model, cfg, tokenizer if os.path.isfile(tokenizer) else None
