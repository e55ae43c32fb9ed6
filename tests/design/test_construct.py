"""Construction: grown shuttles, and the time limit respected."""

from __future__ import annotations

from pathlib import Path

from tradelane.design.construct import construct
from tradelane.design.fleet import Fleet
from tradelane.design.state import State
from tradelane.linerlib.instance import load_instance


def _state(folder: Path) -> State:
    inst = load_instance(folder, "Quad")
    ports = ("AAAAA", "BBBBB", "CCCCC", "DDDDD")
    return State(inst, Fleet(inst), ports, (None, None))


def test_construction_opens_services_that_pay(four_ports: Path) -> None:
    state = _state(four_ports)
    empty = state.objective_usd
    slots, obj = construct(state, ("Large", "Small"))
    assert empty is not None and obj > empty
    assert any(r is not None for r in slots)
    assert state.evaluate(slots) == obj


def test_construction_out_of_time_returns_what_it_has(four_ports: Path) -> None:
    state = _state(four_ports)
    slots, obj = construct(state, ("Large", "Small"), out_of_time=lambda: True)
    assert slots == (None, None)
    assert obj == state.objective_usd
