"""Port-to-port sea legs over the ``searoute`` network, with a persistent distance cache.

A leg's distance includes the terminal stubs: the short links from each terminal's coordinates
to the nearest node of the sea-route network.
"""

from __future__ import annotations

import contextlib
import io
import math
import warnings
from dataclasses import dataclass

from tradelane.domain import Port
from tradelane.errors import TradelaneError
from tradelane.geo.distance_cache import DistanceCache

# searoute's passage names, renamed where ours read better.
_PASSAGE_NAMES = {"south_africa": "cape_of_good_hope"}
# Passages searoute avoids by default (the Northwest Passage is not a liner route).
_ALWAYS_AVOIDED = frozenset({"northwest"})


class NoSeaRoute(TradelaneError):
    """No sea route joins two ports under the given restrictions."""


@dataclass(frozen=True, slots=True)
class SeaLeg:
    """One leg at sea: distance in nautical miles and the passages it goes through."""

    origin: str
    destination: str
    distance_nm: float
    passages: tuple[str, ...]


class SeaRouter:
    """Finds sea legs with ``searoute``; remembers them in a DistanceCache.

    ``searoute`` is imported only on a cache miss, so a fully cached plan never loads it.
    """

    def __init__(self, cache: DistanceCache | None = None) -> None:
        self.cache = cache if cache is not None else DistanceCache(None)

    def leg(self, origin: Port, destination: Port, avoid: frozenset[str]) -> SeaLeg:
        """The shortest sea leg from ``origin`` to ``destination`` avoiding ``avoid``."""
        o, d = origin.position, destination.position
        key = _key(o, d, avoid)
        hit = self.cache.get(key)
        if hit is None:
            length, names, path = _searoute_leg(o, d, avoid | _ALWAYS_AVOIDED)
            hit = (length, names)
            self.cache.put(key, hit, path)
        distance_nm, passages = hit
        if math.isinf(distance_nm):
            avoided = ", ".join(sorted(avoid)) or "nothing"
            raise NoSeaRoute(f"no sea route from {origin.locode} to {destination.locode} "
                             f"avoiding {avoided}")
        return SeaLeg(origin.locode, destination.locode, distance_nm, tuple(passages))


    def path(self, origin: Port, destination: Port, avoid: frozenset[str]
             ) -> list[tuple[float, float]]:
        """The leg's line as ``(lon, lat)`` points (0.01° precision); empty if no route."""
        o, d = origin.position, destination.position
        key = _key(o, d, avoid)
        points = self.cache.get_path(key)
        if points is None:
            length, passages, points = _searoute_leg(o, d, avoid | _ALWAYS_AVOIDED)
            self.cache.put(key, (length, passages), points)
        return points


def _key(o: tuple[float, float], d: tuple[float, float], avoid: frozenset[str]) -> str:
    return f"{o[0]:.5f},{o[1]:.5f}>{d[0]:.5f},{d[1]:.5f}|{','.join(sorted(avoid))}"


def _searoute_leg(o: tuple[float, float], d: tuple[float, float], restrictions: frozenset[str]
                  ) -> tuple[float, list[str], list[tuple[float, float]]]:
    import searoute

    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        feature = searoute.searoute(list(o), list(d), units="naut", append_orig_dest=True,
                                    restrictions=sorted(restrictions), return_passages=True)
    props = feature["properties"]
    length = float(props["length"])
    if not feature["geometry"]["coordinates"]:
        length = math.inf
    names = sorted(_PASSAGE_NAMES.get(p, p) for p in props.get("traversed_passages", []))
    return length, names, _thin(feature["geometry"]["coordinates"])


def _thin(coords: list[list[float]]) -> list[tuple[float, float]]:
    """Points rounded to 0.01° (about 1 km), consecutive repeats dropped."""
    points: list[tuple[float, float]] = []
    for lon, lat, *_ in coords:
        point = (round(float(lon), 2), round(float(lat), 2))
        if not points or points[-1] != point:
            points.append(point)
    return points
