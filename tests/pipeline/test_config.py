"""Config loading: every mistake fails before work starts, with a message naming the key."""

from __future__ import annotations

import pytest
import yaml

from pipeline.config import load_config, parse_config, parse_overrides
from pipeline.errors import ConfigError

BASE = {"output_dir": "out/x", "build": {"sources": [{"kind": "python-env"}]}}


def _with(path: str, value):
    data = yaml.safe_load(yaml.safe_dump(BASE))
    node = data
    *parents, leaf = path.split(".")
    for key in parents:
        node = node.setdefault(key, {})
    node[leaf] = value
    return data


@pytest.mark.parametrize(
    ("dotted", "value", "expected"),
    [
        ("build.filters.max_line_tokenz", 3000, "build.filters.max_line_tokenz"),
        ("build.filters.min_alnum_fraction", 1.5, "build.filters.min_alnum_fraction"),
        ("build.filters.max_line_tokens", "many", "build.filters.max_line_tokens"),
        ("build.limits.max_file_bytes", 0, "build.limits.max_file_bytes"),
        ("build.near_dedup.bands", 40, "build.near_dedup"),
        ("build.output.compression", "lz4", "build.output.compression"),
        ("buld", {}, "buld"),
    ],
)
def test_bad_values_name_the_key(dotted, value, expected):
    with pytest.raises(ConfigError) as info:
        parse_config(_with(dotted, value))
    assert expected in str(info.value)


def test_unknown_source_kind_is_rejected():
    data = _with("build.sources", [{"kind": "ftp", "path": "x"}])
    with pytest.raises(ConfigError, match="build.sources.0"):
        parse_config(data)


def test_defaults_are_incoder_values():
    cfg = parse_config(BASE)
    assert cfg.build.filters.max_line_tokens == 3000
    assert cfg.build.filters.max_mean_line_tokens == 100
    assert cfg.build.filters.min_alnum_fraction == 0.4
    assert cfg.build.license.allow == ["MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause"]
    assert (cfg.build.near_dedup.bands, cfg.build.near_dedup.rows, cfg.build.near_dedup.num_perm) == (25, 10, 256)


def test_overrides_and_missing_file(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(BASE))
    cfg = load_config(path, parse_overrides(["build.output.num_shards=7", "seed=9"]))
    assert cfg.build.output.num_shards == 7 and cfg.seed == 9
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "missing.yaml")
    with pytest.raises(ConfigError, match="key=value"):
        parse_overrides(["novalue"])


def test_resolved_config_round_trips_and_digest_is_stable():
    cfg = parse_config(BASE)
    again = parse_config(yaml.safe_load(cfg.resolved_yaml()))
    assert again.digest() == cfg.digest()
    assert parse_config(_with("seed", 5)).digest() != cfg.digest()


def test_stage_seeds_derive_from_the_top_level_seed():
    data = {**BASE, "seed": 77, "tokenizer": {}, "release": {}, "train": {}}
    cfg = parse_config(data)
    assert (cfg.build.near_dedup.seed, cfg.tokenizer.seed, cfg.release.seed, cfg.train.seed) == (77, 77, 77, 77)
    resolved = yaml.safe_load(cfg.resolved_yaml())
    assert resolved["build"]["near_dedup"]["seed"] == resolved["release"]["seed"] == 77
    assert resolved["evaluate"] is None
    explicit = parse_config({**data, "build": {"sources": [{"kind": "python-env"}], "near_dedup": {"seed": 1}},
                             "release": {"seed": 5}})
    assert (explicit.build.near_dedup.seed, explicit.release.seed, explicit.tokenizer.seed) == (1, 5, 77)
    assert parse_config(yaml.safe_load(explicit.resolved_yaml())).digest() == explicit.digest()
    with pytest.raises(ConfigError, match="seed"):
        parse_config({**BASE, "seed": -1})


def test_layout_names_every_output_path_and_feeds_the_derived_defaults():
    from pipeline.layout import Layout

    cfg = parse_config({**BASE, "output_dir": "gs://bucket/run/", "train": {}, "evaluate": {}})
    out = cfg.layout
    assert (out.documents, out.release, out.train, out.eval) == (
        "gs://bucket/run/documents", "gs://bucket/run/release", "gs://bucket/run/train", "gs://bucket/run/eval")
    assert (cfg.train.release_dir, cfg.train.run_dir, cfg.evaluate.out_dir) == (out.release, out.train, out.eval)
    assert out.step_marker("build") == "gs://bucket/run/_steps/build.json"
    local = Layout("out/x")
    assert (local.stats, local.config, local.raw, local.slurm, local.tokenizer_model, local.documents_glob) == (
        "out/x/stats.json", "out/x/config.yaml", "out/x/raw", "out/x/slurm", "out/x/tokenizer/spm.model",
        "out/x/documents/part-*-of-*.parquet")
    kept = parse_config({**BASE, "train": {"run_dir": "elsewhere"}, "evaluate": {"out_dir": "ev"}})
    assert (kept.train.run_dir, kept.train.release_dir, kept.evaluate.out_dir) == ("elsewhere", "out/x/release", "ev")


def test_every_shipped_config_validates(repo_root):
    configs = sorted((repo_root / "configs").rglob("*.yaml"))
    assert configs, "configs/ holds no YAML files"
    for path in configs:
        load_config(path)


def test_overrides_index_lists(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump({"output_dir": "o", "build": {"sources": [{"kind": "local", "path": "a"}]}}))
    cfg = load_config(path, parse_overrides(["build.sources.0.path=/data/repos"]))
    assert cfg.build.sources[0].path == "/data/repos"
    with pytest.raises(ConfigError, match="not an index"):
        load_config(path, parse_overrides(["build.sources.3.path=x"]))

