"""A LINER-LIB instance from its data folder: ports, routes, vessel classes, fleet, demand."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from pathlib import Path

from tradelane.domain.linerlib import (
    DistanceRow,
    LinerlibDemand,
    LinerlibPort,
    LinerlibVesselClass,
)
from tradelane.errors import InputError
from tradelane.io.linerlib_data import (
    parse_demand,
    parse_distances,
    parse_fleet,
    parse_ports,
    parse_vessel_classes,
    suspect_thousands_separator,
)

__all__ = ["CAPACITY_CASES", "INSTANCES", "Instance", "data_folder", "load_instance"]

INSTANCES = ("Baltic", "WAF", "Mediterranean", "Pacific", "WorldSmall", "EuropeAsia", "WorldLarge")
CAPACITY_CASES = {"low": (1.4, 0.8), "base": (1.0, 1.0), "high": (0.8, 1.2)}
"""Per capacity case: (charter rate factor, fleet quantity factor), from the LINER-LIB README."""

_EARTH_NM = 3440.065
_SUSPECT_FACTOR = 4.0  # sea distance this many times the great circle (+300 nm) is reported


@dataclass(frozen=True, slots=True)
class Instance:
    """Everything the evaluator needs about one instance and capacity case.

    Attributes
    ----------
    name, capacity_case : str
        e.g. ``"Baltic"``, ``"base"``.
    ports : dict[str, LinerlibPort]
        Every port of ``ports.csv`` by UN/LOCODE.
    routes : dict[tuple[str, str], tuple[DistanceRow, ...]]
        Distance rows per ordered port pair (several when canals give alternatives).
    vessel_classes : dict[str, LinerlibVesselClass]
        Classes with charter rates scaled for the capacity case.
    fleet : dict[str, int]
        Vessels available per class for the capacity case.
    demands : tuple[LinerlibDemand, ...]
        Weekly demand (duplicated O-D pairs kept as separate demands).
    warnings : tuple[str, ...]
        Data quirks found while loading (suspect distances, thousands separators, duplicates).
    """

    name: str
    capacity_case: str
    ports: dict[str, LinerlibPort]
    routes: dict[tuple[str, str], tuple[DistanceRow, ...]]
    vessel_classes: dict[str, LinerlibVesselClass]
    fleet: dict[str, int]
    demands: tuple[LinerlibDemand, ...]
    warnings: tuple[str, ...] = ()

    def route(self, vessel_class: LinerlibVesselClass, from_port: str, to_port: str) -> DistanceRow:
        """The shortest route row the class may use (Panama needs a fee and a shallow draft)."""
        usable = [
            r for r in self.routes.get((from_port, to_port), ())
            if not r.via_panama or (vessel_class.panama_fee_usd is not None
                                    and (r.draft_m is None or vessel_class.draft_m <= r.draft_m))
        ]
        if not usable:
            raise InputError(f"leg {from_port}-{to_port}", vessel_class.name,
                             "has no usable distance row for this vessel class")
        return min(usable, key=lambda r: r.distance_nm)


def data_folder(path: str | Path) -> Path:
    """The LINER-LIB ``data/`` folder given it or its parent."""
    p = Path(path)
    for candidate in (p, p / "data"):
        if (candidate / "fleet_data.csv").is_file():
            return candidate
    raise InputError("data", str(path), "holds no LINER-LIB data folder (no fleet_data.csv)")


def _round_half_up(x: float) -> int:
    return math.floor(x + 0.5)


def _great_circle_nm(a: LinerlibPort, b: LinerlibPort) -> float:
    lat1, lon1, lat2, lon2 = a.latitude_deg, a.longitude_deg, b.latitude_deg, b.longitude_deg
    if lat1 is None or lon1 is None or lat2 is None or lon2 is None:
        return math.inf
    la1, la2, dlo = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    c = math.sin(la1) * math.sin(la2) + math.cos(la1) * math.cos(la2) * math.cos(dlo)
    return _EARTH_NM * math.acos(max(-1.0, min(1.0, c)))


def _distance_warnings(routes: dict[tuple[str, str], tuple[DistanceRow, ...]],
                       ports: dict[str, LinerlibPort], used: set[str]) -> list[str]:
    found = []
    for (a, b), rows in routes.items():
        if a in used and b in used and a < b and a in ports and b in ports:
            shortest = min(r.distance_nm for r in rows)
            gc = _great_circle_nm(ports[a], ports[b])
            if shortest > _SUSPECT_FACTOR * gc + 300:
                found.append(f"distance {a}-{b} = {shortest:g} nm is more than "
                              f"{_SUSPECT_FACTOR:g}x the great circle ({gc:.0f} nm); suspect")
    return sorted(found)


def _demand_warnings(demand_text: str, demands: list[LinerlibDemand], source: str) -> list[str]:
    found = []
    lines = demand_text.splitlines()
    for d in demands:
        value = lines[d.line - 1].split("\t")[2].strip()
        if suspect_thousands_separator(value):
            found.append(f"{source} line {d.line}: FFEPerWeek = {value!r} looks like a cut "
                         "thousands separator (read as written; see the _Fixed_Sep file)")
    seen: dict[tuple[str, str], int] = {}
    for d in demands:
        key = (d.origin, d.destination)
        if key in seen:
            found.append(f"{source} line {d.line}: O-D pair {d.origin}-{d.destination} repeats "
                         f"line {seen[key]} (kept as a separate demand)")
        else:
            seen[key] = d.line
    return found


def load_instance(data_dir: str | Path, name: str, capacity_case: str = "base", *,
                  fixed_demand: bool = False, transit_times: bool = False,
                  extra_ports: tuple[str, ...] | None = None) -> Instance:
    """Load instance ``name`` for a capacity case from a LINER-LIB ``data/`` folder.

    Parameters
    ----------
    data_dir : str | Path
        The ``data/`` folder or its parent.
    name : str
        One of :data:`INSTANCES` (any name with a ``Demand_<name>.csv`` and ``fleet_<name>.csv``).
    capacity_case : str
        ``low``, ``base`` or ``high``.
    fixed_demand : bool
        WorldSmall only: read ``Demand_WorldSmall_Fixed_Sep.csv`` (true volumes) instead of the
        original file the published runs used.
    transit_times : bool
        Read the revised transit times of ``transittime_revision/`` where they exist.
    extra_ports : tuple[str, ...] | None
        When given, only distances between demand ports and these (the network's ports) are
        loaded, which is faster; by default every distance row is loaded.
    """
    if capacity_case not in CAPACITY_CASES:
        raise InputError("capacity", capacity_case, "must be low, base or high")
    folder = data_folder(data_dir)
    if not (folder / f"Demand_{name}.csv").is_file():
        raise InputError("instance", name, f"has no Demand_{name}.csv in {folder} (LINER-LIB "
                         f"has {', '.join(INSTANCES)})")
    demand_path = folder / f"Demand_{name}.csv"
    if fixed_demand:
        if name != "WorldSmall":
            raise InputError("fixed_demand", name, "only WorldSmall has a fixed demand file")
        demand_path = folder / "Demand_WorldSmall_Fixed_Sep.csv"
    if transit_times:
        revised = folder / "transittime_revision" / f"Demand_{name}_tt.csv"
        demand_path = revised if revised.is_file() and not fixed_demand else demand_path
    demand_text = demand_path.read_text(encoding="utf-8")
    demands = parse_demand(demand_text, demand_path.name)
    ports = {p.unlocode: p for p in parse_ports((folder / "ports.csv").read_text(), "ports.csv")}
    used = {d.origin for d in demands} | {d.destination for d in demands}
    used |= set(extra_ports or ())
    rows: dict[tuple[str, str], list[DistanceRow]] = {}
    for r in parse_distances((folder / "dist_dense.csv").read_text(), "dist_dense.csv",
                             None if extra_ports is None else used):
        rows.setdefault((r.from_port, r.to_port), []).append(r)
    routes = {k: tuple(v) for k, v in rows.items()}
    rate, quantity = CAPACITY_CASES[capacity_case]
    classes = {}
    for c in parse_vessel_classes((folder / "fleet_data.csv").read_text(), "fleet_data.csv"):
        tc = c.charter_usd_per_day if capacity_case == "base" else \
            1000 * _round_half_up(c.charter_usd_per_day * rate / 1000)
        classes[c.name] = dataclasses.replace(c, charter_usd_per_day=tc)
    fleet_file = folder / f"fleet_{name}.csv"
    fleet = {e.vessel_class: _round_half_up(e.quantity * quantity)
             for e in parse_fleet(fleet_file.read_text(), fleet_file.name)}
    for cls in fleet:
        if cls not in classes:
            raise InputError(f"{fleet_file.name}: Vessel class", cls, "is not in fleet_data.csv")
    warnings = _demand_warnings(demand_text, demands, demand_path.name)
    warnings += _distance_warnings(routes, ports, used)
    return Instance(name, capacity_case, ports, routes, classes, fleet, tuple(demands),
                    tuple(warnings))

