"""Liner networks: our JSON network file and the published best-network logs of LINER-LIB.

Both build the records of :mod:`tradelane.domain.linerlib`: a :class:`LinerlibNetwork` is a tuple
of :class:`LinerlibService` (a vessel class, a number of vessels, a speed and a cyclic list of port
calls); a :class:`PublishedLog` adds the figures a log reports.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tradelane.domain.linerlib import (
    CAPACITY_CASE_NAMES,
    LinerlibNetwork,
    LinerlibService,
    PublishedLog,
)
from tradelane.errors import InputError
from tradelane.io._table import FileFormatError

__all__ = [
    "FORMAT_NAME",
    "format_network_json",
    "parse_log",
    "parse_network_json",
    "read_log",
    "read_network",
    "write_network",
]

FORMAT_NAME = "tradelane.linerlib.network"
FORMAT_VERSION = 1


def format_network_json(network: LinerlibNetwork) -> str:
    """Our network file as JSON text (see ``docs/linerlib.md``)."""
    doc = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "instance": network.instance,
        "capacity_case": network.capacity_case,
        "services": [
            {"name": s.name, "vessel_class": s.vessel_class, "vessels": s.vessels,
             "speed_kn": s.speed_kn, "calls": list(s.calls)}
            for s in network.services
        ],
    }
    return json.dumps(doc, indent=2) + "\n"


def _json_error(source: str, where: str, value: object, problem: str) -> InputError:
    return InputError(f"{source}: {where}", value, problem)


def _service_from_json(source: str, i: int, item: Any) -> LinerlibService:
    where = f"services[{i}]"
    if not isinstance(item, dict):
        raise _json_error(source, where, item, "must be an object")
    for key, kind in (("vessel_class", str), ("vessels", int), ("speed_kn", (int, float)),
                      ("calls", list)):
        if key not in item:
            raise _json_error(source, f"{where}.{key}", None, "is missing")
        if not isinstance(item[key], kind) or isinstance(item[key], bool):
            raise _json_error(source, f"{where}.{key}", item[key], "has the wrong type")
    if not all(isinstance(c, str) for c in item["calls"]):
        raise _json_error(source, f"{where}.calls", item["calls"], "must be a list of port codes")
    try:
        return LinerlibService(item["vessel_class"], item["vessels"], float(item["speed_kn"]),
                       tuple(item["calls"]), str(item.get("name", "")))
    except InputError as exc:
        raise _json_error(source, f"{where}.{exc.field.split('.')[-1]}", exc.value,
                          exc.problem) from None


def parse_network_json(text: str, source: str = "network.json") -> LinerlibNetwork:
    """Parse our JSON network file; errors name the file and the JSON path of the bad field."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileFormatError(source, exc.lineno, "JSON", exc.msg, "is not valid JSON") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        value = doc.get("format") if isinstance(doc, dict) else doc
        raise _json_error(source, "format", value, f"must be {FORMAT_NAME!r}")
    if doc.get("version") != FORMAT_VERSION:
        raise _json_error(source, "version", doc.get("version"), f"must be {FORMAT_VERSION}")
    services = doc.get("services")
    if not isinstance(services, list):
        raise _json_error(source, "services", services, "must be a list")
    case = doc.get("capacity_case")
    if case not in (None, *CAPACITY_CASE_NAMES):
        raise _json_error(source, "capacity_case", case, "must be low, base or high")
    return LinerlibNetwork(tuple(_service_from_json(source, i, s) for i, s in enumerate(services)),
                   doc.get("instance"), case)


_SERVICE = re.compile(r"^service (\d+) service id (\d+)$")
_CALL = re.compile(r"^\d+\t([A-Z0-9]{5})\t")
_FIGURE = re.compile(r"^\s*([A-Za-z_ %#]+?)\s*:?\s+(-?[0-9.]+(?:e[+-]?\d+)?)$")


def _log_figure(line: str) -> tuple[str, float] | None:
    m = _FIGURE.match(line)
    return (m.group(1).strip(), float(m.group(2))) if m else None


