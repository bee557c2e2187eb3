"""The opt-out list (pipeline/algorithms/optout.py): format, matching, loading, errors."""

from __future__ import annotations

import http.server
import threading

import pytest

from pipeline.algorithms.optout import REASON, ExcludeList, load_exclude, parse_exclude
from pipeline.errors import ConfigError

LIST = """\
# Removal requests, handled by the data team
# version: 2024-06-01
octo/hello                         # a whole repository
repo:octo/exp-*                    # a glob
github.com/acme/tool               # only GitHub's acme/tool
https://gitlab.com/grp/sub/lib.git
owner:private-corp
owner:bot-*
so-user:stackoverflow.com:12345
so-user:*:777
https://conlang.meta.stackexchange.com/users/42/someone
repo:requests-2.*
"""


@pytest.fixture(scope="module")
def optouts() -> ExcludeList:
    return parse_exclude(LIST, "requests.txt")


@pytest.mark.parametrize(("repo", "source", "line"), [
    ("octo/hello", "github", 3),
    ("Octo/Hello", "local", 3),  # host names are case-insensitive
    ("github.com/octo/hello", None, 3),  # an already host-qualified name
    ("octo/exp-1", "gitlab", 4),
    ("acme/tool", "github", 5),
    ("acme/tool", "gitlab", None),  # host-qualified entries bind to their host
    ("acme/tool", "local", None),
    ("grp/sub/lib", "gitlab", 6),
    ("private-corp/anything", "github", 7),
    ("bot-17/x", None, 8),
    ("octo/hello-world", "github", None),
    ("hello", "local", None),  # a local folder name without an owner
    ("requests-2.32.3", "local", 12),  # repo:NAME lists a repository without an owner
])
def test_repository_matching(optouts, repo, source, line):
    entry = optouts.match_repository(repo, source)
    assert (entry.line if entry else None) == line
    assert optouts.excluded(repo, source) == (REASON if line else None)


def test_stack_exchange_users(optouts):
    assert optouts.so_user_excluded("stackoverflow.com", 12345)
    assert not optouts.so_user_excluded("superuser.com", 12345)  # user ids are per site
    assert optouts.so_user_excluded("superuser.com", 777)  # so-user:*:ID covers every site
    assert optouts.so_user_excluded("conlang.meta.stackexchange.com", 42)  # from a profile URL
    assert not optouts.so_user_excluded("stackoverflow.com", None)


def test_describe_names_the_version_and_counts(optouts):
    info = optouts.describe()
    assert info["version"] == "2024-06-01" and info["location"] == "requests.txt"
    assert (info["repositories"], info["owners"], info["so_users"]) == (5, 2, 3)
    assert len(info["sha256"]) == 64
    assert parse_exclude(LIST + "\n# trailing note\n").sha256 != info["sha256"]  # any edit changes the hash


@pytest.mark.parametrize("line", [
    "just-a-name", "so-user:stackoverflow.com:abc", "so-user:12", "owner:a/b", "team:octo",
    "https://github.com/octo", "octo//hello",
])
def test_malformed_lines_fail_naming_the_line(line):
    with pytest.raises(ConfigError, match=r"requests.txt:2"):
        parse_exclude(f"octo/ok\n{line}\n", "requests.txt")


def test_empty_list_is_falsy():
    assert not load_exclude(None) and not parse_exclude("# nothing yet\n\n")
    assert parse_exclude("# nothing yet\n").excluded("octo/hello") is None


def test_load_from_file_and_url(tmp_path):
    path = tmp_path / "optout.txt"
    path.write_text(LIST)
    assert load_exclude(str(path)).describe()["repositories"] == 5
    with pytest.raises(ConfigError, match="cannot read"):
        load_exclude(str(tmp_path / "missing.txt"))

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body = LIST.encode() if self.path.startswith("/optout") else b"no"
            self.send_response(200 if self.path.startswith("/optout") else 404)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://user:secret@127.0.0.1:{server.server_address[1]}"
        remote = load_exclude(f"{base}/optout.txt?token=abc")
        assert remote.sha256 == parse_exclude(LIST).sha256
        assert "secret" not in remote.location and "token" not in remote.location  # no credentials in records
        with pytest.raises(ConfigError, match="cannot fetch") as err:
            load_exclude(f"{base}/gone.txt?token=abc")
        assert "secret" not in str(err.value) and "abc" not in str(err.value)
    finally:
        server.shutdown()
