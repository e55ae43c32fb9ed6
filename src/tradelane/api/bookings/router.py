"""``/v2/bookings``: DCSA Booking 2.0, plus our extensions: the list ``GET /v2/bookings`` and
the carrier's ``/confirm`` and ``/decline``.

Each endpoint hands one operation to ``in_transaction`` (the request's transaction, on one of
the app's few booking threads) and answers with what it returns.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Header, Path, Query, Request, Response
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tradelane.api.bookings import examples, operations
from tradelane.api.bookings.desk import list_bookings
from tradelane.api.bookings.schemas import (
    BookingDocument,
    BookingRequest,
    BookingSummary,
    CancelRequest,
    CreateBookingResponse,
    DecisionRequest,
)
from tradelane.api.deps import Credentials, caller, in_transaction, settings_of
from tradelane.api.errors import ApiError, error_responses
from tradelane.api.paging import MAX_LIMIT, PageState, cursors_of

router = APIRouter(prefix="/v2/bookings", tags=["Booking 2.0"])
_ACCEPTED: dict[int | str, dict[str, Any]] = {
    202: {"description": "Accepted.", "content": {}}}
_PAGED: dict[int | str, dict[str, Any]] = {
    200: {"headers": {"Next-Page-Cursor": {
        "description": "Send it as ``cursor`` to get the next page (present when more remain).",
        "schema": {"type": "string"}}}}}
Status = Literal["RECEIVED", "UPDATE_RECEIVED", "CONFIRMED", "DECLINED", "REJECTED",
                 "CANCELLED"]
Reference = Annotated[str, Path(max_length=100, description="carrierBookingRequestReference")]
NewBooking = Annotated[BookingRequest, Body(openapi_examples=examples.OPENAPI_BOOKING)]


@router.get("", response_model=list[BookingSummary], response_model_exclude_none=True,
            tags=["tradelane extensions"], responses={**_PAGED, **error_responses(400, 401)})
async def list_bookings_route(
    request: Request, response: Response, authorization: Credentials = None,
    bookingStatus: Annotated[list[Status] | None, Query(
        description="Only bookings in these states (repeat for several).")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    cursor: Annotated[str | None, Query(max_length=1024)] = None,
) -> list[dict[str, Any]]:
    """The bookings the caller may see (the carrier: all; a shipper: its own), oldest first,
    with their legs and the capacity left on each: the carrier's desk queue is
    ``?bookingStatus=RECEIVED&bookingStatus=UPDATE_RECEIVED``."""
    for name in request.query_params:
        if name not in ("bookingStatus", "limit", "cursor"):
            raise ApiError(400, name, request.query_params[name][:40], "is not a query "
                           "parameter of GET /v2/bookings (bookingStatus, limit, cursor)")
    now = settings_of(request).clock()
    path = request.url.path
    state = cursors_of(request).read(path, cursor, now) if cursor else \
        PageState(0, limit, {"bookingStatus": sorted(set(bookingStatus or []))})

    def read(session: Session) -> tuple[list[dict[str, Any]], int | None]:
        return list_bookings(session, caller(session, authorization),
                             state.query["bookingStatus"], state.position, state.limit)

    items, last = await in_transaction(request, read, write=False)
    if last is not None:
        response.headers["Next-Page-Cursor"] = cursors_of(request).sign(
            path, PageState(last, state.limit, state.query), now)
    return items


def _cabotage_allowed(request: Request) -> frozenset[str]:
    """Countries whose domestic carriage the desk sells: the server's case file
    (``[booking] cabotage_allowed``) and the setting ``TRADELANE_CABOTAGE_ALLOWED``."""
    case = request.app.state.planner.case
    return frozenset(settings_of(request).cabotage_allowed) | frozenset(case.cabotage_allowed)


@router.post("", status_code=202, response_model=CreateBookingResponse,
             responses=error_responses(400, 401, 413, 422))
async def create_booking(request: Request, body: NewBooking,
                         authorization: Credentials = None,
                         idempotency_key: Annotated[str | None, Header(max_length=100)] = None
                         ) -> dict[str, str]:
    """Request a booking; it is CONFIRMED at once on auto-confirm sailings if it fits."""
    settings = settings_of(request)
    now = settings.clock()

    def create(session: Session) -> str:
        return operations.create(session, caller(session, authorization), body, now,
                                 idempotency_key, cabotage_allowed=_cabotage_allowed(request))

    try:
        ref = await in_transaction(request, create, write=True)
    except IntegrityError:  # the same idempotency key raced in: answer with the first
        ref = await in_transaction(request, create, write=False)
    return {"carrierBookingRequestReference": ref}


@router.get("/{bookingReference}", response_model=BookingDocument,
            response_model_exclude_none=True, responses=error_responses(400, 401, 404))
async def get_booking(request: Request, bookingReference: Reference,
                      authorization: Credentials = None) -> dict[str, Any]:
    """The booking as sent, with its status (own bookings only; the carrier sees all)."""
    def read(session: Session) -> dict[str, Any]:
        return operations.to_document(
            operations.get(session, caller(session, authorization), bookingReference))

    return await in_transaction(request, read, write=False)


@router.put("/{bookingReference}", status_code=202, response_class=Response,
            responses={**_ACCEPTED, **error_responses(400, 401, 403, 404, 409, 413)})
async def update_booking(request: Request, bookingReference: Reference, body: NewBooking,
                         authorization: Credentials = None) -> Response:
    """The shipper replaces its booking while it is not final (RECEIVED, UPDATE_RECEIVED or
    CONFIRMED); the carrier may not (403)."""
    settings = settings_of(request)
    now = settings.clock()

    def update(session: Session) -> None:
        operations.update(session, caller(session, authorization), bookingReference, body,
                          now, cabotage_allowed=_cabotage_allowed(request))

    await in_transaction(request, update, write=True)
    return Response(status_code=202)


@router.patch("/{bookingReference}", status_code=202, response_class=Response,
              responses={**_ACCEPTED, **error_responses(400, 401, 404, 409, 413)})
async def cancel_booking(request: Request, bookingReference: Reference,
                         body: Annotated[CancelRequest, Body(
                             openapi_examples=examples.OPENAPI_CANCEL)],
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
async def confirm_booking(request: Request, bookingReference: Reference,
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
             responses=error_responses(400, 401, 403, 404, 409, 413))
async def decline_booking(request: Request, bookingReference: Reference,
                          authorization: Credentials = None,
                          body: Annotated[DecisionRequest | None, Body(
                              openapi_examples=examples.OPENAPI_DECLINE)] = None
                          ) -> dict[str, Any]:
    """Carrier only: decline the booking and free any space it holds."""
    now = settings_of(request).clock()

    def decline(session: Session) -> dict[str, Any]:
        return operations.to_document(operations.decline(
            session, caller(session, authorization), bookingReference,
            body.reason if body else None, now))

    return await in_transaction(request, decline, write=True)
