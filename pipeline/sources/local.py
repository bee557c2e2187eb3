"""Local and raw-store sources: a directory whose entries are repositories.

Each entry of the directory is one repository: a folder, or an archive (``.tar``, ``.tar.gz``/``.tgz``,
``.tar.xz``/``.txz``, ``.tar.bz2``/``.tbz2``/``.tbz``, ``.zip``, ``.7z``). Anything else at the top level
(a stray README) becomes one rejected row ``not_a_repository``; a top-level entry whose name starts
with a dot (``.DS_Store``, ``.cache/``) one rejected row ``hidden_entry`` (it is not read).
An optional ``repos.jsonl`` beside the entries carries per-repository metadata, one object per line::

    {"name": "octo/hello", "file": "octo__hello.tar.gz", "stars": 12, "host": "github",
     "license": "MIT", "pushed_at": "2024-05-01T00:00:00Z", "url": "https://github.com/octo/hello"}

A row matches an entry by ``file`` (the entry's file name) when present, else by ``name`` equal to the
entry's name or stem (``octo/hello`` also matches ``octo__hello``). ``name`` becomes the repository
name; ``host`` (github|gitlab) the documents' ``source`` (default: ``local``, or the raw store's
``kind``); ``license`` the host-reported licence.

A raw store (what ``incoder crawl`` writes) is read exactly like a local directory at ``<path>/repos``.

Folders on the local disk are walked without following links (links and device files become rejected
rows ``symlink``/``device``, unread); folders on object stores are listed with ``FileSystems.match``.

Dotfiles inside a repository follow one rule (the same for folders and archives): files under a
version-control directory (``.git/``, ``.hg/``, ``.svn/``, ``.bzr/``) are rejected unread as
``vcs_metadata``; every other dotfile (``.eslintrc.js``, ``.github/workflows/ci.yml``) is repository
content, read like any file, counted under ``ReadRepositories.dotfiles.read``, and judged by
``FilesToDocuments`` (``filters.skip_dotfiles: true`` rejects them all as ``dotfile``).
"""

from __future__ import annotations

import json
import logging
import os
import stat
from collections.abc import Iterator
from typing import Any

from apache_beam.io.filesystems import FileSystems

from pipeline import fsio
from pipeline.config import LocalSource, RawStoreSource
from pipeline.errors import FatalError
from pipeline.sources.archives import Event, RepoBudget, is_vcs_metadata, read_capped

log = logging.getLogger(__name__)

TAR_SUFFIXES = (".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2", ".tbz", ".tar")
ARCHIVE_SUFFIXES = (*TAR_SUFFIXES, ".zip", ".7z")
NOT_REPOSITORIES = ("ignored", "hidden")  # entry kinds that are one rejected row, never read
METADATA_FILE = "repos.jsonl"
HOSTS = ("github", "gitlab")


