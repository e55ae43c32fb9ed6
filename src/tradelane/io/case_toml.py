"""The case file (TOML): ``parse_case(text)`` builds a validated Case; ``read_case(path)``.

The format is documented in ``docs/case-file.md``. Unknown top-level keys and tables are allowed
(later features read them); keys inside ``[vessel_classes.X]`` and ``[canals.X]`` are checked.
"""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from tradelane.data.reference import (
    ReferenceData,
    build_canal,
    build_vessel_class,
    load_reference,
)
from tradelane.domain import (
    Case,
    Economics,
    Port,
    PortCallCost,
    Routing,
    RoutingPolicy,
    Service,
)
from tradelane.domain.routing import CANALS
from tradelane.errors import InputError
from tradelane.io.case_inland import inland_codes, parse_inland
from tradelane.io.case_port_calls import parse_demand, parse_terminals

_PORT_KEYS = ("name", "lat_deg", "lon_deg", "max_draft_m")


def read_case(path: str | Path, reference: ReferenceData | None = None) -> Case:
    """Read and validate the case file at ``path``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("case file", str(path), "does not exist") from None
    except UnicodeDecodeError:
        raise InputError("case file", str(path), "is not UTF-8 text") from None
    return parse_case(text, reference, source=str(path))


def parse_case(text: str, reference: ReferenceData | None = None, *, source: str = "") -> Case:
    """Build a Case from the text of a case file, with the shipped reference data by default."""
    ref = reference or load_reference()
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError("case file", source or "<text>", f"is not valid TOML ({exc})") from None
    service_t = _table(doc, "service")
    ports_t = _table(doc, "ports", required=False)
    rotation = [ref.canonical_locode(code, f"service.rotation[{i}]") if code not in ports_t
                else code for i, code in enumerate(_get(service_t, "rotation", "service", list))]
    ports = {code: _port(code, ref, ports_t) for code in dict.fromkeys(rotation)}
    service = Service(
        code=_get(service_t, "code", "service", str),
        name=_get(service_t, "name", "service", str),
        rotation=tuple(rotation),
        frequency_days=_get(service_t, "frequency_days", "service", float),
        port_stay_h=tuple(_port_stay(service_t, ports_t, code) for code in rotation),
    )
    demand = parse_demand(doc, ref, inland_codes(doc))
    inland = parse_inland(doc, demand, ports)
    return Case(
        service=service,
        vessel_class=_vessel_class(doc, ref),
        ships=_get(_table(doc, "fleet"), "ships", "fleet", int),
        economics=_economics(doc, ref, ports_t),
        routing=_routing(_table(doc, "routing")),
        ports=MappingProxyType(ports),
        canals=MappingProxyType({c: _canal(c, doc, ref) for c in CANALS}),
        start=_start(service_t.get("start")),
        source=source,
        terminals=MappingProxyType(parse_terminals(doc, ref)),
        demand=inland.port_view(demand) if inland else demand,
        inland=inland,
        moves_teu=MappingProxyType({code: _get(t, "moves_teu", f"ports.{code}", float)
                                    for code, t in ports_t.items()
                                    if isinstance(t, dict) and "moves_teu" in t}),
        handling_usd_per_ffe=_port_values(ports_t, "handling_usd_per_ffe"),
        transshipment_usd_per_ffe=_port_values(ports_t, "transshipment_usd_per_ffe"),
        **_cargo_tonnes(_table(doc, "fleet")),
        cabotage_allowed=tuple(_get(_table(doc, "booking", required=False),
                                    "cabotage_allowed", "booking", list, [])),
    )


def _cargo_tonnes(fleet_t: dict[str, Any]) -> dict[str, float]:
    """``[fleet] cargo_t_per_leg`` and ``cargo_share_of_deadweight`` where the case gives them."""
    return {key: _get(fleet_t, key, "fleet", float)
            for key in ("cargo_t_per_leg", "cargo_share_of_deadweight") if key in fleet_t}


def _port_values(ports_t: dict[str, Any], key: str) -> MappingProxyType[str, float]:
    """``[ports.X] key`` for every port that gives it."""
    return MappingProxyType({code: _get(t, key, f"ports.{code}", float)
                             for code, t in ports_t.items() if isinstance(t, dict) and key in t})


def _table(doc: dict[str, Any], key: str, *, required: bool = True) -> dict[str, Any]:
    value = doc.get(key)
    if value is None and not required:
        return {}
    if not isinstance(value, dict):
        raise InputError(f"[{key}]", value, "is missing or not a table")
    return value


def _get(table: dict[str, Any], key: str, where: str, kind: type, default: Any = None) -> Any:
    if key not in table:
        if default is not None:
            return default
        raise InputError(f"{where}.{key}", None, "is missing")
    value = table[key]
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise InputError(f"{where}.{key}", value, f"must be {_KIND_NAMES[kind]}")
    return value


_KIND_NAMES = {str: "a text", float: "a number", int: "a whole number", list: "a list",
               dict: "a table"}


def _port(code: str, ref: ReferenceData, ports_t: dict[str, Any]) -> Port:
    overrides = ports_t.get(code, {})
    if not isinstance(overrides, dict):
        raise InputError(f"ports.{code}", overrides, "must be a table")
    values = {k: overrides[k] for k in _PORT_KEYS if k in overrides}
    if code in ref.ports:
        base = ref.ports[code]
        merged = {"name": base.name, "lat_deg": base.lat_deg, "lon_deg": base.lon_deg,
                  "max_draft_m": base.max_draft_m, **values}
        return Port(locode=code, source=base.source if not values else "case", **merged)
    if "lat_deg" not in values:
        ref.canonical_locode(code, f"ports.{code}")  # raises: unknown and not defined here
    return Port(locode=code, name=values.pop("name", code), source="case", **values)


def _port_stay(service_t: dict[str, Any], ports_t: dict[str, Any], code: str) -> float | None:
    """Hours at ``code``: the port's own value, else the service default; ``None`` = computed."""
    port_t = ports_t.get(code, {})
    if "port_stay_h" in port_t:
        return _get(port_t, "port_stay_h", f"ports.{code}", float)
    if service_t.get("port_stay_h") == "computed":
        return None
    return _get(service_t, "port_stay_h", "service", float)


