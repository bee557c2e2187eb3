"""Held-out infilling across a run's checkpoints: when does causal masking pull ahead of left-to-right?

The InCoder paper's claim (section 4, Table 2) is an ordering at scale: CM infilling beats L-R
reranking, which beats L-R single. This script follows one training run checkpoint by checkpoint on
the same held-out single-line tasks (``training.heldout.build_tasks`` over the release's ``heldout/``
repositories, fixed seed), so a reader sees whether and when the ordering appears:

- mean log-likelihood (nats/token) of the true line read left to right (L-R) and read after InCoder's
  CM prompt (left, ``<|mask:0|>``, right, ``<|mask:1|>``, ``<|mask:0|>``), with bootstrap 95% intervals;
- exact match of L-R single and CM infilling (both greedy; reranking samples 10 candidates per task
  and is scored by ``incoder eval``, not here, to keep one checkpoint under a minute on a CPU);
- the run's validation loss at that step (metrics.jsonl).

It writes a PNG chart and a JSON file and prints a table. Goal, at the last checkpoint: CM's span
log-likelihood above L-R's, and CM's exact match above L-R single's with separated intervals. Exits 1
when the goal is missed (2 on bad input).

``--split train`` is the diagnostic that tells under-fitting from over-fitting: the same kind of tasks,
drawn from files the model *trained on* (the release's ``train`` ids, their text read from the build's
``documents/``). A model that cannot fill lines it has seen is short of capacity or compute, not of
generalisation.

    .venv/bin/python benchmarks/infill_curve.py --run out/quality/train --release out/quality/release
    .venv/bin/python benchmarks/infill_curve.py --run out/quality/train --release out/quality/release \
        --split train --documents out/quality/documents --last --chart /tmp/infill_train.png
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import torch

from tokenizer.release_format import Manifest
from training import heldout
from training import io as tio
from training.checkpoint import checkpoints_root, load_for_inference, read_meta
from training.evaluate import PYTHON_PREFIX, EvalOptions, model_completers

ROOT = Path(__file__).resolve().parents[1]


def step_dirs(run_dir: str) -> list[str]:
    """Complete checkpoints of a run, oldest first."""
    root = checkpoints_root(run_dir)
    names = [n for n in tio.list_dir(root) if n.startswith("step-") and tio.isfile(tio.join(root, n, "meta.json"))]
    return [tio.join(root, n) for n in sorted(names)]


def val_losses(run_dir: str) -> dict[int, float]:
    path = tio.join(run_dir, "metrics.jsonl")
    rows = [json.loads(line) for line in tio.read_text(path).splitlines() if line.strip()] if tio.exists(path) else []
    return {r["step"]: r["val_loss"] for r in rows if "val_loss" in r}


def training_documents(release_dir: str, documents_dir: str) -> list[dict]:
    """Build documents (id, lang, content) whose ids are in the release's ``train`` split."""
    import pyarrow.parquet as pq

    from training.release import Release

    release = Release(release_dir)
    ids: set[str] = set()
    for shard in release.files("train"):
        ids.update(release.open_parquet(shard).read(columns=["id"]).column("id").to_pylist())
    docs = []
    for name in sorted(tio.list_dir(documents_dir)):
        if name.endswith(".parquet"):
            table = pq.read_table(tio.join(documents_dir, name), columns=["id", "lang", "content"])
            docs.extend(d for d in table.to_pylist() if d["id"] in ids)
    return sorted(docs, key=lambda d: d["id"])


def score_checkpoint(path: str, tasks: list, tokenizer_path: str | None, max_new: int) -> dict:
    """Span log-likelihoods and exact matches of L-R single and CM on ``tasks``, as ``incoder eval`` scores them."""
    from tokenizer.spm import IncoderTokenizer

    model, _cfg, ckpt_tokenizer = load_for_inference(path)
    tokenizer = IncoderTokenizer(tokenizer_path or ckpt_tokenizer)
    start = time.perf_counter()
    completers = model_completers(model, tokenizer, ["lr-single", "cm"], EvalOptions(max_new_tokens=max_new))
    rows = heldout.evaluate(model, tokenizer, tasks, completers, PYTHON_PREFIX)
    cells = heldout.summarize(rows)["single-line"]
    return {"checkpoint": path, "step": read_meta(path).get("step"), "seconds": time.perf_counter() - start,
            "lr_ll": cells["lr-single"]["span_loglik"], "cm_ll": cells["cm"]["span_loglik"],
            "lr_em": cells["lr-single"]["exact_match"], "cm_em": cells["cm"]["exact_match"], "rows": rows}


