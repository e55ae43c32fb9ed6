"""The port-call model: moves → cranes → hours at berth, and computed port stays in the plan."""

from __future__ import annotations

import pytest

from tradelane.domain import Routing
from tradelane.errors import InputError
from tradelane.io.case_toml import parse_case
from tradelane.planning import plan_service
from tradelane.planning.port_calls import call_moves_teu, port_stay


def test_qingdao_moves_follow_from_the_cargo_table(case_text: str) -> None:
    case = parse_case(case_text)
    # loaded 1,100 + 800 + 500 = 2,400 TEU; discharged 500 + 350 + 250 = 1,100 TEU
    assert call_moves_teu(case)["CNTAO"] == 3_500


def test_qingdao_port_stay_without_a_profile_by_hand(case_text: str) -> None:
    # a class with no stowage profile: the moves-only estimate
    text = case_text.replace('vessel_class = "A13"', 'vessel_class = "A13X"').replace(
        "[vessel_classes.A13]", "[vessel_classes.A13X]")
    stay = port_stay(parse_case(text), "CNTAO")
    # 3,500 TEU / 1.65 TEU per move = 2,121.2 → 2,122 moves; 6 cranes × 36 moves/h = 216/h;
    # 2,122 / 216 = 9.824 h + 3 h berthing = 12.824 h
    assert (stay.moves, stay.cranes, stay.crane_makespan_h) == (2_122, 6, None)
    assert stay.handling_h == pytest.approx(3 + 2_122 / 216)


def test_qingdao_port_stay_from_the_crane_split(case_text: str) -> None:
    stay = port_stay(parse_case(case_text), "CNTAO")
    # the A13 profile: 24 bays with 3 hatch covers each, every cover off and on at 2 crane
    # moves a lift: 24 × 3 × 2 × 2 = 288 crane moves, besides the 2,122 container moves
    assert (stay.moves, stay.hatch_cover_moves, stay.cranes) == (2_122, 288, 6)
    assert stay.crane_makespan_h is not None
    # never faster than 6 cranes all busy: (2,122 + 288) / 216 = 11.16 h; zones and the
    # one-bay clearance cost some of it, but not a fifth
    assert 2_410 / 216 <= stay.crane_makespan_h <= 1.2 * 2_410 / 216
    assert stay.handling_h == pytest.approx(3 + stay.crane_makespan_h)


def test_explicit_moves_override_the_cargo_table(case_text: str) -> None:
    text = case_text.replace("[ports.CNTAO]\n", "[ports.CNTAO]\nmoves_teu = 1650\n")
    assert port_stay(parse_case(text), "CNTAO").moves == 1_000


def test_computed_port_stay_feeds_the_schedule(case_text: str) -> None:
    text = case_text.replace("port_stay_h = 24 ", 'port_stay_h = "computed" ')
    for code in ("CNNGB", "KRPUS", "USSAV", "USCHS", "USILM"):
        text = text.replace(f"[ports.{code}]\n", f"[ports.{code}]\nport_stay_h = 24\n")
    case = parse_case(text)
    assert case.service.port_stay_h[0] is None
    plan = plan_service(case, routings=[Routing.CAPE])
    calls = plan.options[0].proforma.calls
    computed = port_stay(case, "CNTAO").handling_h
    assert calls[0].etd_h - calls[0].eta_h == pytest.approx(computed)
    assert plan.port_stays[0].handling_h == pytest.approx(computed)
    # less time in port than the 24 h default: the required speed drops accordingly
    by_hand = plan.options[0].proforma.round_trip_nm / (84 * 24 - 5 * 24 - computed)
    assert plan.options[0].proforma.required_speed_kn == pytest.approx(by_hand)


def test_computed_stay_without_a_terminal_names_the_port(case_text: str) -> None:
    text = case_text.replace("port_stay_h = 24 ", 'port_stay_h = "computed" ')
    with pytest.raises(InputError, match=r"terminals\.CNNGB"):
        plan_service(parse_case(text))


@pytest.mark.parametrize(("old", "new", "field"), [
    ("crane_moves_per_h = 36 ", "crane_moves_per_h = 0 ", "terminals.CNTAO.crane_moves_per_h"),
    ('day = "Mon", hour_utc = 2,', 'day = "Lun", hour_utc = 2,', "terminals.CNTAO.other_calls[0]"),
    ('lane_berth = "105"', 'lane_berth = "999"', "terminals.CNTAO.lane_berth"),
    ("teu_per_week = 450", "teu_per_week = -450", "demand CNTAO->USSAV.teu_per_week"),
    ('destination = "USSAV"', 'destination = "USXXX"', "demand[0].destination"),
])
def test_bad_terminal_or_demand_input(case_text: str, old: str, new: str, field: str) -> None:
    assert old in case_text
    with pytest.raises(InputError) as err:
        parse_case(case_text.replace(old, new, 1))
    assert str(err.value).startswith(field), str(err.value)
