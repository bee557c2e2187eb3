"""Build filtered, deduplicated parquet documents from the configured sources (Apache Beam).

  incoder build --config configs/build/python-env.yaml
  incoder build --config configs/build/local.yaml --set build.output.num_shards=8
  incoder build --config c.yaml --runner=DataflowRunner --project=P --region=R --temp_location=gs://...

Stages, in order: ReadRepositories -> DetectLicenses -> FilesToDocuments -> FilterQuality ->
(+ ReadStackOverflow) -> Decontaminate -> RedactPII -> DedupExact -> DedupNear -> WriteDocuments.
Every dropped file lands in OUT/rejected with a reason. Outputs: OUT/documents/part-*.parquet,
OUT/rejected/part-*.parquet, OUT/stats.json (per-stage counters, per-language/licence/source counts,
the accounting check), OUT/config.yaml (the resolved config). Flags this command does not know go to
Beam unchanged (DirectRunner by default).
"""

from __future__ import annotations

import argparse
import json
import logging
import time
import uuid
from typing import Any

import apache_beam as beam
from apache_beam.io.filesystems import FileSystems

from pipeline import fsio, records, sources
from pipeline.beam_runner import new_pipeline
from pipeline.config import ProjectConfig, add_config_arguments, load_config, parse_overrides
from pipeline.metrics import build_stats
from pipeline.stages.decontaminate import Decontaminate
from pipeline.stages.dedup_exact import DedupExact
from pipeline.stages.dedup_near import DedupNear
from pipeline.stages.detect_licenses import DetectLicenses
from pipeline.stages.files_to_documents import FilesToDocuments
from pipeline.stages.filter_quality import FilterQuality
from pipeline.stages.read_repositories import ReadRepositories
from pipeline.stages.read_stackoverflow import ReadStackOverflow
from pipeline.stages.redact_pii import RedactPII
from pipeline.stages.write_documents import WriteDocuments, publish_parts

log = logging.getLogger(__name__)

ACCEPTS_BEAM_ARGS = True

STAGE_ORDER = [
    "ReadRepositories", "DetectLicenses", "FilesToDocuments", "FilterQuality", "ReadStackOverflow",
    "Decontaminate", "RedactPII", "DedupExact", "DedupNear", "WriteDocuments", "WriteRejected",
]


def build_pipeline(p: beam.Pipeline, cfg: ProjectConfig, staging: str) -> list[str]:
    """Add the build's stages to ``p``, writing parts under ``staging``; returns the stages wired."""
    build = cfg.require("build")
    wired: list[str] = []
    rejected: list[beam.PCollection] = []

    def apply(name: str, transform: beam.PTransform, pcoll: Any) -> beam.PCollection:
        out = pcoll | name >> transform
        rejected.append(out["rejected"])
        wired.append(name)
        return out["kept"]

    sources.check_sources(build)
    raw = apply("ReadRepositories", ReadRepositories(sources.repository_sources(build), build.limits), p)
    raw = apply("DetectLicenses", DetectLicenses(build.license), raw)
    docs = apply("FilesToDocuments", FilesToDocuments(build.filters), raw)
    docs = apply("FilterQuality", FilterQuality(build.filters), docs)

    so_sources = [s for s in build.sources if s.kind == "stackoverflow"]
    if so_sources:
        posts = [apply(f"ReadStackOverflow[{i}]", ReadStackOverflow(s), p) for i, s in enumerate(so_sources)]
        docs = (docs, *posts) | "FlattenSources" >> beam.Flatten()

    docs = apply("Decontaminate", Decontaminate(build.decontamination), docs)
    docs = apply("RedactPII", RedactPII(build.pii), docs)
    docs = apply("DedupExact", DedupExact(), docs)
    docs = apply("DedupNear", DedupNear(build.near_dedup, build.license), docs)

    _ = docs | "WriteDocuments" >> WriteDocuments(fsio.join(staging, "documents"), build.output)
    _ = (
        rejected
        | "FlattenRejected" >> beam.Flatten()
        | "WriteRejected" >> WriteDocuments(fsio.join(staging, "rejected"), build.output,
                                            records.REJECTED_SCHEMA, stage="WriteRejected")
    )
    return wired + ["WriteDocuments", "WriteRejected"]


def run_build(cfg: ProjectConfig, beam_args: list[str]) -> dict[str, Any]:
    """Run the build pipeline for ``cfg``; writes OUT/{documents,rejected,stats.json,config.yaml}.

    Returns the stats dict (also written as ``OUT/stats.json``). A failed pipeline leaves a previous
    build's output untouched: parts are written to a staging directory and published on success.
    """
    cfg.require("build")
    out = cfg.output_dir
    staging = fsio.join(out, f".staging-{uuid.uuid4().hex[:12]}")
    started = time.monotonic()
    try:
        p = new_pipeline(beam_args)
        wired = build_pipeline(p, cfg, staging)
        log.info("build: stages %s", " -> ".join(wired))
        result = p.run()
        result.wait_until_finish()
        for table in ("documents", "rejected"):
            publish_parts(fsio.join(staging, table), fsio.join(out, table))
    finally:
        if FileSystems.exists(staging):
            FileSystems.delete([staging])
    stats = build_report(result, STAGE_ORDER, cfg, time.monotonic() - started)
    # Not fsio.write_json: its sorted keys would lose the pipeline order of the stages.
    fsio.write_text(fsio.join(out, "stats.json"), json.dumps(stats, indent=2, ensure_ascii=False) + "\n")
    fsio.write_text(fsio.join(out, "config.yaml"), cfg.resolved_yaml())
    for stage, counters in stats["stages"].items():
        log.info("stage %-18s seen=%-8d kept=%-8d rejected=%-8d skipped=%-8d %s", stage, counters["seen"],
                 counters["kept"], sum(counters["rejected"].values()), sum(counters["skipped"].values()),
                 "ok" if counters["balanced"] else "UNBALANCED")
    return stats