def chart(points: list[dict], losses: dict[int, float], path: Path, split: str = "heldout") -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    steps = [p["step"] for p in points]
    fig, (ax_ll, ax_em) = plt.subplots(1, 2, figsize=(10, 4))
    for key, label in (("lr_ll", "L-R reading"), ("cm_ll", "CM reading")):
        mean = [p[key][0] for p in points]
        ax_ll.plot(steps, mean, "o-", label=label)
        ax_ll.fill_between(steps, [p[key][1] for p in points], [p[key][2] for p in points], alpha=0.2)
    ax_ll.set(xlabel="step", ylabel="true line: mean log-lik. (nats/token)", title="span log-likelihood (95% CI)")
    if losses:
        twin = ax_ll.twinx()
        twin.plot(sorted(losses), [-losses[s] for s in sorted(losses)], ":", color="grey", label="-validation loss")
        twin.set_ylabel("- validation loss (nats/token)", color="grey")
    for key, label in (("lr_em", "L-R single"), ("cm_em", "CM infilling")):
        ax_em.plot(steps, [p[key][0] for p in points], "o-", label=label)
        ax_em.fill_between(steps, [p[key][1] for p in points], [p[key][2] for p in points], alpha=0.2)
    ax_em.set(xlabel="step", ylabel="exact match (%)", title=f"{'held-out' if split == 'heldout' else 'training-file'} single-line exact match (95% CI)")
    for ax in (ax_ll, ax_em):
        ax.grid(alpha=0.3)
        ax.legend(loc="upper left")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", required=True, help="the run directory (train.run_dir) holding checkpoints/")
    parser.add_argument("--release", required=True, help="the release whose heldout/ repositories give the tasks")
    parser.add_argument("--tasks", type=int, default=150, help="held-out single-line tasks")
    parser.add_argument("--seed", type=int, default=1234, help="task sampling seed (the run's seed)")
    parser.add_argument("--max-new-tokens", type=int, default=48)
    parser.add_argument("--tokenizer", help="tokenizer.model (default: the checkpoint's copy)")
    parser.add_argument("--chart", type=Path, default=ROOT / "docs" / "img" / "infill_curve.png")
    parser.add_argument("--json", type=Path, help="write every point (and per-task rows) here")
    parser.add_argument("--split", choices=("heldout", "train"), default="heldout",
                        help="draw tasks from held-out repositories (the result) or from training files (diagnostic)")
    parser.add_argument("--documents", help="the build's documents/ directory (with --split train)")
    parser.add_argument("--last", action="store_true", help="score only the last checkpoint")
    args = parser.parse_args()
    if args.split == "train" and not args.documents:
        parser.error("--split train needs --documents (the build's documents/ directory)")

    from tokenizer import heldout as split

    checkpoints = step_dirs(args.run)
    if not checkpoints:
        print(f"no complete checkpoints under {checkpoints_root(args.run)}", file=sys.stderr)
        return 2
    if args.last:
        checkpoints = checkpoints[-1:]
    if args.split == "train":
        docs = training_documents(args.release, args.documents)
    else:
        docs = split.read_documents(args.release, Manifest.read(args.release, tio.read_text), tio.read_bytes)
    tasks = heldout.build_tasks(docs, "single-line", args.tasks, args.seed)
    if not tasks:
        print(f"{args.release}: no {args.split} single-line tasks", file=sys.stderr)
        return 2
    torch.set_grad_enabled(False)
    losses = val_losses(args.run)
    print(f"{len(tasks)} {args.split} single-line tasks from {len(docs)} files; {len(checkpoints)} checkpoints")
    print("| step | val loss | L-R span LL | CM span LL | L-R single EM % | CM EM % | s |")
    print("|---:|---:|---|---|---|---|---:|")
    points = []
    for path in checkpoints:
        p = score_checkpoint(path, tasks, args.tokenizer, args.max_new_tokens)
        points.append(p)
        cell = lambda v, f="{:.2f}": f"{f.format(v[0])} [{f.format(v[1])}, {f.format(v[2])}]"  # noqa: E731
        loss = losses.get(p["step"])
        print(f"| {p['step']} | {loss:.3f} |" if loss is not None else f"| {p['step']} | - |",
              cell(p["lr_ll"]), "|", cell(p["cm_ll"]), "|", cell(p["lr_em"], "{:.1f}"), "|",
              cell(p["cm_em"], "{:.1f}"), f"| {p['seconds']:.0f} |", flush=True)
    chart(points, losses, args.chart, args.split)
    print(f"chart: {args.chart}")
    if args.json:
        args.json.write_text(json.dumps(points, indent=1))
    last = points[-1]
    ll_ok = last["cm_ll"][0] > last["lr_ll"][0]
    em_ok = last["cm_em"][1] > last["lr_em"][2]
    print(f"goal at step {last['step']}: CM span log-lik. above L-R's: {'met' if ll_ok else 'missed'}; "
          f"CM exact match above L-R single's with separated intervals: {'met' if em_ok else 'missed'}")
    return 0 if ll_ok and em_ok else 1


if __name__ == "__main__":
    sys.exit(main())