def _close_service(block: dict[str, Any], classes: Mapping[float, str],
                   source: str) -> LinerlibService:
    line = block["line"]
    for key in ("capacity", "vessels", "speed"):
        if key not in block:
            raise FileFormatError(source, line, key, None, "is missing from the service block")
    name = classes.get(block["capacity"])
    if name is None:
        raise FileFormatError(source, line, "capacity", block["capacity"],
                              "matches no vessel class capacity")
    try:
        return LinerlibService(name, int(block["vessels"]), block["speed"], tuple(block["calls"]),
                       f"service {block['id']}")
    except InputError as exc:
        raise FileFormatError(source, line, exc.field, exc.value, exc.problem) from None


def parse_log(text: str, classes_by_capacity: Mapping[float, str], source: str = "network.log",
              instance: str | None = None, capacity_case: str | None = None) -> PublishedLog:
    """Parse a published best-network log (``results/BrouerDesaulniersPisinger2014/*.log``).

    Parameters
    ----------
    text : str
        The log.
    classes_by_capacity : Mapping[float, str]
        Vessel class name per capacity in FFE (the log names classes by capacity only).
    source, instance, capacity_case : str | None
        File name for messages and the instance/case to tag the network with.
    """
    services: list[LinerlibService] = []
    block: dict[str, Any] | None = None
    figures: dict[str, float] = {}
    in_flows = False
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if m := _SERVICE.match(line):
            if block is not None:
                services.append(_close_service(block, classes_by_capacity, source))
            block = {"line": n, "id": int(m.group(2)), "calls": []}
            continue
        if "Flow Solution" in line:
            in_flows = True
            if block is not None:
                services.append(_close_service(block, classes_by_capacity, source))
                block = None
            continue
        if block is not None:
            _read_service_line(block, line, n, source)
        elif in_flows and line.startswith("Objective value:"):
            parts = re.findall(r"-?[0-9.]+(?:e[+-]?\d+)?", line)
            figures["Objective value"], figures["Objective value without penalty"] = map(
                float, parts[:2])
            in_flows = False
        elif not in_flows and (fig := _log_figure(line)) is not None:
            figures.setdefault(fig[0], fig[1])
    if "Objective value" not in figures:
        raise FileFormatError(source, len(text.splitlines()), "Objective value", None,
                              "no 'Objective value:' line found")
    if not services:
        raise FileFormatError(source, 1, "service", None, "no service block found")
    network = LinerlibNetwork(tuple(services), instance, capacity_case)
    return PublishedLog(network, figures["Objective value"],
                        figures["Objective value without penalty"], figures)


def _read_service_line(block: dict[str, Any], line: str, n: int, source: str) -> None:
    if m := _CALL.match(line):
        block["calls"].append(m.group(1))
        return
    fig = _log_figure(line)
    if fig is None:
        return
    key, value = fig
    if key == "capacity":
        block["capacity"] = value
    elif key == "# vessels":
        if value != int(value) or value < 1:
            raise FileFormatError(source, n, "# vessels", value, "must be a whole number ≥ 1")
        block["vessels"] = value
    elif key == "speed":
        if value <= 0:
            raise FileFormatError(source, n, "speed", value, "must be > 0")
        block["speed"] = value


def read_log(path: str | Path, classes_by_capacity: Mapping[float, str],
             instance: str | None = None, capacity_case: str | None = None) -> PublishedLog:
    """Read a published best-network log; see :func:`parse_log`."""
    p = Path(path)
    return parse_log(p.read_text(encoding="utf-8", errors="replace"), classes_by_capacity,
                     p.name, instance, capacity_case)


def read_network(path: str | Path) -> LinerlibNetwork:
    """Read our JSON network file."""
    p = Path(path)
    return parse_network_json(p.read_text(encoding="utf-8"), p.name)


def write_network(network: LinerlibNetwork, path: str | Path) -> None:
    """Write our JSON network file."""
    Path(path).write_text(format_network_json(network), encoding="utf-8")
