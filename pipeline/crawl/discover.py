"""Discovery on the driver: sliced GitHub search, GitLab keyset listing, or an explicit list.

Listing is paced by the search limit (30 requests/min), so it runs on the driver, checkpointing after
every finished slice or page under ``manifest/discovery/``: a killed discovery resumes where it stopped,
and a finished one (same criteria) is not listed again. The output is ``manifest/discovered.jsonl``,
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
            state = {"digest": digest, "done": {}, "split": [], "next": {}, "complete": False, "stats": {}}
        self.state = state

    def part_path(self, slice_id: str) -> str:
        return fsio.join(self.store.discovery_dir, "part-" + hashlib.sha1(slice_id.encode()).hexdigest()[:16] + ".jsonl")

    def finish(self, slice_id: str, records: list[dict[str, Any]], next_url: str | None = None, combo: str = "") -> None:
        path = self.part_path(slice_id)
        fsio.write_text(path, jsonl_text(records))  # records first: the state never points at a missing file
        self.state["done"][slice_id] = path.rsplit("/", 1)[-1]
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

    def run(self, rediscover: bool = False) -> list[dict[str, Any]]:
        """The work items (resumed from the checkpoint when discovery already ran)."""
        d = self.cfg.discovery
        if d.explicit:
            return self._explicit()
        cp = Checkpoint(self.store, criteria_digest(self.cfg))
        if cp.state["complete"] and not rediscover and fsio.exists(self.store.discovered_path()):
            self.stats.update(cp.state.get("stats", {}))
            self.stats["resumed"] = 1
            return read_jsonl(self.store.discovered_path())[: d.max_repositories]
        if rediscover:
            cp.state.update(done={}, split=[], next={}, complete=False)
        if self.cfg.host == "github":
            self._github(cp)
        else:
            self._gitlab(cp)
        items = list(self.selected.values())
        fsio.write_text(self.store.discovered_path(), jsonl_text(items))
        fsio.write_text(fsio.join(self.store.manifest_dir, "discovery_skipped.jsonl"), jsonl_text(self.skipped))
        cp.state["complete"] = not self.capped  # a capped listing continues on a later, larger run
        cp.state["stats"] = dict(self.stats)
        cp.save()
        return items

    def _github(self, cp: Checkpoint) -> None:
        d = self.cfg.discovery
        search = github.GitHubSearch(self.cfg, self.client, self.stats, self.requests)
        web = self.cfg.web_base()
        for language in d.languages or [None]:
            for license_id in d.licenses or [None]:
                qualifiers = github.base_qualifiers(d, language, license_id)
                lo, hi = github.created_window(d)
                stack = [github.Slice(lo, hi)]
                while stack:
                    s = stack.pop()
                    slice_id = " ".join([*qualifiers, s.key])
                    if slice_id in cp.state["split"]:
                        first, second = s.halves()
                        stack += [second, first]
                        continue
                    if slice_id in cp.state["done"]:
                        records = cp.load(slice_id)
                    else:
                        verdict, first_page, links = search.probe(qualifiers, s)
                        if verdict == "split":
                            cp.state["split"].append(slice_id)
                            cp.save()
                            self.stats["slices_split"] += 1
                            first, second = s.halves()
                            stack += [second, first]
                            continue
                        records = [github.repo_record(item, web) for item in search.pages(first_page, links)]
                        cp.finish(slice_id, records)
                        self.stats["slices"] += 1
                        log.info("discovery: slice %s: %d repositories (%d selected so far)",
                                 s.key, len(records), len(self.selected))
                    for record in records:
                        if not self._offer(record):
                            return

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
            for items, next_url in gitlab.list_pages(self.client, start, self.stats, self.requests):
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
