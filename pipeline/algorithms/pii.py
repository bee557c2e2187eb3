"""Personal data and secrets: find them in text and replace them (the manual: docs/pii.md).

``Redactor.redact(text, filename)`` returns the new text and how many of each kind it replaced; the
kinds are the ``redacted.<kind>`` counters of ``RedactPII`` (``KINDS``).

- **Secrets** (``pipeline.algorithms.secrets``): detect-secrets' plugins and ours, with our
  look-alike rules as detect-secrets filters (``secret_filters``); replaced by ``<SECRET>``.
- **E-mail addresses** become ``removed@example.com``, as InCoder did (Fried et al. 2022, section 3.1
  and appendix: "we replaced email addresses with removed@example.com"). Kept: addresses without a
  real TLD (``user@localhost``, ``lodash@4.17.21``, ``x@self.weight``), decorators, SSH remotes
  (``git@github.com:owner/repo.git``) and the reserved documentation domains (RFC 2606:
  ``example.com``/``.org``/``.net``, which includes the placeholder, so redaction is idempotent).
- **IP addresses**: a *public* address (``ipaddress``: ``is_global``, not reserved, not multicast)
  becomes the documentation address ``192.0.2.1`` (RFC 5737) or ``2001:db8::1`` (RFC 3849), which
  keeps code well-formed. Private (RFC 1918, RFC 4193), loopback, link-local, shared (RFC 6598),
  documentation, reserved and multicast addresses are kept: they identify no one. Version-like
  numbers are kept: four single digits (``1.2.3.4``) unless the line speaks of a host, server or
  address, and anything on a line that says "version" before it (BigCode's ``filter_versions``,
  bigcode-project/bigcode-dataset ``pii/utils/emails_ip_addresses_detection.py``, does the same).
- **Names** are not touched: author and copyright lines keep the names that attribution needs
  (``Copyright 2020 Jane Doe <removed@example.com>``).
"""

from __future__ import annotations

import ipaddress
import re
from collections import Counter
from dataclasses import dataclass, field

from pipeline.algorithms import secrets
from pipeline.algorithms.secret_filters import looks_random, shannon_entropy

__all__ = ["KINDS", "Redactor", "RedactionResult", "looks_random", "shannon_entropy"]

KINDS = ("email", "ip_address", *secrets.KINDS)

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
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
IPV4_RE = re.compile(rf"(?<![\w.]){_OCTET}(?:\.{_OCTET}){{3}}(?!\w|\.\d)")
IPV6_RE = re.compile(r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")
_ADDRESS_WORDS_RE = re.compile(r"(?i)host|server|dns|addr|\bip\b|ipv4|ping|nameserver|resolv|connect|proxy")
_VERSION_WORDS_RE = re.compile(r"(?i)version|release|\bv$")


@dataclass
class RedactionResult:
    """The redacted text and how many matches of each kind were replaced."""

    text: str
    counts: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return sum(self.counts.values()) > 0


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


def is_public_ip(value: str) -> bool:
    """A globally routable unicast address (the ones that can point at a person's machine)."""
    try:
        ip = ipaddress.ip_address(value)
    except ValueError:
        return False
    return ip.is_global and not ip.is_reserved and not ip.is_multicast


def _line_around(text: str, start: int) -> tuple[str, str]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    return text[line_start:start], text[start : len(text) if line_end < 0 else line_end]


def _is_version_like(match: re.Match[str]) -> bool:
    before, rest = _line_around(match.string, match.start())
    if _VERSION_WORDS_RE.search(before):
        return True
    single_digits = all(len(octet) == 1 for octet in match.group(0).split("."))
    return single_digits and not _ADDRESS_WORDS_RE.search(before + rest)


class Redactor:
    """Replaces secrets, e-mail addresses and public IP addresses; build once, call ``redact`` per text."""

    def __init__(
        self,
        email_placeholder: str = "removed@example.com",
        secret_placeholder: str = "<SECRET>",
        redact_secrets: bool = True,
        redact_ips: bool = True,
        ipv4_placeholder: str = "192.0.2.1",
        ipv6_placeholder: str = "2001:db8::1",
        min_secret_length: int = 8,
        min_secret_entropy: float = 3.0,
    ) -> None:
        self.email_placeholder = email_placeholder
        self.secret_placeholder = secret_placeholder
        self.redact_ips = redact_ips
        self.ipv4_placeholder = ipv4_placeholder
        self.ipv6_placeholder = ipv6_placeholder
        self.scanner = (secrets.SecretScanner(min_secret_length=min_secret_length,
                                              min_secret_entropy=min_secret_entropy)
                        if redact_secrets else None)

    def redact(self, text: str, filename: str = "") -> RedactionResult:
        """``text`` with every finding replaced; counts per kind (only kinds that occurred).

        ``filename`` (a document's path) selects detect-secrets' keyword rules by extension.
        """
        counts: Counter = Counter()
        if self.scanner is not None:
            text, found = self.scanner.redact(text, self.secret_placeholder, filename)
            counts.update(found)
        if "@" in text:
            text = _sub(EMAIL_RE, text, counts, "email",
                        lambda m: self.email_placeholder if is_personal_email(m) else None)
        if self.redact_ips:
            text = _sub(IPV4_RE, text, counts, "ip_address", self._ipv4)
            if "::" in text or text.count(":") >= 5:
                text = _sub(IPV6_RE, text, counts, "ip_address", self._ipv6)
        return RedactionResult(text, counts)

    def _ipv4(self, match: re.Match[str]) -> str | None:
        if not is_public_ip(match.group(0)) or _is_version_like(match):
            return None
        return self.ipv4_placeholder

    def _ipv6(self, match: re.Match[str]) -> str | None:
        value = match.group(0)
        if sum(c in "0123456789abcdefABCDEF" for c in value) < 6 or not any(c.isdigit() for c in value):
            return None
        return self.ipv6_placeholder if is_public_ip(value) else None


def _sub(pattern: re.Pattern[str], text: str, counts: Counter, kind: str, replace) -> str:
    def repl(match: re.Match[str]) -> str:
        new = replace(match)
        if new is None or new == match.group(0):
            return match.group(0)
        counts[kind] += 1
        return new

    return pattern.sub(repl, text)
