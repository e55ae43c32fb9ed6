"""Crane split: which quay cranes work which bays, and how long the ship's call takes.

The ship's work is given per 40-ft bay (moves: discharges, loads, restows and hatch-cover
moves, each hatch cover counting as ``hatch_cover_moves`` crane moves). Cranes work whole bays,
never cross, and two working cranes keep at least ``clearance_bays`` empty bays between them.

Method. Non-crossing cranes on a line work contiguous zones. The zones that minimise the
longest zone's work are found exactly by dynamic programming over the bays (the linear
partition problem; ``O(bays² × cranes)``). Each crane then works its zone from bow to stern,
all cranes at the same time; when a crane would reach the bay next to where its stern-ward
neighbour still works (closer than the clearance), it waits. The schedule is simulated in
minutes (the sternward crane has right of way, so no two cranes ever wait for each other) and
its makespan reported, together with the lower bound ``max(longest zone of the
optimal partition, total work / cranes, largest bay)``, both in hours at
``moves_per_crane_h``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from tradelane.errors import InputError


@dataclass(frozen=True, slots=True)
class CraneWork:
    """One crane's zone (first and last 40-ft bay index, inclusive), moves and busy hours."""

    crane: int
    first_bay: int
    last_bay: int
    moves: int
    busy_h: float
    finish_h: float


@dataclass(frozen=True, slots=True)
class CraneSplit:
    """The cranes' zones, the makespan of the simulated schedule and its lower bound."""

    cranes: tuple[CraneWork, ...]
    makespan_h: float
    lower_bound_h: float
    moves: int


def crane_split(moves_per_bay: Sequence[int], *, cranes: int, moves_per_crane_h: float,
                clearance_bays: int = 1) -> CraneSplit:
    """Split the bays' moves among at most ``cranes`` cranes (fewer when bays are few).

    Parameters
    ----------
    moves_per_bay : sequence of int
        Crane moves per 40-ft bay, bow first.
    cranes : int
        Cranes available for the ship.
    moves_per_crane_h : float
        Sustained moves per crane-hour.
    clearance_bays : int
        Empty bays kept between two working cranes.
    """
    work = [int(m) for m in moves_per_bay]
    if any(m < 0 for m in work):
        raise InputError("moves_per_bay", list(moves_per_bay), "must all be zero or more")
    if cranes < 1:
        raise InputError("cranes", cranes, "must be 1 or more")
    if not moves_per_crane_h > 0:
        raise InputError("moves_per_crane_h", moves_per_crane_h, "must be above 0")
    busy = [i for i, m in enumerate(work) if m > 0]
    if not busy:
        return CraneSplit((), 0.0, 0.0, 0)
    lo, hi = busy[0], busy[-1]
    span = work[lo:hi + 1]
    usable = min(cranes, max(1, (len(span) + clearance_bays) // (1 + clearance_bays)))
    cuts = _partition(span, usable)
    zones = [(lo + a, lo + b - 1) for a, b in itertools.pairwise([0, *cuts, len(span)])]
    zones = [(a, b) for a, b in zones if b >= a]
    finish = _simulate(work, zones, moves_per_crane_h, clearance_bays)
    total = sum(work)
    best_zone = max(sum(work[a:b + 1]) for a, b in zones)
    bound = max(best_zone, math.ceil(total / usable), max(work)) / moves_per_crane_h
    out = tuple(CraneWork(k + 1, a, b, sum(work[a:b + 1]),
                          sum(work[a:b + 1]) / moves_per_crane_h, finish[k])
                for k, (a, b) in enumerate(zones))
    return CraneSplit(out, max(finish), bound, total)


def _partition(work: list[int], k: int) -> list[int]:
    """Cut positions splitting ``work`` into at most ``k`` contiguous zones minimising the
    largest zone (exact dynamic programme)."""
    n = len(work)
    prefix = [0]
    for m in work:
        prefix.append(prefix[-1] + m)
    inf = math.inf
    best = [[inf] * (n + 1) for _ in range(k + 1)]
    cut = [[0] * (n + 1) for _ in range(k + 1)]
    best[0][0] = 0
    for j in range(1, k + 1):
        for i in range(1, n + 1):
            for s in range(j - 1, i):
                value = max(best[j - 1][s], prefix[i] - prefix[s])
                if value < best[j][i]:
                    best[j][i], cut[j][i] = value, s
    j = min(range(1, k + 1), key=lambda z: (best[z][n], z))
    cuts, i = [], n
    while j > 1:
        i = cut[j][i]
        cuts.append(i)
        j -= 1
    return sorted(c for c in cuts if 0 < c < n)


def _simulate(work: list[int], zones: list[tuple[int, int]], rate: float,
              clearance: int) -> list[float]:
    """Every crane sweeps its zone bow to stern; a crane waits while the next crane sternward
    still works a bay within the clearance. Returns each crane's finish time in hours."""
    left = [{b: float(work[b]) for b in range(a, z + 1) if work[b] > 0} for a, z in zones]
    at = [min(z) if z else None for z in left]
    finish = [0.0] * len(zones)
    step, t = 1.0 / 60.0, 0.0  # one minute
    per_step = rate * step
    while any(at[k] is not None for k in range(len(zones))):
        for k in range(len(zones)):
            bay = at[k]
            if bay is None:
                continue
            nxt = at[k + 1] if k + 1 < len(zones) else None
            if nxt is not None and nxt - bay <= clearance:
                continue  # the sternward crane has right of way; it only moves away
            left[k][bay] -= per_step
            if left[k][bay] <= 1e-9:
                del left[k][bay]
                at[k] = min(left[k]) if left[k] else None
                if at[k] is None:
                    finish[k] = t + step
        t += step
        if t > 1e5:  # a deadlock would be a bug: never loop for ever
            raise RuntimeError("crane schedule did not finish")
    return finish
