"""Constructive heuristic and iterated local search on per-berth ship sequences.

A solution is one ship sequence per berth; each ship starts as early as its arrival, the berth's
opening and the previous ship allow (left-justified), which loses nothing because the objective
only grows with completion times. Deadline and closing-time overruns are penalised, so the search
may pass through infeasible sequences; :func:`sequences_to_plan` reports whether the end result
is feasible.
"""

from __future__ import annotations

import random
import time

from tradelane.domain.berth import BerthAssignment, BerthInstance, BerthPlan

Sequences = list[list[int]]
_PENALTY = 1e6  # per period over a ship's deadline or a berth's closing time


class _Evaluator:
    def __init__(self, inst: BerthInstance) -> None:
        self.inst = inst
        self.arr = inst.arrival_h
        self.w = inst.weight_per_h
        self.h = inst.handling_h
        self.due = [[min(inst.latest_departure_h[i], inst.berth_close_h[j])
                     for j in range(inst.n_berths)] for i in range(inst.n_ships)]

    def berth_cost(self, j: int, seq: list[int]) -> float:
        t = self.inst.berth_open_h[j]
        cost = 0.0
        for i in seq:
            h = self.h[i][j]
            if h is None:
                return float("inf")
            t = max(t, self.arr[i]) + h
            cost += self.w[i] * (t - self.arr[i])
            if t > self.due[i][j]:
                cost += _PENALTY * (t - self.due[i][j])
        return cost

    def best_insertion(self, i: int, seqs: Sequences, costs: list[float],
                       ) -> tuple[float, int, int]:
        """Cheapest (delta, berth, position) to insert ship ``i``."""
        best = (float("inf"), -1, -1)
        for j, seq in enumerate(seqs):
            if self.h[i][j] is None:
                continue
            for p in range(len(seq) + 1):
                delta = self.berth_cost(j, [*seq[:p], i, *seq[p:]]) - costs[j]
                if delta < best[0] - 1e-9:
                    best = (delta, j, p)
        return best


def construct(inst: BerthInstance) -> Sequences:
    """Greedy: ships by arrival, each inserted at its cheapest berth and position."""
    ev = _Evaluator(inst)
    seqs: Sequences = [[] for _ in range(inst.n_berths)]
    costs = [0.0] * inst.n_berths
    for i in sorted(range(inst.n_ships), key=lambda k: (inst.arrival_h[k], k)):
        _delta, j, p = ev.best_insertion(i, seqs, costs)
        if j < 0:
            raise ValueError(f"ship {i}: has no allowed berth.")
        seqs[j].insert(p, i)
        costs[j] = ev.berth_cost(j, seqs[j])
    return seqs


def _relocate_pass(ev: _Evaluator, seqs: Sequences, costs: list[float],
                   order: list[int]) -> bool:
    where = {i: j for j, seq in enumerate(seqs) for i in seq}
    improved = False
    for i in order:
        j0 = where[i]
        seqs[j0].remove(i)
        removed_cost = ev.berth_cost(j0, seqs[j0])
        saving = costs[j0] - removed_cost
        costs[j0] = removed_cost
        delta, j, p = ev.best_insertion(i, seqs, costs)
        seqs[j].insert(p, i)
        costs[j] = ev.berth_cost(j, seqs[j])
        if delta < saving - 1e-9:
            improved = True
        where[i] = j
    return improved


def _swap_pass(ev: _Evaluator, seqs: Sequences, costs: list[float]) -> bool:
    improved = False
    for j1 in range(len(seqs)):
        for j2 in range(j1, len(seqs)):
            for p1 in range(len(seqs[j1])):
                for p2 in range(len(seqs[j2])):
                    if j1 == j2 and p2 <= p1:
                        continue
                    a, b = seqs[j1][p1], seqs[j2][p2]
                    seqs[j1][p1], seqs[j2][p2] = b, a
                    c1 = ev.berth_cost(j1, seqs[j1])
                    c2 = ev.berth_cost(j2, seqs[j2]) if j2 != j1 else 0.0
                    old = costs[j1] + (costs[j2] if j2 != j1 else 0.0)
                    if c1 + c2 < old - 1e-9:
                        costs[j1] = c1
                        if j2 != j1:
                            costs[j2] = c2
                        improved = True
                    else:
                        seqs[j1][p1], seqs[j2][p2] = a, b
    return improved


def local_search(inst: BerthInstance, seqs: Sequences, rng: random.Random,
                 deadline: float) -> Sequences:
    """Relocate and swap moves until no move improves (or the deadline passes)."""
    ev = _Evaluator(inst)
    costs = [ev.berth_cost(j, s) for j, s in enumerate(seqs)]
    order = list(range(inst.n_ships))
    while time.perf_counter() < deadline:
        rng.shuffle(order)
        moved = _relocate_pass(ev, seqs, costs, order)
        if time.perf_counter() >= deadline:
            break
        moved = _swap_pass(ev, seqs, costs) or moved
        if not moved:
            break
    return seqs


def total_cost(inst: BerthInstance, seqs: Sequences) -> float:
    """Objective of the sequences, with overrun penalties."""
    ev = _Evaluator(inst)
    return sum(ev.berth_cost(j, s) for j, s in enumerate(seqs))


def iterated_local_search(inst: BerthInstance, *, seed: int, iterations: int,
                          time_limit_s: float) -> Sequences:
    """Construct, descend, then ``iterations`` rounds of ruin-and-recreate plus descent.

    Deterministic for a given seed as long as the time limit does not cut it short.
    """
    deadline = time.perf_counter() + time_limit_s
    rng = random.Random(seed)
    ev = _Evaluator(inst)
    best = local_search(inst, construct(inst), rng, deadline)
    best_cost = total_cost(inst, best)
    for _ in range(iterations):
        if time.perf_counter() >= deadline:
            break
        trial = [list(s) for s in best]
        k = max(2, min(inst.n_ships // 10, 12))
        removed = rng.sample(range(inst.n_ships), k)
        for seq in trial:
            seq[:] = [i for i in seq if i not in removed]
        costs = [ev.berth_cost(j, s) for j, s in enumerate(trial)]
        for i in removed:
            _d, j, p = ev.best_insertion(i, trial, costs)
            trial[j].insert(p, i)
            costs[j] = ev.berth_cost(j, trial[j])
        trial = local_search(inst, trial, rng, deadline)
        cost = total_cost(inst, trial)
        if cost < best_cost - 1e-9:
            best, best_cost = trial, cost
    return best


def sequences_to_plan(inst: BerthInstance, seqs: Sequences) -> BerthPlan:
    """Left-justified schedule of the sequences (it may break deadlines; check it)."""
    out: dict[int, BerthAssignment] = {}
    for j, seq in enumerate(seqs):
        t = inst.berth_open_h[j]
        for i in seq:
            h = inst.handling_h[i][j]
            if h is None:
                raise ValueError(f"ship {i}: may not use berth {j}.")
            start = max(t, inst.arrival_h[i])
            t = start + h
            out[i] = BerthAssignment(ship=i, berth=j, start_h=start, end_h=t)
    return BerthPlan(tuple(out[i] for i in range(inst.n_ships)))
