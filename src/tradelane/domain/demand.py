"""Weekly cargo demand between two ports of a service."""

from __future__ import annotations

from dataclasses import dataclass

from tradelane.domain import _checks
from tradelane.errors import InputError


@dataclass(frozen=True, slots=True)
class Demand:
    """TEU per week offered from ``origin`` to ``destination`` at a revenue per TEU."""

    origin: str
    destination: str
    teu_per_week: float
    revenue_usd_per_teu: float
    max_transit_days: float | None = None

    def __post_init__(self) -> None:
        where = f"demand {self.origin}->{self.destination}"
        _checks.locode(f"{where}.origin", self.origin)
        _checks.locode(f"{where}.destination", self.destination)
        if self.origin == self.destination:
            raise InputError(f"{where}.destination", self.destination,
                             "must differ from the origin")
        _checks.non_negative(f"{where}.teu_per_week", self.teu_per_week)
        _checks.non_negative(f"{where}.revenue_usd_per_teu", self.revenue_usd_per_teu)
        if self.max_transit_days is not None:
            _checks.positive(f"{where}.max_transit_days", self.max_transit_days)
