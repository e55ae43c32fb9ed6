"""300 concurrent bookings for one 100-TEU leg: exactly 100 confirmed, none lost or doubled."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor

import httpx
from apikit import Server, booking, sailings


def test_300_concurrent_bookings_never_oversell(auto_server: Server) -> None:
    with auto_server.client("acme") as c:
        voyage = sailings(c)[1]
    body = booking(voyage)  # 1 × 22G1 = 1 TEU on CNTAO → CNNGB
    headers = {"Authorization": f"Bearer {auto_server.keys['acme']}"}
    limits = httpx.Limits(max_connections=16)
    with httpx.Client(base_url=auto_server.url, headers=headers, timeout=120,
                      limits=limits) as client, ThreadPoolExecutor(max_workers=16) as pool:
        responses = list(pool.map(lambda _: client.post("/v2/bookings", json=body),
                                  range(300)))
        assert [r.status_code for r in responses] == [202] * 300
        refs = [r.json()["carrierBookingRequestReference"] for r in responses]
        assert len(set(refs)) == 300
        statuses = list(pool.map(
            lambda ref: client.get(f"/v2/bookings/{ref}").json()["bookingStatus"], refs))
    assert statuses.count("CONFIRMED") == 100
    assert statuses.count("DECLINED") == 200
    db = sqlite3.connect(auto_server.db_url.removeprefix("sqlite:///"))
    used = db.execute(
        "SELECT l.used_teu, l.capacity_teu FROM legs l JOIN calls c ON c.id = l.from_call_id "
        "JOIN voyages v ON v.id = c.voyage_id WHERE v.carrier_voyage_number = ? "
        "AND c.locode = 'CNTAO'", (voyage,)).fetchone()
    count = db.execute("SELECT count(*) FROM bookings").fetchone()[0]
    db.close()
    assert used == (100, 100)
    assert count == 300
