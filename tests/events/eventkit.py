"""Fixtures of the events tests: a published desk with a confirmed booking, a live server
with fast retries, and a tiny callback receiver on 127.0.0.1."""

from __future__ import annotations

import base64
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))

from apikit import Server, add_party, booking, database, publish

NOW = "2030-01-09T00:00:00Z"
"""The servers' clock: SUE 03 (voyage 002E) was due at Qingdao on 2030-01-07 00:00."""
SECRET = base64.b64encode(b"0123456789abcdef0123456789abcdef").decode()
ENV = {"TRADELANE_NOW": NOW, "TRADELANE_ALLOW_PRIVATE_CALLBACKS": "1",
       "TRADELANE_EVENT_RETRY_BASE_S": "0.3", "TRADELANE_EVENT_RETRY_MAX_S": "1",
       "TRADELANE_EVENT_TIMEOUT_S": "2", "TRADELANE_EVENT_POLL_S": "0.2",
       "TRADELANE_EVENT_MAX_ATTEMPTS": "6"}


class Receiver:
    """An HTTP server on 127.0.0.1 that records every POST (path, headers, body) and answers
    by path: ``/ok`` 204, ``/fail-N`` 500 for the first N calls, ``/slow`` after 30 s."""

    def __init__(self, port: int = 0) -> None:
        self.posts: list[tuple[str, dict[str, str], bytes]] = []
        self.calls: dict[str, int] = {}
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                n = receiver.calls[self.path] = receiver.calls.get(self.path, 0) + 1
                if self.path == "/slow":
                    time.sleep(30)
                status = 204
                if self.path.startswith("/fail-") and n <= int(self.path.split("-")[1]):
                    status = 500
                if status == 204:
                    receiver.posts.append((self.path, dict(self.headers), body))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def events(self, path: str) -> list[dict[str, Any]]:
        """Every event delivered (2xx) to ``path``."""
        return [e for p, _, body in self.posts if p == path for e in json.loads(body)]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def wait_for(check: Callable[[], bool], timeout_s: float = 20.0) -> bool:
    """Poll ``check`` until it is true or ``timeout_s`` passes."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return check()


def published_desk(db_url: str) -> dict[str, str]:
    """Publish the reference case (8 weeks from 2030-01-07) and add three parties."""
    publish(db_url)
    return {"acme": add_party(db_url, "Acme Batteries", "shipper"),
            "bolt": add_party(db_url, "Bolt Solar", "shipper"),
            "carrier": add_party(db_url, "Tradelane Lines", "carrier")}


def confirmed_booking(server: Server) -> str:
    """Acme's confirmed booking on 002E from Ningbo to Busan; its carrier reference."""
    with server.client("acme") as acme, server.client("carrier") as carrier:
        body = booking("002E", pod="KRPUS")
        body["shipmentLocations"][0]["location"]["UNLocationCode"] = "CNNGB"
        body["requestedEquipments"][0]["equipmentReferences"] = ["TLNU1234565"]
        created = acme.post("/v2/bookings", json=body)
        assert created.status_code == 202, created.text
        ref = created.json()["carrierBookingRequestReference"]
        confirmed = carrier.post(f"/v2/bookings/{ref}/confirm")
        assert confirmed.status_code == 200, confirmed.text
        return str(confirmed.json()["carrierBookingReference"])


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def desk(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[Server]:
    """A live server (clock 2030-01-09) with Acme's confirmed 002E booking."""
    name = f"events_{os.getpid()}"
    db_url = database(request.param, tmp_path_factory.mktemp(f"events-{request.param}"), name)
    server = Server(db_url, published_desk(db_url), env=ENV)
    server.keys["booking"] = confirmed_booking(server)
    yield server
    server.stop()
    if request.param == "postgresql":
        engine = create_engine(os.environ["TRADELANE_TEST_PG_URL"])
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "tradelane_{name}_test" CASCADE'))
