"""The data card states the redaction policy and the counts per kind from the build's stats.json."""

from __future__ import annotations

import json
from types import SimpleNamespace

from pipeline.config import PIIConfig
from pipeline.layout import Layout
from pipeline.stages.redact_pii import pii_summary
from tokenizer import pii_card


def _stages():
    return {"RedactPII": {"redacted": {"email": 3, "stripe_key": 1}, "documents": {"changed": 3}},
            "RedactRejected": {"redacted": {"github_token": 2}, "documents": {"changed": 1}}}


def test_manifest_extras_reads_stats(tmp_path):
    cfg = SimpleNamespace(layout=Layout(str(tmp_path)))
    assert pii_card.manifest_extras(cfg) == {}
    summary = pii_summary(_stages(), PIIConfig())
    (tmp_path / "stats.json").write_text(json.dumps({"pii": summary}))
    assert pii_card.manifest_extras(cfg) == {"pii": summary}


def test_card_states_policy_and_counts():
    text = "\n".join(pii_card.card_lines({"pii": pii_summary(_stages(), PIIConfig())}))
    assert "## Personal data and secrets" in text
    assert "`removed@example.com`, as InCoder did" in text and "`<SECRET>`" in text
    assert "`192.0.2.1` / `2001:db8::1`" in text and "Names in author and copyright lines are kept" in text
    assert "Rows of `rejected/` get the same redaction." in text
    assert "| email | 3 | 0 |" in text and "| github_token | 0 | 2 |" in text and "| stripe_key | 1 | 0 |" in text


def test_card_for_raw_rejected_rows_and_missing_summary():
    text = "\n".join(pii_card.card_lines({"pii": pii_summary({}, PIIConfig(redact_rejected=False))}))
    assert "kept **raw**" in text and "None found." in text
    assert "no redaction summary" in "\n".join(pii_card.card_lines({}))


def test_card_without_counts():
    text = "\n".join(pii_card.card_lines({"pii": pii_summary({}, PIIConfig(), counted=False)}))
    assert "were not recorded" in text and "as InCoder did" in text
