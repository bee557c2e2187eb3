"""InCoder's document format (the InCoder paper, section 3.3, and the incoder repository's example_usage.py): metadata tags around code and StackOverflow posts.

Code::

    <| file ext=.py source=github |>
    ...code...
    <|/ file filename=utils.py dstars=4 |>

Each attribute goes into the opening tag with probability ``p`` (0.5 in InCoder), otherwise into the
closing one, and the order of attributes inside a tag is random. The choices come from a generator
seeded by (config seed, document id), so a release is reproducible and independent of worker order.
A closing file tag left without attributes is the special token ``<|/ file |>`` (id 4).

StackOverflow (one question with its answers and comments, in document order)::

    <| q tags=python,django |>
    question
    <|/ q dscore=3 |>
    <| a |>
    answer
    <|/ a dscore=4 |>
    <| c |>
    comment
    <|/ c |>

``dstars`` / ``dscore`` are stars / scores binned 0..5 at the 50/75/90/95/97th percentiles.
``format_document`` returns segments: ``str`` (ordinary text, encoded without special tokens, so code
that contains ``<|endoftext|>`` stays code) and ``int`` (a special token id).
"""

from __future__ import annotations

import bisect
import hashlib
import posixpath
import random
from collections.abc import Mapping, Sequence
from typing import Any

from tokenizer.special_tokens import END_OF_FILE_ID

PERCENTILES = (50, 75, 90, 95, 97)
Segment = str | int


def bin_value(value: int | None, thresholds: Sequence[int] | None) -> int | None:
    """0..5: ``<= p50`` -> 0, ``(p50, p75]`` -> 1, ... ``(p95, p97]`` -> 4, above p97 -> 5."""
    if value is None or thresholds is None:
        return None
    return bisect.bisect_left(list(thresholds), value)


def percentile_thresholds(histogram: Mapping[int, int]) -> list[int] | None:
    """Nearest-rank 50/75/90/95/97th percentiles of integer values given as ``{value: count}``."""
    total = sum(histogram.values())
    if total == 0:
        return None
    out = []
    values = sorted(histogram)
    for pct in PERCENTILES:
        rank = max(1, -(-pct * total // 100))  # ceil(pct/100 * total)
        seen = 0
        for value in values:
            seen += histogram[value]
            if seen >= rank:
                out.append(value)
                break
    return out


def document_rng(seed: int, doc_id: str) -> random.Random:
    """The generator of one document's format choices: a pure function of (seed, id)."""
    digest = hashlib.sha256(f"format\x00{seed}\x00{doc_id}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def place_attributes(
    attributes: list[tuple[str, str]], rng: random.Random, p_start: float
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Split attributes into (opening, closing) with P(opening) = p_start; random order inside each."""
    opening, closing = [], []
    for item in attributes:
        (opening if rng.random() < p_start else closing).append(item)
    rng.shuffle(opening)
    rng.shuffle(closing)
    return opening, closing


def _tag(name: str, attributes: list[tuple[str, str]], closing: bool) -> str:
    body = " ".join([name] + [f"{k}={v}" for k, v in attributes])
    return f"<|/ {body} |>" if closing else f"<| {body} |>"


def _clean(value: str) -> str:
    # Attribute values are single words in InCoder's format: whitespace would break the tag.
    return "_".join(str(value).split())


def format_code(
    doc: Mapping[str, Any], seed: int, p_start: float = 0.5, star_thresholds: Sequence[int] | None = None
) -> list[Segment]:
    """Segments of one code document (see the module docstring)."""
    attributes = []
    if doc.get("ext"):
        attributes.append(("ext", _clean(doc["ext"])))
    if doc.get("source"):
        attributes.append(("source", _clean(doc["source"])))
    filename = posixpath.basename(doc.get("path") or "")
    if filename:
        attributes.append(("filename", _clean(filename)))
    dstars = bin_value(doc.get("stars"), star_thresholds)
    if dstars is not None:
        attributes.append(("dstars", str(dstars)))
    opening, closing = place_attributes(attributes, document_rng(seed, doc["id"]), p_start)
    head = _tag("file", opening, closing=False) + "\n" + doc["content"] + "\n"
    if closing:
        return [head + _tag("file", closing, closing=True)]
    return [head, END_OF_FILE_ID]


def format_stackoverflow(
    doc: Mapping[str, Any], seed: int, p_start: float = 0.5, score_thresholds: Sequence[int] | None = None
) -> list[Segment]:
    """Segments of one StackOverflow document (question, answers, comments from ``parts``)."""
    rng = document_rng(seed, doc["id"])
    pieces = []
    for part in doc.get("parts") or []:
        kind = part.get("kind")
        if kind not in ("q", "a", "c"):
            raise ValueError(f"unknown StackOverflow part kind {kind!r}")
        attributes = []
        if kind == "q" and doc.get("tags"):
            attributes.append(("tags", ",".join(_clean(t) for t in doc["tags"])))
        dscore = bin_value(part.get("score"), score_thresholds) if kind != "c" else None
        if dscore is not None:
            attributes.append(("dscore", str(dscore)))
        opening, closing = place_attributes(attributes, rng, p_start)
        pieces.append(_tag(kind, opening, False) + "\n" + (part.get("text") or "") + "\n" + _tag(kind, closing, True))
    if not pieces:
        raise ValueError("StackOverflow document without parts")
    return ["\n".join(pieces) + "\n"]


def format_document(
    doc: Mapping[str, Any],
    seed: int,
    p_start: float = 0.5,
    star_thresholds: Sequence[int] | None = None,
    score_thresholds: Sequence[int] | None = None,
) -> list[Segment]:
    """Code or StackOverflow format by the document's ``source``."""
    if doc.get("source") == "stackoverflow" and doc.get("parts"):
        return format_stackoverflow(doc, seed, p_start, score_thresholds)
    return format_code(doc, seed, p_start, star_thresholds)


def render(segments: Sequence[Segment], specials: Mapping[int, str]) -> str:
    """The segments as one string (special ids as their token text), for reading and tests."""
    return "".join(s if isinstance(s, str) else specials[s] for s in segments)
