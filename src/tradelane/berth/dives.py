"""Threshold dives: small MIPs asking "is the optimum at most T?" for T from the bound up.

For a threshold ``T``, the arcs kept by reduced-cost fixing against ``T`` (then restricted to
left-justified starts) hold every left-justified plan of cost at most ``T``, so the MIP over them
answers the question: if its optimum ``r`` is at most ``T``, ``r`` is the optimum; if it is
above ``T``, the MIP is infeasible, or its dual bound passes ``T`` (HiGHS is interrupted then),
the optimum exceeds ``T`` and the bound rises past it. Low thresholds keep few arcs, so their
MIPs are quick; HiGHS may meet plans above ``T`` on the way, and they improve the incumbent.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import highspy
import numpy as np

from tradelane.berth.lpbound import LpBound, fix_by_reduced_cost
from tradelane.berth.race import Race
from tradelane.berth.symmetry import Symmetry
from tradelane.berth.timeindexed import (
    ArcModel,
    left_justified,
    left_shift,
    make_highs,
    set_start,
    solution_plan,
)
from tradelane.domain.berth import BerthInstance

JUMP = 2
"""With integral costs, once the incumbent is within ``JUMP`` of the next threshold the dive asks
directly "is there a plan below the incumbent?" (threshold ``UB − 1``)."""


def integral_costs(inst: BerthInstance) -> bool:
    """True when every weight is whole, so every plan's cost is."""
    return all(float(w).is_integer() for w in inst.weight_per_h)


def round_bound(inst: BerthInstance, bound: float | None) -> float | None:
    """``bound`` rounded up to a whole number when costs are integral; ``None`` if not finite."""
    if bound is None or not math.isfinite(bound):
        return None
    return float(math.ceil(bound - 1e-6)) if integral_costs(inst) else bound


def next_threshold(inst: BerthInstance, lb: float, ub: float) -> float | None:
    """The next dive's threshold, or ``None`` when none is left below ``ub``.

    Integral costs: ``lb`` itself (the cheapest question that can raise the bound), or ``ub − 1``
    once that is at most ``JUMP`` higher. A dive's cost grows steeply with its threshold, so
    small steps pay.
    Fractional costs: ``lb`` plus a relative step of 0.1 %, at most ``ub − 10⁻⁶`` (the
    optimality tolerance of the solve).
    """
    if integral_costs(inst):
        if lb > ub - 1 + 1e-6:
            return None
        return ub - 1 if ub - 1 - lb <= JUMP else lb
    if lb >= ub - 1e-6:
        return None
    return min(lb + max(1e-3 * abs(lb), 1e-6), ub - 1e-6)


def restricted(rep: BerthInstance, model: ArcModel, keep: np.ndarray) -> ArcModel:
    """The columns ``keep`` (kept by reduced-cost fixing) that can start a left-justified plan."""
    return model.subset(left_justified(rep, model, keep), rep)


def stop_above(h: highspy.Highs, threshold: float,
               halt: Callable[[], bool] = lambda: False) -> list[bool]:
    """Interrupt ``h`` once its dual bound exceeds ``threshold`` (no plan within it exists) or
    ``halt()`` is true; the returned flag says whether the bound did it."""
    hit = [False]

    def check(event: highspy.HighsCallbackEvent) -> None:
        if event.data_out.mip_dual_bound > threshold + 1e-6:
            hit[0] = True
            event.interrupt()
        elif halt():
            event.interrupt()

    h.cbMipInterrupt.subscribe(check)
    return hit


def threshold_dives(inst: BerthInstance, sym: Symmetry, model: ArcModel, lp: LpBound,
                    race: Race, until: float, seed: int, stats: dict[str, float]) -> None:
    """Dive at the thresholds of :func:`next_threshold` until the race is over, a dive runs out
    of time (``until``), or none is left; report plans and bounds to ``race``."""
    integral = integral_costs(inst)
    t_start, dives = time.perf_counter(), 0
    while not race.done and time.perf_counter() < until:
        incumbent, ub, lb = race.best
        threshold = next_threshold(inst, lb, ub)
        if threshold is None:
            break
        small = restricted(sym.reduced, model, fix_by_reduced_cost(model, lp, threshold))
        h = make_highs(small, time_limit_s=until - time.perf_counter(),
                       seed=seed, threads=1)
        set_start(h, small, incumbent, sym)  # prunes when the incumbent's arcs are all kept
        above = stop_above(h, threshold, lambda: race.done)
        h.run()
        dives += 1
        status = h.getModelStatus()
        info = h.getInfo()
        if info.primal_solution_status == highspy.SolutionStatus.kSolutionStatusFeasible:
            race.offer(left_shift(inst, solution_plan(h, sym.reduced, small, sym)))
        _, ub, _ = race.best
        if status == highspy.HighsModelStatus.kOptimal and ub <= threshold + 1e-6:
            race.raise_bound(ub)  # the restricted optimum is within the threshold: optimal
        elif above[0] or status in (highspy.HighsModelStatus.kOptimal,
                                    highspy.HighsModelStatus.kInfeasible):
            race.raise_bound(math.floor(threshold + 1e-6) + 1 if integral else threshold)
        else:  # stopped early; a dual bound within the threshold still bounds the optimum
            bound = round_bound(inst, float(info.mip_dual_bound))
            if bound is not None and bound <= threshold:
                race.raise_bound(bound)
            break
    _, ub, lb = race.best
    stats.update(dives=float(dives), dive_s=time.perf_counter() - t_start, dive_objective=ub,
                 dive_bound=lb)
