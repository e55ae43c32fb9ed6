"""Use case: every ship's calls, planned and as simulated, for the dashboard's voyage view.

:func:`simulate_voyages` sails the case's lane ``params.runs`` times (the seeds and figures of
:func:`tradelane.sim.simulate`: run ``r`` of ``SeedSequence(params.seed)``) and keeps, for
each call of each ship, the planned arrival and the spread of the simulated arrival over the
runs, beside the usual summary (reliability by port and by month).
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

from tradelane.app.resources import Resources
from tradelane.app.simulation import republish_of, sim_case
from tradelane.domain import Case
from tradelane.sim import Percentiles, Scenario, SimCase, SimParams, SimSummary, summarise
from tradelane.sim.figures import run_figures
from tradelane.sim.voyage import ON_TIME_H, Arrival, run_once

SCENARIO_DIR = Path(__file__).resolve().parents[1] / "data" / "scenarios"
"""The scenarios shipped in the package (``red-sea-2024.toml`` …)."""


@dataclass(frozen=True, slots=True)
class CallOutcome:
    """One scheduled call of one ship over the runs.

    Attributes
    ----------
    ship, position : int
        The ship (1-based) and its call's place in its stream (0-based).
    locode : str
    planned_arrival, planned_departure : datetime
        The lane calendar's times.
    arrival_p50 : datetime or None
        Median simulated arrival over the runs that made the call.
    delay_h : Percentiles
        Arrival − scheduled arrival, hours, over the runs that made the call.
    on_time_pct : float or None
        Share of those runs arriving within ± 1 day.
    made_pct : float
        Share of the runs in which the ship made the call (skips and blank sailings aside).
    """

    ship: int
    position: int
    locode: str
    planned_arrival: datetime
    planned_departure: datetime
    arrival_p50: datetime | None
    delay_h: Percentiles
    on_time_pct: float | None
    made_pct: float


@dataclass(frozen=True, slots=True)
class VoyageSimulation:
    """Each ship's calls (in stream order) and the summary of the runs."""

    sim_case: SimCase
    scenario: Scenario
    params: SimParams
    summary: SimSummary
    ships: dict[int, list[CallOutcome]]
    runtime_s: float


def shipped_scenarios() -> dict[str, Path]:
    """The scenario files shipped in the package, by name (file stem)."""
    return {p.stem: p for p in sorted(SCENARIO_DIR.glob("*.toml"))}


def simulate_voyages(case: Case, params: SimParams, scenario: Scenario | None,
                     resources: Resources) -> VoyageSimulation:
    """Sail ``case``'s lane ``params.runs`` times and gather every ship's calls."""
    t0 = time.perf_counter()
    scenario = scenario or Scenario()
    sailed = sim_case(case, resources, routing=scenario.routing, start=scenario.start,
                      republish=republish_of(scenario))
    horizon_h = params.weeks * 7 * 24.0
    seeds = np.random.SeedSequence(params.seed)
    made: dict[tuple[int, int], list[Arrival]] = defaultdict(list)
    figures = []
    for run in range(params.runs):
        log = run_once(sailed, scenario, params.policy, horizon_h, seeds, run,
                       params.deterministic)
        figures.append(run_figures(sailed, scenario, log, run, params.policy.value))
        for a in log.arrivals:
            made[(a.ship, a.position)].append(a)
    ships = {ship: _calls(sailed, ship, horizon_h, made, params.runs)
             for ship in range(1, sailed.ships + 1)}
    return VoyageSimulation(sailed, scenario, params, summarise(figures),
                            {k: v for k, v in ships.items() if v},
                            time.perf_counter() - t0)


def _calls(case: SimCase, ship: int, horizon_h: float,
           made: dict[tuple[int, int], list[Arrival]], runs: int) -> list[CallOutcome]:
    out = []
    position = 0
    while (planned := case.published_h(ship, position))[0] < horizon_h:
        arrivals = made.get((ship, position), [])
        delays = [a.arrival_h - a.scheduled_h for a in arrivals]
        p50 = float(np.median([a.arrival_h for a in arrivals])) if arrivals else None
        out.append(CallOutcome(
            ship=ship, position=position, locode=case.locode(position % case.calls_per_loop),
            planned_arrival=_at(case, planned[0]), planned_departure=_at(case, planned[1]),
            arrival_p50=_at(case, p50) if p50 is not None else None,
            delay_h=Percentiles.of(delays),
            on_time_pct=100 * sum(abs(d) <= ON_TIME_H for d in delays) / len(delays)
            if delays else None,
            made_pct=100 * len(arrivals) / runs))
        position += 1
    return out


def _at(case: SimCase, hours: float) -> datetime:
    return case.anchor + timedelta(hours=hours)
