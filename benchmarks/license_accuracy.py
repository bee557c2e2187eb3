"""Licence detection accuracy through the production path, scored against an adjudicated truth; throughput.

    .venv/bin/python benchmarks/license_accuracy.py [--data ../shared/data/licenses] [--fresh DIR] [--throughput]

Cases. google/licensecheck's test bodies and licensee's fixtures (``--data``: labels.csv in each), and the
fresh sample committed in ``benchmarks/data/licenses_fresh`` (SOURCES.md: scancode-toolkit's data-driven
test files with scancode's expected expressions; google/licenseclassifier's scenarios; FOSSology's nomos
test files with FOSSology's expected results; scancode-toolkit's package-detection manifests with its
expected declared licence, and askalono's real licence files labelled by folder; real npm packages' and
PyPI wheels' licence files labelled by their authors' declared licence). Each case is
judged as the build judges a repository: its licence-bearing files go through
``LicenseDetector.folder_map`` (only the files ``license_file_kind`` calls licence-bearing, as in
``DetectLicenses``), then ``judge_file`` gives the decision for the case's source file (a fresh file
that is not licence-bearing, judged by its own header) or for a code file without a notice at the
root. Its verdict under the default policy (InCoder's four) is compared with the truth. Side by side,
the baseline: scancode alone (its detections on the same files joined with AND, same policy).

Truth. Every figure is printed twice: against the raw label, and against the *adjudicated* truth (the
raw label corrected by the criteria of ``Adjudicator``, applied in code, independently of the detector:
an edited copy of the labelled licence, scancode naming another licence, a NOASSERTION bundle of
allowed licences, a choice the text offers between licences, one of them allowed, a label naming
another licence than the intact allowed licence the file is, or naming none, "BSD"). The labelled sets name the closest licence; the issue's residue rule says an edited
grant or condition is not the licence. Every relabelled case of a listed part is printed with its
evidence (the quoted edit against scancode's reference text, or scancode's identification).

Blind review (``REVIEWS``: ``data/licenses_fresh/review/``, its protocol in ``PROTOCOL.md``, fixed before
any review). Labels name a package's declared licence, and the adjudicator corrects only what it can test
mechanically; so reviewers who saw the text alone (no label, no detector's verdict, no other part) judged
every case of rounds 6 and 30 to 33 under the issue's policy, as KEEP (allowed licences, intact, with only
point 1's grammar, point 11's scope notes and offered choices beside), NAME (an allowed licence named
without its text, point 5), PROSE (an added sentence that restricts nothing: residue under point 1) or
REJECT (anything else). Two reviewers who judged round 30 apart gave the same verdict on all 164 cases.
Each such part prints its score against the review (a kept PROSE case is wrong, a kept REJECT one let
through) and, the figure no single truth decides, its score **where the adjudicated truth and the review
agree**, with how the verdicts fall where they differ. For the read parts the reviewers judged the
detector's rejections of permissive texts mixed with three times as many of its agreements drawn at random
(``read-sample.csv``; ``read_sample``). The review reads the licences' texts more strictly than scancode's
and SPDX's conventions do (a truncated last word, "(including the next paragraph)" in MIT, a reworded BSD
clause 3 are REJECT there) and cannot resolve what only scancode's rules know (a NuGet ``licenseUrl`` that
scancode's authors looked up): the goal stays on the adjudicated truth.

Parts, each scored apart (``PARTS``): "in-sample" (70% of the labelled sets by SHA-1 of the case name:
the grammar was written on it); "consumed" (the old held-out 30%: its misses were read to write general
grammar rules, so it is no longer held out); "fresh-dev" and "fresh-read" (round 1 of the fresh sample,
halves by SHA-1 of the file's path: the dev half was read to fix the benchmark's reading of the files
and one grammar rule; the other half was counted only until 2026-12-06, then read: it is no longer held
out either); "fresh2-dev" and "fresh2-read" (round 2, drawn from other scanners' test files after round 1
was read, halves the same way: the dev half was read; the other half was counted until its score was
taken, then read, so it too is no longer held out); "fresh3-read" (round 3, drawn by the same rule from
both pools without the files of rounds 1 and 2, after round 2 was read: held out whole until its score,
96.0%, was taken, then read); "fresh4-read" (round 4, drawn by the same rule without the files of rounds
1 to 3, after round 3 was read and the grammar rules it prompted were written: its first score, 93.0%
with 2 let through, was followed by the reading of those 2 cases and by more rules; its other misses
were read on 2026-12-06); "fresh5-read" (round 5, drawn without the files of rounds 1 to 4 after those
rules: held out whole until its first score, 95.5% with 1 let through, was taken; its let-through was
read, then, on 2026-12-06, its other misses); "fresh6-test" (round 6, drawn without the files of rounds 1
to 5 after the rules that rounds 4 and 5 prompted: held out whole, counted, never listed); "fresh7-read"
(round 7, drawn from another source, FOSSology's nomos test files, after round 6's first score: held out
whole until its first score, 93.2% with none let through, was taken on 2026-12-06, then read);
"fresh8-read" (round 8, drawn from two more sources after round 7 was read: the package manifests of
scancode-toolkit's package-detection tests and askalono's real licence files; held out whole until its
first score, 96.1% with none let through, was taken on 2026-12-07, then read: round 6 stays the one part
held out); "fresh9-read" (round 9, drawn after round 8 was read from the labelled sets' own source:
google/licensecheck's test files that the labelled sets do not hold, nearly all naming a licence other
than InCoder's four; held out whole until its first score, 99.5% against the raw label with 2 let
through, was taken on 2026-12-07, then its two let-throughs were read: both are choices the text offers,
criterion 4 of the adjudicated truth); "fresh10-read" to "fresh15-read" (rounds 10 to 15, drawn one after
another on 2026-12-07 from a new source, real npm packages' and PyPI wheels' licence files labelled by
their authors: each held out whole until its first score was taken, then read; "fresh16-read" to
"fresh29-read" the same, rounds 16 to 29 (round 26's first score, taken on 2026-12-07, was 100%, 58 of
58, with none let through, so there was nothing to read; round 27's first score, taken on 2026-12-07
17:04 UTC at commit a7195ae, was 96.3%, 288 of 299, with none let through; scancode alone 97.0%; then
read; round 28's first score, taken on 2026-12-07 17:32 UTC at commit cca2d23, was 96.4%, 266 of 276,
with none let through; scancode alone 98.2%; then read; round 29's first score, taken on 2026-12-07
17:46 UTC at commit 0e12d61, was 94.6%, 245 of 259, with none let through; scancode alone 98.8%; then
read); round 17's one let-through at its first score was an adjudication error: the MIT licence's own
statement on a copyright line, "Licensed under the MIT License.", had been taken for a term,
``_own_statement_out``; round 22's, @salesforce/templates, was one too: an intact BSD-3-Clause text that
scancode names ``bsd-x11``, which criterion 2 took for another licence; round 24's bowser, MIT with the
MITNFA clause inserted right before the disclaimer, was read as a clean MIT copy until criterion 1
counted such an insertion as before the disclaimer);
"fresh30-test" (round 30, the same source, drawn on 2026-12-07 after round 29's first score: held out,
counted, never listed; its one let-through at its first score, 95.7% (157 of 164), was read because it
was one: read@1.0.5, labelled "BSD", which names no licence, is BSD-2-Clause's intact text under the
title "The BSD License", which scancode alone reads as BSD-3-Clause AND BSD-2-Clause; criterion 5 now
takes a reading of allowed licences only, the intact one among them, and round 30 scores 96.3%, 0 let
through; no verdict of any other part changed); "fresh31-test" (round 31, the same source, drawn on
2026-12-07 20:00 UTC by a helper that never ran the detector on it nor showed its texts, 563 npm and 80
PyPI files of 60 npm and 57 PyPI tools no earlier round used: held out, counted, never listed; its two
let-throughs at its first score, 95.6% (615 of 643), were read because they were: both are intact MIT
copies by James Prior, whose surname the adjudicator took for "prior written permission" on a copyright
line (``_NAME_END``); with that corrected, no verdict of any other part changed, and round 31 scores
96.0% (617 of 643), 0 let through). Round 30 scores 97.0% (159 of 164) since the address check of
2026-12-07 evening reads a URL's path for term words only (``evidence.URL_TERM_WORDS``), a change written
on NuGet licence addresses of the read parts: one of its files held an address that the old word list
took for a term; nothing of round 30 was read to learn which. "fresh32-test" (round 32, the same source,
drawn on 2026-12-08 by a helper that never ran the detector on it nor showed its texts, 601 npm and 12 PyPI
files of 60 npm and 10 PyPI tools no earlier round used, after the bundle rules of 2026-12-08 were written
on the read rounds: held out, counted, never listed; its one let-through at its first score, 97.6% (598 of
613), taken on 2026-12-08 at commit 40142cf, was read because it was one: isemail@1.2.0, labelled
BSD-2-Clause, ships BSD-3-Clause's intact text, which criterion 1 took for an edited BSD-2-Clause;
criterion 5 now comes first there too, and round 32 scores 97.7% (599 of 613), 0 let through; no verdict of
any other part changed; the code before the bundle rules scores round 32 the same; on 2026-12-08 the nine
cases that both the adjudicated truth and the blind review keep and the detector rejected were read, so
round 32 is "fresh32-read" since). "fresh33-test" (round 33, the same source, drawn on 2026-12-08 by a
helper that never ran the detector on it nor showed its texts, 640 npm and 38 PyPI files of 60 npm and 31
PyPI tools no earlier round used, after the rules round 32's reading prompted: held out, counted, never
listed; its first score, taken on 2026-12-08 at commit c7d5fda, 96.8% (656 of 678), 0 let through; scancode
alone 98.8%, 0 let through).
scancode's NuGet cases (``lic2/nuget/``) are .nuspec ``licenseUrl`` values and are judged as one
(``NUSPEC``; changed on 2026-12-06, when the build learnt to read ``licenseUrl``: before, each was judged
as a text file of its own, where nothing marks a bare URL as a licence).
Reported per part: the share of verdicts right, texts kept against the truth (goal 0), permissive
texts rejected, SPDX ids right; and, as counts on every part (held-out ones too, whose cases are never
listed), the rejected permissive cases by the detector's verdict and by what the adjudicator reads in
them (``Adjudicator.reading``: another licence, a sentence beside an intact copy, an intact copy with
little beside it, no copy found), which separates the rejections the residue rule asks for from those
no rule excuses. Goal: >= 99% right and 0 let through on every part (adjudicated
truth); the exit status is 1 when missed.

``--throughput``: licence files per second per core (CPU seconds, one process, ``--repeat`` passes,
mean and spread), scancode alone against the detector (fast path, names, templates, scancode) on the
same distinct files, both warm and both without a result cache (``throughput``). Issue 3's goal, >= 10x
on the labelled sets' licence files, is printed beside it; the exit status is 1 when it is missed too.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import hashlib
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.config import LicenseConfig  # noqa: E402
from pipeline.licensing import policy as lp  # noqa: E402
from pipeline.licensing.detect import LicenseDetector  # noqa: E402
from pipeline.licensing.files import license_file_kind  # noqa: E402
from pipeline.licensing.scancode_runner import ScancodeRunner, is_reference_only  # noqa: E402

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


# Real packages' rounds (npm tarballs and PyPI wheels, folders npm_round<N>/ and pypi_round<N>/): each
# was held out until its first score was taken, then read, but those of PACKAGE_HELD_OUT, which are held out.
PACKAGE_ROUNDS = range(10, 34)
PACKAGE_HELD_OUT = (30, 31, 33)


def _package_part(n: int) -> str:
    return f"fresh{n}-{'test' if n in PACKAGE_HELD_OUT else 'read'}"


# The parts (module docstring). The fresh6-test part and the held-out package rounds are counted, never
# listed.
LISTED = ("in-sample", "consumed", "fresh-dev", "fresh-read", "fresh2-dev", "fresh2-read", "fresh3-read",
          "fresh4-read", "fresh5-read", "fresh7-read", "fresh8-read", "fresh9-read",
          *(_package_part(n) for n in PACKAGE_ROUNDS if n not in PACKAGE_HELD_OUT))
PARTS = (*LISTED, "fresh6-test", *(_package_part(n) for n in PACKAGE_HELD_OUT))
ROUND_2 = "scancode_external/"  # round 2's folder, split in halves (SOURCES.md)
# The rounds scored whole, by folder: rounds 3 to 5 and 7 to 9 were held out until their first scores were
# taken, then read; round 6 is held out; the package rounds as above.
WHOLE_ROUNDS = {"scancode_round3/": "fresh3-read", "scancode_round4/": "fresh4-read",
                "scancode_round5/": "fresh5-read", "scancode_round6/": "fresh6-test",
                "fossology_round7/": "fresh7-read", "packages_round8/": "fresh8-read",
                "licensecheck_round9/": "fresh9-read",
                **{f"{registry}_round{n}/": _package_part(n) for n in PACKAGE_ROUNDS for registry in ("npm", "pypi")}}
FRESH = Path(__file__).resolve().parent / "data" / "licenses_fresh"
# The blind review (review/PROTOCOL.md, fixed before any review): reviewers who never saw a detector's
# verdict, a label or the other parts judged every case of the held-out parts from its text under the
# issue's policy, and, for the read parts, the detector's rejections mixed with three times as many of its
# agreements drawn at random. One CSV a part (file, verdict, expression, evidence).
REVIEWS = FRESH / "review"
REVIEW_KEEP = ("KEEP", "NAME")  # the policy keeps the text: an intact allowed licence, or one named (point 5)
REVIEW_VERDICTS = (*REVIEW_KEEP, "PROSE", "REJECT")  # PROSE: an added sentence that restricts nothing (point 1)
# Labelled sets printed beside a part but left out of its score, and why (read on the fresh-dev half:
# licenseclassifier's scenario 150280258, "Licensed under the BSD-3-Clause license; ...", expects no
# licence because the test is that no licence *text* is matched; 116495682_1 is a nameless licence bundle).
UNSCORED = {"licenseclassifier": "EXPECTED lists the licence texts google/licenseclassifier matches anywhere "
                                 "in a nameless file, not the licence of a file"}


def scancode_to_spdx(expression: str) -> str:
    """A scancode licence expression (keys) in SPDX ids (``LicenseRef-scancode-<key>`` for the others)."""
    from licensedcode.cache import get_licenses_db

    db = get_licenses_db()

    def spdx(found: re.Match[str]) -> str:
        key = found.group(0)
        if key.upper() in ("AND", "OR", "WITH"):
            return key.upper()
        lic = db.get(key.lower())
        return (lic.spdx_license_key if lic and lic.spdx_license_key else f"LicenseRef-scancode-{key}")

    return re.sub(r"[A-Za-z0-9.+\-]+", spdx, expression)


NUSPEC = "<package><metadata><id>case</id><licenseUrl>{url}</licenseUrl></metadata></package>"


def load_fresh(root: Path = FRESH) -> list[dict]:
    """The fresh sample (SOURCES.md): scancode-toolkit's data-driven test files (six rounds), labelled with
    scancode's expected expressions (joined with AND), licenseclassifier's scenarios, labelled with their
    EXPECTED ids (joined with AND; none: no licence), FOSSology's nomos test files (round 7), labelled
    with FOSSology's expected licences (SPDX ids and nomos's names, joined with AND; none: no licence),
    round 8: scancode's package-detection manifests (scancode keys, as above) and askalono's licence files
    (SPDX ids), round 9: google/licensecheck's test bodies (the names of their expected matches, joined
    with AND as the labelled sets' are; none: no licence), and rounds 10 to 32: real packages' licence
    files (their declared SPDX expression as it is)."""
    items = []
    with open(root / "labels.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            text = (root / row["file"]).read_text(errors="replace")
            parts = [p for p in row["expected"].split("|") if p]
            if row["source"] == "scancode":
                parts = [f"({scancode_to_spdx(p)})" if " " in p else scancode_to_spdx(p) for p in parts]
            expected = lp.combine_expressions(lp.strip_neutral(p) for p in parts) if parts else None
            name = Path(row["file"]).name
            dev = int(hashlib.sha1(row["file"].encode()).hexdigest(), 16) % 2 == 0
            whole = next((p for folder, p in WHOLE_ROUNDS.items() if row["file"].startswith(folder)), None)
            if whole is not None:
                part = whole
            elif row["file"].startswith(ROUND_2):
                part = "fresh2-dev" if dev else "fresh2-read"
            else:
                part = "fresh-dev" if dev else "fresh-read"
            item = {"name": row["file"], "dataset": row["source"], "part": part, "expected": expected,
                    "label": row["expected"] or "NONE", "files": [], "code": None}
            if "/lic2/nuget/" in row["file"]:
                # scancode's NuGet cases are .nuspec licenseUrl values (the value its NuGet reader hands to
                # licence detection): each is judged as the licenseUrl of a package's .nuspec, where the
                # build meets such a value.
                item["files"] = [("package.nuspec", NUSPEC.format(url=escape(text.strip())))]
            elif license_file_kind(name) is not None:
                item["files"] = [(name, text)]  # a licence-bearing file (COPYING, LICENSE.txt, a manifest)
            else:
                item["code"] = (name, text)  # any other file, judged by its own header, as the build does
            items.append(item)
    return items


def load_reviews(root: Path = REVIEWS) -> dict[str, tuple[str, str, str]]:
    """``{case file: (verdict, expression, evidence)}`` from the blind review's CSVs (``REVIEWS``); empty
    when the folder is absent. A verdict outside ``REVIEW_VERDICTS`` or a file reviewed twice is an error."""
    reviews: dict[str, tuple[str, str, str]] = {}
    for path in sorted(root.glob("*.csv")) if root.is_dir() else []:
        with open(path, newline="") as handle:
            for row in csv.DictReader(handle):
                if row["verdict"] not in REVIEW_VERDICTS:
                    raise ValueError(f"{path.name}: {row['file']}: verdict {row['verdict']!r} is not one of {REVIEW_VERDICTS}")
                if row["file"] in reviews:
                    raise ValueError(f"{path.name}: {row['file']} is reviewed twice")
                reviews[row["file"]] = (row["verdict"], row["expression"], row["evidence"])
    return reviews


def reviewed_score(items: list[dict], key: str) -> dict:
    """Verdicts of ``key`` ("detector" or "scancode") against the blind review: right when a KEEP or NAME
    text is kept and a REJECT or PROSE text rejected (point 1: "an added sentence" is residue); a REJECT
    text kept is let through; a PROSE text kept is wrong, though it restricts nothing (``prose_kept``).
    ``lenient``: the share right when PROSE counts as permissive too."""
    right = lenient = let_through = prose_kept = lost = 0
    for item in items:
        verdict = item["review"][0]
        kept = item[key][1] == lp.PERMISSIVE
        right += kept == (verdict in REVIEW_KEEP)
        lenient += kept == (verdict != "REJECT")
        let_through += kept and verdict == "REJECT"
        prose_kept += kept and verdict == "PROSE"
        lost += not kept and verdict in REVIEW_KEEP
    n = max(1, len(items))
    return {"cases": len(items), "right": right, "share": right / n, "lenient": lenient / n,
            "let_through": let_through, "prose_kept": prose_kept, "lost": lost}


def held_out(name: str) -> bool:
    """The fixed held-out part: 30% of the cases, by SHA-1 of the case name."""
    return int(hashlib.sha1(name.encode()).hexdigest(), 16) % 10 < 3


def judge(detector: LicenseDetector, item: dict):
    """The decision ``DetectLicenses`` makes for the case's code file (a file of a repository whose
    licence-bearing files are the case's), or for a code file without a notice at its root."""
    license_files = [(path, text.encode()) for path, text in item["files"] if license_file_kind(path) is not None]
    folders = detector.folder_map(license_files, None)
    path, text = item.get("code") or ("main.py", "x = 1\n")
    return detector.judge_file(path, text.encode(), folders)


