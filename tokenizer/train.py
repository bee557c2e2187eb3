"""Tokenizer training: a language-balanced sample in Beam, then sentencepiece on the driver.

``SampleDocuments`` keeps each document with probability ``quota(lang) / bytes(lang)``, decided by a
hash of (``tokenizer.seed``, id), so the sample is deterministic and every language contributes about
``sample_mb_per_language`` MB (all of it when it has less). The sample is written as parquet under
``OUT/tokenizer/_sample/``; the driver reads it back in hash order and streams whole documents to
sentencepiece through ``sentence_iterator``. Outputs in ``OUT/tokenizer/``: ``spm.model``,
``spm.vocab``, ``training.json`` (sample statistics, settings) and ``hf/`` (Hugging Face tokenizer).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from typing import Any

import apache_beam as beam
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import fsio
from pipeline.beam_runner import new_pipeline
from pipeline.config import ProjectConfig
from pipeline.errors import FatalError
from pipeline.metrics import StageCounters, build_stats
from tokenizer import spm
from tokenizer.config import TokenizerConfig

log = logging.getLogger(__name__)

SAMPLE_SCHEMA = pa.schema([("id", pa.string()), ("lang", pa.string()), ("u", pa.float64()), ("content", pa.string())])


def remove_dir(path: str) -> None:
    """Delete a scratch directory and what is in it (object stores have no directories to delete)."""
    from apache_beam.io.filesystems import FileSystems

    fsio.delete_matching(fsio.join(path, "*"))
    if fsio.exists(path):
        FileSystems.delete([path])


def unit_hash(*parts: Any) -> float:
    """A uniform number in [0, 1) that is a pure function of ``parts``."""
    digest = hashlib.sha256("\x00".join(str(p) for p in parts).encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def sampling_rates(totals: dict[str, int], per_language_bytes: float, max_bytes: float) -> dict[str, float]:
    """Keep-probability per language: a per-language byte quota, scaled down to fit ``max_bytes``."""
    wanted = {lang: min(per_language_bytes, total) for lang, total in totals.items()}
    scale = min(1.0, max_bytes / sum(wanted.values())) if wanted else 1.0
    return {lang: min(1.0, wanted[lang] * scale / total) if total else 0.0 for lang, total in totals.items()}


class _Eligible(beam.DoFn):
    def __init__(self, cfg: TokenizerConfig) -> None:
        self.cfg = cfg
        self.counters = StageCounters("SampleDocuments")

    def process(self, doc: dict[str, Any]) -> Iterator[dict[str, Any]]:
        self.counters.seen(doc.get("size_bytes") or 0)
        if not doc.get("content"):
            self.counters.skipped("no_content")
        elif (doc.get("size_bytes") or 0) > self.cfg.max_document_bytes:
            self.counters.skipped("document_too_large")
        elif self.cfg.languages and doc.get("lang") not in self.cfg.languages:
            self.counters.skipped("language_not_selected")
        else:
            yield doc


class _Sample(beam.DoFn):
    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.counters = StageCounters("SampleDocuments")

    def process(self, doc: dict[str, Any], rates: dict[str, float]) -> Iterator[dict[str, Any]]:
        lang = doc.get("lang") or "unknown"
        u = unit_hash("tokenizer-sample", self.seed, doc["id"])
        if u < rates.get(lang, 0.0):
            self.counters.kept(doc.get("size_bytes") or 0)
            yield {"id": doc["id"], "lang": lang, "u": u, "content": doc["content"]}
        else:
            self.counters.skipped("not_sampled")


class SampleDocuments(beam.PTransform):
    """Document dicts -> sample rows ``{id, lang, u, content}`` (a hash-based per-language quota).

    Counters (``SampleDocuments``): seen; kept; skipped.no_content, skipped.document_too_large,
    skipped.language_not_selected, skipped.not_sampled.
    """

    def __init__(self, cfg: TokenizerConfig, seed: int) -> None:
        super().__init__()
        self.cfg = cfg
        self.seed = seed

    def expand(self, docs: beam.PCollection) -> beam.PCollection:
        eligible = docs | "Eligible" >> beam.ParDo(_Eligible(self.cfg))
        totals = (
            eligible
            | "LangBytes" >> beam.Map(lambda d: (d.get("lang") or "unknown", d.get("size_bytes") or 0))
            | "SumPerLang" >> beam.CombinePerKey(sum)
        )
        per_lang, cap = self.cfg.sample_mb_per_language * 1e6, self.cfg.max_sample_mb * 1e6
        rates = (
            totals
            | "AllTotals" >> beam.combiners.ToDict()
            | "Rates" >> beam.Map(sampling_rates, per_lang, cap)
        )
        return eligible | "Sample" >> beam.ParDo(_Sample(self.seed), rates=beam.pvalue.AsSingleton(rates))


def documents_pattern(cfg: ProjectConfig) -> str:
    pattern = cfg.layout.documents_glob
    if not fsio.list_files(pattern):
        raise FatalError(f"no documents at {pattern}: run 'incoder build' first")
    return pattern


def read_sample(sample_dir: str) -> list[tuple[float, str, str, str]]:
    """(u, id, lang, content) rows of the written sample, in hash order (independent of file order)."""
    rows = []
    for path in fsio.list_files(fsio.join(sample_dir, "part-*")):
        with fsio.open_read(path) as handle:
            table = pq.read_table(handle)
        rows.extend(zip(table["u"].to_pylist(), table["id"].to_pylist(), table["lang"].to_pylist(),
                        table["content"].to_pylist(), strict=True))
    rows.sort()
    return rows


def write_vocab(path: str, model_proto: bytes) -> None:
    """``spm.vocab``: one ``piece<TAB>score`` line per id, as spm_train writes it."""
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_proto=model_proto)
    lines = [f"{sp.id_to_piece(i)}\t{sp.get_score(i):g}" for i in range(sp.get_piece_size())]
    fsio.write_text(path, "\n".join(lines) + "\n")


def train_tokenizer(cfg: ProjectConfig, beam_args: list[str] | None = None) -> str:
    """Sample the documents (Beam), train sentencepiece, write ``OUT/tokenizer/``; returns the model path."""
    tcfg: TokenizerConfig = cfg.require("tokenizer")
    pattern = documents_pattern(cfg)
    out_dir = cfg.layout.tokenizer
    sample_dir = fsio.join(out_dir, "_sample")
    fsio.delete_matching(fsio.join(sample_dir, "*"))
    with new_pipeline(beam_args) as pipeline:
        (
            pipeline
            | "ReadDocuments" >> beam.io.ReadFromParquet(pattern, columns=["id", "lang", "content", "size_bytes"])
            | "SampleDocuments" >> SampleDocuments(tcfg, tcfg.seed)
            | "WriteSample" >> beam.io.WriteToParquet(fsio.join(sample_dir, "part"), SAMPLE_SCHEMA,
                                                      file_name_suffix=".parquet")
        )
    stats = build_stats(pipeline.result, ["SampleDocuments"])
    rows = read_sample(sample_dir)
    if not rows:
        raise FatalError("the tokenizer sample is empty: no document has content (see stats)")
    languages: dict[str, dict[str, int]] = {}
    for _, _, lang, content in rows:
        entry = languages.setdefault(lang, {"documents": 0, "bytes": 0})
        entry["documents"] += 1
        entry["bytes"] += len(content.encode("utf-8", "surrogatepass"))
    log.info("training sentencepiece (vocab %d) on %d documents, %.1f MB", tcfg.vocab_size, len(rows),
             sum(e["bytes"] for e in languages.values()) / 1e6)
    try:
        model = spm.train_model(
            (content for _, _, _, content in rows), tcfg.vocab_size,
            character_coverage=tcfg.character_coverage, max_piece_length=tcfg.max_piece_length,
            split_digits=tcfg.split_digits, split_by_whitespace=tcfg.split_by_whitespace,
            newline_merges=tcfg.newline_merges, num_threads=tcfg.num_threads,
        )
    except RuntimeError as exc:  # sentencepiece reports bad settings (vocabulary too large...) this way
        raise FatalError(f"sentencepiece training failed: {exc}; lower tokenizer.vocab_size or sample more text "
                         "(tokenizer.sample_mb_per_language)") from None
    model_path = fsio.join(out_dir, "spm.model")
    fsio.write_bytes(model_path, model)
    write_vocab(fsio.join(out_dir, "spm.vocab"), model)
    fsio.delete_matching(fsio.join(out_dir, "hf", "*"))
    if tcfg.hf_export:
        from tokenizer.hf import export_hf

        export_hf(model, fsio.join(out_dir, "hf"))
    fsio.write_json(fsio.join(out_dir, "training.json"), {
        "model_sha256": hashlib.sha256(model).hexdigest(),
        "vocab_size": tcfg.vocab_size,
        "sample": {"documents": len(rows), "languages": languages},
        "stats": stats,
        "config": tcfg.model_dump(mode="json"),
        "trainer_options": {k: v for k, v in spm.trainer_options(
            tcfg.vocab_size, split_by_whitespace=tcfg.split_by_whitespace, newline_merges=tcfg.newline_merges,
        ).items() if k != "control_symbols"},
    })
    remove_dir(sample_dir)
    log.info("tokenizer written to %s", out_dir)
    return model_path

