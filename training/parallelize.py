"""Process groups and model parallelisation; the model itself (model.py) knows nothing of either.

``init_distributed`` reads torchrun's environment (RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR/PORT,
set by ``torchrun`` on one node or from its rendezvous on many) and picks gloo on CPU, nccl on CUDA.
``parallelize`` applies, in torchtitan's order: activation checkpointing (each layer recomputed in
backward), ``torch.compile`` per layer, then data parallelism: FSDP2 (``fully_shard`` per layer,
then the root, with bf16 parameters and fp32 reductions when mixed precision is on) or DDP.
Parameter names are unchanged by all of it (checkpoint wrappers strip their prefix from state dicts),
so checkpoints load into an unwrapped model.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

import torch
import torch.distributed as dist
from torch import nn

from training.config import TrainConfig
from training.errors import ConfigError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DistInfo:
    rank: int
    world_size: int
    local_rank: int
    device: torch.device
    strategy: str  # single | ddp | fsdp
    bf16: bool  # mixed precision on

    @property
    def is_main(self) -> bool:
        return self.rank == 0

    @property
    def distributed(self) -> bool:
        return self.world_size > 1 or dist.is_initialized()


def init_distributed(cfg: TrainConfig) -> DistInfo:
    world_size = int(os.environ.get("WORLD_SIZE", "1"))
    rank, local_rank = int(os.environ.get("RANK", "0")), int(os.environ.get("LOCAL_RANK", "0"))
    if cfg.device == "cuda" and not torch.cuda.is_available():
        raise ConfigError("train.device: cuda requested but no CUDA device is available")
    use_cuda = cfg.device == "cuda" or (cfg.device == "auto" and torch.cuda.is_available())
    if use_cuda:
        torch.cuda.set_device(local_rank)
        device = torch.device("cuda", local_rank)
    else:
        device = torch.device("cpu")
    strategy = cfg.parallel.strategy
    if strategy == "auto":
        strategy = "ddp" if world_size > 1 else "single"
    if strategy == "single" and world_size > 1:
        raise ConfigError(f"train.parallel.strategy: single, but WORLD_SIZE={world_size}; use ddp or fsdp")
    if strategy != "single" and not dist.is_initialized():
        backend = cfg.parallel.backend if cfg.parallel.backend != "auto" else ("nccl" if use_cuda else "gloo")
        if backend == "nccl" and not use_cuda:
            raise ConfigError("train.parallel.backend: nccl needs CUDA devices; use gloo on CPU")
        dist.init_process_group(backend=backend, device_id=device if use_cuda else None)
        log.info("process group %s: rank %d of %d on %s", backend, rank, world_size, device)
    bf16 = cfg.precision == "bf16" or (cfg.precision == "auto" and use_cuda)
    if bf16 and not use_cuda:
        log.warning("train.precision bf16 on CPU: autocast to bfloat16 on CPU is slow and for testing only")
    return DistInfo(rank, world_size, local_rank, device, strategy, bf16)


def parallelize(model: nn.Module, cfg: TrainConfig, info: DistInfo) -> nn.Module:
    """Apply AC, compile and DDP/FSDP2 to ``model`` (already on its device); returns the module to call."""
    layers = model.layers
    if cfg.parallel.activation_checkpointing:
        from torch.distributed.algorithms._checkpoint.checkpoint_wrapper import checkpoint_wrapper

        for i, layer in enumerate(layers):
            layers[i] = checkpoint_wrapper(layer, preserve_rng_state=True)
    if cfg.parallel.compile:
        for layer in layers:
            layer.compile()
    if info.strategy == "fsdp":
        from torch.distributed.fsdp import MixedPrecisionPolicy, fully_shard

        mp = MixedPrecisionPolicy(param_dtype=torch.bfloat16, reduce_dtype=torch.float32) if info.bf16 else MixedPrecisionPolicy()
        for i, layer in enumerate(layers):
            # The last layer's parameters are gathered again right away by the root: keep them.
            fully_shard(layer, mp_policy=mp, reshard_after_forward=i < len(layers) - 1)
        fully_shard(model, mp_policy=mp)
        return model
    if info.strategy == "ddp":
        from torch.nn.parallel import DistributedDataParallel

        device_ids = [info.device.index] if info.device.type == "cuda" else None
        # The only buffers are constant tables: nothing to broadcast before each forward.
        return DistributedDataParallel(model, device_ids=device_ids, broadcast_buffers=False)
    return model


def all_reduce_sum(values: list[float], info: DistInfo) -> list[float]:
    """Element-wise sum over ranks (identity in a single process)."""
    if not info.distributed:
        return values
    tensor = torch.tensor(values, dtype=torch.float64, device=info.device)
    dist.all_reduce(tensor)
    return tensor.tolist()


def barrier(info: DistInfo) -> None:
    if info.distributed:
        dist.barrier()


def shutdown() -> None:
    if dist.is_initialized():
        dist.destroy_process_group()
