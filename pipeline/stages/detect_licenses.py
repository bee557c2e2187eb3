"""``DetectLicenses``: repository- and file-level licence decisions with provenance (docs/licensing.md)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from typing import Any

import apache_beam as beam

from pipeline import records
from pipeline.config import LicenseConfig
from pipeline.licensing import policy as lp
from pipeline.licensing.detect import Decision, LicenseDetector
from pipeline.licensing.files import license_file_kind
from pipeline.metrics import StageCounters

logger = logging.getLogger(__name__)

STAGE = "DetectLicenses"
REJECTED = "rejected"


def repo_key(raw: dict[str, Any]) -> str:
    """Key of a file's repository: its source and its identity (``records.repo_identity``: the source's
    name and the repository's own entry), so ``proj/`` and ``proj.zip``, or two sources that each hold
    ``utils``, never share a licence decision."""
    return f"{raw['source']}\x00{records.repo_identity(raw)}"


class _CacheCounters:
    """Reports a detector's evidence-cache use as counters (``cache.hit``, ``cache.miss``,
    ``cache.notice_block``, ``cache.whole_head``), as deltas since the last report."""

    def __init__(self, counters: StageCounters) -> None:
        self.counters = counters
        self.last = (0, 0, 0, 0)

    def report(self, detector: LicenseDetector) -> None:
        reader = detector.reader
        now = (detector.cache.hits, detector.cache.misses, reader.blocks, reader.whole_heads)
        for name, value, before in zip(("cache.hit", "cache.miss", "cache.notice_block", "cache.whole_head"),
                                       now, self.last, strict=True):
            if value > before:
                self.counters.inc(name, value - before)
        self.last = now


class _LicenseInputs(beam.DoFn):
    """RawFile -> (repo key, licence-like file) for LICENSE*/COPYING*/manifests/READMEs only."""

    def process(self, raw: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
        if license_file_kind(raw["path"]) is not None:
            yield (
                repo_key(raw),
                {
                    "path": raw["path"],
                    "data": raw.get("data") or b"",
                    "host_license": raw.get("host_license"),
                },
            )


class _DetectRepository(beam.DoFn):
    """(repo key, licence-like files) -> (repo key, {folder: Decision dict}); scancode per worker."""

    def __init__(self, detector: LicenseDetector) -> None:
        self.detector = detector
        self.cache_counters = _CacheCounters(StageCounters(STAGE))

    def setup(self) -> None:
        self.detector.setup()

    def finish_bundle(self) -> None:
        self.cache_counters.report(self.detector)

    def process(self, element: tuple[str, Iterable[dict[str, Any]]]) -> Iterator[tuple[str, dict[str, Any]]]:
        key, files = element
        files = list(files)
        host = next((f["host_license"] for f in files if f.get("host_license")), None)
        folders = self.detector.folder_map([(f["path"], f["data"]) for f in files], host)
        yield key, {folder: decision.to_dict() for folder, decision in folders.items()}


class _JudgeFiles(beam.DoFn):
    """(repo key, {maps, files}) -> RawFile with ``license`` set, or Rejected (tagged ``rejected``)."""

    def __init__(self, detector: LicenseDetector) -> None:
        self.detector = detector
        self.counters = StageCounters(STAGE)
        self.cache_counters = _CacheCounters(self.counters)

    def setup(self) -> None:
        self.detector.setup()

    def finish_bundle(self) -> None:
        self.cache_counters.report(self.detector)

    def process(self, element: tuple[str, dict[str, Iterable[Any]]]) -> Iterator[Any]:
        _, grouped = element
        maps = list(grouped["maps"])
        files = grouped["files"]
        folders: dict[str, Decision] | None = None
        if maps:
            folders = {folder: Decision.from_dict(d) for folder, d in maps[0].items()}
        for raw in files:
            if folders is None:  # no licence-like file: the host licence alone (or nothing)
                folders = self.detector.folder_map([], raw.get("host_license"))
            yield from self._judge(raw, folders)

    def _judge(self, raw: dict[str, Any], folders: dict[str, Decision]) -> Iterator[Any]:
        nbytes = raw.get("size_bytes") or len(raw.get("data") or b"")
        self.counters.seen(nbytes)
        decision = self.detector.judge_file(raw["path"], raw.get("data"), folders)
        label = decision.expression or "none"
        self.counters.inc(f"license.{label}")
        if lp.is_kept(decision.verdict):
            self.counters.kept(nbytes)
            yield {**raw, "license": decision.expression, "license_evidence": decision.evidence_json()}
            return
        reason = lp.reason_for(decision.verdict)
        self.counters.rejected(reason, nbytes)
        self.counters.inc(f"dropped_license.{label}")
        annotated = {**raw, "license": decision.expression, "license_evidence": decision.evidence_json()}
        yield beam.pvalue.TaggedOutput(
            REJECTED, records.reject_raw(annotated, reason, decision.evidence_json())
        )


class _PassThrough(beam.DoFn):
    """Licence detection disabled: keep every file under its host licence (counted seen/kept)."""

    def __init__(self) -> None:
        self.counters = StageCounters(STAGE)

    def process(self, raw: dict[str, Any]) -> Iterator[dict[str, Any]]:
        nbytes = raw.get("size_bytes") or len(raw.get("data") or b"")
        self.counters.seen(nbytes)
        self.counters.kept(nbytes)
        host = raw.get("host_license")
        evidence = [
            {
                "host_field": "host_license",
                "kind": "host",
                "expression": host,
                "rule": None,
                "score": None,
                "method": "host",
                "verdict": None,
                "note": "licence detection disabled",
            }
        ]
        yield {**raw, "license": host, "license_evidence": json.dumps(evidence, sort_keys=True)}


class DetectLicenses(beam.PTransform):
    """Licence of every file from its repository's licence files, its host licence and its own header.

    Input: ``PCollection[RawFile]``. Output: ``{"kept": PCollection[RawFile], "rejected":
    PCollection[Rejected]}``. Kept files carry ``license`` (SPDX expression) and ``license_evidence``
    (JSON list of evidence objects). Rejected rows (``records.reject_raw``) carry the evidence JSON in
    ``detail`` under reason ``no_license`` | ``license_unknown`` | ``license_conflict`` |
    ``license_modified`` | ``license_not_permissive`` | ``license_scan_error`` | ``license_scan_timeout``.

    Steps: licence-like files keyed by ``repo_key`` (source, repository identity) -> GroupByKey -> per-repository folder map (fast
    path, then scancode, index loaded in ``DoFn.setup``) -> CoGroupByKey with the repository's files
    -> per-file decision (folder inheritance, header notices). No step holds more than one repository.
    Each worker's detector caches evidence by content hash and reads a file's head through its notice
    block (``pipeline.licensing.cache``; ``build.license.cache_entries``); scancode's index loads once
    per process with its candidate filter (``pipeline.licensing.scancode_candidates``), and the
    template matcher comes from the on-disk cache (``pipeline.licensing.scancode_data.cached_build``).

    Counters (``DetectLicenses``): ``seen`` = ``kept`` + ``rejected.<reason>``; ``bytes.*``;
    ``license.<expression>`` per file seen and ``dropped_license.<expression>`` per file rejected
    (``none`` when no licence was found); ``cache.hit``/``cache.miss`` (evidence cache),
    ``cache.notice_block``/``cache.whole_head`` (heads read through their notice block or whole).
    """

    def __init__(self, license_cfg: LicenseConfig) -> None:
        super().__init__()
        self.cfg = license_cfg

    def expand(self, files: beam.PCollection) -> dict[str, beam.PCollection]:
        if not self.cfg.enabled:
            kept = files | "PassThrough" >> beam.ParDo(_PassThrough())
            empty = files.pipeline | "NoRejected" >> beam.Create([])
            return {"kept": kept, "rejected": empty}
        detector = LicenseDetector(self.cfg)
        maps = (
            files
            | "LicenseInputs" >> beam.ParDo(_LicenseInputs())
            | "GroupLicenseFiles" >> beam.GroupByKey()
            | "DetectRepository" >> beam.ParDo(_DetectRepository(detector))
        )
        keyed = files | "KeyByRepository" >> beam.Map(lambda raw: (repo_key(raw), raw))
        judged = (
            {"maps": maps, "files": keyed}
            | "JoinRepository" >> beam.CoGroupByKey()
            | "JudgeFiles" >> beam.ParDo(_JudgeFiles(detector)).with_outputs(REJECTED, main="kept")
        )
        return {"kept": judged.kept, "rejected": judged[REJECTED]}
