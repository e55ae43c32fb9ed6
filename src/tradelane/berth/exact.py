"""Exact pipeline: heuristic incumbent, identical ships and berths merged, time-indexed LP bound,
reduced-cost fixing, HiGHS MIP."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import highspy
import numpy as np

from tradelane.berth.lpbound import (
    LpBound,
    column_generation_bound,
    fix_by_reduced_cost,
    lagrangian_bound,
    lp_bound,
)
from tradelane.berth.symmetry import Symmetry, find_symmetry
from tradelane.berth.timeindexed import (
    ArcModel,
    build_model,
    left_justified,
    left_shift,
    make_highs,
    plan_vector,
    set_start,
    solution_plan,
)
from tradelane.domain.berth import BerthInstance, BerthPlan


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
"""Above this many columns the full LP is not attempted (the interior point method did six
iterations in 55 s on Kramer's f200x15-01, 820 672 columns; f60x7-01, 208 807 columns, takes
~9 s); the bound comes from :func:`column_generation_bound` instead."""


def _integral_costs(inst: BerthInstance) -> bool:
    return all(float(w).is_integer() for w in inst.weight_per_h)


def _round_bound(inst: BerthInstance, bound: float | None) -> float | None:
    if bound is None or not math.isfinite(bound):
        return None
    return float(math.ceil(bound - 1e-6)) if _integral_costs(inst) else bound


def solve_exact(inst: BerthInstance, incumbent: BerthPlan | None, *, time_limit_s: float,
                seed: int, threads: int = 1, params_log: bool = False) -> ExactOutcome:
    """Prove ``incumbent`` optimal or improve on it, within ``time_limit_s``.

    ``incumbent`` must be feasible (checked by the caller) or ``None``.
    """
    t0 = time.perf_counter()
    deadline = t0 + time_limit_s
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
                  threads=threads)
    lb = _round_bound(inst, lp.bound)
    stats.update(lp_bound=lp.bound, lp_s=time.perf_counter() - t0)
    if ub is not None and lb is not None and lb >= ub - 1e-6:
        return ExactOutcome(incumbent, ub, ub, True, False, stats)
    if incumbent is not None and lb is not None and ub is not None:
        incumbent, lb = _threshold_dives(inst, sym, model, lp, incumbent, lb, deadline, seed,
                                         threads, stats)
        ub = incumbent.weighted_service_h(inst)
        optimal = lb >= ub - 1e-6
        stats["total_s"] = time.perf_counter() - t0
        return ExactOutcome(incumbent, ub, ub if optimal else lb, optimal, False, stats)
    keep = fix_by_reduced_cost(model, lp, ub) if ub is not None else np.arange(model.ship.size)
    reduced = _restricted(rep, model, keep)
    stats["mip_columns"] = float(reduced.ship.size)
    h = make_highs(reduced, rep.n_ships, time_limit_s=deadline - time.perf_counter(), seed=seed,
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
    lb = _round_bound(inst, max(lp.bound, float(lagrangian_bound(
        model, inst.n_ships, np.zeros(model.n_rows), "y = 0").bound)))
    stats.update(lp_bound=lp.bound, column_generation=1.0)
    optimal = lb is not None and lb >= ub - 1e-6
    return ExactOutcome(incumbent, ub, ub if optimal else lb, optimal, False, stats)


JUMP = 2
"""With integral costs, once the incumbent is within ``JUMP`` of the next threshold the dive asks
directly "is there a plan below the incumbent?" (threshold ``UB − 1``)."""


def _thresholds(inst: BerthInstance, lb: float, ub: float) -> float | None:
    """The next dive's threshold, or ``None`` when none is left below ``ub``.

    Integral costs: ``lb`` itself (the cheapest question that can raise the bound), or ``ub − 1``
    once that is at most ``JUMP`` higher. A dive's cost grows steeply with its threshold
    (f60x7-08: 1, 2, 5, 14, 25 and 26 s at LB, LB+1, …, LB+5), so small steps pay.
    Fractional costs: ``lb`` plus a relative step of 0.1 %, at most ``ub − 10⁻⁶`` (the
    optimality tolerance of the solve).
    """
    if _integral_costs(inst):
        if lb > ub - 1 + 1e-6:
            return None
        return ub - 1 if ub - 1 - lb <= JUMP else lb
    if lb >= ub - 1e-6:
        return None
    return min(lb + max(1e-3 * abs(lb), 1e-6), ub - 1e-6)


def _threshold_dives(inst: BerthInstance, sym: Symmetry, model: ArcModel, lp: LpBound,
                     incumbent: BerthPlan, lb: float, deadline: float, seed: int, threads: int,
                     stats: dict[str, float]) -> tuple[BerthPlan, float]:
    """Raise the lower bound and improve the incumbent with MIPs at growing thresholds.

    For a threshold ``T``, the arcs kept by reduced-cost fixing against ``T`` (then restricted
    to left-justified starts) hold every left-justified plan of cost at most ``T``, so the MIP
    over them answers "is the optimum at most ``T``?": if its optimum ``r`` is at most ``T``,
    ``r`` is the optimum; if it is above ``T``, the MIP is infeasible, or its dual bound passes
    ``T`` (HiGHS is interrupted then: the question is answered), the optimum exceeds ``T`` and
    the bound rises past it. Low thresholds keep few arcs, so their MIPs are quick; thresholds
    come from :func:`_thresholds`. Any plan a dive finds (HiGHS may meet plans above ``T``)
    becomes the incumbent. Stops when the bound meets the incumbent or a dive runs out of
    time. Returns the best plan and bound.
    """
    integral = _integral_costs(inst)
    ub = incumbent.weighted_service_h(inst)
    t_start, dives = time.perf_counter(), 0
    while (threshold := _thresholds(inst, lb, ub)) is not None:
        small = _restricted(sym.reduced, model, fix_by_reduced_cost(model, lp, threshold))
        h = make_highs(small, sym.reduced.n_ships, time_limit_s=deadline - time.perf_counter(),
                       seed=seed, threads=threads)
        set_start(h, small, incumbent, sym)  # prunes when the incumbent's arcs are all kept
        above = _stop_above(h, threshold)
        h.run()
        dives += 1
        status = h.getModelStatus()
        info = h.getInfo()
        if info.primal_solution_status == highspy.SolutionStatus.kSolutionStatusFeasible:
            found = left_shift(inst, solution_plan(h, sym.reduced, small, sym))
            if found.weighted_service_h(inst) < ub:
                incumbent, ub = found, found.weighted_service_h(inst)
        if status == highspy.HighsModelStatus.kOptimal and ub <= threshold + 1e-6:
            lb = ub  # the restricted optimum is within the threshold: it is the optimum
        elif above[0] or status in (highspy.HighsModelStatus.kOptimal,
                                    highspy.HighsModelStatus.kInfeasible):
            lb = math.floor(threshold + 1e-6) + 1 if integral else threshold
        else:  # out of time; a dual bound within the threshold still bounds the optimum
            if info.mip_dual_bound <= threshold:
                lb = max(lb, _round_bound(inst, float(info.mip_dual_bound)) or lb)
            break
    stats.update(dives=float(dives), dive_s=time.perf_counter() - t_start, dive_objective=ub,
                 dive_bound=lb)
    return incumbent, lb


def _restricted(rep: BerthInstance, model: ArcModel, keep: np.ndarray) -> ArcModel:
    """The columns ``keep`` (kept by reduced-cost fixing) that can start a left-justified plan."""
    return model.subset(left_justified(rep, model, keep), rep)


def _stop_above(h: highspy.Highs, threshold: float) -> list[bool]:
    """Interrupt ``h`` once its dual bound exceeds ``threshold`` (no plan within it exists);
    the returned flag says whether that happened."""
    hit = [False]

    def check(event: highspy.HighsCallbackEvent) -> None:
        if event.data_out.mip_dual_bound > threshold + 1e-6:
            hit[0] = True
            event.interrupt()

    h.cbMipInterrupt.subscribe(check)
    return hit


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
    mip_bound = _round_bound(inst, float(info.mip_dual_bound))
    bound = max((b for b in (lb, mip_bound) if b is not None), default=None)
    if status == highspy.HighsModelStatus.kOptimal and obj is not None:
        bound = obj
    infeasible = status == highspy.HighsModelStatus.kInfeasible and incumbent is None
    optimal = obj is not None and bound is not None and bound >= obj - 1e-6
    return ExactOutcome(plan, obj, bound, optimal, infeasible, stats)
