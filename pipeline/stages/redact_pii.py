"""``RedactPII``: replace e-mail addresses and secrets in every document (issue 9)."""

from __future__ import annotations

import logging
from typing import Any

import apache_beam as beam

from pipeline.algorithms.pii import Redactor
from pipeline.config import PIIConfig
from pipeline.metrics import StageCounters
from pipeline.records import sha256_text

log = logging.getLogger(__name__)

STAGE = "RedactPII"


class _RedactFn(beam.DoFn):
    def __init__(self, cfg: PIIConfig) -> None:
        self.cfg = cfg
        self.counters = StageCounters(STAGE)

    def setup(self) -> None:
        self.redactor = Redactor(
            email_placeholder=self.cfg.email_placeholder,
            secret_placeholder=self.cfg.secret_placeholder,
            redact_secrets=self.cfg.redact_secrets,
            min_secret_length=self.cfg.min_secret_length,
            min_secret_entropy=self.cfg.min_secret_entropy,
        )

    def process(self, doc: dict[str, Any]):
        self.counters.seen(doc.get("size_bytes") or 0)
        if not self.cfg.enabled or doc.get("content") is None:
            self.counters.kept(doc.get("size_bytes") or 0)
            yield doc
            return
        out, counts = redact_document(self.redactor, doc)
        for kind, n in sorted(counts.items()):
            self.counters.inc(f"redacted.{kind}", n)
        if counts:
            self.counters.inc("documents.changed")
        self.counters.kept(out["size_bytes"])
        yield out


def redact_document(redactor: Redactor, doc: dict[str, Any]) -> tuple[dict[str, Any], dict[str, int]]:
    """``doc`` with its content (and StackOverflow parts' text) redacted, sha256/size recomputed.

    Returns the (possibly same) document and the replacements per kind; an unchanged document is
    returned as is.
    """
    result = redactor.redact(doc["content"])
    counts = dict(result.counts)
    parts = doc.get("parts")
    new_parts = parts
    part_counts: dict[str, int] = {}
    if parts:
        # Parts carry the text the content was assembled from; they must not keep what the content
        # lost. A finding in both is counted once: per kind, the larger of the two counts.
        new_parts = []
        for part in parts:
            text = part.get("text")
            if not text:
                new_parts.append(part)
                continue
            part_result = redactor.redact(text)
            for kind, n in part_result.counts.items():
                part_counts[kind] = part_counts.get(kind, 0) + n
            new_parts.append({**part, "text": part_result.text} if part_result.changed else part)
        counts = {k: max(counts.get(k, 0), part_counts.get(k, 0)) for k in {*counts, *part_counts}}
    if not counts and new_parts == parts:
        return doc, {}
    out = dict(doc)
    out["content"] = result.text
    out["parts"] = new_parts
    out["sha256"] = sha256_text(result.text)
    out["size_bytes"] = len(result.text.encode("utf-8", "surrogatepass"))
    return out, counts


class RedactPII(beam.PTransform):
    """Document -> Document with e-mail addresses and secrets replaced by the configured placeholders.

    Input: ``Document`` dicts. Output: ``{"kept": Document, "rejected": empty}`` -- every document is
    kept (seen = kept); a changed document has ``sha256`` and ``size_bytes`` recomputed. StackOverflow
    parts' texts are redacted too. Counters (``StageCounters("RedactPII")``): ``seen``, ``kept``,
    ``bytes.seen``/``bytes.kept``, ``redacted.<kind>`` per replacement (kinds in
    ``pipeline.algorithms.pii.KINDS``), ``documents.changed``. ``enabled: false`` passes through.
    """

    def __init__(self, cfg: PIIConfig, label: str | None = None) -> None:
        super().__init__(label or STAGE)
        self.cfg = cfg

    def expand(self, docs):
        kept = docs | "Redact" >> beam.ParDo(_RedactFn(self.cfg))
        rejected = docs.pipeline | "NoRejects" >> beam.Create([])
        return {"kept": kept, "rejected": rejected}
