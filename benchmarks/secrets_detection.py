"""Secrets and personal data: recall on planted credentials, false positives on real code, cost in a build.

    .venv/bin/python benchmarks/secrets_detection.py                  # all three, goals checked
    .venv/bin/python benchmarks/secrets_detection.py --only recall fp     # skip the build timing
    .venv/bin/python benchmarks/secrets_detection.py --site-packages 4000 --passes 3

1. **Recall.** ``planted()`` generates credentials from each provider's documented format (AWS access
   key ids and secret keys, Azure storage connection strings, GitHub/GitLab/Slack/Stripe/Twilio/
   Discord/Mailchimp/npm/PyPI/OpenAI/Anthropic/Google/Hugging Face/SendGrid tokens, PEM and OpenSSH
   private keys, JWTs, basic-auth URLs, passwords and client secrets) and puts each in realistic
   contexts: Python/JS/Go assignments, function calls, JSON, YAML, ``.env``, INI, shell exports, URLs,
   HTTP headers and Jupyter notebooks (escaped JSON strings). A credential counts as removed when no
   16-character window of it is left in the redacted text. Goal: all removed.
2. **False positives.** Real code that holds no secrets: every ``.py`` file of the installed standard
   library and a seeded sample of site-packages (hashes, base64 test data, long identifiers, AWS SDK
   constants). Reported: the share of files a *secret* kind changed, the kinds that fired, examples.
   E-mail and public IP replacements there are the policy working (real addresses) and are reported
   apart. Goal: at most 0.5% of files.
Baseline, side by side: detect-secrets as shipped (every plugin, its default filters, its per-line
loop), each value it reports replaced wherever it occurs: its recall, its false-positive share and
its scan time on the same files.

3. **Cost.** The stage's share of a whole build: ``run_build`` on the python-env source (every stage
   on), and the redaction of everything that build wrote (documents and rejected rows, as RedactPII
   and RedactRejected see them) timed alone; mean and spread over ``--passes``. Goal: at most 10%.

Exits non-zero when a goal is missed.
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import statistics
import string
import sys
import sysconfig
import tempfile
import time
import urllib.parse
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.algorithms.pii import Redactor  # noqa: E402

ALNUM = string.ascii_letters + string.digits
B64 = ALNUM + "+/"
URLSAFE = ALNUM + "-_"
HEX = "0123456789abcdef"
RECALL_GOAL, FP_GOAL, COST_GOAL = 1.0, 0.005, 0.10


def _r(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _b64url(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def _pem(rng: random.Random, label: str, lines: int = 12) -> str:
    body = "\n".join(_r(rng, B64, 64) for _ in range(lines))
    return f"-----BEGIN {label}-----\n{body}\n{_r(rng, B64, 40)}==\n-----END {label}-----"


def provider_values(rng: random.Random) -> list[tuple[str, str, str]]:
    """(provider, variable name, value) in each provider's documented format."""
    return [
        ("aws_access_key_id", "AWS_ACCESS_KEY_ID", "AKIA" + _r(rng, string.ascii_uppercase + "234567", 16)),
        ("aws_temporary_key_id", "aws_access_key", "ASIA" + _r(rng, string.ascii_uppercase + "234567", 16)),
        ("aws_secret_access_key", "AWS_SECRET_ACCESS_KEY", _r(rng, B64, 40)),
        ("azure_storage", "AZURE_STORAGE_CONNECTION_STRING",
         f"DefaultEndpointsProtocol=https;AccountName=acct{_r(rng, HEX, 6)};AccountKey={_r(rng, B64, 86)}==;"
         "EndpointSuffix=core.windows.net"),
        ("github_classic", "GITHUB_TOKEN", "ghp_" + _r(rng, ALNUM, 36)),
        ("github_oauth", "gh_oauth", "gho_" + _r(rng, ALNUM, 36)),
        ("github_fine_grained", "GH_PAT", "github_pat_" + _r(rng, ALNUM, 22) + "_" + _r(rng, ALNUM, 59)),
        ("gitlab_pat", "GITLAB_TOKEN", "glpat-" + _r(rng, URLSAFE, 20)),
        ("slack_bot", "SLACK_BOT_TOKEN",
         f"xoxb-{_r(rng, string.digits, 12)}-{_r(rng, string.digits, 13)}-{_r(rng, ALNUM, 24)}"),
        ("slack_webhook", "SLACK_WEBHOOK_URL",
         f"https://hooks.slack.com/services/T{_r(rng, string.ascii_uppercase + string.digits, 8)}/"
         f"B{_r(rng, string.ascii_uppercase + string.digits, 10)}/{_r(rng, ALNUM, 24)}"),
        ("stripe_live", "STRIPE_KEY", "sk_live_" + _r(rng, ALNUM, 99)),
        ("stripe_restricted", "stripe_rk", "rk_live_" + _r(rng, ALNUM, 24)),
        ("stripe_test", "STRIPE_SECRET", "sk_test_" + _r(rng, ALNUM, 24)),
        ("twilio_api_key", "TWILIO_API_KEY", "SK" + _r(rng, HEX, 32)),
        ("twilio_auth_token", "TWILIO_AUTH_TOKEN", _r(rng, HEX, 32)),
        ("discord_bot", "DISCORD_TOKEN",
         rng.choice("MNO") + _r(rng, URLSAFE, 23) + "." + _r(rng, URLSAFE, 6) + "." + _r(rng, URLSAFE, 27)),
        ("mailchimp", "MAILCHIMP_API_KEY", _r(rng, HEX, 32) + f"-us{rng.randint(1, 21)}"),
        ("npm", "NPM_TOKEN", "npm_" + _r(rng, ALNUM, 36)),
        ("pypi", "PYPI_TOKEN", "pypi-AgEIcHlwaS5vcmc" + _r(rng, URLSAFE, 150)),
        ("openai_legacy", "OPENAI_API_KEY", "sk-" + _r(rng, ALNUM, 20) + "T3BlbkFJ" + _r(rng, ALNUM, 20)),
        ("openai_project", "openai_key", "sk-proj-" + _r(rng, URLSAFE, 74) + "T3BlbkFJ" + _r(rng, URLSAFE, 74)),
        ("anthropic", "ANTHROPIC_API_KEY", "sk-ant-api03-" + _r(rng, URLSAFE, 93) + "AA"),
        ("google_api", "GOOGLE_API_KEY", "AIza" + _r(rng, URLSAFE, 35)),
        ("huggingface", "HF_TOKEN", "hf_" + _r(rng, string.ascii_letters, 34)),
        ("sendgrid", "SENDGRID_API_KEY", "SG." + _r(rng, URLSAFE, 22) + "." + _r(rng, URLSAFE, 43)),
        ("jwt", "session", _b64url({"alg": "HS256", "typ": "JWT"}) + "."
         + _b64url({"sub": _r(rng, string.digits, 10), "name": "u" + _r(rng, HEX, 6), "iat": rng.randint(10**9, 2 * 10**9)})
         + "." + _r(rng, URLSAFE, 43)),
        ("password", "DB_PASSWORD", _r(rng, ALNUM, 6) + rng.choice("!#%&*") + _r(rng, ALNUM, 7)),
        ("client_secret", "client_secret", _r(rng, URLSAFE, 32)),
        ("api_token", "api_token", _r(rng, HEX, 40)),
    ]