def scancode_alone(runner: ScancodeRunner, policy: lp.LicensePolicy, item: dict):
    """The baseline: scancode's detections on every licence-bearing file (and the code file), joined
    with AND."""
    expressions = []
    for path, text in item["files"] + ([item["code"]] if item.get("code") else []):
        if license_file_kind(path) is None and (path, text) != item.get("code"):
            continue
        result = runner.scan(text)
        expressions += [d.expression for d in result.detections if not is_reference_only(d) and d.score >= 80]
    expression = lp.combine_expressions(lp.strip_neutral(e) for e in expressions)
    return expression, policy.verdict(expression)


def read_texts(item: dict) -> list[tuple[str, str]]:
    """The case's texts the detector reads as licence-bearing: its licence files, and its own file (a fresh
    case's source file, judged by its header)."""
    files = [(path, text) for path, text in item["files"] if license_file_kind(path) is not None]
    return files + ([item["code"]] if item.get("code") else [])


def scancode_reads(runner: ScancodeRunner, files: list[tuple[str, str]]) -> dict[str, str]:
    """``{path: expression}`` for the texts (``read_texts``) whose every scancode detection other than a
    reference scores >= 90: their detections joined with AND. Joined as they are when one of them offers a
    choice that names every licence found, which simplifying would absorb (``(ISC OR MIT) AND ISC`` and
    ``MIT``, an OR notice and the texts it offers, would read ``ISC AND MIT``)."""
    out = {}
    for path, text in files:
        found = [d for d in runner.scan(text).detections if not is_reference_only(d)]
        expression = lp.combine_expressions(lp.strip_neutral(d.expression) for d in found)
        joined = " AND ".join(f"({e})" for e in (lp.strip_neutral(d.expression) for d in found) if e)
        if found and all(d.score >= 90 for d in found) and expression:
            out[path] = joined if offered_choice(joined) and not offered_choice(expression) else expression
    return out


