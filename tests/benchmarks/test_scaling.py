"""The scaling benchmark's measurement helpers: stage labels, per-stage RSS rises, the process tree, the goals."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[2] / "benchmarks"))  # after the stdlib's modules

from scaling import _descendants, _kind, goals, stage_label, stage_rises  # noqa: E402

FUSED = ("((((DedupExact/GroupIds/Read)+(ref_AppliedPTransform_DedupExact-ChooseKept_44))"
         "+(ref_AppliedPTransform_WriteDedupKeys-JoinKeys-CoGroupByKeyImpl-Tag-exact-_663))"
         "+(FlattenRejected/Write/6))+(ref_PCollection_PCollection_59/Write)")


def test_stage_label_names_first_and_last_step_per_stage_and_drops_runner_plumbing():
    assert stage_label(FUSED) == "DedupExact/GroupIds..ChooseKept + WriteDedupKeys/JoinKeys"
    rounds = "(ref_AppliedPTransform_DedupNear-ConnectedComponents-LargeStar13-ParDo-_LargeStarFn-_290)"
    assert stage_label(rounds) == "DedupNear/ConnectedComponents"


def _log(events):
    return "\n".join(f"{t:.3f} apache_beam.x.run_bundle: Running bundle for stage {s}" for t, s in events)


def test_stage_rises_charge_each_window_and_skip_start_up():
    a, b, c, d = (f"(ref_AppliedPTransform_{name}_{i})" for i, name in
                  enumerate(["Read-Files", "Impulse-Marker", "Dedup-Join", "Write-Shard"]))
    log = _log([(10.0, a), (20.0, b), (30.0, c), (40.0, d)])
    # worker 7 is born in window a and imports (20 -> 220 MB) up to window b, its first whole window:
    # neither is charged; then +40 MB in c and +5 MB in d; process 99 is not a worker
    timeline = [(11.0, 7, 20.0), (15.0, 7, 120.0), (25.0, 7, 220.0), (29.0, 7, 220.0), (35.0, 7, 260.0),
                (39.0, 7, 230.0), (45.0, 7, 235.0), (36.0, 99, 999.0)]
    assert stage_rises(log, timeline, {7}) == {"Dedup/Join": 40.0, "Write/Shard": 5.0}


def test_process_tree_and_kinds():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(5)"])
    try:
        time.sleep(0.2)
        assert child.pid in _descendants(os.getpid())
        assert _kind(os.getpid(), os.getpid()) == "controller"
        assert _kind(child.pid, os.getpid()) == "other"
    finally:
        child.kill()
        child.wait()


def _row(mode, factor, mb, cpu, controller, worker, cpu_sd=0.0):
    return {"mode": mode, "factor": factor, "mb": mb, "cpu": cpu, "cpu_sd": cpu_sd, "passes": 3,
            "controller_mb": controller, "worker_mb": worker, "rises": {}}


SIZES = ((1, 1.0), (4, 4.0), (16, 16.0))


def test_goals_judge_the_worker_not_the_controller():
    flat = [_row("multi_processing", f, mb, 10 + mb, 300 + 20 * mb, 400 + 0.5 * mb) for f, mb in SIZES]
    assert goals(flat)  # the controller grows 20 MB/MB: the shuffle, not a worker
    assert not goals([dict(r, worker_mb=400 + 5 * r["mb"]) for r in flat])


def test_time_goal_catches_a_quadratic_cost_on_geometric_sizes():
    # last / overall slope is only (4 + 16) / (1 + 16) = 1.18 here; last / first is 20 / 5 = 4
    quadratic = [_row("in_process", f, mb, 10 + mb**2, 300, 300) for f, mb in SIZES]
    assert not goals(quadratic)
    linear_noisy = [_row("in_process", f, mb, 10 + mb - (1.0 if f == 4 else 0.0), 300, 300, cpu_sd=1.0)
                    for f, mb in SIZES]
    assert goals(linear_noisy)  # a first segment lowered by noise stays within two standard errors
