"""``FilesToDocuments``: ``RawFile`` -> ``Document`` (language, path heuristics, binary, decoding)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import apache_beam as beam

from pipeline import records
from pipeline.algorithms import languages, paths, text
from pipeline.config import FilterConfig
from pipeline.metrics import StageCounters
from pipeline.sources.archives import is_dotfile

STAGE = "FilesToDocuments"


def convert(raw: dict[str, Any], cfg: FilterConfig, allowed: frozenset[str] | None) -> tuple[dict[str, Any] | None, str | None, str | None]:
    """``(document, None, None)`` or ``(None, reason, detail)`` for one ``RawFile``; no Beam here.

    Order (cheapest first): dotfile (when ``skip_dotfiles``), language by path, generated path, vendored
    path, binary sniffing, decoding.
    """
    path = raw["path"]
    if cfg.skip_dotfiles and is_dotfile(path):
        return None, "dotfile", None
    lang = languages.language_for(path)
    if lang is None or (allowed is not None and lang not in allowed):
        return None, "unsupported_language", languages.extension(path) or path.rsplit("/", 1)[-1]
    if cfg.skip_generated_paths and paths.is_generated_path(path):
        return None, "generated_path", None
    if cfg.skip_vendored and paths.is_vendored(path):
        return None, "vendored", None
    data: bytes = raw["data"]
    why_binary = text.looks_binary(data)
    if why_binary:
        return None, "binary", why_binary
    content, encoding = text.decode(data)
    if content is None:
        return None, "undecodable", encoding
    if "license" in raw:  # DetectLicenses ran
        license_, evidence = raw.get("license"), raw.get("license_evidence")
    else:  # no licence stage in this build: the host-reported licence is all there is
        license_ = raw.get("host_license")
        evidence = json.dumps({"source": "host", "value": license_}) if license_ else None
    doc = records.make_document(
        source=raw["source"], repo=raw["repo"], path=path, content=content, lang=lang,
        ext=languages.extension(path), license=license_, license_evidence=evidence,
        stars=raw.get("stars"), pushed_at=raw.get("pushed_at"), url=raw.get("url"),
        doc_id=records.document_id(raw["source"], records.repo_identity(raw), path),
    )
    return doc, None, None


class FilesToDocumentsFn(beam.DoFn):
    def __init__(self, cfg: FilterConfig) -> None:
        self.cfg = cfg
        self.counters = StageCounters(STAGE)

    def setup(self) -> None:
        self.allowed = frozenset(self.cfg.languages) if self.cfg.languages else None

    def process(self, raw: dict[str, Any]) -> Iterator[Any]:
        size = raw.get("size_bytes", len(raw["data"]))
        self.counters.seen(size)
        doc, reason, detail = convert(raw, self.cfg, self.allowed)
        if is_dotfile(raw["path"]):
            self.counters.inc("dotfiles.kept" if doc is not None else "dotfiles.rejected")
        if doc is None:
            self.counters.rejected(reason, size)
            yield beam.pvalue.TaggedOutput("rejected", records.reject_raw(raw, reason, detail))
            return
        self.counters.kept(doc["size_bytes"])
        yield doc


class FilesToDocuments(beam.PTransform):
    """Turn source files into text documents.

    Input: ``PCollection[RawFile]`` (after ``DetectLicenses`` when it runs: its ``license`` and
    ``license_evidence`` are carried over; without it the host-reported licence is used).
    Output: ``{"kept": PCollection[Document], "rejected": PCollection[Rejected]}``.
    Counters (``FilesToDocuments``): ``seen``, ``kept``, ``rejected.<reason>`` with reasons
    ``dotfile`` (``filters.skip_dotfiles``), ``unsupported_language`` (not in
    ``algorithms/languages.py`` or not in ``filters.languages``), ``generated_path``, ``vendored`` (per
    ``FilterConfig`` flags), ``binary``, ``undecodable``; ``dotfiles.kept``/``dotfiles.rejected`` split
    the files with a dot path component (``.eslintrc.js``, ``.github/...``) by outcome.
    """

    def __init__(self, cfg: FilterConfig) -> None:
        super().__init__()
        unknown = sorted(set(cfg.languages) - set(languages.LANGUAGES))
        if unknown:
            from pipeline.errors import ConfigError

            raise ConfigError(f"build.filters.languages: unknown {unknown}; known: {languages.known_languages()}")
        self.cfg = cfg

    def expand(self, raw_files: beam.PCollection) -> dict[str, beam.PCollection]:
        results = raw_files | "Convert" >> beam.ParDo(FilesToDocumentsFn(self.cfg)).with_outputs("rejected", main="kept")
        return {"kept": results.kept, "rejected": results.rejected}
