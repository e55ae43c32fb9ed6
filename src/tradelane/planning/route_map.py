"""The lane on a map: each leg's line over the sea-route network and where the ships are.

Positions follow the lane calendar (``schedule.calendar``), the same calls every other face
shows: between calls a ship moves along the leg's line at the speed sailed (canal transit time
spread over the leg); when it arrives before its next call's ETA (slack) it waits off that port.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from tradelane.domain import Case
from tradelane.geo.sea_routes import SeaRouter
from tradelane.planning.lane import lane_calendar
from tradelane.planning.service_plan import OptionPlan, ServicePlan, leg_avoid
from tradelane.schedule.calendar import LaneCalendar

Point = tuple[float, float]

PASSAGE_POSITIONS: dict[str, Point] = {
    "panama": (-79.68, 9.08),
    "suez": (32.34, 30.60),
    "cape_of_good_hope": (18.47, -34.36),
}
"""(lon, lat) of the passages the map marks: the two canals and the Cape."""


@dataclass(frozen=True, slots=True)
class ShipPosition:
    """Where ship ``ship`` (1-based) is at a moment: at a port, at sea on a leg, or waiting."""

    ship: int
    lon_deg: float
    lat_deg: float
    state: str  # "in port", "at sea", "waiting" or "not yet in service"
    where: str  # port UN/LOCODE or "A-B" leg
    vessel_name: str = ""
    voyage: str = ""  # the voyage it is on: its last call's export voyage


def leg_paths(case: Case, option: OptionPlan, router: SeaRouter) -> list[list[Point]]:
    """The ``(lon, lat)`` line of every leg of ``option`` (empty lists when it has no legs)."""
    avoid = leg_avoid(case, option.routing)
    return [router.path(case.ports[leg.origin], case.ports[leg.destination], avoid)
            for leg in option.legs]


def ship_positions(plan: ServicePlan, option: OptionPlan, paths: list[list[Point]],
                   at: datetime) -> list[ShipPosition]:
    """Every ship's position at ``at``, from the lane calendar of ``option``."""
    calendar = lane_calendar(plan, option)
    if calendar is None or not paths:
        return []
    return [_position(calendar, ship, option, paths, at)
            for ship in range(1, calendar.proforma.ships + 1)]


def _position(calendar: LaneCalendar, ship: int, option: OptionPlan, paths: list[list[Point]],
              at: datetime) -> ShipPosition:
    last, nxt = calendar.where(ship, at)
    name = calendar.names[ship - 1]
    if last is None:
        lon, lat = paths[0][0]
        return ShipPosition(ship, lon, lat, "not yet in service", nxt.locode if nxt else "",
                            name, nxt.import_voyage if nxt else "")
    index = (last.sequence - 1) % len(option.legs)
    if at < last.etd:
        lon, lat = paths[index][0]
        return ShipPosition(ship, lon, lat, "in port", last.locode, name, last.export_voyage)
    leg = option.legs[index]
    speed = calendar.proforma.speed_kn
    sail_h = leg.distance_nm / speed + leg.canal_transit_h
    share = (at - last.etd) / timedelta(hours=sail_h) if sail_h > 0 else 1.0
    if share >= 1.0:
        lon, lat = paths[(index + 1) % len(paths)][0]
        return ShipPosition(ship, lon, lat, "waiting", leg.destination, name,
                            last.export_voyage)
    lon, lat = along(paths[index], share)
    return ShipPosition(ship, lon, lat, "at sea", f"{leg.origin}-{leg.destination}", name,
                        last.export_voyage)


def along(path: list[Point], share: float) -> Point:
    """The point ``share`` (0–1) of the way along ``path`` by great-circle length."""
    if len(path) == 1:
        return path[0]
    steps = [_arc(a, b) for a, b in itertools.pairwise(path)]
    goal, walked = max(0.0, min(1.0, share)) * sum(steps), 0.0
    for (a, b), step in zip(itertools.pairwise(path), steps, strict=True):
        if walked + step >= goal and step > 0:
            f = (goal - walked) / step
            lon_b = b[0] + (360 if b[0] - a[0] < -180 else -360 if b[0] - a[0] > 180 else 0)
            lon = a[0] + f * (lon_b - a[0])
            lon = (lon + 180) % 360 - 180
            return round(lon, 3), round(a[1] + f * (b[1] - a[1]), 3)
        walked += step
    return path[-1]


def _arc(a: Point, b: Point) -> float:
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * math.asin(min(1.0, math.sqrt(h)))
