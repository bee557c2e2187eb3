"""The crawl: config section (pipeline/crawl/config.py): token values refused, shipped configs valid,
enterprise and self-hosted API bases."""

from __future__ import annotations

import pytest

from pipeline.config import parse_config
from pipeline.crawl import github, gitlab
from pipeline.crawl.config import CrawlConfig
from pipeline.errors import ConfigError


def test_config_rejects_token_values_and_unknown_keys(tmp_path):
    with pytest.raises(ConfigError) as info:
        parse_config({"output_dir": str(tmp_path), "crawl": {"tokens": ["ghp_abcdefSECRET"]}})
    assert "ghp_abcdefSECRET" not in str(info.value) and "NAMES" in str(info.value)
    with pytest.raises(ConfigError, match="crawl.retry.backof"):
        parse_config({"output_dir": str(tmp_path), "crawl": {"retry": {"backof": 1}}})
    with pytest.raises(ConfigError, match="crawl.discovery.licenses.*Apache2"):
        parse_config({"output_dir": str(tmp_path), "crawl": {"discovery": {"licenses": ["MIT", "Apache2"]}}})


def test_shipped_crawl_configs_validate(repo_root):
    from pipeline.config import load_config

    hosts = {}
    for path in sorted((repo_root / "configs" / "crawl").glob("*.yaml")):
        crawl = load_config(path).require("crawl")
        hosts[path.stem] = crawl.host
        assert crawl.tokens and all(name.isupper() for name in crawl.tokens)  # names, never values
    assert hosts == {"github": "github", "gitlab": "gitlab", "list": "github"}


def test_enterprise_and_self_hosted_bases():
    ghe = CrawlConfig(api_url="https://ghe.example.com/api/v3/")
    assert ghe.api_base() == "https://ghe.example.com/api/v3" and ghe.web_base() == "https://ghe.example.com"
    assert github.archive_url(ghe, {"full_name": "a/b", "default_branch": "dev/x"}) == \
        "https://ghe.example.com/api/v3/repos/a/b/tarball/dev/x"
    lab = CrawlConfig(host="gitlab", api_url="https://git.example.org/api/v4")
    assert lab.web_base() == "https://git.example.org"
    assert gitlab.archive_url(lab, {"id": 7, "full_name": "g/p", "default_branch": "main"}) == \
        "https://git.example.org/api/v4/projects/7/repository/archive.tar.gz?sha=main"
    assert gitlab.project_url(lab, "g/sub/p") == "https://git.example.org/api/v4/projects/g%2Fsub%2Fp?license=true"
