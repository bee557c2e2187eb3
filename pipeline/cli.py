"""The ``incoder`` command: one subcommand per job, each implemented in its own module.

Each command module exposes ``add_arguments(parser)`` and ``run(args, beam_args) -> int``; modules are
imported only when their command runs, so ``incoder --help`` is instant. Arguments the command does
not know (``--runner=DataflowRunner --project=...``) are passed to Beam untouched as ``beam_args``.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from pipeline.errors import ConfigError, FatalError

# name -> (module, one-line help). Order is the order of a corpus's life.
COMMANDS: dict[str, tuple[str, str]] = {
    "run": ("pipeline.run_all", "run the whole chain from one config: build, tokenizer, release, verify, train"),
    "crawl": ("pipeline.crawl.cli", "discover and snapshot GitHub/GitLab repositories into a resumable raw store"),
    "build": ("pipeline.build", "build filtered, deduplicated parquet documents from the configured sources"),
    "license": ("pipeline.licensing.cli", "licence tools: 'incoder license scan PATH...' audits repositories"),
    "tokenizer": ("tokenizer.cli", "tokenizer tools: 'incoder tokenizer train' trains sentencepiece on the documents"),
    "shard": ("tokenizer.shard", "tokenize the documents into a versioned release of parquet shards"),
    "verify": ("tokenizer.verify", "check a release's checksums, schema, counts and tokenizer"),
    "release": ("tokenizer.release_ops", "maintain releases: 'release diff A B', 'release remove' (opt-out requests)"),
    "train": ("training.cli", "train a causal-masking model on a release (also under torchrun)"),
    "infill": ("training.infill", "fill holes in code with a trained checkpoint"),
    "eval": ("training.evaluate", "HumanEval infilling evaluation in the paper's table shape"),
    "export": ("training.export", "export a checkpoint as a Hugging Face model (safetensors + tokenizer)"),
    "submit": ("training.submit", "write (and submit) a Slurm batch script running torchrun across nodes"),
}


def _drop_optional_gcp_warning(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith("apitools not found")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="incoder",
        description=(
            "Build an InCoder-style code corpus (Apache Beam) and train causal-masking infilling models.\n"
            "Each command reads a YAML config (see configs/); unknown flags go to Beam unchanged."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_, help_text) in COMMANDS.items():
        sub.add_parser(name, help=help_text, add_help=False)
    return parser


def command_parser(name: str) -> tuple[argparse.ArgumentParser, object]:
    module_name, help_text = COMMANDS[name]
    module = importlib.import_module(module_name)
    parser = argparse.ArgumentParser(prog=f"incoder {name}", description=(module.__doc__ or help_text).strip(),
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    module.add_arguments(parser)
    return parser, module


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    top = build_parser()
    verbose = False
    while argv and argv[0] in ("-v", "--verbose"):
        verbose = True
        argv.pop(0)
    if not argv or argv[0] in ("-h", "--help"):
        top.print_help()
        return 0 if argv else 2
    name, rest = argv[0], argv[1:]
    if name not in COMMANDS:
        top.error(f"unknown command {name!r}; choose from {', '.join(COMMANDS)}")
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        datefmt="%H:%M:%S",
    )
    if not verbose:
        # Beam logs per-transform chatter at INFO (type-hint conversions, state caches), and warns on the
        # root logger at import that the optional GCP client libraries are absent: keep the run readable.
        logging.getLogger("apache_beam").setLevel(logging.WARNING)
        for handler in logging.getLogger().handlers:
            handler.addFilter(_drop_optional_gcp_warning)
    parser, module = command_parser(name)
    args, beam_args = parser.parse_known_args(rest)
    if beam_args and not getattr(module, "ACCEPTS_BEAM_ARGS", False):
        parser.error(f"unrecognized arguments: {' '.join(beam_args)}")
    # The trainer has its own error classes (training/ imports no pipeline code); both map alike.
    from training import errors as training_errors

    try:
        return int(module.run(args, beam_args) or 0)
    except (ConfigError, training_errors.ConfigError) as exc:
        print(f"incoder {name}: config error: {exc}", file=sys.stderr)
        return 2
    except (FatalError, training_errors.FatalError) as exc:
        print(f"incoder {name}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
