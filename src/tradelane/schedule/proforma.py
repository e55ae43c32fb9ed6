"""The proforma round voyage: fleet, speed, slack and call times for a fixed frequency.

A weekly service with ``n`` ships has ``n × 7`` days for one round voyage. What is not spent in
port or in canals is sea time; the required speed is distance / sea time. A ship never sails
below its class minimum: when less is needed it sails at the minimum and waits (the slack), at
anchor before the first call of its next loop.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from tradelane.domain import VesselClass
from tradelane.domain._checks import positive, positive_int
from tradelane.errors import InputError


@dataclass(frozen=True, slots=True)
class VoyageLeg:
    """A leg of the rotation with its distance, passages and canal transit hours."""

    origin: str
    destination: str
    distance_nm: float
    passages: tuple[str, ...]
    canal_transit_h: float = 0.0


@dataclass(frozen=True, slots=True)
class CallTimes:
    """One call of the round voyage, in hours from the first call's ETA."""

    locode: str
    eta_h: float
    etd_h: float


@dataclass(frozen=True, slots=True)
class Proforma:
    """Fleet, speed and timing of one round voyage.

    ``required_speed_kn`` is the average speed the frequency asks for; ``speed_kn`` the speed
    sailed (never below the class minimum; above the maximum only in an infeasible proforma).
    ``slack_h`` is the waiting time per round voyage (negative when the fleet is too small).
    """

    ships: int
    frequency_days: float
    speed_kn: float
    required_speed_kn: float
    round_trip_nm: float
    sea_h: float
    port_h: float
    canal_h: float
    slack_h: float
    calls: tuple[CallTimes, ...]
    violations: tuple[str, ...]

    @property
    def round_trip_days(self) -> float:
        """Days of one round voyage including slack: ships × frequency."""
        return self.ships * self.frequency_days

    @property
    def feasible(self) -> bool:
        """True when the speed is within the class range and the frequency is kept."""
        return not self.violations


def plan_round_voyage(legs: list[VoyageLeg], port_stay_h: list[float], frequency_days: float,
                      vessel: VesselClass, *, ships: int | None = None,
                      speed_kn: float | None = None) -> Proforma:
    """Size the fleet (given a speed) or find the speed (given the fleet).

    Exactly one of ``ships`` and ``speed_kn`` is given.
    """
    if (ships is None) == (speed_kn is None):
        raise ValueError("give exactly one of ships and speed_kn")
    nm = sum(leg.distance_nm for leg in legs)
    port_h = sum(port_stay_h)
    canal_h = sum(leg.canal_transit_h for leg in legs)
    cycle_h = frequency_days * 24
    violations: list[str] = []
    if speed_kn is not None:
        positive("speed_kn", speed_kn)
        speed = speed_kn
        if not vessel.min_speed_kn <= speed <= vessel.max_speed_kn:
            violations.append(f"speed {speed:g} kn is outside the {vessel.name} range "
                              f"{vessel.min_speed_kn:g}–{vessel.max_speed_kn:g} kn")
        fleet = max(1, math.ceil((nm / speed + port_h + canal_h) / cycle_h - 1e-9))
    else:
        fleet = positive_int("ships", ships)  # type: ignore[arg-type]
        speed = _speed_for_fleet(nm, fleet * cycle_h - port_h - canal_h, vessel, violations)
    sea_available_h = fleet * cycle_h - port_h - canal_h
    required = nm / sea_available_h if sea_available_h > 0 else math.inf
    sea_h = nm / speed
    return Proforma(
        ships=fleet, frequency_days=frequency_days, speed_kn=speed, required_speed_kn=required,
        round_trip_nm=nm, sea_h=sea_h, port_h=port_h, canal_h=canal_h,
        slack_h=fleet * cycle_h - port_h - canal_h - sea_h,
        calls=_call_times(legs, port_stay_h, speed), violations=tuple(violations),
    )


def _speed_for_fleet(nm: float, sea_available_h: float, vessel: VesselClass,
                     violations: list[str]) -> float:
    if sea_available_h <= 0:
        violations.append("port and canal time alone exceed the round-voyage time the fleet "
                          "and frequency allow")
        return vessel.max_speed_kn
    required = nm / sea_available_h
    if required > vessel.max_speed_kn:
        violations.append(f"the frequency needs {required:.2f} kn, above the {vessel.name} "
                          f"maximum {vessel.max_speed_kn:g} kn")
        return vessel.max_speed_kn
    return max(required, vessel.min_speed_kn)


def _call_times(legs: list[VoyageLeg], port_stay_h: list[float],
                speed_kn: float) -> tuple[CallTimes, ...]:
    if len(legs) != len(port_stay_h):
        raise InputError("port_stay_h", port_stay_h, "needs one value per call")
    calls, eta = [], 0.0
    for leg, stay in zip(legs, port_stay_h, strict=True):
        calls.append(CallTimes(leg.origin, eta, eta + stay))
        eta += stay + leg.distance_nm / speed_kn + leg.canal_transit_h
    return tuple(calls)
