"""``incoder release remove``: re-issue a published release without what an opt-out list names.

  incoder release remove --release out/v1/release --exclude optout.txt --out out/v1.1/release

The list (``pipeline.algorithms.optout``: repositories, owner globs, Stack Exchange users) is applied
to every ``train/``, ``validation/`` and ``heldout/`` file: a file with no matching row is copied
byte for byte (``FileSystems.copy``), a file with some is rewritten without them (same name, rows
still sorted by id, same schema). A Stack Exchange thread with a part by an opted-out user is removed
whole: the release holds token ids, not parts, so the part cannot be cut out here (a rebuild with
``build.exclude`` removes only the user's parts). The users come from ``attribution.jsonl``.

``attribution.jsonl``, ``rejected.jsonl`` and ``dedup_keys/`` lose the same documents; the tokenizer is
copied. The new manifest records the parent release (name, manifest sha256, the diff summary), and
``governance.removals`` what was removed and why (list location, version, sha256, matches per
entry); the data card is redrawn. The result passes ``incoder verify``. The files are processed by a
Beam pipeline, one file per element (a worker holds one shard), the key files by a ``CoGroupByKey``.
"""

from __future__ import annotations

import io
import json
import logging
from collections import Counter
from collections.abc import Iterator
from typing import Any

import apache_beam as beam
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from apache_beam.io.filesystems import FileSystems

from pipeline import fsio
from pipeline.algorithms import optout
from pipeline.beam_runner import new_pipeline
from pipeline.errors import ConfigError, FatalError
from tokenizer import heldout, release, release_keys
from tokenizer.release_diff import MIX_KEYS, load_manifest
from tokenizer.release_format import Manifest
from tokenizer.train import remove_dir

log = logging.getLogger(__name__)

COMPRESSION_LEVEL = 3  # ReleaseConfig.compression_level's default; parquet does not record the level


def _so_threads(attribution_path: str, exclude: optout.ExcludeList) -> dict[tuple[str, str], str]:
    """``{(site, path): entry text}`` of the threads with a part by an opted-out user."""
    threads: dict[tuple[str, str], str] = {}
    if not fsio.exists(attribution_path):
        return threads
    with fsio.open_read(attribution_path) as handle:
        for raw in handle:
            entry = json.loads(raw)
            if entry.get("kind") != "stackoverflow":
                continue
            for part in entry.get("parts") or []:
                hit = exclude.match_so_user(entry.get("site") or "", part.get("user_id"))
                if hit is not None:
                    threads[(entry.get("site"), entry.get("path"))] = hit.text
                    break
    return threads


def _matcher(exclude: optout.ExcludeList, threads: dict[tuple[str, str], str]):
    def match(repo: str | None, source: str | None, path: str | None) -> str | None:
        if source == "stackoverflow":
            return threads.get((repo, path))
        if source is None and (repo, path) in threads:
            return threads[(repo, path)]
        entry = exclude.match_repository(repo or "", source)
        return entry.text if entry is not None else None

    return match


