"""The used-car chain's verification and its public, verified history.

``verify_rows`` recomputes a vehicle's chain from the stored rows: each event's digest from
its canonical JSON, its sequence number, its link to the event before it, the columns copied
from its JSON, and at the end the vehicle's head (event count and newest digest). It names
the first event where the chain breaks. An event whose JSON was altered breaks at itself; a
deleted event at its own place (``missing``); two swapped events at the first of them; an
inserted event at itself, or, when the forger also recomputed its digest and link, at the
genuine event after it (which no longer follows the event before it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tradelane.store.events import container_track
from tradelane.store.models import Booking, Call, EventRow
from tradelane.store.vehicles import (
    GENESIS_SHA256,
    Vehicle,
    VehicleEvent,
    canonical_json,
    chain_of,
    sha256_hex,
)


@dataclass(frozen=True, slots=True)
class BadEvent:
    """Where a chain breaks: the sequence number (the place in the chain), the stored row
    found there (``None`` when the event is missing) and what is wrong, in one sentence."""

    sequence: int
    event_id: int | None
    problem: str


@dataclass(frozen=True, slots=True)
class ChainReport:
    """A verification: valid or not, the events stored, and the first bad event."""

    vin: str
    valid: bool
    events: int
    first_bad_event: BadEvent | None


def stored_history(session: Session, vehicle: Vehicle) -> list[VehicleEvent]:
    """The vehicle's stored events in chain order."""
    return chain_of(session, vehicle.id)


def verify_rows(vehicle: Vehicle, rows: list[VehicleEvent]) -> ChainReport:
    """Recompute the chain of ``vehicle`` from its stored ``rows`` (in chain order)."""
    previous = GENESIS_SHA256
    for place, row in enumerate(rows, start=1):
        problem = _row_problem(vehicle.vin, place, previous, row)
        if problem is not None:
            event_id = None if problem.startswith("is missing") else row.id
            return ChainReport(vehicle.vin, False, len(rows),
                               BadEvent(place, event_id, problem))
        previous = row.sha256
    if vehicle.events_count != len(rows) or vehicle.head_sha256 != previous:
        missing = len(rows) + 1
        problem = (f"is missing: the vehicle's head records {vehicle.events_count} events, "
                   f"{len(rows)} are stored" if vehicle.events_count > len(rows) else
                   "does not match the vehicle's recorded head (events count or digest)")
        return ChainReport(vehicle.vin, False, len(rows), BadEvent(missing, None, problem))
    return ChainReport(vehicle.vin, True, len(rows), None)


def _row_problem(vin: str, place: int, previous: str, row: VehicleEvent) -> str | None:
    """What is wrong with ``row`` found at ``place`` after the digest ``previous``."""
    if row.sequence > place:
        return f"is missing (the next stored event is number {row.sequence})"
    if row.sequence < place:
        return f"is a second event numbered {row.sequence}"
    if sha256_hex(row.payload) != row.sha256:
        return "was altered: its content does not match its SHA-256 digest"
    try:
        body: dict[str, Any] = json.loads(row.payload)
        canonical = canonical_json(body) == row.payload
    except ValueError:
        return "was altered: its content is not JSON"
    if not canonical:
        return "was altered: its content is not canonical JSON"
    if body.get("sequence") != place:
        return (f"is out of place: it was recorded as event {body.get('sequence')} "
                "(events reordered or one inserted before it)")
    if body.get("vin") != vin:
        return f"belongs to another vehicle ({body.get('vin')})"
    if body.get("previous_sha256") != previous or row.previous_sha256 != previous:
        return ("does not follow the event before it (an event was inserted or altered "
                "before it)")
    if body.get("step") != row.step:
        return f"was altered: its step column says {row.step}, its content {body.get('step')}"
    return None


@dataclass(frozen=True, slots=True)
class PublicEvent:
    """An event as the public sees it: no party, no document references."""

    sequence: int
    step: str
    time: str
    place: str
    role: str
    inspection: str | None
    container: str | None
    documents: int
    sha256: str
    verified: bool


