"""Bookings with an inland place of receipt: train + vessel together, never oversold.

The reference case is published with auto-confirm and 1,000 TEU per vessel leg, so the
100-TEU Jinan–Qingdao train is what binds. The server's clock is Saturday 2030-01-05 12:00 UTC;
the first sailing leaves Qingdao on Tuesday 2030-01-08 00:00 (quay cut-off Monday 00:00), so its
last feeding Jinan train (Saturday 12:00, booking cut-off Saturday 00:00) has closed.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from apikit import Server, add_party, booking, database, publish, ref, sailings, validate
from sqlalchemy import create_engine, select

from tradelane.store.models import Call, Leg, Voyage
from tradelane.store.rail import TrainDepartureRow


def _serve(db_url: str) -> Iterator[Server]:
    publish(db_url, "--auto-confirm", "--capacity-teu", "1000")
    server = Server(db_url, {"acme": add_party(db_url, "Acme Batteries", "shipper")})
    yield server
    server.stop()


@pytest.fixture(scope="module")
def rail_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from _serve(database("sqlite", tmp_path_factory.mktemp("rail"), "rail"))


def _by_rail(voyage: str, pre: str = "CNTNA") -> dict[str, Any]:
    body = booking(voyage)
    body["shipmentLocations"].append({"location": {"UNLocationCode": pre},
                                      "locationTypeCode": "PRE"})
    return body


def _used(db_url: str, voyage: str) -> tuple[dict[str, int], int]:
    """TEU used on each Jinan departure, and on the voyage's Qingdao leg."""
    engine = create_engine(db_url)
    with engine.connect() as conn:
        trains = dict(conn.execute(select(TrainDepartureRow.departs_at, TrainDepartureRow.used_teu)
                                   .where(TrainDepartureRow.inland_locode == "CNTNA")).all())
        leg = conn.execute(select(Leg.used_teu).join(Call, Leg.from_call_id == Call.id)
                           .join(Voyage, Call.voyage_id == Voyage.id)
                           .where(Voyage.carrier_voyage_number == voyage,
                                  Call.locode == "CNTAO")).scalar_one()
    engine.dispose()
    return {f"{k:%m-%d %H:%M}": v for k, v in trains.items() if v}, leg


def test_a_booking_from_jinan_rides_the_last_train_before_the_cut_off(
        rail_server: Server) -> None:
    with rail_server.client("acme") as c:
        voyage = sailings(c)[1]  # leaves Qingdao Tuesday 2030-01-15 00:00
        r = c.post("/v2/bookings", json=_by_rail(voyage))
        assert r.status_code == 202, r.text
        doc = c.get(f"/v2/bookings/{r.json()['carrierBookingRequestReference']}").json()
    assert doc["bookingStatus"] == "CONFIRMED"
    rail, ocean = doc["transportPlan"]
    assert (rail["modeOfTransport"], rail["loadLocation"]["UNLocationCode"],
            rail["dischargeLocation"]["UNLocationCode"]) == ("RAIL", "CNTNA", "CNTAO")
    assert rail["loadLocation"]["locationName"] == "Jinan-Qingdao"
    assert rail["plannedDepartureDate"] == "2030-01-12"   # Saturday's train, 12:00 UTC
    assert (ocean["modeOfTransport"], ocean["carrierExportVoyageNumber"]) == ("VESSEL", voyage)
    assert ocean["plannedDepartureDate"] == "2030-01-15"
    for stage in doc["transportPlan"]:
        validate("bkg/BKG_v2.0.0.yaml", ref("Transport"), stage)
    trains, leg = _used(rail_server.db_url, voyage)
    assert trains == {"01-12 12:00": 1} and leg == 1  # the 12:00 departure: 1 TEU


