"""Marine fuels and their CO2 emission factors."""

from __future__ import annotations

from dataclasses import dataclass

from tradelane.domain import _checks


@dataclass(frozen=True, slots=True)
class Fuel:
    """A marine fuel with its tank-to-wake CO2 factor (t CO2 per t of fuel)."""

    name: str
    co2_t_per_t: float
    source: str = ""

    def __post_init__(self) -> None:
        _checks.text("fuel.name", self.name)
        _checks.positive(f"fuels.{self.name}.co2_t_per_t", self.co2_t_per_t)
