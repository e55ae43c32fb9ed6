"""The public history follows the car to sea: the Track & Trace events of its sailing and
container, planned at first, then the actual once the carrier records it (issue 17, point 4)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session
from vehiclekit import Desk, database, desk_on, vin

from tradelane.app.voyages import ActualRequest, LanePlan, record_actual
from tradelane.store.models import Booking

CONTAINER = "MSKU9070323"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def booked(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[tuple[Desk, str]]:
    """A used EV booked in ``CONTAINER`` on a confirmed booking, loaded, on a published
    sailing CNTAO → USSAV."""
    url = database(request.param, Path(tmp_path_factory.mktemp("track")), "vehicle_track")
    with desk_on(url) as desk:
        v = vin(301)
        desk.register(v, "BEV")
        for step, day, role, extra in (
                ("PURCHASE", 1, "dealer", {}), ("TRANSFER_REGISTRATION", 2, "registrar", {}),
                ("INSPECTION", 3, "inspector", {"inspection": "PASS"}),
                ("DEREGISTRATION", 4, "registrar", {})):
            assert desk.step(v, step, day, role, **extra).status_code == 201
        ref = desk.book(dg=True, container=CONTAINER)
        assert desk.step(v, "EXPORT_BOOKING", 5, "exporter", booking=ref,
                         container=CONTAINER).status_code == 201
        yield desk, v


def _history(desk: Desk, v: str) -> dict[str, Any]:
    r = desk.client.get(f"/api/vehicles/{v}")
    assert r.status_code == 200, r.text
    return dict(r.json())


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_planned_loading_discharge_and_calls_are_shown(booked: tuple[Desk, str]) -> None:
    desk, v = booked
    route = _history(desk, v)["route"]
    assert route["status"] == "CONFIRMED"
    seen = {(e["event_type"], e["code"], e["classifier"], e["locode"]): e
            for e in route["at_sea"]}
    assert set(seen) == {
        ("TRANSPORT", "ARRI", "PLN", "CNTAO"), ("TRANSPORT", "DEPA", "PLN", "CNTAO"),
        ("TRANSPORT", "ARRI", "PLN", "USSAV"), ("TRANSPORT", "DEPA", "PLN", "USSAV"),
        ("EQUIPMENT", "GTIN", "PLN", "CNTAO"), ("EQUIPMENT", "LOAD", "PLN", "CNTAO"),
        ("EQUIPMENT", "DISC", "PLN", "USSAV"), ("EQUIPMENT", "GTOT", "PLN", "USSAV")}
    load = seen[("EQUIPMENT", "LOAD", "PLN", "CNTAO")]
    disc = seen[("EQUIPMENT", "DISC", "PLN", "USSAV")]
    assert load["container"] == disc["container"] == CONTAINER
    # loaded by the POL's departure, discharged from the POD's arrival (the route's times)
    assert _at(load["time"]) == _at(route["pol_departure"])
    assert _at(disc["time"]) == _at(route["pod_arrival"])
    assert load["vessel"] == route["vessel"] and load["voyage"]
    times = [_at(e["time"]) for e in route["at_sea"]]
    assert times == sorted(times)


def test_a_recorded_actual_arrival_is_shown(booked: tuple[Desk, str]) -> None:
    desk, v = booked
    route = _history(desk, v)["route"]
    arri = next(e for e in route["at_sea"] if e["code"] == "ARRI" and e["locode"] == "CNTAO")
    planned = _at(arri["time"])
    actual = planned + timedelta(hours=7)
    engine = create_engine(desk.db_url)
    with Session(engine) as session, session.begin():
        record_actual(ActualRequest(route["service"], arri["voyage"], "CNTAO", "ARRI", actual),
                      session, LanePlan((5000.0,), (0.0,), 22.0), actual + timedelta(hours=1))
    engine.dispose()
    after = _history(desk, v)["route"]["at_sea"]
    acts = [e for e in after if e["classifier"] == "ACT"]
    assert [(e["code"], e["locode"]) for e in acts] == [("ARRI", "CNTAO")]
    assert _at(acts[0]["time"]) == actual


def test_nothing_personal_is_public(booked: tuple[Desk, str]) -> None:
    desk, v = booked
    doc = _history(desk, v)
    text = json.dumps(doc)
    assert doc["route"]["at_sea"]
    engine = create_engine(desk.db_url)
    with Session(engine) as session:
        references = session.execute(select(
            Booking.carrier_booking_request_reference,
            Booking.carrier_booking_reference)).one()
    engine.dispose()
    assert all(references)
    for secret in ("Test exporter", "Test dealer", "Test carrier", *desk.keys.values(),
                   *references, "EXPORT_BOOKING-1", "PURCHASE-1", "party",
                   "documentReferences", "eventID"):
        assert secret not in text, secret