@dataclass(frozen=True, slots=True)
class TrackEvent:
    """A Track & Trace event of the vehicle's sailing as the public sees it: what happened
    (``event_type`` TRANSPORT or EQUIPMENT, ``code`` ARRI/DEPA or GTIN/LOAD/DISC/GTOT), whether
    planned, estimated or actual (``classifier`` PLN/EST/ACT), where (UN/LOCODE), when (ISO
    8601 UTC), the vessel and voyage, and the container of an equipment event. No party, no
    booking or document reference."""

    event_type: str
    code: str
    classifier: str
    locode: str
    time: str
    vessel: str
    voyage: str
    container: str | None


@dataclass(frozen=True, slots=True)
class BookingRoute:
    """Where the vehicle sails: its booking's status, sailing, ports and containers (not the
    booking's reference: the public sees no document reference), and ``at_sea``:
    the Track & Trace events of its sailing (the ports of loading and discharge) and of its
    container, oldest first (``store.events.container_track``)."""

    status: str
    service: str
    voyage: str
    vessel: str
    pol: str
    pol_departure: datetime
    pod: str
    pod_arrival: datetime
    containers: tuple[str, ...]
    at_sea: tuple[TrackEvent, ...]


@dataclass(frozen=True, slots=True)
class VehicleHistory:
    """A vehicle's public page: non-personal fields, the verification and its events."""

    vin: str
    make: str
    model: str
    model_year: int
    powertrain: str
    chain: ChainReport
    events: tuple[PublicEvent, ...]
    route: BookingRoute | None


def public_history(session: Session, vehicle: Vehicle) -> VehicleHistory:
    """The public history of ``vehicle``; events from the first bad one on are shown as
    not verified."""
    rows = stored_history(session, vehicle)
    report = verify_rows(vehicle, rows)
    bad_from = report.first_bad_event.sequence if report.first_bad_event else len(rows) + 1
    events = tuple(_public(place, row, place < bad_from)
                   for place, row in enumerate(rows, start=1))
    booked = next((r.booking_reference for r in rows[:bad_from - 1]
                   if r.step == "EXPORT_BOOKING"), None)
    containers = tuple(e.container for e in events if e.container and e.verified)
    route = None if booked is None else _route(session, booked, containers)
    return VehicleHistory(vehicle.vin, vehicle.make, vehicle.model, vehicle.model_year,
                          vehicle.powertrain, report, events, route)


def _public(place: int, row: VehicleEvent, verified: bool) -> PublicEvent:
    try:
        body: dict[str, Any] = json.loads(row.payload)
    except ValueError:
        body = {}
    return PublicEvent(place, str(body.get("step", row.step)), str(body.get("time", "")),
                       str(body.get("place", "")), str(body.get("role", "")),
                       body.get("inspection"), body.get("container"),
                       len(body.get("documents") or ()), row.sha256, verified)


def _route(session: Session, reference: str, containers: tuple[str, ...]
           ) -> BookingRoute | None:
    booking = session.execute(select(Booking).where(
        Booking.carrier_booking_request_reference == reference)).scalar_one_or_none()
    if booking is None:
        return None
    pod = session.get(Call, booking.pod_call_id)
    listed = tuple(r for e in booking.equipments for r in e.equipment_references)
    every = tuple(dict.fromkeys((*containers, *listed)))
    calls = [booking.pol_call_id, *([pod.id] if pod else [])]
    at_sea = tuple(dict.fromkeys(
        _tracked(row) for row in container_track(session, booking.id, calls, containers)))
    return BookingRoute(
        status=booking.status,
        service=booking.voyage.service.code, voyage=booking.voyage.carrier_voyage_number,
        vessel=booking.voyage.vessel.name, pol=booking.pol_call.locode,
        pol_departure=booking.pol_call.etd, pod=pod.locode if pod else "",
        pod_arrival=pod.eta if pod else booking.pol_call.etd, containers=every,
        at_sea=at_sea)


def _tracked(row: EventRow) -> TrackEvent:
    """The public fields of a stored event (copied field by field from its DCSA document)."""
    doc: dict[str, Any] = row.document
    call: dict[str, Any] = doc.get("transportCall") or {}
    return TrackEvent(
        event_type=row.event_type, code=row.type_code, classifier=row.classifier,
        locode=str(row.locode or (doc.get("eventLocation") or {}).get("UNLocationCode", "")),
        time=str(doc.get("eventDateTime", "")),
        vessel=str((call.get("vessel") or {}).get("vesselName", "")),
        voyage=str(call.get("carrierVoyageNumber") or ""),
        container=row.equipment_reference)
