"""``Strict``: the base of every pipeline and tokenizer config model.

It sits apart from ``pipeline.config`` so the section models (``pipeline.crawl.config``,
``tokenizer.config``) can derive from it while ``pipeline.config`` imports them directly.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """Base of every config model: unknown keys are errors, values are validated on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, frozen=False)
