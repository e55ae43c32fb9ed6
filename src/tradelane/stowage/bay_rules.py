"""The single-bay rules and objective, evaluated on a finished plan (no solver).

The planner (:mod:`tradelane.stowage.bay_model`) encodes the same rules as constraints; this
module checks a plan and counts its objective terms directly, so that the planner's answers,
and any reference solution a file carries, are judged by one independent reading:

- one container per slot: a cell holds one 40 or up to two 20s (aft and fore);
- cell restrictions: a 20 only in a slot marked feasible for its side, a 40 only in a cell
  marked feasible for 40s;
- support: above a stack's lowest usable cell, a 20 stands on a 20 in the same half of the
  cell below (so never on a 40), and a 40 stands on a 40 or on two 20s;
- weight: the containers of a stack weigh at most the stack's limit; height: the containers in
  each half (aft, fore) of a stack, a 40 counting in both, reach at most its height limit;
- reefers: a 20-ft reefer only in a slot with its own plug, a 40-ft reefer only in a cell with
  a plug;
- dangerous goods: two containers of different IMO categories (both above 0) are never
  neighbours: not the two 20s of one cell, not one directly on the other (their halves
  overlapping), not side by side at the same tier in neighbouring stacks (halves overlapping).

The rules bind the containers to load; loaded containers are taken as they stand (a rule
between two loaded containers is not the plan's to keep). The objective counts the whole bay,
loaded containers included (:class:`~tradelane.domain.bay.BayTerms`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tradelane.domain.bay import (
    SLOT_40,
    SLOT_AFT,
    SLOT_FORE,
    BayContainer,
    BayInstance,
    BayPlacement,
    BaySlot,
    BayTerms,
)

SIDES = (SLOT_AFT, SLOT_FORE)
"""The two halves of a cell, by slot code."""


def sides_of(slot: int) -> tuple[int, ...]:
    """The halves a container in ``slot`` fills: both for a 40, its own for a 20."""
    return SIDES if slot == SLOT_40 else (slot,)


def height_limit_cm(limit_m: float) -> int:
    """A stack's height limit in whole centimetres (rounded down, as the planner uses it)."""
    return math.floor(limit_m * 100 + 1e-6)


def weight_dag(weight_kg: float) -> int:
    """A weight in whole decagrams (hundredths of a kilogram: the files give two decimals)."""
    return round(weight_kg * 100)


def base_tier(inst: BayInstance, stack: int) -> int | None:
    """The 1-based tier of the lowest usable cell of ``stack`` (1-based), or ``None``."""
    for t, cell in enumerate(inst.cells[stack - 1]):
        if cell.usable:
            return t + 1
    return None


@dataclass(frozen=True, slots=True)
class _Item:
    """A container in the bay, to load (``index`` ≥ 0) or loaded (``index`` < 0)."""

    index: int
    box: BayContainer
    at: BaySlot

    @property
    def to_load(self) -> bool:
        return self.index >= 0

    def label(self) -> str:
        return f"container {self.index}" if self.to_load else f"loaded container {-self.index}"


def _items(inst: BayInstance, placements: Iterable[BayPlacement]) -> list[_Item]:
    items = [_Item(-(k + 1), c.container, c.position) for k, c in enumerate(inst.loaded)]
    items += [_Item(p.container, inst.to_load[p.container], p.position) for p in placements
              if 0 <= p.container < len(inst.to_load)]
    return items


def _grid(items: Sequence[_Item]) -> dict[tuple[int, int, int], list[_Item]]:
    grid: dict[tuple[int, int, int], list[_Item]] = {}
    for it in items:
        for side in sides_of(it.at.slot):
            grid.setdefault((it.at.stack, it.at.tier, side), []).append(it)
    return grid


def bay_terms(inst: BayInstance, placements: Iterable[BayPlacement]) -> BayTerms:
    """Count the objective terms of the bay after loading ``placements``.

    Overstowing containers: those with a container of an earlier POD (lower number) below
    them in the same stack, in a half they share. POD mix: distinct PODs − 1 per used stack.
    Reefer misuse: non-reefer 20s in a slot with a plug, non-reefer 40s in a cell with a plug.
    """
    items = _items(inst, placements)
    grid = _grid(items)
    overstow = sum(1 for it in items if _overstows(it, grid))
    pods: dict[int, set[int]] = {}
    for it in items:
        pods.setdefault(it.at.stack, set()).add(it.box.pod)
    misuse = sum(1 for it in items if not it.box.reefer and _plugged(inst, it.at))
    return BayTerms(overstow=overstow, pod_mix=sum(len(p) - 1 for p in pods.values()),
                    stacks_used=len(pods), reefer_misuse=misuse)


def _overstows(it: _Item, grid: dict[tuple[int, int, int], list[_Item]]) -> bool:
    return any(other.box.pod < it.box.pod
               for side in sides_of(it.at.slot) for tier in range(1, it.at.tier)
               for other in grid.get((it.at.stack, tier, side), ()))


