"""Maintain published releases.

  incoder release diff OLD_RELEASE NEW_RELEASE [--json FILE]
      documents added, removed and changed; licence, language and source mix changes (text; JSON
      with --json FILE, or --json - for stdout)
  incoder release remove --release DIR --exclude LIST --out DIR2 [--name NAME]
      re-issue DIR without the repositories, owners and Stack Exchange users LIST names (opt-out
      requests); only the shards holding them are rewritten; DIR2 records DIR as its parent

Both run Beam pipelines (flags such as --runner pass through). The manual: docs/release.md.
"""

from __future__ import annotations

import argparse
import json
import logging

from pipeline.errors import ConfigError

log = logging.getLogger(__name__)

ACCEPTS_BEAM_ARGS = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION")
    diff = sub.add_parser("diff", help="what changed between two releases (text, and JSON with --json)")
    diff.add_argument("old", help="the earlier release directory")
    diff.add_argument("new", help="the later release directory")
    diff.add_argument("--json", metavar="FILE", help="also write the report as JSON to FILE ('-': stdout only)")
    diff.add_argument("--work-dir", help="scratch directory for the counts (a shared path on remote runners)")
    remove = sub.add_parser("remove", help="re-issue a release without what an opt-out list names")
    remove.add_argument("--release", required=True, help="the published release directory (left untouched)")
    remove.add_argument("--exclude", required=True, help="opt-out list: file, Beam filesystem path or http(s) URL")
    remove.add_argument("--out", required=True, help="directory of the new release")
    remove.add_argument("--name", help="name of the new release (default: the parent's)")


def run(args: argparse.Namespace, beam_args: list[str]) -> int:
    if args.action == "diff":
        from tokenizer.release_diff import diff_releases, format_text

        report = diff_releases(args.old, args.new, beam_args, args.work_dir)
        text = json.dumps(report, indent=2, sort_keys=True)
        if args.json == "-":
            print(text)
            return 0
        print(format_text(report))
        if args.json:
            from pipeline import fsio

            fsio.write_text(args.json, text + "\n")
            print(f"JSON report written to {args.json}")
        return 0
    if args.action == "remove":
        from tokenizer.release_remove import remove_from_release
        from tokenizer.verify import verify_release

        manifest = remove_from_release(args.release, args.exclude, args.out, beam_args, args.name)
        removal = manifest["governance"]["removals"][-1]
        print(f"{args.out}: removed {removal['documents']} documents of {removal['repositories']} "
              f"repositories/threads ({removal['reason']}); parent {manifest['parent']['name']}")
        problems = verify_release(args.out)
        for problem in problems:
            print(f"  - {problem}")
        print("verify: " + ("OK" if not problems else f"{len(problems)} problem(s)"))
        return 1 if problems else 0
    raise ConfigError("incoder release: choose an action: diff | remove")
