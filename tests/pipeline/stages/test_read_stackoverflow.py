"""ReadStackOverflow under TestPipeline: sample dump, real dumps (folder, pipe variant, .7z), accounting,
opt-outs and author names (Users.xml)."""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import apache_beam as beam
import py7zr
import pytest
from apache_beam.testing.util import assert_that, equal_to

from pipeline import records
from pipeline.algorithms.optout import parse_exclude
from pipeline.beam_runner import offline_test_pipeline
from pipeline.config import StackOverflowSource
from pipeline.metrics import query_counters, stage_stats
from pipeline.stages.read_stackoverflow import ReadStackOverflow

SAMPLE = Path(__file__).resolve().parents[3] / "pipeline" / "sources" / "data" / "stackoverflow_sample"
SHARED = Path(__file__).resolve().parents[4] / "shared" / "data" / "stackexchange"


def _save(rows: list, path: str) -> None:
    with open(path, "wb") as handle:
        pickle.dump(rows, handle)


def run_stage(
    cfg: StackOverflowSource,
    tmp_path: Path,
    argv: list[str] | None = None,
    expect_paths: list[str] | None = None,
) -> tuple[list, list, dict]:
    p = offline_test_pipeline(argv)
    out = p | "ReadStackOverflow" >> ReadStackOverflow(cfg)
    for name in ("kept", "rejected"):
        (
            out[name]
            | f"Collect{name}" >> beam.combiners.ToList()
            | f"Save{name}" >> beam.Map(_save, str(tmp_path / f"{name}.pkl"))
        )
    if expect_paths is not None:
        assert_that(out["kept"] | beam.Map(lambda d: d["path"]), equal_to(expect_paths))
    result = p.run()
    result.wait_until_finish()
    with open(tmp_path / "kept.pkl", "rb") as k, open(tmp_path / "rejected.pkl", "rb") as r:
        kept, rejected = pickle.load(k), pickle.load(r)
    return kept, rejected, stage_stats(query_counters(result)["ReadStackOverflow"])


def parts_accounted(stats: dict, kind: str) -> int:
    return sum(stats.get(kind, {}).values())


@pytest.mark.timeout(120)
def test_sample_dump(tmp_path: Path) -> None:
    summary = json.loads((SAMPLE / "summary.json").read_text())["sites"]
    kept, rejected, stats = run_stage(StackOverflowSource(path=str(SAMPLE)), tmp_path)
    questions = sum(s["questions"] for s in summary.values())
    watermarks = sum(s["watermark_posts"] for s in summary.values())
    malformed = sum(s["malformed_posts"] + s["malformed_comments"] for s in summary.values())
    assert stats["balanced"] and stats["seen"] == questions + watermarks + malformed
    assert stats["rejected"]["watermark_post"] == watermarks
    assert stats["rejected"]["malformed_row"] == malformed
    assert stats["kept"] + stats["rejected"]["no_answers"] == questions
    assert stats["rejected"]["no_answers"] >= sum(s["unanswered"] for s in summary.values())
    # every answer and comment row is accounted for exactly once
    assert parts_accounted(stats, "answers") == sum(s["answers"] for s in summary.values())
    assert parts_accounted(stats, "comments") == sum(s["comments"] for s in summary.values())
    assert len(kept) == stats["kept"] and len(rejected) == sum(stats["rejected"].values())
    records.to_table(kept)  # the schema accepts every document
    records.to_table(rejected, records.REJECTED_SCHEMA)

    by_reason = {r["reason"] for r in rejected}
    assert by_reason == {"watermark_post", "malformed_row", "no_answers"}
    assert sorted(r["path"] for r in rejected if r["reason"] == "watermark_post") == [
        "questions/1000000001",
        "questions/1000000010",
    ]
    for doc in kept:
        site = doc["repo"]
        assert doc["source"] == "stackoverflow" and doc["lang"] == "stackoverflow" and doc["ext"] == ""
        assert doc["url"] == f"https://{site}/{doc['path']}"
        assert doc["license"] in ("CC-BY-SA-3.0", "CC-BY-SA-4.0", "CC-BY-SA-2.5") and doc["tags"]
        assert doc["content"] == "\n\n".join(p["text"] for p in doc["parts"])
        assert doc["parts"][0]["kind"] == "q" and "<code>" in doc["content"]
        answers = [p for p in doc["parts"] if p["kind"] == "a"]
        assert 1 <= len(answers) <= 10 and all(p["score"] >= 0 for p in answers)
        assert all(p["text"] and "<|" not in p["text"] for p in doc["parts"])
        assert all(p["author"] or p["author_id"] is not None for p in doc["parts"])  # attribution kept
        assert all(p["created_at"] for p in doc["parts"])
    # the pre-2018 site has no ContentLicense: licence inferred from dates and said so
    meta = [d for d in kept if d["repo"] == "meta.demo.stackexchange.com"]
    assert meta and any(json.loads(d["license_evidence"])["inferred_from_date"] for d in meta)


