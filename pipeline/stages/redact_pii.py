"""``RedactPII``: replace secrets, e-mail addresses and public IP addresses in every row the build writes."""

from __future__ import annotations

import logging
from typing import Any

import apache_beam as beam

from pipeline.algorithms.pii import KINDS, Redactor
from pipeline.config import PIIConfig
from pipeline.metrics import StageCounters
from pipeline.records import sha256_text

log = logging.getLogger(__name__)

STAGE = "RedactPII"
REJECTED_STAGE = "RedactRejected"


def make_redactor(cfg: PIIConfig) -> Redactor:
    """The ``Redactor`` for ``build.pii`` (detect-secrets is configured here, once per worker)."""
    return Redactor(
        email_placeholder=cfg.email_placeholder,
        secret_placeholder=cfg.secret_placeholder,
        redact_secrets=cfg.redact_secrets,
        redact_ips=cfg.redact_ips,
        ipv4_placeholder=cfg.ipv4_placeholder,
        ipv6_placeholder=cfg.ipv6_placeholder,
        min_secret_length=cfg.min_secret_length,
        min_secret_entropy=cfg.min_secret_entropy,
    )


class _RedactFn(beam.DoFn):
    def __init__(self, cfg: PIIConfig, stage: str, enabled: bool) -> None:
        self.cfg = cfg
        self.enabled = enabled
        self.counters = StageCounters(stage)

    def setup(self) -> None:
        self.redactor = make_redactor(self.cfg) if self.enabled else None

    def process(self, row: dict[str, Any]):
        self.counters.seen(row.get("size_bytes") or 0)
        if self.redactor is None:
            self.counters.kept(row.get("size_bytes") or 0)
            yield row
            return
        out, counts = redact_document(self.redactor, row)
        for kind, n in sorted(counts.items()):
            self.counters.inc(f"redacted.{kind}", n)
        if counts:
            self.counters.inc("documents.changed")
        self.counters.kept(out.get("size_bytes") or 0)
        yield out


def redact_document(redactor: Redactor, doc: dict[str, Any]) -> tuple[dict[str, Any], dict[str, int]]:
    """``doc`` with its content, StackOverflow parts' texts and (rejected rows) ``detail`` redacted;
    ``sha256``/``size_bytes`` recomputed when the content changed.

    Works on ``Document`` and ``Rejected`` dicts alike; a row without content (a rejected binary file)
    only has its ``detail`` looked at. Returns the (possibly same) row and the replacements per kind;
    an unchanged row is returned as is.
    """
    path = doc.get("path") or ""
    content = doc.get("content")
    counts: dict[str, int] = {}
    out: dict[str, Any] = {}
    if content:
        result = redactor.redact(content, path)
        counts = dict(result.counts)
        if result.changed:
            out.update(content=result.text, sha256=sha256_text(result.text),
                       size_bytes=len(result.text.encode("utf-8", "surrogatepass")))
    parts = doc.get("parts")
    if parts:
        # Parts carry the text the content was assembled from; they must not keep what the content
        # lost. A finding in both is counted once: per kind, the larger of the two counts.
        part_counts: dict[str, int] = {}
        new_parts = []
        for part in parts:
            text = part.get("text")
            result = redactor.redact(text, path) if text else None
            if result is None or not result.changed:
                new_parts.append(part)
                continue
            for kind, n in result.counts.items():
                part_counts[kind] = part_counts.get(kind, 0) + n
            new_parts.append({**part, "text": result.text})
        if part_counts:
            out["parts"] = new_parts
            counts = {k: max(counts.get(k, 0), part_counts.get(k, 0)) for k in {*counts, *part_counts}}
    detail = doc.get("detail")
    if detail:
        result = redactor.redact(detail)
        if result.changed:
            out["detail"] = result.text
            for kind, n in result.counts.items():
                counts[kind] = counts.get(kind, 0) + n
    if not out:
        return doc, {}
    return {**doc, **out}, counts


def pii_summary(stages: dict[str, Any], cfg: PIIConfig, counted: bool = True) -> dict[str, Any]:
    """``stats.json``'s ``pii`` section: the policy in force and the replacements per kind, for the
    documents and the rejected rows (read by the data card). ``counted=False`` (a runner without
    metrics) records the policy with ``null`` counts rather than zeros."""

    def redacted(stage: str) -> dict[str, int]:
        counters = stages.get(stage, {})
        by_kind = counters.get("redacted", {}) if isinstance(counters.get("redacted"), dict) else {}
        changed = counters.get("documents", {}) if isinstance(counters.get("documents"), dict) else {}
        return {"by_kind": dict(sorted(by_kind.items())), "rows_changed": changed.get("changed", 0)}

    return {
        "policy": {
            "enabled": cfg.enabled,
            "secrets": cfg.redact_secrets,
            "secret_placeholder": cfg.secret_placeholder,
            "email_placeholder": cfg.email_placeholder,
            "public_ips": cfg.redact_ips,
            "ip_placeholders": [cfg.ipv4_placeholder, cfg.ipv6_placeholder],
            "rejected_rows": "redacted" if cfg.enabled and cfg.redact_rejected else "raw",
            "detector": "detect-secrets (Yelp) plugins and filters, plus pipeline/algorithms/secret_plugins.py",
        },
        "kinds": list(KINDS),
        "documents": redacted(STAGE) if counted else None,
        "rejected": redacted(REJECTED_STAGE) if counted else None,
    }


class RedactPII(beam.PTransform):
    """Row -> Row with secrets, e-mail addresses and public IP addresses replaced (``build.pii``).

    Input: ``Document`` dicts (or, with ``rejected=True``, ``Rejected`` rows on their way to
    ``OUT/rejected``). Output: ``{"kept": rows, "rejected": empty}`` -- every row is kept (seen =
    kept); a row whose content changed has ``sha256`` and ``size_bytes`` recomputed; StackOverflow
    parts' texts and rejected rows' ``detail`` are redacted too. Counters (``StageCounters`` named
    ``RedactPII``, or ``RedactRejected`` for rejected rows): ``seen``, ``kept``,
    ``bytes.seen``/``bytes.kept``, ``redacted.<kind>`` per replacement (kinds in
    ``pipeline.algorithms.pii.KINDS``), ``documents.changed``. ``enabled: false`` passes everything
    through; so does ``redact_rejected: false`` for rejected rows (raw rows for private audits).
    """

    def __init__(self, cfg: PIIConfig, label: str | None = None, rejected: bool = False) -> None:
        stage = REJECTED_STAGE if rejected else STAGE
        super().__init__(label or stage)
        self.cfg = cfg
        self.stage = stage
        self.enabled = cfg.enabled and (cfg.redact_rejected or not rejected)

    def expand(self, rows):
        kept = rows | "Redact" >> beam.ParDo(_RedactFn(self.cfg, self.stage, self.enabled))
        rejected = rows.pipeline | "NoRejects" >> beam.Create([])
        return {"kept": kept, "rejected": rejected}
