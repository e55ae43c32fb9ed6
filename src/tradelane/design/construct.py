"""A first network from the demand alone: greedy shuttles grown by cheapest insertion.

In the spirit of flow-first, route-next construction (Krogsgaard, Pisinger & Thorsen 2018):
the cargo decides where services go. Repeatedly, for the O-D pairs with the most rejected
cargo value and every class with spare vessels, a shuttle between origin and destination is
priced exactly; the best one that raises the weekly objective is opened, then grown by calling
the ports with the most rejected cargo at their cheapest place while that raises the
objective. It stops when no shuttle helps or no slot or vessel is left.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from tradelane.design.moves import valid
from tradelane.design.state import Rotation, Slots, State

__all__ = ["construct"]

Stop = Callable[[], bool]

_PAIRS = 4
_PORTS = 6
_GROW = 2  # shuttles grown per new service


def _best(state: State, base: Slots, options: list[Slots]) -> tuple[Slots, float] | None:
    best: tuple[Slots, float] | None = None
    for cand in options:
        obj = state.evaluate(cand)
        if obj is not None and (best is None or obj > best[1] + 1e-6):
            best = (cand, obj)
    state.evaluate(base)
    return best


def _grow(state: State, slots: Slots, i: int, obj: float, out_of_time: Stop
          ) -> tuple[Slots, float]:
    fleet = state.fleet
    while not out_of_time():
        rejected: dict[str, float] = {}
        for (o, d), r in zip(state.commodities, state.rejected_ffe.tolist(), strict=True):
            if r > 1e-6:
                rejected[o] = rejected.get(o, 0.0) + r
                rejected[d] = rejected.get(d, 0.0) + r
        ports = sorted(rejected, key=lambda p: (-rejected[p], p))[:_PORTS]
        cls, calls = slots[i]  # type: ignore[misc]
        options: list[Slots] = []
        for p in ports:
            if not fleet.port_fits(cls, p):
                continue
            places = []
            for at in range(len(calls)):
                a, b = calls[at], calls[(at + 1) % len(calls)]
                legs = (fleet.miles(cls, a, p), fleet.miles(cls, p, b), fleet.miles(cls, a, b))
                if p not in (a, b) and None not in legs:
                    places.append((legs[0] + legs[1] - legs[2], at))  # type: ignore[operator]
            if places:
                at = min(places)[1]
                new = (*calls[:at + 1], p, *calls[at + 1:])
                if valid(new):
                    options.append(tuple((cls, new) if j == i else r
                                         for j, r in enumerate(slots)))
        found = _best(state, slots, options)
        if found is None or found[1] <= obj + 1e-6:
            return slots, obj
        slots, obj = found
        state.evaluate(slots)
    return slots, obj


def construct(state: State, classes: tuple[str, ...], out_of_time: Stop = lambda: False
              ) -> tuple[Slots, float]:
    """Build a network greedily on ``state`` (which starts empty); returns it and its value.

    ``out_of_time`` is asked before each priced step: when it says so, the network built so far
    is returned.

    A shuttle seldom pays on its own: the best few shuttles are each grown first and the best
    grown service is kept when it raises the objective.
    """
    slots: Slots = tuple(state.slots)
    obj = state.objective_usd if state.objective_usd is not None else -np.inf
    while None in slots and not out_of_time():
        free = slots.index(None)
        order = np.argsort(-state.rejected_ffe, kind="stable")[:_PAIRS]
        options: list[Slots] = []
        for k in order.tolist():
            if state.rejected_ffe[k] <= 1e-6:
                continue
            o, d = state.commodities[k]
            for cls in classes:
                rot: Rotation = (cls, (o, d))
                options.append(tuple(rot if j == free else r for j, r in enumerate(slots)))
        priced: list[tuple[float, int, Slots]] = []
        for cand in options:
            value = state.evaluate(cand)
            if value is not None:
                priced.append((-value, len(priced), cand))
        state.evaluate(slots)
        grown: tuple[Slots, float] | None = None
        for neg, _, cand in sorted(priced)[:_GROW]:
            state.evaluate(cand)
            found = _grow(state, cand, free, -neg, out_of_time)
            if grown is None or found[1] > grown[1] + 1e-6:
                grown = found
            state.evaluate(slots)
        if grown is None or grown[1] <= obj + 1e-6:
            break
        slots, obj = grown
        state.evaluate(slots)
    state.evaluate(slots)
    return slots, obj
