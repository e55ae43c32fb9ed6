"""What a simulation sails: the lane calendar, its legs and their alternatives, and prices.

:class:`SimCase` is built once from a planned routing option
(:func:`tradelane.app.simulation.sim_case`) and is plain, picklable data, so that a sweep can
ship it to worker processes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from tradelane.domain import VesselClass
from tradelane.schedule.calendar import LaneCalendar
from tradelane.schedule.proforma import VoyageLeg


@dataclass(frozen=True, slots=True)
class SimLeg:
    """A sea leg with the share of its length in each ocean area (weather model)."""

    leg: VoyageLeg
    areas: tuple[tuple[str, float], ...] = (("tropical", 1.0),)

    @property
    def canals(self) -> frozenset[str]:
        """The canals the leg transits."""
        return frozenset(p for p in self.leg.passages if p in ("panama", "suez"))


@dataclass(frozen=True, slots=True)
class SimCase:
    """Everything :func:`tradelane.sim.simulate` needs about one service.

    Attributes
    ----------
    code : str
        Service code.
    routing : str
        Routing option of the schedule sailed.
    calendar : LaneCalendar
        The one source of ships and scheduled calls (anchor, proforma, phase-in).
    vessel : VesselClass
        The fleet's class (speed range, cubic fuel law, idle fuel, charter).
    legs : tuple of SimLeg
        Leg ``i`` sails from call ``i`` to call ``i + 1`` of the rotation (the last closes it).
    detours : Mapping[str, tuple of SimLeg or None]
        By canal: leg ``i``'s alternative avoiding that canal (``None`` where the leg does not
        transit it or no other route exists).
    skips : tuple of SimLeg or None
        ``skips[i]``: from call ``i`` straight to call ``i + 2`` (skipping call ``i + 1``).
    swaps : tuple of (SimLeg, SimLeg, SimLeg) or None
        ``swaps[i]``: from call ``i`` to ``i + 2``, back to ``i + 1``, on to ``i + 3``
        (calls ``i + 1`` and ``i + 2`` in reverse order).
    bunker_usd_per_t, co2_t_per_t : float
        Fuel price and tank-to-wake CO2 factor.
    call_cost_usd : tuple of float
        Cost of each call of the rotation.
    canal_fee_usd : Mapping[str, float]
        Fee per transit by canal.
    loaded_teu, moved_teu : tuple of float
        TEU loaded, and loaded plus discharged, per call of one sailing (from the demand).
    republished : tuple of (float, str, SimCase)
        Schedules re-published during the horizon, by hour from the anchor: a loop whose first
        call is scheduled at or after that hour sails the other routing's SimCase (same calls,
        fleet, frequency and anchor; its own legs, speed and call times). Empty by default.
    """

    code: str
    routing: str
    calendar: LaneCalendar
    vessel: VesselClass
    legs: tuple[SimLeg, ...]
    detours: Mapping[str, tuple[SimLeg | None, ...]] = field(default_factory=dict)
    skips: tuple[SimLeg | None, ...] = ()
    swaps: tuple[tuple[SimLeg, SimLeg, SimLeg] | None, ...] = ()
    bunker_usd_per_t: float = 600.0
    co2_t_per_t: float = 3.114
    call_cost_usd: tuple[float, ...] = ()
    canal_fee_usd: Mapping[str, float] = field(default_factory=dict)
    loaded_teu: tuple[float, ...] = ()
    moved_teu: tuple[float, ...] = ()
    republished: tuple[tuple[float, str, SimCase], ...] = ()
    _starts_h: tuple[float, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        n = len(self.calendar.proforma.calls)
        if len(self.legs) != n:
            raise ValueError(f"{len(self.legs)} legs for {n} calls")
        for _, _, other in self.republished:
            if other.calls_per_loop != n or other.ships != self.ships or \
                    other.calendar.proforma.frequency_days != \
                    self.calendar.proforma.frequency_days or other.anchor != self.anchor:
                raise ValueError("a re-published schedule needs the same calls, fleet, "
                                 "frequency and anchor")
        for name in ("skips", "swaps", "call_cost_usd", "loaded_teu", "moved_teu"):
            if not getattr(self, name):
                empty = 0.0 if name in ("call_cost_usd", "loaded_teu", "moved_teu") else None
                object.__setattr__(self, name, (empty,) * n)
        # each ship's first ETA in hours from the anchor (scheduled_h is on the hot path)
        object.__setattr__(self, "_starts_h", tuple(
            (self.calendar.ship_start(ship) - self.anchor) / timedelta(hours=1)
            for ship in range(1, self.ships + 1)))

    @property
    def calls_per_loop(self) -> int:
        """Calls in one round voyage."""
        return len(self.calendar.proforma.calls)

    @property
    def ships(self) -> int:
        """Ships of the fleet."""
        return self.calendar.proforma.ships

    @property
    def speed_kn(self) -> float:
        """The proforma's planned speed."""
        return self.calendar.proforma.speed_kn

    @property
    def anchor(self) -> datetime:
        """The calendar's start: hour 0 of the simulation clock."""
        return self.calendar.anchor

    def plan_for_loop(self, loop_start_h: float) -> SimCase:
        """The SimCase in force for a loop whose first call is scheduled at
        ``loop_start_h``: the latest re-published one from before it, else this one."""
        plan = self
        for start_h, _, other in self.republished:
            if start_h <= loop_start_h:
                plan = other
        return plan

    def published_h(self, ship: int, position: int) -> tuple[float, float]:
        """Like :meth:`scheduled_h`, from the schedule in force for the position's loop
        (a re-published one from its start)."""
        first = position - position % self.calls_per_loop
        plan = self.plan_for_loop(self.scheduled_h(ship, first)[0])
        return plan.scheduled_h(ship, position)

    def scheduled_h(self, ship: int, position: int) -> tuple[float, float]:
        """Scheduled arrival and departure of ship ``ship``'s (1-based) call at stream
        ``position`` (0-based: ``sequence - 1``), in hours from the anchor, unrounded."""
        proforma = self.calendar.proforma
        loop, index = divmod(position, self.calls_per_loop)
        base = self._starts_h[ship - 1] + loop * proforma.round_trip_days * 24
        call = proforma.calls[index]
        return base + call.eta_h, base + call.etd_h

    def stay_h(self, index: int) -> float:
        """Scheduled stay at the rotation's call ``index``."""
        call = self.calendar.proforma.calls[index]
        return call.etd_h - call.eta_h

    def locode(self, index: int) -> str:
        """UN/LOCODE of the rotation's call ``index``."""
        return self.calendar.proforma.calls[index].locode
