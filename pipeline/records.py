"""Element types and the one parquet schema shared by every stage and by the output.

Two kinds of elements flow through the build:

``RawFile`` (a ``dict``) -- one file of one repository, as read by a source, before decoding::

    {"source": "local", "repo": "requests-2.32.3", "repo_id": "python-env/requests-2.32.3.dist-info",
     "path": "requests/api.py",
     "data": b"...", "stars": None, "pushed_at": None, "host_license": "Apache-2.0",
     "url": None}

``Document`` (a ``dict`` whose keys are exactly ``DOCUMENT_SCHEMA.names``) -- one training document:
a source file, or one StackOverflow question with its answers and comments. ``Rejected`` is a
``Document`` plus ``reason`` (snake_case), ``detail`` and ``duplicate_of``.

Column reference (``DOCUMENT_SCHEMA``):

=================  ==========================================================================
id                 stable across reruns: ``document_id(source, repo_identity(raw), path)`` (the repository's
                   identity, ``repo_id``: the source's name and its own entry, so two repositories
                   that show the same ``repo`` name never share ids)
source             ``github`` | ``gitlab`` | ``stackoverflow`` | ``local``
repo               repository name (``owner/name`` for hosts, folder/archive stem for local,
                   the site for StackOverflow, e.g. ``stackoverflow.com``)
path               path inside the repository (``questions/<id>`` for StackOverflow)
lang               language from the extension table (``stackoverflow`` for posts)
ext                file extension with its dot, lower case (``.py``); empty when none
content            the decoded text the model sees (``None`` only for rejected undecodable data)
license            SPDX expression the document is kept under (``CC-BY-SA-4.0`` etc. for posts)
license_evidence   JSON text: where the licence came from (file or host field, rule, score)
stars              repository stars when the host reports them (nullable)
pushed_at          ISO-8601 time of the repository's last push (nullable), for recency ranking
url                where the document can be found (nullable)
sha256             hex SHA-256 of ``content`` encoded as UTF-8 (of the raw bytes when undecodable;
                   empty for a rejected file that was never read, e.g. over a size cap)
size_bytes         length of the UTF-8 content (of the raw bytes when undecodable)
tags               StackOverflow question tags (nullable; empty for code)
parts              StackOverflow parts in document order (nullable; null for code): one struct
                   per question, answer or comment -- see ``PART_TYPE``
=================  ==========================================================================
"""

from __future__ import annotations

import hashlib
from typing import Any

import pyarrow as pa

SCHEMA_VERSION = 1

SOURCES = ("github", "gitlab", "stackoverflow", "local")

# One StackOverflow part: a question, an answer or a comment, with its attribution.
PART_TYPE = pa.struct(
    [
        pa.field("kind", pa.string()),  # "q" | "a" | "c"
        pa.field("post_id", pa.int64()),  # the post (or comment) id in the dump
        pa.field("parent_id", pa.int64()),  # post a comment or answer belongs to (nullable)
        pa.field("score", pa.int64()),
        pa.field("accepted", pa.bool_()),  # answers: the question's accepted answer
        pa.field("text", pa.string()),  # converted text the model sees
        pa.field("content_license", pa.string()),  # e.g. "CC BY-SA 4.0" as in the dump
        pa.field("author", pa.string()),  # OwnerDisplayName / UserDisplayName when present
        pa.field("author_id", pa.int64()),  # OwnerUserId / UserId when present
        pa.field("created_at", pa.string()),
    ]
)

DOCUMENT_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("source", pa.string(), nullable=False),
        pa.field("repo", pa.string(), nullable=False),
        pa.field("path", pa.string(), nullable=False),
        pa.field("lang", pa.string()),
        pa.field("ext", pa.string()),
        pa.field("content", pa.string()),
        pa.field("license", pa.string()),
        pa.field("license_evidence", pa.string()),
        pa.field("stars", pa.int64()),
        pa.field("pushed_at", pa.string()),
        pa.field("url", pa.string()),
        pa.field("sha256", pa.string(), nullable=False),
        pa.field("size_bytes", pa.int64(), nullable=False),
        pa.field("tags", pa.list_(pa.string())),
        pa.field("parts", pa.list_(PART_TYPE)),
    ],
    metadata={b"incoder.schema_version": str(SCHEMA_VERSION).encode()},
)

