"""The case's weekly cargo routed over one routing option's service (multi-commodity flow).

The service is one FlowService: every leg offers the vessel's capacity once a week. Handling
costs per FFE come from ``[ports.X] handling_usd_per_ffe`` (loaded or discharged) and
``transshipment_usd_per_ffe``; cargo not carried pays ``[economics]
rejection_penalty_usd_per_teu`` (default 0). Transit-time limits use each leg's sailing and
canal hours plus the mean port stay per intermediate call. Weekly profit = cargo revenue −
handling − transshipment − the service's weekly vessel cost (bunker, charter, port calls,
canals).

Every demand not carried in full gets the cause the optimal flow shows, checked in this order:
no way along the rotation within its transit-time limit; carrying it costs more in handling
than it earns (with the rejection penalty it avoids); or a leg on its way is full — the LP's
capacity row of that leg binds (positive dual) and its load equals the vessel's capacity.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

from tradelane.domain import Case, Demand
from tradelane.economics.voyage_cost import VoyageCost
from tradelane.errors import InputError
from tradelane.flow.data import FlowCommodity, FlowData, FlowPort, FlowService
from tradelane.flow.params import FlowParams
from tradelane.flow.paths import solve as solve_flow
from tradelane.result import Status
from tradelane.schedule.proforma import Proforma, VoyageLeg

__all__ = ["CARGO_PARAMS", "CargoPlan", "LegLoad", "Rejection", "RejectionCause", "route_cargo",
           "transit_days"]

CARGO_PARAMS = FlowParams(time_limit_s=60.0)
"""Flow parameters of a plan's cargo routing: 60 s, seed 0, one thread."""

_FULL_REL = 1e-7  # a leg is full when its load is within this share of its capacity


@dataclass(frozen=True, slots=True)
class LegLoad:
    """TEU on board one leg per week, against the vessel's capacity.

    ``room_value_usd_per_teu`` is the LP's shadow price of the leg's capacity: what one more TEU
    of room on this leg would add to the weekly profit (0 unless the leg is full).
    """

    origin: str
    destination: str
    teu: float
    capacity_teu: float
    room_value_usd_per_teu: float = 0.0

    @property
    def utilisation(self) -> float:
        """Share of capacity used."""
        return self.teu / self.capacity_teu if self.capacity_teu else 0.0

    @property
    def is_full(self) -> bool:
        """True when the load reaches the capacity."""
        return self.teu >= self.capacity_teu * (1 - _FULL_REL) - 1e-6


class RejectionCause(enum.StrEnum):
    """Why demand is not carried, as the optimal flow shows it."""

    TRANSIT_LIMIT = "transit_limit"
    """No way along the rotation arrives within the demand's ``max_transit_days``."""
    UNPROFITABLE = "unprofitable"
    """Revenue plus the rejection penalty avoided does not pay for the handling."""
    LEG_FULL = "leg_full"
    """A leg on its way is full of cargo that earns more."""
    NO_TRAIN_IN_TIME = "no_train_in_time"
    """Inland cargo: a train timed to the ship would make the limit, but no departure of the
    timetable (nor the road) does."""
    NOT_ACCEPTED = "not_accepted"
    """Inland cargo: no train on its links takes its kind (reefer, dangerous goods), no road."""
    TRAIN_FULL = "train_full"
    """Inland cargo: every train departure in time is full, and the road is not an option."""


@dataclass(frozen=True, slots=True)
class Rejection:
    """Demand not carried, with why (see :class:`RejectionCause`).

    Attributes
    ----------
    origin, destination : str
        The demand's ports.
    teu : float
        TEU per week not carried.
    reason : str
        One sentence with the figures, e.g. ``leg KRPUS→USSAV is full (13,500 / 13,500 TEU)``.
    cause : RejectionCause
        The kind of reason.
    transit_days : float
        Fastest time on board along the rotation (port stays and sailing days).
    full_legs : tuple[LegLoad, ...]
        With ``leg_full``: the full legs on its way.
    """

    origin: str
    destination: str
    teu: float
    reason: str
    cause: RejectionCause
    transit_days: float
    full_legs: tuple[LegLoad, ...] = ()