class _FilterFileFn(beam.DoFn):
    """One release file entry -> its new entry (copied or rewritten); ``removed``: removed rows' ids;
    ``stats``: ``(counter key, n)`` of what was removed (per list entry, per mix value)."""

    def __init__(self, src: str, dst: str, list_text: str, location: str, threads: dict) -> None:
        self.src, self.dst, self.list_text, self.location, self.threads = src, dst, list_text, location, threads

    def setup(self) -> None:
        self.match = _matcher(optout.parse_exclude(self.list_text, self.location), self.threads)

    def process(self, item: tuple[str, dict[str, Any]]) -> Iterator[Any]:
        kind, entry = item
        source_path, target = fsio.join(self.src, entry["path"]), fsio.join(self.dst, entry["path"])
        with fsio.open_read(source_path) as handle:
            data = handle.read()
        columns = ["id", "repo", "source", "path"] + ([] if kind == "heldout" else ["num_tokens", "lang", "license"])
        table = pq.read_table(io.BytesIO(data), columns=columns)
        hits = [self.match(r, s, p) for r, s, p in zip(table["repo"].to_pylist(), table["source"].to_pylist(),
                                                       table["path"].to_pylist(), strict=True)]
        if not any(h is not None for h in hits):
            _copy(source_path, target)  # byte-identical
            yield kind, (dict(entry) if kind == "heldout" else _entry(kind, entry["path"], data, table))
            return
        drop = pa.array([h is not None for h in hits])
        for row, hit in zip(table.to_pylist(), hits, strict=True):
            if hit is None:
                continue
            yield beam.pvalue.TaggedOutput("removed", row["id"])
            unit = f"{row['source']}/{row['repo']}" + (f"/{row['path']}" if row["source"] == "stackoverflow" else "")
            keys = [("entry", hit), ("unit", unit), ("removed_from", kind)]
            if kind != "heldout":  # the manifest's mix counts cover the training splits only
                keys += [("removed", k, str(row.get(c))) for k, c in MIX_KEYS]
            for key in keys:
                yield beam.pvalue.TaggedOutput("stats", (key, 1))
        full = pq.read_table(io.BytesIO(data))
        metadata = pq.ParquetFile(io.BytesIO(data)).metadata
        row_group = metadata.row_group(0).num_rows if metadata.num_row_groups else 1000
        sink = io.BytesIO()
        kept = full.filter(pc.invert(drop))  # still sorted by id
        pq.write_table(kept, sink, compression="zstd", compression_level=COMPRESSION_LEVEL,
                       row_group_size=max(1, row_group))
        data = sink.getvalue()
        fsio.write_bytes(target, data)
        yield kind, _entry(kind, entry["path"], data, kept)


def _entry(kind: str, path: str, data: bytes, table: pa.Table) -> dict[str, Any]:
    base = {"path": path, "sha256": release.sha256_bytes(data), "bytes": len(data), "documents": table.num_rows}
    if kind == "heldout":
        keys = {heldout.repository_key(r) for r in table.select(["source", "repo"]).to_pylist()}
        return {**base, "repositories": len(keys - {None}),
                "content_bytes": sum(len((c or "").encode("utf-8")) for c in table["content"].to_pylist())}
    rows = table.select(["num_tokens", "lang", "license", "source"]).to_pylist()
    return {"split": kind, **base, **release.summarize_rows(rows)}


def _keep_key(element: tuple[str, dict[str, list[Any]]], count: int) -> Iterator[tuple[int, dict[str, Any]]]:
    doc_id, grouped = element
    if not list(grouped["removed"]):
        for row in list(grouped["key"])[:1]:
            yield release_keys.shard_of(doc_id, count), row


class _WriteKeysFn(beam.DoFn):
    def __init__(self, dst: str, count: int, params: dict[str, Any] | None) -> None:
        self.dst, self.count, self.params = dst, count, params

    def process(self, item):
        index, rows = item
        yield release_keys.write_key_part(self.dst, index, self.count, (r for r in rows if r is not None), self.params)


