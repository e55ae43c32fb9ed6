"""Trade records: a commodity's share of an equipment line, HS groups and market groups.

A DCSA requested-equipment line carries one or more commodities. The trade report needs each
commodity's slots, containers and tonnes, so a line is split among its commodities in
proportion to their cargo gross weights when every commodity gives one (and they add up to more
than zero), else equally.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tradelane.errors import InputError


@dataclass(frozen=True, slots=True)
class CommodityShare:
    """One commodity's part of an equipment line (slots, containers, tonnes may be fractions).

    Attributes
    ----------
    hs_code : str or None
        The commodity's first HS code (6 to 10 digits), ``None`` when it declares none.
    commodity_type : str or None
        DCSA ``commodityType`` as sent (``None`` for an equipment line without commodities).
    teu, containers, tonnes : float
        The commodity's share of the line's TEU, containers and cargo gross weight (t).
    is_dangerous : bool
        The commodity declares dangerous goods.
    is_reefer : bool
        The line is an operating reefer.
    """

    hs_code: str | None
    commodity_type: str | None
    teu: float
    containers: float
    tonnes: float
    is_dangerous: bool
    is_reefer: bool

    def __post_init__(self) -> None:
        for name in ("teu", "containers", "tonnes"):
            value = getattr(self, name)
            if not math.isfinite(value) or value < 0:
                raise InputError(f"commodity.{name}", value, "must be a finite number >= 0")


@dataclass(frozen=True, slots=True)
class DeclaredCommodity:
    """A commodity as declared on an equipment line: HS code, type, weight (t), DG flag."""

    hs_code: str | None
    commodity_type: str | None
    cargo_gross_weight_t: float | None
    is_dangerous: bool


def split_line(units: int, teu_per_unit: int, cargo_gross_weight_t: float, is_reefer: bool,
               commodities: Sequence[DeclaredCommodity]) -> tuple[CommodityShare, ...]:
    """Split an equipment line among its commodities (by weight if all weigh, else equally).

    Parameters
    ----------
    units, teu_per_unit
        Containers of the line and TEU of one.
    cargo_gross_weight_t
        Cargo gross weight of the whole line (all units), tonnes.
    is_reefer
        Whether the line is an operating reefer.
    commodities
        The line's commodities; none gives one share with no HS code.
    """
    if not commodities:
        commodities = (DeclaredCommodity(None, None, None, False),)
    weights = [c.cargo_gross_weight_t for c in commodities]
    known = [w for w in weights if w is not None]
    total = sum(known)
    if len(known) == len(weights) and total > 0:
        fractions = [w / total for w in known]
    else:
        fractions = [1 / len(commodities)] * len(commodities)
    return tuple(CommodityShare(
        hs_code=c.hs_code, commodity_type=c.commodity_type, teu=units * teu_per_unit * f,
        containers=units * f, tonnes=cargo_gross_weight_t * f, is_dangerous=c.is_dangerous,
        is_reefer=is_reefer) for c, f in zip(commodities, fractions, strict=True))


@dataclass(frozen=True, slots=True)
class HsGroup:
    """A commodity group by HS prefix (``870380`` → electric passenger cars, new three)."""

    hs_prefix: str
    commodity: str
    new_three: bool

    def __post_init__(self) -> None:
        if not (self.hs_prefix.isdigit() and 2 <= len(self.hs_prefix) <= 10):
            raise InputError("hs_prefix", self.hs_prefix, "must be 2 to 10 digits")


@dataclass(frozen=True, slots=True)
class Market:
    """A market (country group) and its tier: ``traditional`` or ``emerging``."""

    name: str
    tier: str

    def __post_init__(self) -> None:
        if self.tier not in ("traditional", "emerging", "other"):
            raise InputError("tier", self.tier, "must be traditional, emerging or other")

    @property
    def label(self) -> str:
        """``traditional: US`` — the group label of ``--by market`` (``other`` alone)."""
        return self.name if self.tier == "other" else f"{self.tier}: {self.name}"


def period_label(kind: str, day: date) -> str:
    """``2024-01`` (``kind`` month) or ``2024-W01`` (ISO week) of ``day``."""
    if kind == "month":
        return f"{day.year:04d}-{day.month:02d}"
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def period_start(kind: str, day: date) -> date:
    """First day of ``day``'s month, or the Monday of its ISO week."""
    return day.replace(day=1) if kind == "month" else day - timedelta(days=day.weekday())


def period_before(kind: str, day: date) -> date:
    """First day of the month or ISO week before ``day``'s (``day`` itself for other kinds)."""
    if kind not in ("month", "week"):
        return day
    return period_start(kind, period_start(kind, day) - timedelta(days=1))


def period_labels(kind: str, first: date, last: date) -> list[str]:
    """The labels of every month or ISO week from ``first``'s to ``last``'s."""
    labels, day = [], period_start(kind, first)
    while day <= last:
        labels.append(period_label(kind, day))
        day = (day + timedelta(days=32)).replace(day=1) if kind == "month" \
            else day + timedelta(days=7)
    return labels


def previous_period(kind: str, label: str) -> str:
    """The label of the month or ISO week before ``label``."""
    if kind == "month":
        year, month = (int(x) for x in label.split("-"))
        return f"{year - 1:04d}-12" if month == 1 else f"{year:04d}-{month - 1:02d}"
    monday = date.fromisocalendar(int(label[:4]), int(label[6:]), 1)
    return period_label("week", monday - timedelta(days=7))
