"""Snapshot one repository into the raw store, and the Beam stage that does it for many.

``fetch_repository`` is plain Python: resolve metadata when the work item has none (explicit lists:
one API request, which follows a renamed repository's 301), apply the selection, download the default
branch's archive (the API answers 302 to a download host) or shallow-clone it, stream it into
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
from pipeline.crawl.http import Budget, CrawlError, HostClient, shared_client
from pipeline.crawl.selection import skip_reason
from pipeline.crawl.store import RawStore
from pipeline.crawl.tokens import REDACTOR, crawl_logger, load_tokens
from pipeline.metrics import StageCounters

log = crawl_logger(__name__)


def resolve_metadata(cfg: CrawlConfig, client: HostClient, full_name: str, counts: Counter) -> dict[str, Any]:
    """The repository record from the API (one request; a renamed repository's 301 is followed)."""
    if cfg.host == "github":
        body, _, _ = client.get_json(github.repo_api_url(cfg, full_name), "api", counts)
        return github.repo_record(body, cfg.web_base())
    body, _, _ = client.get_json(gitlab.project_url(cfg, full_name, with_license=True), "api", counts)
    return gitlab.repo_record(body, cfg.web_base())


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
                      counts: Counter) -> tuple[int, str]:
    """The default branch's archive; if the listed branch is gone (renamed since the listing), the
    host's current default branch (the archive endpoint without a ref)."""
    archive_url = github.archive_url if cfg.host == "github" else gitlab.archive_url
    try:
        return client.download(archive_url(cfg, meta), lambda: fsio.atomic_write(path), counts, kind="archive")
    except CrawlError as exc:
        if exc.reason != "not_found" or not meta.get("default_branch"):
            raise
    counts["ref_fallback"] += 1
    return client.download(archive_url(cfg, {**meta, "default_branch": None}), lambda: fsio.atomic_write(path),
                           counts, kind="archive")


def fetch_repository(cfg: CrawlConfig, client: HostClient, store: RawStore, item: dict[str, Any]) -> dict[str, Any]:
    """Fetch one work item; returns its result row (never raises for a repository-level failure)."""
    counts: Counter = Counter()
    key, meta = item["key"], item.get("meta")
    row: dict[str, Any] = {"key": key, "full_name": item["full_name"], "host": cfg.host, "requests": counts}
    try:
        if meta is None:
            meta = resolve_metadata(cfg, client, item["full_name"], counts)
            if meta["full_name"].lower() != item["full_name"].lower():
                row["renamed_to"] = meta["full_name"]
        elif cfg.host == "gitlab" and cfg.gitlab_license == "fetch" and not meta.get("license_checked"):
            body, _, _ = client.get_json(gitlab.project_url(cfg, meta["id"] or meta["full_name"]), "api", counts)
            meta = {**meta, "license": gitlab.license_spdx(body.get("license")),
                    "license_key": (body.get("license") or {}).get("key"), "license_checked": True}
        row["meta"] = meta
        check_license = cfg.host == "github" or bool(meta.get("license_checked"))
        reason = skip_reason(meta, cfg.discovery, check_license=check_license)
        if reason:
            return {**row, "status": "skipped", "reason": reason}
        path = store.archive_path(key)
        if fsio.exists(path):  # renamed into place by a run killed before it wrote the result
            size, sha = _file_digest(path)
            return {**row, "status": "fetched", "bytes": size, "sha256": sha, "adopted": True,
                    "snapshot": cfg.snapshot.method}
        if cfg.snapshot.method == "git":
            size, sha = git_snapshot(cfg, meta, path, counts)
        else:
            size, sha = _download_archive(cfg, client, meta, path, counts)
        return {**row, "status": "fetched", "bytes": size, "sha256": sha, "snapshot": cfg.snapshot.method}
    except CrawlError as exc:
        return {**row, "status": "failed", "reason": exc.reason, "detail": exc.detail, "transient": exc.transient}
    except Exception as exc:  # noqa: BLE001 -- one repository's unexpected failure must not stop the crawl
        detail = REDACTOR.redact(f"{type(exc).__name__}: {exc}")[:500]
        log.warning("unexpected error fetching %s: %s", item["full_name"], detail)
        return {**row, "status": "failed", "reason": "unexpected_error", "detail": detail, "transient": True}


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
        tokens = load_tokens(self.cfg.tokens)  # from the worker's environment; never pickled
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
