"""The test suite's network guard (tests/conftest.py) and the offline runner every Beam test uses."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.request import urlopen

import apache_beam as beam
import pytest
from apache_beam.testing.test_pipeline import TestPipeline as BeamTestPipeline
from apache_beam.testing.util import assert_that, equal_to

from pipeline.beam_runner import offline_test_pipeline


def test_non_loopback_connection_fails_the_test(network_guard: list[str]) -> None:
    with pytest.raises(pytest.fail.Exception, match="network access"):
        socket.create_connection(("192.0.2.1", 9), timeout=0.2)  # TEST-NET-1: never routed
    assert network_guard == ["connect to ('192.0.2.1', 9)"]
    network_guard.clear()  # provoked on purpose


def test_default_runner_prism_download_fails_the_test(network_guard: list[str]) -> None:
    # Beam's DirectRunner tries Prism first and swallows ordinary exceptions; the guard's is not one.
    with pytest.raises(pytest.fail.Exception, match="Prism"):
        with BeamTestPipeline() as p:
            _ = p | beam.Create([1, 2]) | beam.Map(lambda x: x + 1)
    assert network_guard and "Prism" in network_guard[0]
    network_guard.clear()


def test_offline_pipeline_runs_without_network(network_guard: list[str]) -> None:
    with offline_test_pipeline(["--direct_num_workers=1"]) as p:
        assert_that(p | beam.Create([1, 2]) | beam.Map(lambda x: x * 10), equal_to([10, 20]))
    assert network_guard == []


def test_loopback_server_is_allowed(network_guard: list[str]) -> None:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 -- http.server's naming
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with urlopen(f"http://127.0.0.1:{server.server_address[1]}/", timeout=5) as resp:
            assert resp.read() == b"ok"
    finally:
        server.shutdown()
        server.server_close()
    assert network_guard == []
