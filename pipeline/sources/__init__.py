"""Repository sources: list the repositories of the configured sources, read one repository's files.

``check_sources(build_cfg)`` runs when the pipeline is built (a missing directory fails before any
work starts); ``source_entries(source_cfg)`` runs inside a worker, one call per source, and returns one
small dict per repository (names only, so even a 670k-repository raw store is a list of names, never a
large pipeline graph); ``read_entry(entry, caps)`` runs inside a worker and yields one repository's
``Event``s (files, rejections, skips -- see ``pipeline.sources.archives``).

Entry dict: ``{"kind": "dir"|"tar"|"zip"|"7z"|"dist"|"stdlib"|"ignored"|"hidden"|"link", "location": path, "source":
"local"|"github"|"gitlab", "repo": name, "repo_id": identity, "meta": {"stars", "pushed_at", "host_license",
"url"}}``. ``repo`` is the name documents show; ``repo_id`` (``repo_id()``: the source's name and the entry's
own name in it) tells ``proj/`` from ``proj.zip``, and two sources that each hold ``utils``, apart.
StackOverflow sources are not repositories; ``pipeline.stages.read_stackoverflow`` reads them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from apache_beam.io.filesystems import FileSystems

from pipeline import fsio
from pipeline.config import BuildConfig, Limits
from pipeline.errors import FatalError
from pipeline.sources import local, python_env
from pipeline.sources.archives import Caps, Event, RepoBudget, iter_7z, iter_tar, iter_zip

REPOSITORY_KINDS = ("local", "python-env", "github", "gitlab")


def caps_from(limits: Limits) -> Caps:
    return Caps(limits.max_file_bytes, limits.max_repo_bytes, limits.max_files_per_repo,
                limits.max_compression_ratio)


def repository_sources(build: BuildConfig) -> list[Any]:
    """The sources that are read as repositories (not StackOverflow dumps), in config order."""
    return [source for source in build.sources if source.kind in REPOSITORY_KINDS]


def source_name(source: Any) -> str:
    """The source's name in repository identities: its ``name``, else ``<kind>:<folder name>``."""
    if source.name:
        return source.name
    path = (source.path or "").rstrip("/\\")
    folder = path.replace("\\", "/").rsplit("/", 1)[-1] if path else ""
    return f"{source.kind}:{folder}" if folder else source.kind


def repo_id(source: Any, entry_name: str) -> str:
    """A repository's identity: its source's name and its own entry in that source (``local:repos/proj``
    and ``local:repos/proj.zip`` are two repositories). Document ids and licence decisions are keyed by it."""
    return f"{source_name(source)}/{entry_name}"


def check_sources(build: BuildConfig) -> None:
    """Fail fast (``FatalError``) when a repository source's directory does not exist, or two repository
    sources share a name (their repositories could not be told apart)."""
    names: dict[str, int] = {}
    for i, source in enumerate(repository_sources(build)):
        name = source_name(source)
        if name in names:
            raise FatalError(
                f"repository sources {names[name] + 1} and {i + 1} are both named {name!r}: their repositories "
                "would share document ids and licence decisions; give one of them a distinct `name:`"
            )
        names[name] = i
    for source in repository_sources(build):
        if source.kind == "python-env":
            python_env.site_packages(source)
        else:
            directory = source.path if source.kind == "local" else fsio.join(source.path, "repos")
            # Object stores have no directories to check; their listing fails in ListEntries instead.
            if FileSystems.get_scheme(directory) is None and not os.path.isdir(directory):
                raise FatalError(f"source directory not found: {directory}")


def source_entries(source: Any) -> list[dict[str, Any]]:
    """The repository entries of one source, sorted by name, each with its ``repo_id``."""
    entries = python_env.list_entries(source) if source.kind == "python-env" else local.list_entries(source)
    for entry in entries:
        entry["repo_id"] = repo_id(source, entry["location"].rstrip("/\\").replace("\\", "/").rsplit("/", 1)[-1])
    return entries


def list_entries(build: BuildConfig) -> list[dict[str, Any]]:
    """Entries of every repository source, in config order then name order."""
    return [entry for source in repository_sources(build) for entry in source_entries(source)]


def read_entry(entry: dict[str, Any], caps: Caps) -> Iterator[Event]:
    """The events of one repository entry (a stray top-level file gives one ``not_a_repository`` row)."""
    budget = RepoBudget(caps)
    kind = entry["kind"]
    location = entry["location"]
    name = location.rstrip("/").rsplit("/", 1)[-1]
    if kind == "ignored":
        yield Event("reject", name, "not_a_repository")
    elif kind == "hidden":
        yield Event("reject", name, "hidden_entry")
    elif kind == "link":
        yield Event("reject", name, "symlink")
    elif kind == "dir":
        yield from local.iter_folder(location, budget)
    elif kind in ("dist", "stdlib"):
        yield from python_env.iter_distribution(entry, budget)
    elif kind in ("tar", "zip", "7z"):
        try:
            size = FileSystems.match([location])[0].metadata_list[0].size_in_bytes
            handle = fsio.open_read(location)
        except (OSError, IndexError) as exc:
            yield Event("reject", name, "unreadable", detail=str(exc)[:200])
            return
        with handle:
            if kind == "tar":
                yield from iter_tar(handle, size, budget, name)
            elif kind == "7z":
                yield from iter_7z(handle, size, budget, name)
            else:
                yield from iter_zip(handle, budget, name)
    else:
        raise ValueError(f"unknown entry kind {kind!r}")
