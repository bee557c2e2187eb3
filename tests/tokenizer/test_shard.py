"""The shard stage and the release it writes: TestPipeline, content, determinism, external readers."""

from __future__ import annotations

import json
from pathlib import Path

import apache_beam as beam
import pyarrow.parquet as pq
import pytest
from apache_beam.testing.util import assert_that, equal_to

from pipeline import records
from pipeline.beam_runner import offline_test_pipeline
from pipeline.config import load_config
from tokenizer import format as fmt
from tokenizer.config import ReleaseConfig
from tokenizer.shard import TokenizeDocuments, assign_split
from tokenizer.special_tokens import ENDOFTEXT_ID, SPECIAL_TOKENS

from .conftest import code_documents, so_documents, write_config, write_corpus


def _release_rows(release_dir: str) -> dict[str, dict]:
    rows = {}
    for path in sorted(Path(release_dir).glob("*/part-*.parquet")):
        for row in pq.read_table(path).to_pylist():
            rows[row["id"]] = {**row, "split": path.parent.name}
    return rows


@pytest.mark.timeout(300)
def test_tokenize_documents_stage(built, tokenizer, tmp_path):
    _, model_path, _ = built
    docs = code_documents(limit=8) + so_documents(3)
    cap = max(len(tokenizer.encode(d["content"])) for d in docs) + 200  # room for the tags
    empty = records.make_document(source="local", repo="r", path="empty.py", content="", lang="python", ext=".py")
    empty["content"] = None
    long_doc = records.make_document(source="local", repo="r", path="long.py", content="x = 1\n" * cap,
                                     lang="python", ext=".py")
    rcfg = ReleaseConfig(validation_fraction=0.3, target_shard_mb=0.05, max_document_tokens=cap,
                         dstars_thresholds=[1, 2, 3, 4, 5], dscore_thresholds=[0, 1, 2, 3, 4])
    expected_docs = len(docs)
    repositories = len({(d["source"], d["repo"]) for d in docs if d["source"] != "stackoverflow"})
    with offline_test_pipeline() as p:
        out = (p | beam.Create(docs + [empty, long_doc])
               | TokenizeDocuments(model_path, str(tmp_path), rcfg, seed=1))
        assert_that(out["kept"] | "Docs" >> beam.Map(lambda s: s["documents"]) | beam.CombineGlobally(sum),
                    equal_to([expected_docs]), label="AllDocumentsWritten")
        assert_that(out["rejected"] | beam.Map(lambda r: (r["path"], r["reason"])),
                    equal_to([("empty.py", "no_content"), ("long.py", "document_too_long")]), label="Rejected")
        assert_that(out["attribution"] | beam.Map(lambda a: a["kind"]) | "CountKinds" >> beam.combiners.Count.PerElement(),
                    equal_to([("repository", repositories), ("stackoverflow", 3)]), label="Attribution")
    rows = _release_rows(str(tmp_path))
    assert len(rows) == expected_docs
    assert {r["split"] for r in rows.values()} == {"train", "validation"}
    assert all(r["input_ids"][0] == ENDOFTEXT_ID and r["num_tokens"] == len(r["input_ids"]) for r in rows.values())
    for split in ("train", "validation"):
        names = sorted(p.name for p in (tmp_path / split).iterdir())
        count = int(names[0].split("-of-")[1].split(".")[0])
        assert names == [f"part-{i:05d}-of-{count:05d}.parquet" for i in range(count)]


def test_release_content_decodes_to_formatted_documents(built, tokenizer, corpus_docs):
    cfg, _, release_dir = built
    manifest = json.loads((Path(release_dir) / "manifest.json").read_text())
    thresholds = manifest["format"]
    rows = _release_rows(release_dir)
    assert len(rows) == len(corpus_docs)
    for doc in corpus_docs:
        row = rows[doc["id"]]
        segments = fmt.format_document(doc, cfg.seed, 0.5, thresholds["dstars_thresholds"],
                                       thresholds["dscore_thresholds"])
        assert row["input_ids"][0] == ENDOFTEXT_ID
        assert tokenizer.decode(row["input_ids"]) == "<|endoftext|>" + fmt.render(segments, SPECIAL_TOKENS)
        assert row["split"] == assign_split(doc["id"], cfg.release.validation_fraction, cfg.release.seed)
        assert (row["lang"], row["source"], row["license"], row["repo"], row["path"]) == (
            doc["lang"], doc["source"], doc["license"], doc["repo"], doc["path"])


