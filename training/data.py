"""Training data: release shards -> packed blocks -> causal masking, with an exactly resumable order.

The layout of one epoch is a pure function of (seed, epoch, manifest, seq_len):

- **Token stream.** The split's files are permuted (seed, epoch); inside a file, row groups are
  permuted and rows inside each row group permuted (seed, epoch, file). Documents (each starting
  with ``<|endoftext|>``) are concatenated in that order. Shuffling stays within a file so a worker
  reads each row group it needs once, one at a time.
- **Blocks.** The stream is cut into consecutive blocks of ``seq_len + 1`` tokens (input = block[:-1],
  target = block[1:]). Document boundaries are kept as ``<|endoftext|>`` tokens: a block may hold
  several documents and a document may run on into the next block, so no token is padding except in
  the very last block of the stream. Block ``b`` covers stream tokens ``[b(L), (b+1)L)`` with
  ``L = seq_len + 1``; its content and its masks (seeded by (seed, epoch, b)) never depend on how
  many ranks or workers read it.
- **Streams.** ``micro_batch_size`` consecutive blocks make a batch unit. The ``N = world_size x
  max(num_workers, 1)`` streams each take an equal contiguous range of ``U // N`` units (the
  ``U mod N`` units at the end of the epoch are left out and logged), so every rank runs the same
  number of steps. Stream ``s = rank x W + slot``; the DataLoader's round robin over workers makes
  rank-local batch ``i`` come from slot ``i mod W``.
- **Cursor.** ``{"epoch", "batch"}`` (batches this rank consumed in the epoch) is all a checkpoint
  holds; on resume each slot skips its consumed units (by token offset, without reading them) and
  worker ids are rotated so the round robin continues at slot ``batch mod W``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import torch
from torch.utils.data import DataLoader, IterableDataset, get_worker_info

from tokenizer.special_tokens import ENDOFTEXT_ID, PAD_ID
from training.config import TrainConfig
from training.errors import FatalError
from training.fim import fim_transform
from training.masking import causal_mask, sample_rng
from training.release import Release, ShardFile

log = logging.getLogger(__name__)

# Purposes of the random streams derived from the seed (the last entry of the seed sequence).
_SAMPLE, _FILE_ORDER, _ROW_ORDER = 0, 1, 2


@dataclass(frozen=True)
class EpochLayout:
    """Where each file of the split sits in one epoch's token stream."""

    order: list[ShardFile]  # files in stream order
    starts: np.ndarray  # stream offset of each file in ``order``; starts[-1] is the total
    epoch: int

    @property
    def total_tokens(self) -> int:
        return int(self.starts[-1])


def epoch_layout(files: list[ShardFile], seed: int, epoch: int) -> EpochLayout:
    perm = sample_rng(seed, epoch, 0, _FILE_ORDER).permutation(len(files))
    order = [files[i] for i in perm]
    starts = np.concatenate([[0], np.cumsum([f.tokens for f in order])]).astype(np.int64)
    return EpochLayout(order, starts, epoch)