# ------------------------------------------------------------------ adjudicated truth
#
# The labelled sets name the *closest* licence: licensecheck's test bodies are near-copies written to
# test a fuzzy matcher (its README.testdata: each body's expected "Coverage" of the licence it names),
# licensee's fixtures carry the licence its matcher picks, or NOASSERTION when it cannot name one. The
# issue's rule (docs/licensing.md, "Residue rule") is stricter: an edited grant or condition is not the
# licence. The adjudicated truth is the raw label corrected by five criteria, applied here in code and
# independently of the detector (own word lists and alignment; only scancode's licence texts and
# scancode's plain detections are shared):
#
# 1. Edited copy. A licence-bearing file that is a copy of the labelled (permissive) licence's own text
#    (scancode's reference text, its appendix notice, or a variant the policy counts as that licence,
#    ``policy.EQUIVALENT_IDS``) and, aligned word by word with the closest of those texts, shows an edit
#    *inside the copy* of a right or a condition: a right or condition word (``RIGHT_WORDS``) deleted
#    before the warranty disclaimer; a term word (``TERM_WORDS``) added (in the disclaimer: one that no
#    allowed licence's disclaimer uses; in BSD's endorsement clause: one that the clause's negative
#    form "The name of X may not be used ..." does not use); ``ADDED_WORDS`` or more words that the
#    licence's text does not use added before the disclaimer (a clause); or a term word on a copyright
#    line (a restriction written there, the issue's point 2; "Research" inside an organisation's name,
#    "Industrial Research Organisation", is the holder's name: corrected 2026-12-06 after round 3's
#    bsd-new_126, a clean BSD text by CSIRO, was adjudicated an edited copy). Words inserted right before
#    the disclaimer's first word are before the disclaimer (corrected 2026-12-07 after round 24's bowser,
#    whose MITNFA clause sits there and was read as a clean copy).
# 2. Another licence. scancode alone identifies the file (score >= 90) as one licence the policy does
#    not allow, other than the label (not one of its "unknown"/"other-permissive" markers: those say
#    that scancode cannot name the text, not that it is another licence) (licensecheck's MIT.t37 is scancode's ``x11-stanford``: MIT's grant
#    plus a no-advertising condition). Not when the file is the labelled licence whole: an intact copy
#    (criterion 1 finds no edit) that adds no word, inside it or around it, but copyright lines and the
#    holder's name in the licence's own slot for it (``HOLDER_SLOT``) (corrected 2026-12-07 after
#    round 22's first score, whose one let-through was @salesforce/templates: BSD-3-Clause intact, the
#    holder named in its clauses, which scancode names ``bsd-x11``, "BSD-3-Clause with X11 disclaimer",
#    although the text has no such disclaimer).
#    Adjudicated for 1 and 2: not the labelled licence; ``license_modified`` or a rejection is right.
# 3. Permissive bundle. A case labelled NOASSERTION (the labeller could not name *one* licence) whose
#    every licence-bearing file is an intact copy (criterion 1 finds no edit and nothing around it) of a
#    licence the policy allows. Adjudicated: the AND of those licences, permissive under the policy
#    (docs/licensing.md, "Policy": ``A AND B`` is kept when all parts are).
#
# 4. Offered choice. A case whose label the policy does not allow, where scancode alone reads a licence-
#    bearing file (every detection >= 90) as a choice (an ``OR``, ``offered_choice``) between licences
#    that include every licence the label names and one the policy allows. licensecheck's labels list the texts it finds
#    ("A|B", read as A AND B), not how they are offered; the point 11 says an ``OR`` notice
#    followed by the texts it offers stays an ``OR``. Adjudicated: scancode's choice, kept under the
#    policy (added 2026-12-07 after round 9's first score, whose two let-throughs were such choices:
#    "You may choose to use Go Gopher under either the Apache License, Version 2.0, or the Microsoft
#    Public License", and a Ruby licence offering "either the terms of the MIT license ... or the
#    conditions below"). Read on the detections as scancode reports them, before simplifying their AND
#    (``(ISC OR MIT) AND ISC`` and ``MIT``, an OR notice and both texts, simplify to ``ISC AND MIT``).
# 5. The package's label. A case whose label the policy does not allow, where every licence-bearing file
#    is an intact copy (criterion 1 finds no edit and nothing around it) of a licence the policy allows
#    that scancode alone reads as that licence and nothing else: the label names the package's licence,
#    not the file's (added 2026-12-07 after round 10's first score, real npm packages labelled by their
#    ``package.json``: @npmcli/redact declares ISC and ships an intact MIT text). Adjudicated: that licence.
#    The same when the label is an allowed licence and the text, which criterion 1 would call an edited copy
#    of it, is an intact copy of another allowed licence (added 2026-12-08 after round 32's first score,
#    whose one let-through was isemail@1.2.0: labelled BSD-2-Clause, an intact BSD-3-Clause text, which is
#    BSD-2-Clause plus the endorsement clause, and which scancode alone reads as BSD-3-Clause).
#
# Everything else keeps its raw label; in particular text *around* a copy (a preface, a scope note, a
# trailing sentence) is the residue grammar's business and is not adjudicated here. Spacing damage
# ("copyof"), the same word in another form ("copies"/"copy", "licence"/"license") and filler words are
# not edits.

