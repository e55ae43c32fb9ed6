"""Booking events off the booking transaction: note a status change, write its events later.

A booking's transaction writes no event. When it commits, each booking whose status changed in
it gets one small ``booking_status_changes`` row (final status, carrier booking reference,
time): :func:`track_booking_status` adds them. :func:`materialise` turns those rows, oldest
first, into what Track & Trace publishes — one ACT shipment event per change and, for a
confirmation, the PLN equipment events of every booked unit (gate-in at the POL's ETA, loaded
by its ETD, discharged from the POD's ETA, gated out by its ETD) — queues them for the
subscriptions that match, and deletes the rows, all in one transaction: a change is turned into
events exactly once, whoever runs it (the delivery worker every poll, ``GET /v2/events``
before it reads, recording an actual before it writes, the server at start-up). The events
keep the change's time as ``eventDateTime`` and ``eventCreatedDateTime``.

The booking desk therefore pays one small INSERT per booking instead of 1 + 4 × units event
rows with their documents (see ``docs/events.md``, "Booking events").
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, inspect, select, update
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session, load_only, selectinload, sessionmaker

from tradelane.store.events import NewEvent, dcsa_time, equipment_events, record
from tradelane.store.models import Booking, BookingStatusChange, Call

SHIPMENT_CODES = {"RECEIVED": "RECE", "UPDATE_RECEIVED": "RECE", "CONFIRMED": "CONF",
                  "DECLINED": "REJE", "REJECTED": "REJE", "CANCELLED": "VOID"}
"""Booking status → DCSA shipmentEventTypeCode."""
PLANNED_EQUIPMENT = (("GTIN", "pol", "eta"), ("LOAD", "pol", "etd"), ("DISC", "pod", "eta"),
                     ("GTOT", "pod", "etd"))
"""PLN equipment events of a confirmed booking: (code, call, the call's time)."""
BATCH = 500
"""Changes turned into events per statement batch."""
_BOOKING_COLUMNS = (Booking.id, Booking.party_id, Booking.carrier_booking_request_reference,
                    Booking.carrier_booking_reference, Booking.pol_call_id, Booking.pod_call_id,
                    Booking.feedbacks)
"""What writing a booking's events reads of it (not its request document)."""
_PENDING = "tradelane_status_changes"
"""``Session.info`` key: {booking id: (status, carrier reference, time)} changed in the
transaction."""
_WRITTEN = "tradelane_status_changes_written"
"""``Session.info`` key: {booking id: (status, carrier reference, time)} of the new bookings
whose ``booking_status_changes`` row their own INSERT already wrote."""


# ---- noting changes (inside the booking transaction) -----------------------------------------
def booking_status_changed(session: Session, booking_id: int, status: str,
                           carrier_reference: str | None, at: datetime) -> None:
    """Note the status of a booking written without the ORM (a new booking); a later ORM
    change in the same transaction replaces it (the final status counts)."""
    session.info.setdefault(_PENDING, {})[booking_id] = (status, carrier_reference, at)


def booking_status_written(session: Session, booking_id: int, status: str,
                           carrier_reference: str | None, at: datetime) -> None:
    """Note the status of a new booking whose ``booking_status_changes`` row was written with
    the booking (the same statement); at commit the row is left as it is, or set to the
    booking's final status if a later change in the transaction replaced it."""
    booking_status_changed(session, booking_id, status, carrier_reference, at)
    session.info.setdefault(_WRITTEN, {})[booking_id] = (status, carrier_reference, at)


def track_booking_status(sessions: sessionmaker[Session]) -> None:
    """When a session of ``sessions`` commits, add one ``booking_status_changes`` row for each
    booking whose status changed in it (its final status), in one INSERT."""
    @sa_event.listens_for(sessions, "after_flush")
    def _after_flush(session: Session, _context: Any) -> None:
        for b in session.dirty:
            if isinstance(b, Booking) and inspect(b).attrs.status.history.has_changes():
                session.info.setdefault(_PENDING, {})[b.id] = (
                    b.status, b.carrier_booking_reference, b.updated_at)

    @sa_event.listens_for(sessions, "before_commit")
    def _before_commit(session: Session) -> None:
        session.flush()
        pending = session.info.pop(_PENDING, {})
        written = session.info.pop(_WRITTEN, {})
        rows = []
        for i, (s, r, t) in pending.items():
            if i in written:  # a new booking's row: rewrite it only if its status changed
                if written[i] != (s, r, t):
                    _replace_written(session, i, s, r, t)
            elif s in SHIPMENT_CODES:
                rows.append({"booking_id": i, "status": s, "carrier_booking_reference": r,
                             "changed_at": t})
        if rows:
            session.execute(insert(BookingStatusChange), rows)

    @sa_event.listens_for(sessions, "after_rollback")
    def _after_rollback(session: Session) -> None:
        session.info.pop(_PENDING, None)
        session.info.pop(_WRITTEN, None)


def _replace_written(session: Session, booking_id: int, status: str,
                     carrier_reference: str | None, at: datetime) -> None:
    """Set a new booking's only status-change row to its final status (or delete it)."""
    mine = BookingStatusChange.booking_id == booking_id
    if status in SHIPMENT_CODES:
        session.execute(update(BookingStatusChange).where(mine).values(
            status=status, carrier_booking_reference=carrier_reference, changed_at=at))
    else:
        session.execute(delete(BookingStatusChange).where(mine))


# ---- turning changes into events -------------------------------------------------------------
def pending(session: Session) -> bool:
    """Whether some committed status change has no events yet."""
    return session.scalar(select(BookingStatusChange.id).limit(1)) is not None


def materialise(session: Session, *, wait: bool = True) -> int:
    """Write the events of every pending status change (oldest first), queue them for the
    matching subscriptions and delete the changes; the number of changes.

    The rows are locked first (PostgreSQL): with ``wait`` a second caller waits for the first
    one's commit and then finds them gone (a reader is sure to see the events afterwards);
    without, it skips them (the delivery worker: another process is on it). Only the changes
    committed when it starts are written (batches go on until none of them is left), so that
    it ends while bookings keep coming."""
    top = session.scalar(select(func.max(BookingStatusChange.id)))
    done = 0
    while top is not None:
        query = (select(BookingStatusChange).where(BookingStatusChange.id <= top)
                 .order_by(BookingStatusChange.id).limit(BATCH))
        changes = session.scalars(query.with_for_update(skip_locked=not wait)).all()
        if not changes:
            return done
        _write_events(session, changes)
        for change in changes:
            session.delete(change)
        session.flush()
        done += len(changes)
    return done


def _write_events(session: Session, changes: Sequence[BookingStatusChange]) -> None:
    ids = {c.booking_id for c in changes}
    bookings = {b.id: b for b in session.scalars(
        select(Booking).where(Booking.id.in_(ids)).options(
            load_only(*_BOOKING_COLUMNS), selectinload(Booking.equipments)))}
    call_ids = {i for b in bookings.values() for i in (b.pol_call_id, b.pod_call_id)}
    calls = {c.id: c for c in session.scalars(select(Call).where(Call.id.in_(call_ids)))}
    transport: dict[int, dict[str, Any]] = {}
    new: list[NewEvent] = []
    for change in changes:
        booking = bookings[change.booking_id]
        new.append(shipment_event(booking, change))
        if change.status == "CONFIRMED":
            where = {"pol": calls[booking.pol_call_id], "pod": calls[booking.pod_call_id]}
            new += equipment_events(session, booking, "PLN", [
                (code, where[at], getattr(where[at], attr)) for code, at, attr in
                PLANNED_EQUIPMENT], transport, created_at=change.changed_at)
    record(session, new, changes[0].changed_at, rows_wanted=False)


def shipment_event(booking: Booking, change: BookingStatusChange) -> NewEvent:
    """The ACT shipment event of a status change (``documentTypeCode`` BKG with the carrier
    booking reference the booking had then, else CBR with the request's); a decline,
    rejection or cancellation gives its reason (the booking's feedback of that status)."""
    reference = change.carrier_booking_reference
    doc: dict[str, Any] = {
        "eventType": "SHIPMENT", "eventClassifierCode": "ACT",
        "eventDateTime": dcsa_time(change.changed_at),
        "shipmentEventTypeCode": SHIPMENT_CODES[change.status],
        "documentTypeCode": "BKG" if reference else "CBR",
        "documentID": reference or booking.carrier_booking_request_reference,
        "reason": f"booking {change.status}"}
    if change.status in ("DECLINED", "REJECTED", "CANCELLED"):
        said = [f for f in booking.feedbacks if f.get("code") == change.status]
        if said:
            doc["reason"] = str(said[-1].get("message", doc["reason"]))[:250]
    return NewEvent(doc, change.changed_at, booking=booking, created_at=change.changed_at)
