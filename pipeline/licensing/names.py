"""Licence names: a short text that only names a licence ("The MIT License", "Licensed under the Apache
License, Version 2.0"), looked up in scancode-toolkit's licence database (each licence's ``name`` and
``short_name``; scancode-toolkit docs, "License database").

A name carries no terms. ``build.license.name_only`` decides, once for licence files, READMEs,
manifests and host fields, whether a folder whose only evidence names a licence keeps it
(docs/licensing.md, "A licence named without its text").
"""

from __future__ import annotations

import re
import threading

from pipeline.licensing import policy as lp
from pipeline.licensing.residue import is_copyright_statement, is_formatting

_NAME_NOISE = frozenset("the a version v license licence licensed".split())
_LEAD_IN = re.compile(
    r"^(?:(?:this|the)(?: \w+){1,3} (?:is|are) )?(?:licensed|released|distributed|available|provided|"
    r"published|offered)(?: \w+)? under(?: the)?(?: terms of)?(?: the)? "
)
_names_lock = threading.Lock()
_names: dict[str, str] = {}


def _name_key(words: str) -> str:
    return " ".join(w for w in words.split() if w not in _NAME_NOISE)


def licence_names() -> dict[str, str]:
    """``{normalised licence name: SPDX id}`` from scancode's licence database (its ``name`` and
    ``short_name`` of every licence with a real SPDX id; names shared by two ids are left out)."""
    with _names_lock:
        if not _names:
            from licensedcode.cache import get_licenses_db

            seen: dict[str, set[str]] = {}
            for lic in get_licenses_db().values():
                spdx = lic.spdx_license_key
                if lic.is_deprecated or not spdx or spdx.startswith("LicenseRef-"):
                    continue
                for name in (lic.name, lic.short_name):
                    key = _name_key(" ".join(re.findall(r"[a-z0-9]+", (name or "").lower())))
                    if key:
                        seen.setdefault(key, set()).add(spdx)
            _names.update({k: next(iter(v)) for k, v in seen.items() if len(v) == 1})
        return _names


def name_to_spdx(text: str, max_words: int = 16) -> str | None:
    """The SPDX id of a short text that only names a licence, else None.

    Besides the name (and a lead-in such as "Licensed under the"), the text may hold only blank lines
    and copyright statements of the residue grammar: any other word makes it no name.
    """
    lines = [ln for ln in text.splitlines() if not is_formatting(ln) and not is_copyright_statement(ln)]
    words = " ".join(re.findall(r"[a-z0-9]+", re.sub(r"\]\([^)]*\)", "]", " ".join(lines).lower())))
    if not words or words.count(" ") >= max_words:
        return None
    words = _LEAD_IN.sub("", words + " ").strip()
    return licence_names().get(_name_key(words))


def licence_named(text: str) -> str | None:
    """The SPDX id a few words name: a licence name (``name_to_spdx``) or one SPDX licence id as written
    ("WTFPL", "MIT"; not an exception, not an old alias such as "GPL"); else None."""
    spdx = name_to_spdx(text, max_words=8)
    if spdx is not None:
        return spdx
    word = text.strip()
    if re.fullmatch(r"[A-Za-z][\w.+-]*", word) and lp.is_spdx_expression(word) and not lp.is_spdx_exception(word):
        spdx = lp.normalize_expression(word)
        return spdx if spdx.lower() == word.lower() else None  # not an alias read as a guess ("GPL")
    return None
