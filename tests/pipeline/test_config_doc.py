"""The config reference in docs/config.md is generated from the config models and must not go stale."""

from __future__ import annotations

from pipeline.config import ProjectConfig
from pipeline.config_doc import DOC, generate


def test_docs_config_md_is_up_to_date():
    assert DOC.read_text(encoding="utf-8") == generate(), (
        "docs/config.md is stale: run `python -m pipeline.config_doc --write` and commit it")


def test_every_build_key_is_documented():
    text = generate()
    build = ProjectConfig.model_fields["build"].annotation.__args__[0]
    for section in ("build.filters", "build.license", "build.near_dedup", "train.optimizer", "crawl.discovery"):
        assert f"## `{section}`" in text
    for name in build.model_fields:
        assert f"| `{name}` |" in text
