"""Stack Exchange dump reading: real dumps, the pipe-tag variant, hostile XML, splitting, .7z."""

from __future__ import annotations

import io
import json
import shutil
from collections import Counter
from pathlib import Path

import py7zr
import pytest
from apache_beam.io import source_test_utils

from pipeline.algorithms.so_select import parse_tags
from pipeline.errors import FatalError, RecordError
from pipeline.sources.stackoverflow import (
    DumpFile,
    StackExchangeRowSource,
    discover_dumps,
    iter_rows,
    open_7z_member,
    parse_comment,
    parse_post,
    parse_row,
)

SITES = ["bicycles_meta_2023", "conlang_meta_2020"]


def read_all(path: Path, **kwargs: object) -> list:
    with open(path, "rb") as handle:
        return list(iter_rows(handle, **kwargs))


def summarize(site_dir: Path) -> dict:
    """The expected_summary.json facts, computed from our own row reader and parsers."""
    posts = [parse_post(parse_row(r.data)) for r in read_all(site_dir / "Posts.xml")]
    comments = [parse_comment(parse_row(r.data)) for r in read_all(site_dir / "Comments.xml")]
    by_id = {p["id"]: p for p in posts}
    questions = [p for p in posts if p["type"] == 1]
    tags = Counter(t for q in questions for t in parse_tags(q["tags"]))
    accepted = [q["accepted_answer_id"] for q in questions if q["accepted_answer_id"] is not None]
    return {
        "posts": len(posts),
        "post_type_counts": {str(k): v for k, v in Counter(p["type"] for p in posts).items()},
        "questions": len(questions),
        "answers": sum(p["type"] == 2 for p in posts),
        "questions_with_accepted_answer": len(accepted),
        "accepted_answer_ids_resolve": all(a in by_id and by_id[a]["type"] == 2 for a in accepted),
        "comments": len(comments),
        "comments_on_missing_posts": sum(c["post_id"] not in by_id for c in comments),
        "posts_without_OwnerUserId": sum(p["owner_id"] is None for p in posts),
        "comments_without_UserId": sum(c["user_id"] is None for c in comments),
        "content_license_counts": dict(Counter(p["content_license"] for p in posts)),
        "distinct_question_tags": len(tags),
        "tags": tags,
        "file_has_utf8_bom": (site_dir / "Posts.xml").read_bytes()[:3] == b"\xef\xbb\xbf",
    }


@pytest.mark.parametrize("site", SITES)
def test_real_dump_matches_expected_summary(shared_data: Path, site: str) -> None:
    site_dir = shared_data / "stackexchange" / site
    expected = json.loads((site_dir / "expected_summary.json").read_text())
    got = summarize(site_dir)
    for key, value in got.items():
        if key != "tags":
            assert value == expected[key], key
    for tag, count in expected["top_tags"]:
        assert got["tags"][tag] == count, tag


def test_pipe_tag_variant_same_posts_and_tags(shared_data: Path) -> None:
    variant = (
        shared_data / "stackexchange" / "derived_pipe_format" / "Posts.conlang_meta.pipe_tags_shuffled.xml"
    )
    original = shared_data / "stackexchange" / "conlang_meta_2020" / "Posts.xml"

    def posts(path: Path) -> dict:
        return {p["id"]: p for p in (parse_post(parse_row(r.data)) for r in read_all(path))}

    shuffled, sorted_posts = posts(variant), posts(original)
    assert variant.read_bytes().count(b"<!--") == 1
    assert set(shuffled) == set(sorted_posts)
    assert [r for r in read_all(variant)][0].offset > 0
    for pid, post in sorted_posts.items():
        assert parse_tags(shuffled[pid]["tags"]) == parse_tags(post["tags"])
        assert shuffled[pid]["body"] == post["body"]
    assert any((p["tags"] or "").startswith("|") for p in shuffled.values())


HOSTILE = (
    b'\xef\xbb\xbf<?xml version="1.0" encoding="utf-8"?>\n'
    b'<!DOCTYPE posts [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY lol "lol">]>\n'
    b"<!-- leading comment -->\n<posts>\n"
    b'  <row Id="3" PostTypeId="2" ParentId="1" Body="&lt;p&gt;late&lt;/p&gt;" />\n'  # 0 unsorted
    b'  <row Id="1" PostTypeId="1" />\n'  # 1 nearly every attribute absent
    b'  <row Id="4" PostTypeId="1" Body="&xxe;" />\n'  # 2 external entity: malformed
    b'  <row Id="5" PostTypeId="1" Body="&lol;" />\n'  # 3 internal entity: malformed (no DTD read)
    b'  <row Id="6" PostTypeId="1" Body="bad "quote" />\n'  # 4 malformed
    b'  <row Id="x7" PostTypeId="1" />\n'  # 5 non-integer id
    b'  <row PostTypeId="1" Title="no id" />\n'  # 6 no Id
    b'  <row Id="8" PostTypeId="2" />\n'  # 7 answer without parent
    b'  <row Id="9" PostTypeId="1" Title="caf\xc3\xa9 &#x1F600; &amp;amp;" Body="'
    + b"A"
    * 3000
    + b'" />\n'  # 8 huge
    b'  <row Id="10" PostTypeId="1" Title="\xff\xfe" />\n'  # 9 invalid UTF-8
    b'  <row Id="11" PostTypeId="1" Title="&#x0;" />\n'  # 10 invalid character reference
    b'  <row Id="12" PostTypeId="1" Title="fine" />\n'  # 11
    b"</posts>\n"
)


