"""Personal data (pipeline/algorithms/pii.py): e-mails as InCoder did, public IPs only, names kept,
secrets by kind, entropy."""

from __future__ import annotations

import pytest

from pipeline.algorithms.pii import KINDS, Redactor, looks_random, shannon_entropy

# Assembled at run time so no secret-shaped literal sits in the repository for scanners to flag.
GH_TOKEN = "ghp_" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5A"
STRIPE_KEY = "sk_live_" + "51H8qLmN2pQ4rS6tU8vW0xY2z"


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail me: jane.doe+spam@mail.company.co.uk!", "mail me: removed@example.com!"),
        ("Author: Bob <bob_smith@gmail.com>", "Author: Bob <removed@example.com>"),
        ("12345+octo@users.noreply.github.com", "removed@example.com"),
        # Names in attribution lines stay; only the address goes.
        ("# Copyright (c) 2019 Jane Q. Doe <jane@doe.dev>", "# Copyright (c) 2019 Jane Q. Doe <removed@example.com>"),
        ("__author__ = 'Guido van Rossum'", "__author__ = 'Guido van Rossum'"),
    ],
)
def test_emails_replaced_as_incoder_did(redactor, text, expected):
    result = redactor.redact(text)
    assert result.text == expected
    assert set(result.counts) <= {"email"}


@pytest.mark.parametrize(
    "text",
    ["user@localhost", "pip install pkg==1.2.3@4", "npm i lodash@4.17.21", "@property\ndef name(self): ...",
     "y = a@b.T", "out = x@self.weight", "git clone git@github.com:owner/repo.git",
     "contact: someone@example.com or x@mail.example.org", "removed@example.com"],
)
def test_email_look_alikes_stay(redactor, text):
    assert redactor.redact(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ping 8.8.8.8 now", "ping 192.0.2.1 now"),
        ("server = '151.101.1.69:443'", "server = '192.0.2.1:443'"),
        ("resolver 1.1.1.1", "resolver 192.0.2.1"),  # single digits, but the line names a resolver
        ("upstream 2606:4700:4700::1111;", "upstream 2001:db8::1;"),
    ],
)
def test_public_ips_replaced(redactor, text, expected):
    result = redactor.redact(text)
    assert result.text == expected and result.counts == {"ip_address": 1}


@pytest.mark.parametrize(
    "text",
    [
        "bind 10.0.0.1, 172.16.5.4, 192.168.1.20",  # RFC 1918
        "localhost 127.0.0.1 ::1 0.0.0.0",  # loopback, unspecified
        "docs 192.0.2.7 198.51.100.3 203.0.113.9 2001:db8::42",  # documentation ranges
        "link-local 169.254.1.1 fe80::1, cgnat 100.64.0.1, multicast 224.0.0.251",
        "__version__ = '2.0.1.3'",
        "pkg==3.4.5.6",
        "oid 2.5.4.3",  # four single digits: a version or an OID
        "std::vector<int> a::b; t = 12:30:45",
    ],
)
def test_non_public_ips_and_versions_stay(redactor, text):
    assert redactor.redact(text).text == text


def test_secrets_kinds_and_switches(redactor):
    result = redactor.redact(f"# bob@corp.com\nSTRIPE_KEY = '{STRIPE_KEY}'\nauth({GH_TOKEN})\n", "a.py")
    assert result.text == "# removed@example.com\nSTRIPE_KEY = '<SECRET>'\nauth(<SECRET>)\n"
    assert result.counts == {"email": 1, "stripe_key": 1, "github_token": 1}
    assert set(result.counts) <= set(KINDS)
    only_personal = Redactor(redact_secrets=False, redact_ips=False, email_placeholder="<EMAIL>")
    assert only_personal.redact(f"a@corp.io {GH_TOKEN} 8.8.8.8").text == f"<EMAIL> {GH_TOKEN} 8.8.8.8"


def test_redaction_is_idempotent_and_counts_each_occurrence(redactor):
    text = f"a@corp.io b@corp.io {GH_TOKEN} 151.101.1.69"
    first = redactor.redact(text)
    assert dict(first.counts) == {"email": 2, "github_token": 1, "ip_address": 1}
    again = redactor.redact(first.text)
    assert again.text == first.text and not again.changed


def test_entropy_and_randomness():
    assert shannon_entropy("") == 0.0
    assert shannon_entropy("abcd") == pytest.approx(2.0)
    assert looks_random("Xk29-pqLm7Zt", 8, 3.0)
    assert not looks_random("aaaaaaaaaaaa", 8, 3.0)
    assert not looks_random("abcdefgh", 8, 3.0)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("unit", ["a.", "a-", "password_", "a@b.", "xoxb-a-", "ab ", "1.", "a:", "token="])
def test_pathological_lines_stay_linear(redactor, unit):
    # A quadratic pattern takes minutes here; linear ones ~0.1 s.
    text = unit * 50_000
    assert redactor.redact(text, "x.env").text.count(unit[0]) >= 50_000 - 1
