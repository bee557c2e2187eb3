"""incoder run: step markers make a rerun skip finished steps and redo the ones whose output is gone."""

from __future__ import annotations

from pipeline.config import parse_config


def test_run_chain_reruns_a_step_whose_output_is_gone(tmp_path, monkeypatch):
    from pipeline import run_all

    calls = []
    steps = tuple(
        run_all.Step(s.name, s.sections, lambda cfg, beam_args, force, name=s.name: calls.append(name) or "ok",
                     s.output)
        for s in run_all.STEPS if s.name in ("build", "tokenizer")
    )
    monkeypatch.setattr(run_all, "STEPS", steps)
    cfg = parse_config({"output_dir": str(tmp_path), "build": {"sources": [{"kind": "python-env"}]},
                        "tokenizer": {"vocab_size": 4000}})
    (tmp_path / "tokenizer").mkdir()
    (tmp_path / "stats.json").write_text("{}")
    (tmp_path / "tokenizer" / "spm.model").write_text("m")
    run_all.run_chain(cfg, [])
    assert calls == ["build", "tokenizer"]
    rows = run_all.run_chain(cfg, [])
    assert calls == ["build", "tokenizer"] and [r["status"] for r in rows] == ["skipped (done)"] * 2
    (tmp_path / "tokenizer" / "spm.model").unlink()  # output gone: that step (and later ones) run again
    run_all.run_chain(cfg, [])
    assert calls == ["build", "tokenizer", "tokenizer"]
    run_all.run_chain(cfg, [], force=True)
    assert calls[-2:] == ["build", "tokenizer"]
