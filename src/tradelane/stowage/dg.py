"""Dangerous goods on a container ship: stowage category, SW codes and segregation (IMDG).

``dg_violations(ship, placements)`` returns one BrokenRule per broken rule:

- ``dg_stowage_category``: a category C or D entry under deck (IMDG 7.1.3.2, cargo ship);
- ``dg_sw1_heat``: SW1 "protected from sources of heat" closer than 2.4 m to heated structure;
- ``dg_sw2_living_quarters``: SW2 "clear of living quarters" closer than the table's distance;
- ``dg_segregation``: two DG containers closer than the 7.2.4 requirement between their classes
  allows on a container ship (7.4.3, closed units): gaps in container spaces fore-aft and
  athwartships on deck and in one hold, bulkheads (holds) under deck, the deck between an on-deck
  and an under-deck unit, and 24 m for requirement 4;
- ``dg_unknown_class`` / ``dg_unknown_entry``: a class the segregation table does not model, or
  a UN number not in the stowage table: reported as not checked, never passed silently.

Segregation uses each entry's declared class (``DangerousCargo.imo_class``); the stowage
category and SW codes come from ``data/imdg_stowage.csv`` (the most restrictive packing group).

The ship is anything with the few methods of ``DgShip`` (S1's vessel profile, or ``GridShip``,
a small regular ship for tests and sketches). Positions are ISO 9711 (``SlotPosition``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Protocol

from tradelane.data.stowage_cargo import (
    SegregationRule,
    container_ship_rules,
    imdg_entry,
    segregation_table,
    sw_distances_m,
)
from tradelane.domain.stowage import BrokenRule, Placement, SlotPosition
from tradelane.errors import InputError

LENGTH_M = {20: 6.058, 40: 12.192, 45: 13.716}
"""External lengths of ISO containers (ISO 668)."""


class DgShip(Protocol):
    """What the DG rules need to know about a ship."""

    def hold_of(self, position: SlotPosition) -> int:
        """The cargo hold (compartment between bulkheads) a position is in or stands over."""
        ...

    def lcg_m(self, position: SlotPosition) -> float:
        """Longitudinal centre of the slot, metres from any fixed datum."""
        ...

    def has_centre_row(self, position: SlotPosition) -> bool:
        """Whether the position's bay (hold or deck) has a row 00 on the centre line."""
        ...

    def distance_to_heat_m(self, position: SlotPosition) -> float:
        """Clear distance from the slot to heated structure (engine room, heated tanks)."""
        ...

    def distance_to_living_quarters_m(self, position: SlotPosition) -> float:
        """Clear distance from the slot to the accommodation and its air intakes."""
        ...


@dataclass(frozen=True, slots=True)
class GridShip:
    """A regular ship for tests: equal 40-ft bays from the bow, holds, deckhouse, engine room.

    ``holds[i]`` is the hold of 40-ft bay ``i`` (0-based from the bow; ISO bays 4i+1, 4i+2,
    4i+3). ``accommodation_bays`` and ``heated_bays`` are 40-ft bay indices occupied by the
    deckhouse and next to heated structure (under deck only).
    """

    holds: tuple[int, ...]
    bay_pitch_m: float = 12.9
    centre_row: bool = True
    accommodation_bays: tuple[int, ...] = ()
    heated_bays: tuple[int, ...] = ()

    def hold_of(self, position: SlotPosition) -> int:
        """Hold of the position's 40-ft bay."""
        index = (position.bay - 1) // 4
        if not 0 <= index < len(self.holds):
            raise InputError("position", position.code, "is beyond the ship's bays")
        return self.holds[index]

    def lcg_m(self, position: SlotPosition) -> float:
        """Metres aft of the bow: quarter, half and three-quarter points of the 40-ft bay."""
        index, offset = divmod(position.bay - 1, 4)
        return (index + (offset + 1) / 4.0) * self.bay_pitch_m

    def has_centre_row(self, position: SlotPosition) -> bool:
        """The same for every bay."""
        return self.centre_row

    def distance_to_heat_m(self, position: SlotPosition) -> float:
        """0 under deck in a heated bay, else the clear distance to the nearest one."""
        if position.on_deck or not self.heated_bays:
            return math.inf
        return self._clear_to(position, self.heated_bays)

    def distance_to_living_quarters_m(self, position: SlotPosition) -> float:
        """Clear fore-aft distance from a 40-ft slot at this bay to the deckhouse bays."""
        return self._clear_to(position, self.accommodation_bays) if self.accommodation_bays \
            else math.inf

    def _clear_to(self, position: SlotPosition, bays: tuple[int, ...]) -> float:
        half = (LENGTH_M[20] if position.bay % 2 else LENGTH_M[40]) / 2.0
        x = self.lcg_m(position)
        return min(max(0.0, b * self.bay_pitch_m - (x + half), x - half - (b + 1) *
                       self.bay_pitch_m) for b in bays)


def dg_violations(ship: DgShip, placements: Sequence[Placement]) -> list[BrokenRule]:
    """Every broken IMDG stowage and segregation rule among the placements' DG containers."""
    dg = [p for p in placements if p.container.dangerous]
    broken = [rule for placement in dg for rule in _stowage_rules(ship, placement)]
    table = segregation_table()
    known = [p for p in dg if all((d.imo_class, d.imo_class) in table
                                  for d in p.container.dangerous)]
    for a, b in combinations(known, 2):
        problem = _segregation_problem(ship, a, b)
        if problem:
            broken.append(BrokenRule("dg_segregation", a.position.code, problem))
    return broken


