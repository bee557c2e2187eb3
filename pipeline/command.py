"""How a package's ``cli.py`` describes one ``incoder`` command; ``pipeline.cli.COMMANDS`` lists them all.

A package registers a command by defining a ``Command`` in its ``cli.py`` (``tokenizer.cli.SHARD``,
``training.cli.EVAL``) and adding one line to ``pipeline.cli.COMMANDS``. The command's ``--help``
description is the docstring of ``doc_module`` (usually the domain module doing the work), imported
only when the command runs, so ``incoder --help`` stays instant.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, list[str]], int]
    doc_module: str  # whose docstring is the --help description
    accepts_beam_args: bool = False  # unknown flags go to Beam (``--runner=...``) instead of being errors

    def description(self, fallback: str) -> str:
        return (importlib.import_module(self.doc_module).__doc__ or fallback).strip()
