"""The shipped cargo tables: ISO 6346 equipment types and the dangerous-goods list."""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Mapping
from datetime import date
from importlib import resources
from types import MappingProxyType

from tradelane.domain.cargo import DangerousGoodsEntry, EquipmentType


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("tradelane.data").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


@functools.cache
def equipment_types() -> Mapping[str, EquipmentType]:
    """ISO size-type code → EquipmentType (``data/equipment_types.csv``)."""
    return MappingProxyType({
        r["iso_code"]: EquipmentType(iso_code=r["iso_code"], teu=int(r["teu"]),
                                     tare_t=float(r["tare_t"]),
                                     is_reefer=r["is_reefer"] == "true",
                                     description=r["description"])
        for r in _rows("equipment_types.csv")})


@functools.cache
def dangerous_goods() -> Mapping[str, DangerousGoodsEntry]:
    """UN number (``"UN3480"``) → DangerousGoodsEntry (``data/dangerous_goods.csv``)."""
    return MappingProxyType({
        r["un_number"]: DangerousGoodsEntry(
            un_number=r["un_number"], imo_class=r["imo_class"],
            packing_groups=_packing_groups(r["packing_groups"]),
            proper_shipping_name=r["proper_shipping_name"],
            valid_from=date.fromisoformat(r["valid_from"]) if r["valid_from"] else None)
        for r in _rows("dangerous_goods.csv")})


_ROMAN = {"I": 1, "II": 2, "III": 3}


def _packing_groups(text: str) -> tuple[int, ...]:
    return tuple(_ROMAN[g] for g in text.split("|") if g)
