"""Licence decisions on real npm packages: permissive code kept, restricted code never let through.

    .venv/bin/python benchmarks/license_packages.py [--cache-dir ~/.cache/incoder/npm] [--passes 3]

Each package (``PACKAGES``: pinned versions) is fetched from the npm registry at benchmark time with
the npm client (``npm view NAME@VERSION --json`` for its metadata, ``npm pack NAME@VERSION`` for its
tarball, checked against ``dist.shasum``) and cached under ``--cache-dir``; tests never fetch (they use small committed
excerpts, tests/pipeline/data/licenses). The tarball is read with the build's own archive reader and
judged exactly as ``incoder license scan`` / ``DetectLicenses`` judge a repository
(``LicenseDetector.folder_map`` then ``judge_file`` for every file), under InCoder's four licences.

Reported per package: the declared licence (package.json), the root decision and the files kept and
rejected by reason. Goals (issue: "no permissive code lost to the strictness"):

- of the files of packages whose declared licence the policy allows, at least 98% kept;
- of the files of packages whose declared licence it does not allow, none kept (0 let through).

Side by side, the baseline: scancode alone on each package's licence files (their detections joined
with AND, as before the residue rule's scope notes and offered choices), all files taking that verdict.
Timing: the detector's CPU seconds per pass over all packages, mean and spread over ``--passes``.
The exit status is 1 when a goal is missed, 2 when a package cannot be fetched.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.config import LicenseConfig, Limits  # noqa: E402
from pipeline.licensing import policy as lp  # noqa: E402
from pipeline.licensing.cli import read_repository, scan_repository  # noqa: E402
from pipeline.licensing.detect import LicenseDetector  # noqa: E402
from pipeline.licensing.files import license_file_kind  # noqa: E402
from pipeline.licensing.scancode_runner import ScancodeRunner, is_reference_only  # noqa: E402

# (name, version): scope notes (lodash, jquery, underscore), an offered choice with both texts
# (node-forge, jszip), plain permissive packages of each allowed licence, and restricted ones.
PACKAGES = (
    ("lodash", "4.18.1"),
    ("node-forge", "1.4.3"),
    ("jquery", "3.7.1"),
    ("underscore", "1.13.7"),
    ("jszip", "3.10.1"),
    ("express", "4.21.2"),
    ("chalk", "4.1.2"),
    ("qs", "6.13.0"),
    ("esprima", "4.0.1"),
    ("source-map", "0.7.4"),
    ("rxjs", "7.8.1"),
    ("uuid", "9.0.1"),
    ("web3-utils", "4.3.1"),
    ("openpgp", "5.11.2"),
)


def _npm(*args: str, cwd: Path) -> bytes:
    try:
        return subprocess.run(["npm", *args], cwd=cwd, check=True, capture_output=True, timeout=300).stdout
    except FileNotFoundError:
        raise SystemExit("this benchmark fetches packages with the npm client: install Node.js and npm") from None


def fetch(name: str, version: str, cache: Path) -> Path:
    """The package's tarball in ``cache`` (fetched once with npm, SHA-1 checked against the registry's)."""
    target = cache / f"{name.replace('/', '__')}-{version}.tgz"
    meta_path = target.with_suffix(".json")
    if not meta_path.is_file():
        meta_path.write_bytes(_npm("view", f"{name}@{version}", "--json", cwd=cache))
    meta = json.loads(meta_path.read_text())
    if not target.is_file():
        with tempfile.TemporaryDirectory(dir=cache) as tmp:
            packed = json.loads(_npm("pack", f"{name}@{version}", "--json", "--pack-destination", tmp, cwd=cache))
            data = (Path(tmp) / packed[0]["filename"]).read_bytes()
        if hashlib.sha1(data).hexdigest() != meta["dist"]["shasum"]:
            raise ValueError(f"{name}@{version}: tarball does not match the registry's shasum")
        part = target.with_suffix(".part")
        part.write_bytes(data)
        part.replace(target)
    return target


def declared(meta_path: Path) -> str | None:
    value = json.loads(meta_path.read_text()).get("license")
    return value if isinstance(value, str) else (value or {}).get("type")


def baseline(runner: ScancodeRunner, policy: lp.LicensePolicy, files: list[tuple[str, bytes]]) -> str:
    """scancode alone: every licence-bearing file's detections joined with AND, under the policy."""
    found = []
    for path, data in files:
        if license_file_kind(path) == "license" and path.count("/") <= 1:
            result = runner.scan(data.decode("utf-8", "replace"))
            found += [d.expression for d in result.detections if not is_reference_only(d) and d.score >= 80]
    return policy.verdict(lp.combine_expressions(lp.strip_neutral(e) for e in found))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=Path.home() / ".cache" / "incoder" / "npm")
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    args.cache_dir.mkdir(parents=True, exist_ok=True)
    try:
        tarballs = [(name, version, fetch(name, version, args.cache_dir)) for name, version in PACKAGES]
    except (OSError, ValueError) as exc:
        print(f"cannot fetch a package: {exc}", file=sys.stderr)
        return 2
    detector = LicenseDetector(LicenseConfig()).setup()
    runner = ScancodeRunner().load()
    totals = {"allowed_seen": 0, "allowed_kept": 0, "restricted_seen": 0, "restricted_kept": 0,
              "baseline_allowed_kept": 0, "baseline_restricted_kept": 0}
    timings = []
    for number in range(args.passes):
        cpu = 0.0
        for name, version, tarball in tarballs:
            files, _ = read_repository(str(tarball), Limits())
            started = time.process_time()
            record = scan_repository(detector, files, None)
            cpu += time.process_time() - started
            if number:
                continue
            lic = declared(tarball.with_suffix(".json"))
            allowed = detector.policy.verdict(lp.normalize_expression(lic) if lp.is_spdx_expression(lic or "") else lic)
            part = "allowed" if allowed == lp.PERMISSIVE else "restricted"
            seen, kept = record["files"]["seen"], record["files"]["kept"]
            base = baseline(runner, detector.policy, files)
            totals[f"{part}_seen"] += seen
            totals[f"{part}_kept"] += kept
            totals[f"baseline_{part}_kept"] += seen if base == lp.PERMISSIVE else 0
            top = min(record["folders"], key=len) if record["folders"] else None
            root = record["folders"].get(top, {"expression": None, "verdict": lp.NO_LICENSE})
            print(f"{name}@{version} declared={lic} ({part}) root={root['expression']} {root['verdict']} "
                  f"files={seen} kept={kept} rejected={record['files']['rejected']} baseline={base}")
        timings.append(cpu)
    share = totals["allowed_kept"] / max(1, totals["allowed_seen"])
    base_share = totals["baseline_allowed_kept"] / max(1, totals["allowed_seen"])
    print(f"permissive packages: {totals['allowed_kept']}/{totals['allowed_seen']} files kept ({share:.1%}; "
          f"scancode alone {base_share:.1%}); restricted packages: {totals['restricted_kept']}/"
          f"{totals['restricted_seen']} files kept (scancode alone {totals['baseline_restricted_kept']})")
    spread = statistics.stdev(timings) if len(timings) > 1 else 0.0
    print(f"detector CPU per pass: {statistics.mean(timings):.1f} s +- {spread:.1f} over {len(timings)} passes")
    met = share >= 0.98 and totals["restricted_kept"] == 0
    print(f"goal (>= 98% kept, 0 restricted kept): {'met' if met else 'MISSED'}")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
