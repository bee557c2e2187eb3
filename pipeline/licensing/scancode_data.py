"""Licence texts and rules shipped inside the installed scancode-toolkit, read at run time.

``licensedcode/data/licenses/<key>.LICENSE`` holds each licence's reference text and
``licensedcode/data/rules/*.RULE`` the texts scancode matches it by; both start with YAML-like front
matter between ``---`` lines (scancode-toolkit docs, "How to add a new license detection rule"). The
detector reads them to build its templates; ``build_fastpath`` (the offline table builder) reads them
too, and imports these helpers from here, never the other way round.
"""

from __future__ import annotations

import re
from pathlib import Path


def split_front_matter(raw: str) -> tuple[dict[str, str], str]:
    """``(fields, text)`` of a scancode .LICENSE/.RULE file (YAML-ish front matter between ---)."""
    if not raw.startswith("---"):
        return {}, raw
    _, head, body = raw.split("---", 2)
    fields = {}
    for line in head.splitlines():
        key, sep, value = line.partition(":")
        if sep and not line.startswith(" "):
            fields[key.strip()] = value.strip()
    return fields, body.strip("\n")


def clean_rule_text(text: str) -> str:
    """A rule's text without scancode's ``{{ }}`` required-phrase markers."""
    return text.replace("{{", "").replace("}}", "")


def scancode_data_dir() -> Path:
    """``licensedcode/data`` of the installed scancode-toolkit (its licence texts and rules)."""
    import licensedcode

    return Path(licensedcode.__file__).resolve().parent / "data"


def licence_text(key: str, data_dir: Path | None = None) -> str:
    """The reference text of scancode licence ``key`` (``mit``, ``bsd-new``, ``apache-2.0``)."""
    path = (data_dir or scancode_data_dir()) / "licenses" / f"{key}.LICENSE"
    return split_front_matter(path.read_text(encoding="utf-8"))[1]


def is_licence_text_source(source: str) -> bool:
    """True for a licence's own text (``x.LICENSE``, its ``#terms`` and ``#notice`` parts), not a rule."""
    return source.split("#")[0].endswith(".LICENSE")


def source_text(data_dir: Path, source: str) -> str | None:
    """The text a table entry was made from (``rule`` field: ``x.RULE``, ``x.LICENSE``, ``x.LICENSE#terms``),
    or a licence's own short notice (``x.LICENSE#notice``, the appendix's "Licensed under ..." text)."""
    name, _, part = source.partition("#")
    path = data_dir / ("licenses" if name.endswith(".LICENSE") else "rules") / name
    if not path.is_file():
        return None
    _, text = split_front_matter(path.read_text(encoding="utf-8"))
    if part == "notice":  # the notice a licence's appendix tells users to put in their files
        found = re.search(r"(?im)^\s*copyright\s*\[?yyyy\]?.*$", text)
        return text[found.end():] if found else None
    if part == "terms":
        text = re.split(r"(?im)^\s*end of terms and conditions\s*$", text, maxsplit=1)[0] + "END OF TERMS AND CONDITIONS\n"
    return text if name.endswith(".LICENSE") else clean_rule_text(text)
