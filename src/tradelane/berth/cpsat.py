"""Off-the-shelf CP-SAT interval model of the DBAP: the baseline, and an independent exact check.

One optional interval per allowed (ship, berth) with the ship's start window on that berth,
exactly one present per ship, no overlap per berth; minimise Σ w·(end − arrival). Shares nothing
with the time-indexed model but the instance.
"""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from tradelane.domain.berth import BerthAssignment, BerthInstance, BerthPlan
from tradelane.result import Result, SolverParams, Status


def solve_cpsat(inst: BerthInstance, params: SolverParams) -> Result[BerthPlan]:
    """Solve with CP-SAT; status and bound are CP-SAT's own.

    Parameters
    ----------
    inst : BerthInstance
        The ships and berths.
    params : SolverParams
        Time limit, seed (CP-SAT's ``random_seed``) and threads (its ``num_workers``).

    Returns
    -------
    Result[BerthPlan]
        ``optimal`` when CP-SAT proves it; the bound is CP-SAT's when it is exact.
    """
    t0 = time.perf_counter()
    seed = params.seed
    model = cp_model.CpModel()
    scale = _weight_scale(inst)
    choices: list[list[tuple[int, cp_model.IntVar, cp_model.IntVar, int]]] = []
    per_berth: list[list[cp_model.IntervalVar]] = [[] for _ in range(inst.n_berths)]
    objective = []
    for i in range(inst.n_ships):
        row = []
        for j in range(inst.n_berths):
            win = inst.start_window_h(i, j)
            h = inst.handling_h[i][j]
            if win is None or h is None:
                continue
            present = model.new_bool_var(f"x{i}_{j}")
            start = model.new_int_var(win[0], win[1], f"s{i}_{j}")
            per_berth[j].append(model.new_optional_fixed_size_interval_var(
                start, h, present, f"iv{i}_{j}"))
            row.append((j, present, start, h))
        if not row:
            return Result(Status.INFEASIBLE, None, None, time.perf_counter() - t0, seed)
        model.add_exactly_one(p for _, p, _, _ in row)
        completion = model.new_int_var(0, max(inst.berth_close_h), f"c{i}")
        for _, present, start, h in row:
            model.add(completion == start + h).only_enforce_if(present)
        objective.append(round(inst.weight_per_h[i] * scale) * (completion - inst.arrival_h[i]))
        choices.append(row)
    for ivs in per_berth:
        model.add_no_overlap(ivs)
    model.minimize(sum(objective))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = params.time_limit_s
    solver.parameters.random_seed = seed
    solver.parameters.num_workers = params.threads
    code = solver.solve(model)
    return _result(inst, solver, code, choices, scale, seed, time.perf_counter() - t0)


def _weight_scale(inst: BerthInstance) -> int:
    for scale in (1, 10, 100, 1000):
        if all(abs(w * scale - round(w * scale)) < 1e-9 for w in inst.weight_per_h):
            return scale
    return 1000


def _result(inst: BerthInstance, solver: cp_model.CpSolver, code: object,
            choices: list[list[tuple[int, cp_model.IntVar, cp_model.IntVar, int]]], scale: int,
            seed: int, runtime_s: float) -> Result[BerthPlan]:
    if code == cp_model.INFEASIBLE:
        return Result(Status.INFEASIBLE, None, None, runtime_s, seed)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Result(Status.UNKNOWN, None, None, runtime_s, seed)
    out = []
    for i, row in enumerate(choices):
        for j, present, start, h in row:
            if solver.value(present):
                s = solver.value(start)
                out.append(BerthAssignment(ship=i, berth=j, start_h=s, end_h=s + h))
    plan = BerthPlan(tuple(out))
    exact = scale == 1 or code == cp_model.OPTIMAL
    bound = solver.best_objective_bound / scale if exact else None
    status = Status.OPTIMAL if code == cp_model.OPTIMAL else Status.FEASIBLE
    return Result(status, plan.weighted_service_h(inst), bound, runtime_s, seed, plan,
                  {"solver": "cpsat-baseline", "branches": solver.num_branches})
