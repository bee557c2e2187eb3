"""Tokenizer training: the language-balanced sample, config validation, CLI wiring, bad inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.config import load_config, parse_config
from pipeline.errors import ConfigError, FatalError
from tokenizer.train import sampling_rates, unit_hash

from .conftest import write_config


def test_sampling_rates_balance_languages():
    rates = sampling_rates({"python": 1000, "c": 100, "go": 0}, per_language_bytes=200, max_bytes=10_000)
    assert rates == {"python": 0.2, "c": 1.0, "go": 0.0}
    capped = sampling_rates({"python": 1000, "c": 1000}, per_language_bytes=500, max_bytes=500)
    assert capped == {"python": 0.25, "c": 0.25}


def test_unit_hash_is_uniform_and_stable():
    values = [unit_hash("x", i) for i in range(4000)]
    assert all(0 <= v < 1 for v in values)
    assert abs(sum(values) / len(values) - 0.5) < 0.02
    assert unit_hash("a", 1) == unit_hash("a", 1) != unit_hash("a", 2)


def test_sample_is_language_balanced(built):
    cfg, model_path, _ = built
    info = json.loads((Path(model_path).parent / "training.json").read_text())
    langs = info["sample"]["languages"]
    assert langs["shell"]["documents"] == 12  # a small language is taken whole
    assert langs["stackoverflow"]["documents"] == 10
    assert 0.2e6 < langs["python"]["bytes"] < 0.8e6  # about sample_mb_per_language (0.4 MB) of ~1.3 MB
    stage = info["stats"]["stages"]["SampleDocuments"]
    assert stage["balanced"] and stage["skipped"]["not_sampled"] > 0
    assert (Path(model_path).parent / "spm.vocab").read_text().splitlines()[2] == "<|endoftext|>\t0"
    assert not any((Path(model_path).parent / "_sample").glob("part-*"))


def test_config_sections_are_strict(tmp_path):
    base = {"output_dir": str(tmp_path)}
    cfg = parse_config({**base, "tokenizer": {"vocab_size": 2000}, "release": {}})
    assert cfg.tokenizer.vocab_size == 2000 and cfg.release.validation_fraction == 0.01
    assert parse_config({**base, "tokenizer": {}}).tokenizer.vocab_size == 50518
    with pytest.raises(ConfigError, match="tokenizer.vocab_sise"):
        parse_config({**base, "tokenizer": {"vocab_sise": 2000}})
    with pytest.raises(ConfigError, match="tokenizer.vocab_size"):
        parse_config({**base, "tokenizer": {"vocab_size": 300}})
    with pytest.raises(ConfigError, match="dstars_thresholds"):
        parse_config({**base, "release": {"dstars_thresholds": [5, 1, 2, 3, 4]}})
    with pytest.raises(ConfigError, match="release.validation_fraction"):
        parse_config({**base, "release": {"validation_fraction": 1.5}})


def test_missing_documents_is_a_clear_error(tmp_path, capsys):
    from tokenizer.shard import run_shard
    from tokenizer.train import train_tokenizer

    cfg = load_config(write_config(tmp_path))
    with pytest.raises(FatalError, match="run 'incoder build' first"):
        train_tokenizer(cfg, [])
    with pytest.raises(FatalError, match="run 'incoder build' first"):
        run_shard(cfg, [])
    assert main(["tokenizer", "train", "--config", str(tmp_path / "config.yaml")]) == 1
    assert "incoder build" in capsys.readouterr().err


def test_cli_encode_round_trip(built, tmp_path, capsys):
    _, model_path, _ = built
    source = tmp_path / "x.py"
    source.write_text("def f(a,\tb):\r\n    return a ▁ b\n")
    assert main(["tokenizer", "encode", "--model", model_path, str(source)]) == 0
    assert "round trip exact" in capsys.readouterr().out
    assert main(["tokenizer", "encode", "--model", model_path, "--pieces", str(source)]) == 0


def test_cli_commands_have_help():
    from pipeline.cli import command_parser

    for name in ("tokenizer", "shard", "verify"):
        parser, module = command_parser(name)
        assert parser.description and hasattr(module, "run")


def test_release_configs_load(repo_root):
    paths = sorted((repo_root / "configs" / "release").glob("*.yaml"))
    assert paths
    for path in paths:
        cfg = load_config(path)
        assert cfg.tokenizer.vocab_size == 50518 and cfg.release is not None


def test_vocabulary_too_large_for_the_sample(tmp_path):
    from tokenizer.train import train_tokenizer

    from .conftest import so_documents, write_corpus

    write_corpus(tmp_path, so_documents(3), shards=1)
    path = write_config(tmp_path)
    cfg = load_config(path, {"tokenizer.vocab_size": 50518, "tokenizer.hf_export": False})
    with pytest.raises(FatalError, match="lower tokenizer.vocab_size"):
        train_tokenizer(cfg, [])
