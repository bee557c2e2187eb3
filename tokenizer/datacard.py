"""``DATACARD.md`` and its charts (language mix, length distribution, licence mix) from a manifest.

Charts are PNGs drawn with matplotlib's Agg backend (no display needed) into ``charts/``; nothing in
the card depends on time, so it is as reproducible as the manifest it describes.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Mapping
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from pipeline import fsio  # noqa: E402
from tokenizer import attribution, governance, pii_card  # noqa: E402

log = logging.getLogger(__name__)

CHARTS = ("charts/languages.png", "charts/lengths.png", "charts/licenses.png")


def _bar_chart(labels: list[str], values: list[float], title: str, xlabel: str, ylabel: str) -> bytes:
    fig, ax = plt.subplots(figsize=(8, max(2.5, 0.3 * len(labels) + 1.0)))
    ax.barh(range(len(labels)), values, color="#4c72b0")
    ax.set_yticks(range(len(labels)), labels=labels)
    ax.invert_yaxis()
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


def _length_label(bin_index: int) -> str:
    low = 0 if bin_index == 0 else 2 ** (bin_index - 1)
    return f"{low}-{2 ** bin_index - 1}"


def render_charts(manifest: Mapping[str, Any]) -> dict[str, bytes]:
    """PNG bytes by release-relative path."""
    langs = sorted(manifest["counts"]["language"].items(), key=lambda kv: (-kv[1], kv[0]))
    licenses = sorted(manifest["counts"]["license"].items(), key=lambda kv: (-kv[1], kv[0]))
    lengths = sorted((int(k), v) for k, v in manifest["length_histogram"].items())
    return {
        CHARTS[0]: _bar_chart([k for k, _ in langs], [v for _, v in langs], "Language mix", "documents", "language"),
        CHARTS[1]: _bar_chart([_length_label(b) for b, _ in lengths], [v for _, v in lengths],
                              "Document length", "documents", "tokens per document"),
        CHARTS[2]: _bar_chart([k for k, _ in licenses], [v for _, v in licenses], "Licence mix", "documents", "licence"),
    }


def _table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def render_card(manifest: Mapping[str, Any], attribution_summary: Mapping[str, Any] | None = None) -> str:
    """The data card's markdown (``attribution_summary``: ``tokenizer.attribution.summarize``'s result)."""
    attribution_lines = attribution.render_section(attribution_summary)
    splits = manifest["splits"]
    total_docs = sum(s["documents"] for s in splits.values()) or 1
    fmt = manifest.get("format", {})
    lang_rows = [(k, v, f"{100 * v / total_docs:.1f}%")
                 for k, v in sorted(manifest["counts"]["language"].items(), key=lambda kv: (-kv[1], kv[0]))]
    lic_rows = [(k, v, f"{100 * v / total_docs:.1f}%")
                for k, v in sorted(manifest["counts"]["license"].items(), key=lambda kv: (-kv[1], kv[0]))]
    src_rows = [(k, v) for k, v in sorted(manifest["counts"]["source"].items())]
    rejected = manifest.get("rejected") or {}
    parts = [
        f"# Data card: {manifest.get('name', 'release')}",
        "",
        "Tokenized code and StackOverflow documents in InCoder's format, for causal-masking language "
        "models. Every document's `input_ids` start with `<|endoftext|>` (id 2); decode them with "
        "`tokenizer/spm.model` (`tokenizer.spm.IncoderTokenizer`) or the Hugging Face files in `tokenizer/hf/`.",
        "",
        "## Splits",
        "",
        _table([(name, s["documents"], s["tokens"], len(s["files"])) for name, s in splits.items()],
               ("split", "documents", "tokens", "files")),
        "",
        f"Validation holds the documents whose id hash falls below {fmt.get('validation_fraction')}; "
        "the split is the same on every rebuild.",
        "",
        "## Languages",
        "",
        "![language mix](charts/languages.png)",
        "",
        _table(lang_rows, ("language", "documents", "share")),
        "",
        "## Document length",
        "",
        "![length distribution](charts/lengths.png)",
        "",
        "## Licences",
        "",
        "![licence mix](charts/licenses.png)",
        "",
        _table(lic_rows, ("licence", "documents", "share")),
        "",
        *attribution_lines,
        "## Sources",
        "",
        _table(src_rows, ("source", "documents")),
        "",
        "## Format",
        "",
        f"- Metadata attributes go in the opening tag with probability {fmt.get('attribute_start_probability')}, "
        f"seeded per document (seed {fmt.get('seed')}).",
        f"- `dstars` thresholds (50/75/90/95/97th percentile of repository stars): {fmt.get('dstars_thresholds')}",
        f"- `dscore` thresholds (same percentiles of post scores): {fmt.get('dscore_thresholds')}",
        "",
        "## Rejected at tokenization",
        "",
        _table(sorted(rejected.items()), ("reason", "documents")) if rejected else "None.",
        "",
        *governance.card_lines(manifest),
        *pii_card.card_lines(manifest),
        "## Reproducibility",
        "",
        f"- Tokenizer sha256 `{manifest['tokenizer']['sha256']}`, vocabulary {manifest['tokenizer']['vocab_size']}.",
        f"- Config sha256 `{manifest['config_sha256']}`.",
        "- Packages: " + ", ".join(f"{k} {v}" for k, v in sorted(manifest["package_versions"].items())) + ".",
        "- Check the files with `incoder verify RELEASE_DIR`.",
        "",
    ]
    return "\n".join(parts)


def write_datacard(release_dir: str, manifest: Mapping[str, Any]) -> list[str]:
    """Write ``DATACARD.md`` and the charts; returns the release-relative paths written."""
    written = []
    for path, data in render_charts(manifest).items():
        fsio.write_bytes(fsio.join(release_dir, path), data)
        written.append(path)
    summary = attribution.summarize(fsio.join(release_dir, "attribution.jsonl"))
    fsio.write_text(fsio.join(release_dir, "DATACARD.md"), render_card(manifest, summary))
    written.append("DATACARD.md")
    log.info("data card written to %s", release_dir)
    return written
