"""InCoder's special tokens and their fixed ids: the one place they are defined.

Sources: the InCoder paper, section 3.3, and the incoder repository's example_usage.py (InCoder paper 3.3; the public incoder repo's example_usage.py) for the
document and mask tokens, section 3 for the FIM peer's sentinels. Every special token is a single
piece of the sentencepiece model at the id below, whatever the training data; the tokenizer's
trainer enforces it and ``incoder verify`` checks it.
"""

from __future__ import annotations

PAD = "<pad>"
UNK = "<unk>"
ENDOFTEXT = "<|endoftext|>"  # start of every document
ENDOFMASK = "<|endofmask|>"  # end of an infilled span
END_OF_FILE = "<|/ file |>"  # closing file tag with no attributes
FIM_PREFIX = "<fim-prefix>"
FIM_MIDDLE = "<fim-middle>"
FIM_SUFFIX = "<fim-suffix>"
NUM_MASKS = 256  # <|mask:0|> ... <|mask:255|>

PAD_ID = 0
UNK_ID = 1
ENDOFTEXT_ID = 2
ENDOFMASK_ID = 3
END_OF_FILE_ID = 4
FIM_PREFIX_ID = 5
FIM_MIDDLE_ID = 6
FIM_SUFFIX_ID = 7
FIRST_MASK_ID = 8


def mask_token(i: int) -> str:
    if not 0 <= i < NUM_MASKS:
        raise ValueError(f"mask index {i} outside 0..{NUM_MASKS - 1}")
    return f"<|mask:{i}|>"


def mask_id(i: int) -> int:
    if not 0 <= i < NUM_MASKS:
        raise ValueError(f"mask index {i} outside 0..{NUM_MASKS - 1}")
    return FIRST_MASK_ID + i


MASK_IDS = range(FIRST_MASK_ID, FIRST_MASK_ID + NUM_MASKS)

# id -> piece for every special token, in id order (0 .. FIRST_MASK_ID + NUM_MASKS - 1).
SPECIAL_TOKENS: dict[int, str] = {
    PAD_ID: PAD,
    UNK_ID: UNK,
    ENDOFTEXT_ID: ENDOFTEXT,
    ENDOFMASK_ID: ENDOFMASK,
    END_OF_FILE_ID: END_OF_FILE,
    FIM_PREFIX_ID: FIM_PREFIX,
    FIM_MIDDLE_ID: FIM_MIDDLE,
    FIM_SUFFIX_ID: FIM_SUFFIX,
    **{mask_id(i): mask_token(i) for i in range(NUM_MASKS)},
}
NUM_SPECIAL = len(SPECIAL_TOKENS)
