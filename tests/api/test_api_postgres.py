"""The concurrency check on PostgreSQL: runs only with ``TRADELANE_TEST_PG_URL`` set.

``export TRADELANE_TEST_PG_URL=$(bash scripts/ci-postgres.sh)`` starts a local server.
The tests get their own emptied schema (``tradelane_pg_test``), so tables other runs left in
the database (another branch's, an older migration's) cannot get in the way.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from apikit import Server, add_party, booking, fresh_pg_schema, publish, sailings
from sqlalchemy import create_engine, select

from tradelane.store.models import Call, Leg, Voyage


@pytest.fixture(scope="module")
def pg_server() -> Iterator[Server]:
    url = os.environ.get("TRADELANE_TEST_PG_URL")
    if not url:
        pytest.skip("TRADELANE_TEST_PG_URL is not set (see scripts/ci-postgres.sh)")
    url = fresh_pg_schema(url, "tradelane_pg_test")
    publish(url, "--auto-confirm")
    keys = {"acme": add_party(url, "Acme Batteries", "shipper")}
    server = Server(url, keys)
    yield server
    server.stop()


def test_postgres_300_concurrent_bookings_never_oversell(pg_server: Server) -> None:
    with pg_server.client("acme") as c:
        voyage = sailings(c)[1]
    headers = {"Authorization": f"Bearer {pg_server.keys['acme']}"}
    with httpx.Client(base_url=pg_server.url, headers=headers, timeout=120) as client, \
            ThreadPoolExecutor(max_workers=16) as pool:
        responses = list(pool.map(lambda _: client.post("/v2/bookings", json=booking(voyage)),
                                  range(300)))
        refs = [r.json()["carrierBookingRequestReference"] for r in responses]
        statuses = list(pool.map(
            lambda ref: client.get(f"/v2/bookings/{ref}").json()["bookingStatus"], refs))
        events = client.get("/v2/events", params={"eventType": "SHIPMENT", "limit": 1000})
    assert len(set(refs)) == 300
    assert statuses.count("CONFIRMED") == 100 and statuses.count("DECLINED") == 200
    # one shipment event per booking, of its final status (a declined booking's status-change
    # row, written with the booking as CONFIRMED, was rewritten at commit)
    assert events.status_code == 200, events.text
    codes = [e["shipmentEventTypeCode"] for e in events.json()]
    assert codes.count("CONF") == 100 and codes.count("REJE") == 200 and len(codes) == 300


def test_postgres_overlapping_multi_leg_bookings_neither_deadlock_nor_oversell(
        pg_server: Server) -> None:
    """CNTAO→CNNGB, CNTAO→KRPUS and CNNGB→KRPUS share legs: each booking locks its legs in the
    same order, so none fails (a deadlock would be a 500), and no leg holds more than 100 TEU."""
    with pg_server.client("acme") as c:
        voyage = sailings(c)[2]
    trips = [("CNTAO", "CNNGB"), ("CNTAO", "KRPUS"), ("CNNGB", "KRPUS")]

    def body(i: int) -> dict[str, object]:
        pol, pod = trips[i % 3]
        b = booking(voyage, pod=pod)
        b["shipmentLocations"][0]["location"]["UNLocationCode"] = pol  # type: ignore[index]
        return b

    headers = {"Authorization": f"Bearer {pg_server.keys['acme']}"}
    with httpx.Client(base_url=pg_server.url, headers=headers, timeout=120) as client, \
            ThreadPoolExecutor(max_workers=16) as pool:
        responses = list(pool.map(lambda i: client.post("/v2/bookings", json=body(i)),
                                  range(240)))
        assert [r.status_code for r in responses] == [202] * 240
        statuses = list(pool.map(lambda r: client.get(
            f"/v2/bookings/{r.json()['carrierBookingRequestReference']}").json()["bookingStatus"],
            responses))
    confirmed = [trips[i % 3] for i, s in enumerate(statuses) if s == "CONFIRMED"]
    expected = {"CNTAO": sum(pol == "CNTAO" for pol, _ in confirmed),
                "CNNGB": sum(pod == "KRPUS" for _, pod in confirmed)}
    engine = create_engine(pg_server.db_url)
    with engine.connect() as conn:
        used = dict(conn.execute(select(Call.locode, Leg.used_teu)
                                 .join(Leg, Leg.from_call_id == Call.id)
                                 .join(Voyage, Call.voyage_id == Voyage.id)
                                 .where(Voyage.carrier_voyage_number == voyage,
                                        Call.locode.in_(["CNTAO", "CNNGB"]))).all())
    engine.dispose()
    assert used == expected and max(used.values()) <= 100
    assert statuses.count("CONFIRMED") + statuses.count("DECLINED") == 240
