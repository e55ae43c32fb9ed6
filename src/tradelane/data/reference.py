"""Load the reference tables shipped with the package; nothing is downloaded."""

from __future__ import annotations

import csv
import functools
import io
import tomllib
from collections.abc import Mapping
from dataclasses import MISSING, dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any

from tradelane.domain import Canal, Fuel, Port, VesselClass
from tradelane.errors import InputError


@dataclass(frozen=True, slots=True)
class ReferenceData:
    """The shipped tables, keyed by code.

    ``vessel_classes``, ``canals`` and ``fuels`` hold raw key/value tables so that a case can
    override single keys before the records are built.
    """

    ports: Mapping[str, Port]
    aliases: Mapping[str, str]
    vessel_classes: Mapping[str, Mapping[str, Any]]
    canals: Mapping[str, Mapping[str, Any]]
    fuels: Mapping[str, Fuel]

    def port(self, code: str, field: str = "locode") -> Port:
        """The port record for a UN/LOCODE or one of its aliases; InputError if unknown."""
        canonical = self.canonical_locode(code, field)
        return self.ports[canonical]

    def canonical_locode(self, code: str, field: str = "locode") -> str:
        """``code`` itself, or the code an alias stands for; InputError if unknown."""
        if not isinstance(code, str):
            raise InputError(field, code, "must be a UN/LOCODE text such as CNTAO")
        upper = code.strip().upper()
        upper = self.aliases.get(upper, upper)
        if upper not in self.ports:
            raise InputError(field, code, "is not a known UN/LOCODE (not in the port table; "
                             "define it in the case's [ports] table with lat_deg and lon_deg)")
        return upper


def _read_text(name: str) -> str:
    return resources.files("tradelane.data").joinpath(name).read_text(encoding="utf-8")


def _float_or_none(text: str) -> float | None:
    return float(text) if text.strip() else None


def _ports() -> dict[str, Port]:
    rows = csv.DictReader(io.StringIO(_read_text("ports.csv")))
    return {
        r["locode"]: Port(
            locode=r["locode"],
            name=r["name"],
            lat_deg=_float_or_none(r["lat_deg"]),
            lon_deg=_float_or_none(r["lon_deg"]),
            max_draft_m=_float_or_none(r["max_draft_m"]),
            source=r["source"],
        )
        for r in rows
    }


@functools.cache
def load_reference() -> ReferenceData:
    """The shipped reference data (read once per process; the records are immutable)."""
    aliases = {r["alias"]: r["locode"]
               for r in csv.DictReader(io.StringIO(_read_text("port_aliases.csv")))}
    fuels = {name: Fuel(name=name, **values)
             for name, values in tomllib.loads(_read_text("fuels.toml")).items()}
    return ReferenceData(
        ports=MappingProxyType(_ports()),
        aliases=MappingProxyType(aliases),
        vessel_classes=MappingProxyType(tomllib.loads(_read_text("vessel_classes.toml"))),
        canals=MappingProxyType(tomllib.loads(_read_text("canals.toml"))),
        fuels=MappingProxyType(fuels),
    )


def build_vessel_class(name: str, values: Mapping[str, Any]) -> VesselClass:
    """A VesselClass from a key/value table; unknown or missing keys are InputErrors."""
    return _build(VesselClass, f"vessel_classes.{name}", {"name": name, **values})


def build_canal(name: str, values: Mapping[str, Any]) -> Canal:
    """A Canal from a key/value table; unknown or missing keys are InputErrors."""
    return _build(Canal, f"canals.{name}", {"name": name, **values})


def _build(cls: Any, where: str, values: dict[str, Any]) -> Any:
    fields = set(cls.__dataclass_fields__)
    unknown = sorted(set(values) - fields)
    if unknown:
        raise InputError(f"{where}.{unknown[0]}", values[unknown[0]],
                         f"is not a known key (known: {', '.join(sorted(fields))})")
    missing = sorted(f for f in fields if f not in values and _is_required(cls, f))
    if missing:
        raise InputError(where, missing[0], "is missing")
    return cls(**values)


def _is_required(cls: Any, name: str) -> bool:
    spec = cls.__dataclass_fields__[name]
    return spec.default is MISSING and spec.default_factory is MISSING
