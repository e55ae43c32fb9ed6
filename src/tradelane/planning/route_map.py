"""The lane on a map: each leg's line over the sea-route network and where the ships are.

Positions follow the proforma: ship ``k`` (0-based) starts its first loop at ``start + k × f``
days and repeats it every round voyage; between calls it moves along the leg's line in
proportion to the time sailed (canal transits and speed changes are not modelled separately),
and while waiting (slack) it lies at the first port of the rotation.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from tradelane.domain import Case
from tradelane.geo.sea_routes import SeaRouter
from tradelane.planning.service_plan import OptionPlan, ServicePlan, leg_avoid

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


def leg_paths(case: Case, option: OptionPlan, router: SeaRouter) -> list[list[Point]]:
    """The ``(lon, lat)`` line of every leg of ``option`` (empty lists when it has no legs)."""
    avoid = leg_avoid(case, option.routing)
    return [router.path(case.ports[leg.origin], case.ports[leg.destination], avoid)
            for leg in option.legs]


def ship_positions(plan: ServicePlan, option: OptionPlan, paths: list[list[Point]],
                   at: datetime) -> list[ShipPosition]:
    """Every ship's position at ``at`` along ``option``'s proforma."""
    p = option.proforma
    if p is None or not paths:
        return []
    loop_h = p.round_trip_days * 24
    out = []
    for k in range(p.ships):
        elapsed_h = (at - plan.start - timedelta(days=k * p.frequency_days)) / timedelta(hours=1)
        if elapsed_h < 0:
            lon, lat = paths[0][0]
            out.append(ShipPosition(k + 1, lon, lat, "not yet in service", p.calls[0].locode))
            continue
        out.append(_position(k + 1, elapsed_h % loop_h, option, paths))
    return out


def _position(ship: int, t_h: float, option: OptionPlan, paths: list[list[Point]]
              ) -> ShipPosition:
    calls = option.proforma.calls if option.proforma else ()
    for i, call in enumerate(calls):
        if call.eta_h <= t_h < call.etd_h:
            lon, lat = paths[i][0]
            return ShipPosition(ship, lon, lat, "in port", call.locode)
        nxt_eta = calls[i + 1].eta_h if i + 1 < len(calls) else None
        if t_h >= call.etd_h and (nxt_eta is None or t_h < nxt_eta):
            leg = option.legs[i]
            sail_h = (nxt_eta if nxt_eta is not None else _last_arrival_h(option)) - call.etd_h
            share = (t_h - call.etd_h) / sail_h if sail_h > 0 else 1.0
            if share >= 1.0:
                lon, lat = paths[0][0]
                return ShipPosition(ship, lon, lat, "waiting", calls[0].locode)
            lon, lat = along(paths[i], share)
            return ShipPosition(ship, lon, lat, "at sea", f"{leg.origin}-{leg.destination}")
    lon, lat = paths[0][0]
    return ShipPosition(ship, lon, lat, "waiting", calls[0].locode if calls else "")


def _last_arrival_h(option: OptionPlan) -> float:
    """Hours from the loop's start to the arrival back at the first port (before any slack)."""
    p = option.proforma
    if p is None:
        return 0.0
    return p.round_trip_days * 24 - max(p.slack_h, 0.0)


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
