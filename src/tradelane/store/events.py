"""Voyage events (DCSA Track & Trace 2.2): record them, fan them out, list them.

Every event is stored once with its DCSA document (immutable) and, in the same transaction,
queued in the outbox for each ACTIVE subscription that may see it and whose filters match
(``store.event_outbox`` delivers). Transport events (ARRI/DEPA) belong to a call; equipment
events (LOAD/DISC/GTIN/GTOT) and shipment events (booking status) to a booking. PLN transport
events are written for every published call that has none (:func:`record_planned`, run by
``publish`` and at server start-up). Shipment events of booking status changes and the PLN
equipment events of confirmed bookings are written after the booking's transaction, by
``store.booking_events``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from tradelane.store.event_filters import EventFilter, RelatedBooking, visible_to
from tradelane.store.models import (
    Booking,
    BookingLeg,
    Call,
    EventRow,
    EventSubscription,
    Leg,
    OutboxEntry,
    Party,
    ServiceRow,
)


@lru_cache(maxsize=4096)
def dcsa_time(moment: datetime) -> str:
    """``moment`` as an ISO 8601 UTC date-time (``2030-01-07T06:00:00Z``)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def transport_call_id(call: Call) -> str:
    """A call's stable DCSA transportCallID: the ship's IMO number and the call's sequence."""
    return f"{call.vessel.imo_number or call.vessel_id}-{call.sequence}"


def transport_call(call: Call, service_code: str | None) -> dict[str, Any]:
    """The DCSA ``transportCall`` object of a call."""
    doc: dict[str, Any] = {
        "transportCallID": transport_call_id(call),
        "carrierVoyageNumber": call.export_voyage_number,
        "exportVoyageNumber": call.export_voyage_number,
        "importVoyageNumber": call.import_voyage_number,
        "transportCallSequenceNumber": call.sequence, "UNLocationCode": call.locode,
        "facilityTypeCode": "POTE", "modeOfTransport": "VESSEL",
        "vessel": {"vesselIMONumber": call.vessel.imo_number or "",
                   "vesselName": call.vessel.name[:35]}}
    if service_code and len(service_code) <= 5:
        doc["carrierServiceCode"] = service_code
    return doc


def service_of(session: Session, call: Call) -> str | None:
    """The code of the service a call belongs to (through its export or import voyage)."""
    voyage = call.voyage or call.import_voyage
    return voyage.service.code if voyage else None


@dataclass(frozen=True, slots=True)
class NewEvent:
    """An event to record: its document (without ``eventID`` and ``eventCreatedDateTime``),
    the row it concerns and, if not when it is recorded, when it was created."""

    document: dict[str, Any]
    event_at: datetime
    call: Call | None = None
    booking: Booking | None = None
    equipment_reference: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    created_at: datetime | None = None


def record(session: Session, events: Sequence[NewEvent], now: datetime, *,
           rows_wanted: bool = True) -> list[EventRow]:
    """Store ``events`` (created ``now``) and queue them for the subscriptions that match.

    With ``rows_wanted=False`` and no ACTIVE subscription (nothing to queue) the events are
    inserted in one statement, without ORM objects, and not returned."""
    values = [_values(e, now) for e in events]
    if not values:
        return []
    if not rows_wanted and not _any_subscription(session):
        session.connection().execute(insert(EventRow), values)  # Core executemany
        return []
    rows = [EventRow(**v) for v in values]
    session.add_all(rows)
    session.flush()
    _fan_out(session, rows, now)
    return rows


def _any_subscription(session: Session) -> bool:
    return session.scalar(select(EventSubscription.id)
                          .where(EventSubscription.status == "ACTIVE").limit(1)) is not None


def _values(new: NewEvent, now: datetime) -> dict[str, Any]:
    now = new.created_at or now
    doc = {"eventID": str(uuid.uuid4()), "eventCreatedDateTime": dcsa_time(now),
           **new.document}
    kind = doc["eventType"]
    code = doc.get("transportEventTypeCode") or doc.get("equipmentEventTypeCode") or \
        doc["shipmentEventTypeCode"]
    call, booking = new.call, new.booking
    tc = doc.get("transportCall", {})
    return dict(
        event_id=doc["eventID"], event_type=kind, classifier=doc["eventClassifierCode"],
        type_code=code, event_at=new.event_at, created_at=now,
        call_id=call.id if call else None, booking_id=booking.id if booking else None,
        document_type_code=doc.get("documentTypeCode"),
        carrier_booking_reference=booking.carrier_booking_reference if booking else None,
        equipment_reference=new.equipment_reference,
        transport_call_id=tc.get("transportCallID"),
        vessel_imo=tc.get("vessel", {}).get("vesselIMONumber") or None,
        export_voyage=tc.get("exportVoyageNumber"), service_code=tc.get("carrierServiceCode"),
        locode=tc.get("UNLocationCode"), document=doc)


