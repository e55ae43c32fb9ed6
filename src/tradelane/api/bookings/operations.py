"""Booking use cases on a session the request owns: they flush, never commit."""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from tradelane.api.bookings import rail, rows
from tradelane.api.bookings.limits import check_cabotage
from tradelane.api.bookings.rules import CheckedCargo, check_cargo, check_cut_off, ports
from tradelane.api.bookings.sailing import BookedSailing, find_sailing
from tradelane.api.bookings.schemas import CARRIER_FIELDS, BookingRequest
from tradelane.api.errors import ApiError
from tradelane.data.reference import load_reference
from tradelane.domain.cargo import CargoLoad
from tradelane.store import capacity
from tradelane.store.capacity import Shortfall
from tradelane.store.models import Booking, BookingLeg
from tradelane.store.parties import Caller

OPEN = ("RECEIVED", "UPDATE_RECEIVED")
"""States a carrier may confirm, decline or reject from."""
CHANGEABLE = (*OPEN, "CONFIRMED")
"""States a shipper may update or cancel from."""
_REFERENCE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
"""The shape of our carrierBookingRequestReference (a UUID); others are never looked up."""


def create(session: Session, party: Caller, request: BookingRequest, now: datetime,
           idempotency_key: str | None = None, *, cabotage_allowed: Collection[str] = ()
           ) -> str:
    """Store a new booking; return its ``carrierBookingRequestReference``.

    The earlier booking's reference if this party already sent ``idempotency_key`` with the
    same request (422 if with a different one). On an auto-confirm sailing the booking is
    stored CONFIRMED and then takes its legs' capacity (DECLINED whole if it does not fit);
    otherwise it is RECEIVED. Domestic bookings are refused unless their country is in
    ``cabotage_allowed``.
    """
    digest = request_digest(request) if idempotency_key else None
    if idempotency_key:
        earlier = session.execute(select(
            Booking.carrier_booking_request_reference, Booking.idempotency_sha256).where(
            Booking.party_id == party.id, Booking.idempotency_key == idempotency_key)).first()
        if earlier is not None:
            if earlier[1] not in (None, digest):
                raise ApiError(422, "Idempotency-Key", idempotency_key, "was used before "
                               "with a different request body (use a new key for a new "
                               "request)")
            return str(earlier[0])
    checked = _check(session, request, now, cabotage_allowed)
    confirm = checked.sailing.auto_confirm
    reference = str(uuid.uuid4())
    carrier_reference = _new_carrier_reference() if confirm else None
    status = "CONFIRMED" if confirm else "RECEIVED"
    booking_id = rows.insert_new(session, {  # with its status-change row (events later)
        **checked.columns(now), "carrier_booking_request_reference": reference,
        "carrier_booking_reference": carrier_reference,
        "party_id": party.id, "idempotency_key": idempotency_key,
        "idempotency_sha256": digest, "created_at": now,
        "status": status, "holds_capacity": confirm},
        checked.cargo.lines, checked.sailing.leg_ids, now)
    rail.attach(session, booking_id, checked.train)
    if confirm:  # capacity last: the legs' row locks are then held only until the commit
        shortfall = _take(session, booking_id, checked.sailing.leg_ids, checked.cargo.load,
                          checked.train)
        if shortfall is not None:
            _decline_whole(session.get_one(Booking, booking_id), ("RECEIVED", None),
                           shortfall, now)
    return reference


def get(session: Session, party: Caller, reference: str) -> Booking:
    """The booking ``reference`` if ``party`` may see it (its own, or any for the carrier)."""
    booking = None if not _REFERENCE.match(reference) else session.scalar(select(Booking).where(
        Booking.carrier_booking_request_reference == reference))
    if booking is None or (party.role != "carrier" and booking.party_id != party.id):
        raise ApiError(404, "bookingReference", reference, "is not a booking of yours")
    return booking


