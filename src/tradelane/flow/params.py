"""Parameters of the cargo-flow solvers, :func:`tradelane.flow.paths.solve` and
:func:`tradelane.flow.arcflow.solve`: frozen, typed, checked once.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

from tradelane.errors import InputError
from tradelane.result import MAX_SEED, SolverParams, check_whole

__all__ = ["DEFAULT_FLOW_PARAMS", "MAX_SEED", "FlowParams"]


@dataclass(frozen=True, slots=True, kw_only=True)
class FlowParams(SolverParams):
    """How a flow LP is solved; the optimum does not depend on any of them.

    Attributes
    ----------
    time_limit_s : float
        Wall-clock budget of one solve in seconds, > 0 (default: none, ``inf``). When it runs
        out the result has status ``unknown`` and no solution.
    seed : int
        HiGHS ``random_seed``, 0 to :data:`MAX_SEED` (default 0).
    threads : int
        HiGHS ``threads``, at least 1 (default 1: a run repeats exactly).
    dual_smoothing : float
        Column generation only: Wentges smoothing weight α of the previous pricing point, in
        [0, 1) (default 0.5; 0 prices at the master's duals). The true duals are always priced
        before optimality is declared, so the optimum is the same for every α.
    purge_min_columns : int
        Column generation only: idle columns are deleted between rounds once the master holds
        at least this many (default 2,000; 0 purges every round). They may re-enter.

    Raises
    ------
    InputError
        Naming the field and the value, when one is out of range.
    """

    time_limit_s: float = math.inf
    seed: int = 0
    threads: int = 1
    dual_smoothing: float = 0.5
    purge_min_columns: int = 2000

    def __post_init__(self) -> None:
        SolverParams.__post_init__(self)  # slots dataclass: no zero-argument super()
        a = self.dual_smoothing
        if isinstance(a, bool) or not isinstance(a, numbers.Real) or not 0 <= a < 1:
            raise InputError("dual_smoothing", a, "must be at least 0 and below 1")
        check_whole("purge_min_columns", self.purge_min_columns, 0)

    def highs_options(self) -> dict[str, float | int]:
        """The HiGHS options these parameters set."""
        return {"threads": int(self.threads), "random_seed": int(self.seed),
                "time_limit": float(self.time_limit_s)}


DEFAULT_FLOW_PARAMS = FlowParams()
"""No time limit, seed 0, one thread: the default of every flow solver."""
