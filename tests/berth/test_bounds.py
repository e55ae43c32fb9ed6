"""Lagrangian and column-generation bounds: valid below the optimum, equal to the LP at the end."""

from __future__ import annotations

import random

import numpy as np
import pytest
from test_solve import brute_force

from tradelane.berth import BerthParams, exact, plan_violations, solve
from tradelane.berth.dives import JUMP, next_threshold, restricted, stop_above
from tradelane.berth.exact import solve_exact
from tradelane.berth.heuristic import iterated_local_search, sequences_to_plan
from tradelane.berth.lpbound import column_generation_bound, lp_bound
from tradelane.berth.timeindexed import build_model
from tradelane.domain.berth import BerthWindow, ShipCall, build_instance
from tradelane.result import SolverParams, Status


def _random(seed: int, n: int = 5):
    rng = random.Random(seed)
    berths = [BerthWindow("A", rng.randint(0, 3), 200), BerthWindow("B", 0, 200)]
    ships = [ShipCall(f"s{k}", rng.randint(0, 15),
                      {b: rng.randint(2, 12) for b in ("A", "B") if rng.random() < 0.8} or
                      {"A": 5}, weight_per_h=float(rng.randint(1, 3))) for k in range(n)]
    return build_instance(f"r{seed}", ships, berths)


def _initial(inst, model, plan):
    cols = set()
    for c, (i, j, t) in enumerate(zip(model.ship, model.berth, model.start_h, strict=True)):
        win = inst.start_window_h(int(i), int(j))
        if win is not None and t == win[0]:
            cols.add(c)
        if any(a.ship == i and a.berth == j and a.start_h == t for a in plan.assignments):
            cols.add(c)
    return np.array(sorted(cols), dtype=np.int64)


@pytest.mark.parametrize("seed", range(4))
def test_column_generation_bound_is_valid_and_reaches_the_lp(seed):
    inst = _random(seed)
    plan = sequences_to_plan(inst, iterated_local_search(inst, seed=seed, iterations=5,
                                                         time_limit_s=5))
    model = build_model(inst, None)
    cg = column_generation_bound(model, inst, _initial(inst, model, plan), time_limit_s=30,
                                 seed=seed, per_ship=2)
    full = lp_bound(model, inst.n_ships, time_limit_s=30, seed=seed)
    assert cg.bound <= brute_force(inst) + 1e-6
    assert cg.bound == pytest.approx(full.bound, abs=1e-4)


@pytest.mark.parametrize("seed", range(3))
def test_large_instance_path_reports_a_valid_bound(monkeypatch, seed):
    """Forced onto the column-generation path, the result keeps the Result contract."""
    monkeypatch.setattr(exact, "CG_COLUMNS", 0)
    inst = _random(seed, n=6)
    res = solve(inst, BerthParams(time_limit_s=20, seed=seed))
    assert plan_violations(inst, res.solution) == []
    assert res.bound is not None and res.bound <= brute_force(inst) + 1e-6 <= res.objective + 1e-6
    assert (res.status is Status.OPTIMAL) == (res.bound >= res.objective - 1e-6)


def test_threshold_dive_stops_once_the_bound_passes_the_threshold(bap_dir):
    """A dive's MIP is interrupted as soon as its dual bound exceeds the threshold."""
    import highspy

    from tradelane.berth.lpbound import fix_by_reduced_cost
    from tradelane.berth.symmetry import find_symmetry
    from tradelane.berth.timeindexed import make_highs
    from tradelane.io.bap import read_dbap

    inst = read_dbap(bap_dir / "lalla_ruiz_90" / "f30x3-01.txt")
    sym = find_symmetry(inst)
    model = build_model(sym.reduced, None, ship_count=sym.ship_count,
                        berth_count=sym.berth_count)
    lp = lp_bound(model, sym.reduced.n_ships, time_limit_s=60, seed=1)
    small = restricted(sym.reduced, model, fix_by_reduced_cost(model, lp, lp.bound + 5))
    below = make_highs(small, time_limit_s=60, seed=1, threads=1)
    hit = stop_above(below, lp.bound - 1)  # the root LP alone passes it
    below.run()
    assert hit[0] and below.getModelStatus() == highspy.HighsModelStatus.kInterrupt
    above = make_highs(small, time_limit_s=60, seed=1, threads=1)
    hit = stop_above(above, 1763)  # the optimum (proven elsewhere): never passed
    above.run()
    assert not hit[0] and above.getModelStatus() == highspy.HighsModelStatus.kOptimal
    assert above.getInfo().objective_function_value == pytest.approx(1763)


def test_dive_thresholds_step_from_the_bound_then_jump_below_the_incumbent():
    """Integral costs: ask at the bound itself; once the incumbent is within JUMP, ask
    "below the incumbent?"; nothing is left to ask when the bound reaches it."""

    inst = _random(0)
    assert next_threshold(inst, 100.0, 100.0 + JUMP + 2) == 100.0
    assert next_threshold(inst, 100.0, 100.0 + JUMP + 1) == 100.0 + JUMP
    assert next_threshold(inst, 100.0, 101.0) == 100.0
    assert next_threshold(inst, 101.0, 101.0) is None
    fractional = build_instance("frac", [ShipCall("a", 0, {"A": 3}, weight_per_h=0.5)],
                                [BerthWindow("A", 0, 50)])
    step = next_threshold(fractional, 10.0, 20.0)
    assert step is not None and 10.0 < step < 20.0
    assert next_threshold(fractional, 19.999, 20.0) == pytest.approx(20.0 - 1e-6)
    assert next_threshold(fractional, 20.0 - 1e-6, 20.0) is None


@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize("weights", [(1.0, 2.0, 3.0), (0.5, 1.25, 2.75)])
@pytest.mark.parametrize("seed", range(3))
def test_dives_from_a_poor_incumbent_reach_the_optimum(seed, weights, threads):
    """Every ship on one berth in arrival order is a poor start: dives and final MIP (in turn,
    or side by side on two threads) must find and prove
    the optimum, with integral and fractional costs alike."""
    from tradelane.domain.berth import BerthAssignment, BerthPlan

    rng = random.Random(seed)
    berths = [BerthWindow("A", 0, 400), BerthWindow("B", rng.randint(0, 5), 400)]
    ships = [ShipCall(f"s{k}", rng.randint(0, 20), {"A": rng.randint(3, 12),
                                                    "B": rng.randint(3, 12)},
                      weight_per_h=rng.choice(weights)) for k in range(6)]
    inst = build_instance(f"p{seed}", ships, berths)
    t, poor = 0, []
    for i in sorted(range(inst.n_ships), key=lambda k: inst.arrival_h[k]):
        start = max(t, inst.arrival_h[i])
        t = start + inst.handling_h[i][0]
        poor.append(BerthAssignment(ship=i, berth=0, start_h=start, end_h=t))
    incumbent = BerthPlan(tuple(sorted(poor, key=lambda a: a.ship)))
    optimum = brute_force(inst)
    assert incumbent.weighted_service_h(inst) > optimum + 1e-6
    params = SolverParams(time_limit_s=30, seed=seed, threads=threads)
    out = solve_exact(inst, incumbent, params)
    assert out.proven_optimal and out.stats["dives"] >= 1
    assert plan_violations(inst, out.plan) == []
    assert out.objective == pytest.approx(optimum) == pytest.approx(out.bound)
