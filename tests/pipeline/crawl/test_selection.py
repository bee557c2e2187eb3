"""Selection from listing data (pipeline/crawl/selection.py): skip reasons, repository names."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.crawl.config import DiscoveryConfig
from pipeline.crawl.selection import parse_repository, skip_reason


@pytest.mark.parametrize("record,reason", [
    ({"fork": True}, "fork"),
    ({"archived": True}, "archived"),
    ({"stars": 1}, "too_few_stars"),
    ({"stars": 500}, "too_many_stars"),
    ({"stars": 5, "language": "Rust"}, "language_not_selected"),
    ({"stars": 5, "created_at": "2009-01-01T00:00:00Z"}, "created_out_of_range"),
    ({"stars": 5, "pushed_at": "2010-05-01T00:00:00Z"}, "pushed_out_of_range"),
    ({"stars": 5, "license": None}, "license_missing"),
    ({"stars": 5, "license": "NOASSERTION"}, "license_noassertion"),
    ({"stars": 5, "license": "GPL-3.0"}, "license_not_allowed"),
    ({"stars": 5, "license": "mit", "language": "python", "pushed_at": "2022-01-01T00:00:00Z"}, None),
])
def test_selection_reasons(record, reason):
    d = DiscoveryConfig(min_stars=2, max_stars=100, languages=["Python"], licenses=["MIT"],
                        created_after=dt.date(2010, 1, 1), pushed_after=dt.date(2015, 1, 1))
    assert skip_reason(record, d) == reason


@pytest.mark.parametrize("entry,name", [
    ("psf/requests", "psf/requests"),
    ("https://github.com/psf/requests.git", "psf/requests"),
    ("https://gitlab.com/group/sub/project/", "group/sub/project"),
    ("https://ghe.example.com/team/tool", "team/tool"),
])
def test_parse_repository(entry, name):
    assert parse_repository(entry, "https://ghe.example.com") == name


def test_parse_repository_rejects_garbage():
    with pytest.raises(ValueError):
        parse_repository("just-a-name", "https://github.com")
