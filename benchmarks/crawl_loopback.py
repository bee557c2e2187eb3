"""Crawl throughput against a loopback GitHub with 50 ms latency per request (issue 6, point 9).

Side by side in one process, against the same fake host (tests/pipeline/crawl_fakehost.py):

- baseline: a naive sequential fetcher: for each repository of the search listing, GET its metadata
  (the usual "check the licence" request), then GET the tarball endpoint following the 302, one
  repository at a time;
- incoder crawl: ``run_crawl`` (sliced search discovery on the driver, then the Beam fetch stage with
  ``rate.concurrency`` repositories at once and no per-repository metadata request).

Prints repositories/s and requests per repository (listing pages included) for both, and the ratios.

    .venv/bin/python benchmarks/crawl_loopback.py [--repos 120] [--latency 0.05] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "pipeline"))
sys.path.insert(0, str(ROOT))
from crawl_fakehost import FakeForge, crawl_section, created, github_repo  # noqa: E402

from pipeline.config import parse_config  # noqa: E402
from pipeline.crawl.cli import run_crawl  # noqa: E402


def baseline(forge: FakeForge, out: Path) -> tuple[int, float, int]:
    """Sequential: list with plain pagination, then metadata + tarball per repository."""
    before = sum(forge.requests.values())
    start = time.monotonic()
    names = []
    url = f"{forge.api_url}/search/repositories?q=is:public&per_page=100"
    while url:
        resp = requests.get(url, timeout=30)
        names += [item["full_name"] for item in resp.json()["items"]]
        url = resp.links.get("next", {}).get("url")
    for name in names:
        meta = requests.get(f"{forge.api_url}/repos/{name}", timeout=30).json()
        tar = requests.get(f"{forge.api_url}/repos/{name}/tarball/{meta['default_branch']}", timeout=30)
        (out / (name.replace("/", "__") + ".tar.gz")).write_bytes(tar.content)
    seconds = time.monotonic() - start
    requests_made = sum(forge.requests.values()) - before
    return len(names), seconds, requests_made


def incoder(forge: FakeForge, out: Path, concurrency: int) -> tuple[int, float, int]:
    before = sum(forge.requests.values())
    section = crawl_section(forge.api_url, rate={"concurrency": concurrency},
                            discovery={"slice_max_results": forge.search_cap})
    cfg = parse_config({"output_dir": str(out), "crawl": section})
    start = time.monotonic()
    summary = run_crawl(cfg, [])
    seconds = time.monotonic() - start
    requests_made = sum(forge.requests.values()) - before
    return summary["repositories"]["fetched"], seconds, requests_made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repos", type=int, default=120)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with FakeForge(latency_s=args.latency, search_cap=1000) as forge, tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repos):
            forge.add_github(github_repo(i + 1, f"bench{i % 7}/repo-{i}", created=created(i * 5)),
                             files={"main.py": f"print({i})\n" * 50})
        base_dir, crawl_dir = Path(tmp) / "baseline", Path(tmp) / "crawl"
        base_dir.mkdir()
        n_base, s_base, r_base = baseline(forge, base_dir)
        forge.downloads.clear()
        n_ours, s_ours, r_ours = incoder(forge, crawl_dir, args.concurrency)
    print(f"loopback GitHub, {args.latency * 1000:.0f} ms latency per request, {args.repos} repositories")
    print(f"{'':24}{'repos':>7}{'seconds':>10}{'repos/s':>10}{'requests/repo':>15}")
    for label, n, s, r in (("naive sequential", n_base, s_base, r_base),
                           (f"incoder crawl (c={args.concurrency})", n_ours, s_ours, r_ours)):
        print(f"{label:24}{n:>7}{s:>10.2f}{n / s:>10.2f}{r / max(1, n):>15.2f}")
    print(f"speed-up: {(n_ours / s_ours) / (n_base / s_base):.2f}x repositories/s; "
          f"requests per repository: {(r_ours / n_ours) / (r_base / n_base):.2f}x of the baseline")


if __name__ == "__main__":
    main()