SOURCE_STAGES = ("ReadRepositories", "ReadStackOverflow")
WRITE_STAGES = ("WriteDocuments", "WriteRejected")


def _breakdown(counters: dict[str, Any], kind: str) -> dict[str, int]:
    value = counters.get(kind, {})
    return dict(sorted(value.items(), key=lambda kv: (-kv[1], kv[0]))) if isinstance(value, dict) else {}


def build_report(result: Any, stage_order: list[str], cfg: ProjectConfig, elapsed_s: float) -> dict[str, Any]:
    """``stats.json``: per-stage counters, kept-document breakdowns, and the accounting check.

    Accounting: every record a source emitted (``kept`` + ``rejected`` of the source stages), minus the
    elements later stages skipped without a record, must equal the rows written to ``documents`` plus
    ``rejected``; and every stage must balance (seen = kept + rejected + skipped). ``input_files``
    is what the repository readers met, including entries skipped without a record (links...).
    """
    stats = build_stats(result, stage_order)
    stages = stats["stages"]
    empty = {"seen": 0, "kept": 0, "rejected": {}, "skipped": {}, "bytes": {}}
    docs = stages.get("WriteDocuments", empty)
    rej = stages.get("WriteRejected", empty)
    emitted = sum(stages.get(s, empty)["kept"] + sum(stages.get(s, empty)["rejected"].values()) for s in SOURCE_STAGES)
    skipped_later = sum(sum(c["skipped"].values()) for s, c in stages.items() if s not in SOURCE_STAGES)
    written = docs["kept"] + rej["kept"]
    reader = stages.get("ReadRepositories", empty)
    accounting = {
        "input_files": reader["seen"],
        "skipped_without_record": sum(reader["skipped"].values()) + skipped_later,
        "records_emitted_by_sources": emitted,
        "documents_written": docs["kept"],
        "rejected_written": rej["kept"],
        "stages_balanced": all(c["balanced"] for c in stages.values()),
    }
    accounting["balanced"] = accounting["stages_balanced"] and emitted - skipped_later == written
    stats["documents"] = {
        "count": docs["kept"],
        "bytes": docs.get("bytes", {}).get("kept", 0),
        "by_language": _breakdown(docs, "lang"),
        "by_license": _breakdown(docs, "license"),
        "by_source": _breakdown(docs, "source"),
    }
    stats["rejected"] = {
        "count": rej["kept"],
        "bytes": rej.get("bytes", {}).get("kept", 0),
        "by_reason": _breakdown(rej, "reason"),
    }
    stats["accounting"] = accounting
    stats["elapsed_s"] = round(elapsed_s, 2)
    stats["config_digest"] = cfg.digest()
    return stats


def format_summary(stats: dict[str, Any]) -> str:
    """A readable table of the stages and the kept corpus, for the terminal."""
    lines = [f"{'stage':<22}{'seen':>10}{'kept':>10}{'rejected':>10}{'skipped':>10}  top reasons"]
    for stage, c in stats["stages"].items():
        reasons = {**c["rejected"], **{f"skip:{k}": v for k, v in c["skipped"].items()}}
        top = ", ".join(f"{k}={v}" for k, v in sorted(reasons.items(), key=lambda kv: -kv[1])[:3])
        lines.append(f"{stage:<22}{c['seen']:>10}{c['kept']:>10}{sum(c['rejected'].values()):>10}"
                     f"{sum(c['skipped'].values()):>10}  {top}{'' if c['balanced'] else '  UNBALANCED'}")
    docs = stats["documents"]
    lines.append("")
    lines.append(f"documents: {docs['count']} ({docs['bytes'] / 1e6:.1f} MB)   rejected: {stats['rejected']['count']}"
                 f"   elapsed: {stats['elapsed_s']:.0f}s")
    for title, key in (("languages", "by_language"), ("licences", "by_license"), ("sources", "by_source")):
        top = ", ".join(f"{k}={v}" for k, v in list(docs[key].items())[:8])
        lines.append(f"  {title}: {top or '-'}")
    acc = stats["accounting"]
    lines.append(f"accounting: {acc['input_files']} input files; "
                 f"{'every file accounted for' if acc['balanced'] else 'MISMATCH, see stats.json'}")
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_config_arguments(parser)


def run(args: argparse.Namespace, beam_args: list[str]) -> int:
    cfg = load_config(args.config, parse_overrides(args.overrides))
    cfg.require("build")
    stats = run_build(cfg, beam_args)
    print(format_summary(stats))
    if not stats["accounting"]["balanced"]:
        log.error("build: the counters do not account for every input file (see stats.json 'accounting')")
        return 1
    return 0
