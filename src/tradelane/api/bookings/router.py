"""``/v2/bookings``: DCSA Booking 2.0, plus our carrier extensions ``/confirm``, ``/decline``.

Each endpoint hands one operation to ``in_transaction`` (the request's transaction, on one of
the app's few booking threads) and answers with what it returns.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Header, Request, Response
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tradelane.api.bookings import operations
from tradelane.api.bookings.schemas import (
    BookingDocument,
    BookingRequest,
    CancelRequest,
    CreateBookingResponse,
    DecisionRequest,
)
from tradelane.api.deps import Credentials, caller, in_transaction, settings_of
from tradelane.api.errors import error_responses

router = APIRouter(prefix="/v2/bookings", tags=["Booking 2.0"])
_ACCEPTED: dict[int | str, dict[str, Any]] = {
    202: {"description": "Accepted.", "content": {}}}


@router.post("", status_code=202, response_model=CreateBookingResponse,
             responses=error_responses(400, 401))
async def create_booking(request: Request, body: BookingRequest,
                         authorization: Credentials = None,
                         idempotency_key: Annotated[str | None, Header(max_length=100)] = None
                         ) -> dict[str, str]:
    """Request a booking; it is CONFIRMED at once on auto-confirm sailings if it fits."""
    now = settings_of(request).clock()

    def create(session: Session) -> str:
        return operations.create(session, caller(session, authorization), body, now,
                                 idempotency_key)

    try:
        ref = await in_transaction(request, create, write=True)
    except IntegrityError:  # the same idempotency key raced in: answer with the first
        ref = await in_transaction(request, create, write=False)
    return {"carrierBookingRequestReference": ref}


@router.get("/{bookingReference}", response_model=BookingDocument,
            response_model_exclude_none=True, responses=error_responses(400, 401, 404))
async def get_booking(request: Request, bookingReference: str,
                      authorization: Credentials = None) -> dict[str, Any]:
    """The booking as sent, with its status (own bookings only; the carrier sees all)."""
    def read(session: Session) -> dict[str, Any]:
        return operations.to_document(
            operations.get(session, caller(session, authorization), bookingReference))

    return await in_transaction(request, read, write=False)


@router.put("/{bookingReference}", status_code=202, response_class=Response,
            responses={**_ACCEPTED, **error_responses(400, 401, 404, 409)})
async def update_booking(request: Request, bookingReference: str, body: BookingRequest,
                         authorization: Credentials = None) -> Response:
    """Replace a booking that is not final (RECEIVED, UPDATE_RECEIVED or CONFIRMED)."""
    now = settings_of(request).clock()

    def update(session: Session) -> None:
        operations.update(session, caller(session, authorization), bookingReference, body,
                          now)

    await in_transaction(request, update, write=True)
    return Response(status_code=202)


@router.patch("/{bookingReference}", status_code=202, response_class=Response,
              responses={**_ACCEPTED, **error_responses(400, 401, 404, 409)})
async def cancel_booking(request: Request, bookingReference: str, body: CancelRequest,
                         authorization: Credentials = None) -> Response:
    """Cancel a booking with ``{"bookingStatus": "CANCELLED"}``."""
    now = settings_of(request).clock()

    def cancel(session: Session) -> None:
        operations.cancel(session, caller(session, authorization), bookingReference,
                          body.reason, now)

    await in_transaction(request, cancel, write=True)
    return Response(status_code=202)


@router.post("/{bookingReference}/confirm", tags=["tradelane extensions"],
             response_model=BookingDocument,
             response_model_exclude_none=True,
             responses=error_responses(400, 401, 403, 404, 409))
async def confirm_booking(request: Request, bookingReference: str,
                          authorization: Credentials = None) -> dict[str, Any]:
    """Carrier only: confirm if before cut-off and it fits every leg (else 409, declined)."""
    now = settings_of(request).clock()

    def confirm(session: Session) -> dict[str, Any]:
        return operations.to_document(operations.confirm(
            session, caller(session, authorization), bookingReference, now))

    return await in_transaction(request, confirm, write=True)


@router.post("/{bookingReference}/decline", tags=["tradelane extensions"],
             response_model=BookingDocument,
             response_model_exclude_none=True,
             responses=error_responses(400, 401, 403, 404, 409))
async def decline_booking(request: Request, bookingReference: str,
                          authorization: Credentials = None,
                          body: Annotated[DecisionRequest | None, Body()] = None
                          ) -> dict[str, Any]:
    """Carrier only: decline the booking and free any space it holds."""
    now = settings_of(request).clock()

    def decline(session: Session) -> dict[str, Any]:
        return operations.to_document(operations.decline(
            session, caller(session, authorization), bookingReference,
            body.reason if body else None, now))

    return await in_transaction(request, decline, write=True)
