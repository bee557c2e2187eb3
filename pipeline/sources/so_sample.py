"""Generate the demo's small, realistic Stack Exchange sample dump (deterministic; nothing copied).

``python -m pipeline.sources.so_sample OUTDIR`` writes two sites, one per dump generation::

    OUTDIR/demo.stackexchange.com/{Posts,Comments}.xml       2025-style: BOM, leading XML comment,
        |a|b| tags, rows in shuffled order, the two watermark posts, one malformed row per file
    OUTDIR/demo.stackexchange.com/Users.xml                  the authors' display names (attribution)
    OUTDIR/meta.demo.stackexchange.com/{Posts,Comments}.xml  pre-2024 style: <a><b> tags, sorted,
        no ContentLicense on the oldest rows (dumps before 2018 had none), no Users.xml (its parts
        are attributed by user id)
    OUTDIR/summary.json                                      what was generated (tests compare with it)

Posts are programming questions built from templates (Python, JavaScript, SQL, shell) with code
blocks, inline code, entities, links and lists; answers and comments get seeded scores, authors
(some deleted: display name only), licences and dates. The committed copy lives in
``pipeline/sources/data/stackoverflow_sample``; the same seed always gives the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from pipeline import fsio

SEED = 20250601
MAIN_SITE = "demo.stackexchange.com"
META_SITE = "meta.demo.stackexchange.com"
WATERMARK_IDS = (1000000001, 1000000010)

_NAMES = ["items", "rows", "users", "values", "paths", "records", "tokens", "scores"]
_FUNCS = ["load", "parse", "merge", "group", "filter", "count", "flatten", "dedupe"]
_USERS = ["ada", "linus", "grace", "guido", "barbara", "ken", "margaret", "dennis", "radia", "edsger"]

_TOPICS: list[dict[str, Any]] = [
    {
        "tags": ["python", "list"],
        "title": "How do I {func} a list of {name} in Python without a loop?",
        "body": "<p>I have a list of {name} and want to {func} it. My loop works but is slow:</p>\n"
        "<pre><code>result = []\nfor x in {name}:\n    if x &gt; {n} and x not in result:\n        result.append(x)\n</code></pre>\n"
        "<p>Is there a built-in like <code>{func}()</code> for this?</p>",
        "answer": "<p>Use a comprehension; it is clearer and faster:</p>\n"
        "<pre><code>result = [x for x in {name} if x &gt; {n}]\n</code></pre>\n"
        '<p>See <a href="https://docs.python.org/3/tutorial/datastructures.html">the tutorial</a>.</p>',
    },
    {
        "tags": ["javascript", "async-await"],
        "title": "Why does await inside forEach not wait for {name}?",
        "body": "<p>This logs before the requests finish:</p>\n"
        '<pre class="lang-js prettyprint-override"><code>{name}.forEach(async (x) =&gt; {{\n  await {func}(x);\n}});\nconsole.log("done");\n</code></pre>',
        "answer": "<p><code>forEach</code> ignores the returned promises. Either:</p>\n"
        "<ul>\n<li>use <code>for...of</code> with <code>await</code>, or</li>\n<li>collect them with <code>Promise.all</code>:</li>\n</ul>\n"
        "<pre><code>await Promise.all({name}.map((x) =&gt; {func}(x)));\n</code></pre>",
    },
    {
        "tags": ["sql", "postgresql"],
        "title": "Select the latest row per group of {name} in PostgreSQL",
        "body": "<p>Table <code>{name}(id, owner, created_at)</code>. I need the newest row for each owner &amp; tried:</p>\n"
        "<pre><code>SELECT owner, MAX(created_at) FROM {name} GROUP BY owner;\n</code></pre>\n"
        "<p>but that loses the other columns.</p>",
        "answer": "<p><code>DISTINCT ON</code> does exactly this:</p>\n"
        "<pre><code>SELECT DISTINCT ON (owner) *\nFROM {name}\nORDER BY owner, created_at DESC;\n</code></pre>",
    },
    {
        "tags": ["bash", "shell"],
        "title": "Loop over file names with spaces in bash ({name})",
        "body": "<p>My script breaks on names with spaces:</p>\n"
        "<pre><code>for f in $(ls {name}/*.txt); do\n  wc -l $f\ndone\n</code></pre>",
        "answer": "<ol>\n<li>Never parse <code>ls</code>.</li>\n<li>Quote every expansion:</li>\n</ol>\n"
        '<pre><code>for f in {name}/*.txt; do\n  wc -l "$f"\ndone\n</code></pre>',
    },
    {
        "tags": ["python", "pandas", "dataframe"],
        "title": "Pandas: {func} {name} by two columns and keep the count",
        "body": "<p>Given a DataFrame <code>df</code> of {name}, I want the size of each group:</p>\n"
        "<blockquote><p>KeyError: 'count'</p></blockquote>\n"
        '<pre><code>df.groupby(["a", "b"])["count"].sum()\n</code></pre>',
        "answer": "<p>Use <code>size()</code> and name the column:</p>\n"
        '<pre><code>out = df.groupby(["a", "b"]).size().reset_index(name="n")\nprint(out.head({n}))\n</code></pre>',
    },
    {
        "tags": ["c", "pointers"],
        "title": "Why does my {func} function not modify the {name} array?",
        "body": "<p>The caller still sees the old pointer:</p>\n"
        "<pre><code>void {func}(int *p) {{\n    p = malloc({n} * sizeof *p);\n}}\n</code></pre>",
        "answer": "<p>C passes the pointer <em>by value</em>; pass its address:</p>\n"
        "<pre><code>void {func}(int **p) {{\n    *p = malloc({n} * sizeof **p);\n}}\n</code></pre>\n<hr>\n<p>Remember to <code>free(*p)</code>.</p>",
    },
]

_OPENERS = [
    "",
    "<p>Short answer: yes.</p>\n",
    "<p>I ran into the same thing with {name} last year.</p>\n",
    "<p>Two things are going on here.</p>\n",
    "<p><strong>Edit:</strong> updated for the current release.</p>\n",
]

_COMMENTS = [
    "Which version are you on? This changed in {n}.x.",
    "Thanks, `{func}` did the trick for my {name}.",
    "Could you add the full error message?",
    "This is a duplicate of https://{site}/questions/{q}",
    "Note that this is O(n^2) for large {name} & may be slow.",
    "Works for me <3 -- but check the edge case with empty {name}.",
]


def _escape(text: str) -> str:
    """Attribute escaping as the dumps do it (newlines as character references)."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\r", "&#xD;")
        .replace("\n", "&#xA;")
        .replace("\t", "&#x9;")
    )


