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
from pipeline.command import Command
from pipeline.config import add_config_arguments, load_config, parse_overrides
from pipeline.errors import ConfigError

log = logging.getLogger(__name__)

# This module registers the tokenizer package's commands (listed in pipeline.cli.COMMANDS): ``tokenizer``
# (the docstring above is its help), ``shard``, ``verify`` and ``release``, whose help is their domain
# module's docstring. No domain module of the package parses arguments.


def _tokenizer_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION")
    train = sub.add_parser("train", help="train the sentencepiece model on the built documents (Beam sample)")
    add_config_arguments(train)
    encode = sub.add_parser("encode", help="token ids of a file, with a round-trip check")
    encode.add_argument("--model", required=True, help="spm.model path")
    encode.add_argument("file", help="text file (UTF-8) to encode")
    encode.add_argument("--pieces", action="store_true", help="print pieces instead of ids")


def _tokenizer(args: argparse.Namespace, beam_args: list[str]) -> int:
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


def _shard(args: argparse.Namespace, beam_args: list[str]) -> int:
    from tokenizer.release_format import Manifest
    from tokenizer.shard import run_shard

    cfg = load_config(args.config, parse_overrides(args.overrides))
    release_dir = run_shard(cfg, beam_args)
    manifest = Manifest.read(release_dir, fsio.read_text)
    for split, info in manifest.splits.items():
        print(f"{split}: {info.documents} documents, {info.tokens} tokens, {len(info.files)} files")
    print(f"release written to {release_dir}")
    return 0


def _verify_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("release_dir", help="the release directory (OUT/release), any Beam filesystem path")


def _verify(args: argparse.Namespace, beam_args: list[str]) -> int:
    from tokenizer.verify import report

    return report(args.release_dir)


def _release_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION")
    diff = sub.add_parser("diff", help="what changed between two releases (text, and JSON with --json)")
    diff.add_argument("old", help="the earlier release directory")
    diff.add_argument("new", help="the later release directory")
    diff.add_argument("--json", metavar="FILE", help="also write the report as JSON to FILE ('-': stdout only)")
    diff.add_argument("--work-dir", help="scratch directory for the counts (a shared path on remote runners)")
    remove = sub.add_parser("remove", help="re-issue a release without what an opt-out list names")
    remove.add_argument("--release", required=True, help="the published release directory (left untouched)")
    remove.add_argument("--exclude", required=True, help="opt-out list: file, Beam filesystem path or http(s) URL")
    remove.add_argument("--out", required=True, help="directory of the new release")
    remove.add_argument("--name", help="name of the new release (default: the parent's)")


def _release(args: argparse.Namespace, beam_args: list[str]) -> int:
    from tokenizer import release_ops

    if args.action == "diff":
        return release_ops.diff(args.old, args.new, beam_args, args.work_dir, args.json)
    if args.action == "remove":
        return release_ops.remove(args.release, args.exclude, args.out, beam_args, args.name)
    raise ConfigError("incoder release: choose an action: diff | remove")


TOKENIZER = Command(_tokenizer_arguments, _tokenizer, "tokenizer.cli", accepts_beam_args=True)
SHARD = Command(add_config_arguments, _shard, "tokenizer.shard", accepts_beam_args=True)
VERIFY = Command(_verify_arguments, _verify, "tokenizer.verify")
RELEASE = Command(_release_arguments, _release, "tokenizer.release_ops", accepts_beam_args=True)
