"""The test suite's network guard (tests/conftest.py) and pipeline/beam_runner.py: the offline runner every
Beam test uses, the default runner, a Dataflow dry run offline."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.request import urlopen

import apache_beam as beam
import pytest
from apache_beam.testing.test_pipeline import TestPipeline as BeamTestPipeline
from apache_beam.testing.util import assert_that, equal_to

from pipeline import cli
from pipeline.beam_runner import offline_test_pipeline
from tests.fakes.repos import spine_config


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


def test_runner_flags_reach_beam_untouched():
    from apache_beam.options.pipeline_options import DirectOptions, PipelineOptions
    from apache_beam.runners.portability.fn_api_runner import FnApiRunner

    from pipeline.beam_runner import default_runner as _default_runner

    assert isinstance(_default_runner(PipelineOptions([])), FnApiRunner)  # offline, no Prism download
    given = PipelineOptions(["--runner=DataflowRunner", "--project=p", "--direct_num_workers=3"])
    assert _default_runner(given) is None
    assert given.view_as(DirectOptions).direct_num_workers == 3


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_dataflow_dry_run_offline(tmp_path, tree, capsys):
    pytest.importorskip("google.cloud.storage", reason="apache-beam[gcp] is not installed (pip install -e '.[dataflow]')")
    import yaml

    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(spine_config(tmp_path / "out", tree)))
    code = cli.main(["build", "--config", str(path), "--runner=DataflowRunner", "--project=my-project-123",
                     "--region=us-central1", "--temp_location=gs://b/t", "--dry_run=True"])
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert "dry run: nothing was submitted" in printed and "runner: DataflowRunner" in printed
    assert "ReadRepositories -> " in printed and "job request: name=" in printed
    assert not (tmp_path / "out").exists()  # a dry run writes nothing
