"""Credentials in text, found with detect-secrets (Yelp) and replaced by a placeholder.

BigCode removed secrets from The Stack with detect-secrets (bigcode-project/bigcode-dataset, ``pii/``);
we use the same library in-process, on strings: no file is written, nothing is verified over the
network (verification only runs when the ``is_ignored_due_to_verification_policies`` filter is
configured, and ``SecretScanner`` never configures it), no baseline is read or written.

How a text is scanned (``SecretScanner.find``):

1. **Prefilter.** Each plugin has a *trigger*, a condition every line it can report on meets: a
   regex plugin's own patterns (with ``re.MULTILINE``, so ``^``/``$`` keep their per-line meaning);
   for plugins whose patterns are slow over a whole text, literals all their patterns contain
   (``_HAND_TRIGGERS``, searched in the lower-cased text); for the entropy plugins a quoted run of
   their charset long enough to pass their limit (entropy above 4.5 bits needs 23 distinct
   characters, above 3.0 needs 9). The triggers run over the whole text in C; only the lines they hit
   are scanned, and only with the plugins whose trigger hit. A match at a position where a plugin
   would match on its own line either exists or overlaps an earlier match, and a match marks every
   line it touches, so every line a plugin would report on is hit (``tests/pipeline/algorithms/test_secrets.py``
   checks this against an unfiltered scan).
2. **Plugins** (``plugin.analyze_line``, the library's per-line API) report values on those lines.
3. **Filters**: the library's heuristics and ours (``secret_filters``) drop look-alikes.
4. **Spans**: each value's occurrences on the line, widened to the whole token (a plugin may report a
   prefix, e.g. the first 24 characters of a longer Stripe key); a private-key header becomes its
   whole PEM block when that block has a key body. Overlapping spans merge; the kind of the most
   specific plugin wins (provider formats, then keyword/assignment, then entropy).
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass

from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
from detect_secrets.plugins.base import RegexBasedDetector
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
    secret_plugins.UnquotedConfigValueDetector: "config_value",
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
_LOW_PRIORITY = {"secret_keyword": 1, "secret_assignment": 1, "high_entropy_base64": 2, "high_entropy_hex": 2,
                 "config_value": 2}

_B64 = r"A-Za-z0-9+/\\_=-"
# The closing quote may be escaped (``\"``): lines of JSON-escaped code (notebooks) are also scanned
# unescaped.
_ENTROPY_TRIGGERS = {
    "Base64HighEntropyString": rf"['\"][{_B64}]{{23,}}\\?['\"]",
    "HexHighEntropyString": r"['\"][0-9a-fA-F]{9,}\\?['\"]",
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
_QUOTED_HEX_RE = re.compile(r"['\"]([0-9a-fA-F]{8,})['\"]")
_LINE_START_RE = re.compile(r"^", re.MULTILINE)
_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}
_MAX_WORD_RUN = 100
_LONG_WORD_RUN_RE = re.compile(rf"\w{{{_MAX_WORD_RUN + 1},}}")
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


# Cheaper triggers for the plugins whose own patterns are slow to run over a whole text (optional
# prefixes and lookbehinds tried at every position). Each is a necessary condition of every pattern of
# the plugin: ("lit", words) are literals searched in the lower-cased text (the plugin's patterns are
# case-insensitive, or each contains one of the words in lower case), ("re", pattern) a regex.
_HAND_TRIGGERS: dict[str, tuple[str, object]] = {
    # DENYLIST: every entry contains key, pass, pwd, secret or contras(eña|ena).
    "KeywordDetector": ("lit", ("key", "pass", "pwd", "secret", "contras")),
    # (?:key|pwd|password|pass|token) after an optional ibm/cloud/iam/api prefix
    "IbmCloudIamDetector": ("lit", ("key", "pwd", "pass", "token")),
    # (?:api|)(?:key|pwd|pw|password|pass|token) after cloudant|cl|clou, or a cloudant.com URL
    "CloudantDetector": ("lit", ("key", "pw", "pass", "token", "cloudant")),
    # (?:key|pwd|password|pass|token) after softlayer|sl, or an api.softlayer.com URL
    "SoftlayerDetector": ("lit", ("key", "pwd", "pass", "token", "softlayer")),
    # secret[-_]?(?:access)?[-_]?key
    "IbmCosHmacDetector": ("lit", ("secret",)),
    "CredentialAssignmentDetector": ("lit", ("token", "key", "cred", "auth", "secret", "pass", "pwd", "bearer")),
    # A3T[A-Z0-9]|ABIA|ACCA|AKIA|ASIA key ids (case-sensitive), or (?i)aws.{0,20}?<keyword>... secrets
    "AWSKeyDetector": ("lit", ("a3t", "abia", "acca", "akia", "asia", "aws")),
    "StripeDetector": ("lit", ("k_live_",)),
    "AWSSecretKeyAssignmentDetector": ("lit", ("aws",)),
    "ArtifactoryDetector": ("re", r"AKC[a-zA-Z0-9]{10}|AP[\dABCDEF][a-zA-Z0-9]{8}"),
    "SlackDetector": ("lit", ("xox", "hooks.slack.com")),
    "MailchimpDetector": ("re", r"-us[0-9]"),
    "TelegramBotTokenDetector": ("re", r":(?<=\d:)[0-9A-Za-z_-]{35}"),
    "DiscordBotTokenDetector": ("re", r"\.[a-zA-Z\d_-]{6}\.[a-zA-Z\d_-]{27}"),
    "NpmAccessTokenDetector": ("lit", ("npm_",)),
    "StripeTestKeyDetector": ("lit", ("k_test_",)),
    "HuggingFaceTokenDetector": ("lit", ("hf_",)),
}


def _triggers(plugin) -> list[tuple[str, object]]:
    """The prefilter of ``plugin``: ("lit", words) or ("re", compiled) entries (module docstring)."""
    name = type(plugin).__name__
    if name in _HAND_TRIGGERS:
        how, what = _HAND_TRIGGERS[name]
        return [(how, what if how == "lit" else re.compile(what))]
    if name in _ENTROPY_TRIGGERS:
        return [("re", re.compile(_ENTROPY_TRIGGERS[name]))]
    if isinstance(plugin, RegexBasedDetector):
        return [("re", re.compile(p.pattern, p.flags | re.MULTILINE)) for p in plugin.denylist]
    raise TypeError(f"no prefilter trigger for detect-secrets plugin {name}")


class SecretScanner:
    """detect-secrets' plugins and filters plus ours; build once per worker, then ``find``/``redact``."""

    def __init__(self, min_secret_length: int = 8, min_secret_entropy: float = 3.0) -> None:
        """``min_secret_length``/``min_secret_entropy``: what a value assigned to a secret-sounding
        name needs to count (``secret_filters.is_weak_assigned_value``)."""
        self.thresholds = {"min_secret_length": min_secret_length, "min_secret_entropy": min_secret_entropy}
        plugins, filters = _library_plugins()
        plugins += [cls() for cls in OUR_PLUGINS]
        self.plugins = plugins
        self.filters = filters
        self.kinds = [LIBRARY_PLUGINS.get(type(p).__name__) or OUR_PLUGINS[type(p)] for p in plugins]
        self.triggers = [(p, t) for p, plugin in enumerate(plugins) for t in _triggers(plugin)]
        self.applies = [getattr(plugin, "applies_to", _everywhere) for plugin in plugins]

    def find(self, text: str, filename: str = "", prefilter: bool = True) -> list[Finding]:
        """Secrets in ``text`` as merged, non-overlapping spans (sorted); ``filename`` picks the
        keyword plugin's rules by extension. ``prefilter=False`` scans every line with every plugin."""
        if prefilter:
            hits = self._hits(text, filename)
        else:
            everything = set(range(len(self.plugins)))
            hits = {m.start(): everything for m in _LINE_START_RE.finditer(text)}
        if not hits:
            return []
        context = _Context(text, filename)
        spans: list[Finding] = []
        for offset in sorted(hits):
            end = text.find("\n", offset)
            line = text[offset:len(text) if end < 0 else end].rstrip("\r")
            for p in sorted(hits[offset]):
                spans += self._line_findings(p, line, offset, context)
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

    def _hits(self, text: str, filename: str) -> dict[int, set[int]]:
        """Line start offset -> indexes of the plugins whose trigger matched on that line (plugins
        that only look at some files, ``applies_to``, are skipped for the others)."""
        lowered = text.lower()
        if len(lowered) != len(text):  # a few characters lower-case to two; keep offsets aligned
            lowered = text.translate(_ASCII_LOWER)
        cache: dict[object, list[tuple[int, int]]] = {}
        hits: dict[int, set[int]] = {}
        for p, (how, what) in self.triggers:
            if not self.applies[p](filename):
                continue
            key = (how, what)
            if key not in cache:
                cache[key] = sorted(_literal_spans(lowered, what)) if how == "lit" else [
                    (m.start(), m.end()) for m in what.finditer(text)]
            line_start, line_end = 0, -1  # the line of the previous span (spans come sorted)
            for start, end in cache[key]:
                if start > line_end:
                    line_start = text.rfind("\n", 0, start) + 1
                    line_end = text.find("\n", start)
                    line_end = len(text) if line_end < 0 else line_end
                    hits.setdefault(line_start, set()).add(p)
                while end - 1 > line_end:  # a match running over a line break marks every line it touches
                    line_start = line_end + 1
                    line_end = text.find("\n", line_start)
                    line_end = len(text) if line_end < 0 else line_end
                    hits.setdefault(line_start, set()).add(p)
        return hits

    def _line_findings(self, p: int, line: str, offset: int, context: _Context):
        plugin, kind, text = self.plugins[p], self.kinds[p], context.text
        view = line
        if kind == "secret_keyword" and len(line) > _MAX_WORD_RUN:
            # The keyword plugin's ``<keyword>\w*`` patterns backtrack polynomially on long runs of
            # word characters ("password_password_..."); it sees each run cut to _MAX_WORD_RUN
            # characters (a value it reports is then widened back to its whole token).
            view = _LONG_WORD_RUN_RE.sub(lambda m: m.group(0)[:_MAX_WORD_RUN], line)
        found = plugin.analyze_line(filename=context.filename, line=view, line_number=0)
        if "\\" in view:  # code inside a JSON string (notebooks): scan it unescaped too
            unescaped = view.replace('\\"', '"').replace("\\'", "'")
            if unescaped != view:
                found |= plugin.analyze_line(filename=context.filename, line=unescaped, line_number=0)
        for value in sorted({f.secret_value for f in found if f.secret_value}):
            if self._filtered(value, line, plugin, context, offset):
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

    def _filtered(self, value: str, line: str, plugin, context: _Context, offset: int) -> bool:
        args = dict(secret=value, line=line, plugin=plugin, filename=context.filename,
                    previous_line=context.previous_line(offset),
                    pem_block=context.block_at(offset), hex_lengths=context.hex_lengths, **self.thresholds)
        for f in self.filters:
            try:
                if call_function_with_arguments(f, **args):
                    return True
            except TypeError:  # a filter needing what a per-string scan lacks (as detect-secrets does)
                continue
        return False


