"""The blind review's printing aid (PROTOCOL.md): each file with numbered lines, then a word alignment
against the closest of the four allowed licences' reference texts (scancode-toolkit's licence data), to
help a reviewer spot edits, insertions and deletions. It prints no label and no detector's verdict.

    .venv/bin/python benchmarks/data/licenses_fresh/review/show.py npm_round33/<package>/LICENSE ...

Paths are relative to ``benchmarks/data/licenses_fresh`` (or absolute).
"""

from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path

FRESH = Path(__file__).resolve().parents[1]
ALLOWED = {"mit": "MIT", "bsd-simplified": "BSD-2-Clause", "bsd-new": "BSD-3-Clause", "apache-2.0": "Apache-2.0"}
SHOWN_LINES, SHOWN_WIDTH, SHOWN_EDITS = 600, 300, 25
_WORD = re.compile(r"[a-z0-9]+")


def references() -> dict[str, list[str]]:
    """``{SPDX id: the words of scancode's text of it}`` for the four allowed licences."""
    from licensedcode.cache import get_licenses_db

    db = get_licenses_db()
    return {spdx: _WORD.findall(db[key].text.lower()) for key, spdx in ALLOWED.items()}


def show(path: Path, refs: dict[str, list[str]]) -> None:
    text = path.read_text(errors="replace")
    lines = text.splitlines()
    print(f"### {path.relative_to(FRESH) if path.is_relative_to(FRESH) else path}  ({len(lines)} lines)")
    for n, line in enumerate(lines[:SHOWN_LINES], 1):
        print(f"{n:4d}| {line[:SHOWN_WIDTH]}")
    if len(lines) > SHOWN_LINES:
        print(f"... {len(lines) - SHOWN_LINES} more lines (read the file directly)")
    got = _WORD.findall(text.lower())
    spdx, cover, matcher, want = max(
        ((spdx, sum(b.size for b in m.get_matching_blocks()) / max(1, len(want)), m, want)
         for spdx, want in refs.items() for m in [difflib.SequenceMatcher(None, want, got, autojunk=False)]),
        key=lambda found: found[1])
    print(f"--- alignment: closest allowed reference {spdx}, {cover:.0%} of its words found in order")
    if cover >= 0.5:
        edits = [op for op in matcher.get_opcodes() if op[0] != "equal"]
        for op, i1, i2, j1, j2 in edits[:SHOWN_EDITS]:
            print(f"    {op}: reference {' '.join(want[i1:i2])[:200]!r} -> file {' '.join(got[j1:j2])[:200]!r}")
        if len(edits) > SHOWN_EDITS:
            print("    ... more differences")
    print()


def main(argv: list[str]) -> int:
    refs = references()
    for arg in argv:
        path = Path(arg)
        show(path if path.is_absolute() else FRESH / path, refs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
