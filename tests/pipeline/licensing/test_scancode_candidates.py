"""``pipeline.licensing.scancode_candidates``: scancode's candidate ranking on the rules that can pass
its first step gives exactly scancode's candidates, matches and licence verdicts."""

from __future__ import annotations

import sysconfig
from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline.licensing import scancode_candidates as sc

SHARED_LICENSES = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "licenses"


class FakeSet(set):
    def tolist(self) -> list[int]:
        return sorted(self)


def _rule(min_high: int, min_all: int, tids: set[int]) -> SimpleNamespace:
    return SimpleNamespace(get_min_high_matched_length=lambda unique: min_high,
                           get_min_matched_length=lambda unique: min_all,
                           get_length=lambda unique: len(tids))


def test_postings_keep_exactly_the_rules_passing_the_token_thresholds():
    # tokens 0-2 are legalese ("high"), 3-9 are not
    rules = [
        (1, 2, {0, 3}),  # shares 0 and 3 with the query: passes
        (2, 2, {0, 2, 4}),  # shares only one high token (0), needs two
        (0, 1, {5, 6}),  # no high token shared: dropped even with a minimum of 0
        (1, 4, {1, 3, 4, 9}),  # shares 1, 3 (two tokens), needs four
        (1, 1, {2}),  # not approximately matchable: never offered
        (1, 3, {0, 2, 3, 4}),  # shares 0, 3 only (two), needs three
        (1, 2, {1, 3, 8}),  # shares 1, 3: passes
    ]
    idx = SimpleNamespace(
        approx_matchable_rids={0, 1, 2, 3, 5, 6},
        sets_by_rid=[FakeSet(t) for _, _, t in rules],
        rules_by_rid=[_rule(*r) for r in rules],
        len_legalese=3,
    )
    postings = sc._Postings(idx)
    query = FakeSet({0, 1, 3, 5, 7})
    assert postings.passing(query) == {0, 6}
    assert postings.passing(FakeSet({7})) == set()
    # near-duplicate search: against {0, 1, 3, 7}, rule 0 ({0, 3}) resembles at 2/4, rule 6 ({1, 3, 8}) at 2/5
    near = FakeSet({0, 1, 3, 7})
    assert postings.passing(near) == {0, 6}
    assert postings.passing(near, resemblance=0.5) == {0}
    assert postings.passing(near, resemblance=0.4) == {0, 6}


# ---------------------------------------------------------------- with scancode-toolkit


def _real_texts(limit_heads: int = 60) -> list[str]:
    """Heads of installed Python files with a licence keyword (the header detector's input), the licence
    files of the installed distributions, and the labelled licence texts when ../shared is present."""
    from pipeline.licensing.cache import normalise_text, notice_block
    from pipeline.licensing.files import file_head, header_has_license_keywords

    site = Path(sysconfig.get_paths()["purelib"])
    heads: list[str] = []
    for package in ("pygments", "pip/_vendor", "packaging", "py7zr", "hypothesis", "colorama", "six.py"):
        for path in sorted((site / package).rglob("*.py") if (site / package).is_dir() else [site / package]):
            if not path.is_file() or len(heads) >= limit_heads:
                continue
            head = file_head(path.read_text(encoding="utf-8", errors="replace")[:25_600], 100)
            block = notice_block(normalise_text(head)) if header_has_license_keywords(head) else None
            if block is not None and block.text not in heads:
                heads.append(block.text)
    licences = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(site.glob("*.dist-info/LICEN[CS]E*"))
                if p.is_file()][:25]
    shared = []
    if SHARED_LICENSES.is_dir():
        shared = [p.read_text(encoding="utf-8", errors="replace")
                  for p in sorted((SHARED_LICENSES / "choosealicense").glob("*.txt"))[:20]]
    return heads + licences + shared


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_filtered_candidates_and_matches_are_scancodes():
    pytest.importorskip("licensedcode")
    from licensedcode import query
    from licensedcode.detection import detect_licenses

    from pipeline.licensing.scancode_runner import get_index

    idx = get_index()  # installs the filter
    assert sc._original is not None
    texts = _real_texts()
    assert len(texts) >= 40

    def candidates(text: str, compute) -> list:
        qry = query.build_query(query_string=text, idx=idx)
        return [compute(run, idx, idx.approx_matchable_rids, top, near)
                for run in [qry.whole_query_run(), *qry.query_runs] for near, top in ((True, 10), (False, 70))]

    def detections(text: str) -> list:
        return [(d.license_expression, [(m.rule.identifier, m.start_line, m.end_line, m.score(), tuple(m.qspan))
                                        for m in d.matches])
                for d in detect_licenses(index=idx, query_string=text)]

    original = sc._original
    for text in texts[:12]:
        assert candidates(text, sc.compute_candidates) == candidates(text, original)
    filtered = [detections(t) for t in texts]
    sc.uninstall()
    try:
        assert [detections(t) for t in texts] == filtered
    finally:
        sc.install()


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_header_and_licence_verdicts_are_the_same_with_and_without_the_filter():
    """Through the production path (``LicenseDetector``, residue rule included): every head and licence
    file of the sample gets the same expression and verdict from scancode as shipped."""
    pytest.importorskip("licensedcode")
    from pipeline.config import LicenseConfig
    from pipeline.licensing.detect import LicenseDetector, decide

    texts = _real_texts()

    def verdicts() -> list[tuple]:
        reader = LicenseDetector(LicenseConfig()).setup().reader._reader  # uncached TextReader
        out = []
        for text in texts:
            for kind in ("header", "license"):
                d = decide(reader.scancode(text, {"file": "f", "folder": ""}, kind))
                out.append((d.expression, d.verdict, [e.get("residue") for e in d.evidence]))
        return out

    filtered = verdicts()
    sc.uninstall()
    try:
        assert verdicts() == filtered
    finally:
        sc.install()
    assert any(v[1] == "permissive" for v in filtered) and any(v[1] == "not_permissive" for v in filtered)
