"""Fixtures shared by the pipeline tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakes.repos import make_local_tree


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    """The small local tree of ``make_local_tree`` (folder, tar.gz and zip repositories plus metadata)."""
    return make_local_tree(tmp_path_factory.mktemp("tree") / "repos")