# (context, filename, template). {name} is the variable, {value} the credential.
CONTEXTS = [
    ("python_assignment", "settings.py", '{name} = "{value}"\n'),
    ("python_call", "client.py", 'import sdk\n\nclient = sdk.Client(api_key="{value}")\n'),
    ("js_const", "config.js", "const {name} = '{value}';\nmodule.exports = {{ {name} }};\n"),
    ("go_assign", "main.go", 'package main\n\nfunc main() {{\n\t{name} := "{value}"\n\t_ = {name}\n}}\n'),
    ("json", "config.json", '{{\n  "service": "billing",\n  "{name}": "{value}"\n}}\n'),
    ("yaml", "deploy.yml", "env:\n  - name: {name}\n    value: {value}\n  {name}: \"{value}\"\n"),
    ("dotenv", ".env", "DEBUG=false\n{name_upper}={value}\n"),
    ("ini", "app.ini", "[credentials]\n{name} = {value}\n"),
    ("shell", "deploy.sh", "#!/bin/sh\nexport {name_upper}={value}\n./run.sh\n"),
    ("url", "fetch.py", 'resp = requests.get("https://api.example.net/v1/items?key={value}&page=2")\n'),
    ("header", "call.sh", "curl -H 'Authorization: Bearer {value}' https://api.example.net/v1/me\n"),
    ("notebook", "analysis.ipynb",
     '{{\n "cells": [\n  {{\n   "cell_type": "code",\n   "source": [\n    "import os\\n",\n'
     '    "{name} = \\"{value}\\"\\n",\n    "print(1)"\n   ]\n  }}\n ]\n}}\n'),
]
PEM_CONTEXTS = [
    ("pem_file", "id_rsa", "{value}\n"),
    ("python_string", "keys.py", 'PRIVATE_KEY = """{value}"""\n'),
    ("json_escaped", "service.json", '{{"type": "service_account", "private_key": "{escaped}\\n"}}\n'),
]
BASIC_AUTH = [
    ("postgres_url", "db.py", 'DATABASE_URL = "postgres://admin:{value}@db.prod.internal:5432/app"\n'),
    ("https_url", "sync.sh", "git clone https://deploy:{value}@git.corp.io/team/repo.git\n"),
]


