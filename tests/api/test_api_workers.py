"""``tradelane serve --workers 2``: two processes, one capacity, nothing left behind.

Each worker has its own listening socket (SO_REUSEPORT) and connection pool; the leg's row lock
(PostgreSQL) or SQLite's single writer must still keep the two processes from overselling.
"""

from __future__ import annotations

import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from apikit import Server, add_party, booking, database, publish, sailings


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return database(request.param, tmp_path, "workers")


def _children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_two_workers_share_one_capacity(db_url: str) -> None:
    publish(db_url, "--auto-confirm", "--capacity-teu", "40")
    key = add_party(db_url, "Acme Batteries", "shipper")
    server = Server(db_url, {"acme": key}, "--workers", "2")
    try:
        workers = _children(server.proc.pid)
        with server.client("acme") as c:
            voyage = sailings(c)[1]
        body = booking(voyage)

        def book(_: int) -> str:
            with server.client("acme") as c:  # a new connection each: both sockets get some
                r = c.post("/v2/bookings", json=body)
                assert r.status_code == 202, r.text
                return c.get(f"/v2/bookings/{r.json()['carrierBookingRequestReference']}"
                             ).json()["bookingStatus"]

        with ThreadPoolExecutor(max_workers=12) as pool:
            statuses = list(pool.map(book, range(90)))
        assert statuses.count("CONFIRMED") == 40
        assert statuses.count("DECLINED") == 50
    finally:
        server.kill()  # SIGKILL the supervisor: its workers must not outlive it
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(workers) >= 2
    assert not any(_alive(p) for p in workers)


def test_stop_ends_every_worker(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'stop.sqlite3'}"
    publish(db_url)
    server = Server(db_url, {}, "--workers", "2")
    workers = _children(server.proc.pid)
    assert httpx.get(server.url + "/openapi.json").status_code == 200
    server.stop()
    assert server.proc.returncode == 0
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in workers)
