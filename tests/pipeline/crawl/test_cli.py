"""Kill-and-resume: `incoder crawl` killed with SIGKILL during discovery (with search pages answering
incomplete_results) and during fetching, then run again, ends with every repository listed and
fetched once; a finished crawl run again requests nothing; the
token never appears in the logs, the manifest or the saved config. And ``incoder crawl --help``."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.fakes.forge import FakeForge, crawl_section, created, github_repo

TOKEN = "ghp_TESTtokenVALUE0123456789abcdefXYZ"
N_REPOS = 30
CONCURRENCY = 2


def _crawl_cmd(config: Path) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", "-v", "crawl", "--config", str(config)]


def _start(config: Path, log_path: Path) -> subprocess.Popen:
    env = {**os.environ, "CRAWL_RESUME_TOKEN": TOKEN}
    handle = log_path.open("ab")
    return subprocess.Popen(_crawl_cmd(config), stdout=handle, stderr=subprocess.STDOUT, env=env,
                            cwd=Path(__file__).resolve().parents[3])


def _kill_when(proc: subprocess.Popen, condition, timeout: float = 60.0) -> bool:
    """SIGKILL ``proc`` as soon as ``condition()`` holds; False if it finished first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        if condition():
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
            return True
        time.sleep(0.01)
    proc.kill()
    raise AssertionError("condition never met")


def _state(store: Path) -> dict:
    try:
        return json.loads((store / "manifest" / "discovery" / "state.json").read_text())
    except (OSError, ValueError):
        return {}


def _markers(store: Path) -> set[str]:
    d = store / "manifest" / "results"
    return {p.stem for p in d.glob("*.json")} if d.is_dir() else set()


@pytest.mark.timeout(120)
def test_discovery_killed_with_incomplete_pages_resumes_and_misses_nothing(tmp_path):
    with FakeForge(latency_s=0.02, search_cap=1000) as forge:
        for i in range(40):
            forge.add_github(github_repo(i + 1, f"k{i % 4}/repo-{i:02d}", created=created(i * 17)))
        forge.incomplete_pages = {2: 6, 3: 3}  # later pages time out: asked again, slices split
        section = crawl_section(forge.api_url, download_url=forge.dl.url,
                                discovery={"per_page": 4, "slice_max_results": 12})
        config = tmp_path / "crawl.yaml"
        config.write_text(yaml.safe_dump({"output_dir": str(tmp_path / "out"), "crawl": section}))
        store = tmp_path / "out" / "raw"
        cmd = [*_crawl_cmd(config), "--discover-only"]
        log_path = tmp_path / "crawl.log"
        with log_path.open("ab") as handle:
            proc = subprocess.Popen(cmd, stdout=handle, stderr=subprocess.STDOUT,
                                    cwd=Path(__file__).resolve().parents[3])
        assert _kill_when(proc, lambda: len(_state(store).get("done", {})) >= 2 and not _state(store).get("complete"))
        assert not _state(store).get("complete")
        with log_path.open("ab") as handle:
            done = subprocess.run(cmd, stdout=handle, stderr=subprocess.STDOUT, cwd=Path(__file__).resolve().parents[3],
                                  timeout=90)
        assert done.returncode == 0, log_path.read_text()[-3000:]
        state = _state(store)
        assert state["complete"] and not state["short"]
        listed = {json.loads(line)["full_name"] for line in (store / "manifest" / "discovered.jsonl").read_text().splitlines()}
        assert listed == set(forge.github)


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_killed_crawl_resumes_without_refetching(tmp_path):
    with FakeForge(latency_s=0.03, search_cap=5) as forge:
        for i in range(N_REPOS):
            forge.add_github(github_repo(i + 1, f"org{i % 3}/pkg-{i}", created=created(i * 23)))
        forge.incomplete_pages = {2: 4}  # later pages time out too: asked again, slices split, nothing lost
        section = crawl_section(forge.api_url, tokens=["CRAWL_RESUME_TOKEN"], download_url=forge.dl.url,
                                discovery={"per_page": 2, "slice_max_results": 5},
                                rate={"concurrency": CONCURRENCY})
        config = tmp_path / "crawl.yaml"
        config.write_text(yaml.safe_dump({"output_dir": str(tmp_path / "out"), "crawl": section}))
        store = tmp_path / "out" / "raw"
        log_path = tmp_path / "crawl.log"

        # 1. killed during discovery: some slices checkpointed, discovery not complete
        proc = _start(config, log_path)
        killed = _kill_when(proc, lambda: len(_state(store).get("done", {})) >= 2 and not _state(store).get("complete"))
        assert killed
        searches_first = forge.requests["api /search/repositories"]

        # 2. killed while fetching
        proc = _start(config, log_path)
        assert _kill_when(proc, lambda: len(_markers(store)) >= 6)
        done_at_kill = _markers(store)
        assert 6 <= len(done_at_kill) < N_REPOS

        # 3. resumed to the end
        proc = _start(config, log_path)
        assert proc.wait(timeout=120) == 0, log_path.read_text()[-3000:]
        results = [json.loads(line) for line in (store / "manifest" / "results.jsonl").read_text().splitlines()]
        assert len(results) == N_REPOS and {r["status"] for r in results} == {"fetched"}
        assert len(list((store / "repos").glob("*.tar.gz"))) == N_REPOS
        assert not list((store / "repos").glob("*.tmp-*"))
        # finished fetches were never repeated; only those in flight at the kill may be
        done_names = {r["full_name"] for r in results if r["key"] in done_at_kill}
        assert all(forge.downloads[name] == 1 for name in done_names)
        assert sum(forge.downloads.values()) - N_REPOS <= CONCURRENCY * 2
        # discovery resumed from its checkpoint instead of listing from scratch
        total_searches = forge.requests["api /search/repositories"]
        assert total_searches < 2 * (total_searches - searches_first) + searches_first

        # 4. a finished crawl run again requests nothing
        before = sum(forge.requests.values())
        proc = _start(config, log_path)
        assert proc.wait(timeout=120) == 0
        assert sum(forge.requests.values()) == before

        # discovery missed nothing despite the incomplete pages; archives came by URL, without the API
        assert not _state(store).get("short") and _state(store).get("complete")
        assert not [k for k in forge.requests if "/tarball" in k]

        # the token was used, and is nowhere in logs, manifest, config or summary; never sent to the
        # download host
        assert f"Bearer {TOKEN}" in forge.auth_seen["api"] and not forge.auth_seen["download"]
        assert TOKEN not in log_path.read_text()
        for path in store.rglob("*"):
            if path.is_file() and not path.name.endswith(".tar.gz"):
                assert TOKEN not in path.read_text(errors="replace"), path
        assert "CRAWL_RESUME_TOKEN" in (store / "crawl_config.yaml").read_text()
        assert "fetched 30" in log_path.read_text()


def test_crawl_help_is_the_module_docstring(capsys):
    from pipeline.cli import main

    with pytest.raises(SystemExit) as info:
        main(["crawl", "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "--rediscover" in out and "resumable raw store" in out
