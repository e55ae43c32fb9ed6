"""The port-call model: moves per call → crane split → hours at berth.

Moves at a call are the case's ``[ports.X] moves_teu`` where given, else the weekly demand
loaded and discharged there (every TEU offered is assumed carried). Hours at berth =
berthing/unberthing + moves / (cranes × moves per crane-hour), with TEU / ``teu_per_move``
moves and the terminal's per-ship crane cap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from tradelane.domain import Case
from tradelane.errors import InputError


@dataclass(frozen=True, slots=True)
class PortStay:
    """One call's handling: TEU and moves, cranes working, hours at berth."""

    locode: str
    moves_teu: float
    moves: int
    cranes: int
    handling_h: float


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
    return PortStay(locode, teu, moves, cranes, terminal.handling_h(moves, cranes))


def with_computed_port_stays(case: Case) -> Case:
    """``case`` with every computed (``None``) port stay filled in by the port-call model."""
    stays = case.service.port_stay_h
    if all(h is not None for h in stays):
        return case
    filled = tuple(port_stay(case, code).handling_h if h is None else h
                   for code, h in zip(case.service.rotation, stays, strict=True))
    return replace(case, service=replace(case.service, port_stay_h=filled))
