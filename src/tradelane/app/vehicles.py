"""Use cases of the used-car export chain: register a vehicle, record a step, verify a chain.

A vehicle is registered by a dealer under its VIN (ISO 3779, checked with ``vininfo``). Each
step (purchase, transfer registration, inspection, deregistration, export booking, loading,
after-sales service) is recorded by the party whose role owns it, in the order of
``STEP_RULES``, as an event appended to the vehicle's hash chain (``store.vehicles``). The
verification (``app.vehicle_chain``) recomputes that chain. Faces map ``RoleRefused`` to 403,
``OrderRefused`` to 409 and ``NotFound`` to 404; any other ``InputError`` is bad input (400).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import or_, select
from sqlalchemy.orm import Session
from stdnum import iso6346
from stdnum.exceptions import ValidationError as StdnumError
from vininfo import Vin
from vininfo.exceptions import ValidationError as VinError

from tradelane.app.vehicle_chain import (
    ChainReport,
    VehicleHistory,
    public_history,
    stored_history,
    verify_rows,
)
from tradelane.errors import InputError
from tradelane.store.models import Booking
from tradelane.store.parties import Caller
from tradelane.store.vehicles import Vehicle, append_event, vehicle_by_vin

STEP_ROLES = {"PURCHASE": "dealer", "TRANSFER_REGISTRATION": "registrar",
              "INSPECTION": "inspector", "DEREGISTRATION": "registrar",
              "EXPORT_BOOKING": "exporter", "LOADED": "carrier", "AFTER_SALES": "dealer"}
"""Each step and the one party role that records it."""
POWERTRAINS = ("ICE", "HEV", "PHEV", "BEV", "FCEV")
"""Internal combustion, hybrid, plug-in hybrid, battery electric, fuel cell."""
LITHIUM_ION_POWERTRAINS = ("BEV",)
"""Powertrains that make a used car in a container a battery-powered vehicle: the booking
must declare UN3556 (or UN3171, as the booking desk's date rules allow). Hybrids and fuel-cell
cars (an engine or a fuel cell beside the battery) are UN3166 by IMDG special provision 388,
which the carrier's list (``data/dangerous_goods.csv``) does not hold: not checked here."""
VEHICLE_DG = ("UN3556", "UN3171")
CHECK_DIGIT_REGIONS = ("1", "2", "3", "4", "5", "L")
"""First VIN characters (North America, China) where the position-9 check digit is law
(49 CFR 565, GB 16735); elsewhere it is checked by the few makers that use it only."""
FINAL_BOOKING_STATES = ("CANCELLED", "DECLINED", "REJECTED")
MAX_DOCUMENTS = 20
FUTURE_GRACE = timedelta(minutes=10)
"""How far a step's time may be ahead of the server's clock (clock skew)."""
_HEX64 = re.compile(r"[0-9a-fA-F]{64}")


class RoleRefused(InputError):
    """The caller's role may not record this step (a face's 403)."""


class OrderRefused(InputError):
    """The step breaks an order rule, or the vehicle or booking's state refuses it (409)."""


class NotFound(InputError):
    """No such vehicle, or no such booking of the caller's (404)."""


def _check_text(field: str, value: str, limit: int) -> None:
    """InputError unless ``value`` is 1 to ``limit`` characters of printable text."""
    if not value.strip() or len(value) > limit:
        raise InputError(field, value, f"must be 1 to {limit} characters")
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in value):
        raise InputError(field, value, "must not contain control characters")


def check_vin(vin: str) -> str:
    """The VIN in capitals, or InputError naming what is wrong with it."""
    text = vin.strip().upper()
    if len(text) != 17:
        raise InputError("vin", vin, f"must have 17 characters (ISO 3779), not {len(text)}")
    banned = sorted(set(text) & set("IOQ"))
    if banned:
        raise InputError("vin", vin, f"must not contain the letter {' or '.join(banned)} "
                         "(ISO 3779 leaves out I, O and Q)")
    try:
        parsed = Vin(text)
    except VinError as exc:
        raise InputError("vin", vin, str(exc).strip().rstrip(".")) from None
    if text[0] in CHECK_DIGIT_REGIONS and not parsed.verify_checksum(check_year=False):
        raise InputError("vin", vin, f"has the check digit {text[8]!r} at position 9, which "
                         "does not match the other 16 characters (required for VINs of "
                         "China and North America)")
    return text


@dataclass(frozen=True, slots=True)
class NewVehicle:
    """A vehicle to register: VIN, make, model, model year, powertrain."""

    vin: str
    make: str
    model: str
    model_year: int
    powertrain: str = "ICE"

    def __post_init__(self) -> None:
        object.__setattr__(self, "vin", check_vin(self.vin))
        for name in ("make", "model"):
            _check_text(name, getattr(self, name), 50)
        if isinstance(self.model_year, bool) or not 1950 <= self.model_year <= 2100:
            raise InputError("year", self.model_year, "must be a year from 1950 to 2100")
        if self.powertrain not in POWERTRAINS:
            raise InputError("powertrain", self.powertrain,
                             f"must be one of {', '.join(POWERTRAINS)}")


