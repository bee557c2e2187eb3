"""Exact, reversible sentencepiece tokenization of code: ``IncoderTokenizer`` and the trainer settings.

sentencepiece alone is not lossless on arbitrary text: it turns spaces into ``▁`` (so a literal ``▁``
decodes as a space) and its training input is line based. Text therefore goes through a reversible
escape before sentencepiece sees it (sentencepiece's options documentation):

    ESC  -> ESC e        (the escape character itself)
    NL   -> ESC n        (the newline symbol, when it occurs in the text)
    ▁    -> ESC s        (sentencepiece's whitespace meta symbol)
    \\n   -> NL           (newline: a user-defined symbol, always one piece)

``ESC`` and ``NL`` are private-use code points (``NL`` is a user-defined piece unless the model was
trained with ``newline_merges``, then an ordinary required character); the order above is what the
Hugging Face export (``tokenizer.hf``) replays with its ``Replace`` normalizers. Special tokens are pieces at the
fixed ids of ``tokenizer.special_tokens``: ``<pad>``/``<unk>``/``<|endoftext|>`` are sentencepiece's
pad/unk/bos, the rest control symbols, so text that merely contains ``<|endoftext|>`` is encoded as
ordinary characters unless ``allow_special=True``.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterable, Iterator
from typing import Any

import sentencepiece

from tokenizer import special_tokens as st

log = logging.getLogger(__name__)

ESC = "\ue01b"  # escape character (private use area)
NL = "\ue00a"  # the newline symbol (private use area); a user-defined piece
WS = "\u2581"  # sentencepiece's whitespace meta symbol

_SPECIAL_BY_TEXT = {text: i for i, text in st.SPECIAL_TOKENS.items() if i not in (st.PAD_ID, st.UNK_ID)}
_SPECIAL_RE = re.compile("|".join(re.escape(t) for t in sorted(_SPECIAL_BY_TEXT, key=len, reverse=True)))


def escape(text: str) -> str:
    """The text sentencepiece sees; ``unescape(escape(x)) == x`` for every string.

    Plain ``str.replace`` steps in this order (the rare characters first, so the escapes they add are
    never escaped again); ``tokenizer.hf`` replays the same steps as Hugging Face normalizers.
    """
    if ESC in text:
        text = text.replace(ESC, ESC + "e")
    if NL in text:
        text = text.replace(NL, ESC + "n")
    if WS in text:
        text = text.replace(WS, ESC + "s")
    return text.replace("\n", NL)


def unescape(text: str) -> str:
    """Inverse of ``escape``; a stray ``ESC`` (cut from its partner) is kept as it is."""
    text = text.replace(NL, "\n")
    if ESC in text:
        text = text.replace(ESC + "s", WS).replace(ESC + "n", NL).replace(ESC + "e", ESC)
    return text


def trainer_options(
    vocab_size: int,
    *,
    character_coverage: float = 0.9999,
    max_piece_length: int = 16,
    split_digits: bool = False,
    split_by_whitespace: bool = False,
    newline_merges: bool = False,
    num_threads: int = 1,
) -> dict[str, Any]:
    """sentencepiece trainer arguments for an exact round trip and InCoder's fixed special ids.

    ``split_by_whitespace=False`` lets pieces span spaces (``▁=▁``, ``▁in▁range(``);
    ``newline_merges=True`` makes the newline symbol an ordinary (required) character instead of a
    user-defined piece, so it can merge with the indentation after it. Both only change which pieces
    are learned; the round trip is exact either way (BENCHMARKS.md has the figures).
    """
    control = [st.SPECIAL_TOKENS[i] for i in range(st.ENDOFTEXT_ID + 1, st.NUM_SPECIAL)]
    return {
        "model_type": "bpe",
        "vocab_size": vocab_size,
        "pad_id": st.PAD_ID, "pad_piece": st.PAD,
        "unk_id": st.UNK_ID, "unk_piece": st.UNK,
        "bos_id": st.ENDOFTEXT_ID, "bos_piece": st.ENDOFTEXT,
        "eos_id": -1,
        "control_symbols": control,
        "user_defined_symbols": [] if newline_merges else [NL],
        "required_chars": NL if newline_merges else "",
        # sentencepiece's options documentation: lossless settings for code.
        "normalization_rule_name": "identity",
        "remove_extra_whitespaces": False,
        "add_dummy_prefix": False,
        "byte_fallback": True,
        "allow_whitespace_only_pieces": True,
        "split_by_unicode_script": False,
        "split_digits": split_digits,
        "split_by_whitespace": split_by_whitespace,
        "max_sentence_length": 1 << 30,
        "max_sentencepiece_length": max_piece_length,
        "character_coverage": character_coverage,
        "input_sentence_size": 0,
        "shuffle_input_sentence": False,
        "num_threads": num_threads,
        "minloglevel": 2,
    }


def train_model(texts: Iterable[str], vocab_size: int, **options: Any) -> bytes:
    """Train on whole documents (escaped here); returns the model bytes, checked by ``check_special_ids``."""
    model = io.BytesIO()
    sentences: Iterator[str] = (escape(t) for t in texts if t)
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=sentences, model_writer=model, **trainer_options(vocab_size, **options)
    )
    data = model.getvalue()
    problems = check_special_ids(sentencepiece.SentencePieceProcessor(model_proto=data))
    if problems:
        raise RuntimeError("trained model has wrong special tokens: " + "; ".join(problems))
    return data


def check_special_ids(processor: sentencepiece.SentencePieceProcessor) -> list[str]:
    """Problems with the model's special pieces (empty when every id holds its token as one piece)."""
    problems = []
    for i, text in st.SPECIAL_TOKENS.items():
        if i >= processor.get_piece_size() or processor.id_to_piece(i) != text:
            got = processor.id_to_piece(i) if i < processor.get_piece_size() else "<missing>"
            problems.append(f"id {i}: expected {text!r}, got {got!r}")
    if processor.piece_to_id(NL) == processor.unk_id():
        problems.append("newline symbol is not a piece")
    return problems


class IncoderTokenizer:
    """Encode/decode with a trained model; ``decode(encode(x)) == x`` for any surrogate-free string."""

    PAD_ID = st.PAD_ID
    UNK_ID = st.UNK_ID
    ENDOFTEXT_ID = st.ENDOFTEXT_ID
    ENDOFMASK_ID = st.ENDOFMASK_ID
    END_OF_FILE_ID = st.END_OF_FILE_ID
    FIM_PREFIX_ID = st.FIM_PREFIX_ID
    FIM_MIDDLE_ID = st.FIM_MIDDLE_ID
    FIM_SUFFIX_ID = st.FIM_SUFFIX_ID
    FIRST_MASK_ID = st.FIRST_MASK_ID
    NUM_MASKS = st.NUM_MASKS

    def __init__(self, model_path: str | None = None, *, model_proto: bytes | None = None) -> None:
        if (model_path is None) == (model_proto is None):
            raise ValueError("give exactly one of model_path or model_proto")
        if model_proto is None:
            from pipeline import fsio

            model_proto = fsio.read_bytes(model_path)
        self.model_proto = model_proto
        self._sp = sentencepiece.SentencePieceProcessor(model_proto=model_proto)
        problems = check_special_ids(self._sp)
        if problems:
            raise ValueError(f"{model_path or 'model'}: not an incoder tokenizer: " + "; ".join(problems))

    @property
    def vocab_size(self) -> int:
        return self._sp.get_piece_size()

    def id_to_piece(self, i: int) -> str:
        return self._sp.id_to_piece(i)

    def piece_to_id(self, piece: str) -> int:
        return self._sp.piece_to_id(piece)

    def mask_id(self, i: int) -> int:
        return st.mask_id(i)

    def encode(self, text: str, allow_special: bool = False) -> list[int]:
        """Token ids of ``text`` (no ``<|endoftext|>`` added). Special-token strings in the text become
        their ids only with ``allow_special`` (``<pad>`` and ``<unk>`` never do)."""
        if not allow_special:
            return self._sp.encode(escape(text))
        ids: list[int] = []
        pos = 0
        for match in _SPECIAL_RE.finditer(text):
            if match.start() > pos:
                ids.extend(self._sp.encode(escape(text[pos:match.start()])))
            ids.append(_SPECIAL_BY_TEXT[match.group(0)])
            pos = match.end()
        if pos < len(text):
            ids.extend(self._sp.encode(escape(text[pos:])))
        return ids

    def encode_document(self, segments: Iterable[str | int]) -> list[int]:
        """``<|endoftext|>`` then each segment: text encoded as ordinary text, ints kept as special ids
        (the output of ``tokenizer.format.format_document``)."""
        ids = [st.ENDOFTEXT_ID]
        for segment in segments:
            if isinstance(segment, str):
                ids.extend(self.encode(segment))
            else:
                ids.append(int(segment))
        return ids

    def encode_batch(self, texts: list[str]) -> list[list[int]]:
        return self._sp.encode([escape(t) for t in texts])

    def decode(self, ids: Iterable[int]) -> str:
        """Text of ``ids``; special ids come back as their token strings (``<pad>`` included)."""
        out: list[str] = []
        run: list[int] = []
        for i in ids:
            i = int(i)
            if i in st.SPECIAL_TOKENS:
                if run:
                    out.append(unescape(self._sp.decode(run)))
                    run = []
                out.append(st.SPECIAL_TOKENS[i])
            else:
                run.append(i)
        if run:
            out.append(unescape(self._sp.decode(run)))
        return "".join(out)

    def __getstate__(self) -> dict[str, Any]:
        return {"model_proto": self.model_proto}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(model_proto=state["model_proto"])