def _real_sites(shared_data: Path, root: Path) -> None:
    src = shared_data / "stackexchange" / "conlang_meta_2020"
    (root / "conlang.example").mkdir(parents=True)
    (root / "pipe.conlang.example").mkdir()
    for name in ("Posts.xml", "Comments.xml"):
        shutil.copy(src / name, root / "conlang.example" / name)
    shutil.copy(
        shared_data / "stackexchange" / "derived_pipe_format" / "Posts.conlang_meta.pipe_tags_shuffled.xml",
        root / "pipe.conlang.example" / "Posts.xml",
    )
    shutil.copy(src / "Comments.xml", root / "pipe.conlang.example" / "Comments.xml")
    with py7zr.SevenZipFile(root / "7z.conlang.example.7z", "w") as archive:
        archive.write(src / "Posts.xml", "Posts.xml")
        archive.write(src / "Comments.xml", "Comments.xml")


@pytest.mark.timeout(180)
def test_real_dump_folder_pipe_variant_and_7z_agree(shared_data: Path, tmp_path: Path) -> None:
    expected = json.loads(
        (shared_data / "stackexchange" / "conlang_meta_2020" / "expected_summary.json").read_text()
    )
    root = tmp_path / "dumps"
    _real_sites(shared_data, root)
    cfg = StackOverflowSource(path=str(root), desired_bundle_size_mb=1)
    kept, rejected, stats = run_stage(cfg, tmp_path)
    assert stats["balanced"] and stats["seen"] == 3 * expected["questions"]
    assert parts_accounted(stats, "answers") == 3 * expected["answers"]
    assert parts_accounted(stats, "comments") == 3 * expected["comments"]
    assert stats["rows"]["posts"] == 3 * expected["posts"]
    assert stats["rows"]["comments"] == 3 * expected["comments"]
    assert stats["rows"]["other_post_type"] == 3 * (
        expected["posts"] - expected["questions"] - expected["answers"]
    )

    def view(docs: list, site: str) -> dict:
        return {
            d["path"]: (d["content"], d["tags"], d["license"], d["parts"]) for d in docs if d["repo"] == site
        }

    plain = view(kept, "conlang.example")
    assert plain and plain == view(kept, "pipe.conlang.example") == view(kept, "7z.conlang.example")
    assert {r["reason"] for r in rejected} == {"no_answers"}
    tags = {t for content, doc_tags, _, _ in plain.values() for t in doc_tags}
    assert "discussion" in tags and all("<" not in t and "|" not in t for t in tags)


@pytest.mark.timeout(120)
def test_thresholds_from_config(tmp_path: Path) -> None:
    cfg = StackOverflowSource(
        path=str(SAMPLE),
        sites=["demo.stackexchange.com"],
        min_answers=2,
        max_answers=1,
        min_answer_score=5,
        max_comments=0,
    )
    kept, rejected, stats = run_stage(cfg, tmp_path)
    for doc in kept:
        kinds = [p["kind"] for p in doc["parts"]]
        assert kinds == ["q", "a"] and doc["parts"][1]["score"] >= 5
    assert "comments" not in stats or stats["comments"].get("kept", 0) == 0
    assert stats["rejected"].get("too_few_answers", 0) + stats["rejected"].get("no_answers", 0) > 0
    assert all(d["repo"] == "demo.stackexchange.com" for d in kept + rejected)


