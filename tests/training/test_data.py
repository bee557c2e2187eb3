"""Data loading: disjoint streams over ranks x workers, order as a pure function, exact cursor resume."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch

from tokenizer.special_tokens import ENDOFTEXT_ID
from training.config import TrainConfig
from training.data import PackedDataset, epoch_layout, eval_batches, iter_blocks, train_loader
from training.errors import FatalError
from training.release import Release
from training.synthetic import random_documents, write_release

pytestmark = pytest.mark.usefixtures("one_thread")

VOCAB = 2000


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Release:
    root = tmp_path_factory.mktemp("release")
    write_release(str(root), {"train": random_documents(240, 0, VOCAB, 20, 400),
                              "validation": random_documents(20, 1, VOCAB, 20, 400)}, VOCAB,
                  files_per_split=3, row_group_size=16)
    return Release(str(root))


def _cfg(**kw) -> TrainConfig:
    return TrainConfig(**{"seq_len": 64, "micro_batch_size": 2, **kw})


def _rank_batches(release, cfg, rank, world, epoch=0, start=0):
    loader, _ = train_loader(release, cfg, 5, epoch, rank, world, start)
    return [b for b in loader]


def _all_blocks(release, cfg, epoch=0) -> dict[int, np.ndarray]:
    layout = epoch_layout(release.files("train"), 5, epoch)
    return {i: t for i, t, _ in iter_blocks(release, layout, cfg, 5, 0, layout.total_tokens // 65)}


@pytest.mark.timeout(120)
def test_two_ranks_two_workers_disjoint_and_same_blocks_as_one_stream(release):
    cfg = _cfg(num_workers=2)
    reference = _all_blocks(release, cfg)
    seen: dict[int, tuple[int, int]] = {}
    for rank in range(2):
        batches = _rank_batches(release, cfg, rank, 2)
        assert len(batches) == PackedDataset(release, cfg, 5, 0, rank, 2).batches_per_epoch
        for i, batch in enumerate(batches):
            for row, index in enumerate(batch["index"].tolist()):
                assert index not in seen, f"block {index} read twice"
                seen[index] = (rank, i)
                tokens = torch.cat([batch["inputs"][row], batch["targets"][row, -1:]]).numpy()
                assert np.array_equal(tokens, reference[index])  # content independent of ranks/workers
    total_units = len(reference) // cfg.micro_batch_size
    assert len(seen) == (total_units // 4) * 4 * cfg.micro_batch_size  # all but the left-out tail units


def test_epoch_order_is_a_function_of_seed_and_epoch(release):
    cfg = _cfg()
    a, b = _all_blocks(release, cfg, 0), _all_blocks(release, cfg, 0)
    assert all(np.array_equal(a[i], b[i]) for i in a)
    c = _all_blocks(release, cfg, 1)
    assert not all(np.array_equal(a[i], c[i]) for i in a)
    # Unmasked, an epoch's blocks are exactly the split's documents, each whole, in some order.
    layout = epoch_layout(release.files("train"), 5, 1)
    blocks = list(iter_blocks(release, layout, _cfg(objective="causal_lm"), 5, 0, 10**9))
    stream = np.concatenate([t[w > 0] for _, t, w in blocks])
    assert len(stream) == layout.total_tokens == sum(f.tokens for f in release.files("train"))
    docs = [d.tolist() for d in np.split(stream, np.flatnonzero(stream == ENDOFTEXT_ID)[1:])]
    originals = [d.tolist() for d in random_documents(240, 0, VOCAB, 20, 400)]
    assert sorted(docs) == sorted(originals)


def test_masking_weights_and_plain_objective(release):
    masked = next(iter(PackedDataset(release, _cfg(), 5, 0, 0, 1)))
    plain = next(iter(PackedDataset(release, _cfg(objective="causal_lm"), 5, 0, 0, 1)))
    assert (masked["weights"] == 0).any() and (plain["weights"] == 1).all()
    assert torch.equal(plain["inputs"][:, 1:], plain["targets"][:, :-1])


@pytest.mark.timeout(120)
@pytest.mark.parametrize("consumed", [0, 3, 6])
def test_resume_from_cursor_gives_the_remaining_batches(release, consumed):
    cfg = _cfg(num_workers=2)
    full = _rank_batches(release, cfg, 1, 2)
    rest = _rank_batches(release, cfg, 1, 2, start=consumed)
    assert [b["index"].tolist() for b in rest] == [b["index"].tolist() for b in full[consumed:]]
    assert all(torch.equal(x["inputs"], y["inputs"]) for x, y in zip(rest, full[consumed:], strict=True))


def test_validation_batches_split_over_ranks(release):
    cfg = _cfg()
    one = [i for b in eval_batches(release, cfg, 5, 0, 1, 1000) for i in b["index"].tolist()]
    two = [i for r in range(2) for b in eval_batches(release, cfg, 5, r, 2, 1000) for i in b["index"].tolist()]
    assert one == two == list(range(len(one)))


def test_too_small_split_and_corrupt_release_fail_clearly(release, tmp_path):
    with pytest.raises(FatalError, match="fewer than the"):
        PackedDataset(release, _cfg(micro_batch_size=64, seq_len=512), 5, 0, 0, 2)
    manifest = json.loads(release.manifest_bytes)
    manifest["splits"]["train"]["files"][0]["tokens"] += 1
    bad = tmp_path / "bad"
    bad.mkdir()
    for entry in Path(release.uri).iterdir():
        (bad / entry.name).symlink_to(entry)
    (bad / "manifest.json").unlink()
    (bad / "manifest.json").write_text(json.dumps(manifest))
    layout = epoch_layout(Release(str(bad)).files("train"), 5, 0)
    with pytest.raises(FatalError, match="release is corrupt"):
        list(iter_blocks(Release(str(bad)), layout, _cfg(), 5, 0, 10**9))
    with pytest.raises(FatalError, match="manifest.json"):
        Release(str(tmp_path / "missing"))
    manifest["splits"]["train"]["files"][0]["tokens"] -= 1
    manifest["tokenizer"]["vocab_size"] = 1000  # the shards hold ids up to 1999
    (bad / "manifest.json").write_text(json.dumps(manifest))
    layout = epoch_layout(Release(str(bad)).files("train"), 5, 0)
    with pytest.raises(FatalError, match="token ids outside"):
        list(iter_blocks(Release(str(bad)), layout, _cfg(), 5, 0, 10**9))


def test_remote_filesystem_through_fsspec(release):
    import fsspec

    mem = fsspec.filesystem("memory")
    for path in Path(release.uri).rglob("*"):
        if path.is_file():
            mem.pipe(f"/rel/{path.relative_to(release.uri)}", path.read_bytes())
    remote = Release("memory://rel")
    assert remote.digest == release.digest
    cfg = _cfg()
    local = next(iter(PackedDataset(release, cfg, 5, 0, 0, 1)))
    far = next(iter(PackedDataset(remote, cfg, 5, 0, 0, 1)))
    assert torch.equal(local["inputs"], far["inputs"])
