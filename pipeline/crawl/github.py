"""GitHub: search qualifiers and ``created:`` slices, repository records, archive URLs.

The search API gives at most 1,000 results per query
(https://docs.github.com/en/rest/search/search#about-search), so each query runs over a ``created:``
time range (a ``Slice``) split until its ``total_count`` fits; ``github_search`` lists the slices.

Archives: ``GET /repos/{owner}/{repo}/tarball/{ref}`` is an API request answering 302 to
``codeload.github.com`` (https://docs.github.com/en/rest/repos/contents#download-a-repository-archive-tar).
The download host's URL for a branch is documented
(https://docs.github.com/en/repositories/working-with-files/using-files/downloading-source-code-archives#source-code-archive-urls),
so ``direct_archive_url`` builds ``https://codeload.github.com/OWNER/REPO/tar.gz/refs/heads/BRANCH``
from the listing's ``default_branch`` and no API request is needed; ``archive_url`` (the API) is the
fallback for branch names that are not plain URL path segments and for a download host that refuses.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from pipeline.crawl.config import CrawlConfig, DiscoveryConfig
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
        first, second = self.parts(2)
        return first, second

    def parts(self, k: int) -> list[Slice]:
        """``k`` consecutive slices covering this one without gap or overlap (fewer when it is short)."""
        seconds = int((self.hi - self.lo).total_seconds())
        k = max(1, min(k, seconds + 1))
        out, lo = [], self.lo
        for i in range(1, k + 1):
            hi = self.hi if i == k else (self.lo + dt.timedelta(seconds=seconds * i // k))
            if hi < lo:
                continue
            out.append(Slice(lo, hi))
            lo = hi + ONE_SECOND
        return out

    @property
    def splittable(self) -> bool:
        return self.hi - self.lo >= ONE_SECOND


def repo_api_url(cfg: CrawlConfig, full_name: str) -> str:
    return f"{cfg.api_base()}/repos/{full_name}"


# Branch names that are a plain path below refs/heads/ on the download host. Git allows far more
# (``#``, ``%``, ``@``, non-ASCII...: https://git-scm.com/docs/git-check-ref-format); those go through
# the API, which resolves any ref.
_PLAIN_BRANCH = re.compile(r"[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*")


def direct_archive_url(cfg: CrawlConfig, record: dict[str, Any]) -> str | None:
    """The download host's URL of the default branch's tarball, or ``None`` when the API must be
    asked (no download host configured, no branch in the listing, or an unusual branch name)."""
    base = cfg.download_base()
    ref = record.get("default_branch")
    if not base or not ref or not _PLAIN_BRANCH.fullmatch(ref) or ".." in ref or ref.endswith(".lock"):
        return None
    return f"{base}/{record['full_name']}/tar.gz/refs/heads/{ref}"


def archive_url(cfg: CrawlConfig, record: dict[str, Any]) -> str:
    """Tarball endpoint of the default branch (302 to the download host; 301 for a renamed repo)."""
    ref = record.get("default_branch")
    base = f"{cfg.api_base()}/repos/{record['full_name']}/tarball"
    return f"{base}/{quote(ref, safe='/')}" if ref else base  # branch names may hold slashes
