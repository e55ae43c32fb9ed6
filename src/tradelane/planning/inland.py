"""Door-to-port cargo of one routing option: sea demand and inland demand over trains and ships.

The case's sea demand and its inland demand rows share the ship's legs in one flow
(:mod:`tradelane.flow.intermodal`); inland rows reach their sea port on a block-train departure
of the weekly timetable (:mod:`tradelane.planning.inland_feeders`) or by road. Transit time is
counted door (the train's or truck's departure) to the ship's arrival at the port of discharge,
against ``max_transit_days``. Per inland port the plan reports TEU by rail and by road, TEU
rejected, the trains' utilisation and the CO2 saved by rail against the road.

Each inland row not carried in full gets its reason, checked in this order: the fastest way
(a train timed to the ship, or the road) is over the limit (``transit_limit``); no train takes
its kind and there is no road (``not_accepted``); no departure of the timetable and no road is
in time (``no_train_in_time``); it does not pay (``unprofitable``); every train in time is full
(``train_full``); a ship leg on its way is full (``leg_full``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime

import numpy as np

from tradelane.domain import Case
from tradelane.domain.inland import InlandDemand, InlandNetwork
from tradelane.economics.voyage_cost import VoyageCost
from tradelane.flow.intermodal import InlandCommodity, IntermodalData, IntermodalSolution, ways
from tradelane.flow.intermodal import solve as solve_intermodal
from tradelane.flow.params import FlowParams
from tradelane.planning.cargo import (
    CARGO_PARAMS,
    CargoPlan,
    LegLoad,
    Rejection,
    RejectionCause,
    _flow_data,
    _full_sentence,
    _offered,
    _rejection,
)
from tradelane.planning.inland_feeders import (
    FeederDeparture,
    fastest_rail_days,
    feeder_departures,
    road_km,
)
from tradelane.schedule.proforma import Proforma, VoyageLeg

__all__ = ["InlandPlan", "InlandPortLoad", "TrainLoad", "route_intermodal"]

_FULL = 1e-6


@dataclass(frozen=True, slots=True)
class TrainLoad:
    """One train departure of the week: what the lane's cargo uses of it."""

    label: str
    inland_port: str
    sea_port: str
    departure_week_h: float
    teu: float
    capacity_teu: float
    t: float
    capacity_t: float
    door_to_ship_departure_days: float

    @property
    def utilisation(self) -> float:
        """Share of the train's TEU used."""
        return self.teu / self.capacity_teu if self.capacity_teu else 0.0


@dataclass(frozen=True, slots=True)
class InlandPortLoad:
    """Weekly figures of one inland port.

    ``co2_saved_t``: per TEU by rail, the road's CO2 (road km × the road factor) less the
    rail's (rail km × the rail factor), in tonnes; counted against the road even where the
    case closes the road.
    """

    locode: str
    name: str
    offered_teu: float
    rail_teu: float
    road_teu: float
    train_capacity_teu: float
    co2_saved_t: float

    @property
    def rejected_teu(self) -> float:
        """TEU offered but carried neither by rail nor by road."""
        return max(0.0, self.offered_teu - self.rail_teu - self.road_teu)

    @property
    def train_utilisation_pct(self) -> float:
        """Rail TEU / the TEU the week's trains offer, in per cent."""
        return 100 * self.rail_teu / self.train_capacity_teu if self.train_capacity_teu else 0.0


@dataclass(frozen=True, slots=True)
class InlandPlan:
    """Per inland port, per train departure, and the inland rows not carried (with why)."""

    ports: tuple[InlandPortLoad, ...]
    trains: tuple[TrainLoad, ...]
    rejected: tuple[Rejection, ...]
    rail_usd: float
    road_usd: float