@dataclass(frozen=True, slots=True)
class CargoPlan:
    """What one routing option carries per week, and what it earns.

    With an inland network the figures include the inland demand rows (``offered_teu``,
    ``carried_teu``, ``rejected``, revenue and handling at the sea ports); ``inland_freight_usd``
    is what the rail and road legs to the sea port cost.
    """

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
    inland_freight_usd: float = 0.0

    @property
    def rejected_teu(self) -> float:
        """TEU offered but not carried."""
        return self.offered_teu - self.carried_teu

    @property
    def profit_usd(self) -> float:
        """Revenue − handling − transshipment − inland freight (rail and road to the sea port)
        − weekly vessel cost (penalty not included)."""
        return self.revenue_usd - self.handling_usd - self.transshipment_usd \
            - self.inland_freight_usd - self.vessel_cost_usd


def route_cargo(case: Case, legs: tuple[VoyageLeg, ...], p: Proforma, cost: VoyageCost,
                params: FlowParams = CARGO_PARAMS) -> CargoPlan | None:
    """Route the case's demand over one routing option's legs; ``None`` without demand.

    Parameters
    ----------
    case : Case
        Demand, ports' handling costs, vessel class and rejection penalty.
    legs : tuple[VoyageLeg, ...]
        The option's legs, in rotation order.
    p : Proforma
        Speed, port stays and frequency of the option.
    cost : VoyageCost
        The round voyage's vessel cost.
    params : FlowParams
        Time limit, seed and threads of the flow LP.
    """
    if not case.demand:
        return None
    data = _flow_data(case, legs, p)
    result = solve_flow(data, params)
    sol = result.solution
    weekly_cost = cost.scaled(7 / p.frequency_days).total_usd
    if sol is None:
        return CargoPlan(result.status, _offered(case), 0.0, 0.0, 0.0, 0.0, 0.0, weekly_cost,
                         (), (), result.runtime_s)
    capacity = float(case.vessel_class.capacity_teu)
    loads = tuple(LegLoad(leg.origin, leg.destination, 2 * float(ffe), capacity, float(dual) / 2)
                  for leg, ffe, dual in zip(legs, sol.leg_flow_ffe[0], sol.leg_dual_usd_per_ffe[0],
                                            strict=True))
    rejected = tuple(_rejection(data, d, k, loads, 2 * float(x))
                     for k, (d, x) in enumerate(zip(case.demand, sol.delivered_ffe, strict=True))
                     if d.teu_per_week - 2 * float(x) > 1e-6)
    return CargoPlan(
        status=result.status, offered_teu=_offered(case),
        carried_teu=2 * float(sol.delivered_ffe.sum()), revenue_usd=sol.revenue_usd,
        handling_usd=sol.handling_cost_usd, transshipment_usd=sol.transshipment_cost_usd,
        penalty_usd=sol.penalty_usd, vessel_cost_usd=weekly_cost, legs=loads, rejected=rejected,
        runtime_s=result.runtime_s,
    )


def _ways(service: FlowService, origin: str, destination: str) -> list[tuple[list[int], float]]:
    """Each way on board from a call at ``origin`` to the next call at ``destination``.

    Returns (leg indices, days) per way: per leg sailed, the port stay at its departure call
    plus its sailing days, as the flow model counts it.
    """
    n, ways = len(service.calls), []
    for i in (k for k, code in enumerate(service.calls) if code == origin):
        days, j, legs = 0.0, i, []
        for _ in range(n):
            days += service.port_stay_days + service.leg_days[j]
            legs.append(j)
            j = (j + 1) % n
            if service.calls[j] == destination:
                ways.append((legs, days))
                break
    return ways


