"""``ReadStackOverflow``: Stack Exchange dumps -> one Document per question with its answers and comments.

Input: the pipeline root (``p | ReadStackOverflow(source_cfg)``), a ``StackOverflowSource`` naming a
directory of dumps (see ``pipeline.sources.stackoverflow``).

Output: ``{"kept": PCollection[Document], "rejected": PCollection[Rejected]}``. A kept document has
``source="stackoverflow"``, ``repo=<site>``, ``path="questions/<id>"``, ``lang="stackoverflow"``,
``ext=""``, ``url=https://<site>/questions/<id>`` (when the site name is a host name), ``tags``,
``parts`` (question, answers, comments with ids, scores, ``ContentLicense`` and author fields) and
the highest CC BY-SA version of its parts as ``license`` (``pipeline.algorithms.so_select``).

Steps: rows of every ``Posts``/``Comments``/``Users`` file (plain files split into byte ranges, .7z
members streamed whole) -> ``ParseRows`` (typed posts, comments and users; bad rows rejected) ->
``KeyComments`` (a keyed join of post id -> question id, so comments on answers reach their question
without any side input) -> ``JoinAuthors`` (when the dump has ``Users.xml``: each (site, user id) an
author of the question's rows refers to, joined with its ``DisplayName``; only the small
(user id, name) pairs travel, keyed by question) -> ``CoGroupByKey`` on (site, question id) ->
``AssembleQuestions`` (InCoder's selection, opt-outs, author names).

Counters (``StageCounters("ReadStackOverflow")``): ``seen`` counts every question (duplicates
included) plus every row that became a rejected row; each ends as ``kept`` or ``rejected.<reason>``
(``no_answers``, ``too_few_answers``, ``opted_out`` (the question's author is on ``build.exclude``;
the row keeps no text), ``duplicate_question`` (a second row with a question's id; the first by
content is assembled), ``watermark_post``, ``malformed_row``, ``row_too_large``, ``corrupt_archive``).

- rows: ``rows.posts``, ``rows.comments``, ``rows.users``, ``rows.other_post_type`` (tag wikis and
  the like), ``rows.missing_comments_member`` / ``rows.missing_users_member`` (a site .7z without
  Comments.xml / Users.xml);
- answers, each in exactly one of: ``answers.kept``, ``answers.in_rejected`` (part of a rejected
  document), ``answers.low_score``, ``answers.over_limit``, ``answers.orphan`` (question absent),
  ``answers.duplicate_id``, ``answers.opted_out`` (author on the exclude list),
  ``answers.on_opted_out_question``;
- comments, each in exactly one of: ``comments.kept``, ``comments.in_rejected``,
  ``comments.over_limit``, ``comments.on_dropped_answer``, ``comments.orphan`` (post absent),
  ``comments.on_watermark_post``, ``comments.opted_out``, ``comments.on_opted_out_question``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import apache_beam as beam

from pipeline import records
from pipeline.algorithms.optout import ExcludeList
from pipeline.algorithms.so_select import Selection, assemble_question, post_part
from pipeline.config import StackOverflowSource
from pipeline.errors import RecordError
from pipeline.metrics import StageCounters
from pipeline.sources.stackoverflow import (
    DumpFile,
    StackExchangeRowSource,
    discover_dumps,
    iter_rows,
    open_7z_member,
    parse_comment,
    parse_post,
    parse_row,
    parse_user,
)

logger = logging.getLogger(__name__)

STAGE = "ReadStackOverflow"
SOURCE = "stackoverflow"
REJECTED = "rejected"

# A row element: (site, "Posts" | "Comments", byte offset, row bytes or None when over the cap, size).
RowElement = tuple[str, str, int, "bytes | None", int]


def _row_element(dump: DumpFile, row: Any) -> RowElement:
    return (dump.site, dump.kind, row.offset, row.data, row.size)


def _url(site: str, question_id: int) -> str | None:
    return f"https://{site}/questions/{question_id}" if "." in site else None


def _reject_row(
    site: str, where: str, data: bytes | None, size: int, reason: str, detail: str
) -> dict[str, Any]:
    raw = {"source": SOURCE, "repo": site, "path": where, "data": data or b"", "size_bytes": size}
    return records.reject_raw(raw, reason, detail)


class _StreamArchiveMember(beam.DoFn):
    """A .7z member read as one range: DumpFile -> RowElement (a corrupt archive is one rejected row)."""

    def __init__(self, max_row_bytes: int) -> None:
        self._max_row_bytes = max_row_bytes

    def setup(self) -> None:
        self._counters = StageCounters(STAGE)

    def process(self, dump: DumpFile) -> Iterator[Any]:
        try:
            with open_7z_member(dump.path, dump.member or "") as stream:
                for row in iter_rows(stream, max_row_bytes=self._max_row_bytes):
                    yield _row_element(dump, row)
        except RecordError as exc:  # the archive has no such member
            if dump.kind == "Posts":
                raise
            logger.warning("stackoverflow: %s", exc.detail)
            self._counters.inc(f"rows.missing_{dump.kind.lower()}_member")
        except Exception as exc:  # noqa: BLE001 -- py7zr's many corruption errors: one rejected row
            if dump.kind == "Users":  # attribution falls back to user ids; Posts' row says the archive is bad
                logger.warning("stackoverflow: %s!Users.xml unreadable: %s", dump.path, exc)
                self._counters.inc("rows.unreadable_users_member")
                return
            self._counters.seen()
            self._counters.rejected("corrupt_archive")
            where = f"{dump.path}!{dump.member}"
            yield beam.pvalue.TaggedOutput(
                REJECTED,
                _reject_row(
                    dump.site, where, None, 0, "corrupt_archive", f"{type(exc).__name__}: {exc}"[:300]
                ),
            )


class _ParseRows(beam.DoFn):
    """RowElement -> question / answer / comment / post_map outputs, or a rejected row."""

    def __init__(self, watermark_ids: list[int]) -> None:
        self._watermarks = frozenset(watermark_ids)

    def setup(self) -> None:
        self._counters = StageCounters(STAGE)

    def process(self, element: RowElement) -> Iterator[Any]:
        site, kind, offset, data, size = element
        where = f"{kind}.xml@{offset}"
        if data is None:
            self._counters.seen()
            self._counters.rejected("row_too_large")
            yield beam.pvalue.TaggedOutput(
                REJECTED, _reject_row(site, where, None, size, "row_too_large", f"{size} bytes")
            )
            return
        try:
            attrs = parse_row(data)
            item = {"Posts": parse_post, "Comments": parse_comment, "Users": parse_user}[kind](attrs)
        except RecordError as exc:
            self._counters.seen()
            self._counters.rejected(exc.reason)
            yield beam.pvalue.TaggedOutput(
                REJECTED, _reject_row(site, where, data, size, exc.reason, exc.detail)
            )
            return
        if kind == "Users":
            self._counters.inc("rows.users")
            if item["name"]:
                yield beam.pvalue.TaggedOutput("user", ((site, item["id"]), item["name"]))
            return
        if kind == "Comments":
            self._counters.inc("rows.comments")
            if item["post_id"] in self._watermarks:
                self._counters.inc("comments.on_watermark_post")
                return
            yield beam.pvalue.TaggedOutput("comment", ((site, item["post_id"]), item))
            return
        self._counters.inc("rows.posts")
        if item["id"] in self._watermarks:
            self._counters.seen()
            self._counters.rejected("watermark_post")
            detail = f"2025 dump watermark post {item['id']}"
            yield beam.pvalue.TaggedOutput(
                REJECTED, _reject_row(site, f"questions/{item['id']}", data, size, "watermark_post", detail)
            )
        elif item["type"] == 1:
            yield beam.pvalue.TaggedOutput("question", ((site, item["id"]), item))
            yield beam.pvalue.TaggedOutput("post_map", ((site, item["id"]), item["id"]))
        elif item["type"] == 2:
            yield beam.pvalue.TaggedOutput("answer", ((site, item["parent_id"]), item))
            yield beam.pvalue.TaggedOutput("post_map", ((site, item["id"]), item["parent_id"]))
        else:
            self._counters.inc("rows.other_post_type")


class _KeyComments(beam.DoFn):
    """((site, post id), {post_map: [question id], comment: [...]}) -> ((site, question id), comment)."""

    def setup(self) -> None:
        self._counters = StageCounters(STAGE)

    def process(self, element: tuple[tuple[str, int], dict[str, list[Any]]]) -> Iterator[Any]:
        (site, _post_id), grouped = element
        comments = list(grouped["comment"])
        question_ids = sorted(set(grouped["post_map"]))
        if not question_ids:
            if comments:
                self._counters.inc("comments.orphan", len(comments))
            return
        for comment in comments:
            yield (site, question_ids[0]), comment


def _author_refs(element: tuple[tuple[str, int], dict[str, Any]], field: str) -> Iterator[Any]:
    """((site, question id), row) -> ((site, author id), (site, question id)) when the row has an author."""
    (site, question_id), row = element
    if row.get(field) is not None:
        yield (site, row[field]), (site, question_id)


class _NameAuthors(beam.DoFn):
    """((site, user id), {ref: [question keys], user: [names]}) -> (question key, (user id, name))."""

    def process(self, element: tuple[tuple[str, int], dict[str, list[Any]]]) -> Iterator[Any]:
        (_site, user_id), grouped = element
        names = sorted(n for n in grouped["user"] if n)
        if not names:
            return
        for question_key in sorted(set(grouped["ref"])):
            yield question_key, (user_id, names[0])


class _AssembleQuestions(beam.DoFn):
    """((site, question id), {q, a, c, u}) -> Document (kept) or Rejected (no_answers, opted_out, ...)."""

    def __init__(self, selection: Selection, exclude: ExcludeList | None) -> None:
        self._selection = selection
        self._exclude = exclude if exclude else None

    def setup(self) -> None:
        self._counters = StageCounters(STAGE)

    def process(self, element: tuple[tuple[str, int], dict[str, list[Any]]]) -> Iterator[Any]:
        (site, question_id), grouped = element
        questions = sorted(grouped["q"], key=lambda q: repr(sorted(q.items())))
        answers, comments = list(grouped["a"]), list(grouped["c"])
        if not questions:
            self._counters.inc("answers.orphan", len(answers))
            self._counters.inc("comments.orphan", len(comments))
            return
        exclude = self._exclude
        opted_out = (lambda uid: exclude.so_user_excluded(site, uid)) if exclude is not None else None
        names = dict(sorted(grouped.get("u", [])))
        for duplicate in questions[1:]:
            yield from self._duplicate(site, duplicate, opted_out, names)
        result = assemble_question(questions[0], answers, comments, self._selection, site, opted_out, names)
        for name, count in result.dropped.items():
            if count:
                self._counters.inc(name, count)
        document = self._document(site, question_id, result.content, result.license, result.license_evidence,
                                  result.tags, result.parts)
        self._counters.seen(document["size_bytes"])
        state = "kept" if result.reason is None else "in_rejected"
        self._counters.inc(f"answers.{state}", sum(p["kind"] == "a" for p in result.parts))
        self._counters.inc(f"comments.{state}", sum(p["kind"] == "c" for p in result.parts))
        if result.reason is not None:
            self._counters.rejected(result.reason, document["size_bytes"])
            if result.reason == "opted_out":
                document["parts"] = None  # nothing of an opted-out author's question is kept
            yield beam.pvalue.TaggedOutput(REJECTED, records.reject(document, result.reason, result.detail))
            return
        self._counters.kept(document["size_bytes"])
        yield document

    def _duplicate(self, site: str, question: dict[str, Any], opted_out: Any, names: dict[int, str]) -> Iterator[Any]:
        """A second row with the same question id (a damaged dump): one rejected row, never assembled."""
        self._counters.seen()
        if opted_out is not None and opted_out(question.get("owner_id")):
            parts, reason = None, "opted_out"
        else:
            parts, reason = [post_part(question, "q", False, names)], "duplicate_question"
        content = parts[0]["text"] if parts else ""
        document = self._document(site, question["id"], content, None, None, None, parts)
        self._counters.rejected(reason, document["size_bytes"])
        detail = f"another row has question id {question['id']}" if reason == "duplicate_question" else None
        yield beam.pvalue.TaggedOutput(REJECTED, records.reject(document, reason, detail))

    @staticmethod
    def _document(site: str, question_id: int, content: str, license_: str | None, evidence: str | None,
                  tags: list[str] | None, parts: list[dict[str, Any]] | None) -> dict[str, Any]:
        return records.make_document(
            source=SOURCE, repo=site, path=f"questions/{question_id}", content=content, lang="stackoverflow",
            ext="", license=license_, license_evidence=evidence, url=_url(site, question_id), tags=tags,
            parts=parts,
        )


class ReadStackOverflow(beam.PTransform):
    """Stack Exchange dumps -> {"kept": Document, "rejected": Rejected}; see the module docstring."""

    def __init__(self, source_cfg: StackOverflowSource, exclude: ExcludeList | None = None) -> None:
        super().__init__()
        self._cfg = source_cfg
        self._exclude = exclude

    def expand(self, pbegin: beam.pvalue.PBegin) -> dict[str, beam.PCollection]:
        cfg = self._cfg
        dumps = discover_dumps(cfg.path, cfg.sites, users=cfg.read_users)
        bundle_bytes = cfg.desired_bundle_size_mb << 20
        row_sets, archive_rejects = [], []
        for dump in dumps:
            label = f"{dump.site}.{dump.kind}"
            if dump.member is None:
                source = StackExchangeRowSource(dump, bundle_bytes, cfg.max_row_bytes)
                rows = (
                    pbegin
                    | f"Read[{label}]" >> beam.io.Read(source)
                    | f"Rows[{label}]" >> beam.MapTuple(_row_element)
                )
            else:
                streamed = (
                    pbegin
                    | f"List[{label}]" >> beam.Create([dump])
                    | f"Stream[{label}]"
                    >> beam.ParDo(_StreamArchiveMember(cfg.max_row_bytes)).with_outputs(REJECTED, main="rows")
                )
                rows = streamed.rows
                archive_rejects.append(streamed[REJECTED])
            row_sets.append(rows)
        parsed = (
            row_sets
            | "FlattenRows" >> beam.Flatten()
            | "ParseRows"
            >> beam.ParDo(_ParseRows(cfg.watermark_post_ids)).with_outputs(
                "question", "answer", "comment", "post_map", "user", REJECTED
            )
        )
        comments = (
            {"post_map": parsed.post_map, "comment": parsed.comment}
            | "JoinCommentsToPosts" >> beam.CoGroupByKey()
            | "KeyComments" >> beam.ParDo(_KeyComments())
        )
        selection = Selection(
            min_answers=cfg.min_answers,
            max_answers=cfg.max_answers,
            min_answer_score=cfg.min_answer_score,
            max_comments=cfg.max_comments,
        )
        grouped = {"q": parsed.question, "a": parsed.answer, "c": comments}
        if any(d.kind == "Users" for d in dumps):
            refs = (
                (
                    parsed.question | "QuestionAuthors" >> beam.FlatMap(_author_refs, "owner_id"),
                    parsed.answer | "AnswerAuthors" >> beam.FlatMap(_author_refs, "owner_id"),
                    comments | "CommentAuthors" >> beam.FlatMap(_author_refs, "user_id"),
                )
                | "FlattenAuthorRefs" >> beam.Flatten()
            )
            grouped["u"] = (
                {"ref": refs, "user": parsed.user}
                | "JoinAuthors" >> beam.CoGroupByKey()
                | "NameAuthors" >> beam.ParDo(_NameAuthors())
            )
        assembled = (
            grouped
            | "GroupByQuestion" >> beam.CoGroupByKey()
            | "AssembleQuestions"
            >> beam.ParDo(_AssembleQuestions(selection, self._exclude)).with_outputs(REJECTED, main="kept")
        )
        rejected = [
            parsed[REJECTED],
            assembled[REJECTED],
            *archive_rejects,
        ] | "FlattenRejected" >> beam.Flatten()
        return {"kept": assembled.kept, REJECTED: rejected}
