"""``incoder release diff A B``: what changed between two releases, as text and JSON.

Documents are matched by id (stable: a hash of source, repository and path). A document is *added*
(only in B), *removed* (only in A), *changed* (in both, with other content, licence or language) or
*unchanged*. Content is compared by the exact-dedup key of ``dedup_keys/`` when both releases have
one (independent of the tokenizer), else by a hash of the token ids when both share a tokenizer, else
not at all (only licence, language and token count; the report says which). The licence, language
and source mix come from the manifests' counts; the added/removed breakdowns from the shards.

The comparison is a Beam pipeline (``CoGroupByKey`` by id: no process holds either release); only the
counts reach the driver.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Iterator
from typing import Any

import apache_beam as beam
import numpy as np

from pipeline import fsio
from pipeline.beam_runner import new_pipeline
from pipeline.errors import FatalError
from tokenizer import release
from tokenizer.release_format import MANIFEST, Manifest, ManifestError

MIX_KEYS = (("license", "license"), ("language", "lang"), ("source", "source"))


def load_manifest(release_dir: str) -> tuple[dict[str, Any], str]:
    """``(manifest as JSON data, its sha256)``, checked against ``release_format.Manifest``; ``FatalError``
    when ``release_dir`` holds no release."""
    path = fsio.join(release_dir, MANIFEST)
    if not fsio.exists(path):
        raise FatalError(f"{release_dir}: no manifest.json (not a release)")
    data = fsio.read_bytes(path)
    try:
        manifest = Manifest.from_json(data)
    except ManifestError as exc:
        raise FatalError(f"{path}: {exc}") from None
    return manifest.to_dict(), release.sha256_bytes(data)


def shard_files(release_dir: str, manifest: dict[str, Any]) -> list[str]:
    return [fsio.join(release_dir, f["path"]) for split in release.SPLITS
            for f in (manifest.get("splits") or {}).get(split, {}).get("files") or []]


def fingerprint_mode(a: dict[str, Any], b: dict[str, Any]) -> str:
    if a.get("dedup_keys") and b.get("dedup_keys"):
        return "exact_key"
    if (a.get("tokenizer") or {}).get("sha256") == (b.get("tokenizer") or {}).get("sha256"):
        return "token_ids"
    return "metadata"


def _slim(row: dict[str, Any], with_ids: bool) -> tuple[str, dict[str, Any]]:
    out = {"lang": row.get("lang"), "license": row.get("license"), "source": row.get("source"),
           "num_tokens": row.get("num_tokens")}
    if with_ids:
        ids = np.asarray(row["input_ids"], dtype="<i4").tobytes()
        out["fingerprint"] = hashlib.sha1(ids).hexdigest()
    return row["id"], out


def classify(element: tuple[str, dict[str, list[Any]]]) -> Iterator[tuple[tuple[str, ...], int]]:
    """Per id: ``(("documents", status), 1)`` and the breakdown counters of its status."""
    _, grouped = element
    a, b = next(iter(grouped["a"]), None), next(iter(grouped["b"]), None)
    if a is None and b is None:
        return
    if a is None or b is None:
        status, row = ("added", b) if a is None else ("removed", a)
        yield ("documents", status), 1
        for key, column in MIX_KEYS:
            yield (status, key, str(row.get(column))), 1
        return
    a_fp = next(iter(grouped["a_key"]), a.get("fingerprint"))
    b_fp = next(iter(grouped["b_key"]), b.get("fingerprint"))
    changed = a_fp != b_fp or a["license"] != b["license"] or a["lang"] != b["lang"] or (
        a_fp is None and a["num_tokens"] != b["num_tokens"])
    yield ("documents", "changed" if changed else "unchanged"), 1
    if a["license"] != b["license"]:
        yield ("license_changes", f"{a['license']} -> {b['license']}"), 1


def _mix(a: dict[str, Any], b: dict[str, Any], counts: dict[tuple[str, ...], int]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, _ in MIX_KEYS:
        before, after = (a.get("counts") or {}).get(key, {}), (b.get("counts") or {}).get(key, {})
        out[key] = {name: {"before": before.get(name, 0), "after": after.get(name, 0),
                           "added": counts.get(("added", key, name), 0),
                           "removed": counts.get(("removed", key, name), 0)}
                    for name in sorted(set(before) | set(after))}
    return out


def _side(manifest: dict[str, Any], sha: str, path: str) -> dict[str, Any]:
    splits = manifest.get("splits") or {}
    return {"path": path, "name": manifest.get("name"), "manifest_sha256": sha,
            "documents": sum(s.get("documents", 0) for s in splits.values()),
            "tokens": sum(s.get("tokens", 0) for s in splits.values())}


def diff_releases(a_dir: str, b_dir: str, beam_args: list[str] | None = None, work_dir: str | None = None) -> dict[str, Any]:
    """The diff report (JSON-able) of release ``a_dir`` -> release ``b_dir``."""
    a, a_sha = load_manifest(a_dir)
    b, b_sha = load_manifest(b_dir)
    mode = fingerprint_mode(a, b)
    work = work_dir or tempfile.mkdtemp(prefix="incoder-diff-")
    out_path = fsio.join(work, "diff-counts.json")
    with_ids = mode == "token_ids"
    columns = ["id", "lang", "license", "source", "num_tokens"] + (["input_ids"] if with_ids else [])
    with new_pipeline(beam_args) as p:
        inputs = {}
        for label, rdir, manifest in (("a", a_dir, a), ("b", b_dir, b)):
            inputs[label] = (p | f"{label}Files" >> beam.Create(shard_files(rdir, manifest))
                             | f"{label}Read" >> beam.io.ReadAllFromParquet(columns=columns)
                             | f"{label}Slim" >> beam.Map(_slim, with_ids))
            keys = [fsio.join(rdir, f["path"]) for f in (manifest.get("dedup_keys") or {}).get("files") or []]
            inputs[f"{label}_key"] = (p | f"{label}KeyFiles" >> beam.Create(keys if mode == "exact_key" else [])
                                      | f"{label}ReadKeys" >> beam.io.ReadAllFromParquet(columns=["id", "exact_key"])
                                      | f"{label}KeyPairs" >> beam.Map(lambda r: (r["id"], r["exact_key"])))
        _ = (
            inputs
            | "JoinById" >> beam.CoGroupByKey()
            | "Classify" >> beam.FlatMap(classify)
            | "Sum" >> beam.CombinePerKey(sum)
            | "All" >> beam.combiners.ToList()
            | "Write" >> beam.Map(lambda items: fsio.write_text(out_path, json.dumps([[list(k), v] for k, v in items])))
        )
    counts = {tuple(k): v for k, v in json.loads(fsio.read_text(out_path))}
    fsio.delete_matching(out_path)
    documents = {s: counts.get(("documents", s), 0) for s in ("added", "removed", "changed", "unchanged")}
    return {
        "a": _side(a, a_sha, a_dir), "b": _side(b, b_sha, b_dir), "content_compared_by": mode,
        "documents": documents,
        "tokens": {"before": _side(a, a_sha, a_dir)["tokens"], "after": _side(b, b_sha, b_dir)["tokens"]},
        "mix": _mix(a, b, counts),
        "license_changes": dict(sorted((k[1], v) for k, v in counts.items() if k[0] == "license_changes")),
    }


def summary(report: dict[str, Any]) -> dict[str, Any]:
    """The part of a diff a child release's manifest and data card carry."""
    return {key: report[key] for key in ("documents", "tokens", "mix", "license_changes", "content_compared_by")}


def format_text(report: dict[str, Any]) -> str:
    a, b, docs = report["a"], report["b"], report["documents"]
    lines = [f"release diff: {a['name']} ({a['path']}) -> {b['name']} ({b['path']})",
             f"documents: {a['documents']} -> {b['documents']}   tokens: {a['tokens']} -> {b['tokens']}",
             f"  added {docs['added']}, removed {docs['removed']}, changed {docs['changed']}, "
             f"unchanged {docs['unchanged']} (content compared by {report['content_compared_by']})"]
    for key, _ in MIX_KEYS:
        rows = [(name, d) for name, d in report["mix"][key].items() if d["before"] != d["after"] or d["added"] or d["removed"]]
        lines.append(f"{key} mix:" + ("" if rows else " unchanged"))
        for name, d in rows:
            delta = d["after"] - d["before"]
            lines.append(f"  {name:<24}{d['before']:>9} -> {d['after']:<9} ({delta:+d}; +{d['added']} -{d['removed']})")
    if report["license_changes"]:
        lines.append("licence changes of kept documents: "
                     + ", ".join(f"{k}: {v}" for k, v in report["license_changes"].items()))
    return "\n".join(lines)