REJECTED_SCHEMA = pa.schema(
    list(DOCUMENT_SCHEMA)
    + [
        pa.field("reason", pa.string(), nullable=False),
        pa.field("detail", pa.string()),
        pa.field("duplicate_of", pa.string()),
    ],
    metadata=DOCUMENT_SCHEMA.metadata,
)

DOCUMENT_COLUMNS = tuple(DOCUMENT_SCHEMA.names)
REJECTED_COLUMNS = tuple(REJECTED_SCHEMA.names)


def document_id(source: str, repo: str, path: str) -> str:
    """Stable id: the same (source, repo, path) gives the same id on every run and runner."""
    key = f"{source}\x00{repo}\x00{path}".encode("utf-8", "surrogatepass")
    return hashlib.sha1(key).hexdigest()


def repo_identity(raw: dict[str, Any]) -> str:
    """A ``RawFile``'s repository identity: its ``repo_id`` (source name + the repository's own entry,
    ``pipeline.sources.repo_id``), else its ``repo`` name."""
    return raw.get("repo_id") or raw["repo"]


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def make_document(
    *,
    source: str,
    repo: str,
    path: str,
    content: str,
    lang: str | None = None,
    ext: str | None = None,
    license: str | None = None,
    license_evidence: str | None = None,
    stars: int | None = None,
    pushed_at: str | None = None,
    url: str | None = None,
    tags: list[str] | None = None,
    parts: list[dict[str, Any]] | None = None,
    doc_id: str | None = None,
) -> dict[str, Any]:
    """A ``Document`` dict with every schema column set; derived columns computed here only."""
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}; expected one of {SOURCES}")
    encoded = content.encode("utf-8", "surrogatepass")
    return {
        "id": doc_id or document_id(source, repo, path),
        "source": source,
        "repo": repo,
        "path": path,
        "lang": lang,
        "ext": ext,
        "content": content,
        "license": license,
        "license_evidence": license_evidence,
        "stars": stars,
        "pushed_at": pushed_at,
        "url": url,
        "sha256": hashlib.sha256(encoded).hexdigest(),
        "size_bytes": len(encoded),
        "tags": tags,
        "parts": parts,
    }


def reject(
    document: dict[str, Any], reason: str, detail: str | None = None, duplicate_of: str | None = None
) -> dict[str, Any]:
    """A ``Rejected`` dict: the document's columns plus why it was dropped."""
    if not reason or not reason.replace("_", "").isalnum() or reason.lower() != reason:
        raise ValueError(f"reason must be snake_case, got {reason!r}")
    row = {name: document.get(name) for name in DOCUMENT_COLUMNS}
    row.update(reason=reason, detail=detail, duplicate_of=duplicate_of)
    return row


def reject_raw(raw: dict[str, Any], reason: str, detail: str | None = None) -> dict[str, Any]:
    """Reject a ``RawFile`` that never became a document (binary, undecodable, too large...).

    The content is not kept (it is not text, or too large to be worth keeping); its hash and size
    are, so the rejected table still accounts for every input byte. ``data=None`` marks a file that
    was rejected unread (size caps, unreadable archive): its ``sha256`` is empty.
    """
    data: bytes | None = raw.get("data")
    path = raw["path"]
    ext = _extension(path)
    row = {
        "id": document_id(raw["source"], repo_identity(raw), path),
        "source": raw["source"],
        "repo": raw["repo"],
        "path": path,
        "lang": None,
        "ext": ext,
        "content": None,
        "license": raw.get("license"),
        "license_evidence": raw.get("license_evidence"),
        "stars": raw.get("stars"),
        "pushed_at": raw.get("pushed_at"),
        "url": raw.get("url"),
        "sha256": hashlib.sha256(data).hexdigest() if data is not None else "",
        "size_bytes": raw.get("size_bytes", len(data or b"")),
        "tags": None,
        "parts": None,
    }
    return reject(row, reason, detail)


def _extension(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    if "." not in name.lstrip("."):
        return ""
    return "." + name.rsplit(".", 1)[-1].lower()


def to_table(rows: list[dict[str, Any]], schema: pa.Schema = DOCUMENT_SCHEMA) -> pa.Table:
    """Rows (dicts) to a table of exactly ``schema``; missing keys become nulls."""
    columns = {name: [row.get(name) for row in rows] for name in schema.names}
    return pa.Table.from_pydict(columns, schema=schema)
