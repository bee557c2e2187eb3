"""The Hugging Face export gives IncoderTokenizer's ids on any text, special-token spellings included,
through plain ``tokenizers`` and through transformers alike."""

from __future__ import annotations

import json

import pytest

from tokenizer import special_tokens as st

from .conftest import STDLIB

SPELLINGS = [
    "m = re.match(r'(?P<unk>x)', s)",  # CPython's test_re.py spells sentencepiece's unk piece
    "pad = '<pad>'; eos = '<|endoftext|>'",
    "x<|mask:0|>y<|mask:255|><|endofmask|><|/ file |>",
    "<fim-prefix>a<fim-suffix>b<fim-middle>",
    "<0x41> <unk><unk> <|mask:256|> <|mask:|>",
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory, built):
    from tokenizer.hf import export_hf

    out = tmp_path_factory.mktemp("hf")
    with open(built[1], "rb") as handle:
        export_hf(handle.read(), str(out))
    return out


def _texts() -> list[str]:
    texts = list(SPELLINGS)
    test_re = STDLIB / "test" / "test_re.py"
    if test_re.exists():
        texts.append(test_re.read_text(encoding="utf-8"))
    return texts


def test_plain_tokenizers_never_match_special_spellings(exported, tokenizer):
    from tokenizers import Tokenizer

    raw = Tokenizer.from_file(str(exported / "tokenizer.json"))
    assert raw.get_added_tokens_decoder() == {}
    for text in _texts():
        ids = raw.encode(text).ids
        assert ids == tokenizer.encode(text)
        assert raw.decode(ids) == text
    assert st.UNK_ID not in raw.encode("(?P<unk>x)").ids
    for i, text in st.SPECIAL_TOKENS.items():
        assert raw.token_to_id(text) == i and raw.id_to_token(i) == text


def test_transformers_gives_our_ids_by_default(exported, tokenizer):
    from transformers import AutoTokenizer

    config = json.loads((exported / "tokenizer_config.json").read_text())
    assert config["split_special_tokens"] is True
    hf = AutoTokenizer.from_pretrained(str(exported))
    for text in _texts():
        ids = hf(text, add_special_tokens=False)["input_ids"]
        assert ids == tokenizer.encode(text)
        assert hf.decode(ids) == text
    assert st.UNK_ID not in hf("(?P<unk>x)", add_special_tokens=False)["input_ids"]
    # The special tokens are still known: ids, skipping, and opting into matching.
    assert hf.convert_tokens_to_ids(st.mask_token(0)) == st.mask_id(0)
    assert hf.convert_tokens_to_ids(st.ENDOFTEXT) == st.ENDOFTEXT_ID and hf.pad_token_id == st.PAD_ID
    doc = tokenizer.encode_document(["def f():\n    return ", st.mask_id(0), "\n"])
    assert hf.decode(doc, skip_special_tokens=True) == "def f():\n    return \n"
    prompt = "def f():\n    return <|mask:0|>\n<|mask:0|>"
    assert hf(prompt, add_special_tokens=False, split_special_tokens=False)["input_ids"] == tokenizer.encode(
        prompt, allow_special=True
    )
