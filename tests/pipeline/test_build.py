"""End-to-end ``incoder build`` (pipeline/build.py) on small local trees: outputs, accounting, reruns, CLI,
config errors."""

from __future__ import annotations

import json
import shutil
import tarfile
from pathlib import Path

import pytest
import yaml

from pipeline import cli
from pipeline.build import run_build
from pipeline.config import parse_config
from pipeline.stages.write_documents import part_name
from tests.fakes.repos import OTHERS_OFF, read_parts, tar_member


def config(out: Path, source_path: Path, **build) -> dict:
    base = {"sources": [{"kind": "local", "path": str(source_path)}], "output": {"num_shards": 3}, **OTHERS_OFF}
    base.update(build)
    return {"output_dir": str(out), "build": base}


def write_config(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


@pytest.mark.timeout(120)
def test_build_end_to_end(tmp_path, tree):
    out = tmp_path / "out"
    stats = run_build(parse_config(config(out, tree)), [])

    docs = {(d["repo"], d["path"]): d for d in read_parts(out / "documents")}
    assert {k for k in docs if k[1] != "pkg/util.py"} == {
        ("octo/alpha", "web.js"), ("octo/alpha", "notes.md"), ("beta", "src/main.go"), ("copy-b", "README.rst")}
    assert sum(1 for k in docs if k[1] == "pkg/util.py") == 1
    rejected = {(r["repo"], r["path"]): r for r in read_parts(out / "rejected")}
    reasons = {key: r["reason"] for key, r in rejected.items()}
    assert reasons[("octo/alpha", "LICENSE")] == "unsupported_language"
    assert reasons[("octo/alpha", "blob.c")] == "binary"
    assert reasons[("beta", "gen/api_pb2.py")] == "generated_path"
    assert reasons[("beta", "data.bin")] == "unsupported_language"
    # alpha's util.py and copy-b's tab-indented copy share the exact-dedup key: one is kept
    utils = [k for k in list(docs) + list(rejected) if k[1] == "pkg/util.py"]
    assert len(utils) == 2
    loser = next(r for k, r in rejected.items() if k[1] == "pkg/util.py")
    assert loser["reason"] == "exact_duplicate" and loser["duplicate_of"] in {d["id"] for d in docs.values()}

    alpha_util = docs.get(("octo/alpha", "pkg/util.py")) or rejected[("octo/alpha", "pkg/util.py")]
    assert (alpha_util["source"], alpha_util["stars"], alpha_util["license"]) == ("github", 7, "MIT")
    # ten files in the tree, and the stray top-level file is a rejected row naming it
    assert len(docs) + len(rejected) == 11
    assert rejected[("stray.txt", "stray.txt")]["reason"] == "not_a_repository"

    acc = stats["accounting"]
    assert acc["balanced"] and acc["input_files"] == 11
    assert acc["documents_written"] == len(docs) and acc["rejected_written"] == len(rejected)
    assert stats["stages"]["ReadRepositories"]["skipped"] == {}
    assert stats["stages"]["ReadRepositories"]["rejected"] == {"not_a_repository": 1}
    assert sum(stats["documents"]["by_language"].values()) == len(docs)
    assert stats["documents"]["by_source"] == {
        s: sum(1 for d in docs.values() if d["source"] == s) for s in {d["source"] for d in docs.values()}}
    on_disk = json.loads((out / "stats.json").read_text())
    assert on_disk["accounting"] == acc
    assert list(on_disk["stages"])[:3] == ["ReadRepositories", "DetectLicenses", "FilesToDocuments"]
    assert list(on_disk["stages"])[-3:] == ["WriteDocuments", "RedactRejected", "WriteRejected"]
    assert yaml.safe_load((out / "config.yaml").read_text())["build"]["output"]["num_shards"] == 3
    assert not list(out.glob(".staging-*"))


@pytest.mark.timeout(180)
def test_rerun_is_identical_and_replaces_stale_parts(tmp_path, tree):
    out = tmp_path / "out"
    run_build(parse_config(config(out, tree)), [])
    first = {p.name: p.read_bytes() for p in (out / "documents").iterdir()}
    run_build(parse_config(config(out, tree)), [])
    assert {p.name: p.read_bytes() for p in (out / "documents").iterdir()} == first

    run_build(parse_config(config(out, tree, output={"num_shards": 2})), [])
    names = sorted(p.name for p in (out / "documents").iterdir())
    assert names == ["part-00000-of-00002.parquet", "part-00001-of-00002.parquet"]
    assert sorted(p.name for p in (out / "rejected").iterdir()) == names


@pytest.mark.timeout(120)
def test_target_shard_mb_derives_the_part_count_from_the_text(tmp_path, tree):
    out = tmp_path / "out"
    run_build(parse_config(config(out, tree, output={"target_shard_mb": 1e-4})), [])  # 100 characters a part

    def expected(rows):
        return max(1, -(-sum(len(r["content"] or "") for r in rows) // 100))

    n = expected(read_parts(out / "documents"))
    assert n > 1
    parts = sorted(p.name for p in (out / "documents").iterdir())
    assert parts == [part_name(i, n) for i in range(n)]
    assert sorted(p.name for p in (out / "dedup_keys").iterdir()) == parts  # key part i: document part i's keys
    m = expected(read_parts(out / "rejected"))
    assert sorted(p.name for p in (out / "rejected").iterdir()) == [part_name(i, m) for i in range(m)]
    assert yaml.safe_load((out / "config.yaml").read_text())["build"]["output"]["target_shard_mb"] == 1e-4


@pytest.mark.timeout(120)
def test_hostile_tree(tmp_path):
    root = tmp_path / "repos"
    repo = root / "hostile"
    repo.mkdir(parents=True)
    (repo / "oneline.js").write_bytes(b"a," * 25_000_000)  # a 50 MB single-line file
    (repo / "latin.py").write_bytes("# r\xe9sum\xe9\nx = 1\n".encode("cp1252") * 3)
    (repo / "garbage.py").write_bytes(bytes(range(128, 256)) * 4)
    (repo / "nul.py").write_bytes(b"x = 1\n\x00\x00\x00")
    (repo / "link.py").symlink_to("/etc/passwd")
    with tarfile.open(root / "evil.tar.gz", "w:gz") as tar:
        tar_member(tar, "../../escape.py", b"x = 1\n")
        tar_member(tar, "ok.py", b"def ok():\n    return True\n")
        tar_member(tar, "dev", type=tarfile.CHRTYPE)
    (root / "truncated.tar.gz").write_bytes((root / "evil.tar.gz").read_bytes()[:40])
    out = tmp_path / "out"
    stats = run_build(parse_config(config(out, root, limits={"max_file_bytes": 60_000_000})), [])
    reasons = {r["path"]: r["reason"] for r in read_parts(out / "rejected")}
    assert reasons == {"oneline.js": "line_too_long", "garbage.py": "undecodable", "nul.py": "binary",
                       "truncated.tar.gz": "truncated_archive", "link.py": "symlink",
                       "../../escape.py": "path_traversal", "dev": "device"}
    kept = {d["path"]: d["content"] for d in read_parts(out / "documents")}
    assert set(kept) == {"latin.py", "ok.py"} and "résumé" in kept["latin.py"]
    assert stats["stages"]["ReadRepositories"]["skipped"] == {}
    assert stats["accounting"]["balanced"]

    stats = run_build(parse_config(config(tmp_path / "out2", root)), [])
    assert stats["stages"]["ReadRepositories"]["rejected"]["file_too_large"] == 1


@pytest.mark.timeout(120)
def test_cli_build_prints_summary(tmp_path, tree, capsys):
    path = write_config(tmp_path, config(tmp_path / "out", tree))
    assert cli.main(["build", "--config", str(path), "--set", "build.output.num_shards=1"]) == 0
    printed = capsys.readouterr().out
    assert "ReadRepositories" in printed and "every file accounted for" in printed
    assert len(list((tmp_path / "out" / "documents").glob("part-*-of-00001.parquet"))) == 1


@pytest.mark.parametrize(
    ("patch", "named"),
    [
        ({"limits": {"max_file_bytez": 10}}, "build.limits.max_file_bytez"),
        ({"output": {"num_shards": "two"}}, "build.output.num_shards"),
        ({"output": {"num_shards": 0}}, "build.output.num_shards"),
        ({"output": {"num_shards": 2, "target_shard_mb": 64}}, "build.output"),
        ({"output": {"target_shard_mb": 0}}, "build.output.target_shard_mb"),
        ({"limits": {"max_compression_ratio": 1}}, "build.limits.max_compression_ratio"),
        ({"sources": []}, "build.sources"),
        ({"sources": [{"kind": "svn", "path": "x"}]}, "build.sources.0"),
        ({"filters": {"languages": ["klingon"]}}, "build.filters.languages"),
    ],
)
def test_config_errors_name_the_key(tmp_path, tree, capsys, patch, named):
    data = config(tmp_path / "out", tree)
    data["build"].update(patch)
    path = write_config(tmp_path, data)
    assert cli.main(["build", "--config", str(path)]) == 2
    assert named in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_missing_source_directory_is_fatal(tmp_path, capsys):
    path = write_config(tmp_path, config(tmp_path / "out", tmp_path / "nowhere"))
    assert cli.main(["build", "--config", str(path)]) == 1
    assert "not found" in capsys.readouterr().err


def test_build_help_describes_the_command(capsys):
    with pytest.raises(SystemExit):
        cli.main(["build", "--help"])
    assert "parquet" in capsys.readouterr().out


@pytest.mark.timeout(300)
def test_multi_process_run_equals_single_process(tmp_path, tree):
    single, multi = tmp_path / "single", tmp_path / "multi"
    run_build(parse_config(config(single, tree)), [])
    stats = run_build(parse_config(config(multi, tree)),
                      ["--direct_num_workers=2", "--direct_running_mode=multi_processing"])
    for table in ("documents", "rejected"):
        a = {p.name: p.read_bytes() for p in (single / table).iterdir()}
        b = {p.name: p.read_bytes() for p in (multi / table).iterdir()}
        assert a == b, table
    assert stats["accounting"]["balanced"]


@pytest.mark.timeout(180)
def test_stackoverflow_documents_flow_into_the_same_outputs(tmp_path, tree, shared_data):
    dumps = tmp_path / "dumps"
    shutil.copytree(shared_data / "stackexchange" / "conlang_meta_2020", dumps / "conlang_meta_2020")
    data = config(tmp_path / "out", tree)
    data["build"]["sources"].append({"kind": "stackoverflow", "path": str(dumps)})
    stats = run_build(parse_config(data), [])
    docs = read_parts(tmp_path / "out" / "documents")
    posts = [d for d in docs if d["source"] == "stackoverflow"]
    assert posts and all(d["lang"] == "stackoverflow" for d in posts)
    assert stats["documents"]["by_source"]["stackoverflow"] == len(posts)
    assert stats["accounting"]["balanced"]


class _FakeCounter:
    def __init__(self, namespace: str, name: str, value: int) -> None:
        from types import SimpleNamespace

        self.key = SimpleNamespace(metric=SimpleNamespace(namespace=namespace, name=name))
        self.committed = value
        self.attempted = value


class _FakeResult:
    def __init__(self, counters: dict[str, dict[str, int]]) -> None:
        self.counters = [_FakeCounter(ns, name, v) for ns, values in counters.items() for name, v in values.items()]

    def metrics(self):
        return self

    def query(self, _filter):
        return {"counters": self.counters}


@pytest.mark.parametrize(
    ("written_rejected", "balanced"),
    [(3, True), (2, False)],  # one rejected row lost on the way: the check must notice
)
def test_accounting_detects_a_lost_record(written_rejected, balanced):
    from pipeline.build import STAGE_ORDER, build_report

    counters = {
        "ReadRepositories": {"seen": 10, "kept": 7, "rejected.file_too_large": 1, "skipped.symlink": 2},
        "FilesToDocuments": {"seen": 7, "kept": 5, "rejected.binary": 2},
        "WriteDocuments": {"seen": 5, "kept": 5, "lang.python": 5, "license.MIT": 5, "source.local": 5,
                           "bytes.kept": 500},
        "WriteRejected": {"seen": written_rejected, "kept": written_rejected},
    }
    cfg = parse_config({"output_dir": "/tmp/unused", "build": {"sources": [{"kind": "python-env"}]}})
    stats = build_report(_FakeResult(counters), STAGE_ORDER, cfg, 1.0)
    assert stats["accounting"]["balanced"] is balanced
    assert stats["accounting"]["input_files"] == 10
    assert stats["documents"] == {"count": 5, "bytes": 500, "by_language": {"python": 5},
                                  "by_license": {"MIT": 5}, "by_source": {"local": 5}}
    assert list(stats["stages"]) == ["ReadRepositories", "FilesToDocuments", "WriteDocuments", "WriteRejected"]


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_full_chain_multi_process_equals_single_process(tmp_path, tree):
    """Every stage enabled (licences with scancode, PII, decontamination, near-dedup)."""
    data = config(tmp_path / "single", tree)
    for key in OTHERS_OFF:
        data["build"].pop(key)
    run_build(parse_config(data), [])
    data["output_dir"] = str(tmp_path / "multi")
    run_build(parse_config(data), ["--direct_num_workers=2", "--direct_running_mode=multi_processing"])
    for table in ("documents", "rejected"):
        a = {p.name: p.read_bytes() for p in (tmp_path / "single" / table).iterdir()}
        b = {p.name: p.read_bytes() for p in (tmp_path / "multi" / table).iterdir()}
        assert a == b, table


@pytest.mark.timeout(180)
def test_failed_run_leaves_previous_output_untouched(tmp_path, tree, monkeypatch):
    out = tmp_path / "out"
    run_build(parse_config(config(out, tree)), [])
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    from pipeline.stages import filter_quality

    def explode(self, doc):
        raise RuntimeError("worker crashed")

    monkeypatch.setattr(filter_quality.FilterQualityFn, "process", explode)
    with pytest.raises(Exception, match="worker crashed"):
        run_build(parse_config(config(out, tree, output={"num_shards": 2})), [])
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert not list(out.glob(".staging-*"))
