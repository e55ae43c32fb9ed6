"""``solve(instance, *, time_limit_s, seed, params)``: the berth allocation entry point."""

from __future__ import annotations

import time
from typing import Any

from tradelane.berth.check import plan_violations
from tradelane.berth.cpsat import solve_cpsat
from tradelane.berth.exact import settle, solve_exact
from tradelane.berth.heuristic import iterated_local_search, sequences_to_plan
from tradelane.domain.berth import BerthInstance, BerthPlan
from tradelane.errors import InputError
from tradelane.result import Result, Status

SOLVERS = ("exact", "heuristic", "cpsat-baseline")
"""Solver names: ``exact`` (ILS, then the time-indexed LP bound and HiGHS MIP), ``heuristic``
(ILS only, bound from nothing), ``cpsat-baseline`` (the plain CP-SAT interval model)."""


def solve(instance: BerthInstance, *, time_limit_s: float, seed: int,
          params: dict[str, Any] | None = None) -> Result[BerthPlan]:
    """Minimise Σ weight · (end − arrival) over berth plans.

    Parameters
    ----------
    instance : BerthInstance
        The ships and berths.
    time_limit_s : float
        Wall-clock budget.
    seed : int
        Seed of every random choice (ILS, HiGHS, CP-SAT).
    params : dict, optional
        ``solver`` (one of :data:`SOLVERS`, default ``"exact"``), ``threads`` (default 1),
        ``ils_iterations`` (default: number of ships), ``ils_share`` (share of the time limit the
        ILS may use in ``exact``, default 0.1).

    Returns
    -------
    Result[BerthPlan]
        ``optimal`` only when a bound proves it; ``feasible`` with the best bound otherwise.
    """
    p = dict(params or {})
    name = p.pop("solver", "exact")
    if name not in SOLVERS:
        raise InputError("solver", name, f"unknown; choose one of {', '.join(SOLVERS)}")
    threads = int(p.pop("threads", 1))
    settle()  # an earlier solve's final MIP may still be stopping
    if name == "cpsat-baseline":
        return solve_cpsat(instance, time_limit_s=time_limit_s, seed=seed, threads=threads)
    t0 = time.perf_counter()
    iterations = int(p.pop("ils_iterations", instance.n_ships))
    share = 1.0 if name == "heuristic" else float(p.pop("ils_share", 0.1))
    seqs = iterated_local_search(instance, seed=seed, iterations=iterations,
                                 time_limit_s=share * time_limit_s)
    plan: BerthPlan | None = sequences_to_plan(instance, seqs)
    if plan is not None and plan_violations(instance, plan):
        plan = None
    stats: dict[str, Any] = {"solver": name, "ils_s": time.perf_counter() - t0}
    if name == "heuristic":
        status = Status.FEASIBLE if plan is not None else Status.UNKNOWN
        obj = None if plan is None else plan.weighted_service_h(instance)
        return Result(status, obj, None, time.perf_counter() - t0, seed, plan, stats)
    stats["ils_objective"] = None if plan is None else plan.weighted_service_h(instance)
    out = solve_exact(instance, plan, time_limit_s=time_limit_s - (time.perf_counter() - t0),
                      seed=seed, threads=threads)
    stats.update(out.stats)
    if out.proven_infeasible:
        status = Status.INFEASIBLE
    elif out.plan is None:
        status = Status.UNKNOWN
    else:
        status = Status.OPTIMAL if out.proven_optimal else Status.FEASIBLE
    return Result(status, out.objective, out.bound, time.perf_counter() - t0, seed, out.plan,
                  stats)
