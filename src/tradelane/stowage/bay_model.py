"""The CP-SAT model of the single-bay slot planning problem (rules: :mod:`.bay_rules`).

Containers that agree on everything the rules and the objective look at (length, height, POD,
reefer, IMO category, and weight where a stack's weight limit can bind) form a *group*; the
model decides how many of a group take each position, so interchangeable containers create no
symmetry. Positions are the aft and fore halves of each cell (20s) and the whole cell (40s).

Overstowage is counted with one indicator per position: ``below[s, t, side, r]`` says that a
container with a POD rank below ``r`` stands at or below tier ``t`` in that half of stack
``s``; a container of POD rank ``r`` at tier ``t + 1`` over such a one overstows. The POD mix
uses ``has[s, r]`` (POD rank ``r`` in stack ``s``) and ``used[s]`` = max over ``r``.

Stowing as many containers as possible comes first: each container left ashore costs more
than any plan's whole objective (:attr:`BayModel.ashore_cost`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

from ortools.sat.python import cp_model

from tradelane.domain.bay import (
    OVERSTOW_WEIGHT,
    POD_MIX_WEIGHT,
    REEFER_MISUSE_WEIGHT,
    SLOT_40,
    STACK_WEIGHT,
    BayContainer,
    BayInstance,
)
from tradelane.stowage.bay_rules import SIDES, base_tier, height_limit_cm, sides_of, weight_dag

Pos = tuple[int, int, int]
"""(stack, tier, slot), 1-based stack and tier, slot 0/1/-1."""
Expr: TypeAlias = Any
"""A CP-SAT linear expression, or a plain int where only loaded containers count."""


@dataclass(frozen=True, slots=True)
class Group:
    """Containers to load that the rules and the objective cannot tell apart (but weight).

    ``by_weight`` splits ``members`` by weight in decagrams, heaviest first.
    """

    box: BayContainer
    members: tuple[int, ...]
    by_weight: tuple[tuple[int, tuple[int, ...]], ...]


def _groups(inst: BayInstance) -> list[Group]:
    keys: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for i, b in enumerate(inst.to_load):
        keys[(b.length_ft, b.height_cm, b.pod, b.reefer, b.imo_category)].append(i)
    out = []
    for members in keys.values():
        weights: dict[int, list[int]] = defaultdict(list)
        for i in members:
            weights[weight_dag(inst.to_load[i].weight_kg)].append(i)
        out.append(Group(inst.to_load[members[0]], tuple(members),
                         tuple((w, tuple(weights[w])) for w in sorted(weights, reverse=True))))
    return out


class BayModel:
    """The CP-SAT model of one bay instance; build once, solve with any parameters.

    Attributes
    ----------
    model : cp_model.CpModel
        The model.
    place : dict[tuple[int, Pos], cp_model.IntVar]
        ``place[g, pos]``: a container of group ``g`` stands at ``pos``.
    count : dict[tuple[int, int, int], cp_model.IntVar]
        ``count[g, j, s]``: how many containers of weight class ``j`` of group ``g`` stand in
        stack ``s``, for the stacks whose weight limit can bind (weight matters nowhere else).
    groups : list[Group]
        The groups of containers to load.
    ashore_cost : int
        Objective cost of each container left ashore (above any plan's objective).
    """

    def __init__(self, inst: BayInstance) -> None:
        self.inst = inst
        self.model = cp_model.CpModel()
        self.stacks, self.tiers = len(inst.stacks), inst.tiers
        self._fixed: dict[tuple[int, int, int], BayContainer] = {}   # (s, t, side) -> loaded
        self._fixed40: set[tuple[int, int]] = set()
        for item in inst.loaded:
            p = item.position
            for side in sides_of(p.slot):
                self._fixed[(p.stack, p.tier, side)] = item.container
            if p.slot == SLOT_40:
                self._fixed40.add((p.stack, p.tier))
        self.groups = _groups(inst)
        self.pods = sorted({b.pod for b in inst.to_load} | {c.container.pod for c in inst.loaded})
        self.rank = {pod: r for r, pod in enumerate(self.pods)}
        self.place: dict[tuple[int, Pos], cp_model.IntVar] = {}
        self.count: dict[tuple[int, int, int], cp_model.IntVar] = {}
        self.has: dict[tuple[int, int], cp_model.IntVar] = {}
        self.used: dict[int, cp_model.IntVar] = {}
        self._open = self._open_positions()
        self._variables()
        n_all = len(inst.to_load) + len(inst.loaded)
        self.ashore_cost = (OVERSTOW_WEIGHT + POD_MIX_WEIGHT + REEFER_MISUSE_WEIGHT) * n_all \
            + STACK_WEIGHT * self.stacks + 1
        self._constraints()
        self.objective = self._objective()
        self.model.minimize(self.objective)

    def _loaded_dag(self, stack: int) -> int:
        return sum(weight_dag(c.container.weight_kg) for c in self.inst.loaded
                   if c.position.stack == stack)

    # -- positions -------------------------------------------------------------------------
    def _open_positions(self) -> dict[Pos, bool]:
        """Positions a container to load may reach (feasible, free, possibly supported)."""
        inst = self.inst
        out: dict[Pos, bool] = {}
        for s in range(1, self.stacks + 1):
            base = base_tier(inst, s)
            for t in range(1, self.tiers + 1):
                cell = inst.cells[s - 1][t - 1]
                bottom = base is not None and t == base
                for side, ok in ((1, cell.aft_feasible), (-1, cell.fore_feasible)):
                    below = (s, t - 1, side)
                    support = bottom or (below in self._fixed and (s, t - 1) not in
                                         self._fixed40) or out.get(below, False)
                    out[(s, t, side)] = ok and (s, t, side) not in self._fixed and support \
                        and base is not None and t >= base
                free = all((s, t, side) not in self._fixed for side in SIDES)
                support40 = bottom or all(
                    (s, t - 1, side) in self._fixed or out.get((s, t - 1, side), False)
                    for side in SIDES) or out.get((s, t - 1, SLOT_40), False)
                out[(s, t, SLOT_40)] = cell.feasible40 and free and support40 \
                    and base is not None and t >= base
        return out

    def _fits(self, box: BayContainer, pos: Pos) -> bool:
        s, t, slot = pos
        if not self._open[pos] or (box.length_ft == 40) != (slot == SLOT_40):
            return False
        cell = self.inst.cells[s - 1][t - 1]
        plug = cell.has_plug if slot == SLOT_40 else (cell.aft_reefer if slot == 1
                                                      else cell.fore_reefer)
        limit = height_limit_cm(self.inst.stacks[s - 1].max_height_m)
        return (plug or not box.reefer) and box.height_cm <= limit

    def _variables(self) -> None:
        for g, group in enumerate(self.groups):
            for pos in self._open:
                if self._fits(group.box, pos):
                    self.place[g, pos] = self.model.new_bool_var(f"x{g}_{pos}")
        self._at: dict[Pos, list[tuple[int, cp_model.IntVar]]] = defaultdict(list)
        for (g, pos), var in self.place.items():
            self._at[pos].append((g, var))

    # -- constraints -----------------------------------------------------------------------
    def occupied(self, s: int, t: int, side: int, *, only20: bool = False,
                 to_load: bool = False) -> Expr:
        """Whether half ``side`` of cell (s, t) holds a container (20s only if ``only20``)."""
        fixed = (s, t, side) in self._fixed and not to_load and not (
            only20 and (s, t) in self._fixed40)
        terms = [v for _, v in self._at.get((s, t, side), ())]
        if not only20:
            terms += [v for _, v in self._at.get((s, t, SLOT_40), ())]
        return sum(terms) + int(fixed)

    def _constraints(self) -> None:
        m = self.model
        for g, group in enumerate(self.groups):
            m.add(sum(v for (h, _), v in self.place.items() if h == g) <= len(group.members))
        for s in range(1, self.stacks + 1):
            base = base_tier(self.inst, s) or 1
            for t in range(1, self.tiers + 1):
                for side in SIDES:
                    m.add(self.occupied(s, t, side) <= 1)
                if t <= base:
                    continue
                for side in SIDES:   # a 20 stands on a 20 of its half; a 40 on a 40 or 20s
                    m.add(self.occupied(s, t, side, only20=True, to_load=True)
                          <= self.occupied(s, t - 1, side, only20=True))
                    m.add(self._count(s, t, SLOT_40) <= self.occupied(s, t - 1, side))
            self._stack_limits(s)
        for g, group in enumerate(self.groups):
            for j, (_, ids) in enumerate(group.by_weight):
                counts = [c for (h, k, _), c in self.count.items() if (h, k) == (g, j)]
                if len(counts) > 1:
                    m.add(sum(counts) <= len(ids))
        self._dg()

    def _count(self, s: int, t: int, slot: int) -> Expr:
        return sum(v for _, v in self._at.get((s, t, slot), ()))

    def _stack_limits(self, s: int) -> None:
        mine = [(g, pos, v) for (g, pos), v in self.place.items() if pos[0] == s]
        self._weight_limit(s, mine)
        limit = height_limit_cm(self.inst.stacks[s - 1].max_height_m)
        for side in SIDES:
            used = sum(self._fixed[k].height_cm for k in self._fixed if k[0] == s and k[2] == side)
            column = [(self.groups[g].box.height_cm, v) for g, pos, v in mine
                      if side in sides_of(pos[2])]
            if sum(h for h, _ in column) > limit - used:
                self.model.add(sum(h * v for h, v in column) <= max(limit - used, 0))

    def _weight_limit(self, s: int, mine: list[tuple[int, Pos, cp_model.IntVar]]) -> None:
        """Weight limit of stack ``s``, over per-weight-class counts, where it can bind."""
        room = weight_dag(self.inst.stacks[s - 1].max_weight_kg) - self._loaded_dag(s)
        heaviest = sorted((w for g in {g for g, _, _ in mine} for w, ids in
                           self.groups[g].by_weight for _ in ids), reverse=True)
        if sum(heaviest[:len({pos for _, pos, _ in mine})]) <= room:
            return
        load = []
        for g in sorted({g for g, _, _ in mine}):
            counts = []
            for j, (w, ids) in enumerate(self.groups[g].by_weight):
                c = self.model.new_int_var(0, len(ids), f"n{g}_{j}_{s}")
                self.count[g, j, s] = c
                counts.append(c)
                load.append(w * c)
            self.model.add(sum(counts) == sum(v for h, _, v in mine if h == g))
        self.model.add(sum(load) <= max(room, 0))

    def _dg(self) -> None:
        """Different IMO categories never neighbours (see :func:`bay_rules.neighbours`)."""
        cats = sorted({b.imo_category for b in self.inst.to_load if b.imo_category > 0})
        if not cats:
            return
        cats = sorted(set(cats) | {c.container.imo_category for c in self.inst.loaded
                                   if c.container.imo_category > 0})
        for a, b in _neighbour_pairs(self.stacks, self.tiers):
            for ca in cats:
                ea, fa = self._dg_at(a, ca)
                for cb in cats:
                    if ca == cb:
                        continue
                    eb, fb = self._dg_at(b, cb)
                    if (ea or fa) and (eb or fb) and not (fa and fb):
                        self.model.add(sum(ea) + int(fa) + sum(eb) + int(fb) <= 1)

    def _dg_at(self, pos: Pos, cat: int) -> tuple[list[cp_model.IntVar], bool]:
        s, t, slot = pos
        fixed = self._fixed.get((s, t, slot if slot != SLOT_40 else 1))
        is_fixed = fixed is not None and fixed.imo_category == cat and (
            (slot == SLOT_40) == ((s, t) in self._fixed40))
        return [v for g, v in self._at.get(pos, ()) if self.groups[g].box.imo_category == cat], \
            is_fixed

    # -- objective -------------------------------------------------------------------------
    def _pod_at(self, s: int, t: int, slot: int, r: int) -> Expr:
        """Whether the container at (s, t, slot) has POD rank ``r``."""
        expr: Expr = sum(v for g, v in self._at.get((s, t, slot), ())
                   if self.rank[self.groups[g].box.pod] == r)
        fixed = self._fixed.get((s, t, slot if slot != SLOT_40 else 1))
        if fixed is not None and ((slot == SLOT_40) == ((s, t) in self._fixed40)) \
                and self.rank[fixed.pod] == r:
            expr += 1
        return expr

    def _objective(self) -> Expr:
        inst = self.inst
        stowed = sum(self.place.values())
        self.stowed = stowed
        misuse: Expr = sum(v for (g, pos), v in self.place.items()
                     if not self.groups[g].box.reefer and _plugged(inst, pos))
        misuse += sum(1 for c in inst.loaded if not c.container.reefer
                      and _plugged(inst, (c.position.stack, c.position.tier, c.position.slot)))
        overstow, has_terms, used_terms = [], [], []
        for s in range(1, self.stacks + 1):
            ov, has, used = self._stack_objective(s)
            overstow += ov
            has_terms += has
            used_terms.append(used)
        ashore = len(inst.to_load) - stowed
        self.terms = (sum(overstow), sum(has_terms) - sum(used_terms), sum(used_terms), misuse)
        return (self.ashore_cost * ashore + OVERSTOW_WEIGHT * self.terms[0]
                + POD_MIX_WEIGHT * self.terms[1] + STACK_WEIGHT * self.terms[2]
                + REEFER_MISUSE_WEIGHT * self.terms[3])

    def _stack_objective(self, s: int) -> tuple[list[Expr], list[cp_model.IntVar],
                                                  cp_model.IntVar]:
        m, n_rank = self.model, len(self.pods)
        slots = (1, -1, SLOT_40)
        at = {(t, slot, r): self._pod_at(s, t, slot, r) for t in range(1, self.tiers + 1)
              for slot in slots for r in range(n_rank)}
        live = {k: e for k, e in at.items() if not isinstance(e, int) or e}
        has = []
        for r in range(n_rank):
            exprs = [e for (t, slot, q), e in live.items() if q == r]
            if exprs:
                h = m.new_bool_var(f"has{s}_{r}")
                for e in exprs:
                    _imply(m, e, h)
                has.append(h)
                self.has[s, r] = h
        used = m.new_bool_var(f"used{s}")
        self.used[s] = used
        if has:
            m.add_max_equality(used, has)
            m.add(used <= sum(has))   # explicit for the LP: stack cost less POD mix bonus
        else:
            m.add(used == 0)
        overstow: list[Expr] = []
        below: dict[tuple[int, int, int], cp_model.IntVar] = {}
        for t in range(1, self.tiers + 1):
            for side in SIDES:
                for r in range(1, n_rank):
                    here = [e for (tt, slot, q), e in live.items() if tt == t and q == r - 1
                            and slot in (side, SLOT_40)]
                    prev = [below[k] for k in ((t - 1, side, r), (t, side, r - 1)) if k in below]
                    if not here and not prev:
                        continue
                    b = m.new_bool_var(f"below{s}_{t}_{side}_{r}")
                    for e in here + prev:
                        _imply(m, e, b)
                    below[t, side, r] = b
            for slot in slots:
                for r in range(1, n_rank):
                    e = live.get((t, slot, r))
                    under = [below[k] for k in ((t - 1, side, r) for side in sides_of(slot))
                             if k in below]
                    if e is None or not under:
                        continue
                    o = m.new_bool_var(f"ov{s}_{t}_{slot}_{r}")
                    for u in under:
                        m.add(o >= e + u - 1)
                    overstow.append(o)
        return overstow, has, used


def _imply(m: cp_model.CpModel, expr: Expr, flag: cp_model.IntVar) -> None:
    """``expr`` (0/1, a constant for loaded containers) ≤ ``flag``."""
    if isinstance(expr, int):
        if expr:
            m.add(flag == 1)
    else:
        m.add(expr <= flag)


def _plugged(inst: BayInstance, pos: Pos) -> bool:
    s, t, slot = pos
    cell = inst.cells[s - 1][t - 1]
    if slot == SLOT_40:
        return cell.has_plug
    return cell.aft_reefer if slot == 1 else cell.fore_reefer


def _neighbour_pairs(stacks: int, tiers: int) -> Sequence[tuple[Pos, Pos]]:
    """Every unordered pair of neighbouring positions (see :func:`bay_rules.neighbours`)."""
    pairs: list[tuple[Pos, Pos]] = []
    for s in range(1, stacks + 1):
        for t in range(1, tiers + 1):
            pairs.append(((s, t, 1), (s, t, -1)))
            for slot in (1, -1, SLOT_40):
                for other in (1, -1, SLOT_40):
                    if set(sides_of(slot)) & set(sides_of(other)):
                        if t < tiers:
                            pairs.append(((s, t, slot), (s, t + 1, other)))
                        if s < stacks:
                            pairs.append(((s, t, slot), (s + 1, t, other)))
    return pairs
