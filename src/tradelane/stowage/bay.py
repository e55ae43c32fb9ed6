"""Single-bay slot planning: ``solve_bay(instance, BayParams) -> Result[BayPlan]``.

The problem of Delgado, Jensen, Janstrup, Rose & Andersen (2012) with the dangerous-goods
rule of Parreño, Pacino & Álvarez-Valdés (2016) as :mod:`.bay_rules` reads it, solved with
OR-Tools CP-SAT (:mod:`.bay_model`). Lexicographic objective: stow as many containers as
possible, then minimise 100 × overstowing containers + 20 × (PODs − 1 per used stack)
+ 10 × stacks used + 5 × non-reefers in reefer slots. A reference solution in the instance
file is evaluated by the same rules; the solver starts from it when it is legal and better
than a greedy plan (:mod:`.bay_greedy`), from the greedy plan otherwise.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from tradelane.domain.bay import BayInstance, BayPlacement, BayPlan, BayTerms
from tradelane.errors import InputError
from tradelane.result import Result, SolverParams, Status
from tradelane.stowage.bay_bound import stack_bound
from tradelane.stowage.bay_cuts import add_cuts, canonical
from tradelane.stowage.bay_greedy import VARIANTS, greedy_plan
from tradelane.stowage.bay_model import BayModel, Pos
from tradelane.stowage.bay_rules import bay_terms, bay_violations

__all__ = ["BayParams", "ReferenceCheck", "check_reference", "solve_bay"]

_STATUS = {cp_model.OPTIMAL: Status.OPTIMAL, cp_model.FEASIBLE: Status.FEASIBLE,
           cp_model.INFEASIBLE: Status.INFEASIBLE}


@dataclass(frozen=True, slots=True, kw_only=True)
class BayParams(SolverParams):
    """Parameters of :func:`solve_bay` (time limit, seed, threads: :class:`SolverParams`).

    Attributes
    ----------
    work_limit : float | None
        CP-SAT's deterministic time limit (its ``max_deterministic_time``), or ``None``. With
        one thread and a work limit reached before the wall-clock limit, a run repeats
        exactly; a run stopped by the wall clock may not.
    """

    work_limit: float | None = None

    def __post_init__(self) -> None:
        SolverParams.__post_init__(self)  # zero-argument super() fails in slots dataclasses
        w = self.work_limit
        if w is not None and (isinstance(w, bool) or not isinstance(w, int | float)
                              or not math.isfinite(w) or w <= 0):
            raise InputError("work_limit", w, "must be a positive number or None")


@dataclass(frozen=True, slots=True)
class ReferenceCheck:
    """A reference solution judged by our rules: its terms, broken rules and unstowed count."""

    terms: BayTerms
    violations: tuple[str, ...]
    unstowed: int

    @property
    def objective(self) -> int:
        """The reference's objective by the same function as ours."""
        return self.terms.objective

    @property
    def legal(self) -> bool:
        """True when it breaks no rule."""
        return not self.violations


def check_reference(inst: BayInstance) -> ReferenceCheck | None:
    """Evaluate the instance file's reference solution, or ``None`` when it has none."""
    if inst.reference is None:
        return None
    return ReferenceCheck(bay_terms(inst, inst.reference),
                          tuple(bay_violations(inst, inst.reference)),
                          len(inst.to_load) - len(inst.reference))


def _hint(bm: BayModel, placements: tuple[BayPlacement, ...]) -> None:
    """Give CP-SAT ``placements`` as its starting solution."""
    group_of = {i: (g, j) for g, group in enumerate(bm.groups)
                for j, (_, ids) in enumerate(group.by_weight) for i in ids}
    chosen = {(group_of[p.container][0], (p.stack, p.tier, p.slot)) for p in placements}
    for key, var in bm.place.items():
        bm.model.add_hint(var, key in chosen)
    counts: dict[tuple[int, int, int], int] = defaultdict(int)
    for p in placements:
        counts[(*group_of[p.container], p.stack)] += 1
    for where, count in bm.count.items():
        bm.model.add_hint(count, counts[where])


