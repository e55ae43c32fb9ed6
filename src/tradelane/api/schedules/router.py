"""Schedules: OVS 3.0 ``/v3/service-schedules`` and Commercial Schedules 1.0 ``/v1/…``.

Public (no API key). Paging: ``limit`` caps the root array; ``Next-Page-Cursor`` carries the
rest, and a request with ``cursor`` uses the filters stored in it.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from tradelane.api.deps import EARLIEST, LATEST, Day, settings_of, transaction
from tradelane.api.errors import ApiError, error_responses
from tradelane.api.paging import MAX_LIMIT, PageState, cursors_of
from tradelane.api.schedules import documents as docs
from tradelane.api.schedules.operations import (
    CallView,
    all_calls,
    group_by_service,
    in_window,
)
from tradelane.api.schedules.rail import inland_routes

_PAGED: dict[int | str, dict[str, Any]] = {
    200: {"headers": {"Next-Page-Cursor": {
        "description": "Send it as ``cursor`` to get the next page (present when more remain).",
        "schema": {"type": "string"}}}},
    **error_responses(400)}
router = APIRouter(tags=["Schedules"], responses=_PAGED)
Limit = Annotated[int | None, Query(ge=1, le=MAX_LIMIT)]
Cursor = Annotated[str | None, Query(max_length=1024)]
LOCODE = r"^[A-Z]{2}[A-Z2-9]{3}$"


def _filtered(views: list[CallView], q: dict[str, Any]) -> list[CallView]:
    def keep(v: CallView) -> bool:
        checks = {
            "carrierServiceName": v.service.name, "carrierServiceCode": v.service.code,
            "vesselIMONumber": v.vessel.imo_number, "vesselName": v.vessel.name,
            "UNLocationCode": v.call.locode}
        if any(q.get(k) not in (None, value) for k, value in checks.items()):
            return False
        number = q.get("carrierVoyageNumber")
        if number and number not in (v.export_voyage, v.import_voyage):
            return False
        return in_window(v, _date(q.get("startDate")), _date(q.get("endDate")))
    return [v for v in views if keep(v)]


def _query(request: Request, cursor: str | None, limit: int | None,
           **given: str | date | None) -> PageState:
    """Where the page starts and the filters in force: the cursor's (checked by its
    signature), else those given (dates as ISO text) from the first item."""
    if cursor:
        return cursors_of(request).read(request.url.path, cursor, settings_of(request).clock())
    return PageState(0, limit or 0, {k: v.isoformat() if isinstance(v, date) else v
                                     for k, v in given.items() if v})


def _required(params: dict[str, Any]) -> dict[str, Any]:
    for name, value in params.items():
        if value is None:
            raise ApiError(400, name, None, "is required (unless a cursor is given)")
    return params


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _respond(request: Request, response: Response, items: list[Any], state: PageState
             ) -> list[Any]:
    """The page of ``items`` that ``state`` asks for, and the signed cursor of the next."""
    if not state.limit:
        return items[state.position:]
    end = state.position + state.limit
    if end < len(items):
        response.headers["Next-Page-Cursor"] = cursors_of(request).sign(
            request.url.path, PageState(end, state.limit, state.query),
            settings_of(request).clock())
    return items[state.position:end]


def _schedules(request: Request, q: dict[str, Any], ovs: bool) -> list[dict[str, Any]]:
    with transaction(request, write=False) as session:
        grouped = group_by_service(_filtered(all_calls(session), q))
        code_of = settings_of(request).carrier_smdg_code
        out = []
        for code, vessels in grouped.items():
            name = next(iter(vessels.values()))[0].service.name
            out.append(docs.ovs_service_schedule(code, name, vessels, code_of) if ovs
                       else docs.cs_service_schedule(code, name, vessels))
        return out


@router.get("/v3/service-schedules", tags=["OVS 3.0"])
def service_schedules(
    request: Request, response: Response,
    carrierServiceName: Annotated[str | None, Query(max_length=50)] = None,
    carrierServiceCode: Annotated[str | None, Query(max_length=11)] = None,
    vesselIMONumber: Annotated[str | None, Query(pattern=r"^\d{7}$")] = None,
    vesselName: Annotated[str | None, Query(max_length=35)] = None,
    carrierVoyageNumber: Annotated[str | None, Query(max_length=50)] = None,
    UNLocationCode: Annotated[str | None, Query(pattern=LOCODE)] = None,
    startDate: Day = None, endDate: Day = None,
    limit: Limit = None, cursor: Cursor = None,
) -> list[dict[str, Any]]:
    """Operational vessel schedules per service (OVS 3.0)."""
    state = _query(request, cursor, limit, carrierServiceName=carrierServiceName,
               carrierServiceCode=carrierServiceCode, vesselIMONumber=vesselIMONumber,
               vesselName=vesselName, carrierVoyageNumber=carrierVoyageNumber,
               UNLocationCode=UNLocationCode, startDate=startDate, endDate=endDate)
    return _respond(request, response, _schedules(request, state.query, ovs=True), state)


@router.get("/v1/vessel-schedules", tags=["Commercial Schedules 1.0"])
def vessel_schedules(
    request: Request, response: Response,
    vesselIMONumber: Annotated[str | None, Query(pattern=r"^\d{7,8}$")] = None,
    vesselName: Annotated[str | None, Query(max_length=50)] = None,
    carrierServiceCode: Annotated[str | None, Query(max_length=11)] = None,
    carrierVoyageNumber: Annotated[str | None, Query(max_length=50)] = None,
    UNLocationCode: Annotated[str | None, Query(pattern=LOCODE)] = None,
    startDate: Day = None, endDate: Day = None,
    limit: Limit = None, cursor: Cursor = None,
) -> list[dict[str, Any]]:
    """Vessel schedules per service (Commercial Schedules 1.0)."""
    state = _query(request, cursor, limit, vesselIMONumber=vesselIMONumber, vesselName=vesselName,
               carrierServiceCode=carrierServiceCode, carrierVoyageNumber=carrierVoyageNumber,
               UNLocationCode=UNLocationCode, startDate=startDate, endDate=endDate)
    return _respond(request, response, _schedules(request, state.query, ovs=False), state)


@router.get("/v1/port-schedules", tags=["Commercial Schedules 1.0"])
def port_schedules(
    request: Request, response: Response,
    UNLocationCode: Annotated[str | None, Query(pattern=LOCODE)] = None,
    date_: Annotated[date | None, Query(alias="date", ge=EARLIEST, le=LATEST)] = None,
    limit: Limit = None, cursor: Cursor = None,
) -> list[dict[str, Any]]:
    """Calls at one port from ``date`` on (Commercial Schedules 1.0)."""
    if not cursor:
        _required({"UNLocationCode": UNLocationCode, "date": date_})
    state = _query(request, cursor, limit, UNLocationCode=UNLocationCode, startDate=date_)
    q = state.query
    with transaction(request, write=False) as session:
        calls = _filtered(all_calls(session), q)
        calls.sort(key=lambda v: v.call.eta)
        items = [docs.port_schedule(q["UNLocationCode"], calls)] if calls else []
    return _respond(request, response, items, state)


@router.get("/v1/point-to-point-routes", tags=["Commercial Schedules 1.0"])
def point_to_point_routes(
    request: Request, response: Response,
    placeOfReceipt: Annotated[str | None, Query(pattern=LOCODE)] = None,
    placeOfDelivery: Annotated[str | None, Query(pattern=LOCODE)] = None,
    departureStartDate: Day = None, departureEndDate: Day = None,
    arrivalStartDate: Day = None, arrivalEndDate: Day = None,
    maxTranshipment: Annotated[int | None, Query(ge=0)] = None,
    limit: Limit = None, cursor: Cursor = None,
) -> list[dict[str, Any]]:
    """Direct sailings from ``placeOfReceipt`` to ``placeOfDelivery`` (no transhipment)."""
    if not cursor:
        _required({"placeOfReceipt": placeOfReceipt, "placeOfDelivery": placeOfDelivery})
    state = _query(request, cursor, limit, placeOfReceipt=placeOfReceipt,
                   placeOfDelivery=placeOfDelivery, departureStartDate=departureStartDate,
                   departureEndDate=departureEndDate, arrivalStartDate=arrivalStartDate,
                   arrivalEndDate=arrivalEndDate)
    with transaction(request, write=False) as session:
        views = all_calls(session)
        routes = inland_routes(session, views, state.query, _routes)
        if routes is None:
            routes = _routes(views, state.query)
    return _respond(request, response, routes, state)


def _routes(views: list[CallView], q: dict[str, Any]) -> list[dict[str, Any]]:
    """Direct routes: the POL loads under its export voyage, the POD is a later call of the
    same voyage (up to the end of the voyage's discharge ports)."""
    routes: list[dict[str, Any]] = []
    for i, pol in enumerate(views):
        voyage_id = pol.call.voyage_id
        if voyage_id is None or pol.call.locode != q["placeOfReceipt"] or not _between(
                pol.call.etd.date(), q.get("departureStartDate"), q.get("departureEndDate")):
            continue
        for j in range(i + 1, len(views)):
            pod = views[j]
            if pod.call.vessel_id != pol.call.vessel_id or voyage_id not in (
                    pod.call.voyage_id, pod.call.import_voyage_id):
                break
            if pod.call.locode == q["placeOfDelivery"]:
                if _between(pod.call.eta.date(), q.get("arrivalStartDate"),
                            q.get("arrivalEndDate")):
                    routes.append(docs.point_to_point(0, pol, pod, views[i + 1:j]))
                break
    routes.sort(key=lambda r: r["placeOfReceipt"]["dateTime"])
    for n, route in enumerate(routes, start=1):
        route["solutionNumber"] = n
    return routes


def _between(day: date, start: str | None, end: str | None) -> bool:
    return (start is None or day >= date.fromisoformat(start)) and \
        (end is None or day <= date.fromisoformat(end))
