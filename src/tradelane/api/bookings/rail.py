"""Bookings with an inland place of receipt: the block-train departure that feeds the sailing.

A booking whose ``shipmentLocations`` has a PRE (place of receipt) other than its POL rides a
published train from the PRE to the POL. The departure is the latest one that reaches the quay
by the vessel cut-off (``vessel_cutoff_h`` before the ship's ETD at the POL) within the week
before it, and whose bookings are still open (its rail cut-off, ``cutoff_at``, not passed). The
train's TEU, tonnes, reefer TEU and dangerous-goods TEU are taken together with the vessel legs
(``store.rail``: the train first, then the legs; none if either is short).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from tradelane.api.bookings.rules import CheckedCargo
from tradelane.api.bookings.sailing import BookedSailing
from tradelane.api.bookings.schemas import BookingRequest
from tradelane.api.errors import ApiError
from tradelane.store.models import Booking, Call, Voyage
from tradelane.store.rail import (
    BookingTrain,
    RailLoad,
    TrainDepartureRow,
    release_train,
    take_train,
)

_FEEDS = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class BookedTrain:
    """The departure a booking rides and the load it takes on it."""

    departure_id: int
    load: RailLoad


def place_of_receipt(request: BookingRequest) -> str | None:
    """The PRE's UN/LOCODE, ``None`` when the booking gives none."""
    for loc in request.shipmentLocations:
        if loc.locationTypeCode == "PRE" and loc.location.UNLocationCode:
            return loc.location.UNLocationCode.upper()
    return None


def find_train(session: Session, request: BookingRequest, pol: str, sailing: BookedSailing,
               cargo: CheckedCargo, now: datetime) -> BookedTrain | None:
    """The departure from the PRE that feeds ``sailing`` at ``pol``, or a 400 naming why not."""
    pre = place_of_receipt(request)
    if pre is None or pre == pol:
        return None
    rows = session.scalars(select(TrainDepartureRow).where(
        TrainDepartureRow.inland_locode == pre, TrainDepartureRow.sea_locode == pol,
        TrainDepartureRow.at_quay_at <= sailing.pol_etd,
        TrainDepartureRow.at_quay_at > sailing.pol_etd - _FEEDS - timedelta(days=2))).all()
    feeding = [r for r in rows
               if sailing.pol_etd - _FEEDS < r.at_quay_at + timedelta(hours=r.vessel_cutoff_h)
               <= sailing.pol_etd]
    voyage = request.carrierExportVoyageNumber
    if not feeding:
        raise ApiError(400, "shipmentLocations.PRE", pre, f"has no published train to {pol} "
                       f"that reaches voyage {voyage}'s vessel cut-off")
    open_ = [r for r in feeding if r.cutoff_at > now]
    if not open_:
        last = max(feeding, key=lambda r: r.departs_at)
        raise ApiError(400, "shipmentLocations.PRE", pre, f"misses the rail cut-off: train "
                       f"{last.train_name} departing {last.departs_at:%Y-%m-%dT%H:%MZ}, the "
                       f"last to reach voyage {voyage} at {pol}, closed for bookings at "
                       f"{last.cutoff_at:%Y-%m-%dT%H:%MZ}")
    chosen = max(open_, key=lambda r: r.departs_at)
    lines = cargo.lines
    load = RailLoad(cargo.load.teu, cargo.load.weight_t,
                    sum(x.teu for x in lines if x.is_operating_reefer),
                    sum(x.teu for x in lines if x.dg_lines))
    return BookedTrain(chosen.id, load)


def attach(session: Session, booking_id: int, train: BookedTrain | None) -> None:
    """Record the departure a booking rides (nothing without one)."""
    if train is None:
        return
    load = train.load
    session.execute(insert(BookingTrain), {
        "booking_id": booking_id, "departure_id": train.departure_id, "teu": load.teu,
        "weight_t": load.weight_t, "reefer_teu": load.reefer_teu, "dg_teu": load.dg_teu})


def detach(session: Session, booking_id: int) -> None:
    """Forget the booking's departure (its content is being replaced)."""
    row = session.get(BookingTrain, booking_id)
    if row is not None:
        session.delete(row)
        session.flush()


def held(session: Session, booking_id: int) -> BookedTrain | None:
    """The departure the booking rides, with its load (``None`` without a train)."""
    row = session.get(BookingTrain, booking_id)
    if row is None:
        return None
    return BookedTrain(row.departure_id, RailLoad(row.teu, row.weight_t, row.reefer_teu,
                                                  row.dg_teu))


def take(session: Session, booking_id: int) -> str | None:
    """Take the booking's train capacity (first, before its legs); the shortfall sentence."""
    train = held(session, booking_id)
    return None if train is None else take_train(session, train.departure_id, train.load)


def take_departure(session: Session, train: BookedTrain) -> str | None:
    """Take ``train``'s capacity (the departure a booking has just attached)."""
    return take_train(session, train.departure_id, train.load)


def cutoff_passed(session: Session, booking_id: int, now: datetime) -> str | None:
    """The sentence naming the rail cut-off when the booking's train has closed, else None."""
    train = held(session, booking_id)
    if train is None:
        return None
    dep = session.get_one(TrainDepartureRow, train.departure_id)
    if dep.cutoff_at > now:
        return None
    return (f"shipmentLocations.PRE = '{dep.inland_locode}': misses the rail cut-off: train "
            f"{dep.train_name} departing {dep.departs_at:%Y-%m-%dT%H:%MZ} closed for bookings "
            f"at {dep.cutoff_at:%Y-%m-%dT%H:%MZ}.")


def release(session: Session, booking_id: int) -> None:
    """Give the booking's train capacity back."""
    train = held(session, booking_id)
    if train is not None:
        release_train(session, train.departure_id, train.load)


def transport_plan(session: Session, booking: Booking) -> list[dict[str, Any]]:
    """The DCSA transport plan: the rail leg (pre-carriage, the train's name as the load
    location's name) then the ocean leg, with planned dates (UTC)."""
    train = held(session, booking.id)
    pol = session.get_one(Call, booking.pol_call_id)
    pod = session.get_one(Call, booking.pod_call_id)
    voyage = session.get_one(Voyage, booking.voyage_id)
    plan: list[dict[str, Any]] = []
    if train is not None:
        dep = session.get_one(TrainDepartureRow, train.departure_id)
        plan.append({"transportPlanStage": "PRC", "transportPlanStageSequenceNumber": 1,
                     "modeOfTransport": "RAIL",
                     "loadLocation": {"locationName": dep.train_name,
                                      "UNLocationCode": dep.inland_locode},
                     "dischargeLocation": {"UNLocationCode": dep.sea_locode},
                     "plannedDepartureDate": _iso(dep.departs_at),
                     "plannedArrivalDate": _iso(dep.arrives_at)})
    plan.append({"transportPlanStage": "MNC", "transportPlanStageSequenceNumber": len(plan) + 1,
                 "modeOfTransport": "VESSEL", "vesselName": voyage.vessel.name,
                 "vesselIMONumber": voyage.vessel.imo_number,
                 "carrierServiceCode": voyage.service.code,
                 "carrierExportVoyageNumber": voyage.carrier_voyage_number,
                 "loadLocation": {"UNLocationCode": pol.locode},
                 "dischargeLocation": {"UNLocationCode": pod.locode},
                 "plannedDepartureDate": _iso(pol.etd), "plannedArrivalDate": _iso(pod.eta)})
    return plan


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d")  # DCSA Transport: planned dates (format: date)
