"""``ExcludeOptedOut``: drop every file of the repositories and owners on the opt-out list.

Input: ``PCollection[RawFile]`` straight from ``ReadRepositories`` (before licence detection, so no
later stage ever holds an opted-out file's text and no other rejected row carries it).
Output: ``{"kept": PCollection[RawFile], "rejected": PCollection[Rejected]}``. A rejected row has
reason ``opted_out``, the file's source, repository and path, and nothing of its content (no text,
no hash: ``content`` is null and ``sha256`` empty), so ``rejected/`` stays publishable; ``detail``
names the list line that matched (``exclude list line 12: owner:octo``).

Stack Exchange users on the list are removed inside ``ReadStackOverflow`` (their parts leave the
documents; a question whose author opted out is rejected whole), where the selection can fill in.

Counters (``ExcludeOptedOut``): ``seen``, ``kept``, ``rejected.opted_out``; ``bytes.*``.
The list itself (``pipeline.algorithms.optout``) is loaded once when the pipeline is built.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import apache_beam as beam

from pipeline import records
from pipeline.algorithms.optout import REASON, ExcludeList
from pipeline.metrics import StageCounters

STAGE = "ExcludeOptedOut"


class ExcludeOptedOutFn(beam.DoFn):
    def __init__(self, exclude: ExcludeList) -> None:
        self.exclude = exclude
        self.counters = StageCounters(STAGE)

    def process(self, raw: dict[str, Any]) -> Iterator[Any]:
        size = raw.get("size_bytes", len(raw.get("data") or b""))
        self.counters.seen(size)
        entry = self.exclude.match_repository(raw["repo"], raw.get("source"))
        if entry is None:
            self.counters.kept(size)
            yield raw
            return
        self.counters.rejected(REASON, size)
        unread = {**raw, "data": None, "size_bytes": size}  # no content and no hash of it in rejected/
        detail = f"exclude list line {entry.line}: {entry.text}"
        yield beam.pvalue.TaggedOutput("rejected", records.reject_raw(unread, REASON, detail))


class ExcludeOptedOut(beam.PTransform):
    """Repository files on the opt-out list -> ``rejected`` (``opted_out``); the rest pass unchanged."""

    def __init__(self, exclude: ExcludeList) -> None:
        super().__init__()
        self.exclude = exclude

    def expand(self, raw_files: beam.PCollection) -> dict[str, beam.PCollection]:
        results = raw_files | "Exclude" >> beam.ParDo(ExcludeOptedOutFn(self.exclude)).with_outputs(
            "rejected", main="kept"
        )
        return {"kept": results.kept, "rejected": results.rejected}
