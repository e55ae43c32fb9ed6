from __future__ import annotations

import itertools
import random

import pytest

from tradelane.berth import BerthParams, BerthSolver, plan_violations, solve
from tradelane.berth.cpsat import solve_cpsat
from tradelane.domain.berth import BerthWindow, ShipCall, build_instance
from tradelane.io.bap import read_dbap
from tradelane.result import SolverParams, Status


def brute_force(inst):
    """Every berth choice and order per berth, left-justified: the optimum of a tiny instance."""
    best = float("inf")
    allowed = [[j for j in range(inst.n_berths) if inst.allowed(i, j)] for i in range(inst.n_ships)]
    for choice in itertools.product(*allowed):
        total = 0.0
        for j in range(inst.n_berths):
            ships = [i for i in range(inst.n_ships) if choice[i] == j]
            best_j = float("inf")
            for order in itertools.permutations(ships):
                t, cost, ok = inst.berth_open_h[j], 0.0, True
                for i in order:
                    t = max(t, inst.arrival_h[i]) + inst.handling_h[i][j]
                    ok &= t <= min(inst.berth_close_h[j], inst.latest_departure_h[i])
                    cost += inst.weight_per_h[i] * (t - inst.arrival_h[i])
                if ok:
                    best_j = min(best_j, cost)
            total += best_j
        best = min(best, total)
    return best


@pytest.mark.parametrize("solver", list(BerthSolver))
def test_tiny_by_hand(tiny, solver):
    # s1 must use A (10). s2 (weight 2) on A after s1 would end 14 -> 2*9; on B at 5 -> 2*6 = 12.
    # s0 on B from 0 to 20 = 20 blocks s2 there; s0 on A after s1 ends 20 = 20 as well.
    # Best: s1 A 0-10 (10), s2 B 5-11 (12), s0 B 11-31 (31) = 53, or s0 A 10-20 (20) -> 42.
    res = solve(tiny, BerthParams(time_limit_s=10, seed=1, solver=solver))
    assert plan_violations(tiny, res.solution) == []
    assert res.objective == res.solution.weighted_service_h(tiny) == 42
    assert brute_force(tiny) == 42
    if solver != "heuristic":
        assert res.status is Status.OPTIMAL and res.bound == 42
    else:
        assert res.status is Status.FEASIBLE and res.bound is None


def test_deadline_forces_order():
    inst = build_instance("dl", [
        ShipCall("big", 0, {"Q": 10}),
        ShipCall("urgent", 1, {"Q": 2}, latest_departure_h=4, weight_per_h=0.5),
    ], [BerthWindow("Q", 0, 50)])
    res = solve(inst, BerthParams(time_limit_s=10, seed=1))
    assert res.status is Status.OPTIMAL
    assert res.objective == brute_force(inst) == 0.5 * 2 + 13


def test_infeasible_is_reported():
    inst = build_instance("inf", [
        ShipCall("a", 0, {"Q": 10}, latest_departure_h=10),
        ShipCall("b", 0, {"Q": 10}, latest_departure_h=10),
    ], [BerthWindow("Q", 0, 50)])
    assert solve_cpsat(inst, SolverParams(time_limit_s=10, seed=1)).status is Status.INFEASIBLE
    assert solve(inst, BerthParams(time_limit_s=10, seed=1)).status is Status.INFEASIBLE


@pytest.mark.parametrize("seed", range(6))
def test_exact_matches_brute_force_on_random_tiny(seed):
    rng = random.Random(seed)
    berths = [BerthWindow("A", rng.randint(0, 3), 200), BerthWindow("B", 0, 200)]
    ships = [ShipCall(f"s{k}", rng.randint(0, 15),
                      {b: rng.randint(2, 12) for b in ("A", "B") if rng.random() < 0.8} or
                      {"A": 5}, weight_per_h=float(rng.randint(1, 3))) for k in range(5)]
    inst = build_instance(f"r{seed}", ships, berths)
    res = solve(inst, BerthParams(time_limit_s=20, seed=seed))
    assert res.status is Status.OPTIMAL
    assert plan_violations(inst, res.solution) == []
    assert res.objective == brute_force(inst)


@pytest.mark.parametrize("name", ["f30x3-01", "f30x3-04"])
def test_exact_consistent_with_cpsat(bap_dir, name):
    """CP-SAT (independent model): its bound <= our proven optimum <= its objective."""
    inst = read_dbap(bap_dir / "lalla_ruiz_90" / f"{name}.txt")
    ours = solve(inst, BerthParams(time_limit_s=60, seed=1))
    cp = solve_cpsat(inst, SolverParams(time_limit_s=15, seed=1))
    assert plan_violations(inst, ours.solution) == []
    assert plan_violations(inst, cp.solution) == []
    assert ours.status is Status.OPTIMAL
    assert cp.bound <= ours.objective <= cp.objective


def test_seeded_runs_repeat(bap_dir):
    inst = read_dbap(bap_dir / "lalla_ruiz_90" / "f30x3-02.txt")
    params = BerthParams(time_limit_s=30, seed=3, solver=BerthSolver.HEURISTIC, ils_iterations=5)
    assert solve(inst, params).solution == solve(inst, params).solution
