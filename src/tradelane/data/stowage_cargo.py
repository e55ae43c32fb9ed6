"""Shipped stowage tables: ISO 6346 size-types, IMDG stowage entries and segregation rules.

The tables are CSV/TOML files beside this module, each with its sources in its header
(summarised in ``docs/stowage-cargo.md``):

- ``container_size_types.csv``: size-type → length, height, plated maximum gross mass, tare;
- ``imdg_stowage.csv``: UN number (and packing group) → class, stowage category, SW and SG codes;
- ``imdg_segregation.csv``: the IMDG 7.2.4 segregation table for classes 2.1, 3, 4.1, 5.1, 8, 9;
- ``imdg_container_ships.toml``: IMDG 7.4.3, what each requirement means on a container ship.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any

from tradelane.errors import InputError

ON_DECK_ONLY_CATEGORIES = frozenset({"C", "D"})
"""IMDG 7.1.3.2, classes 2-9 on a cargo ship: categories C and D are on deck only."""


@dataclass(frozen=True, slots=True)
class SizeType:
    """One ISO 6346 size-type code with the figures stowage needs."""

    iso_type: str
    length_ft: int
    height_m: float
    max_gross_kg: float
    tare_kg: float
    is_reefer: bool
    description: str

    @property
    def teu(self) -> int:
        """Slots in TEU: 1 for a 20-ft unit, 2 for 40 and 45 ft."""
        return 1 if self.length_ft == 20 else 2


@dataclass(frozen=True, slots=True)
class ImdgStowage:
    """Columns 16a/16b of the IMDG Dangerous Goods List for one UN entry (and packing group)."""

    un_number: str
    imo_class: str
    packing_group: int | None
    stowage_category: str
    stowage_codes: tuple[str, ...]
    segregation_codes: tuple[str, ...]
    certainty: str
    proper_shipping_name: str

    @property
    def on_deck_only(self) -> bool:
        """Category C or D: on deck only on a cargo ship."""
        return self.stowage_category in ON_DECK_ONLY_CATEGORIES


@dataclass(frozen=True, slots=True)
class SegregationRule:
    """What one 7.2.4 requirement (1-4) means for closed units on a container ship (7.4.3).

    Gaps are whole container spaces; ``-1`` is no restriction. See
    ``imdg_container_ships.toml`` for the meaning of each field.
    """

    requirement: int
    name: str
    fore_aft_on_deck: int = -1
    athwart_on_deck: int = -1
    under_deck: str = "gaps"
    fore_aft_under_deck: int = -1
    athwart_under_deck: int = -1
    deck_between: str = "ok"
    min_distance_m: float = 0.0


def _text(name: str) -> str:
    return resources.files("tradelane.data").joinpath(name).read_text(encoding="utf-8")


def _rows(name: str) -> list[dict[str, str]]:
    lines = [line for line in _text(name).splitlines() if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def un_digits(text: str, field: str = "un_number") -> str:
    """``"UN3480"``, ``"UN 3480"`` or ``"3480"`` → ``"3480"``; InputError naming ``field``."""
    match = re.fullmatch(r"(?:UN\s*)?(\d{4})", text.strip().upper())
    if not match:
        raise InputError(field, text, "is not a UN number (four digits, e.g. UN3480)")
    return match.group(1)


@functools.cache
def size_types() -> Mapping[str, SizeType]:
    """ISO size-type code → SizeType (``container_size_types.csv``)."""
    return MappingProxyType({
        r["iso_type"]: SizeType(iso_type=r["iso_type"], length_ft=int(r["length_ft"]),
                                height_m=float(r["height_m"]),
                                max_gross_kg=float(r["max_gross_kg"]),
                                tare_kg=float(r["tare_kg"]), is_reefer=r["is_reefer"] == "true",
                                description=r["description"])
        for r in _rows("container_size_types.csv")})


_ROMAN = {"I": 1, "II": 2, "III": 3}


@functools.cache
def imdg_stowage() -> Mapping[str, tuple[ImdgStowage, ...]]:
    """UN number (four digits) → its rows in ``imdg_stowage.csv`` (one per packing group)."""
    table: dict[str, list[ImdgStowage]] = {}
    for r in _rows("imdg_stowage.csv"):
        un = un_digits(r["un_number"])
        table.setdefault(un, []).append(ImdgStowage(
            un_number=un, imo_class=r["imo_class"],
            packing_group=_ROMAN.get(r["packing_group"]),
            stowage_category=r["stowage_category"],
            stowage_codes=tuple(c for c in r["stowage_codes"].split("|") if c),
            segregation_codes=tuple(c for c in r["segregation_codes"].split("|") if c),
            certainty=r["certainty"], proper_shipping_name=r["proper_shipping_name"]))
    return MappingProxyType({un: tuple(rows) for un, rows in table.items()})


def imdg_entry(un_number: str, packing_group: int | None = None) -> ImdgStowage:
    """The stowage row of a UN number; without a packing group, its most restrictive row.

    Most restrictive = on deck only if any row is, else the first row (packing group I).
    Raises InputError naming ``un_number`` for an entry not in the table.
    """
    rows = imdg_stowage().get(un_digits(un_number))
    if not rows:
        raise InputError("un_number", un_number, "is not in tradelane's IMDG stowage table "
                         f"(known: {', '.join('UN' + u for u in imdg_stowage())})")
    for row in rows:
        if packing_group is not None and row.packing_group == packing_group:
            return row
    return next((r for r in rows if r.on_deck_only), rows[0])


@functools.cache
def segregation_table() -> Mapping[tuple[str, str], int]:
    """(class, class) → 7.2.4 requirement 1-4, or 0 where the table says X."""
    table: dict[tuple[str, str], int] = {}
    for r in _rows("imdg_segregation.csv"):
        for other, cell in r.items():
            if other != "class":
                table[(r["class"], other)] = 0 if cell == "X" else int(cell)
    return MappingProxyType(table)


def segregation_requirement(class_a: str, class_b: str) -> int:
    """7.2.4 requirement between two classes (0 = none); InputError for a class not modelled."""
    table = segregation_table()
    for cls in (class_a, class_b):
        if (cls, cls) not in table:
            known = sorted({a for a, _ in table})
            raise InputError("imo_class", cls, f"is not a class tradelane segregates "
                             f"(known: {', '.join(known)})")
    return table[(class_a, class_b)]


@functools.cache
def _container_ship_doc() -> dict[str, Any]:
    return tomllib.loads(_text("imdg_container_ships.toml"))


@functools.cache
def container_ship_rules() -> Mapping[int, SegregationRule]:
    """Requirement 1-4 → its meaning on a container ship (``imdg_container_ships.toml``)."""
    doc = _container_ship_doc()["requirement"]
    return MappingProxyType({int(k): SegregationRule(requirement=int(k), **v)
                             for k, v in doc.items()})


def sw_distances_m() -> tuple[float, float]:
    """(heat, living quarters): clear distances for SW1 and SW2 in metres."""
    sw = _container_ship_doc()["sw_codes"]
    return float(sw["heat_distance_m"]), float(sw["living_quarters_distance_m"])
