"""The case file's ``[stowage]`` cargo table: container mix, DG mix, weights, tares, setpoints.

Every key is optional; a missing key takes the case brief's value (★ planning assumptions,
``docs/stowage-cargo.md``). ``parse_stowage_cargo(doc)`` reads the whole TOML document (as
``tomllib`` returns it) and returns a frozen ``StowageCargo``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any

from tradelane.data.stowage_cargo import imdg_entry, size_types, un_digits
from tradelane.errors import InputError


@dataclass(frozen=True, slots=True)
class CargoKind:
    """One line of a container mix: a size-type, its share and its cargo weight (triangular).

    ``share`` is by TEU in ``mix``/``aboard_mix`` and by container in ``dg_mix``. For a DG kind,
    ``un_number`` is the UN entry (four digits); ``un_number_before`` replaces it on sailings
    before ``switch_date`` (battery vehicles: UN3171 before UN3556 existed).
    """

    name: str
    iso_type: str
    share: float
    gross_t: tuple[float, float, float]
    un_number: str | None = None
    un_number_before: str | None = None
    switch_date: date | None = None

    def un_on(self, sailing: date) -> str | None:
        """The UN entry this kind carries on a sailing of that date (None: not DG)."""
        if self.un_number_before and self.switch_date and sailing < self.switch_date:
            return self.un_number_before
        return self.un_number


@dataclass(frozen=True, slots=True)
class StowageCargo:
    """The cargo assumptions ``sample_load_list`` draws from."""

    mix: tuple[CargoKind, ...]
    dg_teu_share: float
    dg_mix: tuple[CargoKind, ...]
    aboard_mix: tuple[CargoKind, ...]
    reefer_setpoints_c: tuple[float, ...]
    tare_t: Mapping[str, float] = field(default_factory=dict)
    placeholder_owner: str = "TLNU"

    def tare_kg(self, iso_type: str) -> float:
        """Tare of a size-type: the case's ``tare_t`` first, else the shipped table."""
        if iso_type in self.tare_t:
            return self.tare_t[iso_type] * 1000.0
        return size_types()[iso_type].tare_kg


_K = CargoKind
DEFAULT_MIX = (
    _K("20' dry", "22G1", 0.18, (8.0, 18.0, 28.0)),
    _K("40' dry", "42G1", 0.22, (6.0, 14.0, 26.0)),
    _K("40' high-cube solar modules", "45G1", 0.25, (8.0, 11.0, 14.0)),
    _K("40' high-cube general cargo", "45G1", 0.20, (6.0, 14.0, 26.0)),
    _K("40' reefer high-cube", "45R1", 0.05, (12.0, 22.0, 29.0)),
)
"""Eastbound mix by TEU (case brief ★; the 45 % high-cube split into solar modules and general
cargo is an assumption); DG (``DEFAULT_DG_TEU_SHARE``) makes up the rest."""
DEFAULT_DG_TEU_SHARE = 0.10
DEFAULT_DG_MIX = (
    _K("Li-ion batteries", "45G1", 0.45, (16.0, 22.0, 28.0), un_number="3480"),
    _K("battery vehicles", "45G1", 0.35, (7.0, 9.0, 11.0), un_number="3556",
       un_number_before="3171", switch_date=date(2025, 1, 1)),
    _K("Li-ion batteries in equipment", "45G1", 0.10, (6.0, 12.0, 20.0), un_number="3481"),
    _K("paints", "22G1", 0.05, (8.0, 18.0, 28.0), un_number="1263"),
    _K("corrosive cleaning liquids", "22G1", 0.05, (8.0, 18.0, 28.0), un_number="1760"),
)
"""DG mix at Qingdao by container (case brief ★; weights of equipment batteries assumed)."""
DEFAULT_ABOARD_MIX = (
    _K("20' dry", "22G1", 0.30, (8.0, 18.0, 28.0)),
    _K("40' dry", "42G1", 0.35, (6.0, 14.0, 26.0)),
    _K("40' high-cube", "45G1", 0.30, (6.0, 14.0, 26.0)),
    _K("40' reefer high-cube", "45R1", 0.05, (12.0, 22.0, 29.0)),
)
"""Westbound cargo aboard on arrival (assumption: the brief gives no mix; no DG, as the brief)."""
DEFAULT_TARE_T = MappingProxyType({"22G1": 2.2, "42G1": 3.8, "45G1": 3.9, "45R1": 4.6})
DEFAULT_SETPOINTS_C = (-18.0, 2.0)


def default_stowage_cargo() -> StowageCargo:
    """The case brief's assumptions."""
    return StowageCargo(mix=DEFAULT_MIX, dg_teu_share=DEFAULT_DG_TEU_SHARE,
                        dg_mix=DEFAULT_DG_MIX, aboard_mix=DEFAULT_ABOARD_MIX,
                        reefer_setpoints_c=DEFAULT_SETPOINTS_C, tare_t=DEFAULT_TARE_T)


