"""The case file's ``[inland]`` tables: inland ports, rail links, block trains, transfers, road.

``parse_inland(doc, demand_rows, sea_ports)`` (``sea_ports``: the ports the service calls)
returns the InlandNetwork (``None`` without an ``[inland]`` table). ``[[demand]]`` rows whose
origin is an inland port become its demand; the format is documented in docs/inland.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from tradelane.domain.demand import Demand
from tradelane.domain.inland import (
    BlockTrain,
    InlandCargoKind,
    InlandDemand,
    InlandNetwork,
    InlandPort,
    PortTransfer,
    RailLink,
    RoadHaul,
)
from tradelane.domain.port import Port
from tradelane.errors import InputError
from tradelane.geo.rail_distance import network_km

__all__ = ["DEFAULT_RAIL_CIRCUITY", "inland_codes", "parse_inland"]

DEFAULT_RAIL_CIRCUITY = 1.3
"""Rail km per great-circle km where the case gives neither a link's distance nor
``[inland] rail_circuity`` (assumption; see docs/inland.md)."""

_KINDS = {"str": "a text", "float": "a number", "int": "a whole number", "list": "a list",
          "bool": "true or false"}


def _get(t: dict[str, Any], key: str, where: str, kind: type, default: Any = ...) -> Any:
    if key not in t:
        if default is not ...:
            return default
        raise InputError(f"{where}.{key}", None, "is missing")
    value = t[key]
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, kind) or (kind in (int, float) and isinstance(value, bool)):
        raise InputError(f"{where}.{key}", value, f"must be {_KINDS[kind.__name__]}")
    return value


def _table(t: Any, where: str) -> dict[str, Any]:
    if not isinstance(t, dict):
        raise InputError(where, t, "must be a table")
    return t


def inland_codes(doc: dict[str, Any]) -> frozenset[str]:
    """The codes of ``[inland.ports]`` (empty without an ``[inland]`` table)."""
    inland = doc.get("inland")
    if inland is None:
        return frozenset()
    return frozenset(_table(_table(inland, "[inland]").get("ports", {}), "[inland.ports]"))


def parse_inland(doc: dict[str, Any], demand: tuple[Demand, ...],
                 sea_ports: Mapping[str, Port]) -> InlandNetwork | None:
    """The ``[inland]`` network with the inland rows of ``demand`` (``None`` without one)."""
    if "inland" not in doc:
        return None
    inland = _table(doc["inland"], "[inland]")
    ports = {code: _port(code, _table(t, f"inland.ports.{code}"))
             for code, t in _table(inland.get("ports", {}), "[inland.ports]").items()}
    circuity = _get(inland, "rail_circuity", "inland", float, DEFAULT_RAIL_CIRCUITY)
    links = tuple(_link(i, _table(t, f"inland.rail_links[{i}]"), ports, circuity, sea_ports)
                  for i, t in enumerate(_list(inland, "rail_links")))
    trains = tuple(_train(i, _table(t, f"inland.trains[{i}]"))
                   for i, t in enumerate(_list(inland, "trains")))
    transfers = {code: PortTransfer(
        code, _get(_table(t, f"inland.transfers.{code}"), "transfer_h",
                   f"inland.transfers.{code}", float),
        _get(t, "vessel_cutoff_h", f"inland.transfers.{code}", float))
        for code, t in _table(inland.get("transfers", {}), "[inland.transfers]").items()}
    rows = _rows(doc, demand, frozenset(ports))
    return InlandNetwork(ports=MappingProxyType(ports), links=links, trains=trains,
                         transfers=MappingProxyType(transfers),
                         road=_road(_table(inland.get("road", {}), "[inland.road]")),
                         demand=rows, sea_ports=frozenset(sea_ports),
                         sea_demand=tuple(d for i, d in enumerate(demand)
                                          if i not in {r.index for r in rows}))


def _list(t: dict[str, Any], key: str) -> list[Any]:
    value = t.get(key, [])
    if not isinstance(value, list):
        raise InputError(f"[[inland.{key}]]", value, "must be an array of tables")
    return value


def _port(code: str, t: dict[str, Any]) -> InlandPort:
    where = f"inland.ports.{code}"
    return InlandPort(code, _get(t, "name", where, str), _get(t, "lat_deg", where, float),
                      _get(t, "lon_deg", where, float))


def _link(i: int, t: dict[str, Any], ports: dict[str, InlandPort], circuity: float,
          sea_ports: Mapping[str, Port]) -> RailLink:
    where = f"inland.rail_links[{i}]"
    inland = _get(t, "inland_port", where, str)
    if inland not in ports:
        raise InputError(f"{where}.inland_port", inland, "is not an inland port of "
                         "[inland.ports]")
    sea = _get(t, "sea_port", where, str)
    if "distance_km" in t:
        km = _get(t, "distance_km", where, float)
    else:
        a, b = ports[inland], sea_ports.get(sea)
        if b is None:
            raise InputError(f"{where}.sea_port", sea, "is not a port the service calls")
        if b.lat_deg is None or b.lon_deg is None:
            raise InputError(f"{where}.distance_km", None, f"is needed: port {sea} has no "
                             f"position to measure from")
        km = network_km(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg,
                        _get(t, "circuity", where, float, circuity), f"{where}.circuity")
    return RailLink(inland, sea, round(km, 1),
                    _get(t, "running_h", where, float), _get(t, "cost_usd_per_teu", where, float),
                    index=i)


def _train(i: int, t: dict[str, Any]) -> BlockTrain:
    where = f"inland.trains[{i}]"
    return BlockTrain(
        name=_get(t, "name", where, str), inland_port=_get(t, "inland_port", where, str),
        sea_port=_get(t, "sea_port", where, str),
        days=tuple(_get(t, "days", where, list)), departure=_get(t, "departure", where, str),
        wagons=_get(t, "wagons", where, int), teu_per_train=_get(t, "teu_per_train", where, int),
        max_t_per_train=_get(t, "max_t_per_train", where, float),
        reefer_teu=_get(t, "reefer_teu", where, int, 0), dg_teu=_get(t, "dg_teu", where, int, 0),
        cutoff_h=_get(t, "cutoff_h", where, float, 12.0), index=i)


def _road(t: dict[str, Any]) -> RoadHaul:
    w = "inland.road"
    return RoadHaul(
        cost_usd_per_teu_km=_get(t, "cost_usd_per_teu_km", w, float),
        co2_kg_per_teu_km=_get(t, "co2_kg_per_teu_km", w, float),
        rail_co2_kg_per_teu_km=_get(t, "rail_co2_kg_per_teu_km", w, float),
        speed_kmh=_get(t, "speed_kmh", w, float, 60.0),
        circuity=_get(t, "circuity", w, float, 1.25),
        enabled=_get(t, "enabled", w, bool, True))


def _rows(doc: dict[str, Any], demand: tuple[Demand, ...], codes: frozenset[str]
          ) -> tuple[InlandDemand, ...]:
    raw = doc.get("demand", [])
    rows = []
    for i, (d, t) in enumerate(zip(demand, raw, strict=True)):
        if d.origin not in codes:
            continue
        kind = _get(t, "cargo", f"demand[{i}]", str, "dry")
        try:
            cargo = InlandCargoKind(kind)
        except ValueError:
            raise InputError(f"demand[{i}].cargo", kind, "must be dry, reefer or dg") from None
        rows.append(InlandDemand(d, cargo, _get(t, "t_per_teu", f"demand[{i}]", float, 10.0),
                                 index=i))
    return tuple(rows)
