"""Scheduled calls and sailings: what the lane calendar publishes (records only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class ScheduledCall:
    """One port call of one ship in the lane calendar."""

    ship: int
    vessel_name: str
    sequence: int
    import_voyage: str
    export_voyage: str
    direction: str
    locode: str
    eta: datetime
    etd: datetime


@dataclass(frozen=True, slots=True)
class Sailing:
    """One voyage of one ship: the calls where it loads, then those where it discharges."""

    voyage: str
    direction: str
    ship: int
    vessel_name: str
    calls: tuple[ScheduledCall, ...]

    @property
    def departure(self) -> datetime:
        """ETD from its first port."""
        return self.calls[0].etd

    @property
    def load_calls(self) -> tuple[ScheduledCall, ...]:
        """The calls where the sailing takes cargo on (those it departs under its number)."""
        return tuple(c for c in self.calls if c.export_voyage == self.voyage)
