"""Discover GitHub or GitLab repositories by criteria (or take an explicit list) and snapshot their
default branches into a resumable raw store that `incoder build` reads as a `github`/`gitlab` source.

  incoder crawl --config configs/crawl/github.yaml [--refresh] [--rediscover] [--discover-only] [beam flags]

Tokens come from the environment variables named by crawl.tokens. A killed crawl, run again, fetches
nothing twice and misses nothing; a finished crawl run again downloads nothing. --refresh lists again
and downloads only new or changed repositories, and records those gone. The store gets
repos/*.tar.gz, repos/repos.jsonl, manifest/ and crawl_summary.json. Manual: docs/crawl.md.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from typing import Any

import apache_beam as beam

from pipeline import fsio
from pipeline.beam_runner import new_pipeline
from pipeline.config import ProjectConfig, add_config_arguments, load_config, parse_overrides
from pipeline.crawl.config import CrawlConfig
from pipeline.crawl.discover import Discovery
from pipeline.crawl.fetch import FetchSnapshots
from pipeline.crawl.http import CrawlError, shared_client
from pipeline.crawl.progress import ProgressReporter, format_summary, summarize
from pipeline.crawl.refresh import check_missing, previous_of
from pipeline.crawl.refresh import plan as plan_refresh
from pipeline.crawl.selection import skip_reason
from pipeline.crawl.store import RawStore, jsonl_text
from pipeline.crawl.tokens import crawl_logger, load_named_tokens
from pipeline.errors import FatalError
from pipeline.metrics import build_stats

log = crawl_logger(__name__)

ACCEPTS_BEAM_ARGS = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_config_arguments(parser)
    parser.add_argument("--rediscover", action="store_true",
                        help="list the host again even if a finished discovery with the same criteria exists")
    parser.add_argument("--discover-only", action="store_true", help="stop after discovery (writes manifest/discovered.jsonl)")
    parser.add_argument("--refresh", action="store_true",
                        help="incremental re-crawl: list again, download only new or changed repositories, "
                             "record those gone (renamed, deleted, private)")


def run(args: argparse.Namespace, beam_args: list[str]) -> int:
    cfg = load_config(args.config, parse_overrides(args.overrides))
    summary = run_crawl(cfg, beam_args, rediscover=args.rediscover, discover_only=args.discover_only,
                        refresh=args.refresh)
    print(format_summary(summary))
    return 0


def store_root(cfg: ProjectConfig) -> str:
    crawl: CrawlConfig = cfg.require("crawl")
    return crawl.store or cfg.layout.raw


def is_done(row: dict[str, Any] | None, crawl: CrawlConfig) -> bool:
    """Whether a repository's recorded result means it must not be fetched again."""
    if row is None:
        return False
    if row["status"] == "fetched":
        return not (row.get("stale") and crawl.retry_failed)  # a refresh that failed keeps the old snapshot
    if row["status"] == "gone":
        return True
    if row["status"] == "skipped":  # still left out under the current criteria?
        return skip_reason(row.get("meta") or {}, crawl.discovery) is not None
    return not (row.get("transient") and crawl.retry_failed)


def _with_previous(item: dict[str, Any], row: dict[str, Any] | None) -> dict[str, Any]:
    """A stale snapshot (its refresh failed) is downloaded again, never adopted as it is."""
    return {**item, "previous": previous_of(row)} if row and row.get("stale") else item


def run_crawl(cfg: ProjectConfig, beam_args: list[str] | None = None, rediscover: bool = False,
              discover_only: bool = False, refresh: bool = False) -> dict[str, Any]:
    """Discover, fetch what is not done yet, regenerate ``repos.jsonl``; returns the summary.
    ``refresh``: list again and fetch only new or changed repositories (``refresh.py``)."""
    crawl: CrawlConfig = cfg.require("crawl")
    store = RawStore(store_root(cfg))
    store.open(crawl.host)
    tokens = load_named_tokens(crawl.tokens)
    with store.locked():
        return _crawl(cfg, crawl, store, tokens, beam_args, rediscover, discover_only, refresh)


