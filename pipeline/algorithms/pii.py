"""Personal data and secrets: find e-mail addresses and credentials in text and replace them.

InCoder replaced e-mail addresses with ``removed@example.com`` (REFERENCE.md section 1); this module
does that and also replaces secrets with a placeholder. ``redact(text, ...)`` returns the new text and
how many of each kind it replaced. Kinds (the ``redacted.<kind>`` counters of ``RedactPII``):

==================  ============================================================================
email               ``local@domain.tld`` where the TLD is a two-letter country code or a known
                    generic TLD (``com``, ``org``, ``dev`` ...)
aws_key             AWS access key ids (``AKIA``/``ASIA``/... + 16 upper-case letters or digits)
aws_secret          40-character secret keys assigned to a name mentioning ``aws`` and ``secret``
github_token        ``ghp_``/``gho_``/``ghu_``/``ghs_``/``ghr_`` tokens and ``github_pat_`` tokens
slack_token         ``xoxb-``/``xoxp-``/``xoxa-``/``xoxr-``/``xoxs-`` tokens and Slack webhook URLs
private_key         PEM ``-----BEGIN ... PRIVATE KEY-----`` blocks with a body (the whole block)
secret_assignment   ``password = "..."``, ``api_key: '...'``, ``SECRET_KEY = "..."`` ... whose quoted
                    value looks random: at least ``min_secret_length`` characters, two character
                    classes and Shannon entropy of at least ``min_secret_entropy`` bits per character
==================  ============================================================================

Look-alikes deliberately kept (each has a test):

- addresses without a real TLD: ``user@localhost``, ``1.2.3@4``, ``lodash@4.17.21``, ``a@b.T``,
  ``x@self.weight``; decorators ``@property``; ``git@github.com:owner/repo.git`` (SSH remotes name a
  service account, not a person); addresses at the reserved documentation domains
  ``example.com``/``.org``/``.net`` (which includes the placeholder itself, so redaction is idempotent);
- AWS's documented example keys (ending in ``EXAMPLE``); PEM public keys and certificates; a
  ``BEGIN PRIVATE KEY`` header with no body (parsers mention it);
- assignments whose value is empty, short, low-entropy (``password = "hunter2"``,
  ``token = "IDENTIFIER"``), a placeholder (``"<SECRET>"``, ``"${TOKEN}"``, ``"your-api-key"``,
  ``"changeme"``, ``"xxxx"``) or not a literal (``password = os.environ["PASSWORD"]``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

KINDS = (
    "email",
    "aws_key",
    "aws_secret",
    "github_token",
    "slack_token",
    "private_key",
    "secret_assignment",
)

# Generic TLDs seen in code; any two-letter TLD is accepted as a country code.
_GENERIC_TLDS = frozenset(
    "com org net edu gov mil int info biz name pro mobi aero coop museum jobs travel dev app tech xyz "
    "online site cloud email systems solutions digital software codes company network global world "
    "science academy studio design agency media news live page blog link club space store shop work "
    "team group zone tools center technology services host website cc tv co io ai me us uk de fr".split()
)
_RESERVED_DOMAINS = ("example.com", "example.org", "example.net")

EMAIL_RE = re.compile(
    r"(?<![\w.+%-])"  # not in the middle of a longer token
    r"(?P<local>[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_+-])?)"
    r"@(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?P<tld>[A-Za-z]{2,24}))"
    r"(?![\w-])"
)
AWS_KEY_RE = re.compile(r"(?<![A-Z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}(?![A-Z0-9])")
AWS_SECRET_RE = re.compile(
    r"(?i)(?P<prefix>aws\w{0,30}secret\w{0,30}['\"]?\s*[:=]>?\s*['\"])(?P<value>[A-Za-z0-9/+=]{40})(?=['\"])"
)
GITHUB_TOKEN_RE = re.compile(r"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])")
SLACK_TOKEN_RE = re.compile(
    r"(?<![A-Za-z0-9])(?:xox[baprs]-[0-9A-Za-z]{8,}(?:-[0-9A-Za-z]{4,})+"
    r"|https://hooks\.slack\.com/services/T[0-9A-Z]{6,}/B[0-9A-Z]{6,}/[0-9A-Za-z]{16,})"
)
PRIVATE_KEY_RE = re.compile(
    r"-----BEGIN (?P<label>[A-Z0-9 ]*PRIVATE KEY)-----(?P<body>(?:(?!-----)[\s\S]){32,}?)-----END (?P=label)-----"
)
# A key body's lines (real newlines or ``\n`` escapes in a string literal) are base64 or PEM headers,
# possibly wrapped in quotes, ``+`` concatenation and commas when the key sits in code.
_PEM_LINE_SPLIT_RE = re.compile(r"(?:\\r)?\\n|\r?\n")
_PEM_LINE_RE = re.compile(r"[A-Za-z0-9+/=]+|(?:Proc-Type|DEK-Info):[^\"']*")
# A secret word (possibly inside a longer name: DB_PASSWORD, apiKey), the rest of the name, an
# assignment (=, :, :=, =>) and a quoted literal. The match starts at the word, not at the name's
# start: a pattern that scans back over the name is quadratic on long dotted lines.
SECRET_ASSIGNMENT_RE = re.compile(
    r"(?i)(?P<prefix>(?:passwd|password|passphrase|pwd|secret|api_?key|apikey|access_?key"
    r"|auth_?token|access_?token|refresh_?token|private_?key|client_?secret|\btoken)[\w.-]{0,40}['\"]?\s{0,20}"
    r"(?::=|=>|[:=])\s{0,20}(?P<quote>['\"]))(?P<value>[^'\"\s]*)(?P=quote)"
)
_PLACEHOLDER_RE = re.compile(
    r"(?i)^[<{\[$%*]|[>}\]]$|\$\{|\{\{|xxxx|\*\*\*|changeme|change_me|your[_-]|example|dummy|placeholder"
    r"|redacted|removed|sample|^test|^fake|^none$|^null$|^secret$|^password$|^todo"
)


@dataclass
class RedactionResult:
    """The redacted text and how many matches of each kind were replaced."""

    text: str
    counts: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return sum(self.counts.values()) > 0


def shannon_entropy(value: str) -> float:
    """Bits per character of ``value``'s character distribution (0 for the empty string)."""
    if not value:
        return 0.0
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in Counter(value).values())


