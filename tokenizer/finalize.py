"""The driver's last step of ``incoder shard``: data card, checksums of metadata files, ``manifest.json``.

Runs after the Beam pipeline wrote the shards and left their summaries in ``_work/shards.jsonl``
(one small line per shard: nothing of the dataset itself reaches the driver). The manifest is written
last, so a release with a manifest is complete.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from pipeline import fsio
from pipeline.config import ProjectConfig
from pipeline.errors import FatalError
from tokenizer import governance, heldout, pii_card, release
from tokenizer import special_tokens as st
from tokenizer.config import ReleaseConfig
from tokenizer.release_format import Manifest

log = logging.getLogger(__name__)


def _file_entry(release_dir: str, path: str) -> dict[str, Any]:
    with fsio.open_read(fsio.join(release_dir, path)) as handle:
        digest, size = release.sha256_stream(handle)
    return {"path": path, "sha256": digest, "bytes": size}


def tokenizer_entry(model: bytes, has_hf: bool) -> dict[str, Any]:
    from tokenizer.spm import IncoderTokenizer

    tok = IncoderTokenizer(model_proto=model)
    entry = {
        "path": "tokenizer/spm.model", "sha256": release.sha256_bytes(model), "vocab_size": tok.vocab_size,
        "bytes": len(model),
        "special_tokens": {text: i for i, text in st.SPECIAL_TOKENS.items() if i < st.FIRST_MASK_ID},
        "first_mask_id": st.FIRST_MASK_ID, "num_masks": st.NUM_MASKS,
    }
    if has_hf:
        entry["hf"] = "tokenizer/hf"
    return entry


def heldout_files(work: str) -> list[dict[str, Any]]:
    """Summaries of the ``heldout/`` files the pipeline wrote (``tokenizer.write_heldout``)."""
    path = fsio.join(work, "heldout.jsonl")
    if not fsio.exists(path):
        return []
    return [json.loads(line) for line in fsio.read_text(path).splitlines() if line]


def finalize_release(cfg: ProjectConfig, release_dir: str, model: bytes, stats: dict[str, Any]) -> Manifest:
    rcfg: ReleaseConfig = cfg.require("release")
    work = fsio.join(release_dir, "_work")
    shards_path = fsio.join(work, "shards.jsonl")
    if not fsio.exists(shards_path):
        raise FatalError(f"{shards_path} missing: the shard pipeline did not finish")
    shards = [json.loads(line) for line in fsio.read_text(shards_path).splitlines() if line]
    thresholds = json.loads(fsio.read_text(fsio.join(work, "thresholds.json")))
    stage = stats.get("stages", {}).get("TokenizeDocuments", {})
    fmt = {
        "seed": rcfg.seed, "attribute_start_probability": rcfg.attribute_start_probability,
        "dstars_thresholds": thresholds["dstars"], "dscore_thresholds": thresholds["dscore"],
        "validation_fraction": rcfg.validation_fraction, "document_start_id": st.ENDOFTEXT_ID,
    }
    hf_files = [p[len(release_dir.rstrip("/")) + 1:] for p in fsio.list_files(fsio.join(release_dir, "tokenizer", "hf", "*"))]
    common = dict(tokenizer=tokenizer_entry(model, bool(hf_files)), config_sha256=release.config_digest(cfg.to_dict()), fmt=fmt,
                  rejected=stage.get("rejected", {}), name=rcfg.name)
    extras = governance.manifest_extras(cfg, release_dir)  # dedup_keys, governance, parent
    extras.update(pii_card.manifest_extras(cfg))  # pii: redaction policy and counts from stats.json
    manifest = {**release.build_manifest(shards, metadata_files=[], **common), **extras}
    extra = ["attribution.jsonl", "rejected.jsonl"]
    if rcfg.datacard:
        from tokenizer.datacard import write_datacard

        extra += write_datacard(release_dir, manifest)
    extra += hf_files
    held = heldout_files(work)
    manifest = release.build_manifest(shards, metadata_files=[_file_entry(release_dir, p) for p in extra], **common)
    manifest.update(extras)
    manifest["heldout"] = heldout.manifest_section(held, rcfg.heldout_fraction, rcfg.seed)
    typed = Manifest.from_dict(manifest)
    typed.write(release_dir, fsio.write_text)
    log.info("release %s: %s", release_dir, ", ".join(
        f"{k} {v.documents} docs / {v.tokens} tokens" for k, v in typed.splits.items()))
    return typed