def route_intermodal(case: Case, legs: tuple[VoyageLeg, ...], p: Proforma, cost: VoyageCost,
                     start: datetime, params: FlowParams = CARGO_PARAMS
                     ) -> tuple[CargoPlan, InlandPlan]:
    """Route the case's sea and inland demand together over one routing option."""
    network = case.inland
    if network is None:
        raise ValueError("route_intermodal needs a case with an inland network")
    sea_case = replace(case, demand=case.sea_demand)
    sea = _flow_data(sea_case, legs, p)
    feeders = feeder_departures(case, p, start)
    penalty = 2 * case.economics.rejection_penalty_usd_per_teu
    inland = tuple(InlandCommodity(d.row.origin, d.row.destination, d.row.teu_per_week / 2,
                                   2 * d.row.revenue_usd_per_teu, penalty,
                                   d.row.max_transit_days, 2 * d.t_per_teu, d.cargo.value)
                   for d in network.demand)
    data = IntermodalData(sea.ports, sea.services[0], sea.commodities, inland,
                          tuple(f.feeder for f in feeders))
    result = solve_intermodal(data, params)
    weekly = cost.scaled(7 / p.frequency_days).total_usd
    offered = _offered(case)  # the port view holds the inland rows too
    sol = result.solution
    if sol is None:
        empty = InlandPlan((), (), (), 0.0, 0.0)
        return CargoPlan(result.status, offered, 0.0, 0.0, 0.0, 0.0, 0.0, weekly, (), (),
                         result.runtime_s), empty
    capacity = float(case.vessel_class.capacity_teu)
    loads = tuple(LegLoad(leg.origin, leg.destination, 2 * float(f), capacity, float(d) / 2)
                  for leg, f, d in zip(legs, sol.leg_flow_ffe, sol.leg_dual_usd_per_ffe,
                                       strict=True))
    sea_rejected = [_rejection(sea, d, k, loads, 2 * float(x))
                    for k, (d, x) in enumerate(zip(sea_case.demand, sol.sea_delivered_ffe,
                                                   strict=True))
                    if d.teu_per_week - 2 * float(x) > 1e-6]
    trains = _train_loads(feeders, sol)
    rejected = tuple(_inland_rejection(case, network, data, feeders, trains, loads, d, k, sol)
                     for k, d in enumerate(network.demand)
                     if d.row.teu_per_week - 2 * float(sol.inland_delivered_ffe[k]) > 1e-6)
    rail, road = _freight(feeders, sol)
    plan = InlandPlan(_port_loads(case, network, feeders, sol), trains, rejected, rail, road)
    carried = 2 * float(sol.sea_delivered_ffe.sum() + sol.inland_delivered_ffe.sum())
    cargo = CargoPlan(
        status=result.status, offered_teu=offered, carried_teu=carried,
        revenue_usd=sol.revenue_usd, handling_usd=sol.handling_cost_usd, transshipment_usd=0.0,
        penalty_usd=sol.penalty_usd, vessel_cost_usd=weekly, legs=loads,
        rejected=(*sea_rejected, *rejected), runtime_s=result.runtime_s,
        inland_freight_usd=sol.feeder_cost_usd)
    return cargo, plan


def _train_loads(feeders: tuple[FeederDeparture, ...], sol: IntermodalSolution
                 ) -> tuple[TrainLoad, ...]:
    per_feeder = sol.inland_feeder_ffe.sum(axis=0) if sol.inland_feeder_ffe.size else \
        np.zeros(len(feeders))
    return tuple(TrainLoad(f.label, f.inland_port, f.sea_port, f.departure_week_h,
                           2 * float(per_feeder[j]), float(f.train.teu_per_train),
                           float(sol.feeder_t[j]), f.train.max_t_per_train,
                           f.feeder.door_to_departure_days)
                 for j, f in enumerate(feeders) if f.train is not None)


def _freight(feeders: tuple[FeederDeparture, ...], sol: IntermodalSolution
             ) -> tuple[float, float]:
    per_feeder = sol.inland_feeder_ffe.sum(axis=0) if sol.inland_feeder_ffe.size else \
        np.zeros(len(feeders))
    rail = sum(float(v) * f.feeder.cost_usd_per_ffe for f, v in zip(feeders, per_feeder,
                                                                     strict=True) if f.train)
    road = sum(float(v) * f.feeder.cost_usd_per_ffe for f, v in zip(feeders, per_feeder,
                                                                     strict=True) if not f.train)
    return rail, road


def _port_loads(case: Case, network: InlandNetwork, feeders: tuple[FeederDeparture, ...],
                sol: IntermodalSolution) -> tuple[InlandPortLoad, ...]:
    out = []
    road = network.road
    for code, port in network.ports.items():
        rows = [k for k, d in enumerate(network.demand) if d.row.origin == code]
        rail_teu = road_teu = co2_kg = capacity = 0.0
        for j, f in enumerate(feeders):
            if f.inland_port != code:
                continue
            teu = 2 * float(sol.inland_feeder_ffe[rows, j].sum()) if rows else 0.0
            if f.train is None:
                road_teu += teu
                continue
            rail_teu += teu
            capacity += f.train.teu_per_train
            by_road = road_km(network, case, f.inland_port, f.sea_port)
            co2_kg += teu * (by_road * road.co2_kg_per_teu_km
                             - f.distance_km * road.rail_co2_kg_per_teu_km)
        offered = sum(network.demand[k].row.teu_per_week for k in rows)
        out.append(InlandPortLoad(code, port.name, offered, rail_teu, road_teu, capacity,
                                  co2_kg / 1000))
    return tuple(out)


