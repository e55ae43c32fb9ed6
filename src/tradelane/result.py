"""The one shape every solver returns: status, objective, bound, gap, runtime, solution."""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

S = TypeVar("S")


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