def offered_choice(expression: str | None) -> str | None:
    """The choice a reading offers: the expression itself when it is a plain ``OR``, or an ``OR`` inside
    it whose options name every licence of the reading (an ``OR`` notice followed by the texts it offers,
    which scancode joins with ``AND``: ``(Apache-2.0 OR MS-PL) AND Apache-2.0 AND MS-PL``)."""
    if not expression:
        return None
    for group in [expression, *re.findall(r"\(([^()]*)\)", expression)]:
        if "(" not in group and " OR " in group and " AND " not in group and base_ids(group) >= base_ids(expression):
            return group
    return None


_WORD = re.compile(r"[a-z0-9]+")
# A copyright statement: "Copyright" then a mark, a year or a name; "(c)"/"©" then a year. ("(c) You must"
# is an item of the Apache licence's list, "copyright notice" a licence's own words.)
_COPYRIGHT = re.compile(r"^\W*(?:portions\s+)?(?:(?i:copyright)\s*(?:\(c\)|©|\[|<|\d|[A-Z])|(?:\([cC]\)|©)\s*\d)"
                        r"|^\W*(?i:all\s+rights\s+reserved)\W*$")  # or its "All rights reserved." on a line of its own
# Words whose change alters no right or condition.
FILLER_WORDS = frozenset("the a an this that these those such any all each of its their and or to in on by for "
                         "is are be as at from".split())
# The rights and conditions of MIT, BSD-2/3-Clause and the Apache licence and notice: deleting one, before
# the disclaimer, deletes a right or a condition. (Not the Apache notice's pointer "You may obtain a copy
# of the License at <url>": it grants and requires nothing.)
RIGHT_WORDS = frozenset(
    "permission hereby granted grant free charge without restriction limitation rights use modify merge publish "
    "distribute sublicense sell permit persons furnished subject conditions included copies substantial "
    "portions redistribution redistributions source binary forms modification permitted retain "
    "reproduce disclaimer neither names endorse promote specific prior written licensed compliance".split()
)
# Words that state a term: an obligation, a prohibition, a purpose, a payment.
TERM_WORDS = frozenset(
    "not nor never except excepting unless only must shall may cannot prohibit prohibited prohibits forbid "
    "forbidden restrict restricted restriction restrictions condition conditions require required requires "
    "requirement commercial commercially noncommercial advertising publicity endorse promote trademark "
    "trademarks logo consent approval authorization permission written prior fee fees royalty royalties pay "
    "payment terminate terminated termination revoke revoked agree agreement register notify cite attribution "
    "attributions military government internal research educational evil licensed".split()
)
# The words by which a licence names its holder, which a copy may replace by the holder's name.
HOLDER_SLOT = frozenset("the copyright holder holders owner owners author authors organization organisation regents and or "
                         "contributors".split())
