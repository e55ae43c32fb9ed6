"""Parameters of the network designer: frozen, typed, checked once."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from tradelane.errors import InputError
from tradelane.result import SolverParams, check_whole

__all__ = ["DesignParams", "clock"]


@dataclass(frozen=True, slots=True, kw_only=True)
class DesignParams(SolverParams):
    """How the designer searches (time limit, seed, threads: see :class:`SolverParams`).

    Attributes
    ----------
    iterations : int | None
        Moves per search worker in all (a deterministic work limit: with it a seeded run
        repeats exactly whatever the machine's speed); ``None`` (default): until the time limit.
    round_iterations : int
        Moves per worker between two exchanges of the best network (default 500, ≥ 1).
    workers : int
        Search workers per round, at least 1 (default 1); each round runs one task per worker.
    transit_times : bool
        Enforce the demands' maximum transit times in the cargo flow (default off, as 2014).
    erratum_idle : bool
        Charge idle fuel for the waiting time 7·n − round trip (the 2017 erratum; default off).
    max_services : int | None
        Most services a network may hold; ``None`` (default): the fleet size, at most 40.
    cpu_clock : bool
        Count ``time_limit_s`` (and the times of the trace) in CPU seconds of the process that
        runs the search (each worker's own on Dask) instead of wall-clock seconds: a budget
        like the published "CPU seconds", unaffected by other work on the machine.

    Raises
    ------
    InputError
        Naming the field and the value, when one is out of range.
    """

    iterations: int | None = None
    round_iterations: int = 500
    workers: int = 1
    transit_times: bool = False
    erratum_idle: bool = False
    max_services: int | None = None
    cpu_clock: bool = False

    def __post_init__(self) -> None:
        SolverParams.__post_init__(self)  # slots dataclass: no zero-argument super()
        if math.isinf(self.time_limit_s) and self.iterations is None:
            raise InputError("time_limit_s", self.time_limit_s, "must be finite unless "
                             "iterations limits the search")
        if self.iterations is not None:
            check_whole("iterations", self.iterations, 1)
        check_whole("round_iterations", self.round_iterations, 1)
        check_whole("workers", self.workers, 1)
        if self.max_services is not None:
            check_whole("max_services", self.max_services, 1)


def clock(*, cpu: bool) -> Callable[[], float]:
    """This process's CPU time (all its threads) when ``cpu``, else a monotonic wall clock."""
    return time.process_time if cpu else time.perf_counter
