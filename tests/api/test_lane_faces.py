"""One lane calendar: every face names the same ship, voyage and times for the same call.

Two consecutive ``publish`` windows of 13 weeks (26 weeks of sailings) are compared with the
calendar built from the case: the published calls (OVS 3.0 over HTTP), the schedule file of
``tradelane plan --schedule-csv``, the map's ship positions (``/api/route?at=…``) and the lane's
call in the berth week. Then ``publish --weeks 1`` alone must already sell Qingdao → Savannah.
"""

from __future__ import annotations

import csv
import itertools
import os
import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from apikit import CASE, Server, add_party, booking
from sqlalchemy import select

from tradelane.app.planning import PlanRequest, calendar_of, choose_option, plan_case
from tradelane.app.resources import Resources
from tradelane.cli import main
from tradelane.domain.schedule import ScheduledCall
from tradelane.io.case_toml import read_case
from tradelane.planning.berth_week import lane_week_instance
from tradelane.schedule.calendar import LaneCalendar
from tradelane.store.db import open_database
from tradelane.store.models import Call, VesselRow

FIRST = datetime(2030, 1, 7, tzinfo=UTC)
SECOND = FIRST + timedelta(weeks=13)


def _iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.fixture(scope="module")
def lane(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, LaneCalendar]]:
    tmp = tmp_path_factory.mktemp("lane")
    db_url = f"sqlite:///{tmp / 'lane.sqlite3'}"
    for start in (FIRST, SECOND):
        assert main(["publish", str(CASE), "--weeks", "13", "--db", db_url,
                     "--start", start.isoformat()]) == 0
    plan = plan_case(PlanRequest(read_case(CASE)), Resources.for_process())
    server = Server(db_url, {"acme": add_party(db_url, "Acme", "shipper")}, "--case", str(CASE))
    yield server, calendar_of(plan, choose_option(plan))
    server.stop()


def _published(client: httpx.Client) -> list[dict[str, Any]]:
    doc = client.get("/v3/service-schedules", params={"carrierServiceCode": "SUE"}).json()
    return [call | {"vessel": v["vesselName"]}
            for v in doc[0]["vesselSchedules"] for call in v["transportCalls"]]


def _expected(calendar: LaneCalendar, vessel: str, sequence: int) -> ScheduledCall:
    return calendar.call(calendar.names.index(vessel) + 1, sequence)


def test_published_calls_are_the_calendar_calls(lane: tuple[Server, LaneCalendar]) -> None:
    server, calendar = lane
    with server.client() as c:
        calls = _published(c)
    expected = [s for s in calendar.sailings_departing(FIRST, SECOND + timedelta(weeks=13))]
    assert len(expected) == 52  # one eastbound and one westbound sailing a week
    wanted = {(s.vessel_name, c.sequence) for s in expected for c in s.calls}
    assert {(c["vessel"], int(c["transportCallReference"].rsplit("-", 1)[1]))
            for c in calls} == wanted
    for call in calls:
        sequence = int(call["transportCallReference"].rsplit("-", 1)[1])
        cal = _expected(calendar, call["vessel"], sequence)
        times = {t["eventTypeCode"]: _iso(t["eventDateTime"]) for t in call["timestamps"]}
        assert (call["location"]["UNLocationCode"], times["ARRI"], times["DEPA"]) == (
            cal.locode, cal.eta, cal.etd)
        assert (call["carrierImportVoyageNumber"], call["carrierExportVoyageNumber"]) == (
            cal.import_voyage, cal.export_voyage)


