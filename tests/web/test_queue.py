"""The booking desk in real Chromium: a shipper books, the carrier sees the booking in the
decision queue with its legs and the capacity left, confirms it (and declines another with a
reason), and the shipper's view updates by itself. The key field names the party."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from tradelane.cli import main
from tradelane.store.db import open_database
from tradelane.store.parties import add_party
from tradelane_bench.local_server import LocalServer

expect = pytest.importorskip("playwright.sync_api").expect

REPO = Path(__file__).resolve().parents[2]
CASE = REPO / "cases" / "shandong-usec.toml"
NOW = "2030-01-09T12:00:00Z"


class Desk(LocalServer):
    """``tradelane serve`` over manually confirmed sailings, with the parties' keys."""

    def __init__(self, db_url: str, keys: dict[str, str]) -> None:
        self.keys = keys
        env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "TRADELANE_NOW": NOW}
        super().__init__(["--db", db_url, "--case", str(CASE)], env=env,
                         ready_path="/api/case", timeout_s=30, stderr=subprocess.DEVNULL)

    def client(self, who: str) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60,
                            headers={"Authorization": f"Bearer {self.keys[who]}"})


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    db_url = f"sqlite:///{tmp_path_factory.mktemp('queue') / 'tradelane.sqlite3'}"
    assert main(["publish", str(CASE), "--weeks", "8", "--db", db_url,
                 "--start", "2030-01-07T00:00:00Z", "--capacity-teu", "100"]) == 0
    with open_database(db_url, pool_size=1).begin() as session:
        keys = {who: add_party(session, name, role, datetime.now(UTC))[1]
                for who, name, role in (("acme", "Acme Batteries", "shipper"),
                                        ("carrier", "Tradelane Lines", "carrier"))}
    server = Desk(db_url, keys)
    yield server
    server.stop()


def _book(desk: Desk, units: int) -> str:
    """A shipper's booking CNTAO → USSAV on the first sailing clear of its cut-offs."""
    with desk.client("acme") as acme:
        routes = acme.get("/v1/point-to-point-routes", params={
            "placeOfReceipt": "CNTAO", "placeOfDelivery": "USSAV"}).json()
        late = datetime.fromisoformat(NOW.replace("Z", "+00:00")) + timedelta(days=4)
        voyage = next(r["legs"][0]["transport"]["servicePartners"][0]
                      ["carrierExportVoyageNumber"] for r in routes
                      if datetime.fromisoformat(r["placeOfReceipt"]["dateTime"]
                                                .replace("Z", "+00:00")) > late)
        body = {
            "receiptTypeAtOrigin": "CY", "deliveryTypeAtDestination": "CY",
            "cargoMovementTypeAtOrigin": "FCL", "cargoMovementTypeAtDestination": "FCL",
            "isEquipmentSubstitutionAllowed": False,
            "documentParties": {"bookingAgent": {"partyName": "Acme Batteries"}},
            "carrierServiceCode": "SUE", "carrierExportVoyageNumber": voyage,
            "shipmentLocations": [
                {"location": {"UNLocationCode": "CNTAO"}, "locationTypeCode": "POL"},
                {"location": {"UNLocationCode": "USSAV"}, "locationTypeCode": "POD"}],
            "requestedEquipments": [{
                "ISOEquipmentCode": "42G1", "units": units, "isShipperOwned": False,
                "cargoGrossWeight": {"value": 15_000 * units, "unit": "KGM"},
                "commodities": [{"commodityType": "Solar panels", "HSCodes": ["854143"]}]}]}
        r = acme.post("/v2/bookings", json=body)
        assert r.status_code == 202, r.text
        return str(r.json()["carrierBookingRequestReference"])


def _page(browser: Any, desk: Desk, errors: list[str]) -> Any:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=desk.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return page


def _sign_in(page: Any, key: str) -> None:
    page.goto("/#queue")
    page.fill("#api-key", key)
    page.click("#key-form button")


def test_carrier_confirms_and_declines_from_the_queue(browser: Any, desk: Desk, shot: Any
                                                      ) -> None:
    confirmed, declined = _book(desk, 2), _book(desk, 1)
    errors: list[str] = []
    shipper, carrier = _page(browser, desk, errors), _page(browser, desk, errors)
    _sign_in(shipper, desk.keys["acme"])
    expect(shipper.get_by_test_id("key-state")).to_have_text("Acme Batteries (shipper)")
    own = shipper.get_by_test_id("own-table")
    own.wait_for()
    assert "RECEIVED" in own.locator("tr", has_text=confirmed).inner_text()

    _sign_in(carrier, desk.keys["carrier"])
    queue = carrier.get_by_test_id("queue-table")
    queue.wait_for()
    row = queue.locator("tbody tr", has_text=confirmed)
    text = row.inner_text()
    assert confirmed in text and "Acme Batteries" in text  # the full reference
    assert "CNTAO → CNNGB: 100 TEU" in text and "KRPUS → USSAV: 100 TEU" in text
    shot(carrier, "queue")
    row.get_by_test_id("confirm").click()
    note = carrier.get_by_test_id("queue-note")
    expect(note).to_contain_text(f"{confirmed}: CONFIRMED")
    queue.locator("tbody tr", has_text=confirmed).wait_for(state="detached")
    # the other booking now sees the 4 TEU taken on every leg
    other = queue.locator("tbody tr", has_text=declined)
    assert "CNTAO → CNNGB: 96 TEU" in other.inner_text()
    other.get_by_test_id("decline-reason").fill("No space for solar panels this week")
    other.get_by_test_id("decline").click()
    expect(note).to_contain_text(f"{declined}: DECLINED")

    # the shipper's view refreshes by itself (every 10 s)
    expect(own.locator("tr", has_text=confirmed).get_by_test_id("status")).to_have_text(
        "CONFIRMED", timeout=25_000)
    expect(own.locator("tr", has_text=declined)).to_contain_text(
        "No space for solar panels this week", timeout=25_000)
    shot(shipper, "queue-shipper")
    assert not errors, errors


def test_a_refused_key_is_named_as_refused(browser: Any, desk: Desk) -> None:
    errors: list[str] = []
    page = _page(browser, desk, errors)
    _sign_in(page, "tl_not-a-key")
    expect(page.get_by_test_id("key-state")).to_have_text("key refused")
    page.locator(".state.error").wait_for()
    assert "is not a valid API key" in page.locator(".state.error").inner_text()


def test_docs_pages_render_offline(browser: Any, desk: Desk) -> None:
    errors: list[str] = []
    page = _page(browser, desk, errors)
    # loaded from elsewhere (ReDoc's footer logo is tried, and blocked by the CSP)
    outside: list[str] = []
    page.on("requestfinished", lambda r: outside.append(r.url)
            if not r.url.startswith(desk.url) and not r.url.startswith(("data:", "blob:"))
            else None)
    page.goto("/docs")
    page.locator(".opblock-tag", has_text="Booking 2.0").first.wait_for()
    page.goto("/redoc")
    page.locator("text=tradelane booking desk").first.wait_for()
    assert not outside, outside