def _plan(bm: BayModel, solver: cp_model.CpSolver) -> BayPlan:
    """The plan of CP-SAT's solution: containers of a group fill its positions in index
    order, weight classes first where a stack's weight limit counts them."""
    placements: list[BayPlacement] = []
    unstowed: list[int] = []
    for g, group in enumerate(bm.groups):
        spots: dict[int, list[Pos]] = defaultdict(list)
        for (h, pos), var in bm.place.items():
            if h == g and solver.boolean_value(var):
                spots[pos[0]].append(pos)
        pools = [list(ids) for _, ids in group.by_weight]
        free = dict.fromkeys(group.members)
        for s in sorted(spots, key=lambda s: ((g, 0, s) not in bm.count, s)):
            chosen: list[int] = []
            if (g, 0, s) in bm.count:
                for j, pool in enumerate(pools):
                    n = solver.value(bm.count[g, j, s])
                    chosen += pool[:n]
                    del pool[:n]
            else:
                chosen = [i for i in free if any(i in pool for pool in pools)][:len(spots[s])]
                for pool in pools:
                    pool[:] = [i for i in pool if i not in chosen]
            for i in chosen:
                del free[i]
            placements += [BayPlacement(i, *pos) for i, pos in zip(chosen, sorted(spots[s]),
                                                                    strict=True)]
        unstowed += list(free)
    placements.sort()
    return BayPlan(bay_terms(bm.inst, placements), tuple(placements), tuple(sorted(unstowed)))


def _plan_of(inst: BayInstance, placements: tuple[BayPlacement, ...]) -> BayPlan:
    stowed = {p.container for p in placements}
    return BayPlan(bay_terms(inst, placements), tuple(sorted(placements)),
                   tuple(i for i in range(len(inst.to_load)) if i not in stowed))


def _start(instance: BayInstance, ref: ReferenceCheck | None,
           deadline: float) -> tuple[BayPlacement, ...]:
    """The best legal plan at hand: the greedy variants' (the first always, the others while
    the clock is before ``deadline``) and a legal reference solution."""
    plans = [greedy_plan(instance, 0)]
    for v in range(1, VARIANTS):
        if time.perf_counter() < deadline:
            plans.append(greedy_plan(instance, v))
    if ref is not None and ref.legal and instance.reference is not None:
        plans.append(instance.reference)
    return min(plans, key=lambda p: (len(instance.to_load) - len(p),
                                     bay_terms(instance, p).objective))


_MARGIN_S = 0.03
"""Time kept back from CP-SAT for reading and checking its plan."""
_LINEARIZATION = 2
"""CP-SAT's linearization level: 2 puts the implications into its linear relaxation."""


def _stow_most(bm: BayModel, start: tuple[BayPlacement, ...], params: BayParams,
               t0: float) -> tuple[BayPlacement, ...]:
    """A plan stowing more containers than ``start`` if CP-SAT finds one within a third of
    the time left, stowing as many as it can and nothing else; ``start`` otherwise. The
    model's objective is the caller's to set again."""
    bm.model.maximize(bm.stowed)
    _hint(bm, canonical(bm, start))
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.max_time_in_seconds = max((params.time_limit_s - (time.perf_counter() - t0)) / 3, 0.01)
    if params.work_limit is not None:
        p.max_deterministic_time = params.work_limit / 3
    p.random_seed, p.num_workers = params.seed, params.threads
    p.linearization_level = 0   # a feasibility search: no linear relaxation is faster here
    code = solver.solve(bm.model)
    bm.model.clear_hints()
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return start
    plan = _plan(bm, solver)
    return plan.placements if len(plan.placements) > len(start) else start


class _StopAtBound(cp_model.CpSolverSolutionCallback):
    """Stop CP-SAT once a plan stowing every container costs no more than ``bound``."""

    def __init__(self, bound: int | None) -> None:
        super().__init__()
        self.bound = bound

    def on_solution_callback(self) -> None:
        if self.bound is not None and self.objective_value <= self.bound + 1e-6:
            self.stop_search()


