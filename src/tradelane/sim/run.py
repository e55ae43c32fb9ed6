"""``simulate(case, params, scenario) -> Result[SimSummary]`` and its pure core."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta

import numpy as np

from tradelane.errors import InputError
from tradelane.result import Result, Status
from tradelane.sim.figures import RunFigures, SimSummary, run_figures, summarise
from tradelane.sim.model import SimCase
from tradelane.sim.params import SimParams
from tradelane.sim.scenario import Scenario
from tradelane.sim.voyage import run_once


def simulate_runs(case: SimCase, params: SimParams, scenario: Scenario | None,
                  seed_sequence: np.random.SeedSequence,
                  progress: Callable[[int], None] | None = None) -> list[RunFigures]:
    """``params.runs`` replications, run ``r`` drawing from children of ``seed_sequence``
    keyed ``(r, ship, source)``.

    Pure: the figures depend only on the arguments (``params.seed`` is not read; the seed
    sequence is), never on the process, the worker count or earlier calls, so a sweep task
    repeats bit for bit anywhere. ``progress``, when given, is called with 1 after each run.
    """
    scenario = scenario or Scenario()
    _check_republished(case, scenario)
    horizon_h = params.weeks * 7 * 24.0
    out = []
    for run in range(params.runs):
        log = run_once(case, scenario, params.policy, horizon_h, seed_sequence, run,
                       params.deterministic)
        out.append(run_figures(case, scenario, log, run, params.policy.value))
        if progress is not None:
            progress(1)
    return out


def _check_republished(case: SimCase, scenario: Scenario) -> None:
    """A scenario's re-published schedules must be those the SimCase was planned with."""
    want = [(r.start, r.routing) for r in scenario.republications]
    have = [(case.anchor + timedelta(hours=h), routing) for h, routing, _ in case.republished]
    same = len(want) == len(have) and all(
        w[1] == h[1] and abs((w[0] - h[0]).total_seconds()) < 1
        for w, h in zip(want, have, strict=True))
    if not same:
        raise InputError("scenario.republish", [f"{m.isoformat()} {r}" for m, r in want],
                         "needs a SimCase planned with these schedules "
                         "(tradelane.app.simulation.sim_case(..., republish=...))")


def simulate(case: SimCase, params: SimParams, scenario: Scenario | None = None, *,
             progress: Callable[[int], None] | None = None) -> Result[SimSummary]:
    """Simulate ``params.runs`` replications of the lane under ``scenario``.

    The seed sequence is ``numpy.random.SeedSequence(params.seed)``: the same seed gives the
    same weather, waits and handling to every policy (common random numbers).

    Returns
    -------
    Result[SimSummary]
        Status ``feasible`` (a simulation proves nothing), objective the median cost per TEU
        (``None`` when no run loaded cargo), no bound; ``stats`` holds ``ship_voyages`` (round
        voyages of one ship completed, over all runs) and ``ship_voyages_per_s``.
    """
    t0 = time.perf_counter()
    runs = simulate_runs(case, params, scenario, np.random.SeedSequence(params.seed),
                         progress)
    return result_of(runs, params, time.perf_counter() - t0)


def result_of(runs: list[RunFigures], params: SimParams,
              runtime: float) -> Result[SimSummary]:
    """The Result of :func:`simulate` for ``runs`` simulated in ``runtime`` seconds."""
    summary = summarise(runs)
    voyages = sum(r.ship_voyages for r in runs)
    return Result(status=Status.FEASIBLE, objective=summary.cost_usd_per_teu.p50, bound=None,
                  runtime_s=runtime, seed=params.seed, solution=summary,
                  stats={"ship_voyages": voyages,
                         "ship_voyages_per_s": voyages / runtime if runtime > 0 else None})
