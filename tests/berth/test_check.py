from __future__ import annotations

import pytest

from tradelane.berth.check import plan_violations
from tradelane.domain.berth import BerthAssignment, BerthPlan, BerthWindow, ShipCall, build_instance


@pytest.fixture
def inst():
    return build_instance("chk", [
        ShipCall("a", 2, {"A": 5, "B": 5}, latest_departure_h=20),
        ShipCall("b", 0, {"A": 3}),
    ], [BerthWindow("A", 0, 30), BerthWindow("B", 4, 10)])


def plan(*rows):
    return BerthPlan(tuple(BerthAssignment(i, j, s, e) for i, (j, s, e) in enumerate(rows)))


def test_feasible_and_objective(inst):
    p = plan((1, 4, 9), (0, 0, 3))
    assert plan_violations(inst, p) == []
    assert p.weighted_service_h(inst) == (9 - 2) + (3 - 0)


@pytest.mark.parametrize(("rows", "needle"), [
    (((0, 1, 6), (0, 6, 9)), "before arriving"),
    (((1, 3, 8), (0, 0, 3)), "before berth 1 opens"),
    (((0, 2, 8), (0, 10, 13)), "not start 2 + handling 5"),
    (((1, 6, 11), (0, 0, 3)), "after berth 1 closes"),
    (((0, 16, 21), (0, 0, 3)), "after its latest departure"),
    (((0, 2, 7), (1, 4, 7)), "forbidden"),
    (((0, 2, 7), (0, 5, 8)), "overlap"),
    (((0, 2, 7), (5, 0, 3)), "does not exist"),
])
def test_each_violation_is_caught(inst, rows, needle):
    problems = plan_violations(inst, plan(*rows))
    assert any(needle in p for p in problems), problems
