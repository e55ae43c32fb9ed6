"""Use case: the trade report — what the lane carried, for whom, to which markets.

Every face (``tradelane report trade``, ``GET /api/trade``, the dashboard's trade view) calls
``trade_report`` and renders its ``TradeReport``. Figures come from the booking store's
commodity shares (``booking_commodities``: a DCSA equipment line split among its commodities,
``domain.trade.split_line``) joined with their bookings; a booking's date is its ETD at the port
of loading (UTC).

- ``teu``, ``containers``, ``tonnes`` (cargo gross weight, tare excluded): sums of the shares.
- ``value``: DCSA ``declaredValue`` converted to the report's currency (CNY per unit from
  ``data/exchange_rates.csv`` or the query's rates), attributed to a booking's commodities in
  proportion to their TEU; bookings without a declared value add nothing.
- ``new_three_share_pct``, ``dg_share_pct``, ``reefer_share_pct``: percent of the TEU that is
  "new three" by HS code (``data/trade_hs.csv``; used cars excluded: HS 8703 of a booking named
  by a vehicle's export booking step, else with "used" in its type), that declares dangerous
  goods, that rides in an operating reefer.
- ``growth_pct``: TEU against the previous period. By month or week: against the preceding
  calendar month or ISO week (whole), also for the first one; otherwise (and for the total)
  against the same group over the equally long period just before ``date_from``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from types import MappingProxyType
from typing import Any, NamedTuple

from sqlalchemy.orm import Session

from tradelane.data.trade import exchange_rates, hs_group, market_of
from tradelane.domain.trade import period_before, period_label, period_labels, previous_period
from tradelane.errors import InputError
from tradelane.store.trade import (
    CallFacts,
    booking_counts,
    call_ports,
    calls_departing,
    party_names,
    trade_parts,
)

GROUPINGS = ("month", "week", "shipper", "commodity", "hs", "market", "pol", "pod",
             "inland-origin")
"""Dimensions a report groups by; two may be combined as ``month,market``."""
TIME_GROUPINGS = ("month", "week")
COUNTABLE = ("CONFIRMED", "RECEIVED", "UPDATE_RECEIVED")
"""Booking states a report may count (default: confirmed only)."""
NEVER_COUNTED = ("CANCELLED", "DECLINED", "REJECTED")
"""Booking states no report counts."""
SEPARATOR = " · "
"""Between the parts of a two-dimension group label (``2024-01 · traditional: US``)."""
FIELDS = ("group", "teu", "containers", "tonnes", "value", "new_three_share_pct",
          "dg_share_pct", "reefer_share_pct", "growth_pct")
"""The keys of a row (and of the total) in the JSON document."""
_USED = re.compile(r"\bused\b|second[- ]hand|二手", re.IGNORECASE)
_RATE = re.compile(r"^([A-Z]{3})/([A-Z]{3})=(.+)$")


@dataclass(frozen=True, slots=True)
class TradeQuery:
    """What to report: a date range (inclusive, UTC), grouping, currency and states.

    ``rates_cny`` overrides the shipped rates (currency → CNY per unit).
    """

    date_from: date
    date_to: date
    by: tuple[str, ...] = ("month",)
    currency: str = "CNY"
    statuses: tuple[str, ...] = ("CONFIRMED",)
    rates_cny: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        if not self.by or len(self.by) > 2 or len(set(self.by)) != len(self.by):
            raise InputError("by", ",".join(self.by), "must name one grouping or two different "
                             "ones separated by a comma")
        for name in self.by:
            if name not in GROUPINGS:
                raise InputError("by", name, f"is not a grouping; use one of "
                                 f"{', '.join(GROUPINGS)}")
        times = [name for name in self.by if name in TIME_GROUPINGS]
        if len(times) > 1 or (times and self.by[0] not in TIME_GROUPINGS):
            raise InputError("by", ",".join(self.by), "may hold one of month and week, and "
                             "then first (month,market)")
        if self.date_to < self.date_from:
            raise InputError("to", self.date_to.isoformat(), f"is before --from "
                             f"{self.date_from.isoformat()}; the range needs end >= start")
        for status in self.statuses:
            if status in NEVER_COUNTED:
                raise InputError("status", status, "is never counted (cancelled, declined "
                                 "and rejected bookings carry no cargo)")
            if status not in COUNTABLE:
                raise InputError("status", status, f"is not a booking state; use "
                                 f"{', '.join(COUNTABLE)}")
        if not self.statuses:
            raise InputError("status", "", "must name at least one booking state")
        if self.currency not in self.rates():
            raise InputError("currency", self.currency, "has no exchange rate; give one "
                             "with --rate " + self.currency + "/CNY=…")

    def rates(self) -> Mapping[str, float]:
        """Currency → CNY per unit: the shipped table with the query's overrides."""
        return {**exchange_rates(), **self.rates_cny}


