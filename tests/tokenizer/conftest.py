"""Fixtures of the tokenizer tests: a small real corpus (stdlib code + StackOverflow threads) written as
DOCUMENT_SCHEMA parquet, a config, a trained demo tokenizer and a release built from them."""

from __future__ import annotations

import sysconfig
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import yaml

from pipeline import records
from pipeline.config import load_config

STDLIB = Path(sysconfig.get_paths()["stdlib"])
TRAIN_DIRS = ("json", "email", "logging", "asyncio", "concurrent", "importlib", "xml/dom")


def code_documents(dirs=TRAIN_DIRS, limit: int = 120) -> list[dict]:
    docs = []
    for i, path in enumerate(sorted(p for d in dirs for p in (STDLIB / d).glob("*.py"))[:limit]):
        text = path.read_text(encoding="utf-8")
        repo = f"python/{path.parent.name}"
        docs.append(records.make_document(
            source="github" if i % 3 else "gitlab", repo=repo, path=str(path.relative_to(STDLIB)), content=text,
            lang="python", ext=".py", license="MIT" if i % 2 else "Apache-2.0", stars=(i * 37) % 500,
        ))
    # A second language with little text: the sampler must still give it its whole share.
    for i in range(12):
        body = "\n".join(f"echo step {j} && ls -la /tmp/dir{i}_{j} | grep -v '^d'" for j in range(i + 3))
        docs.append(records.make_document(
            source="local", repo="scripts", path=f"bin/run{i}.sh", content="#!/bin/sh\nset -eu\n" + body + "\n",
            lang="shell", ext=".sh", license="BSD-3-Clause", stars=None,
        ))
    return docs


def so_documents(n: int = 10) -> list[dict]:
    docs = []
    for q in range(n):
        parts = [{"kind": "q", "post_id": 1000 + q, "parent_id": None, "score": q - 2, "accepted": None,
                  "text": f"How do I parse JSON number {q} in Python?\n<code>json.loads(s)</code> fails.",
                  "content_license": "CC BY-SA 4.0", "author": f"asker{q}", "author_id": q, "created_at": None}]
        for a in range(q % 3 + 1):
            parts.append({"kind": "a", "post_id": 2000 + 10 * q + a, "parent_id": 1000 + q, "score": a * 3 + q,
                          "accepted": a == 0, "text": f"Use <code>json.loads(s, parse_float=Decimal)</code> ({a}).",
                          "content_license": "CC BY-SA 3.0", "author": f"helper{a}", "author_id": 100 + a,
                          "created_at": None})
            parts.append({"kind": "c", "post_id": 3000 + 10 * q + a, "parent_id": 2000 + 10 * q + a, "score": 0,
                          "accepted": None, "text": "Thanks, that works.", "content_license": "CC BY-SA 4.0",
                          "author": None, "author_id": None, "created_at": None})
        content = "\n".join(p["text"] for p in parts)
        docs.append(records.make_document(
            source="stackoverflow", repo="stackoverflow.com", path=f"questions/{1000 + q}", content=content,
            lang="stackoverflow", ext="", license="CC-BY-SA-4.0", url=f"https://stackoverflow.com/q/{1000 + q}",
            tags=["python", "json"], parts=parts,
        ))
    return docs


def write_corpus(out_dir: Path, docs: list[dict], shards: int = 2) -> None:
    (out_dir / "documents").mkdir(parents=True, exist_ok=True)
    docs = sorted(docs, key=lambda d: d["id"])
    for s in range(shards):
        pq.write_table(records.to_table(docs[s::shards]), out_dir / "documents" / f"part-{s:05d}-of-{shards:05d}.parquet")


def write_config(out_dir: Path, **release) -> Path:
    data = {
        "output_dir": str(out_dir), "seed": 7,
        "tokenizer": {"vocab_size": 1200, "sample_mb_per_language": 0.4, "num_threads": 1},
        "release": {"validation_fraction": 0.2, "target_shard_mb": 0.2, "row_group_size": 16, **release},
    }
    path = out_dir / "config.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


@pytest.fixture(scope="session")
def corpus_docs() -> list[dict]:
    return code_documents() + so_documents()


@pytest.fixture(scope="session")
def built(tmp_path_factory, corpus_docs):
    """(config, model path, release dir) of one tokenizer + release build of the test corpus."""
    from tokenizer.shard import run_shard
    from tokenizer.train import train_tokenizer

    out = tmp_path_factory.mktemp("build")
    write_corpus(out, corpus_docs)
    cfg = load_config(write_config(out))
    model = train_tokenizer(cfg, [])
    release_dir = run_shard(cfg, [])
    return cfg, model, release_dir


@pytest.fixture(scope="session")
def tokenizer(built):
    from tokenizer.spm import IncoderTokenizer

    return IncoderTokenizer(built[1])
