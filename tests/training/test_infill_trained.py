"""A tiny model trained with the causal-masking objective learns to fill holes through ``infill``.

Documents are arithmetic runs of letters (``acegik...``: start and step drawn per document), so a hole
is determined by the text around it. Training uses the project's ``causal_mask`` transform; the test
checks that InCoder's inference prompt, as ``infill`` builds it, makes the model fill holes it could
not know from the left context alone.
"""

from __future__ import annotations

import string

import numpy as np
import pytest
import torch

from tokenizer import special_tokens as st
from training.infill import infill
from training.masking import causal_mask, sample_rng
from training.model import ModelConfig, Transformer

LETTERS = string.ascii_lowercase


class LetterTokenizer:
    OFFSET = st.NUM_SPECIAL
    vocab_size = OFFSET + len(LETTERS)

    def encode(self, text: str, allow_special: bool = False) -> list[int]:
        return [self.OFFSET + LETTERS.index(c) for c in text]

    def decode(self, ids) -> str:
        return "".join(st.SPECIAL_TOKENS.get(i) or LETTERS[i - self.OFFSET] for i in map(int, ids))


def run_text(rng: np.random.Generator, length: int) -> str:
    start, step = int(rng.integers(26)), int(rng.integers(1, 4))
    return "".join(LETTERS[(start + step * i) % 26] for i in range(length))


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_trained_model_fills_holes():
    torch.manual_seed(0)
    tok = LetterTokenizer()
    block, length = 40, 24  # documents shorter than the block: the appended spans are never cut off
    model = Transformer(ModelConfig(vocab_size=tok.vocab_size, d_model=96, n_layers=3, n_heads=4, d_ff=384,
                                    max_seq_len=block + 8))
    steps = 3000
    opt = torch.optim.AdamW(model.parameters(), lr=2e-3)
    schedule = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: 1 - s / steps)  # linear decay to 0
    data_rng = np.random.default_rng(0)
    for step in range(steps):
        batch, weights = [], []
        for i in range(16):
            ids = [st.ENDOFTEXT_ID] + tok.encode(run_text(data_rng, length))
            ids = np.array(ids + [st.PAD_ID] * (block - len(ids)), dtype=np.int32)
            masked, w = causal_mask(ids, sample_rng(0, 0, step * 16 + i), valid=length + 1)
            batch.append(masked)
            weights.append(w)
        tokens_BT = torch.tensor(np.stack(batch), dtype=torch.long)
        w_BT = torch.tensor(np.stack(weights))
        logits_BTV = model(tokens_BT[:, :-1])
        loss_BT = torch.nn.functional.cross_entropy(logits_BTV.transpose(1, 2), tokens_BT[:, 1:], reduction="none")
        loss = (loss_BT * w_BT[:, 1:]).sum() / w_BT[:, 1:].sum()
        opt.zero_grad()
        loss.backward()
        opt.step()
        schedule.step()
    model.eval()
    test_rng = np.random.default_rng(123)
    correct, fills = 0, []
    for _ in range(20):
        text = run_text(test_rng, length)
        a = int(test_rng.integers(3, length - 8))
        b = a + int(test_rng.integers(1, 6))
        result = infill(model, tok, [text[:a], text[b:]], max_new_tokens=8)
        fills.append((text[a:b], result.infills[0]))
        correct += result.infills[0] == text[a:b]
    # A fill of 1-5 letters is right by chance with probability under 1/26: an untrained model gets 0
    # of 20. This small model, trained for a couple of minutes, gets 4-5 exactly (measured), and most
    # of its misses are off by one letter at an end of the span.
    assert correct >= 3, fills
