"""Time-indexed model of the DBAP in arc-flow form, solved by HiGHS.

The decision is the time-indexed one of the generalised set partitioning model (Buhrkal et al.
2011): a binary column per (ship, berth, start period). Instead of "at most one ship per berth and
period" clique rows — a column then has one non-zero per period handled, which made the LP slow —
each berth is a unit flow over its time points (the arc-flow model of Kramer et al. 2019): a
column is an arc from its start to its end node, and continuous idle arcs join consecutive time
points. Interval matrices are totally unimodular, so both forms have the same LP bound, but the
arc-flow matrix has three non-zeros per column.

Bound-based elimination (Kramer et al. 2019): a column whose cost plus every other ship's cheapest
cost exceeds a known plan's cost ``UB`` is dropped; no plan cheaper than ``UB`` uses it.

Ship rows and berths may stand for several identical ships and berths (:mod:`.symmetry`): a
ship row then asks for ``supply`` arcs and a berth carries ``capacity`` units of flow.
"""

from __future__ import annotations

from dataclasses import dataclass

import highspy
import numpy as np

from tradelane.berth.symmetry import Symmetry, find_symmetry
from tradelane.domain.berth import BerthAssignment, BerthInstance, BerthPlan
from tradelane.solvers.highs import RUNTIME


@dataclass(frozen=True, slots=True)
class ArcModel:
    """Ship arcs (arrays indexed by column) and the berth time nodes they join.

    Rows ``0..n_ships-1`` are ships (or ship types, each wanting ``supply[i]`` arcs); berth
    ``j``'s nodes are rows ``node_start[j] .. node_start[j+1]-1`` in time order (first =
    opening, last = closing), and ``capacity[j]`` units of flow (identical berths) cross them.
    """

    ship: np.ndarray
    berth: np.ndarray
    start_h: np.ndarray
    handling_h: np.ndarray
    cost: np.ndarray
    tail: np.ndarray
    head: np.ndarray
    node_start: np.ndarray
    supply: np.ndarray
    capacity: np.ndarray

    @property
    def n_rows(self) -> int:
        """Ship rows plus node rows."""
        return int(self.node_start[-1])

    def subset(self, keep: np.ndarray, inst: BerthInstance) -> ArcModel:
        """The columns ``keep`` with nodes only at their own start and end times."""
        return assemble(inst, self.ship[keep], self.berth[keep], self.start_h[keep],
                        self.handling_h[keep], self.cost[keep], self.supply, self.capacity)

    @property
    def rhs(self) -> np.ndarray:
        """Right-hand side of every row: ship supplies, ``-capacity`` at each berth's opening
        node, ``+capacity`` at its closing node, zero elsewhere."""
        b = np.zeros(self.n_rows)
        b[:self.supply.size] = self.supply
        b[self.node_start[:-1]] = -self.capacity
        b[self.node_start[1:] - 1] += self.capacity
        return b

    @property
    def arc_bound(self) -> np.ndarray:
        """Most units a ship arc can carry: its ship's supply or its berth's capacity."""
        return np.minimum(self.supply[self.ship], self.capacity[self.berth]).astype(float)


def _ship_floor_costs(inst: BerthInstance) -> np.ndarray:
    floors = np.full(inst.n_ships, np.inf)
    for i in range(inst.n_ships):
        for j in range(inst.n_berths):
            win = inst.start_window_h(i, j)
            if win is not None:
                floors[i] = min(floors[i], inst.cost(i, j, win[0]))
    return floors


def build_model(inst: BerthInstance, upper_bound: float | None, *,
                ship_count: np.ndarray | None = None,
                berth_count: np.ndarray | None = None) -> ArcModel:
    """Enumerate every column that may lie in a plan of cost at most ``upper_bound``.

    ``ship_count`` and ``berth_count`` (default all ones) say how many identical ships and
    berths each of ``inst``'s stands for.
    """
    supply = np.ones(inst.n_ships, dtype=np.int64) if ship_count is None else ship_count
    capacity = np.ones(inst.n_berths, dtype=np.int64) if berth_count is None else berth_count
    floors = _ship_floor_costs(inst)
    if not np.all(np.isfinite(floors)):
        bad = int(np.flatnonzero(~np.isfinite(floors))[0])
        raise ValueError(f"ship {bad}: no berth can take it within the time windows.")
    slack = np.full(inst.n_ships, np.inf) if upper_bound is None else (
        upper_bound - (supply @ floors - floors) + 1e-6)
    cols: list[tuple[np.ndarray, ...]] = []
    for i in range(inst.n_ships):
        for j in range(inst.n_berths):
            win = inst.start_window_h(i, j)
            h = inst.handling_h[i][j]
            if win is None or h is None:
                continue
            lo, hi = win
            w = inst.weight_per_h[i]
            if w > 0 and np.isfinite(slack[i]):
                hi = min(hi, int(np.floor(slack[i] / w + inst.arrival_h[i] - h)))
            if hi < lo:
                continue
            t = np.arange(lo, hi + 1, dtype=np.int64)
            cols.append((np.full(t.size, i), np.full(t.size, j), t, np.full(t.size, h),
                         w * (t + h - inst.arrival_h[i])))
    ship, berth, start, dur, cost = (np.concatenate(parts) for parts in zip(*cols, strict=True))
    return assemble(inst, ship, berth, start, dur, cost, supply, capacity)


