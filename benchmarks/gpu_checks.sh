#!/usr/bin/env bash
# The trainer's GPU checks (issue 8), for a CUDA machine: the gpu test suite (nccl under torchrun,
# bf16 autocast, FSDP2 with activation checkpointing and sharded resume, torch.compile, a tiny model
# that learns to infill), then incoder-1B at 2048 tokens on one GPU, eager and compiled, each against
# a bare PyTorch loop side by side (benchmarks/gpu_mfu.py). Logs go to OUTDIR (default gpu-checks/).
#
#   benchmarks/gpu_checks.sh [OUTDIR]
set -uo pipefail
out=${1:-gpu-checks}
mkdir -p "$out"
export PYTHONUNBUFFERED=1
{ nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv
  python3 -c "import torch; print('torch', torch.__version__, 'cuda', torch.version.cuda)"; } | tee "$out/device.txt"
status=0
timeout 120 python3 benchmarks/gpu_mfu.py --steps 20 2>&1 | tee "$out/mfu_eager.log" || status=1
timeout 300 python3 -m pytest -m gpu -s -q tests/training/test_gpu.py 2>&1 | tee "$out/gpu_tests.log" || status=1
timeout 150 python3 benchmarks/gpu_mfu.py --steps 20 --compile 2>&1 | tee "$out/mfu_compile.log" || status=1
exit $status
