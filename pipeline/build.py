"""Build filtered, deduplicated parquet documents from the configured sources (Apache Beam).

  incoder build --config configs/build/python-env.yaml
  incoder build --config configs/build/local.yaml --set build.output.target_shard_mb=64
  incoder build --config c.yaml --runner=DataflowRunner --project=P --region=R --temp_location=gs://...

Stages, in order: ReadRepositories -> ExcludeOptedOut (``build.exclude``) -> DetectLicenses ->
FilesToDocuments -> FilterQuality ->
(+ ReadStackOverflow) -> Decontaminate -> RedactPII -> DedupExact -> DedupNear -> DedupPastRelease
(``build.dedup_against``) -> WriteDocuments. Every dropped file lands in OUT/rejected with a reason,
after RedactRejected (the same redaction as RedactPII, unless ``build.pii.redact_rejected: false``).
Outputs: OUT/documents/part-*.parquet, OUT/rejected/part-*.parquet, OUT/dedup_keys/part-*.parquet
(the kept documents' dedup keys, which ``incoder shard`` puts in the release), OUT/stats.json (per-stage counters, per-language/licence/source counts,
the accounting check), OUT/config.yaml (the resolved config). Flags this command does not know go to
Beam unchanged (DirectRunner by default).
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from typing import Any

import apache_beam as beam
from apache_beam.io.filesystems import FileSystems

from pipeline import fsio, records, sources
from pipeline.algorithms import optout
from pipeline.algorithms.dedup_keys import minhash_params
from pipeline.algorithms.lsh import resolve_bands
from pipeline.beam_runner import describe_plan, is_dry_run, is_local, new_pipeline
from pipeline.config import ProjectConfig
from pipeline.layout import DEDUP_KEYS, DOCUMENTS, REJECTED, Layout
from pipeline.metrics import row_counters, runner_counters, stats_from_counters
from pipeline.progress import BuildProgress
from pipeline.stages.decontaminate import Decontaminate
from pipeline.stages.dedup_exact import DedupExact
from pipeline.stages.dedup_near import DedupNear
from pipeline.stages.dedup_past_release import DedupPastRelease
from pipeline.stages.detect_licenses import DetectLicenses
from pipeline.stages.exclude_opted_out import ExcludeOptedOut
from pipeline.stages.files_to_documents import FilesToDocuments
from pipeline.stages.filter_quality import FilterQuality
from pipeline.stages.read_repositories import ReadRepositories
from pipeline.stages.read_stackoverflow import ReadStackOverflow
from pipeline.stages.redact_pii import RedactPII, pii_summary
from pipeline.stages.write_dedup_keys import WriteDedupKeys
from pipeline.stages.write_documents import WriteDocuments, publish_parts

log = logging.getLogger(__name__)

STAGE_ORDER = [
    "ReadRepositories", "ExcludeOptedOut", "DetectLicenses", "FilesToDocuments", "FilterQuality", "ReadStackOverflow",
    "Decontaminate", "RedactPII", "DedupExact", "DedupNear", "DedupPastRelease", "WriteDedupKeys", "WriteDocuments",
    "RedactRejected", "WriteRejected",
]


def build_pipeline(p: beam.Pipeline, cfg: ProjectConfig, staging: str,
                   exclude: optout.ExcludeList | None = None) -> list[str]:
    """Add the build's stages to ``p``, writing parts under ``staging``; returns the stages wired.

    ``exclude``: the loaded ``build.exclude`` list (loaded here when not given)."""
    build = cfg.require("build")
    if exclude is None:
        exclude = optout.load_exclude(build.exclude)
    wired: list[str] = []
    rejected: list[beam.PCollection] = []
    outputs: dict[str, dict[str, beam.PCollection]] = {}

    def apply(name: str, transform: beam.PTransform, pcoll: Any) -> beam.PCollection:
        out = pcoll | name >> transform
        outputs[name] = out
        rejected.append(out["rejected"])
        wired.append(name)
        return out["kept"]

    sources.check_sources(build)
    raw = apply("ReadRepositories", ReadRepositories(sources.repository_sources(build), build.limits), p)
    if exclude:
        raw = apply("ExcludeOptedOut", ExcludeOptedOut(exclude), raw)
    raw = apply("DetectLicenses", DetectLicenses(build.license), raw)
    docs = apply("FilesToDocuments", FilesToDocuments(build.filters), raw)
    docs = apply("FilterQuality", FilterQuality(build.filters), docs)

    so_sources = [s for s in build.sources if s.kind == "stackoverflow"]
    if so_sources:
        posts = [apply(f"ReadStackOverflow[{i}]", ReadStackOverflow(s, exclude), p) for i, s in enumerate(so_sources)]
        docs = (docs, *posts) | "FlattenSources" >> beam.Flatten()

    docs = apply("Decontaminate", Decontaminate(build.decontamination), docs)
    docs = apply("RedactPII", RedactPII(build.pii), docs)
    docs = apply("DedupExact", DedupExact(), docs)
    docs = apply("DedupNear", DedupNear(build.near_dedup, build.license), docs)
    # Dedup keys of DedupNear's inputs: matched against past releases, and persisted for future builds.
    keys = {"exact_keys": outputs["DedupExact"]["keys"], "signatures": outputs["DedupNear"]["signatures"]}
    params = minhash_params(build.near_dedup, *resolve_bands(
        build.near_dedup.num_perm, build.near_dedup.threshold, build.near_dedup.bands, build.near_dedup.rows))
    docs = apply("DedupPastRelease", DedupPastRelease(build.dedup_against, params),
                 {"docs": docs, "clusters": outputs["DedupNear"]["clusters"], **keys})
    _ = {"docs": docs, **keys} | "WriteDedupKeys" >> WriteDedupKeys(
        Layout(staging).dedup_keys, build.output, params)

    _ = docs | "WriteDocuments" >> WriteDocuments(Layout(staging).documents, build.output)
    # rejected/ is published beside the release: its rows get the documents' redaction (unless
    # build.pii.redact_rejected is false, for private audits).
    all_rejected = rejected | "FlattenRejected" >> beam.Flatten()
    all_rejected = (all_rejected | "RedactRejected" >> RedactPII(build.pii, rejected=True))["kept"]
    _ = all_rejected | "WriteRejected" >> WriteDocuments(Layout(staging).rejected, build.output,
                                                         records.REJECTED_SCHEMA, stage="WriteRejected")
    return wired + ["WriteDedupKeys", "WriteDocuments", "RedactRejected", "WriteRejected"]


def run_build(cfg: ProjectConfig, beam_args: list[str], progress_every: float = 30.0) -> dict[str, Any]:
    """Run the build pipeline for ``cfg``; writes OUT/{documents,rejected,stats.json,config.yaml}.

    Returns the stats dict (also written as ``OUT/stats.json``). A failed pipeline leaves a previous
    build's output untouched: parts are written to a staging directory and published on success.
    With ``--dry_run=True`` nothing runs or is written: the stats are ``{"dry_run": True, "plan": ...}``.
    Progress is logged every ``progress_every`` seconds on the in-process runner (0: never).
    """
    cfg.require("build")
    out = cfg.layout
    staging = out.staging(uuid.uuid4().hex[:12])
    started = time.monotonic()
    exclude = optout.load_exclude(cfg.build.exclude)  # once: the version recorded is the one applied
    try:
        p = new_pipeline(beam_args)
        wired = build_pipeline(p, cfg, staging, exclude)
        log.info("build: stages %s", " -> ".join(wired))
        if is_dry_run(p.options):
            # Only a remote runner honours --dry_run (Dataflow translates the job, submits nothing).
            result = None if is_local(p.options) else p.run()
            return {"dry_run": True, "plan": describe_plan(p, wired, result)}
        standard = p.options.get_all_options()
        with BuildProgress(str(standard.get("runner") or ""), str(standard.get("direct_running_mode") or ""),
                           progress_every, STAGE_ORDER):
            result = p.run()
            result.wait_until_finish()
        for table in (DOCUMENTS, REJECTED, DEDUP_KEYS):
            publish_parts(Layout(staging).path(table), out.path(table))
    finally:
        if FileSystems.exists(staging):
            FileSystems.delete([staging])
    stats = build_report(result, STAGE_ORDER, cfg, time.monotonic() - started)
    stats["opt_out"] = opt_out_report(stats["stages"], exclude if cfg.build.exclude else None)
    past = stats["stages"].get("DedupPastRelease", {})
    stats["past_release_dedup"] = {"against": list(cfg.build.dedup_against),
                                   "removed": past.get("rejected", {}).get("in_past_release", 0),
                                   "past_documents": past.get("past", {}).get("documents", 0)}
    # Not fsio.write_json: its sorted keys would lose the pipeline order of the stages.
    fsio.write_text(out.stats, json.dumps(stats, indent=2, ensure_ascii=False) + "\n")
    fsio.write_text(out.config, cfg.resolved_yaml())
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
    counters = runner_counters(result)
    counts_source = "runner_metrics"
    if counters is None:
        # Some runners report no metrics: recount the writers' counters from the published rows.
        counts_source = "output_rows"
        counters = {stage: row_counters(fsio.list_files(cfg.layout.table_glob(table)), stage)
                    for stage, table in (("WriteDocuments", DOCUMENTS), ("WriteRejected", REJECTED))}
    stats = stats_from_counters(counters, stage_order)
    stats["counts_source"] = counts_source
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
    if counts_source == "output_rows":
        # Only the written rows are known: nothing upstream to check them against.
        accounting.update(input_files=None, skipped_without_record=None, records_emitted_by_sources=None,
                          stages_balanced=None, balanced=None)
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
    stats["pii"] = pii_summary(stages, cfg.build.pii, counted=counts_source == "runner_metrics")
    stats["elapsed_s"] = round(elapsed_s, 2)
    stats["config_digest"] = cfg.digest()
    return stats


def opt_out_report(stages: dict[str, Any], exclude: optout.ExcludeList | None) -> dict[str, Any]:
    """``stats.json["opt_out"]``: the list applied (location, version, sha256) and what it removed."""
    code = stages.get("ExcludeOptedOut", {}).get("rejected", {})
    so = stages.get("ReadStackOverflow", {})
    return {
        "list": exclude.describe() if exclude is not None else None,
        "repository_files_removed": code.get(optout.REASON, 0),
        "stackoverflow_questions_removed": so.get("rejected", {}).get(optout.REASON, 0),
        "stackoverflow_parts_removed": sum(so.get(kind, {}).get("opted_out", 0) for kind in ("answers", "comments")),
    }


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
    if acc["balanced"] is None:
        lines.append("accounting: not checked (the runner reported no metrics; counts are from the written rows)")
    else:
        lines.append(f"accounting: {acc['input_files']} input files; "
                     f"{'every file accounted for' if acc['balanced'] else 'MISMATCH, see stats.json'}")
    return "\n".join(lines)
