"""Redundant constraints and symmetry breaking for the bay model (:mod:`.bay_model`).

None of these constraints removes every optimal plan; they make CP-SAT's linear relaxation
tighter and its search smaller, so that it proves optimality sooner:

- *Linking*: the containers and their height in each half of a stack are at most the half's
  capacity times ``used[s]`` (and, per POD, times ``has[s, r]``). The clauses ``place ⇒ used``
  say the same to the SAT engine but next to nothing to the linear relaxation.
- *Column hulls*: in a half of a stack with two container heights (standard and high-cube),
  the number of containers ``n`` and the number of tall ones ``k`` obey ``h₀·n + d·k ≤ R``;
  the facets of the integer hull of that set (e.g. "9 tiers only with at most 2
  high-cubes") are added, each scaled by ``used[s]``.
- *Neighbouring tiers* with identical cells: two containers of the same length and POD
  without dangerous goods, one on the other, may swap without changing legality or cost;
  the lower one gets the lower group. :func:`canonical` sorts a starting plan the same way,
  so that it stays a valid hint.

Ordering identical stacks (and the two halves of a stack) the same way was tried and left
out: on the public instances it made CP-SAT slower to find and prove plans (its own
symmetry detection already finds those permutations).
"""

from __future__ import annotations

import itertools
from collections import defaultdict

from ortools.sat.python import cp_model

from tradelane.domain.bay import SLOT_40, BayCell, BayPlacement
from tradelane.stowage.bay_model import BayModel, Pos
from tradelane.stowage.bay_rules import SIDES, height_limit_cm, sides_of

Column = list[tuple[int, Pos, cp_model.IntVar]]


def add_cuts(bm: BayModel) -> None:
    """Add every redundant constraint and symmetry-breaking constraint to ``bm.model``."""
    for s in range(1, bm.stacks + 1):
        for side in SIDES:
            _link_column(bm, s, side)
    _break_symmetry(bm)


def _column(bm: BayModel, s: int, side: int) -> Column:
    return [(g, pos, v) for (g, pos), v in bm.place.items()
            if pos[0] == s and side in sides_of(pos[2])]


def _room_cm(bm: BayModel, s: int, side: int) -> int:
    aboard = sum(c.container.height_cm for c in bm.inst.loaded
                 if c.position.stack == s and side in sides_of(c.position.slot))
    return height_limit_cm(bm.inst.stacks[s - 1].max_height_m) - aboard


def _link_column(bm: BayModel, s: int, side: int) -> None:
    column = _column(bm, s, side)
    if not column:
        return
    m, room = bm.model, max(_room_cm(bm, s, side), 0)
    height = {g: bm.groups[g].box.height_cm for g, _, _ in column}
    tiers = len({pos[1] for _, pos, _ in column})
    cap = min(tiers, room // min(height.values()))
    m.add(sum(v for _, _, v in column) <= cap * bm.used[s])
    m.add(sum(height[g] * v for g, _, v in column) <= room * bm.used[s])
    by_rank: dict[int, Column] = defaultdict(list)
    for item in column:
        by_rank[bm.rank[bm.groups[item[0]].box.pod]].append(item)
    for r, items in by_rank.items():
        if (s, r) in bm.has and len(by_rank) > 1:
            m.add(sum(v for _, _, v in items) <= cap * bm.has[s, r])
            m.add(sum(height[g] * v for g, _, v in items) <= room * bm.has[s, r])
    if len(set(height.values())) == 2:
        _column_hull(bm, s, column, height, cap, room)


def _column_hull(bm: BayModel, s: int, column: Column, height: dict[int, int], cap: int,
                 room: int) -> None:
    """Facets of the integer hull of {(n, k): k ≤ n ≤ cap, h₀·n + d·k ≤ room}."""
    low, high = sorted(set(height.values()))
    d = high - low
    top = [(n, min(n, (room - low * n) // d)) for n in range(cap + 1)]
    hull: list[tuple[int, int]] = []
    for p in top:   # upper concave envelope (monotone chain)
        while len(hull) >= 2 and _cross(hull[-2], hull[-1], p) >= 0:
            hull.pop()
        hull.append(p)
    n_expr = sum(v for _, _, v in column)
    k_expr = sum(v for g, _, v in column if height[g] == high)
    for (n1, k1), (n2, k2) in itertools.pairwise(hull):
        dn, dk = n2 - n1, k2 - k1
        if dk == dn:   # k ≤ n: implied
            continue
        rhs = dn * k1 - dk * n1
        bm.model.add(dn * k_expr - dk * n_expr <= rhs * bm.used[s])


def _cross(o: tuple[int, int], a: tuple[int, int], b: tuple[int, int]) -> int:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _cell_sig(c: BayCell) -> tuple[bool, ...]:
    return (c.fore_reefer, c.aft_reefer, c.fore_feasible, c.aft_feasible, c.feasible40)


def _swappable(bm: BayModel) -> dict[tuple[int, int], list[int]]:
    """Groups without dangerous goods by (length, POD rank), in group order."""
    out: dict[tuple[int, int], list[int]] = defaultdict(list)
    for g, group in enumerate(bm.groups):
        if group.box.imo_category == 0:
            out[group.box.length_ft, bm.rank[group.box.pod]].append(g)
    return out


def _tier_pairs(bm: BayModel) -> list[tuple[Pos, Pos, list[int]]]:
    """(lower, upper, groups) for identical neighbouring cells: ``groups`` may swap there."""
    cells, out = bm.inst.cells, []
    for s in range(1, bm.stacks + 1):
        for t in range(1, bm.tiers):
            if _cell_sig(cells[s - 1][t - 1]) != _cell_sig(cells[s - 1][t]):
                continue
            for (length, _), gs in _swappable(bm).items():
                for slot in ((SLOT_40,) if length == 40 else SIDES):
                    out.append(((s, t, slot), (s, t + 1, slot), gs))
    return out


def _may_swap(bm: BayModel, g1: int, g2: int, low: Pos, up: Pos) -> bool:
    return all(k in bm.place for k in ((g1, low), (g2, up), (g2, low), (g1, up)))


def _break_symmetry(bm: BayModel) -> None:
    m, place = bm.model, bm.place
    for low, up, gs in _tier_pairs(bm):
        for i, g1 in enumerate(gs):
            for g2 in gs[:i]:   # g2 < g1: never g1 below g2
                if _may_swap(bm, g1, g2, low, up):
                    m.add_bool_or([place[g1, low].Not(), place[g2, up].Not()])

def canonical(bm: BayModel, placements: tuple[BayPlacement, ...]) -> tuple[BayPlacement, ...]:
    """The plan equivalent to ``placements`` (as legal, as costly) that the tier-order
    constraints keep: swappable containers on neighbouring identical cells in group order."""
    group_of = {i: g for g, group in enumerate(bm.groups) for i in group.members}
    where: dict[Pos, int] = {(p.stack, p.tier, p.slot): p.container for p in placements}
    pairs = _tier_pairs(bm)
    changed = True
    while changed:   # bubble sort: each swap removes one inversion
        changed = False
        for low, up, gs in pairs:
            if low in where and up in where:
                g1, g2 = group_of[where[low]], group_of[where[up]]
                if g1 in gs and g2 in gs and g1 > g2 and _may_swap(bm, g1, g2, low, up):
                    where[low], where[up] = where[up], where[low]
                    changed = True
    return tuple(sorted(BayPlacement(i, *pos) for pos, i in where.items()))
