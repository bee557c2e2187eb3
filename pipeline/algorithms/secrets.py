"""Credentials in text, found with detect-secrets (Yelp) and replaced by a placeholder.

BigCode removed secrets from The Stack with detect-secrets (bigcode-project/bigcode-dataset, ``pii/``);
we use the same library in-process, on strings: no file is written, nothing is verified over the
network (verification only runs when the ``is_ignored_due_to_verification_policies`` filter is
configured, and ``SecretScanner`` never configures it), no baseline is read or written.

How a text is scanned (``SecretScanner.find``):

1. **Prefilter.** Each plugin has a *trigger*, a regex every line it can report on must match: a
   regex plugin's own patterns (with ``re.MULTILINE``, so ``^``/``$`` keep their per-line meaning),
   the keyword plugin's denylist words, and for the entropy plugins a quoted run of their charset long
   enough to pass their limit (entropy above 4.5 bits needs 23 distinct characters, above 3.0 needs 9).
   The triggers run over the whole text in C; only the lines they hit are scanned, and only with the
   plugins whose trigger hit. No trigger spans a line break, so every line on which a plugin would
   report is hit (``tests/pipeline/test_secrets.py`` checks this against an unfiltered scan).
2. **Plugins** (``plugin.analyze_line``, the library's per-line API) report values on those lines.
3. **Filters**: the library's heuristics and ours (``secret_filters``) drop look-alikes.
4. **Spans**: each value's occurrences on the line, widened to the whole token (a plugin may report a
   prefix, e.g. the first 24 characters of a longer Stripe key); a private-key header becomes its
   whole PEM block when that block has a key body. Overlapping spans merge; the kind of the most
   specific plugin wins (provider formats, then keyword/assignment, then entropy).
"""

from __future__ import annotations

import bisect
import re
import threading
from collections import Counter
from dataclasses import dataclass

from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
from detect_secrets.plugins.base import RegexBasedDetector
from detect_secrets.plugins.keyword import DENYLIST
from detect_secrets.settings import get_filters, get_plugins, transient_settings
from detect_secrets.util.inject import call_function_with_arguments

from pipeline.algorithms import secret_filters, secret_plugins

# detect-secrets plugin class -> our kind (the ``redacted.<kind>`` counter). IPPublicDetector is left
# out: public IP addresses follow the personal-data policy in ``pii.py``.
LIBRARY_PLUGINS = {
    "AWSKeyDetector": "aws_key", "ArtifactoryDetector": "artifactory_token",
    "AzureStorageKeyDetector": "azure_storage_key", "BasicAuthDetector": "basic_auth",
    "CloudantDetector": "cloudant_key", "DiscordBotTokenDetector": "discord_token",
    "GitHubTokenDetector": "github_token", "GitLabTokenDetector": "gitlab_token",
    "IbmCloudIamDetector": "ibm_cloud_key", "IbmCosHmacDetector": "ibm_cloud_key", "JwtTokenDetector": "jwt",
    "MailchimpDetector": "mailchimp_key", "NpmDetector": "npm_token", "OpenAIDetector": "openai_key",
    "PrivateKeyDetector": "private_key", "PypiTokenDetector": "pypi_token", "SendGridDetector": "sendgrid_key",
    "SlackDetector": "slack_token", "SoftlayerDetector": "softlayer_key", "SquareOAuthDetector": "square_key",
    "StripeDetector": "stripe_key", "TelegramBotTokenDetector": "telegram_token", "TwilioKeyDetector": "twilio_key",
    "KeywordDetector": "secret_keyword",
    "Base64HighEntropyString": "high_entropy_base64", "HexHighEntropyString": "high_entropy_hex",
}
OUR_PLUGINS = {
    secret_plugins.StripeTestKeyDetector: "stripe_key", secret_plugins.OpenAIProjectKeyDetector: "openai_key",
    secret_plugins.AnthropicKeyDetector: "anthropic_key",
    secret_plugins.GitHubFineGrainedTokenDetector: "github_token", secret_plugins.NpmAccessTokenDetector: "npm_token",
    secret_plugins.GoogleApiKeyDetector: "google_api_key",
    secret_plugins.HuggingFaceTokenDetector: "huggingface_token", secret_plugins.SlackAppTokenDetector: "slack_token",
    secret_plugins.AWSSecretKeyAssignmentDetector: "aws_secret",
    secret_plugins.CredentialAssignmentDetector: "secret_assignment",
}
KINDS = tuple(sorted({*LIBRARY_PLUGINS.values(), *OUR_PLUGINS.values(), "aws_secret"}))
# The library's heuristic filters we use (detect_secrets.filters.heuristic); ``is_indirect_reference``
# is applied through ``secret_filters.is_keyword_indirect_reference`` instead, and the allowlist
# pragma is not honoured (an author's comment is no guarantee for a published corpus).
LIBRARY_FILTERS = tuple(
    f"detect_secrets.filters.heuristic.{name}"
    for name in ("is_sequential_string", "is_potential_uuid", "is_likely_id_string", "is_templated_secret",
                 "is_prefixed_with_dollar_sign", "is_not_alphanumeric_string")
)
OUR_FILTERS = tuple(f"{secret_filters.__name__}.{f.__name__}" for f in secret_filters.FILTERS)
_LOW_PRIORITY = {"secret_keyword": 1, "secret_assignment": 1, "high_entropy_base64": 2, "high_entropy_hex": 2}

