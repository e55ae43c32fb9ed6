"""The inland network's weekly feeder departures into the service, timed against the ship.

Every block train of the timetable leaves on its days at its time (UTC); its departure reaches
the sea port's rail terminal after ``running_h``, the quay after the port's ``transfer_h``, and
boards the first ship whose vessel cut-off (``vessel_cutoff_h`` before the ship's departure) it
makes. The ship leaves the port at the same time every ``frequency_days`` (the lane calendar's
proforma: the ship's ETD at that call, from the calendar start). A truck on the road alternative
leaves so as to reach the quay at the cut-off: road km / speed + the cut-off. The pattern is the
same every week (steady state), so each departure of the week is one capacity of the flow.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from tradelane.domain import Case
from tradelane.domain.inland import WEEKDAYS, BlockTrain, InlandNetwork, RailLink
from tradelane.errors import InputError
from tradelane.flow.intermodal import Feeder
from tradelane.geo.rail_distance import great_circle_km
from tradelane.schedule.proforma import Proforma

__all__ = ["FeederDeparture", "TimedDeparture", "departures_between", "feeder_departures",
           "road_km", "vessel_departure_week_h"]


@dataclass(frozen=True, slots=True)
class FeederDeparture:
    """A feeder of the flow with what it stands for: a train departure (``train`` and
    ``departure_week_h``, hours after Monday 00:00 UTC) or the road (``train`` is ``None``)."""

    feeder: Feeder
    inland_port: str
    sea_port: str
    distance_km: float
    train: BlockTrain | None = None
    departure_week_h: float = 0.0

    @property
    def label(self) -> str:
        """``Jinan–Qingdao Mon 08:00`` for a train departure, ``road`` for the road."""
        if self.train is None:
            return "road"
        day = WEEKDAYS[int(self.departure_week_h // 24)]
        return f"{self.train.name} {day} {self.train.departure}"


def vessel_departure_week_h(case: Case, proforma: Proforma, start: datetime, port: str
                            ) -> float:
    """The ship's departure from ``port`` in hours after Monday 00:00 UTC (first call there)."""
    etd_h = next(c.etd_h for c in proforma.calls if c.locode == port)
    start_week_h = start.weekday() * 24 + start.hour + start.minute / 60
    return (start_week_h + etd_h) % (case.service.frequency_days * 24)


def road_km(network: InlandNetwork, case: Case, inland_port: str, sea_port: str) -> float:
    """Road distance: great circle × the road's circuity."""
    a, b = network.ports[inland_port], case.ports[sea_port]
    if b.lat_deg is None or b.lon_deg is None:
        raise InputError(f"ports.{sea_port}.lat_deg", None, "is needed for the road distance")
    return great_circle_km(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg) * network.road.circuity


def feeder_departures(case: Case, proforma: Proforma, start: datetime
                      ) -> tuple[FeederDeparture, ...]:
    """Every train departure of the week, then one road feeder per rail link (when enabled)."""
    network = case.inland
    if network is None:
        return ()
    period_h = case.service.frequency_days * 24
    out: list[FeederDeparture] = []
    for link in network.links:
        transfer = network.transfers[link.sea_port]
        etd = vessel_departure_week_h(case, proforma, start, link.sea_port)
        for train in network.trains_on(link):
            for dep in train.departures_h():
                ready = dep + link.running_h + transfer.transfer_h
                wait = (etd - transfer.vessel_cutoff_h - ready) % period_h
                days = (ready - dep + wait + transfer.vessel_cutoff_h) / 24
                out.append(FeederDeparture(_train_feeder(train, link, dep, days), link.inland_port,
                                           link.sea_port, link.distance_km, train, dep))
    if network.road.enabled:
        for link in network.links:
            km = road_km(network, case, link.inland_port, link.sea_port)
            days = (km / network.road.speed_kmh + network.transfers[link.sea_port]
                    .vessel_cutoff_h) / 24
            feeder = Feeder(f"road {link.inland_port}-{link.sea_port}", link.inland_port,
                            link.sea_port, days, 2 * km * network.road.cost_usd_per_teu_km)
            out.append(FeederDeparture(feeder, link.inland_port, link.sea_port, km))
    return tuple(out)


def _train_feeder(train: BlockTrain, link: RailLink, dep: float, days: float) -> Feeder:
    day = WEEKDAYS[int(dep // 24)]
    return Feeder(f"{train.name} {day} {train.departure}", link.inland_port, link.sea_port,
                  days, 2 * link.cost_usd_per_teu, capacity_ffe=train.teu_per_train / 2,
                  capacity_t=train.max_t_per_train, reefer_ffe=train.reefer_teu / 2,
                  dg_ffe=train.dg_teu / 2)


def fastest_rail_days(link: RailLink, network: InlandNetwork) -> float:
    """Door to the ship's departure on a train timed perfectly (no wait): the lower bound."""
    t = network.transfers[link.sea_port]
    return (link.running_h + t.transfer_h + t.vessel_cutoff_h) / 24 if link else math.inf


@dataclass(frozen=True, slots=True)
class TimedDeparture:
    """A train departure at a date and time (UTC): when it leaves, reaches the sea port's rail
    terminal and the quay, and when its bookings close."""

    train: BlockTrain
    link: RailLink
    departs_at: datetime
    arrives_at: datetime
    at_quay_at: datetime
    cutoff_at: datetime
    vessel_cutoff_h: float


def departures_between(network: InlandNetwork, since: datetime, until: datetime
                       ) -> tuple[TimedDeparture, ...]:
    """Every departure of the timetable leaving in [``since``, ``until``), in time order."""
    monday = (since - timedelta(days=since.weekday())).replace(hour=0, minute=0, second=0,
                                                                 microsecond=0)
    out = []
    for link in network.links:
        transfer = network.transfers[link.sea_port]
        for train in network.trains_on(link):
            week = monday
            while week < until:
                for hours in train.departures_h():
                    dep = week + timedelta(hours=hours)
                    if since <= dep < until:
                        arrive = dep + timedelta(hours=link.running_h)
                        out.append(TimedDeparture(
                            train, link, dep, arrive,
                            arrive + timedelta(hours=transfer.transfer_h),
                            dep - timedelta(hours=train.cutoff_h), transfer.vessel_cutoff_h))
                week += timedelta(days=7)
    return tuple(sorted(out, key=lambda d: (d.departs_at, d.train.name)))