def parse_stowage_cargo(doc: Mapping[str, Any]) -> StowageCargo:
    """The ``[stowage]`` table of a case document → StowageCargo (defaults for missing keys).

    Raises InputError naming the key (``stowage.mix[2].gross_t``) on bad values: unknown
    size-types or UN numbers, shares that do not add up to 1, weights not ordered min ≤ mode ≤
    max, or a heaviest box (max cargo + tare) over its size-type's maximum gross mass.
    """
    table = doc.get("stowage", {})
    if not isinstance(table, dict):
        raise InputError("stowage", table, "must be a table")
    base = default_stowage_cargo()
    tare = _tares(table.get("tare_t", dict(base.tare_t)))
    dg_share = _share("stowage.dg_teu_share", table.get("dg_teu_share", base.dg_teu_share))
    cargo = StowageCargo(
        mix=_kinds(table, "mix", base.mix, dg=False),
        dg_teu_share=dg_share,
        dg_mix=_kinds(table, "dg_mix", base.dg_mix, dg=True),
        aboard_mix=_kinds(table, "aboard_mix", base.aboard_mix, dg=False),
        reefer_setpoints_c=_setpoints(table.get("reefer_setpoints_c",
                                                list(base.reefer_setpoints_c))),
        tare_t=MappingProxyType(tare),
        placeholder_owner=str(table.get("placeholder_owner", base.placeholder_owner)))
    _check_sum("stowage.mix", [k.share for k in cargo.mix] + [dg_share])
    _check_sum("stowage.dg_mix", [k.share for k in cargo.dg_mix])
    _check_sum("stowage.aboard_mix", [k.share for k in cargo.aboard_mix])
    for name in ("mix", "dg_mix", "aboard_mix"):
        for i, kind in enumerate(getattr(cargo, name)):
            _check_gross(f"stowage.{name}[{i}].gross_t", kind, cargo)
    return cargo


def _kinds(table: dict[str, Any], key: str, default: tuple[CargoKind, ...], *, dg: bool
           ) -> tuple[CargoKind, ...]:
    if key not in table:
        return default
    rows = table[key]
    if not isinstance(rows, list) or not rows:
        raise InputError(f"stowage.{key}", rows, "must be a non-empty array of tables")
    return tuple(_kind(f"stowage.{key}[{i}]", row, dg) for i, row in enumerate(rows))


def _kind(where: str, row: Any, dg: bool) -> CargoKind:
    if not isinstance(row, dict):
        raise InputError(where, row, "must be a table")
    iso = str(row.get("iso_type", ""))
    if iso not in size_types():
        raise InputError(f"{where}.iso_type", iso, "is not a known ISO size-type")
    un = before = None
    switch = row.get("switch_date")
    if dg:
        un = _un(f"{where}.un_number", row.get("un_number", ""))
        if "un_number_before" in row:
            before = _un(f"{where}.un_number_before", row["un_number_before"])
            if not isinstance(switch, date):
                raise InputError(f"{where}.switch_date", switch, "must be a date "
                                 "(e.g. 2025-01-01) when un_number_before is given")
    return CargoKind(name=str(row.get("name", iso)), iso_type=iso,
                     share=_share(f"{where}.share", row.get("share", row.get("teu_share"))),
                     gross_t=_triangle(f"{where}.gross_t", row.get("gross_t")),
                     un_number=un, un_number_before=before,
                     switch_date=switch if before else None)


def _un(where: str, value: Any) -> str:
    try:
        return imdg_entry(un_digits(str(value), where)).un_number
    except InputError as exc:
        raise InputError(where, value, exc.problem) from None


def _share(where: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise InputError(where, value, "must be a share from 0 to 1")
    return float(value)


def _triangle(where: str, value: Any) -> tuple[float, float, float]:
    ok = (isinstance(value, list) and len(value) == 3
          and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value))
    if not ok or not 0 <= value[0] <= value[1] <= value[2] or value[2] <= 0:
        raise InputError(where, value, "must be [min, mode, max] tonnes with "
                         "0 ≤ min ≤ mode ≤ max and max > 0")
    return float(value[0]), float(value[1]), float(value[2])


def _tares(value: Any) -> dict[str, float]:
    if not isinstance(value, dict):
        raise InputError("stowage.tare_t", value, "must be a table of size-type = tonnes")
    for iso, tonnes in value.items():
        if iso not in size_types():
            raise InputError(f"stowage.tare_t.{iso}", tonnes, "is not a known ISO size-type")
        if isinstance(tonnes, bool) or not isinstance(tonnes, int | float) or tonnes <= 0:
            raise InputError(f"stowage.tare_t.{iso}", tonnes, "must be tonnes greater than 0")
    return {iso: float(t) for iso, t in value.items()}


def _setpoints(value: Any) -> tuple[float, ...]:
    ok = isinstance(value, list) and value and all(
        isinstance(v, int | float) and not isinstance(v, bool) and -70 <= v <= 40 for v in value)
    if not ok:
        raise InputError("stowage.reefer_setpoints_c", value,
                         "must be a non-empty list of setpoints from -70 to 40 °C")
    return tuple(float(v) for v in value)


def _check_sum(where: str, shares: list[float]) -> None:
    if not math.isclose(sum(shares), 1.0, abs_tol=1e-6):
        raise InputError(where, round(sum(shares), 6), "shares must add up to 1"
                         + (" (with dg_teu_share)" if where == "stowage.mix" else ""))


def _check_gross(where: str, kind: CargoKind, cargo: StowageCargo) -> None:
    size = size_types()[kind.iso_type]
    lightest_kg, heaviest_kg = kind.gross_t[0] * 1000.0, kind.gross_t[2] * 1000.0
    if heaviest_kg > size.max_gross_kg:
        raise InputError(where, list(kind.gross_t), f"max gross {heaviest_kg:.0f} kg is over "
                         f"the {kind.iso_type} maximum gross mass of {size.max_gross_kg:.0f} kg")
    if lightest_kg < cargo.tare_kg(kind.iso_type):
        raise InputError(where, list(kind.gross_t), f"min gross {lightest_kg:.0f} kg is less "
                         f"than the {kind.iso_type} tare {cargo.tare_kg(kind.iso_type):.0f} kg")