def test_manifest_core(built):
    _, _, release_dir = built
    manifest = json.loads((Path(release_dir) / "manifest.json").read_text())
    assert manifest["schema_version"] == 1
    assert set(manifest["splits"]) == {"train", "validation"}
    for split, info in manifest["splits"].items():
        assert info["documents"] == sum(f["documents"] for f in info["files"])
        assert info["tokens"] == sum(f["tokens"] for f in info["files"])
        assert all(f["path"].startswith(f"{split}/part-") for f in info["files"])
        assert all(set(f) == {"path", "sha256", "bytes", "documents", "tokens"} for f in info["files"])
    assert len(manifest["splits"]["train"]["files"]) > 1  # target_shard_mb 0.2 splits the train set
    assert manifest["tokenizer"]["path"] == "tokenizer/spm.model" and manifest["tokenizer"]["vocab_size"] == 1200
    assert set(manifest["counts"]) == {"language", "license", "source"}
    assert manifest["counts"]["language"]["shell"] == 12
    assert {"sentencepiece", "pyarrow", "apache-beam"} <= set(manifest["package_versions"])
    assert len(manifest["config_sha256"]) == 64
    paths = {f["path"] for f in manifest["metadata_files"]}
    assert {"attribution.jsonl", "DATACARD.md", "charts/languages.png", "charts/lengths.png",
            "charts/licenses.png", "tokenizer/hf/tokenizer.json"} <= paths
    assert not (Path(release_dir) / "_work").exists() or not any((Path(release_dir) / "_work").iterdir())


