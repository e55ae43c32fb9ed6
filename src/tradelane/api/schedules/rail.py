"""Point-to-point routes from an inland place of receipt: the block train, then the ship.

When ``placeOfReceipt`` is an inland port with published train departures, each direct sailing
from a sea port those trains serve gets the RAIL leg in front of it: the latest published
departure that reaches the quay by the sailing's vessel cut-off (the same departure a booking
from that place would ride, cut-offs for booking aside).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tradelane.api.schedules.operations import CallView, iso
from tradelane.store.rail import TrainDepartureRow

Routes = Callable[[list[CallView], dict[str, Any]], list[dict[str, Any]]]
_FEEDS = timedelta(days=7)


def inland_routes(session: Session, views: list[CallView], q: dict[str, Any],
                  sea_routes: Routes) -> list[dict[str, Any]] | None:
    """Rail + vessel routes from ``q["placeOfReceipt"]``; ``None`` when no train leaves it."""
    place = q["placeOfReceipt"]
    departures = session.scalars(select(TrainDepartureRow)
                                 .where(TrainDepartureRow.inland_locode == place)).all()
    if not departures:
        return None
    routes = []
    for sea in sorted({d.sea_locode for d in departures}):
        at_sea = {**q, "placeOfReceipt": sea, "departureStartDate": None,
                  "departureEndDate": None}
        for route in sea_routes(views, at_sea):
            etd = datetime.fromisoformat(route["placeOfReceipt"]["dateTime"].replace("Z",
                                                                                     "+00:00"))
            feeding = [d for d in departures if d.sea_locode == sea and etd - _FEEDS
                       < d.at_quay_at + timedelta(hours=d.vessel_cutoff_h) <= etd]
            if not feeding:
                continue
            train = max(feeding, key=lambda d: d.departs_at)
            if _between(train.departs_at.date(), q.get("departureStartDate"),
                        q.get("departureEndDate")):
                routes.append(_with_rail(route, train))
    routes.sort(key=lambda r: r["placeOfReceipt"]["dateTime"])
    for n, route in enumerate(routes, start=1):
        route["solutionNumber"] = n
    return routes


def _with_rail(route: dict[str, Any], train: TrainDepartureRow) -> dict[str, Any]:
    start = {"facilityTypeCode": "INTE", "location": {"UNLocationCode": train.inland_locode},
             "dateTime": iso(train.departs_at)}
    rail = {"sequenceNumber": 1, "transport": {"modeOfTransport": "RAIL"}, "departure": start,
            "arrival": {"facilityTypeCode": "POTE",
                        "location": {"UNLocationCode": train.sea_locode},
                        "dateTime": iso(train.arrives_at)}}
    vessel_legs = [{**leg, "sequenceNumber": leg["sequenceNumber"] + 1} for leg in route["legs"]]
    arrival = datetime.fromisoformat(route["placeOfDelivery"]["dateTime"].replace("Z", "+00:00"))
    days = (arrival - train.departs_at).total_seconds() / 86400
    return {**route, "placeOfReceipt": start, "transitTime": round(days),
            "legs": [rail, *vessel_legs]}


def _between(day: date, start: str | None, end: str | None) -> bool:
    return (start is None or day >= date.fromisoformat(start)) and \
        (end is None or day <= date.fromisoformat(end))