def planted(seed: int = 1234, rounds: int = 2) -> list[dict]:
    """The planted set: one item per (credential, context), ``rounds`` fresh values per provider."""
    rng = random.Random(seed)
    items = []
    for _ in range(rounds):
        for provider, name, value in provider_values(rng):
            for context, filename, template in CONTEXTS:
                # A query string carries its values percent-encoded.
                shown = urllib.parse.quote(value, safe="") if context == "url" else value
                text = template.format(name=name, name_upper=name.upper(), value=shown)
                # The connection string's secret is its AccountKey; the rest is configuration.
                secret = value.split("AccountKey=")[1].split(";")[0] if "AccountKey=" in value else value
                secret = urllib.parse.quote(secret, safe="") if context == "url" else secret
                items.append({"provider": provider, "context": context, "filename": filename,
                              "value": secret, "text": text})
        for label in ("RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY"):
            value = _pem(rng, label)
            for context, filename, template in PEM_CONTEXTS:
                text = template.format(value=value, escaped=value.replace("\n", "\\n"))
                items.append({"provider": "private_key:" + label, "context": context, "filename": filename,
                              "value": value, "text": text})
        for context, filename, template in BASIC_AUTH:
            value = _r(rng, ALNUM, 14)
            items.append({"provider": "basic_auth", "context": context, "filename": filename, "value": value,
                          "text": template.format(value=value)})
    return items


def leaked(value: str, text: str, window: int = 16) -> bool:
    """Whether any ``window``-character piece of ``value`` (every line of a key block) is left in ``text``."""
    pieces = [line for line in value.splitlines() if len(line) >= window] or [value]
    for piece in pieces:
        for i in range(0, max(len(piece) - window, 0) + 1):
            if piece[i : i + window] in text:
                return True
    return False