def _plugged(inst: BayInstance, at: BaySlot) -> bool:
    cell = inst.cells[at.stack - 1][at.tier - 1]
    if at.slot == SLOT_40:
        return cell.has_plug
    return cell.aft_reefer if at.slot == SLOT_AFT else cell.fore_reefer


def bay_violations(inst: BayInstance, placements: Sequence[BayPlacement]) -> list[str]:
    """Every rule ``placements`` break, one sentence each (empty when the plan is legal)."""
    out: list[str] = []
    seen: set[int] = set()
    for p in placements:
        if not 0 <= p.container < len(inst.to_load):
            out.append(f"container {p.container} is not a container to load.")
        elif p.container in seen:
            out.append(f"container {p.container} is placed twice.")
        elif p.stack > len(inst.stacks) or p.tier > inst.tiers:
            out.append(f"container {p.container} stands outside the bay.")
        seen.add(p.container)
    if out:
        return out
    items = _items(inst, placements)
    grid = _grid(items)
    for key, here in grid.items():
        if len(here) > 1:
            out.append(f"stack {key[0]} tier {key[1]} slot {key[2]} holds "
                       f"{' and '.join(it.label() for it in here)}.")
    for it in items:
        if it.to_load:
            out += _own_rules(inst, it, grid)
    out += _stack_limits(inst, items)
    out += _dg_rules(items, grid)
    return out


def _own_rules(inst: BayInstance, it: _Item,
               grid: dict[tuple[int, int, int], list[_Item]]) -> list[str]:
    at, box, out = it.at, it.box, []
    cell = inst.cells[at.stack - 1][at.tier - 1]
    where = f"{it.label()} at stack {at.stack} tier {at.tier} slot {at.slot}"
    if (box.length_ft == 40) != (at.slot == SLOT_40):
        out.append(f"{where}: a {box.length_ft}-ft container in the wrong kind of slot.")
    allowed = {SLOT_40: cell.feasible40, SLOT_AFT: cell.aft_feasible,
               SLOT_FORE: cell.fore_feasible}[at.slot]
    if not allowed:
        out.append(f"{where}: the cell does not take this container there.")
    if box.reefer and not _plugged(inst, at):
        out.append(f"{where}: a reefer without a plug.")
    base = base_tier(inst, at.stack)
    if base is not None and at.tier > base:
        below = {side: grid.get((at.stack, at.tier - 1, side), []) for side in SIDES}
        if at.slot == SLOT_40:
            if not all(below[side] for side in SIDES):  # a 40 below fills both halves
                out.append(f"{where}: a 40 needs a 40 or two 20s below it.")
        elif not below[at.slot]:
            out.append(f"{where}: nothing below it.")
        elif any(b.at.slot == SLOT_40 for b in below[at.slot]):
            out.append(f"{where}: a 20 on top of a 40.")
    return out


def _stack_limits(inst: BayInstance, items: Sequence[_Item]) -> list[str]:
    out = []
    for s, stack in enumerate(inst.stacks, start=1):
        mine = [it for it in items if it.at.stack == s]
        if not any(it.to_load for it in mine):
            continue
        weight = sum(weight_dag(it.box.weight_kg) for it in mine)
        if weight > weight_dag(stack.max_weight_kg):
            out.append(f"stack {s} weighs {weight / 100:.2f} kg, over its limit of "
                       f"{stack.max_weight_kg:.2f} kg.")
        for side in SIDES:
            height = sum(it.box.height_cm for it in mine if side in sides_of(it.at.slot))
            if height > height_limit_cm(stack.max_height_m):
                half = "aft" if side == SLOT_AFT else "fore"
                out.append(f"stack {s} ({half} half) is {height / 100:.2f} m high, over its "
                           f"limit of {stack.max_height_m:.2f} m.")
    return out


def neighbours(a: BaySlot, b: BaySlot) -> bool:
    """True when containers at ``a`` and ``b`` touch: the two 20s of one cell, or one on the
    other, or side by side in neighbouring stacks, their halves overlapping."""
    if (a.stack, a.tier) == (b.stack, b.tier):
        return a.slot != b.slot and SLOT_40 not in (a.slot, b.slot)
    overlap = bool(set(sides_of(a.slot)) & set(sides_of(b.slot)))
    vertical = a.stack == b.stack and abs(a.tier - b.tier) == 1
    across = a.tier == b.tier and abs(a.stack - b.stack) == 1
    return overlap and (vertical or across)


def _dg_rules(items: Sequence[_Item], grid: dict[tuple[int, int, int], list[_Item]]) -> list[str]:
    dg = [it for it in items if it.box.imo_category > 0]
    out = []
    for i, a in enumerate(dg):
        for b in dg[i + 1:]:
            if (a.to_load or b.to_load) and a.box.imo_category != b.box.imo_category \
                    and neighbours(a.at, b.at):
                out.append(f"{a.label()} (IMO {a.box.imo_category}) and {b.label()} (IMO "
                           f"{b.box.imo_category}) are neighbours.")
    return out