def _file_tokens(release: Release, shard: ShardFile, seed: int, epoch: int, lo: int, hi: int) -> Iterator[np.ndarray]:
    """Tokens ``[lo, hi)`` of one file's shuffled stream, one array per row group touched."""
    pf = release.open_parquet(shard)
    names = set(pf.schema_arrow.names)
    if not {"input_ids", "num_tokens"} <= names:
        raise FatalError(f"{shard.path}: expected columns input_ids and num_tokens, found {sorted(names)}")
    counts = pf.read(columns=["num_tokens"]).column("num_tokens").to_numpy().astype(np.int64)
    if int(counts.sum()) != shard.tokens or len(counts) != shard.documents:
        raise FatalError(f"{shard.path}: holds {len(counts)} documents / {int(counts.sum())} tokens, "
                         f"manifest says {shard.documents} / {shard.tokens}; the release is corrupt")
    rng = sample_rng(seed, epoch, shard.index, _ROW_ORDER)
    rows = [pf.metadata.row_group(i).num_rows for i in range(pf.num_row_groups)]
    first_row = np.concatenate([[0], np.cumsum(rows)])
    rg_order = rng.permutation(pf.num_row_groups)
    row_perms = [rng.permutation(rows[g]) for g in rg_order]
    rg_tokens = np.array([counts[first_row[g]:first_row[g + 1]].sum() for g in rg_order], dtype=np.int64)
    rg_start = np.concatenate([[0], np.cumsum(rg_tokens)])
    for j, g in enumerate(rg_order):
        a, b = max(lo, rg_start[j]), min(hi, rg_start[j + 1])
        if a >= b:
            continue
        column = pf.read_row_group(int(g), columns=["input_ids"]).column("input_ids").combine_chunks()
        offsets = column.offsets.to_numpy().astype(np.int64)
        values = column.values.to_numpy()
        lengths = np.diff(offsets)
        if not np.array_equal(lengths, counts[first_row[g]:first_row[g + 1]]):
            raise FatalError(f"{shard.path}: row group {g}: num_tokens disagrees with len(input_ids)")
        vocab = release.vocab_size
        if vocab is not None and values.size and (int(values.max()) >= vocab or int(values.min()) < 0):
            raise FatalError(f"{shard.path}: row group {g}: token ids outside 0..{vocab - 1} (the manifest's vocab_size)")
        starts = offsets[:-1][lengths > 0]
        if starts.size and not np.all(values[starts] == ENDOFTEXT_ID):
            raise FatalError(f"{shard.path}: row group {g}: a document does not start with <|endoftext|>")
        perm = row_perms[j]
        lens = lengths[perm]
        # Gather the permuted documents with one vectorised index: for each output token, its source.
        ends = np.cumsum(lens)
        index = np.repeat(offsets[:-1][perm] - (ends - lens), lens) + np.arange(int(ends[-1]) if lens.size else 0)
        local_a, local_b = a - rg_start[j], b - rg_start[j]
        yield values[index[local_a:local_b]]


def stream_tokens(release: Release, layout: EpochLayout, seed: int, t0: int, t1: int) -> Iterator[np.ndarray]:
    """The epoch's token stream between offsets ``t0`` and ``t1``, reading only the files it covers."""
    first = int(np.searchsorted(layout.starts, t0, side="right")) - 1
    for k in range(max(first, 0), len(layout.order)):
        start, end = int(layout.starts[k]), int(layout.starts[k + 1])
        if start >= t1:
            break
        if end > t0:
            yield from _file_tokens(release, layout.order[k], seed, layout.epoch, max(t0 - start, 0), min(t1, end) - start)


def make_sample(block: np.ndarray, valid: int, cfg: TrainConfig, seed: int, epoch: int, index: int) -> tuple[np.ndarray, np.ndarray]:
    """Apply the configured objective to block ``index`` of ``epoch``; returns ``(tokens, weights)``."""
    rng = sample_rng(seed, epoch, index, _SAMPLE)
    if cfg.objective == "causal_masking" and (cfg.masking.rate >= 1 or rng.random() < cfg.masking.rate):
        return causal_mask(block, rng, valid, cfg.masking.span_lambda, cfg.masking.max_spans)
    if cfg.objective == "fim" and rng.random() < cfg.fim.rate:
        return fim_transform(block, rng, valid, cfg.fim.spm_rate)
    weights = np.zeros(len(block), dtype=np.float32)
    weights[:valid] = 1.0
    return block.astype(np.int32, copy=True), weights


def iter_blocks(release: Release, layout: EpochLayout, cfg: TrainConfig, seed: int,
                first_block: int, end_block: int) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
    """``(global block index, tokens, weights)`` for blocks ``[first_block, end_block)`` of the epoch."""
    L = cfg.seq_len + 1
    t0, t1 = first_block * L, min(end_block * L, layout.total_tokens)
    buffer = np.empty(L, dtype=np.int32)
    fill, index = 0, first_block
    for chunk in stream_tokens(release, layout, seed, t0, t1):
        pos = 0
        while pos < len(chunk):
            take = min(L - fill, len(chunk) - pos)
            buffer[fill:fill + take] = chunk[pos:pos + take]
            fill, pos = fill + take, pos + take
            if fill == L:
                yield (index, *make_sample(buffer, L, cfg, seed, layout.epoch, index))
                fill, index = 0, index + 1
    if fill and index < end_block:  # the stream's last, partial block: padded, padding has weight 0
        buffer[fill:] = PAD_ID
        yield (index, *make_sample(buffer, fill, cfg, seed, layout.epoch, index))


