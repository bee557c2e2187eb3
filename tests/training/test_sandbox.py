"""The sandbox: passes, failures, early exits, time/memory limits, no network, a private directory."""

from __future__ import annotations

import os
import socket
import threading
import time

import pytest

from training.sandbox import SandboxLimits, run_program, run_programs


def test_passing_and_failing_programs():
    assert run_program("assert 1 + 1 == 2\nprint('hello')\n").passed
    failed = run_program("def f():\n    return 1\nassert f() == 2, 'wrong'\n")
    assert failed.status == "failed" and failed.detail == "AssertionError: wrong"
    assert run_program("def broken(:\n").status == "failed"


@pytest.mark.parametrize("source", ["import sys\nsys.exit(0)\nassert False\n", "import os\nos._exit(0)\n",
                                    "raise SystemExit\n", "print('sandbox-done-')\nimport os\nos._exit(0)\n"])
def test_early_exit_is_not_a_pass(source):
    assert not run_program(source).passed


@pytest.mark.timeout(30)
def test_timeout_kills_the_program():
    start = time.monotonic()
    result = run_program("while True:\n    pass\n", SandboxLimits(timeout_s=1.0))
    assert result.status in ("timeout", "killed")
    assert time.monotonic() - start < 5


@pytest.mark.timeout(30)
def test_memory_limit():
    result = run_program("x = bytearray(2 * 1024 ** 3)\n", SandboxLimits(memory_mb=256))
    assert result.status == "failed" and "MemoryError" in result.detail


@pytest.mark.timeout(30)
def test_no_network():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    accepted = []
    threading.Thread(target=lambda: accepted.append(server.accept()), daemon=True).start()
    try:
        result = run_program(f"import socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=1)\n")
        assert result.status == "failed" and "disabled in the sandbox" in result.detail
        result = run_program(f"import socket\ns = socket.socket()\ns.connect(('127.0.0.1', {port}))\n")
        assert result.status == "failed"
        assert not accepted
    finally:
        server.close()


def test_private_temporary_directory_and_clean_environment():
    marker = "INCODER_SANDBOX_TEST_SECRET"
    os.environ[marker] = "leak"
    try:
        program = (
            "import os\n"
            f"assert {marker!r} not in os.environ\n"
            "cwd = os.getcwd()\n"
            "assert os.path.basename(cwd).startswith('incoder-sandbox-'), cwd\n"
            "open('scratch.txt', 'w').write('x')\n"
            "print(cwd)\n"
        )
        result = run_program(program)
        assert result.passed, result.detail
    finally:
        del os.environ[marker]


def test_destructive_helpers_are_disabled():
    assert run_program("import os\nos.system('true')\n").status == "failed"
    assert run_program("import subprocess\nsubprocess.run(['true'])\n").status == "failed"


def test_run_programs_keeps_order():
    results = run_programs(["assert True", "assert False", "x = 1"], workers=2)
    assert [r.passed for r in results] == [True, False, True]
