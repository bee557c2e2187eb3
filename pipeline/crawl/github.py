"""GitHub: search queries sliced under the 1000-result cap, repository records, archive URLs.

The search API answers at most ``slice_max_results`` (1000) items per query, so each query is run over
a ``created:`` time range that is halved until the range's ``total_count`` fits (REFERENCE.md
section 9). A slice answering ``incomplete_results: true`` is asked again, then split; a one-second
slice that still does not fit is taken as far as the API goes and counted (``slices_truncated``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from pipeline.crawl.config import CrawlConfig, DiscoveryConfig
from pipeline.crawl.http import HostClient, parse_links
from pipeline.crawl.tokens import crawl_logger

log = crawl_logger(__name__)

ONE_SECOND = dt.timedelta(seconds=1)


def repo_record(item: dict[str, Any], web_base: str) -> dict[str, Any]:
    """A listing/repository object to the crawl's repository record (host licence kept as reported:
    an SPDX id, ``NOASSERTION`` or ``None``)."""
    license_obj = item.get("license") or {}
    full_name = item["full_name"]
    return {
        "host": "github",
        "id": item.get("id"),
        "full_name": full_name,
        "stars": int(item.get("stargazers_count") or 0),
        "forks": int(item.get("forks_count") or 0),
        "license": license_obj.get("spdx_id") or None,
        "license_key": license_obj.get("key"),
        "default_branch": item.get("default_branch") or None,
        "pushed_at": item.get("pushed_at"),
        "created_at": item.get("created_at"),
        "archived": bool(item.get("archived", False)),
        "fork": bool(item.get("fork", False)),
        "language": item.get("language"),
        "url": item.get("html_url") or f"{web_base}/{full_name}",
        "clone_url": item.get("clone_url") or f"{web_base}/{full_name}.git",
    }


def _date_range(name: str, after: dt.date | None, before: dt.date | None) -> str | None:
    if after and before:
        return f"{name}:{after.isoformat()}..{before.isoformat()}"
    if after:
        return f"{name}:>={after.isoformat()}"
    if before:
        return f"{name}:<={before.isoformat()}"
    return None


def base_qualifiers(d: DiscoveryConfig, language: str | None, license_id: str | None) -> list[str]:
    """Search qualifiers of one (language, licence) combination, without the ``created:`` slice."""
    parts = []
    if language:
        parts.append(f'language:"{language}"' if " " in language else f"language:{language}")
    if license_id:
        parts.append(f"license:{license_id.lower()}")  # GitHub licence keys are lower-case SPDX ids
    if d.max_stars is not None:
        parts.append(f"stars:{d.min_stars}..{d.max_stars}")
    elif d.min_stars:
        parts.append(f"stars:>={d.min_stars}")
    pushed = _date_range("pushed", d.pushed_after, d.pushed_before)
    if pushed:
        parts.append(pushed)
    if d.include_forks:
        parts.append("fork:true")  # search leaves forks out unless asked
    if not d.include_archived:
        parts.append("archived:false")
    parts.append("is:public")
    return parts


def _stamp(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def created_window(d: DiscoveryConfig) -> tuple[dt.datetime, dt.datetime]:
    lo = dt.datetime.combine(d.created_after, dt.time(0, 0, 0))
    before = d.created_before or dt.datetime.now(dt.timezone.utc).date()
    hi = dt.datetime.combine(before, dt.time(23, 59, 59))
    return lo, hi


@dataclass
class Slice:
    lo: dt.datetime
    hi: dt.datetime

    @property
    def key(self) -> str:
        return f"{_stamp(self.lo)}..{_stamp(self.hi)}"

    def halves(self) -> tuple[Slice, Slice]:
        mid = self.lo + (self.hi - self.lo) / 2
        mid = mid.replace(microsecond=0)
        return Slice(self.lo, mid), Slice(mid + ONE_SECOND, self.hi)

    @property
    def splittable(self) -> bool:
        return self.hi - self.lo >= ONE_SECOND


class GitHubSearch:
    """Runs one sliced search; ``probe`` decides split or take, ``pages`` reads a slice to its end."""

    def __init__(self, cfg: CrawlConfig, client: HostClient, stats: Counter, requests: Counter) -> None:
        self.cfg = cfg
        self.d = cfg.discovery
        self.client = client
        self.stats = stats
        self.requests = requests

    def url(self, qualifiers: list[str], s: Slice) -> str:
        q = " ".join([*qualifiers, f"created:{s.key}"])
        return f"{self.cfg.api_base()}/search/repositories?q={quote(q, safe=':.>=')}&per_page={self.d.per_page}"

    def probe(self, qualifiers: list[str], s: Slice) -> tuple[str, dict[str, Any] | None, dict[str, str]]:
        """``("split", None, {})`` or ``("take", first page, links)`` for slice ``s``."""
        url = self.url(qualifiers, s)
        for attempt in range(self.d.incomplete_retries + 1):
            body, headers, _ = self.client.get_json(url, "search", self.requests)
            self.stats["listing_pages"] += 1
            total = int(body.get("total_count") or 0)
            incomplete = bool(body.get("incomplete_results"))
            if total > self.d.slice_max_results:
                if s.splittable:
                    return "split", None, {}
                self.stats["slices_truncated"] += 1
                log.warning("slice %s has %d results in one second; taking the first %d",
                            s.key, total, self.d.slice_max_results)
                return "take", body, parse_links(headers.get("Link"))
            if not incomplete:
                return "take", body, parse_links(headers.get("Link"))
            self.stats["incomplete_responses"] += 1
            log.info("search slice %s answered incomplete_results (try %d)", s.key, attempt + 1)
        if s.splittable and total > 0:
            return "split", None, {}
        self.stats["slices_incomplete"] += 1
        return "take", body, parse_links(headers.get("Link"))

    def pages(self, first: dict[str, Any], links: dict[str, str]) -> Iterator[dict[str, Any]]:
        """Items of a slice: the first page, then ``Link: rel="next"`` pages."""
        seen: set[Any] = set()
        body = first
        while True:
            for item in body.get("items") or []:
                if item.get("id") not in seen:
                    seen.add(item.get("id"))
                    yield item
            nxt = links.get("next")
            if not nxt:
                missing = int(first.get("total_count") or 0) - len(seen)
                if missing > 0:  # the host capped the slice below slice_max_results, or items moved
                    self.stats["slice_items_missing"] += missing
                    log.warning("search slice ended %d items short of its total_count; lower "
                                "discovery.slice_max_results if this host caps results lower", missing)
                return
            body, headers, _ = self.client.get_json(nxt, "search", self.requests)
            self.stats["listing_pages"] += 1
            links = parse_links(headers.get("Link"))


def repo_api_url(cfg: CrawlConfig, full_name: str) -> str:
    return f"{cfg.api_base()}/repos/{full_name}"


def archive_url(cfg: CrawlConfig, record: dict[str, Any]) -> str:
    """Tarball endpoint of the default branch (302 to the download host; 301 for a renamed repo)."""
    ref = record.get("default_branch")
    base = f"{cfg.api_base()}/repos/{record['full_name']}/tarball"
    return f"{base}/{quote(ref, safe='/')}" if ref else base  # branch names may hold slashes
