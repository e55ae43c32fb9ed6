"""Exact pipeline: heuristic incumbent, identical ships and berths merged, time-indexed LP bound,
reduced-cost fixing, HiGHS MIP."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import highspy
import numpy as np

from tradelane.berth.check import plan_violations
from tradelane.berth.dives import restricted, round_bound, threshold_dives
from tradelane.berth.lpbound import (
    LpBound,
    column_generation_bound,
    fix_by_reduced_cost,
    lagrangian_bound,
    lp_bound,
)
from tradelane.berth.race import Race
from tradelane.berth.symmetry import Symmetry, find_symmetry
from tradelane.berth.timeindexed import (
    ArcModel,
    build_model,
    extract_plan,
    left_shift,
    make_highs,
    n_idle_arcs,
    plan_vector,
    set_start,
    solution_plan,
)
from tradelane.domain.berth import BerthInstance, BerthPlan
from tradelane.result import SolverParams
from tradelane.solvers.highs import RUNTIME


@dataclass(frozen=True, slots=True)
class ExactOutcome:
    """Best plan found, its objective, a valid lower bound and whether optimality is proven."""

    plan: BerthPlan | None
    objective: float | None
    bound: float | None
    proven_optimal: bool
    proven_infeasible: bool
    stats: dict[str, float] = field(default_factory=dict)


CG_COLUMNS = 400_000
"""Above this many columns the full LP is not attempted (the interior point method does not
finish it within benchmark limits; measured in docs/berth.md); the bound comes from
:func:`column_generation_bound` instead."""


def solve_exact(inst: BerthInstance, incumbent: BerthPlan | None, params: SolverParams, *,
                started: float | None = None) -> ExactOutcome:
    """Prove ``incumbent`` optimal or improve on it, within the time limit.

    Parameters
    ----------
    inst : BerthInstance
        The ships and berths.
    incumbent : BerthPlan | None
        A feasible plan (checked by the caller) or ``None``.
    params : SolverParams
        Time limit, seed and threads (two or more: dives and final MIP race, see :mod:`.race`).
    started : float, optional
        ``time.perf_counter()`` at which the time limit started (default: now), so that time
        the caller spent on ``incumbent`` counts.

    Returns
    -------
    ExactOutcome
        The best plan, its objective, a valid lower bound and what is proven.
    """
    t0 = time.perf_counter()
    deadline = (t0 if started is None else started) + params.time_limit_s
    seed, threads = params.seed, params.threads
    incumbent = None if incumbent is None else left_shift(inst, incumbent)
    ub = None if incumbent is None else incumbent.weighted_service_h(inst)
    sym = find_symmetry(inst)
    rep = sym.reduced
    model = build_model(rep, ub, ship_count=sym.ship_count, berth_count=sym.berth_count)
    stats = {"columns": float(model.ship.size), "rows": float(model.n_rows),
             "ship_types": float(rep.n_ships), "berth_classes": float(rep.n_berths)}
    if incumbent is not None and ub is not None and model.ship.size > CG_COLUMNS:
        return _large(sym, model, incumbent, ub, deadline, seed, threads, stats)
    lp = lp_bound(model, rep.n_ships, time_limit_s=deadline - time.perf_counter(), seed=seed,
                  threads=1)  # IPM gains nothing from a second thread; the lanes use it
    lb = round_bound(inst, lp.bound)
    stats.update(lp_bound=lp.bound, lp_s=time.perf_counter() - t0)
    if ub is not None and lb is not None and lb >= ub - 1e-6:
        return ExactOutcome(incumbent, ub, ub, True, False, stats)
    if incumbent is not None and lb is not None and ub is not None:
        return _close_gap(inst, sym, model, lp, Race(inst, incumbent, lb), deadline, seed,
                          threads, stats, t0)
    keep = fix_by_reduced_cost(model, lp, ub) if ub is not None else np.arange(model.ship.size)
    reduced = restricted(rep, model, keep)
    stats["mip_columns"] = float(reduced.ship.size)
    h = make_highs(reduced, time_limit_s=deadline - time.perf_counter(), seed=seed,
                   threads=threads)
    if incumbent is not None:
        set_start(h, reduced, incumbent, sym)
    t = time.perf_counter()
    h.run()
    stats["mip_s"] = time.perf_counter() - t
    return _mip_outcome(inst, sym, h, reduced, incumbent, lb, stats, t0)


def _large(sym: Symmetry, model: ArcModel, incumbent: BerthPlan, ub: float,
           deadline: float, seed: int, threads: int, stats: dict[str, float]) -> ExactOutcome:
    """Bound the incumbent by column generation; the MIP is out of reach at this size."""
    inst = sym.reduced
    lo = np.array([[(inst.start_window_h(i, j) or (-1, 0))[0] for j in range(inst.n_berths)]
                   for i in range(inst.n_ships)])
    first = model.start_h == lo[model.ship, model.berth]
    in_plan = plan_vector(model, incumbent, sym)  # None only if an arc of it was not built
    initial = np.flatnonzero(first if in_plan is None else first | (in_plan > 0))
    lp = column_generation_bound(model, inst, initial, time_limit_s=deadline - time.perf_counter()
                                 - 0.5, seed=seed, threads=threads)
    lb = round_bound(inst, max(lp.bound, float(lagrangian_bound(
        model, inst.n_ships, np.zeros(model.n_rows), "y = 0").bound)))
    stats.update(lp_bound=lp.bound, column_generation=1.0)
    optimal = lb is not None and lb >= ub - 1e-6
    return ExactOutcome(incumbent, ub, ub if optimal else lb, optimal, False, stats)


DIVE_SHARE = 0.15
"""With one thread: the share of the time left after the LP that the dives may use before the
final MIP takes the rest."""


def _close_gap(inst: BerthInstance, sym: Symmetry, model: ArcModel, lp: LpBound, race: Race,
               deadline: float, seed: int, threads: int, stats: dict[str, float],
               t0: float) -> ExactOutcome:
    """Threshold dives and the final MIP (:mod:`.race`): side by side on two threads, or dives
    first and the final MIP after them on one. Every HiGHS run is single-threaded.

    HiGHS looks at the stop flag only between node LPs, so once the race is over a final MIP
    still in a long LP is left to stop by itself: its thread belongs to :data:`RUNTIME`, whose
    ``settle()`` waits for it."""
    if threads >= 2:
        final_stats: dict[str, float] = {}
        final = threading.Thread(target=_final_mip, name="berth-final-mip", daemon=True,
                                 args=(inst, sym, model, lp, race, deadline, seed, final_stats))
        RUNTIME.start_lingering(final)
        try:
            threshold_dives(inst, sym, model, lp, race, deadline, seed, stats)
        finally:
            if not race.done:
                final.join(max(0.0, deadline - time.perf_counter()))
            race.finish()
        if not final.is_alive():
            stats.update(final_stats)
    else:
        now = time.perf_counter()
        threshold_dives(inst, sym, model, lp, race, now + DIVE_SHARE * (deadline - now), seed,
                        stats)
        if not race.done:
            _final_mip(inst, sym, model, lp, race, deadline, seed, stats)
    plan, ub, lb = race.best
    optimal = lb >= ub - 1e-6
    stats["total_s"] = time.perf_counter() - t0
    return ExactOutcome(plan, ub, ub if optimal else lb, optimal, False, stats)


def _final_mip(inst: BerthInstance, sym: Symmetry, model: ArcModel, lp: LpBound, race: Race,
               deadline: float, seed: int, stats: dict[str, float]) -> None:
    """The MIP over every left-justified arc of a plan no costlier than the incumbent; reports
    each improving plan and its bound to ``race`` and stops when the race is over."""
    t = time.perf_counter()
    incumbent, ub, _ = race.best
    rep = sym.reduced
    reduced = restricted(rep, model, fix_by_reduced_cost(model, lp, ub))
    h = make_highs(reduced, time_limit_s=deadline - t, seed=seed, threads=1)
    set_start(h, reduced, incumbent, sym)
    skip = n_idle_arcs(reduced)

    def improving(event: highspy.HighsCallbackEvent) -> None:
        x = np.asarray(event.data_out.mip_solution)
        if x.size == skip + reduced.ship.size:
            plan = left_shift(inst, extract_plan(rep, reduced, x[skip:], sym))
            if not plan_violations(inst, plan):
                race.offer(plan)

    def halt(event: highspy.HighsCallbackEvent) -> None:
        if race.done:
            event.interrupt()

    h.cbMipImprovingSolution.subscribe(improving)
    h.cbMipInterrupt.subscribe(halt)  # not called inside an LP (the simplex hook is not either)
    h.run()
    info = h.getInfo()
    if info.primal_solution_status == highspy.SolutionStatus.kSolutionStatusFeasible:
        race.offer(left_shift(inst, solution_plan(h, rep, reduced, sym)))
    if h.getModelStatus() == highspy.HighsModelStatus.kOptimal:
        race.raise_bound(race.best[1])  # the optimum over these arcs is the optimum
    else:
        bound = round_bound(inst, float(info.mip_dual_bound))
        if bound is not None:
            race.raise_bound(min(bound, ub))
    stats.update(mip_columns=float(reduced.ship.size), mip_s=time.perf_counter() - t,
                 mip_nodes=float(info.mip_node_count))


def _mip_outcome(inst: BerthInstance, sym: Symmetry, h: highspy.Highs, model: ArcModel,
                 incumbent: BerthPlan | None, lb: float | None, stats: dict[str, float],
                 t0: float) -> ExactOutcome:
    info = h.getInfo()
    status = h.getModelStatus()
    stats.update(mip_nodes=float(info.mip_node_count), total_s=time.perf_counter() - t0)
    plan = incumbent
    if info.primal_solution_status == highspy.SolutionStatus.kSolutionStatusFeasible:
        found = solution_plan(h, sym.reduced, model, sym)
        if plan is None or found.weighted_service_h(inst) < plan.weighted_service_h(inst):
            plan = found
    obj = None if plan is None else plan.weighted_service_h(inst)
    mip_bound = round_bound(inst, float(info.mip_dual_bound))
    bound = max((b for b in (lb, mip_bound) if b is not None), default=None)
    if status == highspy.HighsModelStatus.kOptimal and obj is not None:
        bound = obj
    infeasible = status == highspy.HighsModelStatus.kInfeasible and incumbent is None
    optimal = obj is not None and bound is not None and bound >= obj - 1e-6
    return ExactOutcome(plan, obj, bound, optimal, infeasible, stats)
