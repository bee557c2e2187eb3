"""The incoder command: every subcommand explains itself; errors exit non-zero with a message."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pipeline.cli import COMMANDS, main


def test_top_level_help_lists_every_command(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert name in out


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_subcommand_help(name):
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", name, "--help"], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert f"incoder {name}" in proc.stdout
    assert len(proc.stdout.splitlines()) >= 4


def test_unknown_command_and_config_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("output_dir: x\nbuild:\n  sources: [{kind: python-env}]\n  filterz: {}\n")
    assert main(["run", "--config", str(bad)]) == 2
    assert "build.filterz" in capsys.readouterr().err


def test_every_command_is_registered_once_and_domain_modules_parse_no_arguments(repo_root):
    import ast

    from pipeline.cli import command
    from pipeline.command import Command

    for name in COMMANDS:
        spec = command(name)
        assert isinstance(spec, Command) and spec.description(COMMANDS[name][1])
    domain = ["pipeline/build.py", "pipeline/run_all.py", "tokenizer/shard.py", "tokenizer/verify.py",
              "tokenizer/release_ops.py", "training/evaluate.py", "training/export.py", "training/infill.py",
              "training/submit.py"]
    for path in domain:
        tree = ast.parse((repo_root / path).read_text())
        imported = {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
        defined = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
        assert "argparse" not in imported and "add_arguments" not in defined, path
