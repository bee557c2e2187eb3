"""GitLab: keyset-paginated project listing, repository records, licence lookup, archive URLs.

Offset pagination stops at 50k records, so listings use ``pagination=keyset&order_by=id&sort=asc``
and follow the ``Link: rel="next"`` header (https://docs.gitlab.com/api/rest/#keyset-based-pagination).
Archives come from ``GET /projects/:id/repository/archive.tar.gz?sha=<branch>``
(https://docs.gitlab.com/api/repositories/#get-file-archive), which answers the archive itself: one
request, the project's one download, rate-limited on gitlab.com to about 5 a minute per user
(https://docs.gitlab.com/user/gitlab_com/#gitlabcom-specific-rate-limits). A listing carries no licence:
``gitlab_license: fetch`` asks ``/projects/:id?license=true`` once per project (counted as that
project's one API request); otherwise the host licence stays null and the build's licence detection
decides from the files.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlencode

from pipeline import fsio
from pipeline.crawl.config import CrawlConfig
from pipeline.crawl.http import HostClient, parse_links
from pipeline.crawl.tokens import crawl_logger

log = crawl_logger(__name__)

# GitLab's licence ``key`` (choosealicense keys) -> SPDX id; unknown keys are NOASSERTION.
LICENSE_KEYS = {
    "mit": "MIT", "apache-2.0": "Apache-2.0", "bsd-2-clause": "BSD-2-Clause", "bsd-3-clause": "BSD-3-Clause",
    "bsd-3-clause-clear": "BSD-3-Clause-Clear", "0bsd": "0BSD", "isc": "ISC", "unlicense": "Unlicense",
    "zlib": "Zlib", "bsl-1.0": "BSL-1.0", "mpl-2.0": "MPL-2.0", "epl-1.0": "EPL-1.0", "epl-2.0": "EPL-2.0",
    "lgpl-2.1": "LGPL-2.1-only", "lgpl-3.0": "LGPL-3.0-only", "gpl-2.0": "GPL-2.0-only",
    "gpl-3.0": "GPL-3.0-only", "agpl-3.0": "AGPL-3.0-only", "cc0-1.0": "CC0-1.0", "cc-by-4.0": "CC-BY-4.0",
    "cc-by-sa-4.0": "CC-BY-SA-4.0", "wtfpl": "WTFPL", "artistic-2.0": "Artistic-2.0", "eupl-1.2": "EUPL-1.2",
    "osl-3.0": "OSL-3.0", "afl-3.0": "AFL-3.0", "ms-pl": "MS-PL", "ms-rl": "MS-RL", "upl-1.0": "UPL-1.0",
    "postgresql": "PostgreSQL", "ncsa": "NCSA", "vim": "Vim", "ofl-1.1": "OFL-1.1", "mulanpsl-2.0": "MulanPSL-2.0",
}


def license_spdx(license_obj: dict[str, Any] | None) -> str | None:
    """GitLab licence object to an SPDX id (``None`` when the project has none)."""
    if not license_obj:
        return None
    key = str(license_obj.get("key") or "").lower()
    return LICENSE_KEYS.get(key, "NOASSERTION")


def repo_record(item: dict[str, Any], web_base: str) -> dict[str, Any]:
    """A ``/projects`` object to the crawl's repository record."""
    full_name = item["path_with_namespace"]
    license_obj = item.get("license")
    return {
        "host": "gitlab",
        "id": item.get("id"),
        "full_name": full_name,
        "stars": int(item.get("star_count") or 0),
        "forks": int(item.get("forks_count") or 0),
        "license": license_spdx(license_obj),
        "license_key": (license_obj or {}).get("key"),
        "license_checked": "license" in item,
        "default_branch": item.get("default_branch") or None,
        "pushed_at": item.get("last_activity_at"),
        "created_at": item.get("created_at"),
        "archived": bool(item.get("archived", False)),
        "fork": bool(item.get("forked_from_project")),
        "language": None,
        "url": item.get("web_url") or f"{web_base}/{full_name}",
        "clone_url": item.get("http_url_to_repo") or f"{web_base}/{full_name}.git",
    }


# The listing fields ``repo_record`` reads (what a cached page keeps).
_RECORD_KEYS = ("id", "path_with_namespace", "star_count", "forks_count", "license", "default_branch",
                "last_activity_at", "created_at", "archived", "forked_from_project", "web_url", "http_url_to_repo")


