"""A planning case: one service with its fleet, economics, routing policy and reference data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from tradelane.domain import _checks
from tradelane.domain.demand import Demand
from tradelane.domain.fuel import Fuel
from tradelane.domain.inland import InlandNetwork
from tradelane.domain.passage import Canal
from tradelane.domain.port import Port
from tradelane.domain.routing import CANALS, Routing
from tradelane.domain.service import Service
from tradelane.domain.terminal import Terminal
from tradelane.domain.vessel import VesselClass
from tradelane.errors import InputError

PortDraftRule = Literal["warn", "hard"]


@dataclass(frozen=True, slots=True)
class PortCallCost:
    """What one call costs the ship: a fixed fee plus a fee per FFE of vessel capacity."""

    fixed_usd: float = 0.0
    per_ffe_usd: float = 0.0

    def __post_init__(self) -> None:
        _checks.non_negative("call_cost_usd", self.fixed_usd)
        _checks.non_negative("call_cost_usd_per_ffe", self.per_ffe_usd)

    def for_vessel_usd(self, vessel: VesselClass) -> float:
        """Cost of one call by a ship of ``vessel``'s class."""
        return self.fixed_usd + self.per_ffe_usd * vessel.capacity_ffe


@dataclass(frozen=True, slots=True)
class Economics:
    """Prices the plan uses: bunker, fuel type, port calls, canal fees, rejected cargo."""

    bunker_usd_per_t: float
    fuel: Fuel
    port_call_costs: Mapping[str, PortCallCost] = field(default_factory=dict)
    canal_fees_usd: Mapping[str, float] = field(default_factory=dict)
    rejection_penalty_usd_per_teu: float = 0.0

    def __post_init__(self) -> None:
        _checks.positive("economics.bunker_usd_per_t", self.bunker_usd_per_t)
        _checks.non_negative("economics.rejection_penalty_usd_per_teu",
                             self.rejection_penalty_usd_per_teu)
        for canal, fee in self.canal_fees_usd.items():
            _checks.non_negative(f"economics.{canal}_fee_usd", fee)


@dataclass(frozen=True, slots=True)
class RoutingPolicy:
    """Which routings to compare, which passages are closed, and temporary limits.

    ``port_draft`` decides what a port shallower than the vessel's draft means: ``"warn"``
    (the ship calls part-laden or on the tide) or ``"hard"`` (the routing is infeasible).
    """

    options: tuple[Routing, ...]
    closed: frozenset[str] = frozenset()
    panama_draft_limit_m: float | None = None
    port_draft: PortDraftRule = "warn"

    def __post_init__(self) -> None:
        if not self.options:
            raise InputError("routing.options", [], "needs at least one of panama, suez, cape")
        if self.panama_draft_limit_m is not None:
            _checks.positive("routing.panama_draft_limit_m", self.panama_draft_limit_m)
        if self.port_draft not in ("warn", "hard"):
            raise InputError("routing.port_draft", self.port_draft, "must be 'warn' or 'hard'")


CARGO_SHARE_OF_DEADWEIGHT = 6 / 7
"""Share of deadweight bookable as cargo when the case gives no ``cargo_t_per_leg``
(assumption: the case brief's A13 figures, 120,000 t of cargo for 140,000 t deadweight; the
rest is bunkers, fresh water, ballast, stores and the constant)."""


@dataclass(frozen=True, slots=True)
class Case:
    """Everything ``tradelane plan`` needs, resolved and validated.

    ``ports`` holds the port record of every call (shipped table merged with the case's
    overrides); ``canals`` the canal limits in force (case overrides applied); ``start`` is the
    first call's ETA, ``None`` when the case leaves it to the caller. ``terminals`` describe
    berths and cranes by port, ``demand`` the weekly cargo, ``moves_teu`` explicit TEU moved
    per call (otherwise derived from ``demand``); ``handling_usd_per_ffe`` (loaded or discharged)
    and ``transshipment_usd_per_ffe`` price the cargo by port. ``inland`` is the inland network
    feeding the sea ports by rail and road, with the demand rows from inland ports; ``demand``
    shows those rows from their sea port (the port-to-port view), ``sea_demand`` leaves them out.
    """

    service: Service
    vessel_class: VesselClass
    ships: int
    economics: Economics
    routing: RoutingPolicy
    ports: Mapping[str, Port]
    canals: Mapping[str, Canal]
    start: datetime | None = None
    source: str = ""
    terminals: Mapping[str, Terminal] = field(default_factory=dict)
    demand: tuple[Demand, ...] = ()
    moves_teu: Mapping[str, float] = field(default_factory=dict)
    handling_usd_per_ffe: Mapping[str, float] = field(default_factory=dict)
    transshipment_usd_per_ffe: Mapping[str, float] = field(default_factory=dict)
    cargo_t_per_leg: float | None = None
    cabotage_allowed: tuple[str, ...] = ()
    cargo_share_of_deadweight: float = CARGO_SHARE_OF_DEADWEIGHT
    inland: InlandNetwork | None = None

    def __post_init__(self) -> None:
        _checks.positive_int("fleet.ships", self.ships)
        if self.cargo_t_per_leg is not None:
            _checks.non_negative("fleet.cargo_t_per_leg", self.cargo_t_per_leg)
        for country in self.cabotage_allowed:
            if not (isinstance(country, str) and len(country) == 2 and country.isalpha()
                    and country.isupper()):
                raise InputError("booking.cabotage_allowed", country,
                                 "must be a two-letter ISO 3166 country code such as CN")
        if not 0 < self.cargo_share_of_deadweight <= 1:
            raise InputError("fleet.cargo_share_of_deadweight", self.cargo_share_of_deadweight,
                             "must be a share above 0 and at most 1")
        if self.start is not None and self.start.tzinfo is None:
            raise InputError("service.start", self.start.isoformat(),
                             "needs a UTC offset, e.g. 2024-01-01T00:00:00Z")
        for code in self.service.rotation:
            if code not in self.ports:
                raise InputError("service.rotation", code, "has no port record")
        for canal in CANALS:
            if canal not in self.canals:
                raise InputError("canals", canal, "has no limits record")

    @property
    def sea_demand(self) -> tuple[Demand, ...]:
        """The demand rows that start at a sea port (``demand`` without the inland rows)."""
        return self.demand if self.inland is None else self.inland.sea_demand

    @property
    def bookable_t_per_leg(self) -> float:
        """Tonnes of cargo a leg may carry: ``[fleet] cargo_t_per_leg`` where given, else the
        vessel class's deadweight × ``cargo_share_of_deadweight``."""
        if self.cargo_t_per_leg is not None:
            return self.cargo_t_per_leg
        deadweight = self.vessel_class.deadweight_t
        if deadweight is None:
            raise InputError("fleet.cargo_t_per_leg", None, f"is needed: vessel class "
                             f"{self.vessel_class.name} gives no deadweight_t")
        return deadweight * self.cargo_share_of_deadweight

    def canal_fee_usd(self, canal: str) -> float:
        """Fee per transit of ``canal`` for this case's vessel class (case value first)."""
        if canal in self.economics.canal_fees_usd:
            return self.economics.canal_fees_usd[canal]
        fee = getattr(self.vessel_class, f"{canal}_fee_usd")
        return 0.0 if fee is None else float(fee)

    def port_call_cost_usd(self, locode: str) -> float:
        """Cost of one call at ``locode`` by this case's vessel (0 where the case gives none)."""
        cost = self.economics.port_call_costs.get(locode, PortCallCost())
        return cost.for_vessel_usd(self.vessel_class)
