"""``solve(instance, params) -> Result[Design]``: construct or take a start, search in rounds,
and evaluate the best network cold with the evaluator of issue 3.

Rounds: each round runs ``params.workers`` search workers from the best network so far, each
for ``params.round_iterations`` moves with its own seed (``SeedSequence(seed, spawn_key=(round,
worker))``); the best of the round (ties: the lowest worker) starts the next. How the workers of
a round run (in this process, or on Dask) is the caller's ``run_round``: the answer does not
depend on it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tradelane.design.construct import construct
from tradelane.design.fleet import Fleet
from tradelane.design.params import DesignParams, clock
from tradelane.design.search import WorkerResult, WorkerTask, run_worker
from tradelane.design.state import Slots, State
from tradelane.domain.linerlib import LinerlibNetwork
from tradelane.errors import InputError
from tradelane.flow.params import FlowParams
from tradelane.linerlib.evaluate import Evaluation, Evaluator
from tradelane.linerlib.instance import Instance
from tradelane.result import Result, Status

__all__ = ["EVALUATE_PARAMS", "Design", "Progress", "RunRound", "network_of", "solve"]

EVALUATE_PARAMS = FlowParams(time_limit_s=600.0, seed=0)
"""The final evaluation's flow parameters: those of ``tradelane linerlib evaluate``."""
_MAX_SLOTS = 40

