"""Left-justified start times: the restricted time-indexed model keeps the full model's optimum."""

from __future__ import annotations

import random

import numpy as np
import pytest
from test_solve import brute_force

from tradelane.berth import plan_violations
from tradelane.berth.timeindexed import (
    build_model,
    left_justified,
    left_shift,
    make_highs,
    solution_plan,
)
from tradelane.domain.berth import BerthAssignment, BerthPlan, BerthWindow, ShipCall, build_instance


def _random(seed: int):
    rng = random.Random(seed)
    berths = [BerthWindow("A", rng.randint(0, 6), 120), BerthWindow("B", rng.randint(0, 3), 120)]
    ships = [ShipCall(f"s{k}", rng.randint(0, 20),
                      {b: rng.randint(2, 9) for b in ("A", "B") if rng.random() < 0.8} or
                      {"B": 4}, weight_per_h=float(rng.randint(0, 3)),
                      latest_departure_h=rng.choice([None, 60, 90])) for k in range(6)]
    return build_instance(f"lj{seed}", ships, berths)


def _mip_optimum(inst, model):
    h = make_highs(model, time_limit_s=30, seed=1, threads=1)
    h.run()
    plan = solution_plan(h, inst, model)
    assert plan_violations(inst, plan) == []
    return plan.weighted_service_h(inst)


@pytest.mark.parametrize("seed", range(8))
def test_restricted_model_has_the_full_models_optimum(seed):
    inst = _random(seed)
    full = build_model(inst, None)
    keep = left_justified(inst, full, np.arange(full.ship.size))
    assert keep.size < full.ship.size
    restricted = full.subset(keep, inst)
    best = _mip_optimum(inst, full)
    assert _mip_optimum(inst, restricted) == pytest.approx(best)
    assert best == pytest.approx(brute_force(inst))


def test_left_shift_never_costs_more(tiny):
    late = BerthPlan((BerthAssignment(0, 0, 30, 40), BerthAssignment(1, 0, 12, 22),
                      BerthAssignment(2, 1, 9, 15)))
    assert plan_violations(tiny, late) == []
    shifted = left_shift(tiny, late)
    assert plan_violations(tiny, shifted) == []
    assert [(a.berth, a.start_h) for a in shifted.assignments] == [(0, 10), (0, 0), (1, 5)]
    assert shifted.weighted_service_h(tiny) < late.weighted_service_h(tiny)
