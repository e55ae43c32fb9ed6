"""Path-based multi-commodity flow LP solved by column generation (HiGHS master, Dijkstra pricing).

Master: maximise Σ_paths (revenue + penalty − handling − transshipment) λ subject to one row per
commodity (Σ λ ≤ volume) and one per service leg (Σ λ ≤ capacity). Pricing: with leg duals ``y``
as extra arc costs, the cheapest path from each origin to every port is found by one Dijkstra per
origin (``scipy.sparse.csgraph``) over a graph of call nodes (sail arcs), port nodes (unload arcs
at no cost, load arcs at the port's transshipment cost) and one source per origin. Paths with a
positive reduced profit enter; when none is left the LP optimum is proven.

With transit-time limits, pricing becomes a resource-constrained shortest path solved exactly by
Pareto labels (:mod:`tradelane.flow._labels`). Transit time of a path = Σ over legs sailed of
(port stay at the departure call + sailing days).

:meth:`PathFlowModel.replace_service` keeps the master: paths on the changed service are repaired
onto its new call list where they have a counterpart and deleted where not
(:mod:`tradelane.flow._change`); rows of dropped calls are kept for reuse by later inserted calls;
column generation then continues from the current basis.

Speed notes (EuropeAsia, 4,000 commodities): primal simplex re-solves the master fastest after
columns are added; columns idle since the previous round are deleted (they may re-enter), which
keeps every pivot cheap. A greedy seed routing was tried and made convergence slower.
"""

from __future__ import annotations

import itertools
import time

import highspy
import numpy as np
import numpy.typing as npt
from scipy.sparse.csgraph import dijkstra

from tradelane.errors import InputError
from tradelane.flow import _change
from tradelane.flow._labels import constrained_paths
from tradelane.flow._pricing import EPS_SAIL_USD, PricingGraph, walk_many
from tradelane.flow.data import FlowData, FlowService, FlowSolution
from tradelane.flow.params import DEFAULT_FLOW_PARAMS, FlowParams
from tradelane.result import Result, Status
from tradelane.solvers.highs import quiet_highs

__all__ = ["PathFlowModel", "solve"]

_INF = highspy.kHighsInf
_TOL = 1e-6
_DUAL, _PRIMAL = 1, 4  # HiGHS simplex_strategy values
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


