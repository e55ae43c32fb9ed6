"""One search worker: adaptive large neighbourhood search with simulated-annealing acceptance.

A worker starts from a network, applies moves drawn by adaptive weights (Ropke & Pisinger
2006: a move scores 10 when it finds a new best network, 5 when it improves the current one,
2 when it is accepted; every 50 moves each weight moves a fifth of the way to its average
score), and accepts a worse network with probability exp(Δ / T), T falling geometrically over
the worker's moves. Each candidate network is priced exactly: the fleet's cheapest deployment
(:mod:`tradelane.design.fleet`) plus the optimal cargo flow re-solved warm
(:mod:`tradelane.design.state`). The worker is a pure function of its task: the same task
gives the same answer on any machine, as long as the time budget does not cut it short.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from tradelane.design.fleet import Fleet
from tradelane.design.moves import MOVES, Context
from tradelane.design.params import clock
from tradelane.design.state import Slots, State
from tradelane.linerlib.instance import Instance

__all__ = ["WorkerResult", "WorkerTask", "canonical", "run_worker"]

_SCORES = (10.0, 5.0, 2.0)
_SEGMENT = 50
_REACTION = 0.2
_T_START_SHARE = 0.02  # of the demand's value (revenue + penalty): the first temperature
_T_END_FACTOR = 0.01


@dataclass(frozen=True, slots=True)
class WorkerTask:
    """What one worker searches: the instance, its start, its seed and its budget.

    ``seed`` is a :class:`numpy.random.SeedSequence`'s entropy and spawn key.
    """

    instance: Instance
    ports: tuple[str, ...]
    start: Slots
    seed: tuple[int, tuple[int, ...]]
    iterations: int
    budget_s: float
    transit_times: bool = False
    erratum_idle: bool = False
    cpu_clock: bool = False


@dataclass(frozen=True, slots=True)
class WorkerResult:
    """The best network a worker found, its weekly objective and how the search went."""

    best: Slots
    objective_usd: float
    iterations: int
    evaluations: int
    improved_at_s: tuple[tuple[float, float], ...] = ()
    move_counts: dict[str, int] = field(default_factory=dict)
    elapsed_s: float = 0.0
    """Seconds the worker searched, on the task's clock."""


Canonical = tuple[tuple[str, tuple[str, ...]], ...]


def canonical(slots: Slots) -> Canonical:
    """The network as a sorted tuple of rotations (slot order does not matter)."""
    return tuple(sorted(r for r in slots if r is not None))


def run_worker(task: WorkerTask) -> WorkerResult:
    """Search from ``task.start`` for ``task.iterations`` moves or ``task.budget_s`` seconds."""
    now = clock(cpu=task.cpu_clock)
    t0 = now()
    inst = task.instance
    fleet = Fleet(inst, erratum_idle=task.erratum_idle)
    state = State(inst, fleet, task.ports, task.start, transit_times=task.transit_times)
    if state.objective_usd is None:
        return WorkerResult(task.start, -math.inf, 0, 1)
    rng = np.random.default_rng(np.random.SeedSequence(task.seed[0], spawn_key=task.seed[1]))
    classes = tuple(sorted(c for c, n in inst.fleet.items() if n > 0))
    value = sum(d.volume_ffe_per_week * (d.revenue_usd_per_ffe + 1000.0) for d in inst.demands)
    t_start = max(1.0, _T_START_SHARE * value)
    cooling = _T_END_FACTOR ** (1.0 / max(1, task.iterations))
    names = list(MOVES)
    weight = np.ones(len(names))
    score = np.zeros(len(names))
    used = np.zeros(len(names))
    counts = dict.fromkeys(names, 0)
    current, cur_obj = task.start, state.objective_usd
    best, best_obj = current, cur_obj
    seen: dict[Canonical, float | None] = {canonical(current): cur_obj}
    improved: list[tuple[float, float]] = []
    temperature = t_start
    done = evaluations = 0
    while done < task.iterations and now() - t0 < task.budget_s:
        done += 1
        temperature *= cooling
        m = int(rng.choice(len(names), p=weight / weight.sum()))
        ctx = Context(rng, fleet, task.ports, classes, tuple(state.commodities),
                      state.rejected_ffe)
        cand = MOVES[names[m]](ctx, current)
        used[m] += 1
        if cand is not None:
            key = canonical(cand)
            obj = seen.get(key, math.nan)
            if obj is not None and math.isnan(obj):
                obj = state.evaluate(cand)
                evaluations += 1
                seen[key] = obj
            if obj is not None and (obj > cur_obj or
                                    rng.random() < math.exp((obj - cur_obj) / temperature)):
                if state.slots != list(cand):
                    state.evaluate(cand)  # a network met before: move the LP to it
                    evaluations += 1
                s = _SCORES[2]
                if obj > cur_obj + 1e-6:
                    s = _SCORES[1]
                if obj > best_obj + 1e-6:
                    s = _SCORES[0]
                    best, best_obj = cand, obj
                    improved.append((now() - t0, obj))
                current, cur_obj = cand, obj
                score[m] += s
                counts[names[m]] += 1
        if done % _SEGMENT == 0:
            avg = np.where(used > 0, score / np.maximum(used, 1), 0.0)
            weight = np.maximum((1 - _REACTION) * weight + _REACTION * avg, 0.05)
            score[:] = 0.0
            used[:] = 0.0
    return WorkerResult(best, best_obj, done, evaluations, tuple(improved), counts, now() - t0)
