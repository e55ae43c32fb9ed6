"""The tiny intermodal case by hand: routing, transit time, cost, and where train capacity binds.

By hand (times UTC): the ship arrives at Qingdao Monday 00:00 and leaves Tuesday 00:00; the
vessel cut-off (24 h) closes the quay Monday 00:00, and a train needs its running time + 6 h of
transfer before it. Train A (10 h) leaving on day D at 12:00 is at the quay 16 h later:
Saturday's is 20 h early, so from its departure to the ship's 60 h = 2.5 days; Friday's 3.5 days;
Sunday's misses the gate and waits a week: 16 + 164 + 24 h = 8.5 days. Train B (4 h) leaving at
08:00: Sunday's 40 h = 1.67 days, Saturday's 2.67, Friday's 3.67. Door to Busan = that + the
sea leg L (≈ 1.7 days at the ship's 12 kn) ≤ 5 days: only Saturday's A (60 TEU) and Saturday's and
Sunday's B (80 TEU) are in time. So A's 100 TEU fill Saturday's train (60) and 40 TEU are left
(the road is closed); B's 50 TEU all go.
"""

from __future__ import annotations

import pytest

from tradelane.domain import Routing
from tradelane.io.case_toml import parse_case
from tradelane.planning.cargo import RejectionCause
from tradelane.planning.service_plan import OptionPlan, plan_service

from .tiny_case import TINY


def _plan(text: str = TINY) -> OptionPlan:
    return plan_service(parse_case(text), routings=[Routing.CAPE]).options[0]


@pytest.fixture(scope="module")
def option() -> OptionPlan:
    return _plan()


def _sea_leg_days(option: OptionPlan) -> float:
    assert option.proforma is not None
    return option.legs[0].distance_nm / option.proforma.speed_kn / 24


def test_the_sea_leg_is_in_the_range_the_hand_figures_assume(option: OptionPlan) -> None:
    assert 1.5 < _sea_leg_days(option) < 2.33


def test_door_to_ship_departure_per_train(option: OptionPlan) -> None:
    assert option.inland is not None
    days = {t.label: t.door_to_ship_departure_days for t in option.inland.trains}
    assert days["A Sat 12:00"] == pytest.approx(2.5)
    assert days["A Fri 12:00"] == pytest.approx(3.5)
    assert days["A Sun 12:00"] == pytest.approx(8.5)
    assert days["A Mon 12:00"] == pytest.approx(7.5)
    assert days["B Sun 08:00"] == pytest.approx(40 / 24)
    assert days["B Sat 08:00"] == pytest.approx(64 / 24)


def test_routing_and_binding_train(option: OptionPlan) -> None:
    assert option.inland is not None and option.cargo is not None
    load = {t.label: t.teu for t in option.inland.trains}
    assert load["A Sat 12:00"] == pytest.approx(60)              # full: the binding capacity
    assert sum(v for k, v in load.items() if k.startswith("A ")) == pytest.approx(60)
    assert load["B Sat 08:00"] + load["B Sun 08:00"] == pytest.approx(50)
    assert sum(v for k, v in load.items() if k.startswith("B ")) == pytest.approx(50)
    a, b = option.inland.ports
    assert (a.rail_teu, a.road_teu, a.rejected_teu) == pytest.approx((60, 0, 40))
    assert (b.rail_teu, b.road_teu, b.rejected_teu) == pytest.approx((50, 0, 0))
    assert a.train_utilisation_pct == pytest.approx(100 * 60 / 420)
    assert b.train_utilisation_pct == pytest.approx(100 * 50 / 280)
    [rejected] = option.cargo.rejected
    assert (rejected.origin, rejected.teu) == ("CNTNA", pytest.approx(40))
    assert rejected.cause is RejectionCause.TRAIN_FULL
    assert "A Sat 12:00" in rejected.reason


def test_transit_time(option: OptionPlan) -> None:
    # the fastest door-to-Busan time on a train timed to the ship: 10 h running + 6 h transfer
    # + 24 h cut-off, then the sea leg; the used Saturday train takes 2.5 days + the leg
    assert option.cargo is not None
    [rejected] = option.cargo.rejected
    assert rejected.transit_days == pytest.approx(40 / 24 + _sea_leg_days(option))
    assert 2.5 + _sea_leg_days(option) <= 5 < 3.5 + _sea_leg_days(option)


def test_money(option: OptionPlan) -> None:
    cargo = option.cargo
    assert cargo is not None
    assert cargo.carried_teu == pytest.approx(110)
    assert cargo.revenue_usd == pytest.approx(110 * 1000)
    assert cargo.handling_usd == pytest.approx(110 * (124 + 77) / 2)   # Qingdao + Busan per TEU
    assert cargo.inland_freight_usd == pytest.approx(60 * 100 + 50 * 50)
    assert option.inland is not None
    assert option.inland.rail_usd == pytest.approx(8_500)


def test_co2_saved_against_the_road(option: OptionPlan) -> None:
    from searoute.utils import distance  # independent great circle, (lon, lat)

    assert option.inland is not None
    a, b = option.inland.ports
    road_a = distance((116.998, 36.665), (120.217, 36.050), units="km") * 1.25
    road_b = distance((119.137, 36.720), (120.217, 36.050), units="km") * 1.25
    assert a.co2_saved_t == pytest.approx(60 * (road_a * 0.75 - 400 * 0.24) / 1000, rel=1e-4)
    assert b.co2_saved_t == pytest.approx(50 * (road_b * 0.75 - 200 * 0.24) / 1000, rel=1e-4)


def test_a_longer_limit_lets_friday_s_train_carry_the_rest() -> None:
    # 6 days: door → ship ≤ 6 − L ≈ 4.3 days, so Friday's A train (3.5 days) is in time too
    option = _plan(TINY.replace("max_transit_days = 5", "max_transit_days = 6"))
    assert option.inland is not None
    a = option.inland.ports[0]
    assert (a.rail_teu, a.rejected_teu) == pytest.approx((100, 0))


def test_the_road_takes_what_the_trains_cannot() -> None:
    option = _plan(TINY.replace("enabled = false", "enabled = true"))
    assert option.inland is not None and option.cargo is not None
    a = option.inland.ports[0]
    assert (a.rail_teu, a.road_teu, a.rejected_teu) == pytest.approx((60, 40, 0))
    assert option.cargo.rejected == ()


def test_a_reefer_row_needs_a_train_that_takes_reefers() -> None:
    text = TINY.replace('origin = "CNWEF"\n', 'origin = "CNWEF"\ncargo = "reefer"\n')
    option = _plan(text)
    assert option.cargo is not None
    [_, reefer] = sorted(option.cargo.rejected, key=lambda r: r.origin)
    assert reefer.origin == "CNWEF" and reefer.cause is RejectionCause.NOT_ACCEPTED