RunRound = Callable[[Sequence[WorkerTask]], list[WorkerResult]]


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a run stands after a round (weekly objective and Z in USD)."""

    elapsed_s: float
    round: int
    iterations: int
    best_objective_usd: float
    best_z_180d_usd: float
    transported_pct: float


@dataclass(frozen=True, slots=True)
class Design:
    """A designed network, its exact evaluation and how the search went.

    Attributes
    ----------
    network : LinerlibNetwork
        Services with class, vessels, speed and calls.
    evaluation : Evaluation
        The evaluator's figures of ``network`` (a cold evaluation).
    start_objective_usd : float
        Weekly objective of the start (constructed or given) network, as the search priced it.
    time_to_best_s : float
        Seconds from the start of the run until the best network was found.
    iterations, evaluations, rounds : int
        Moves tried per worker, cargo-flow solves over all workers, rounds run.
    trace : tuple[tuple[float, float], ...]
        (seconds, best weekly objective) each time the best improved.
    """

    network: LinerlibNetwork
    evaluation: Evaluation
    start_objective_usd: float
    time_to_best_s: float
    iterations: int
    evaluations: int
    rounds: int
    trace: tuple[tuple[float, float], ...]


def network_of(fleet: Fleet, slots: Slots, instance: Instance) -> LinerlibNetwork:
    """The deployed network of ``slots`` (services named ``service 0``, ``service 1``, …)."""
    rotations = [r for r in slots if r is not None]
    deployed = fleet.deploy(rotations)
    if deployed is None:
        raise InputError("network", len(rotations), "cannot be sailed weekly with the fleet")
    return LinerlibNetwork(tuple(d.service(f"service {i}") for i, d in enumerate(deployed)),
                           instance.name, instance.capacity_case)


def _start_slots(instance: Instance, start: LinerlibNetwork | None, n: int) -> Slots:
    rotations = [] if start is None else [(s.vessel_class, s.calls) for s in start.services]
    return (*rotations, *([None] * max(0, n - len(rotations))))


class _Budget:
    """Seconds a run has used of its time limit.

    On the wall clock: seconds since the start. On the CPU clock (``cpu_clock``): this process's
    CPU seconds outside the rounds, plus per round the longest worker's own CPU seconds — the
    same count whether the workers ran here or in other processes (Dask).
    """

    def __init__(self, params: DesignParams) -> None:
        self._now, self._cpu = clock(cpu=params.cpu_clock), params.cpu_clock
        self._t0 = self._now()
        self._in_rounds = self._workers = 0.0

    def __call__(self) -> float:
        return self._now() - self._t0 - self._in_rounds + self._workers

    def round(self, run_round: RunRound, tasks: Sequence[WorkerTask]) -> list[WorkerResult]:
        """Run one round and count its time."""
        t = self._now()
        results = run_round(tasks)
        if self._cpu:
            self._in_rounds += self._now() - t
            self._workers += max(r.elapsed_s for r in results)
        return results


def _in_process(tasks: Sequence[WorkerTask]) -> list[WorkerResult]:
    return [run_worker(t) for t in tasks]


def solve(instance: Instance, params: DesignParams, *, start: LinerlibNetwork | None = None,
          run_round: RunRound = _in_process,
          progress: Callable[[Progress], None] | None = None) -> Result[Design]:
    """Design a network for ``instance``; see the module docstring.

    Raises
    ------
    InputError
        Naming ``start`` when the start network cannot be sailed weekly with the fleet.
    """
    elapsed = _Budget(params)
    fleet = Fleet(instance, erratum_idle=params.erratum_idle)
    ports = {d.origin for d in instance.demands} | {d.destination for d in instance.demands}
    if start is not None:
        ports |= {c for s in start.services for c in s.calls}
    port_list = tuple(sorted(ports))
    n_slots = params.max_services or min(_MAX_SLOTS, max(1, sum(instance.fleet.values())))
    n_slots = max(n_slots, len(start.services) if start else 0)
    slots = _start_slots(instance, start, n_slots)
    classes = tuple(sorted(c for c, n in instance.fleet.items() if n > 0))
    if start is not None and fleet.deploy([r for r in slots if r is not None]) is None:
        raise InputError("start", len(start.services), "services cannot all be sailed weekly "
                         "within the speed range, drafts and fleet of the instance")
    state = State(instance, fleet, port_list, slots if start else (None,) * n_slots,
                  transit_times=params.transit_times)
    if start is None:
        slots, best_obj = construct(state, classes,
                                   lambda: elapsed() >= params.time_limit_s)
    else:
        best_obj = state.objective_usd if state.objective_usd is not None else -math.inf
    start_obj = best_obj
    trace = [(elapsed(), best_obj)]
    time_to_best = trace[0][0]
    total = params.iterations
    done = evaluations = rounds = 0
    while (total is None or done < total) and elapsed() < params.time_limit_s:
        step = params.round_iterations if total is None else min(params.round_iterations,
                                                                 total - done)
        offset = elapsed()
        tasks = [WorkerTask(instance, port_list, slots, (params.seed, (rounds, w)), step,
                            params.time_limit_s - offset, params.transit_times,
                            params.erratum_idle, params.cpu_clock)
                 for w in range(params.workers)]
        results = elapsed.round(run_round, tasks)
        rounds += 1
        done += max(r.iterations for r in results)
        evaluations += sum(r.evaluations for r in results)
        winner = max(range(len(results)), key=lambda w: (results[w].objective_usd, -w))
        if results[winner].objective_usd > best_obj + 1e-6:
            slots, best_obj = results[winner].best, results[winner].objective_usd
            found = [offset + t for r in results for t, o in r.improved_at_s
                     if o >= best_obj - 1e-6]
            time_to_best = min(found) if found else elapsed()
            trace.append((time_to_best, best_obj))
        if progress is not None:
            state.evaluate(slots)
            progress(Progress(elapsed(), rounds, done, best_obj,
                              -180.0 / 7.0 * best_obj, state.transported_pct))
    network = network_of(fleet, slots, instance)
    final = Evaluator(instance, network, transit_times=params.transit_times,
                      erratum_idle=params.erratum_idle, params=EVALUATE_PARAMS).evaluate()
    runtime = elapsed()
    if final.solution is None or final.objective is None:
        return Result(Status.UNKNOWN, None, None, runtime, params.seed, None,
                      {"rounds": rounds})
    design = Design(network, final.solution, start_obj, time_to_best, done, evaluations,
                    rounds, tuple(trace))
    return Result(Status.FEASIBLE, final.objective, None, runtime, params.seed, design,
                  {"rounds": rounds, "iterations": done, "evaluations": evaluations,
                   "time_to_best_s": time_to_best})
