"""Shared helpers of the tokenizer benchmarks: real Python files, a deterministic sample, timing."""

from __future__ import annotations

import hashlib
import sysconfig
import time
from collections.abc import Callable, Iterable
from pathlib import Path


def python_files(include_site_packages: bool = True) -> list[Path]:
    """Every ``.py`` file of the standard library (without its site-packages) and, optionally, of this
    environment's site-packages, sorted."""
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    files = [p for p in stdlib.rglob("*.py") if "site-packages" not in p.relative_to(stdlib).parts]
    if include_site_packages:
        files += list(Path(sysconfig.get_paths()["purelib"]).rglob("*.py"))
    return sorted(files)


def read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return None


def in_sample(path: Path, fraction: float) -> bool:
    digest = hashlib.sha256(str(path).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < fraction


def split_corpus(files: Iterable[Path], train_mb: float, heldout_mb: float, fraction: float = 0.5
                 ) -> tuple[list[str], list[str]]:
    """(training texts, held-out texts): files chosen by a hash of their path, capped by size."""
    train, heldout, train_bytes, heldout_bytes = [], [], 0, 0
    for path in files:
        text = read_text(path)
        if not text:
            continue
        size = len(text.encode("utf-8"))
        if in_sample(path, fraction):
            if train_bytes < train_mb * 1e6:
                train.append(text)
                train_bytes += size
        elif heldout_bytes < heldout_mb * 1e6:
            heldout.append(text)
            heldout_bytes += size
    return train, heldout


def timed(fn: Callable[[], object], repeat: int = 1) -> tuple[float, object]:
    """Mean wall time of ``repeat`` runs (never the best run) and the last result."""
    total, result = 0.0, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        total += time.perf_counter() - start
    return total / max(repeat, 1), result
