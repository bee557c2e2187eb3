"""One way to start a Beam pipeline for every command: runner flags pass through untouched.

Without ``--runner``, Beam 2.77's DirectRunner first tries to download the Prism runner from the
network, then falls back to the in-process FnApiRunner. Our jobs must run offline and behave the same
on every machine, so without ``--runner`` they go straight to that FnApiRunner (which still honours
``--direct_num_workers`` and ``--direct_running_mode``). With ``--runner=DataflowRunner`` (or Flink,
Spark, ...) Beam resolves the runner from the flags as usual.
"""

from __future__ import annotations

from typing import Any

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions


def default_runner(options: PipelineOptions) -> Any:
    """``None`` (Beam resolves ``--runner``) when a runner is given; else the in-process FnApiRunner."""
    if options.view_as(StandardOptions).runner:
        return None
    from apache_beam.runners.portability.fn_api_runner import FnApiRunner

    return FnApiRunner()


def new_pipeline(beam_args: list[str] | None) -> beam.Pipeline:
    """A ``beam.Pipeline`` for these runner flags (usable as a context manager)."""
    options = PipelineOptions(list(beam_args or []))
    return beam.Pipeline(runner=default_runner(options), options=options)
