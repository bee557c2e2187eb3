"""Dedup keys of past releases (pipeline/algorithms/dedup_keys.py): signature encoding, the first similar
key, parameter compatibility."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.algorithms.dedup_keys import check_compatible, encode_signature, first_similar, minhash_params
from pipeline.config import NearDedupConfig
from pipeline.errors import ConfigError

CFG = NearDedupConfig(num_perm=64, bands=8, rows=8, seed=1)
PARAMS = minhash_params(CFG, 8, 8)


def test_first_similar_and_compatibility():
    rng = np.random.default_rng(0)
    base = rng.integers(0, 2**32, 64, dtype=np.uint32)
    close = base.copy()
    close[:5] = 0
    far = rng.integers(0, 2**32, 64, dtype=np.uint32)
    candidates = [("b", encode_signature(close)), ("a", encode_signature(far)), ("c", encode_signature(base))]
    assert first_similar(base, candidates, 0.9) == "b"
    assert first_similar(base, candidates[1:2], 0.9) is None
    assert check_compatible(PARAMS, PARAMS, "x") is True
    assert check_compatible(None, PARAMS, "x") is False
    with pytest.raises(ConfigError, match="seed"):
        check_compatible({**PARAMS, "seed": 9}, PARAMS, "x")
