"""Which events a query or a subscription asks for (DCSA Track & Trace 2.2 filters).

One :class:`EventFilter` serves ``GET /v2/events`` (as SQL) and the subscriptions (in Python,
on each new event), so that a subscriber receives what the same filters would list. Filters
combine with AND, the values of one list filter with OR. A filter that belongs to one event
type (``shipmentEventTypeCode``, ``transportEventTypeCode``, ``equipmentEventTypeCode``,
``documentTypeCode``) matches only events of that type, as the spec's example says
(``shipmentEventTypeCode=DRFT`` and ``equipmentEventTypeCode=GTIN`` list nothing).
Transport document filters match nothing: tradelane issues no transport documents.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, select, true

from tradelane.store.models import Booking, BookingLeg, EventRow, Leg

COMPARISONS: dict[str, Callable[[Any, Any], Any]] = {
    "gte": operator.ge, "gt": operator.gt, "lte": operator.le, "lt": operator.lt,
    "eq": operator.eq}
"""The operators of ``eventCreatedDateTime:op`` (no operator: ``eq``)."""


@dataclass(frozen=True, slots=True)
class RelatedBooking:
    """A booking an event concerns: its shipper and its references."""

    party_id: int
    booking_id: int
    carrier_booking_reference: str | None


@dataclass(frozen=True, slots=True)
class EventFilter:
    """The DCSA filters of a query or a subscription (empty tuples and ``None``: no filter)."""

    event_types: tuple[str, ...] = ()
    shipment_codes: tuple[str, ...] = ()
    document_types: tuple[str, ...] = ()
    carrier_booking_reference: str | None = None
    transport_document: str | None = None
    transport_codes: tuple[str, ...] = ()
    transport_call_id: str | None = None
    vessel_imo: str | None = None
    export_voyage: str | None = None
    service_code: str | None = None
    locode: str | None = None
    equipment_codes: tuple[str, ...] = ()
    equipment_reference: str | None = None
    created: tuple[tuple[str, datetime], ...] = ()

    # ---- SQL (GET /v2/events) -------------------------------------------------------------
    def clauses(self) -> list[ColumnElement[bool]]:
        """WHERE clauses on ``events`` for these filters."""
        e = EventRow
        out: list[ColumnElement[bool]] = []
        if self.event_types:
            out.append(e.event_type.in_(self.event_types))
        for kind, codes in (("SHIPMENT", self.shipment_codes),
                            ("TRANSPORT", self.transport_codes),
                            ("EQUIPMENT", self.equipment_codes)):
            if codes:
                out.append(and_(e.event_type == kind, e.type_code.in_(codes)))
        if self.document_types:
            out.append(and_(e.event_type == "SHIPMENT",
                            e.document_type_code.in_(self.document_types)))
        if self.carrier_booking_reference is not None:
            ids = select(Booking.id).where(
                Booking.carrier_booking_reference == self.carrier_booking_reference)
            out.append(_of_bookings(ids))
        if self.transport_document is not None:
            out.append(false())
        for column, value in ((e.transport_call_id, self.transport_call_id),
                              (e.vessel_imo, self.vessel_imo),
                              (e.export_voyage, self.export_voyage),
                              (e.service_code, self.service_code), (e.locode, self.locode),
                              (e.equipment_reference, self.equipment_reference)):
            if value is not None:
                out.append(column == value)
        for op, moment in self.created:
            out.append(COMPARISONS[op](e.created_at, moment))
        return out

    # ---- Python (subscriptions) -----------------------------------------------------------
    def matches(self, row: EventRow, related: Collection[RelatedBooking]) -> bool:
        """True when ``row`` (whose bookings are ``related``) passes every filter."""
        kind = row.event_type
        checks = (
            not self.event_types or kind in self.event_types,
            not self.shipment_codes or (kind == "SHIPMENT" and row.type_code in
                                        self.shipment_codes),
            not self.transport_codes or (kind == "TRANSPORT" and row.type_code in
                                         self.transport_codes),
            not self.equipment_codes or (kind == "EQUIPMENT" and row.type_code in
                                         self.equipment_codes),
            not self.document_types or (kind == "SHIPMENT" and row.document_type_code in
                                        self.document_types),
            self.carrier_booking_reference is None or any(
                b.carrier_booking_reference == self.carrier_booking_reference for b in related),
            self.transport_document is None,
            _same(self.transport_call_id, row.transport_call_id),
            _same(self.vessel_imo, row.vessel_imo),
            _same(self.export_voyage, row.export_voyage),
            _same(self.service_code, row.service_code),
            _same(self.locode, row.locode),
            _same(self.equipment_reference, row.equipment_reference),
            all(bool(COMPARISONS[op](row.created_at, moment)) for op, moment in self.created),
        )
        return all(checks)

    # ---- the subscription body ------------------------------------------------------------
    @staticmethod
    def from_body(body: dict[str, Any]) -> EventFilter:
        """The filters of a DCSA subscription body (already validated)."""
        def codes(name: str) -> tuple[str, ...]:
            return tuple(body.get(name) or ())

        return EventFilter(
            event_types=codes("eventType"), shipment_codes=codes("shipmentEventTypeCode"),
            document_types=codes("documentTypeCode"),
            carrier_booking_reference=body.get("carrierBookingReference")
            or body.get("bookingReference"),
            transport_document=body.get("transportDocumentReference")
            or body.get("transportDocumentID"),
            transport_codes=codes("transportEventTypeCode"),
            transport_call_id=body.get("transportCallID"),
            vessel_imo=body.get("vesselIMONumber"),
            export_voyage=body.get("exportVoyageNumber") or body.get("carrierVoyageNumber"),
            service_code=body.get("carrierServiceCode"), locode=body.get("UNLocationCode"),
            equipment_codes=codes("equipmentEventTypeCode"),
            equipment_reference=body.get("equipmentReference"))


def _same(wanted: str | None, value: str | None) -> bool:
    return wanted is None or wanted == value


def calls_of_bookings(booking_ids: Any) -> Any:
    """SELECT of the calls (ids) the bookings ``booking_ids`` (a SELECT) sail from or to."""
    legs = select(Leg.from_call_id, Leg.to_call_id).join(
        BookingLeg, BookingLeg.leg_id == Leg.id).where(BookingLeg.booking_id.in_(booking_ids))
    sub = legs.subquery()
    return select(sub.c.from_call_id).union(select(sub.c.to_call_id))


def _of_bookings(booking_ids: Any) -> ColumnElement[bool]:
    """Events of these bookings: their own, and the transport events of their calls."""
    return or_(EventRow.booking_id.in_(booking_ids),
               and_(EventRow.booking_id.is_(None),
                    EventRow.call_id.in_(calls_of_bookings(booking_ids))))


def visible_to(party_id: int, role: str) -> ColumnElement[bool]:
    """Events a party may see: all for the carrier, those of its bookings for a shipper."""
    if role == "carrier":
        return true()
    return _of_bookings(select(Booking.id).where(Booking.party_id == party_id))