def transit_days(service: FlowService, origin: str, destination: str) -> float:
    """Shortest time on board from ``origin`` to ``destination`` along the loop.

    Same definition as the flow model: per leg sailed, the port stay at its departure call
    plus its sailing days. ``inf`` when the service does not call both ports.
    """
    return min((days for _, days in _ways(service, origin, destination)), default=math.inf)


def _rejection(data: FlowData, demand: Demand, k: int, loads: tuple[LegLoad, ...],
               carried_teu: float) -> Rejection:
    """Why demand ``k`` is not carried in full, read from the optimal flow (see the module)."""
    ways = _ways(data.services[0], demand.origin, demand.destination)
    fastest = min((days for _, days in ways), default=math.inf)
    teu = demand.teu_per_week - carried_teu

    def rejection(reason: str, cause: RejectionCause, full: tuple[LegLoad, ...] = ()) -> Rejection:
        return Rejection(demand.origin, demand.destination, teu, reason, cause, fastest, full)

    limit = demand.max_transit_days
    timely = [legs for legs, days in ways if limit is None or days <= limit + 1e-9]
    if not timely:
        return rejection(f"transit {fastest:.1f} days exceeds the {limit or 0:g}-day limit",
                         RejectionCause.TRANSIT_LIMIT)
    loss = _loss(data, k)
    if loss is not None:
        return rejection(loss, RejectionCause.UNPROFITABLE)
    on_way = [loads[i] for i in dict.fromkeys(i for legs in timely for i in legs)]
    full = tuple(leg for leg in on_way if leg.is_full and leg.room_value_usd_per_teu > 0) \
        or tuple(leg for leg in on_way if leg.is_full)
    if full:
        return rejection(_full_sentence(full), RejectionCause.LEG_FULL, full)
    fullest = max(on_way, key=lambda leg: leg.utilisation)
    return rejection(f"the optimal routing leaves it out although no leg on its way is full "
                     f"(fullest: {fullest.origin}→{fullest.destination}, {fullest.teu:,.0f} / "
                     f"{fullest.capacity_teu:,.0f} TEU)", RejectionCause.LEG_FULL)


def _loss(data: FlowData, k: int) -> str | None:
    """The loss sentence when carrying commodity ``k`` earns nothing, else ``None``.

    Per TEU: revenue + the rejection penalty avoided, against handling at both ends (a single
    service carries its cargo on board, with no transshipment).
    """
    commodity = data.commodities[k]
    handling = {p.code: p.handling_cost_usd_per_ffe for p in data.ports}
    revenue = commodity.revenue_usd_per_ffe / 2
    penalty = commodity.rejection_penalty_usd_per_ffe / 2
    cost = (handling[commodity.origin] + handling[commodity.destination]) / 2
    loss = cost - revenue - penalty
    if loss < -0.005:
        return None
    earned = f"revenue {revenue:,.0f}" + (f" + rejection penalty avoided {penalty:,.0f}"
                                          if penalty else "")
    if loss <= 0.005:
        return f"carrying it would earn nothing ({earned} = handling cost {cost:,.0f} per TEU)"
    return (f"carrying it would lose USD {loss:,.0f} per TEU ({earned} < handling cost "
            f"{cost:,.0f})")


def _full_sentence(full: tuple[LegLoad, ...]) -> str:
    names = [f"{leg.origin}→{leg.destination}" for leg in full]
    if len(full) == 1:
        leg = full[0]
        return f"leg {names[0]} is full ({leg.teu:,.0f} / {leg.capacity_teu:,.0f} TEU)"
    listed = ", ".join(names[:-1]) + f" and {names[-1]}"
    return f"legs {listed} are full ({full[0].capacity_teu:,.0f} TEU each)"


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
    commodities = tuple(FlowCommodity(d.origin, d.destination, d.teu_per_week / 2,
                                      2 * d.revenue_usd_per_teu, 2 * penalty, d.max_transit_days)
                        for d in case.demand)
    return FlowData(ports=ports, services=(service,), commodities=commodities)
