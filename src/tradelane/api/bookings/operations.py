"""Booking use cases on a session the request owns: they flush, never commit."""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, contains_eager

from tradelane.api.bookings.rules import CheckedCargo, check_cargo, check_cut_off, ports
from tradelane.api.bookings.schemas import BookingRequest
from tradelane.api.errors import ApiError
from tradelane.data.reference import load_reference
from tradelane.domain.cargo import CargoLoad
from tradelane.store import capacity
from tradelane.store.models import (
    Booking,
    BookingEquipment,
    BookingLeg,
    Call,
    DangerousGoodsLine,
    Leg,
    Party,
    ServiceRow,
    Voyage,
)

OPEN = ("RECEIVED", "UPDATE_RECEIVED")
"""States a carrier may confirm, decline or reject from."""
CHANGEABLE = (*OPEN, "CONFIRMED")
"""States a shipper may update or cancel from."""


def create(session: Session, party: Party, request: BookingRequest, now: datetime,
           idempotency_key: str | None = None) -> Booking:
    """Store a new booking (RECEIVED), or the earlier one with the same idempotency key."""
    if idempotency_key:
        earlier = session.scalar(select(Booking).where(
            Booking.party_id == party.id, Booking.idempotency_key == idempotency_key))
        if earlier is not None:
            return earlier
    booking = Booking(carrier_booking_request_reference=str(uuid.uuid4()),
                      party_id=party.id, idempotency_key=idempotency_key,
                      status="RECEIVED", created_at=now, feedbacks=[])
    leg_ids = _apply(session, booking, request, now)
    booking.legs = [BookingLeg(leg_id=leg_id) for leg_id in leg_ids]
    session.add(booking)
    _auto_confirm(session, booking, now, leg_ids)
    return booking


def get(session: Session, party: Party, reference: str) -> Booking:
    """The booking ``reference`` if ``party`` may see it (its own, or any for the carrier)."""
    booking = session.scalar(select(Booking).where(
        Booking.carrier_booking_request_reference == reference))
    if booking is None or (party.role != "carrier" and booking.party_id != party.id):
        raise ApiError(404, "bookingReference", reference, "is not a booking of yours")
    return booking


def update(session: Session, party: Party, reference: str, request: BookingRequest,
           now: datetime) -> Booking:
    """Replace the booking's content; a confirmed booking gives its space back first."""
    booking = get(session, party, reference)
    _require(booking, CHANGEABLE, "updated")
    _release(session, booking)
    session.execute(delete(BookingLeg).where(BookingLeg.booking_id == booking.id))
    booking.equipments.clear()
    booking.feedbacks = []
    leg_ids = _apply(session, booking, request, now)
    session.add_all(BookingLeg(booking_id=booking.id, leg_id=leg_id) for leg_id in leg_ids)
    booking.status = "UPDATE_RECEIVED"
    session.flush()
    _auto_confirm(session, booking, now, leg_ids)
    return booking


def cancel(session: Session, party: Party, reference: str, reason: str | None,
           now: datetime) -> Booking:
    """Cancel the booking (shipper's own, or any by the carrier) and free its space."""
    booking = get(session, party, reference)
    _require(booking, CHANGEABLE, "cancelled")
    _release(session, booking)
    _finish(booking, "CANCELLED", reason or "cancelled by the shipper", now)
    return booking


def confirm(session: Session, party: Party, reference: str, now: datetime) -> Booking:
    """Confirm if it is still before the cut-off and fits every leg; else reject/decline."""
    _carrier_only(party)
    booking = get(session, party, reference)
    _require(booking, OPEN, "confirmed")
    _confirm(session, booking, now)
    if booking.status != "CONFIRMED":
        message = booking.feedbacks[-1]["message"]
        raise ApiError(409, "bookingStatus", booking.status, message, keep_changes=True)
    return booking


