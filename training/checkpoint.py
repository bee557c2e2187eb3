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
``keep_last`` are deleted: a killed job leaves either the whole checkpoint or none. Every file is
written, listed and read through ``training.io`` (fsspec), so the run directory may be local, on a
shared POSIX filesystem (the rename is the commit) or in an object store (``meta.json``, written last,
marks a complete checkpoint; ``latest`` is only read when the checkpoint it names is complete).
"""

from __future__ import annotations

import io
import json
import logging
import random
from typing import Any

import numpy as np
import torch
from safetensors.torch import load, save

from training import io as tio
from training.errors import FatalError
from training.model import ModelConfig, Transformer
from training.parallelize import DistInfo, barrier

log = logging.getLogger(__name__)

TIED = "lm_head.weight"


def checkpoints_root(run_dir: str) -> str:
    return tio.join(run_dir, "checkpoints")


def _step_dirs(root: str) -> list[str]:
    """Names of the finished ``step-*`` directories under ``root``, oldest first."""
    return [n for n in tio.list_dir(root) if n.startswith("step-") and not n.endswith(".tmp")]


def latest_checkpoint(root: str) -> str | None:
    """The checkpoint ``latest`` names, else the highest complete ``step-*`` directory, else None."""
    marker = tio.join(root, "latest")
    if tio.isfile(marker):
        path = tio.join(root, tio.read_text(marker).strip())
        if tio.isfile(tio.join(path, "meta.json")):
            return path
    complete = [n for n in _step_dirs(root) if tio.isfile(tio.join(root, n, "meta.json"))]
    return tio.join(root, complete[-1]) if complete else None


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
    final = tio.join(root, f"step-{step:08d}")
    tmp = final + ".tmp"
    if info.is_main:
        tio.remove_tree(tmp)
        tio.makedirs(tio.join(tmp, "rng"))
    barrier(info)
    weights = _full_model_state(model, info)
    if info.strategy == "fsdp":
        import torch.distributed.checkpoint as dcp
        from torch.distributed.checkpoint.state_dict import get_state_dict

        model_sd, optim_sd = get_state_dict(model, optimizer)
        dcp.save({"model": model_sd, "optim": optim_sd}, **_dcp_target(tio.join(tmp, "dcp"), write=True))
    rng_bytes = _torch_bytes(rng_state())
    tio.write_bytes(tio.join(tmp, "rng", f"rank-{info.rank:05d}.pt"), rng_bytes)
    if info.is_main:
        tio.write_bytes(tio.join(tmp, "model.safetensors"), save(weights))
        tio.write_text(tio.join(tmp, "model_config.json"), model_cfg.model_dump_json(indent=2) + "\n")
        if tokenizer_bytes is not None:
            tio.write_bytes(tio.join(tmp, "tokenizer.model"), tokenizer_bytes)
        if info.strategy != "fsdp":
            state = {"optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict()}
            tio.write_bytes(tio.join(tmp, "optimizer.pt"), _torch_bytes(state))
        else:
            tio.write_bytes(tio.join(tmp, "scheduler.pt"), _torch_bytes(scheduler.state_dict()))
    barrier(info)
    if info.is_main:
        meta = {**meta, "step": step, "tokenizer": "tokenizer.model" if tokenizer_bytes is not None else None}
        tio.write_json(tio.join(tmp, "meta.json"), meta)  # last file: marks the directory complete
        tio.remove_tree(final)
        tio.move(tmp, final)
        tio.write_text(tio.join(root, "latest"), tio.basename(final) + "\n")
        _prune(root, keep_last)
        log.info("checkpoint %s written", final)
    barrier(info)
    return final


def _prune(root: str, keep_last: int) -> None:
    for name in _step_dirs(root)[:-keep_last]:
        tio.remove_tree(tio.join(root, name))
    for name in tio.list_dir(root):
        if name.startswith("step-") and name.endswith(".tmp"):  # left by a killed job
            tio.remove_tree(tio.join(root, name))


def _dcp_target(path: str, write: bool) -> dict[str, Any]:
    """``torch.distributed.checkpoint`` arguments for ``path``: a plain directory locally, else fsspec."""
    if not tio.is_url(path):
        return {"checkpoint_id": path}
    from torch.distributed.checkpoint._fsspec_filesystem import FsspecReader, FsspecWriter

    return {"storage_writer": FsspecWriter(path)} if write else {"storage_reader": FsspecReader(path)}


def _torch_bytes(obj: Any) -> bytes:
    buffer = io.BytesIO()
    torch.save(obj, buffer)
    return buffer.getvalue()


def _torch_load(path: str, **kwargs: Any) -> Any:
    return torch.load(io.BytesIO(tio.read_bytes(path)), weights_only=False, **kwargs)


def read_meta(path: str) -> dict[str, Any]:
    try:
        return json.loads(tio.read_text(tio.join(path, "meta.json")))
    except (OSError, json.JSONDecodeError) as exc:
        raise FatalError(f"checkpoint {path}: unreadable meta.json ({exc})") from None


def load_weights(model: Transformer, path: str) -> None:
    """Load ``model.safetensors`` into an unwrapped model (the tied head follows the embedding)."""
    state = load(tio.read_bytes(tio.join(path, "model.safetensors")))
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
        dcp.load(state, **_dcp_target(tio.join(path, "dcp"), write=False))
        set_state_dict(model, optimizer, model_state_dict=state["model"], optim_state_dict=state["optim"])
        scheduler.load_state_dict(_torch_load(tio.join(path, "scheduler.pt")))
    else:
        load_weights(model, path)
        state = _torch_load(tio.join(path, "optimizer.pt"), map_location=info.device)
        optimizer.load_state_dict(state["optimizer"])
        scheduler.load_state_dict(state["scheduler"])
    set_rng_state(_torch_load(tio.join(path, "rng", f"rank-{info.rank:05d}.pt")))


def load_for_inference(path: str, device: str = "cpu") -> tuple[Transformer, ModelConfig, str | None]:
    """``(model in eval mode, its config, tokenizer.model path or None)`` from a checkpoint directory,
    or from a checkpoints root / run directory (its latest checkpoint)."""
    candidates = [path, tio.join(path, "checkpoints")]
    ckpt = next((p for p in candidates if tio.isfile(tio.join(p, "model_config.json"))), None)
    if ckpt is None:
        ckpt = next((c for c in map(latest_checkpoint, candidates) if c), None)
    if ckpt is None:
        raise FatalError(f"no checkpoint found at {path} (expected model_config.json or checkpoints/step-*)")
    cfg = ModelConfig.model_validate_json(tio.read_text(tio.join(ckpt, "model_config.json")))
    model = Transformer(cfg)
    load_weights(model, ckpt)
    model.to(device).eval()
    tokenizer = tio.join(ckpt, "tokenizer.model")
    return model, cfg, tokenizer if tio.isfile(tokenizer) else None
