"""Licence policy: SPDX expression logic and the verdicts that decide whether code is kept.

Plain functions, no Beam. An expression is judged leaf by leaf against an allowlist of SPDX ids
(default InCoder's four: MIT, Apache-2.0, BSD-2-Clause, BSD-3-Clause) with three-valued logic:

- a leaf is *allowed* when its id is on the allowlist (case-insensitive; deprecated SPDX spellings such
  as ``GPL-2.0`` are canonicalised by license-expression's SPDX table);
- a leaf is *unknown* when it names no licence at all: scancode's ``LicenseRef-scancode-unknown*``,
  ``...free-unknown``, ``...other-permissive`` (a grant scancode could not name), ``NOASSERTION``;
- any other leaf (GPL-3.0-only, LicenseRef-scancode-proprietary-license, ...) is *not allowed*.

``A OR B`` is allowed if any choice is; ``A AND B`` only if all parts are; unknown propagates (an OR with
one allowed choice is allowed even if another is unknown; an AND with an unknown part is unknown).
Notices that are not licences (``LicenseRef-scancode-warranty-disclaimer``, ``...generic-trademark``,
``...unknown-license-reference``: "see LICENSE") are neutral: ``Apache-2.0 AND
LicenseRef-scancode-warranty-disclaimer`` is Apache-2.0; an expression of notices only is no licence.
``A WITH exception`` is judged by its base licence ``A`` when the exception is on the SPDX exceptions
list: those only ever *grant* extra permissions (Classpath, LLVM, GCC runtime; "License Exceptions",
https://spdx.org/licenses/exceptions-index.html), so they never turn an allowed licence into a
disallowed one, and they do not make a copyleft licence permissive either (``GPL-2.0-only WITH
Classpath-exception-2.0`` stays not permissive). Anything else after ``WITH`` is unknown: a restriction
written as one (``Apache-2.0 WITH Commons-Clause`` in a file's SPDX tag; scancode files the Commons
Clause as an exception, ``LicenseRef-scancode-commons-clause``, so no ``LicenseRef-`` exception is
trusted), a licence, a word. The same exception found apart, as a text of its own beside its licence
(scancode reads LLVM's "--- Exceptions to the Apache 2.0 License ----" after the Apache text as
``Apache-2.0 AND LLVM-exception``), is neutral for the same reason: ``Apache-2.0 AND LLVM-exception`` is
judged as Apache-2.0, ``GPL-2.0-only AND Classpath-exception-2.0`` as GPL-2.0-only.

Verdicts: ``permissive`` (kept), ``not_permissive``, ``unknown``, ``no_license``, ``conflict`` (evidence
sources disagree: e.g. the host says MIT but a COPYING file is GPL-3.0; rejected, conservatively),
``scan_error`` / ``scan_timeout`` (scancode failed on a licence file the decision depends on),
``modified`` (a licence text with residue that no licence explains and the residue grammar does not
allow: an added sentence, a rider, a changed or deleted condition; ``pipeline.licensing.residue``).
A ``modified`` source outranks every other verdict but a failure: the residue is quoted as evidence.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from license_expression import (
    AND,
    OR,
    ExpressionError,
    LicenseSymbol,
    LicenseWithExceptionSymbol,
    get_spdx_licensing,
)

PERMISSIVE = "permissive"
NOT_PERMISSIVE = "not_permissive"
UNKNOWN = "unknown"
NO_LICENSE = "no_license"
CONFLICT = "conflict"
SCAN_ERROR = "scan_error"
SCAN_TIMEOUT = "scan_timeout"
MODIFIED = "modified"

VERDICTS = (PERMISSIVE, NOT_PERMISSIVE, UNKNOWN, NO_LICENSE, CONFLICT, MODIFIED, SCAN_ERROR, SCAN_TIMEOUT)

# Rejected-row reason of each non-kept verdict (records.reject_raw reasons, the project's policy).
REASONS: dict[str, str] = {
    NOT_PERMISSIVE: "license_not_permissive",
    UNKNOWN: "license_unknown",
    NO_LICENSE: "no_license",
    CONFLICT: "license_conflict",
    MODIFIED: "license_modified",
    SCAN_ERROR: "license_scan_error",
    SCAN_TIMEOUT: "license_scan_timeout",
}

# Failures outrank everything (we cannot know what the unread text said), then the conservative
# verdicts, when several folders' or evidence sources' verdicts are combined.
_SEVERITY = {
    SCAN_ERROR: 6,
    SCAN_TIMEOUT: 5,
    MODIFIED: 4.5,
    CONFLICT: 4,
    NOT_PERMISSIVE: 3,
    UNKNOWN: 2,
    NO_LICENSE: 1,
    PERMISSIVE: 0,
}

_UNKNOWN_EXACT = {"noassertion", "none", "unknown", "other"}
# Notices scancode reports next to a licence that grant and restrict nothing about copying the code: a
# warranty disclaimer, a trademark note, a pointer to another file. They are neutral in AND/OR.
NEUTRAL_IDS = frozenset(
    {
        "licenseref-scancode-warranty-disclaimer",
        "licenseref-scancode-generic-trademark",
        "licenseref-scancode-unknown-license-reference",
        "licenseref-scancode-generic-cla",
        "licenseref-scancode-free-unknown-reference",
    }
)
_NEUTRAL = "neutral"
_UNKNOWN_MARKERS = ("unknown", "other-permissive")

DEFAULT_ALLOW = ("MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause")

# Licences scancode names apart whose text is an allowed licence in substance: the same grant and the
# same conditions word for word, with no condition added; only the wording of the notice's object or of
# the warranty disclaimer differs (a disclaimer grants and restricts nothing). Each is judged from the
# licence's own text in scancode-toolkit (licensedcode/data/licenses/<key>.LICENSE); a variant is allowed
# exactly when its equivalent is, and its copies must still be intact copies of the variant's own text.
#   w3c-03-bsd-license: BSD-3-Clause's grant, three conditions and disclaimer; "works" for "source code"
#     and "the original copyright notice" for "the above copyright notice".
#   bsd-3-clause-jtag: BSD-3-Clause's grant and three conditions, "the following two paragraphs of
#     disclaimer" for "the following disclaimer"; the University of California's disclaimer (no liability,
#     no warranty, "no obligation to provide maintenance, support, updates") in place of BSD's.
#   khronos: MIT's grant, condition and disclaimer word for word; the object is "this software and/or
#     associated documentation files (the "Materials")" and "Materials" stands for "Software" throughout.
# Not equivalent (kept out): x11-stanford (MIT's grant plus a condition that the holder's names and
# trademarks may not be used in advertising), and every variant that adds a condition or a purpose.
EQUIVALENT_IDS: dict[str, str] = {
    "licenseref-scancode-w3c-03-bsd-license": "BSD-3-Clause",
    "licenseref-scancode-bsd-3-clause-jtag": "BSD-3-Clause",
    "licenseref-scancode-khronos": "MIT",
}


@functools.lru_cache(maxsize=1)
def spdx_licensing():
    """license-expression's SPDX licensing (bundled table: works offline); cached per process."""
    return get_spdx_licensing()


