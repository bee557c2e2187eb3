"""``crawl:`` section of the project config: what to discover, how to fetch it, how hard to retry.

Tokens are never part of the config: ``tokens`` names the environment variables that hold them, so
the saved ``config.yaml`` and the crawl manifest never contain a secret.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator, model_validator

from pipeline.config_base import Strict

TOKEN_PREFIXES = ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat")
DEFAULT_API = {"github": "https://api.github.com", "gitlab": "https://gitlab.com/api/v4"}
# The download host GitHub's tarball endpoint redirects to (recorded: octokit/fixtures get-archive).
DEFAULT_DOWNLOAD = {"https://api.github.com": "https://codeload.github.com"}


class DiscoveryConfig(Strict):
    """Which repositories to crawl: search/listing criteria, or an explicit list."""

    languages: list[str] = Field(default_factory=list, description="host language names (GitHub 'language:', GitLab 'with_programming_language'); all if empty")
    licenses: list[str] = Field(default_factory=list, description="SPDX ids of host-reported licences to keep (GitHub 'license:'); any if empty")
    min_stars: int = Field(default=0, ge=0)
    max_stars: int | None = Field(default=None, ge=0)
    created_after: dt.date = Field(default=dt.date(2008, 1, 1), description="GitHub search slices start here")
    created_before: dt.date | None = Field(default=None, description="default: today (UTC)")
    pushed_after: dt.date | None = None
    pushed_before: dt.date | None = None
    include_forks: bool = False
    include_archived: bool = False
    max_repositories: int | None = Field(default=None, ge=1, description="stop after selecting this many")
    per_page: int = Field(default=100, ge=1, le=100)
    slice_max_results: int = Field(default=1000, ge=1, description="GitHub search result cap per query; slices are split until under it")
    incomplete_retries: int = Field(default=2, ge=0, description="re-queries of a search page answering incomplete_results or 422 (and of a slice whose listing fell short) before splitting it")
    repositories: list[str] = Field(default_factory=list, description="explicit list (owner/name or URL) instead of search")
    repositories_file: str | None = Field(default=None, description="file with one repository (owner/name or URL) per line")

    @field_validator("licenses")
    @classmethod
    def _spdx_ids(cls, licenses: list[str]) -> list[str]:
        # A typo ("Apache2") would silently select nothing; hosts report SPDX ids.
        if not licenses:
            return licenses
        from license_expression import get_spdx_licensing

        known = {k.lower() for k in get_spdx_licensing().known_symbols}
        bad = [i for i in licenses if i.lower() not in known]
        if bad:
            raise ValueError(f"not SPDX licence ids: {bad} (see https://spdx.org/licenses/)")
        return licenses

    @model_validator(mode="after")
    def _ranges(self) -> DiscoveryConfig:
        if self.max_stars is not None and self.max_stars < self.min_stars:
            raise ValueError("max_stars must be >= min_stars")
        if self.created_before is not None and self.created_before < self.created_after:
            raise ValueError("created_before must be on or after created_after")
        return self

    @property
    def explicit(self) -> bool:
        return bool(self.repositories or self.repositories_file)


class SnapshotConfig(Strict):
    """How a repository's default branch is captured."""

    method: Literal["archive", "git"] = Field(default="archive", description="archive endpoint (tarball) or shallow git clone")
    max_bytes: int = Field(default=200_000_000, ge=1, description="larger snapshots fail with reason too_large")
    git_timeout_s: float = Field(default=600, gt=0)


class RetryConfig(Strict):
    """Backoff for rate limits and faults; one budget per request. GitHub's rules:
    https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit"""

    max_attempts: int = Field(default=8, ge=1)
    backoff_base_s: float = Field(default=1.0, ge=0)
    backoff_max_s: float = Field(default=120.0, ge=0)
    max_retry_after_s: float = Field(default=3600.0, ge=0, description="cap on a server-requested wait (Retry-After / X-RateLimit-Reset)")
    secondary_min_wait_s: float = Field(default=60.0, ge=0, description="wait after a secondary limit without Retry-After")
    budget_s: float = Field(default=7200.0, ge=0, description="total seconds one request may spend waiting before it fails")
    timeout_s: float = Field(default=60.0, gt=0, description="connect/read timeout of one HTTP request")


