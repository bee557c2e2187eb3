"""The raw store: snapshot archives, ``repos.jsonl`` for the build, and the crawl manifest.

Layout under the store directory (any Beam filesystem path)::

    store.json                      host and layout version (a store holds one host)
    crawl.lock                      pid and host of the running crawl (local stores)
    repos/<owner>__<name>.tar.gz    one snapshot per fetched repository (atomic rename)
    repos/repos.jsonl               one row per archive, regenerated from the manifest on every run
    manifest/discovered.jsonl       the selected repositories of a completed discovery
    manifest/discovery/             discovery checkpoints (state.json, one file per finished slice)
    manifest/results.jsonl          one final row per repository: fetched, failed (reason) or skipped
    manifest/results/<key>.json     per-repository results of a running crawl, folded into
                                    results.jsonl at the end of a run (or at the start of the next one)
    manifest/gone.jsonl             repositories fetched once and gone since (renamed, deleted,
                                    private, deselected), with reason and SHA-256 (``--refresh``)
    gone/<key>.tar.gz               their snapshots, moved out of repos/ so a build leaves them out
    crawl_summary.json              counts, bytes and requests per repository of the last run

A repository is done when its result row (or marker) says so; a snapshot renamed into place whose
marker was never written (a kill between the two) is adopted on the next run without downloading.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from apache_beam.io.filesystems import FileSystems

from pipeline import fsio
from pipeline.crawl.tokens import crawl_logger
from pipeline.errors import FatalError

log = crawl_logger(__name__)

LAYOUT_VERSION = 1
ARCHIVE_SUFFIX = ".tar.gz"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def repo_key(full_name: str) -> str:
    """File-name-safe key of ``owner/name`` (``owner__name``); nested GitLab groups join the same way."""
    key = "__".join(_UNSAFE.sub("_", part) for part in full_name.strip("/").split("/"))
    return key.lstrip(".") or "_"


def read_jsonl(path: str) -> list[dict[str, Any]]:
    if not fsio.exists(path):
        return []
    return [json.loads(line) for line in fsio.read_text(path).splitlines() if line.strip()]


def jsonl_text(rows: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(row, sort_keys=True, ensure_ascii=False) + "\n" for row in rows)


class RawStore:
    """Paths and manifest operations of one raw store (driver side and fetch workers)."""

    def __init__(self, root: str) -> None:
        self.root = root.rstrip("/")
        self.repos_dir = fsio.join(self.root, "repos")
        self.manifest_dir = fsio.join(self.root, "manifest")
        self.markers_dir = fsio.join(self.manifest_dir, "results")
        self.discovery_dir = fsio.join(self.manifest_dir, "discovery")

    # -- identity
    def open(self, host: str) -> None:
        """Create the store, or check that an existing one holds the same host."""
        path = fsio.join(self.root, "store.json")
        if fsio.exists(path):
            info = json.loads(fsio.read_text(path))
            if info.get("host") != host:
                raise FatalError(f"raw store {self.root} holds {info.get('host')} repositories, not {host}; "
                                 "use another crawl.store")
            return
        fsio.makedirs(self.repos_dir)
        fsio.makedirs(self.markers_dir)
        fsio.write_json(path, {"host": host, "layout_version": LAYOUT_VERSION})

    # -- one crawl at a time
    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold ``crawl.lock`` for the block: a second crawl on the same local store fails at once
        instead of fetching the same repositories twice. A lock left by a killed crawl (its process is
        gone) is taken over. Object-store paths are not locked (no liveness check is possible)."""
        if FileSystems.get_scheme(self.root) is not None:
            yield
            return
        path = os.path.join(self.root, "crawl.lock")
        me = {"pid": os.getpid(), "hostname": socket.gethostname()}
        try:
            holder = json.loads(fsio.read_text(path)) if os.path.exists(path) else None
        except (OSError, ValueError):
            holder = None
        if holder and holder.get("hostname") == me["hostname"] and holder.get("pid") != me["pid"] \
                and _alive(int(holder.get("pid") or 0)):
            raise FatalError(f"another crawl (pid {holder['pid']}) is using the store {self.root}")
        fsio.write_json(path, me)
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                os.remove(path)

    # -- snapshots
    def archive_path(self, key: str) -> str:
        return fsio.join(self.repos_dir, key + ARCHIVE_SUFFIX)

    def gone_path(self, key: str) -> str:
        return fsio.join(self.root, "gone", key + ARCHIVE_SUFFIX)

    def retire(self, key: str) -> bool:
        """Move a gone repository's snapshot out of ``repos/`` (idempotent: a kill between the result
        and the move is repaired by the next run's ``retire_gone``)."""
        src = self.archive_path(key)
        if not fsio.exists(src):
            return False
        fsio.makedirs(fsio.join(self.root, "gone"))
        FileSystems.rename([src], [self.gone_path(key)])
        return True

    def retire_gone(self, results: dict[str, dict[str, Any]]) -> int:
        return sum(self.retire(key) for key, row in results.items() if row.get("status") == "gone")

    def remove_temporaries(self) -> int:
        """Delete the ``*.tmp-*`` files (partial downloads, unfinished markers) a killed run left."""
        return sum(fsio.delete_matching(fsio.join(d, "*.tmp-*")) for d in (self.repos_dir, self.markers_dir))

    # -- results
    def marker_path(self, key: str) -> str:
        return fsio.join(self.markers_dir, key + ".json")

    def write_result(self, result: dict[str, Any]) -> None:
        fsio.write_json(self.marker_path(result["key"]), result)

    def marker_paths(self) -> list[str]:
        return fsio.list_files(fsio.join(self.markers_dir, "*.json"))

    def read_markers(self, paths: list[str]) -> list[dict[str, Any]]:
        with ThreadPoolExecutor(max_workers=16) as pool:
            return [json.loads(text) for text in pool.map(fsio.read_text, paths)]

    def results(self) -> dict[str, dict[str, Any]]:
        """Every repository's latest result: ``results.jsonl`` overlaid with unfolded markers."""
        rows = {row["key"]: row for row in read_jsonl(fsio.join(self.manifest_dir, "results.jsonl"))}
        for row in self.read_markers(self.marker_paths()):
            rows[row["key"]] = row
        return rows

    def compact(self) -> dict[str, dict[str, Any]]:
        """Fold markers into ``results.jsonl`` (atomic), then delete the folded markers."""
        paths = self.marker_paths()
        rows = {row["key"]: row for row in read_jsonl(fsio.join(self.manifest_dir, "results.jsonl"))}
        for row in self.read_markers(paths):
            rows[row["key"]] = row
        if paths:
            fsio.write_text(fsio.join(self.manifest_dir, "results.jsonl"), jsonl_text([rows[k] for k in sorted(rows)]))
            FileSystems.delete(paths)
        return rows

    def write_repos_jsonl(self, results: dict[str, dict[str, Any]]) -> int:
        """Regenerate ``repos/repos.jsonl`` (what the build's github/gitlab source reads)."""
        rows = []
        for key in sorted(results):
            row = results[key]
            if row.get("status") != "fetched":
                continue
            meta = row.get("meta") or {}
            rows.append({
                "name": meta.get("full_name") or row["full_name"],
                "file": key + ARCHIVE_SUFFIX,
                "host": meta.get("host"),
                "stars": meta.get("stars"),
                "license": meta.get("license"),
                "pushed_at": meta.get("pushed_at"),
                "url": meta.get("url"),
                "full_name": meta.get("full_name") or row["full_name"],
                "id": meta.get("id"),
                "forks": meta.get("forks"),
                "default_branch": meta.get("default_branch"),
                "archived": meta.get("archived"),
                "fork": meta.get("fork"),
                "sha256": row.get("sha256"),
                "bytes": row.get("bytes"),
                "snapshot": row.get("snapshot"),
            })
        fsio.write_text(fsio.join(self.repos_dir, "repos.jsonl"), jsonl_text(rows))
        gone = [{"name": row["full_name"], "key": key, "id": (row.get("meta") or {}).get("id"),
                 "reason": row.get("reason"), "renamed_to": row.get("renamed_to"), "since": row.get("gone_since"),
                 "sha256": row.get("sha256"), "file": "gone/" + key + ARCHIVE_SUFFIX}
                for key, row in sorted(results.items()) if row.get("status") == "gone"]
        if gone or fsio.exists(fsio.join(self.manifest_dir, "gone.jsonl")):
            fsio.write_text(fsio.join(self.manifest_dir, "gone.jsonl"), jsonl_text(gone))
        return len(rows)

    # -- discovery
    def discovered_path(self) -> str:
        return fsio.join(self.manifest_dir, "discovered.jsonl")

    def write_summary(self, summary: dict[str, Any]) -> None:
        fsio.write_json(fsio.join(self.root, "crawl_summary.json"), summary)