_B64 = r"A-Za-z0-9+/\\_=-"
_ENTROPY_TRIGGERS = {
    "Base64HighEntropyString": rf"['\"][{_B64}]{{23,}}['\"]",
    "HexHighEntropyString": r"['\"][0-9a-fA-F]{9,}['\"]",
}
# Widening a reported value to its whole token: these characters continue a key.
_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/=")
_PEM_BLOCK_RE = re.compile(
    r"-{4,5} ?BEGIN (?P<label>[A-Z0-9 ]+?) ?-{4,5}(?P<body>(?:(?!-{4,5} ?END)[\s\S]){0,20000}?)-{4,5} ?END (?P=label) ?-{4,5}"
)
_PUTTY_RE = re.compile(r"PuTTY-User-Key-File-\d:[^\n]*\n(?:[^\n]*\n){0,6}?Private-Lines: (\d+)\r?\n")
# A key body's lines (real newlines or ``\n`` escapes in a string literal) are base64 or RFC 1421/4880
# headers (Proc-Type, DEK-Info, Version, Comment), possibly wrapped in quotes and ``+`` concatenation.
_PEM_LINE_SPLIT_RE = re.compile(r"(?:\\r)?\\n|\r?\n")
_PEM_LINE_RE = re.compile(r"[A-Za-z0-9+/=]+|[A-Za-z-]+: ?[^\"']*")
_NEWLINE_RE = re.compile(r"\r\n|\n|\r")
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int


def _library_plugins() -> tuple[list, list]:
    """detect-secrets' plugin objects and filter functions, configured once (under a lock: the
    library's settings are a process-wide singleton, restored when ``transient_settings`` exits)."""
    config = {
        "plugins_used": [{"name": name} for name in LIBRARY_PLUGINS],
        "filters_used": [{"path": path} for path in (*LIBRARY_FILTERS, *OUR_FILTERS)],
    }
    with _LOCK:
        get_mapping_from_secret_type_to_class()  # import the library's plugin modules once
        with transient_settings(config):
            plugins = list(get_plugins())
            wanted = {f["path"] for f in config["filters_used"]}
            filters = [f for f in get_filters() if f.path in wanted]
    return plugins, filters


def _triggers(plugin) -> list[re.Pattern[str]]:
    """The prefilter regexes of ``plugin`` (see the module docstring)."""
    name = type(plugin).__name__
    if name in _ENTROPY_TRIGGERS:
        return [re.compile(_ENTROPY_TRIGGERS[name])]
    if name == "KeywordDetector":
        return [re.compile("|".join(DENYLIST), re.IGNORECASE)]
    if isinstance(plugin, RegexBasedDetector):
        return [re.compile(p.pattern, p.flags | re.MULTILINE) for p in plugin.denylist]
    raise TypeError(f"no prefilter trigger for detect-secrets plugin {name}")


