"""Source-based arc-flow LP for cargo routing, built with NumPy and solved with HiGHS.

Commodities are aggregated by origin: one flow per origin port over a graph with one node per
(origin, port) and per (origin, call). Arcs: *sail* (call → next call of the same service, sharing
the leg capacity), *load* (port → call; costs the port's transshipment cost unless the port is the
origin) and *unload* (call → port). Each commodity's delivered volume ``x_k ≤ volume`` leaves the
network at its destination. Maximise Σ (revenue + penalty − handling at both ends) x − Σ
transshipment; the rejection penalty on the volume not carried is a constant added afterwards.

The model is kept between solves: :meth:`FlowModel.replace_service` changes one service, adds the
rows and columns the change needs, fixes those no longer usable at zero, and re-solves from the
previous basis.
"""

from __future__ import annotations

import time

import highspy
import numpy as np
import numpy.typing as npt

from tradelane.errors import InputError
from tradelane.flow.data import FlowData, FlowService, FlowSolution
from tradelane.flow.params import DEFAULT_FLOW_PARAMS, FlowParams
from tradelane.result import Result, Status
from tradelane.solvers.highs import quiet_highs

__all__ = ["FlowModel", "solve"]

_INF = highspy.kHighsInf
_EPS_SAIL_USD = 1e-6  # tie-breaker against zero-cost cycles; excluded from reported money
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


