"""Rebuild this folder's fresh labelled sample from git mirrors of its five sources (see SOURCES.md).

    python benchmarks/data/licenses_fresh/build_sample.py SCANCODE_GIT_DIR LICENSECLASSIFIER_GIT_DIR \
        FOSSOLOGY_GIT_DIR ASKALONO_GIT_DIR LICENSECHECK_GIT_DIR [LABELLED_SETS_DIR]

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
- fossology/fossology ``src/nomos/agent_tests/testdata/NomosTestfiles`` (round 7, gathered 2026-12-06,
  after round 6's first score; a source none of the rules was written on), labelled by FOSSology's expected
  results (``LastGoodNomosTestfilesScan``: SPDX ids and nomos's own names). Left out: the files scancode's
  data-driven tests already hold (same path under ``external/fossology-tests``, or the same text up to
  case and whitespace, as any file of that pool, of this sample, or of the labelled sets in
  ``LABELLED_SETS_DIR``, default ``../shared/data/licenses``), files over 20,000 bytes, and files whose
  labels do not decide the verdict: a label naming a family that may be one of InCoder's four
  (``VAGUE_NOMOS``) or a ``Dual-license`` mark beside one of the four (nomos does not say which licences
  are offered as the choice). Split as above (every label one of ``MIT``, ``Apache-2.0``,
  ``BSD-3-Clause``, ``BSD-2-Clause``, or not), then by the same SHA-1 rule; ``No_license_found`` and the
  ``Dual-license`` mark are not licences and are dropped from the labels.
- Round 8 (gathered 2026-12-07, after round 7 had been read; sources none of the rules was written on):
  nexB/scancode-toolkit ``tests/packagedcode/data`` (the same commit as above), every file the build
  reads as a package manifest (``license_file_kind`` is ``manifest``: ``*.pom``, ``package.json``,
  ``setup.py``, ``PKG-INFO``, ``Cargo.toml`` ...) whose expected results (``<file>.json``,
  ``<file>.package.json``, ``<file>*expected*``) declare exactly one ``declared_license_expression``,
  labelled with it (scancode keys); and jpeddicord/askalono ``tests/data/real-licenses/<SPDX id>/<project>``
  (real projects' licence files, labelled by their folder), each written as its project's ``LICENSE``.
  Left out: files over 20,000 bytes and files with the same text, up to case and whitespace, as a file of
  scancode's data-driven pool, of this sample, of the labelled sets, or of a file round 8 took before it.
  Split as above (every key one of the four, or not); all of both groups, in SHA-1 order of
  ``<source>:<path>``.
- Round 9 (gathered 2026-12-07, after round 8 had been read): google/licensecheck ``testdata/*.t<N>``, the
  source of the labelled sets' licensecheck cases, whose other test files the labelled sets do not hold
  (their ``raw/`` took 214 of them). Each file is a header (``#`` comments, the expected coverage: a
  percentage, then one line per match, ``<name> [<percent>] <start>,<end> [URL]``; then optional ``scan``
  stanzas), a blank line, and the body. Labelled by the names of the first stanza's matches, in order and
  without repeats, as SPDX ids (the test's names are SPDX ids but for a few of licensecheck's own:
  ``CommonsClause``, ``GooglePatentClause``, ``GooglePatentsFile``, ``Anti996``); no match: no licence.
  Every body is written as its case's ``LICENSE``, as the labelled sets' bodies are judged. Left out: the
  files the labelled sets hold (by name), bodies over 20,000 bytes, and bodies with the same text, up to
  case and whitespace, as a file of this sample or of the labelled sets (scancode's data-driven pool holds
  copies of these bodies in ``external/licensecheck``, which no round took).
  All the others, in SHA-1 order of the file name. Nearly all name a licence other than InCoder's four:
  the round tests what the build must reject, and says little about what it keeps.

Writes ``scancode_datadriven/<dir>/<file>`` (round 1), ``scancode_external/<dir>/<file>`` (round 2),
``scancode_round3/<dir>/<file>`` (round 3), ``scancode_round4/<dir>/<file>`` (round 4),
``scancode_round5/<dir>/<file>`` (round 5), ``scancode_round6/<dir>/<file>`` (round 6),
``fossology_round7/<dir>/<file>`` (round 7), ``packages_round8/scancode_packagedcode/<path>`` and
``packages_round8/askalono/<id>/<project>/LICENSE`` (round 8),
``licensecheck_round9/<file>/LICENSE`` (round 9), ``licenseclassifier_scenarios/<id>`` and ``labels.csv``
(``source,file,expected``: ``expected`` is the expected licence keys or ids joined with ``|``).
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import re
import subprocess
import sys
from collections.abc import Callable
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
NOMOS = "src/nomos/agent_tests/testdata/"
PERMISSIVE_NOMOS = {"MIT", "Apache-2.0", "BSD-3-Clause", "BSD-2-Clause"}
# nomos names that may stand for one of the four (a version or variant it could not tell), and pointers.
VAGUE_NOMOS = {"Apache", "BSD", "BSD-style", "MIT-style", "See-URL", "See-doc.OTHER", "See-file.COPYING",
               "See-file.LICENSE"}
NOT_LICENCES = {"No_license_found", "Dual-license"}
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
    listing = git(scancode, "ls-tree", "-r", "-l", "HEAD", DATADRIVEN + "/").decode().splitlines()
    sizes = {}
    for line in listing:
        meta, path = line.split("\t", 1)
        if paths.match(path.removeprefix(DATADRIVEN + "/")):
            sizes[path] = int(meta.split()[3])
    groups: dict[bool, list[tuple[str, list[str]]]] = {True: [], False: []}
    for path, size in sizes.items():
        if path.endswith(".yml") or path + ".yml" not in sizes or size > MAX_BYTES or path in taken:
            continue
        keys = expected_keys(git(scancode, "show", f"HEAD:{path}.yml").decode())
        if not keys:
            continue
        ids = {t for k in keys for t in re.findall(r"[\w.+-]+", k) if t not in ("AND", "OR", "WITH")}
        groups[ids <= PERMISSIVE_KEYS].append((path, keys))
    rows = draw(groups, scancode, "scancode", folder,
                lambda path: path.removeprefix(DATADRIVEN + "/").removeprefix("external/"))
    taken.update(row["path"] for row in rows)
    return [{k: row[k] for k in ("source", "file", "expected")} for row in rows]


def draw(groups: dict[bool, list[tuple[str, list[str]]]], repo: str, source: str, folder: str,
         name: Callable[[str], str]) -> list[dict[str, str]]:
    """From each group of ``(path, labels)``, the ``PER_GROUP`` with the smallest SHA-1 of their path,
    written under ``folder`` as ``name(path)``; their label rows (with ``path``)."""
    rows = []
    for group in groups.values():
        group.sort(key=lambda pk: hashlib.sha1(pk[0].encode()).hexdigest())
        for path, labels in group[:PER_GROUP]:
            rel = Path(folder) / name(path)
            (HERE / rel).parent.mkdir(parents=True, exist_ok=True)
            (HERE / rel).write_bytes(git(repo, "show", f"HEAD:{path}"))
            rows.append({"source": source, "file": rel.as_posix(), "expected": "|".join(labels), "path": path})
    print(f"{folder}: permissive-group {min(PER_GROUP, len(groups[True]))} of {len(groups[True])}, "
          f"other {min(PER_GROUP, len(groups[False]))} of {len(groups[False])}")
    return rows


def _normal(data: bytes) -> str:
    return hashlib.sha1(re.sub(rb"\s+", b" ", data).strip().lower()).hexdigest()


def _known(pool: dict[str, bytes], labelled: Path, sample: list[dict[str, str]]) -> set[str]:
    """The normalised texts a later round leaves out: scancode's data-driven pool, the labelled sets and
    the ``sample`` rows written before it."""
    known = {_normal(data) for path, data in pool.items() if not path.endswith(".yml")}
    known |= {_normal(f.read_bytes()) for f in labelled.rglob("*") if f.is_file()}
    return known | {_normal((HERE / row["file"]).read_bytes()) for row in sample}


@functools.cache
def _blobs(repo: str, prefix: str) -> dict[str, bytes]:
    """Every file under ``prefix`` at HEAD: path -> bytes (one ``git cat-file --batch``)."""
    listing = [line.split("\t", 1) for line in git(repo, "ls-tree", "-r", "HEAD", prefix).decode().splitlines()]
    shas = [meta.split()[2] for meta, _ in listing]
    out = subprocess.run(["git", "--git-dir", repo, "cat-file", "--batch"], input="\n".join(shas).encode() + b"\n",
                         check=True, capture_output=True).stdout
    files, at = {}, 0
    for _, path in listing:
        end = out.index(b"\n", at)
        if out[at:end].endswith(b" missing"):  # a large file the mirror lists but does not hold
            at = end + 1
            continue
        size = int(out[at:end].split()[2])
        files[path] = out[end + 1:end + 1 + size]
        at = end + 1 + size + 1
    return files


def fossology_round(fossology: str, scancode: str, labelled: Path, sample: list[dict[str, str]],
                    folder: str) -> list[dict[str, str]]:
    """Round 7 (module docstring), written under ``folder``, leaving out the texts of the ``sample`` rows
    written before it; its label rows."""
    results = git(fossology, "show", f"HEAD:{NOMOS}LastGoodNomosTestfilesScan").decode()
    labels = {m.group(1): m.group(2).split(",")
              for m in re.finditer(r"^File (.+) contains license\(s\) (.+)$", results, re.MULTILINE)}
    pool = _blobs(scancode, DATADRIVEN + "/")
    copied = {p.split("/fossology-tests/", 1)[1] for p in pool if "/external/fossology-tests/" in p}
    known = _known(pool, labelled, sample)
    groups: dict[bool, list[tuple[str, list[str]]]] = {True: [], False: []}
    for path, data in _blobs(fossology, NOMOS + "NomosTestfiles/").items():
        rel = path.removeprefix(NOMOS)
        found = set(labels.get(rel, ()))
        if (not found or len(data) > MAX_BYTES or rel.removeprefix("NomosTestfiles/") in copied
                or _normal(data) in known):
            continue
        named = found - NOT_LICENCES
        if found & VAGUE_NOMOS or ("Dual-license" in found and named & PERMISSIVE_NOMOS and named - PERMISSIVE_NOMOS):
            continue
        groups[bool(named) and named <= PERMISSIVE_NOMOS].append((path, sorted(named)))
    rows = draw(groups, fossology, "fossology", folder, lambda path: path.removeprefix(NOMOS + "NomosTestfiles/"))
    return [{k: row[k] for k in ("source", "file", "expected")} for row in rows]


PACKAGEDCODE = "tests/packagedcode/data/"
ASKALONO = "tests/data/real-licenses/"


def _declared(obj) -> list[str]:
    """Every ``declared_license_expression`` in a packagedcode expected-result JSON, however nested."""
    if isinstance(obj, dict):
        own = obj.get("declared_license_expression")
        return ([own] if isinstance(own, str) else []) + [e for v in obj.values() for e in _declared(v)]
    if isinstance(obj, list):
        return [e for v in obj for e in _declared(v)]
    return []


def packages_round(scancode: str, askalono: str, labelled: Path, sample: list[dict[str, str]],
                   folder: str) -> list[dict[str, str]]:
    """Round 8 (module docstring), written under ``folder``, leaving out the texts of the ``sample`` rows
    written before it; its label rows."""
    sys.path.insert(0, str(HERE.parents[2]))
    from pipeline.licensing.files import license_file_kind

    pool = _blobs(scancode, DATADRIVEN + "/")
    known = _known(pool, labelled, sample)
    found = []  # (source, repo, path, name written, labels)
    packages = _blobs(scancode, PACKAGEDCODE)
    for path in packages:
        if license_file_kind(path) != "manifest":
            continue
        results = [q for q in packages if q != path and q.startswith(path)
                   and ("expected" in q[len(path):] or q[len(path):] in (".json", ".package.json"))]
        declared = set()
        for result in results:
            try:
                declared.update(_declared(json.loads(packages[result])))
            except ValueError:
                continue
        if len(declared) == 1:
            found.append(("scancode", scancode, path, "scancode_packagedcode/" + path.removeprefix(PACKAGEDCODE),
                          sorted(declared)))
    for path in _blobs(askalono, ASKALONO):
        spdx, project = path.removeprefix(ASKALONO).split("/")
        found.append(("askalono", askalono, path, f"askalono/{spdx}/{project.split('__')[0]}/LICENSE", [spdx]))
    rows = []
    for group in (True, False):
        members = []
        for source, repo, path, name, labels in found:
            ids = {t for label in labels for t in re.findall(r"[\w.+-]+", label) if t not in ("AND", "OR", "WITH")}
            if group == (ids <= (PERMISSIVE_KEYS if source == "scancode" else PERMISSIVE_NOMOS)):
                members.append((hashlib.sha1(f"{source}:{path}".encode()).hexdigest(), source, repo, path, name, labels))
        kept = 0
        for _, source, repo, path, name, labels in sorted(members):
            data = git(repo, "show", f"HEAD:{path}")
            if len(data) > MAX_BYTES or _normal(data) in known:
                continue
            known.add(_normal(data))
            (HERE / folder / name).parent.mkdir(parents=True, exist_ok=True)
            (HERE / folder / name).write_bytes(data)
            rows.append({"source": source, "file": f"{folder}/{name}", "expected": "|".join(labels)})
            kept += 1
        print(f"{folder}: {'permissive-group' if group else 'other'} {kept} of {len(members)}")
    return rows


LICENSECHECK = "testdata/"
_MATCH = re.compile(r"^(\S+)(?: [\d.]+%)? (?:\d+|\$),(?:\d+|\$)(?: URL)?$")


def licensecheck_labels(header: str) -> list[str]:
    """The licence names of a licensecheck test header's first stanza (module docstring), without repeats."""
    names: list[str] = []
    for line in [line for line in header.splitlines() if not line.startswith("#")][1:]:
        match = _MATCH.match(line)
        if match is None:
            break  # "scan", or the next stanza's percentage
        if match.group(1) not in names:
            names.append(match.group(1))
    return names