def test_schedule_file_rows_match_the_published_calls(
        lane: tuple[Server, LaneCalendar], tmp_path: Path) -> None:
    server, calendar = lane
    path = tmp_path / "schedule.csv"
    assert main(["plan", str(CASE), "--schedule-csv", str(path), "--weeks", "26",
                 "--schedule-from", FIRST.isoformat()]) == 0
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert rows and all(FIRST <= _iso(r["eta"]) < SECOND + timedelta(weeks=13) for r in rows)
    with server.client() as c:
        published = {(p["vessel"], int(p["transportCallReference"].rsplit("-", 1)[1])): p
                     for p in _published(c)}
    in_window = {key for key, p in published.items()
                 if _iso(p["timestamps"][0]["eventDateTime"]) < SECOND + timedelta(weeks=13)}
    assert len(in_window) > 150
    assert in_window <= {(r["vessel_name"], int(r["sequence"])) for r in rows}
    for row in rows:
        key = (row["vessel_name"], int(row["sequence"]))
        cal = _expected(calendar, *key)
        assert (row["locode"], _iso(row["eta"]), _iso(row["etd"]), row["import_voyage"],
                row["export_voyage"]) == (cal.locode, cal.eta, cal.etd, cal.import_voyage,
                                          cal.export_voyage)
        if key in published:
            assert (published[key]["carrierImportVoyageNumber"],
                    published[key]["carrierExportVoyageNumber"]) == (row["import_voyage"],
                                                                    row["export_voyage"])


def test_map_positions_agree_with_the_published_calls(lane: tuple[Server, LaneCalendar]
                                                      ) -> None:
    server, calendar = lane
    with server.client() as c:
        calls = _published(c)
        for call in calls[::3]:
            arrival = {t["eventTypeCode"]: t["eventDateTime"] for t in call["timestamps"]}
            at = _iso(arrival["ARRI"]) + timedelta(minutes=30)
            ships = c.get("/api/route", params={"at": at.isoformat()}).json()["ships"]
            ship = next(s for s in ships if s["name"] == call["vessel"])
            sequence = int(call["transportCallReference"].rsplit("-", 1)[1])
            cal = _expected(calendar, call["vessel"], sequence)
            assert (ship["state"], ship["where"], ship["voyage"]) == (
                "in port", cal.locode, cal.export_voyage)