def archive_kind(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith(".zip"):
        return "zip"
    if lower.endswith(".7z"):
        return "7z"
    if lower.endswith(TAR_SUFFIXES):
        return "tar"
    return None


def entry_stem(name: str) -> str:
    lower = name.lower()
    for suffix in ARCHIVE_SUFFIXES:
        if lower.endswith(suffix):
            return name[: -len(suffix)]
    return name


def read_metadata(directory: str) -> dict[str, dict[str, Any]]:
    """``repos.jsonl`` rows keyed by every name they may match; bad lines fail the run (config data)."""
    path = fsio.join(directory, METADATA_FILE)
    if not fsio.exists(path):
        return {}
    rows: dict[str, dict[str, Any]] = {}
    for line_no, line in enumerate(fsio.read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise FatalError(f"{path}:{line_no}: not valid JSON: {exc}") from None
        if not isinstance(row, dict) or not (row.get("name") or row.get("file")):
            raise FatalError(f"{path}:{line_no}: each row needs a 'name' or 'file'")
        for key in (row.get("file"), row.get("name"), str(row.get("name") or "").replace("/", "__")):
            if key:
                rows.setdefault(str(key), row)
    return rows


def _top_level(directory: str) -> list[tuple[str, str, bool]]:
    """``(name, path, is_dir)`` of the directory's direct entries, sorted by name."""
    if FileSystems.get_scheme(directory) is None:
        if not os.path.isdir(directory):
            raise FatalError(f"source directory not found: {directory}")
        out = []
        for name in sorted(os.listdir(directory)):
            full = os.path.join(directory, name)
            out.append((name, full, os.path.isdir(full) and not os.path.islink(full)))
        return out
    # Object stores: "directories" are the first path component of the objects below the prefix.
    prefix = directory.rstrip("/") + "/"
    seen: dict[str, bool] = {}
    for path in fsio.list_files(prefix + "**"):
        rest = path[len(prefix):]
        top, sep, _ = rest.partition("/")
        seen[top] = seen.get(top, False) or bool(sep)
    if not seen:
        raise FatalError(f"source directory not found or empty: {directory}")
    return [(name, prefix + name, is_dir) for name, is_dir in sorted(seen.items())]


def _disambiguate(entries: list[dict[str, Any]], directory: str) -> None:
    """Entries of one directory that would show the same repository name (``proj/`` and ``proj.zip``, or
    two archives one ``repos.jsonl`` row matches) are named by their own entry instead (``proj``,
    ``proj.zip``), or ``<name> (<entry>)`` when that is taken too; each is logged."""
    repos = [e for e in entries if e["kind"] not in NOT_REPOSITORIES]
    counts: dict[str, int] = {}
    for entry in repos:
        counts[entry["repo"]] = counts.get(entry["repo"], 0) + 1
    taken = {e["repo"] for e in repos if counts[e["repo"]] == 1}
    for entry in repos:
        if counts[entry["repo"]] == 1:
            continue
        own = entry["location"].rstrip("/").rsplit("/", 1)[-1]
        new = own if own not in taken else f"{entry['repo']} ({own})"
        log.warning("%s: entries %r share the repository name %r: this one is named %r", directory, own,
                    entry["repo"], new)
        taken.add(new)
        entry["repo"] = new


def list_entries(cfg: LocalSource | RawStoreSource) -> list[dict[str, Any]]:
    """One entry dict per repository of the source (plus ``ignored`` entries for stray top-level files)."""
    directory = cfg.path if cfg.kind == "local" else fsio.join(cfg.path, "repos")
    default_source = "local" if cfg.kind == "local" else cfg.kind
    metadata = read_metadata(directory)
    entries = []
    for name, path, is_dir in _top_level(directory):
        if name == METADATA_FILE:  # the source's own metadata, read above
            continue
        if name.startswith("."):
            kind = "hidden"
        elif FileSystems.get_scheme(path) is None and os.path.islink(path):
            kind = "link"  # a linked repository could point anywhere: skipped and counted, never followed
        else:
            kind = "dir" if is_dir else archive_kind(name)
        stem = entry_stem(name)
        row = metadata.get(name) or metadata.get(stem) or {}
        host = row.get("host")
        source = host if host in HOSTS else default_source
        entries.append({
            "kind": kind or "ignored",
            "location": path,
            "source": source,
            "repo": str(row.get("name") or stem),
            "meta": {
                "stars": row.get("stars"),
                "pushed_at": row.get("pushed_at"),
                "host_license": row.get("license"),
                "url": row.get("url"),
            },
        })
    _disambiguate(entries, directory)
    if cfg.max_repositories is not None:
        repos = [e for e in entries if e["kind"] not in NOT_REPOSITORIES][: cfg.max_repositories]
        keep = {id(e) for e in repos}
        entries = [e for e in entries if e["kind"] in NOT_REPOSITORIES or id(e) in keep]
    log.info("%s source %s: %d repositories, %d metadata rows", cfg.kind, directory,
             sum(1 for e in entries if e["kind"] not in NOT_REPOSITORIES), len({id(r) for r in metadata.values()}))
    return entries


def iter_folder(root: str, budget: RepoBudget, exclude_dirs: frozenset[str] = frozenset()) -> Iterator[Event]:
    """Events of a repository folder, in sorted path order (deterministic)."""
    if FileSystems.get_scheme(root) is not None:
        prefix = root.rstrip("/") + "/"
        for path in fsio.list_files(prefix + "**"):
            rel = path[len(prefix):]
            if is_vcs_metadata(rel):
                yield Event("reject", rel, "vcs_metadata")
            else:
                yield from read_file(path, rel, None, budget)
        return
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if d not in exclude_dirs)
        rel_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
        names = sorted(filenames) + sorted(d for d in dirnames if os.path.islink(os.path.join(dirpath, d)))
        for name in names:
            full = os.path.join(dirpath, name)
            rel = name if rel_dir == "." else f"{rel_dir}/{name}"
            try:
                info = os.lstat(full)
            except OSError as exc:
                yield Event("reject", rel, "unreadable", detail=str(exc)[:200])
                continue
            if is_vcs_metadata(rel):
                yield Event("reject", rel, "vcs_metadata", size=info.st_size)
            elif stat.S_ISLNK(info.st_mode):
                yield Event("reject", rel, "symlink")
            elif not stat.S_ISREG(info.st_mode):
                yield Event("reject", rel, "device")
            else:
                yield from read_file(full, rel, info.st_size, budget)


def read_file(full: str, rel: str, size: int | None, budget: RepoBudget) -> Iterator[Event]:
    """The event of one file: its bytes within the caps, else a rejection (never more than the cap read)."""
    if size is None:
        size = FileSystems.match([full])[0].metadata_list[0].size_in_bytes
    reason = budget.check(size)
    if reason:
        yield Event("reject", rel, reason, size=size)
        return
    try:
        with fsio.open_read(full) as handle:
            data = read_capped(handle, budget.caps.max_file_bytes)
    except OSError as exc:
        yield Event("reject", rel, "unreadable", size=size, detail=str(exc)[:200])
        return
    if len(data) > budget.caps.max_file_bytes:  # grew since it was listed
        yield Event("reject", rel, "file_too_large", size=len(data))
        return
    budget.charge(len(data))
    yield Event("file", rel, data=data, size=len(data))