def classify(data: bytes, **kwargs: object) -> list[str]:
    out = []
    for row in iter_rows(io.BytesIO(data), **kwargs):
        if row.data is None:
            out.append("row_too_large")
            continue
        try:
            out.append(str(parse_post(parse_row(row.data))["id"]))
        except RecordError as exc:
            out.append(exc.reason)
    return out


def test_hostile_rows_each_counted_none_derails_the_rest() -> None:
    got = classify(HOSTILE, max_row_bytes=2048)
    assert got == ["3", "1"] + ["malformed_row"] * 6 + ["row_too_large"] + ["malformed_row"] * 2 + ["12"]
    # under a bigger cap the long row parses, with entities decoded once
    post = parse_post(parse_row(list(iter_rows(io.BytesIO(HOSTILE)))[8].data))
    assert post["title"] == "caf\u00e9 \U0001f600 &amp;" and len(post["body"]) == 3000


def test_absent_attributes_are_none() -> None:
    post = parse_post(parse_row(b'<row Id="1" PostTypeId="1" />'))
    assert post["id"] == 1 and all(post[k] is None for k in ("title", "body", "tags", "score", "owner_id"))
    comment = parse_comment(parse_row(b'<row Id="2" PostId="1" />'))
    assert comment["text"] is None and comment["user_id"] is None


def test_truncated_file_keeps_complete_rows() -> None:
    cut = HOSTILE[: HOSTILE.index(b'Title="fine"') + 5]
    got = classify(cut, max_row_bytes=2048)
    assert got[:2] == ["3", "1"] and got[-1] == "malformed_row" and len(got) == 12


@pytest.mark.parametrize("chunk", [1, 3, 4, 5, 17, 4096])
def test_row_cutting_independent_of_chunk_size(chunk: int) -> None:
    assert list(iter_rows(io.BytesIO(HOSTILE), chunk_bytes=chunk, max_row_bytes=2048)) == list(
        iter_rows(io.BytesIO(HOSTILE), max_row_bytes=2048)
    )


def test_oversized_row_not_buffered_and_offsets_stay_right() -> None:
    data = b'<posts>\n<row Id="1" Body="' + b"x" * 10_000 + b'" />\n<row Id="2" PostTypeId="1" />\n</posts>'
    rows = list(iter_rows(io.BytesIO(data), chunk_bytes=64, max_row_bytes=1024))
    assert rows[0].data is None and rows[0].size > 10_000
    assert rows[1].offset == data.index(b'<row Id="2"') and rows[1].data == b'<row Id="2" PostTypeId="1" />'


@pytest.mark.parametrize("site", SITES)
def test_split_into_many_ranges_equals_one_range(shared_data: Path, site: str) -> None:
    dump = DumpFile(site, "Posts", str(shared_data / "stackexchange" / site / "Posts.xml"))
    source = StackExchangeRowSource(dump)
    bundles = list(source.split(desired_bundle_size=4096))
    assert len(bundles) > 50
    source_test_utils.assert_sources_equal_reference_source(
        (source, None, None), [(b.source, b.start_position, b.stop_position) for b in bundles]
    )
    rows = [
        r
        for b in bundles
        for _, r in source_test_utils.read_from_source(b.source, b.start_position, b.stop_position)
    ]
    offsets = [r.offset for r in rows]
    assert len(offsets) == len(set(offsets)) == len(read_all(Path(dump.path)))


