"""Licence tools. ``incoder license scan PATH [PATH ...]`` audits repository folders or archives
(.tar, .tar.gz, .tgz, .zip) with exactly the code ``DetectLicenses`` runs in the build, and prints one JSON
line per path:

  {"path": ..., "expression": "MIT", "verdict": "permissive", "reason": null,
   "evidence": [...], "folders": {"": {...}, "vendor/lib": {...}},
   "files": {"seen": 12, "kept": 11, "rejected": {"license_not_permissive": 1}}}

``expression``/``verdict``/``evidence`` are the repository root's decision; ``folders`` every folder with
its own licence; ``files`` the per-file outcome (folder inheritance and header notices). The policy is
the ``build.license`` section of ``--config`` (InCoder's four licences without one). Exit status 0
when every path was read (whatever the verdicts), 1 when a path could not be read.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections import Counter
from typing import Any

from pipeline.config import LicenseConfig, Limits, add_config_arguments, load_config, parse_overrides
from pipeline.errors import ConfigError
from pipeline.licensing import policy as lp
from pipeline.licensing.detect import Decision, LicenseDetector
from pipeline.licensing.files import license_file_kind

logger = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    scan = sub.add_parser("scan", help="print the licence decision of repository folders or archives")
    scan.add_argument("paths", nargs="+", metavar="PATH", help="repository folder or archive")
    add_config_arguments(scan, required=False)
    scan.add_argument(
        "--host-license", default=None, help="licence the host reports for the repository (SPDX)"
    )
    scan.add_argument(
        "--files", action="store_true", help="also list files whose decision differs from the root's"
    )


def license_config(args: argparse.Namespace) -> tuple[LicenseConfig, Limits]:
    """The licence policy and read limits of ``--config`` (defaults without one)."""
    if not args.config:
        if args.overrides:
            raise ConfigError("--set needs --config")
        return LicenseConfig(), Limits()
    cfg = load_config(args.config, parse_overrides(args.overrides))
    if cfg.build is None:
        return LicenseConfig(), Limits()
    return cfg.build.license, cfg.build.limits


def read_repository(path: str, limits: Limits) -> tuple[list[tuple[str, bytes]], list[str]]:
    """(files, problems) of a repository folder or archive, read with the build's readers and caps."""
    from pipeline.sources import caps_from, read_entry
    from pipeline.sources.local import archive_kind

    if os.path.isdir(path):
        kind = "dir"
    else:
        kind = archive_kind(path)
        if kind is None or not os.path.isfile(path):
            raise FileNotFoundError(f"not a folder or a .tar/.tar.gz/.tgz/.zip archive: {path}")
    entry = {
        "kind": kind,
        "location": path,
        "source": "local",
        "repo": os.path.basename(path.rstrip("/")),
        "meta": {},
    }
    files: list[tuple[str, bytes]] = []
    problems: list[str] = []
    for event in read_entry(entry, caps_from(limits)):
        if event.kind == "file":
            files.append((event.path, event.data or b""))
        elif event.kind == "reject":
            problems.append(f"{event.path}: {event.reason}")
    return files, problems


def scan_repository(
    detector: LicenseDetector,
    files: list[tuple[str, bytes]],
    host_license: str | None,
    list_files: bool = False,
) -> dict[str, Any]:
    """The audit record of one repository (the same two steps as ``DetectLicenses``)."""
    license_files = [(p, d) for p, d in files if license_file_kind(p) is not None]
    folders = detector.folder_map(license_files, host_license)
    root = folders.get("", Decision(None, lp.NO_LICENSE, []))
    outcomes: Counter[str] = Counter()
    different: list[dict[str, Any]] = []
    for path, data in files:
        decision = detector.judge_file(path, data, folders)
        outcomes["kept" if lp.is_kept(decision.verdict) else lp.reason_for(decision.verdict)] += 1
        if list_files and (decision.expression, decision.verdict) != (root.expression, root.verdict):
            different.append({"path": path, **decision.to_dict()})
    record = {
        "expression": root.expression,
        "verdict": root.verdict,
        "reason": None if lp.is_kept(root.verdict) else lp.reason_for(root.verdict),
        "evidence": root.evidence,
        "folders": {f: {"expression": d.expression, "verdict": d.verdict} for f, d in folders.items()},
        "files": {
            "seen": len(files),
            "kept": outcomes.pop("kept", 0),
            "rejected": dict(sorted(outcomes.items())),
        },
    }
    if list_files:
        record["differing_files"] = different
    return record


def run(args: argparse.Namespace, beam_args: list[str]) -> int:
    cfg, limits = license_config(args)
    detector = LicenseDetector(cfg).setup()
    status = 0
    for path in args.paths:
        try:
            files, problems = read_repository(path, limits)
        except (OSError, ValueError) as exc:
            print(json.dumps({"path": path, "error": str(exc)}), flush=True)
            status = 1
            continue
        record = {"path": path, **scan_repository(detector, files, args.host_license, args.files)}
        if problems:
            record["unread"] = problems
        print(json.dumps(record, ensure_ascii=False, sort_keys=False), flush=True)
    detector.runner.close()
    return status


if __name__ == "__main__":  # pragma: no cover
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    sys.exit(run(*parser.parse_known_args()))
