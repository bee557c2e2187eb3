"""Training metrics: FLOPs and MFU, the ``metrics.jsonl`` log, the rank-0 progress bar, the loss plot.

MFU follows nanoGPT (nanoGPT's MFU estimate and torchtitan): ``6N + 12 L H Q T`` FLOPs per token (N parameters
without position tables, L layers, H heads, Q head dim, T sequence length), divided by the devices'
peak dense bf16 throughput (``train.peak_tflops``, else the table below by device name; CPU has none).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from training import io as tio
from training.model import ModelConfig

log = logging.getLogger(__name__)

# Peak dense bf16 TFLOP/s per device (vendor datasheets; nanoGPT's MFU estimate and torchtitan for A100/H100).
PEAK_TFLOPS = {"H200": 989.0, "H100": 989.0, "A100": 312.0, "L40S": 362.0, "A10G": 70.0, "L4": 121.0, "V100": 125.0}


def flops_per_token(model_cfg: ModelConfig, num_params: int, seq_len: int) -> float:
    return 6.0 * num_params + 12.0 * model_cfg.n_layers * model_cfg.n_heads * model_cfg.head_dim * seq_len


def peak_flops(device_name: str, configured_tflops: float | None) -> float | None:
    """Peak FLOP/s of one device, or None when unknown (MFU is then not reported)."""
    if configured_tflops:
        return configured_tflops * 1e12
    for key, tflops in PEAK_TFLOPS.items():
        if key in device_name:
            return tflops * 1e12
    return None


class MetricsLog:
    """Rank 0's JSON-lines log (one object per record); inert on other ranks."""

    def __init__(self, path: str, enabled: bool, resume_step: int | None) -> None:
        self.path, self.enabled = path, enabled
        self.records: list[dict[str, Any]] = []
        if not enabled:
            return
        if resume_step is not None and tio.exists(path):
            # Records past the checkpoint came from the killed run; the resumed run writes them again.
            lines = tio.read_text(path).splitlines()
            self.records = [r for r in map(json.loads, filter(str.strip, lines)) if r.get("step", 0) <= resume_step]
        tio.write_text(path, "".join(json.dumps(r) + "\n" for r in self.records))

    def write(self, record: dict[str, Any]) -> None:
        if not self.enabled:
            return
        self.records.append(record)
        tio.append_text(self.path, json.dumps(record) + "\n")

    def close(self) -> None:
        """Nothing is held open: every record is on disk once ``write`` returns."""

    def series(self, key: str) -> tuple[list[int], list[float]]:
        pts = [(r["step"], r[key]) for r in self.records if r.get(key) is not None]
        return [p[0] for p in pts], [p[1] for p in pts]


def plot_losses(metrics: MetricsLog, path: str, title: str) -> None:
    """Training and validation loss against step, as a PNG (matplotlib Agg)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4))
    steps, losses = metrics.series("loss")
    ax.plot(steps, losses, label="train loss", linewidth=1.2)
    vsteps, vlosses = metrics.series("val_loss")
    if vsteps:
        ax.plot(vsteps, vlosses, "o-", label="validation loss", linewidth=1.2)
    ax.set_xlabel("step")
    ax.set_ylabel("loss (nats/token)")
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    with tio.atomic_write(path) as handle:
        fig.savefig(handle, format="png", dpi=110)
    plt.close(fig)
