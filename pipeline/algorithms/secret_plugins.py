"""Our detect-secrets plugins: only the credential formats detect-secrets 1.5.0 does not know.

Each class is a ``detect_secrets.plugins.base.RegexBasedDetector`` (the library's own extension point,
https://github.com/Yelp/detect-secrets/blob/master/docs/plugins.md), run beside the library's plugins
by ``pipeline.algorithms.secrets.SecretScanner``. What each adds, and why the library misses it:

- ``StripeTestKeyDetector``: ``sk_test_``/``rk_test_`` keys (Stripe docs, "API keys": test-mode secret
  and restricted keys are credentials too); the library's ``StripeDetector`` knows ``*_live_`` only.
- ``OpenAIProjectKeyDetector``: ``sk-proj-``/``sk-svcacct-``/``sk-admin-`` keys, whose body holds ``-``
  and ``_`` next to the ``T3BlbkFJ`` marker; the library's ``OpenAIDetector`` wants 20 plain
  alphanumerics on both sides of it and misses about half of them.
- ``AnthropicKeyDetector``: ``sk-ant-api03-...`` keys (OpenAI-style keys of another provider).
- ``GitHubFineGrainedTokenDetector``: ``github_pat_`` tokens (GitHub docs, "About authentication":
  fine-grained personal access tokens); the library knows ``ghp_``/``gho_``/``ghu_``/``ghs_``/``ghr_``.
- ``NpmAccessTokenDetector``: bare ``npm_`` + 36 characters (npm docs, "About access tokens"); the
  library only looks inside ``.npmrc`` ``//registry/:_authToken=`` lines.
- ``GoogleApiKeyDetector``: ``AIza`` + 35 characters (Google Cloud docs, "API keys").
- ``HuggingFaceTokenDetector``: ``hf_`` + 34 letters (Hugging Face docs, "User access tokens").
- ``SlackAppTokenDetector``: ``xapp-`` app-level tokens (Slack docs, "Token types").
- ``AWSSecretKeyAssignmentDetector``: a 40-character AWS secret access key assigned to an
  ``aws_secret_access_key``-like name *without quotes* (``~/.aws/credentials``, ``.env``); the library's
  ``AWSKeyDetector`` requires quotes around it.
- ``UnquotedConfigValueDetector``: unquoted values in YAML/INI/TOML/``.env``/properties files.
- ``CredentialAssignmentDetector``: names the library's ``KeywordDetector`` lacks (``token``,
  ``access_key``, ``secret_key``, ``credentials``, ``auth``) assigned a quoted value; unquoted
  ``NAME=value`` lines of ``.env``/shell files whose upper-case name mentions a credential;
  ``Authorization: Bearer <token>``; and credentials in URL queries (``?key=...``, ``&access_token=``). Like the keyword detector's findings, these only count when the
  value looks random (``secret_filters.is_weak_assigned_value``).
"""

from __future__ import annotations

import re

from detect_secrets.plugins.base import RegexBasedDetector


class StripeTestKeyDetector(RegexBasedDetector):
    secret_type = "Stripe Test-Mode Key"
    denylist = (re.compile(r"(?<![A-Za-z0-9])[rs]k_test_[0-9a-zA-Z]{24,}"),)


class OpenAIProjectKeyDetector(RegexBasedDetector):
    secret_type = "OpenAI Project Key"
    denylist = (re.compile(r"sk-(?:proj|svcacct|admin)?-?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}"),)


class AnthropicKeyDetector(RegexBasedDetector):
    secret_type = "Anthropic API Key"
    denylist = (re.compile(r"sk-ant-(?:api|admin)\d\d-[A-Za-z0-9_-]{80,}"),)


class GitHubFineGrainedTokenDetector(RegexBasedDetector):
    secret_type = "GitHub Fine-Grained Token"
    denylist = (re.compile(r"github_pat_[A-Za-z0-9_]{82}"),)


class NpmAccessTokenDetector(RegexBasedDetector):
    secret_type = "npm Access Token"
    denylist = (re.compile(r"(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])"),)


class GoogleApiKeyDetector(RegexBasedDetector):
    secret_type = "Google API Key"
    denylist = (re.compile(r"AIza[0-9A-Za-z_-]{35}"),)


class HuggingFaceTokenDetector(RegexBasedDetector):
    secret_type = "Hugging Face Token"
    denylist = (re.compile(r"(?<![A-Za-z0-9_])hf_[A-Za-z]{34}(?![A-Za-z0-9])"),)


class SlackAppTokenDetector(RegexBasedDetector):
    secret_type = "Slack App-Level Token"
    denylist = (re.compile(r"xapp-\d-[A-Z0-9]{8,}-\d{8,}-[a-f0-9]{32,}"),)


class AWSSecretKeyAssignmentDetector(RegexBasedDetector):
    secret_type = "AWS Secret Access Key (unquoted)"
    denylist = (
        re.compile(
            r"(?i)aws_?secret(?:_?access)?_?key['\"]?\s*[:=]\s*['\"]?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"
        ),
    )


class CredentialAssignmentDetector(RegexBasedDetector):
    secret_type = "Credential Assignment"
    denylist = (
        # token = "...", access_key: '...', "auth": "...", $credentials => "..."
        re.compile(
            r"(?i)(?:token|access_?key|secret_?key|credentials?|auth(?!or))[\w.-]{0,40}['\"\]]{0,2}\s{0,20}"
            r"(?::=|=>|[:=])\s{0,20}['\"]([^'\"\s]{8,200})['\"]"
        ),
        # .env / shell: DB_PASSWORD=value, export API_TOKEN=value
        re.compile(
            r"^\s*(?:export\s+)?[A-Z0-9_]*(?:TOKEN|SECRET|KEY|PASSWORD|PASSWD|PWD|AUTH|CREDENTIALS?)[A-Z0-9_]*"
            r"=([^\s'\"#]{8,200})"
        ),
        # Authorization: Bearer <token>
        re.compile(r"(?i)\bbearer\s+([^\s'\"]{8,200})"),
        # a credential in a URL's query: ?key=..., &access_token=...
        re.compile(
            r"(?i)[?&](?:api_?key|key|token|access_?token|auth|secret|password|client_secret|sig|signature)"
            r"=([^&\s'\"#<>]{8,200})"
        ),
    )


# Configuration files whose values need no quotes (detect-secrets' entropy plugins want quotes).
CONFIG_SUFFIXES = (".yaml", ".yml", ".ini", ".cfg", ".conf", ".cnf", ".properties", ".toml", ".env", ".envrc")


class UnquotedConfigValueDetector(RegexBasedDetector):
    """An unquoted value in a configuration file (``value: IFz6cjaQs8...``; detect-secrets' entropy
    plugins want quotes). Like an assignment, it counts only when the value looks random, and only with
    a credential word on the line or the line before (``- name: AWS_SECRET_ACCESS_KEY``)."""

    secret_type = "Config Value"
    denylist = (re.compile(r"^\s*(?:- )?[\w.-]+\s*[:=]\s*([^\s'\"#]{8,200})\s*$"),)

    @staticmethod
    def applies_to(filename: str) -> bool:
        name = filename.rsplit("/", 1)[-1].lower()
        return name.endswith(CONFIG_SUFFIXES) or name.startswith(".env")

    def analyze_line(self, filename: str, line: str, line_number: int = 0, context=None, **kwargs):
        return super().analyze_line(filename, line, line_number, context) if self.applies_to(filename) else set()
