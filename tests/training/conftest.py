"""Fixtures of the training tests: a generated release and a small train config writer."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
import yaml

from training.synthetic import counting_documents, write_release

VOCAB = 320
REPO = Path(__file__).resolve().parents[2]

# A model small enough that a step takes milliseconds on one core.
SMALL_MODEL = {"d_model": 64, "n_layers": 2, "n_heads": 4, "d_ff": 128, "max_seq_len": 256}


@pytest.fixture(scope="session")
def counting_release(tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("counting") / "release"
    write_release(str(root), {"train": counting_documents(1500, 0, VOCAB), "validation": counting_documents(60, 1, VOCAB)},
                  VOCAB, files_per_split=3, row_group_size=100)
    return str(root)


def write_config(path: Path, output_dir: Path, release: str, **train) -> Path:
    cfg = {"output_dir": str(output_dir), "seed": 3, "train": {
        "preset": "tiny", "model": dict(SMALL_MODEL), "release_dir": release, "seq_len": 32, "micro_batch_size": 4,
        "max_steps": 20, "progress": False, "optimizer": {"lr": 3e-3, "warmup_steps": 5},
        "checkpoint": {"every_steps": 10, "keep_last": 2}, "eval": {"every_steps": 10, "batches": 2},
        "log_every_steps": 1, **train}}
    path.write_text(yaml.safe_dump(cfg))
    return path


def subprocess_env() -> dict[str, str]:
    # The repository first, then whatever the caller's PYTHONPATH holds (a --target install, say).
    pythonpath = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    env = dict(os.environ, OMP_NUM_THREADS="1", PYTHONPATH=pythonpath)
    env.pop("RANK", None)
    env.pop("WORLD_SIZE", None)
    return env


INCODER = [sys.executable, "-m", "pipeline.cli"]


@pytest.fixture
def make_config():
    """``make_config(path, output_dir, release, **train_overrides) -> path`` of a small train config."""
    return write_config


@pytest.fixture
def cli() -> tuple[list[str], dict[str, str]]:
    """The ``incoder`` command line and environment for subprocess runs."""
    return INCODER, subprocess_env()


@pytest.fixture
def one_thread():
    """One intra-op thread: on a shared, loaded machine OpenMP spin-waits make 2 threads far slower."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)