def test_missing_the_rail_cut_off_is_refused_naming_it(rail_server: Server) -> None:
    with rail_server.client("acme") as c:
        voyage = sailings(c)[0]
        r = c.post("/v2/bookings", json=_by_rail(voyage))
    assert r.status_code == 400
    text = r.text
    assert "rail cut-off" in text and "Jinan-Qingdao" in text and "2030-01-05T12:00Z" in text


def test_no_train_from_the_place_of_receipt(rail_server: Server) -> None:
    with rail_server.client("acme") as c:
        voyage = sailings(c)[1]
        r = c.post("/v2/bookings", json=_by_rail(voyage, pre="CNXXI"))
    assert r.status_code == 400 and "no published train" in r.text


def _flood(server: Server, voyage: str, n: int) -> list[str]:
    headers = {"Authorization": f"Bearer {server.keys['acme']}"}
    with httpx.Client(base_url=server.url, headers=headers, timeout=120,
                      limits=httpx.Limits(max_connections=16)) as client, \
            ThreadPoolExecutor(max_workers=16) as pool:
        responses = list(pool.map(lambda _: client.post("/v2/bookings", json=_by_rail(voyage)),
                                  range(n)))
        assert [r.status_code for r in responses] == [202] * n
        refs = [r.json()["carrierBookingRequestReference"] for r in responses]
        return list(pool.map(
            lambda ref: client.get(f"/v2/bookings/{ref}").json()["bookingStatus"], refs))


def _three_hundred_on_one_train(server: Server) -> None:
    with server.client("acme") as c:
        voyage = sailings(c)[2]  # fed by Saturday 2030-01-19's Jinan train
    statuses = _flood(server, voyage, 300)
    assert statuses.count("CONFIRMED") == 100 and statuses.count("DECLINED") == 200
    trains, leg = _used(server.db_url, voyage)
    assert trains.get("01-19 12:00") == 100
    assert leg == 100  # the declined bookings took nothing on the ship either
    # the train is full, the ship has 900 TEU of room: the next booking is declined whole
    with server.client("acme") as c:
        r = c.post("/v2/bookings", json=_by_rail(voyage))
        doc = c.get(f"/v2/bookings/{r.json()['carrierBookingRequestReference']}").json()
    assert doc["bookingStatus"] == "DECLINED"
    assert "Jinan-Qingdao" in doc["feedbacks"][-1]["message"]
    assert _used(server.db_url, voyage)[1] == 100


def test_300_concurrent_bookings_on_a_100_teu_train(rail_server: Server) -> None:
    _three_hundred_on_one_train(rail_server)


def test_postgres_300_concurrent_bookings_on_a_100_teu_train(tmp_path: Path) -> None:
    url = database("postgresql", tmp_path, "rail")
    for server in _serve(url):
        _three_hundred_on_one_train(server)


def test_point_to_point_routes_from_jinan_start_with_the_train(rail_server: Server) -> None:
    with rail_server.client("acme") as c:
        routes = c.get("/v1/point-to-point-routes",
                       params={"placeOfReceipt": "CNTNA", "placeOfDelivery": "CNNGB"}).json()
        voyages = sailings(c)
    assert len(routes) == len(voyages)
    second = routes[1]
    rail, ocean = second["legs"]
    assert rail["transport"] == {"modeOfTransport": "RAIL"}
    assert (rail["sequenceNumber"], ocean["sequenceNumber"]) == (1, 2)
    assert rail["departure"]["dateTime"] == "2030-01-12T12:00:00Z"   # Saturday's Jinan train
    assert rail["arrival"]["dateTime"] == "2030-01-12T20:30:00Z"
    assert rail["arrival"]["location"]["UNLocationCode"] == "CNTAO"
    assert second["placeOfReceipt"]["location"]["UNLocationCode"] == "CNTNA"
    partner = ocean["transport"]["servicePartners"][0]
    assert partner["carrierExportVoyageNumber"] == voyages[1]
    validate("cs/CS_v1.0.0.yaml", {"type": "array", "items": ref("PointToPoint")}, routes)
