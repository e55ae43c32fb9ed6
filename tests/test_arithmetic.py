"""Proforma and fuel arithmetic on examples small enough to check by hand.

Expected values are written out as numbers worked by hand (the working is in the comments),
never as the product's formula evaluated again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tradelane.domain import VesselClass
from tradelane.io.case_toml import parse_case
from tradelane.schedule.proforma import VoyageLeg, plan_round_voyage

CASE_FILE = Path(__file__).resolve().parents[1] / "cases" / "shandong-usec.toml"
VESSEL = VesselClass(
    name="T", capacity_teu=1000, loa_m=200, beam_m=30, design_draft_m=10, min_speed_kn=10,
    design_speed_kn=15, max_speed_kn=20, fuel_at_design_t_per_day=30, idle_fuel_t_per_day=2,
    charter_usd_per_day=10_000)
# Two ports 1,200 nm apart: a 2,400 nm round voyage; 24 h in each port.
LEGS = [VoyageLeg("AAAAA", "BBBBB", 1200, ()), VoyageLeg("BBBBB", "AAAAA", 1200, ())]
STAYS = [24.0, 24.0]


def test_two_ships_weekly_need_the_speed_that_fills_the_sea_time() -> None:
    # 2 ships × 7 days = 336 h; minus 48 h in port = 288 h at sea; 2,400 / 288 = 8.33 kn,
    # below the 10 kn minimum: sail at 10 kn (240 h) and wait 48 h.
    p = plan_round_voyage(LEGS, STAYS, 7, VESSEL, ships=2)
    assert p.required_speed_kn == pytest.approx(8.3333, abs=1e-4)
    assert p.speed_kn == 10
    assert p.slack_h == pytest.approx(48)  # 336 − 48 − 240
    assert p.feasible


def test_one_ship_weekly_is_infeasible_above_max_speed() -> None:
    # 168 − 48 = 120 h at sea: 2,400 / 120 = 20.0 kn is the maximum, so one ship just works;
    # with 36 h per call, 96 h at sea needs 25 kn > 20 kn.
    assert plan_round_voyage(LEGS, STAYS, 7, VESSEL, ships=1).feasible
    p = plan_round_voyage(LEGS, [36.0, 36.0], 7, VESSEL, ships=1)
    assert not p.feasible and "25.00 kn" in p.violations[0]


def test_speed_given_sizes_the_fleet_with_ceil() -> None:
    # 2,400 / 12 = 200 h + 48 h = 248 h per round voyage; 248 / 168 = 1.48 → 2 ships,
    # 2 × 168 − 248 = 88 h of slack.
    p = plan_round_voyage(LEGS, STAYS, 7, VESSEL, speed_kn=12)
    assert p.ships == 2 and p.slack_h == pytest.approx(88)


def test_speed_outside_the_class_range_is_a_violation() -> None:
    p = plan_round_voyage(LEGS, STAYS, 7, VESSEL, speed_kn=25)
    assert not p.feasible and "outside" in p.violations[0]


def test_call_times_add_stay_sailing_and_canal_hours() -> None:
    legs = [VoyageLeg("AAAAA", "BBBBB", 1200, ("panama",), canal_transit_h=24),
            VoyageLeg("BBBBB", "AAAAA", 1200, ())]
    p = plan_round_voyage(legs, STAYS, 14, VESSEL, speed_kn=15)
    # leaves A at 24 h, 80 h at sea + 24 h in the canal → arrives B at 128 h, leaves at 152 h.
    assert [(c.eta_h, c.etd_h) for c in p.calls] == [(0, 24), (128, 152)]


def test_cubic_fuel_law() -> None:
    assert VESSEL.sea_fuel_t_per_day(15) == 30
    assert VESSEL.sea_fuel_t_per_day(7.5) == pytest.approx(3.75)  # half speed: an eighth
    assert VESSEL.sea_fuel_t_per_day(20) == pytest.approx(71.111, abs=1e-3)  # 30 × 64 / 27


def test_reference_class_burns_the_brief_s_fuel() -> None:
    # the brief: F(v) = 126.9 t/day × (v / 17 kn)³ (LINER-LIB Super_panamax), 10 t/day idle;
    # by hand at the Cape's 16.6 kn: 126.9 × 0.93106 = 118.15 t/day; at 12 kn: 44.63 t/day
    a13 = parse_case(CASE_FILE.read_text()).vessel_class
    assert a13.sea_fuel_t_per_day(17) == pytest.approx(126.9)
    assert a13.sea_fuel_t_per_day(16.6) == pytest.approx(118.15, abs=0.01)
    assert a13.sea_fuel_t_per_day(12) == pytest.approx(44.63, abs=0.01)
    assert a13.idle_fuel_t_per_day == 10