@pytest.mark.timeout(300)
def test_multi_process_runner_same_documents(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    cfg = StackOverflowSource(path=str(SAMPLE), desired_bundle_size_mb=1)
    kept, _, _ = run_stage(cfg, tmp_path / "one")
    argv = ["--direct_num_workers=2", "--direct_running_mode=multi_processing"]
    kept_mp, _, stats = run_stage(cfg, tmp_path / "two", argv, expect_paths=sorted(d["path"] for d in kept))
    assert sorted(d["sha256"] for d in kept_mp) == sorted(d["sha256"] for d in kept)
    assert stats["balanced"]


@pytest.mark.timeout(180)
def test_real_bicycles_dump_counts(shared_data: Path, tmp_path: Path) -> None:
    src = shared_data / "stackexchange" / "bicycles_meta_2023"
    expected = json.loads((src / "expected_summary.json").read_text())
    site = tmp_path / "dumps" / "bicycles.meta.stackexchange.com"
    site.mkdir(parents=True)
    for name in ("Posts.xml", "Comments.xml"):
        shutil.copy(src / name, site / name)
    kept, rejected, stats = run_stage(StackOverflowSource(path=str(tmp_path / "dumps")), tmp_path)
    assert stats["balanced"] and stats["seen"] == expected["questions"] == len(kept) + len(rejected)
    assert stats["rows"]["posts"] == expected["posts"] and stats["rows"]["comments"] == expected["comments"]
    assert parts_accounted(stats, "answers") == expected["answers"]
    assert parts_accounted(stats, "comments") == expected["comments"]
    assert "orphan" not in stats["comments"]  # expected_summary: comments_on_missing_posts == 0
    docs = kept + rejected
    part_licenses = [p["content_license"] for d in docs for p in d["parts"] if p["kind"] != "c"]
    assert set(part_licenses) <= set(expected["content_license_counts"])
    accepted = [p for d in kept for p in d["parts"] if p["accepted"]]
    assert len(accepted) == len({p["parent_id"] for p in accepted}) > 0
    assert all(d["url"].startswith("https://bicycles.meta.stackexchange.com/questions/") for d in docs)


HOSTILE_POSTS = (
    '\ufeff<?xml version="1.0" encoding="utf-8"?>\n<posts>\n'
    '  <row Id="20" PostTypeId="2" ParentId="10" Score="1" Body="&lt;p&gt;answer&lt;/p&gt;" />\n'
    '  <row Id="10" PostTypeId="1" Title="dup" Body="&lt;p&gt;first&lt;/p&gt;" Tags="|a|" />\n'
    '  <row Id="10" PostTypeId="1" Title="dup" Body="&lt;p&gt;second&lt;/p&gt;" Tags="|a|" />\n'
    '  <row Id="30" PostTypeId="2" ParentId="99" Score="5" Body="orphan answer" />\n'
    '  <row Id="1000000001" PostTypeId="1" Title="watermark" />\n'
    '  <row Id="40" PostTypeId="1" Title="big" Body="' + "x" * 5000 + '" />\n'
    '  <row Id="50" PostTypeId="5" Body="tag wiki" />\n'
    "</posts>\n"
)
HOSTILE_COMMENTS = (
    '<?xml version="1.0" encoding="utf-8"?>\n<comments>\n'
    '  <row Id="1" PostId="20" Score="0" Text="on the answer" UserDisplayName="gone" />\n'
    '  <row Id="2" PostId="10" Text="on the question" UserId="3" />\n'
    '  <row Id="3" PostId="77" Text="on nothing" />\n'
    '  <row Id="4" PostId="1000000001" Text="on the watermark" />\n'
    '  <row Id="5" PostId="30" Text="on the orphan answer" />\n'
    '  <row Id="6" Text="no post id" />\n'
    "</comments>\n"
)


@pytest.mark.timeout(120)
def test_hostile_site_every_row_accounted(tmp_path: Path) -> None:
    site = tmp_path / "dumps" / "h.example"
    site.mkdir(parents=True)
    (site / "Posts.xml").write_text(HOSTILE_POSTS, encoding="utf-8")
    (site / "Comments.xml").write_text(HOSTILE_COMMENTS, encoding="utf-8")
    (tmp_path / "dumps" / "broken.example.7z").write_bytes(b"7z\xbc\xaf\x27\x1c not really an archive")
    cfg = StackOverflowSource(
        path=str(tmp_path / "dumps"), max_row_bytes=1024, sites=["h.example", "broken.example"]
    )
    kept, rejected, stats = run_stage(cfg, tmp_path)
    assert stats["balanced"]
    assert stats["rejected"] == {
        "watermark_post": 1,
        "row_too_large": 1,
        "malformed_row": 1,
        "corrupt_archive": 2,
        "duplicate_question": 1,  # reaches rejected/, not a silent skip
    }
    assert stats["skipped"] == {}
    assert stats["rows"]["unreadable_users_member"] == 1  # Users.xml only costs names, not a row
    (dup,) = [r for r in rejected if r["reason"] == "duplicate_question"]
    assert dup["path"] == "questions/10" and dup["parts"][0]["kind"] == "q"
    assert stats["answers"] == {"kept": 1, "orphan": 1}
    assert stats["comments"] == {"kept": 2, "orphan": 2, "on_watermark_post": 1}
    assert stats["rows"]["other_post_type"] == 1
    (doc,) = kept
    assert [(p["kind"], p["post_id"]) for p in doc["parts"]] == [("q", 10), ("c", 2), ("a", 20), ("c", 1)]
    assert (
        doc["parts"][0]["text"] == "dup\n\nfirst"
        and doc["tags"] == ["a"]
        and doc["url"] == "https://h.example/questions/10"
    )
    assert doc["parts"][3]["author"] == "gone" and doc["parts"][3]["author_id"] is None
    assert doc["license"] is None and json.loads(doc["license_evidence"])["unknown"] == 4
    assert sorted(r["path"] for r in rejected if r["reason"] == "corrupt_archive") == [
        f"{tmp_path / 'dumps' / 'broken.example.7z'}!{name}" for name in ("Comments.xml", "Posts.xml")
    ]


def test_config_section_validated() -> None:
    from pipeline.config import parse_config
    from pipeline.errors import ConfigError

    cfg = parse_config({"output_dir": "o", "build": {"sources": [{"kind": "stackoverflow", "path": "d"}]}})
    source = cfg.build.sources[0]
    assert isinstance(source, StackOverflowSource) and source.max_answers == 10 and source.max_comments == 5
    with pytest.raises(ConfigError, match="max_comment"):
        parse_config(
            {
                "output_dir": "o",
                "build": {"sources": [{"kind": "stackoverflow", "path": "d", "max_comment": 3}]},
            }
        )
    with pytest.raises(ConfigError, match="max_answers"):
        parse_config(
            {
                "output_dir": "o",
                "build": {"sources": [{"kind": "stackoverflow", "path": "d", "max_answers": -1}]},
            }
        )


def test_missing_dump_fails_at_construction(tmp_path: Path) -> None:
    from pipeline.errors import FatalError

    with pytest.raises(FatalError, match="not found"):
        offline_test_pipeline() | ReadStackOverflow(StackOverflowSource(path=str(tmp_path / "nope")))


@pytest.mark.timeout(120)
def test_7z_without_comments_member(tmp_path: Path) -> None:
    root = tmp_path / "dumps"
    root.mkdir()
    with py7zr.SevenZipFile(root / "p.example.7z", "w") as archive:
        archive.writestr(HOSTILE_POSTS, "Posts.xml")
    kept, rejected, stats = run_stage(StackOverflowSource(path=str(root)), tmp_path)
    assert stats["rows"]["missing_comments_member"] == 1 and stats["balanced"]
    assert [d["path"] for d in kept] == ["questions/10"] and not any(
        p["kind"] == "c" for p in kept[0]["parts"]
    )


POSTS = """\ufeff<?xml version="1.0" encoding="utf-8"?>
<posts>
  <row Id="1" PostTypeId="1" Score="3" Title="Keep me" Body="&lt;p&gt;q1&lt;/p&gt;" Tags="|a|" OwnerUserId="10" CreationDate="2019-01-01T00:00:00.000" ContentLicense="CC BY-SA 4.0" />
  <row Id="2" PostTypeId="2" ParentId="1" Score="5" Body="&lt;p&gt;opted-out answer&lt;/p&gt;" OwnerUserId="66" CreationDate="2019-01-02T00:00:00.000" ContentLicense="CC BY-SA 4.0" />
  <row Id="3" PostTypeId="2" ParentId="1" Score="1" Body="&lt;p&gt;kept answer&lt;/p&gt;" OwnerUserId="11" CreationDate="2019-01-03T00:00:00.000" ContentLicense="CC BY-SA 4.0" />
  <row Id="4" PostTypeId="1" Score="1" Title="Remove me" Body="&lt;p&gt;q2 by the opted-out user&lt;/p&gt;" Tags="|b|" OwnerUserId="66" CreationDate="2019-02-01T00:00:00.000" ContentLicense="CC BY-SA 4.0" />
  <row Id="5" PostTypeId="2" ParentId="4" Score="1" Body="&lt;p&gt;answer on q2&lt;/p&gt;" OwnerUserId="11" CreationDate="2019-02-02T00:00:00.000" ContentLicense="CC BY-SA 4.0" />
  <row Id="6" PostTypeId="1" Score="1" Title="No user row" Body="&lt;p&gt;q3&lt;/p&gt;" Tags="|c|" OwnerUserId="99" CreationDate="2010-02-01T00:00:00.000" />
  <row Id="7" PostTypeId="2" ParentId="6" Score="1" Body="&lt;p&gt;a3&lt;/p&gt;" OwnerUserId="10" CreationDate="2010-02-02T00:00:00.000" />
</posts>
"""
COMMENTS = """<?xml version="1.0" encoding="utf-8"?>
<comments>
  <row Id="1" PostId="3" Score="0" Text="a comment by the opted-out user" UserId="66" CreationDate="2019-01-04T00:00:00.000" ContentLicense="CC BY-SA 4.0" />
  <row Id="2" PostId="3" Score="0" Text="thanks" UserId="10" CreationDate="2019-01-05T00:00:00.000" ContentLicense="CC BY-SA 4.0" />
</comments>
"""
USERS = """<?xml version="1.0" encoding="utf-8"?>
<users>
  <row Id="10" DisplayName="Asker Ann" Reputation="5" />
  <row Id="11" DisplayName="Helper Hal" Reputation="50" />
  <row Id="66" DisplayName="Private Pat" Reputation="7" />
  <row Id="12" DisplayName="Nobody Here" />
  <row Id="broken" DisplayName="x" />
</users>
"""


@pytest.mark.timeout(180)
def test_stage_joins_names_and_honours_opt_outs(tmp_path, monkeypatch):
    site = tmp_path / "dumps" / "q.example"
    site.mkdir(parents=True)
    (site / "Posts.xml").write_text(POSTS, encoding="utf-8")
    (site / "Comments.xml").write_text(COMMENTS, encoding="utf-8")
    (site / "Users.xml").write_text(USERS, encoding="utf-8")
    exclude = parse_exclude("so-user:q.example:66\n")
    import tests.pipeline.stages.test_read_stackoverflow as stage_tests

    original = stage_tests.ReadStackOverflow
    monkeypatch.setattr(stage_tests, "ReadStackOverflow", lambda cfg: original(cfg, exclude))
    kept, rejected, stats = run_stage(StackOverflowSource(path=str(site.parent)), tmp_path)

    by_path = {d["path"]: d for d in kept}
    assert set(by_path) == {"questions/1", "questions/6"}
    first = by_path["questions/1"]
    assert [(p["post_id"], p["author"], p["author_id"]) for p in first["parts"]] == [
        (1, "Asker Ann", 10), (3, "Helper Hal", 11), (2, "Asker Ann", 10)]
    assert "opted-out" not in first["content"] and "Private Pat" not in str(first["parts"])
    assert [(p["author"], p["author_id"]) for p in by_path["questions/6"]["parts"]] == [(None, 99), ("Asker Ann", 10)]
    (removed,) = [r for r in rejected if r["reason"] == "opted_out"]
    assert (removed["path"], removed["content"], removed["parts"]) == ("questions/4", "", None)
    assert stats["rejected"]["opted_out"] == 1 and stats["rejected"]["malformed_row"] == 1  # the bad Users row
    assert stats["answers"]["opted_out"] == 1 and stats["comments"]["opted_out"] == 1
    assert stats["answers"]["on_opted_out_question"] == 1
    assert stats["rows"]["users"] == 4 and stats["balanced"]


@pytest.mark.timeout(300)
@pytest.mark.skipif(not (SHARED / "conlang_meta_2020" / "Users.xml").exists(), reason="shared data absent")
def test_real_dump_users_xml_names_the_authors(tmp_path):
    site = tmp_path / "conlang.meta.stackexchange.com"
    site.mkdir()
    for name in ("Posts.xml", "Comments.xml", "Users.xml"):
        (site / name).symlink_to(SHARED / "conlang_meta_2020" / name)
    kept, _, _ = run_stage(StackOverflowSource(path=str(site)), tmp_path)
    parts = [p for d in kept for p in d["parts"]]
    with_id = [p for p in parts if p["author_id"] is not None]
    named = [p for p in with_id if p["author"]]
    # Before Users.xml was read only deleted accounts (OwnerDisplayName) had names; now every id does.
    assert len(with_id) > 100 and len(named) == len(with_id)