class SecretScanner:
    """detect-secrets' plugins and filters plus ours; build once per worker, then ``find``/``redact``."""

    def __init__(self) -> None:
        plugins, filters = _library_plugins()
        plugins += [cls() for cls in OUR_PLUGINS]
        self.plugins = plugins
        self.filters = filters
        self.kinds = [LIBRARY_PLUGINS.get(type(p).__name__) or OUR_PLUGINS[type(p)] for p in plugins]
        self.triggers = [(p, t) for p, plugin in enumerate(plugins) for t in _triggers(plugin)]

    def find(self, text: str, filename: str = "", prefilter: bool = True) -> list[Finding]:
        """Secrets in ``text`` as merged, non-overlapping spans (sorted); ``filename`` picks the
        keyword plugin's rules by extension. ``prefilter=False`` scans every line with every plugin."""
        starts = [0]
        starts += [m.end() for m in _NEWLINE_RE.finditer(text)]
        lines = _lines(text, starts)
        if prefilter:
            hits = self._hits(text, starts)
        else:
            hits = {i: range(len(self.plugins)) for i in range(len(lines))}
        if not hits:
            return []
        pem = _pem_blocks(text) if "BEGIN" in text else []
        spans: list[Finding] = []
        for index in sorted(hits):
            line = lines[index]
            offset = starts[index]
            block = _block_at(pem, offset)
            for p in sorted(hits[index]):
                spans += self._line_findings(p, line, offset, filename, block, text)
        return _merge(spans)

    def redact(self, text: str, placeholder: str, filename: str = "") -> tuple[str, Counter]:
        findings = self.find(text, filename)
        counts: Counter = Counter()
        if not findings:
            return text, counts
        pieces, last = [], 0
        for f in findings:
            if text[f.start:f.end] == placeholder:
                continue
            pieces += [text[last:f.start], placeholder]
            last = f.end
            counts[f.kind] += 1
        pieces.append(text[last:])
        return "".join(pieces), counts

    def _hits(self, text: str, starts: list[int]) -> dict[int, set[int]]:
        hits: dict[int, set[int]] = {}
        for p, trigger in self.triggers:
            for m in trigger.finditer(text):
                first = bisect.bisect_right(starts, m.start()) - 1
                last = bisect.bisect_right(starts, max(m.end() - 1, m.start())) - 1
                for i in range(first, last + 1):
                    hits.setdefault(i, set()).add(p)
        return hits

    def _line_findings(self, p: int, line: str, offset: int, filename: str, block: str | None, text: str):
        plugin, kind = self.plugins[p], self.kinds[p]
        for found in plugin.analyze_line(filename=filename, line=line, line_number=0):
            value = found.secret_value
            if not value or self._filtered(value, line, plugin, filename, block):
                continue
            this_kind = "aws_secret" if kind == "aws_key" and len(value) == 40 else kind
            if this_kind == "private_key":
                span = _private_key_span(text, offset + max(line.find(value), 0))
                if span:
                    yield Finding(this_kind, *span)
                continue
            start = line.find(value)
            while start >= 0:
                s, e = _widen(line, start, start + len(value))
                yield Finding(this_kind, offset + s, offset + e)
                start = line.find(value, e)

    def _filtered(self, value: str, line: str, plugin, filename: str, block: str | None) -> bool:
        for f in self.filters:
            try:
                if call_function_with_arguments(f, secret=value, line=line, plugin=plugin, filename=filename,
                                                pem_block=block):
                    return True
            except TypeError:  # a filter needing what a per-string scan lacks (as detect-secrets does)
                continue
        return False


def _lines(text: str, starts: list[int]) -> list[str]:
    ends = starts[1:] + [len(text)]
    return [text[s:e].rstrip("\r\n") for s, e in zip(starts, ends)]


def _widen(line: str, start: int, end: int) -> tuple[int, int]:
    if line[start] in _TOKEN_CHARS:
        while start > 0 and line[start - 1] in _TOKEN_CHARS:
            start -= 1
    if line[end - 1] in _TOKEN_CHARS or line[end - 1] == ".":  # a JWT reported without its signature
        while end < len(line) and (line[end] in _TOKEN_CHARS or (line[end] == "." and line[end - 1] != ".")):
            end += 1
    return start, end


def _pem_blocks(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group("label")) for m in _PEM_BLOCK_RE.finditer(text)]


def _block_at(blocks: list[tuple[int, int, str]], offset: int) -> str | None:
    for start, end, label in blocks:
        if start <= offset < end:
            return label
    return None


def _private_key_span(text: str, at: int) -> tuple[int, int] | None:
    """The private-key block starting near ``at`` when it has a key body (a header alone, as parsers
    mention it, is not a secret)."""
    line_start = text.rfind("\n", 0, at) + 1
    m = _PEM_BLOCK_RE.search(text, line_start)
    if m and "PRIVATE" in m.group("label") and m.start() <= at + 40:
        lines = [ln.strip(" \t\"'+,;") for ln in _PEM_LINE_SPLIT_RE.split(m.group("body"))]
        lines = [ln for ln in lines if ln]
        if lines and all(_PEM_LINE_RE.fullmatch(ln) for ln in lines) and max(map(len, lines)) >= 32:
            return m.start(), m.end()
        return None
    putty = _PUTTY_RE.match(text, line_start)
    if putty:
        end = putty.end()
        for _ in range(int(putty.group(1))):
            nl = text.find("\n", end)
            end = len(text) if nl < 0 else nl + 1
        return putty.start(), end
    return None


def _merge(spans: list[Finding]) -> list[Finding]:
    spans = sorted(spans, key=lambda f: (f.start, -f.end))
    merged: list[Finding] = []
    for f in spans:
        if merged and f.start < merged[-1].end:
            last = merged[-1]
            kind = min(last.kind, f.kind, key=lambda k: _LOW_PRIORITY.get(k, 0))
            merged[-1] = Finding(kind, last.start, max(last.end, f.end))
        else:
            merged.append(f)
    return merged