@dataclass(frozen=True, slots=True)
class Document:
    """A document of a step, by reference and the SHA-256 digest of its file (not the file)."""

    ref: str
    sha256: str

    def __post_init__(self) -> None:
        _check_text("documents.ref", self.ref, 200)
        if not _HEX64.fullmatch(self.sha256):
            raise InputError("documents.sha256", self.sha256,
                             "must be a SHA-256 digest: 64 hexadecimal characters")
        object.__setattr__(self, "sha256", self.sha256.lower())


@dataclass(frozen=True, slots=True)
class NewVehicleStep:
    """A step to record. Sequence, digests and the recorded time are the server's."""

    step: str
    time: datetime
    place: str
    documents: tuple[Document, ...] = ()
    booking: str | None = None
    container: str | None = None
    inspection: str | None = None

    def __post_init__(self) -> None:
        if self.step not in STEP_ROLES:
            raise InputError("step", self.step, f"must be one of {', '.join(STEP_ROLES)}")
        if self.time.tzinfo is None:
            raise InputError("time", self.time.isoformat(), "needs a UTC offset")
        _check_text("place", self.place, 100)
        if len(self.documents) > MAX_DOCUMENTS:
            raise InputError("documents", len(self.documents),
                             f"must list at most {MAX_DOCUMENTS} documents")
        if (self.inspection is None) == (self.step == "INSPECTION"):
            raise InputError("inspection", self.inspection, "is PASS or FAIL on an "
                             "INSPECTION, and only there")
        if self.inspection not in (None, "PASS", "FAIL"):
            raise InputError("inspection", self.inspection, "must be PASS or FAIL")
        if self.booking is not None:
            _check_text("booking", self.booking, 100)
        if self.step == "EXPORT_BOOKING" and not self.booking:
            raise InputError("booking", self.booking, "is required on EXPORT_BOOKING")
        if self.booking is not None and self.step not in ("EXPORT_BOOKING", "LOADED"):
            raise InputError("booking", self.booking, "belongs on EXPORT_BOOKING or LOADED")
        if self.container is not None:
            try:
                object.__setattr__(self, "container", iso6346.validate(self.container))
            except StdnumError:
                raise InputError("container", self.container, "is not an ISO 6346 container "
                                 "number with a valid check digit") from None


@dataclass(frozen=True, slots=True)
class RecordedEvent:
    """An event as stored: its place in the chain and its digest."""

    vin: str
    sequence: int
    step: str
    sha256: str
    previous_sha256: str
    recorded_at: datetime


def register_vehicle(session: Session, party: Caller, new: NewVehicle, now: datetime
                     ) -> Vehicle:
    """Register ``new`` (dealers only); a VIN registered before is refused."""
    if party.role != "dealer":
        raise RoleRefused("role", party.role, "may not register vehicles (dealers do)")
    if vehicle_by_vin(session, new.vin) is not None:
        raise OrderRefused("vin", new.vin, "is registered already")
    vehicle = Vehicle(vin=new.vin, make=new.make.strip(), model=new.model.strip(),
                      model_year=new.model_year, powertrain=new.powertrain,
                      registered_by=party.id, registered_at=now)
    session.add(vehicle)
    session.flush()
    return vehicle


def record_step(session: Session, party: Caller, vin: str, new: NewVehicleStep, now: datetime
                ) -> RecordedEvent:
    """Append the step ``new`` to the chain of ``vin``, if ``party``'s role owns the step,
    the chain verifies and the order rules allow it."""
    role = STEP_ROLES[new.step]
    if new.time > now + FUTURE_GRACE:
        raise InputError("time", _iso(new.time), f"is after the server's clock ({_iso(now)})")
    if party.role != role:
        raise RoleRefused("step", new.step, f"is recorded by a {role}, not by a {party.role}")
    vehicle = _registered(session, vin, for_update=True)
    rows = stored_history(session, vehicle)
    report = verify_rows(vehicle, rows)
    if not report.valid:
        raise OrderRefused("vin", vehicle.vin, "has a broken event chain; nothing more is "
                           "recorded on it (see its verify)")
    history = [_parsed(r.payload) for r in rows]
    problem = order_problem(history, new)
    if problem:
        raise OrderRefused("step", new.step, problem)
    booking = _booking_of(session, party, vehicle, history, new)
    document = {"vin": vehicle.vin, "step": new.step, "time": _iso(new.time),
                "place": new.place.strip(), "role": role, "party_id": party.id,
                "documents": [{"ref": d.ref, "sha256": d.sha256} for d in new.documents],
                "booking": booking, "container": new.container,
                "inspection": new.inspection, "recorded_at": _iso(now)}
    row = append_event(session, vehicle, document, party_id=party.id,
                       booking_reference=booking, recorded_at=now)
    return RecordedEvent(vehicle.vin, row.sequence, row.step, row.sha256,
                         row.previous_sha256, now)


