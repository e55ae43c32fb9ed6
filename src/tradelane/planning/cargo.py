"""The case's weekly cargo routed over one routing option's service (multi-commodity flow).

The service is one FlowService: every leg offers the vessel's capacity once a week. Handling
costs per FFE come from ``[ports.X] handling_usd_per_ffe`` (loaded or discharged) and
``transshipment_usd_per_ffe``; cargo not carried pays ``[economics]
rejection_penalty_usd_per_teu`` (default 0). Transit-time limits use each leg's sailing and
canal hours plus the mean port stay per intermediate call. Weekly profit = cargo revenue −
handling − transshipment − the service's weekly vessel cost (bunker, charter, port calls,
canals).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from tradelane.domain import Case, Demand
from tradelane.economics.voyage_cost import VoyageCost
from tradelane.errors import InputError
from tradelane.flow.data import Commodity, FlowData, FlowPort, FlowService
from tradelane.flow.paths import solve as solve_flow
from tradelane.result import Status
from tradelane.schedule.proforma import Proforma, VoyageLeg


@dataclass(frozen=True, slots=True)
class LegLoad:
    """TEU on board one leg per week, against the vessel's capacity."""

    origin: str
    destination: str
    teu: float
    capacity_teu: float

    @property
    def utilisation(self) -> float:
        """Share of capacity used."""
        return self.teu / self.capacity_teu if self.capacity_teu else 0.0


@dataclass(frozen=True, slots=True)
class Rejection:
    """Demand not carried, with why: the transit-time limit, or no room on the way."""

    origin: str
    destination: str
    teu: float
    reason: str


@dataclass(frozen=True, slots=True)
class CargoPlan:
    """What one routing option carries per week, and what it earns."""

    status: Status
    offered_teu: float
    carried_teu: float
    revenue_usd: float
    handling_usd: float
    transshipment_usd: float
    penalty_usd: float
    vessel_cost_usd: float
    legs: tuple[LegLoad, ...]
    rejected: tuple[Rejection, ...]
    runtime_s: float

    @property
    def rejected_teu(self) -> float:
        """TEU offered but not carried."""
        return self.offered_teu - self.carried_teu

    @property
    def profit_usd(self) -> float:
        """Revenue − handling − transshipment − weekly vessel cost (penalty not included)."""
        return self.revenue_usd - self.handling_usd - self.transshipment_usd - self.vessel_cost_usd


def route_cargo(case: Case, legs: tuple[VoyageLeg, ...], p: Proforma, cost: VoyageCost, *,
                time_limit_s: float = 60.0, seed: int = 0) -> CargoPlan | None:
    """Route the case's demand over one routing option's legs; ``None`` without demand."""
    if not case.demand:
        return None
    data = _flow_data(case, legs, p)
    result = solve_flow(data, time_limit_s=time_limit_s, seed=seed)
    sol = result.solution
    weekly_cost = cost.scaled(7 / p.frequency_days).total_usd
    capacity = float(case.vessel_class.capacity_teu)
    if sol is None:
        return CargoPlan(result.status, _offered(case), 0.0, 0.0, 0.0, 0.0, 0.0, weekly_cost,
                         (), (), result.runtime_s)
    loads = tuple(LegLoad(leg.origin, leg.destination, 2 * float(ffe), capacity)
                 for leg, ffe in zip(legs, sol.leg_flow_ffe[0], strict=True))
    service = data.services[0]
    rejected = tuple(
        Rejection(d.origin, d.destination, d.teu_per_week - 2 * float(x), _why(service, d))
        for d, x in zip(case.demand, sol.delivered_ffe, strict=True)
        if d.teu_per_week - 2 * float(x) > 1e-6)
    return CargoPlan(
        status=result.status, offered_teu=_offered(case),
        carried_teu=2 * float(sol.delivered_ffe.sum()), revenue_usd=sol.revenue_usd,
        handling_usd=sol.handling_cost_usd, transshipment_usd=sol.transshipment_cost_usd,
        penalty_usd=sol.penalty_usd, vessel_cost_usd=weekly_cost, legs=loads, rejected=rejected,
        runtime_s=result.runtime_s,
    )


def transit_days(service: FlowService, origin: str, destination: str) -> float:
    """Shortest time on board from ``origin`` to ``destination`` along the loop.

    Same definition as the flow model: per leg sailed, the port stay at its departure call
    plus its sailing days. ``inf`` when the service does not call both ports.
    """
    n, best = len(service.calls), math.inf
    for i in (k for k, code in enumerate(service.calls) if code == origin):
        days, j = 0.0, i
        for _ in range(n):
            days += service.port_stay_days + service.leg_days[j]
            j = (j + 1) % n
            if service.calls[j] == destination:
                best = min(best, days)
                break
    return best


def _why(service: FlowService, demand: Demand) -> str:
    days = transit_days(service, demand.origin, demand.destination)
    limit = demand.max_transit_days
    if limit is not None and days > limit:
        return f"transit {days:.1f} days exceeds the {limit:g}-day limit"
    return "no room on the legs it needs, or it earns less than it costs"


def _offered(case: Case) -> float:
    return sum(d.teu_per_week for d in case.demand)


def _flow_data(case: Case, legs: tuple[VoyageLeg, ...], p: Proforma) -> FlowData:
    called = set(case.service.rotation)
    for i, d in enumerate(case.demand):
        for key, code in (("origin", d.origin), ("destination", d.destination)):
            if code not in called:
                raise InputError(f"demand[{i}].{key}", code, "is not called by the service")
    stays = [h for h in case.service.port_stay_h if h is not None]
    service = FlowService(
        calls=case.service.rotation, capacity_ffe=case.vessel_class.capacity_ffe,
        leg_days=tuple((leg.distance_nm / p.speed_kn + leg.canal_transit_h) / 24
                       for leg in legs),
        port_stay_days=sum(stays) / len(stays) / 24,
    )
    ports = tuple(FlowPort(code, case.handling_usd_per_ffe.get(code, 0.0),
                           case.transshipment_usd_per_ffe.get(code, 0.0))
                  for code in dict.fromkeys(case.service.rotation))
    penalty = case.economics.rejection_penalty_usd_per_teu
    commodities = tuple(Commodity(d.origin, d.destination, d.teu_per_week / 2,
                                  2 * d.revenue_usd_per_teu, 2 * penalty, d.max_transit_days)
                        for d in case.demand)
    return FlowData(ports=ports, services=(service,), commodities=commodities)
