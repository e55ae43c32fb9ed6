"""The query of ``GET /v2/events``: DCSA filters, comma-separated lists, the
``eventCreatedDateTime:op`` operators and ``sort``, each bad value a 400 naming it."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any, get_args

from starlette.datastructures import QueryParams

from tradelane.api.deps import moment_in_range
from tradelane.api.errors import ApiError
from tradelane.api.events.schemas import (
    DocumentType,
    EquipmentCode,
    EventType,
    ShipmentCode,
    TransportCode,
)
from tradelane.store.event_filters import COMPARISONS, EventFilter

LISTS = {"eventType": EventType, "shipmentEventTypeCode": ShipmentCode,
         "documentTypeCode": DocumentType, "transportEventTypeCode": TransportCode,
         "equipmentEventTypeCode": EquipmentCode}
TEXTS = {"carrierBookingReference": 35, "bookingReference": 35, "transportDocumentID": 100,
         "transportDocumentReference": 20, "scheduleID": 100, "transportCallID": 100,
         "vesselIMONumber": 7, "carrierVoyageNumber": 50, "exportVoyageNumber": 50,
         "carrierServiceCode": 5, "UNLocationCode": 5, "equipmentReference": 15}
PAGING = ("limit", "cursor", "sort")
SORTS = ("eventCreatedDateTime", "eventDateTime")


def parse_query(params: QueryParams) -> tuple[dict[str, Any], tuple[str, bool]]:
    """The filters (JSON-able, to travel in a cursor) and the order: field and descending."""
    query: dict[str, Any] = {}
    for name, value in params.multi_items():
        base, _, op = name.partition(":")
        if name in LISTS:
            allowed = get_args(LISTS[name])
            codes = [c.strip() for c in value.split(",") if c.strip()]
            bad = [c for c in codes if c not in allowed]
            if bad or not codes:
                raise ApiError(400, name, value[:60], f"must be one or more of "
                               f"{', '.join(allowed)}, separated by commas")
            query[name] = sorted(set(query.get(name, [])) | set(codes))
        elif name in TEXTS:
            if not value or len(value) > TEXTS[name]:
                raise ApiError(400, name, value[:60], f"must be 1 to {TEXTS[name]} characters")
            query[name] = value
        elif base == "eventCreatedDateTime" and (op or "eq") in COMPARISONS:
            query.setdefault("created", []).append([op or "eq", _moment(name, value)])
        elif name not in PAGING:
            raise ApiError(400, name, value[:40], "is not a query parameter of GET /v2/events")
    return query, _order(params.get("sort"))


def _moment(name: str, value: str) -> str:
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ApiError(400, name, value[:40], "must be an ISO 8601 date-time, e.g. "
                       "2030-01-07T00:00:00Z") from None
    return moment_in_range(name, moment).isoformat()


def _order(sort: str | None) -> tuple[str, bool]:
    if sort is None:
        return "eventCreatedDateTime", False
    field, _, direction = sort.partition(":")
    if field not in SORTS or direction.upper() not in ("", "ASC", "DESC"):
        raise ApiError(400, "sort", sort[:40], "must be eventCreatedDateTime or eventDateTime, "
                       "optionally with :ASC or :DESC")
    return field, direction.upper() == "DESC"


def event_filter(query: dict[str, Any]) -> EventFilter:
    """The store's filter of a parsed query."""
    body = {k: v for k, v in query.items() if k != "created"}
    if "transportDocumentID" in query:
        body["transportDocumentReference"] = query["transportDocumentID"]
    base = EventFilter.from_body(body)
    created = tuple((op, datetime.fromisoformat(at)) for op, at in query.get("created", []))
    unknown_schedule = "scheduleID" in query  # no schedule IDs are issued: nothing matches
    return EventFilter(**{**asdict(base), "created": created,
                          "transport_document": base.transport_document
                          or ("(schedule)" if unknown_schedule else None)})
