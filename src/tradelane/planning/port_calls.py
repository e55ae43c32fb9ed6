"""The port-call model: moves per call → moves per bay → crane split → hours at berth.

Moves at a call are the case's ``[ports.X] moves_teu`` where given, else the weekly demand
loaded and discharged there (every TEU offered is assumed carried), ``TEU / teu_per_move``
container moves. Where the vessel class has a shipped stowage profile (``A13``), the moves are
spread over its 40-ft bays in proportion to each bay's TEU capacity and every bay's hatch
covers are lifted off and put back once (each cover move costing the terminal's
``hatch_cover_moves`` crane moves); the crane split (``stowage.cranes``: non-crossing cranes,
``clearance_bays`` apart) gives the makespan, and hours at berth = berthing/unberthing +
makespan. A stowage plan gives the real moves per bay (``tradelane stow plan`` reports its
port stays from them). Without a profile: moves / (cranes × moves per crane-hour).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tradelane.domain import Case
from tradelane.errors import InputError
from tradelane.stowage.cranes import crane_split

if TYPE_CHECKING:
    from tradelane.domain.vessel_profile import VesselProfile


@dataclass(frozen=True, slots=True)
class PortStay:
    """One call's handling: TEU and container moves, hatch-cover moves, cranes working, the
    crane split's makespan (``None`` without a profile) and hours at berth."""

    locode: str
    moves_teu: float
    moves: int
    cranes: int
    handling_h: float
    hatch_cover_moves: int = 0
    crane_makespan_h: float | None = None


def call_moves_teu(case: Case) -> dict[str, float]:
    """TEU loaded plus discharged per port of the rotation, per week."""
    moves = dict.fromkeys(case.service.rotation, 0.0)
    for d in case.demand:
        if d.origin in moves:
            moves[d.origin] += d.teu_per_week
        if d.destination in moves:
            moves[d.destination] += d.teu_per_week
    return moves | {code: teu for code, teu in case.moves_teu.items() if code in moves}


def port_stay(case: Case, locode: str, moves_teu: float | None = None) -> PortStay:
    """Handling of the case's call at ``locode`` by the port's terminal."""
    terminal = case.terminals.get(locode)
    if terminal is None:
        raise InputError("service.port_stay_h", "computed",
                         f"needs a [terminals.{locode}] table, or [ports.{locode}] port_stay_h")
    teu = call_moves_teu(case)[locode] if moves_teu is None else moves_teu
    moves = math.ceil(teu / terminal.teu_per_move)
    cranes = terminal.cranes_per_ship
    profile = _profile(case.vessel_class.name)
    if profile is None or moves == 0:
        return PortStay(locode, teu, moves, cranes, terminal.handling_h(moves, cranes))
    per_bay, covers = moves_per_bay(profile, moves, terminal.hatch_cover_moves)
    split = crane_split(per_bay, cranes=cranes, moves_per_crane_h=terminal.crane_moves_per_h,
                        clearance_bays=terminal.clearance_bays)
    return PortStay(locode, teu, moves, len(split.cranes),
                    terminal.berthing_h + split.makespan_h, covers, split.makespan_h)


def moves_per_bay(profile: VesselProfile, moves: int, hatch_cover_moves: float
                  ) -> tuple[list[int], int]:
    """``moves`` spread over the profile's 40-ft bays by TEU capacity (largest remainders),
    plus each bay's hatch covers off and on; returns the crane moves per bay and the
    hatch-cover crane moves in all."""
    capacity = [0] * profile.bays
    covers: list[set[int]] = [set() for _ in range(profile.bays)]
    for stack in profile.stacks:
        capacity[stack.bay_index] += 2 * len(stack.cells)
        if stack.on_deck:
            covers[stack.bay_index].add(stack.hatch)
    total = sum(capacity)
    shares = [moves * c / total for c in capacity]
    per_bay = [math.floor(x) for x in shares]
    for i in sorted(range(len(shares)), key=lambda i: per_bay[i] - shares[i])[
            :moves - sum(per_bay)]:
        per_bay[i] += 1
    cover_moves = [math.ceil(2 * len(c) * hatch_cover_moves) if m else 0
                   for c, m in zip(covers, per_bay, strict=True)]
    return [m + c for m, c in zip(per_bay, cover_moves, strict=True)], sum(cover_moves)


@functools.cache
def _profile(vessel_class: str) -> VesselProfile | None:
    """The shipped stowage profile of ``vessel_class`` (``None`` when there is none); read
    only when a port stay is computed (a plan without terminals never pays for it)."""
    from tradelane.stowage.profiles import load_profile, shipped_profiles

    if vessel_class not in shipped_profiles():
        return None
    return load_profile(vessel_class)


def with_computed_port_stays(case: Case, known: Mapping[str, PortStay] | None = None) -> Case:
    """``case`` with every computed (``None``) port stay filled in by the port-call model
    (``known``: stays already computed for some ports, reused rather than computed again)."""
    stays = case.service.port_stay_h
    if all(h is not None for h in stays):
        return case
    known = known or {}
    filled = tuple((known[code] if code in known else port_stay(case, code)).handling_h
                   if h is None else h
                   for code, h in zip(case.service.rotation, stays, strict=True))
    return replace(case, service=replace(case.service, port_stay_h=filled))
