"""Use case: simulate a case's lane under a scenario with a recovery policy.

:func:`sim_case` turns a case (and a scenario's choice of routing and calendar start) into the
plain :class:`~tradelane.sim.SimCase` the simulator sails: the planned option's lane calendar
and legs, each leg's ocean areas, the detours that avoid a closed canal, the legs a skipped or
swapped call needs, and the prices. :func:`simulate_case` runs it; :func:`write_runs` stores
one row per run as Parquet. A scenario's re-published schedules (``[[republish]]``) are
planned here too, each the same case sailed by another routing from the same calendar start.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

from tradelane.app.planning import PlanRequest, calendar_of, choose_option, plan_case
from tradelane.app.resources import Resources
from tradelane.domain import Case, Routing
from tradelane.errors import InputError
from tradelane.geo.sea_routes import NoSeaRoute
from tradelane.planning.service_plan import leg_avoid
from tradelane.result import Result
from tradelane.schedule.proforma import VoyageLeg
from tradelane.sim import RunFigures, Scenario, SimCase, SimLeg, SimParams, SimSummary
from tradelane.sim.areas import area_shares
from tradelane.sim.run import result_of, simulate_runs


@dataclass(frozen=True, slots=True)
class Simulation:
    """A simulation's answer: what was sailed, the result and every run's figures."""

    sim_case: SimCase
    scenario: Scenario
    result: Result[SimSummary]
    runs: tuple[RunFigures, ...]


def sim_case(case: Case, resources: Resources, *, routing: str | None = None,
             start: datetime | None = None,
             republish: Sequence[tuple[datetime, str]] = ()) -> SimCase:
    """The SimCase of ``case``'s ``routing`` option (default: the first feasible, else the
    first with a schedule), its calendar anchored at ``start`` (default: the case's), with
    the schedules re-published from each ``(moment, routing)`` of ``republish``."""
    base = _planned(case, resources, routing, start)
    later = []
    for i, (moment, other) in enumerate(republish):
        plan = _planned(case, resources, other, start)
        if [c.locode for c in plan.calendar.proforma.calls] != \
                [c.locode for c in base.calendar.proforma.calls] or plan.ships != base.ships:
            raise InputError(f"republish[{i}].routing", other, "must keep the schedule's "
                             "calls and fleet")
        later.append(((moment - base.anchor) / timedelta(hours=1), plan.routing, plan))
    return replace(base, republished=tuple(later)) if later else base


def republish_of(scenario: Scenario) -> tuple[tuple[datetime, str], ...]:
    """The ``republish`` argument of :func:`sim_case` for ``scenario``."""
    return tuple((r.start, r.routing) for r in scenario.republications)


def _planned(case: Case, resources: Resources, routing: str | None,
             start: datetime | None) -> SimCase:
    plan = plan_case(PlanRequest(case, start=start), resources)
    option = choose_option(plan, Routing(routing) if routing else None)
    calendar = calendar_of(plan, option)
    avoid = leg_avoid(plan.case, option.routing)
    calls = [c.locode for c in calendar.proforma.calls]
    n = len(calls)
    with resources.lock:
        def leg(a: str, b: str, extra: frozenset[str] = frozenset()) -> SimLeg:
            return _sim_leg(plan.case, resources, a, b, avoid | extra)

        legs = tuple(SimLeg(v, _areas(plan.case, resources, v, avoid)) for v in option.legs)
        detours = {canal: tuple(_detour(plan.case, resources, s, avoid | {canal})
                                if canal in s.canals else None for s in legs)
                   for canal in ("panama", "suez")}
        skips = tuple(leg(calls[i], calls[(i + 2) % n]) if n > 2 else None for i in range(n))
        directions = calendar.directions
        swaps = tuple(
            (leg(calls[i], calls[(i + 2) % n]), leg(calls[(i + 2) % n], calls[(i + 1) % n]),
             leg(calls[(i + 1) % n], calls[(i + 3) % n]))
            if n > 3 and directions[(i + 1) % n] == directions[(i + 2) % n] else None
            for i in range(n))
        resources.router.cache.save()
    loaded, moved = _teu_per_call(plan.case, calls, calendar.proforma.frequency_days)
    return SimCase(
        code=plan.case.service.code, routing=option.routing.value, calendar=calendar,
        vessel=plan.case.vessel_class, legs=legs, detours=detours, skips=skips, swaps=swaps,
        bunker_usd_per_t=plan.case.economics.bunker_usd_per_t,
        co2_t_per_t=plan.case.economics.fuel.co2_t_per_t,
        call_cost_usd=tuple(plan.case.port_call_cost_usd(c) for c in calls),
        canal_fee_usd={c: plan.case.canal_fee_usd(c) for c in ("panama", "suez")},
        loaded_teu=loaded, moved_teu=moved)


def simulate_case(case: Case, params: SimParams, scenario: Scenario | None,
                  resources: Resources,
                  progress: Callable[[int], None] | None = None) -> Simulation:
    """Plan ``case`` as the scenario asks, then simulate ``params.runs`` replications."""
    scenario = scenario or Scenario()
    sailed = sim_case(case, resources, routing=scenario.routing, start=scenario.start,
                      republish=republish_of(scenario))
    t0 = time.perf_counter()
    runs = simulate_runs(sailed, params, scenario, np.random.SeedSequence(params.seed),
                         progress)
    result = result_of(runs, params, time.perf_counter() - t0)
    return Simulation(sailed, scenario, result, tuple(runs))


def write_runs(runs: Sequence[RunFigures], path: Path) -> None:
    """One Parquet row per run (:meth:`RunFigures.row`; a port or month a run never saw is
    null there)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [r.row() for r in runs]
    columns = list(dict.fromkeys(k for row in rows for k in row))
    table = pa.table({c: [row.get(c) for row in rows] for c in columns})
    pq.write_table(table, path)


def _sim_leg(case: Case, resources: Resources, a: str, b: str,
             avoid: frozenset[str]) -> SimLeg:
    sea = resources.router.leg(case.ports[a], case.ports[b], avoid)
    transit_h = sum(case.canals[p].transit_h for p in sea.passages if p in case.canals)
    voyage_leg = VoyageLeg(a, b, sea.distance_nm, sea.passages, transit_h)
    return SimLeg(voyage_leg, _areas(case, resources, voyage_leg, avoid))


def _detour(case: Case, resources: Resources, planned: SimLeg,
            avoid: frozenset[str]) -> SimLeg | None:
    try:
        return _sim_leg(case, resources, planned.leg.origin, planned.leg.destination, avoid)
    except NoSeaRoute:
        return None


def _areas(case: Case, resources: Resources, leg: VoyageLeg,
           avoid: frozenset[str]) -> tuple[tuple[str, float], ...]:
    points = resources.router.path(case.ports[leg.origin], case.ports[leg.destination], avoid)
    return area_shares(points)


def _teu_per_call(case: Case, calls: list[str], frequency_days: float
                  ) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """TEU loaded, and loaded plus discharged, per call of one sailing (from the weekly
    demand; without demand a full ship is loaded over the loop, evenly by call)."""
    if not case.demand:
        each = case.vessel_class.capacity_teu / len(calls)
        return (each,) * len(calls), (2 * each,) * len(calls)
    per_sailing = frequency_days / 7
    times = {c: calls.count(c) for c in calls}
    loaded = tuple(sum(d.teu_per_week for d in case.demand if d.origin == c)
                   * per_sailing / times[c] for c in calls)
    discharged = tuple(sum(d.teu_per_week for d in case.demand if d.destination == c)
                       * per_sailing / times[c] for c in calls)
    return loaded, tuple(x + y for x, y in zip(loaded, discharged, strict=True))
