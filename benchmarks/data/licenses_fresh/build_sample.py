"""Rebuild this folder's fresh labelled sample from its sources: five git mirrors, npm and PyPI (SOURCES.md).

    python benchmarks/data/licenses_fresh/build_sample.py SCANCODE_GIT_DIR LICENSECLASSIFIER_GIT_DIR \
        FOSSOLOGY_GIT_DIR ASKALONO_GIT_DIR LICENSECHECK_GIT_DIR [LABELLED_SETS_DIR]

Rounds 10 on also fetch the pinned npm tarballs and PyPI wheels from the registries (checked against
the pins' integrity and sha256) into ``~/.cache/incoder/npm-round10`` and ``~/.cache/incoder/pypi-round12``.

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
- Rounds 10 to 33 (gathered 2026-12-07, rounds 32 and 33 on 2026-12-08, each after the one before it
  had been read, round 27 after round 26's first score, which let nothing through and so left nothing
  to read, round 28 after round 27's first score and while it was being read, round 29 after round
  28's first score and while it was being read, round 30 after round 29's first score and while it was
  being read (npm only: its ``pypi_round30.csv`` holds no pins), round 31 after round 30's first score,
  round 30 never read (both held out), round 32 drawn 2026-12-08 after round 31's first score (held
  out), round 33 drawn 2026-12-08 after round 32's first score and the reading of its consensus misses
  (held out); rounds 18 to 25 were pinned while the round before them was being read, and first scored
  after; the first source of real packages' licence files labelled by their own authors, not by a
  scanner): npm packages, the
  registry tarballs pinned in ``npm_round<N>.csv`` (name, version, the lockfile's ``integrity``, and which
  tool's tree it came from: every package of the ``npm install --package-lock-only`` tree of a few
  widely used tools, resolved on the day, and for round 10 also npm 12.2.3's bundled ``node_modules``),
  and PyPI wheels, pinned in ``pypi_round<N>.csv`` (name, version, URL, sha256: every wheel of pip's
  resolution, ``pip install --dry-run --report``, of a few widely used tools for CPython 3.12 on
  manylinux2014, but the packages installed in this project's environment, whose files earlier work
  read). Each package, read in memory from its archive and never extracted, is labelled by its own
  declared licence: npm's ``package.json`` ``license`` (an SPDX expression; ``SEE LICENSE IN``,
  ``UNLICENSED`` and free text are left out), a wheel's ``License-Expression`` (core metadata 2.4, PEP
  639; a wheel without one is left out). The case is the package's one licence file (npm: a root file
  named ``LICENSE``, ``LICENCE`` or ``COPYING`` with any suffix, as npm's packer ships them; a wheel: the
  one file its ``License-File`` names), written under its own name as ``<folder>/<name>@<version>/<file>``
  (npm) or ``<folder>/<name>==<version>/<file>`` (PyPI); the manifest is not written, since it holds the
  label. Left out: packages with no licence file or several, files over 20,000 bytes, texts seen before
  up to case and whitespace (the labelled sets, every earlier round, earlier in the round), the packages
  of ``benchmarks/license_packages.py`` (rules were written on them) and, for npm, every package name an
  earlier npm round took. All the others, in SHA-1 order of ``npm:<name>@<version>`` or
  ``pypi:<name>==<version>``.

Writes ``scancode_datadriven/<dir>/<file>`` (round 1), ``scancode_external/<dir>/<file>`` (round 2),
``scancode_round3/<dir>/<file>`` (round 3), ``scancode_round4/<dir>/<file>`` (round 4),
``scancode_round5/<dir>/<file>`` (round 5), ``scancode_round6/<dir>/<file>`` (round 6),
``fossology_round7/<dir>/<file>`` (round 7), ``packages_round8/scancode_packagedcode/<path>`` and
``packages_round8/askalono/<id>/<project>/LICENSE`` (round 8),
``licensecheck_round9/<file>/LICENSE`` (round 9), ``npm_round<N>/<package>@<version>/<file>`` and
``pypi_round<N>/<package>==<version>/<file>`` (rounds 10 to 33), ``licenseclassifier_scenarios/<id>`` and ``labels.csv``
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


NPM_REGISTRY = "https://registry.npmjs.org"
# A licence file by its name, as npm's packer always ships one (npm-packlist: LICENSE, LICENCE, COPYING,
# with any suffix), independently of the build's own reading of names (``license_file_kind``).
_NPM_LICENCE_NAME = re.compile(r"(?i)^(licen[cs]e|copying)([.\-_].*)?$")
_SPDX_ID = re.compile(r"[A-Za-z0-9.+-]+")


@functools.cache
def _session():
    """One HTTP session for every fetch, retrying lost connections and the registries' 429 and 5xx
    answers with backoff (urllib3's ``Retry``)."""
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.util.retry import Retry

    session = requests.Session()
    session.mount("https://", HTTPAdapter(max_retries=Retry(total=6, backoff_factor=2,
                                                            status_forcelist=(429, 500, 502, 503, 504))))
    return session


def _fetch(url: str, target: Path) -> bytes:
    """The bytes at ``url``, fetched once into ``target`` (written whole, then renamed)."""
    if not target.is_file():
        response = _session().get(url, timeout=120)
        response.raise_for_status()
        part = target.with_suffix(".part")
        part.write_bytes(response.content)
        part.replace(target)
    return target.read_bytes()


def _write_packages(found: list[tuple[str, str, str, bytes, str]], known: set[str], folder: str,
                    source: str) -> list[dict[str, str]]:
    """Write each ``(sha1, key, file name, bytes, label)`` of ``found``, in SHA-1 order, as
    ``<folder>/<key>/<file name>``, leaving out files over ``MAX_BYTES`` and texts seen before; the label
    rows."""
    rows = []
    for _, key, name, data, label in sorted(found):
        if len(data) > MAX_BYTES or _normal(data) in known:
            continue
        known.add(_normal(data))
        (HERE / folder / key / name).parent.mkdir(parents=True, exist_ok=True)
        (HERE / folder / key / name).write_bytes(data)
        rows.append({"source": source, "file": f"{folder}/{key}/{name}", "expected": label})
    return rows


def _npm_tarball(name: str, version: str, integrity: str, cache: Path) -> bytes:
    """The registry's tarball of ``name@version`` (cached in ``cache``), checked against its ``integrity``."""
    import base64

    data = _fetch(f"{NPM_REGISTRY}/{name}/-/{name.split('/')[-1]}-{version}.tgz",
                  cache / f"{name.replace('/', '__')}-{version}.tgz")
    algorithm, _, digest = integrity.partition("-")
    if base64.b64encode(hashlib.new(algorithm, data).digest()).decode() != digest:
        raise ValueError(f"{name}@{version}: tarball does not match the lockfile's integrity")
    return data


def _npm_packages(data: bytes) -> list[tuple[dict, dict[str, bytes]]]:
    """Every package in a registry tarball (its root, and for a bundling package each folder under
    ``node_modules`` holding a ``package.json``): ``(package.json, {root file name: bytes})``. Read in
    memory, never extracted: only regular members, their first path component dropped."""
    import io
    import tarfile

    files: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive:
            if member.isfile() and "/" in member.name:
                files[member.name.split("/", 1)[1]] = archive.extractfile(member).read()
    packages = []
    for path in sorted(files):
        folder = path[: -len("package.json")]
        if not path.endswith("package.json") or (folder and not re.search(r"(^|/)node_modules/(@[^/]+/)?[^/]+/$", folder)):
            continue
        try:
            manifest = json.loads(files[path])
        except ValueError:
            continue
        own = {p[len(folder):]: b for p, b in files.items() if p.startswith(folder) and "/" not in p[len(folder):]}
        packages.append((manifest, own))
    return packages


def npm_round(labelled: Path, sample: list[dict[str, str]], folder: str, pins_file: str,
              cache: Path) -> list[dict[str, str]]:
    """An npm round, 10, 11 or 13 to 33 (module docstring): the packages pinned in ``pins_file``, written under ``folder``,
    leaving out the texts of the ``sample`` rows written before it and the packages an earlier npm round
    took (by name); its label rows."""
    sys.path.insert(0, str(HERE.parents[1]))
    from license_packages import PACKAGES

    # The packages rules were written on (issue 13, point 11), and those of earlier npm rounds.
    tuned = {name for name, _ in PACKAGES} | {
        row["file"].split("/", 1)[1].rsplit("@", 1)[0] for row in sample if row["source"] == "npm"}
    known = _known({}, labelled, sample)
    cache.mkdir(parents=True, exist_ok=True)
    with open(HERE / pins_file, newline="") as handle:
        pins = list(csv.DictReader(handle))
    found, seen, left = [], set(), {"not an SPDX label": 0, "no licence file": 0, "several licence files": 0,
                                    "a package rules were written on or an earlier round took": 0}
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(8) as pool:  # fetched in parallel, read in the pins' order
        tarballs = list(pool.map(lambda pin: _npm_tarball(pin["name"], pin["version"], pin["integrity"], cache), pins))
    for tarball in tarballs:
        for manifest, own in _npm_packages(tarball):
            key = f"{manifest.get('name')}@{manifest.get('version')}"
            if key in seen:
                continue
            seen.add(key)
            label = manifest.get("license")
            label = label.get("type") if isinstance(label, dict) else label
            names = [n for n in own if _NPM_LICENCE_NAME.match(n)]
            if manifest.get("name") in tuned:
                left["a package rules were written on or an earlier round took"] += 1
            elif not isinstance(label, str) or not _spdx_label(label):
                left["not an SPDX label"] += 1
            elif not names:
                left["no licence file"] += 1
            elif len(names) > 1:
                left["several licence files"] += 1
            else:
                found.append((hashlib.sha1(f"npm:{key}".encode()).hexdigest(), key, names[0], own[names[0]], label))
    rows = _write_packages(found, known, folder, "npm")
    print(f"{folder}: {len(rows)} of {len(found)} packages with one licence file; left out {left}")
    return rows


def _wheel(url: str, sha256: str, cache: Path) -> bytes:
    """The wheel at ``url`` (cached in ``cache``), checked against its ``sha256``."""
    data = _fetch(url, cache / url.rsplit("/", 1)[-1])
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ValueError(f"{url}: wheel does not match its sha256")
    return data


def _wheel_licence(data: bytes) -> tuple[str | None, dict[str, bytes]]:
    """A wheel's ``License-Expression`` (core metadata 2.4, PEP 639) and the licence files its metadata
    names (``License-File``: under ``.dist-info/licenses/``, or, written before PEP 639, beside the
    metadata). Read in memory, never extracted."""
    import email.parser
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        meta_path = next(n for n in names if n.count("/") == 1 and n.endswith(".dist-info/METADATA"))
        info = meta_path.rsplit("/", 1)[0]
        meta = email.parser.BytesHeaderParser().parsebytes(archive.read(meta_path))
        files = {}
        for declared in meta.get_all("License-File") or []:
            for path in (f"{info}/licenses/{declared}", f"{info}/{declared}"):
                if path in names:
                    files[declared] = archive.read(path)
                    break
    return meta.get("License-Expression"), files


def pypi_round(labelled: Path, sample: list[dict[str, str]], folder: str, pins_file: str,
               cache: Path) -> list[dict[str, str]]:
    """A PyPI round, 12 to 33 (module docstring): the wheels pinned in ``pins_file``, written under ``folder``, leaving
    out the texts of the ``sample`` rows written before it; its label rows."""
    known = _known({}, labelled, sample)
    cache.mkdir(parents=True, exist_ok=True)
    with open(HERE / pins_file, newline="") as handle:
        pins = list(csv.DictReader(handle))
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(8) as pool:
        wheels = list(pool.map(lambda pin: _wheel(pin["url"], pin["sha256"], cache), pins))
    found, left = [], {"no License-Expression": 0, "not an SPDX label": 0, "no licence file": 0,
                       "several licence files": 0}
    for pin, wheel in zip(pins, wheels, strict=True):
        label, files = _wheel_licence(wheel)
        key = f"{pin['name']}=={pin['version']}"
        if label is None:
            left["no License-Expression"] += 1
        elif not _spdx_label(label):
            left["not an SPDX label"] += 1
        elif not files:
            left["no licence file"] += 1
        elif len(files) > 1:
            left["several licence files"] += 1
        else:
            (declared, data), = files.items()
            found.append((hashlib.sha1(f"pypi:{key}".encode()).hexdigest(), key, declared.rsplit("/", 1)[-1], data,
                          label))
    rows = _write_packages(found, known, folder, "pypi")
    print(f"{folder}: {len(rows)} of {len(found)} wheels with one licence file; left out {left}")
    return rows


def _spdx_label(label: str) -> bool:
    """An SPDX expression of ids joined by AND, OR and WITH, parenthesised or not (not "SEE LICENSE IN
    <file>", "UNLICENSED" or a free-text name, whose verdict the label does not decide)."""
    tokens = re.findall(r"\(|\)|[^\s()]+", label)
    words = [t for t in tokens if t not in "()"]
    return bool(words) and all(_SPDX_ID.fullmatch(t) for t in words) and words[0] not in ("AND", "OR", "WITH") \
        and "UNLICENSED" not in words and all((w in ("AND", "OR", "WITH")) != (i % 2 == 0) for i, w in enumerate(words))


CACHE = Path.home() / ".cache" / "incoder"  # rounds 10 on: the registries' archives, fetched once


def main(scancode: str, classifier: str, fossology: str, askalono: str, licensecheck: str, labelled: Path,
         npm_cache: Path = CACHE / "npm-round10") -> None:
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
    # Real packages, round by round: npm in rounds 10, 11 and 13 to 33, PyPI in rounds 12 to 33 (none in 30), in this order
    # (a text is left out when a round before it holds the same).
    for n in range(10, 34):
        if n != 12:
            rows += npm_round(labelled, rows, f"npm_round{n}", f"npm_round{n}.csv", npm_cache)
        if n >= 12:
            rows += pypi_round(labelled, rows, f"pypi_round{n}", f"pypi_round{n}.csv", npm_cache.parent / "pypi-round12")
    with open(HERE / "labels.csv", "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["source", "file", "expected"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} cases")


if __name__ == "__main__":
    default = Path(__file__).resolve().parents[4] / "shared" / "data" / "licenses"
    main(*sys.argv[1:6], Path(sys.argv[6]) if len(sys.argv) > 6 else default)