def assemble(inst: BerthInstance, ship: np.ndarray, berth: np.ndarray, start: np.ndarray,
             dur: np.ndarray, cost: np.ndarray, supply: np.ndarray,
             capacity: np.ndarray) -> ArcModel:
    """Nodes for the given columns: per berth, opening, closing and every start and end time."""
    tail = np.empty(ship.size, dtype=np.int64)
    head = np.empty(ship.size, dtype=np.int64)
    node_start = [inst.n_ships]
    for j in range(inst.n_berths):
        sel = berth == j
        times = np.unique(np.concatenate((
            [inst.berth_open_h[j], inst.berth_close_h[j]], start[sel], start[sel] + dur[sel])))
        tail[sel] = node_start[-1] + np.searchsorted(times, start[sel])
        head[sel] = node_start[-1] + np.searchsorted(times, start[sel] + dur[sel])
        node_start.append(node_start[-1] + times.size)
    return ArcModel(ship.astype(np.int64), berth.astype(np.int64), start.astype(np.int64),
                    dur.astype(np.int64), cost.astype(float), tail, head,
                    np.asarray(node_start, dtype=np.int64), np.asarray(supply, dtype=np.int64),
                    np.asarray(capacity, dtype=np.int64))


def idle_tails(model: ArcModel) -> np.ndarray:
    """Tail row of every idle arc (node to the next node of the same berth), in column order."""
    return np.concatenate([np.arange(a, b - 1) for a, b in
                           zip(model.node_start[:-1], model.node_start[1:], strict=True)])


def idle_capacity(model: ArcModel) -> np.ndarray:
    """Capacity of every idle arc: its berth's."""
    return np.repeat(model.capacity, np.diff(model.node_start) - 1).astype(float)


def _idle_arcs(model: ArcModel) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    tails = idle_tails(model)
    n = tails.size
    index = np.column_stack((tails, tails + 1)).ravel()
    return np.arange(0, 2 * n + 1, 2, dtype=np.int64), index, np.tile([-1.0, 1.0], n)


def make_highs(model: ArcModel, *, time_limit_s: float, seed: int, threads: int,
               integer: bool = True, columns: np.ndarray | None = None) -> highspy.Highs:
    """HiGHS (from :data:`~tradelane.solvers.highs.RUNTIME`) holding the idle arcs, then the
    ship arcs ``columns`` (default all), binary unless ``integer`` is false."""
    h = RUNTIME.highs({"time_limit": max(time_limit_s, 0.01), "random_seed": seed,
                     "threads": threads, "mip_rel_gap": 0.0, "mip_abs_gap": 1e-6})
    b = model.rhs
    h.addRows(model.n_rows, b, b, 0, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64),
              np.zeros(0))
    start, index, value = _idle_arcs(model)
    n_idle = start.size - 1
    h.addCols(n_idle, np.zeros(n_idle), np.zeros(n_idle), idle_capacity(model), index.size,
              start[:-1], index, value)
    add_ship_arcs(h, model, np.arange(model.ship.size) if columns is None else columns,
                  integer=integer)
    return h


def n_idle_arcs(model: ArcModel) -> int:
    """Number of idle arcs (the first columns of :func:`make_highs`)."""
    return int(model.node_start[-1] - model.node_start[0]) - (model.node_start.size - 1)


def add_ship_arcs(h: highspy.Highs, model: ArcModel, columns: np.ndarray, *,
                  integer: bool) -> None:
    """Append the ship arcs ``columns`` of ``model`` to ``h``."""
    cost = model.cost[columns]
    n = cost.size
    if n == 0:
        return
    index = np.column_stack((model.ship[columns], model.tail[columns],
                             model.head[columns])).ravel()
    start = np.arange(0, 3 * n, 3, dtype=np.int64)
    first = h.getNumCol()
    h.addCols(n, cost, np.zeros(n), model.arc_bound[columns], index.size, start, index,
              np.tile([1.0, -1.0, 1.0], n))
    if integer:
        h.changeColsIntegrality(n, np.arange(first, first + n, dtype=np.int32),
                                np.ones(n, dtype=np.uint8))


