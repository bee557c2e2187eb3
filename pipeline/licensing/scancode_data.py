"""Licence texts and rules shipped inside the installed scancode-toolkit, read at run time.

``licensedcode/data/licenses/<key>.LICENSE`` holds each licence's reference text and
``licensedcode/data/rules/*.RULE`` the texts scancode matches it by; both start with YAML-like front
matter between ``---`` lines (scancode-toolkit docs, "How to add a new license detection rule"). The
detector reads them to build its templates; ``build_fastpath`` (the offline table builder) reads them
too, and imports these helpers from here, never the other way round.

``cached_build`` keeps what is derived from these files alone (the template matcher: ~3 s of CPU per
process to build, 0.2 s to load) on local disk, as scancode-toolkit keeps its own licence index
(``licensedcode/cache.py``): keyed by the scancode-toolkit release, the Python version and the source
of this package, so an upgrade or a code change rebuilds it. Directory: ``$INCODER_CACHE_DIR``, else
``$XDG_CACHE_HOME/incoder``, else ``~/.cache/incoder``; ``INCODER_CACHE_DIR=off`` builds in memory
every time. An unreadable or unwritable cache is only logged: the value is then built as without it.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import importlib.metadata
import logging
import os
import pickle
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

logger = logging.getLogger(__name__)
T = TypeVar("T")
PACKAGE_DIR = Path(__file__).resolve().parent


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


def cache_dir() -> Path | None:
    """Where ``cached_build`` keeps its files (None: ``INCODER_CACHE_DIR=off``)."""
    chosen = os.environ.get("INCODER_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("off", "") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "incoder"


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the scancode-toolkit release, the Python version and this package's code and data."""
    digest = hashlib.sha256(f"{importlib.metadata.version('scancode-toolkit')}|{sys.version}".encode())
    for path in sorted(p for p in [*PACKAGE_DIR.glob("*.py"), *PACKAGE_DIR.glob("data/*")] if p.is_file()):
        digest.update(path.name.encode() + b"\x00" + path.read_bytes())
    return digest.hexdigest()[:24]


def cached_build(name: str, parts: tuple[str, ...], build: Callable[[], T]) -> T:
    """``build()``, or its pickled result from an earlier process with the same ``code_fingerprint``
    and ``parts`` (both hashed into the file name; files of other code versions are removed)."""
    folder = cache_dir()
    if folder is None:
        return build()
    code = code_fingerprint()
    path = folder / f"{name}-{code[:12]}-{hashlib.sha256(chr(0).join(parts).encode()).hexdigest()[:12]}.pickle"
    try:
        with path.open("rb") as handle:
            enabled = gc.isenabled()
            gc.disable()  # a large object graph loads twice as fast without collections meanwhile
            try:
                return pickle.load(handle)
            finally:
                if enabled:
                    gc.enable()
    except FileNotFoundError:
        pass
    except Exception as exc:  # noqa: BLE001 -- a damaged cache file is rebuilt
        logger.warning("rebuilding %s: cached copy unreadable (%s)", path, exc)
    value = build()
    temporary = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # written beside its final name and renamed: readers see the whole file or none
        with tempfile.NamedTemporaryFile(dir=folder, prefix=f".{name}-", delete=False) as handle:
            temporary = handle.name
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        for stale in folder.glob(f"{name}-*.pickle"):  # earlier code or scancode releases
            if not stale.name.startswith(f"{name}-{code[:12]}-"):
                stale.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError) as exc:
        logger.info("%s not cached on disk: %s", name, exc)
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
    return value
