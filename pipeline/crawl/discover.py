"""Discovery on the driver: sliced GitHub search, GitLab keyset listing, or an explicit list.

Listing is paced by the search limit (30 requests/min), so it runs on the driver, checkpointing after
every finished slice or page under ``manifest/discovery/``: a killed discovery resumes where it stopped,
and a finished one (same criteria) is not listed again. A GitHub slice listed short (see
``github_search``) is recorded with its shortfall and cause under ``short`` in ``state.json``; the
discovery then stays incomplete, so the next run lists exactly those slices again. The output is ``manifest/discovered.jsonl``,
one work item per selected repository (and ``manifest/discovery_skipped.jsonl``, each listed
repository left out with its reason)::

    {"key": "octo__hello", "full_name": "octo/hello", "meta": {...record...} | null}

``meta`` is null for explicit-list entries: the fetch step asks the API for it (one request).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from pipeline import fsio
from pipeline.crawl import github, gitlab
from pipeline.crawl.config import CrawlConfig
from pipeline.crawl.github_search import CAUSES, GitHubSearch
from pipeline.crawl.http import HostClient
from pipeline.crawl.selection import parse_repository, skip_reason
from pipeline.crawl.store import RawStore, jsonl_text, read_jsonl, repo_key
from pipeline.crawl.tokens import crawl_logger
from pipeline.errors import ConfigError

log = crawl_logger(__name__)


def criteria_digest(cfg: CrawlConfig) -> str:
    """What a finished discovery depends on; a change starts discovery afresh."""
    # max_repositories is left out: a larger cap continues from the same checkpoint
    discovery = cfg.discovery.model_dump(mode="json", exclude={"max_repositories"})
    data = {"host": cfg.host, "api": cfg.api_base(), "discovery": discovery}
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


class Checkpoint:
    """``manifest/discovery/state.json`` plus one records file per finished slice or page."""

    def __init__(self, store: RawStore, digest: str) -> None:
        self.store = store
        self.path = fsio.join(store.discovery_dir, "state.json")
        state = json.loads(fsio.read_text(self.path)) if fsio.exists(self.path) else {}
        if state.get("digest") != digest:
            if state:
                log.info("discovery criteria changed: listing again")
            state = {"digest": digest, "done": {}, "split": {}, "short": {}, "next": {}, "complete": False, "stats": {}}
        if isinstance(state.get("split"), list):  # layout 1: every split was a halving
            state["split"] = {slice_id: 2 for slice_id in state["split"]}
        state.setdefault("short", {})
        self.state = state

    def split_parts(self, slice_id: str) -> int:
        """Into how many parts ``slice_id`` was split (0: not split)."""
        return int(self.state["split"].get(slice_id, 0))

    def split(self, slice_id: str, parts: int) -> None:
        self.state["split"][slice_id] = parts
        self.state["short"].pop(slice_id, None)
        self.save()

    def finish_short(self, slice_id: str, records: list[dict[str, Any]], missing: int, cause: str) -> None:
        """A slice listed as far as the host allowed: its records are used, the shortfall is recorded,
        and a later run lists it again (it is not ``done``)."""
        path = self.part_path(slice_id)
        fsio.write_text(path, jsonl_text(records))
        self.state["short"][slice_id] = {"part": path.rsplit("/", 1)[-1], "missing": missing, "cause": cause}
        self.save()

    def part_path(self, slice_id: str) -> str:
        return fsio.join(self.store.discovery_dir, "part-" + hashlib.sha1(slice_id.encode()).hexdigest()[:16] + ".jsonl")

    def finish(self, slice_id: str, records: list[dict[str, Any]], next_url: str | None = None, combo: str = "") -> None:
        path = self.part_path(slice_id)
        fsio.write_text(path, jsonl_text(records))  # records first: the state never points at a missing file
        self.state["done"][slice_id] = path.rsplit("/", 1)[-1]
        self.state["short"].pop(slice_id, None)
        if combo:
            self.state["next"][combo] = next_url
        self.save()

    def load(self, slice_id: str) -> list[dict[str, Any]]:
        return read_jsonl(fsio.join(self.store.discovery_dir, self.state["done"][slice_id]))

    def save(self) -> None:
        fsio.write_json(self.path, self.state)


class Discovery:
    """Lists, selects and writes the work items; ``stats`` counts pages, discovered and skipped."""

    def __init__(self, cfg: CrawlConfig, client: HostClient | None, store: RawStore, requests: Counter) -> None:
        self.cfg = cfg
        self.client = client
        self.store = store
        self.requests = requests
        self.stats: Counter = Counter()
        self.selected: dict[str, dict[str, Any]] = {}
        self.ids: dict[str, Any] = {}
        self.skipped: list[dict[str, Any]] = []
        self.capped = False

    # -- selection shared by every mode
    def _offer(self, record: dict[str, Any]) -> bool:
        """Select or count-skip one listed record; False once ``max_repositories`` is reached."""
        d = self.cfg.discovery
        if d.max_repositories is not None and len(self.selected) >= d.max_repositories:
            self.capped = True
            return False
        key = repo_key(record["full_name"])
        if key in self.selected and self.ids.get(key) == record.get("id"):
            self.stats["duplicates"] += 1  # the same repository in two overlapping listings
            return True
        self.stats["discovered"] += 1
        check_license = not (self.cfg.host == "gitlab" and not record.get("license_checked"))
        reason = skip_reason(record, d, check_license=check_license)
        if reason:
            self.stats[f"skipped.{reason}"] += 1
            self.skipped.append({"full_name": record["full_name"], "id": record.get("id"), "reason": reason})
            return True
        if key in self.selected:  # two names mapping to one key: keep both, apart
            key = f"{key}__{record.get('id')}"
        self.selected[key] = {"key": key, "full_name": record["full_name"], "meta": record}
        self.ids[key] = record.get("id")
        return True

    def run(self, rediscover: bool = False, refresh: bool = False) -> list[dict[str, Any]]:
        """The work items (resumed from the checkpoint when discovery already ran). ``refresh`` lists
        again like ``rediscover``, except that an unfinished refresh listing (killed, or with short
        slices) is resumed rather than restarted."""
        d = self.cfg.discovery
        if d.explicit:
            return self._explicit()
        cp = Checkpoint(self.store, criteria_digest(self.cfg))
        if cp.state["complete"] and not (rediscover or refresh) and fsio.exists(self.store.discovered_path()):
            self.stats.update(cp.state.get("stats", {}))
            self.stats["resumed"] = 1
            return read_jsonl(self.store.discovered_path())[: d.max_repositories]
        resuming_refresh = refresh and cp.state.get("refreshing") and not cp.state["complete"]
        if (rediscover or refresh) and not resuming_refresh:
            cp.state.update(done={}, split={}, short={}, next={}, complete=False)
        cp.state["refreshing"] = refresh or bool(cp.state.get("refreshing"))
        if self.cfg.host == "github":
            self._github(cp)
        else:
            self._gitlab(cp)
        items = list(self.selected.values())
        fsio.write_text(self.store.discovered_path(), jsonl_text(items))
        fsio.write_text(fsio.join(self.store.manifest_dir, "discovery_skipped.jsonl"), jsonl_text(self.skipped))
        # a capped listing continues on a later, larger run; short slices are listed again next run
        cp.state["complete"] = not self.capped and not cp.state["short"]
        cp.state["refreshing"] = cp.state["refreshing"] and not cp.state["complete"]
        cp.state["stats"] = dict(self.stats)
        cp.save()
        return items

    def _github(self, cp: Checkpoint) -> None:
        d = self.cfg.discovery
        search = GitHubSearch(self.cfg, self.client, self.stats, self.requests)
        web = self.cfg.web_base()
        for language in d.languages or [None]:
            for license_id in d.licenses or [None]:
                qualifiers = github.base_qualifiers(d, language, license_id)
                lo, hi = github.created_window(d)
                stack = [github.Slice(lo, hi)]
                while stack:
                    s = stack.pop()
                    slice_id = " ".join([*qualifiers, s.key])
                    parts = cp.split_parts(slice_id)
                    if parts:
                        stack += reversed(s.parts(parts))
                        continue
                    if slice_id in cp.state["done"]:
                        records = cp.load(slice_id)
                    else:
                        records = self._list_slice(cp, search, qualifiers, s, slice_id, web)
                        if records is None:
                            stack += reversed(s.parts(cp.split_parts(slice_id)))
                            continue
                    for record in records:
                        if not self._offer(record):
                            return

    def _list_slice(self, cp: Checkpoint, search: GitHubSearch, qualifiers: list[str], s: github.Slice,
                    slice_id: str, web: str) -> list[dict[str, Any]] | None:
        """List one slice and checkpoint the outcome; ``None`` when it was split."""
        listing = search.list_slice(qualifiers, s)
        if listing.verdict == "split":
            cp.split(slice_id, listing.parts)
            return None
        records = [github.repo_record(item, web) for item in listing.items]
        self.stats["slices"] += 1
        if listing.verdict == "complete":
            cp.finish(slice_id, records)
            log.info("discovery: slice %s: %d repositories (%d selected so far)", s.key, len(records), len(self.selected))
        else:
            cp.finish_short(slice_id, records, listing.missing, listing.cause or "listing_short")
            self.stats["slices_short"] += 1
            self.stats["unseen"] += listing.missing
            self.stats[f"unseen.{listing.cause}"] += listing.missing
            log.warning("discovery: slice %s listed %d of %d repositories: %s. Recorded as short; the next "
                        "crawl lists this slice again", s.key, len(records), listing.total,
                        CAUSES.get(listing.cause or "", listing.cause))
        return records

    def _gitlab(self, cp: Checkpoint) -> None:
        web = self.cfg.web_base()
        for language in self.cfg.discovery.languages or [None]:
            combo = f"gitlab {language or '*'}"
            page = 0
            while f"{combo} page {page}" in cp.state["done"]:
                for record in cp.load(f"{combo} page {page}"):
                    if not self._offer(record):
                        return
                page += 1
            if page and not cp.state["next"].get(combo):
                continue  # this listing had reached its last page
            start = cp.state["next"].get(combo) or gitlab.listing_url(self.cfg, language)
            cache = gitlab.PageCache(fsio.join(self.store.discovery_dir, "etags"))
            for items, next_url in gitlab.list_pages(self.client, start, self.stats, self.requests, cache):
                records = [gitlab.repo_record(item, web) for item in items]
                cp.finish(f"{combo} page {page}", records, next_url=next_url, combo=combo)
                page += 1
                for record in records:
                    if not self._offer(record):
                        return
                log.info("discovery: %s page %d: %d selected so far", combo, page, len(self.selected))

    def _explicit(self) -> list[dict[str, Any]]:
        d = self.cfg.discovery
        entries = list(d.repositories)
        if d.repositories_file:
            if not fsio.exists(d.repositories_file):
                raise ConfigError(f"crawl.discovery.repositories_file not found: {d.repositories_file}")
            entries += [line for line in fsio.read_text(d.repositories_file).splitlines()
                        if line.strip() and not line.lstrip().startswith("#")]
        items: dict[str, dict[str, Any]] = {}
        for entry in entries:
            try:
                full_name = parse_repository(entry, self.cfg.web_base())
            except ValueError as exc:
                raise ConfigError(f"crawl.discovery.repositories: {exc}") from None
            key = repo_key(full_name)
            if key in items:
                self.stats["duplicates"] += 1
                continue
            items[key] = {"key": key, "full_name": full_name, "meta": None}
            if d.max_repositories is not None and len(items) >= d.max_repositories:
                break
        self.stats["discovered"] = len(items)
        return list(items.values())
