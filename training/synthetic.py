"""Small generated releases in the shard format, for smoke tests, benchmarks and the infilling check.

``write_release`` writes what ``incoder shard`` writes as far as the trainer reads it, through the
release contract (``tokenizer.release_format``): parts in ``RELEASE_SCHEMA`` named by ``shard_path``
and a ``Manifest`` listing them with sha256, bytes, documents and tokens (no tokenizer, no metadata). ``counting_documents`` generates an infilling
task with a known answer: each document is an arithmetic run of ordinary tokens (start and step drawn
per document), so a masked span is determined by the tokens around it; ``span_loss`` scores a model on
it (mean loss on the masked span's tokens: near 0 for a model that learned to infill, near
ln(ordinary ids) for one that did not).
"""

from __future__ import annotations

import hashlib

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from tokenizer.release_format import (
    MANIFEST_SCHEMA_VERSION,
    RELEASE_SCHEMA,
    FileEntry,
    Manifest,
    SplitInfo,
    TokenizerEntry,
    shard_path,
)
from tokenizer.special_tokens import ENDOFTEXT_ID, FIRST_MASK_ID, NUM_SPECIAL
from training import io as tio


def counting_documents(n: int, seed: int, vocab_size: int, min_len: int = 20, max_len: int = 200,
                       max_step: int = 3) -> list[np.ndarray]:
    """``n`` documents ``<|endoftext|> t0 t0+s t0+2s ...`` over the ordinary ids (mod their count)."""
    rng = np.random.default_rng(seed)
    ordinary = vocab_size - NUM_SPECIAL
    if ordinary < 2:
        raise ValueError(f"vocab_size {vocab_size} leaves no ordinary tokens after {NUM_SPECIAL} special ones")
    docs = []
    for _ in range(n):
        length = int(rng.integers(min_len, max_len + 1))
        start, step = int(rng.integers(ordinary)), int(rng.integers(1, max_step + 1))
        body = NUM_SPECIAL + (start + step * np.arange(length)) % ordinary
        docs.append(np.concatenate([[ENDOFTEXT_ID], body]).astype(np.int32))
    return docs


def span_loss(model, docs: list[np.ndarray], seq_len: int, seed: int = 99) -> float:
    """Mean cross-entropy (nats) of ``model`` on the span tokens of causally masked ``docs``.

    Each document's first ``seq_len + 1`` tokens are masked as in training (``causal_mask`` seeded
    from ``seed`` and the document's index); the tokens scored are the ordinary ones moved to the tail,
    not the sentinels or ``<|endofmask|>``. Runs on the model's device.
    """
    import torch
    import torch.nn.functional as F

    from training.masking import causal_mask, sample_rng

    device = next(model.parameters()).device
    losses = []
    for i, doc in enumerate(docs):
        block = doc[: seq_len + 1]
        padded = np.concatenate([block, np.zeros(seq_len + 1 - len(block), np.int32)])
        out, _ = causal_mask(padded, sample_rng(seed, 0, i), valid=len(block))
        tail_start = int(np.flatnonzero(out == FIRST_MASK_ID)[1])
        span = np.zeros(len(out), dtype=bool)
        span[tail_start:] = out[tail_start:] >= NUM_SPECIAL
        tokens = torch.from_numpy(out.astype(np.int64))[None].to(device)
        with torch.no_grad():
            logits = model(tokens[:, :-1])[0].float()
        loss = F.cross_entropy(logits, tokens[0, 1:], reduction="none").cpu().numpy()
        losses.extend(loss[span[1:]].tolist())
    return float(np.mean(losses))


def random_documents(n: int, seed: int, vocab_size: int, min_len: int = 50, max_len: int = 2000) -> list[np.ndarray]:
    """``n`` documents of uniformly random ordinary tokens (loader tests and benchmarks)."""
    rng = np.random.default_rng(seed)
    lengths = rng.integers(min_len, max_len + 1, size=n)
    return [np.concatenate([[ENDOFTEXT_ID], rng.integers(NUM_SPECIAL, vocab_size, size=int(k))]).astype(np.int32)
            for k in lengths]


def _encode_part(split: str, part: int, chunk: list[np.ndarray], row_group_size: int) -> bytes:
    """One part in ``RELEASE_SCHEMA``, rows in the given order (ids zero-padded, so also in id order)."""
    n = len(chunk)
    table = pa.table({
        "id": [f"{split}-{part}-{i:07d}" for i in range(n)],
        "input_ids": pa.array([d.tolist() for d in chunk], type=pa.list_(pa.int32())),
        "num_tokens": pa.array([len(d) for d in chunk], type=pa.int32()),
        "lang": ["synthetic"] * n, "source": ["synthetic"] * n, "license": ["MIT"] * n,
        "repo": pa.nulls(n, pa.string()), "path": pa.nulls(n, pa.string()),
    }, schema=RELEASE_SCHEMA)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, row_group_size=row_group_size)
    return sink.getvalue().to_pybytes()


def write_release(release_dir: str, splits: dict[str, list[np.ndarray]], vocab_size: int,
                  files_per_split: int = 2, row_group_size: int = 64) -> str:
    """Write ``splits`` (name -> documents) as a release; returns the manifest path."""
    infos: dict[str, SplitInfo] = {}
    for split, docs in splits.items():
        entries = []
        for part in range(files_per_split):
            chunk = docs[part::files_per_split]
            data = _encode_part(split, part, chunk, row_group_size)
            rel = shard_path(split, part, files_per_split)
            tio.write_bytes(tio.join(release_dir, rel), data)
            entries.append(FileEntry(path=rel, sha256=hashlib.sha256(data).hexdigest(), bytes=len(data),
                                     documents=len(chunk), tokens=int(sum(len(d) for d in chunk))))
        infos[split] = SplitInfo(documents=len(docs), tokens=int(sum(len(d) for d in docs)), files=entries)
    manifest = Manifest(schema_version=MANIFEST_SCHEMA_VERSION, splits=infos,
                        tokenizer=TokenizerEntry(path=None, sha256=None, vocab_size=vocab_size))
    return manifest.write(release_dir, tio.write_text)
