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

log = logging.getLogger(__name__)

STAGE = "ReadRepositories"


class ReadRepositoryFn(beam.DoFn):
    """One repository entry -> its ``RawFile``s (main output) and ``Rejected`` rows (``rejected``)."""

    def __init__(self, limits: Limits) -> None:
        self.caps = caps_from(limits)
        self.counters = StageCounters(STAGE)

    def process(self, entry: dict[str, Any]) -> Iterator[Any]:
        entry = {**entry, "meta": dict(entry["meta"])}  # readers may fill meta; never mutate the input
        meta = entry["meta"]
        base = {"source": entry["source"], "repo": entry["repo"]}
        if entry["kind"] != "ignored":
            self.counters.inc("repositories")
        log.debug("reading %s repository %s (%s)", entry["kind"], entry["repo"], entry["location"])
        for event in read_entry(entry, self.caps):
            # Metadata a reader learns while reading (python-env METADATA) applies to every file.
            raw = {**base, "path": event.path, "data": event.data or b"", "size_bytes": event.size,
                   "stars": meta.get("stars"), "pushed_at": meta.get("pushed_at"),
                   "host_license": meta.get("host_license"), "url": meta.get("url")}
            self.counters.seen(event.size)
            if event.kind == "file":
                self.counters.kept(event.size)
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
    (``file_too_large``, ``repo_too_large``, ``repo_too_many_files``, ``compression_ratio``,
    ``encrypted``, ``corrupt_archive``, ``truncated_archive``, ``unreadable``, ``missing_record``) with a
    ``Rejected`` row; ``skipped.<reason>`` (``symlink``, ``hardlink``, ``device``, ``path_traversal``,
    ``absolute_path``, ``invalid_name``, ``not_a_repository``, ``outside_root``, ``bytecode``,
    ``package_metadata``, ``missing_file``) without one; ``bytes.*``; ``repositories`` per entry read.
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
