"""Selection of repositories from listing data only (no request per repository).

``skip_reason(record, discovery)`` returns the snake_case reason a repository is left out, or
``None`` when it is selected. The host licence is the one the listing reports: ``None`` (no licence
detected by the host) and ``NOASSERTION`` (a licence file the host could not identify) are both
left out when ``licenses`` is set, under distinct reasons.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pipeline.crawl.config import DiscoveryConfig


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(str(value).replace("Z", "+00:00")).date()
    except ValueError:
        return None


def skip_reason(record: dict[str, Any], d: DiscoveryConfig, check_license: bool = True) -> str | None:
    """Why ``record`` is not selected under ``d`` (``None``: selected)."""
    if record.get("fork") and not d.include_forks:
        return "fork"
    if record.get("archived") and not d.include_archived:
        return "archived"
    stars = int(record.get("stars") or 0)
    if stars < d.min_stars:
        return "too_few_stars"
    if d.max_stars is not None and stars > d.max_stars:
        return "too_many_stars"
    if d.languages and record.get("language") and record["language"].lower() not in {x.lower() for x in d.languages}:
        return "language_not_selected"
    created = _date(record.get("created_at"))
    if created and (created < d.created_after or (d.created_before and created > d.created_before)):
        return "created_out_of_range"
    pushed = _date(record.get("pushed_at"))
    if pushed and ((d.pushed_after and pushed < d.pushed_after) or (d.pushed_before and pushed > d.pushed_before)):
        return "pushed_out_of_range"
    if check_license and d.licenses:
        license_id = record.get("license")
        if license_id is None:
            return "license_missing"
        if license_id == "NOASSERTION":
            return "license_noassertion"
        if license_id.lower() not in {x.lower() for x in d.licenses}:
            return "license_not_allowed"
    return None


def parse_repository(entry: str, web_base: str) -> str:
    """``owner/name`` from an explicit-list entry: ``owner/name``, a web URL, or a ``.git`` URL."""
    text = entry.strip()
    for prefix in (web_base.rstrip("/") + "/", "https://github.com/", "https://gitlab.com/", "http://", "https://"):
        if text.startswith(prefix):
            text = text[len(prefix):]
            if prefix in ("http://", "https://"):
                text = text.split("/", 1)[1] if "/" in text else ""
            break
    text = text.strip("/")
    if text.endswith(".git"):
        text = text[:-4]
    if text.count("/") < 1 or any(not part for part in text.split("/")):
        raise ValueError(f"not a repository (expected owner/name or a URL): {entry!r}")
    return text