def _inland_rejection(case: Case, network: InlandNetwork, data: IntermodalData,
                      feeders: tuple[FeederDeparture, ...],
                      trains: tuple[TrainLoad, ...], loads: tuple[LegLoad, ...],
                      d: InlandDemand, k: int, sol: IntermodalSolution) -> Rejection:
    row, limit = d.row, d.row.max_transit_days
    stay = data.service.port_stay_days
    teu = row.teu_per_week - 2 * float(sol.inland_delivered_ffe[k])

    def sea_days(port: str) -> float:
        return min((w.days - stay for w in ways(data.service, port, row.destination)),
                   default=math.inf)

    def rejection(reason: str, cause: RejectionCause, days: float,
                  full: tuple[LegLoad, ...] = ()) -> Rejection:
        return Rejection(row.origin, row.destination, teu, reason, cause, days, full)

    mine = [(j, f) for j, f in enumerate(feeders) if f.inland_port == row.origin]
    takes = [(j, f) for j, f in mine if f.feeder.accepts(d.cargo.value)]
    best = min((fastest_rail_days(link, network) + sea_days(link.sea_port)
                for link in network.links_from(row.origin)), default=math.inf)
    best = min([best] + [f.feeder.door_to_departure_days + sea_days(f.sea_port)
                         for _, f in takes if f.train is None])
    lim = math.inf if limit is None else limit
    if best > lim + 1e-9:
        return rejection(f"transit {best:.1f} days door to port exceeds the {lim:g}-day limit "
                         f"even on a train timed to the ship", RejectionCause.TRANSIT_LIMIT, best)
    if not takes:
        return rejection(f"no train from {row.origin} takes {d.cargo.value} cargo and the road "
                         f"is closed", RejectionCause.NOT_ACCEPTED, best)
    timely = [(j, f) for j, f in takes
              if f.feeder.door_to_departure_days + sea_days(f.sea_port) <= lim + 1e-9]
    if not timely:
        fastest = min(f.feeder.door_to_departure_days + sea_days(f.sea_port) for _, f in takes)
        return rejection(f"no train in time: the best departure takes {fastest:.1f} days door to "
                         f"port, over the {lim:g}-day limit", RejectionCause.NO_TRAIN_IN_TIME,
                         fastest)
    value = row.revenue_usd_per_teu + case.economics.rejection_penalty_usd_per_teu
    cheapest = min(f.feeder.cost_usd_per_ffe / 2 for _, f in timely)
    ends = (case.handling_usd_per_ffe.get(timely[0][1].sea_port, 0.0)
            + case.handling_usd_per_ffe.get(row.destination, 0.0)) / 2
    if value <= cheapest + ends + 0.005:
        return rejection(f"carrying it would not pay (revenue {value:,.0f} ≤ inland freight "
                         f"{cheapest:,.0f} + handling {ends:,.0f} per TEU)",
                         RejectionCause.UNPROFITABLE, best)
    by_label = {t.label: t for t in trains}
    full_trains = [by_label[f.label] for j, f in timely if f.train is not None
                   and _train_full(by_label[f.label], f, j, d.cargo.value, data, sol)]
    if all(f.train is not None for _, f in timely) and len(full_trains) == len(timely):
        names = ", ".join(t.label for t in full_trains[:3]) + (" …" if len(full_trains) > 3
                                                                else "")
        return rejection(f"every train in time is full ({names})", RejectionCause.TRAIN_FULL,
                         best)
    on_way = {i for _, f in timely for w in ways(data.service, f.sea_port, row.destination)
              for i in w.legs}
    full = tuple(loads[i] for i in sorted(on_way) if loads[i].is_full)
    if full:
        return rejection(_full_sentence(full), RejectionCause.LEG_FULL, best, full)
    return rejection("the optimal routing leaves it out although no train or leg on its way is "
                     "full", RejectionCause.LEG_FULL, best)


def _train_full(t: TrainLoad, f: FeederDeparture, j: int, kind: str, data: IntermodalData,
                sol: IntermodalSolution) -> bool:
    """The departure's TEU or tonnes are used up, or its reefer or DG room for ``kind``."""
    if t.teu >= t.capacity_teu * (1 - _FULL) - 1e-6 or t.t >= t.capacity_t * (1 - _FULL) - 1e-6:
        return True
    if kind == "dry":
        return False
    used = sum(float(sol.inland_feeder_ffe[k, j]) for k, c in enumerate(data.inland)
               if c.kind == kind)
    room = f.feeder.reefer_ffe if kind == "reefer" else f.feeder.dg_ffe
    return used >= room * (1 - _FULL) - 1e-6
