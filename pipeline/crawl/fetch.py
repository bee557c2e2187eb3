"""Snapshot one repository into the raw store, and the Beam stage that does it for many.

``fetch_repository`` is plain Python: resolve metadata when the work item has none (explicit lists:
one API request, which follows a renamed repository's 301), apply the selection, download the default
branch's archive (straight from the download host by URL; the API's archive endpoint only as the
fallback, see ``github.direct_archive_url``) or shallow-clone it, stream it into
``repos/<key>.tar.gz`` under a temporary name with a size cap and SHA-256, rename it into place, and
return the result row. Every outcome is a row: ``fetched``, ``skipped`` (selection) or ``failed``
(reason, transient or not); nothing is dropped.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tarfile
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Any

import apache_beam as beam
from apache_beam.transforms.window import GlobalWindows

from pipeline import fsio
from pipeline.crawl import github, gitlab
from pipeline.crawl.config import CrawlConfig
from pipeline.crawl.http import Budget, CrawlError, Downloaded, HostClient, shared_client
from pipeline.crawl.selection import skip_reason
from pipeline.crawl.store import RawStore
from pipeline.crawl.tokens import REDACTOR, crawl_logger, load_named_tokens
from pipeline.metrics import StageCounters

log = crawl_logger(__name__)


def resolve_metadata(cfg: CrawlConfig, client: HostClient, full_name: str, counts: Counter,
                     etag: str | None = None) -> tuple[dict[str, Any] | None, str | None]:
    """``(record, ETag)`` from the API (one request; a renamed repository's 301 is followed). With the
    ETag of an earlier answer the request is conditional: ``(None, etag)`` when nothing changed."""
    if cfg.host == "github":
        body, headers, _ = client.get_json(github.repo_api_url(cfg, full_name), "api", counts, etag=etag)
        record = github.repo_record(body, cfg.web_base()) if body is not None else None
    else:
        body, headers, _ = client.get_json(gitlab.project_url(cfg, full_name, with_license=True), "api", counts, etag=etag)
        record = gitlab.repo_record(body, cfg.web_base()) if body is not None else None
    return record, headers.get("ETag") or etag


def _file_digest(path: str) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    with fsio.open_read(path) as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


class _HashingWriter:
    def __init__(self, handle: Any, cap: int) -> None:
        self.handle, self.cap, self.size, self.digest = handle, cap, 0, hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.cap:
            raise CrawlError("too_large", f"archive of the clone exceeds snapshot.max_bytes {self.cap}")
        self.digest.update(data)
        return self.handle.write(data)


def git_snapshot(cfg: CrawlConfig, record: dict[str, Any], dest: str, counts: Counter) -> tuple[int, str]:
    """Shallow-clone the default branch anonymously and store its tree (no ``.git``) as ``.tar.gz``."""
    budget = Budget(cfg.retry)
    ref = record.get("default_branch")
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "true"}
    while True:
        budget.attempts += 1
        work = tempfile.mkdtemp(prefix="incoder-clone-")
        try:
            cmd = ["git", "clone", "--quiet", "--depth", "1", "--single-branch", "--no-tags"]
            cmd += ["--branch", ref] if ref else []
            counts["git"] += 1
            proc = subprocess.run([*cmd, "--", record["clone_url"], os.path.join(work, "tree")], env=env,
                                  capture_output=True, text=True, timeout=cfg.snapshot.git_timeout_s)
            if proc.returncode != 0:
                message = REDACTOR.redact(proc.stderr.strip())[-300:]
                if "not found" in message.lower() or "does not exist" in message.lower():
                    raise CrawlError("not_found", message)
                budget.wait(budget.backoff(), "git_clone_failed")
                continue
            tree = os.path.join(work, "tree")
            shutil.rmtree(os.path.join(tree, ".git"), ignore_errors=True)
            with fsio.atomic_write(dest) as handle:
                writer = _HashingWriter(handle, cfg.snapshot.max_bytes)
                with tarfile.open(fileobj=writer, mode="w|gz") as tar:
                    tar.add(tree, arcname=record["full_name"].replace("/", "-"))
            return writer.size, writer.digest.hexdigest()
        except subprocess.TimeoutExpired:
            budget.wait(budget.backoff(), "git_clone_timeout")
        finally:
            shutil.rmtree(work, ignore_errors=True)


def _download_archive(cfg: CrawlConfig, client: HostClient, meta: dict[str, Any], path: str,
                      counts: Counter, etag: str | None = None) -> Downloaded | None:
    """The default branch's archive: from the download host by URL when the listing names a plain
    branch (no API request), else (or when the download host refuses) through the API's archive
    endpoint; if the listed branch is gone (renamed since the listing), the host's current default
    branch (the endpoint without a ref). ``None``: conditional download answered 304."""
    def open_dest() -> Any:
        return fsio.atomic_write(path)

    direct = github.direct_archive_url(cfg, meta) if cfg.host == "github" else None
    if direct and client.direct_refusals < cfg.direct_refusals_max:
        try:
            got = client.download(direct, open_dest, counts, kind="download", auth=False, etag=etag)
            client.direct_refusals = 0
            return got
        except CrawlError as exc:
            if exc.reason == "too_large":
                raise
            client.direct_refusals += 1  # consecutive refusals turn direct downloads off for this worker
            counts["direct_refused"] += 1
            log.debug("download host refused %s (%s): asking the API", meta["full_name"], exc.reason)
    elif direct:
        counts["direct_disabled"] += 1
    elif cfg.host == "github" and cfg.download_base():
        counts["unusual_branch"] += 1
    # GitLab's archive endpoint is the download itself (paced by its own limit)
    kind, archive_url = ("archive", github.archive_url) if cfg.host == "github" else ("gitlab_archive", gitlab.archive_url)
    try:
        return client.download(archive_url(cfg, meta), open_dest, counts, kind=kind)
    except CrawlError as exc:
        if exc.reason != "not_found" or not meta.get("default_branch"):
            raise
    counts["ref_fallback"] += 1
    return client.download(archive_url(cfg, {**meta, "default_branch": None}), open_dest, counts, kind=kind)


def changed(old: dict[str, Any] | None, new: dict[str, Any]) -> bool:
    """Whether a repository needs a new snapshot: its default branch or its push time moved. The
    listing carries both (GitHub ``pushed_at``, GitLab ``last_activity_at``), so no request is needed."""
    if not old:
        return True
    return (old.get("default_branch"), old.get("pushed_at")) != (new.get("default_branch"), new.get("pushed_at"))


def fetch_repository(cfg: CrawlConfig, client: HostClient, store: RawStore, item: dict[str, Any]) -> dict[str, Any]:
    """Fetch one work item; returns its result row (never raises for a repository-level failure).

    ``item["previous"]`` (a re-crawl of a fetched repository) holds its last result: the download is
    then conditional on the stored archive's ``ETag``, an existing archive is replaced rather than
    adopted, and a failure keeps the previous snapshot (marked ``stale``) instead of losing it."""
    counts: Counter = Counter()
    key, meta, previous = item["key"], item.get("meta"), item.get("previous")
    row: dict[str, Any] = {"key": key, "full_name": item["full_name"], "host": cfg.host, "requests": counts}
    try:
        if meta is None:
            meta, api_etag = resolve_metadata(cfg, client, item["full_name"], counts,
                                              etag=(previous or {}).get("api_etag"))
            if meta is None:  # 304: nothing changed since the previous crawl
                return {**previous, "requests": counts, "refresh": "unchanged"}
            row["api_etag"] = api_etag
            if meta["full_name"].lower() != item["full_name"].lower():
                row["renamed_to"] = meta["full_name"]
            if previous and previous.get("status") == "fetched" and not changed(previous.get("meta"), meta):
                return {**previous, **row, "meta": meta, "refresh": "unchanged"}
        elif cfg.host == "gitlab" and cfg.gitlab_license == "fetch" and not meta.get("license_checked"):
            body, _, _ = client.get_json(gitlab.project_url(cfg, meta["id"] or meta["full_name"]), "api", counts)
            meta = {**meta, "license": gitlab.license_spdx(body.get("license")),
                    "license_key": (body.get("license") or {}).get("key"), "license_checked": True}
        row["meta"] = meta
        check_license = cfg.host == "github" or bool(meta.get("license_checked"))
        reason = skip_reason(meta, cfg.discovery, check_license=check_license)
        if reason:
            return {**row, "status": "skipped", "reason": reason}
        return _snapshot(cfg, client, store, row, meta, previous, counts)
    except CrawlError as exc:
        if previous and previous.get("status") == "fetched":  # keep the snapshot we have
            return {**previous, "requests": counts, "stale": True,
                    "refresh_error": {"reason": exc.reason, "detail": exc.detail, "transient": exc.transient}}
        return {**row, "status": "failed", "reason": exc.reason, "detail": exc.detail, "transient": exc.transient}
    except Exception as exc:  # noqa: BLE001 -- one repository's unexpected failure must not stop the crawl
        detail = REDACTOR.redact(f"{type(exc).__name__}: {exc}")[:500]
        log.warning("unexpected error fetching %s: %s", item["full_name"], detail)
        return {**row, "status": "failed", "reason": "unexpected_error", "detail": detail, "transient": True}


def _snapshot(cfg: CrawlConfig, client: HostClient, store: RawStore, row: dict[str, Any], meta: dict[str, Any],
              previous: dict[str, Any] | None, counts: Counter) -> dict[str, Any]:
    path = store.archive_path(row["key"])
    refetch = bool(previous and previous.get("status") == "fetched")
    if not refetch and fsio.exists(path):  # renamed into place by a run killed before it wrote the result
        size, sha = _file_digest(path)
        return {**row, "status": "fetched", "bytes": size, "sha256": sha, "adopted": True,
                "snapshot": cfg.snapshot.method}
    if cfg.snapshot.method == "git":
        size, sha = git_snapshot(cfg, meta, path, counts)
        return {**row, "status": "fetched", "bytes": size, "sha256": sha, "snapshot": "git",
                **({"refresh": "changed", "previous_sha256": previous.get("sha256")} if refetch else {})}
    etag = previous.get("archive_etag") if refetch and fsio.exists(path) else None
    got = _download_archive(cfg, client, meta, path, counts, etag=etag)
    if got is None:  # the download host says the archive is the one we hold
        return {**previous, **row, "refresh": "not_modified"}
    out = {**row, "status": "fetched", "bytes": got.size, "sha256": got.sha256, "snapshot": "archive",
           "archive_etag": got.etag}
    if refetch:
        out.update(refresh="changed", previous_sha256=previous.get("sha256"))
    return out


def fetch_and_record(cfg: CrawlConfig, client: HostClient, store: RawStore, item: dict[str, Any]) -> dict[str, Any]:
    """``fetch_repository`` then the result marker (atomic), so a kill never loses a finished fetch."""
    started = time.monotonic()
    result = fetch_repository(cfg, client, store, item)
    result["seconds"] = round(time.monotonic() - started, 3)
    result["requests"] = dict(result["requests"])
    result["fetched_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    store.write_result(result)
    return result


_POOLS: dict[tuple[str, int], ThreadPoolExecutor] = {}
_POOLS_LOCK = threading.Lock()


def shared_pool(key: str, size: int) -> ThreadPoolExecutor:
    """One thread pool per (config, size) per process: concurrency is bounded per worker."""
    with _POOLS_LOCK:
        pool = _POOLS.get((key, size))
        if pool is None:
            pool = _POOLS[(key, size)] = ThreadPoolExecutor(max_workers=size, thread_name_prefix="crawl-fetch")
        return pool


class _FetchFn(beam.DoFn):
    """Fetches work items on the worker's shared thread pool, keeping up to ``2 * concurrency`` in
    flight per bundle and emitting each result as soon as it is done (no batch barrier)."""

    def __init__(self, cfg_json: str, store_root: str) -> None:
        self.cfg_json = cfg_json
        self.store_root = store_root
        self.counters = StageCounters("FetchSnapshots")

    def setup(self) -> None:
        self.cfg = CrawlConfig.model_validate_json(self.cfg_json)
        tokens = load_named_tokens(self.cfg.tokens)  # from the worker's environment; never pickled
        self.client = shared_client(self.cfg, tokens)
        self.store = RawStore(self.store_root)
        self.pool = shared_pool(hashlib.sha1(self.cfg_json.encode()).hexdigest(), self.cfg.rate.concurrency)
        self.window = 2 * self.cfg.rate.concurrency

    def start_bundle(self) -> None:
        self.inflight: list[Future] = []

    def process(self, item: dict[str, Any]):
        self.inflight.append(self.pool.submit(fetch_and_record, self.cfg, self.client, self.store, item))
        for result in self._drain(self.window):
            yield self._route(result)

    def finish_bundle(self):
        for result in self._drain(0):
            out = self._route(result)
            if isinstance(out, beam.pvalue.TaggedOutput):
                yield beam.pvalue.TaggedOutput(out.tag, GlobalWindows.windowed_value(out.value))
            else:
                yield GlobalWindows.windowed_value(out)

    def _drain(self, limit: int):
        """Results of finished fetches; blocks while more than ``limit`` are in flight."""
        while self.inflight:
            done = [f for f in self.inflight if f.done()]
            if not done and len(self.inflight) <= limit:
                return
            if not done:
                done = list(wait(self.inflight, return_when=FIRST_COMPLETED).done)
            for future in done:
                self.inflight.remove(future)
                yield future.result()

    def _route(self, result: dict[str, Any]) -> Any:
        self.counters.seen()
        for kind, n in result["requests"].items():
            if kind.startswith("token:"):  # requests per token, by its variable's name
                self.counters.inc(f"tokens.{kind[6:]}", n)
            else:
                self.counters.inc(f"requests.{kind}", n)
        if result["status"] == "fetched":
            self.counters.kept(result.get("bytes") or 0)
            return result
        if result["status"] == "skipped":
            self.counters.skipped(result["reason"])
        else:
            self.counters.rejected(result["reason"])
        return beam.pvalue.TaggedOutput("rejected", result)


class FetchSnapshots(beam.PTransform):
    """Work items (``{"key", "full_name", "meta"}``) -> result rows.

    Reshuffles the items across workers and fetches them with at most ``rate.concurrency``
    repositories at once per worker process (one shared thread pool) and one request rate and token
    pool per worker. Each result is also written as ``manifest/results/<key>.json`` as soon as it is
    known. Items must be in the global window (a file or ``Create``).

    Outputs: ``kept`` (status fetched) and ``rejected`` (failed or skipped, with ``reason``).
    Counters (``FetchSnapshots``): ``seen``, ``kept``, ``rejected.<reason>``, ``skipped.<reason>``,
    ``bytes.kept``, ``requests.<api|search|archive|download|git>``.
    """

    def __init__(self, cfg: CrawlConfig, store_root: str) -> None:
        super().__init__()
        self.cfg = cfg
        self.store_root = store_root

    def expand(self, items):
        results = (
            items
            | "Reshuffle" >> beam.Reshuffle()
            | "Fetch" >> beam.ParDo(_FetchFn(self.cfg.model_dump_json(), self.store_root)).with_outputs(
                "rejected", main="kept")
        )
        return {"kept": results.kept, "rejected": results.rejected}
