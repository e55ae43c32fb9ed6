"""Readers for the LINER-LIB data files: ports, distances, vessel classes, fleets and demand.

Each format has a pure ``parse_*(text, source=...)`` and a thin ``read_*(path)``. They return the
records of :mod:`tradelane.domain.linerlib`. See ``docs/linerlib.md`` for the formats.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from pathlib import Path

from tradelane.domain.linerlib import (
    DistanceRow,
    FleetEntry,
    LinerlibDemand,
    LinerlibPort,
    LinerlibVesselClass,
)
from tradelane.io._table import FileFormatError, code, flag, number, optional_number, rows

__all__ = [
    "parse_demand",
    "parse_distances",
    "parse_fleet",
    "parse_ports",
    "parse_vessel_classes",
    "read_demand",
    "read_distances",
    "read_fleet",
    "read_ports",
    "read_vessel_classes",
    "suspect_thousands_separator",
]


def parse_ports(text: str, source: str = "ports.csv") -> list[LinerlibPort]:
    """Parse ``ports.csv`` (12 tab-separated columns, header row, ``NULL`` allowed in costs)."""
    ports: list[LinerlibPort] = []
    for n, f in rows(text, source, 1):
        f = f + [""] * (12 - len(f))
        ports.append(
            LinerlibPort(
                unlocode=code(source, n, "UNLocode", f[0]),
                name=f[1], country=f[2], cabotage_region=f[3], region=f[4],
                longitude_deg=optional_number(source, n, "Longitude", f[5], minimum=-math.inf),
                latitude_deg=optional_number(source, n, "Latitude", f[6], minimum=-math.inf),
                draft_m=optional_number(source, n, "Draft", f[7]),
                handling_cost_usd_per_ffe=optional_number(source, n, "CostPerFULL", f[8]),
                transshipment_cost_usd_per_ffe=optional_number(source, n, "CostPerFULLTrnsf", f[9]),
                call_cost_fixed_usd=optional_number(source, n, "PortCallCostFixed", f[10],
                                                    minimum=-math.inf),
                call_cost_usd_per_capacity_ffe=optional_number(
                    source, n, "PortCallCostPerFFE", f[11]),
            )
        )
    return ports


def parse_distances(text: str, source: str = "dist_dense.csv",
                    ports: Collection[str] | None = None) -> list[DistanceRow]:
    """Parse ``dist_dense.csv``: from, to, distance, draft (Panama rows), IsPanama, IsSuez.

    With ``ports`` given, only rows between two of those ports are kept (faster).
    """
    if ports is not None:  # drop other pairs before the full parse (62,000 lines)
        keep = ["header"]
        for line in text.splitlines()[1:]:
            head = line.split("\t", 2)
            keep.append(line if len(head) < 3 or (head[0].strip() in ports
                                                    and head[1].strip() in ports) else "")
        text = "\n".join(keep)
    result: list[DistanceRow] = []
    for n, f in rows(text, source, 3):
        f = f + [""] * (6 - len(f))
        result.append(
            DistanceRow(
                from_port=code(source, n, "fromUNLOCODe", f[0]),
                to_port=code(source, n, "ToUNLOCODE", f[1]),
                distance_nm=number(source, n, "Distance", f[2]),
                draft_m=optional_number(source, n, "Draft", f[3]),
                via_panama=flag(source, n, "IsPanama", f[4]),
                via_suez=flag(source, n, "IsSuez", f[5]),
            )
        )
    return result


def parse_vessel_classes(text: str, source: str = "fleet_data.csv") -> list[LinerlibVesselClass]:
    """Parse ``fleet_data.csv`` (11 columns; empty canal fee = cannot transit)."""
    result: list[LinerlibVesselClass] = []
    names = ("Capacity FFE", "TC rate daily", "draft", "minSpeed", "maxSpeed", "designSpeed",
             "Bunker ton per day at designSpeed", "Idle Consumption ton/day")
    for n, f in rows(text, source, 9):
        f = f + [""] * (11 - len(f))
        v = [number(source, n, name, f[i + 1]) for i, name in enumerate(names)]
        for i, name in ((3, "minSpeed"), (5, "designSpeed")):
            if v[i] <= 0:
                raise FileFormatError(source, n, name, f[i + 1], "must be > 0")
        if v[3] > v[4]:
            raise FileFormatError(source, n, "maxSpeed", f[5], "must be ≥ minSpeed")
        result.append(
            LinerlibVesselClass(
                name=code(source, n, "Vessel class", f[0]), capacity_ffe=v[0],
                charter_usd_per_day=v[1], draft_m=v[2], min_speed_kn=v[3], max_speed_kn=v[4],
                design_speed_kn=v[5], fuel_t_per_day_at_design_speed=v[6],
                idle_fuel_t_per_day=v[7],
                panama_fee_usd=optional_number(source, n, "panamaFee", f[9]),
                suez_fee_usd=optional_number(source, n, "suezFee", f[10]),
            )
        )
    return result


def parse_fleet(text: str, source: str = "fleet.csv") -> list[FleetEntry]:
    """Parse ``fleet_<Instance>.csv``: vessel class, quantity."""
    result: list[FleetEntry] = []
    for n, f in rows(text, source, 2):
        quantity = number(source, n, "Quantity", f[1])
        if quantity != int(quantity):
            raise FileFormatError(source, n, "Quantity", f[1],
                                  "must be a whole number")
        result.append(FleetEntry(code(source, n, "Vessel class", f[0]), int(quantity)))
    return result


_THOUSANDS = re.compile(r"^\d{1,3}\.\d{3}$")


def suspect_thousands_separator(value: str) -> bool:
    """True for values like ``1.860`` or ``1.86`` that a thousands separator may have cut short.

    LINER-LIB's ``Demand_WorldSmall.csv`` holds seven such values (``1.86`` meaning 1,860).
    """
    return bool(_THOUSANDS.match(value)) or bool(re.match(r"^\d\.\d{1,2}$", value))


def parse_demand(text: str, source: str = "demand.csv") -> list[LinerlibDemand]:
    """Parse ``Demand_<Instance>.csv``: origin, destination, FFE/week, USD/FFE, transit days.

    Values are read as written (``1.86`` stays 1.86 FFE, as the published runs read it); use
    :func:`suspect_thousands_separator` to find the suspicious ones. Duplicated O-D pairs are
    kept as separate demands.
    """
    result: list[LinerlibDemand] = []
    for n, f in rows(text, source, 5):
        origin = code(source, n, "Origin", f[0])
        destination = code(source, n, "Destination", f[1])
        if origin == destination:
            raise FileFormatError(source, n, "Destination", destination, "equals the origin")
        result.append(
            LinerlibDemand(
                origin, destination,
                number(source, n, "FFEPerWeek", f[2]),
                number(source, n, "Revenue_1", f[3]),
                number(source, n, "TransitTime", f[4]),
                line=n,
            )
        )
    return result


def _read(path: str | Path) -> tuple[str, str]:
    p = Path(path)
    return p.read_text(encoding="utf-8", errors="replace"), p.name


def read_ports(path: str | Path) -> list[LinerlibPort]:
    """Read ``ports.csv``."""
    return parse_ports(*_read(path))


def read_distances(path: str | Path) -> list[DistanceRow]:
    """Read ``dist_dense.csv``."""
    return parse_distances(*_read(path))


def read_vessel_classes(path: str | Path) -> list[LinerlibVesselClass]:
    """Read ``fleet_data.csv``."""
    return parse_vessel_classes(*_read(path))


def read_fleet(path: str | Path) -> list[FleetEntry]:
    """Read ``fleet_<Instance>.csv``."""
    return parse_fleet(*_read(path))


def read_demand(path: str | Path) -> list[LinerlibDemand]:
    """Read ``Demand_<Instance>.csv``."""
    return parse_demand(*_read(path))
