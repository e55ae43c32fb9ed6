"""The public vehicle page in real Chromium (Debian's), against ``tradelane serve`` on
127.0.0.1 under the real Content-Security-Policy: the verified history, a broken chain, an
unknown VIN; no request leaves the server."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, text
from vehiclekit import NOW, REPO, prepare, vin

from tradelane_bench.local_server import LocalServer

CHROMIUM = os.environ.get("TRADELANE_CHROMIUM", "/usr/bin/chromium")
GOOD, BROKEN, CONTAINER = vin(201), vin(202), "CSQU3054383"


class Site(LocalServer):
    """A server with two used cars: GOOD (six steps, booked and loaded), BROKEN (tampered)."""

    def __init__(self, db_url: str) -> None:
        self.keys = prepare(db_url)
        env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "TRADELANE_NOW": NOW,
               "TRADELANE_CABOTAGE_ALLOWED": '["CN"]'}
        super().__init__(["--db", db_url], env=env, timeout_s=30, stderr=subprocess.DEVNULL)

    def post(self, path: str, body: Any, role: str) -> httpx.Response:
        return httpx.post(self.url + path, json=body, timeout=30,
                          headers={"Authorization": f"Bearer {self.keys[role]}"})


def _book(site: Site) -> str:
    routes = httpx.get(site.url + "/v1/point-to-point-routes", params={
        "placeOfReceipt": "CNTAO", "placeOfDelivery": "USSAV"}).json()
    voyage = routes[-1]["legs"][0]["transport"]["servicePartners"][0][
        "carrierExportVoyageNumber"]
    body = {"receiptTypeAtOrigin": "CY", "deliveryTypeAtDestination": "CY",
            "cargoMovementTypeAtOrigin": "FCL", "cargoMovementTypeAtDestination": "FCL",
            "isEquipmentSubstitutionAllowed": False,
            "documentParties": {"bookingAgent": {"partyName": "Exporter"}},
            "carrierServiceCode": "SUE", "carrierExportVoyageNumber": voyage,
            "shipmentLocations": [
                {"location": {"UNLocationCode": "CNTAO"}, "locationTypeCode": "POL"},
                {"location": {"UNLocationCode": "USSAV"}, "locationTypeCode": "POD"}],
            "requestedEquipments": [{
                "ISOEquipmentCode": "42G1", "units": 1, "isShipperOwned": False,
                "equipmentReferences": [CONTAINER],
                "cargoGrossWeight": {"value": 8000, "unit": "KGM"},
                "commodities": [{"commodityType": "Used cars", "HSCodes": ["870323"]}]}]}
    r = site.post("/v2/bookings", body, "exporter")
    assert r.status_code == 202, r.text
    return str(r.json()["carrierBookingRequestReference"])


def _record(site: Site, vin_: str, steps: list[tuple[str, str, dict[str, Any]]]) -> None:
    r = site.post("/api/vehicles", {"vin": vin_, "make": "Geely", "model": "Emgrand",
                                    "year": 2018}, "dealer")
    assert r.status_code == 201, r.text
    for day, (step, role, extra) in enumerate(steps, start=1):
        body = {"step": step, "time": f"2029-12-{day:02d}T08:00:00Z", "place": "Qingdao",
                "documents": [{"ref": "private-ref-001", "sha256": "cd" * 32}], **extra}
        r = site.post(f"/api/vehicles/{vin_}/events", body, role)
        assert r.status_code == 201, r.text


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    db = tmp_path_factory.mktemp("vehicle-page") / "db.sqlite3"
    server = Site(f"sqlite:///{db}")
    first = [("PURCHASE", "dealer", {}), ("TRANSFER_REGISTRATION", "registrar", {}),
             ("INSPECTION", "inspector", {"inspection": "PASS"}),
             ("DEREGISTRATION", "registrar", {})]
    _record(server, GOOD, [*first, ("EXPORT_BOOKING", "exporter", {
        "booking": _book(server), "container": CONTAINER}), ("LOADED", "carrier", {})])
    _record(server, BROKEN, first)
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:  # tamper behind the API's back
        conn.exec_driver_sql("DROP TRIGGER vehicle_events_no_update")
        conn.execute(text("UPDATE vehicle_events SET payload = replace(payload, 'Qingdao', "
                          "'Weihai') WHERE sequence = 2 AND vehicle_id = "
                          "(SELECT id FROM vehicles WHERE vin = :vin)"), {"vin": BROKEN})
    engine.dispose()
    yield server
    server.stop()


@pytest.fixture
def page(site: Site) -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not found (apt-get install chromium)")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(base_url=site.url)
        outside: list[str] = []
        context.route("**/*", lambda route: (
            route.continue_() if route.request.url.startswith(site.url)
            else (outside.append(route.request.url), route.abort())))
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        problems: list[str] = []
        tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: problems.append(str(e)))
        yield tab
        browser.close()
    assert outside == [], "requests left the server"
    # the unknown VIN's 404 is logged by Chromium; anything else (a CSP violation, a script
    # error) fails the test
    assert [p for p in problems if "status of 404" not in p] == []


def test_the_qr_address_shows_the_verified_history(page: Any) -> None:
    page.goto(f"/vehicle.html?vin={GOOD}")
    verdict = page.get_by_test_id("verdict")
    verdict.wait_for()
    assert "Chain verified: 6 events" in verdict.inner_text()
    assert page.get_by_test_id("vehicle-title").inner_text() == "Geely Emgrand (2018)"
    rows = page.get_by_test_id("event")
    assert rows.count() == 6 and "Deregistration" in rows.nth(3).inner_text()
    route = page.get_by_test_id("route").inner_text()
    assert "CNTAO" in route and "USSAV" in route and CONTAINER in route
    sea = page.get_by_test_id("track-event")
    assert sea.count() == 8  # PLN ARRI/DEPA at CNTAO and USSAV, the container's 4 moves
    lines = [sea.nth(i).inner_text() for i in range(sea.count())]
    assert any("Container loaded" in t and "planned" in t and CONTAINER in t and "CNTAO" in t
               for t in lines)
    assert any("Container discharged" in t and "USSAV" in t for t in lines)
    assert "private-ref-001" not in page.content()


def test_a_broken_chain_is_shown_from_the_first_bad_event(page: Any) -> None:
    page.goto(f"/vehicle.html?vin={BROKEN}")
    verdict = page.get_by_test_id("verdict")
    verdict.wait_for()
    assert "BROKEN at event 2" in verdict.inner_text()
    rows = page.get_by_test_id("event")
    marks = [rows.nth(i).locator("td").last.inner_text() for i in range(rows.count())]
    assert marks == ["✓", "✗", "✗", "✗"]


def test_the_form_and_an_unknown_vin(page: Any) -> None:
    page.goto("/vehicle.html")
    page.get_by_label("VIN").fill(vin(203))
    page.get_by_role("button", name="Show").click()
    state = page.get_by_test_id("vehicle-state")
    state.wait_for()
    page.wait_for_function("document.querySelector('[data-testid=vehicle-state]')"
                           ".textContent.includes('registered')")
    assert "is not a registered vehicle" in state.inner_text()
    assert page.url.endswith(f"?vin={vin(203)}")