def _everywhere(filename: str) -> bool:
    return True


def _literal_spans(text: str, words: tuple[str, ...]):
    for word in words:
        at = text.find(word)
        while at >= 0:
            yield at, at + len(word)
            at = text.find(word, at + 1)


def _widen(line: str, start: int, end: int) -> tuple[int, int]:
    if line[start] in _TOKEN_CHARS:
        while start > 0 and line[start - 1] in _TOKEN_CHARS:
            start -= 1
    if line[end - 1] in _TOKEN_CHARS or line[end - 1] == ".":  # a JWT reported without its signature
        while end < len(line) and (line[end] in _TOKEN_CHARS or (line[end] == "." and line[end - 1] != ".")):
            end += 1
    return start, end


class _Context:
    """What filters may ask about the whole text, computed on first use."""

    def __init__(self, text: str, filename: str) -> None:
        self.text, self.filename = text, filename
        self._blocks: list[tuple[int, int, str]] | None = None
        self._hex: Counter | None = None

    def block_at(self, offset: int) -> str | None:
        """The label of the PEM block (``CERTIFICATE``, ``PUBLIC KEY``...) holding ``offset``."""
        if self._blocks is None:
            found = _PEM_BLOCK_RE.finditer(self.text) if "BEGIN" in self.text else ()
            self._blocks = [(m.start(), m.end(), m.group("label")) for m in found]
        for start, end, label in self._blocks:
            if start <= offset < end:
                return label
        return None

    def previous_line(self, offset: int) -> str:
        if offset == 0:
            return ""
        return self.text[self.text.rfind("\n", 0, offset - 1) + 1 : offset - 1]

    @property
    def hex_lengths(self) -> Counter:
        """How many quoted hex literals of each length the text holds."""
        if self._hex is None:
            self._hex = Counter(len(m.group(1)) for m in _QUOTED_HEX_RE.finditer(self.text))
        return self._hex


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