def solve_bay(instance: BayInstance, params: BayParams) -> Result[BayPlan]:
    """Plan one bay: where each container to load goes, and which stay ashore.

    Parameters
    ----------
    instance : BayInstance
        The bay, its loaded containers and the containers to load.
    params : BayParams
        Time limit (model building included), seed (CP-SAT's ``random_seed``), threads (its
        ``num_workers``) and an optional work limit.

    Returns
    -------
    Result[BayPlan]
        ``objective`` is the plan's cost (:attr:`BayTerms.objective`); ``bound`` a proven lower
        bound on the cost of any plan stowing as many containers (``None`` while that count
        is not proven the most possible): the better of CP-SAT's bound and the stack bound
        (:func:`.bay_bound.stack_bound`); status OPTIMAL when the plan's cost reaches it.
        ``stats`` carries ``unstowed``, ``ashore_proven_minimal``, ``stack_bound``,
        ``groups``, ``variables`` and ``cpsat_status`` when CP-SAT ran (not when the start
        plan already reaches the stack bound), ``start_plan_only`` when the start plan is the
        answer, and, when the file has a reference solution, ``reference_objective``,
        ``reference_unstowed`` and ``reference_violations`` (a count).
    """
    t0 = time.perf_counter()
    ref = check_reference(instance)
    # with a work limit, every step runs whatever the clock says: the run repeats exactly
    timed = params.work_limit is None
    start = _start(instance, ref, t0 + params.time_limit_s / 4 if timed else math.inf)
    lower = stack_bound(instance)
    stats: dict[str, object] = {"stack_bound": lower}
    if ref is not None:
        stats.update(reference_objective=ref.objective, reference_unstowed=ref.unstowed,
                     reference_violations=len(ref.violations))
    first = _plan_of(instance, start)
    if not first.unstowed and first.terms.objective == lower:   # the start plan is optimal
        return _answer(instance, first, None, lower, t0, params, stats, start_plan_only=True)
    bm = BayModel(instance)
    add_cuts(bm)
    if first.unstowed and (not timed or time.perf_counter() - t0 < params.time_limit_s / 2):
        start = _stow_most(bm, start, params, t0)
        first = _plan_of(instance, start)
        bm.model.minimize(bm.objective)
    _hint(bm, canonical(bm, start))
    left = params.time_limit_s - (time.perf_counter() - t0) - _MARGIN_S
    if left < _MARGIN_S:   # no time left for CP-SAT: the start plan is the answer
        return _answer(instance, first, None, lower, t0, params, stats, start_plan_only=True)
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.max_time_in_seconds = left
    if params.work_limit is not None:
        p.max_deterministic_time = params.work_limit
    p.random_seed = params.seed
    p.num_workers = params.threads
    p.linearization_level = _LINEARIZATION
    code = solver.solve(bm.model, _StopAtBound(lower))
    stats.update(groups=len(bm.groups), variables=len(bm.place),
                 cpsat_status=solver.status_name(code))
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        if code == cp_model.INFEASIBLE:  # leaving every container ashore is always legal
            raise RuntimeError(f"bay model of {instance.name} is infeasible")
        # no solution from CP-SAT in time: the legal starting plan is the answer
        return _answer(instance, first, None, lower, t0, params, stats, start_plan_only=True)
    plan = _plan(bm, solver)
    if (len(first.unstowed), first.terms.objective) < (len(plan.unstowed),
                                                       plan.terms.objective):
        code, plan = cp_model.FEASIBLE, first  # CP-SAT had not got back to its start
    cost = plan.terms.objective
    ashore = bm.ashore_cost * len(plan.unstowed)
    model_value = round(solver.objective_value)  # its indicators may overcount until optimal
    combined = math.ceil(solver.best_objective_bound - 1e-6)
    if (code == cp_model.OPTIMAL and model_value != ashore + cost) or combined > ashore + cost:
        raise RuntimeError(f"bay model and rules disagree: model {solver.objective_value}, "
                           f"rules {ashore + cost} ({plan.terms})")
    broken = bay_violations(instance, plan.placements)
    if broken:
        raise RuntimeError(f"bay model returned an illegal plan: {broken[0]}")
    return _answer(instance, plan, combined - ashore if combined >= ashore else None, lower,
                   t0, params, stats)


def _answer(instance: BayInstance, plan: BayPlan, cpsat_bound: int | None, lower: int | None,
            t0: float, params: BayParams, stats: dict[str, object],
            start_plan_only: bool = False) -> Result[BayPlan]:
    """The result: the bound is the better of CP-SAT's and the stack bound (the latter only
    for a plan stowing every container), OPTIMAL when the plan's cost reaches it."""
    bounds = [b for b in (cpsat_bound, lower if not plan.unstowed else None) if b is not None]
    bound = max(bounds) if bounds else None
    cost = plan.terms.objective
    if bound is not None and bound > cost:
        raise RuntimeError(f"bay bound {bound} above the plan's cost {cost} ({instance.name})")
    stats.update(unstowed=len(plan.unstowed), ashore_proven_minimal=bound is not None)
    if start_plan_only:
        stats.update(start_plan_only=True)
    status = Status.OPTIMAL if bound == cost else Status.FEASIBLE
    return Result(status, float(cost), None if bound is None else float(bound),
                  time.perf_counter() - t0, params.seed, plan, stats)
