"""Vessel-side weekly cost lines of one service under the LINER-LIB cost model; violations."""

from __future__ import annotations

from dataclasses import dataclass

from tradelane.domain.linerlib import LinerlibService
from tradelane.errors import InputError
from tradelane.linerlib.instance import Instance

__all__ = ["BUNKER_USD_PER_T", "PORT_STAY_DAYS", "ServiceFigures", "service_figures"]

BUNKER_USD_PER_T = 600.0
PORT_STAY_DAYS = 1.0
_SPEED_TOL_KN = 1e-3  # logs print speeds to 6 significant digits
_DAYS_TOL = 1e-3


@dataclass(frozen=True, slots=True)
class ServiceFigures:
    """One service's legs, timing, weekly vessel-side costs (USD) and rule violations.

    ``leg_days`` are sailing days per leg; ``round_trip_days`` adds one day per call.
    """

    name: str
    vessel_class: str
    vessels: int
    speed_kn: float
    capacity_ffe: float
    calls: tuple[str, ...]
    leg_distance_nm: tuple[float, ...]
    leg_days: tuple[float, ...]
    round_trip_days: float
    suez_transits: int
    panama_transits: int
    charter_usd: float
    bunker_sailing_usd: float
    bunker_idle_usd: float
    port_calls_usd: float
    canals_usd: float
    violations: tuple[str, ...]

    @property
    def distance_nm(self) -> float:
        """Round-trip distance."""
        return sum(self.leg_distance_nm)


def _port_call_cost(instance: Instance, code: str, capacity_ffe: float, label: str) -> float:
    port = instance.ports.get(code)
    if port is None:
        raise InputError(f"{label} call", code, "is not a port of ports.csv")
    fixed, per_ffe = port.call_cost_fixed_usd, port.call_cost_usd_per_capacity_ffe
    if fixed is None or per_ffe is None:
        raise InputError(f"{label} call", code, "has no port call cost in ports.csv")
    return fixed + per_ffe * capacity_ffe


def service_figures(instance: Instance, service: LinerlibService, label: str, *,
                    erratum_idle: bool = False) -> ServiceFigures:
    """Cost a service for one week (LINER-LIB model; see ``docs/linerlib.md``).

    Parameters
    ----------
    instance : Instance
        Ports, routes and vessel classes.
    service : LinerlibService
        The service.
    label : str
        Name used in messages, e.g. ``"service 3"``.
    erratum_idle : bool
        Also burn idle fuel during the waiting time 7·n − round trip (2017 erratum).
    """
    cls = instance.vessel_classes.get(service.vessel_class)
    if cls is None:
        raise InputError(f"{label} vessel_class", service.vessel_class, "is not a known class")
    legs = [instance.route(cls, a, b) for a, b in
            zip(service.calls, service.calls[1:] + service.calls[:1], strict=True)]
    speed = service.speed_kn
    leg_days = tuple(r.distance_nm / (24.0 * speed) for r in legs)
    n_calls = len(service.calls)
    round_trip = sum(leg_days) + PORT_STAY_DAYS * n_calls
    idle_days = PORT_STAY_DAYS * n_calls
    if erratum_idle:
        idle_days += max(0.0, 7.0 * service.vessels - round_trip)
    suez = sum(r.via_suez for r in legs)
    panama = sum(r.via_panama for r in legs)
    canals = suez * (cls.suez_fee_usd or 0.0) + panama * (cls.panama_fee_usd or 0.0)
    return ServiceFigures(
        name=service.name or label,
        vessel_class=cls.name,
        vessels=service.vessels,
        speed_kn=speed,
        capacity_ffe=cls.capacity_ffe,
        calls=service.calls,
        leg_distance_nm=tuple(r.distance_nm for r in legs),
        leg_days=leg_days,
        round_trip_days=round_trip,
        suez_transits=suez,
        panama_transits=panama,
        charter_usd=7.0 * cls.charter_usd_per_day * service.vessels,
        bunker_sailing_usd=BUNKER_USD_PER_T * cls.fuel_t_per_day(speed) * sum(leg_days),
        bunker_idle_usd=BUNKER_USD_PER_T * cls.idle_fuel_t_per_day * idle_days,
        port_calls_usd=sum(_port_call_cost(instance, c, cls.capacity_ffe, label)
                           for c in service.calls),
        canals_usd=canals,
        violations=tuple(_violations(instance, service, label, round_trip)),
    )


def _violations(instance: Instance, service: LinerlibService, label: str,
                round_trip: float) -> list[str]:
    cls = instance.vessel_classes[service.vessel_class]
    found = []
    if service.speed_kn < cls.min_speed_kn - _SPEED_TOL_KN:
        found.append(f"{label}: speed {service.speed_kn:g} kn is below the {cls.name} minimum "
                     f"{cls.min_speed_kn:g} kn")
    if service.speed_kn > cls.max_speed_kn + _SPEED_TOL_KN:
        found.append(f"{label}: speed {service.speed_kn:g} kn is above the {cls.name} maximum "
                     f"{cls.max_speed_kn:g} kn")
    for code in dict.fromkeys(service.calls):
        draft = instance.ports[code].draft_m
        if draft is not None and cls.draft_m > draft:
            found.append(f"{label}: {cls.name} draft {cls.draft_m:g} m exceeds {code} draft "
                         f"{draft:g} m")
    if round_trip > 7.0 * service.vessels * (1 + 1e-5) + _DAYS_TOL:
        found.append(f"{label}: round trip {round_trip:.3f} days exceeds 7 x {service.vessels} "
                     "vessels (weekly frequency)")
    return found