class RateConfig(Strict):
    """Request pacing shared by every thread of one worker process."""

    concurrency: int = Field(default=8, ge=1, description="repositories fetched at once per worker")
    requests_per_second: float | None = Field(default=10.0, gt=0, description="API requests per second per worker (None: unpaced)")
    search_requests_per_minute: float | None = Field(default=30.0, gt=0, description="GitHub search limit")
    archive_requests_per_minute: float | None = Field(default=None, gt=0, description="archive endpoint pacing (GitLab: about 5)")


class CrawlConfig(Strict):
    """``incoder crawl``: discover repositories on one host and snapshot them into a raw store."""

    host: Literal["github", "gitlab"] = "github"
    api_url: str | None = Field(default=None, description="API base (GitHub Enterprise: https://HOST/api/v3); default per host")
    web_url: str | None = Field(default=None, description="web base for repository URLs; default derived from api_url")
    store: str | None = Field(default=None, description="raw store directory; default <output_dir>/raw")
    tokens: list[str] = Field(default_factory=list, description="names of environment variables holding API tokens")
    download_url: str | None = Field(default=None, description="GitHub download host for archives by URL (no API request); default https://codeload.github.com for api.github.com, none for other hosts")
    direct_download: bool = Field(default=True, description="GitHub: fetch archives straight from download_url; false: always ask the tarball API")
    direct_refusals_max: int = Field(default=20, ge=1, description="consecutive refusals by the download host after which a worker asks the API for every archive")
    user_agent: str = "incoder-crawl"
    gitlab_license: Literal["none", "fetch"] = Field(default="none", description="GitLab listings carry no licence: 'fetch' asks /projects/:id?license=true (one request per project)")
    retry_failed: bool = Field(default=True, description="a re-run retries repositories that failed transiently")
    progress_interval_s: float = Field(default=10.0, gt=0)
    discovery: DiscoveryConfig = Field(default_factory=DiscoveryConfig)
    snapshot: SnapshotConfig = Field(default_factory=SnapshotConfig)
    retry: RetryConfig = Field(default_factory=RetryConfig)
    rate: RateConfig = Field(default_factory=RateConfig)

    @model_validator(mode="after")
    def _host_rules(self) -> CrawlConfig:
        if self.host == "gitlab" and self.discovery.licenses and self.gitlab_license != "fetch" and not self.discovery.explicit:
            raise ValueError("discovery.licenses on GitLab needs gitlab_license: fetch (GitLab listings carry no licence)")
        for name in self.tokens:
            # Never echo the value: it may be a pasted token.
            if not name.replace("_", "").isalnum() or name.lower().startswith(TOKEN_PREFIXES):
                raise ValueError("tokens lists environment variable NAMES (e.g. GITHUB_TOKEN_1), not token values")
        return self

    def api_base(self) -> str:
        return (self.api_url or DEFAULT_API[self.host]).rstrip("/")

    def download_base(self) -> str | None:
        """Where archives are fetched by URL pattern, or ``None`` (ask the API for each)."""
        if self.host != "github" or not self.direct_download:
            return None
        return (self.download_url or DEFAULT_DOWNLOAD.get(self.api_base()) or "").rstrip("/") or None

    def web_base(self) -> str:
        if self.web_url:
            return self.web_url.rstrip("/")
        api = self.api_base()
        if api == DEFAULT_API["github"]:
            return "https://github.com"
        for suffix in ("/api/v3", "/api/v4"):
            if api.endswith(suffix):
                return api[: -len(suffix)]
        return api
