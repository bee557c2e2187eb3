"""The trainer's exception vocabulary; ``incoder`` maps it to exit codes like the pipeline's own.

- ``ConfigError``: bad ``train:`` settings or arguments, raised before work starts (exit status 2).
- ``FatalError``: the run cannot go on: no checkpoint to resume, a corrupt release (exit status 1).

``training/`` defines these itself so that a torchrun rank imports neither Apache Beam nor the corpus
pipeline.
"""

from __future__ import annotations


class TrainingError(Exception):
    """Base of the trainer's errors."""


class ConfigError(TrainingError):
    """Invalid training configuration or command-line arguments."""


class FatalError(TrainingError):
    """The run cannot go on."""