class StockDetectSecrets:
    """The baseline: detect-secrets as shipped (every plugin, its default filters, ``scan_file``'s
    per-line loop on the text's lines), each reported value replaced wherever it occurs."""

    def __init__(self) -> None:
        from detect_secrets.core import scan
        from detect_secrets.settings import default_settings

        self._scan, self._settings = scan, default_settings

    def find(self, text: str, filename: str) -> list[str]:
        lines = list(enumerate(text.splitlines(), start=1))
        with self._settings():
            return [s.secret_value for s in self._scan._process_line_based_plugins(lines, filename=filename)
                    if s.secret_value and s.type != "Public IP (ipv4)"]

    def redact(self, text: str, filename: str) -> str:
        for value in sorted(set(self.find(text, filename)), key=len, reverse=True):
            text = text.replace(value, "<SECRET>")
        return text


def run_recall(redactor: Redactor) -> dict:
    items = planted()
    missed = []
    by_provider: Counter = Counter()
    stock, stock_missed = StockDetectSecrets(), Counter()
    for item in items:
        out = redactor.redact(item["text"], item["filename"]).text
        if leaked(item["value"], out):
            missed.append(item)
            by_provider[item["provider"]] += 1
        if leaked(item["value"], stock.redact(item["text"], item["filename"])):
            stock_missed[item["provider"]] += 1
    recall = 1 - len(missed) / len(items)
    stock_recall = 1 - sum(stock_missed.values()) / len(items)
    print(f"recall: {len(items) - len(missed)}/{len(items)} planted credentials removed ({100 * recall:.2f}%); "
          f"stock detect-secrets {100 * stock_recall:.2f}%, missing most of: "
          + ", ".join(f"{k} {v}" for k, v in stock_missed.most_common(8)))
    for item in missed[:15]:
        print(f"  MISSED {item['provider']:<22} {item['context']:<18} {item['text'][:110]!r}")
    return {"planted": len(items), "missed": len(missed), "recall": recall, "missed_by_provider": dict(by_provider),
            "stock_recall": stock_recall, "stock_missed_by_provider": dict(stock_missed)}


def real_code_files(site_sample: int, seed: int = 1234) -> list[Path]:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    files = sorted(p for p in stdlib.rglob("*.py") if "site-packages" not in p.parts)
    site = sorted(Path(sysconfig.get_paths()["purelib"]).rglob("*.py"))
    random.Random(seed).shuffle(site)
    return files + site[:site_sample]


def run_false_positives(redactor: Redactor, site_sample: int, stock_every: int) -> dict:
    """Ours on every file; the stock baseline (slow: every plugin on every line) on every
    ``stock_every``-th file, with our scan time on the same files for the speed ratio."""
    files = real_code_files(site_sample)
    changed, kinds, personal = 0, Counter(), Counter()
    examples: dict[str, list[str]] = {}
    scanned, stock_files, stock_changed, ours_changed, ours_s, stock_s = 0, 0, 0, 0, 0.0, 0.0
    stock = StockDetectSecrets()
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        scanned += 1
        started = time.perf_counter()
        found = redactor.scanner.find(text, path.name)
        if scanned % stock_every == 0:
            ours_s += time.perf_counter() - started
            started = time.perf_counter()
            stock_changed += bool(stock.find(text, path.name))
            stock_s += time.perf_counter() - started
            stock_files += 1
            ours_changed += bool(found)
        personal.update({k: v for k, v in redactor.redact(text, path.name).counts.items()
                         if k in ("email", "ip_address")})
        if not found:
            continue
        changed += 1
        for f in found:
            kinds[f.kind] += 1
            if len(examples.setdefault(f.kind, [])) < 3:
                line_start = text.rfind("\n", 0, f.start) + 1
                examples[f.kind].append(f"{path.name}: {text[line_start:f.end + 20].strip()[:120]!r}")
    share = changed / max(scanned, 1)
    print(f"false positives: {changed}/{scanned} real files changed by a secret kind ({100 * share:.3f}%);"
          f" kinds {dict(kinds)}; e-mail/IP replacements (policy, not FP) {dict(personal)}")
    print(f"  stock detect-secrets on every {stock_every}th file: {stock_changed}/{stock_files} files changed "
          f"({100 * stock_changed / max(stock_files, 1):.2f}%; ours {ours_changed}); "
          f"scan time on those files: ours {ours_s:.1f}s, "
          f"stock {stock_s:.1f}s ({stock_s / max(ours_s, 1e-9):.1f}x)")
    for kind, lines in examples.items():
        for line in lines:
            print(f"  {kind:<20} {line}")
    return {"files": scanned, "changed": changed, "share": share, "kinds": dict(kinds), "personal": dict(personal),
            "examples": examples, "stock_files": stock_files, "stock_changed": stock_changed,
            "ours_changed_on_stock_files": ours_changed, "scan_s": ours_s,
            "stock_scan_s": stock_s}


