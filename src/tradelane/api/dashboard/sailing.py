"""``/api/simulation`` and ``/api/sweep…``: the voyage view's simulation of the server's case
and the sweep explorer's heat maps of the results folder the server was given.

Thin: parse the query, call the use case, render its answer as JSON.
"""

from __future__ import annotations

import threading
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from tradelane.api.dashboard.planner import Planner
from tradelane.api.deps import settings_of
from tradelane.api.errors import ApiError, error_responses
from tradelane.app.simulated_voyages import VoyageSimulation, shipped_scenarios, simulate_voyages
from tradelane.app.sweep import sweep_heat_map
from tradelane.sim import Policy, SimParams, read_scenario
from tradelane.sweep import METRICS, SweepResults, read_manifest

router = APIRouter(tags=["Dashboard"])  # included in the dashboard router (/api)

MAX_RUNS = 200
"""Most replications one request simulates (the simulation runs inside the request)."""

_lock = threading.Lock()


@router.get("/simulation", responses=error_responses(400))
def simulation(request: Request,
               weeks: Annotated[int, Query(ge=1, le=52)] = 26,
               runs: Annotated[int, Query(ge=1, le=MAX_RUNS)] = 50,
               seed: Annotated[int, Query(ge=0, le=2**31 - 1)] = 1,
               policy: Policy = Policy.NONE,
               scenario: Annotated[str | None, Query(
                   max_length=64, description="A shipped scenario, e.g. red-sea-2024.")] = None,
               ) -> dict[str, Any]:
    """Every ship's calls, planned and simulated (P50 arrival, P10/P50/P90 delay, on-time
    share), and reliability by port and by month, over ``runs`` replications."""
    planner: Planner = request.app.state.planner
    files = shipped_scenarios()
    if scenario is not None and scenario not in files:
        raise ApiError(400, "scenario", scenario, "is not a shipped scenario (known: "
                       + ", ".join(files) + ")")
    params = SimParams(weeks=weeks, runs=runs, seed=seed, policy=policy)
    chosen = read_scenario(files[scenario]) if scenario else None
    doc = _voyages_doc(simulate_voyages(planner.case, params, chosen, planner.resources))
    return doc | {"scenarios": list(files)}


@router.get("/sweep", responses=error_responses(404))
def sweep(request: Request) -> dict[str, Any]:
    """The sweep the server shows (``tradelane serve --sweep``): its axes, the figures a heat
    map can show and how many cells have finished."""
    results = _results(request)
    manifest = read_manifest(results.path)
    cells = results.cells()
    return {"folder": results.path.name, "case": manifest.get("case"),
            "runs": manifest.get("runs"), "seed": manifest.get("seed"),
            "weeks": manifest.get("weeks"), "cells": manifest.get("cells"),
            "cells_done": len(cells), "axes": results.axes(), "metrics": dict(METRICS)}


@router.get("/sweep/heatmap", responses=error_responses(400, 404))
def sweep_heatmap(request: Request, x: Annotated[str, Query(max_length=200)],
                  y: Annotated[str, Query(max_length=200)],
                  metric: Annotated[str, Query(max_length=40)] = "cost_usd_per_teu",
                  at: Annotated[list[str] | None, Query(
                      max_length=50, description="Other axes held at a value: KEY=VALUE.")
                  ] = None) -> dict[str, Any]:
    """One figure over two axes, the other axes held at ``at`` (default: their first
    value)."""
    held: dict[str, str] = {}
    for item in at or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise ApiError(400, "at", item, "must be KEY=VALUE")
        held[key] = value
    return asdict(sweep_heat_map(_results(request), x, y, metric, held))


def _results(request: Request) -> SweepResults:
    path: Path | None = settings_of(request).sweep_path
    if path is None:
        raise ApiError(404, "sweep", None, "is not set on this server (start it with "
                       "`tradelane serve --sweep RESULTS.parquet`)")
    with _lock:
        results: SweepResults | None = getattr(request.app.state, "sweep_results", None)
        if results is None or results.path != Path(path):
            results = SweepResults(Path(path))
            request.app.state.sweep_results = results
    return results


def _iso(moment: datetime | None) -> str | None:
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z") if moment else None


def _voyages_doc(sim: VoyageSimulation) -> dict[str, Any]:
    return {
        "runs": sim.params.runs, "weeks": sim.params.weeks, "seed": sim.params.seed,
        "policy": sim.params.policy.value, "routing": sim.sim_case.routing,
        "scenario": sim.scenario.name or None, "calendar_start": _iso(sim.sim_case.anchor),
        "runtime_s": sim.runtime_s, "summary": sim.summary.to_dict(),
        "ships": [{"ship": ship, "calls": [{
            "position": c.position, "locode": c.locode,
            "planned_arrival": _iso(c.planned_arrival),
            "planned_departure": _iso(c.planned_departure),
            "arrival_p50": _iso(c.arrival_p50), "delay_h": asdict(c.delay_h),
            "on_time_pct": c.on_time_pct, "made_pct": c.made_pct} for c in calls]}
            for ship, calls in sim.ships.items()],
    }
