"""Licence detection accuracy and fast-path throughput (issue 3 point 8).

    .venv/bin/python benchmarks/license_accuracy.py [--data ../shared/data/licenses] [--repeat 1]

Accuracy, on google/licensecheck's test bodies and licensee's fixtures (labels.csv in each): the
permissive verdict under the default policy (InCoder's four) against the label's, the number of texts
kept against their label (goal 0; each printed with its label: a non-permissive licence, NONE or
NOASSERTION), and the SPDX id (``-only``/``-or-later`` and the old plain
ids such as ``GPL-3.0`` compared as equal, since labels mix the conventions). Each text is judged as
``DetectLicenses`` judges a licence file (fast path, then scancode, then the policy); a licensee
fixture with several files is judged as one folder.

Throughput, licence files per second per core (one process, one thread of work; CPU seconds), on the
same files side by side, scancode's result cache off: scancode alone against the detector (fast path,
then templates, then scancode as fallback); on all labelled files, on the
files answered before scancode; and on the licence files of the distributions installed in the running
interpreter (LICENSE*/COPYING*/NOTICE* of each dist-info: real-world licence files).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.licensing import policy as lp  # noqa: E402
from pipeline.licensing.files import license_file_kind  # noqa: E402
from pipeline.config import LicenseConfig  # noqa: E402
from pipeline.licensing.detect import LicenseDetector, decide  # noqa: E402
from pipeline.licensing.scancode_runner import ScancodeRunner  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "licenses"
NO_LICENCE_LABELS = {"", "NONE", "NOASSERTION"}


def truth_expression(label: str) -> str | None:
    label = label.strip()
    if label in NO_LICENCE_LABELS:
        return None
    return " AND ".join(label.split("|"))  # licensecheck: "A|B" = both texts are present


def base_ids(expression: str | None) -> set[str]:
    if not expression:
        return set()
    ids = re.findall(r"[A-Za-z0-9.+\-]+", expression)
    return {re.sub(r"(-only|-or-later|\+)$", "", i).lower() for i in ids if i not in ("AND", "OR", "WITH")}


def load_items(data: Path) -> list[dict]:
    """One item per labelled case: name, dataset, files [(path, text)], expected expression."""
    items = []
    with open(data / "licensecheck_testdata" / "labels.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            body = data / "licensecheck_testdata" / "bodies" / row["body_file"]
            items.append(
                {
                    "name": row["file"],
                    "dataset": "licensecheck",
                    "expected": truth_expression(row["expected_spdx"]),
                    "label": row["expected_spdx"].strip() or "NONE",
                    "files": [("LICENSE", body.read_text(errors="replace"))],
                }
            )
    root = data / "licensee_fixtures"
    with open(root / "labels.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            if not row["spdx_id"] and not row["licensee_key"]:
                continue  # unlabelled fixture
            files = [
                (name, (root / row["fixture_dir"] / name).read_text(errors="replace"))
                for name in row["files"].split(";")
                if (root / row["fixture_dir"] / name).is_file()
            ]
            items.append(
                {
                    "name": row["fixture_dir"],
                    "dataset": "licensee",
                    "expected": truth_expression(row["spdx_id"]),
                    "label": row["spdx_id"].strip() or "NONE",
                    "files": files,
                }
            )
    return items


def judge(detector: LicenseDetector, files: list[tuple[str, str]]):
    evidence = []
    for path, text in files:
        if license_file_kind(path) in ("manifest", "readme"):
            evidence += detector.file_evidence(path, text.encode())
        else:  # LICENSE, PATENTS, LICENSE.BULLETS...: read as a licence file
            evidence += detector.scan_text(text, {"file": path, "folder": ""}, "license")
    return decide(evidence)


def accuracy(detector: LicenseDetector, items: list[dict]) -> None:
    policy = detector.policy
    for dataset in ("licensecheck", "licensee", "all"):
        subset = [i for i in items if dataset in ("all", i["dataset"])]
        right = let_through = lost = id_total = id_right = 0
        leaks, misses = [], []
        for item in subset:
            decision = item.get("decision") or judge(detector, item["files"])
            item["decision"] = decision
            truth = policy.verdict(item["expected"]) == lp.PERMISSIVE
            kept = decision.verdict == lp.PERMISSIVE
            right += truth == kept
            if kept and not truth:
                let_through += 1
                label = item["label"] if item["expected"] is None else "non-permissive licence"
                leaks.append(f"{item['name']} (label {label}: {item['expected']} -> {decision.expression})")
            if truth and not kept:
                lost += 1
                misses.append(
                    f"{item['name']} ({item['expected']} -> {decision.expression} {decision.verdict})"
                )
            if item["expected"]:
                id_total += 1
                id_right += base_ids(decision.expression) == base_ids(item["expected"])
        print(
            f"[{dataset}] cases={len(subset)} verdict_accuracy={right / len(subset):.1%} "
            f"non_permissive_let_through={let_through} permissive_rejected={lost} "
            f"spdx_id_accuracy={id_right / max(1, id_total):.1%} ({id_right}/{id_total})"
        )
        if dataset != "all":
            for leak in leaks:
                print(f"    LET THROUGH: {leak}")
            for miss in misses:
                print(f"    rejected permissive: {miss}")


def answered_before_scancode(detector: LicenseDetector, text: str) -> bool:
    """True when the detector answers ``text`` as a licence file without scancode (its evidence says
    which step answered)."""
    evidence = detector.scan_text(text, {"file": "LICENSE", "folder": ""}, "license")
    return bool(evidence) and all(e["method"] != "scancode" for e in evidence)


def throughput(detector: LicenseDetector, texts: list[str], label: str, repeat: int) -> None:
    # A fresh runner without the result cache: every text is matched by scancode on both sides.
    runner = ScancodeRunner(timeout_s=detector.cfg.scancode_timeout_s).load()
    runner.cache_size = 0
    detector = LicenseDetector(detector.cfg, runner=runner).setup()
    cpu0 = time.process_time()
    for _ in range(repeat):
        for text in texts:
            runner.scan(text)
    scancode_cpu = time.process_time() - cpu0
    cpu0 = time.process_time()
    for _ in range(repeat):
        for text in texts:
            detector.scan_text(text, {"file": "LICENSE", "folder": ""}, "license")
    fast_cpu = time.process_time() - cpu0
    n = len(texts) * repeat
    hits = sum(answered_before_scancode(detector, t) for t in texts)
    print(
        f"[throughput {label}] files={len(texts)} answered_without_scancode={hits} ({hits / max(1, len(texts)):.0%}) "
        f"scancode_alone={n / scancode_cpu:.1f} files/s/core  fast_path+scancode={n / fast_cpu:.1f} files/s/core  "
        f"ratio={scancode_cpu / fast_cpu:.1f}x"
    )


def installed_license_files() -> list[str]:
    """Real-world licence files: LICENSE*/COPYING*/NOTICE* of every distribution in site-packages."""
    import sysconfig

    root = Path(sysconfig.get_paths()["purelib"])
    texts = []
    for dist_info in sorted(root.glob("*.dist-info")):
        for path in sorted(dist_info.rglob("*")):
            rel = path.relative_to(dist_info).as_posix()
            # the file itself named like a licence (dist-info/licenses/ also holds READMEs and changelogs)
            if (
                path.is_file()
                and license_file_kind(path.name) == "license"
                and "/" not in rel.removeprefix("licenses/")
            ):
                texts.append(path.read_text(errors="replace"))
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=1, help="passes over the files when timing")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"no licence data at {args.data}", file=sys.stderr)
        return 2
    started = time.monotonic()
    detector = LicenseDetector(LicenseConfig()).setup()
    print(
        f"setup (fast-path table + scancode index): {time.monotonic() - started:.1f} s, "
        f"fast-path table: {len(detector.fastpath)} fingerprints"
    )
    items = load_items(args.data)
    accuracy(detector, items)
    texts = [text for item in items for _, text in item["files"]]
    throughput(detector, texts, "all labelled files", args.repeat)
    hits = [t for t in texts if answered_before_scancode(detector, t)]
    throughput(detector, hits, "files answered before scancode", args.repeat)
    repo_files = [text for item in items if item["dataset"] == "licensee" for _, text in item["files"]]
    throughput(detector, repo_files, "licensee repository licence files", args.repeat)
    installed = installed_license_files()
    throughput(detector, installed, "licence files of the installed distributions", args.repeat)
    print(f"total {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
