"""Faithful listing of one GitHub search slice: every item the slice's ``total_count`` promises, or a
recorded shortfall with its cause.

GitHub's search answers at most 1,000 results per query, and a search that hits its time limit
answers ``incomplete_results: true`` on any page, not only the first
(https://docs.github.com/en/rest/search/search#about-search, "Timeouts and incomplete results").
Asking for a page past the cap answers ``422`` "Only the first 1000 search results are available".
Page-number pagination is also not a snapshot: a repository created (or deleted) while a slice is
read changes ``total_count`` and shifts the later pages, so an item can be skipped.

``GitHubSearch.list_slice`` therefore reads a slice page by page and accepts it as **complete** only
when no page was incomplete or refused, ``total_count`` stayed the same on every page and the distinct
items listed reach it. Otherwise:

- a page answering ``incomplete_results`` or the 422 is asked again (``incomplete_retries`` times);
- a slice whose total changed, or whose listing ended short, is listed again (as many times);
- what still fails is **split** into narrower ``created:`` slices (a narrower query is faster, so it
  times out less, stays under the cap, and holds fewer moving items);
- a one-second slice cannot be split: it is kept as **short**, with the number of items it could not
  list and the cause (``incomplete_results``, ``result_cap``, ``total_changed``, ``listing_short``).
  Discovery records it, the summary counts it, and the next run lists that slice again.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from pipeline.crawl.config import CrawlConfig
from pipeline.crawl.github import Slice
from pipeline.crawl.http import CrawlError, HostClient, parse_links
from pipeline.crawl.tokens import crawl_logger

log = crawl_logger(__name__)

# What each cause means, for log lines a user can act on.
CAUSES = {
    "incomplete_results": "the search timed out (incomplete_results) on a page",
    "result_cap": "the host stopped paging at its result cap (422 'only the first N results')",
    "total_changed": "total_count changed between pages (repositories created or deleted meanwhile)",
    "listing_short": "the pages ended before total_count with no error from the host",
    "over_cap": "more results than the result cap in one second of creation time",
}
# Split a slice over the cap into enough parts to land at about this share of the cap each, so few
# probe pages are spent on slices that are split again.
_FILL = 0.7
_MAX_PARTS = 16


@dataclass
class SliceListing:
    """Outcome of one slice: ``split`` (into ``parts``), ``complete`` or ``short``."""

    verdict: str
    items: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    cause: str | None = None
    parts: int = 2

    @property
    def missing(self) -> int:
        return max(0, self.total - len(self.items))


class GitHubSearch:
    """Lists search slices; counts pages, retries and causes into ``stats``."""

    def __init__(self, cfg: CrawlConfig, client: HostClient, stats: Counter, requests: Counter) -> None:
        self.cfg = cfg
        self.d = cfg.discovery
        self.client = client
        self.stats = stats
        self.requests = requests

    def url(self, qualifiers: list[str], s: Slice) -> str:
        q = " ".join([*qualifiers, f"created:{s.key}"])
        return f"{self.cfg.api_base()}/search/repositories?q={quote(q, safe=':.>=')}&per_page={self.d.per_page}"

    def list_slice(self, qualifiers: list[str], s: Slice) -> SliceListing:
        """Read slice ``s`` to a verdict (see the module docstring)."""
        tries = self.d.incomplete_retries + 1
        outcome = SliceListing("short")
        for attempt in range(tries):
            outcome = self._read(qualifiers, s)
            if outcome.verdict in ("split", "complete"):
                return outcome
            # incomplete pages and 422s were already asked again page by page: narrow the slice now
            if outcome.cause in ("incomplete_results", "result_cap") and s.splittable:
                break
            if attempt + 1 < tries:
                self.stats[f"slice_relisted.{outcome.cause}"] += 1
                log.info("search slice %s listed %d of %d: %s; listing it again",
                         s.key, len(outcome.items), outcome.total, CAUSES[outcome.cause or "listing_short"])
        if s.splittable:
            self.stats["slices_split"] += 1
            self.stats[f"slices_split.{outcome.cause}"] += 1
            log.info("search slice %s: %s; splitting it", s.key, CAUSES[outcome.cause or "listing_short"])
            return SliceListing("split", total=outcome.total, cause=outcome.cause, parts=2)
        return outcome

    def _read(self, qualifiers: list[str], s: Slice) -> SliceListing:
        """One pass over the slice's pages."""
        seen: dict[Any, dict[str, Any]] = {}
        url: str | None = self.url(qualifiers, s)
        totals: list[int] = []
        cause: str | None = None
        last_full = False
        while url:
            body, links = self._page(url)
            if body is None:  # 422 past the cap, even after asking again
                cause = "result_cap"
                break
            total = int(body.get("total_count") or 0)
            if not totals and total > self.d.slice_max_results:
                if s.splittable:
                    parts = min(_MAX_PARTS, max(2, math.ceil(total / (_FILL * self.d.slice_max_results))))
                    self.stats["slices_split"] += 1
                    self.stats["slices_split.over_cap"] += 1
                    return SliceListing("split", total=total, cause="over_cap", parts=parts)
                cause = "over_cap"
            totals.append(total)
            page_items = body.get("items") or []
            for item in page_items:
                seen.setdefault(item.get("id"), item)
            last_full = len(page_items) >= self.d.per_page
            if body.get("incomplete_results"):
                cause = cause or "incomplete_results"
                if s.splittable:
                    break  # a narrower slice is asked instead; this pass is abandoned
            url = links.get("next")
        total = totals[-1] if totals else 0
        if cause is None and len(set(totals)) > 1:
            cause = "total_changed"
        if cause is None and len(seen) < total:
            cause = "result_cap" if last_full else "listing_short"
        items = list(seen.values())
        if cause is None:
            return SliceListing("complete", items, total)
        return SliceListing("short", items, max(total, len(items)), cause)

    def _page(self, url: str) -> tuple[dict[str, Any] | None, dict[str, str]]:
        """A page, asked again while it answers ``incomplete_results`` or the cap's 422; the last
        answer is returned (``None`` body: still the 422)."""
        body: dict[str, Any] | None = None
        links: dict[str, str] = {}
        for attempt in range(self.d.incomplete_retries + 1):
            body, headers, _ = self.client.get_json(url, "search", self.requests, accept=(422,))
            self.stats["listing_pages"] += 1
            links = parse_links(headers.get("Link"))
            if "total_count" not in body:  # the 422: {"message": "Only the first 1000 search results ..."}
                message = str(body.get("message") or "")
                if "only the first" not in message.lower():
                    raise CrawlError("http_422", f"search refused the query: {message[:200]}")
                self.stats["result_cap_responses"] += 1
                body = None
            elif body.get("incomplete_results"):
                self.stats["incomplete_responses"] += 1
            else:
                return body, links
            log.info("search page answered %s (try %d of %d)",
                     "422 past the result cap" if body is None else "incomplete_results",
                     attempt + 1, self.d.incomplete_retries + 1)
        return body, links
