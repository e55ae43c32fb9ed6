"""Parameters of a simulation: horizon, replications, seed, recovery policy."""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

from tradelane.errors import InputError
from tradelane.result import SolverParams, check_whole

MAX_RUNS = 1_000_000
"""Most replications one call simulates (a sweep splits larger jobs into tasks)."""


class Policy(enum.StrEnum):
    """What a late ship does (Brouer, Dirksen, Pisinger, Plum & Vaaben 2013, EJOR 224:362–374).

    Each policy is a single lever, applied by a fixed rule at every departure
    (docs/simulation.md): ``none`` keeps the proforma (departs no earlier than scheduled, sails
    within the schedule's sea buffer), ``speed-up`` sails as fast as needed for the next
    scheduled arrival within the class maximum, ``skip`` omits the next call when
    the ship would reach it more than a day late, ``swap`` calls the next two ports in reverse
    order when the first is struck or the ship would be more than a day late there, and
    ``omit-sailing`` blanks the ship's sailing when it would open a loop more than half a
    frequency late (it takes the departure one frequency later).
    """

    NONE = "none"
    SPEED_UP = "speed-up"
    SKIP = "skip"
    SWAP = "swap"
    OMIT_SAILING = "omit-sailing"


@dataclass(frozen=True, slots=True, kw_only=True)
class SimParams(SolverParams):
    """Parameters of :func:`tradelane.sim.simulate` (seed and threads: see SolverParams).

    Attributes
    ----------
    weeks : int
        Horizon from the lane calendar's start: calls whose scheduled arrival lies in it are
        sailed and measured, 1 to 520 (default 26).
    runs : int
        Replications, 1 to :data:`MAX_RUNS` (default 1000).
    policy : Policy
        Recovery policy (default ``none``); its value as a string is accepted too.
    deterministic : bool
        Turn every distribution off: every ship sails the proforma exactly (default False).
    time_limit_s : float
        Not a stopping rule here (every run is simulated); ``inf`` by default.

    Raises
    ------
    InputError
        Naming the field and the value, when one is out of range.
    """

    time_limit_s: float = math.inf
    weeks: int = 26
    runs: int = 1000
    policy: Policy = Policy.NONE
    deterministic: bool = False

    def __post_init__(self) -> None:
        SolverParams.__post_init__(self)  # slots dataclass: no zero-argument super()
        check_whole("weeks", self.weeks, 1, 520)
        check_whole("runs", self.runs, 1, MAX_RUNS)
        object.__setattr__(self, "weeks", int(self.weeks))
        object.__setattr__(self, "runs", int(self.runs))
        try:
            object.__setattr__(self, "policy", Policy(self.policy))
        except ValueError:
            choices = ", ".join(p.value for p in Policy)
            raise InputError("policy", self.policy, f"must be one of {choices}") from None
        if not isinstance(self.deterministic, bool):
            raise InputError("deterministic", self.deterministic, "must be true or false")
