"""``solve(instance, params) -> Result[BerthPlan]``: the berth allocation entry point."""

from __future__ import annotations

import enum
import math
import numbers
import time
from dataclasses import dataclass
from typing import Any

from tradelane.berth.check import plan_violations
from tradelane.berth.cpsat import solve_cpsat
from tradelane.berth.exact import solve_exact
from tradelane.berth.heuristic import iterated_local_search, sequences_to_plan
from tradelane.domain.berth import BerthInstance, BerthPlan
from tradelane.errors import InputError
from tradelane.result import Result, SolverParams, Status, check_whole
from tradelane.solvers.highs import RUNTIME


class BerthSolver(enum.StrEnum):
    """Which berth solver runs."""

    EXACT = "exact"
    """ILS, then the time-indexed LP bound, threshold dives and the HiGHS MIP."""
    HEURISTIC = "heuristic"
    """ILS only, no bound."""
    CPSAT_BASELINE = "cpsat-baseline"
    """The plain CP-SAT interval model."""


@dataclass(frozen=True, slots=True, kw_only=True)
class BerthParams(SolverParams):
    """Parameters of :func:`solve` (time limit, seed and threads: see :class:`SolverParams`).

    Attributes
    ----------
    solver : BerthSolver
        Which solver runs (default ``exact``); its value as a string is accepted too.
    ils_iterations : int | None
        Ruin-and-recreate rounds of the ILS, at least 0; ``None`` (default): the number of ships.
    ils_share : float
        Share of the time limit the ILS may use before the exact phases, in (0, 1] (default
        0.1); ``heuristic`` gives the ILS the whole limit and ``cpsat-baseline`` runs none.

    Raises
    ------
    InputError
        Naming the field and the value, when one is out of range.
    """

    solver: BerthSolver = BerthSolver.EXACT
    ils_iterations: int | None = None
    ils_share: float = 0.1

    def __post_init__(self) -> None:
        SolverParams.__post_init__(self)  # zero-argument super() fails in slots dataclasses
        if math.isinf(self.time_limit_s):
            raise InputError("time_limit_s", self.time_limit_s, "must be a finite number of "
                             "seconds (the berth solvers stop on the clock)")
        try:
            object.__setattr__(self, "solver", BerthSolver(self.solver))
        except ValueError:
            choices = ", ".join(s.value for s in BerthSolver)
            raise InputError("solver", self.solver, f"unknown; choose one of {choices}") from None
        if self.ils_iterations is not None:
            check_whole("ils_iterations", self.ils_iterations, 0)
        share = self.ils_share
        if (isinstance(share, bool) or not isinstance(share, numbers.Real)
                or not math.isfinite(share) or not 0 < share <= 1):
            raise InputError("ils_share", share, "must be a share above 0 and at most 1")


def solve(instance: BerthInstance, params: BerthParams) -> Result[BerthPlan]:
    """Minimise Σ weight · (end − arrival) over berth plans.

    Waits first for HiGHS runs an earlier solve left stopping (:meth:`HighsRuntime.settle
    <tradelane.solvers.highs.HighsRuntime.settle>`), before its clock starts. With
    ``threads >= 2`` the exact solver may itself leave one behind; a benchmark charges it to
    this solve by calling ``RUNTIME.settle()`` right after.

    Parameters
    ----------
    instance : BerthInstance
        The ships and berths.
    params : BerthParams
        Solver, time limit, seed, threads and ILS settings.

    Returns
    -------
    Result[BerthPlan]
        ``optimal`` only when a bound proves it; ``feasible`` with the best bound otherwise.
    """
    RUNTIME.settle()
    if params.solver is BerthSolver.CPSAT_BASELINE:
        return solve_cpsat(instance, params)
    t0 = time.perf_counter()
    heuristic = params.solver is BerthSolver.HEURISTIC
    iterations = instance.n_ships if params.ils_iterations is None else params.ils_iterations
    share = 1.0 if heuristic else params.ils_share
    seqs = iterated_local_search(instance, seed=params.seed, iterations=iterations,
                                 time_limit_s=share * params.time_limit_s)
    plan: BerthPlan | None = sequences_to_plan(instance, seqs)
    if plan is not None and plan_violations(instance, plan):
        plan = None
    stats: dict[str, Any] = {"solver": params.solver.value, "ils_s": time.perf_counter() - t0}
    if heuristic:
        status = Status.FEASIBLE if plan is not None else Status.UNKNOWN
        obj = None if plan is None else plan.weighted_service_h(instance)
        return Result(status, obj, None, time.perf_counter() - t0, params.seed, plan, stats)
    stats["ils_objective"] = None if plan is None else plan.weighted_service_h(instance)
    out = solve_exact(instance, plan, params, started=t0)
    stats.update(out.stats)
    if out.proven_infeasible:
        status = Status.INFEASIBLE
    elif out.plan is None:
        status = Status.UNKNOWN
    else:
        status = Status.OPTIMAL if out.proven_optimal else Status.FEASIBLE
    return Result(status, out.objective, out.bound, time.perf_counter() - t0, params.seed,
                  out.plan, stats)
