"""Live progress on the driver and the end-of-run summary.

While the fetch pipeline runs, a background thread reads the result markers workers write
(``manifest/results/*.json``; each is read once) and logs discovered / fetched / failed / skipped
counts, bytes and rate every ``progress_interval_s``. ``summarize`` turns the final manifest into the
``crawl_summary.json`` dict and ``format_summary`` into the lines printed at the end.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from typing import Any

from pipeline.crawl.store import RawStore
from pipeline.crawl.tokens import crawl_logger

log = crawl_logger(__name__)


def human_bytes(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if abs(n) < 1000 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} TB"


class ProgressReporter:
    """Background logger of fetch progress; ``snapshot()`` gives the counts so far."""

    def __init__(self, store: RawStore, pending: int, discovered: int, interval_s: float) -> None:
        self.store = store
        self.pending = pending
        self.discovered = discovered
        self.interval_s = interval_s
        self.counts: Counter = Counter()
        self._read: set[str] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="crawl-progress", daemon=True)
        self._started = time.monotonic()

    def __enter__(self) -> ProgressReporter:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def poll(self) -> None:
        paths = [p for p in self.store.marker_paths() if p not in self._read]
        for row in self.store.read_markers(paths):
            self.counts[row["status"]] += 1
            self.counts["bytes"] += int(row.get("bytes") or 0) if row["status"] == "fetched" else 0
        self._read.update(paths)

    def line(self) -> str:
        c = self.counts
        done = c["fetched"] + c["failed"] + c["skipped"]
        elapsed = max(1e-9, time.monotonic() - self._started)
        return (f"crawl: {done}/{self.pending} this run (selected {self.discovered}): fetched {c['fetched']}, "
                f"failed {c['failed']}, skipped {c['skipped']}, {human_bytes(c['bytes'])}, "
                f"{done / elapsed:.2f} repos/s")

    def _loop(self) -> None:
        wait = self.interval_s
        while not self._stop.wait(wait):
            started = time.monotonic()
            try:
                self.poll()
                log.info(self.line())
            except Exception as exc:  # noqa: BLE001 -- progress must never break the crawl
                log.debug("progress poll failed: %s", exc)
            # listing markers costs time on object stores: never spend more than ~10% polling
            wait = max(self.interval_s, 10 * (time.monotonic() - started))


API_KINDS = ("search", "api", "archive")  # requests that spend a token's quota; downloads and 304s do not


def _split_tokens(counts: Counter) -> tuple[Counter, Counter]:
    """``(requests by kind, requests by token variable name)``."""
    kinds, tokens = Counter(), Counter()
    for key, n in counts.items():
        (tokens if key.startswith("token:") else kinds)[key.removeprefix("token:")] += n
    return kinds, tokens


def summarize(results: dict[str, dict[str, Any]], discovery_stats: dict[str, int], listing_requests: Counter,
              run: dict[str, Any]) -> dict[str, Any]:
    """The crawl summary: totals of the whole store, plus this run's requests and timing."""
    status: Counter = Counter(row["status"] for row in results.values())
    reasons: dict[str, Counter] = {"failed": Counter(), "skipped": Counter(), "gone": Counter()}
    total_bytes = 0
    for row in results.values():
        if row["status"] in reasons:
            reasons[row["status"]][row.get("reason") or "unknown"] += 1
        elif row["status"] == "fetched":
            total_bytes += int(row.get("bytes") or 0)
    run_requests: Counter = Counter()
    for row in run.get("rows", []):
        run_requests.update(row.get("requests") or {})
    run_requests, fetch_tokens = _split_tokens(run_requests)
    listing, listing_tokens = _split_tokens(listing_requests)
    fetched_now = run.get("processed", 0)
    selected = run.get("selected", 0)
    per_repo = {k: round(v / fetched_now, 3) for k, v in sorted(run_requests.items())} if fetched_now else {}
    tokens = {name: {**info, "requests_this_run": listing_tokens[name] + fetch_tokens[name]}
              for name, info in (run.get("tokens") or {}).items()}
    unseen = {k.split(".", 1)[1]: v for k, v in discovery_stats.items() if k.startswith("unseen.")}
    return {
        "repositories": {
            "discovered": int(discovery_stats.get("discovered", 0)),
            "selected": selected,
            "fetched": status["fetched"],
            "failed": status["failed"],
            "skipped": status["skipped"],
            "gone": status["gone"],
            "pending": run.get("pending_after", 0),
            # repositories the listing promised (total_count) but discovery could not list, by cause
            "unseen_by_discovery": int(discovery_stats.get("unseen", 0)),
        },
        "unseen_causes": dict(sorted(unseen.items())),
        "bytes": total_bytes,
        "failed_reasons": dict(sorted(reasons["failed"].items())),
        "skipped_reasons": dict(sorted(reasons["skipped"].items())),
        "gone_reasons": dict(sorted(reasons["gone"].items())),
        "discovery": {k: v for k, v in sorted(discovery_stats.items())},
        "refresh": run.get("refresh"),
        "tokens": tokens,
        "this_run": {
            "processed": fetched_now,
            "seconds": round(run.get("seconds", 0.0), 3),
            "listing_requests": dict(sorted(listing.items())),
            "requests": dict(sorted(run_requests.items())),
            "requests_per_repository": per_repo,
            "listing_requests_per_selected": (round(sum(listing.values()) / selected, 4) if selected else None),
            # the API budget: quota-spending requests per selected repository, discovery and fetch apart
            "api_requests_per_selected": {
                "discovery": round(sum(listing[k] for k in API_KINDS) / selected, 4) if selected else None,
                "fetch": round(sum(run_requests[k] for k in API_KINDS) / selected, 4) if selected else None,
            },
            "downloads_per_processed": round(run_requests["download"] / fetched_now, 3) if fetched_now else None,
        },
    }


def format_summary(summary: dict[str, Any]) -> str:
    r = summary["repositories"]
    run = summary["this_run"]
    api = run["api_requests_per_selected"]
    lines = [
        f"repositories: discovered {r['discovered']}, selected {r['selected']}, fetched {r['fetched']}, "
        f"failed {r['failed']}, skipped {r['skipped']}, gone {r['gone']}, pending {r['pending']}",
        f"stored: {human_bytes(summary['bytes'])}",
        f"this run: {run['processed']} repositories in {run['seconds']:.1f}s; listing requests "
        f"{sum(run['listing_requests'].values())}; per repository {run['requests_per_repository'] or '-'}",
        f"API requests per selected repository: discovery {api['discovery']}, fetch {api['fetch']}",
    ]
    if r["unseen_by_discovery"]:
        lines.append(f"discovery could not list {r['unseen_by_discovery']} repositories: "
                     + ", ".join(f"{k} {v}" for k, v in summary["unseen_causes"].items())
                     + " (recorded; the next crawl lists those slices again)")
    if summary.get("refresh") is not None:
        lines.append("refresh: " + ", ".join(f"{k} {v}" for k, v in sorted(summary["refresh"].items())))
    for name, info in summary["tokens"].items():
        lines.append(f"token {name}: {info['requests_this_run']} requests, rate-limited {info['rate_limited']} "
                     f"times, remaining {info['remaining'] or '-'}")
    for label in ("failed", "skipped", "gone"):
        if summary[f"{label}_reasons"]:
            lines.append(f"{label}: " + ", ".join(f"{k} {v}" for k, v in summary[f"{label}_reasons"].items()))
    return "\n".join(lines)
