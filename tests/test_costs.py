"""Round-voyage cost of a small case, every line computed by hand in the test."""

from __future__ import annotations

import pytest

from tradelane.domain import Routing
from tradelane.economics.voyage_cost import round_voyage_cost
from tradelane.io.case_toml import parse_case
from tradelane.schedule.proforma import VoyageLeg, plan_round_voyage

CASE = """
[service]
code = "TST"
name = "Test loop"
rotation = ["CNTAO", "KRPUS"]
frequency_days = 7
port_stay_h = 24
[fleet]
vessel_class = "T1"
ships = 1
[vessel_classes.T1]
capacity_teu = 2000
loa_m = 200
beam_m = 30
design_draft_m = 10
min_speed_kn = 10
design_speed_kn = 15
max_speed_kn = 20
fuel_at_design_t_per_day = 40
idle_fuel_t_per_day = 4
charter_usd_per_day = 20000
panama_fee_usd = 100000
[economics]
bunker_usd_per_t = 500
fuel = "MGO"
[routing]
options = ["cape"]
[ports.CNTAO]
call_cost_usd = 1000
call_cost_usd_per_ffe = 2
[ports.KRPUS]
call_cost_usd = 3000
"""


def test_every_cost_line_by_hand() -> None:
    case = parse_case(CASE)
    legs = [VoyageLeg("CNTAO", "KRPUS", 1200, ("panama",)), VoyageLeg("KRPUS", "CNTAO", 1200, ())]
    p = plan_round_voyage(legs, [24, 24], 7, case.vessel_class, speed_kn=15)
    cost = round_voyage_cost(case, legs, p)
    # 2,400 nm at 15 kn = 160 h = 6.667 days × 40 t/day = 266.67 t at sea.
    assert cost.sea_fuel_t == pytest.approx(2400 / 15 / 24 * 40)
    # 1 ship weekly: 168 h − 160 h at sea = 8 h... less than the 48 h in port, so 2 ships:
    # 336 h − 160 − 48 = 128 h slack; idle = (48 + 128) h / 24 × 4 t/day = 29.33 t.
    assert p.ships == 2
    assert cost.idle_fuel_t == pytest.approx((48 + 128) / 24 * 4)
    fuel = 2400 / 15 / 24 * 40 + (48 + 128) / 24 * 4
    assert cost.co2_t == pytest.approx(fuel * 3.206)  # MGO
    assert cost.cost_usd["bunker"] == pytest.approx(fuel * 500)
    assert cost.cost_usd["charter"] == pytest.approx(20000 * 14)
    assert cost.cost_usd["port_calls"] == pytest.approx(1000 + 2 * 1000 + 3000)
    assert cost.cost_usd["canals"] == pytest.approx(100000)
    # 296 t × 500 USD + 280,000 charter + 6,000 port calls + 100,000 canal = 534,000 USD
    assert cost.total_usd == pytest.approx(534_000)
    # a fortnightly service's week carries half a round voyage: 267,000 USD, 148 t of fuel
    fortnight = cost.scaled(7 / 14)
    assert fortnight.total_usd == pytest.approx(267_000)
    assert fortnight.fuel_t == pytest.approx(148)


def test_case_without_port_costs_or_fees_costs_nothing_there() -> None:
    case = parse_case(CASE.replace("panama_fee_usd = 100000\n", ""))
    assert case.canal_fee_usd("panama") == 0
    assert case.canal_fee_usd("suez") == 0
    assert case.routing.options == (Routing.CAPE,)
