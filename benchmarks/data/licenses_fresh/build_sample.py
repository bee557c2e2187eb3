"""Rebuild this folder's fresh labelled sample from git mirrors of its two sources (see SOURCES.md).

    python benchmarks/data/licenses_fresh/build_sample.py SCANCODE_GIT_DIR LICENSECLASSIFIER_GIT_DIR

Selection is by rule, fixed before any detector ran on the files, and never by result:

- nexB/scancode-toolkit ``tests/licensedcode/data/datadriven/lic1..lic4`` (round 1, gathered
  2026-11-29) and ``tests/licensedcode/data/datadriven/external/*`` but ``external/licensecheck`` and
  ``external/glc``, whose files are google/licensecheck's test bodies that the labelled sets already
  hold (``glc`` is licensecheck 0.3.1's testdata: 45 of the 67 glc files a first draw took were
  identical to a labelled body, so it was left out and the round drawn again) (round 2, gathered
  2026-12-06, after round 1's halves had been read), then both pools together without the files rounds 1
  and 2 took (round 3, gathered 2026-12-06, after round 2's halves had been read), and again without
  the files of rounds 1 to 3 (round 4, gathered 2026-12-06, after round 3 had been read), and without
  those of rounds 1 to 4 (round 5, gathered 2026-12-06, after round 4's first score and the rules that
  followed), and without those of rounds 1 to 5 (round 6, gathered 2026-12-06, after rounds 4 and 5
  had been read and the rules they prompted written): real files (licence files, source files with
  their headers, READMEs; ``external/`` holds the test files of FOSSology, SLIC, atarashi and other
  scanners, adapted by the scancode authors) with scancode's expected detections (``<file>.yml``,
  ``license_expressions``). Files of at most 20,000 bytes with at least one expected expression, split
  into those whose every expected licence key is one of InCoder's four (``mit``, ``apache-2.0``,
  ``bsd-new``, ``bsd-simplified``) and the rest; from each, the ``PER_GROUP`` files with the smallest
  SHA-1 of their path.
- google/licenseclassifier ``v2/scenarios``: every scenario (a description, ``EXPECTED:<ids>``, then the
  input), labelled by the classifier's authors; "Copyright" in EXPECTED is not a licence and is dropped.

Writes ``scancode_datadriven/<dir>/<file>`` (round 1), ``scancode_external/<dir>/<file>`` (round 2),
``scancode_round3/<dir>/<file>`` (round 3), ``scancode_round4/<dir>/<file>`` (round 4),
``scancode_round5/<dir>/<file>`` (round 5), ``scancode_round6/<dir>/<file>`` (round 6),
``licenseclassifier_scenarios/<id>`` and ``labels.csv``
(``source,file,expected``: ``expected`` is the expected licence keys or ids joined with ``|``).
"""

from __future__ import annotations

import csv
import hashlib
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATADRIVEN = "tests/licensedcode/data/datadriven"
# (folder written here, paths of the round's files under DATADRIVEN)
_LIC, _EXTERNAL = r"lic[1-4]/", r"external/(?!licensecheck/|glc/)[^/]+/"
_BOTH = re.compile(f"{_LIC}|{_EXTERNAL}")  # rounds 3 on: both pools, without the files taken before
ROUNDS = (
    ("scancode_datadriven", re.compile(_LIC)),
    ("scancode_external", re.compile(_EXTERNAL)),
    ("scancode_round3", _BOTH),
    ("scancode_round4", _BOTH),
    ("scancode_round5", _BOTH),
    ("scancode_round6", _BOTH),
)
PERMISSIVE_KEYS = {"mit", "apache-2.0", "bsd-new", "bsd-simplified"}
PER_GROUP = 100
MAX_BYTES = 20_000


def git(repo: str, *args: str) -> bytes:
    return subprocess.run(["git", "--git-dir", repo, *args], check=True, capture_output=True).stdout


def expected_keys(yml: str) -> list[str]:
    """The ``license_expressions`` list of a datadriven ``.yml`` (plain YAML list of strings)."""
    out, inside = [], False
    for line in yml.splitlines():
        if line.startswith("license_expressions:"):
            inside = True
            continue
        if inside and line.startswith("  - "):
            out.append(line[4:].strip().strip("'\""))
        elif inside and not line.startswith(" "):
            inside = False
    return out


def scancode_round(scancode: str, folder: str, paths: re.Pattern[str], taken: set[str]) -> list[dict[str, str]]:
    """One round's files (module docstring), written under ``folder``, leaving out the paths earlier rounds
    ``taken`` (and adding its own); their label rows."""
    rows = []
    listing = git(scancode, "ls-tree", "-r", "-l", "HEAD", DATADRIVEN + "/").decode().splitlines()
    sizes = {}
    for line in listing:
        meta, path = line.split("\t", 1)
        if paths.match(path.removeprefix(DATADRIVEN + "/")):
            sizes[path] = int(meta.split()[3])
    groups: dict[bool, list[str]] = {True: [], False: []}
    for path, size in sizes.items():
        if path.endswith(".yml") or path + ".yml" not in sizes or size > MAX_BYTES or path in taken:
            continue
        keys = expected_keys(git(scancode, "show", f"HEAD:{path}.yml").decode())
        if not keys:
            continue
        ids = {t for k in keys for t in re.findall(r"[\w.+-]+", k) if t not in ("AND", "OR", "WITH")}
        groups[ids <= PERMISSIVE_KEYS].append((path, keys))
    for group in groups.values():
        group.sort(key=lambda pk: hashlib.sha1(pk[0].encode()).hexdigest())
        for path, keys in group[:PER_GROUP]:
            taken.add(path)
            rel = Path(folder) / path.removeprefix(DATADRIVEN + "/").removeprefix("external/")
            (HERE / rel).parent.mkdir(parents=True, exist_ok=True)
            (HERE / rel).write_bytes(git(scancode, "show", f"HEAD:{path}"))
            rows.append({"source": "scancode", "file": rel.as_posix(), "expected": "|".join(keys)})
    print(f"{folder}: permissive-group {min(PER_GROUP, len(groups[True]))} of {len(groups[True])}, "
          f"other {min(PER_GROUP, len(groups[False]))} of {len(groups[False])}")
    return rows


def main(scancode: str, classifier: str) -> None:
    taken: set[str] = set()
    rows = scancode_round(scancode, *ROUNDS[0], taken)
    for line in git(classifier, "ls-tree", "--name-only", "HEAD", "v2/scenarios/").decode().splitlines():
        name = Path(line).name
        if name == "README.md":
            continue
        raw = git(classifier, "show", f"HEAD:{line}").decode(errors="replace")
        head, sep, body = raw.partition("EXPECTED:")
        if not sep:
            continue
        expected_line, _, content = body.partition("\n")
        ids = [i.strip() for i in expected_line.split(",") if i.strip() and i.strip() != "Copyright"]
        rel = Path("licenseclassifier_scenarios") / name
        (HERE / rel).parent.mkdir(parents=True, exist_ok=True)
        (HERE / rel).write_text(content)
        rows.append({"source": "licenseclassifier", "file": rel.as_posix(), "expected": "|".join(ids)})
    for folder, paths in ROUNDS[1:]:
        rows += scancode_round(scancode, folder, paths, taken)
    with open(HERE / "labels.csv", "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["source", "file", "expected"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} cases")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
