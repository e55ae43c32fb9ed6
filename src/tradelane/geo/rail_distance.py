"""Rail and road distances inland: the great circle × a circuity factor (no network, offline).

The great circle is the haversine distance on a sphere of the mean Earth radius (6,371.0088
km, IUGG), the same figure ``searoute.utils.distance`` uses (``searoute`` itself is not
imported here: loading it costs about a second, and this needs no sea network). Rail lines
are longer than the great circle; the circuity factor (rail km / great-circle km) is case
data, documented in docs/inland.md.
"""

from __future__ import annotations

import math

from tradelane.errors import InputError

__all__ = ["EARTH_RADIUS_KM", "great_circle_km", "network_km"]

EARTH_RADIUS_KM = 6371.0088
"""Mean Earth radius (IUGG), km."""


def great_circle_km(lat1_deg: float, lon1_deg: float, lat2_deg: float, lon2_deg: float) -> float:
    """Haversine distance in km between two points given in degrees."""
    p1, p2 = math.radians(lat1_deg), math.radians(lat2_deg)
    dp, dl = p2 - p1, math.radians(lon2_deg - lon1_deg)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def network_km(lat1_deg: float, lon1_deg: float, lat2_deg: float, lon2_deg: float,
               circuity: float, field: str = "circuity") -> float:
    """Great circle × ``circuity`` (≥ 1): a documented stand-in for a rail or road distance."""
    if not 1 <= circuity <= 3:
        raise InputError(field, circuity, "must be from 1 to 3 (network km per great-circle km)")
    return great_circle_km(lat1_deg, lon1_deg, lat2_deg, lon2_deg) * circuity
