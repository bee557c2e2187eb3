"""The release's record of personal-data and secret redaction: manifest section and data-card lines.

The build writes ``stats.json["pii"]`` (``pipeline.stages.redact_pii.pii_summary``: the policy in force
and the replacements per kind, for documents and rejected rows); ``incoder shard`` copies it into the
manifest as ``pii`` and the data card states the policy and the counts (docs/pii.md).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pipeline import fsio
from pipeline.config import ProjectConfig


def manifest_extras(cfg: ProjectConfig) -> dict[str, Any]:
    """``{"pii": ...}`` from the build's ``stats.json`` (empty when the build recorded none)."""
    path = cfg.layout.stats
    if not fsio.exists(path):
        return {}
    pii = json.loads(fsio.read_text(path)).get("pii")
    return {"pii": pii} if pii else {}


def _policy_lines(policy: Mapping[str, Any]) -> list[str]:
    if not policy.get("enabled", True):
        return ["- Redaction was **off** for this build: texts are as crawled."]
    lines = [
        f"- E-mail addresses are replaced with `{policy.get('email_placeholder')}`, as InCoder did.",
        f"- Credentials (API keys, tokens, private keys, passwords) are replaced with "
        f"`{policy.get('secret_placeholder')}`; detector: {policy.get('detector')}."
        if policy.get("secrets") else "- Credentials were **not** searched for.",
    ]
    if policy.get("public_ips"):
        v4, v6 = (policy.get("ip_placeholders") or ["192.0.2.1", "2001:db8::1"])[:2]
        lines.append(f"- Public IP addresses are replaced with `{v4}` / `{v6}`; private, loopback, link-local "
                     "and documentation ranges are kept.")
    else:
        lines.append("- IP addresses are kept.")
    lines.append("- Names in author and copyright lines are kept: attribution needs them.")
    rows = policy.get("rejected_rows")
    lines.append("- Rows of `rejected/` get the same redaction." if rows == "redacted"
                 else "- Rows of `rejected/` were kept **raw** (private audit build): do not publish them.")
    return lines


def card_lines(manifest: Mapping[str, Any]) -> list[str]:
    """The data card's "Personal data and secrets" section."""
    pii = manifest.get("pii")
    lines = ["## Personal data and secrets", ""]
    if not pii:
        return lines + ["The build recorded no redaction summary (`stats.json` has no `pii` section).", ""]
    lines += _policy_lines(pii.get("policy", {}))
    if pii.get("documents") is None:
        return lines + ["", "Counts per kind were not recorded (the runner reported no metrics).", ""]
    docs = pii["documents"].get("by_kind", {})
    rejected = (pii.get("rejected") or {}).get("by_kind", {})
    kinds = sorted(set(docs) | set(rejected), key=lambda k: (-(docs.get(k, 0) + rejected.get(k, 0)), k))
    lines += ["", f"Replacements per kind (documents changed: {pii['documents'].get('rows_changed', 0)}, "
                  f"rejected rows changed: {(pii.get('rejected') or {}).get('rows_changed', 0)}):", ""]
    if kinds:
        lines += ["| kind | in documents | in rejected rows |", "|---|---|---|"]
        lines += [f"| {k} | {docs.get(k, 0)} | {rejected.get(k, 0)} |" for k in kinds]
    else:
        lines.append("None found.")
    return lines + [""]
