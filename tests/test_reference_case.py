"""The reference case's figures, pinned to the case brief's independent measurements.

The expected values are not the code's output: the distances are the brief's searoute 1.6.0
measurements, and the speeds are recomputed here by hand from the brief's arithmetic
(84 days × 24 h − 6 calls × 24 h − canal transits, into the round-voyage distance).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tradelane.domain import Routing
from tradelane.io.case_toml import parse_case
from tradelane.planning import plan_service

BRIEF_NM = {Routing.PANAMA: 21_531, Routing.SUEZ: 27_585, Routing.CAPE: 31_097}
HOURS_84_DAYS = 84 * 24
PORT_H = 6 * 24
CANAL_H = {Routing.PANAMA: 2 * 24, Routing.SUEZ: 2 * 18, Routing.CAPE: 0}


CASE_FILE = Path(__file__).resolve().parents[1] / "cases" / "shandong-usec.toml"


@pytest.fixture(scope="module")
def plan():  # type: ignore[no-untyped-def]
    return plan_service(parse_case(CASE_FILE.read_text()))


@pytest.mark.parametrize("routing", list(Routing))
def test_round_voyage_distance_within_3_percent_of_brief(plan, routing: Routing) -> None:
    nm = plan.option(routing).proforma.round_trip_nm
    assert abs(nm - BRIEF_NM[routing]) / BRIEF_NM[routing] < 0.03


@pytest.mark.parametrize("routing", list(Routing))
def test_required_speed_matches_hand_computation(plan, routing: Routing) -> None:
    by_hand = BRIEF_NM[routing] / (HOURS_84_DAYS - PORT_H - CANAL_H[routing])
    assert by_hand == pytest.approx({"panama": 11.8, "suez": 15.0, "cape": 16.6}[routing],
                                    abs=0.05)
    assert plan.option(routing).proforma.required_speed_kn == pytest.approx(by_hand, abs=0.3)


def test_ocean_legs_use_the_routing_passages(plan) -> None:
    legs = {r: {(leg.origin, leg.destination): leg for leg in plan.option(r).legs}
            for r in Routing}
    assert "panama" in legs[Routing.PANAMA][("KRPUS", "USSAV")].passages
    assert "suez" in legs[Routing.SUEZ][("USILM", "CNTAO")].passages
    cape = legs[Routing.CAPE][("KRPUS", "USSAV")].passages
    assert "cape_of_good_hope" in cape and "suez" not in cape and "panama" not in cape
    assert legs[Routing.CAPE][("CNTAO", "CNNGB")].passages == ()


def test_january_2024_only_the_cape_works(plan) -> None:
    panama, suez, cape = (plan.option(r) for r in Routing)
    assert not panama.feasible and any("13.41" in v for v in panama.violations)
    assert not suez.feasible and any("closed" in v for v in suez.violations)
    assert cape.feasible and cape.violations == ()
    shallow = " ".join(cape.warnings)
    assert "USSAV" in shallow and "USILM" in shallow and "USCHS" not in shallow


def test_panama_needs_less_than_the_minimum_speed_so_ships_wait(plan) -> None:
    p = plan.option(Routing.PANAMA).proforma
    assert p.speed_kn == 12.0  # class minimum
    sea_h_at_min = p.round_trip_nm / 12.0
    assert p.slack_h == pytest.approx(HOURS_84_DAYS - PORT_H - CANAL_H[Routing.PANAMA]
                                      - sea_h_at_min)


def test_panama_at_16_knots_needs_ten_ships(case_text: str) -> None:
    plan = plan_service(parse_case(case_text), routings=[Routing.PANAMA], speed_kn=16)
    # by hand: 21,531 / 16 = 1,345.7 h at sea + 144 h in port + 48 h in the canal = 1,537.7 h,
    # and 1,537.7 / 168 h per week = 9.15 → 10 ships.
    assert plan.options[0].proforma.ships == 10


def test_lifting_the_drought_and_closure_makes_all_three_feasible(case_text: str) -> None:
    text = case_text.replace("closed = [\"suez\"]", "closed = []").replace(
        "panama_draft_limit_m = 13.41", "panama_draft_limit_m = 15.2")
    plan = plan_service(parse_case(text))
    assert all(o.feasible for o in plan.options)
