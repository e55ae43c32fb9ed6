"""LINER-LIB records: ports, routes, vessel classes, fleets, demand, services and networks.

Frozen, validated dataclasses with units in their field names, named ``Linerlib*`` where the
general domain has a record of the same idea (:class:`tradelane.domain.Port`,
:class:`~tradelane.domain.VesselClass`, :class:`~tradelane.domain.Demand`,
:class:`~tradelane.domain.Service`): these carry the benchmark's own fields and units (FFE,
USD per FFE, ``NULL`` costs). The readers and writers are in :mod:`tradelane.io.linerlib_data`
and :mod:`tradelane.io.linerlib_network`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from tradelane.errors import InputError

__all__ = [
    "CAPACITY_CASE_NAMES",
    "DistanceRow",
    "FleetEntry",
    "LinerlibDemand",
    "LinerlibNetwork",
    "LinerlibPort",
    "LinerlibService",
    "LinerlibVesselClass",
    "PublishedLog",
]

CAPACITY_CASE_NAMES = ("low", "base", "high")
"""The capacity cases of every LINER-LIB instance."""


def _check_nonnegative(owner: str, **values: float | None) -> None:
    for name, value in values.items():
        if value is not None and not (value >= 0 and math.isfinite(value)):
            raise InputError(f"{owner}.{name}", value, "must be a finite number ≥ 0")


@dataclass(frozen=True, slots=True)
class LinerlibPort:
    """A LINER-LIB port; cost fields are ``None`` where the file says ``NULL`` or nothing.

    Attributes
    ----------
    unlocode, name, country, cabotage_region, region : str
        Identity and grouping.
    longitude_deg, latitude_deg : float | None
        Position, not range-checked (missing for some way points, swapped for a few).
    draft_m : float | None
        Deepest vessel draft the port accepts.
    handling_cost_usd_per_ffe : float | None
        Cost per FFE loaded or discharged (``CostPerFULL``).
    transshipment_cost_usd_per_ffe : float | None
        Cost per FFE transshipped (``CostPerFULLTrnsf``).
    call_cost_fixed_usd : float | None
        Cost per port call; eight ports have a negative value in ``ports.csv``, kept as is.
    call_cost_usd_per_capacity_ffe : float | None
        Cost per port call per FFE of vessel capacity.
    """

    unlocode: str
    name: str
    country: str
    cabotage_region: str
    region: str
    longitude_deg: float | None
    latitude_deg: float | None
    draft_m: float | None
    handling_cost_usd_per_ffe: float | None
    transshipment_cost_usd_per_ffe: float | None
    call_cost_fixed_usd: float | None
    call_cost_usd_per_capacity_ffe: float | None

    def __post_init__(self) -> None:
        _check_nonnegative(
            f"LinerlibPort {self.unlocode}",
            draft_m=self.draft_m,
            handling_cost_usd_per_ffe=self.handling_cost_usd_per_ffe,
            transshipment_cost_usd_per_ffe=self.transshipment_cost_usd_per_ffe,
            call_cost_usd_per_capacity_ffe=self.call_cost_usd_per_capacity_ffe,
        )

    @property
    def is_complete(self) -> bool:
        """True when every cost field and the draft are known."""
        return None not in (
            self.draft_m,
            self.handling_cost_usd_per_ffe,
            self.transshipment_cost_usd_per_ffe,
            self.call_cost_fixed_usd,
            self.call_cost_usd_per_capacity_ffe,
        )


@dataclass(frozen=True, slots=True)
class DistanceRow:
    """One route between two ports; a pair may have several (direct, via Panama, via Suez).

    ``draft_m`` is the deepest vessel draft allowed on the route (given on Panama rows only).
    """

    from_port: str
    to_port: str
    distance_nm: float
    draft_m: float | None
    via_panama: bool
    via_suez: bool

    def __post_init__(self) -> None:
        _check_nonnegative("DistanceRow", distance_nm=self.distance_nm, draft_m=self.draft_m)


@dataclass(frozen=True, slots=True)
class LinerlibVesselClass:
    """A LINER-LIB vessel class; canal fees are ``None`` where the class cannot transit."""

    name: str
    capacity_ffe: float
    charter_usd_per_day: float
    draft_m: float
    min_speed_kn: float
    max_speed_kn: float
    design_speed_kn: float
    fuel_t_per_day_at_design_speed: float
    idle_fuel_t_per_day: float
    panama_fee_usd: float | None
    suez_fee_usd: float | None

    def __post_init__(self) -> None:
        owner = f"LinerlibVesselClass {self.name}"
        _check_nonnegative(
            owner,
            capacity_ffe=self.capacity_ffe,
            charter_usd_per_day=self.charter_usd_per_day,
            draft_m=self.draft_m,
            fuel_t_per_day_at_design_speed=self.fuel_t_per_day_at_design_speed,
            idle_fuel_t_per_day=self.idle_fuel_t_per_day,
            panama_fee_usd=self.panama_fee_usd,
            suez_fee_usd=self.suez_fee_usd,
        )
        if not 0 < self.min_speed_kn <= self.max_speed_kn:
            raise InputError(f"{owner}.min_speed_kn", self.min_speed_kn,
                             "must be > 0 and ≤ max_speed_kn")
        if not self.design_speed_kn > 0:
            raise InputError(f"{owner}.design_speed_kn", self.design_speed_kn, "must be > 0")

    def fuel_t_per_day(self, speed_kn: float) -> float:
        """Bunker burn at ``speed_kn`` by the cubic law F*·(σ/σ*)³."""
        return self.fuel_t_per_day_at_design_speed * (speed_kn / self.design_speed_kn) ** 3


@dataclass(frozen=True, slots=True)
class FleetEntry:
    """How many vessels of a class an instance has."""

    vessel_class: str
    quantity: int

    def __post_init__(self) -> None:
        if self.quantity < 0:
            raise InputError(f"FleetEntry {self.vessel_class}.quantity", self.quantity,
                             "must be ≥ 0")


@dataclass(frozen=True, slots=True)
class LinerlibDemand:
    """Weekly demand of one O-D pair (``line`` is its line in the source file)."""

    origin: str
    destination: str
    volume_ffe_per_week: float
    revenue_usd_per_ffe: float
    transit_time_days: float
    line: int = 0

    def __post_init__(self) -> None:
        _check_nonnegative(
            f"LinerlibDemand {self.origin}-{self.destination}",
            volume_ffe_per_week=self.volume_ffe_per_week,
            revenue_usd_per_ffe=self.revenue_usd_per_ffe,
            transit_time_days=self.transit_time_days,
        )


@dataclass(frozen=True, slots=True)
class LinerlibService:
    """One liner service of a LINER-LIB network, sailing its rotation weekly.

    Attributes
    ----------
    vessel_class : str
        Vessel class name (``fleet_data.csv``).
    vessels : int
        Number of vessels deployed (≥ 1).
    speed_kn : float
        Sailing speed in knots (> 0).
    calls : tuple[str, ...]
        UN/LOCODEs in call order; the rotation closes from the last call back to the first (a
        port may be called twice, a "butterfly" rotation, but not twice in a row).
    name : str
        Free label.
    """

    vessel_class: str
    vessels: int
    speed_kn: float
    calls: tuple[str, ...]
    name: str = ""

    def __post_init__(self) -> None:
        owner = "LinerlibService"
        if not self.vessel_class:
            raise InputError(f"{owner}.vessel_class", self.vessel_class, "must not be empty")
        if isinstance(self.vessels, bool) or not isinstance(self.vessels, int) or self.vessels < 1:
            raise InputError(f"{owner}.vessels", self.vessels, "must be a whole number ≥ 1")
        if not (math.isfinite(self.speed_kn) and self.speed_kn > 0):
            raise InputError(f"{owner}.speed_kn", self.speed_kn, "must be a finite number > 0")
        if len(self.calls) < 2:
            raise InputError(f"{owner}.calls", self.calls, "a rotation needs at least two calls")
        for a, b in zip(self.calls, self.calls[1:] + self.calls[:1], strict=True):
            if a == b:
                raise InputError(f"{owner}.calls", self.calls, f"port {a} is called twice in a row")


@dataclass(frozen=True, slots=True)
class LinerlibNetwork:
    """A set of services, optionally tagged with the LINER-LIB instance it was designed for."""

    services: tuple[LinerlibService, ...]
    instance: str | None = None
    capacity_case: str | None = None

    def __post_init__(self) -> None:
        if self.capacity_case not in (None, *CAPACITY_CASE_NAMES):
            raise InputError("LinerlibNetwork.capacity_case", self.capacity_case,
                             "must be low, base or high")


@dataclass(frozen=True, slots=True)
class PublishedLog:
    """A published best-network log: the network plus the figures the log reports (USD/week)."""

    network: LinerlibNetwork
    objective_usd: float
    profit_usd: float
    figures: Mapping[str, float] = field(default_factory=dict)
