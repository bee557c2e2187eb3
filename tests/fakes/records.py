"""Fake records for the stage tests (a raw file row as ``ReadRepositories`` emits it, a document as
``FilesToDocuments`` makes it) and a runner that returns what a test pipeline counted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pipeline import records
from pipeline.beam_runner import offline_test_pipeline
from pipeline.metrics import query_counters


def run_counted(build: Callable[[Any], None]) -> dict:
    """Build a pipeline with ``build(p)`` on the offline test runner, run it, return its counters."""
    p = offline_test_pipeline()
    build(p)
    result = p.run()
    result.wait_until_finish()
    return query_counters(result)


def raw(path: str, data: bytes, repo: str = "r") -> dict:
    return {"source": "local", "repo": repo, "path": path, "data": data, "size_bytes": len(data),
            "stars": None, "pushed_at": None, "host_license": "MIT", "url": None}


def doc(path: str, content: str, repo: str = "r") -> dict:
    return records.make_document(source="local", repo=repo, path=path, content=content, lang="python",
                                 ext=path[path.rfind("."):])
