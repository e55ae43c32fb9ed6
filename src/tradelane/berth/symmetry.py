"""Identical ships and identical berths, merged before the time-indexed model is built.

Benchmark instances repeat ships (``f60x5``: 60 ships of 25 kinds) and berths (``f60x7``:
berths 2 and 3 alike); real terminals have rows of equal berths too. Identical items make the
MIP symmetric: each plan has many copies that differ only in which twin is where, and branch
and bound explores them all. Merging them is exact:

- **ship types**: ships with the same arrival, latest departure, weight and handling times are
  interchangeable, so the model asks for ``count`` arcs of the type instead of one per ship;
- **berth classes**: berths with the same opening, closing and handling time for every ship
  carry a flow of ``count`` units over their common time points. Any integer flow splits into
  ``count`` paths, one per berth (equivalently: intervals of which at most ``count`` overlap
  at any time can be put on ``count`` berths, by taking them in start order).

The LP bound is unchanged (average a merged solution over the twins to get an unmerged one of
the same cost), the model is smaller, and the symmetric copies are gone.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from tradelane.domain.berth import BerthAssignment, BerthInstance, BerthPlan


@dataclass(frozen=True, slots=True)
class Symmetry:
    """Ships grouped into types and berths into classes, in order of first appearance.

    Attributes
    ----------
    reduced : BerthInstance
        One ship per type and one berth per class (the first of each).
    ship_types : tuple[tuple[int, ...], ...]
        The original ships of each type.
    berth_classes : tuple[tuple[int, ...], ...]
        The original berths of each class.
    """

    reduced: BerthInstance
    ship_types: tuple[tuple[int, ...], ...]
    berth_classes: tuple[tuple[int, ...], ...]

    @property
    def ship_count(self) -> np.ndarray:
        """Ships of each type."""
        return np.array([len(g) for g in self.ship_types], dtype=np.int64)

    @property
    def berth_count(self) -> np.ndarray:
        """Berths of each class."""
        return np.array([len(g) for g in self.berth_classes], dtype=np.int64)

    def arcs(self, plan: BerthPlan) -> dict[tuple[int, int, int], int]:
        """``plan`` as counts of (ship type, berth class, start)."""
        type_of = {i: t for t, g in enumerate(self.ship_types) for i in g}
        class_of = {j: c for c, g in enumerate(self.berth_classes) for j in g}
        out: dict[tuple[int, int, int], int] = defaultdict(int)
        for a in plan.assignments:
            out[type_of[a.ship], class_of[a.berth], a.start_h] += 1
        return dict(out)

    def expand(self, arcs: list[tuple[int, int, int, int, int]]) -> BerthPlan:
        """A plan of the original instance from merged arcs ``(type, class, start, handling,
        count)``.

        Ships of a type take its arcs in start order; each class's arcs go, in start order, to
        the first of its berths that is free (interval partitioning: never more berths than
        the most arcs that overlap, which the flow keeps within the class's count).
        """
        by_type: dict[int, list[int]] = {t: list(g) for t, g in enumerate(self.ship_types)}
        free_at: dict[int, list[int]] = {c: [-(2**62)] * len(g)
                                         for c, g in enumerate(self.berth_classes)}
        out: list[BerthAssignment] = []
        for t, c, start, dur, count in sorted(arcs, key=lambda a: (a[2], a[0], a[1])):
            for _ in range(count):
                slot = next(k for k, f in enumerate(free_at[c]) if f <= start)
                free_at[c][slot] = start + dur
                ship = by_type[t].pop(0)
                out.append(BerthAssignment(ship=ship, berth=self.berth_classes[c][slot],
                                           start_h=start, end_h=start + dur))
        return BerthPlan(tuple(sorted(out, key=lambda a: a.ship)))


def find_symmetry(inst: BerthInstance, *, merge: bool = True) -> Symmetry:
    """Group identical ships and identical berths of ``inst`` (none when ``merge`` is false)."""
    n, m = inst.n_ships, inst.n_berths
    ships = _groups([(inst.arrival_h[i], inst.latest_departure_h[i], inst.weight_per_h[i],
                      inst.handling_h[i]) for i in range(n)] if merge else list(range(n)))
    berths = _groups([(inst.berth_open_h[j], inst.berth_close_h[j],
                       tuple(inst.handling_h[i][j] for i in range(n))) for j in range(m)]
                     if merge else list(range(m)))
    if len(ships) == n and len(berths) == m:
        return Symmetry(inst, ships, berths)
    si = [g[0] for g in ships]
    bj = [g[0] for g in berths]
    reduced = BerthInstance(
        name=inst.name,
        arrival_h=tuple(inst.arrival_h[i] for i in si),
        latest_departure_h=tuple(inst.latest_departure_h[i] for i in si),
        weight_per_h=tuple(inst.weight_per_h[i] for i in si),
        berth_open_h=tuple(inst.berth_open_h[j] for j in bj),
        berth_close_h=tuple(inst.berth_close_h[j] for j in bj),
        handling_h=tuple(tuple(inst.handling_h[i][j] for j in bj) for i in si),
        ship_names=tuple(inst.ship_names[i] for i in si),
        berth_names=tuple(inst.berth_names[j] for j in bj))
    return Symmetry(reduced, ships, berths)


def _groups(keys: list[object]) -> tuple[tuple[int, ...], ...]:
    first: dict[object, list[int]] = {}
    for k, key in enumerate(keys):
        first.setdefault(key, []).append(k)
    return tuple(tuple(g) for g in first.values())
