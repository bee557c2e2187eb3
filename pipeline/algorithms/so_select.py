"""InCoder's StackOverflow selection: one question, its answers and comments -> one document's parts.

No Beam here; ``ReadStackOverflow`` groups rows by question id and calls ``assemble_question``.
Posts and comments are plain dicts as ``pipeline.sources.stackoverflow.parse_post``/``parse_comment``
make them (absent dump attributes are ``None``).

Selection (the InCoder paper, Fried et al. 2022, section 3; every threshold is a ``StackOverflowSource`` field):

- **answers**: those with ``score >= min_answer_score`` (absent score counts as 0) are ranked accepted
  first, then by score (highest first), then by id (oldest first); the first ``max_answers`` are kept.
  Dropped answers are counted under ``low_score`` / ``over_limit``.
- **questions**: kept when at least ``min_answers`` answers survive; otherwise rejected as
  ``no_answers`` (none survived) or ``too_few_answers``.
- **comments**: per post (the question and each kept answer), the ``max_comments`` highest-scored
  (ties: oldest first) are kept and placed right after their post in order of creation (by id), so a
  thread reads in the order it was written. Comments on dropped answers are dropped with them.
- **opt-outs** (``build.exclude``, ``pipeline.algorithms.optout``): a question whose author opted out
  is rejected whole as ``opted_out`` with no text or parts; an opted-out user's answers and comments
  are removed before the selection (``answers.opted_out``, ``comments.opted_out``), so the document
  reads as if they had never been posted and the next-best answers take their place.
- **authors**: a part's ``author`` is the row's own display name (``OwnerDisplayName`` /
  ``UserDisplayName``, set for deleted accounts), else the ``DisplayName`` of ``Users.xml`` when the
  caller passes ``user_names``; ``author_id`` is the user id either way.

Document text (``content``): the parts' texts joined by one blank line, in part order (empty texts
skipped)::

    question (title, blank line, body) / its comments / answer 1 / its comments / answer 2 / ...

The parts keep their texts without any tags, so the tokenizer can write InCoder's
``<| q tags=.. |>`` / ``<| a |>`` / ``<| c |>`` framing from ``parts`` and ``tags`` instead.

Licence: every row carries ``ContentLicense`` (CC BY-SA 2.5 / 3.0 / 4.0). CC BY-SA 2.5 and 3.0 allow
adaptations under a later version of the same licence, so a document mixing versions is released
under the highest version present; that SPDX id is the document's ``license``. Dumps from before
2018 have no ``ContentLicense``: the version is then inferred from the creation date with Stack
Exchange's switch dates (2.5 before 2011-04-08, 3.0 before 2018-05-02, 4.0 after) and the evidence
says so.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pipeline.algorithms.so_html import html_to_text

LICENSE_SPDX = {
    "CC BY-SA 2.5": "CC-BY-SA-2.5",
    "CC BY-SA 3.0": "CC-BY-SA-3.0",
    "CC BY-SA 4.0": "CC-BY-SA-4.0",
}
_LICENSE_RANK = {"CC-BY-SA-2.5": 0, "CC-BY-SA-3.0": 1, "CC-BY-SA-4.0": 2}
# Stack Exchange's licence changes (meta.stackexchange.com/q/333089): content created before the
# first date is CC BY-SA 2.5, before the second 3.0, after it 4.0.
_LICENSE_SWITCHES = (("2011-04-08", "CC-BY-SA-2.5"), ("2018-05-02", "CC-BY-SA-3.0"))


@dataclass(frozen=True)
class Selection:
    """Thresholds of ``StackOverflowSource`` as plain data."""

    min_answers: int = 1
    max_answers: int = 10
    min_answer_score: int = 0
    max_comments: int = 5


@dataclass
class Assembled:
    """What ``assemble_question`` decided: the parts, or why the question was rejected."""

    parts: list[dict[str, Any]]
    tags: list[str]
    content: str
    license: str | None
    license_evidence: str
    reason: str | None = None  # None: kept
    detail: str | None = None
    dropped: Counter = field(default_factory=Counter)  # "answers.low_score" -> n, "comments.over_limit" -> n


def parse_tags(raw: str | None) -> list[str]:
    """``<python><django>`` (dumps before 2024) or ``|python|django|`` (since) -> ``["python", "django"]``."""
    if not raw:
        return []
    raw = raw.strip()
    if raw.startswith("<"):
        return [t for t in raw.strip("<>").split("><") if t]
    return [t for t in raw.strip("|").split("|") if t]


def part_license(content_license: str | None, created_at: str | None) -> tuple[str | None, bool]:
    """(SPDX id, inferred) of one part: from ``ContentLicense``, else from the creation date."""
    if content_license:
        return LICENSE_SPDX.get(content_license.strip()), False
    if not created_at:
        return None, False
    for until, spdx in _LICENSE_SWITCHES:
        if created_at[:10] < until:
            return spdx, True
    return "CC-BY-SA-4.0", True


def document_license(parts: list[dict[str, Any]], site: str) -> tuple[str | None, str]:
    """The highest CC BY-SA version among the parts, and the JSON evidence for it."""
    dump_values: Counter = Counter()
    spdx_ids: Counter = Counter()
    inferred = unknown = 0
    for part in parts:
        dump_values[part.get("content_license") or "absent"] += 1
        spdx, was_inferred = part_license(part.get("content_license"), part.get("created_at"))
        if spdx is None:
            unknown += 1
            continue
        spdx_ids[spdx] += 1
        inferred += was_inferred
    chosen = max(spdx_ids, key=_LICENSE_RANK.__getitem__) if spdx_ids else None
    evidence = {
        "source": "stackexchange_dump",
        "site": site,
        "rule": "highest CC BY-SA version among the parts (2.5 and 3.0 permit adaptation under later versions)",
        "part_licenses": dict(sorted(dump_values.items())),
        "inferred_from_date": inferred,
        "unknown": unknown,
        "license": chosen,
    }
    return chosen, json.dumps(evidence, sort_keys=True)


def _score(post: dict[str, Any]) -> int:
    return post.get("score") or 0


def select_answers(
    question: dict[str, Any], answers: list[dict[str, Any]], sel: Selection, dropped: Counter
) -> list[dict[str, Any]]:
    """Answers kept for ``question``: score filter, then accepted first, score desc, id asc; capped."""
    accepted_id = question.get("accepted_answer_id")
    eligible = [a for a in answers if _score(a) >= sel.min_answer_score]
    dropped["answers.low_score"] += len(answers) - len(eligible)
    eligible.sort(key=lambda a: (a["id"] != accepted_id, -_score(a), a["id"]))
    dropped["answers.over_limit"] += max(0, len(eligible) - sel.max_answers)
    return eligible[: sel.max_answers]


def select_comments(comments: list[dict[str, Any]], sel: Selection, dropped: Counter) -> list[dict[str, Any]]:
    """The ``max_comments`` highest-scored comments of one post, returned in creation (id) order."""
    best = sorted(comments, key=lambda c: (-_score(c), c["id"]))[: sel.max_comments]
    dropped["comments.over_limit"] += len(comments) - len(best)
    return sorted(best, key=lambda c: c["id"])


def post_part(post: dict[str, Any], kind: str, accepted: bool, names: Mapping[int, str] | None = None) -> dict[str, Any]:
    """A ``PART_TYPE`` dict for a question or answer (question text = title, blank line, body)."""
    body = html_to_text(post.get("body"))
    if kind == "q":
        title = (post.get("title") or "").strip()
        text = f"{title}\n\n{body}" if title and body else title or body
    else:
        text = body
    return {
        "kind": kind,
        "post_id": post["id"],
        "parent_id": post.get("parent_id"),
        "score": post.get("score"),
        "accepted": accepted,
        "text": text,
        "content_license": post.get("content_license"),
        "author": post.get("owner_name") or (names or {}).get(post.get("owner_id")),
        "author_id": post.get("owner_id"),
        "created_at": post.get("created_at"),
    }


def comment_part(comment: dict[str, Any], names: Mapping[int, str] | None = None) -> dict[str, Any]:
    """A ``PART_TYPE`` dict for a comment (its ``Text`` is plain text in the dumps, kept as written)."""
    return {
        "kind": "c",
        "post_id": comment["id"],
        "parent_id": comment.get("post_id"),
        "score": comment.get("score"),
        "accepted": False,
        "text": (comment.get("text") or "").strip(),
        "content_license": comment.get("content_license"),
        "author": comment.get("user_name") or (names or {}).get(comment.get("user_id")),
        "author_id": comment.get("user_id"),
        "created_at": comment.get("created_at"),
    }


def assemble_question(
    question: dict[str, Any],
    answers: list[dict[str, Any]],
    comments: list[dict[str, Any]],
    sel: Selection,
    site: str,
    opted_out: Callable[[int | None], bool] | None = None,
    user_names: Mapping[int, str] | None = None,
) -> Assembled:
    """Select answers and comments of one question and lay out the document's parts and text.

    ``comments`` are all comments on the question or on any of its answers (``post_id`` says which).
    A rejected question still gets its parts (question and its comments) so the rejected row shows
    what was dropped -- except an opted-out author's question, which keeps nothing. ``opted_out(user
    id)`` says whether a user opted out; ``user_names`` maps user ids to ``Users.xml`` display names.
    """
    dropped: Counter = Counter()
    if opted_out is not None and opted_out(question.get("owner_id")):
        dropped["answers.on_opted_out_question"] += len(answers)
        dropped["comments.on_opted_out_question"] += len(comments)
        return Assembled(parts=[], tags=[], content="", license=None, license_evidence="{}",
                         reason="opted_out", detail="the question's author is on the exclude list", dropped=dropped)
    if opted_out is not None:
        kept = [a for a in answers if not opted_out(a.get("owner_id"))]
        dropped["answers.opted_out"] += len(answers) - len(kept)
        answers = kept
        kept = [c for c in comments if not opted_out(c.get("user_id"))]
        dropped["comments.opted_out"] += len(comments) - len(kept)
        comments = kept
    by_post: dict[int, list[dict[str, Any]]] = {}
    for comment in comments:
        by_post.setdefault(comment["post_id"], []).append(comment)
    kept_answers = select_answers(question, _unique(answers, dropped, "answers"), sel, dropped)
    kept_ids = {question["id"], *(a["id"] for a in kept_answers)}
    dropped["comments.on_dropped_answer"] += sum(len(v) for k, v in by_post.items() if k not in kept_ids)

    names = user_names or {}
    parts = [post_part(question, "q", False, names)]
    parts += [comment_part(c, names) for c in select_comments(by_post.get(question["id"], []), sel, dropped)]
    accepted_id = question.get("accepted_answer_id")
    for answer in kept_answers:
        parts.append(post_part(answer, "a", answer["id"] == accepted_id, names))
        parts += [comment_part(c, names) for c in select_comments(by_post.get(answer["id"], []), sel, dropped)]

    license_id, evidence = document_license(parts, site)
    reason = detail = None
    if len(kept_answers) < max(sel.min_answers, 0):
        reason = "no_answers" if not kept_answers else "too_few_answers"
        detail = f"{len(kept_answers)} of {len(answers)} answers selected, {sel.min_answers} required"
    return Assembled(
        parts=parts,
        tags=parse_tags(question.get("tags")),
        content="\n\n".join(p["text"] for p in parts if p["text"]),
        license=license_id,
        license_evidence=evidence,
        reason=reason,
        detail=detail,
        dropped=dropped,
    )


def _unique(posts: list[dict[str, Any]], dropped: Counter, kind: str) -> list[dict[str, Any]]:
    """One post per id (a dump never repeats ids; a damaged one might): the first by id wins."""
    seen: dict[int, dict[str, Any]] = {}
    for post in sorted(posts, key=lambda p: (p["id"], repr(sorted(p.items())))):
        if post["id"] in seen:
            dropped[f"{kind}.duplicate_id"] += 1
        else:
            seen[post["id"]] = post
    return list(seen.values())
