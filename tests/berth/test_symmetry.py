"""Merged identical ships and berths: same optimum as the brute force, plans map back feasibly."""

from __future__ import annotations

import random

import pytest
from test_solve import brute_force

from tradelane.berth import BerthParams, plan_violations, solve
from tradelane.berth.symmetry import find_symmetry
from tradelane.berth.timeindexed import build_model, make_highs, solution_plan
from tradelane.domain.berth import BerthWindow, ShipCall, build_instance
from tradelane.result import Status


def _twins(seed: int):
    """Two identical berths and a third, ships drawn from three kinds (so repeated)."""
    rng = random.Random(seed)
    berths = [BerthWindow("A1", 2, 150), BerthWindow("A2", 2, 150), BerthWindow("B", 0, 150)]
    kinds = []
    for _ in range(3):
        h = rng.randint(3, 9)
        kinds.append((rng.randint(0, 12), {"A1": h, "A2": h, "B": 2 * h},
                      float(rng.randint(1, 3)), rng.choice([None, 60])))
    ships = [ShipCall(f"s{k}", arrival, handling, weight_per_h=weight, latest_departure_h=due)
             for k, (arrival, handling, weight, due) in
             enumerate(rng.choice(kinds) for _ in range(6))]
    return build_instance(f"tw{seed}", ships, berths)


def test_groups_identical_ships_and_berths():
    inst = build_instance("g", [ShipCall("a", 0, {"Q1": 4, "Q2": 4, "R": 6}),
                                ShipCall("b", 0, {"Q1": 4, "Q2": 4, "R": 6}),
                                ShipCall("c", 1, {"Q1": 4, "Q2": 4, "R": 6})],
                          [BerthWindow("Q1", 0, 50), BerthWindow("Q2", 0, 50),
                           BerthWindow("R", 0, 50)])
    sym = find_symmetry(inst)
    assert sym.ship_types == ((0, 1), (2,)) and sym.berth_classes == ((0, 1), (2,))
    assert sym.reduced.n_ships == 2 and sym.reduced.n_berths == 2
    plain = find_symmetry(inst, merge=False)
    assert plain.ship_count.max() == plain.berth_count.max() == 1


@pytest.mark.parametrize("seed", range(6))
def test_merged_model_has_the_brute_force_optimum(seed):
    inst = _twins(seed)
    sym = find_symmetry(inst)
    assert max(sym.ship_count.max(), sym.berth_count.max()) > 1
    model = build_model(sym.reduced, None, ship_count=sym.ship_count,
                        berth_count=sym.berth_count)
    h = make_highs(model, time_limit_s=30, seed=1, threads=1)
    h.run()
    plan = solution_plan(h, sym.reduced, model, sym)
    assert plan_violations(inst, plan) == []
    assert plan.weighted_service_h(inst) == pytest.approx(brute_force(inst))
    res = solve(inst, BerthParams(time_limit_s=20, seed=seed))
    assert res.status is Status.OPTIMAL
    assert res.objective == pytest.approx(brute_force(inst))
    assert plan_violations(inst, res.solution) == []
