"""Exact time-limited pricing for :mod:`tradelane.flow.paths`: Pareto labels (cost, time).

Labels leave a heap in cost order; a label is dropped when its node already holds a settled label
with no more time (that one is no dearer, so it dominates). The first label settled at a
destination within a commodity's time limit is therefore its cheapest time-feasible path.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from tradelane.flow.paths import PathFlowModel

_TOL = 1e-6


def _adjacency(model: PathFlowModel, leg_dual: npt.NDArray[np.float64]
               ) -> dict[int, list[tuple[int, float, float]]]:
    """Arcs (head, cost, days) per node; ports are nodes 0..P-1, call c is node P + c."""
    n_p = len(model.data.ports)
    arcs: dict[int, list[tuple[int, float, float]]] = defaultdict(list)
    for ids in model._service_calls:
        for c in ids:
            p = model._call_port[c]
            arcs[n_p + c].append((n_p + model._call_next[c], 1e-6 + float(leg_dual[c]),
                                  model._call_days[c]))
            arcs[n_p + c].append((p, 0.0, 0.0))
            arcs[p].append((n_p + c, float(model._trans[p]), 0.0))
    return arcs


def constrained_paths(model: PathFlowModel, commodities: list[int],
                      commodity_dual: npt.NDArray[np.float64],
                      leg_dual: npt.NDArray[np.float64]) -> list[tuple[int, list[int], list[int]]]:
    """Cheapest time-feasible path with a positive reduced profit, per given commodity."""
    arcs = _adjacency(model, leg_dual)
    by_origin: dict[int, list[int]] = defaultdict(list)
    for k in commodities:
        by_origin[int(model._ko[k])].append(k)
    found = []
    for origin, ks in by_origin.items():
        found += _from_origin(model, arcs, origin, ks, commodity_dual)
    return found


def _from_origin(model: PathFlowModel, arcs: dict[int, list[tuple[int, float, float]]],
                 origin: int, ks: list[int], commodity_dual: npt.NDArray[np.float64]
                 ) -> list[tuple[int, list[int], list[int]]]:
    n_p = len(model.data.ports)
    targets: dict[int, list[int]] = defaultdict(list)
    for k in ks:
        targets[int(model._kd[k])].append(k)
    horizon = max(float(model._tmax[k]) for k in ks)
    labels: list[tuple[int, int]] = []  # (node, parent label)
    heap: list[tuple[float, float, int]] = []
    for ids in model._service_calls:
        for c in ids:
            if model._call_port[c] == origin:
                labels.append((n_p + c, -1))
                heapq.heappush(heap, (0.0, 0.0, len(labels) - 1))
    best_time: dict[int, float] = {}
    open_ks = set(ks)
    found = []
    while heap and open_ks:
        cost, days, label = heapq.heappop(heap)
        node = labels[label][0]
        if days >= best_time.get(node, np.inf):
            continue
        best_time[node] = days
        for k in targets.get(node, ()):
            if k in open_ks and days <= model._tmax[k] + 1e-9:
                open_ks.discard(k)
                if -model._value[k] + commodity_dual[k] + cost < -_TOL * max(1.0, model._value[k]):
                    found.append((k, *_unwind(labels, label, n_p)))
        for head, arc_cost, arc_days in arcs.get(node, ()):
            t = days + arc_days
            if t <= horizon + 1e-9 and t < best_time.get(head, np.inf):
                labels.append((head, label))
                heapq.heappush(heap, (cost + arc_cost, t, len(labels) - 1))
    return found


def _unwind(labels: list[tuple[int, int]], label: int, n_p: int) -> tuple[list[int], list[int]]:
    nodes = []
    while label >= 0:
        nodes.append(labels[label][0])
        label = labels[label][1]
    nodes.reverse()
    legs = [a - n_p for a, b in pairwise(nodes) if a >= n_p and b >= n_p]
    trans = [a for a, b in pairwise(nodes) if a < n_p and b >= n_p]
    return legs, trans
