"""Run the whole chain from one config: build -> tokenizer -> shard -> verify -> train -> evaluate.

Each step runs when its config section is present (``build``, ``tokenizer``, ``release``, ``train``,
``evaluate``; ``verify`` follows ``release``). A step that finished writes ``OUT/_steps/<step>.json`` holding the
digest of the config it ran with; a rerun skips steps whose marker matches the current config and
inputs, so a killed ``incoder run`` resumes at the step it was in (``--force`` reruns everything).
At the end a summary table says what each step did and how long it took.

  incoder run --config configs/demo.yaml
  incoder run --config configs/demo.yaml --only build,tokenizer --set build.output.num_shards=2
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pipeline import fsio
from pipeline.config import ProjectConfig
from pipeline.errors import ConfigError, FatalError
from pipeline.layout import Layout
from tokenizer.release_format import Manifest

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class Step:
    name: str
    sections: tuple[str, ...]  # config sections the step depends on (its marker digest covers them)
    run: Callable[[ProjectConfig, list[str], bool], Any]
    output: Callable[[Layout], str] | None  # a file the step leaves behind; missing -> the step runs again


def _build(cfg: ProjectConfig, beam_args: list[str], force: bool) -> str:
    from pipeline.build import run_build

    stats = run_build(cfg, beam_args)
    return f"{stats['documents']['count']} documents kept, {stats['rejected']['count']} rejected"


def _tokenizer(cfg: ProjectConfig, beam_args: list[str], force: bool) -> str:
    from tokenizer.train import train_tokenizer

    return f"model {train_tokenizer(cfg, beam_args)}"


def _shard(cfg: ProjectConfig, beam_args: list[str], force: bool) -> str:
    from tokenizer.shard import run_shard

    release = run_shard(cfg, beam_args)
    manifest = Manifest.read(release, fsio.read_text)
    return ", ".join(f"{name}: {s.documents} docs / {s.tokens} tokens" for name, s in manifest.splits.items())


def _verify(cfg: ProjectConfig, beam_args: list[str], force: bool) -> str:
    from tokenizer.verify import verify_release

    problems = verify_release(cfg.layout.release)
    if problems:
        raise FatalError("release failed verification:\n  " + "\n  ".join(problems))
    return "release verified"


def _train(cfg: ProjectConfig, beam_args: list[str], force: bool) -> str:
    from training import io as tio
    from training.checkpoint import checkpoints_root
    from training.trainer import run_training

    # Without --force a rerun continues the latest checkpoint (a killed chain resumes mid-training);
    # --force retrains from scratch, like ``incoder train --fresh``.
    if force:
        root = checkpoints_root(cfg.train.run_dir)
        if tio.exists(root):
            log.info("--force: deleting %s", root)
            tio.remove_tree(root)
    summary = run_training(cfg.train, resume=None)
    keys = ("steps", "final_loss", "final_val_loss", "tokens_per_s")
    return ", ".join(f"{k}={summary[k]:.4g}" if isinstance(summary.get(k), float) else f"{k}={summary.get(k)}"
                     for k in keys if k in summary)


def _evaluate(cfg: ProjectConfig, beam_args: list[str], force: bool) -> str:
    from training.evaluate import run_configured

    return run_configured(cfg.evaluate, cfg.train)


STEPS: tuple[Step, ...] = (
    Step("build", ("build",), _build, lambda out: out.stats),
    Step("tokenizer", ("build", "tokenizer"), _tokenizer, lambda out: out.tokenizer_model),
    Step("shard", ("build", "tokenizer", "release"), _shard, lambda out: out.release_manifest),
    Step("verify", ("build", "tokenizer", "release"), _verify, lambda out: out.release_manifest),
    Step("train", ("build", "tokenizer", "release", "train"), _train, None),  # train.run_dir may lie elsewhere
    Step("evaluate", ("build", "tokenizer", "release", "train", "evaluate"), _evaluate, None),
)


def _digest(cfg: ProjectConfig, sections: tuple[str, ...]) -> str:
    data = cfg.to_dict()
    picked = {key: data.get(key) for key in ("output_dir", "seed", *sections)}
    return hashlib.sha256(json.dumps(picked, sort_keys=True, default=str).encode()).hexdigest()


def _marker(cfg: ProjectConfig, step: Step) -> str:
    return cfg.layout.step_marker(step.name)


def _is_done(cfg: ProjectConfig, step: Step) -> bool:
    path = _marker(cfg, step)
    if not fsio.exists(path):
        return False
    if step.output and not fsio.exists(step.output(cfg.layout)):
        return False
    try:
        return json.loads(fsio.read_text(path)).get("config_digest") == _digest(cfg, step.sections)
    except (ValueError, OSError):
        return False


def run_chain(cfg: ProjectConfig, beam_args: list[str], only: set[str] | None = None, force: bool = False) -> list[dict]:
    """Run the configured steps in order; returns one summary row per step."""
    unknown = (only or set()) - {s.name for s in STEPS}
    if unknown:
        raise ConfigError(f"--only: unknown step(s) {sorted(unknown)}")
    selected = [s for s in STEPS if all(getattr(cfg, sec) is not None for sec in s.sections[-1:])]
    if only:
        selected = [s for s in selected if s.name in only]
    if not selected:
        raise ConfigError("nothing to run: the config has none of the sections build, tokenizer, release, train, "
                          "evaluate")
    rows = []
    invalidated = False
    for step in selected:
        if not force and not invalidated and _is_done(cfg, step):
            log.info("step %s: already done with this config, skipping (use --force to rerun)", step.name)
            rows.append({"step": step.name, "status": "skipped (done)", "seconds": 0.0, "result": ""})
            continue
        invalidated = True  # every later step consumes this one's output: rerun them too
        log.info("step %s: starting", step.name)
        start = time.perf_counter()
        result = step.run(cfg, beam_args, force)
        seconds = time.perf_counter() - start
        fsio.write_json(_marker(cfg, step), {"step": step.name, "config_digest": _digest(cfg, step.sections),
                                             "seconds": round(seconds, 1), "result": str(result)})
        log.info("step %s: done in %.1f s: %s", step.name, seconds, result)
        rows.append({"step": step.name, "status": "ran", "seconds": seconds, "result": str(result)})
    return rows


def format_summary(rows: list[dict]) -> str:
    width = max(len(r["step"]) for r in rows)
    lines = [f"{'step':<{width}}  {'status':<15} {'time':>8}  result", "-" * (width + 40)]
    for r in rows:
        lines.append(f"{r['step']:<{width}}  {r['status']:<15} {r['seconds']:>7.1f}s  {r['result']}")
    return "\n".join(lines)
