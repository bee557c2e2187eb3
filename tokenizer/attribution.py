"""The data card's attribution section, summarised from a release's ``attribution.jsonl``.

``attribution.jsonl`` (written by ``incoder shard``, entries from ``tokenizer.release.attribution_entry``)
is the complete list: one line per repository (URL, licence expressions, licence file paths) and per
StackOverflow thread (each part's author, user id, profile URL and licence). The card cannot hold
millions of names, so it states the totals, the licence of every part, how authors are credited
(by display name, or by user id and profile URL when the dump had no ``Users.xml``), and the most
represented repositories and authors, pointing to the file for the rest.

Stack Exchange's licence (CC BY-SA, "Attribution" clause; stackoverflow.com/help/licensing) asks
that each contribution credit its author with a link to the profile; code licences (MIT, BSD, Apache)
ask that the licence notice travels with the code, which the licence file paths locate.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from typing import Any

from pipeline import fsio

TOP = 25  # repositories and authors listed by name in the card
MAX_TRACKED_AUTHORS = 1_000_000  # distinct authors counted exactly; past it only the parts are


def summarize(path: str) -> dict[str, Any] | None:
    """Totals of one ``attribution.jsonl`` (streamed line by line); ``None`` when it does not exist."""
    if not fsio.exists(path):
        return None
    repos: list[tuple[int, str, str, str, str]] = []
    threads = parts = named = by_id = anonymous = 0
    part_licenses: Counter = Counter()
    authors: Counter = Counter()
    overflow = False
    with fsio.open_read(path) as handle:
        for raw in handle:
            entry = json.loads(raw)
            if entry.get("kind") == "repository":
                repos.append((entry.get("documents", 0), entry.get("repo") or "", entry.get("url") or "",
                              " / ".join(entry.get("licenses") or []), ", ".join(entry.get("license_files") or [])))
                continue
            threads += 1
            for part in entry.get("parts") or []:
                parts += 1
                part_licenses[part.get("license") or "unknown"] += 1
                if part.get("author"):
                    named += 1
                elif part.get("user_id") is not None:
                    by_id += 1
                else:
                    anonymous += 1
                if part.get("author") or part.get("user_id") is not None:
                    key = (part.get("author") or "", part.get("profile_url") or "", part.get("user_id"))
                    if key in authors or len(authors) < MAX_TRACKED_AUTHORS:
                        authors[key] += 1
                    else:
                        overflow = True
    repos.sort(key=lambda r: (-r[0], r[1]))
    return {
        "repositories": len(repos), "top_repositories": repos[:TOP],
        "threads": threads, "parts": parts, "parts_named": named, "parts_by_user_id": by_id,
        "parts_anonymous": anonymous, "part_licenses": dict(sorted(part_licenses.items())),
        "authors": len(authors), "authors_overflow": overflow,
        "top_authors": sorted(authors.items(), key=lambda kv: (-kv[1], kv[0][0], str(kv[0][2])))[:TOP],
    }


def _table(rows: list[tuple[Any, ...]], header: tuple[str, ...]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]


def render_section(summary: Mapping[str, Any] | None) -> list[str]:
    """Markdown lines of the card's ``## Attribution`` section."""
    lines = ["## Attribution", ""]
    if summary is None:
        return lines + ["No `attribution.jsonl` in this release.", ""]
    lines += ["The complete list is `attribution.jsonl`: one line per repository (URL, licence, licence "
              "files) and per StackOverflow thread (each part's author, user id, profile URL and licence).", ""]
    if summary["repositories"]:
        lines += [f"Code from {summary['repositories']} repositories; the most represented:", ""]
        lines += _table([(r[1], r[2] or "-", r[3] or "-", r[4] or "-", r[0]) for r in summary["top_repositories"]],
                        ("repository", "URL", "licence", "licence files", "documents"))
        lines.append("")
    if summary["threads"]:
        authors = f"{summary['authors']:,}" + (" or more" if summary["authors_overflow"] else "")
        lines += [f"StackOverflow: {summary['threads']:,} threads, {summary['parts']:,} parts (questions, answers, "
                  f"comments) by {authors} authors, each part under its own licence:", ""]
        lines += _table(list(summary["part_licenses"].items()), ("licence", "parts"))
        lines.append("")
        lines.append(f"- {summary['parts_named']:,} parts credit their author by display name and profile URL.")
        if summary["parts_by_user_id"]:
            lines.append(f"- {summary['parts_by_user_id']:,} parts credit their author by user id and profile URL "
                         "only: attribution is by user id (no display name: the dump had no `Users.xml`, "
                         "or the account is not in it).")
        if summary["parts_anonymous"]:
            lines.append(f"- {summary['parts_anonymous']:,} parts have no author in the dump (deleted accounts "
                         "without a recorded name).")
        lines += ["", "Most represented authors:", ""]
        lines += _table([(name or "(by user id)", url or "-", uid if uid is not None else "-", n)
                         for (name, url, uid), n in summary["top_authors"]],
                        ("author", "profile", "user id", "parts"))
        lines.append("")
    return lines
