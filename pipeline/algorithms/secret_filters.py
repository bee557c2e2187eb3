"""Our look-alike rules, as detect-secrets filters: a finding any of them accepts is *not* a secret.

detect-secrets filters are plain functions whose parameter names say what they need (``secret``,
``line``, ``plugin``, ``filename``; detect-secrets docs, "Filters"); ``SecretScanner`` registers these by
module path beside the library's own heuristic filters and calls them through its dependency
injection, adding one variable of ours, ``pem_block`` (the label of the PEM block the line sits in).
Each rule has a test in ``tests/pipeline/algorithms/test_secret_filters.py``:

- ``is_documentation_example``: providers' documented example keys (AWS's ``...EXAMPLE`` keys,
  Stripe's documented test keys, jwt.io's sample token);
- ``is_placeholder``: ``<SECRET>``, ``${TOKEN}``, ``your-api-key``, ``xxxx``, ``changeme``, one
  repeated character...;
- ``is_environment_lookup``: the value is the *name* looked up (``os.environ["API_KEY_PROD"]``);
- ``is_weak_assigned_value``: a keyword/assignment finding whose value is short, of one character
  class, low-entropy or a name (``password = "hunter2"``, ``token = "IDENTIFIER"``,
  ``token_type = 'quoted-string'``, ``SECRET_KEY = 'AWS_SECRET_ACCESS_KEY'``), a URL or a template;
  and a basic-auth password that is one lower-case word or a short word (``http://user:pass@host``);
- ``is_keyword_indirect_reference``: detect-secrets' ``is_indirect_reference`` (``secret =
  get_secret()``), applied to keyword/assignment findings only (the library applies it to every
  plugin, which would let ``Github("ghp_...")`` through);
- ``is_hash_or_test_vector``: hex or base64 digests, git SHAs and test vectors: a value of a hash's
  length in hex without a credential word on the line, or any value on a line naming a hash;
- ``is_hash_table``: a hex value when the text quotes at least ``HASH_TABLE_MIN`` hex literals of
  the same length (a table of digests, schema hashes or ids; the count is the injected variable
  ``hex_lengths``);
- ``is_public_key_or_certificate``: lines of PEM certificates and public keys, OpenSSH public keys;
- ``lacks_credential_context``: a high-entropy string (no provider format) counts only on a line
  that names a credential (key, secret, token, password, auth...), or after one (the injected
  ``previous_line``).

UUIDs, sequential strings (``ABCDEF...``), templated values and ids are the library's own filters
(``detect_secrets.filters.heuristic``), enabled by ``SecretScanner``.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from detect_secrets.filters.heuristic import is_indirect_reference

# Plugins whose finding is a value assigned to a secret-sounding name, not a provider format.
ASSIGNMENT_PLUGINS = frozenset({"KeywordDetector", "CredentialAssignmentDetector", "UnquotedConfigValueDetector"})
# Findings without a provider format, that need a credential word nearby.
ENTROPY_PLUGINS = frozenset({"Base64HighEntropyString", "HexHighEntropyString", "UnquotedConfigValueDetector"})

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
_NAME_SPLIT_RE = re.compile(r"[-_./: ]+")
_SIGIL_WORD_RE = re.compile(r"[#@$%&]?[A-Za-z]+")
_EXPRESSION_RE = re.compile(r"[\w.$]+[\[(].*[\])][;,]?")
_HEX_RE = re.compile(r"[0-9a-fA-F]+")
HASH_TABLE_MIN = 8
_HASH_LENGTHS = frozenset({32, 40, 56, 64, 96, 128})
_HASH_WORDS_RE = re.compile(
    r"(?i)sha-?\d|sha\b|md5|hash|digest|checksum|integrity|fingerprint|crc|etag|commit|\brev\b|revision|"
    r"test.?vector|known.?answer|\bkat\b|expected|\bnonce\b|\biv\b|hmac|ciphertext|plaintext"
)
_CREDENTIAL_WORDS_RE = re.compile(r"(?i)key|secret|token|passw|pwd|auth(?!or)|credential|bearer|private")
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


def is_weak_assigned_value(secret: str, plugin: object, min_secret_length: int = 8,
                           min_secret_entropy: float = 3.0) -> bool:
    name = _plugin_name(plugin)
    if name == "BasicAuthDetector":  # http://user:pass@host, http://evil:thing@example.com
        return secret.isalpha() and (len(secret) < 8 or secret.islower())
    if name not in ASSIGNMENT_PLUGINS:
        return False
    if "*" in secret or secret.startswith("arn:") or "://" in secret or ("{" in secret and "}" in secret):
        return True  # a glob, an AWS resource name, a URL (its secrets have their own rules), a template
    # A name, not a credential: words (and small numbers) joined by -_./: or camelCase
    # ('quoted-string', 'AWS_SECRET_ACCESS_KEY', 'privateKeyUsagePeriod', 'authentication-code-1').
    parts = [part for part in _NAME_SPLIT_RE.split(secret) if part]
    if parts and all(part.isalpha() or (part.isdigit() and len(part) <= 4) for part in parts):
        return True
    if len(secret) < 20 and _SIGIL_WORD_RE.fullmatch(secret):
        return True  # '#ansibrightblue', '@Override': one word behind a sigil
    return not looks_random(secret, min_secret_length, min_secret_entropy)


def is_keyword_indirect_reference(secret: str, line: str, plugin: object) -> bool:
    """``secret = get_secret()``, ``key: os.getenv(...)``: the reported value is itself a call or an
    index (not merely on a line that has one: ``Client(api_key="...")`` is a secret)."""
    if _plugin_name(plugin) not in ASSIGNMENT_PLUGINS or not is_indirect_reference(line):
        return False
    index = line.find(secret)
    after = line[index + len(secret) : index + len(secret) + 1] if index >= 0 else ""
    return bool(_EXPRESSION_RE.fullmatch(secret)) or after in ("(", "[")


def is_hash_or_test_vector(secret: str, line: str, plugin: object, previous_line: str = "") -> bool:
    name = _plugin_name(plugin)
    if name not in ENTROPY_PLUGINS and name not in ASSIGNMENT_PLUGINS:
        return False  # a provider's format is a credential whatever the line says
    if secret.startswith(("sha256-", "sha384-", "sha512-")) or _HASH_WORDS_RE.search(line):
        return True
    hex_digest = len(secret) in _HASH_LENGTHS and _HEX_RE.fullmatch(secret) is not None
    return hex_digest and not _CREDENTIAL_WORDS_RE.search(line) and not _CREDENTIAL_WORDS_RE.search(previous_line)


def is_hash_table(secret: str, plugin: object, hex_lengths: Counter) -> bool:
    """Many quoted hex literals of this value's length in the text: a table of digests or ids."""
    name = _plugin_name(plugin)
    if name not in ENTROPY_PLUGINS and name not in ASSIGNMENT_PLUGINS:
        return False
    return _HEX_RE.fullmatch(secret) is not None and hex_lengths[len(secret)] >= HASH_TABLE_MIN


def is_public_key_or_certificate(line: str, pem_block: str | None) -> bool:
    if pem_block and "PRIVATE" not in pem_block:
        return True
    return bool(_PUBLIC_KEY_LINE_RE.search(line))


def lacks_credential_context(line: str, plugin: object, previous_line: str = "") -> bool:
    """An entropy finding needs a credential word on its line or the line before (YAML lists put
    the name there: ``- name: API_TOKEN`` / ``value: ...``)."""
    if _plugin_name(plugin) not in ENTROPY_PLUGINS:
        return False
    return not _CREDENTIAL_WORDS_RE.search(line) and not _CREDENTIAL_WORDS_RE.search(previous_line)


FILTERS = (
    is_documentation_example,
    is_placeholder,
    is_environment_lookup,
    is_weak_assigned_value,
    is_keyword_indirect_reference,
    is_hash_or_test_vector,
    is_hash_table,
    is_public_key_or_certificate,
    lacks_credential_context,
)