def _read_rows(out: str) -> list[dict]:
    import pyarrow.parquet as pq

    rows = []
    for table in ("documents", "rejected"):
        for part in sorted(Path(out, table).glob("*.parquet")):
            rows += pq.read_table(part, columns=["path", "content", "parts"]).to_pylist()
    return rows


def run_cost(redactor: Redactor, passes: int, include: list[str]) -> dict:
    from pipeline.build import run_build
    from pipeline.config import parse_config
    from pipeline.stages.redact_pii import redact_document

    build_s, redact_s = [], []
    for i in range(passes):
        with tempfile.TemporaryDirectory() as tmp:
            cfg = parse_config({"output_dir": tmp, "seed": 1234, "build": {
                "sources": [{"kind": "python-env", "include": include}]}})
            started = time.perf_counter()
            stats = run_build(cfg, [])
            build_s.append(time.perf_counter() - started)
            rows = _read_rows(tmp)
            started = time.perf_counter()
            for row in rows:
                redact_document(redactor, row)
            redact_s.append(time.perf_counter() - started)
            mb = sum(len(r["content"] or "") for r in rows) / 1e6
        print(f"  pass {i + 1}: build {build_s[-1]:.1f}s ({stats['documents']['count']} documents), "
              f"redaction of its {len(rows)} rows ({mb:.1f} MB) {redact_s[-1]:.2f}s")
    shares = [r / b for r, b in zip(redact_s, build_s, strict=True)]
    share = statistics.mean(shares)
    spread = statistics.stdev(shares) if len(shares) > 1 else 0.0
    print(f"cost: redaction {statistics.mean(redact_s):.2f}s of a {statistics.mean(build_s):.1f}s build: "
          f"{100 * share:.2f}% +- {100 * spread:.2f}% of the build (mean +- stdev over {passes} passes)")
    return {"build_s": build_s, "redact_s": redact_s, "share": share, "spread": spread}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="+", choices=["recall", "fp", "cost"], default=["recall", "fp", "cost"])
    parser.add_argument("--site-packages", type=int, default=3000, help="site-packages .py files sampled for FPs")
    parser.add_argument("--stock-every", type=int, default=8, help="run the stock baseline on every N-th file")
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--include", nargs="+", default=["requests", "urllib3", "idna", "certifi", "six",
                                                           "attrs", "click", "colorama", "toml", "webencodings"],
                        help="python-env distributions the timed build reads")
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args(argv)
    redactor = Redactor()
    report, failed = {}, []
    if "recall" in args.only:
        report["recall"] = run_recall(redactor)
        if report["recall"]["recall"] < RECALL_GOAL:
            failed.append("recall")
    if "fp" in args.only:
        report["fp"] = run_false_positives(redactor, args.site_packages, args.stock_every)
        if report["fp"]["share"] > FP_GOAL:
            failed.append("false positives")
    if "cost" in args.only:
        report["cost"] = run_cost(redactor, args.passes, args.include)
        if report["cost"]["share"] > COST_GOAL:
            failed.append("cost")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, default=str) + "\n")
    print("goals: " + ("all met" if not failed else "MISSED " + ", ".join(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
