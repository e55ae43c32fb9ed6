"""IMDG rules on a tiny hand-built ship, where the right answer is obvious."""

from __future__ import annotations

import math

import pytest

from tradelane.domain.stowage import ContainerUnit, DangerousCargo, Placement, SlotPosition
from tradelane.stowage.dg import (
    GridShip,
    athwart_gap,
    dg_violations,
    fore_aft_gap,
    is_segregated,
)

# six 40-ft bays from the bow: holds 1 1 2 2 3 3; deckhouse over bay index 5, engine below it
SHIP = GridShip(holds=(1, 1, 2, 2, 3, 3), accommodation_bays=(5,), heated_bays=(5,))
CLASSES = {"1263": "3", "1479": "5.1", "3480": "9", "1760": "8", "1830": "8", "1950": "2.1",
           "1325": "4.1"}


def box(number: str, un: str | None, iso: str = "22G1") -> ContainerUnit:
    dg = () if un is None else (DangerousCargo(un, CLASSES[un]),)
    return ContainerUnit(number=number, iso_type=iso, vgm_t=20.0, pol="CNTAO", pod="USSAV",
                         dangerous=dg)


def at(unit: ContainerUnit, code: str) -> Placement:
    return Placement(unit, SlotPosition.parse(code))


def rules(*placements: Placement) -> list[str]:
    return [r.rule for r in dg_violations(SHIP, placements)]


def test_class_3_on_top_of_class_5_1_in_the_same_stack_is_broken() -> None:
    broken = dg_violations(SHIP, [at(box("PAINT", "1263"), "0010002"),
                                  at(box("OXID", "1479"), "0010004")])
    assert [r.rule for r in broken] == ["dg_segregation"]
    assert "separated from" in broken[0].message and broken[0].position == "0010002"


def test_class_3_and_5_1_next_to_each_other_fore_aft_are_broken() -> None:
    assert rules(at(box("PAINT", "1263"), "0010082"),
                 at(box("OXID", "1479"), "0030082")) == ["dg_segregation"]


@pytest.mark.parametrize(("paint", "oxidiser", "why"), [
    ("0010082", "0050082", "one empty 20-ft bay between them on deck"),
    ("0010082", "0010682", "two rows between them athwartships on deck"),
    ("0010002", "0090002", "different holds under deck (a bulkhead)"),
    ("0010002", "0010082", "one under deck, one on deck (the hatch cover between)"),
])
def test_class_3_and_5_1_apart_are_fine(paint: str, oxidiser: str, why: str) -> None:
    assert rules(at(box("PAINT", "1263"), paint), at(box("OXID", "1479"), oxidiser)) == [], why


def test_away_from_allows_the_same_stack_for_closed_containers() -> None:
    # class 4.1 vs 5.1 is requirement 1 ("away from"): no restriction for closed units
    assert rules(at(box("SOLID", "1325"), "0010002"), at(box("OXID", "1479"), "0010004")) == []


def test_class_9_needs_no_segregation() -> None:
    assert rules(at(box("BATT", "3480"), "0010002"), at(box("PAINT", "1263"), "0010004")) == []


def test_class_2_1_and_5_1_in_one_hold_need_a_container_space() -> None:
    assert rules(at(box("AERO", "1950"), "0010002"), at(box("OXID", "1479"), "0011002")) == []
    assert rules(at(box("AERO", "1950"), "0010002"), at(box("OXID", "1479"), "0010102")) == [
        "dg_segregation"]


@pytest.mark.parametrize(("a", "b", "requirement", "ok"), [
    ("0010002", "0011202", 3, False),   # same hold under deck: never, however far athwartships
    ("0010002", "0090002", 3, True),    # the next hold: one bulkhead
    ("0010082", "0050082", 3, True),    # on deck, one 20-ft bay between
    ("0010082", "0010482", 3, False),   # on deck, only one row between (two needed)
    ("0010082", "0010682", 3, True),    # on deck, two rows between
    ("0010002", "0010082", 3, True),    # deck between
    ("0010082", "0090082", 4, False),   # 19.7 m clear on deck: under 24 m
    ("0010082", "0110082", 4, True),    # 26.2 m clear
    ("0010002", "0110082", 4, True),    # under / on deck, 26.2 m
    ("0010002", "0110002", 4, True),    # under deck: another hold and 26.2 m
    ("0010002", "0070082", 4, False),   # the deck alone is not enough (13.3 m)
    ("0010002", "0010004", 1, True),    # away from: closed units may share a stack
])
def test_requirements_3_and_4_on_a_container_ship(a: str, b: str, requirement: int,
                                                  ok: bool) -> None:
    pa, pb = at(box("A", None), a), at(box("B", None), b)
    assert is_segregated(SHIP, pa, pb, requirement) is ok


def test_category_c_under_deck_is_broken_and_on_deck_is_fine() -> None:
    acid = box("ACID", "1830")
    assert rules(at(acid, "0050002")) == ["dg_stowage_category"]
    assert rules(at(acid, "0050082")) == []


def test_sw1_protected_from_heat_next_to_the_engine_room() -> None:
    aerosols = box("AERO", "1950")
    assert rules(at(aerosols, "0220002")) == ["dg_sw1_heat"]      # in the heated bay
    assert rules(at(aerosols, "0020002")) == []                   # far forward


def test_sw2_clear_of_living_quarters() -> None:
    corrosive = box("CORR", "1760")   # UN1760 PG I row carries SW2 (most restrictive row)
    assert rules(at(corrosive, "0180082")) == ["dg_sw2_living_quarters"]  # next to deckhouse
    assert rules(at(corrosive, "0020082")) == []


def test_unknown_class_is_reported_not_passed() -> None:
    odd = ContainerUnit(number="TOX", iso_type="22G1", vgm_t=10.0, pol="CNTAO", pod="USSAV",
                        dangerous=(DangerousCargo("2810", "6.1"),))
    assert sorted(rules(at(odd, "0010002"))) == ["dg_unknown_class", "dg_unknown_entry"]


def test_gaps_in_container_spaces() -> None:
    p = SlotPosition.parse
    assert fore_aft_gap(p("0010082"), p("0030082")) == 0      # adjacent 20s
    assert fore_aft_gap(p("0020082"), p("0030082")) == -1     # 40 over the 20's bay
    assert fore_aft_gap(p("0020082"), p("0100082")) == 2      # one 40-ft bay between
    assert athwart_gap(p("0010182"), p("0010282"), SHIP) == 1  # row 00 between 01 and 02
    no_centre = GridShip(holds=(1,), centre_row=False)
    assert athwart_gap(p("0010182"), p("0010282"), no_centre) == 0


def test_grid_ship_geometry() -> None:
    assert SHIP.lcg_m(SlotPosition.parse("0020082")) == pytest.approx(6.45)
    assert math.isinf(SHIP.distance_to_heat_m(SlotPosition.parse("0220082")))
