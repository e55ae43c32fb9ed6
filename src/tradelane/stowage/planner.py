"""The multi-port stowage planner: a voyage planned port by port (``docs/stowage-planning.md``).

At every call: the arrival condition → discharge the containers for this port, lifting the
containers that block them (restows: counted as two crane moves each) → load this port's
containers and the restows → ballast and the loading computer's check → the departure
condition. Method, after Pacino & Jensen's master/slot decomposition and Larsen & Pacino's
(2020) heuristic, in a greedy form fast enough for 10,000 containers:

1. *Master planning*, as scores rather than a separate model: containers are taken latest
   port of discharge first, constrained ones (DG, reefers) and heavy ones first within a
   POD; each goes to the spot that keeps the ship's longitudinal and transverse moments near
   their targets (trim and heel), spreads every POD's discharge and this port's work over the
   bays (crane makespan), keeps stacks to one POD and plugs for reefers, and sits low when
   heavy (GM) — :mod:`tradelane.stowage.slots`. A look-ahead over the later calls' load
   lists (:mod:`tradelane.stowage.master`) keeps low slots for their heavier boxes and hold
   space under open hatch covers for their loading.
2. *Slot planning*: the spot is a legal slot of that stack (length, 20-on-40, support, weight,
   height, plugs, hatch covers, no overstow; IMDG rules for DG). A container for which only
   overstowing spots remain is stowed there (its future restow counted); one with no legal
   spot at all stays ashore with the reason.
3. *Stability repair*: this call's containers first settle heavier-lower
   (:mod:`tradelane.stowage.settle`); the ballast programme (:mod:`tradelane.stowage.ballast`)
   meets trim, heel, GM and draft with the least water; when a rule still breaks, this call's
   boxes are lowered into free slots (GM), then containers loaded at this port are left
   ashore one batch at a time (for the draft: the tonnes the draft needs, reported), and
   where only shear or bending breaks, containers aboard are restowed across the worst
   station (:mod:`tradelane.stowage.shift`, counted as rehandles), until the departure
   condition passes :func:`tradelane.stowage.check.check_condition`.

Objective, lexicographic and reported term by term: restow moves, then each port's crane
makespan, then the GM margin.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence

import numpy as np

from tradelane.domain.stowage import ContainerUnit, Placement
from tradelane.errors import InputError
from tradelane.result import Result, Status
from tradelane.stowage.master import free_cell_heights, weight_floors
from tradelane.stowage.plan_port import PortWork, finish_port, stow_list
from tradelane.stowage.plan_state import ShipState
from tradelane.stowage.planner_records import PortCall, PortPlan, StowParams, VoyagePlan
from tradelane.stowage.restow import discharge_set, forced_restows
from tradelane.stowage.settle import settle_heavy_low
from tradelane.stowage.slots import Targets

Progress = Callable[[str, int, int], None]


def _seq(calls: Sequence[PortCall], pod: str, current: int) -> int:
    for j in range(current, len(calls)):
        if calls[j].locode == pod:
            return j
    return len(calls)


def plan_stowage(profile: object, calls: Sequence[PortCall], cargo: Sequence[ContainerUnit],
                 params: StowParams, *, onboard: Sequence[Placement] = (),
                 aboard: Sequence[ContainerUnit] = (),
                 progress: Progress | None = None) -> Result[VoyagePlan]:
    """Plan a voyage's stowage port by port.

    Parameters
    ----------
    profile : VesselProfile
        The ship.
    calls
        The port calls in order; a container is loaded at the first call whose locode is its
        POL and discharged at the first later call whose locode is its POD (never, when none).
    cargo
        Containers to load during the voyage.
    params
        Time limit, seed and stability criteria.
    onboard
        Containers aboard on arrival at the first call, at their positions (a BAPLIE).
    aboard
        Containers aboard on arrival without positions: stowed first by the same planner
        (as the previous ports would have), without counting their moves.
    progress
        Called as ``progress(locode, done, total)`` after each call.
    """
    from tradelane.domain.vessel_profile import VesselProfile

    if not isinstance(profile, VesselProfile):
        raise InputError("profile", type(profile).__name__, "is not a VesselProfile")
    if not calls:
        raise InputError("calls", [], "needs at least one port call")
    start = time.perf_counter()
    rng = np.random.default_rng(params.seed)
    state = ShipState(profile)
    next_id = _place_onboard(state, calls, onboard)
    arrival_left: list = []
    if aboard:
        work = PortWork(profile.bays)
        items = [(next_id + k, u, _seq(calls, u.pod, 0)) for k, u in enumerate(aboard)]
        next_id += len(items)
        arrival_left = stow_list(state, items, work, Targets(), rng, arrival=True)
        settle_heavy_low(state, [c for c, _, _ in items])
    arrival = tuple(Placement(state.units[c], state.position(sp))
                    for c, sp in state.spot.items())
    forced = len(forced_restows(state))
    loads: list[list[ContainerUnit]] = [[] for _ in calls]
    unplanned = []
    for u in cargo:
        first = next((i for i, c in enumerate(calls) if c.locode == u.pol), None)
        if first is None:
            unplanned.append(u)
        else:
            loads[first].append(u)
    plans: list[PortPlan] = []
    for i, call in enumerate(calls):
        deadline = start + params.time_limit_s
        work = PortWork(profile.bays)
        leaving = [c for c in state.spot if state.seq[c] == i]
        lifted, restow_ids, opened = discharge_set(state, leaving)
        restows = [(c, state.units[c], state.seq[c]) for c in restow_ids]
        for c in lifted:
            work.move(int(state.bay[state.spot[c].stack]))
        for g in opened:
            work.open_cover(g, int(state.bay[np.flatnonzero(state.group == g)[0]]))
        state.take(sorted(lifted))
        state.locked[:] = state.deck_count > 0
        items = restows + [(next_id + k, u, _seq(calls, u.pod, i + 1))
                           for k, u in enumerate(loads[i])]
        next_id += len(loads[i])
        work.discharges = _discharge_counts(state, items, profile.bays)
        # the master plan's weight classes: what is aboard together after the last loading
        last = max((j for j in range(i, len(calls)) if loads[j]), default=i)
        later = [u for j in range(i + 1, len(calls)) for u in loads[j]
                 if _seq(calls, u.pod, j + 1) > last]
        floors = weight_floors([u for _, u, _ in items] + later, free_cell_heights(state))
        left = stow_list(state, items, work, Targets(), rng,
                         allow_overstow=params.allow_overstow, floors=floors,
                         lock=bool(later),
                         next_load=next((j for j in range(i + 1, len(calls)) if loads[j]), None))
        settle_heavy_low(state, [c for c, _, _ in items])
        if arrival_left and i == 0:
            left = arrival_left + left
        plans.append(finish_port(state, call, i, items, len(leaving), len(restows), work, left,
                                 params, deadline))
        if progress:
            progress(call.locode, i + 1, len(calls))
    terms, bounds = _terms(plans, forced, params)
    status = Status.FEASIBLE if all(not p.broken_rules for p in plans) else Status.UNKNOWN
    plan = VoyagePlan(tuple(plans), terms, bounds, arrival, tuple(unplanned))
    return Result(status, terms["rehandle_moves"], bounds["rehandle_moves"],
                  time.perf_counter() - start, params.seed, plan,
                  {"terms": dict(terms), "bounds": dict(bounds)})


def _place_onboard(state: ShipState, calls: Sequence[PortCall],
                   onboard: Sequence[Placement]) -> int:
    for cid, p in enumerate(onboard):
        sp = state.spot_of(p.position)
        if sp is None:
            raise InputError("onboard", f"{p.container.number} at {p.position.code}",
                             f"is not a slot of {state.profile.name}")
        state.put(cid, p.container, _seq(calls, p.container.pod, 0), sp, refresh=False)
    state._refresh_all()
    return len(onboard)


def _discharge_counts(state: ShipState, items: Sequence[tuple[int, ContainerUnit, int]],
                      bays: int) -> dict[int, np.ndarray]:
    """Per later port (seq), the containers discharged there per bay, aboard now."""
    out: dict[int, np.ndarray] = {}
    for cid, sp in state.spot.items():
        arr = out.setdefault(state.seq[cid], np.zeros(bays))
        arr[state.bay[sp.stack]] += 1
    for _, _, seq in items:
        out.setdefault(seq, np.zeros(bays))
    return out


def _terms(plans: Sequence[PortPlan], forced: int,
           params: StowParams) -> tuple[dict[str, float], dict[str, float]]:
    gm = [p.gm_m - params.criteria.min_gm_m for p in plans]
    terms = {"rehandle_moves": float(sum(p.rehandle_moves for p in plans)),
             "crane_makespan_h": round(sum(p.crane_makespan_h for p in plans), 3),
             "min_gm_margin_m": round(min(gm), 3) if gm else math.nan}
    bounds = {"rehandle_moves": float(2 * forced),
              "crane_makespan_h": round(sum(p.crane_bound_h for p in plans), 3)}
    return terms, bounds
