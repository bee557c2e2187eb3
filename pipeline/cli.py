"""The ``incoder`` command: one subcommand per job; ``COMMANDS`` below is the one list of them.

Each package's ``cli.py`` defines its commands (``pipeline.command.Command``: flags, run function, the
module whose docstring is the help); ``COMMANDS`` maps each name to ``"package.cli:NAME"``. The
sub-package CLIs ``pipeline.crawl.cli`` and ``pipeline.licensing.cli`` are modules exposing
``add_arguments(parser)`` and ``run(args, beam_args)``. Modules are imported only when their command
runs, so ``incoder --help`` is instant. Arguments the command does not know
(``--runner=DataflowRunner --project=...``) are passed to Beam untouched as ``beam_args``.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from pipeline.command import Command
from pipeline.errors import ConfigError, FatalError

# name -> ("package.cli:COMMAND" or a sub-package CLI module, one-line help). Order is the order of a
# corpus's life.
COMMANDS: dict[str, tuple[str, str]] = {
    "run": ("pipeline.cli:RUN", "run the whole chain from one config: build, tokenizer, release, verify, train"),
    "crawl": ("pipeline.crawl.cli", "discover and snapshot GitHub/GitLab repositories into a resumable raw store"),
    "build": ("pipeline.cli:BUILD", "build filtered, deduplicated parquet documents from the configured sources"),
    "license": ("pipeline.licensing.cli", "licence tools: 'incoder license scan PATH...' audits repositories"),
    "tokenizer": ("tokenizer.cli:TOKENIZER",
                  "tokenizer tools: 'incoder tokenizer train' trains sentencepiece on the documents"),
    "shard": ("tokenizer.cli:SHARD", "tokenize the documents into a versioned release of parquet shards"),
    "verify": ("tokenizer.cli:VERIFY", "check a release's checksums, schema, counts and tokenizer"),
    "release": ("tokenizer.cli:RELEASE", "maintain releases: 'release diff A B', 'release remove' (opt-out requests)"),
    "train": ("training.cli:TRAIN", "train a causal-masking model on a release (also under torchrun)"),
    "infill": ("training.cli:INFILL", "fill holes in code with a trained checkpoint"),
    "eval": ("training.cli:EVAL", "HumanEval infilling evaluation in the paper's table shape"),
    "export": ("training.cli:EXPORT", "export a checkpoint as a Hugging Face model (safetensors + tokenizer)"),
    "submit": ("training.cli:SUBMIT", "write (and submit) a Slurm batch script running torchrun across nodes"),
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


def command(name: str) -> Command:
    """The registered command ``name`` (its package's ``cli.py`` imported now)."""
    target, _ = COMMANDS[name]
    module_name, _, attribute = target.partition(":")
    module = importlib.import_module(module_name)
    if attribute:
        return getattr(module, attribute)
    return Command(module.add_arguments, module.run, module_name, getattr(module, "ACCEPTS_BEAM_ARGS", False))


def command_parser(name: str) -> tuple[argparse.ArgumentParser, Command]:
    spec = command(name)
    parser = argparse.ArgumentParser(prog=f"incoder {name}", description=spec.description(COMMANDS[name][1]),
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    spec.add_arguments(parser)
    return parser, spec


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
    parser, spec = command_parser(name)
    args, beam_args = parser.parse_known_args(rest)
    if beam_args and not spec.accepts_beam_args:
        parser.error(f"unrecognized arguments: {' '.join(beam_args)}")
    # The trainer has its own error classes (training/ imports no pipeline code); both map alike.
    from training import errors as training_errors

    try:
        return int(spec.run(args, beam_args) or 0)
    except (ConfigError, training_errors.ConfigError) as exc:
        print(f"incoder {name}: config error: {exc}", file=sys.stderr)
        return 2
    except (FatalError, training_errors.FatalError) as exc:
        print(f"incoder {name}: {exc}", file=sys.stderr)
        return 1


# --------------------------------------------------------------------------- the pipeline's own commands


def _run_arguments(parser: argparse.ArgumentParser) -> None:
    from pipeline.config import add_config_arguments
    from pipeline.run_all import STEPS

    add_config_arguments(parser)
    parser.add_argument("--only", default="", help=f"comma-separated steps to run ({', '.join(s.name for s in STEPS)})")
    parser.add_argument("--force", action="store_true", help="rerun steps even when their done-marker matches")


def _run(args: argparse.Namespace, beam_args: list[str]) -> int:
    from pipeline.config import load_config, parse_overrides
    from pipeline.run_all import format_summary, run_chain

    cfg = load_config(args.config, parse_overrides(args.overrides))
    only = {s.strip() for s in args.only.split(",") if s.strip()} or None
    rows = run_chain(cfg, beam_args, only=only, force=args.force)
    print(f"\nincoder run: {args.config} -> {cfg.output_dir}\n" + format_summary(rows))
    return 0


def _build_arguments(parser: argparse.ArgumentParser) -> None:
    from pipeline.config import add_config_arguments

    add_config_arguments(parser)
    parser.add_argument("--progress-every", type=float, default=30.0, metavar="SECONDS",
                        help="log files read, bytes and stage counters every SECONDS on the in-process "
                             "runner (0: off; other runners: see their UI)")


def _build(args: argparse.Namespace, beam_args: list[str]) -> int:
    from pipeline.build import format_summary, run_build
    from pipeline.config import load_config, parse_overrides

    log = logging.getLogger("pipeline.build")
    cfg = load_config(args.config, parse_overrides(args.overrides))
    cfg.require("build")
    stats = run_build(cfg, beam_args, progress_every=args.progress_every)
    if stats.get("dry_run"):
        print(stats["plan"])
        return 0
    print(format_summary(stats))
    if stats["accounting"]["balanced"] is False:
        log.error("build: the counters do not account for every input file (see stats.json 'accounting')")
        return 1
    return 0


RUN = Command(_run_arguments, _run, "pipeline.run_all", accepts_beam_args=True)
BUILD = Command(_build_arguments, _build, "pipeline.build", accepts_beam_args=True)


if __name__ == "__main__":
    sys.exit(main())