def listing_url(cfg: CrawlConfig, language: str | None) -> str:
    """First keyset page of public projects matching the server-side criteria."""
    d = cfg.discovery
    params: dict[str, Any] = {
        "pagination": "keyset", "order_by": "id", "sort": "asc", "per_page": d.per_page,
        "visibility": "public", "simple": "false",
    }
    if not d.include_archived:
        params["archived"] = "false"
    if language:
        params["with_programming_language"] = language
    if d.pushed_after:
        params["last_activity_after"] = f"{d.pushed_after.isoformat()}T00:00:00Z"
    if d.pushed_before:
        params["last_activity_before"] = f"{d.pushed_before.isoformat()}T23:59:59Z"
    return f"{cfg.api_base()}/projects?{urlencode(params)}"


def list_pages(client: HostClient, url: str, stats: Counter, requests: Counter,
               cache: PageCache | None = None) -> Iterator[tuple[list[dict[str, Any]], str | None]]:
    """``(items, next url)`` per keyset page, starting at ``url`` (a saved ``next`` resumes a listing).

    Keyset pages (``id_after``) are stable under inserts: new projects get larger ids and land on
    later pages, so nothing shifts. Ids must rise page after page; one that does not is counted.
    With a ``cache`` each page is asked conditionally (``If-None-Match`` with the ETag it had last
    time): a 304 reuses the stored page."""
    last_id = -1
    while url:
        etag, cached_items, cached_next = cache.get(url) if cache else (None, None, None)
        body, headers, _ = client.get_json(url, "api", requests, etag=etag)
        stats["listing_pages"] += 1
        if body is None:  # 304: the page is as it was
            stats["listing_pages_not_modified"] += 1
            body, nxt = cached_items or [], cached_next
        else:
            if not isinstance(body, list):
                raise ValueError(f"GitLab listing answered {type(body).__name__}, expected a list")
            nxt = parse_links(headers.get("Link")).get("next")
            if cache is not None and headers.get("ETag"):
                cache.put(url, headers["ETag"], [{k: item.get(k) for k in _RECORD_KEYS if k in item} for item in body], nxt)
        ids = [item.get("id") or 0 for item in body]
        if ids and (ids != sorted(ids) or ids[0] <= last_id):
            stats["keyset_out_of_order"] += 1
            log.warning("GitLab keyset page is not in rising id order after id %s", last_id)
        last_id = ids[-1] if ids else last_id
        yield body, nxt
        url = nxt


class PageCache:
    """Listing pages by URL with their ETag, kept across re-crawls under ``manifest/discovery/etags/``."""

    def __init__(self, directory: str) -> None:
        self.directory = directory

    def _path(self, url: str) -> str:
        return fsio.join(self.directory, hashlib.sha1(url.encode()).hexdigest()[:20] + ".json")

    def get(self, url: str) -> tuple[str | None, list[dict[str, Any]] | None, str | None]:
        path = self._path(url)
        if not fsio.exists(path):
            return None, None, None
        data = json.loads(fsio.read_text(path))
        return data["etag"], data["items"], data["next"]

    def put(self, url: str, etag: str, items: list[dict[str, Any]], nxt: str | None) -> None:
        fsio.write_json(self._path(url), {"url": url, "etag": etag, "items": items, "next": nxt})


def project_url(cfg: CrawlConfig, ident: str | int, with_license: bool = True) -> str:
    """``/projects/:id`` (numeric id or URL-encoded path), with the licence when asked."""
    ref = str(ident) if isinstance(ident, int) or str(ident).isdigit() else quote(str(ident), safe="")
    return f"{cfg.api_base()}/projects/{ref}" + ("?license=true" if with_license else "")


def archive_url(cfg: CrawlConfig, record: dict[str, Any]) -> str:
    """Archive endpoint of the default branch (``/projects/:id/repository/archive.tar.gz?sha=``)."""
    ident = record.get("id") or record["full_name"]
    base = f"{project_url(cfg, ident, with_license=False)}/repository/archive.tar.gz"
    ref = record.get("default_branch")
    return f"{base}?sha={quote(ref, safe='')}" if ref else base
