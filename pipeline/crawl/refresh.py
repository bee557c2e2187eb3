"""Incremental re-crawl (``incoder crawl --refresh``): list again, fetch only what is new or changed,
record what disappeared.

``plan`` compares a fresh listing with the store's results, from listing data only:

- **new**: listed, never fetched (or gone before and listed again);
- **changed**: fetched before, and the listing's default branch or push time differs
  (``fetch.changed``); the work item carries the previous result, so the download is conditional on
  the stored archive's ``ETag`` and a failure keeps the old snapshot;
- **unchanged**: nothing to download; the row's listing metadata (stars, licence...) is updated;
- **missing**: fetched before, not listed now. ``check_missing`` asks the API once per such
  repository (conditional on a stored ``ETag`` when there is one) and records it as **gone** with a
  reason: ``renamed`` (the id answers under another name; the new name is fetched as new when it is
  listed), ``deleted_or_private`` (404: GitHub answers 404 for both,
  https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api#404-not-found-for-an-existing-resource),
  ``private`` (answers, but not public), ``blocked`` (403/451), or ``deselected.<reason>`` (public but
  no longer selected). One still public and selected is ``unlisted`` and kept.

A gone repository's archive moves from ``repos/`` to ``gone/`` (so the next build leaves it out) and
it is listed in ``manifest/gone.jsonl`` with its SHA-256, so a release made earlier can drop it.
"""

from __future__ import annotations

import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from pipeline.crawl import github, gitlab
from pipeline.crawl.config import CrawlConfig
from pipeline.crawl.fetch import changed
from pipeline.crawl.http import CrawlError, HostClient
from pipeline.crawl.selection import skip_reason
from pipeline.crawl.store import RawStore
from pipeline.crawl.tokens import crawl_logger

log = crawl_logger(__name__)

# What a re-crawl remembers of a previous result (work items stay small).
_PREVIOUS_KEYS = ("key", "full_name", "host", "status", "meta", "bytes", "sha256", "snapshot", "archive_etag",
                  "api_etag", "fetched_at")


def previous_of(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in _PREVIOUS_KEYS if k in row}


def plan(items: list[dict[str, Any]], results: dict[str, dict[str, Any]], store: RawStore,
         report: Counter) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``(work items to fetch, fetched rows not listed now)``; counts new/changed/unchanged in ``report``."""
    pending = []
    listed = {item["key"] for item in items}
    for item in items:
        row = results.get(item["key"])
        meta = item.get("meta")
        if row is None or row.get("status") in ("gone", "failed", "skipped"):
            report["new" if row is None or row.get("status") == "gone" else "retried"] += 1
            pending.append({**item, "plan": "new"})
        elif meta is None:  # explicit list: the fetch step asks the API (conditionally) and compares
            pending.append({**item, "previous": previous_of(row), "plan": "check"})
        elif changed(row.get("meta"), meta) or row.get("stale"):
            report["changed"] += 1
            pending.append({**item, "previous": previous_of(row), "plan": "changed"})
        else:
            report["unchanged"] += 1
            if row.get("meta") != meta:  # stars, licence, topics...: no new snapshot, newer metadata
                store.write_result({**row, "meta": meta, "checked_at": _now()})
    missing = [row for key, row in results.items() if key not in listed and row.get("status") == "fetched"]
    return pending, missing


def check_missing(cfg: CrawlConfig, client: HostClient, store: RawStore, rows: list[dict[str, Any]],
                  listed_ids: dict[Any, str], report: Counter, requests: Counter) -> None:
    """Find out why each fetched repository is no longer listed; record the gone ones."""
    def one(row: dict[str, Any]) -> tuple[dict[str, Any], str | None, dict[str, Any]]:
        counts: Counter = Counter()
        try:
            verdict, extra = _verdict(cfg, client, row, listed_ids, counts)
        except CrawlError as exc:  # asked again by the next --refresh; the snapshot stays meanwhile
            verdict, extra = "", {"error": exc.reason}
        return row, verdict, {**extra, "requests": counts}

    with ThreadPoolExecutor(max_workers=cfg.rate.concurrency, thread_name_prefix="crawl-gone") as pool:
        for row, verdict, extra in pool.map(one, rows):
            requests.update(extra.pop("requests"))
            if verdict == "":
                report["check_failed"] += 1
                log.warning("could not check %s, which is no longer listed: %s", row["full_name"], extra["error"])
                continue
            if verdict is None:
                report["unlisted"] += 1
                continue
            report["gone"] += 1
            report[f"gone.{verdict}"] += 1
            store.write_result({**row, "status": "gone", "reason": verdict, "gone_since": _now(), **extra})
            store.retire(row["key"])
            log.info("gone: %s (%s)", row["full_name"], verdict)


def _verdict(cfg: CrawlConfig, client: HostClient, row: dict[str, Any], listed_ids: dict[Any, str],
             counts: Counter) -> tuple[str | None, dict[str, Any]]:
    meta = row.get("meta") or {}
    rid = meta.get("id")
    if rid is not None and rid in listed_ids:  # listed under another name: renamed, no request needed
        return "renamed", {"renamed_to": listed_ids[rid]}
    if cfg.host == "github":
        url = f"{cfg.api_base()}/repositories/{rid}" if rid is not None else github.repo_api_url(cfg, row["full_name"])
    else:
        url = gitlab.project_url(cfg, rid if rid is not None else row["full_name"], with_license=False)
    try:
        body, headers, _ = client.get_json(url, "api", counts, etag=row.get("api_etag"))
    except CrawlError as exc:
        if exc.status == 404 or exc.status == 410:
            return "deleted_or_private", {}
        if exc.status in (403, 451):
            return "blocked", {"detail": exc.detail}
        raise
    if body is None:  # 304: the repository object is as it was when fetched: still there
        return None, {}
    record = (github.repo_record(body, cfg.web_base()) if cfg.host == "github"
              else gitlab.repo_record(body, cfg.web_base()))
    if body.get("private") or body.get("visibility") not in (None, "public"):
        return "private", {}
    if record["full_name"].lower() != row["full_name"].lower():
        return "renamed", {"renamed_to": record["full_name"]}
    check_license = cfg.host == "github" or bool(record.get("license_checked"))
    reason = skip_reason(record, cfg.discovery, check_license=check_license)
    if reason:
        return f"deselected.{reason}", {}
    return None, {}


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