def _vessel_class(doc: dict[str, Any], ref: ReferenceData) -> Any:
    name = _get(_table(doc, "fleet"), "vessel_class", "fleet", str)
    own = _table(doc, "vessel_classes", required=False).get(name, {})
    if name not in ref.vessel_classes and not own:
        known = ", ".join(sorted(ref.vessel_classes))
        raise InputError("fleet.vessel_class", name, f"is not a known vessel class (shipped: "
                         f"{known}; or define it in a [vessel_classes.{name}] table)")
    return build_vessel_class(name, {**ref.vessel_classes.get(name, {}), **own})


def _canal(name: str, doc: dict[str, Any], ref: ReferenceData) -> Any:
    own = _table(doc, "canals", required=False).get(name, {})
    return build_canal(name, {**ref.canals[name], **own})


def _economics(doc: dict[str, Any], ref: ReferenceData, ports_t: dict[str, Any]) -> Economics:
    econ = _table(doc, "economics")
    fuel_name = _get(econ, "fuel", "economics", str)
    if fuel_name not in ref.fuels:
        raise InputError("economics.fuel", fuel_name,
                         f"is not a known fuel (known: {', '.join(sorted(ref.fuels))})")
    costs = {code: PortCallCost(
        fixed_usd=_get(t, "call_cost_usd", f"ports.{code}", float, 0.0),
        per_ffe_usd=_get(t, "call_cost_usd_per_ffe", f"ports.{code}", float, 0.0),
    ) for code, t in ports_t.items() if isinstance(t, dict)}
    fees = {c: _get(econ, f"{c}_fee_usd", "economics", float)
            for c in CANALS if f"{c}_fee_usd" in econ}
    return Economics(
        bunker_usd_per_t=_get(econ, "bunker_usd_per_t", "economics", float),
        fuel=ref.fuels[fuel_name],
        port_call_costs=MappingProxyType(costs),
        canal_fees_usd=MappingProxyType(fees),
        rejection_penalty_usd_per_teu=_get(econ, "rejection_penalty_usd_per_teu", "economics",
                                           float, 0.0),
    )


def _routing(routing_t: dict[str, Any]) -> RoutingPolicy:
    options = []
    for i, name in enumerate(_get(routing_t, "options", "routing", list)):
        try:
            options.append(Routing(name))
        except ValueError:
            raise InputError(f"routing.options[{i}]", name,
                             "is not a routing (panama, suez or cape)") from None
    closed = _get(routing_t, "closed", "routing", list, [])
    for i, name in enumerate(closed):
        if name not in CANALS:
            raise InputError(f"routing.closed[{i}]", name, "is not a canal (panama or suez)")
    limit = routing_t.get("panama_draft_limit_m")
    return RoutingPolicy(
        options=tuple(dict.fromkeys(options)),
        closed=frozenset(closed),
        panama_draft_limit_m=None if limit is None else
        _get(routing_t, "panama_draft_limit_m", "routing", float),
        port_draft=_get(routing_t, "port_draft", "routing", str, "warn"),
    )


def _start(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        return parse_start(value, "service.start")
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    raise InputError("service.start", value, "must be a date-time such as 2024-01-01T00:00:00Z")


def parse_start(text: str, field: str = "start") -> datetime:
    """An ISO 8601 date-time; without an offset it is taken as UTC."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InputError(field, text, "is not an ISO 8601 date-time such as 2024-01-01T00:00"
                         ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
