"""``/v2/events`` and ``/v2/event-subscriptions`` (DCSA Track & Trace 2.2), and the carrier's
actuals ``POST /api/voyages/{service}/{voyage}/calls/{locode}/actuals`` (tradelane).

Each endpoint hands one operation to ``in_transaction`` and answers with what it returns.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar, cast

from fastapi import APIRouter, Body, Path, Query, Request, Response
from sqlalchemy.orm import Session

from tradelane.api.deps import Credentials, caller, in_transaction, settings_of
from tradelane.api.errors import ApiError, error_responses
from tradelane.api.events import examples
from tradelane.api.events import subscriptions as subs
from tradelane.api.events.query import event_filter, parse_query
from tradelane.api.events.schemas import (
    ActualBody,
    ChangedSubscription,
    NewSecret,
    NewSubscription,
    RecordedOut,
    Subscription,
)
from tradelane.api.events.status import status_document
from tradelane.api.paging import MAX_LIMIT, PageState, cursors_of
from tradelane.app.resources import Resources
from tradelane.app.voyage_status import service_status
from tradelane.app.voyages import ActualRequest, LanePlan, lane_plan, record_actual
from tradelane.store import booking_events, events

T = TypeVar("T")
router = APIRouter(tags=["Track & Trace 2.2"])
API_VERSION = "2.2.0"
_EVENT_SCHEMA = {"type": "object", "required": ["eventID", "eventType", "eventClassifierCode",
                                                "eventDateTime", "eventCreatedDateTime"]}
_PAGED: dict[int | str, dict[str, Any]] = {200: {
    "content": {"application/json": {"schema": {"type": "array", "items": _EVENT_SCHEMA}}},
    "headers": {"Next-Page-Cursor": {
        "description": "Send it as ``cursor`` to get the next page (present when more remain).",
        "schema": {"type": "string"}}}}}
SubscriptionID = Annotated[str, Path(max_length=36, description="The subscription's ID.")]
CSV = Annotated[str | None, Query(description="Values separated by commas (OR).")]
Text = Annotated[str | None, Query(max_length=100)]


@router.get("/v2/events", response_model=None, responses={**_PAGED, **error_responses(400, 401)})
async def list_events_route(
    request: Request, response: Response, authorization: Credentials = None,
    eventType: CSV = None, shipmentEventTypeCode: CSV = None, documentTypeCode: CSV = None,
    carrierBookingReference: Text = None, transportDocumentReference: Text = None,
    transportEventTypeCode: CSV = None, transportCallID: Text = None,
    vesselIMONumber: Text = None, exportVoyageNumber: Text = None,
    carrierVoyageNumber: Text = None, carrierServiceCode: Text = None,
    UNLocationCode: Text = None, equipmentEventTypeCode: CSV = None,
    equipmentReference: Text = None,
    eventCreatedDateTime: Annotated[str | None, Query(
        max_length=40, description="ISO 8601; also eventCreatedDateTime:gte, :gt, :lte, :lt, "
                                   ":eq")] = None,
    sort: Annotated[str | None, Query(max_length=40, description=(
        "eventCreatedDateTime or eventDateTime, with :ASC (default) or :DESC"))] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
) -> list[dict[str, Any]]:
    """The events the caller may see (the carrier: all; a shipper: those of its bookings and
    of the calls they sail from and to), filtered as the spec says, oldest first."""
    now = settings_of(request).clock()
    path = request.url.path
    if cursor:
        state = cursors_of(request).read(path, cursor, now)
    else:
        query, order = parse_query(request.query_params)
        state = PageState(0, limit, {"f": query, "o": list(order)})
    filters = event_filter(state.query["f"])
    order_by = (str(state.query["o"][0]), bool(state.query["o"][1]))

    def read(session: Session, first: bool) -> tuple[list[dict[str, Any]], bool] | None:
        party = caller(session, authorization)
        if first and booking_events.pending(session):
            return None
        return events.list_events(session, party.id, party.role, filters, state.position,
                                  state.limit, order_by)

    docs, more = await _read_materialised(request, read)
    response.headers["API-Version"] = API_VERSION
    if more:
        response.headers["Next-Page-Cursor"] = cursors_of(request).sign(
            path, PageState(state.position + state.limit, state.limit, state.query), now)
    return docs


async def _read_materialised(request: Request,
                             read: Callable[[Session, bool], T | None]) -> T:
    """``read`` after the events of the booking status changes committed before it are
    written: on its first call ``read`` answers ``None`` if some are pending; they are then
    written (waiting for a delivery worker that is writing them) and ``read`` runs again."""
    answer = await in_transaction(request, lambda s: read(s, True), write=False)
    if answer is None:
        await in_transaction(request, booking_events.materialise, write=True)
        answer = await in_transaction(request, lambda s: read(s, False), write=False)
    return cast(T, answer)  # read(s, False) always answers


@router.get("/v2/events/{eventID}", response_model=None,
            responses={200: {"content": {"application/json": {"schema": _EVENT_SCHEMA}}},
                       **error_responses(400, 401, 404)})
async def get_event_route(request: Request, response: Response,
                          eventID: Annotated[str, Path(max_length=36)],
                          authorization: Credentials = None) -> dict[str, Any]:
    """One event, if the caller may see it (404 otherwise)."""
    def read(session: Session, first: bool) -> tuple[dict[str, Any] | None] | None:
        party = caller(session, authorization)
        if first and booking_events.pending(session):
            return None
        return (events.find_event(session, party.id, party.role, eventID),)

    (doc,) = await _read_materialised(request, read)
    if doc is None:
        raise ApiError(404, "eventID", eventID, "is not an event you may see")
    response.headers["API-Version"] = API_VERSION
    return doc


@router.post("/v2/event-subscriptions", status_code=201, response_model=Subscription,
             response_model_exclude_none=True, responses=error_responses(400, 401, 413))
async def create_subscription(request: Request,
                              body: Annotated[NewSubscription, Body(
                                  openapi_examples=examples.SUBSCRIBE)],
                              authorization: Credentials = None) -> dict[str, Any]:
    """Subscribe: matching events the caller may see are POSTed to ``callbackUrl`` with a
    ``Notification-Signature`` (HMAC-SHA256 of the body, keyed with the secret's bytes)."""
    settings = settings_of(request)

    def create(session: Session) -> dict[str, Any]:
        return subs.create(session, caller(session, authorization), body, settings.clock(),
                           **subs.callback_rules(request))

    return await in_transaction(request, create, write=True)


@router.get("/v2/event-subscriptions", response_model=list[Subscription],
            response_model_exclude_none=True,
            responses={200: {"headers": _PAGED[200]["headers"]}, **error_responses(400, 401)})
async def list_subscriptions(
    request: Request, response: Response, authorization: Credentials = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
) -> list[dict[str, Any]]:
    """The caller's subscriptions, oldest first."""
    now = settings_of(request).clock()
    path = request.url.path
    for name in request.query_params:
        if name not in ("limit", "cursor"):
            raise ApiError(400, name, request.query_params[name][:40], "is not a query "
                           "parameter of GET /v2/event-subscriptions (limit, cursor)")
    state = cursors_of(request).read(path, cursor, now) if cursor else PageState(0, limit, {})

    def read(session: Session) -> tuple[list[dict[str, Any]], bool]:
        return subs.page(session, caller(session, authorization), state.position, state.limit)

    items, more = await in_transaction(request, read, write=False)
    if more:
        response.headers["Next-Page-Cursor"] = cursors_of(request).sign(
            path, PageState(state.position + state.limit, state.limit, {}), now)
    return items


@router.get("/v2/event-subscriptions/{subscriptionID}", response_model=Subscription,
            response_model_exclude_none=True, responses=error_responses(400, 401, 404))
async def get_subscription(request: Request, subscriptionID: SubscriptionID,
                           authorization: Credentials = None) -> dict[str, Any]:
    """One of the caller's subscriptions."""
    def read(session: Session) -> dict[str, Any]:
        return subs.document(subs.owned(session, caller(session, authorization), subscriptionID))

    return await in_transaction(request, read, write=False)


@router.put("/v2/event-subscriptions/{subscriptionID}", response_model=Subscription,
            response_model_exclude_none=True, responses=error_responses(400, 401, 404, 413))
async def change_subscription(request: Request, subscriptionID: SubscriptionID,
                              body: Annotated[ChangedSubscription, Body(
                                  openapi_examples=examples.CHANGE)],
                              authorization: Credentials = None) -> dict[str, Any]:
    """Replace the callback and filters (not the secret); re-activates a SUSPENDED one."""
    settings = settings_of(request)

    def change(session: Session) -> dict[str, Any]:
        return subs.change(session, caller(session, authorization), subscriptionID, body,
                           settings.clock(), **subs.callback_rules(request))

    return await in_transaction(request, change, write=True)


@router.put("/v2/event-subscriptions/{subscriptionID}/secret", status_code=204,
            response_class=Response, responses=error_responses(400, 401, 404, 413))
async def change_secret(request: Request, subscriptionID: SubscriptionID,
                        body: Annotated[NewSecret, Body(openapi_examples=examples.SECRET)],
                        authorization: Credentials = None) -> Response:
    """A new shared secret (base64)."""
    settings = settings_of(request)

    def change(session: Session) -> None:
        subs.change_secret(session, caller(session, authorization), subscriptionID,
                           body.secret, settings.clock())

    await in_transaction(request, change, write=True)
    return Response(status_code=204)


@router.delete("/v2/event-subscriptions/{subscriptionID}", status_code=204,
               response_class=Response, responses=error_responses(400, 401, 404))
async def delete_subscription(request: Request, subscriptionID: SubscriptionID,
                              authorization: Credentials = None) -> Response:
    """Stop the subscription (what is still queued for it is dropped)."""
    def remove(session: Session) -> None:
        subs.remove(session, caller(session, authorization), subscriptionID)

    await in_transaction(request, remove, write=True)
    return Response(status_code=204)


@router.get("/api/voyages/status", tags=["tradelane extensions"],
            responses=error_responses(400, 401, 403))
async def voyage_status_route(request: Request, authorization: Credentials = None,
                              service: Annotated[str | None, Query(max_length=11)] = None
                              ) -> dict[str, Any]:
    """Carrier only: every ship of ``service`` (default: the server's case's) with each call's
    planned and best-known arrival and departure (ACT recorded, EST estimated, else PLN),
    the delay per call, and the sailings at risk (``tradelane voyage status``)."""
    settings = settings_of(request)
    code = service or request.app.state.planner.case.service.code

    def read(session: Session) -> dict[str, Any]:
        party = caller(session, authorization)
        if party.role != "carrier":
            raise ApiError(403, "Authorization", party.name, "only the carrier sees the "
                           "fleet's recorded and estimated times")
        return status_document(service_status(session, code, settings.clock(),
                                               settings.event_delay_threshold_h))

    return await in_transaction(request, read, write=False)


@router.post("/api/voyages/{service}/{voyage}/calls/{locode}/actuals", status_code=201,
             response_model=RecordedOut, tags=["tradelane extensions"],
             responses=error_responses(400, 401, 403, 413))
async def record_actual_route(request: Request,
                              body: Annotated[ActualBody, Body(
                                  openapi_examples=examples.ACTUAL)],
                              service: Annotated[str, Path(max_length=11)],
                              voyage: Annotated[str, Path(max_length=50)],
                              locode: Annotated[str, Path(max_length=5)],
                              authorization: Credentials = None) -> dict[str, Any]:
    """Carrier only: record an actual arrival or departure; the ship's later calls are
    re-estimated (EST events) and bookings whose POD arrival moved by more than
    ``TRADELANE_EVENT_DELAY_THRESHOLD_H`` are notified."""
    settings = settings_of(request)
    case = request.app.state.planner.case
    if service != case.service.code:
        raise ApiError(400, "service", service, f"is not the service of this server's case "
                       f"({case.service.code})")
    actual = ActualRequest(service, voyage, locode, body.transportEventTypeCode,
                           body.eventDateTime, body.delayReasonCode, body.changeRemark)

    def plan(session: Session) -> LanePlan:  # outside the write transaction: it plans
        party = caller(session, authorization)
        if party.role != "carrier":
            raise ApiError(403, "Authorization", party.name, "only the carrier records "
                           "actual arrivals and departures")
        return lane_plan(case, session, Resources.for_process())

    lane = await in_transaction(request, plan, write=False)

    def record(session: Session) -> dict[str, Any]:
        caller(session, authorization)
        done = record_actual(actual, session, lane, settings.clock(),
                             settings.event_delay_threshold_h)
        return subs.recorded_document(done)

    return await in_transaction(request, record, write=True)