def _file_items(manifest: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    items = [(split, f) for split in release.SPLITS for f in manifest["splits"].get(split, {}).get("files") or []]
    return items + [("heldout", f) for f in (manifest.get("heldout") or {}).get("files") or []]


def _filter_jsonl(src: str, dst: str, keep: Any) -> Counter:
    """Copy a JSON-lines file keeping the lines ``keep(obj)`` accepts; returns reasons of kept rejected rows."""
    reasons: Counter = Counter()
    if not fsio.exists(src):
        return reasons
    with fsio.open_read(src) as handle, fsio.atomic_write(dst) as out:
        for raw in handle:
            obj = json.loads(raw)
            if keep(obj):
                out.write(raw if raw.endswith(b"\n") else raw + b"\n")
                if obj.get("reason"):
                    reasons[obj["reason"]] += 1
    return reasons


def _run_files(release_dir: str, out_dir: str, manifest: dict[str, Any], exclude: optout.ExcludeList,
               list_text: str, threads: dict, beam_args: list[str] | None) -> tuple[list[Any], Counter]:
    work = fsio.join(out_dir, "_work")
    keys = manifest.get("dedup_keys") or {}
    key_files = [fsio.join(release_dir, f["path"]) for f in keys.get("files") or []]
    with new_pipeline(beam_args) as p:
        files = (p | "Files" >> beam.Create(_file_items(manifest))
                 | "Filter" >> beam.ParDo(_FilterFileFn(release_dir, out_dir, list_text, exclude.location, threads))
                 .with_outputs("removed", "stats", main="entries"))
        _ = (files.entries | "EntryList" >> beam.combiners.ToList()
             | "WriteEntries" >> beam.Map(lambda e: fsio.write_text(fsio.join(work, "entries.json"), json.dumps(e))))
        _ = (files.stats | "SumStats" >> beam.CombinePerKey(sum) | "StatList" >> beam.combiners.ToList()
             | "WriteStats" >> beam.Map(lambda s: fsio.write_text(fsio.join(work, "stats.json"),
                                                                   json.dumps([[list(k), v] for k, v in s]))))
        if key_files:
            count = len(key_files)
            key_rows = (p | "KeyFiles" >> beam.Create(key_files) | "ReadKeys" >> beam.io.ReadAllFromParquet()
                        | "KeyById" >> beam.Map(lambda r: (r["id"], r)))
            markers = p | "KeyMarkers" >> beam.Create([(i, None) for i in range(count)])
            kept = ({"key": key_rows, "removed": files.removed | "RemovedIds" >> beam.Map(lambda i: (i, True))}
                    | "JoinRemoved" >> beam.CoGroupByKey() | "KeepKeys" >> beam.FlatMap(_keep_key, count))
            _ = ((kept, markers) | "FlattenKeys" >> beam.Flatten() | "GroupKeys" >> beam.GroupByKey()
                 | "WriteKeys" >> beam.ParDo(_WriteKeysFn(out_dir, count, (keys or {}).get("params")))
                 | "KeyList" >> beam.combiners.ToList()
                 | "WriteKeyList" >> beam.Map(lambda e: fsio.write_text(fsio.join(work, "keys.json"), json.dumps(e))))
    entries = json.loads(fsio.read_text(fsio.join(work, "entries.json")))
    stats = Counter({tuple(k): v for k, v in json.loads(fsio.read_text(fsio.join(work, "stats.json")))}) \
        if fsio.exists(fsio.join(work, "stats.json")) else Counter()
    if key_files:
        entries.append(["dedup_keys", json.loads(fsio.read_text(fsio.join(work, "keys.json")))])
    return entries, stats


def _copy(src: str, dst: str) -> None:
    fsio.makedirs(dst.rsplit("/", 1)[0])
    if fsio.exists(dst):
        FileSystems.delete([dst])
    FileSystems.copy([src], [dst])


def remove_from_release(release_dir: str, exclude_location: str, out_dir: str, beam_args: list[str] | None = None,
                        name: str | None = None) -> dict[str, Any]:
    """Write the release ``release_dir`` minus the list's matches to ``out_dir``; returns the new manifest."""
    from tokenizer.finalize import _file_entry

    if fsio.join(release_dir, "") == fsio.join(out_dir, ""):
        raise ConfigError("release remove: --out must differ from --release (the parent stays as published)")
    if fsio.exists(fsio.join(out_dir, "manifest.json")):
        raise FatalError(f"{out_dir} already holds a release: choose another --out")
    parent, parent_sha = load_manifest(release_dir)
    exclude = optout.load_exclude(exclude_location)
    if not exclude:
        raise ConfigError(f"release remove: {exclude_location} lists nothing to remove")
    list_text = _list_text(exclude)
    threads = _so_threads(fsio.join(release_dir, "attribution.jsonl"), exclude)
    entries, stats = _run_files(release_dir, out_dir, parent, exclude, list_text, threads, beam_args)
    match = _matcher(exclude, threads)
    _filter_jsonl(fsio.join(release_dir, "attribution.jsonl"), fsio.join(out_dir, "attribution.jsonl"),
                  lambda e: match(e.get("site") if e.get("kind") == "stackoverflow" else e.get("repo"),
                                  e.get("source") or ("stackoverflow" if e.get("kind") == "stackoverflow" else None),
                                  e.get("path")) is None)
    rejected = _filter_jsonl(fsio.join(release_dir, "rejected.jsonl"), fsio.join(out_dir, "rejected.jsonl"),
                             lambda r: all(match(r.get("repo"), s, r.get("path")) is None for s in (None, "github", "gitlab")))
    for path in [parent["tokenizer"]["path"]] + [f["path"] for f in parent.get("metadata_files") or []
                                                  if f["path"].startswith("tokenizer/")]:
        _copy(fsio.join(release_dir, path), fsio.join(out_dir, path))
    manifest = _child_manifest(parent, parent_sha, release_dir, entries, stats, exclude, Counter(rejected), name)
    extra = ["attribution.jsonl", "rejected.jsonl"]
    if any(f["path"] == "DATACARD.md" for f in parent.get("metadata_files") or []):
        from tokenizer.datacard import write_datacard

        extra += write_datacard(out_dir, manifest)
    extra += [f["path"] for f in parent.get("metadata_files") or [] if f["path"].startswith("tokenizer/")]
    manifest["metadata_files"] = sorted((_file_entry(out_dir, p) for p in extra), key=lambda f: f["path"])
    remove_dir(fsio.join(out_dir, "_work"))
    Manifest.from_dict(manifest).write(out_dir, fsio.write_text)
    return manifest


def _list_text(exclude: optout.ExcludeList) -> str:
    """The list's entries as text again (for a URL list, so workers need not fetch it)."""
    version = f"# version: {exclude.version}\n" if exclude.version else ""
    return version + "".join(e.text + "\n" for e in exclude.entries)


def _child_manifest(parent: dict[str, Any], parent_sha: str, release_dir: str, entries: list[Any], stats: Counter,
                    exclude: optout.ExcludeList, rejected: Counter, name: str | None) -> dict[str, Any]:
    shards = [e for kind, e in entries if kind in release.SPLITS]
    held = [e for kind, e in entries if kind == "heldout"]
    keys = next((e for kind, e in entries if kind == "dedup_keys"), None)
    built = release.build_manifest(shards, tokenizer=parent["tokenizer"], config_sha256=parent["config_sha256"],
                                   fmt=parent.get("format") or {}, rejected=dict(rejected), metadata_files=[],
                                   name=name or parent.get("name") or "release")
    manifest = {**parent, **built}
    if parent.get("heldout"):
        old = parent["heldout"]
        manifest["heldout"] = heldout.manifest_section(held, old.get("fraction", 0.0), old.get("seed", 0))
    if keys is not None:
        manifest["dedup_keys"] = release_keys.manifest_section(keys, (parent.get("dedup_keys") or {}).get("params"))
    removed = sum(v for k, v in stats.items() if k[0] == "entry")
    removed_splits = sum(v for k, v in stats.items() if k[0] == "removed_from" and k[1] in release.SPLITS)
    before = sum(s["documents"] for s in parent["splits"].values())
    gov = dict(parent.get("governance") or {})
    gov["removals"] = list(gov.get("removals") or []) + [{
        "reason": optout.REASON, "list": exclude.describe(), "list_version": exclude.version,
        "documents": removed,
        "repositories": len({k[1] for k in stats if k[0] == "unit"}),
        "matches": dict(sorted((k[1], v) for k, v in stats.items() if k[0] == "entry")),
    }]
    manifest["governance"] = gov
    mix = {key: {n: {"before": parent["counts"].get(key, {}).get(n, 0), "after": built["counts"].get(key, {}).get(n, 0),
                     "added": 0, "removed": stats.get(("removed", key, n), 0)}
                 for n in sorted(set(parent["counts"].get(key, {})) | set(built["counts"].get(key, {})))}
           for key, _ in MIX_KEYS}
    tokens_after = sum(s["tokens"] for s in built["splits"].values())
    manifest["parent"] = {
        "name": parent.get("name"), "manifest_sha256": parent_sha, "path": release_dir,
        "diff": {"documents": {"added": 0, "removed": removed_splits, "changed": 0,
                               "unchanged": before - removed_splits},
                 "tokens": {"before": sum(s["tokens"] for s in parent["splits"].values()), "after": tokens_after},
                 "mix": mix, "license_changes": {}, "content_compared_by": "id"},
    }
    return manifest
