"""Secret detection on detect-secrets: every provider format, the prefilter's soundness, no side effects."""

from __future__ import annotations

import importlib.util
import os
import random
import sysconfig
from pathlib import Path

import pytest
import requests
from detect_secrets.settings import get_settings

from pipeline.algorithms.secrets import KINDS, LIBRARY_PLUGINS, OUR_PLUGINS, SecretScanner

REPO = Path(__file__).resolve().parents[3]


def _benchmark():
    spec = importlib.util.spec_from_file_location("secrets_benchmark", REPO / "benchmarks" / "secrets_detection.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scanner() -> SecretScanner:
    return SecretScanner()


@pytest.fixture(scope="module")
def bench():
    return _benchmark()


def test_every_kind_is_named_and_every_plugin_has_a_trigger(scanner):
    assert len(scanner.plugins) == len(LIBRARY_PLUGINS) + len(OUR_PLUGINS)
    assert {type(p).__name__ for p in scanner.plugins} >= set(LIBRARY_PLUGINS)
    assert set(scanner.kinds) <= set(KINDS)
    assert {p for p, _ in scanner.triggers} == set(range(len(scanner.plugins)))
    assert "IPPublicDetector" not in {type(p).__name__ for p in scanner.plugins}


def test_every_planted_credential_is_removed(bench, scanner):
    items = bench.planted(seed=7, rounds=1)
    assert len({i["provider"] for i in items}) >= 30
    missed = [(i["provider"], i["context"]) for i in items
              if bench.leaked(i["value"], scanner.redact(i["text"], "<SECRET>", i["filename"])[0])]
    assert missed == []


def test_prefilter_never_drops_a_detection(bench, scanner):
    """The gated scan equals scanning every line with every plugin: planted texts, the same texts with
    their lines shuffled into real code, and real standard-library files."""
    rng = random.Random(3)
    texts = [(i["text"], i["filename"]) for i in bench.planted(seed=11, rounds=1)]
    stdlib = sorted(p for p in Path(sysconfig.get_paths()["stdlib"]).glob("*.py") if p.stat().st_size < 15_000)
    real = [(p.read_text(encoding="utf-8", errors="replace"), p.name) for p in rng.sample(stdlib, 12)]
    for (code, name), (planted_text, _) in zip(real, rng.sample(texts, len(real)), strict=True):
        lines = code.splitlines(keepends=True)
        at = rng.randrange(len(lines) + 1)
        texts.append(("".join(lines[:at]) + planted_text + "".join(lines[at:]), name))
    texts += real
    for text, name in texts:
        assert scanner.find(text, name) == scanner.find(text, name, prefilter=False), name


def test_long_keys_are_removed_whole(scanner):
    # The library's Stripe pattern reports the first 24 characters; the span is widened to the token.
    key = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc" + "Xy" * 30
    text, counts = scanner.redact(f'stripe.api_key = "{key}"\n', "<SECRET>", "pay.py")
    assert text == 'stripe.api_key = "<SECRET>"\n' and counts == {"stripe_key": 1}


def test_private_key_blocks_and_header_mentions(bench, scanner):
    block = bench._pem(random.Random(1), "RSA PRIVATE KEY")
    text, counts = scanner.redact(f"KEY = '''{block}'''\n", "<SECRET>", "k.py")
    assert text == "KEY = '''<SECRET>'''\n" and counts == {"private_key": 1}
    escaped = block.replace("\n", "\\n")
    text, _ = scanner.redact(f'{{"private_key": "{escaped}\\n"}}', "<SECRET>", "sa.json")
    assert text == '{"private_key": "<SECRET>\\n"}'
    parser = 'if line == "-----BEGIN RSA PRIVATE KEY-----":\n    state = "in key body, reading lines"\n'
    assert scanner.find(parser, "p.py") == []


def test_notebook_escaped_strings(scanner):
    line = '    "password = \\"Zx81-kq_Pm3vN7tRw2\\"\\n",\n'
    text, counts = scanner.redact(line, "<SECRET>", "nb.ipynb")
    assert "Zx81-kq_Pm3vN7tRw2" not in text and counts == {"secret_keyword": 1}


def test_redaction_is_idempotent(bench, scanner):
    for item in bench.planted(seed=5, rounds=1)[:120]:
        once, _ = scanner.redact(item["text"], "<SECRET>", item["filename"])
        twice, counts = scanner.redact(once, "<SECRET>", item["filename"])
        assert twice == once and not counts, item["provider"]


def test_no_network_no_files_and_global_settings_untouched(bench, tmp_path, monkeypatch):
    before = get_settings().json()

    def no_network(*args, **kwargs):
        raise AssertionError("detect-secrets tried to reach the network")

    monkeypatch.setattr(requests.Session, "request", no_network)
    monkeypatch.chdir(tmp_path)
    scanner = SecretScanner()
    for item in bench.planted(seed=9, rounds=1):
        scanner.redact(item["text"], "<SECRET>", item["filename"])
    assert os.listdir(tmp_path) == []  # no baseline, no temporary file
    assert get_settings().json() == before
    assert "detect_secrets.filters.common.is_ignored_due_to_verification_policies" not in get_settings().filters


def test_hand_triggers_are_necessary_for_their_plugins():
    """Each hand-written trigger word list covers its plugin's patterns (what the prefilter relies on)."""
    from detect_secrets.plugins.keyword import DENYLIST

    from pipeline.algorithms.secrets import _HAND_TRIGGERS

    words = _HAND_TRIGGERS["KeywordDetector"][1]
    assert all(any(w in entry.replace("_?", "") or w in entry.replace("_?", "_") for w in words)
               for entry in DENYLIST)


@pytest.mark.slow
def test_prefilter_never_drops_a_detection_on_many_files(scanner):
    files = sorted(Path(sysconfig.get_paths()["stdlib"]).rglob("*.py"))
    for path in random.Random(5).sample(files, 200):
        text = path.read_text(encoding="utf-8", errors="replace")
        assert scanner.find(text, path.name) == scanner.find(text, path.name, prefilter=False), path
