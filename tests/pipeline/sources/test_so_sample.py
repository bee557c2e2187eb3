"""so_sample: the committed demo dump is exactly what the generator writes, and has what it promises."""

from __future__ import annotations

import filecmp
import json
from pathlib import Path

from pipeline.algorithms.so_select import parse_tags
from pipeline.errors import RecordError
from pipeline.sources import so_sample
from pipeline.sources.stackoverflow import iter_rows, parse_comment, parse_post, parse_row

SAMPLE = Path(__file__).resolve().parents[3] / "pipeline" / "sources" / "data" / "stackoverflow_sample"
FILES = [
    "summary.json",
    *(
        f"{site}/{name}"
        for site in (so_sample.MAIN_SITE, so_sample.META_SITE)
        for name in ("Posts.xml", "Comments.xml")
    ),
    f"{so_sample.MAIN_SITE}/Users.xml",
]


def test_committed_sample_is_regenerated_byte_for_byte(tmp_path: Path) -> None:
    assert so_sample.main([str(tmp_path)]) == 0
    match, mismatch, errors = filecmp.cmpfiles(SAMPLE, tmp_path, FILES, shallow=False)
    assert (mismatch, errors) == ([], []), (
        "run: python -m pipeline.sources.so_sample pipeline/sources/data/stackoverflow_sample"
    )


def test_other_seed_gives_other_dump(tmp_path: Path) -> None:
    so_sample.write_sample(tmp_path, seed=1)
    assert (tmp_path / so_sample.MAIN_SITE / "Posts.xml").read_bytes() != (
        SAMPLE / so_sample.MAIN_SITE / "Posts.xml"
    ).read_bytes()


def _posts(path: Path) -> tuple[list[dict], int]:
    posts, malformed = [], 0
    with open(path, "rb") as handle:
        for row in iter_rows(handle):
            try:
                posts.append(parse_post(parse_row(row.data)))
            except RecordError:
                malformed += 1
    return posts, malformed


def test_sample_has_both_generations_and_the_hazards() -> None:
    summary = json.loads((SAMPLE / "summary.json").read_text())["sites"]
    modern_raw = (SAMPLE / so_sample.MAIN_SITE / "Posts.xml").read_bytes()
    assert modern_raw.startswith(b"\xef\xbb\xbf<?xml") and b"<!--" in modern_raw
    modern, malformed = _posts(SAMPLE / so_sample.MAIN_SITE / "Posts.xml")
    old, old_malformed = _posts(SAMPLE / so_sample.META_SITE / "Posts.xml")
    assert malformed == summary[so_sample.MAIN_SITE]["malformed_posts"] == 1 and old_malformed == 0
    assert {p["id"] for p in modern} >= set(so_sample.WATERMARK_IDS)
    ids = [p["id"] for p in modern]
    assert ids != sorted(ids)  # rows shuffled like the 2024+ dumps
    assert [p["id"] for p in old] == sorted(p["id"] for p in old)
    assert all(p["tags"].startswith("|") for p in modern if p["type"] == 1)
    assert all(p["tags"].startswith("<") for p in old if p["type"] == 1)
    assert all(parse_tags(p["tags"]) for p in old + modern if p["type"] == 1)
    assert any(p["content_license"] is None for p in old) and all(p["content_license"] for p in modern)
    questions = [p for p in modern if p["type"] == 1 and p["id"] not in so_sample.WATERMARK_IDS]
    assert len(questions) == summary[so_sample.MAIN_SITE]["questions"]
    assert sum(p["type"] == 2 for p in modern) == summary[so_sample.MAIN_SITE]["answers"]
    assert all("<pre" in p["body"] and "<code>" in p["body"] for p in questions)
    assert sum(p["owner_id"] is None for p in modern) > 0  # deleted accounts: display name only
    assert 300 <= len(modern) + len(old) <= 1000
    with open(SAMPLE / so_sample.MAIN_SITE / "Comments.xml", "rb") as handle:
        comments = [parse_comment(parse_row(r.data)) for r in iter_rows(handle) if b"bad " not in r.data]
    with_id = sum(c["user_id"] is not None for c in comments)
    with_name = sum(c["user_name"] is not None for c in comments)
    assert with_id + with_name == len(comments) and with_id > with_name > 0
