"""Generate the fast-path table ``pipeline/licensing/data/fastpath.json`` from scancode's own texts.

Run ``python -m pipeline.licensing.build_fastpath`` after upgrading scancode-toolkit. Sources (all
offline, inside the installed package): each fast-path licence's ``licensedcode/data/licenses/<key>
.LICENSE`` text (plus the same text cut at "END OF TERMS AND CONDITIONS", as many copies omit the
appendix) and the ``licensedcode/data/rules/*.RULE`` files of that exact expression marked
``is_license_text`` or ``is_license_notice`` (real-world variants scancode collected).

Each candidate is checked against scancode itself: it enters the table only when scancode detects
exactly that one expression on it at score >= 99, so a fast-path hit is the answer scancode gives.
Candidates of different expressions with one fingerprint are dropped (ambiguous), unless one of them is
a licence's own reference text, which then keeps the fingerprint.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import time
from pathlib import Path

from pipeline.licensing.fastpath import normalize
from pipeline.licensing.scancode_data import clean_rule_text as _clean_rule_text
from pipeline.licensing.scancode_data import scancode_data_dir
from pipeline.licensing.scancode_data import split_front_matter as _split_front_matter
from pipeline.licensing.scancode_runner import ScancodeRunner, is_reference_only

logger = logging.getLogger(__name__)

DATA_FILE = Path(__file__).resolve().parent / "data" / "fastpath.json"

# scancode keys covered: permissive licences the configs allow, and the copyleft and other licences
# most often met, so that they too are answered (and rejected) without scancode.
FAST_KEYS = (
    "mit",
    "bsd-new",
    "bsd-simplified",
    "apache-2.0",
    "isc",
    "bsd-zero",
    "unlicense",
    "zlib",
    "boost-1.0",
    "mit-0",
    "cc0-1.0",
    "python",
    "gpl-2.0",
    "gpl-2.0-plus",
    "gpl-3.0",
    "gpl-3.0-plus",
    "lgpl-2.1",
    "lgpl-2.1-plus",
    "lgpl-3.0",
    "lgpl-3.0-plus",
    "lgpl-2.0-plus",
    "agpl-3.0",
    "agpl-3.0-plus",
    "mpl-2.0",
    "epl-1.0",
    "epl-2.0",
    "artistic-2.0",
    "cc-by-4.0",
    "cc-by-sa-4.0",
    "gpl-1.0",
    "gpl-1.0-plus",
    "lgpl-2.0",
    "gfdl-1.2",
    "gfdl-1.3",
    "eupl-1.1",
    "eupl-1.2",
    "mpl-1.1",
    "cddl-1.0",
    "cc-by-3.0",
    "cc-by-sa-3.0",
    "cc-by-nc-4.0",
    "cc-by-nc-sa-4.0",
    "cc-by-nd-4.0",
    "wtfpl-2.0",
    "vim",
    # MIT/BSD relatives scancode names separately (none is a licensecheck variant of MIT or BSD)
    "x11-xconsortium",
    "bsd-original",
    "bsd-original-uc",
    "postgresql",
    "openssl-ssleay",
    "afl-3.0",
    "ms-pl",
    "json",
    "sleepycat",
    "php-3.01",
    "ofl-1.1",
    "ruby",
    "facebook-patent-rights-2",
    "mit-addition",
)
MIN_WORDS = 20


def candidates(data_dir: Path, max_notices: int) -> list[tuple[str, str, str]]:
    """``(scancode key, source file name, text)`` for every fast-path candidate text."""
    out: list[tuple[str, str, str]] = []
    for key in FAST_KEYS:
        lic = data_dir / "licenses" / f"{key}.LICENSE"
        if lic.exists():
            _, text = _split_front_matter(lic.read_text(encoding="utf-8"))
            out.append((key, lic.name, text))
            cut = re.split(r"(?im)^\s*end of terms and conditions\s*$", text, maxsplit=1)
            if len(cut) == 2:
                out.append((key, lic.name + "#terms", cut[0] + "END OF TERMS AND CONDITIONS\n"))
    notices: dict[str, int] = {}
    for rule in sorted((data_dir / "rules").glob("*.RULE")):
        raw = rule.read_text(encoding="utf-8")
        fields, text = _split_front_matter(raw)
        key = fields.get("license_expression")
        if key not in FAST_KEYS or fields.get("is_false_positive") == "yes":
            continue
        if fields.get("is_license_text") == "yes":
            out.append((key, rule.name, _clean_rule_text(text)))
        elif fields.get("is_license_notice") == "yes" and notices.get(key, 0) < max_notices:
            text = _clean_rule_text(text)
            if len(normalize(text).split()) >= 25:
                notices[key] = notices.get(key, 0) + 1
                out.append((key, rule.name, text))
    return out


def build_table(max_notices: int = 150) -> tuple[dict[str, dict[str, str]], dict[str, int]]:
    """The verified fingerprint table and counts of what was kept and dropped."""
    data_dir = scancode_data_dir()
    runner = ScancodeRunner(timeout_s=60).load()
    table: dict[str, dict[str, str]] = {}
    ambiguous: set[str] = set()
    reference: dict[str, dict[str, str]] = {}
    stats = {"candidates": 0, "kept": 0, "short": 0, "scancode_disagrees": 0, "ambiguous": 0}
    import hashlib

    for key, source, text in candidates(data_dir, max_notices):
        stats["candidates"] += 1
        words = normalize(text)
        if len(words.split()) < MIN_WORDS:
            stats["short"] += 1
            continue
        result = runner.scan(text)
        found = [d for d in result.detections if not is_reference_only(d)]
        if result.status != "ok" or len(found) != 1 or found[0].key != key or found[0].score < 99:
            stats["scancode_disagrees"] += 1
            continue
        digest = hashlib.sha1(words.encode()).hexdigest()
        entry = {"spdx": found[0].expression, "key": key, "rule": source}
        if source.endswith((".LICENSE", ".LICENSE#terms")):
            # A licence's own reference text is authoritative for its fingerprint: a rule of another
            # key that normalises to the same words (scancode's bsd-new_1319 is a two-clause text) yields.
            reference[digest] = entry
        elif digest in table and table[digest]["key"] != key:
            ambiguous.add(digest)
            continue
        table.setdefault(digest, entry)
    for digest in ambiguous - set(reference):
        table.pop(digest, None)
    table.update(reference)
    stats["ambiguous"] = len(ambiguous - set(reference))
    stats["kept"] = len(table)
    return dict(sorted(table.items())), stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(DATA_FILE))
    parser.add_argument("--max-notices", type=int, default=150, help="notice rules per licence key")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    started = time.monotonic()
    table, stats = build_table(args.max_notices)
    from importlib.metadata import version

    payload = {"scancode_toolkit": version("scancode-toolkit"), "stats": stats, "table": table}
    from pipeline import fsio

    fsio.write_text(args.out, json.dumps(payload, indent=0, sort_keys=True) + "\n")
    logger.info("fast path: %s in %.0f s -> %s", stats, time.monotonic() - started, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
