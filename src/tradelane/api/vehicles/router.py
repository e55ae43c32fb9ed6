"""``/api/vehicles``: register a used car, record the steps of its export, read its verified
history (public) and verify its chain (public).

Thin: parse, call one use case of ``app.vehicles`` in the request's transaction, render.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Annotated, Any, TypeVar, cast

from fastapi import APIRouter, Body, Path, Request
from sqlalchemy.orm import Session

from tradelane.api.deps import Credentials, caller, in_transaction, moment_in_range, settings_of
from tradelane.api.errors import ApiError, error_responses
from tradelane.api.vehicles.schemas import EventIn, VehicleIn
from tradelane.app.vehicles import (
    Document,
    NewVehicle,
    NewVehicleStep,
    NotFound,
    OrderRefused,
    RoleRefused,
    record_step,
    register_vehicle,
    vehicle_history,
    verify_vehicle,
)
from tradelane.store import booking_events
from tradelane.store.parties import ROLES

router = APIRouter(prefix="/api/vehicles", tags=["Used-car export chain"])
Vin = Annotated[str, Path(max_length=40, description="The vehicle's VIN.")]
T = TypeVar("T")
_DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
NewVehicleBody = Annotated[VehicleIn, Body(openapi_examples={"used-ev": {
    "summary": "A used battery-electric car",
    "value": {"vin": "LFV2A21K6E4123456", "make": "Volkswagen", "model": "ID.4 CROZZ",
              "year": 2022, "powertrain": "BEV"}}})]
NewEventBody = Annotated[EventIn, Body(openapi_examples={
    "purchase": {"summary": "The dealer buys the car", "value": {
        "step": "PURCHASE", "time": "2030-01-02T09:30:00Z", "place": "Qingdao",
        "documents": [{"ref": "purchase-contract-0042", "sha256": _DIGEST}]}},
    "inspection": {"summary": "The inspector passes it", "value": {
        "step": "INSPECTION", "time": "2030-01-04T14:00:00Z", "place": "Qingdao",
        "inspection": "PASS", "documents": [{"ref": "inspection-report-7", "sha256": _DIGEST}]}},
    "export-booking": {"summary": "The exporter names its booking and container", "value": {
        "step": "EXPORT_BOOKING", "time": "2030-01-06T10:00:00Z", "place": "CNTAO",
        "booking": "TLA2200808F1D5", "container": "CSQU3054383", "documents": []}}})]
_STATUS = ((RoleRefused, 403), (OrderRefused, 409), (NotFound, 404))


def _mapped(work: Callable[[Session], T]) -> Callable[[Session], T]:
    """``work`` with the use case's refusals turned into API errors (403, 409, 404)."""
    def run(session: Session) -> T:
        try:
            return work(session)
        except (RoleRefused, OrderRefused, NotFound) as exc:
            status = next(code for kind, code in _STATUS if isinstance(exc, kind))
            raise ApiError(status, exc.field, exc.value, exc.problem) from None
    return run


@router.post("", status_code=201, responses=error_responses(400, 401, 403, 409, 413))
async def register(request: Request, body: NewVehicleBody, authorization: Credentials = None
                   ) -> dict[str, Any]:
    """Register a vehicle by VIN (dealers only); the VIN's check digit is verified."""
    new = NewVehicle(body.vin, body.make, body.model, body.year, body.powertrain)
    now = settings_of(request).clock()

    def work(session: Session) -> dict[str, Any]:
        vehicle = register_vehicle(session, caller(session, authorization, ROLES), new, now)
        return {"vin": vehicle.vin, "make": vehicle.make, "model": vehicle.model,
                "year": vehicle.model_year, "powertrain": vehicle.powertrain}

    return await in_transaction(request, _mapped(work), write=True)


@router.post("/{vin}/events", status_code=201,
             responses=error_responses(400, 401, 403, 404, 409, 413))
async def record(request: Request, vin: Vin, body: NewEventBody,
                 authorization: Credentials = None) -> dict[str, Any]:
    """Record a step of the vehicle's export (the step's role only, in the chain's order);
    the sequence number, digests and recorded time are the server's."""
    new = NewVehicleStep(body.step, moment_in_range("time", body.time), body.place,
                   tuple(Document(d.ref, d.sha256) for d in body.documents), body.booking,
                   body.container, body.inspection)
    now = settings_of(request).clock()

    def work(session: Session) -> dict[str, Any]:
        return asdict(record_step(session, caller(session, authorization, ROLES), vin, new,
                                  now))

    return await in_transaction(request, _mapped(work), write=True)


@router.get("/{vin}", responses=error_responses(400, 404))
async def history(request: Request, vin: Vin) -> dict[str, Any]:
    """The vehicle's public history (no key): non-personal fields, each event marked verified
    or not, and once it is booked its booking's sailing and containers with their Track &
    Trace events (the events of booking status changes committed before are written first)."""
    def work(session: Session, first: bool) -> dict[str, Any] | None:
        if first and booking_events.pending(session):
            return None
        return asdict(vehicle_history(session, vin))

    doc = await in_transaction(request, _mapped(lambda s: work(s, True)), write=False)
    if doc is None:
        await in_transaction(request, booking_events.materialise, write=True)
        doc = await in_transaction(request, _mapped(lambda s: work(s, False)), write=False)
    return cast(dict[str, Any], doc)


@router.get("/{vin}/verify", responses=error_responses(400, 404))
async def verify(request: Request, vin: Vin) -> dict[str, Any]:
    """Recompute the vehicle's chain: ``{valid, events, first_bad_event}`` (no key)."""
    def work(session: Session) -> dict[str, Any]:
        return asdict(verify_vehicle(session, vin))

    return await in_transaction(request, _mapped(work), write=False)