def decline(session: Session, party: Party, reference: str, reason: str | None,
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
    doc = dict(booking.document)
    doc["carrierBookingRequestReference"] = booking.carrier_booking_request_reference
    doc["bookingStatus"] = booking.status
    if booking.carrier_booking_reference:
        doc["carrierBookingReference"] = booking.carrier_booking_reference
    if booking.feedbacks:
        doc["feedbacks"] = booking.feedbacks
    return doc


def _apply(session: Session, booking: Booking, request: BookingRequest, now: datetime
           ) -> list[int]:
    """Check ``request`` and write it into ``booking``; return the ids of its legs."""
    pol, pod = ports(request, load_reference())
    pol_call, pod_call_id, legs = _sailing(session, request, pol, pod)
    cargo = check_cargo(request, pol_call.etd.date())
    check_cut_off(cargo, pol, pol_call.etd, now)
    booking.document = request.model_dump(mode="json", exclude_none=True)
    booking.voyage, booking.pol_call, booking.pod_call_id = (
        pol_call.voyage, pol_call, pod_call_id)
    booking.teu, booking.weight_t = cargo.load.teu, cargo.load.weight_t
    booking.reefer_plugs, booking.is_dangerous = cargo.load.reefer_plugs, cargo.is_dangerous
    booking.holds_capacity, booking.updated_at = False, now
    booking.equipments.extend(_equipment_rows(cargo))
    booking.feedbacks = [_feedback("WARN", "IDENTIFIER_CHECK_DIGIT", w) for w in cargo.warnings]
    return legs


def _sailing(session: Session, request: BookingRequest, pol: str, pod: str
             ) -> tuple[Call, int, list[int]]:
    """The POL call (with its voyage), the POD call's id and the legs' ids in between."""
    number = request.carrierExportVoyageNumber
    if not number:
        raise ApiError(400, "carrierExportVoyageNumber", None, "is required to choose the "
                       "sailing (see GET /v1/point-to-point-routes)")
    query = (select(Call).join(Voyage, Call.voyage_id == Voyage.id)
             .join(ServiceRow, Voyage.service_id == ServiceRow.id)
             .where(Voyage.carrier_voyage_number == number, Call.locode == pol)
             .options(contains_eager(Call.voyage).lazyload("*")))
    if request.carrierServiceCode:
        query = query.where(ServiceRow.code == request.carrierServiceCode)
    pol_calls = list(session.scalars(query))
    if len(pol_calls) != 1:
        problem = (f"has no published call at {pol}" if not pol_calls else
                   "is ambiguous; give carrierServiceCode")
        raise ApiError(400, "carrierExportVoyageNumber", number, problem)
    pol_call = pol_calls[0]
    pod_call = session.execute(select(Call.id, Call.sequence).where(
        Call.vessel_id == pol_call.vessel_id, Call.sequence > pol_call.sequence,
        Call.locode == pod).order_by(Call.sequence).limit(1)).first()
    if pod_call is None:
        raise ApiError(400, "shipmentLocations.POD", pod, f"is not a published later call "
                       f"of voyage {number} from {pol}")
    legs = list(session.scalars(select(Leg.id).join(Call, Leg.from_call_id == Call.id).where(
        Call.vessel_id == pol_call.vessel_id, Call.sequence >= pol_call.sequence,
        Call.sequence < pod_call.sequence).order_by(Leg.id)))
    if len(legs) != pod_call.sequence - pol_call.sequence:
        raise ApiError(400, "shipmentLocations.POD", pod, "is reached over legs that are not "
                       "all on sale")
    return pol_call, pod_call.id, legs


def _equipment_rows(cargo: CheckedCargo) -> list[BookingEquipment]:
    return [BookingEquipment(
        iso_equipment_code=x.iso_code, units=x.units, teu=x.teu,
        cargo_gross_weight_t=x.cargo_gross_weight_t, tare_weight_t=x.tare_weight_t,
        is_operating_reefer=x.is_operating_reefer, temperature_setpoint=x.temperature_setpoint,
        temperature_unit=x.temperature_unit, hs_codes=list(x.hs_codes),
        equipment_references=list(x.equipment_references),
        dg_lines=[DangerousGoodsLine(un_number=d.un_number, imo_class=d.imo_class,
                                     packing_group=d.packing_group,
                                     proper_shipping_name=d.proper_shipping_name)
                  for d in x.dg_lines]) for x in cargo.lines]


def _auto_confirm(session: Session, booking: Booking, now: datetime, leg_ids: list[int]
                  ) -> None:
    if booking.voyage.auto_confirm:
        _confirm(session, booking, now, leg_ids)


def _confirm(session: Session, booking: Booking, now: datetime,
             leg_ids: list[int] | None = None) -> None:
    """Confirm, reject (cut-off passed) or decline (does not fit) the booking.

    The confirmation is written first and capacity taken last, so that the legs' row locks
    are held only for the capacity UPDATEs and the commit (see ``store.capacity``).
    """
    pol_call = booking.pol_call
    try:
        check_cut_off(_flags(booking), pol_call.locode, pol_call.etd, now)
    except ApiError as exc:
        _finish(booking, "REJECTED", str(exc), now)
        return
    leg_ids = _leg_ids(session, booking) if leg_ids is None else leg_ids
    before = (booking.status, booking.carrier_booking_reference)
    booking.holds_capacity = True
    booking.status = "CONFIRMED"
    booking.carrier_booking_reference = booking.carrier_booking_reference or (
        "TL" + secrets.token_hex(6).upper())
    booking.updated_at = now
    session.flush()
    shortfall = capacity.take(session, leg_ids, _load(booking))
    if shortfall is not None:
        booking.holds_capacity = False
        booking.status, booking.carrier_booking_reference = before
        _finish(booking, "DECLINED", f"Declined whole: {shortfall.sentence()}.", now)


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


def _carrier_only(party: Party) -> None:
    if party.role != "carrier":
        raise ApiError(403, "Authorization", party.name, "only the carrier may do this")
