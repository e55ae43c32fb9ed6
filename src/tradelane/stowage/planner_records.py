"""Records of the multi-port stowage planner: parameters, port calls, per-port plans."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from tradelane.domain import _checks
from tradelane.domain.stowage import BrokenRule, ContainerUnit, Placement
from tradelane.errors import InputError
from tradelane.result import SolverParams
from tradelane.stowage.check import StabilityCriteria

DEFAULT_CRANES = 6
"""Cranes per ship where the case gives no terminal (★ case brief)."""
DEFAULT_MOVES_PER_CRANE_H = 36.0
"""Moves per crane-hour where the case gives no terminal (★ case brief)."""
DEFAULT_BERTHING_H = 3.0
"""Berthing and unberthing hours where the case gives no terminal (assumption)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class StowParams(SolverParams):
    """Parameters of :func:`tradelane.stowage.planner.plan_stowage`.

    ``time_limit_s`` bounds the whole voyage; the greedy plan of every port is always
    finished, the limit cuts the stability repair rounds (``repair_rounds`` at most per port).
    ``allow_overstow`` lets a container with no other legal spot overstow one for an earlier
    port (its restow is then counted) instead of staying ashore. ``criteria`` are the loading
    computer's stability criteria.
    """

    repair_rounds: int = 8
    allow_overstow: bool = False
    criteria: StabilityCriteria = field(default_factory=StabilityCriteria)

    def __post_init__(self) -> None:
        SolverParams.__post_init__(self)
        if isinstance(self.repair_rounds, bool) or not isinstance(self.repair_rounds, int) \
                or self.repair_rounds < 0:
            raise InputError("repair_rounds", self.repair_rounds, "must be a whole number ≥ 0")


@dataclass(frozen=True, slots=True)
class PortCall:
    """One call of the voyage as the planner needs it.

    ``next_depth_m`` is the controlling depth of the next port (None: the draft is not
    checked). ``departs`` False marks the voyage's end: its departure condition is neither
    ballasted nor checked (the ship leaves with what another plan loads). Cranes, rate,
    hatch-cover cost, clearance and berthing come from the case's terminal, else the ★
    defaults.
    """

    locode: str
    next_depth_m: float | None = None
    cranes: int = DEFAULT_CRANES
    moves_per_crane_h: float = DEFAULT_MOVES_PER_CRANE_H
    hatch_cover_moves: float = 2.0
    clearance_bays: int = 1
    berthing_h: float = DEFAULT_BERTHING_H
    departs: bool = True

    def __post_init__(self) -> None:
        _checks.text("port_call.locode", self.locode, max_len=10)
        _checks.positive_int(f"port_call.{self.locode}.cranes", self.cranes)
        _checks.positive(f"port_call.{self.locode}.moves_per_crane_h", self.moves_per_crane_h)


@dataclass(frozen=True, slots=True)
class LeftAshore:
    """A container that stays ashore at its port of loading, and why (one sentence)."""

    number: str
    port: str
    reason: str


@dataclass(frozen=True, slots=True)
class PortPlan:
    """What happens at one call and the departure condition it leaves.

    ``restows`` are containers lifted off and put back (stack overstows and deck containers
    on a hatch cover that had to open); each costs two crane moves (``rehandle_moves``).
    ``moves_per_bay`` counts crane moves per 40-ft bay (discharges, loads, restows, hatch
    covers); ``crane_makespan_h`` is the crane split's makespan and ``port_stay_h`` adds
    berthing. ``ballast_t`` gives the ballast tanks' contents at departure.
    """

    locode: str
    discharged: int
    loaded: int
    restows: int
    rehandle_moves: int
    hatch_cover_moves: int
    moves_per_bay: tuple[int, ...]
    crane_makespan_h: float
    crane_bound_h: float
    port_stay_h: float
    departure: tuple[Placement, ...]
    ballast_t: Mapping[str, float]
    broken_rules: tuple[BrokenRule, ...]
    left_ashore: tuple[LeftAshore, ...]
    gm_m: float
    heel_deg: float | None
    trim_m: float | None
    draft_m: float | None
    max_bending_pct: float
    max_shear_pct: float
    displacement_t: float
    notes: tuple[str, ...] = ()

    @property
    def loaded_teu(self) -> int:
        """TEU aboard at departure."""
        return sum(p.container.teu for p in self.departure)


@dataclass(frozen=True, slots=True)
class VoyagePlan:
    """The plan of every call, the lexicographic objective's terms and their lower bounds.

    ``terms``: ``rehandle_moves`` (all ports), ``crane_makespan_h`` (sum over ports) and
    ``min_gm_margin_m`` (the smallest GM − GM_min over the departures, higher is better).
    ``bounds``: ``rehandle_moves`` (forced: containers aboard on arrival that already block an
    earlier discharge) and ``crane_makespan_h`` (Σ max(total/cranes, biggest bay)/rate).
    """

    ports: tuple[PortPlan, ...]
    terms: Mapping[str, float]
    bounds: Mapping[str, float]
    arrival: tuple[Placement, ...] = ()
    unplanned: tuple[ContainerUnit, ...] = ()
