"""Moves that change a service's class keep only the calls the new class's draft allows."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tradelane.design.fleet import Fleet
from tradelane.design.moves import Context, change_class, split_service
from tradelane.design.state import Slots
from tradelane.linerlib.instance import load_instance


def _context(folder: Path, seed: int) -> Context:
    inst = load_instance(folder, "Quad")
    return Context(np.random.default_rng(seed), Fleet(inst), ("AAAAA", "BBBBB", "CCCCC", "DDDDD"),
                   ("Large", "Small"), (), np.zeros(0))


def test_change_class_drops_the_ports_too_shallow_for_the_new_class(four_ports: Path) -> None:
    slots: Slots = (("Small", ("AAAAA", "DDDDD", "BBBBB", "CCCCC")), None)
    cand = change_class(_context(four_ports, 1), slots)
    assert cand == (("Large", ("AAAAA", "BBBBB", "CCCCC")), None)  # DDDDD: 10 m < 11 m


def test_change_class_refuses_when_fewer_than_two_calls_are_left(four_ports: Path) -> None:
    slots: Slots = (("Small", ("DDDDD", "AAAAA", "DDDDD", "BBBBB")), None)
    assert change_class(_context(four_ports, 1), slots) == (("Large", ("AAAAA", "BBBBB")), None)
    assert change_class(_context(four_ports, 1), (("Small", ("DDDDD", "AAAAA")), None)) is None


def test_split_gives_the_cut_off_part_a_class_whose_draft_fits(four_ports: Path) -> None:
    calls = ("AAAAA", "BBBBB", "CCCCC", "DDDDD", "BBBBB")
    slots: Slots = (("Small", calls), None)
    seen = set()
    for seed in range(40):
        cand = split_service(_context(four_ports, seed), slots)
        if cand is None:
            continue
        (cls_a, a), (cls_b, b) = cand  # type: ignore[misc]
        assert cls_a == "Small" and a == calls[:len(a)]  # the kept part: the head, as it was
        rest = calls[len(a):]
        assert b == (rest if cls_b == "Small" else tuple(p for p in rest if p != "DDDDD"))
        seen.add(cls_b)
    assert seen == {"Small", "Large"}
