"""Our look-alike rules as detect-secrets filters: each keeps its look-alike and lets real secrets through."""

from __future__ import annotations

from collections import Counter

import pytest
from detect_secrets.plugins.aws import AWSKeyDetector
from detect_secrets.plugins.basic_auth import BasicAuthDetector
from detect_secrets.plugins.github_token import GitHubTokenDetector
from detect_secrets.plugins.high_entropy_strings import Base64HighEntropyString, HexHighEntropyString
from detect_secrets.plugins.keyword import KeywordDetector

from pipeline.algorithms import secret_filters as sf
from pipeline.algorithms.pii import Redactor
from pipeline.algorithms.secret_plugins import UnquotedConfigValueDetector

KEYWORD, HEX, B64 = KeywordDetector(), HexHighEntropyString(), Base64HighEntropyString()
GH_TOKEN = "ghp_" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5A"
RANDOM_B64 = "Zq8" + "xK2mP9vL4nR7tW1yB6cF3hJ5dS0aG8eU"


def test_documentation_examples():
    assert sf.is_documentation_example("AKIAIOSFODNN7EXAMPLE")
    assert sf.is_documentation_example("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    assert sf.is_documentation_example("sk_test_" + "4eC39HqLyjWDarjtT1zdp7dc")
    assert not sf.is_documentation_example(GH_TOKEN)


@pytest.mark.parametrize("value", ["<SECRET>", "${GITHUB_TOKEN}", "{{ vault_secret }}", "your-api-key-here",
                                   "xxxxxxxxxxxxxxxx", "changeme123", "****************", "sk_live_...",
                                   "aaaaaaaaaaaa"])
def test_placeholders(value):
    assert sf.is_placeholder(value)


def test_placeholder_leaves_random_values():
    assert not sf.is_placeholder(RANDOM_B64)


def test_environment_lookups():
    assert sf.is_environment_lookup("STRIPE_API_KEY_PROD", 'key = os.environ["STRIPE_API_KEY_PROD"]')
    assert sf.is_environment_lookup("GH_TOKEN_VALUE", "token = process.env.GH_TOKEN_VALUE")
    assert sf.is_environment_lookup("DB_PASSWORD_X", 'pw := os.Getenv("DB_PASSWORD_X")')
    assert not sf.is_environment_lookup(RANDOM_B64, f'key = "{RANDOM_B64}"')


@pytest.mark.parametrize("value", ["hunter2", "IDENTIFIER", "quoted-string", "AWS_SECRET_ACCESS_KEY",
                                   "privateKeyUsagePeriod", "authentication-code-1", "#ansibrightblue",
                                   "arn:aws:secretsmanager:*:*:secret:*", "https://sts.googleapis.com/v1/token",
                                   "{universe_domain}/token"])
def test_weak_assigned_values(value):
    assert sf.is_weak_assigned_value(value, KEYWORD)


def test_weak_assigned_value_only_judges_assignments_and_keeps_random_ones():
    assert not sf.is_weak_assigned_value("S3cr3t-P4ssw0rd!", KEYWORD)
    assert not sf.is_weak_assigned_value("hunter2", GitHubTokenDetector())  # provider formats are not judged
    assert sf.is_weak_assigned_value("pass", BasicAuthDetector())
    assert not sf.is_weak_assigned_value("Sup3rS3cr3t", BasicAuthDetector())


def test_keyword_indirect_reference():
    assert sf.is_keyword_indirect_reference("get_secret()", "secret = get_secret()", KEYWORD)
    # A literal passed to a call is a secret; the library's own filter would drop this line.
    assert not sf.is_keyword_indirect_reference("S3cr3t-P4ss", 'c = Client(password="S3cr3t-P4ss")', KEYWORD)
    assert not sf.is_keyword_indirect_reference(GH_TOKEN, f'g = Github("{GH_TOKEN}")', GitHubTokenDetector())


def test_hashes_and_test_vectors():
    sha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709"
    assert sf.is_hash_or_test_vector(sha1, f'EMPTY = "{sha1}"', HEX)  # git SHA / digest length, no credential word
    assert sf.is_hash_or_test_vector(RANDOM_B64, f'digest = "{RANDOM_B64}"', B64)
    assert sf.is_hash_or_test_vector("sha512-" + RANDOM_B64, f'"integrity": "sha512-{RANDOM_B64}"', B64)
    assert not sf.is_hash_or_test_vector(sha1, f'api_token = "{sha1}"', HEX)
    assert not sf.is_hash_or_test_vector(sha1, f'value: "{sha1}"', HEX, previous_line="- name: API_TOKEN")
    assert not sf.is_hash_or_test_vector("AKIA" + "Q3EGRTXN5W7ZPLMB", "sha = 'AKIA...'", AWSKeyDetector())


def test_hash_tables():
    assert sf.is_hash_table("9e38c3f885e4dc9a", HEX, Counter({16: 8}))
    assert not sf.is_hash_table("9e38c3f885e4dc9a", HEX, Counter({16: 2}))


def test_public_keys_and_certificates():
    assert sf.is_public_key_or_certificate("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA", "PUBLIC KEY")
    assert sf.is_public_key_or_certificate("MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUF", "CERTIFICATE")
    assert sf.is_public_key_or_certificate("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI user@host", None)
    assert not sf.is_public_key_or_certificate("MIIEowIBAAKCAQEA1c7", "RSA PRIVATE KEY")


def test_credential_context():
    line = f'blob = "{RANDOM_B64}"'
    assert sf.lacks_credential_context(line, B64)
    assert not sf.lacks_credential_context(f'api_key = "{RANDOM_B64}"', B64)
    assert not sf.lacks_credential_context(f"value: {RANDOM_B64}", UnquotedConfigValueDetector(),
                                           previous_line="- name: SECRET_TOKEN")
    assert not sf.lacks_credential_context(line, GitHubTokenDetector())


@pytest.mark.parametrize(
    "text",
    [
        "AKIAIOSFODNN7EXAMPLE",
        'aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"',
        'token = "${GITHUB_TOKEN}"',
        "password = os.environ['DB_PASSWORD']",
        'password = "hunter2"',
        'EMPTY_SHA = "da39a3ee5e6b4b0d3255bfef95601890afd80709"',
        'uid = "123e4567-e89b-12d3-a456-426614174000"',
        "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n"
        "RTESMBAGA1UEChMJQmFsdGltb3JlMRMwEQYDVQQLEwpDeWJlclRydXN0MSIwIAYD\n-----END CERTIFICATE-----",
        'api_key = "' + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + '"',  # sequential (the library's filter)
    ],
)
def test_look_alikes_stay_through_the_whole_redactor(text):
    result = Redactor().redact(text, "a.py")
    assert result.text == text and not result.changed
