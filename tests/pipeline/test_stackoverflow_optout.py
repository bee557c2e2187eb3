"""StackOverflow opt-outs and author names (Users.xml): selection, the Beam stage, a real dump."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.algorithms.optout import parse_exclude
from pipeline.algorithms.so_select import Selection, assemble_question
from pipeline.config import StackOverflowSource
from tests.pipeline.test_stackoverflow_stage import run_stage

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "stackexchange"


def post(pid, ptype, owner, score=1, parent=None, body="text", created="2020-01-01T00:00:00.000"):
    return {"id": pid, "type": ptype, "parent_id": parent, "accepted_answer_id": None, "score": score,
            "title": "T" if ptype == 1 else None, "body": f"<p>{body}</p>", "tags": "<a>",
            "content_license": None, "owner_id": owner, "owner_name": None, "created_at": created}


def comment(cid, post_id, user, text="note"):
    return {"id": cid, "post_id": post_id, "score": 0, "text": text, "content_license": None,
            "user_id": user, "user_name": None, "created_at": "2020-01-02T00:00:00.000"}


def test_opted_out_answers_and_comments_leave_the_document():
    question = post(1, 1, owner=10)
    answers = [post(2, 2, owner=66, score=9, parent=1, body="best"), post(3, 2, owner=11, parent=1, body="other")]
    comments = [comment(4, 1, 66, "by the opted-out user"), comment(5, 3, 12)]
    result = assemble_question(question, answers, comments, Selection(max_answers=1), "x.example",
                               opted_out=lambda uid: uid == 66, user_names={10: "Asker", 11: "Helper"})
    assert result.reason is None
    assert [(p["kind"], p["post_id"], p["author"]) for p in result.parts] == [
        ("q", 1, "Asker"), ("a", 3, "Helper"), ("c", 5, None)]  # the next-best answer takes the place
    assert "best" not in result.content and "opted-out" not in result.content
    assert result.dropped["answers.opted_out"] == 1 and result.dropped["comments.opted_out"] == 1


def test_opted_out_question_is_removed_whole():
    result = assemble_question(post(1, 1, owner=66), [post(2, 2, owner=11, parent=1)], [comment(3, 1, 12)],
                               Selection(), "x.example", opted_out=lambda uid: uid == 66)
    assert (result.reason, result.parts, result.content) == ("opted_out", [], "")
    assert result.dropped["answers.on_opted_out_question"] == 1
    assert result.dropped["comments.on_opted_out_question"] == 1


def test_the_dumps_own_display_name_wins():
    question = {**post(1, 1, owner=None), "owner_name": "deleted-user"}
    result = assemble_question(question, [post(2, 2, owner=5, parent=1)], [], Selection(), "x.example",
                               user_names={5: "Five"})
    assert [(p["author"], p["author_id"]) for p in result.parts] == [("deleted-user", None), ("Five", 5)]


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
    import tests.pipeline.test_stackoverflow_stage as stage_tests

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
