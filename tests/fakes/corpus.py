"""Real text for the tests that need more than a toy string: source files of the running interpreter's
standard library."""

from __future__ import annotations

import sysconfig
from pathlib import Path

STDLIB = Path(sysconfig.get_paths()["stdlib"])


def stdlib_texts(count: int) -> list[str]:
    """The first ``count`` standard-library modules over 2,000 bytes, by name."""
    files = sorted(p for p in STDLIB.glob("*.py") if p.stat().st_size > 2000)[:count]
    assert len(files) >= min(count, 20), "the interpreter's stdlib should have plenty of .py files"
    return [p.read_text(encoding="utf-8", errors="replace") for p in files]