def _crawl(cfg: ProjectConfig, crawl: CrawlConfig, store: RawStore, tokens: list[tuple[str, str]],
           beam_args: list[str] | None, rediscover: bool, discover_only: bool, refresh: bool) -> dict[str, Any]:
    root = store.root
    fsio.write_text(fsio.join(root, "crawl_config.yaml"), cfg.resolved_yaml())  # variable names only
    leftovers = store.remove_temporaries()
    if leftovers:
        log.info("removed %d partial downloads of an interrupted run", leftovers)
    results = store.compact()
    store.retire_gone(results)

    started = time.monotonic()
    listing_requests: Counter = Counter()
    client = shared_client(crawl, tokens)
    discovery = Discovery(crawl, client, store, listing_requests)
    try:
        items = discovery.run(rediscover=rediscover, refresh=refresh)
    except CrawlError as exc:  # a listing page that kept failing: the checkpoint lets a re-run resume
        raise FatalError(f"discovery stopped ({exc.reason}: {exc.detail}); run the crawl again to resume "
                         "from its checkpoint") from None
    changes: Counter = Counter()
    if refresh and not discover_only:
        pending, missing = plan_refresh(items, results, store, changes)
        if discovery.capped or discovery.stats.get("unseen"):  # an incomplete listing proves nothing gone
            log.warning("discovery was capped or short: not checking the %d stored repositories it did not list",
                        len(missing))
            changes["not_checked"] += len(missing)
            missing = []
        listed_ids = {(item.get("meta") or {}).get("id"): item["full_name"] for item in items if item.get("meta")}
        check_missing(crawl, client, store, missing, listed_ids, changes, listing_requests)
    else:
        pending = [_with_previous(item, results.get(item["key"])) for item in items
                   if not is_done(results.get(item["key"]), crawl)]
    log.info("discovered %d repositories (%d listing requests); %d selected, %d to fetch",
             discovery.stats.get("discovered", 0), sum(listing_requests.values()), len(items), len(pending))

    stage_stats = {} if discover_only or not pending else _fetch(crawl, store, pending, len(items), beam_args)

    results = store.compact()
    stored = store.write_repos_jsonl(results)
    keys = {item["key"] for item in items}
    run_rows = [results[item["key"]] for item in pending if item["key"] in results] if not discover_only else []
    if refresh:
        _count_refreshed(pending, results, changes)
    summary = summarize(results, dict(discovery.stats), listing_requests, {
        "selected": len(items),
        "processed": len(run_rows),
        "rows": run_rows,
        "seconds": time.monotonic() - started,
        "pending_after": sum(1 for k in keys if not is_done(results.get(k), crawl)),
        "tokens": client.pool.usage() if tokens else {},
        "refresh": dict(changes) if refresh else None,
    })
    summary["stages"] = stage_stats  # this run's Beam counters (FetchSnapshots: seen/kept/rejected/requests)
    summary["store"] = root
    summary["repos_jsonl_rows"] = stored
    store.write_summary(summary)
    return summary


def _fetch(crawl: CrawlConfig, store: RawStore, pending: list[dict[str, Any]], selected: int,
           beam_args: list[str] | None) -> dict[str, Any]:
    """Run the ``FetchSnapshots`` pipeline over the pending work items; its stage counters."""
    pending_path = fsio.join(store.manifest_dir, "pending.jsonl")
    fsio.write_text(pending_path, jsonl_text(pending))
    with ProgressReporter(store, len(pending), selected, crawl.progress_interval_s) as progress:
        pipeline = new_pipeline(beam_args)
        work = (pipeline
                | "ReadPending" >> beam.io.ReadFromText(pending_path)
                | "Parse" >> beam.Map(json.loads))
        _ = work | "FetchSnapshots" >> FetchSnapshots(crawl, store.root)
        result = pipeline.run()
        result.wait_until_finish()
        stage_stats = build_stats(result, ["FetchSnapshots"])["stages"]
        progress.poll()
        log.info(progress.line())
    fsio.delete_matching(pending_path)
    return stage_stats


def _count_refreshed(pending: list[dict[str, Any]], results: dict[str, dict[str, Any]], changes: Counter) -> None:
    """Add what the fetch step found to the plan's counts: explicit-list repositories are compared
    there (``check``), and a changed listing whose archive answered 304 is unchanged after all."""
    for item in pending:
        row = results.get(item["key"]) or {}
        outcome = row.get("refresh")
        if row.get("stale"):
            changes["refresh_failed"] += 1
        if item.get("plan") == "check":
            changes["unchanged" if outcome in ("unchanged", "not_modified") else "changed"] += 1
        elif item.get("plan") == "changed" and outcome == "not_modified":
            changes["changed"] -= 1
            changes["unchanged"] += 1