def _row(attrs: dict[str, Any]) -> str:
    return "  <row " + " ".join(f'{k}="{_escape(str(v))}"' for k, v in attrs.items() if v is not None) + " />"


def _tags(tags: list[str], pipe_style: bool) -> str:
    return "|" + "|".join(tags) + "|" if pipe_style else "".join(f"<{t}>" for t in tags)


def _license(when: datetime, with_license: bool) -> str | None:
    if not with_license:
        return None
    return "CC BY-SA 2.5" if when.year < 2011 else "CC BY-SA 3.0" if when.year < 2018 else "CC BY-SA 4.0"


def _author(rng: random.Random, id_attr: str, name_attr: str) -> dict[str, Any]:
    user = rng.randrange(len(_USERS))
    if rng.random() < 0.1:  # a deleted account: the dump keeps only the display name
        return {name_attr: f"user{rng.randrange(1000, 9999)}"}
    return {id_attr: 100 + user}


def generate_site(site: str, questions: int, modern: bool, seed: int) -> dict[str, Any]:
    """One site's rows (posts, comments as attribute dicts) and its summary counts."""
    rng = random.Random(f"{seed}:{site}")
    posts: list[dict[str, Any]] = []
    comments: list[dict[str, Any]] = []
    next_id = 1
    start = datetime(2009, 6, 1) if not modern else datetime(2016, 1, 1)
    summary = {"questions": questions, "answers": 0, "comments": 0, "unanswered": 0, "negative_answers": 0}
    for _ in range(questions):
        topic = rng.choice(_TOPICS)
        fill = {"name": rng.choice(_NAMES), "func": rng.choice(_FUNCS), "n": rng.randrange(2, 50)}
        asked = start + timedelta(days=rng.randrange(0, 3300), seconds=rng.randrange(86400))
        qid, next_id = next_id, next_id + 1
        n_answers = rng.choice([0, 1, 1, 2, 2, 3, 4, 13]) if rng.random() > 0.05 else 0
        summary["unanswered"] += n_answers == 0
        answer_ids = list(range(next_id, next_id + n_answers))
        next_id += n_answers
        accepted = rng.choice(answer_ids) if answer_ids and rng.random() < 0.6 else None
        question = {
            "Id": qid,
            "PostTypeId": 1,
            "AcceptedAnswerId": accepted,
            "CreationDate": asked.isoformat(timespec="milliseconds"),
            "Score": rng.randrange(-2, 40),
            "ViewCount": rng.randrange(10, 90000),
            "Body": topic["body"].format(**fill),
            **_author(rng, "OwnerUserId", "OwnerDisplayName"),
            "Title": topic["title"].format(**fill),
            "Tags": _tags(topic["tags"], modern),
            "AnswerCount": n_answers,
            "CommentCount": 0,
            "ContentLicense": _license(asked, modern or asked.year >= 2018),
        }
        posts.append(question)
        thread = [question]
        for aid in answer_ids:
            when = asked + timedelta(hours=rng.randrange(1, 5000))
            score = rng.randrange(-3, 25)
            answer_fill = dict(fill, n=rng.randrange(2, 50))
            summary["negative_answers"] += score < 0
            answer = {
                "Id": aid,
                "PostTypeId": 2,
                "ParentId": qid,
                "CreationDate": when.isoformat(timespec="milliseconds"),
                "Score": score,
                "Body": (rng.choice(_OPENERS) + topic["answer"]).format(**answer_fill),
                **_author(rng, "OwnerUserId", "OwnerDisplayName"),
                "CommentCount": 0,
                "ContentLicense": _license(when, modern or when.year >= 2018),
            }
            posts.append(answer)
            thread.append(answer)
        summary["answers"] += n_answers
        for post in thread:
            for _ in range(rng.choice([0, 0, 1, 2, 3, 7])):
                when = datetime.fromisoformat(post["CreationDate"]) + timedelta(
                    minutes=rng.randrange(1, 9000)
                )
                text = rng.choice(_COMMENTS).format(site=site, q=rng.randrange(1, qid + 1), **fill)
                comments.append(
                    {
                        "Id": 0,
                        "PostId": post["Id"],
                        "Score": rng.choice([0, 0, 0, 1, 2, 5]),
                        "Text": text,
                        "CreationDate": when.isoformat(timespec="milliseconds"),
                        **_author(rng, "UserId", "UserDisplayName"),
                        "ContentLicense": _license(when, modern or when.year >= 2018),
                    }
                )
                post["CommentCount"] += 1
    comments.sort(key=lambda c: c["CreationDate"])
    for number, comment in enumerate(comments, start=1):
        comment["Id"] = number
    summary["comments"] = len(comments)
    return {"posts": posts, "comments": comments, "summary": summary, "rng": rng}