def request_digest(request: BookingRequest) -> str:
    """SHA-256 of the request's canonical JSON (key order and spacing do not matter)."""
    text = json.dumps(request.model_dump(mode="json", exclude_none=True), sort_keys=True,
                      separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def update(session: Session, party: Caller, reference: str, request: BookingRequest,
           now: datetime, *, cabotage_allowed: Collection[str] = ()) -> Booking:
    """Replace the booking's content (its shipper only: the carrier confirms, declines or
    cancels); a confirmed booking gives its space back first."""
    if party.role == "carrier":
        raise ApiError(403, "Authorization", party.name, "the carrier may confirm, decline "
                       "or cancel a booking; only its shipper may amend it")
    booking = get(session, party, reference)
    _require(booking, CHANGEABLE, "updated")
    _release(session, booking)
    rows.delete_content(session, booking.id)
    rail.detach(session, booking.id)
    checked = _check(session, request, now, cabotage_allowed)
    for column, value in checked.columns(now).items():
        setattr(booking, column, value)
    booking.status = "UPDATE_RECEIVED"
    rows.insert_content(session, booking.id, checked.cargo.lines, checked.sailing.leg_ids)
    rail.attach(session, booking.id, checked.train)
    if checked.sailing.auto_confirm:
        _confirm(session, booking, now, checked.pol, checked.sailing.pol_etd,
                 checked.sailing.leg_ids)
    return booking


def cancel(session: Session, party: Caller, reference: str, reason: str | None,
           now: datetime) -> Booking:
    """Cancel the booking (shipper's own, or any by the carrier) and free its space."""
    booking = get(session, party, reference)
    _require(booking, CHANGEABLE, "cancelled")
    _release(session, booking)
    _finish(booking, "CANCELLED", reason or "cancelled by the shipper", now)
    return booking


def confirm(session: Session, party: Caller, reference: str, now: datetime) -> Booking:
    """Confirm if it is still before the cut-off and fits every leg; else reject/decline."""
    _carrier_only(party)
    booking = get(session, party, reference)
    _require(booking, OPEN, "confirmed")
    _confirm(session, booking, now, booking.pol_call.locode, booking.pol_call.etd)
    if booking.status != "CONFIRMED":
        message = booking.feedbacks[-1]["message"]
        raise ApiError(409, "bookingStatus", booking.status, message, keep_changes=True)
    return booking


def decline(session: Session, party: Caller, reference: str, reason: str | None,
            now: datetime) -> Booking:
    """The carrier declines the booking (any open or confirmed booking)."""
    _carrier_only(party)
    booking = get(session, party, reference)
    _require(booking, CHANGEABLE, "declined")
    _release(session, booking)
    _finish(booking, "DECLINED", reason or "declined by the carrier", now)
    return booking


def to_document(booking: Booking) -> dict[str, Any]:
    """The DCSA ``Booking`` document: the request as sent plus references and status."""
    doc = {k: v for k, v in booking.document.items() if k not in CARRIER_FIELDS}
    doc["carrierBookingRequestReference"] = booking.carrier_booking_request_reference
    doc["bookingStatus"] = booking.status
    if booking.carrier_booking_reference:
        doc["carrierBookingReference"] = booking.carrier_booking_reference
    if booking.feedbacks:
        doc["feedbacks"] = booking.feedbacks
    session = object_session(booking)
    if booking.status == "CONFIRMED" and session is not None:
        doc["transportPlan"] = rail.transport_plan(session, booking)
    return doc


@dataclass(frozen=True, slots=True)
class _Checked:
    """A request that passed every rule, with its port of loading and the sailing it names."""

    request: BookingRequest
    pol: str
    sailing: BookedSailing
    cargo: CheckedCargo
    train: rail.BookedTrain | None = None

    def columns(self, now: datetime) -> dict[str, Any]:
        """The ``bookings`` columns that the request's content sets."""
        load = self.cargo.load
        return {"document": self.request.model_dump(mode="json", exclude_none=True),
                "voyage_id": self.sailing.voyage_id,
                "pol_call_id": self.sailing.pol_call_id,
                "pod_call_id": self.sailing.pod_call_id, "teu": load.teu,
                "weight_t": load.weight_t, "reefer_plugs": load.reefer_plugs,
                "is_dangerous": self.cargo.is_dangerous, "holds_capacity": False,
                "declared_value": self.request.declaredValue,
                "declared_value_currency": self.request.declaredValueCurrency,
                "place_of_receipt": self.request.place("PRE"),
                "place_of_delivery": self.request.place("PDE"),
                "feedbacks": [_feedback("WARN", "IDENTIFIER_CHECK_DIGIT", w)
                              for w in self.cargo.warnings],
                "updated_at": now}


def _check(session: Session, request: BookingRequest, now: datetime,
           cabotage_allowed: Collection[str]) -> _Checked:
    """Apply every rule to ``request`` (ports, cabotage, sailing, cargo, cut-off) or raise a
    400."""
    pol, pod = ports(request, load_reference())
    check_cabotage(pol, pod, cabotage_allowed)
    sailing = find_sailing(session, request, pol, pod)
    cargo = check_cargo(request, sailing.pol_etd.date())
    check_cut_off(cargo, pol, sailing.pol_etd, now)
    train = rail.find_train(session, request, pol, sailing, cargo, now)
    return _Checked(request, pol, sailing, cargo, train)


def _confirm(session: Session, booking: Booking, now: datetime, pol: str, etd: datetime,
             leg_ids: Sequence[int] | None = None) -> None:
    """Confirm, reject (cut-off at ``pol``, ETD ``etd``, passed) or decline (does not fit).

    The confirmation is written first and capacity taken last, so that the legs' row locks
    are held only for the capacity UPDATEs and the commit (see ``store.capacity``).
    """
    try:
        check_cut_off(_flags(booking), pol, etd, now)
    except ApiError as exc:
        _finish(booking, "REJECTED", str(exc), now)
        return
    rail_closed = rail.cutoff_passed(session, booking.id, now)
    if rail_closed is not None:
        _finish(booking, "REJECTED", rail_closed, now)
        return
    leg_ids = _leg_ids(session, booking) if leg_ids is None else leg_ids
    before = (booking.status, booking.carrier_booking_reference)
    booking.holds_capacity = True
    booking.status = "CONFIRMED"
    booking.carrier_booking_reference = (booking.carrier_booking_reference
                                         or _new_carrier_reference())
    booking.updated_at = now
    session.flush()
    shortfall = _take(session, booking.id, leg_ids, _load(booking))
    if shortfall is not None:
        _decline_whole(booking, before, shortfall, now)


def _take(session: Session, booking_id: int, leg_ids: Sequence[int], load: CargoLoad,
          train: rail.BookedTrain | Literal["stored"] | None = "stored") -> str | None:
    """Take the booking's train (if it rides one) and then its legs, or nothing: the
    sentence naming what is short. ``train``: the departure just attached (``None``: no
    train), or ``"stored"`` to read it from the booking."""
    short = (rail.take(session, booking_id) if train == "stored"
             else None if train is None else rail.take_departure(session, train))
    if short is not None:
        return short
    shortfall: Shortfall | None = capacity.take(session, leg_ids, load)
    if shortfall is None:
        return None
    rail.release(session, booking_id)
    return shortfall.sentence()


def _decline_whole(booking: Booking, before: tuple[str, str | None], shortfall: str,
                   now: datetime) -> None:
    """Undo the confirmation (status and reference as ``before``) and decline: no space."""
    booking.holds_capacity = False
    booking.status, booking.carrier_booking_reference = before
    _finish(booking, "DECLINED", f"Declined whole: {shortfall}.", now)


def _new_carrier_reference() -> str:
    return "TL" + secrets.token_hex(6).upper()


def _flags(booking: Booking) -> CheckedCargo:
    return CheckedCargo((), CargoLoad(booking.teu, booking.weight_t, booking.reefer_plugs),
                        booking.is_dangerous, booking.reefer_plugs > 0, ())


def _load(booking: Booking) -> CargoLoad:
    return CargoLoad(booking.teu, booking.weight_t, booking.reefer_plugs)


def _leg_ids(session: Session, booking: Booking) -> list[int]:
    return list(session.scalars(select(BookingLeg.leg_id)
                                .where(BookingLeg.booking_id == booking.id)))


def _release(session: Session, booking: Booking) -> None:
    if booking.holds_capacity:
        capacity.release(session, _leg_ids(session, booking), _load(booking))
        rail.release(session, booking.id)
        booking.holds_capacity = False


def _finish(booking: Booking, status: str, message: str, now: datetime) -> None:
    booking.status = status
    booking.updated_at = now
    booking.feedbacks = [*booking.feedbacks, _feedback("INFO", status, message)]


def _feedback(severity: str, code: str, message: str) -> dict[str, str]:
    return {"severity": severity, "code": code, "message": message}


def _require(booking: Booking, states: tuple[str, ...], verb: str) -> None:
    if booking.status not in states:
        raise ApiError(409, "bookingStatus", booking.status,
                       f"a booking in this state cannot be {verb}")


def _carrier_only(party: Caller) -> None:
    if party.role != "carrier":
        raise ApiError(403, "Authorization", party.name, "only the carrier may do this")
