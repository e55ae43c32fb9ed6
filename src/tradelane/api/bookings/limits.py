"""Plausibility limits of a booking: gross mass per container, reefer set point, cabotage.

- Gross mass: cargo per unit plus tare may not exceed the ISO 668 maximum gross mass (rating R)
  of the size-type's length (``data/max_gross_mass.csv``, with its source).
- Reefer set point: ``REEFER_SETPOINT_C`` (−35 °C … +30 °C, the range of current reefer
  units, which hold deep-frozen cargo at −35 °C down to the warmest chilled set points).
- Cabotage: a booking whose POL and POD are in the same country is domestic carriage, which
  most states reserve for their own flag (US: Merchant Marine Act 1920 §27, the Jones Act; China:
  Maritime Code Art. 4); it is refused unless the country is allowed by the server's case
  (``[booking] cabotage_allowed``) or the setting ``TRADELANE_CABOTAGE_ALLOWED``.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Collection, Mapping
from importlib import resources
from types import MappingProxyType

from tradelane.api.errors import ApiError

REEFER_SETPOINT_C = (-35.0, 30.0)
"""Lowest and highest reefer set point accepted, °C."""


@functools.cache
def max_gross_mass_kg() -> Mapping[str, float]:
    """First character of an ISO 6346 size-type code (its length) → maximum gross mass, kg."""
    text = resources.files("tradelane.data").joinpath("max_gross_mass.csv").read_text(
        encoding="utf-8")
    lines = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    return MappingProxyType({r["length_code"]: float(r["max_gross_mass_kg"])
                             for r in csv.DictReader(io.StringIO(lines))})


def check_gross_mass(path: str, iso_code: str, units: int, cargo_t: float, tare_t: float
                     ) -> None:
    """Refuse a line whose average container (cargo / units + tare) is over the maximum."""
    limit_kg = max_gross_mass_kg().get(iso_code[:1])
    per_unit_kg = (cargo_t / units + tare_t) * 1000
    if limit_kg is not None and per_unit_kg > limit_kg + 1e-6:
        raise ApiError(400, f"{path}.cargoGrossWeight", f"{cargo_t * 1000:.0f} KGM",
                       f"gives {per_unit_kg:,.0f} kg per {iso_code} container with its tare, "
                       f"over the ISO 668 maximum gross mass of {limit_kg:,.0f} kg")


def check_setpoint(path: str, setpoint: float, unit: str) -> None:
    """Refuse a reefer set point outside REEFER_SETPOINT_C (``unit`` CEL or FAH)."""
    celsius = setpoint if unit == "CEL" else (setpoint - 32) * 5 / 9
    low, high = REEFER_SETPOINT_C
    if not low - 1e-9 <= celsius <= high + 1e-9:
        shown = f"{low:g} °C … {high:g} °C" if unit == "CEL" else \
            f"{low * 9 / 5 + 32:g} °F … {high * 9 / 5 + 32:g} °F"
        raise ApiError(400, f"{path}.temperatureSetpoint", setpoint,
                       f"is outside the reefer set-point range {shown}")


def check_cabotage(pol: str, pod: str, allowed: Collection[str]) -> None:
    """Refuse domestic carriage (POL and POD in one country) unless that country allows it."""
    country = pol[:2]
    if country == pod[:2] and country not in allowed:
        raise ApiError(400, "shipmentLocations.POD", pod,
                       f"is in the same country as the POL {pol}: cabotage (domestic carriage) "
                       f"is refused by the cabotage rule (reserved for the national flag; "
                       f"allow it with the case's [booking] cabotage_allowed or "
                       f"TRADELANE_CABOTAGE_ALLOWED)")
