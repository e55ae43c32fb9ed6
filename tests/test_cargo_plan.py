"""The case's weekly cargo routed over each routing option (issue 3, the reference case side)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tradelane.cli import main
from tradelane.domain import Routing
from tradelane.errors import InputError
from tradelane.io.case_toml import parse_case
from tradelane.planning import plan_service

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
    assert rejection.teu == pytest.approx(200) and rejection.reason.startswith("no room")
    assert [leg.utilisation for leg in cargo.legs] == pytest.approx([1.0, 0.3])
    # revenue 1,000 × 500 + 300 × 200; handling per FFE at both ends: (100 + 60) / 2 per TEU
    assert cargo.revenue_usd == pytest.approx(1_000 * 500 + 300 * 200)
    assert cargo.handling_usd == pytest.approx(1_300 * (100 + 60) / 2)
    weekly_vessel_cost = plan.options[0].cost.total_usd  # weekly service: one round voyage
    assert cargo.profit_usd == pytest.approx(560_000 - 104_000 - weekly_vessel_cost)


def test_transit_limit_rejects_qingdao_to_wilmington_via_the_cape() -> None:
    plan = plan_service(parse_case(Path(CASE).read_text()), routings=[Routing.CAPE])
    option = plan.options[0]
    # by hand: CNTAO→…→USILM sails 5 legs; at 16.61 kn that is 40.9 days, plus one day at each
    # of the 5 departure calls = 45.9 days > the 45-day limit.
    nm = sum(leg.distance_nm for leg in option.legs[:5])
    days = nm / option.proforma.speed_kn / 24 + 5 * 1.0
    assert days > 45
    rejected = {(r.origin, r.destination): r for r in option.cargo.rejected}
    assert rejected["CNTAO", "USILM"].teu == pytest.approx(500)
    assert f"transit {days:.1f} days exceeds the 45-day limit" == rejected["CNTAO", "USILM"].reason


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
