"""What a release records about its own maintenance: removal requests honoured, past-release dedup,
its dedup keys and its parent release; and the data card section that states them.

Manifest sections (additive; absent in releases made before them):

- ``dedup_keys``: ``{"files": [...], "documents": N, "params": {...}}`` (``tokenizer.release_keys``);
- ``governance``: ``{"removal_contact", "opt_out": {list, counts}, "past_release_dedup": {against,
  removed}, "removals": [...]}`` -- ``opt_out`` and ``past_release_dedup`` come from the build's
  ``stats.json``; ``removals`` lists what ``incoder release remove`` took out, with the reason;
- ``parent``: ``null``, or for a release re-issued by ``incoder release remove`` the parent's name,
  manifest sha256 and the ``incoder release diff`` summary against it.

The Stack's governance card (BigCode, "The Stack", arXiv:2211.15533, section 3.4) is the model: a
dataset states how to opt out, which requests it honours and what they removed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pipeline import fsio
from pipeline.config import ProjectConfig
from tokenizer import release_keys


def _read_json(path: str) -> dict[str, Any] | None:
    return json.loads(fsio.read_text(path)) if fsio.exists(path) else None


def manifest_extras(cfg: ProjectConfig, release_dir: str) -> dict[str, Any]:
    """The ``dedup_keys``, ``governance`` and ``parent`` sections for a release ``incoder shard`` writes."""
    rcfg = cfg.require("release")
    extras: dict[str, Any] = {"parent": None}
    keys_list = fsio.join(release_dir, "_work", "dedup_keys.jsonl")
    if fsio.exists(keys_list):
        entries = [json.loads(line) for line in fsio.read_text(keys_list).splitlines() if line]
        params = release_keys.read_params(fsio.join(release_dir, entries[0]["path"])) if entries else None
        extras["dedup_keys"] = release_keys.manifest_section(entries, params)
    stats = _read_json(cfg.layout.stats) or {}
    extras["governance"] = {
        "removal_contact": rcfg.removal_contact,
        "opt_out": stats.get("opt_out"),
        "past_release_dedup": stats.get("past_release_dedup"),
        "removals": [],
    }
    return extras


def _opt_out_lines(opt_out: Mapping[str, Any] | None) -> list[str]:
    listed = (opt_out or {}).get("list")
    if not listed:
        return ["- Opt-out list: none applied at build time."]
    version = listed.get("version") or "unversioned"
    return [
        f"- Opt-out list: version `{version}` (sha256 `{listed.get('sha256', '')[:16]}...`; "
        f"{listed.get('repositories', 0)} repositories, {listed.get('owners', 0)} owners, "
        f"{listed.get('so_users', 0)} Stack Exchange users).",
        f"- Removed by opt-out at build time: {opt_out.get('repository_files_removed', 0)} files, "
        f"{opt_out.get('stackoverflow_questions_removed', 0)} questions, "
        f"{opt_out.get('stackoverflow_parts_removed', 0)} answers/comments.",
    ]


def card_lines(manifest: Mapping[str, Any]) -> list[str]:
    """The data card's "Removal requests and provenance" section."""
    gov = manifest.get("governance") or {}
    contact = gov.get("removal_contact")
    lines = [
        "## Removal requests and provenance",
        "",
        "To have your code or posts removed, send the repositories (`owner/name` or URL), owners, or Stack "
        f"Exchange profile URLs to {f'`{contact}`' if contact else 'the maintainers of this release'}. Requests "
        "are added to the opt-out list (one entry a line: `owner/name`, `owner:NAME`, `so-user:SITE:ID` or a "
        "profile URL), honoured by every later build "
        "(`build.exclude`) and applied to published releases with `incoder release remove`.",
        "",
    ]
    lines += _opt_out_lines(gov.get("opt_out"))
    past = gov.get("past_release_dedup") or {}
    if past.get("against"):
        lines.append(f"- Removed as duplicates of past releases ({', '.join(f'`{a}`' for a in past['against'])}): "
                     f"{past.get('removed', 0)} documents (reason `in_past_release`).")
    else:
        lines.append("- Past-release deduplication: none (a standalone build).")
    for removal in gov.get("removals") or []:
        lines.append(f"- Removed after publication by `incoder release remove` ({removal['reason']}, list version "
                     f"`{removal.get('list_version') or 'unversioned'}`): {removal['documents']} documents "
                     f"from {removal['repositories']} repositories/threads.")
    parent = manifest.get("parent")
    if parent:
        lines += ["", "## Changes from the parent release", "",
                  f"Parent: `{parent.get('name')}` (manifest sha256 `{parent.get('manifest_sha256', '')[:16]}...`).", ""]
        lines += summary_lines(parent.get("diff") or {})
    keys = manifest.get("dedup_keys")
    if keys:
        lines += ["", f"`dedup_keys/` holds the exact-dedup and MinHash LSH keys of all {keys['documents']} "
                  "documents, so later builds can deduplicate against this release (`build.dedup_against`)."]
    return lines + [""]


def summary_lines(diff: Mapping[str, Any]) -> list[str]:
    """Markdown bullet lines of an ``incoder release diff`` summary."""
    if not diff:
        return []
    docs = diff["documents"]
    lines = [f"- Documents: {docs['added']} added, {docs['removed']} removed, {docs['changed']} changed, "
             f"{docs['unchanged']} unchanged."]
    for key in ("license", "language", "source"):
        moves = diff.get("mix", {}).get(key) or {}
        changed = [f"{name} {d['before']} -> {d['after']}" for name, d in moves.items() if d["before"] != d["after"]]
        if changed:
            lines.append(f"- {key.title()} mix: " + ", ".join(changed) + ".")
    return lines
