"""Hand-checked tiny networks: every figure below is worked out by hand in the comments."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradelane.domain.linerlib import LinerlibNetwork, LinerlibService
from tradelane.linerlib.evaluate import Evaluator, evaluate
from tradelane.linerlib.instance import load_instance
from tradelane.result import Status

from .conftest import write_tiny


def two_port(tmp_path: Path, *, erratum: bool = False):  # type: ignore[no-untyped-def]
    data = write_tiny(tmp_path, "AAAAA\tBBBBB\t150\t500\t10\nBBBBB\tAAAAA\t50\t300\t10\n")
    inst = load_instance(data, "Tiny")
    net = LinerlibNetwork((LinerlibService("Small", 1, 10.0, ("AAAAA", "BBBBB")),))
    return evaluate(inst, net, erratum_idle=erratum)


def test_two_ports_by_hand(tmp_path: Path) -> None:
    result = two_port(tmp_path)
    assert result.status is Status.OPTIMAL
    ev = result.solution
    assert ev is not None
    # legs 240 nm at 10 kn = 1 day each; round trip 2 sailing days + 2 port days = 4 ≤ 7
    assert ev.services[0].round_trip_days == pytest.approx(4.0)
    costs = ev.costs_usd
    assert costs["charter"] == pytest.approx(1 * 1000 * 7)  # 7,000
    assert costs["bunker_sailing"] == pytest.approx(600 * 24 * 2)  # 28,800
    assert costs["bunker_idle"] == pytest.approx(600 * 2 * 2)  # 2 calls x 1 day: 2,400
    assert costs["port_calls"] == pytest.approx((1000 + 100) + (2000 + 200))  # 3,300
    assert costs["canals"] == 0
    # A->B carries 100 of 150 (capacity), B->A all 50
    assert ev.weekly_revenue_usd == pytest.approx(100 * 500 + 50 * 300)  # 65,000
    assert costs["handling"] == pytest.approx(150 * (10 + 20))  # 4,500
    assert costs["transshipment"] == 0
    assert costs["rejection_penalty"] == pytest.approx(50 * 1000)
    profit = 65_000 - 7_000 - 28_800 - 2_400 - 3_300 - 4_500  # 19,000
    assert ev.weekly_profit_usd == pytest.approx(profit)
    assert ev.weekly_objective_usd == pytest.approx(profit - 50_000)  # -31,000
    assert ev.z_180d_usd == pytest.approx(797_142.86)  # 180 days of a 31,000 USD weekly loss
    assert ev.transported_pct == pytest.approx(75.0)
    assert ev.leg_utilisation[0] == pytest.approx((1.0, 0.5))
    assert ev.violations == ()


def test_erratum_idle_adds_waiting_time(tmp_path: Path) -> None:
    ev = two_port(tmp_path, erratum=True).solution
    assert ev is not None
    # waiting 7 - 4 = 3 days on top of 2 port days, 2 t/day at 600 USD/t
    assert ev.costs_usd["bunker_idle"] == pytest.approx(600 * 2 * (2 + 3))


def three_port(tmp_path: Path) -> Evaluator:
    data = write_tiny(tmp_path, "AAAAA\tCCCCC\t80\t1000\t30\n")
    inst = load_instance(data, "Tiny")
    net = LinerlibNetwork((LinerlibService("Small", 1, 10.0, ("AAAAA", "BBBBB")),
                           LinerlibService("Small", 1, 10.0, ("BBBBB", "CCCCC"))))
    return Evaluator(inst, net)


def test_transshipment_by_hand(tmp_path: Path) -> None:
    ev = three_port(tmp_path).evaluate().solution
    assert ev is not None
    c = ev.costs_usd
    assert c["charter"] == pytest.approx(2 * 7_000)
    # B->C: the Suez row (300 nm) is shorter than the plain one (480 nm), so the class pays the
    # Suez fee, here none (empty fee): 300/240 = 1.25 days; C->B 480 nm = 2 days
    assert c["bunker_sailing"] == pytest.approx(600 * 24 * (1 + 1 + 1.25 + 2))
    assert c["bunker_idle"] == pytest.approx(600 * 2 * 4)
    assert c["port_calls"] == pytest.approx(1100 + 2200 + 2200 + 500)
    assert ev.services[1].suez_transits == 1
    assert ev.weekly_revenue_usd == pytest.approx(80 * 1000)
    assert c["handling"] == pytest.approx(80 * (10 + 30))
    assert c["transshipment"] == pytest.approx(80 * 5)  # once, at B
    profit = 80_000 - 14_000 - 600 * 24 * 5.25 - 4_800 - 6_000 - 3_200 - 400
    assert ev.weekly_objective_usd == pytest.approx(profit)


def test_warm_replace_matches_cold(tmp_path: Path) -> None:
    evaluator = three_port(tmp_path)
    evaluator.evaluate()
    # drop service 1: a service B->A only; A->C can no longer be carried
    evaluator.replace_service(1, LinerlibService("Small", 1, 10.0, ("BBBBB", "AAAAA")))
    warm = evaluator.evaluate().solution
    assert warm is not None
    assert warm.transported_pct == 0.0
    assert warm.costs_usd["rejection_penalty"] == pytest.approx(80 * 1000)
    # and back again: the same figures as the first evaluation
    evaluator.replace_service(1, LinerlibService("Small", 1, 10.0, ("BBBBB", "CCCCC")))
    again = evaluator.evaluate().solution
    assert again is not None
    assert again.transported_pct == pytest.approx(100.0)


def test_violations(tmp_path: Path) -> None:
    data = write_tiny(tmp_path, "AAAAA\tBBBBB\t10\t500\t10\n", fleet=1)
    inst = load_instance(data, "Tiny")
    # 25 kn is above the maximum 20; 2 vessels but the fleet has 1
    fast = LinerlibNetwork((LinerlibService("Small", 2, 25.0, ("AAAAA", "BBBBB")),))
    ev = evaluate(inst, fast).solution
    assert ev is not None
    assert any("above the Small maximum" in v for v in ev.violations)
    assert any("fleet has 1" in v for v in ev.violations)
    # A-C-A at 10 kn: 2 x 3 days + 2 port days = 8 days > 7 x 1 vessel
    slow = LinerlibNetwork((LinerlibService("Small", 1, 10.0, ("AAAAA", "CCCCC")),))
    ev = evaluate(inst, slow).solution
    assert ev is not None
    assert any("weekly frequency" in v for v in ev.violations)


def test_transit_time_limit(tmp_path: Path) -> None:
    # A->C via B takes (1 + 1) + (1 + 1.25) = 4.25 days (port stay + sailing per leg)
    data = write_tiny(tmp_path, "AAAAA\tCCCCC\t80\t1000\t4\n")
    inst = load_instance(data, "Tiny")
    net = LinerlibNetwork((LinerlibService("Small", 1, 10.0, ("AAAAA", "BBBBB")),
                           LinerlibService("Small", 1, 10.0, ("BBBBB", "CCCCC"))))
    assert evaluate(inst, net).solution.transported_pct == pytest.approx(100.0)  # type: ignore[union-attr]
    limited = evaluate(inst, net, transit_times=True).solution
    assert limited is not None
    assert limited.transported_pct == 0.0
