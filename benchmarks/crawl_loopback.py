"""Crawl API budget and throughput on a loopback GitHub, against equally concurrent baselines.

The fake GitHub API and download host of the tests (tests/fakes/forge.py) serve
``--repos`` repositories on 127.0.0.1 with ``--latency`` seconds per request, the real search result
cap (1,000) and 100 results per page. Creation dates grow year on year (as on GitHub), so the sliced
search has to split unevenly. Per pass, side by side, all at ``--concurrency`` repositories at once
and all using the search listing's metadata (no metadata request per repository):

- ``incoder crawl``: ``run_crawl`` as shipped: archives straight from the download host by the
  documented URL pattern, the tarball API only as the fallback;
- ``baseline: tarball API`` (strongest fair baseline, the headline): the same crawler with
  ``direct_download: false``: one tarball API request (302) plus the download per repository;
- ``baseline: thread pool``: a plain ``ThreadPoolExecutor`` over the same listing, tarball API +
  redirect per repository, no Beam (what a careful script does).

Counts come from the server side (every request the fake hosts answered). Reported per selected
repository, apart: API requests for discovery, API requests for download, downloads. Mean and spread
over ``--passes`` passes (a fresh store each). Goals: at most 0.02 API requests per selected
repository in all, exactly one download per repository; exit 1 when missed.

Also prints, from the measured discovery requests per repository, the token-hours a 670,000-repository
crawl needs for discovery (30 search requests/min per token) and for API fallbacks (5,000/h per token).

    .venv/bin/python benchmarks/crawl_loopback.py [--repos 1500] [--latency 0.05] [--concurrency 8] [--passes 3]
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from pipeline.config import parse_config  # noqa: E402
from pipeline.crawl.cli import run_crawl  # noqa: E402
from tests.fakes.forge import FakeForge, crawl_section, github_repo  # noqa: E402

GOAL_API_PER_REPO = 0.02
INCODER_SCALE = 670_000
SEARCH_PER_MIN, CORE_PER_HOUR = 30, 5000  # per token: https://docs.github.com/en/rest/search/search#rate-limit


def populate(forge: FakeForge, n: int) -> None:
    """``n`` repositories created 2009-2016, each year ~1.4x the one before."""
    import datetime as dt

    weights = [1.4 ** y for y in range(8)]
    per_year = [round(n * w / sum(weights)) for w in weights]
    per_year[-1] += n - sum(per_year)
    rid = 0
    for year, count in enumerate(per_year):
        start = dt.datetime(2009 + year, 1, 1)
        for j in range(count):
            rid += 1
            when = start + dt.timedelta(seconds=int(j * 365 * 86400 / max(1, count)))
            forge.add_github(github_repo(rid, f"bench{rid % 13}/repo-{rid}", created=when.strftime("%Y-%m-%dT%H:%M:%SZ")),
                             files={"main.py": f"print({rid})\n" * 40})


def _server_counts(forge: FakeForge, before: Counter) -> dict[str, int]:
    now = forge.requests.copy()
    now.subtract(before)
    return {
        "discovery_api": sum(v for k, v in now.items() if k.startswith("api /search/")),
        "download_api": sum(v for k, v in now.items() if k.startswith("api ") and not k.startswith("api /search/")),
        "downloads": sum(v for k, v in now.items() if k.startswith("download ")),
    }


def crawl(forge: FakeForge, out: Path, concurrency: int, direct: bool) -> dict[str, float]:
    before = forge.requests.copy()
    section = crawl_section(forge.api_url, download_url=forge.dl.url, direct_download=direct,
                            rate={"concurrency": concurrency}, discovery={"created_after": "2009-01-01"})
    cfg = parse_config({"output_dir": str(out), "crawl": section})
    start = time.monotonic()
    summary = run_crawl(cfg, [])
    seconds = time.monotonic() - start
    return {"repos": summary["repositories"]["fetched"], "seconds": seconds, **_server_counts(forge, before),
            "selected": summary["repositories"]["selected"]}


def thread_pool(forge: FakeForge, listing: Path, out: Path, concurrency: int, discovery_api: int) -> dict[str, float]:
    """The same listing (its search requests are those of the crawl that wrote it), tarball API per repo."""
    items = [json.loads(line) for line in listing.read_text().splitlines()]
    before = forge.requests.copy()
    out.mkdir(parents=True)
    session = requests.Session()
    session.mount("http://", requests.adapters.HTTPAdapter(pool_maxsize=concurrency * 2))

    def fetch(item: dict) -> int:
        meta = item["meta"]
        resp = session.get(f"{forge.api_url}/repos/{meta['full_name']}/tarball/{meta['default_branch']}", timeout=60)
        resp.raise_for_status()
        (out / (item["key"] + ".tar.gz")).write_bytes(resp.content)
        return 1

    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        fetched = sum(pool.map(fetch, items))
    seconds = time.monotonic() - start
    counts = _server_counts(forge, before)
    counts["discovery_api"] = discovery_api
    return {"repos": fetched, "seconds": seconds, "selected": len(items), **counts}


def per_repo(run: dict[str, float]) -> dict[str, float]:
    n = max(1, run["selected"])
    return {"repos_per_s": run["repos"] / run["seconds"], "discovery_api": run["discovery_api"] / n,
            "download_api": run["download_api"] / n, "api_total": (run["discovery_api"] + run["download_api"]) / n,
            "downloads": run["downloads"] / max(1, run["repos"])}


def _fmt(values: list[float], digits: int) -> str:
    spread = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{statistics.mean(values):.{digits}f} ± {spread:.{digits}f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repos", type=int, default=1500)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    labels = ["incoder crawl", "baseline: tarball API", "baseline: thread pool"]
    runs: dict[str, list[dict[str, float]]] = {label: [] for label in labels}
    with FakeForge(latency_s=args.latency, search_cap=1000) as forge:
        populate(forge, args.repos)
        for p in range(args.passes):
            with tempfile.TemporaryDirectory() as tmp:
                runs[labels[0]].append(per_repo(crawl(forge, Path(tmp) / "ours", args.concurrency, direct=True)))
                base = crawl(forge, Path(tmp) / "api", args.concurrency, direct=False)
                runs[labels[1]].append(per_repo(base))
                listing = Path(tmp) / "api" / "raw" / "manifest" / "discovered.jsonl"
                runs[labels[2]].append(per_repo(thread_pool(forge, listing, Path(tmp) / "pool", args.concurrency,
                                                            base["discovery_api"])))
            print(f"pass {p + 1}/{args.passes} done", file=sys.stderr)

    print(f"loopback GitHub, {args.latency * 1000:.0f} ms per request, {args.repos} repositories, "
          f"100 per search page, result cap 1000, concurrency {args.concurrency}, {args.passes} passes (mean ± sd)")
    print(f"{'':24}{'repos/s':>16}{'discovery API/repo':>22}{'download API/repo':>20}{'API/repo':>18}{'downloads/repo':>16}")
    for label in labels:
        r = runs[label]
        col = {k: [x[k] for x in r] for k in r[0]}
        print(f"{label:24}{_fmt(col['repos_per_s'], 1):>16}{_fmt(col['discovery_api'], 4):>22}"
              f"{_fmt(col['download_api'], 4):>20}{_fmt(col['api_total'], 4):>18}{_fmt(col['downloads'], 3):>16}")
    ours, base = runs[labels[0]], runs[labels[1]]
    speed = [o["repos_per_s"] / b["repos_per_s"] for o, b in zip(ours, base, strict=True)]
    api = [o["api_total"] / b["api_total"] for o, b in zip(ours, base, strict=True)]
    print(f"vs baseline tarball API: {_fmt(speed, 2)}x repositories/s, {_fmt(api, 3)}x API requests per repository")
    discovery = statistics.mean(o["discovery_api"] for o in ours)
    fallback = statistics.mean(o["download_api"] for o in ours)
    print(f"a {INCODER_SCALE:,}-repository crawl at these rates: {INCODER_SCALE * discovery:,.0f} search requests "
          f"({INCODER_SCALE * discovery / SEARCH_PER_MIN / 60:.1f} token-hours at {SEARCH_PER_MIN}/min), "
          f"{INCODER_SCALE * fallback:,.0f} other API requests ({INCODER_SCALE * fallback / CORE_PER_HOUR:.2f} token-hours)")
    worst_api = max(o["api_total"] for o in ours)
    downloads_exact = all(abs(o["downloads"] - 1.0) < 1e-9 for o in ours)
    met = worst_api <= GOAL_API_PER_REPO and downloads_exact
    print(f"goal: <= {GOAL_API_PER_REPO} API requests per selected repository (worst pass {worst_api:.4f}) and exactly "
          f"one download per repository ({'yes' if downloads_exact else 'no'}): {'met' if met else 'MISSED'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