def related_bookings(session: Session, row: EventRow) -> list[RelatedBooking]:
    """The bookings an event concerns: its own booking, or every booking sailing from or to
    its call."""
    query = select(Booking.party_id, Booking.id, Booking.carrier_booking_reference)
    if row.booking_id is not None:
        query = query.where(Booking.id == row.booking_id)
    elif row.call_id is not None:
        legs = select(BookingLeg.booking_id).join(Leg, Leg.id == BookingLeg.leg_id).where(
            (Leg.from_call_id == row.call_id) | (Leg.to_call_id == row.call_id))
        query = query.where(Booking.id.in_(legs))
    else:
        return []
    return [RelatedBooking(*r) for r in session.execute(query)]


def _fan_out(session: Session, rows: Iterable[EventRow], now: datetime) -> None:
    subscriptions = session.execute(
        select(EventSubscription.id, EventSubscription.party_id, EventSubscription.filters)
        .where(EventSubscription.status == "ACTIVE")).all()
    if not subscriptions:
        return
    roles = _roles(session, {s.party_id for s in subscriptions})
    known: dict[tuple[int | None, int | None], list[RelatedBooking]] = {}
    for row in rows:
        key = (row.booking_id, None if row.booking_id is not None else row.call_id)
        if key not in known:
            known[key] = related_bookings(session, row)
        related = known[key]
        parties = {b.party_id for b in related}
        for sub in subscriptions:
            if roles.get(sub.party_id) != "carrier" and sub.party_id not in parties:
                continue
            if EventFilter.from_body(sub.filters).matches(row, related):
                session.add(OutboxEntry(subscription_id=sub.id, event_id=row.id,
                                        status="PENDING", attempts=0,
                                        next_attempt_at=datetime.now(UTC), created_at=now))
    session.flush()


def _roles(session: Session, party_ids: set[int]) -> dict[int, str]:
    return dict(session.execute(select(Party.id, Party.role).where(Party.id.in_(party_ids)))
                .tuples().all())


# ---- PLN transport events --------------------------------------------------------------------
def record_planned(session: Session, now: datetime) -> int:
    """Write PLN ARRI and DEPA events for every published call that has none; their count.

    The services' rows are locked first (PostgreSQL), so that server processes starting
    together do not both write them (SQLite writers are serialised anyway)."""
    session.execute(select(ServiceRow.id).with_for_update()).all()
    have = select(EventRow.call_id).where(EventRow.classifier == "PLN",
                                          EventRow.event_type == "TRANSPORT")
    calls = session.scalars(select(Call).where(Call.id.not_in(have))
                            .order_by(Call.vessel_id, Call.sequence)).all()
    new = [transport_event(call, service_of(session, call), "PLN", code, when)
           for call in calls for code, when in (("ARRI", call.eta), ("DEPA", call.etd))]
    record(session, new, now)
    return len(new)


def transport_event(call: Call, service_code: str | None, classifier: str, code: str,
                    when: datetime, *, booking: Booking | None = None,
                    extra: dict[str, Any] | None = None) -> NewEvent:
    """A transport event (``ARRI``/``DEPA``) at ``call``; ``extra`` adds DCSA fields
    (``delayReasonCode``, ``changeRemark``); with ``booking`` it is that booking's
    notification (``documentReferences`` BKG)."""
    doc: dict[str, Any] = {"eventType": "TRANSPORT", "eventClassifierCode": classifier,
                           "eventDateTime": dcsa_time(when), "transportEventTypeCode": code,
                           "transportCall": transport_call(call, service_code), **(extra or {})}
    if booking is not None and booking.carrier_booking_reference:
        doc["documentReferences"] = [{"documentReferenceType": "BKG",
                                      "documentReferenceValue":
                                          booking.carrier_booking_reference}]
    return NewEvent(doc, when, call=call, booking=booking)


