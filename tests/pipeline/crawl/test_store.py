"""The raw store (pipeline/crawl/store.py): its lock against a second live crawl."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest

from pipeline.crawl.store import RawStore
from pipeline.errors import FatalError


def test_store_lock_refuses_a_second_live_crawl(tmp_path):
    store = RawStore(str(tmp_path / "raw"))
    store.open("github")
    lock = tmp_path / "raw" / "crawl.lock"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock.write_text(json.dumps({"pid": sleeper.pid, "hostname": socket.gethostname()}))
        with pytest.raises(FatalError, match=f"another crawl \\(pid {sleeper.pid}\\)"):
            with store.locked():
                pass
    finally:
        sleeper.kill()
        sleeper.wait()
    with store.locked():  # its process is gone: the stale lock is taken over
        assert json.loads(lock.read_text())["pid"] == os.getpid()
    assert not lock.exists()
