"""Config sections ``tokenizer:`` (``incoder tokenizer train``) and ``release:`` (``incoder shard``).

Both are built on ``pipeline.config.Strict``: unknown keys are errors naming their dotted location.
Defaults follow sentencepiece's options documentation (sentencepiece settings for an exact round trip on code) and
section 2 (InCoder's document format).
"""

from __future__ import annotations

from pydantic import Field, model_validator

from pipeline.config_base import Strict
from tokenizer.special_tokens import NUM_SPECIAL

# Byte pieces (byte_fallback) + special tokens + the newline symbol: the floor of any vocabulary.
MIN_VOCAB_SIZE = NUM_SPECIAL + 256 + 1 + 64


class TokenizerConfig(Strict):
    """``incoder tokenizer train``: sentencepiece BPE on a language-balanced sample of the documents."""

    vocab_size: int = Field(default=50518, ge=MIN_VOCAB_SIZE, description="pieces in the model (InCoder: 50518)")
    sample_mb_per_language: float = Field(
        default=64.0, gt=0, description="MB of document text sampled per language (hash-based, deterministic)"
    )
    max_sample_mb: float = Field(default=2048.0, gt=0, description="cap on the whole training sample")
    languages: list[str] = Field(default_factory=list, description="languages to sample (all if empty)")
    max_document_bytes: int = Field(
        default=1_000_000, ge=1024, description="longer documents are left out of the sample (not truncated)"
    )
    character_coverage: float = Field(default=0.9999, gt=0, le=1, description="rarer characters fall back to bytes")
    max_piece_length: int = Field(default=16, ge=1, le=64, description="sentencepiece max_sentencepiece_length")
    split_digits: bool = Field(default=False, description="one token per digit")
    split_by_whitespace: bool = Field(
        default=False, description="true: pieces never span a space (sentencepiece's default; ~17% more tokens on Python)"
    )
    newline_merges: bool = Field(
        default=False,
        description="newline as an ordinary character that merges with the indentation after it (~12% fewer "
        "tokens on Python); false: newline is always its own piece",
    )
    num_threads: int = Field(default=2, ge=1, description="sentencepiece trainer threads (recorded in the model file; the pieces do not depend on it)")
    hf_export: bool = Field(default=True, description="also write the Hugging Face tokenizer to OUT/tokenizer/hf")
    seed: int | None = Field(
        default=None, ge=0, lt=2**32,
        description="seed of the training sample (a hash of seed and document id); null: the top-level seed",
    )


class ReleaseConfig(Strict):
    """``incoder shard``: the tokenized release (train/validation parquet shards + metadata)."""

    validation_fraction: float = Field(default=0.01, ge=0, lt=1, description="share of documents (by a hash of release.seed and id) in validation")
    heldout_fraction: float = Field(
        default=0.0, ge=0, lt=1,
        description="share of repositories (by a hash of source/repo and the seed) held out of training into "
        "heldout/ for `incoder eval --task heldout-*` (tokenizer/heldout.py has the rule); 0: none",
    )
    target_shard_mb: float = Field(
        default=256.0, gt=0, description="target size of one shard, counted as 4 bytes per token (uncompressed int32)"
    )
    row_group_size: int = Field(default=1000, ge=1, description="documents per parquet row group")
    compression_level: int = Field(default=3, ge=1, le=22, description="zstd level")
    attribute_start_probability: float = Field(
        default=0.5, ge=0, le=1, description="chance each metadata attribute goes in the opening tag (InCoder: 0.5)"
    )
    dstars_thresholds: list[int] | None = Field(
        default=None,
        description="stars at the 50/75/90/95/97th percentiles; null: computed over the corpus's repositories",
    )
    dscore_thresholds: list[int] | None = Field(
        default=None, description="StackOverflow scores at the same percentiles; null: computed over the corpus's posts"
    )
    max_document_tokens: int | None = Field(
        default=None, ge=1, description="documents with more tokens are rejected (document_too_long); null: no cap"
    )
    datacard: bool = Field(default=True, description="write DATACARD.md and charts/*.png")
    name: str = Field(default="incoder-corpus", description="release name shown in the data card")
    removal_contact: str | None = Field(
        default=None,
        description="where authors send removal requests (an e-mail address or URL), shown in the data card; "
        "null: the card says to contact the release's maintainers",
    )
    seed: int | None = Field(
        default=None, ge=0, lt=2**32,
        description="seed of the format choices (attribute placement), the validation split and the held-out "
        "split (hashes of seed and id); null: the top-level seed",
    )

    @model_validator(mode="after")
    def _thresholds(self) -> ReleaseConfig:
        for key in ("dstars_thresholds", "dscore_thresholds"):
            value = getattr(self, key)
            if value is not None and (len(value) != 5 or sorted(value) != value):
                raise ValueError(f"{key}: expected 5 ascending values (50/75/90/95/97th percentiles), got {value}")
        return self