def _stowage_rules(ship: DgShip, placement: Placement) -> list[BrokenRule]:
    unit, pos = placement.container, placement.position
    heat_m, living_m = sw_distances_m()
    out = []
    for d in unit.dangerous:
        tag = f"{unit.number} (UN{d.un_number}, class {d.imo_class})"
        if (d.imo_class, d.imo_class) not in segregation_table():
            out.append(BrokenRule("dg_unknown_class", pos.code, f"{tag}: the class is not one "
                                  "the segregation rules model, so it was not checked"))
        try:
            entry = imdg_entry(d.un_number)
        except InputError:
            out.append(BrokenRule("dg_unknown_entry", pos.code, f"{tag}: the UN number is not "
                                  "in tradelane's IMDG stowage table, so its stowage category "
                                  "was not checked"))
            continue
        if entry.on_deck_only and not pos.on_deck:
            out.append(BrokenRule("dg_stowage_category", pos.code, f"{tag} is stowage category "
                                  f"{entry.stowage_category}: on deck only"))
        if "SW1" in entry.stowage_codes and ship.distance_to_heat_m(pos) < heat_m:
            out.append(BrokenRule("dg_sw1_heat", pos.code, f"{tag} must be protected from "
                                  f"sources of heat (at least {heat_m:g} m from heated "
                                  "structure)"))
        if "SW2" in entry.stowage_codes and ship.distance_to_living_quarters_m(pos) < living_m:
            out.append(BrokenRule("dg_sw2_living_quarters", pos.code, f"{tag} must be clear of "
                                  f"living quarters (at least {living_m:g} m)"))
    return out


def _segregation_problem(ship: DgShip, a: Placement, b: Placement) -> str | None:
    table = segregation_table()
    need, pair = 0, ("", "")
    for da in a.container.dangerous:
        for db in b.container.dangerous:
            if da.un_number == db.un_number:
                continue
            level = table[(da.imo_class, db.imo_class)]
            if level > need:
                need, pair = level, (da.imo_class, db.imo_class)
    if need == 0:
        return None
    rule = container_ship_rules()[need]
    if is_segregated(ship, a, b, need):
        return None
    return (f"{a.container.number} (class {pair[0]}) and {b.container.number} (class {pair[1]}) "
            f"at {b.position.code} must be \"{rule.name}\" each other (IMDG 7.2.4 "
            f"requirement {need}; 7.4.3 on a container ship)")


def is_segregated(ship: DgShip, a: Placement, b: Placement, requirement: int) -> bool:
    """Whether two closed units meet 7.2.4 ``requirement`` (1-4) as 7.4.3 reads on this ship."""
    rule: SegregationRule = container_ship_rules()[requirement]
    pa, pb = a.position, b.position
    if rule.min_distance_m > 0 and _clear_distance_m(ship, a, b) < rule.min_distance_m:
        return False
    if pa.on_deck != pb.on_deck:
        return True  # "ok" (deck between) or "distance" (already met above)
    if pa.on_deck:
        return _gaps_ok(pa, pb, ship, rule.fore_aft_on_deck, rule.athwart_on_deck)
    if ship.hold_of(pa) != ship.hold_of(pb):
        return True
    if rule.under_deck == "other_hold":
        return False
    return _gaps_ok(pa, pb, ship, rule.fore_aft_under_deck, rule.athwart_under_deck)


def _gaps_ok(pa: SlotPosition, pb: SlotPosition, ship: DgShip, fore_aft: int,
             athwart: int) -> bool:
    if fore_aft < 0 and athwart < 0:
        return True
    return (fore_aft >= 0 and fore_aft_gap(pa, pb) >= fore_aft) or \
        (athwart >= 0 and athwart_gap(pa, pb, ship) >= athwart)


def fore_aft_gap(pa: SlotPosition, pb: SlotPosition) -> int:
    """Whole 20-ft bays between two positions' extents; -1 when they overlap fore and aft."""
    lo_a, hi_a = (pa.bay - 1, pa.bay + 1) if pa.bay % 2 == 0 else (pa.bay, pa.bay)
    lo_b, hi_b = (pb.bay - 1, pb.bay + 1) if pb.bay % 2 == 0 else (pb.bay, pb.bay)
    if hi_a < lo_b:
        return (lo_b - hi_a) // 2 - 1
    if hi_b < lo_a:
        return (lo_a - hi_b) // 2 - 1
    return -1


def athwart_index(row: int, centre_row: bool) -> int:
    """Row → place across the ship (starboard positive), adjacent rows differing by 1."""
    if row % 2:
        return (row + 1) // 2
    return -(row // 2) + (0 if centre_row else 1)


def athwart_gap(pa: SlotPosition, pb: SlotPosition, ship: DgShip) -> int:
    """Whole rows between two positions; -1 in the same row."""
    ia = athwart_index(pa.row, ship.has_centre_row(pa))
    ib = athwart_index(pb.row, ship.has_centre_row(pb))
    return abs(ia - ib) - 1


def _clear_distance_m(ship: DgShip, a: Placement, b: Placement) -> float:
    half = (LENGTH_M[a.container.length_ft] + LENGTH_M[b.container.length_ft]) / 2.0
    return abs(ship.lcg_m(a.position) - ship.lcg_m(b.position)) - half
