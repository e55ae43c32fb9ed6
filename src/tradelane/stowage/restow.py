"""Discharge at a port: the containers that leave, and those that must be lifted to let them.

A container blocks a discharge when it stands above a leaving container in the same column
(a 40-ft one over either 20-ft column), or stands on deck on the hatch cover over a hold
section that a leaving container is in (the cover must come off). Blocking containers that
are not themselves discharged are restowed: lifted off and loaded again at the same call.
"""

from __future__ import annotations

from collections.abc import Iterable

from tradelane.stowage.plan_state import ShipState


def discharge_set(state: ShipState, leaving: Iterable[int]) -> tuple[set[int], set[int],
                                                                      set[int]]:
    """(everything lifted, the restows among them, hatch cover groups opened)."""
    out = set(leaving)
    lifted = set(out)
    todo = list(out)
    opened: set[int] = set()
    while todo:
        cid = todo.pop()
        more = set(state.above(cid))
        sp = state.spot[cid]
        if not state.deck[sp.stack]:
            g = int(state.group[sp.stack])
            if g not in opened:
                opened.add(g)
                more.update(state.on_cover(g))
        for other in more - lifted:
            lifted.add(other)
            todo.append(other)
    return lifted, lifted - out, opened


def forced_restows(state: ShipState) -> set[int]:
    """Containers aboard that already block one discharged earlier (each costs ≥ 2 moves)."""
    forced: set[int] = set()
    covers: dict[int, list[int]] = {}
    for cid, sp in state.spot.items():
        if state.deck[sp.stack]:
            covers.setdefault(int(state.group[sp.stack]), []).append(cid)
    for cid in state.spot:
        for other in state.above(cid):
            if state.seq[other] > state.seq[cid]:
                forced.add(other)
        sp = state.spot[cid]
        if not state.deck[sp.stack]:
            for other in covers.get(int(state.group[sp.stack]), []):
                if state.seq[other] > state.seq[cid]:
                    forced.add(other)
    return forced
