"""Ports: where a service calls."""

from __future__ import annotations

from dataclasses import dataclass

from tradelane.domain import _checks
from tradelane.errors import InputError


@dataclass(frozen=True, slots=True)
class Port:
    """A port (or terminal) identified by its UN/LOCODE.

    Attributes
    ----------
    locode : str
        UN/LOCODE, e.g. ``"CNTAO"``.
    name : str
        Name for people.
    lat_deg, lon_deg : float | None
        Position (WGS84 degrees); ``None`` where no source gives one.
    max_draft_m : float | None
        Controlling depth: the deepest draft that can call, ``None`` where unknown.
    source : str
        Where the record comes from (``case-brief``, ``linerlib``, ``searoute``, ``case``).
    """

    locode: str
    name: str
    lat_deg: float | None = None
    lon_deg: float | None = None
    max_draft_m: float | None = None
    source: str = ""

    def __post_init__(self) -> None:
        _checks.locode("port.locode", self.locode)
        if (self.lat_deg is None) != (self.lon_deg is None):
            raise InputError(f"ports.{self.locode}", (self.lat_deg, self.lon_deg),
                             "needs both lat_deg and lon_deg or neither")
        if self.lat_deg is not None and not -90 <= self.lat_deg <= 90:
            raise InputError(f"ports.{self.locode}.lat_deg", self.lat_deg,
                             "must lie between -90 and 90")
        if self.lon_deg is not None and not -180 <= self.lon_deg <= 180:
            raise InputError(f"ports.{self.locode}.lon_deg", self.lon_deg,
                             "must lie between -180 and 180")
        if self.max_draft_m is not None:
            _checks.positive(f"ports.{self.locode}.max_draft_m", self.max_draft_m)

    @property
    def position(self) -> tuple[float, float]:
        """``(lon_deg, lat_deg)``; raises InputError where the position is unknown."""
        if self.lat_deg is None or self.lon_deg is None:
            raise InputError(f"ports.{self.locode}", self.locode,
                             "has no coordinates in the port table; give lat_deg and lon_deg "
                             f"in the case's [ports.{self.locode}] table")
        return (self.lon_deg, self.lat_deg)
