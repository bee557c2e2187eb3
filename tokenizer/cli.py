"""Tokenizer tools.

  incoder tokenizer train --config configs/demo.yaml     sentencepiece BPE on a language-balanced sample
                                                         of OUT/documents -> OUT/tokenizer/
  incoder tokenizer encode --model OUT/tokenizer/spm.model FILE   print token ids of a file (and check
                                                         that they decode back to it exactly)
"""

from __future__ import annotations

import argparse
import logging

from pipeline import fsio
from pipeline.config import add_config_arguments, load_config, parse_overrides
from pipeline.errors import ConfigError

log = logging.getLogger(__name__)

ACCEPTS_BEAM_ARGS = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION")
    train = sub.add_parser("train", help="train the sentencepiece model on the built documents (Beam sample)")
    add_config_arguments(train)
    encode = sub.add_parser("encode", help="token ids of a file, with a round-trip check")
    encode.add_argument("--model", required=True, help="spm.model path")
    encode.add_argument("file", help="text file (UTF-8) to encode")
    encode.add_argument("--pieces", action="store_true", help="print pieces instead of ids")


def run(args: argparse.Namespace, beam_args: list[str]) -> int:
    if args.action == "train":
        from tokenizer.train import train_tokenizer

        cfg = load_config(args.config, parse_overrides(args.overrides))
        path = train_tokenizer(cfg, beam_args)
        print(f"tokenizer written: {path}")
        return 0
    if args.action == "encode":
        if beam_args:
            raise ConfigError(f"unrecognized arguments: {' '.join(beam_args)}")
        from tokenizer.spm import IncoderTokenizer

        tok = IncoderTokenizer(args.model)
        text = fsio.read_text(args.file)
        ids = tok.encode(text)
        print(" ".join(tok.id_to_piece(i) for i in ids) if args.pieces else " ".join(map(str, ids)))
        exact = tok.decode(ids) == text
        print(f"# {len(ids)} tokens, {len(text.encode('utf-8')) / max(1, len(ids)):.2f} bytes/token, "
              f"round trip {'exact' if exact else 'FAILED'}")
        return 0 if exact else 1
    raise ConfigError("incoder tokenizer: choose an action: train | encode")
