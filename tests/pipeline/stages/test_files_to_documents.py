"""The FilesToDocuments stage (pipeline/stages/files_to_documents.py) on the offline runner, with counters checked."""

from __future__ import annotations

import apache_beam as beam
import pytest
from apache_beam.testing.util import assert_that, equal_to

from pipeline.config import FilterConfig
from pipeline.errors import ConfigError
from pipeline.stages.files_to_documents import FilesToDocuments
from tests.fakes.records import raw, run_counted
from tests.fakes.repos import PY_MODULE


def test_files_to_documents():
    inputs = [
        raw("a.py", PY_MODULE.encode()),
        raw("b.py", "# é\n".encode("cp1252") * 20),
        raw("LICENSE", b"MIT License"),
        raw("img.py", b"\x00\x01\x02"),
        raw("proto/x_pb2.py", b"x = 1\n"),
        raw("vendor/lib.js", b"var a = 1;\n"),
        raw("bad.py", bytes(range(128, 256)) * 4),
        {**raw("c.py", b"\xef\xbb\xbfc = 3\n"), "license": "Apache-2.0", "license_evidence": '{"file": "LICENSE"}'},
    ]

    def build(p):
        out = p | beam.Create(inputs) | FilesToDocuments(FilterConfig(skip_vendored=True))
        assert_that(out["kept"] | beam.Map(lambda d: (d["path"], d["lang"], d["ext"], d["license"], d["content"][:5])),
                    equal_to([("a.py", "python", ".py", "MIT", '"""A '), ("b.py", "python", ".py", "MIT", "# é\n#"),
                              ("c.py", "python", ".py", "Apache-2.0", "c = 3")]), label="kept")
        assert_that(out["rejected"] | beam.Map(lambda r: (r["path"], r["reason"], r["content"])), equal_to([
            ("LICENSE", "unsupported_language", None), ("img.py", "binary", None),
            ("proto/x_pb2.py", "generated_path", None), ("vendor/lib.js", "vendored", None),
            ("bad.py", "undecodable", None)]), label="rejected")

    counters = run_counted(build)["FilesToDocuments"]
    assert counters["seen"] == 8 and counters["kept"] == 3


def test_files_to_documents_languages_allowlist():
    with pytest.raises(ConfigError, match="build.filters.languages"):
        FilesToDocuments(FilterConfig(languages=["pythn"]))

    def build(p):
        out = p | beam.Create([raw("a.py", b"a = 1\n"), raw("b.go", b"package b\n")]) | FilesToDocuments(
            FilterConfig(languages=["go"]))
        assert_that(out["kept"] | beam.Map(lambda d: d["path"]), equal_to(["b.go"]))

    run_counted(build)