def parse_expression(expression: str):
    """Parse an SPDX expression (unknown ids allowed); ``ValueError`` when it is not an expression."""
    try:
        parsed = spdx_licensing().parse(expression, validate=False, simple=False)
    except ExpressionError as exc:
        raise ValueError(f"not an SPDX expression: {expression!r}: {exc}") from None
    if parsed is None:
        raise ValueError(f"empty licence expression: {expression!r}")
    return parsed


def or_operands(expression: str) -> set[str] | None:
    """The choices of a top-level OR expression (``MIT OR WTFPL`` -> ``{"MIT", "WTFPL"}``), else None."""
    try:
        parsed = parse_expression(expression)
    except ValueError:
        return None
    if type(parsed).__name__ != "OR":
        return None
    return {str(arg) for arg in parsed.args}


def normalize_expression(expression: str) -> str:
    """Canonical text of an expression (``mit or apache-2.0`` -> ``MIT OR Apache-2.0``)."""
    return str(parse_expression(expression))


def is_spdx_expression(text: str) -> bool:
    """True when every id in ``text`` is on the SPDX list (or a LicenseRef-) and it parses."""
    try:
        errors = spdx_licensing().validate(text.strip()).errors
    except Exception:  # noqa: BLE001 -- the library raises several types on junk input
        return False
    return not errors and bool(text.strip())


def is_spdx_exception(key: str) -> bool:
    """True when ``key`` is on the SPDX exceptions list (not a ``LicenseRef-``, not a licence)."""
    symbol = spdx_licensing().known_symbols_lowercase.get(key.lower())
    return symbol is not None and bool(symbol.is_exception) and not key.lower().startswith("licenseref-")


def is_unknown_id(key: str) -> bool:
    low = key.lower()
    if low in _UNKNOWN_EXACT:
        return True
    return low.startswith("licenseref-scancode-") and any(m in low for m in _UNKNOWN_MARKERS)


