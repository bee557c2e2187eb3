"""so_select: InCoder's answer/comment selection, document layout and licence, opted-out users."""

from __future__ import annotations

import json

import pytest

from pipeline.algorithms.so_select import (
    Selection,
    assemble_question,
    document_license,
    parse_tags,
    part_license,
)


def question(qid: int = 1, accepted: int | None = None, **extra: object) -> dict:
    post = {
        "id": qid,
        "type": 1,
        "title": "How to x?",
        "body": "<p>Q body</p>",
        "tags": "<python><list>",
        "score": 3,
        "accepted_answer_id": accepted,
        "content_license": "CC BY-SA 4.0",
        "owner_id": 7,
        "owner_name": None,
        "created_at": "2020-01-01T00:00:00.000",
        "parent_id": None,
    }
    post.update(extra)
    return post


def answer(aid: int, score: int | None, license: str | None = "CC BY-SA 4.0", **extra: object) -> dict:
    post = {
        "id": aid,
        "type": 2,
        "parent_id": 1,
        "body": f"<p>A{aid}</p>",
        "score": score,
        "content_license": license,
        "owner_id": None,
        "owner_name": f"user{aid}",
        "created_at": "2020-01-02T00:00:00.000",
        "title": None,
        "tags": None,
        "accepted_answer_id": None,
    }
    post.update(extra)
    return post


def comment(cid: int, post_id: int, score: int | None = 0) -> dict:
    return {
        "id": cid,
        "post_id": post_id,
        "score": score,
        "text": f" c{cid} ",
        "content_license": "CC BY-SA 4.0",
        "user_id": 9,
        "user_name": None,
        "created_at": "2020-01-03T00:00:00.000",
    }


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("<python><django-rest>", ["python", "django-rest"]),
        ("|python|django-rest|", ["python", "django-rest"]),
        ("<c++>", ["c++"]),
        ("|c#|", ["c#"]),
        ("", []),
        (None, []),
    ],
)
def test_parse_tags_both_generations(raw: str | None, expected: list[str]) -> None:
    assert parse_tags(raw) == expected


def test_answers_accepted_first_then_score_then_id() -> None:
    answers = [answer(10, 5), answer(11, 9), answer(12, 1), answer(13, 9), answer(14, -1)]
    result = assemble_question(question(accepted=12), answers, [], Selection(max_answers=3), "s")
    kept = [(p["post_id"], p["accepted"]) for p in result.parts if p["kind"] == "a"]
    assert kept == [(12, True), (11, False), (13, False)]
    assert result.dropped["answers.low_score"] == 1
    assert result.dropped["answers.over_limit"] == 1
    assert result.reason is None


def test_absent_score_counts_as_zero() -> None:
    result = assemble_question(question(), [answer(10, None)], [], Selection(), "s")
    assert [p["post_id"] for p in result.parts if p["kind"] == "a"] == [10]
    assert result.parts[1]["score"] is None


@pytest.mark.parametrize(
    "answers,min_answers,reason",
    [
        ([], 1, "no_answers"),
        ([answer(10, -2)], 1, "no_answers"),
        ([answer(10, 1)], 2, "too_few_answers"),
        ([answer(10, 1)], 1, None),
        ([], 0, None),
    ],
)
def test_min_answers(answers: list, min_answers: int, reason: str | None) -> None:
    result = assemble_question(question(), answers, [], Selection(min_answers=min_answers), "s")
    assert result.reason == reason
    assert result.parts[0]["kind"] == "q"


def test_comments_best_scored_kept_in_creation_order_after_their_post() -> None:
    comments = [comment(1, 1, 0), comment(2, 1, 5), comment(3, 1, 1), comment(4, 10, 2), comment(5, 11, 9)]
    result = assemble_question(
        question(), [answer(10, 2), answer(11, -5)], comments, Selection(max_comments=2), "s"
    )
    layout = [(p["kind"], p["post_id"]) for p in result.parts]
    assert layout == [("q", 1), ("c", 2), ("c", 3), ("a", 10), ("c", 4)]
    assert result.dropped["comments.over_limit"] == 1
    assert result.dropped["comments.on_dropped_answer"] == 1
    assert result.parts[1]["text"] == "c2"  # stripped, otherwise as written


