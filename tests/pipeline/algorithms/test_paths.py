"""Table-driven tests of pipeline/algorithms/paths.py: safe member paths, vendored and generated paths."""

from __future__ import annotations

import pytest

from pipeline.algorithms import paths


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("src/a.py", "src/a.py"),
        ("./src//a.py", "src/a.py"),
        ("dir\\win.py", "dir/win.py"),
        ("../evil.py", "path_traversal"),
        ("a/../../evil.py", "path_traversal"),
        ("a/..", "path_traversal"),
        ("/etc/passwd", "absolute_path"),
        ("C:\\Windows\\x.py", "absolute_path"),
        ("\\\\server\\share", "absolute_path"),
        ("a\x00b", "invalid_name"),
        ("./", "invalid_name"),
    ],
)
def test_safe_member_path(name, expected):
    if "/" in expected or expected.endswith(".py"):
        assert paths.safe_member_path(name) == expected
    else:
        with pytest.raises(paths.UnsafePath) as info:
            paths.safe_member_path(name)
        assert info.value.reason == expected


@pytest.mark.parametrize(
    ("path", "vendored", "generated"),
    [
        ("pip/_vendor/requests/api.py", True, False),
        ("node_modules/x/index.js", True, False),
        ("src/vendor.py", False, False),
        ("proto/api_pb2.py", False, True),
        ("static/app.min.js", False, True),
        ("shop/migrations/0001_initial.py", False, True),
        ("shop/migrations/__init__.py", False, False),
        ("pip/_internal/operations/build/wheel.py", False, False),
        ("web/__generated__/schema.ts", False, True),
    ],
)
def test_path_heuristics(path, vendored, generated):
    assert paths.is_vendored(path) is vendored
    assert paths.is_generated_path(path) is generated
