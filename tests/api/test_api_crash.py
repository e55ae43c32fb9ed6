"""A server killed with SIGKILL mid-load loses no acknowledged booking.

``tradelane serve`` runs as a real process on a SQLite file (and on PostgreSQL when
``TRADELANE_TEST_PG_URL`` is set); threads fire auto-confirm bookings at it; it is killed
partway, restarted on the same database, and every booking that got a 202 must be there,
counted in its legs' usage exactly once, with each leg's usage the sum of the bookings that
hold space on it.
"""

from __future__ import annotations

import math
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from apikit import Server, add_party, booking, database, publish, sailings
from sqlalchemy import select
from sqlalchemy.orm import Session

from tradelane.store.db import make_engine
from tradelane.store.models import Booking, BookingLeg, Leg

THREADS = 8
KILL_AFTER = 40  # acknowledged bookings before the kill
MAX_PER_THREAD = 60  # bounds the load if the server never gets that far
LEGS = {"CNNGB": 1, "KRPUS": 2}  # POD → legs used from CNTAO


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return database(request.param, tmp_path, "crash")


def _fire(server: Server, key: str, voyage: str, worker: int, acked: dict[str, str],
          enough: threading.Event, lock: threading.Lock) -> None:
    """Post bookings until the server dies (or the bound is reached); record every 202."""
    headers = {"Authorization": f"Bearer {key}"}
    with httpx.Client(base_url=server.url, headers=headers, timeout=30) as client:
        for i in range(MAX_PER_THREAD):
            pod = "KRPUS" if (worker + i) % 3 == 0 else "CNNGB"
            # 2 or 4 TEU a booking: the 100-TEU leg fills up, so some are declined
            body = booking(voyage, pod=pod, iso="45G1" if i % 2 else "22G1", units=2)
            try:
                r = client.post("/v2/bookings", json=body)
            except httpx.TransportError:
                return  # killed
            assert r.status_code == 202, r.text
            with lock:
                acked[r.json()["carrierBookingRequestReference"]] = pod
                if len(acked) >= KILL_AFTER:
                    enough.set()


def test_sigkill_mid_load_loses_no_acknowledged_booking(db_url: str) -> None:
    publish(db_url, "--auto-confirm")
    keys = {"acme": add_party(db_url, "Acme Batteries", "shipper"),
            "carrier": add_party(db_url, "Tradelane Lines", "carrier")}
    server = Server(db_url, keys)
    acked: dict[str, str] = {}
    enough, lock = threading.Event(), threading.Lock()
    try:
        with server.client("acme") as c:
            voyage = sailings(c)[1]
        with ThreadPoolExecutor(THREADS) as pool:
            futures = [pool.submit(_fire, server, keys["acme"], voyage, w, acked, enough, lock)
                       for w in range(THREADS)]
            enough.wait(timeout=60)
            server.kill()
            for f in futures:
                f.result(timeout=60)
    finally:
        server.kill()
    assert len(acked) >= KILL_AFTER
    time.sleep(0.1)
    restarted = Server(db_url, keys)
    try:
        _check_readable(restarted, acked)
    finally:
        restarted.stop()
    _check_usage(db_url, acked)


def _check_readable(server: Server, acked: dict[str, str]) -> None:
    with server.client("carrier") as carrier:
        for ref in acked:
            r = carrier.get(f"/v2/bookings/{ref}")
            assert r.status_code == 200, (ref, r.text)
            assert r.json()["bookingStatus"] in ("CONFIRMED", "DECLINED")


def _check_usage(db_url: str, acked: dict[str, str]) -> None:
    engine = make_engine(db_url, pool_size=1)
    try:
        with Session(engine) as session:
            bookings = {b.carrier_booking_request_reference: b
                        for b in session.scalars(select(Booking))}
            legs_of: dict[int, list[int]] = defaultdict(list)
            for row in session.scalars(select(BookingLeg)):
                legs_of[row.booking_id].append(row.leg_id)
            legs = list(session.scalars(select(Leg)))
    finally:
        engine.dispose()
    for ref, pod in acked.items():
        b = bookings[ref]
        assert len(legs_of[b.id]) == LEGS[pod] == len(set(legs_of[b.id]))
        assert b.holds_capacity == (b.status == "CONFIRMED")
    holders = [b for b in bookings.values() if b.holds_capacity]
    assert sum(b.status == "CONFIRMED" for b in holders) == len(holders) > 0
    for leg in legs:
        on_leg = [b for b in holders if leg.id in legs_of[b.id]]
        assert leg.used_teu == sum(b.teu for b in on_leg), leg.id
        assert math.isclose(leg.used_t, sum(b.weight_t for b in on_leg), abs_tol=1e-6)
        assert leg.used_teu <= leg.capacity_teu
