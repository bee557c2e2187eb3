"""Hugging Face export: the sentencepiece model as a ``tokenizers`` BPE that gives the same ids.

The directory loads with ``transformers.AutoTokenizer.from_pretrained(dir)`` (or
``PreTrainedTokenizerFast``) without project code. It is built from the model's pieces:

- normalizer: the escape of ``tokenizer.spm`` (``ESC``, newline symbol, ``▁`` escaped; newline to its
  symbol) then space to ``▁``, as ``Replace`` steps in the same order;
- model: BPE with the same vocabulary (ids equal), one merge ``(a, b)`` for every piece ``a+b`` ranked
  by the piece's id (sentencepiece merges the highest-scoring piece first, and its BPE scores fall with
  the id), ``byte_fallback`` for characters outside the vocabulary, no pre-tokenizer;
- decoder: ``▁`` to space, byte fallback, fuse, then the escape undone;
- special tokens: every token of ``tokenizer.special_tokens`` is a vocabulary entry at its id, and
  like ``IncoderTokenizer.encode(text)`` the export never makes one out of input text: source that
  spells ``<unk>`` (CPython's ``test_re.py`` has ``(?P<unk>x)``), ``<pad>``, ``<|endoftext|>`` or
  ``<|mask:0|>`` is encoded as ordinary characters. No ``<|endoftext|>`` is prepended automatically.

How the "same ids on any text" rule is kept in each library:

- ``tokenizers`` matches every *added* token in raw text before the model runs, whatever its
  ``AddedToken`` options (``special``, ``normalized``, ``single_word``, ``lstrip``/``rstrip`` only change
  where it matches), and the switch that turns matching off, ``Tokenizer.encode_special_tokens``, is not
  saved in ``tokenizer.json`` (tokenizers 0.23). So ``tokenizer.json`` has no added tokens: the special
  tokens are only vocabulary entries, no BPE merge produces them, and
  ``Tokenizer.from_file("tokenizer.json")`` gives our ids. (Its ``decode(..., skip_special_tokens=True)``
  then keeps them; transformers' skips them.)
- transformers re-adds the special tokens listed in ``tokenizer_config.json`` as added tokens, so the
  config carries ``split_special_tokens: true`` (transformers' ``PreTrainedTokenizerBase`` option, which
  sets the backend's ``encode_special_tokens``). ``tokenizer(text, split_special_tokens=False)`` opts into
  matching, like ``allow_special=True`` except that ``<pad>`` and ``<unk>`` also match.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile

import sentencepiece
from tokenizers import Tokenizer, decoders, models, normalizers

from pipeline import fsio
from tokenizer import special_tokens as st
from tokenizer.spm import ESC, NL, WS

log = logging.getLogger(__name__)


def _is_normal(sp: sentencepiece.SentencePieceProcessor, i: int) -> bool:
    return not (sp.is_control(i) or sp.is_unknown(i) or sp.is_byte(i) or sp.is_unused(i)) and sp.id_to_piece(i) != NL


def build_tokenizer(model_proto: bytes) -> Tokenizer:
    """A ``tokenizers.Tokenizer`` giving ``IncoderTokenizer.encode(text)``'s ids on any text (no added tokens)."""
    sp = sentencepiece.SentencePieceProcessor(model_proto=model_proto)
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    vocab = {piece: i for i, piece in enumerate(pieces)}
    if len(vocab) != len(pieces):
        raise RuntimeError("the sentencepiece model has duplicate pieces")
    mergeable = {p for i, p in enumerate(pieces) if _is_normal(sp, i) or p == NL}
    merges = []
    for i, text in enumerate(pieces):
        if not _is_normal(sp, i) or len(text) < 2:
            continue
        for cut in range(1, len(text)):
            left, right = text[:cut], text[cut:]
            if left in mergeable and right in mergeable:
                merges.append((i, vocab[left], vocab[right], left, right))
    merges.sort()
    bpe = models.BPE(
        vocab=vocab, merges=[(a, b) for *_, a, b in merges], unk_token=st.UNK, byte_fallback=True, fuse_unk=True
    )
    tok = Tokenizer(bpe)
    tok.normalizer = normalizers.Sequence([
        normalizers.Replace(ESC, ESC + "e"),
        normalizers.Replace(NL, ESC + "n"),
        normalizers.Replace(WS, ESC + "s"),
        normalizers.Replace("\n", NL),
        normalizers.Replace(" ", WS),
    ])
    tok.decoder = decoders.Sequence([
        decoders.Replace(WS, " "),
        decoders.ByteFallback(),
        decoders.Fuse(),
        decoders.Replace(NL, "\n"),
        decoders.Replace(ESC + "s", WS),
        decoders.Replace(ESC + "n", NL),
        decoders.Replace(ESC + "e", ESC),
    ])
    for i, text in st.SPECIAL_TOKENS.items():
        if tok.token_to_id(text) != i:
            raise RuntimeError(f"Hugging Face export put {text!r} at {tok.token_to_id(text)}, expected {i}")
    if sp.piece_to_id(NL) == sp.unk_id():
        raise RuntimeError("the sentencepiece model has no newline symbol")
    return tok


def export_hf(model_proto: bytes, out_dir: str) -> list[str]:
    """Write ``tokenizer.json`` and ``tokenizer_config.json`` (what transformers' ``save_pretrained`` writes)."""
    from transformers import PreTrainedTokenizerFast

    fast = PreTrainedTokenizerFast(
        tokenizer_object=build_tokenizer(model_proto),
        bos_token=st.ENDOFTEXT, eos_token=st.ENDOFTEXT, pad_token=st.PAD, unk_token=st.UNK,
        additional_special_tokens=[st.SPECIAL_TOKENS[i] for i in range(st.ENDOFMASK_ID, st.NUM_SPECIAL)],
        clean_up_tokenization_spaces=False,
        split_special_tokens=True,  # the config keeps it; transformers then never matches special strings
    )
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        fast.save_pretrained(tmp)
        # save_pretrained writes the special tokens into tokenizer.json as added tokens, which plain
        # ``tokenizers`` would match in text (see the module docstring): write ours, without them.
        with open(os.path.join(tmp, "tokenizer.json"), "w", encoding="utf-8") as handle:
            handle.write(build_tokenizer(model_proto).to_str())
        with open(os.path.join(tmp, "tokenizer_config.json"), encoding="utf-8") as handle:
            if json.load(handle).get("split_special_tokens") is not True:
                raise RuntimeError("transformers did not save split_special_tokens in tokenizer_config.json")
        for name in sorted(os.listdir(tmp)):
            with open(os.path.join(tmp, name), "rb") as handle:
                data = handle.read()
            target = fsio.join(out_dir, name)
            fsio.write_bytes(target, data)
            written.append(target)
    log.info("Hugging Face tokenizer written to %s (%d files)", out_dir, len(written))
    return written
