"""LP bound of the arc-flow time-indexed model, and reduced-cost fixing.

The LP is solved by HiGHS's interior point method without crossover (on these degenerate models
it is several times faster than simplex and than column generation, measured). Because interior
point duals need not be exactly optimal, the bound is not read off the LP value: it is recomputed
as a Lagrangian bound from the duals ``y``, valid for *any* ``y``::

    L(y) = b·y + Σ_idle arcs min(0, rc) + Σ_ships min over the ship's arcs of rc

(every row dualised except "each ship takes exactly one arc"). Reduced-cost fixing (Kramer et
al. 2019 apply it to the same model): an arc whose reduced cost exceeds its ship's smallest by
more than ``UB − L(y)`` lies in no plan cheaper than ``UB`` and is dropped before the MIP.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tradelane.berth.timeindexed import ArcModel, make_highs


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
    h = make_highs(model, n_ships, time_limit_s=time_limit_s, seed=seed, threads=threads,
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
    """``L(y)`` and the ship-arc reduced costs for row duals ``y``."""
    rc = model.cost - y[model.ship] + y[model.tail] - y[model.head]
    ship_min = np.full(n_ships, np.inf)
    np.minimum.at(ship_min, model.ship, rc)
    b = np.zeros(model.n_rows)
    b[:n_ships] = 1.0
    b[model.node_start[:-1]] = -1.0
    b[model.node_start[1:] - 1] = 1.0
    idle_tail = np.concatenate([np.arange(a, e - 1) for a, e in
                                zip(model.node_start[:-1], model.node_start[1:], strict=True)])
    idle_rc = y[idle_tail] - y[idle_tail + 1]
    bound = float(b @ y + np.minimum(idle_rc, 0.0).sum() + ship_min.sum())
    return LpBound(bound, rc, ship_min, status)


def fix_by_reduced_cost(model: ArcModel, lp: LpBound, upper_bound: float) -> np.ndarray:
    """Indices of the ship arcs that may lie in a plan of cost at most ``upper_bound``."""
    if not np.isfinite(lp.bound):
        return np.arange(model.ship.size)
    slack = upper_bound - lp.bound + 1e-6
    return np.flatnonzero(lp.reduced_cost - lp.ship_min_rc[model.ship] <= slack)
