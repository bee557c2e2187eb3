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

import json
import logging

from pipeline import fsio

log = logging.getLogger(__name__)


def diff(old: str, new: str, beam_args: list[str], work_dir: str | None = None, json_path: str | None = None) -> int:
    """``incoder release diff``: print the report (text, or JSON with ``json_path='-'``); 0."""
    from tokenizer.release_diff import diff_releases, format_text

    report = diff_releases(old, new, beam_args, work_dir)
    text = json.dumps(report, indent=2, sort_keys=True)
    if json_path == "-":
        print(text)
        return 0
    print(format_text(report))
    if json_path:
        fsio.write_text(json_path, text + "\n")
        print(f"JSON report written to {json_path}")
    return 0


def remove(release_dir: str, exclude: str, out: str, beam_args: list[str], name: str | None = None) -> int:
    """``incoder release remove``: re-issue ``release_dir`` without the list's matches into ``out``, then
    verify it; 0 when the new release verifies, else 1."""
    from tokenizer.release_remove import remove_from_release
    from tokenizer.verify import verify_release

    manifest = remove_from_release(release_dir, exclude, out, beam_args, name)
    removal = manifest["governance"]["removals"][-1]
    print(f"{out}: removed {removal['documents']} documents of {removal['repositories']} "
          f"repositories/threads ({removal['reason']}); parent {manifest['parent']['name']}")
    problems = verify_release(out)
    for problem in problems:
        print(f"  - {problem}")
    print("verify: " + ("OK" if not problems else f"{len(problems)} problem(s)"))
    return 1 if problems else 0
