"""Where a run's outputs live: one object names every path under ``output_dir``.

``ProjectConfig.layout`` (or ``Layout(output_dir)``) is the only place an output path is spelled::

    OUT/documents/part-*.parquet     incoder build (kept documents)
    OUT/rejected/part-*.parquet      incoder build (every dropped file, with its reason)
    OUT/dedup_keys/part-*.parquet    incoder build (the kept documents' dedup keys)
    OUT/stats.json, OUT/config.yaml  incoder build (counters; the resolved config)
    OUT/raw/                         incoder crawl (raw store; crawl.store overrides)
    OUT/tokenizer/                   incoder tokenizer train (spm.model, spm.vocab, hf/, training.json)
    OUT/release/                     incoder shard (train.release_dir defaults here)
    OUT/train/                       incoder train (train.run_dir defaults here)
    OUT/eval/                        incoder eval under incoder run (evaluate.out_dir defaults here)
    OUT/_steps/<step>.json           incoder run's done-markers
    OUT/slurm/                       incoder submit (batch scripts and job logs)

Paths are joined like ``pipeline.fsio.join`` (``os.path.join`` for local paths, ``/`` for URLs such
as ``gs://``) without importing Beam, so the config and the trainer's command line stay Beam-free.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from tokenizer.release_format import MANIFEST

DOCUMENTS = "documents"
REJECTED = "rejected"
DEDUP_KEYS = "dedup_keys"
PART_GLOB = "part-*-of-*.parquet"  # the parts WriteDocuments writes (pipeline.stages.write_documents)


def join(base: str, *parts: str) -> str:
    """``base/parts...``: ``os.path.join`` for local paths, ``/``-joined for URLs (``gs://b/x``)."""
    if "://" in base:
        return "/".join([base.rstrip("/"), *(p.strip("/") for p in parts)])
    return os.path.join(base, *parts)


@dataclass(frozen=True)
class Layout:
    """Every output path of a run rooted at ``root`` (the config's ``output_dir``)."""

    root: str

    def path(self, *parts: str) -> str:
        return join(self.root, *parts)

    @property
    def documents(self) -> str:
        return self.path(DOCUMENTS)

    @property
    def documents_glob(self) -> str:
        return self.path(DOCUMENTS, PART_GLOB)

    @property
    def rejected(self) -> str:
        return self.path(REJECTED)

    @property
    def dedup_keys(self) -> str:
        return self.path(DEDUP_KEYS)

    def table_glob(self, table: str) -> str:
        """The parts of a build table (``documents``, ``rejected``, ``dedup_keys``)."""
        return self.path(table, PART_GLOB)

    @property
    def stats(self) -> str:
        return self.path("stats.json")

    @property
    def config(self) -> str:
        return self.path("config.yaml")

    @property
    def raw(self) -> str:
        return self.path("raw")

    @property
    def tokenizer(self) -> str:
        return self.path("tokenizer")

    @property
    def tokenizer_model(self) -> str:
        return self.path("tokenizer", "spm.model")

    @property
    def release(self) -> str:
        return self.path("release")

    @property
    def release_manifest(self) -> str:
        return self.path("release", MANIFEST)

    @property
    def train(self) -> str:
        return self.path("train")

    @property
    def eval(self) -> str:
        return self.path("eval")

    @property
    def steps(self) -> str:
        return self.path("_steps")

    def step_marker(self, step: str) -> str:
        return self.path("_steps", f"{step}.json")

    @property
    def slurm(self) -> str:
        return self.path("slurm")

    def staging(self, token: str) -> str:
        """A build's private staging directory, published on success (``.staging-<token>``)."""
        return self.path(f".staging-{token}")
