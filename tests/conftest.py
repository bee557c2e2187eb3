"""Shared test fixtures. ``shared_data`` is ../shared/data beside the repository: tests that need it
skip cleanly when it is absent (the project never reads it at run time)."""

from __future__ import annotations

import atexit
import ipaddress
import os
import shutil
import socket
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"

# The licence detector keeps built tables in a user cache directory (pipeline.licensing.scancode_data);
# a test session gets its own, removed at exit, so tests never write to the user's home. Set here, at
# import, so the subprocesses tests start inherit it.
if "INCODER_CACHE_DIR" not in os.environ:
    os.environ["INCODER_CACHE_DIR"] = tempfile.mkdtemp(prefix="incoder-test-cache-")
    atexit.register(shutil.rmtree, os.environ["INCODER_CACHE_DIR"], True)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not present")
    return SHARED_DATA


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


def _is_local_address(address: object) -> bool:
    """True for AF_UNIX paths and loopback/unspecified hosts (the tests' own HTTP servers)."""
    if not isinstance(address, tuple):
        return True
    host = str(address[0]).strip("[]").split("%")[0]
    if host.lower() in ("localhost", "localhost.localdomain", ""):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False  # a host name other than localhost: resolving it would already leave the machine
    return ip.is_loopback or ip.is_unspecified


@pytest.fixture(autouse=True)
def network_guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Fail any test that reaches past loopback or makes Beam fetch a runner binary.

    Sockets: ``connect``/``connect_ex`` to a non-loopback address fail the test (urllib, requests and
    http.client all connect through them). Beam: its DirectRunner first tries the Prism runner, which
    downloads a binary from GitHub releases (``PrismJobServer._get_executable_path``); portable runners
    download job-server jars (``JavaJarServer._download_jar_to_cache``). Both fail the test: use
    ``pipeline.beam_runner.offline_test_pipeline``. Attempts are also recorded, so one made on a
    worker thread (whose exception may be swallowed) still fails the test at teardown. The fixture
    yields that list; a test that provokes an attempt on purpose clears it.
    """
    attempts: list[str] = []

    def refuse(what: str) -> None:
        attempts.append(what)
        pytest.fail(f"test attempted network access: {what}", pytrace=False)

    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def connect(sock: socket.socket, address: object) -> None:
        if not _is_local_address(address):
            refuse(f"connect to {address!r}")
        return real_connect(sock, address)

    def connect_ex(sock: socket.socket, address: object) -> int:
        if not _is_local_address(address):
            refuse(f"connect_ex to {address!r}")
        return real_connect_ex(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    if "apache_beam" in sys.modules:  # a test that never imported Beam cannot start its runners
        from apache_beam.runners.portability.prism_runner import PrismJobServer
        from apache_beam.utils.subprocess_server import JavaJarServer

        def prism(*_args: object, **_kwargs: object) -> str:
            refuse("Beam's Prism runner binary (DirectRunner default; use offline_test_pipeline)")
            return ""

        def jar(*_args: object, **_kwargs: object) -> None:
            refuse("a Beam job-server jar download")

        monkeypatch.setattr(PrismJobServer, "_get_executable_path", prism)
        monkeypatch.setattr(JavaJarServer, "_download_jar_to_cache", classmethod(jar))
    yield attempts
    if attempts:
        pytest.fail(f"test attempted network access: {'; '.join(attempts)}", pytrace=False)
