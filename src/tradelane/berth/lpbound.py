"""LP bound of the arc-flow time-indexed model, and reduced-cost fixing.

The LP is solved by HiGHS's interior point method without crossover (on these degenerate models
it is faster than simplex and than column generation; docs/berth.md). Because interior
point duals need not be exactly optimal, the bound is not read off the LP value: it is recomputed
as a Lagrangian bound from the duals ``y``, valid for *any* ``y``::

    L(y) = b·y + Σ_idle arcs min(0, rc) + Σ_ships min over the ship's arcs of rc

(every row dualised except "each ship takes exactly one arc"). Reduced-cost fixing (Kramer et
al. 2019 apply it to the same model): an arc whose reduced cost exceeds its ship's smallest by
more than ``UB − L(y)`` lies in no plan cheaper than ``UB`` and is dropped before the MIP.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from tradelane.berth.timeindexed import ArcModel, idle_capacity, idle_tails, make_highs
from tradelane.domain.berth import BerthInstance


@dataclass(frozen=True, slots=True)
class LpBound:
    """A Lagrangian bound and the reduced costs it came from.

    Attributes
    ----------
    bound : float
        Valid lower bound on the optimum (``-inf`` when the LP gave no duals).
    reduced_cost : np.ndarray
        Reduced cost of every ship arc.
    ship_min_rc : np.ndarray
        Smallest reduced cost over each ship's arcs.
    lp_status : str
        HiGHS model status of the LP.
    """

    bound: float
    reduced_cost: np.ndarray
    ship_min_rc: np.ndarray
    lp_status: str


def lp_bound(model: ArcModel, n_ships: int, *, time_limit_s: float, seed: int,
             threads: int = 1) -> LpBound:
    """Solve the LP relaxation by interior point and return the Lagrangian bound."""
    h = make_highs(model, time_limit_s=time_limit_s, seed=seed, threads=threads,
                   integer=False)
    h.setOptionValue("solver", "ipm")
    h.setOptionValue("run_crossover", "off")
    h.run()
    status = h.modelStatusToString(h.getModelStatus())
    sol = h.getSolution()
    y = np.asarray(sol.row_dual)
    if not sol.dual_valid or y.size != model.n_rows:
        empty = np.zeros(model.ship.size)
        return LpBound(-np.inf, empty, np.zeros(n_ships), status)
    return lagrangian_bound(model, n_ships, y, status)


def lagrangian_bound(model: ArcModel, n_ships: int, y: np.ndarray, status: str) -> LpBound:
    """``L(y)`` and the ship-arc reduced costs for row duals ``y``.

    With merged identical ships and berths (:mod:`.symmetry`) a ship type takes ``supply``
    arcs (at least ``supply`` times its cheapest reduced cost) and an idle arc carries up to its
    berth class's ``capacity``.
    """
    rc = model.cost - y[model.ship] + y[model.tail] - y[model.head]
    ship_min = np.full(n_ships, np.inf)
    np.minimum.at(ship_min, model.ship, rc)
    tails = idle_tails(model)
    idle_rc = y[tails] - y[tails + 1]
    bound = float(model.rhs @ y + np.minimum(idle_rc, 0.0) @ idle_capacity(model)
                  + model.supply @ ship_min)
    return LpBound(bound, rc, ship_min, status)


def fix_by_reduced_cost(model: ArcModel, lp: LpBound, upper_bound: float) -> np.ndarray:
    """Indices of the ship arcs that may lie in a plan of cost at most ``upper_bound``."""
    if not np.isfinite(lp.bound):
        return np.arange(model.ship.size)
    slack = upper_bound - lp.bound + 1e-6
    return np.flatnonzero(lp.reduced_cost - lp.ship_min_rc[model.ship] <= slack)


def column_generation_bound(model: ArcModel, inst: BerthInstance, initial: np.ndarray, *,
                            time_limit_s: float, seed: int, threads: int = 1,
                            per_ship: int = 40) -> LpBound:
    """The best Lagrangian bound met while pricing the LP over ``model`` from ``initial`` arcs.

    For instances whose full LP the interior point method does not finish in time (Kramer et
    al.'s 200 × 15 and 250 × 20 sets). Each round solves the LP of
    the arcs found so far (nodes only at their own times), extends its node duals to every node
    of ``model`` as a step function of time, and prices all arcs: :func:`lagrangian_bound` makes
    a bound of *any* duals, so it is valid whether or not the pricing has converged. Up to
    ``per_ship`` arcs of negative reduced cost per ship join the next round. ``initial`` must
    hold a feasible plan's arcs, so that every restricted LP is feasible.
    """
    deadline = time.perf_counter() + time_limit_s
    n = inst.n_ships
    inside = np.zeros(model.ship.size, dtype=bool)
    inside[initial] = True
    best = LpBound(-np.inf, np.zeros(model.ship.size), np.zeros(n), "not solved")
    rounds = 0
    while time.perf_counter() < deadline:
        cols = np.flatnonzero(inside)
        small = model.subset(cols, inst)
        h = make_highs(small, time_limit_s=deadline - time.perf_counter(), seed=seed,
                       threads=threads, integer=False)
        h.setOptionValue("solver", "ipm")
        h.setOptionValue("run_crossover", "off")
        h.run()
        sol = h.getSolution()
        y_small = np.asarray(sol.row_dual)
        if not sol.dual_valid or y_small.size != small.n_rows:
            break
        rounds += 1
        cand = lagrangian_bound(model, n, _extend_duals(model, small, y_small),
                                f"column generation, round {rounds}")
        if cand.bound > best.bound:
            best = cand
        new = _most_negative(cand.reduced_cost, model.ship, inside, per_ship)
        if new.size == 0:
            break
        inside[new] = True
    return best


def _extend_duals(model: ArcModel, small: ArcModel, y_small: np.ndarray) -> np.ndarray:
    """Duals for ``model``'s rows: ship rows as in ``small``; each node takes the dual of
    ``small``'s latest node of the same berth at or before its time."""
    y = np.zeros(model.n_rows)
    n = int(model.node_start[0])
    y[:n] = y_small[:n]
    for j in range(model.node_start.size - 1):
        full_t = _node_times(model, j)
        small_t = _node_times(small, j)
        pos = np.clip(np.searchsorted(small_t, full_t, side="right") - 1, 0, small_t.size - 1)
        y[model.node_start[j]:model.node_start[j + 1]] = y_small[small.node_start[j] + pos]
    return y


def _node_times(model: ArcModel, j: int) -> np.ndarray:
    """Times of berth ``j``'s nodes (arc ends; nodes without arcs get the next arc's time)."""
    a, b = int(model.node_start[j]), int(model.node_start[j + 1])
    times = np.full(b - a, np.iinfo(np.int64).max)
    sel = model.berth == j
    times[model.tail[sel] - a] = model.start_h[sel]
    times[model.head[sel] - a] = model.start_h[sel] + model.handling_h[sel]
    return np.minimum.accumulate(times[::-1])[::-1]
def _most_negative(rc: np.ndarray, ship: np.ndarray, inside: np.ndarray,
                   per_ship: int) -> np.ndarray:
    """Up to ``per_ship`` arcs of each ship with the most negative reduced cost, not yet in."""
    cand = np.flatnonzero((rc < -1e-6) & ~inside)
    if cand.size == 0:
        return cand
    order = cand[np.lexsort((rc[cand], ship[cand]))]
    first = np.searchsorted(ship[order], ship[order], side="left")
    return order[np.arange(order.size) - first < per_ship]