# ---- equipment events ------------------------------------------------------------------------
PLANNED_EQUIPMENT = (("GTIN", "pol", "eta"), ("LOAD", "pol", "etd"), ("DISC", "pod", "eta"),
                     ("GTOT", "pod", "etd"))
"""PLN equipment events of a confirmed booking: gate-in at the POL's ETA, loaded by its ETD,
discharged from the POD's ETA, gated out by its ETD."""


def equipment_events(session: Session, booking: Booking, classifier: str,
                     codes: Sequence[tuple[str, Call, datetime]],
                     transport: dict[int, dict[str, Any]] | None = None,
                     created_at: datetime | None = None) -> list[NewEvent]:
    """One equipment event per unit of the booking for each (code, call, time) in ``codes``
    (created ``created_at``, else when recorded); ``transport`` caches the calls'
    ``transportCall`` documents by call id."""
    transport = {} if transport is None else transport
    events = []
    for code, call, when in codes:
        if call.id not in transport:
            transport[call.id] = transport_call(call, service_of(session, call))
        for line in booking.equipments:
            refs = [str(r) for r in line.equipment_references][:line.units]
            for unit in range(line.units):
                ref = refs[unit] if unit < len(refs) else None
                doc: dict[str, Any] = {
                    "eventType": "EQUIPMENT", "eventClassifierCode": classifier,
                    "eventDateTime": dcsa_time(when), "equipmentEventTypeCode": code,
                    "ISOEquipmentCode": line.iso_equipment_code, "emptyIndicatorCode": "LADEN",
                    "eventLocation": {"UNLocationCode": call.locode},
                    "transportCall": transport[call.id]}
                if ref:
                    doc["equipmentReference"] = ref[:15]
                if booking.carrier_booking_reference:
                    doc["documentReferences"] = [{"documentReferenceType": "BKG",
                                                  "documentReferenceValue":
                                                      booking.carrier_booking_reference}]
                events.append(NewEvent(doc, when, call=call, booking=booking,
                                       equipment_reference=ref[:15] if ref else None,
                                       created_at=created_at))
    return events


# ---- reading ---------------------------------------------------------------------------------
def list_events(session: Session, party_id: int, role: str, filters: EventFilter,
                offset: int, limit: int, sort: tuple[str, bool] = ("eventCreatedDateTime", False)
                ) -> tuple[list[dict[str, Any]], bool]:
    """A page of the events ``party`` may see that pass ``filters``, ordered by ``sort``
    (``eventCreatedDateTime`` or ``eventDateTime``, and whether descending; ties in the order
    the events were recorded), and whether more remain."""
    column = EventRow.event_at if sort[0] == "eventDateTime" else EventRow.created_at
    order = (column.desc(), EventRow.id.desc()) if sort[1] else (column, EventRow.id)
    query = (select(EventRow.document).where(visible_to(party_id, role), *filters.clauses())
             .order_by(*order).offset(offset).limit(limit + 1))
    docs = list(session.scalars(query))
    return docs[:limit], len(docs) > limit


def find_event(session: Session, party_id: int, role: str, event_id: str
               ) -> dict[str, Any] | None:
    """The event ``event_id`` if the party may see it."""
    doc: dict[str, Any] | None = session.scalar(select(EventRow.document).where(
        EventRow.event_id == event_id, visible_to(party_id, role)))
    return doc


def container_track(session: Session, booking_id: int, call_ids: Sequence[int],
                    containers: Sequence[str]) -> list[EventRow]:
    """The Track & Trace of a booking's containers, oldest first: the transport events
    (ARRI/DEPA) of the calls ``call_ids`` that are not another booking's notification, and the
    booking's equipment events of ``containers`` (of all its units when none is named)."""
    transport = ((EventRow.event_type == "TRANSPORT") & EventRow.call_id.in_(call_ids)
                 & (EventRow.booking_id.is_(None) | (EventRow.booking_id == booking_id)))
    equipment = (EventRow.event_type == "EQUIPMENT") & (EventRow.booking_id == booking_id)
    if containers:
        equipment &= EventRow.equipment_reference.in_(containers)
    return list(session.scalars(select(EventRow).where(transport | equipment)
                                .order_by(EventRow.event_at, EventRow.id)))
