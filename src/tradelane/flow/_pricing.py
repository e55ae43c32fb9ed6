"""Pricing graph of :mod:`tradelane.flow.paths`: shortest paths over call and port nodes.

Nodes: ports ``0..P-1``, call ``c`` is node ``P + c``, then one source per origin. Arcs: sail
(call → next call of its service; cost = leg dual + a tiny per-leg tie-breaker), unload (call →
its port, free), load (port → call, the port's transshipment cost) and start (origin source →
every call at the origin, free). The structure is built once per network; each pricing round only
rewrites the sail costs.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix

if TYPE_CHECKING:
    from tradelane.flow.paths import PathFlowModel

EPS_SAIL_USD = 1e-6  # per FFE and leg: prefers short paths among equals; excluded from money
EPS_ARC_USD = 1e-9  # keeps zero-cost arcs explicit in the pricing graph
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


class PricingGraph:
    """The pricing graph of a model's current services (see the module docstring).

    Parameters
    ----------
    model : PathFlowModel
        The model whose services, calls and origins define the graph.
    """

    def __init__(self, model: PathFlowModel) -> None:
        calls = [c for ids in model._service_calls for c in ids]
        n_p, n_c = len(model.data.ports), len(model._call_port)
        self.src0 = n_p + n_c
        head: list[int] = []
        tail: list[int] = []
        cost: list[float] = []
        trans = model._trans_l
        for c in calls:
            p = model._call_port[c]
            tail += [n_p + c, n_p + c, p]
            head += [n_p + model._call_next[c], p, n_p + c]
            cost += [EPS_SAIL_USD, EPS_ARC_USD, trans[p] + EPS_ARC_USD]
        origin_index = {int(o): j for j, o in enumerate(model._origins)}
        for c in calls:
            j = origin_index.get(model._call_port[c])
            if j is not None:
                tail.append(self.src0 + j)
                head.append(n_p + c)
                cost.append(EPS_ARC_USD)
        n = self.src0 + len(model._origins)
        # no arc is repeated, so the CSR entries are a permutation of the arcs: remember it
        marks = np.arange(1, len(cost) + 1, dtype=float)
        self.graph = csr_matrix((marks, (tail, head)), shape=(n, n))
        self._order = self.graph.data.astype(np.int64) - 1
        self._base = np.array(cost)
        self._sail_pos = np.arange(0, 3 * len(calls), 3, dtype=np.int64)
        self._sail_calls = np.array(calls, np.int64)

    def at(self, leg_dual: FloatArray) -> csr_matrix:
        """The graph with sail costs at leg duals ``leg_dual`` (indexed by call id)."""
        cost = self._base.copy()
        cost[self._sail_pos] += leg_dual[self._sail_calls]
        self.graph.data = cost[self._order]
        return self.graph


def walk_many(pred: npt.NDArray[np.int32], rows: IntArray, dests: IntArray, srcs: IntArray,
              n_p: int) -> list[tuple[list[int], list[int]]]:
    """Legs and transshipment ports of the shortest-path-tree paths to many destinations.

    Parameters
    ----------
    pred : ndarray
        Predecessor matrix of :func:`scipy.sparse.csgraph.dijkstra` (one row per source).
    rows, dests, srcs : ndarray
        Per path: its row of ``pred``, destination node and source node.
    n_p : int
        Number of port nodes (calls follow them).

    Returns
    -------
    list[tuple[list[int], list[int]]]
        Per path, the call ids of the legs sailed and the ports where cargo is reloaded.
    """
    m = len(rows)
    node = dests.astype(np.int64)
    active = np.ones(m, dtype=bool)
    parts: list[tuple[IntArray, int, IntArray, IntArray]] = []
    step = 0
    while active.any():
        a = np.flatnonzero(active)
        prev = pred[rows[a], node[a]].astype(np.int64)
        done = (prev < 0) | (prev == srcs[a])
        go = a[~done]
        parts.append((go, step, prev[~done], node[go]))
        node[go] = prev[~done]
        active[a[done]] = False
        step += 1
    if not parts:
        return [([], []) for _ in range(m)]
    who = np.concatenate([p[0] for p in parts])
    when = np.concatenate([np.full(len(p[0]), p[1]) for p in parts])
    tail = np.concatenate([p[2] for p in parts])
    head = np.concatenate([p[3] for p in parts])
    order = np.lexsort((-when, who))
    who, tail, head = who[order], tail[order], head[order]
    sail = (tail >= n_p) & (head >= n_p)
    load = tail < n_p
    bounds = [0, *np.searchsorted(who, np.arange(1, m)).tolist(), len(who)]
    legs = np.where(sail, tail - n_p, -1).tolist()
    ports = np.where(load, tail, -1).tolist()
    return [([c for c in legs[lo:hi] if c >= 0], [p for p in ports[lo:hi] if p >= 0])
            for lo, hi in itertools.pairwise(bounds)]
