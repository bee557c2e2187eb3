"""``ReadRepositories``: repository entries of the configured sources -> ``RawFile`` elements."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import apache_beam as beam

from pipeline import records
from pipeline.config import Limits
from pipeline.metrics import StageCounters
from pipeline.sources import caps_from, read_entry, source_entries
from pipeline.sources.archives import Event, is_dotfile
from pipeline.sources.local import NOT_REPOSITORIES

log = logging.getLogger(__name__)

STAGE = "ReadRepositories"


def printable(name: str) -> str:
    """``name`` as valid UTF-8: undecodable bytes (``surrogateescape``) shown as ``\\xNN``."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _named(event: Event) -> Event:
    """A file whose name is not UTF-8 cannot be a document (its path column must be text): a row."""
    path = printable(event.path)
    if path == event.path:
        return event
    if event.kind == "file":
        return Event("reject", path, "invalid_name", size=event.size, detail="file name is not UTF-8")
    return Event(event.kind, path, event.reason, event.data, event.size, event.detail)


class ReadRepositoryFn(beam.DoFn):
    """One repository entry -> its ``RawFile``s (main output) and ``Rejected`` rows (``rejected``)."""

    def __init__(self, limits: Limits) -> None:
        self.caps = caps_from(limits)
        self.counters = StageCounters(STAGE)

    def process(self, entry: dict[str, Any]) -> Iterator[Any]:
        entry = {**entry, "meta": dict(entry["meta"])}  # readers may fill meta; never mutate the input
        meta = entry["meta"]
        # repo_id: the repository's identity (source name + its own entry), for ids and licence keys.
        base = {"source": entry["source"], "repo": printable(entry["repo"]),
                "repo_id": printable(entry.get("repo_id") or entry["repo"])}
        if entry["kind"] not in NOT_REPOSITORIES:
            self.counters.inc("repositories")
        log.debug("reading %s repository %s (%s)", entry["kind"], entry["repo"], entry["location"])
        for event in map(_named, read_entry(entry, self.caps)):
            # Metadata a reader learns while reading (python-env METADATA) applies to every file.
            raw = {**base, "path": event.path, "data": event.data or b"", "size_bytes": event.size,
                   "stars": meta.get("stars"), "pushed_at": meta.get("pushed_at"),
                   "host_license": meta.get("host_license"), "url": meta.get("url")}
            self.counters.seen(event.size)
            if event.kind == "file":
                self.counters.kept(event.size)
                if is_dotfile(event.path):
                    self.counters.inc("dotfiles.read")
                yield raw
            elif event.kind == "skip":
                self.counters.skipped(event.reason, event.size)
            else:
                self.counters.rejected(event.reason, event.size)
                unread = {**raw, "data": None}  # rejected before its bytes were read: no content hash
                yield beam.pvalue.TaggedOutput("rejected", records.reject_raw(unread, event.reason, event.detail))


class ReadRepositories(beam.PTransform):
    """Read every repository of the given sources, one repository per element, in parallel.

    Input: the pipeline root. ``sources`` are the build's repository source configs (``local``,
    ``python-env``, ``github``/``gitlab`` raw stores). Steps: ``CreateSources`` (one element per
    source) -> ``ListEntries`` (one small dict per repository, ``pipeline.sources.source_entries``)
    -> ``Reshuffle`` (so several workers read different repositories) -> ``Read``
    (``ReadRepositoryFn``, one repository at a time, archives streamed).

    Output: ``{"kept": PCollection[RawFile], "rejected": PCollection[Rejected]}``.
    Counters (``ReadRepositories``): ``seen`` per file or entry met; ``kept``; ``rejected.<reason>``
    with a ``Rejected`` row naming the entry (content never kept): caps (``file_too_large``,
    ``repo_too_large``, ``repo_too_many_files``, ``compression_ratio``), damage (``encrypted``,
    ``corrupt_archive``, ``truncated_archive``, ``unreadable``, ``missing_record``), hostile entries
    (``symlink``, ``hardlink``, ``device``, ``path_traversal``, ``absolute_path``, ``invalid_name``:
    also any name that is not UTF-8), ``vcs_metadata`` (files under ``.git/`` and the like),
    ``not_a_repository`` and ``hidden_entry`` (top-level entries that are not repositories);
    ``skipped.<reason>`` without a row, python-env only (``outside_root``, ``bytecode``,
    ``package_metadata``, ``missing_file``); ``dotfiles.read`` (files read whose path has a dot
    component); ``bytes.*``; ``repositories`` per entry read.
    """

    def __init__(self, sources: list[Any], limits: Limits) -> None:
        super().__init__()
        self.sources = sources
        self.limits = limits

    def expand(self, pbegin: beam.pvalue.PBegin) -> dict[str, beam.PCollection]:
        results = (
            pbegin
            | "CreateSources" >> beam.Create(self.sources)
            | "ListEntries" >> beam.FlatMap(source_entries)
            | "Reshuffle" >> beam.Reshuffle()
            | "Read" >> beam.ParDo(ReadRepositoryFn(self.limits)).with_outputs("rejected", main="kept")
        )
        return {"kept": results.kept, "rejected": results.rejected}
