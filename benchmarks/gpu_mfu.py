"""incoder-1B at 2048 tokens on one GPU: tokens/s and MFU, against a bare PyTorch loop side by side.

Goal: >= 45% MFU (anchors in nanoGPT's MFU estimate and torchtitan: MPT-1B 41.8% on H100, Megatron
41-48%). Runs ``Trainer.train_step`` (bf16 autocast, fused AdamW-equivalent foreach path, optional
torch.compile and activation checkpointing) on batches from a synthetic release, then the same model
architecture in a bare loop with the same settings, and prints both and their ratio. Needs a CUDA GPU.

    .venv/bin/python benchmarks/gpu_mfu.py [--steps 30] [--micro-batch 8] [--compile] [--ac]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time

import torch
import torch.nn.functional as F

from pipeline.config import parse_config
from training.metrics import flops_per_token, peak_flops
from training.model import Transformer
from training.parallelize import DistInfo, parallelize
from training.synthetic import random_documents, write_release
from training.trainer import Trainer


def timed(fn, steps: int) -> float:
    torch.cuda.synchronize()
    start = time.perf_counter()
    for _ in range(steps):
        fn()
    torch.cuda.synchronize()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--micro-batch", type=int, default=8)
    parser.add_argument("--compile", action="store_true")
    parser.add_argument("--ac", action="store_true", help="activation checkpointing")
    args = parser.parse_args()
    if not torch.cuda.is_available():
        raise SystemExit("gpu_mfu.py needs a CUDA GPU")
    torch.backends.cuda.matmul.allow_tf32 = True
    mbs, seq = args.micro_batch, 2048
    with tempfile.TemporaryDirectory() as tmp:
        write_release(f"{tmp}/release", {"train": random_documents(4 * mbs * 40, 0, 50518, 1000, 3000)}, 50518)
        cfg = parse_config({"output_dir": tmp, "train": {
            "preset": "incoder-1B", "seq_len": seq, "micro_batch_size": mbs, "max_steps": 10**6, "progress": False,
            "precision": "bf16", "parallel": {"compile": args.compile, "activation_checkpointing": args.ac},
            "optimizer": {"lr": 1e-4, "warmup_steps": 100}}})
        trainer = Trainer(cfg.train)
        source = trainer.batches()
        batches = [next(source) for _ in range(4)]
        name = torch.cuda.get_device_name()
        peak = peak_flops(name, None)
        fpt = flops_per_token(trainer.model_cfg, trainer.num_params, seq)

        it = iter(range(10**9))

        def trainer_step(t: Trainer = trainer) -> None:
            t.train_step([batches[next(it) % len(batches)]])

        timed(trainer_step, args.warmup)
        t_trainer = timed(trainer_step, args.steps)
        trainer.close()
        model_cfg = trainer.model_cfg
        del trainer, source, trainer_step  # free the trainer's weights and optimizer state before the bare run
        torch.cuda.empty_cache()

        torch.manual_seed(0)
        bare = Transformer(model_cfg).cuda()
        if args.ac or args.compile:
            parallelize(bare, cfg.train, DistInfo(0, 1, 0, torch.device("cuda"), "single", True))
        opt = torch.optim.AdamW(bare.parameters(), lr=1e-4, betas=(0.9, 0.98), foreach=True)

        def bare_step() -> None:
            b = batches[next(it) % len(batches)]
            with torch.autocast("cuda", dtype=torch.bfloat16):
                logits = bare(b["inputs"])
            loss = (F.cross_entropy(logits.float().flatten(0, 1), b["targets"].flatten(), reduction="none")
                    * b["weights"].flatten()).sum() / b["weights"].sum()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(bare.parameters(), 1.0)
            opt.step()
            opt.zero_grad(set_to_none=True)

        timed(bare_step, args.warmup)
        t_bare = timed(bare_step, args.steps)
    tokens = mbs * seq * args.steps
    print(f"device {name}, peak {peak / 1e12 if peak else float('nan'):.0f} TFLOP/s, "
          f"{fpt / 1e9:.2f} GFLOP/token, micro-batch {mbs} x {seq}, compile={args.compile}, ac={args.ac}")
    for label, t in [("bare loop", t_bare), ("trainer", t_trainer)]:
        tps = tokens / t
        mfu = f"{fpt * tps / peak:.1%}" if peak else "n/a"
        print(f"{label:10s} {tps:12,.0f} tokens/s   MFU {mfu}")
    print(f"trainer / bare tokens/s = {t_bare / t_trainer:.3f}")
    trainer_mfu = fpt * tokens / t_trainer / peak if peak else 0.0
    met = trainer_mfu >= GOAL_MFU
    print(f"goal trainer MFU >= {GOAL_MFU:.0%}: {'met' if met else 'MISSED'}")
    return 0 if met else 1


GOAL_MFU = 0.45

if __name__ == "__main__":
    sys.exit(main())
