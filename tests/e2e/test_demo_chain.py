"""End to end: ``incoder run`` on a small version of the demo config -- build, tokenizer, release,
verify, train -- then a rerun that skips every finished step. The full demo (configs/demo.yaml)
is the same chain on more distributions and more steps."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import yaml

from pipeline.cli import main


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory, repo_root) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("demo")
    cfg = yaml.safe_load((repo_root / "configs" / "demo.yaml").read_text())
    cfg["output_dir"] = str(out)
    cfg["build"]["sources"][0]["include"] = ["six", "idna", "chardet", "pip"]
    cfg["build"]["sources"][1]["path"] = str(repo_root / "pipeline/sources/data/stackoverflow_sample")
    cfg["train"].update(max_steps=12, log_every_steps=4)
    cfg["train"]["checkpoint"]["every_steps"] = 6
    cfg["train"]["eval"]["every_steps"] = 6
    cfg["train"]["eval"]["batches"] = 2
    cfg["train"]["optimizer"]["warmup_steps"] = 2
    path = out / "demo-small.yaml"
    path.write_text(yaml.safe_dump(cfg))
    assert main(["run", "--config", str(path)]) == 0
    return out, path


@pytest.mark.timeout(1200)
def test_chain_produces_a_verified_release_and_a_trained_model(demo_run):
    out, _ = demo_run
    stats = json.loads((out / "stats.json").read_text())
    assert stats["accounting"]["balanced"], stats["accounting"]
    for stage, counters in stats["stages"].items():
        assert counters["balanced"], stage
    # Copyleft code was seen and dropped; pip's vendored copies were deduplicated.
    licenses = stats["stages"]["DetectLicenses"]
    assert licenses["rejected"].get("license_not_permissive", 0) > 0
    dups = stats["stages"]["DedupExact"]["rejected"].get("exact_duplicate", 0)
    near = stats["stages"]["DedupNear"]["rejected"].get("near_duplicate", 0)
    assert dups + near > 0
    vendored = sum(stats["stages"][s].get("vendored_copies_removed", 0) for s in ("DedupExact", "DedupNear"))
    assert 0 < vendored <= dups + near
    docs = pq.read_table(out / "documents").to_pylist()
    assert {d["source"] for d in docs} == {"local", "stackoverflow"}
    assert all(d["license"] for d in docs)

    manifest = json.loads((out / "release" / "manifest.json").read_text())
    assert manifest["splits"]["train"]["tokens"] > 0
    assert (out / "release" / "DATACARD.md").is_file()

    lines = [json.loads(line) for line in (out / "train" / "metrics.jsonl").read_text().splitlines()]
    assert any(row.get("step") == 12 for row in lines)
    assert (out / "train" / "loss.png").is_file()


@pytest.mark.timeout(600)
def test_rerun_skips_finished_steps_and_verify_accepts_release(demo_run, capsys):
    out, path = demo_run
    capsys.readouterr()
    assert main(["run", "--config", str(path)]) == 0
    summary = capsys.readouterr().out
    assert summary.count("skipped (done)") == 5, summary
    assert main(["verify", str(out / "release")]) == 0