def test_content_is_parts_joined_and_parts_are_attributed() -> None:
    q = question(accepted=10, owner_name="asker")
    result = assemble_question(q, [answer(10, 1)], [comment(3, 10)], Selection(), "site.example")
    assert result.content == "How to x?\n\nQ body\n\nA10\n\nc3"
    assert result.tags == ["python", "list"]
    a = result.parts[1]
    assert a == {
        "kind": "a",
        "post_id": 10,
        "parent_id": 1,
        "score": 1,
        "accepted": True,
        "text": "A10",
        "content_license": "CC BY-SA 4.0",
        "author": "user10",
        "author_id": None,
        "created_at": "2020-01-02T00:00:00.000",
    }
    assert result.parts[0]["author"] == "asker" and result.parts[0]["author_id"] == 7
    assert result.parts[2]["parent_id"] == 10 and result.parts[2]["author_id"] == 9


def test_duplicate_answer_ids_kept_once() -> None:
    result = assemble_question(question(), [answer(10, 1), answer(10, 1)], [], Selection(), "s")
    assert [p["post_id"] for p in result.parts] == [1, 10]
    assert result.dropped["answers.duplicate_id"] == 1


def test_license_is_highest_version_with_evidence() -> None:
    q = question(content_license="CC BY-SA 2.5")
    result = assemble_question(q, [answer(10, 1, "CC BY-SA 3.0")], [], Selection(), "s")
    assert result.license == "CC-BY-SA-3.0"
    evidence = json.loads(result.license_evidence)
    assert evidence["part_licenses"] == {"CC BY-SA 2.5": 1, "CC BY-SA 3.0": 1}
    assert evidence["license"] == "CC-BY-SA-3.0" and evidence["site"] == "s"


@pytest.mark.parametrize(
    "value,created,expected",
    [
        ("CC BY-SA 4.0", None, ("CC-BY-SA-4.0", False)),
        (None, "2010-05-01T00:00:00", ("CC-BY-SA-2.5", True)),
        (None, "2011-04-08T00:00:00", ("CC-BY-SA-3.0", True)),
        (None, "2018-05-02T10:00:00", ("CC-BY-SA-4.0", True)),
        (None, None, (None, False)),
        ("GPL", None, (None, False)),
    ],
)
def test_part_license(value: str | None, created: str | None, expected: tuple) -> None:
    assert part_license(value, created) == expected


def test_document_license_unknown_only() -> None:
    license_id, evidence = document_license([{"content_license": "weird", "created_at": None}], "s")
    assert license_id is None and json.loads(evidence)["unknown"] == 1


def post(pid, ptype, owner, score=1, parent=None, body="text", created="2020-01-01T00:00:00.000"):
    return {"id": pid, "type": ptype, "parent_id": parent, "accepted_answer_id": None, "score": score,
            "title": "T" if ptype == 1 else None, "body": f"<p>{body}</p>", "tags": "<a>",
            "content_license": None, "owner_id": owner, "owner_name": None, "created_at": created}


def user_comment(cid, post_id, user, text="note"):
    return {"id": cid, "post_id": post_id, "score": 0, "text": text, "content_license": None,
            "user_id": user, "user_name": None, "created_at": "2020-01-02T00:00:00.000"}


def test_opted_out_answers_and_comments_leave_the_document():
    question = post(1, 1, owner=10)
    answers = [post(2, 2, owner=66, score=9, parent=1, body="best"), post(3, 2, owner=11, parent=1, body="other")]
    comments = [user_comment(4, 1, 66, "by the opted-out user"), user_comment(5, 3, 12)]
    result = assemble_question(question, answers, comments, Selection(max_answers=1), "x.example",
                               opted_out=lambda uid: uid == 66, user_names={10: "Asker", 11: "Helper"})
    assert result.reason is None
    assert [(p["kind"], p["post_id"], p["author"]) for p in result.parts] == [
        ("q", 1, "Asker"), ("a", 3, "Helper"), ("c", 5, None)]  # the next-best answer takes the place
    assert "best" not in result.content and "opted-out" not in result.content
    assert result.dropped["answers.opted_out"] == 1 and result.dropped["comments.opted_out"] == 1


def test_opted_out_question_is_removed_whole():
    result = assemble_question(post(1, 1, owner=66), [post(2, 2, owner=11, parent=1)], [user_comment(3, 1, 12)],
                               Selection(), "x.example", opted_out=lambda uid: uid == 66)
    assert (result.reason, result.parts, result.content) == ("opted_out", [], "")
    assert result.dropped["answers.on_opted_out_question"] == 1
    assert result.dropped["comments.on_opted_out_question"] == 1


def test_the_dumps_own_display_name_wins():
    question = {**post(1, 1, owner=None), "owner_name": "deleted-user"}
    result = assemble_question(question, [post(2, 2, owner=5, parent=1)], [], Selection(), "x.example",
                               user_names={5: "Five"})
    assert [(p["author"], p["author_id"]) for p in result.parts] == [("deleted-user", None), ("Five", 5)]
