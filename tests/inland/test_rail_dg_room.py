"""A train's dangerous-goods room binds like its TEU, and cancelling gives the train back."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from apikit import Server, add_party, booking, database, publish, sailings
from sqlalchemy import create_engine, select

from tradelane.store.rail import TrainDepartureRow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    url = database("sqlite", tmp_path_factory.mktemp("rail_dg"), "rail_dg")
    publish(url, "--auto-confirm", "--capacity-teu", "1000")
    srv = Server(url, {"acme": add_party(url, "Acme Batteries", "shipper")})
    yield srv
    srv.stop()


def _dg_by_rail(voyage: str) -> dict[str, Any]:
    body = booking(voyage, commodities=[{
        "commodityType": "Li-ion batteries", "HSCodes": ["850760"],
        "outerPackaging": {"dangerousGoods": [{"UNNumber": "3480", "imoClass": "9",
                                               "properShippingName": "LITHIUM ION BATTERIES"}]}}])
    body["shipmentLocations"].append({"location": {"UNLocationCode": "CNTNA"},
                                      "locationTypeCode": "PRE"})
    return body


def _train(url: str) -> tuple[int, int]:
    """(TEU, dangerous-goods TEU) used on the Jinan train of Saturday 2030-01-26."""
    engine = create_engine(url)
    with engine.connect() as conn:
        row = conn.execute(select(TrainDepartureRow.used_teu, TrainDepartureRow.used_dg_teu)
                           .where(TrainDepartureRow.train_name == "Jinan-Qingdao",
                                  TrainDepartureRow.used_teu > 0)).one()
    engine.dispose()
    return row[0], row[1]


def test_dg_room_binds_and_cancel_gives_it_back(server: Server) -> None:
    with server.client("acme") as c:
        voyage = sailings(c)[3]  # fed by Saturday 2030-01-26's Jinan train: 20 DG TEU
        refs, statuses = [], []
        for _ in range(22):
            r = c.post("/v2/bookings", json=_dg_by_rail(voyage))
            assert r.status_code == 202, r.text
            ref = r.json()["carrierBookingRequestReference"]
            refs.append(ref)
            statuses.append(c.get(f"/v2/bookings/{ref}").json())
        assert [d["bookingStatus"] for d in statuses].count("CONFIRMED") == 20
        declined = [d for d in statuses if d["bookingStatus"] == "DECLINED"]
        assert len(declined) == 2
        assert "1 dangerous-goods TEU" in declined[0]["feedbacks"][-1]["message"]
        assert _train(server.db_url) == (20, 20)
        first = refs[0]
        assert c.patch(f"/v2/bookings/{first}",
                       json={"bookingStatus": "CANCELLED"}).status_code == 202
        assert _train(server.db_url) == (19, 19)
        r = c.post("/v2/bookings", json=_dg_by_rail(voyage))
        again = c.get(f"/v2/bookings/{r.json()['carrierBookingRequestReference']}").json()
        assert again["bookingStatus"] == "CONFIRMED"
        assert _train(server.db_url) == (20, 20)
