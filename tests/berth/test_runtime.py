"""The HiGHS runtime: scheduler restarts, lingering threads, settle and close."""

from __future__ import annotations

import threading
import time

import highspy
import numpy as np
import pytest

from tradelane.berth import BerthParams, solve
from tradelane.solvers.highs import RUNTIME, HighsRuntime


def _tiny_mip(h: highspy.Highs) -> str:
    """max x + 2y, x + y <= 4.5, integers in [0, 5]; optimum -8 (y = 4)."""
    idx = np.array([0, 1], dtype=np.int32)
    h.addVars(2, np.zeros(2), np.full(2, 5.0))
    h.changeColsCost(2, idx, np.array([-1.0, -2.0]))
    h.addRow(-highspy.kHighsInf, 4.5, 2, idx, np.ones(2))
    h.changeColsIntegrality(2, idx, np.ones(2, dtype=np.uint8))
    h.run()
    return h.modelStatusToString(h.getModelStatus())


def test_scheduler_restarts_when_the_thread_count_changes():
    """Without the restart HiGHS answers "Not Set" to a run asking for another count."""
    before = RUNTIME.restarts
    for threads in (1, 2, 2, 1):
        h = RUNTIME.highs({"threads": threads, "random_seed": 1})
        assert _tiny_mip(h) == "Optimal"
        assert h.getInfo().objective_function_value == pytest.approx(-8.0)
        assert RUNTIME.scheduler_threads == threads
    assert RUNTIME.restarts - before in (2, 3)  # 1 → 2 → 1, plus 1 if it was at 2 before
    quiet = RUNTIME.restarts
    assert _tiny_mip(RUNTIME.highs({"random_seed": 1})) == "Optimal"  # no count: no restart
    assert RUNTIME.restarts == quiet


def test_highs_is_silent(capfd):
    assert _tiny_mip(RUNTIME.highs({"threads": 1})) == "Optimal"
    assert capfd.readouterr().out == ""


def test_settle_waits_for_lingering_threads_and_returns_the_wait():
    runtime = HighsRuntime()
    release = threading.Event()
    threads = [threading.Thread(target=release.wait, args=(5,), daemon=True) for _ in range(2)]
    for t in threads:
        runtime.start_lingering(t)
    assert runtime.lingering == 2 and all(t.is_alive() for t in threads)
    threading.Timer(0.3, release.set).start()
    waited = runtime.settle()
    assert 0.25 <= waited < 4.0
    assert not any(t.is_alive() for t in threads) and runtime.lingering == 0
    assert runtime.settle() < 0.05  # nothing left to wait for


def test_a_count_change_settles_first():
    """The scheduler is never restarted under a running thread of the runtime."""
    worker = threading.Thread(target=time.sleep, args=(0.3,), daemon=True)
    RUNTIME.start_lingering(worker)
    h = RUNTIME.highs({"threads": 2 if RUNTIME.scheduler_threads == 1 else 1})
    assert not worker.is_alive()
    assert _tiny_mip(h) == "Optimal"


def test_close_settles_and_refuses_more_work():
    runtime = HighsRuntime()
    worker = threading.Thread(target=time.sleep, args=(0.2,), daemon=True)
    runtime.start_lingering(worker)
    assert runtime.close() >= 0.15 and not worker.is_alive()
    with pytest.raises(RuntimeError, match="closed"):
        runtime.highs({"threads": 1})
    with pytest.raises(RuntimeError, match="closed"):
        runtime.start_lingering(threading.Thread(target=time.sleep, args=(0,)))
    assert runtime.close() < 0.05


def test_two_thread_exact_solve_leaves_nothing_after_settle(tiny):
    res = solve(tiny, BerthParams(time_limit_s=10, seed=1, threads=2))
    assert res.objective == 42
    assert RUNTIME.settle() >= 0.0
    assert RUNTIME.lingering == 0
    assert not any(t.name == "berth-final-mip" and t.is_alive() for t in threading.enumerate())
