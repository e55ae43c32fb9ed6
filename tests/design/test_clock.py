"""The time limit on the CPU clock: what a worker searched counts, not where it ran."""

from __future__ import annotations

import time
from pathlib import Path

from tradelane.design.params import DesignParams
from tradelane.design.solve import solve
from tradelane.linerlib.instance import load_instance


def test_cpu_clock_stops_at_the_limit(four_ports: Path) -> None:
    inst = load_instance(four_ports, "Quad")
    t0 = time.process_time()
    run = solve(inst, DesignParams(time_limit_s=1.0, seed=3, cpu_clock=True,
                                   round_iterations=10_000_000))
    spent = time.process_time() - t0
    assert run.solution is not None
    assert 1.0 <= run.runtime_s < 1.0 + 0.5 * spent  # the final evaluation comes after it
    assert all(t <= run.runtime_s for t, _ in run.solution.trace)


def test_parallel_workers_count_once_on_the_cpu_clock(four_ports: Path) -> None:
    """Two workers of a round run here one after the other (as on two Dask processes): the
    run's budget counts the longer one, so this process spends about twice the limit."""
    inst = load_instance(four_ports, "Quad")
    t0 = time.process_time()
    run = solve(inst, DesignParams(time_limit_s=1.0, seed=3, cpu_clock=True, workers=2,
                                   round_iterations=10_000_000))
    spent = time.process_time() - t0
    assert run.solution is not None
    assert run.runtime_s < 1.5
    assert spent > 1.8
