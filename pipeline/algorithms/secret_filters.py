"""Our look-alike rules, as detect-secrets filters: a finding any of them accepts is *not* a secret.

detect-secrets filters are plain functions whose parameter names say what they need (``secret``,
``line``, ``plugin``, ``filename``; detect-secrets docs, "Filters"); ``SecretScanner`` registers these by
module path beside the library's own heuristic filters and calls them through its dependency
injection, adding one variable of ours, ``pem_block`` (the label of the PEM block the line sits in).
Each rule has a test in ``tests/pipeline/test_secret_filters.py``:

- ``is_documentation_example``: providers' documented example keys (AWS's ``...EXAMPLE`` keys,
  Stripe's documented test keys, jwt.io's sample token);
- ``is_placeholder``: ``<SECRET>``, ``${TOKEN}``, ``your-api-key``, ``xxxx``, ``changeme``, one
  repeated character...;
- ``is_environment_lookup``: the value is the *name* looked up (``os.environ["API_KEY_PROD"]``);
- ``is_weak_assigned_value``: a keyword/assignment finding whose value is short, of one character
  class or low-entropy (``password = "hunter2"``, ``token = "IDENTIFIER"``);
- ``is_keyword_indirect_reference``: detect-secrets' ``is_indirect_reference`` (``secret =
  get_secret()``), applied to keyword/assignment findings only (the library applies it to every
  plugin, which would let ``Github("ghp_...")`` through);
- ``is_hash_or_test_vector``: hex or base64 digests, git SHAs and test vectors: a value of a hash's
  length in hex without a credential word on the line, or any value on a line naming a hash;
- ``is_public_key_or_certificate``: lines of PEM certificates and public keys, OpenSSH public keys;
- ``lacks_credential_context``: a high-entropy string (no provider format) counts only on a line
  that names a credential (key, secret, token, password, auth...).

UUIDs, sequential strings (``ABCDEF...``), templated values and ids are the library's own filters
(``detect_secrets.filters.heuristic``), enabled by ``SecretScanner``.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from detect_secrets.filters.heuristic import is_indirect_reference

# Plugins whose finding is a value assigned to a secret-sounding name, not a provider format.
ASSIGNMENT_PLUGINS = frozenset({"KeywordDetector", "CredentialAssignmentDetector"})
ENTROPY_PLUGINS = frozenset({"Base64HighEntropyString", "HexHighEntropyString"})

# AWS ("Managing access keys": AKIAIOSFODNN7EXAMPLE, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY), Stripe's
# API reference test keys, jwt.io's debugger sample.
DOCUMENTED_EXAMPLES = frozenset(
    {
        "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
        "sk_test_BQokikJOvBiI2HlWgH4olfQ2",
        "sk_test_26PHem9AhJZvU623DfE1x4sd",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ",
    }
)
_PLACEHOLDER_RE = re.compile(
    r"(?i)^[<{\[$%*]|[>}\]]$|\$\{|\{\{|xxxx|\*\*\*|\.\.\.|changeme|change_me|your[_-]|<your|example|dummy"
    r"|placeholder|redacted|removed|sample|^test|^fake|^none$|^null$|^secret$|^password$|^todo|(.)\1{5,}"
)
_ENV_LOOKUP_BEFORE_RE = re.compile(
    r"(?:environ(?:\.get)?|getenv|Getenv|ENV|env|secrets|config|settings)\s*[\[(.]\s*['\"]?$|process\.env\.$"
)
_HEX_RE = re.compile(r"[0-9a-fA-F]+")
_HASH_LENGTHS = frozenset({32, 40, 56, 64, 96, 128})
_HASH_WORDS_RE = re.compile(
    r"(?i)sha-?\d|sha\b|md5|hash|digest|checksum|integrity|fingerprint|crc|etag|commit|\brev\b|revision|"
    r"test.?vector|known.?answer|\bkat\b|expected|\bnonce\b|\biv\b|hmac|ciphertext|plaintext"
)
_CREDENTIAL_WORDS_RE = re.compile(r"(?i)key|secret|token|passw|pwd|auth|credential|bearer|api|private")
_PUBLIC_KEY_LINE_RE = re.compile(r"\b(?:ssh-(?:rsa|dss|ed25519)|ecdsa-sha2-nistp\d+|sk-ssh-ed25519@openssh\.com) AAAA")


def _plugin_name(plugin: object) -> str:
    return type(plugin).__name__ if plugin is not None else ""


def shannon_entropy(value: str) -> float:
    """Bits per character of ``value``'s character distribution (0 for the empty string)."""
    if not value:
        return 0.0
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in Counter(value).values())


def looks_random(value: str, min_length: int = 8, min_entropy: float = 3.0) -> bool:
    """True when ``value`` is long, mixed and high-entropy enough to be a credential, not a word."""
    if len(value) < min_length or _PLACEHOLDER_RE.search(value):
        return False
    classes = sum((any(c.islower() for c in value), any(c.isupper() for c in value),
                   any(c.isdigit() for c in value), any(not c.isalnum() for c in value)))
    return classes >= 2 and shannon_entropy(value) >= min_entropy


def is_documentation_example(secret: str) -> bool:
    return "EXAMPLE" in secret or any(example in secret for example in DOCUMENTED_EXAMPLES)


def is_placeholder(secret: str) -> bool:
    return bool(_PLACEHOLDER_RE.search(secret))


def is_environment_lookup(secret: str, line: str) -> bool:
    index = line.find(secret)
    return index > 0 and bool(_ENV_LOOKUP_BEFORE_RE.search(line, 0, index))


def is_weak_assigned_value(secret: str, plugin: object) -> bool:
    return _plugin_name(plugin) in ASSIGNMENT_PLUGINS and not looks_random(secret)


def is_keyword_indirect_reference(line: str, plugin: object) -> bool:
    return _plugin_name(plugin) in ASSIGNMENT_PLUGINS and is_indirect_reference(line)


def is_hash_or_test_vector(secret: str, line: str, plugin: object) -> bool:
    name = _plugin_name(plugin)
    if name not in ENTROPY_PLUGINS and name not in ASSIGNMENT_PLUGINS:
        return False  # a provider's format is a credential whatever the line says
    if secret.startswith(("sha256-", "sha384-", "sha512-")) or _HASH_WORDS_RE.search(line):
        return True
    hex_digest = len(secret) in _HASH_LENGTHS and _HEX_RE.fullmatch(secret) is not None
    return hex_digest and not _CREDENTIAL_WORDS_RE.search(line)


def is_public_key_or_certificate(line: str, pem_block: str | None) -> bool:
    if pem_block and "PRIVATE" not in pem_block:
        return True
    return bool(_PUBLIC_KEY_LINE_RE.search(line))


def lacks_credential_context(line: str, plugin: object) -> bool:
    return _plugin_name(plugin) in ENTROPY_PLUGINS and not _CREDENTIAL_WORDS_RE.search(line)


FILTERS = (
    is_documentation_example,
    is_placeholder,
    is_environment_lookup,
    is_weak_assigned_value,
    is_keyword_indirect_reference,
    is_hash_or_test_vector,
    is_public_key_or_certificate,
    lacks_credential_context,
)