# BSD's endorsement clause in its negative form ("The name of X may not be used to endorse ...") is the
# same condition as "Neither the name of X nor ... may be used ...": these words there are no new term.
ENDORSEMENT_WORDS = frozenset("not nor neither may name names used use written prior permission specific".split())
ADDED_WORDS = 4  # words the licence's text does not use, added in one run before its disclaimer: a clause
EDITED = "edited copy of "  # adjudicated expression prefix: not the licence named after it


def _stem(word: str) -> str:
    for suffix, repl in (("ies", "y"), ("ing", ""), ("es", ""), ("ed", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + repl
    return {"licence": "license", "must": "shall"}.get(word, word)


_URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+", re.I)
# "Research" written inside an organisation's name on a copyright line ("Commonwealth Scientific and
# Industrial Research Organisation", "Microsoft Research"): part of the holder's name, not a purpose.
_ORG_RESEARCH = re.compile(r"\b([A-Z][\w&.'-]*\s+)Research\b")
# A name's last word that is a term word ("Copyright (c) 2024 James Prior", round 31's first score took
# it for "prior written permission"): a capitalised word right after another, ending the line or its name
# (before a comma, an address or a bracket). "Jane Doe Not For Commercial Use" still holds "not" and
# "commercial": those words do not end the name.
_NAME_END = re.compile(r"\b([A-Z][a-z'-]+\s+)([A-Z][a-z]+)\b(?=\s*(?:$|[,<(]))")


def _words(text: str) -> tuple[list[str], list[str]]:
    """``(words, copyright-line words)`` of ``text``: copyright statements are the holder's, set apart; a
    URL is one word, "url" (where a copy of the licence lies is no right and no condition)."""
    body, held = [], []
    for line in text.splitlines():
        statement = _COPYRIGHT.match(line) is not None
        if statement:
            line = _ORG_RESEARCH.sub(r"\1", line)  # "Industrial Research Organisation" names a holder
            line = _NAME_END.sub(lambda m: m.group(1) if m.group(2).lower() in TERM_WORDS
                                 and m.group(1).strip() != "Copyright" else m.group(0), line)
        (held if statement else body).extend(_WORD.findall(_URL.sub(" url ", line).lower()))
    return body, held


def _own_statement_out(held: list[str], spdx: str) -> list[str]:
    """Copyright-line words without a statement of the labelled licence itself ("Copyright © 2008-2013
    David Gouch. Licensed under the MIT License."): "licensed under [the] <the id's words> license
    [version N]" states the licence, no term."""
    own = set(re.findall(r"[a-z0-9]+", spdx.lower())) | {"version"}
    out, i = [], 0
    while i < len(held):
        if held[i] == "licensed" and held[i + 1: i + 2] == ["under"]:
            j = i + 2 + (held[i + 2: i + 3] == ["the"])
            k = j
            while k < len(held) and held[k] in own:
                k += 1
            if k > j and held[k: k + 1] in (["license"], ["licence"]):
                k += 1
                while k < len(held) and (held[k] in own or held[k].isdigit()):
                    k += 1
                i = k
                continue
        out.append(held[i])
        i += 1
    return out


def _disclaimer(text: str) -> int:
    """How many of ``text``'s words (``_words``) come before its warranty disclaimer: the sentence that
    holds "AS IS" ("THE SOFTWARE IS PROVIDED "AS IS" ...", "Unless required by applicable law ... on an
    "AS IS" BASIS"); all of them when there is none."""
    text = re.sub(r"[ \t]+\n", "\n", text)
    found = re.search(r"as[\s\"'`]+is\b", text, re.I)
    if not found:
        return len(_words(text)[0])
    start = max(text.rfind(". ", 0, found.start()), text.rfind(".\n", 0, found.start()),
                text.rfind("\n\n", 0, found.start()))
    return len(_words(text[: start + 1])[0])


def _endorsement(words: list[str]) -> tuple[int, int]:
    """BSD's third clause, "neither" .. "endorse", as a word range (empty when absent)."""
    try:
        start = words.index("neither")
        end = words.index("endorse", start)
    except ValueError:
        return (0, 0)
    return (start, end + 1) if end - start < 40 else (0, 0)


def _quote(words: list[str], start: int, end: int, limit: int = 240) -> str:
    """``words[start:end]`` in brackets with three words of context either side (long runs shortened)."""
    inside = " ".join(words[start:end])
    if len(inside) > limit:
        inside = inside[: limit // 2] + " ... " + inside[-limit // 2:]
    return " ".join(words[max(0, start - 3): start]) + " [" + inside + "] " + " ".join(words[end: end + 3])


class Adjudicator:
    """The criteria above, over the reference texts of the licences ``policy`` allows."""

    def __init__(self, policy: lp.LicensePolicy) -> None:
        from licensedcode.cache import get_licenses_db

        from pipeline.licensing.scancode_data import licence_text, scancode_data_dir, source_text

        self.policy = policy
        # allowed SPDX id (lower) -> [(source, words, words before the disclaimer)]
        self.texts: dict[str, list[tuple[str, list[str], int]]] = {}
        variants = {k.removeprefix("licenseref-scancode-"): v.lower() for k, v in lp.EQUIVALENT_IDS.items()}
        for key, lic in get_licenses_db().items():
            spdx = variants.get(key, (lic.spdx_license_key or "").lower())
            if spdx.startswith("licenseref") or policy.verdict(spdx) != lp.PERMISSIVE:
                continue
            for source in (f"{key}.LICENSE", f"{key}.LICENSE#notice"):
                text = source_text(scancode_data_dir(), source) if "#" in source else licence_text(key)
                if text:
                    self.texts.setdefault(spdx, []).append((source, _words(text)[0], _disclaimer(text)))
        # Words the allowed licences' warranty disclaimers use (another licence's disclaimer is no edit).
        self.disclaimer_words = frozenset(
            _stem(w) for texts in self.texts.values() for source, words, cut in texts
            if "apache" not in source or source.endswith("#notice")  # the licence's section 7 on holds terms
            for w in words[cut:]
        )

    def edits(self, text: str, spdx: str) -> tuple[str, list[str], int] | None:
        """``(source, edits, words added)`` for ``text`` against the closest of licence ``spdx``'s own
        texts, or None when the text is no copy of it (the copy covers under 80% of that text's words before
        its disclaimer, or spans under half of the file). ``words added``: the file's words outside the copy
        (copyright lines apart) and those inserted into it, but a holder's name where the licence says "the
        copyright holder(s)", "the copyright owner", "the organization" or "the author(s)" (``HOLDER_SLOT``)."""
        words, held = _words(text)
        best = None
        for source, canon, cut in self.texts.get(spdx.lower(), []):
            matcher = difflib.SequenceMatcher(None, canon, words, autojunk=False)
            blocks = [b for b in matcher.get_matching_blocks() if b.size >= 3]
            # Coverage of the grant and conditions: a copy may carry another licence's disclaimer.
            granted = sum(max(0, min(b.a + b.size, cut) - b.a) for b in blocks) / max(1, cut)
            span = blocks[-1].b + blocks[-1].size - blocks[0].b if blocks else 0
            if not blocks or granted < 0.8 or span < 0.5 * len(words):
                continue
            if best is None or granted > best[0]:
                best = (granted, source, canon, cut, matcher.get_opcodes(), blocks)
        if best is None:
            return None
        _, source, canon, cut, opcodes, blocks = best
        first, last = blocks[0].b, blocks[-1].b + blocks[-1].size
        clause, vocabulary = _endorsement(canon), {_stem(w) for w in canon}
        edits, extra = [], first + len(words) - last
        on_copyright = sorted({w for w in _own_statement_out(held, spdx) if w in TERM_WORDS})
        if on_copyright:
            edits.append(f"term words on a copyright line: {' '.join(on_copyright)!r}")
        for tag, i1, i2, j1, j2 in opcodes:
            if tag == "equal" or not (first <= j1 and j2 <= last):
                continue  # text around the copy is not adjudicated
            deleted, inserted = canon[i1:i2], words[j1:j2]
            if "".join(deleted) == "".join(inserted):
                continue  # spacing: "copyof", "sub-license"
            if not (tag == "replace" and set(deleted) <= HOLDER_SLOT and len(inserted) <= 8):
                extra += len(inserted)
            old, new = {_stem(w) for w in deleted}, {_stem(w) for w in inserted}
            in_clause = clause[0] <= i1 and i2 <= clause[1]
            # Words inserted right before the disclaimer's first word are before the disclaimer (bowser's
            # MITNFA clause, between MIT's conditions and its disclaimer).
            before = i1 < cut or (tag == "insert" and i1 == cut)
            ignored = (self.disclaimer_words if not before else frozenset()) | (ENDORSEMENT_WORDS if in_clause else frozenset())
            removed = sorted({w for w in deleted if w in RIGHT_WORDS and _stem(w) not in new
                              and not (in_clause and w in ENDORSEMENT_WORDS)}) if i1 < cut else []
            added = sorted({w for w in inserted if (w in TERM_WORDS or _stem(w) in TERM_WORDS) and _stem(w) not in old
                            and _stem(w) not in ignored and w not in ignored})
            unknown = [w for w in inserted if w not in FILLER_WORDS and _stem(w) not in vocabulary | old]
            what = [f"removed {' '.join(removed)!r}"] if removed else []
            what += [f"added {' '.join(added)!r}"] if added else []
            if before and not in_clause and len(unknown) >= ADDED_WORDS:
                what.append(f"added {len(unknown)} words the licence does not use")
            if what:
                edits.append(f"{', '.join(what)}: {_quote(canon, i1, i2)!r} -> {_quote(words, j1, j2)!r}")
        return source, edits, extra

    def reading(self, item: dict) -> str:
        """What a case's licence-bearing texts hold beside the licence its (adjudicated) truth names, one
        of: "another licence, not allowed" (scancode alone reads, in a file, a licence the truth does not
        name and the policy does not allow: point 1 counts another licence's title as residue); "several
        allowed licences" (not aligned); "no copy of the licence" (a notice, a name, a text the alignment
        does not find, or finds edited); "intact copy, little beside" (every file an intact copy of the
        licence with fewer than ``BESIDE_SENTENCE`` words around it, copyright lines and words outside
        a-z apart: the words a copyright line carries besides year and holder, which point 2 counts as
        residue, and a translation are not counted, so these are mostly, not only, the detector's
        errors); "intact copy, a sentence beside" (point 1: "an added sentence" is residue, unless the
        grammar names it)."""
        ids = base_ids(item["adjudicated"][0])
        files = read_texts(item)
        others = {i for path, _ in files for i in base_ids(item["scancode_files"].get(path)) - ids}
        if any(self.policy.verdict(i) != lp.PERMISSIVE for i in others):
            return "another licence, not allowed"
        if len(ids | others) != 1:
            return "several allowed licences"
        spdx = next(iter(ids))
        reads = [self.edits(text, spdx) for _, text in files]
        if not reads or any(read is None or read[1] for read in reads):
            return "no copy of the licence"
        if all(read[2] < BESIDE_SENTENCE for read in reads):
            return "intact copy, little beside"
        return "intact copy, a sentence beside"

    def _intact_allowed(self, item: dict, files: list[tuple[str, str]]) -> tuple[str, list[str]] | None:
        """Criterion 5: every file an intact copy of an allowed licence, which scancode alone reads as allowed
        licences only, that one among them (read@1.0.5: BSD-2-Clause's text under the title "The BSD
        License", which scancode matches as BSD-3-Clause's): ``(the AND of those licences, evidence)``."""
        lines, ids = [], set()
        for path, text in files:
            reading = item["scancode_files"].get(path)
            if not reading or any(self.policy.verdict(i) != lp.PERMISSIVE for i in base_ids(reading)):
                return None
            intact = [(spdx, read) for spdx in sorted(base_ids(reading)) if spdx in self.texts
                      for read in [self.edits(text, spdx)] if read is not None and not read[1]]
            if not intact:
                return None
            spdx, read = intact[0]
            ids.add(next(a for a in self.policy.allow if a.lower() == spdx))
            lines.append(f"{path}: intact copy of {spdx} ({read[0]}), and scancode alone reads {reading}; the label "
                         f"names another licence")
        return (" AND ".join(sorted(ids)), lines) if files else None

    def truth(self, item: dict) -> tuple[str | None, list[str]]:
        """``(adjudicated expression, evidence lines)``; the raw expression and no lines when no criterion
        applies. An adjudicated expression starting with ``EDITED`` is not the licence it names."""
        expected, label = item["expected"], item["label"]
        files = read_texts(item)
        if expected and self.policy.verdict(expected) == lp.PERMISSIVE and len(base_ids(expected)) == 1:
            spdx = next(iter(base_ids(expected)))
            found = []
            for path, text in files:
                read = self.edits(text, spdx)
                if read and read[1]:
                    found += [f"{path} vs scancode {read[0]}: {edit}" for edit in read[1]]
                other = item["scancode_files"].get(path)
                whole = read is not None and not read[1] and not read[2]  # the labelled licence, no word added
                if (other and len(base_ids(other)) == 1 and base_ids(other) != {spdx} and not whole
                        and self.policy.verdict(other) == lp.NOT_PERMISSIVE):
                    found.append(f"{path}: scancode alone identifies it as {other}, another licence, not allowed")
            if found:
                # Not an edit when every file is an intact copy of another allowed licence: the label names
                # the package's licence, not the text's (criterion 5; isemail@1.2.0, labelled BSD-2-Clause,
                # ships BSD-3-Clause's text: BSD-2-Clause plus the endorsement clause).
                named = self._intact_allowed(item, files)
                if named is not None and base_ids(named[0]) != {spdx}:
                    return named
                return f"{EDITED}{expected}", found
        if expected and self.policy.verdict(expected) != lp.PERMISSIVE:
            for path, _ in files:
                reading = item["scancode_files"].get(path)
                choice = offered_choice(reading)
                if choice and self.policy.verdict(choice) == lp.PERMISSIVE and base_ids(expected) <= base_ids(choice):
                    return choice, [f"{path}: scancode alone reads {reading}, a choice between {choice}"]
        if expected and self.policy.verdict(expected) != lp.PERMISSIVE and files:
            named = self._intact_allowed(item, files)
            if named is not None:
                return named
        if label == "NOASSERTION" and files:
            ids, lines = [], []
            for path, text in files:
                intact = [(spdx, read[0]) for spdx in self.texts for read in [self.edits(text, spdx)]
                          if read is not None and not read[1]]
                if not intact:
                    return expected, []
                ids.append(next(a for a in self.policy.allow if a.lower() == intact[0][0]))
                lines.append(f"{path}: intact copy of scancode {intact[0][1]}")
            return " AND ".join(sorted(set(ids))), lines
        return expected, []


# What the adjudicator reads in a permissive case the detector rejected (``Adjudicator.reading``), printed
# as counts on every part, the held-out ones too: which rejections the residue rule itself asks
# for (a sentence beside the licence, another licence's text) and which it mostly does not (an intact
# copy with little beside it). Read independently of the detector, from the adjudicator's alignment and
# scancode alone.
BESIDE_SENTENCE = 6  # words outside an intact copy (copyright lines apart): a sentence, more than a title


def score(items: list[dict], key: str, truth: str, policy: lp.LicensePolicy) -> dict:
    """Verdicts of ``key`` ("detector" or "scancode") against ``truth`` ("raw" label or "adjudicated")."""
    right = let_through = lost = id_total = id_right = 0
    misses, lost_as = [], Counter()
    for item in items:
        expression, verdict = item[key]
        should_keep = item[truth][1]
        kept = verdict == lp.PERMISSIVE
        right += should_keep == kept
        if kept and not should_keep:
            let_through += 1
            misses.append(f"LET THROUGH: {item['name']} (label {item['label']}, {truth} "
                          f"{item[truth][0]} -> {expression})")
        if should_keep and not kept:
            lost += 1
            lost_as[verdict] += 1
            misses.append(f"rejected permissive: {item['name']} ({truth} {item[truth][0]} -> {expression} {verdict})")
        if item["expected"]:
            id_total += 1
            id_right += base_ids(expression) == base_ids(item["expected"])
    return {"cases": len(items), "right": right, "share": right / max(1, len(items)), "let_through": let_through,
            "lost": lost, "id": id_right / max(1, id_total), "id_n": f"{id_right}/{id_total}", "misses": misses,
            "lost_as": dict(sorted(lost_as.items()))}


def accuracy(detector: LicenseDetector, items: list[dict], parts: list[str]) -> bool:
    policy = detector.policy
    runner = ScancodeRunner(timeout_s=detector.cfg.scancode_timeout_s).load()
    adjudicator = Adjudicator(policy)
    reviews = load_reviews()
    for item in items:
        item["review"] = reviews.get(item["name"])
        decision = judge(detector, item)
        item["detector"] = (decision.expression, decision.verdict)
        item["scancode"] = scancode_alone(runner, policy, item)
        item["scancode_files"] = scancode_reads(runner, read_texts(item))
        item["raw"] = (item["expected"], policy.verdict(item["expected"]) == lp.PERMISSIVE)
        expression, evidence = adjudicator.truth(item)
        edited = expression is not None and expression.startswith(EDITED)
        item["adjudicated"] = (expression, not edited and policy.verdict(expression) == lp.PERMISSIVE)
        item["evidence"] = evidence
    met = True
    for part in parts:
        subset = [i for i in items if i["part"] == part]
        relabelled = [i for i in subset if i["raw"][1] != i["adjudicated"][1]]
        listed = part in LISTED  # the held-out parts' cases are counted, never listed
        down = sum(i["raw"][1] for i in relabelled)
        print(f"[{part}] adjudicated truth differs from the raw label on {len(relabelled)} of {len(subset)} cases "
              f"({down} permissive -> edited copy, {len(relabelled) - down} not permissive -> permissive bundle or offered choice)")
        if listed:
            for item in relabelled:
                print(f"    {item['name']}: label {item['label']} -> adjudicated {item['adjudicated'][0]}")
                for line in item["evidence"][:6]:
                    print(f"        {line}")
        for dataset in sorted({i["dataset"] for i in subset}) + ["all"]:
            if dataset in UNSCORED:
                print(f"[{part} {dataset}] not in the part's score: {UNSCORED[dataset]}")
            chosen = [i for i in subset if dataset == i["dataset"] or (dataset == "all" and i["dataset"] not in UNSCORED)]
            ours = score(chosen, "detector", "adjudicated", policy)
            raw = score(chosen, "detector", "raw", policy)
            base = score(chosen, "scancode", "adjudicated", policy)
            base_raw = score(chosen, "scancode", "raw", policy)
            if listed and dataset != "all":
                for miss in ours["misses"]:
                    print(f"    {miss}")
            print(
                f"[{part} {dataset}] cases={ours['cases']} right_adjudicated={ours['share']:.1%} ({ours['right']}) "
                f"right_raw_label={raw['share']:.1%} ({raw['right']}) | scancode alone: adjudicated "
                f"{base['share']:.1%} raw {base_raw['share']:.1%} | let_through_adjudicated={ours['let_through']} "
                f"(raw {raw['let_through']}; scancode alone {base['let_through']}) permissive_rejected_adjudicated="
                f"{ours['lost']} (raw {raw['lost']}) spdx_id_accuracy={ours['id']:.1%} ({ours['id_n']})"
            )
            if dataset == "all" and ours["lost"]:
                # Counted on every part, the held-out one too: what the rejected permissive cases were judged,
                # and what the adjudicator reads in them (``Adjudicator.reading``).
                print(f"[{part} all] permissive cases rejected, by the detector's verdict: {ours['lost_as']}")
                lost = [i for i in chosen if i["adjudicated"][1] and i["detector"][1] != lp.PERMISSIVE]
                readings = Counter(adjudicator.reading(i) for i in lost)
                print(f"[{part} all] permissive cases rejected, by what the adjudicator reads in them: "
                      f"{dict(sorted(readings.items()))}")
            if dataset == "all" and reviewed_whole(chosen):
                mine, base = reviewed_score(chosen, "detector"), reviewed_score(chosen, "scancode")
                print(f"[{part} all] blind review (every case): right_reviewed={mine['share']:.1%} ({mine['right']}) "
                      f"let_through_reviewed={mine['let_through']} prose_kept={mine['prose_kept']} "
                      f"permissive_rejected={mine['lost']} | PROSE counted permissive: {mine['lenient']:.1%} | "
                      f"scancode alone: {base['share']:.1%}, let through {base['let_through']}; the review: "
                      f"{dict(sorted(Counter(i['review'][0] for i in chosen).items()))}")
                agreed = consensus_score(chosen, "detector")
                print(f"[{part} all] where the adjudicated truth and the review agree: {agreed['cases']} cases, "
                      f"right {agreed['share']:.1%} ({agreed['right']}), let through {agreed['let_through']}, permissive "
                      f"rejected {agreed['lost']}; where they differ: {agreed['contested']} cases, the detector sides "
                      f"with the adjudicated truth on {agreed['with_truth']}, with the review on {agreed['with_review']}")
            if dataset == "all":
                met &= ours["share"] >= 0.99 and ours["let_through"] == 0
    read_sample(items)
    return met


def reviewed_whole(cases: list[dict]) -> bool:
    """True when the blind review judged every one of ``cases`` (a part reviewed whole, not sampled)."""
    return bool(cases) and all(i["review"] for i in cases)


def consensus_score(items: list[dict], key: str) -> dict:
    """Verdicts of ``key`` on the cases where the adjudicated truth and the blind review agree (a KEEP or
    NAME text the truth keeps, a PROSE or REJECT text it does not): a miss there is wrong by both readings.
    The other cases are counted apart, with whose side the verdict takes."""
    right = let_through = lost = contested = with_truth = 0
    agreed = 0
    for item in items:
        truth, reviewed = item["adjudicated"][1], item["review"][0] in REVIEW_KEEP
        kept = item[key][1] == lp.PERMISSIVE
        if truth != reviewed:
            contested += 1
            with_truth += kept == truth
            continue
        agreed += 1
        right += kept == truth
        let_through += kept and not truth
        lost += truth and not kept
    return {"cases": agreed, "right": right, "share": right / max(1, agreed), "let_through": let_through,
            "lost": lost, "contested": contested, "with_truth": with_truth, "with_review": contested - with_truth}


def read_sample(items: list[dict]) -> None:
    """The blind review's sample of the read parts (``REVIEWS``) not reviewed whole: the detector's
    rejections of texts the adjudicated truth keeps, and its agreements drawn at random, mixed so that the
    reviewers could not tell them apart. Prints what the review says of each group, and lists every case where it differs from the
    detector (the read parts are listed)."""
    whole = {part for part in LISTED if reviewed_whole([i for i in items if i["part"] == part])}
    sample = [i for i in items if i["review"] and i["part"] in LISTED and i["part"] not in whole]
    if not sample:
        return
    rejected = [i for i in sample if i["adjudicated"][1] and i["detector"][1] != lp.PERMISSIVE]
    agreed = [i for i in sample if i not in rejected]
    for name, group in (("rejections of permissive texts", rejected), ("agreements", agreed)):
        print(f"[read parts, blind review sample] the detector's {name}: {len(group)}, the review says "
              f"{dict(sorted(Counter(i['review'][0] for i in group).items()))}")
    # The read parts' share right against the review, estimated: the rejections as the review judges them
    # (all of them are in the sample), the agreements at the rate the sampled ones hold up.
    population = [i for i in items if i["part"] in LISTED and i["part"] not in ("in-sample", "consumed", *whole)
                  and i["dataset"] not in UNSCORED]
    lost = [i for i in population if i["adjudicated"][1] and i["detector"][1] != lp.PERMISSIVE]
    if population and all(i["review"] for i in lost) and agreed:
        holds = sum((i["detector"][1] == lp.PERMISSIVE) == (i["review"][0] in REVIEW_KEEP) for i in agreed) / len(agreed)
        right = sum(i["review"][0] not in REVIEW_KEEP for i in lost) + (len(population) - len(lost)) * holds
        print(f"[read parts, blind review sample] fresh read parts: {len(population)} cases, adjudicated "
              f"{1 - len(lost) / len(population):.1%}; against the review, estimated {right / len(population):.1%} "
              f"({len(lost)} rejections reviewed, {holds:.1%} of {len(agreed)} sampled agreements hold)")
    for item in sample:
        kept = item["detector"][1] == lp.PERMISSIVE
        if kept != (item["review"][0] in REVIEW_KEEP):
            print(f"    {item['name']} ({item['part']}): detector {item['detector'][0]} {item['detector'][1]}, "
                  f"review {item['review'][0]} {item['review'][1]}: {item['review'][2][:200]}")


def answered_before_scancode(detector: LicenseDetector, text: str) -> bool:
    """True when the detector answers ``text`` as a licence file without scancode (its evidence says
    which step answered)."""
    evidence = detector.scan_text(text, {"file": "LICENSE", "folder": ""}, "license")
    return bool(evidence) and all(e["method"] != "scancode" for e in evidence)


def throughput(detector: LicenseDetector, texts: list[str], label: str, repeat: int) -> float:
    """Licence files per CPU second, scancode alone against the detector, on the same distinct files.

    Both sides start warm (one untimed pass: scancode's index and automatons, the detector's per-rule
    tables) and neither may remember an answer: scancode's per-worker result cache and the detector's
    evidence cache by content hash (``pipeline.licensing.cache``) are both off, so each of the ``repeat``
    passes does the whole work on every file. (With the evidence cache on, a second pass over the same
    files costs nothing, which measures the cache, not the detector.)"""
    runner = ScancodeRunner(timeout_s=detector.cfg.scancode_timeout_s).load()
    runner.cache_size = 0
    detector = LicenseDetector(detector.cfg.model_copy(update={"cache_entries": 0}), runner=runner).setup()
    where = {"file": "LICENSE", "folder": ""}
    for text in texts:  # the untimed warm-up pass of both sides
        runner.scan(text)
        detector.scan_text(text, where, "license")
    scancode_s, detector_s = [], []
    for _ in range(repeat):
        cpu0 = time.process_time()
        for text in texts:
            runner.scan(text)
        scancode_s.append(time.process_time() - cpu0)
        cpu0 = time.process_time()
        for text in texts:
            detector.scan_text(text, where, "license")
        detector_s.append(time.process_time() - cpu0)
    assert len(detector.cache) == 0, "the detector's evidence cache must stay off while timed"
    rates = [(len(texts) / s, len(texts) / d, s / d) for s, d in zip(scancode_s, detector_s, strict=True)]
    left = [t for t in texts if not answered_before_scancode(detector, t)]
    hits = len(texts) - len(left)
    # The ratio's ceiling: the detector hands ``left`` to scancode, which costs what scancode alone costs
    # on them even if every step before scancode were free.
    cpu0 = time.process_time()
    for text in left:
        runner.scan(text)
    left_s = time.process_time() - cpu0
    ceiling = f"{statistics.fmean(scancode_s) / left_s:.1f}x" if left else "none"

    def spread(values: list[float]) -> str:
        mean = statistics.fmean(values)
        return f"{mean:.1f} ± {statistics.stdev(values):.1f}" if len(values) > 1 else f"{mean:.1f}"

    print(
        f"[throughput {label}] files={len(texts)} answered_without_scancode={hits} ({hits / max(1, len(texts)):.0%}) "
        f"passes={repeat}  scancode_alone={spread([r[0] for r in rates])} files/s/core  "
        f"detector={spread([r[1] for r in rates])} files/s/core  ratio={spread([r[2] for r in rates])}x  "
        f"(ceiling with every step before scancode free: {ceiling})"
    )
    return statistics.fmean(r[2] for r in rates)


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
    parser.add_argument("--fresh", type=Path, default=FRESH, help="the fresh labelled sample (held out)")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over the files (after a warm-up)")
    parser.add_argument("--throughput", action="store_true", help="also time licence files per second")
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
    for item in items:
        item["part"] = "consumed" if held_out(item["name"]) else "in-sample"
    if args.fresh.is_dir():
        items += load_fresh(args.fresh)
    met = accuracy(detector, items, [p for p in PARTS if any(i["part"] == p for i in items)])
    if args.throughput:
        # The labelled sets' licence files (licensecheck + licensee), the same 288 files whatever the fresh
        # sample holds (issue 3's goal is stated on them).
        texts = [text for item in items if item["dataset"] in ("licensecheck", "licensee") for _, text in item["files"]]
        ratio = throughput(detector, texts, "all labelled files (licensecheck + licensee)", args.repeat)
        met = met and ratio >= 10
        hits = [t for t in texts if answered_before_scancode(detector, t)]
        throughput(detector, hits, "files answered before scancode", args.repeat)
        installed = installed_license_files()
        throughput(detector, installed, "licence files of the installed distributions", args.repeat)
        print(f"issue 3's goal (>= 10x on the labelled files): {'met' if ratio >= 10 else 'missed'} at {ratio:.1f}x")
    throughput_goal = ", and >= 10x licence files per second" if args.throughput else ""
    print(f"total {time.monotonic() - started:.0f} s; goal (>= 99% right and 0 let through against the adjudicated truth, "
          f"every part{throughput_goal}): {'met' if met else 'MISSED'}")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
