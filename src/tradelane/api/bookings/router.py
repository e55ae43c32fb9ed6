"""``/v2/bookings``: DCSA Booking 2.0, plus our carrier extensions ``/confirm``, ``/decline``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Header, Request, Response
from sqlalchemy.exc import IntegrityError

from tradelane.api.bookings import operations
from tradelane.api.bookings.schemas import (
    BookingDocument,
    BookingRequest,
    CancelRequest,
    CreateBookingResponse,
    DecisionRequest,
)
from tradelane.api.deps import Credentials, caller, settings_of, transaction
from tradelane.api.errors import error_responses

router = APIRouter(prefix="/v2/bookings", tags=["Booking 2.0"])
_ACCEPTED: dict[int | str, dict[str, Any]] = {
    202: {"description": "Accepted.", "content": {}}}


@router.post("", status_code=202, response_model=CreateBookingResponse,
             responses=error_responses(400, 401))
def create_booking(request: Request, body: BookingRequest, authorization: Credentials = None,
                   idempotency_key: Annotated[str | None, Header(max_length=100)] = None
                   ) -> dict[str, str]:
    """Request a booking; it is CONFIRMED at once on auto-confirm sailings if it fits."""
    now = settings_of(request).clock()
    try:
        with transaction(request, write=True) as session:
            ref = operations.create(session, caller(session, authorization), body, now,
                                    idempotency_key)
    except IntegrityError:  # the same idempotency key raced in: answer with the first
        with transaction(request, write=False) as session:
            ref = operations.create(session, caller(session, authorization), body, now,
                                    idempotency_key)
    return {"carrierBookingRequestReference": ref}


@router.get("/{bookingReference}", response_model=BookingDocument,
            response_model_exclude_none=True, responses=error_responses(400, 401, 404))
def get_booking(request: Request, bookingReference: str, authorization: Credentials = None
                ) -> dict[str, Any]:
    """The booking as sent, with its status (own bookings only; the carrier sees all)."""
    with transaction(request, write=False) as session:
        booking = operations.get(session, caller(session, authorization), bookingReference)
        return operations.to_document(booking)


@router.put("/{bookingReference}", status_code=202, response_class=Response,
            responses={**_ACCEPTED, **error_responses(400, 401, 404, 409)})
def update_booking(request: Request, bookingReference: str, body: BookingRequest,
                   authorization: Credentials = None) -> Response:
    """Replace a booking that is not final (RECEIVED, UPDATE_RECEIVED or CONFIRMED)."""
    now = settings_of(request).clock()
    with transaction(request, write=True) as session:
        operations.update(session, caller(session, authorization), bookingReference, body,
                          now)
    return Response(status_code=202)


@router.patch("/{bookingReference}", status_code=202, response_class=Response,
              responses={**_ACCEPTED, **error_responses(400, 401, 404, 409)})
def cancel_booking(request: Request, bookingReference: str, body: CancelRequest,
                   authorization: Credentials = None) -> Response:
    """Cancel a booking with ``{"bookingStatus": "CANCELLED"}``."""
    now = settings_of(request).clock()
    with transaction(request, write=True) as session:
        operations.cancel(session, caller(session, authorization), bookingReference,
                          body.reason, now)
    return Response(status_code=202)


@router.post("/{bookingReference}/confirm", tags=["tradelane extensions"],
             response_model=BookingDocument,
             response_model_exclude_none=True,
             responses=error_responses(400, 401, 403, 404, 409))
def confirm_booking(request: Request, bookingReference: str, authorization: Credentials = None
                    ) -> dict[str, Any]:
    """Carrier only: confirm if before cut-off and it fits every leg (else 409, declined)."""
    now = settings_of(request).clock()
    with transaction(request, write=True) as session:
        booking = operations.confirm(session, caller(session, authorization),
                                     bookingReference, now)
        return operations.to_document(booking)


@router.post("/{bookingReference}/decline", tags=["tradelane extensions"],
             response_model=BookingDocument,
             response_model_exclude_none=True,
             responses=error_responses(400, 401, 403, 404, 409))
def decline_booking(request: Request, bookingReference: str, authorization: Credentials = None,
                    body: Annotated[DecisionRequest | None, Body()] = None) -> dict[str, Any]:
    """Carrier only: decline the booking and free any space it holds."""
    now = settings_of(request).clock()
    with transaction(request, write=True) as session:
        booking = operations.decline(session, caller(session, authorization),
                                     bookingReference, body.reason if body else None, now)
        return operations.to_document(booking)
