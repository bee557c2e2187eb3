"""Fill-in-the-middle transform, the optional alternative objective (the InCoder paper, section 2, FIM peer).

Bavarian et al. 2022 / BigCode Megatron, at token level on one block of ``n`` tokens (first ``valid``
real): two cut points drawn uniformly split the real tokens into prefix, middle, suffix, and

- PSM: ``<fim-prefix> prefix <fim-suffix> suffix <fim-middle> middle``
- SPM: ``<fim-prefix> <fim-suffix> suffix <fim-middle> prefix middle`` (the BigCode variant, in which
  the middle directly continues the prefix)

The result (``n + 3`` tokens) is truncated back to ``n``. Every real token and sentinel has loss
weight 1, padding 0. Cuts are at token, not character, boundaries: the data loader only sees ids.
"""

from __future__ import annotations

import numpy as np

from tokenizer.special_tokens import FIM_MIDDLE_ID, FIM_PREFIX_ID, FIM_SUFFIX_ID


def fim_transform(
    tokens: np.ndarray, rng: np.random.Generator, valid: int | None = None, spm_rate: float = 0.5
) -> tuple[np.ndarray, np.ndarray]:
    """Rearrange one block as PSM (or SPM with probability ``spm_rate``); returns ``(tokens, weights)``."""
    n = len(tokens)
    valid = n if valid is None else valid
    lo, hi = sorted(int(x) for x in rng.integers(0, valid + 1, size=2))
    prefix, middle, suffix = tokens[:lo], tokens[lo:hi], tokens[hi:valid]
    pre, suf, mid = (np.array([t], dtype=np.int32) for t in (FIM_PREFIX_ID, FIM_SUFFIX_ID, FIM_MIDDLE_ID))
    if rng.random() < spm_rate:
        parts = [pre, suf, suffix, mid, prefix, middle]
    else:
        parts = [pre, prefix, suf, suffix, mid, middle]
    out = np.concatenate(parts + [tokens[valid:]]).astype(np.int32, copy=False)
    weights = np.zeros(n + 3, dtype=np.float32)
    weights[: valid + 3] = 1.0
    return out[:n], weights[:n]
