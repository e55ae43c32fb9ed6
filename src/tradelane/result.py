"""The one shape of every solver: ``solve(data, params: SolverParams) -> Result``.

:class:`SolverParams` holds what every solver takes (time limit, seed, threads); a solver's own
parameters extend it. :class:`Result` is what every solver returns: status, objective, bound,
gap, runtime, seed, solution and extra figures.
"""

from __future__ import annotations

import enum
import math
import numbers
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from tradelane.errors import InputError

S = TypeVar("S")

MAX_SEED = 2**31 - 1
"""Largest seed every solver accepts (HiGHS's ``random_seed`` and CP-SAT's are 32-bit)."""


def check_whole(name: str, value: object, low: int, high: int | None = None) -> None:
    """Raise :class:`InputError` naming ``name`` unless ``value`` is an int in ``[low, high]``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise InputError(name, value, "must be a whole number")
    if int(value) < low or (high is not None and int(value) > high):
        span = f"at least {low}" if high is None else f"between {low} and {high}"
        raise InputError(name, value, f"must be {span}")


@dataclass(frozen=True, slots=True, kw_only=True)
class SolverParams:
    """What every solver takes; a solver's own parameters subclass it.

    Attributes
    ----------
    time_limit_s : float
        Wall-clock budget in seconds, positive (``inf`` only where a solver allows no limit).
    seed : int
        Seed of every random choice, 0 to :data:`MAX_SEED` (default 1).
    threads : int
        Threads the solver may use, at least 1 (default 1: a seeded run repeats exactly).

    Raises
    ------
    InputError
        Naming the field and the value, when one is out of range.
    """

    time_limit_s: float
    seed: int = 1
    threads: int = 1

    def __post_init__(self) -> None:
        t = self.time_limit_s
        if isinstance(t, bool) or not isinstance(t, numbers.Real) or math.isnan(t) or t <= 0:
            raise InputError("time_limit_s", t, "must be a positive number of seconds")
        check_whole("seed", self.seed, 0, MAX_SEED)
        check_whole("threads", self.threads, 1)
        for name, kind in (("time_limit_s", float), ("seed", int), ("threads", int)):
            object.__setattr__(self, name, kind(getattr(self, name)))  # NumPy scalars too


class Status(enum.StrEnum):
    """What a solver knows about its answer; it never guesses."""

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    UNKNOWN = "unknown"


def relative_gap(objective: float | None, bound: float | None) -> float | None:
    """|objective − bound| / max(|objective|, 1e-9), or ``None`` when either is unknown."""
    if objective is None or bound is None or math.isinf(objective) or math.isinf(bound):
        return None
    return abs(objective - bound) / max(abs(objective), 1e-9)


@dataclass(frozen=True, slots=True)
class Result(Generic[S]):
    """A solver's answer.

    Attributes
    ----------
    status : Status
        What is proven about ``solution``.
    objective : float | None
        Objective value of ``solution``, ``None`` when there is no solution.
    bound : float | None
        Best proven bound on the objective, ``None`` when unknown.
    runtime_s : float
        Wall-clock seconds spent solving.
    seed : int
        Seed the solver was given.
    solution : S | None
        The solution itself, solver-specific.
    stats : dict
        Extra figures (model size, iterations, phase times).
    """

    status: Status
    objective: float | None
    bound: float | None
    runtime_s: float
    seed: int
    solution: S | None = None
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def gap(self) -> float | None:
        """Relative gap between objective and bound, ``None`` when either is unknown."""
        return relative_gap(self.objective, self.bound)

    def summary(self) -> str:
        """One line for people."""
        gap = "n/a" if self.gap is None else f"{100 * self.gap:.3f}%"
        return (
            f"status={self.status.value} objective={self.objective} bound={self.bound} "
            f"gap={gap} runtime={self.runtime_s:.3f}s seed={self.seed}"
        )