def licensecheck_round(licensecheck: str, labelled: Path, sample: list[dict[str, str]],
                       folder: str) -> list[dict[str, str]]:
    """Round 9 (module docstring), written under ``folder``, leaving out the texts of the ``sample`` rows
    written before it; its label rows."""
    held = {f.name for f in (labelled / "licensecheck_testdata" / "raw").iterdir()}
    known = _known({}, labelled, sample)  # scancode's pool holds these bodies too (external/licensecheck), unread
    rows = []
    files = _blobs(licensecheck, LICENSECHECK)
    names = sorted((hashlib.sha1(Path(p).name.encode()).hexdigest(), Path(p).name, p) for p in files
                   if re.search(r"\.t\d+$", p) and "/" not in p.removeprefix(LICENSECHECK))
    for _, name, path in names:
        header, _, body = files[path].partition(b"\n\n")
        if name in held or len(body) > MAX_BYTES or _normal(body) in known:
            continue
        known.add(_normal(body))
        (HERE / folder / name).mkdir(parents=True, exist_ok=True)
        (HERE / folder / name / "LICENSE").write_bytes(body)
        labels = licensecheck_labels(header.decode())
        rows.append({"source": "google-licensecheck", "file": f"{folder}/{name}/LICENSE", "expected": "|".join(labels)})
    # The test bodies are licensecheck's (BSD-3-Clause): its licence goes with them.
    (HERE / folder / "_LICENSE_of_licensecheck_repo").write_bytes(git(licensecheck, "show", "HEAD:LICENSE"))
    print(f"{folder}: {len(rows)} of {len(names)} test files")
    return rows


def main(scancode: str, classifier: str, fossology: str, askalono: str, licensecheck: str, labelled: Path) -> None:
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
    rows += fossology_round(fossology, scancode, labelled, rows, "fossology_round7")
    rows += packages_round(scancode, askalono, labelled, rows, "packages_round8")
    rows += licensecheck_round(licensecheck, labelled, rows, "licensecheck_round9")
    with open(HERE / "labels.csv", "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["source", "file", "expected"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} cases")


if __name__ == "__main__":
    default = Path(__file__).resolve().parents[4] / "shared" / "data" / "licenses"
    main(*sys.argv[1:6], Path(sys.argv[6]) if len(sys.argv) > 6 else default)