def set_start(h: highspy.Highs, model: ArcModel, plan: BerthPlan,
              sym: Symmetry | None = None) -> bool:
    """Give HiGHS ``plan`` (of the original instance behind ``sym``) as a full MIP start: ship
    arcs plus the idle arcs between them.

    Assumes ``h`` was built by :func:`make_highs` with all of ``model``'s columns. Returns false
    when a column of the plan was eliminated.
    """
    x = plan_vector(model, plan, sym)
    if x is None:
        return False
    busy = np.zeros(model.n_rows + 1)
    np.add.at(busy, model.tail, x)
    np.add.at(busy, model.head, -x)
    busy = np.cumsum(busy)  # busy[r] = ship arcs covering node r to r+1 (within a berth)
    idle = [cap - busy[a:b - 1] for a, b, cap in
            zip(model.node_start[:-1], model.node_start[1:], model.capacity, strict=True)]
    sol = highspy.HighsSolution()
    sol.col_value = np.concatenate([*idle, x])
    h.setSolution(sol)
    return True


def plan_vector(model: ArcModel, plan: BerthPlan, sym: Symmetry | None = None
                ) -> np.ndarray | None:
    """Units on each of ``model``'s ship arcs in ``plan``; ``None`` when an arc of the plan is
    not in the model."""
    key = {(int(i), int(j), int(t)): c for c, (i, j, t) in
           enumerate(zip(model.ship, model.berth, model.start_h, strict=True))}
    arcs = ({(a.ship, a.berth, a.start_h): 1 for a in plan.assignments} if sym is None
            else sym.arcs(plan))
    x = np.zeros(model.ship.size)
    for ijt, count in arcs.items():
        c = key.get(ijt)
        if c is None:
            return None
        x[c] = count
    return x


def extract_plan(inst: BerthInstance, model: ArcModel, x_ship_arcs: np.ndarray,
                 sym: Symmetry | None = None) -> BerthPlan:
    """The plan (of the original instance behind ``sym``) of an integer vector over
    ``model``'s ship arcs."""
    if sym is None:
        sym = find_symmetry(inst, merge=False)
    units = np.rint(x_ship_arcs).astype(np.int64)
    arcs = [(int(model.ship[c]), int(model.berth[c]), int(model.start_h[c]),
             int(model.handling_h[c]), int(units[c])) for c in np.flatnonzero(units > 0)]
    return sym.expand(arcs)


def solution_plan(h: highspy.Highs, inst: BerthInstance, model: ArcModel,
                  sym: Symmetry | None = None) -> BerthPlan:
    """:func:`extract_plan` of ``h``'s solution (``h`` built by :func:`make_highs` over
    ``model``, idle arcs first)."""
    return extract_plan(inst, model, np.asarray(h.getSolution().col_value)[n_idle_arcs(model):],
                        sym)


def left_justified(inst: BerthInstance, model: ArcModel, keep: np.ndarray) -> np.ndarray:
    """The columns of ``keep`` that can start a ship in a left-justified plan.

    A plan is left-justified when every ship starts at its release on its berth (the later of
    its arrival and the berth's opening) or exactly when another ship on that berth ends. Some
    optimal plan is: take any optimal plan and, berth by berth in the same order, restart each
    ship at the later of its release and its predecessor's end. No start moves later, so no
    deadline or closing time breaks and, as weights are non-negative, the cost does not grow.

    Dropped repeatedly until none is left: a column that starts after its release at a time
    when no column kept on its berth ends. Applied to the columns kept by reduced-cost fixing
    against ``UB`` (which keeps every column of every plan of cost ≤ ``UB``), it keeps every
    column of the left-justified optimal plan, whose predecessors' columns are kept too; so the
    optimum over the result is the optimum. It pays after fixing; applied to the whole model it
    drops almost nothing, as handling times' sums reach nearly every period (docs/berth.md).
    """
    release = np.array([[(inst.start_window_h(i, j) or (-1, 0))[0]
                         for j in range(inst.n_berths)] for i in range(inst.n_ships)])
    span = int(max(inst.berth_close_h)) + 1
    keep = np.asarray(keep, dtype=np.int64)
    while True:
        berth, start = model.berth[keep], model.start_h[keep]
        ends = np.unique(berth * span + start + model.handling_h[keep])
        ok = (start == release[model.ship[keep], berth]) | np.isin(berth * span + start, ends)
        if ok.all():
            return keep
        keep = keep[ok]


def left_shift(inst: BerthInstance, plan: BerthPlan) -> BerthPlan:
    """``plan`` with each ship restarted, berth by berth in the same order, as early as its
    release and its predecessor allow (never later than before, never costlier)."""
    out = {}
    for j in range(inst.n_berths):
        t = inst.berth_open_h[j]
        for a in sorted((a for a in plan.assignments if a.berth == j), key=lambda a: a.start_h):
            start = max(t, inst.arrival_h[a.ship])
            t = start + (a.end_h - a.start_h)
            out[a.ship] = BerthAssignment(ship=a.ship, berth=j, start_h=start, end_h=t)
    return BerthPlan(tuple(out[a.ship] for a in plan.assignments))