def test_configured_range_size_caps_runner_request(shared_data: Path) -> None:
    path = shared_data / "stackexchange" / "conlang_meta_2020" / "Posts.xml"
    source = StackExchangeRowSource(DumpFile("c", "Posts", str(path)), bundle_bytes=32 << 10)
    bundles = list(source.split(desired_bundle_size=64 << 20))
    assert len(bundles) == -(-path.stat().st_size // (32 << 10))


def test_dynamic_split_at_fraction(tmp_path: Path) -> None:
    path = tmp_path / "Posts.xml"
    path.write_bytes(HOSTILE)
    source = StackExchangeRowSource(DumpFile("s", "Posts", str(path)))
    source_test_utils.assert_split_at_fraction_exhaustive(source)


def make_site(root: Path, site: str, shared_data: Path, source_site: str = "conlang_meta_2020") -> Path:
    (root / site).mkdir(parents=True)
    for name in ("Posts.xml", "Comments.xml"):
        shutil.copy(shared_data / "stackexchange" / source_site / name, root / site / name)
    return root / site


def test_7z_member_streams_same_rows(shared_data: Path, tmp_path: Path) -> None:
    src = shared_data / "stackexchange" / "conlang_meta_2020"
    archive = tmp_path / "conlang.meta.stackexchange.com.7z"
    with py7zr.SevenZipFile(archive, "w") as z:
        z.write(src / "Posts.xml", "Posts.xml")
        z.write(src / "Comments.xml", "Comments.xml")
    with open_7z_member(str(archive), "Comments.xml") as stream:
        assert list(iter_rows(stream, chunk_bytes=1000)) == read_all(src / "Comments.xml")
    with open_7z_member(str(archive), "Posts.xml") as stream:  # stop early: the thread must not hang
        assert next(iter(iter_rows(stream))).offset > 0
    with pytest.raises(RecordError, match="missing_member"):
        with open_7z_member(str(archive), "Users.xml") as stream:
            stream.read()
    dumps = discover_dumps(str(tmp_path))
    assert [(d.site, d.kind, d.member) for d in dumps] == [
        ("conlang.meta.stackexchange.com", "Posts", "Posts.xml"),
        ("conlang.meta.stackexchange.com", "Comments", "Comments.xml"),
    ]


def test_discover_folders_split_archives_and_errors(shared_data: Path, tmp_path: Path) -> None:
    make_site(tmp_path, "a.example", shared_data)
    (tmp_path / "b.example").mkdir()
    (tmp_path / "b.example" / "Posts.xml").write_bytes(b"<posts></posts>")
    (tmp_path / "stackoverflow.com-Posts.7z").write_bytes(b"")
    dumps = discover_dumps(str(tmp_path))
    assert [(d.site, d.kind, d.member is not None) for d in dumps] == [
        ("a.example", "Posts", False),
        ("a.example", "Comments", False),
        ("b.example", "Posts", False),
        ("stackoverflow.com", "Posts", True),
    ]
    assert [d.site for d in discover_dumps(str(tmp_path), ["b.example"])] == ["b.example"]
    assert [(d.site, d.kind) for d in discover_dumps(str(tmp_path / "a.example"))] == [
        ("a.example", "Posts"),
        ("a.example", "Comments"),
    ]
    with pytest.raises(FatalError, match="nope"):
        discover_dumps(str(tmp_path), ["nope"])
    with pytest.raises(FatalError, match="not found"):
        discover_dumps(str(tmp_path / "missing"))
    (tmp_path / "c.example").mkdir()
    (tmp_path / "c.example" / "Comments.xml").write_bytes(b"<comments></comments>")
    with pytest.raises(FatalError, match="no Posts.xml"):
        discover_dumps(str(tmp_path), ["c.example"])


def test_7z_stream_in_small_slices(
    shared_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.sources import stackoverflow

    monkeypatch.setattr(stackoverflow, "QUEUE_SLICE_BYTES", 1000)  # many slices per py7zr block
    src = shared_data / "stackexchange" / "conlang_meta_2020" / "Posts.xml"
    archive = tmp_path / "s.7z"
    with py7zr.SevenZipFile(archive, "w") as z:
        z.write(src, "Posts.xml")
    with open_7z_member(str(archive), "Posts.xml") as stream:
        data = b"".join(iter(lambda: stream.read(777), b""))
    assert data == src.read_bytes()


def test_every_split_point_gives_each_row_exactly_once(tmp_path: Path) -> None:
    data = HOSTILE.replace(b"A" * 3000, b"A" * 30)  # ~1.4 kB: try every byte as a range boundary
    path = tmp_path / "Posts.xml"
    path.write_bytes(data)
    source = StackExchangeRowSource(DumpFile("s", "Posts", str(path)))
    (whole,) = list(source.split(desired_bundle_size=len(data)))
    reference = [r.offset for _, r in source_test_utils.read_from_source(whole.source, 0, len(data))]
    assert len(reference) == 12
    for cut in range(len(data) + 1):
        left = source_test_utils.read_from_source(whole.source, 0, cut)
        right = source_test_utils.read_from_source(whole.source, cut, len(data))
        assert [r.offset for _, r in left + right] == reference, cut


@pytest.mark.parametrize(
    "data,titles",
    [
        (
            b'<posts><row Id="1" PostTypeId="1" Title="a"/><row Id="2" PostTypeId="1" Title="b"/></posts>',
            ["a", "b"],
        ),
        (b'<posts>\r\n<row Id="1" PostTypeId="1" Title="a" />\r\n</posts>\r\n', ["a"]),
        (b'<posts>\n<row\n Id="1"\n PostTypeId="1" Title="two\nlines&#xA;x" />\n</posts>', ["two lines\nx"]),
        (
            b"<posts>\n<row Id='1' PostTypeId='1' Title='single &apos;quoted&apos;' />\n</posts>",
            ["single 'quoted'"],
        ),
        (b'<posts>\n<rows/><row Id="1" PostTypeId="1" Title="a" />\n</posts>', ["a"]),
    ],
    ids=["back_to_back", "crlf", "multiline_row", "single_quotes", "rows_element_ignored"],
)
def test_row_layouts(data: bytes, titles: list[str]) -> None:
    assert [parse_post(parse_row(r.data))["title"] for r in iter_rows(io.BytesIO(data))] == titles