class LicensePolicy:
    """An allowlist of SPDX ids and the verdict of an expression under it."""

    def __init__(self, allow: Iterable[str] = DEFAULT_ALLOW) -> None:
        self.allow = tuple(allow)
        self._allowed = {self._canonical(a).lower() for a in self.allow}

    @staticmethod
    def _canonical(key: str) -> str:
        try:
            return str(spdx_licensing().parse(key, validate=False))
        except ExpressionError:
            return key

    def _leaf(self, key: str) -> bool | None | str:
        if key.lower() in NEUTRAL_IDS or is_spdx_exception(key):
            return _NEUTRAL
        if is_unknown_id(key):
            return None
        if key.lower() in EQUIVALENT_IDS:
            key = EQUIVALENT_IDS[key.lower()]
        return key.lower() in self._allowed or self._canonical(key).lower() in self._allowed

    def _evaluate(self, node) -> bool | None | str:
        if isinstance(node, LicenseWithExceptionSymbol):
            return self._leaf(node.license_symbol.key) if is_spdx_exception(node.exception_symbol.key) else None
        if isinstance(node, LicenseSymbol):
            return self._leaf(node.key)
        values = [v for v in (self._evaluate(arg) for arg in node.args) if v != _NEUTRAL]
        if not values:
            return _NEUTRAL
        if isinstance(node, OR):
            if any(v is True for v in values):
                return True
            return None if any(v is None for v in values) else False
        if isinstance(node, AND):
            if any(v is False for v in values):
                return False
            return None if any(v is None for v in values) else True
        raise ValueError(f"unsupported expression node {node!r}")

    def verdict(self, expression: str | None) -> str:
        """``permissive`` | ``not_permissive`` | ``unknown`` | ``no_license`` for one expression."""
        if expression is None or not expression.strip():
            return NO_LICENSE
        try:
            parsed = parse_expression(expression)
        except ValueError:
            return UNKNOWN
        value = self._evaluate(parsed)
        if value == _NEUTRAL:
            return NO_LICENSE  # only notices, no licence
        if value is None:
            return UNKNOWN
        return PERMISSIVE if value else NOT_PERMISSIVE


def strip_neutral(expression: str) -> str:
    """``expression`` without neutral notices (``MIT AND LicenseRef-scancode-warranty-disclaimer`` ->
    ``MIT``); unchanged when it holds nothing else or does not parse."""
    try:
        parsed = parse_expression(expression)
    except ValueError:
        return expression

    def prune(node):
        if isinstance(node, LicenseWithExceptionSymbol):
            return node
        if isinstance(node, LicenseSymbol):
            return None if node.key.lower() in NEUTRAL_IDS else node
        kept = [k for k in (prune(arg) for arg in node.args) if k is not None]
        if not kept:
            return None
        if len(kept) == 1:
            return kept[0]
        return (spdx_licensing().AND if isinstance(node, AND) else spdx_licensing().OR)(*kept)

    pruned = prune(parsed)
    return expression if pruned is None else str(pruned)


def combine_expressions(expressions: Iterable[str]) -> str | None:
    """All licences that apply at once: distinct expressions joined with AND and simplified by boolean
    algebra (``(MIT OR Apache-2.0) AND MIT`` -> ``MIT``; operands sorted), None when empty."""
    distinct: list[str] = []
    for expression in expressions:
        if expression and expression not in distinct:
            distinct.append(expression)
    if not distinct:
        return None
    if len(distinct) == 1:
        return distinct[0]
    joined = " AND ".join(f"({e})" for e in distinct)
    try:
        return str(parse_expression(joined).simplify())
    except ValueError:
        return joined


def combine_evidence_verdicts(verdicts: Iterable[str]) -> str:
    """The verdict of several independent evidence sources for the same code.

    Sources that agree keep their verdict; a permissive source next to a not-permissive or unknown
    one is a ``conflict`` (host says MIT, COPYING says GPL: never resolved in favour of keeping);
    failures dominate.
    """
    seen = set(verdicts) - {NO_LICENSE}
    if not seen:
        return NO_LICENSE
    for failure in (SCAN_ERROR, SCAN_TIMEOUT, MODIFIED):
        if failure in seen:
            return failure
    if PERMISSIVE in seen and seen & {NOT_PERMISSIVE, UNKNOWN, CONFLICT}:
        return CONFLICT
    return max(seen, key=_SEVERITY.__getitem__)


def is_kept(verdict: str) -> bool:
    return verdict == PERMISSIVE


def reason_for(verdict: str) -> str:
    """The rejected reason of a non-kept verdict."""
    try:
        return REASONS[verdict]
    except KeyError:
        raise ValueError(f"verdict {verdict!r} has no rejection reason") from None