def parse_rates(texts: Iterable[str]) -> dict[str, float]:
    """``["USD/CNY=7.10", "CNY/EUR=0.128"]`` → CNY per unit (``{"USD": 7.10, "EUR": 7.81…}``).

    One side of each pair is CNY or a currency whose rate is known (shipped or given earlier).
    """
    known: dict[str, float] = dict(exchange_rates())
    given: dict[str, float] = {}
    for text in texts:
        match = _RATE.match(text.strip().upper())
        value = _positive(match.group(3)) if match else None
        if match is None or value is None:
            raise InputError("rate", text, "must be BASE/QUOTE=number, e.g. USD/CNY=7.10 "
                             "(1 USD = 7.10 CNY), with a number > 0")
        base, quote = match.group(1), match.group(2)
        if quote in known and base != "CNY":
            given[base] = known[base] = value * known[quote]
        elif base in known:
            given[quote] = known[quote] = known[base] / value
        else:
            raise InputError("rate", text, "relates two currencies without a known rate; "
                             "give one of them against CNY")
    return given


def _positive(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if 0 < value < float("inf") else None


@dataclass(frozen=True, slots=True)
class TradeFigures:
    """One row of the report (or its total); shares ``None`` when there is no TEU, growth
    ``None`` when the previous period carried none."""

    group: str
    teu: float
    containers: float
    tonnes: float
    value: float
    new_three_share_pct: float | None
    dg_share_pct: float | None
    reefer_share_pct: float | None
    growth_pct: float | None

    def to_dict(self) -> dict[str, Any]:
        """The row as JSON: every key of ``FIELDS``."""
        return {name: getattr(self, name) for name in FIELDS}


@dataclass(frozen=True, slots=True)
class TradeReport:
    """The report: rows, total, currency and what was counted."""

    query: TradeQuery
    rows: tuple[TradeFigures, ...]
    total: TradeFigures
    bookings: int
    bookings_without_value: int
    previous_from: date
    previous_to: date

    @property
    def currency(self) -> str:
        """The currency of every ``value``."""
        return self.query.currency

    def to_dict(self) -> dict[str, Any]:
        """``{"rows": […], "total": {…}, "currency": …}`` (``--format json``, the API)."""
        return {"rows": [r.to_dict() for r in self.rows], "total": self.total.to_dict(),
                "currency": self.currency}


class _Share(NamedTuple):
    """Summed commodity shares with their group keys, ready to add up (one per database
    group)."""

    etd: datetime
    keys: tuple[str, ...]
    teu: float
    containers: float
    tonnes: float
    value: float
    new_three: bool
    dangerous: bool
    reefer: bool


_NEEDS: dict[str, tuple[str, ...]] = {
    "shipper": ("party_id",), "market": ("pod_call_id", "place_of_delivery"),
    "pod": ("pod_call_id",), "inland-origin": ("place_of_receipt",)}
"""Booking columns (``store.trade.OPTIONAL``) each grouping needs beyond the always-kept."""


def trade_report(session: Session, query: TradeQuery) -> TradeReport:
    """The trade figures of ``query`` from the bookings in ``session``'s database.

    Parameters
    ----------
    session
        A session on the booking store (read only).
    query
        Range, grouping, currency, counted states and rate overrides.

    Returns
    -------
    TradeReport
        Rows in time order (month, week) or by TEU, largest first; the total; the previous
        period the growth compares with.
    """
    length = query.date_to - query.date_from + timedelta(days=1)
    previous_from = query.date_from - length
    fetch_from = min(previous_from, period_before(query.by[0], query.date_from))
    start, end = _moment(query.date_from), _moment(query.date_to + timedelta(days=1))
    calls = calls_departing(session, _moment(fetch_from), end)
    shares = _fetch(session, query, calls, (_moment(previous_from), start))
    current = [s for s in shares if s.etd >= start]
    previous = [s for s in shares if _moment(previous_from) <= s.etd < start]
    sums = _sum_by(current, lambda s: s.keys)
    if query.by[0] in TIME_GROUPINGS:
        for bucket in period_labels(query.by[0], query.date_from, query.date_to):
            if len(query.by) == 1:
                sums.setdefault((bucket,), _Sums())
        before = _sum_by(shares, lambda s: s.keys)
        growth_base = {key: before.get((previous_period(query.by[0], key[0]), *key[1:]))
                       for key in sums}
    else:
        earlier = _sum_by(previous, lambda s: s.keys)
        growth_base = {key: earlier.get(key) for key in sums}
    rows = [sums[key].figures(SEPARATOR.join(key), growth_base[key]) for key in sums]
    if query.by[0] in TIME_GROUPINGS:
        rows.sort(key=lambda r: r.group)
    else:
        rows.sort(key=lambda r: (-r.teu, r.group))
    total = _sum_by(current, lambda s: ("total",)).get(("total",), _Sums())
    base = _sum_by(previous, lambda s: ("total",)).get(("total",))
    counted, without_value = booking_counts(
        session, [i for i, c in calls.items() if c.etd >= start], query.statuses)
    return TradeReport(
        query=query, rows=tuple(rows), total=total.figures("total", base), bookings=counted,
        bookings_without_value=without_value, previous_from=previous_from,
        previous_to=query.date_from - timedelta(days=1))


def _moment(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _fetch(session: Session, query: TradeQuery, calls: Mapping[int, CallFacts],
           window: tuple[datetime, datetime]) -> list[_Share]:
    columns = {c for name in query.by for c in _NEEDS.get(name, ())}
    slots: dict[tuple[str, int, str], int] = {}
    first_call: list[CallFacts] = []
    slot_of = {}
    for call_id, call in calls.items():
        key = (period_label(query.by[0], call.etd.date())
               if query.by[0] in TIME_GROUPINGS else "",
               (call.etd >= window[1]) + (call.etd >= window[0]),
               call.locode if {"pol", "inland-origin"} & set(query.by) else "")
        if key not in slots:
            slots[key] = len(first_call)
            first_call.append(call)
        slot_of[call_id] = slots[key]
    parts = trade_parts(session, slot_of, query.statuses, columns)
    pods = call_ports(session, {p.pod_call_id for p in parts if p.pod_call_id is not None})
    names = party_names(session, {p.party_id for p in parts if p.party_id is not None})
    rates = query.rates()
    key_of = [_KEYS[name] for name in query.by]
    shares = []
    for p in parts:
        value = 0.0
        if p.value is not None and p.currency is not None:
            if p.currency not in rates:
                raise InputError("rate", p.currency, f"no exchange rate for this currency "
                                 f"(a booking declares its value in it); give --rate "
                                 f"{p.currency}/CNY=…")
            value = p.value * rates[p.currency] / rates[query.currency]
        pol = first_call[p.slot]  # every call of the slot gives the same keys
        facts = _Facts(p.hs_code, p.car_type, p.vehicle_linked, pol.locode,
                       pods.get(p.pod_call_id, "") if p.pod_call_id is not None else "",
                       p.place_of_receipt, p.place_of_delivery,
                       names.get(p.party_id, "") if p.party_id is not None else "", pol.etd)
        shares.append(_Share(pol.etd, tuple(k(facts) for k in key_of), p.teu, p.containers,
                             p.tonnes, value,
                             classify_commodity(p.hs_code, p.car_type, p.vehicle_linked)[1],
                             p.is_dangerous, p.is_reefer))
    return shares


class _Facts(NamedTuple):
    hs: str | None
    kind: str | None
    linked: bool
    pol: str
    pod: str
    pre: str | None
    pde: str | None
    shipper: str
    etd: datetime


USED_CARS = "used cars"
"""The commodity group of used passenger cars (never "new three")."""


@functools.lru_cache(maxsize=65_536)
def classify_commodity(hs: str | None, kind: str | None, vehicle_linked: bool = False
                       ) -> tuple[str, bool]:
    """(commodity group, is new three) of a commodity by its HS code (``data/trade_hs.csv``,
    longest prefix) — the one classification of the trade report and the dashboard.

    Passenger cars (HS 8703) are :data:`USED_CARS`, not new three, when a vehicle of the
    used-car chain names their booking (``vehicle_linked``) or, failing that, when the
    commodity type says "used" or "second-hand"."""
    group = hs_group(hs)
    if hs and hs.startswith("8703") and (vehicle_linked or (kind and _USED.search(kind))):
        return (USED_CARS, False)
    if group is not None:
        return (group.commodity, group.new_three)
    return ("not declared" if not hs else f"other (HS {hs[:2]})", False)


def _hs(facts: _Facts) -> str:
    return f"{facts.hs[:4]}.{facts.hs[4:6]}" if facts.hs else "not declared"


_KEYS: dict[str, Callable[[_Facts], str]] = {
    "month": lambda f: period_label("month", f.etd.date()),
    "week": lambda f: period_label("week", f.etd.date()),
    "shipper": lambda f: f.shipper,
    "commodity": lambda f: classify_commodity(f.hs, f.kind, f.linked)[0],
    "hs": _hs,
    "market": lambda f: market_of((f.pde or f.pod)[:2]).label,
    "pol": lambda f: f.pol,
    "pod": lambda f: f.pod,
    "inland-origin": lambda f: f.pre or f.pol,
}


class _Sums:
    """Running sums of a group: TEU, containers, tonnes, value and the TEU of each share."""

    __slots__ = ("containers", "dg", "new_three", "reefer", "teu", "tonnes", "value")

    def __init__(self) -> None:
        self.teu = self.containers = self.tonnes = self.value = 0.0
        self.new_three = self.dg = self.reefer = 0.0

    def add(self, s: _Share) -> None:
        self.teu += s.teu
        self.containers += s.containers
        self.tonnes += s.tonnes
        self.value += s.value
        if s.new_three:
            self.new_three += s.teu
        if s.dangerous:
            self.dg += s.teu
        if s.reefer:
            self.reefer += s.teu

    def figures(self, group: str, previous: _Sums | None) -> TradeFigures:
        growth = None
        if previous is not None and previous.teu > 0:
            growth = round((self.teu / previous.teu - 1) * 100, 2)
        return TradeFigures(
            group=group, teu=round(self.teu, 3), containers=round(self.containers, 3),
            tonnes=round(self.tonnes, 3), value=round(self.value, 2),
            new_three_share_pct=self._pct(self.new_three), dg_share_pct=self._pct(self.dg),
            reefer_share_pct=self._pct(self.reefer), growth_pct=growth)

    def _pct(self, part: float) -> float | None:
        return round(part / self.teu * 100, 2) if self.teu > 0 else None


def _sum_by(shares: Sequence[_Share], key: Callable[[_Share], tuple[str, ...]]
            ) -> dict[tuple[str, ...], _Sums]:
    sums: dict[tuple[str, ...], _Sums] = {}
    for s in shares:
        k = key(s)
        acc = sums.get(k)
        if acc is None:
            acc = sums[k] = _Sums()
        acc.add(s)
    return sums
