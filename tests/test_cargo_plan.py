"""The case's weekly cargo routed over each routing option (issue 3, the reference case side)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tradelane.cli import main
from tradelane.domain import Routing
from tradelane.errors import InputError
from tradelane.io.case_toml import parse_case
from tradelane.planning import plan_service
from tradelane.planning.cargo import CargoPlan, RejectionCause

CASE = str(Path(__file__).resolve().parents[1] / "cases" / "shandong-usec.toml")

TINY = """
[service]
code = "TNY"
name = "Two-port shuttle"
rotation = ["CNTAO", "KRPUS"]
frequency_days = 7
port_stay_h = 24
[fleet]
vessel_class = "T1"
ships = 1
[vessel_classes.T1]
capacity_teu = 1000
loa_m = 200
beam_m = 30
design_draft_m = 10
min_speed_kn = 10
design_speed_kn = 15
max_speed_kn = 20
fuel_at_design_t_per_day = 40
idle_fuel_t_per_day = 4
charter_usd_per_day = 20000
[economics]
bunker_usd_per_t = 500
fuel = "HFO"
[routing]
options = ["cape"]
[ports.CNTAO]
handling_usd_per_ffe = 100
[ports.KRPUS]
handling_usd_per_ffe = 60
[[demand]]
origin = "CNTAO"
destination = "KRPUS"
teu_per_week = 1200
revenue_usd_per_teu = 500
[[demand]]
origin = "KRPUS"
destination = "CNTAO"
teu_per_week = 300
revenue_usd_per_teu = 200
"""


def test_tiny_shuttle_by_hand() -> None:
    plan = plan_service(parse_case(TINY))
    cargo = plan.options[0].cargo
    assert cargo is not None
    # eastbound: 1,200 TEU offered, 1,000 TEU of room → 1,000 carried; westbound all 300.
    assert cargo.carried_teu == pytest.approx(1_300)
    [rejection] = cargo.rejected
    assert (rejection.origin, rejection.destination) == ("CNTAO", "KRPUS")
    assert rejection.teu == pytest.approx(200)
    assert rejection.reason == "leg CNTAO→KRPUS is full (1,000 / 1,000 TEU)"
    assert rejection.cause is RejectionCause.LEG_FULL
    assert [leg.utilisation for leg in cargo.legs] == pytest.approx([1.0, 0.3])
    # one more TEU of room eastbound carries one more TEU at 500 − (100 + 60) / 2 = 420 USD
    assert cargo.legs[0].room_value_usd_per_teu == pytest.approx(420, abs=1e-3)
    assert cargo.legs[1].room_value_usd_per_teu == pytest.approx(0, abs=1e-6)
    # revenue 1,000 × 500 + 300 × 200; handling per FFE at both ends: (100 + 60) / 2 per TEU
    assert cargo.revenue_usd == pytest.approx(1_000 * 500 + 300 * 200)
    assert cargo.handling_usd == pytest.approx(1_300 * (100 + 60) / 2)
    weekly_vessel_cost = plan.options[0].cost.total_usd  # weekly service: one round voyage
    assert cargo.profit_usd == pytest.approx(560_000 - 104_000 - weekly_vessel_cost)


def test_transit_limit_rejects_qingdao_to_wilmington_via_the_cape() -> None:
    plan = plan_service(parse_case(Path(CASE).read_text()), routings=[Routing.CAPE])
    cargo = plan.options[0].cargo
    assert cargo is not None
    rejected = {(r.origin, r.destination): r for r in cargo.rejected}
    # From the case brief (shared/case/shandong-usec.md) by hand: via the Cape CNTAO→USILM sails
    # 471 + 531 + 14,960 + 157 + 190 = 16,309 nm at 31,097 / 1,872 ≈ 16.6 kn = 40.9 days, plus
    # 24 h at each of the 5 departure calls: 45.9 days > the brief's 45-day limit.
    qingdao = rejected["CNTAO", "USILM"]
    assert qingdao.teu == pytest.approx(500)
    assert qingdao.reason == "transit 45.9 days exceeds the 45-day limit"
    assert qingdao.cause is RejectionCause.TRANSIT_LIMIT
    assert qingdao.transit_days == pytest.approx(45.9, abs=0.05)
    # USSAV→KRPUS (600 TEU): 157 + 190 + 14,789 + 471 + 531 = 16,138 nm ≈ 40.5 days + 5 = 45.5
    savannah = rejected["USSAV", "KRPUS"]
    assert savannah.teu == pytest.approx(600)
    assert savannah.reason == "transit 45.5 days exceeds the 45-day limit"
    assert set(rejected) == {("CNTAO", "USILM"), ("USSAV", "KRPUS")}


def _cargo(text: str) -> CargoPlan:
    cargo = plan_service(parse_case(text)).options[0].cargo
    assert cargo is not None
    return cargo


def test_unprofitable_demand_names_the_loss() -> None:
    # westbound at 50 USD/TEU: handling (60 + 100) / 2 = 80 USD/TEU, a loss of 30 per TEU
    cargo = _cargo(TINY.replace("revenue_usd_per_teu = 200", "revenue_usd_per_teu = 50"))
    rejected = {(r.origin, r.destination): r for r in cargo.rejected}
    west = rejected["KRPUS", "CNTAO"]
    assert west.teu == pytest.approx(300)
    assert west.cause is RejectionCause.UNPROFITABLE
    assert west.reason == "carrying it would lose USD 30 per TEU (revenue 50 < handling cost 80)"
    assert rejected["CNTAO", "KRPUS"].cause is RejectionCause.LEG_FULL  # the other one: no room


def test_rejection_penalty_counts_against_the_loss() -> None:
    low = TINY.replace("revenue_usd_per_teu = 200", "revenue_usd_per_teu = 50")
    # a 20 USD/TEU penalty avoided: 50 + 20 = 70 < 80, still a loss of 10 per TEU
    cargo = _cargo(low.replace('fuel = "HFO"', 'fuel = "HFO"\nrejection_penalty_usd_per_teu = 20'))
    west = {(r.origin, r.destination): r for r in cargo.rejected}["KRPUS", "CNTAO"]
    assert west.reason == ("carrying it would lose USD 10 per TEU (revenue 50 + rejection penalty "
                           "avoided 20 < handling cost 80)")
    # 40 USD/TEU: 50 + 40 = 90 > 80, so the westbound leg (room for all 300) carries it
    cargo = _cargo(low.replace('fuel = "HFO"', 'fuel = "HFO"\nrejection_penalty_usd_per_teu = 40'))
    assert {(r.origin, r.destination) for r in cargo.rejected} == {("CNTAO", "KRPUS")}
    assert cargo.legs[1].teu == pytest.approx(300)


def test_transit_limit_in_the_shuttle() -> None:
    # a day at CNTAO before sailing already uses most of a 1.5-day limit; the sea leg adds more
    limited = TINY.replace("teu_per_week = 1200", "teu_per_week = 1200\nmax_transit_days = 1.5")
    cargo = _cargo(limited)
    [east] = cargo.rejected
    assert east.teu == pytest.approx(1_200) and east.cause is RejectionCause.TRANSIT_LIMIT
    match = re.fullmatch(r"transit (\d+\.\d) days exceeds the 1.5-day limit", east.reason)
    assert match is not None and float(match.group(1)) > 1.5


THREE_PORTS = (
    TINY.replace('rotation = ["CNTAO", "KRPUS"]', 'rotation = ["CNTAO", "CNNGB", "KRPUS"]')
    .replace("[ports.KRPUS]", "[ports.CNNGB]\nhandling_usd_per_ffe = 80\n[ports.KRPUS]")
    .replace('teu_per_week = 1200', 'teu_per_week = 300')
    .replace('origin = "KRPUS"\ndestination = "CNTAO"\nteu_per_week = 300\n'
             'revenue_usd_per_teu = 200',
             'origin = "CNNGB"\ndestination = "KRPUS"\nteu_per_week = 900\n'
             'revenue_usd_per_teu = 900')
)


def test_the_full_leg_named_is_the_one_on_the_way_that_is_full() -> None:
    # CNTAO→KRPUS (300 TEU at 500) calls at CNNGB, where 900 TEU at 900 board for KRPUS: the
    # leg CNNGB→KRPUS (1,000 TEU) takes those 900 and 100 from CNTAO; CNTAO→CNNGB is not full.
    cargo = _cargo(THREE_PORTS)
    assert [leg.teu for leg in cargo.legs] == pytest.approx([100, 1_000, 0])
    [rejection] = cargo.rejected
    assert (rejection.origin, rejection.destination) == ("CNTAO", "KRPUS")
    assert rejection.teu == pytest.approx(200)
    assert rejection.reason == "leg CNNGB→KRPUS is full (1,000 / 1,000 TEU)"
    assert [(leg.origin, leg.destination) for leg in rejection.full_legs] == [("CNNGB", "KRPUS")]


def test_demand_off_the_rotation_is_named() -> None:
    text = TINY.replace('destination = "CNTAO"', 'destination = "CNNGB"')
    with pytest.raises(InputError, match=r"^demand\[1\]\.destination = 'CNNGB'"):
        plan_service(parse_case(text))


def test_plan_json_and_table_carry_the_cargo(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", CASE, "--json", "--routing", "panama"]) == 0
    cargo = json.loads(capsys.readouterr().out)["options"][0]["cargo"]
    for key in ("carried_teu", "rejected_teu", "revenue_usd", "profit_usd", "legs", "rejected"):
        assert key in cargo
    assert main(["plan", CASE]) == 0
    assert "Cargo per week" in capsys.readouterr().out