def test_berth_weeks_hold_the_calendar_call_for_its_scheduled_stay(
        lane: tuple[Server, LaneCalendar]) -> None:
    server, calendar = lane
    plan = plan_case(PlanRequest(read_case(CASE)), Resources.for_process())
    for week in range(26):
        monday = FIRST + timedelta(weeks=week)
        weekly = lane_week_instance(plan, "CNTAO", monday)
        [cal] = [c for c in calendar.calls_between(monday, monday + timedelta(weeks=1))
                 if c.locode == "CNTAO"]
        inst = weekly.instance
        assert inst.ship_names[weekly.lane_ship] == (
            f"{cal.vessel_name} {cal.import_voyage}/{cal.export_voyage}")
        assert inst.arrival_h[weekly.lane_ship] == int((cal.eta - monday).total_seconds() // 3600)
        stay_h = (cal.etd - cal.eta).total_seconds() / 3600
        assert {h for h in inst.handling_h[weekly.lane_ship] if h is not None} == {
            round(stay_h)}
    with server.client() as c:
        doc = c.get("/api/berth-plan", params={"week": FIRST.date().isoformat(),
                                               "port": "CNTAO"}).json()
    [lane_row] = [a for a in doc["assignments"] if a["lane"]]
    [cal] = [c for c in calendar.calls_between(FIRST, FIRST + timedelta(weeks=1))
             if c.locode == "CNTAO"]
    assert lane_row["ship"].startswith(cal.vessel_name) and _iso(lane_row["arrival"]) == cal.eta


def test_no_ship_calls_sooner_than_it_can_sail(lane: tuple[Server, LaneCalendar]) -> None:
    server, calendar = lane
    case = read_case(CASE)
    plan = plan_case(PlanRequest(case), Resources.for_process())
    legs = {(leg.origin, leg.destination): leg for leg in choose_option(plan).legs}
    sessions = open_database(server.db_url, pool_size=1)
    by_ship: dict[str, list[Call]] = defaultdict(list)
    with sessions() as session:
        for call, name in session.execute(select(Call, VesselRow.name).join(
                VesselRow, Call.vessel_id == VesselRow.id).order_by(Call.eta)):
            by_ship[name].append(call)
    assert len(by_ship) == 12
    for calls in by_ship.values():
        assert len({c.sequence for c in calls}) == len(calls)
        for a, b in itertools.pairwise(calls):
            if b.sequence != a.sequence + 1:
                assert b.eta - a.etd > timedelta(days=1)  # a gap between windows
                continue
            leg = legs[(a.locode, b.locode)]
            fastest_h = leg.distance_nm / case.vessel_class.max_speed_kn + leg.canal_transit_h
            assert (b.eta - a.etd) >= timedelta(hours=fastest_h)
        same_port = defaultdict(list)
        for c in calls:
            same_port[c.locode].append(c.eta)
        for etas in same_port.values():
            assert all(y - x >= timedelta(days=calendar.proforma.round_trip_days) - timedelta(
                minutes=1) for x, y in itertools.pairwise(etas))


def test_an_overlapping_window_is_refused_naming_the_voyage(
        lane: tuple[Server, LaneCalendar], capsys: pytest.CaptureFixture[str]) -> None:
    server, _ = lane
    before = _count_calls(server.db_url)
    assert main(["publish", str(CASE), "--weeks", "2", "--db", server.db_url,
                 "--start", (SECOND + timedelta(weeks=12)).isoformat()]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --start = ") and "overlaps" in err
    assert re.search(r"voyage \d{3}[EW] of SUE \d\d is already published", err)
    assert _count_calls(server.db_url) == before


def _count_calls(db_url: str) -> int:
    with open_database(db_url, pool_size=1)() as session:
        return len(session.scalars(select(Call.id)).all())


def test_one_week_sells_asia_to_the_us(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    now = "2030-01-02T12:00:00Z"  # a Wednesday: the window is the next Monday's week
    monkeypatch.setenv("TRADELANE_NOW", now)
    db_url = f"sqlite:///{tmp_path / 'week.sqlite3'}"
    assert main(["publish", str(CASE), "--weeks", "1", "--db", db_url]) == 0
    server = Server(db_url, {"acme": add_party(db_url, "Acme", "shipper"),
                             "carrier": add_party(db_url, "Lines", "carrier")})
    try:
        with server.client("acme") as c, server.client("carrier") as carrier:
            routes = c.get("/v1/point-to-point-routes",
                           params={"placeOfReceipt": "CNTAO", "placeOfDelivery": "USSAV"}).json()
            assert len(routes) == 1
            voyage = routes[0]["legs"][0]["transport"]["servicePartners"][0][
                "carrierExportVoyageNumber"]
            assert voyage.endswith("E") and routes[0]["transitTime"] > 30
            r = c.post("/v2/bookings", json=booking(voyage, pod="USSAV"))
            assert r.status_code == 202, r.text
            reference = r.json()["carrierBookingRequestReference"]
            assert c.get(f"/v2/bookings/{reference}").json()["bookingStatus"] == "RECEIVED"
            for pod in ("USCHS", "USILM"):
                assert len(c.get("/v1/point-to-point-routes", params={
                    "placeOfReceipt": "KRPUS", "placeOfDelivery": pod}).json()) == 1
            # eastbound cargo for Charleston sails under the eastbound number to Charleston
            r = c.post("/v2/bookings", json=booking(voyage, pod="USCHS", units=3))
            reference = r.json()["carrierBookingRequestReference"]
            assert carrier.post(f"/v2/bookings/{reference}/confirm").status_code == 200
            sailings = carrier.get("/api/utilisation").json()["sailings"]
            east = next(s for s in sailings if s["voyage"] == voyage)
            legs = {(leg["from"], leg["to"]): leg["teu"] for leg in east["legs"]}
            assert legs[("USSAV", "USCHS")] == 3 and legs[("KRPUS", "USSAV")] == 3
            assert legs[("USCHS", "USILM")] == 0
            west = [s for s in sailings if s["voyage"].endswith("W")]
            assert all(leg["teu"] == 0 for s in west for leg in s["legs"])
    finally:
        server.stop()
    assert os.environ["TRADELANE_NOW"] == now