def verify_vehicle(session: Session, vin: str) -> ChainReport:
    """Recompute the chain of ``vin`` (anyone may ask)."""
    vehicle = _registered(session, vin)
    return verify_rows(vehicle, stored_history(session, vehicle))


def vehicle_history(session: Session, vin: str) -> VehicleHistory:
    """The public, verified history of ``vin`` (anyone may ask)."""
    return public_history(session, _registered(session, vin))


def _registered(session: Session, vin: str, *, for_update: bool = False) -> Vehicle:
    vehicle = vehicle_by_vin(session, check_vin(vin), for_update=for_update)
    if vehicle is None:
        raise NotFound("vin", vin, "is not a registered vehicle")
    return vehicle


def order_problem(history: list[dict[str, Any]], new: NewVehicleStep) -> str | None:
    """The order rule ``new`` breaks after ``history`` (payloads, oldest first), or None."""
    done = [h["step"] for h in history]
    if history and new.time < datetime.fromisoformat(history[-1]["time"]):
        return f"is dated before the previous event ({history[-1]['time']})"
    once = ("PURCHASE", "TRANSFER_REGISTRATION", "DEREGISTRATION", "EXPORT_BOOKING", "LOADED")
    if new.step in once and new.step in done:
        return f"rule: {new.step} is recorded once per vehicle"
    needs = {"TRANSFER_REGISTRATION": "PURCHASE", "INSPECTION": "PURCHASE",
             "DEREGISTRATION": "TRANSFER_REGISTRATION", "EXPORT_BOOKING": "DEREGISTRATION",
             "LOADED": "EXPORT_BOOKING", "AFTER_SALES": "LOADED"}
    if new.step == "PURCHASE" and done:
        return "rule: PURCHASE comes first"
    before = needs.get(new.step)
    if before is not None and before not in done:
        return f"rule: no {new.step} before {before}"
    if new.step == "INSPECTION" and "LOADED" in done:
        return "rule: no INSPECTION after LOADED"
    inspections = [h["inspection"] for h in history if h["step"] == "INSPECTION"]
    if new.step == "LOADED" and (not inspections or inspections[-1] != "PASS"):
        return "rule: no LOADED before a passed INSPECTION (the latest inspection must pass)"
    return None


def _booking_of(session: Session, party: Caller, vehicle: Vehicle,
                history: list[dict[str, Any]], new: NewVehicleStep) -> str | None:
    """The booking the step names, checked: the exporter's own, live, and declaring the
    vehicle's dangerous goods; a LOADED step names the export booking (or none)."""
    booked = next((h["booking"] for h in history if h["step"] == "EXPORT_BOOKING"), None)
    if new.step == "LOADED":
        if new.booking is not None and new.booking != booked:
            raise OrderRefused("booking", new.booking, f"is not the vehicle's export booking "
                               f"({booked})")
        return booked
    if new.step != "EXPORT_BOOKING" or new.booking is None:
        return None
    booking = session.execute(select(Booking).where(or_(
        Booking.carrier_booking_request_reference == new.booking,
        Booking.carrier_booking_reference == new.booking))).scalar_one_or_none()
    if booking is None or booking.party_id != party.id:
        raise NotFound("booking", new.booking, "is not one of your bookings")
    if booking.status in FINAL_BOOKING_STATES:
        raise OrderRefused("booking", new.booking, f"is {booking.status}")
    if vehicle.powertrain in LITHIUM_ION_POWERTRAINS:
        declared = {d.un_number for e in booking.equipments for d in e.dg_lines}
        if not declared & set(VEHICLE_DG):
            raise OrderRefused("booking", new.booking, f"declares no UN3556 or UN3171 line, "
                               f"but a used {vehicle.powertrain} vehicle in a container is "
                               "dangerous goods (class 9)")
    references = {r for e in booking.equipments for r in e.equipment_references}
    if new.container is not None and references and new.container not in references:
        raise OrderRefused("container", new.container, f"is not a container of booking "
                           f"{new.booking} ({', '.join(sorted(references))})")
    return booking.carrier_booking_request_reference


def public_page_url(base_url: str, vin: str) -> str:
    """The address of the vehicle's public page under ``base_url`` (the QR code's content)."""
    parsed = urlsplit(base_url.strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc or parsed.query \
            or parsed.fragment:
        raise InputError("base_url", base_url, "must be an http:// or https:// address such "
                         "as https://trade.example.org")
    return f"{base_url.strip().rstrip('/')}/vehicle.html?vin={check_vin(vin)}"


def _parsed(payload: str) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(payload)
    return parsed


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
