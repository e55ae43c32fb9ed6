"""What the trade report reads: commodity shares summed in the database, per port-of-loading
call and the few columns a grouping needs (``app.trade`` turns them into figures).

One ``GROUP BY`` over ``booking_commodities ⨝ bookings`` (no per-booking rows leave the
database), restricted to the bookings whose port-of-loading call departs in the window and
keyed by the caller's *slot* of that call (a ``CASE`` on the call id: calls of the same month
and period share one), so that the groups are few; calls and parties are looked up separately.
The commodity type is kept only for HS 8703 (passenger cars: "used" makes them a commodity of
their own), and so is whether the booking is a used car's export booking (named by a vehicle's
``EXPORT_BOOKING`` step: its cars are the used cars of the chain). Two covering indexes
(``ix_bookings_trade``, ``ix_booking_commodities_trade``) keep the read off the bookings'
large rows.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import Select, case, func, select, text
from sqlalchemy.orm import Session

from tradelane.store.models import Booking, BookingCommodity, Call, Party
from tradelane.store.vehicles import VehicleEvent

OPTIONAL = ("pod_call_id", "party_id", "place_of_receipt", "place_of_delivery")
PG_WORK_MEM = "64MB"
"""PostgreSQL ``work_mem`` for the report's transaction (``SET LOCAL``): with the default 4 MB
the planner sorts the joined rows on disk to group them; with this it hashes them in memory."""
"""Booking columns a grouping may add to the sums' key."""


class CallFacts(NamedTuple):
    """A call's port and ETD."""

    locode: str
    etd: datetime


class TradePart(NamedTuple):
    """Sums of the commodity shares with one key (``None`` where a column is not asked for);
    ``slot`` is the caller's number for the port-of-loading call (``trade_parts``).

    ``vehicle_linked``: the share is passenger cars (HS 8703) of a booking that a vehicle's
    ``EXPORT_BOOKING`` step names. ``value`` is in ``currency`` (the bookings'
    ``declaredValueCurrency``), attributed to each share in proportion to its TEU;
    ``valued_teu`` is the TEU of shares that declare one.
    """

    slot: int
    pod_call_id: int | None
    party_id: int | None
    place_of_receipt: str | None
    place_of_delivery: str | None
    hs_code: str | None
    car_type: str | None
    vehicle_linked: bool
    currency: str | None
    is_dangerous: bool
    is_reefer: bool
    teu: float
    containers: float
    tonnes: float
    value: float | None


def calls_departing(session: Session, start: datetime, end: datetime) -> dict[int, CallFacts]:
    """Calls whose ETD is in ``[start, end)``: id → (port, ETD)."""
    rows = session.execute(select(Call.id, Call.locode, Call.etd)
                           .where(Call.etd >= start, Call.etd < end))
    return {r.id: CallFacts(r.locode, r.etd) for r in rows}


def call_ports(session: Session, ids: Collection[int]) -> dict[int, str]:
    """Call id → port (UN/LOCODE) of the given calls."""
    if not ids:
        return {}
    return {i: code for i, code in session.execute(
        select(Call.id, Call.locode).where(Call.id.in_(sorted(ids))))}


def party_names(session: Session, ids: Collection[int]) -> dict[int, str]:
    """Party id → name."""
    if not ids:
        return {}
    return {i: name for i, name in session.execute(
        select(Party.id, Party.name).where(Party.id.in_(sorted(ids))))}


def trade_parts(session: Session, slot_of: Mapping[int, int], statuses: Sequence[str],
                columns: Collection[str]) -> list[TradePart]:
    """The commodity shares of bookings in ``statuses`` loading at the calls of ``slot_of``
    (port-of-loading call id → the caller's slot: calls of one slot are summed together),
    summed per slot, HS code, currency, DG and reefer, and the ``columns`` of ``OPTIONAL``
    asked for."""
    if not slot_of:
        return []
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"SET LOCAL work_mem = '{PG_WORK_MEM}'"))
    c, b = BookingCommodity, Booking
    cars = c.hs_code.like("8703%")
    car_type = case((cars, c.commodity_type), else_=None)
    linked = case((cars & b.id.in_(exported_booking_ids()), True), else_=False)
    optional = [getattr(b, name) if name in columns else None for name in OPTIONAL]
    only = next(iter(slot_of.values())) if len(set(slot_of.values())) == 1 else None
    slot = [] if only is not None else [case(dict(slot_of), value=b.pol_call_id)]
    keys = [*slot, *[x for x in optional if x is not None], c.hs_code, car_type, linked,
            b.declared_value_currency, c.is_dangerous, c.is_reefer]
    value = func.sum(case((b.teu > 0, b.declared_value * c.teu / b.teu), else_=None))
    statement = (select(*keys, func.sum(c.teu), func.sum(c.containers), func.sum(c.tonnes),
                        value)
                 .join(b, b.id == c.booking_id)
                 .where(b.pol_call_id.in_(sorted(slot_of)), b.status.in_(statuses))
                 .group_by(*keys))
    parts = []
    for row in session.execute(statement):
        values = list(row)
        where = only if only is not None else values.pop(0)
        pod, party, pre, pde = (values.pop(0) if x is not None else None for x in optional)
        hs, car, used, currency, dangerous, reefer, teu, containers, tonnes, worth = values
        parts.append(TradePart(int(where), pod, party, pre, pde, hs, car, bool(used), currency,
                               bool(dangerous), bool(reefer), float(teu), float(containers),
                               float(tonnes), None if worth is None else float(worth)))
    return parts


def exported_booking_ids() -> Select[int]:
    """The ids of the bookings named by a vehicle's ``EXPORT_BOOKING`` step (a subquery)."""
    named = select(VehicleEvent.booking_reference).where(
        VehicleEvent.step == "EXPORT_BOOKING", VehicleEvent.booking_reference.is_not(None))
    return select(Booking.id).where(Booking.carrier_booking_request_reference.in_(named))


def booking_counts(session: Session, pol_call_ids: Collection[int], statuses: Sequence[str]
                   ) -> tuple[int, int]:
    """(bookings, bookings without a declared value) loading at ``pol_call_ids``."""
    if not pol_call_ids:
        return 0, 0
    total, valued = session.execute(
        select(func.count(), func.count(Booking.declared_value))
        .where(Booking.pol_call_id.in_(sorted(pol_call_ids)), Booking.status.in_(statuses))
    ).one()
    return int(total), int(total) - int(valued)