class FlowModel:
    """A multi-commodity flow LP kept in HiGHS for repeated solves.

    Parameters
    ----------
    data : FlowData
        Ports, services and commodities (transit-time limits are ignored here).
    params : FlowParams
        Time limit per solve, seed and threads of HiGHS (the column-generation options are
        ignored).
    """

    def __init__(self, data: FlowData, params: FlowParams = DEFAULT_FLOW_PARAMS) -> None:
        t0 = time.perf_counter()
        self.data = data
        self.params = params
        self.seed = params.seed
        self._port = {p.code: i for i, p in enumerate(data.ports)}
        self._handling = np.array([p.handling_cost_usd_per_ffe for p in data.ports])
        self._trans = np.array([p.transshipment_cost_usd_per_ffe for p in data.ports])
        ks = data.commodities
        self._ko = np.array([self._port[k.origin] for k in ks], dtype=np.int64)
        self._kd = np.array([self._port[k.destination] for k in ks], dtype=np.int64)
        self._vol = np.array([k.volume_ffe for k in ks], dtype=float)
        self._rev = np.array([k.revenue_usd_per_ffe for k in ks], dtype=float)
        self._pen = np.array([k.rejection_penalty_usd_per_ffe for k in ks], dtype=float)
        self._origins = np.unique(self._ko[self._vol > 0])
        self._origin_of_port = np.full(len(data.ports), -1, dtype=np.int64)
        self._origin_of_port[self._origins] = np.arange(len(self._origins))
        self._is_dest = np.zeros((len(self._origins), len(data.ports)), dtype=bool)
        live = self._vol > 0
        self._is_dest[self._origin_of_port[self._ko[live]], self._kd[live]] = True
        self._services: list[FlowService] = []
        self._service_calls: list[IntArray] = []
        self._call_port = np.zeros(0, dtype=np.int64)
        self._call_service = np.zeros(0, dtype=np.int64)
        self._call_next = np.zeros(0, dtype=np.int64)
        self._alloc_indices()
        self._highs = quiet_highs(params.highs_options())
        for s in data.services:
            self._append_service(s)
        self._sync()
        self.build_s = time.perf_counter() - t0

    # ---- structure -------------------------------------------------------------------------
    def _alloc_indices(self) -> None:
        n_o, n_k = len(self._origins), len(self.data.commodities)
        self._n_rows = 0
        self._n_cols = 0
        self._col_fixed: list[bool] = []
        self._col_upper: list[float] = []
        self._idx: dict[str, IntArray] = {
            name: np.full((n_o, 0), -1, dtype=np.int64) for name in ("S", "L", "U", "C")
        }
        self._idx["P"] = np.full((n_o, len(self.data.ports)), -1, dtype=np.int64)
        self._idx_x = np.full(n_k, -1, dtype=np.int64)
        self._idx_cap = np.zeros(0, dtype=np.int64)

    def _append_service(self, service: FlowService) -> int:
        start = len(self._call_port)
        calls = np.array([self._port[c] for c in service.calls], dtype=np.int64)
        ids = np.arange(start, start + len(calls))
        self._call_port = np.concatenate([self._call_port, calls])
        self._call_service = np.concatenate(
            [self._call_service, np.full(len(calls), len(self._services))])
        self._call_next = np.concatenate([self._call_next, np.roll(ids, -1)])
        self._services.append(service)
        self._service_calls.append(ids)
        grow = np.full((len(self._origins), len(calls)), -1, dtype=np.int64)
        for name in ("S", "L", "U", "C"):
            self._idx[name] = np.concatenate([self._idx[name], grow], axis=1)
        self._idx_cap = np.concatenate([self._idx_cap, np.full(len(calls), -1)])
        return len(self._services) - 1

    def _active_calls(self) -> BoolArray:
        active = np.zeros(len(self._call_port), dtype=bool)
        for ids in self._service_calls:
            active[ids] = True
        return active

    def _boarded(self, active: BoolArray, multi: BoolArray) -> BoolArray:
        """boarded[o, s]: origin o's cargo can reach service s (by loading or transshipping)."""
        n_s = len(self._services)
        port_services: dict[int, list[int]] = {}
        service_ports: list[list[int]] = []
        for s, ids in enumerate(self._service_calls):
            ports = sorted({int(p) for p in self._call_port[ids]}) if active[ids].all() else []
            service_ports.append(ports)
            for p in ports:
                port_services.setdefault(p, []).append(s)
        boarded = np.zeros((len(self._origins), n_s), dtype=bool)
        for o, origin in enumerate(self._origins):
            stack, seen = [int(origin)], {int(origin)}
            while stack:
                p = stack.pop()
                if p != origin and not multi[p]:
                    continue
                for s in port_services.get(p, ()):
                    if not boarded[o, s]:
                        boarded[o, s] = True
                        fresh = [q for q in service_ports[s] if q not in seen]
                        seen.update(fresh)
                        stack.extend(fresh)
        return boarded

    def _masks(self) -> dict[str, BoolArray]:
        active = self._active_calls()
        counts = np.bincount(self._call_port[active], minlength=len(self.data.ports))
        multi = counts >= 2
        boarded = self._boarded(active, multi)
        sail = boarded[:, self._call_service] & active[None, :]
        at_origin = self._call_port[None, :] == self._origins[:, None]
        reached = np.zeros((len(self._origins), len(self.data.ports)), dtype=bool)
        for o in range(len(self._origins)):
            reached[o, self._call_port[sail[o]]] = True
        port_row = reached & (self._is_dest | multi[None, :])
        port_row[np.arange(len(self._origins)), self._origins] = reached[
            np.arange(len(self._origins)), self._origins]
        load = sail & (at_origin | multi[self._call_port][None, :])
        unload = sail & ~at_origin & np.take_along_axis(
            port_row, np.broadcast_to(self._call_port, sail.shape), axis=1)
        o_k = self._origin_of_port[self._ko]
        x = (self._vol > 0) & (o_k >= 0)
        x[x] = port_row[o_k[x], self._kd[x]] & port_row[o_k[x], self._ko[x]]
        return {"S": sail, "L": load, "U": unload, "C": sail, "P": port_row, "x": x,
                "cap": active}

    # ---- synchronising HiGHS with the masks --------------------------------------------------
    def _add_rows(self, index: IntArray, mask: BoolArray, lower: float,
                  upper: npt.NDArray[np.float64] | float) -> None:
        new = mask & (index < 0)
        n = int(new.sum())
        if n == 0:
            return
        index[new] = np.arange(self._n_rows, self._n_rows + n)
        up = upper[new] if isinstance(upper, np.ndarray) else np.full(n, upper)
        self._highs.addRows(n, np.full(n, lower), up, 0, np.zeros(n, dtype=np.int32),
                            np.zeros(0, dtype=np.int32), np.zeros(0))
        self._n_rows += n

    def _sync(self) -> None:
        m = self._masks()
        caps = np.array([self._services[s].capacity_ffe for s in self._call_service])
        self._add_rows(self._idx_cap, m["cap"], -_INF, caps)
        self._add_rows(self._idx["C"], m["C"], 0.0, 0.0)
        self._add_rows(self._idx["P"], m["P"], 0.0, 0.0)
        self._add_columns(m)
        self._fix_columns(m)

    def _entries(self, name: str, o: IntArray, c: IntArray) -> tuple[list[IntArray], list[float]]:
        call_row, port_row = self._idx["C"], self._idx["P"]
        if name == "S":
            return [self._idx_cap[c], call_row[o, c], call_row[o, self._call_next[c]]], \
                [1.0, 1.0, -1.0]
        p = self._call_port[c]
        if name == "L":
            return [port_row[o, p], call_row[o, c]], [1.0, -1.0]
        return [call_row[o, c], port_row[o, p]], [1.0, -1.0]

    def _add_columns(self, m: dict[str, BoolArray]) -> None:
        blocks: list[tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], list[IntArray],
                           list[float]]] = []
        new_x = m["x"] & (self._idx_x < 0)
        k = np.flatnonzero(new_x)
        if len(k):
            o = self._origin_of_port[self._ko[k]]
            cost = -(self._rev[k] + self._pen[k] - self._handling[self._ko[k]]
                     - self._handling[self._kd[k]])
            self._idx_x[k] = np.arange(self._n_cols, self._n_cols + len(k))
            self._n_cols += len(k)
            blocks.append((cost, self._vol[k],
                           [self._idx["P"][o, self._kd[k]], self._idx["P"][o, self._ko[k]]],
                           [1.0, -1.0]))
        for name in ("S", "L", "U"):
            new = m[name] & (self._idx[name] < 0)
            o, c = np.nonzero(new)
            if not len(o):
                continue
            p = self._call_port[c]
            if name == "L":
                cost = np.where(p == self._origins[o], 0.0, self._trans[p])
            else:
                cost = np.full(len(o), _EPS_SAIL_USD if name == "S" else 0.0)
            self._idx[name][o, c] = np.arange(self._n_cols, self._n_cols + len(o))
            self._n_cols += len(o)
            rows, vals = self._entries(name, o, c)
            blocks.append((cost, np.full(len(o), _INF), rows, vals))
        for cost, upper, rows, vals in blocks:
            self._pass_columns(cost, upper, rows, vals)

    def _pass_columns(self, cost: npt.NDArray[np.float64], upper: npt.NDArray[np.float64],
                      rows: list[IntArray], vals: list[float]) -> None:
        n, per = len(cost), len(rows)
        index = np.stack(rows, axis=1).reshape(-1)
        if (index < 0).any():
            raise InputError("FlowModel", "column", "refers to a missing row (internal error)")
        values = np.tile(np.array(vals), n)
        starts = np.arange(0, n * per, per, dtype=np.int32)
        self._highs.addCols(n, cost, np.zeros(n), upper, n * per, starts,
                            index.astype(np.int32), values)
        self._col_fixed.extend([False] * n)
        self._col_upper.extend(upper.tolist())

    def _fix_columns(self, m: dict[str, BoolArray]) -> None:
        pairs = [(self._idx_x, m["x"])] + [(self._idx[n], m[n]) for n in ("S", "L", "U")]
        fixed = np.array(self._col_fixed, dtype=bool)
        upper = np.array(self._col_upper)
        change: list[IntArray] = []
        for index, mask in pairs:
            present = index >= 0
            change.append(index[present & ~mask & ~fixed[np.maximum(index, 0)]])
            change.append(index[present & mask & fixed[np.maximum(index, 0)]])
        cols = np.concatenate(change).astype(np.int32) if change else np.zeros(0, np.int32)
        if not len(cols):
            return
        to_fix = ~fixed[cols]
        new_upper = np.where(to_fix, 0.0, upper[cols])
        self._highs.changeColsBounds(len(cols), cols, np.zeros(len(cols)), new_upper)
        for c, f in zip(cols.tolist(), to_fix.tolist(), strict=True):
            self._col_fixed[c] = f

    # ---- public -----------------------------------------------------------------------------
    @property
    def size(self) -> tuple[int, int]:
        """(rows, columns) of the LP held in HiGHS."""
        return self._n_rows, self._n_cols

    def replace_service(self, i: int, service: FlowService) -> None:
        """Replace service ``i``; same calls only change the leg capacity, others rebuild it."""
        if not 0 <= i < len(self._services):
            raise InputError("FlowModel.replace_service", i, "is not a service index")
        old = self._services[i]
        if old.calls == service.calls:
            self._services[i] = service
            ids = self._service_calls[i]
            for row in self._idx_cap[ids].tolist():
                self._highs.changeRowBounds(row, -_INF, service.capacity_ffe)
            return
        j = self._append_service(service)
        self._service_calls[i] = self._service_calls[j]
        self._services[i] = service
        self._service_calls.pop()
        self._services.pop()
        self._call_service[self._service_calls[i]] = i
        self._sync()

    def solve(self) -> Result[FlowSolution]:
        """Solve (from the last basis when there is one) and return the optimal routing."""
        t0 = time.perf_counter()
        self._highs.run()
        solve_s = time.perf_counter() - t0
        status = self._highs.getModelStatus()
        stats = {"lp_rows": self._n_rows, "lp_cols": self._n_cols, "build_s": self.build_s,
                 "solve_s": solve_s,
                 "simplex_iterations": int(self._highs.getInfo().simplex_iteration_count),
                 "highs_status": self._highs.modelStatusToString(status)}
        self.build_s = 0.0
        if status != highspy.HighsModelStatus.kOptimal:
            return Result(Status.UNKNOWN, None, None, solve_s, self.seed, None, stats)
        lp = self._highs.getSolution()
        solution = self._solution(np.asarray(lp.col_value), np.asarray(lp.row_dual))
        value = solution.value_usd
        return Result(Status.OPTIMAL, value, value, solve_s, self.seed, solution, stats)

    def _solution(self, col: npt.NDArray[np.float64],
                  row_dual: npt.NDArray[np.float64]) -> FlowSolution:
        def take(index: IntArray) -> npt.NDArray[np.float64]:
            return np.where(index >= 0, col[np.maximum(index, 0)], 0.0)

        # a capacity row is ≤: its dual is ≤ 0 when minimising −value; the price of room is −dual
        cap_rows = self._idx_cap
        leg_dual = np.where(cap_rows >= 0, np.maximum(-row_dual[np.maximum(cap_rows, 0)], 0.0),
                            0.0)

        x = take(self._idx_x)
        sail = take(self._idx["S"]).sum(axis=0)
        load = take(self._idx["L"])
        at_origin = self._call_port[None, :] == self._origins[:, None]
        trans_by_call = np.where(at_origin, 0.0, load).sum(axis=0)
        trans_by_port = np.bincount(self._call_port, weights=trans_by_call,
                                    minlength=len(self.data.ports))
        codes = [p.code for p in self.data.ports]
        return FlowSolution(
            delivered_ffe=x,
            leg_flow_ffe=tuple(sail[ids] for ids in self._service_calls),
            leg_dual_usd_per_ffe=tuple(leg_dual[ids] for ids in self._service_calls),
            transshipped_ffe={codes[p]: float(v) for p, v in enumerate(trans_by_port) if v > 1e-9},
            revenue_usd=float(x @ self._rev),
            handling_cost_usd=float(x @ (self._handling[self._ko] + self._handling[self._kd])),
            transshipment_cost_usd=float(trans_by_port @ self._trans),
            penalty_usd=float((self._vol - x) @ self._pen),
        )


def solve(data: FlowData, params: FlowParams = DEFAULT_FLOW_PARAMS) -> Result[FlowSolution]:
    """Route ``data``'s commodities at maximum value (revenue − handling − transshipment − penalty).

    Transit-time limits are ignored; see :mod:`tradelane.flow.paths` for the time-limited model.

    Parameters
    ----------
    data : FlowData
        Ports, services and commodities.
    params : FlowParams
        Time limit, seed and threads (default: no time limit, seed 0, one thread).

    Returns
    -------
    Result[FlowSolution]
        ``optimal`` with objective = bound = the flow's value, or ``unknown`` without a solution
        when HiGHS stops early.
    """
    model = FlowModel(data, params)
    build_s = model.build_s
    result = model.solve()
    return Result(result.status, result.objective, result.bound, result.runtime_s + build_s,
                  model.seed, result.solution, result.stats)