def _char_classes(value: str) -> int:
    return sum(
        (any(c.islower() for c in value), any(c.isupper() for c in value), any(c.isdigit() for c in value),
         any(not c.isalnum() for c in value))
    )


def looks_random(value: str, min_length: int, min_entropy: float) -> bool:
    """True when ``value`` is long, mixed and high-entropy enough to be a credential, not a word."""
    if len(value) < min_length or _PLACEHOLDER_RE.search(value):
        return False
    return _char_classes(value) >= 2 and shannon_entropy(value) >= min_entropy


def is_personal_email(match: re.Match[str]) -> bool:
    """Whether an ``EMAIL_RE`` match is an address to remove (see the module docstring's look-alikes)."""
    domain, tld = match.group("domain").lower(), match.group("tld").lower()
    if len(tld) != 2 and tld not in _GENERIC_TLDS:
        return False
    if any(domain == d or domain.endswith("." + d) for d in _RESERVED_DOMAINS):
        return False
    # git@host:owner/repo -- an SSH remote, not a person.
    after = match.string[match.end() : match.end() + 1]
    return not (match.group("local") == "git" and after == ":")


class Redactor:
    """Replaces e-mail addresses and (optionally) secrets; build once, call ``redact`` per text."""

    def __init__(
        self,
        email_placeholder: str = "removed@example.com",
        secret_placeholder: str = "<SECRET>",
        redact_secrets: bool = True,
        min_secret_length: int = 8,
        min_secret_entropy: float = 3.0,
    ) -> None:
        self.email_placeholder = email_placeholder
        self.secret_placeholder = secret_placeholder
        self.redact_secrets = redact_secrets
        self.min_secret_length = min_secret_length
        self.min_secret_entropy = min_secret_entropy

    def redact(self, text: str) -> RedactionResult:
        """``text`` with every finding replaced; counts per kind (only kinds that occurred)."""
        counts: Counter = Counter()
        if self.redact_secrets:
            # Private keys first: their bodies could otherwise be half-eaten by other patterns.
            text = self._sub(PRIVATE_KEY_RE, text, counts, "private_key", self._key_block)
            text = self._sub(AWS_KEY_RE, text, counts, "aws_key", self._whole_unless_example)
            text = self._sub(AWS_SECRET_RE, text, counts, "aws_secret", self._value_unless_example)
            text = self._sub(GITHUB_TOKEN_RE, text, counts, "github_token", lambda m: self.secret_placeholder)
            text = self._sub(SLACK_TOKEN_RE, text, counts, "slack_token", lambda m: self.secret_placeholder)
            text = self._sub(SECRET_ASSIGNMENT_RE, text, counts, "secret_assignment", self._assignment)
        text = self._sub(EMAIL_RE, text, counts, "email",
                         lambda m: self.email_placeholder if is_personal_email(m) else None)
        return RedactionResult(text, counts)

    @staticmethod
    def _sub(pattern: re.Pattern[str], text: str, counts: Counter, kind: str, replace) -> str:
        def repl(match: re.Match[str]) -> str:
            new = replace(match)
            if new is None or new == match.group(0):
                return match.group(0)
            counts[kind] += 1
            return new

        return pattern.sub(repl, text)

    def _key_block(self, match: re.Match[str]) -> str | None:
        # A real block's body is base64 (plus quoting when embedded in code); code that merely
        # compares lines with the BEGIN and END markers has other characters in between.
        lines = [line.strip(" \t\"'+,;") for line in _PEM_LINE_SPLIT_RE.split(match.group("body"))]
        lines = [line for line in lines if line]
        if not lines or not all(_PEM_LINE_RE.fullmatch(line) for line in lines):
            return None
        return self.secret_placeholder if max(len(line) for line in lines) >= 32 else None

    def _whole_unless_example(self, match: re.Match[str]) -> str | None:
        return None if match.group(0).endswith("EXAMPLE") else self.secret_placeholder

    def _value_unless_example(self, match: re.Match[str]) -> str | None:
        if "EXAMPLE" in match.group("value"):
            return None
        return match.group("prefix") + self.secret_placeholder

    def _assignment(self, match: re.Match[str]) -> str | None:
        value = match.group("value")
        if value == self.secret_placeholder or not looks_random(value, self.min_secret_length, self.min_secret_entropy):
            return None
        quote = match.group("quote")
        return match.group("prefix") + self.secret_placeholder + quote