def _render(root: str, rows: list[str], modern: bool) -> bytes:
    head = ['<?xml version="1.0" encoding="utf-8"?>']
    if modern:
        head.append(
            "<!-- generated by pipeline.sources.so_sample: a synthetic dump, not Stack Exchange data -->"
        )
    text = "\r\n".join([*head, f"<{root}>", *rows, f"</{root}>"]) + "\r\n"
    return b"\xef\xbb\xbf" + text.encode("utf-8")


def _user_rows() -> list[str]:
    """``Users.xml`` rows of the authors ``_author`` draws (ids 100 + index), as the dumps lay them out."""
    return [_row({"Id": 100 + i, "Reputation": 10 * (i + 1), "CreationDate": "2009-01-01T00:00:00.000",
                  "DisplayName": name, "AccountId": 5000 + i}) for i, name in enumerate(_USERS)]


def write_sample(outdir: str | Path, seed: int = SEED) -> dict[str, Any]:
    """Write both sites under ``outdir`` (any Beam filesystem path); returns (and writes) the summary."""
    outdir = str(outdir)
    summary: dict[str, Any] = {"seed": seed, "sites": {}}
    for site, questions, modern in ((MAIN_SITE, 90, True), (META_SITE, 25, False)):
        data = generate_site(site, questions, modern, seed)
        rng: random.Random = data.pop("rng")
        post_rows = [_row(p) for p in data["posts"]]
        comment_rows = [_row(c) for c in data["comments"]]
        site_summary = data["summary"]
        site_summary.update(watermark_posts=0, malformed_posts=0, malformed_comments=0)
        if modern:
            for wid in WATERMARK_IDS:  # the 2025 dumps' fake posts (the GitHub and GitLab REST API docs and the Stack Exchange data dump docs)
                post_rows.append(
                    _row(
                        {
                            "Id": wid,
                            "PostTypeId": 1,
                            "CreationDate": "2025-06-01T00:00:00.000",
                            "Score": 0,
                            "Body": "<p>This post is a watermark.</p>",
                            "Title": f"Watermark {wid}",
                            "Tags": "|watermark|",
                            "AnswerCount": 0,
                            "ContentLicense": "CC BY-SA 4.0",
                        }
                    )
                )
            post_rows.append('  <row Id="999999" PostTypeId="1" Body="unterminated &nbsp; attribute />')
            comment_rows.append('  <row Id="999999" PostId="1" Text="bad " quote" />')
            site_summary.update(watermark_posts=len(WATERMARK_IDS), malformed_posts=1, malformed_comments=1)
            rng.shuffle(post_rows)
            rng.shuffle(comment_rows)
        fsio.write_bytes(fsio.join(outdir, site, "Posts.xml"), _render("posts", post_rows, modern))
        fsio.write_bytes(fsio.join(outdir, site, "Comments.xml"), _render("comments", comment_rows, modern))
        if modern:  # only the main site has Users.xml: the meta site shows attribution by user id
            fsio.write_bytes(fsio.join(outdir, site, "Users.xml"), _render("users", _user_rows(), modern))
            site_summary["users"] = len(_USERS)
        summary["sites"][site] = site_summary
    fsio.write_text(fsio.join(outdir, "summary.json"), json.dumps(summary, indent=2, sort_keys=True) + "\n")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline.sources.so_sample",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("outdir", help="directory to write the sample dump into")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    summary = write_sample(args.outdir, args.seed)
    print(json.dumps(summary, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