class PathFlowModel:
    """Column-generation model kept between solves; see the module docstring.

    Parameters
    ----------
    data : FlowData
        Ports, services, commodities (``max_transit_days`` enforced where given).
    params : FlowParams
        Wall-clock limit per :meth:`solve` (status UNKNOWN when reached), HiGHS seed and
        threads, dual smoothing and column purging.
    """

    def __init__(self, data: FlowData, params: FlowParams = DEFAULT_FLOW_PARAMS) -> None:
        t0 = time.perf_counter()
        self.data, self.params = data, params
        self.seed, self.time_limit_s = params.seed, params.time_limit_s
        self._port = {p.code: i for i, p in enumerate(data.ports)}
        self._trans = np.array([p.transshipment_cost_usd_per_ffe for p in data.ports])
        handling = np.array([p.handling_cost_usd_per_ffe for p in data.ports])
        ks = data.commodities
        self._ko = np.array([self._port[k.origin] for k in ks], dtype=np.int64)
        self._kd = np.array([self._port[k.destination] for k in ks], dtype=np.int64)
        self._vol = np.array([k.volume_ffe for k in ks], dtype=float)
        self._rev = np.array([k.revenue_usd_per_ffe for k in ks], dtype=float)
        self._pen = np.array([k.rejection_penalty_usd_per_ffe for k in ks], dtype=float)
        self._handling = handling[self._ko] + handling[self._kd]
        self._value = self._rev + self._pen - self._handling
        self._tmax = np.array([np.inf if k.max_transit_days is None else k.max_transit_days
                               for k in ks])
        self._timed = bool(np.isfinite(self._tmax).any())
        self._origins = np.unique(self._ko[self._vol > 0])
        self._services: list[FlowService] = []
        self._service_calls: list[list[int]] = []
        self._call_port: list[int] = []
        self._call_next: list[int] = []
        self._call_days: list[float] = []
        self._cap_row: list[int] = []
        self._col_k: list[int] = []
        self._col_legs: list[list[int]] = []
        self._col_trans: list[list[int]] = []
        self._seen: set[tuple[int, tuple[int, ...]]] = set()
        self._highs = quiet_highs({**params.highs_options(), "simplex_strategy": _PRIMAL})
        n_k = len(ks)
        self._highs.addRows(n_k, np.full(n_k, -_INF), self._vol, 0, np.zeros(n_k, np.int32),
                            np.zeros(0, np.int32), np.zeros(0))
        self._n_rows = n_k
        self._free_calls: list[int] = []
        self._trans_l: list[float] = self._trans.tolist()
        self._graph_cache: PricingGraph | None = None
        for s in data.services:
            self._services.append(s)
            self._service_calls.append([])
            self._set_calls(len(self._services) - 1, s, [self._new_call() for _ in s.calls])
        self.build_s = time.perf_counter() - t0
        self.iterations = 0
        self._changed = 0
        self._center: FloatArray | None = None

    def _new_call(self) -> int:
        """A new call id with its own (empty, free) leg row."""
        c = len(self._call_port)
        self._call_port.append(0)
        self._call_next.append(c)
        self._call_days.append(0.0)
        self._cap_row.append(self._n_rows)
        self._highs.addRow(-_INF, _INF, 0, np.zeros(0, np.int32), np.zeros(0))
        self._n_rows += 1
        return c

    def _set_calls(self, i: int, service: FlowService, ids: list[int]) -> None:
        """Service ``i`` becomes ``service`` on call ids ``ids``: ports, legs, days, capacity."""
        n = len(ids)
        days = service.leg_days or (0.0,) * n
        for b, c in enumerate(ids):
            self._call_port[c] = self._port[service.calls[b]]
            self._call_next[c] = ids[(b + 1) % n]
            self._call_days[c] = service.port_stay_days + days[b]
        for c in ids:
            self._highs.changeRowBounds(self._cap_row[c], -_INF, service.capacity_ffe)
        self._services[i], self._service_calls[i] = service, ids

    def _free_rows(self, calls: list[int]) -> None:
        """Calls no service uses any more: their rows lose their bound (kept for reuse)."""
        for c in calls:
            self._highs.changeRowBounds(self._cap_row[c], -_INF, _INF)

    @property
    def size(self) -> tuple[int, int]:
        """(rows, columns) of the master LP."""
        return self._n_rows, len(self._col_k)

    def replace_service(self, i: int, service: FlowService) -> None:
        """Replace service ``i``; the next :meth:`solve` continues from the current basis.

        Paths that used the old service are repaired onto the new one where they have a
        counterpart (see :mod:`tradelane.flow._change`), deleted where not.
        """
        if not 0 <= i < len(self._services):
            raise InputError("PathFlowModel.replace_service", i, "is not a service index")
        self._graph_cache = None
        if self._services[i].calls == service.calls:
            _change.retime(self, i, service)
            self._changed = _DUAL  # only bounds changed: the basis stays dual feasible
            return  # same legs, same duals: pricing them again would find nothing new
        _change.restructure(self, i, service)
        self._changed = _PRIMAL  # repaired paths keep most of the flow feasible
        if self._center is not None:  # offer detours at the last duals before re-solving
            point = np.concatenate([self._center, np.zeros(self._n_rows - len(self._center))])
            self._add_columns(self._price(point[: len(self._vol)],
                                          point[np.array(self._cap_row)]))

    # ---- pricing ----------------------------------------------------------------------------
    def _price(self, commodity_dual: FloatArray, leg_dual: FloatArray) -> list[tuple[int, list[
            int], list[int]]]:
        if self._graph_cache is None:
            self._graph_cache = PricingGraph(self)
        graph, src0 = self._graph_cache.at(leg_dual), self._graph_cache.src0
        sources = src0 + np.arange(len(self._origins))
        dist, pred = dijkstra(graph, directed=True, indices=sources, return_predecessors=True)
        row_of = np.searchsorted(self._origins, self._ko)
        live = np.flatnonzero(self._vol > 0)
        reduced = -self._value[live] + commodity_dual[live] + dist[row_of[live], self._kd[live]]
        found = []
        timed = []
        ks = live[reduced < -_TOL * np.maximum(1.0, self._value[live])]
        walks = walk_many(pred, row_of[ks], self._kd[ks], sources[row_of[ks]],
                          len(self.data.ports))
        for k, (legs, trans) in zip(ks.tolist(), walks, strict=True):
            if self._timed and sum(self._call_days[c] for c in legs) > self._tmax[k] + 1e-9:
                timed.append(k)
                continue
            found.append((k, legs, trans))
        if timed:
            found += constrained_paths(self, timed, commodity_dual, leg_dual)
        return found

    # ---- master -----------------------------------------------------------------------------
    def _add_columns(self, paths: list[tuple[int, list[int], list[int]]]) -> int:
        """Add the paths not yet in the master; returns how many were added."""
        fresh = []
        for k, legs, trans in paths:
            if (k, tuple(legs)) not in self._seen:
                self._seen.add((k, tuple(legs)))
                fresh.append((k, legs, trans))
        if not fresh:
            return 0
        starts: list[int] = []
        index: list[int] = []
        cost: list[float] = []
        for k, legs, trans in fresh:
            starts.append(len(index))
            index += [k] + [self._cap_row[c] for c in legs]
            cost.append(self._path_cost(k, legs, trans))
            self._col_k.append(k)
            self._col_legs.append(legs)
            self._col_trans.append(trans)
        n = len(fresh)
        self._highs.addCols(n, np.array(cost), np.zeros(n), np.full(n, _INF), len(index),
                            np.array(starts, np.int32), np.array(index, np.int32),
                            np.ones(len(index)))
        return n

    def _path_cost(self, k: int, legs: list[int], trans: list[int]) -> float:
        """Master cost of a path: −(value) + transshipment + a tiny per-leg tie-breaker."""
        return -float(self._value[k]) + sum(self._trans_l[p] for p in trans) \
            + EPS_SAIL_USD * len(legs)

    def _delete_columns(self, drop: list[int]) -> None:
        """Delete master columns ``drop`` (HiGHS keeps the basis status of the others)."""
        if not drop:
            return
        self._highs.deleteCols(len(drop), np.array(drop, np.int32))
        gone = set(drop)
        for j in drop:
            self._seen.discard((self._col_k[j], tuple(self._col_legs[j])))
        keep = [j for j in range(len(self._col_k)) if j not in gone]
        self._col_k = [self._col_k[j] for j in keep]
        self._col_legs = [self._col_legs[j] for j in keep]
        self._col_trans = [self._col_trans[j] for j in keep]

    def _purge_columns(self) -> None:
        """Delete columns that have been idle (zero, priced out) since the last purge.

        They can re-enter through pricing; fewer columns make every simplex pivot cheaper.
        """
        n = len(self._col_k)
        if n < self.params.purge_min_columns:
            return
        sol = self._highs.getSolution()
        value = np.asarray(sol.col_value)
        reduced = np.asarray(sol.col_dual)
        idle = (value <= 1e-9) & (reduced > _TOL)  # a positive reduced cost: nonbasic
        drop = np.flatnonzero(idle)
        if len(drop) >= n // 4:
            self._delete_columns(drop.tolist())

    def _smoothed_round(self, dual: FloatArray) -> int:
        """Price at smoothed duals (Wentges), at the true duals if that finds nothing; add.

        Returns the number of columns added; 0 proves the LP optimal (true duals priced).
        """
        same_rows = self._center is not None and len(self._center) == len(dual)
        alpha = self.params.dual_smoothing if same_rows else 0.0
        tries = [alpha, 0.0] if alpha > 0 else [0.0]
        for a in tries:
            point = dual if a == 0 or self._center is None else a * self._center + (1 - a) * dual
            found = [path for path in self._price(point[: len(self._vol)],
                                                  point[np.array(self._cap_row)])
                     if (path[0], tuple(path[1])) not in self._seen]
            if found:
                # purge only when the LP will be re-solved: deleting columns voids HiGHS's
                # solution, which the last round (nothing new found) returns
                self._purge_columns()
                self._center = point
                return self._add_columns(found)
        self._center = dual
        return 0

    def solve(self) -> Result[FlowSolution]:
        """Run column generation to LP optimality (from the current basis) and return the flow."""
        t0 = time.perf_counter()
        pricing_s = 0.0
        self.iterations = 0
        status = Status.UNKNOWN
        if not self._col_k:  # HiGHS gives no duals for an empty model: price at zero duals
            self._add_columns(self._price(np.zeros(len(self._vol)), np.zeros(len(self._cap_row))))
        while time.perf_counter() - t0 < self.time_limit_s:
            # after new capacities the basis may be primal infeasible: dual simplex repairs it;
            # after new calls (paths repaired) or columns added, primal simplex continues
            self._highs.setOptionValue("simplex_strategy", self._changed or _PRIMAL)
            self._changed = 0
            if not self._col_k:  # nothing can be carried: the zero flow is optimal
                status = Status.OPTIMAL
                break
            self._highs.run()
            if self._highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                break
            dual = -np.asarray(self._highs.getSolution().row_dual)
            t1 = time.perf_counter()
            found = self._smoothed_round(dual)
            pricing_s += time.perf_counter() - t1
            self.iterations += 1
            if not found:
                status = Status.OPTIMAL
                break
        solve_s = time.perf_counter() - t0
        stats = {"lp_rows": self._n_rows, "lp_cols": len(self._col_k), "build_s": self.build_s,
                 "solve_s": solve_s, "pricing_s": pricing_s, "cg_iterations": self.iterations}
        self.build_s = 0.0
        if status is not Status.OPTIMAL:
            return Result(Status.UNKNOWN, None, None, solve_s, self.seed, None, stats)
        if self._col_k:
            lp = self._highs.getSolution()
            col, row_dual = np.asarray(lp.col_value), np.asarray(lp.row_dual)
        else:
            col, row_dual = np.zeros(0), np.zeros(self._n_rows)
        solution = self._solution(col, row_dual)
        value = solution.value_usd
        return Result(Status.OPTIMAL, value, value, solve_s, self.seed, solution, stats)

    def _solution(self, col: FloatArray, row_dual: FloatArray) -> FlowSolution:
        used = np.flatnonzero(col > 1e-9).tolist()
        # leg rows are ≤ rows of a minimisation: dual ≤ 0; the price of one more FFE is −dual
        leg_dual = np.maximum(-row_dual[np.array(self._cap_row, np.int64)], 0.0)
        v = col[used]
        x: FloatArray = np.bincount(np.array([self._col_k[j] for j in used], np.int64), v,
                                    len(self._vol)).astype(float)
        legs = [self._col_legs[j] for j in used]
        ports = [self._col_trans[j] for j in used]
        leg: FloatArray = np.bincount(
            np.fromiter(itertools.chain.from_iterable(legs), np.int64),
            np.repeat(v, [len(a) for a in legs]), len(self._call_port)).astype(float)
        trans: FloatArray = np.bincount(
            np.fromiter(itertools.chain.from_iterable(ports), np.int64),
            np.repeat(v, [len(a) for a in ports]), len(self.data.ports)).astype(float)
        codes = [p.code for p in self.data.ports]
        return FlowSolution(
            delivered_ffe=x,
            leg_flow_ffe=tuple(leg[ids] for ids in self._service_calls),
            leg_dual_usd_per_ffe=tuple(leg_dual[ids] for ids in self._service_calls),
            transshipped_ffe={codes[p]: float(v) for p, v in enumerate(trans) if v > 1e-9},
            revenue_usd=float(x @ self._rev),
            handling_cost_usd=float(x @ self._handling),
            transshipment_cost_usd=float(trans @ self._trans),
            penalty_usd=float((self._vol - x) @ self._pen),
        )


def solve(data: FlowData, params: FlowParams = DEFAULT_FLOW_PARAMS) -> Result[FlowSolution]:
    """Route ``data``'s commodities at maximum value, honouring transit-time limits.

    Parameters
    ----------
    data : FlowData
        Ports, services and commodities (``max_transit_days`` enforced where given).
    params : FlowParams
        Time limit, seed, threads and column-generation options (default: no time limit,
        seed 0, one thread).

    Returns
    -------
    Result[FlowSolution]
        ``optimal`` with objective = bound = the flow's value once no path with a positive
        reduced profit is left, or ``unknown`` without a solution when time runs out.
    """
    model = PathFlowModel(data, params)
    build_s = model.build_s
    result = model.solve()
    return Result(result.status, result.objective, result.bound, result.runtime_s + build_s,
                  model.seed, result.solution, result.stats)
