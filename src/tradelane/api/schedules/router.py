"""Schedules: OVS 3.0 ``/v3/service-schedules`` and Commercial Schedules 1.0 ``/v1/…``.

Public (no API key). Paging: ``limit`` caps the root array; ``Next-Page-Cursor`` carries the
rest, and a request with ``cursor`` uses the filters stored in it.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from tradelane.api.deps import settings_of, transaction
from tradelane.api.errors import ApiError, error_responses
from tradelane.api.schedules import documents as docs
from tradelane.api.schedules.operations import (
    CallView,
    all_calls,
    cursor_query,
    group_by_service,
    in_window,
    page,
)

_PAGED: dict[int | str, dict[str, Any]] = {
    200: {"headers": {"Next-Page-Cursor": {
        "description": "Send it as ``cursor`` to get the next page (present when more remain).",
        "schema": {"type": "string"}}}},
    **error_responses(400)}
router = APIRouter(tags=["Schedules"], responses=_PAGED)
Limit = Annotated[int | None, Query(ge=1, le=1000)]
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


def _query(cursor: str | None, **given: str | date | None) -> dict[str, Any]:
    """The filters of a request: those given (dates as ISO text), or the cursor's."""
    return cursor_query(cursor, {k: v.isoformat() if isinstance(v, date) else v
                                 for k, v in given.items() if v})


def _required(params: dict[str, Any]) -> dict[str, Any]:
    for name, value in params.items():
        if value is None:
            raise ApiError(400, name, None, "is required (unless a cursor is given)")
    return params


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _respond(response: Response, items: list[Any], limit: int | None, cursor: str | None,
             q: dict[str, Any]) -> list[Any]:
    shown, next_cursor, _ = page(items, limit, cursor, q)
    if next_cursor:
        response.headers["Next-Page-Cursor"] = next_cursor
    return shown


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
    startDate: date | None = None, endDate: date | None = None,
    limit: Limit = None, cursor: Cursor = None,
) -> list[dict[str, Any]]:
    """Operational vessel schedules per service (OVS 3.0)."""
    q = _query(cursor, carrierServiceName=carrierServiceName,
               carrierServiceCode=carrierServiceCode, vesselIMONumber=vesselIMONumber,
               vesselName=vesselName, carrierVoyageNumber=carrierVoyageNumber,
               UNLocationCode=UNLocationCode, startDate=startDate, endDate=endDate)
    return _respond(response, _schedules(request, q, ovs=True), limit, cursor, q)


@router.get("/v1/vessel-schedules", tags=["Commercial Schedules 1.0"])
def vessel_schedules(
    request: Request, response: Response,
    vesselIMONumber: Annotated[str | None, Query(pattern=r"^\d{7,8}$")] = None,
    vesselName: Annotated[str | None, Query(max_length=50)] = None,
    carrierServiceCode: Annotated[str | None, Query(max_length=11)] = None,
    carrierVoyageNumber: Annotated[str | None, Query(max_length=50)] = None,
    UNLocationCode: Annotated[str | None, Query(pattern=LOCODE)] = None,
    startDate: date | None = None, endDate: date | None = None,
    limit: Limit = None, cursor: Cursor = None,
) -> list[dict[str, Any]]:
    """Vessel schedules per service (Commercial Schedules 1.0)."""
    q = _query(cursor, vesselIMONumber=vesselIMONumber, vesselName=vesselName,
               carrierServiceCode=carrierServiceCode, carrierVoyageNumber=carrierVoyageNumber,
               UNLocationCode=UNLocationCode, startDate=startDate, endDate=endDate)
    return _respond(response, _schedules(request, q, ovs=False), limit, cursor, q)


@router.get("/v1/port-schedules", tags=["Commercial Schedules 1.0"])
def port_schedules(
    request: Request, response: Response,
    UNLocationCode: Annotated[str | None, Query(pattern=LOCODE)] = None,
    date_: Annotated[date | None, Query(alias="date")] = None,
    limit: Limit = None, cursor: Cursor = None,
) -> list[dict[str, Any]]:
    """Calls at one port from ``date`` on (Commercial Schedules 1.0)."""
    given = {"UNLocationCode": UNLocationCode, "date": date_ and date_.isoformat()}
    q = cursor_query(cursor, given if cursor else _required(given))
    q = {"UNLocationCode": q["UNLocationCode"], "startDate": q.get("startDate", q.get("date"))}
    with transaction(request, write=False) as session:
        calls = _filtered(all_calls(session), q)
        calls.sort(key=lambda v: v.call.eta)
        items = [docs.port_schedule(q["UNLocationCode"], calls)] if calls else []
    return _respond(response, items, limit, cursor, q)


@router.get("/v1/point-to-point-routes", tags=["Commercial Schedules 1.0"])
def point_to_point_routes(
    request: Request, response: Response,
    placeOfReceipt: Annotated[str | None, Query(pattern=LOCODE)] = None,
    placeOfDelivery: Annotated[str | None, Query(pattern=LOCODE)] = None,
    departureStartDate: date | None = None, departureEndDate: date | None = None,
    arrivalStartDate: date | None = None, arrivalEndDate: date | None = None,
    maxTranshipment: Annotated[int | None, Query(ge=0)] = None,
    limit: Limit = None, cursor: Cursor = None,
) -> list[dict[str, Any]]:
    """Direct sailings from ``placeOfReceipt`` to ``placeOfDelivery`` (no transhipment)."""
    if not cursor:
        _required({"placeOfReceipt": placeOfReceipt, "placeOfDelivery": placeOfDelivery})
    q = _query(cursor, placeOfReceipt=placeOfReceipt, placeOfDelivery=placeOfDelivery,
               departureStartDate=departureStartDate, departureEndDate=departureEndDate,
               arrivalStartDate=arrivalStartDate, arrivalEndDate=arrivalEndDate)
    with transaction(request, write=False) as session:
        routes = _routes(all_calls(session), q)
    return _respond(response, routes, limit, cursor, q)


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
