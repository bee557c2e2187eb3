"""IncoderTokenizer: exact round trip on any text, special ids, escaping, determinism of training."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hst

from tokenizer import special_tokens as st
from tokenizer import spm
from tokenizer.spm import ESC, NL, WS, IncoderTokenizer

TRICKY = [
    "", " ", "  ", "\t", "\n", "\r", "\r\n", "\n\n\n", " \n \t\r\n", "a\rb", "\x00\x01\x7f", "\ufeffBOM",
    WS, WS * 3 + " x", NL, ESC, ESC + "n", ESC + "e", ESC + "s" + NL + "\n" + WS, ESC * 5 + "n",
    "😀🐍 astral 𝔘𝔫𝔦", "é ñ ü 中文 日本語 العربية", "\u200b\u200d zero width", "\U0010ffff\ue000",
    "<|endoftext|>", "x<|mask:0|>y<|/ file |>", "<pad><unk>", "def f():\n\treturn 1\r\n",
    "    if x:\n        return  y  \n", "ﬁ ligature Ｆｕｌｌ width", "e\u0301 combining", "▁▁ meta ▁",
]


@pytest.mark.parametrize("text", TRICKY)
def test_round_trip_tricky(tokenizer, text):
    assert tokenizer.decode(tokenizer.encode(text)) == text
    assert tokenizer.decode(tokenizer.encode(text, allow_special=True)) == text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(hst.text(alphabet=hst.characters(exclude_categories=("Cs",)), max_size=300))
def test_round_trip_any_text(tokenizer, text):
    assert tokenizer.decode(tokenizer.encode(text)) == text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(hst.lists(hst.sampled_from(["\n", "\r", "\t", " ", WS, NL, ESC, "e", "n", "s", "<|endoftext|>", "a", "é"]),
                 max_size=60).map("".join))
def test_round_trip_placeholder_soup(tokenizer, text):
    assert tokenizer.decode(tokenizer.encode(text)) == text


@given(hst.text(max_size=200))
def test_escape_is_invertible(text):
    escaped = spm.escape(text)
    assert "\n" not in escaped
    assert WS not in escaped
    assert spm.unescape(escaped) == text


def test_round_trip_real_files(tokenizer, corpus_docs):
    for doc in corpus_docs:
        ids = tokenizer.encode(doc["content"])
        assert tokenizer.decode(ids) == doc["content"], doc["path"]
        assert st.UNK_ID not in ids


def test_special_ids_are_single_pieces(tokenizer):
    for i, text in st.SPECIAL_TOKENS.items():
        assert tokenizer.id_to_piece(i) == text
        assert tokenizer.decode([i]) == text
    assert tokenizer.ENDOFTEXT_ID == 2 and tokenizer.END_OF_FILE_ID == 4 and tokenizer.mask_id(255) == 263
    assert tokenizer.vocab_size == 1200


def test_special_strings_only_with_allow_special(tokenizer):
    text = "a<|endoftext|>b<|mask:3|><|/ file |>"
    plain = tokenizer.encode(text)
    assert not set(plain) & set(st.SPECIAL_TOKENS)
    special = tokenizer.encode(text, allow_special=True)
    assert st.ENDOFTEXT_ID in special and st.mask_id(3) in special and special[-1] == st.END_OF_FILE_ID
    assert tokenizer.decode(special) == text


def test_newline_is_one_piece(tokenizer):
    nl = tokenizer.piece_to_id(NL)
    assert tokenizer.encode("a\nb").count(nl) == 1
    assert tokenizer.encode(NL).count(nl) == 0  # the symbol itself in text is escaped, not a newline


def test_pickles_for_beam_workers(tokenizer):
    import pickle

    clone = pickle.loads(pickle.dumps(tokenizer))
    assert clone.encode("x = 1\n") == tokenizer.encode("x = 1\n")


def test_training_is_deterministic_and_checked(corpus_docs):
    texts = [d["content"] for d in corpus_docs[:40]]
    first = spm.train_model(texts, 700, num_threads=1)
    assert spm.train_model(texts, 700, num_threads=1) == first
    # The thread count is recorded in the model's trainer spec, but the pieces do not depend on it.
    tok = IncoderTokenizer(model_proto=first)
    other = IncoderTokenizer(model_proto=spm.train_model(texts, 700, num_threads=2))
    assert [tok.id_to_piece(i) for i in range(700)] == [other.id_to_piece(i) for i in range(700)]
    assert spm.check_special_ids(tok._sp) == []


def test_not_an_incoder_model_is_refused(tmp_path):
    import io

    import sentencepiece

    model = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(sentence_iterator=iter(["plain text model"] * 20), model_writer=model,
                                             vocab_size=16, minloglevel=2)
    with pytest.raises(ValueError, match="not an incoder tokenizer"):
        IncoderTokenizer(model_proto=model.getvalue())
    with pytest.raises(ValueError, match="exactly one"):
        IncoderTokenizer()


@pytest.mark.parametrize("options", [{"newline_merges": True}, {"split_by_whitespace": True}])
def test_other_piece_settings_stay_exact_and_exportable(corpus_docs, options):
    from tokenizer.hf import build_tokenizer

    texts = [d["content"] for d in corpus_docs[:30]]
    model = spm.train_model(texts, 900, **options)
    tok = IncoderTokenizer(model_proto=model)
    hf = build_tokenizer(model)
    for text in TRICKY + [d["content"] for d in corpus_docs[30:60]]:
        ids = tok.encode(text)
        assert tok.decode(ids) == text
        assert hf.encode(text).ids == ids
    if options.get("newline_merges"):
        assert any(spm.NL in tok.id_to_piece(i) and len(tok.id_to_piece(i)) > 1 for i in range(tok.vocab_size))