def collate(samples: list[tuple[int, np.ndarray, np.ndarray]]) -> dict[str, torch.Tensor]:
    """Blocks -> ``inputs_BT``, ``targets_BT`` (int64), ``weights_BT`` (float32), ``index_B``."""
    tokens = torch.from_numpy(np.stack([s[1] for s in samples]).astype(np.int64))
    weights = torch.from_numpy(np.stack([s[2] for s in samples]))
    return {"inputs": tokens[:, :-1], "targets": tokens[:, 1:], "weights": weights[:, 1:],
            "index": torch.tensor([s[0] for s in samples], dtype=torch.int64)}


class PackedDataset(IterableDataset):
    """One rank's batches of one epoch (see the module docstring); yields ``collate`` dicts."""

    def __init__(self, release: Release, cfg: TrainConfig, seed: int, epoch: int, rank: int, world_size: int,
                 start_batch: int = 0, split: str = "train") -> None:
        super().__init__()
        self.release, self.cfg, self.seed, self.epoch = release, cfg, seed, epoch
        self.rank, self.world_size, self.start_batch = rank, world_size, start_batch
        self.workers = max(cfg.num_workers, 1)
        self.layout = epoch_layout(release.files(split), seed, epoch)
        L, mbs = cfg.seq_len + 1, cfg.micro_batch_size
        units = self.layout.total_tokens // L // mbs  # full units; a last partial block never fills one
        streams = world_size * self.workers
        self.units_per_stream = units // streams
        if self.units_per_stream == 0:
            raise FatalError(
                f"split {split!r} has {self.layout.total_tokens} tokens = {units} batches of {mbs} x {L} tokens, "
                f"fewer than the {streams} streams (ranks x workers) need; lower micro_batch_size, seq_len or num_workers"
            )
        self.left_out_units = units - self.units_per_stream * streams

    @property
    def batches_per_epoch(self) -> int:
        """Batches each rank draws in one epoch."""
        return self.units_per_stream * self.workers

    def __iter__(self) -> Iterator[dict[str, torch.Tensor]]:
        info = get_worker_info()
        worker = info.id if info is not None else 0
        slot = (worker + self.start_batch) % self.workers
        skip = len(range(slot, self.start_batch, self.workers))
        stream = self.rank * self.workers + slot
        mbs = self.cfg.micro_batch_size
        first_unit = stream * self.units_per_stream + skip
        end_unit = (stream + 1) * self.units_per_stream
        batch: list = []
        for sample in iter_blocks(self.release, self.layout, self.cfg, self.seed, first_unit * mbs, end_unit * mbs):
            batch.append(sample)
            if len(batch) == mbs:
                yield collate(batch)
                batch = []


def train_loader(release: Release, cfg: TrainConfig, seed: int, epoch: int, rank: int, world_size: int,
                 start_batch: int = 0) -> tuple[DataLoader, PackedDataset]:
    """A DataLoader over this rank's batches of ``epoch``, starting after ``start_batch`` consumed ones."""
    dataset = PackedDataset(release, cfg, seed, epoch, rank, world_size, start_batch)
    if dataset.left_out_units and rank == 0 and start_batch == 0:
        log.info("epoch %d: %d trailing batch units left out so every rank gets %d batches",
                 epoch, dataset.left_out_units, dataset.batches_per_epoch)
    # A private generator: creating an iterator must not draw from the global torch RNG (dropout's),
    # or a resumed run, which creates one more, would diverge from an uninterrupted one.
    generator = torch.Generator().manual_seed(seed * 1_000_003 + epoch)
    loader = DataLoader(dataset, batch_size=None, num_workers=cfg.num_workers, generator=generator,
                        pin_memory=torch.cuda.is_available(), prefetch_factor=4 if cfg.num_workers else None)
    return loader, dataset


def eval_batches(release: Release, cfg: TrainConfig, seed: int, rank: int, world_size: int,
                 max_batches: int, split: str = "validation") -> Iterator[dict[str, torch.Tensor]]:
    """This rank's validation batches: a contiguous share of epoch 0's blocks, masks as in training.

    Every block is used (the last one padded), so batches may differ in count by one across ranks;
    callers reduce loss sums, not means.
    """
    layout = epoch_layout(release.files(split), seed, 0)
    L = cfg.seq_len + 1
    blocks = -(-layout.total_tokens // L)
    lo, hi = blocks * rank // world_size, blocks * (rank + 1) // world_size
    hi = min(hi, lo + max_batches * cfg.micro_batch_size)
    batch: list = []
    for sample in iter_blocks(release, layout, cfg, seed, lo, hi):
        batch.append(sample)
        if len(batch) == cfg.micro_batch_size:
            yield collate(batch)
            batch = []
    if batch:
        yield collate(batch)
