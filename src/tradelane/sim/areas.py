"""Ocean areas and seasons of the weather model: where a leg sails, and the speed loss there.

A leg's line (``(lon, lat)`` points from the sea-route network) is cut into segments; each
segment's nautical miles go to the ocean area of its midpoint. The weather model then draws
one speed loss per leg from the nm-weighted mean of its areas' seasonal means
(docs/simulation.md gives the table and its sources).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from types import MappingProxyType

AREAS = ("east_asia", "north_pacific", "tropical", "north_atlantic", "southern",
         "indian_ocean", "mediterranean")
"""The ocean areas, in the order the tables below use."""

SEASONS = ("DJF", "MAM", "JJA", "SON")
"""Meteorological seasons of the northern hemisphere (December–February is winter)."""

SPEED_LOSS_MEAN: Mapping[str, tuple[float, float, float, float]] = MappingProxyType({
    # mean involuntary speed loss (share of the speed through the water) per season, DJF..SON.
    # Anchored on the design sea margin (MAN Energy Solutions, "Basic principles of ship
    # propulsion": traditionally 15 % of power in average weather, 25-30 % on winter North
    # Atlantic / North Pacific routes). At constant power the cubic law turns a margin m into a
    # speed loss 1 - (1 + m)^(-1/3): 15 % -> 4.6 %, 25 % -> 7.2 %, 30 % -> 8.4 %.
    "east_asia": (0.045, 0.030, 0.040, 0.040),       # NE monsoon in winter, typhoons Jul-Oct
    "north_pacific": (0.080, 0.050, 0.030, 0.060),
    "tropical": (0.025, 0.025, 0.030, 0.030),        # trade-wind belts, Caribbean, Panama
    "north_atlantic": (0.080, 0.050, 0.030, 0.060),
    "southern": (0.050, 0.065, 0.085, 0.065),        # Cape of Good Hope / Agulhas, austral
    "indian_ocean": (0.030, 0.030, 0.060, 0.035),    # SW monsoon June-September
    "mediterranean": (0.040, 0.030, 0.020, 0.030),   # incl. Red Sea and Suez approaches
})

SPEED_LOSS_CV = 0.6
"""Coefficient of variation of a leg's speed loss (assumption: one leg in ten loses about
twice the mean, a heavy-weather crossing)."""

SPEED_LOSS_MAX = 0.5
"""Cap on a drawn speed loss (a ship hove to for a whole leg is outside the model)."""

EARTH_RADIUS_NM = 3440.065


def area_of(lon_deg: float, lat_deg: float) -> str:
    """The ocean area of a point (boxes; first match wins)."""
    lon = (lon_deg + 180.0) % 360.0 - 180.0
    if lat_deg <= -30.0:
        return "southern"
    if (30.0 <= lat_deg <= 46.0 and -6.0 <= lon <= 37.0) or (12.0 <= lat_deg < 30.0 and \
            32.0 <= lon <= 44.0):
        return "mediterranean"
    if 98.0 <= lon <= 142.0 and -10.0 <= lat_deg <= 45.0:
        return "east_asia"
    if 20.0 <= lon < 98.0 and lat_deg < 30.0:
        return "indian_ocean"
    if lat_deg >= 23.0 and (lon >= 142.0 or lon <= -100.0):
        return "north_pacific"
    if lat_deg >= 23.0 and -100.0 < lon < 20.0:
        return "north_atlantic"
    return "tropical"


def season_of(month: int) -> int:
    """Index into :data:`SEASONS` of a calendar month (1–12)."""
    return (month % 12) // 3


def area_shares(points: Sequence[tuple[float, float]]) -> tuple[tuple[str, float], ...]:
    """Share of a line's length in each ocean area, as ``((area, share), ...)`` in
    :data:`AREAS` order, shares adding up to 1 (``(("tropical", 1.0),)`` for an empty line)."""
    nm = dict.fromkeys(AREAS, 0.0)
    for (lon1, lat1), (lon2, lat2) in itertools.pairwise(points):
        mid_lon = lon1 + ((lon2 - lon1 + 180.0) % 360.0 - 180.0) / 2
        nm[area_of(mid_lon, (lat1 + lat2) / 2)] += _haversine_nm(lon1, lat1, lon2, lat2)
    total = sum(nm.values())
    if total <= 0:
        return (("tropical", 1.0),)
    return tuple((a, nm[a] / total) for a in AREAS if nm[a] > 0)


def mean_speed_loss(shares: Sequence[tuple[str, float]], month: int,
                    table: Mapping[str, Sequence[float]] = SPEED_LOSS_MEAN) -> float:
    """The nm-weighted mean speed loss of a leg whose areas are ``shares``, in ``month``."""
    s = season_of(month)
    return sum(share * table[area][s] for area, share in shares)


def _haversine_nm(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_NM * math.asin(min(1.0, math.sqrt(h)))