def test_attribution_and_datacard(built):
    _, _, release_dir = built
    entries = [json.loads(line) for line in (Path(release_dir) / "attribution.jsonl").read_text().splitlines()]
    repos = {e["repo"]: e for e in entries if e["kind"] == "repository"}
    assert repos["python/json"]["url"] in ("https://github.com/python/json", "https://gitlab.com/python/json")
    posts = [e for e in entries if e["kind"] == "stackoverflow"]
    assert len(posts) == 10
    assert all(e["url"].startswith("https://stackoverflow.com/q/") and e["authors"] and e["licenses"] for e in posts)
    card = (Path(release_dir) / "DATACARD.md").read_text()
    assert "charts/languages.png" in card and "| shell | 12 |" in card
    for chart in ("languages", "lengths", "licenses"):
        assert (Path(release_dir) / "charts" / f"{chart}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_shards_load_with_pandas_without_project_code(built):
    import pandas as pd

    _, _, release_dir = built
    frame = pd.read_parquet(Path(release_dir) / "train")
    assert list(frame.columns) == ["id", "input_ids", "num_tokens", "lang", "source", "license", "repo", "path"]
    assert (frame["input_ids"].map(len) == frame["num_tokens"]).all()
    assert (frame["input_ids"].map(lambda ids: ids[0]) == ENDOFTEXT_ID).all()
    assert str(frame["num_tokens"].dtype) == "int32" and frame["input_ids"].iloc[0].dtype.name == "int32"
    meta = pq.ParquetFile(next((Path(release_dir) / "train").glob("*.parquet"))).metadata
    assert meta.row_group(0).column(1).compression == "ZSTD"


@pytest.mark.timeout(600)
def test_release_is_byte_identical_on_rebuild(built, corpus_docs, tmp_path):
    from pipeline.cli import main
    from tokenizer.verify import verify_release

    _, model_path, release_dir = built
    out = tmp_path / "again"
    write_corpus(out, list(reversed(corpus_docs)), shards=3)  # other input order and file split
    config = str(write_config(out))
    # `incoder run` on a config with tokenizer + release sections: tokenizer, shard, verify.
    assert main(["run", "--config", config]) == 0
    assert (out / "tokenizer" / "spm.model").read_bytes() == Path(model_path).read_bytes()
    assert {p.stem for p in (out / "_steps").glob("*.json")} == {"tokenizer", "shard", "verify"}
    again = out / "release"
    first = {p.relative_to(release_dir): p.read_bytes() for p in Path(release_dir).rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in Path(again).rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
    # The commands alone; a rerun into the same directory with other shard sizes leaves no stale parts.
    assert main(["tokenizer", "train", "--config", config]) == 0
    assert (out / "tokenizer" / "spm.model").read_bytes() == Path(model_path).read_bytes()
    assert main(["shard", "--config", config, "--set", "release.target_shard_mb=5.0"]) == 0
    assert len(list((out / "release" / "train").glob("part-*"))) == 1
    assert verify_release(str(out / "release")) == []


def test_hf_tokenizer_gives_the_same_ids(built, tokenizer, corpus_docs):
    from transformers import AutoTokenizer, PreTrainedTokenizerFast

    from .conftest import STDLIB

    _, _, release_dir = built
    hf_dir = Path(release_dir) / "tokenizer" / "hf"
    hf = AutoTokenizer.from_pretrained(str(hf_dir))
    assert isinstance(hf, PreTrainedTokenizerFast)
    texts = [d["content"] for d in corpus_docs]
    texts += [p.read_text(encoding="utf-8") for p in sorted(STDLIB.glob("*.py"))[:150]]  # held-out files
    texts += ["tab\tcr\r\ncrlf ▁ meta \ue00a nl-symbol \ue01bn esc 😀", "   \n\n  \t", ""]
    for text in texts:
        ids = hf(text, add_special_tokens=False)["input_ids"]
        assert ids == tokenizer.encode(text)
        assert hf.decode(ids) == text
    special = "x = '<|endoftext|>'  # <|mask:0|> (?P<unk>x)"
    assert hf(special, add_special_tokens=False)["input_ids"] == tokenizer.encode(special)
    assert hf.convert_tokens_to_ids("<|mask:0|>") == 8 and hf.convert_tokens_to_ids("<|endoftext|>") == 2


def test_encode_shard_sorts_and_handles_empty():
    import io

    from tokenizer import release

    rows = [{"id": i, "input_ids": release.pack_ids(ids), "num_tokens": len(ids), "lang": "python",
             "source": "github", "license": "MIT", "repo": "o/r", "path": f"{i}.py"}
            for i, ids in (("b", [2, 70000, 5]), ("a", [2]), ("c", [2, 9]))]
    table = pq.read_table(io.BytesIO(release.encode_shard(rows, row_group_size=2, compression_level=3)))
    assert table["id"].to_pylist() == ["a", "b", "c"]
    assert table["input_ids"].to_pylist() == [[2], [2, 70000, 5], [2, 9]]
    assert pq.ParquetFile(io.BytesIO(release.encode_shard(rows, 2, 3))).num_row_groups == 2
    empty = pq.read_table(io.BytesIO(release.encode_shard([], 2, 3)))
    assert empty.num_rows == 0 and empty.schema.names == release.RELEASE_SCHEMA.names
    assert release.num_shards(0, 1.0) == 1 and release.num_shards(250_001, 1.0) == 2


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_multiprocess_runner_gives_the_same_release(built, corpus_docs, tmp_path):
    """Beam's multi-process DirectRunner surfaces pickling and process-global state bugs."""
    from tokenizer.shard import run_shard
    from tokenizer.train import train_tokenizer

    _, model_path, release_dir = built
    out = tmp_path / "mp"
    write_corpus(out, corpus_docs, shards=4)
    cfg = load_config(write_config(out))
    flags = ["--direct_num_workers=2", "--direct_running_mode=multi_processing"]  # the offline default runner
    assert Path(train_tokenizer(cfg, flags)).read_bytes() == Path(model_path).read_bytes()
    again = Path(run_shard(cfg, flags))
    for path in Path(release_dir).rglob("*"):
        if path.is_file():
            assert (again / path.relative_to(release_dir)).read_bytes() == path.read_bytes(), path


def test_thresholds_are_corpus_percentiles(built, corpus_docs):
    from collections import Counter

    _, _, release_dir = built
    manifest = json.loads((Path(release_dir) / "manifest.json").read_text())
    repos = {(d["source"], d["repo"], d["stars"]) for d in corpus_docs if d["stars"] is not None}
    posts = {(p["post_id"], p["score"]) for d in corpus_docs for p in d["parts"] or [] if p["kind"] in ("q", "a")}
    assert manifest["format"]["dstars_thresholds"] == fmt.percentile_thresholds(Counter(s for *_, s in repos))
    assert manifest["format"]["dscore_thresholds"] == fmt.percentile_thresholds(Counter(s for _, s in posts))
    assert manifest["format"]["dstars_thresholds"] is not None and manifest["format"]["dscore_thresholds"] is not None
