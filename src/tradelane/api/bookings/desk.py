"""The carrier's desk: bookings to decide, with their legs and the capacity left on each.

``GET /v2/bookings`` (our extension beside DCSA Booking 2.0, which has no list): the carrier
sees every booking, a shipper its own; in the order they arrived, paged by booking id.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from tradelane.store.models import Booking, BookingLeg, Call, Leg, Party, ServiceRow, Voyage
from tradelane.store.parties import Caller

_POL, _POD, _FROM, _TO = (aliased(Call, name=n) for n in ("pol", "pod", "from_call", "to_call"))


def list_bookings(session: Session, party: Caller, statuses: Sequence[str], after_id: int,
                  limit: int) -> tuple[list[dict[str, Any]], int | None]:
    """Up to ``limit`` bookings with id above ``after_id`` that ``party`` may see, in one of
    ``statuses`` (all if empty); and the last id shown if more remain (else ``None``)."""
    query = (select(Booking, Party.name, _POL, _POD, Voyage.carrier_voyage_number,
                    ServiceRow.code)
             .join(Party, Booking.party_id == Party.id)
             .join(_POL, Booking.pol_call_id == _POL.id)
             .join(_POD, Booking.pod_call_id == _POD.id)
             .join(Voyage, Booking.voyage_id == Voyage.id)
             .join(ServiceRow, Voyage.service_id == ServiceRow.id)
             .where(Booking.id > after_id)
             .order_by(Booking.id).limit(limit + 1))
    if party.role != "carrier":
        query = query.where(Booking.party_id == party.id)
    if statuses:
        query = query.where(Booking.status.in_(list(statuses)))
    found = session.execute(query).all()
    shown = found[:limit]
    legs = _legs(session, [row[0].id for row in shown])
    items = [_summary(b, shipper, pol, pod, voyage, service, legs[b.id])
             for b, shipper, pol, pod, voyage, service in shown]
    return items, (shown[-1][0].id if len(found) > limit else None)


def _legs(session: Session, booking_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Each booking's legs in sailing order, with what is left on each."""
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if not booking_ids:
        return out
    rows = session.execute(
        select(BookingLeg.booking_id, Leg, _FROM.locode, _FROM.etd, _TO.locode, _TO.eta)
        .join(Leg, BookingLeg.leg_id == Leg.id)
        .join(_FROM, Leg.from_call_id == _FROM.id)
        .join(_TO, Leg.to_call_id == _TO.id)
        .where(BookingLeg.booking_id.in_(booking_ids))
        .order_by(BookingLeg.booking_id, _FROM.sequence)).all()
    for booking_id, leg, frm, etd, to, eta in rows:
        out[booking_id].append({
            "legId": leg.id, "from": frm, "to": to, "departureDateTime": iso(etd),
            "arrivalDateTime": iso(eta),
            "TEULeft": leg.capacity_teu - leg.used_teu,
            "tonnesLeft": round(leg.capacity_t - leg.used_t, 3),
            "reeferPlugsLeft": leg.reefer_plugs - leg.used_reefer_plugs})
    return out


def iso(moment: datetime) -> str:
    """UTC timestamp as DCSA writes it."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _summary(b: Booking, shipper: str, pol: Call, pod: Call, voyage: str, service: str,
             legs: list[dict[str, Any]]) -> dict[str, Any]:
    summary: dict[str, Any] = {
        "carrierBookingRequestReference": b.carrier_booking_request_reference,
        "bookingStatus": b.status, "shipper": shipper,
        "carrierServiceCode": service, "carrierExportVoyageNumber": voyage,
        "POL": pol.locode, "POD": pod.locode,
        "departureDateTime": iso(pol.etd), "arrivalDateTime": iso(pod.eta),
        "TEU": b.teu, "grossWeightTonnes": round(b.weight_t, 3),
        "reeferPlugs": b.reefer_plugs, "isDangerous": b.is_dangerous,
        "receivedDateTime": iso(b.created_at), "updatedDateTime": iso(b.updated_at),
        "feedbacks": b.feedbacks, "legs": legs}
    if b.carrier_booking_reference:
        summary["carrierBookingReference"] = b.carrier_booking_reference
    return summary
