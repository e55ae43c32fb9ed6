"""Canals and other passages a routing may use, with their lock limits."""

from __future__ import annotations

from dataclasses import dataclass

from tradelane.domain import _checks


@dataclass(frozen=True, slots=True)
class Canal:
    """A canal with hard dimensional limits and a planning transit time.

    ``max_draft_m`` is the lock (or channel) limit in normal conditions; a case may impose a
    lower temporary limit (e.g. Panama's drought restriction).
    """

    name: str
    max_loa_m: float
    max_beam_m: float
    max_draft_m: float
    transit_h: float
    source: str = ""

    def __post_init__(self) -> None:
        _checks.text("canal.name", self.name)
        for name in ("max_loa_m", "max_beam_m", "max_draft_m"):
            _checks.positive(f"canals.{self.name}.{name}", getattr(self, name))
        _checks.non_negative(f"canals.{self.name}.transit_h", self.transit_h)
