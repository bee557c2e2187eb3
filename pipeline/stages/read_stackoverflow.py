"""``ReadStackOverflow``: Stack Exchange dumps -> one Document per question with its answers and comments.

Input: the pipeline root (``p | ReadStackOverflow(source_cfg)``), a ``StackOverflowSource`` naming a
directory of dumps (see ``pipeline.sources.stackoverflow``).

Output: ``{"kept": PCollection[Document], "rejected": PCollection[Rejected]}``. A kept document has
``source="stackoverflow"``, ``repo=<site>``, ``path="questions/<id>"``, ``lang="stackoverflow"``,
``ext=""``, ``url=https://<site>/questions/<id>`` (when the site name is a host name), ``tags``,
``parts`` (question, answers, comments with ids, scores, ``ContentLicense`` and author fields) and
the highest CC BY-SA version of its parts as ``license`` (``pipeline.algorithms.so_select``).

Steps: rows of every ``Posts``/``Comments`` file (plain files split into byte ranges, .7z members
streamed whole) -> ``ParseRows`` (typed posts and comments; bad rows rejected) -> ``KeyComments``
(a keyed join of post id -> question id, so comments on answers reach their question without any
side input) -> ``CoGroupByKey`` on (site, question id) -> ``AssembleQuestions`` (InCoder's selection).

Counters (``StageCounters("ReadStackOverflow")``): ``seen`` counts every question plus every row that
became a rejected row; each ends as ``kept``, ``rejected.<reason>`` (``no_answers``,
``too_few_answers``, ``watermark_post``, ``malformed_row``, ``row_too_large``, ``corrupt_archive``)
or ``skipped.duplicate_question``.

- rows: ``rows.posts``, ``rows.comments``, ``rows.other_post_type`` (tag wikis and the like),
  ``rows.missing_comments_member`` (a site .7z without Comments.xml);
- answers, each in exactly one of: ``answers.kept``, ``answers.in_rejected`` (part of a rejected
  document), ``answers.low_score``, ``answers.over_limit``, ``answers.orphan`` (question absent),
  ``answers.duplicate_id``;
- comments, each in exactly one of: ``comments.kept``, ``comments.in_rejected``,
  ``comments.over_limit``, ``comments.on_dropped_answer``, ``comments.orphan`` (post absent),
  ``comments.on_watermark_post``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import apache_beam as beam

from pipeline import records
from pipeline.algorithms.so_select import Selection, assemble_question
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
            self._counters.inc("rows.missing_comments_member")
        except Exception as exc:  # noqa: BLE001 -- py7zr's many corruption errors: one rejected row
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
            item = parse_post(attrs) if kind == "Posts" else parse_comment(attrs)
        except RecordError as exc:
            self._counters.seen()
            self._counters.rejected(exc.reason)
            yield beam.pvalue.TaggedOutput(
                REJECTED, _reject_row(site, where, data, size, exc.reason, exc.detail)
            )
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


class _AssembleQuestions(beam.DoFn):
    """((site, question id), {q, a, c}) -> Document (kept) or Rejected (no_answers, ...)."""

    def __init__(self, selection: Selection) -> None:
        self._selection = selection

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
        for _duplicate in questions[1:]:
            self._counters.seen()
            self._counters.skipped("duplicate_question")
        result = assemble_question(questions[0], answers, comments, self._selection, site)
        for name, count in result.dropped.items():
            if count:
                self._counters.inc(name, count)
        document = records.make_document(
            source=SOURCE,
            repo=site,
            path=f"questions/{question_id}",
            content=result.content,
            lang="stackoverflow",
            ext="",
            license=result.license,
            license_evidence=result.license_evidence,
            url=_url(site, question_id),
            tags=result.tags,
            parts=result.parts,
        )
        self._counters.seen(document["size_bytes"])
        state = "kept" if result.reason is None else "in_rejected"
        self._counters.inc(f"answers.{state}", sum(p["kind"] == "a" for p in result.parts))
        self._counters.inc(f"comments.{state}", sum(p["kind"] == "c" for p in result.parts))
        if result.reason is not None:
            self._counters.rejected(result.reason, document["size_bytes"])
            yield beam.pvalue.TaggedOutput(REJECTED, records.reject(document, result.reason, result.detail))
            return
        self._counters.kept(document["size_bytes"])
        yield document


class ReadStackOverflow(beam.PTransform):
    """Stack Exchange dumps -> {"kept": Document, "rejected": Rejected}; see the module docstring."""

    def __init__(self, source_cfg: StackOverflowSource) -> None:
        super().__init__()
        self._cfg = source_cfg

    def expand(self, pbegin: beam.pvalue.PBegin) -> dict[str, beam.PCollection]:
        cfg = self._cfg
        dumps = discover_dumps(cfg.path, cfg.sites)
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
                "question", "answer", "comment", "post_map", REJECTED
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
        assembled = (
            {"q": parsed.question, "a": parsed.answer, "c": comments}
            | "GroupByQuestion" >> beam.CoGroupByKey()
            | "AssembleQuestions"
            >> beam.ParDo(_AssembleQuestions(selection)).with_outputs(REJECTED, main="kept")
        )
        rejected = [
            parsed[REJECTED],
            assembled[REJECTED],
            *archive_rejects,
        ] | "FlattenRejected" >> beam.Flatten()
        return {"kept": assembled.kept, REJECTED: rejected}
