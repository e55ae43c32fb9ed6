"""The dashboard end to end in real Chromium against ``tradelane serve`` on 127.0.0.1."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

Site = Any
Shot = Any


DG = {"UNNumber": "3480", "imoClass": "9", "properShippingName": "LITHIUM ION BATTERIES"}


def booking_body(voyage: str, shipper: str, units: int, hs: str, kind: str) -> dict[str, Any]:
    commodity: dict[str, Any] = {"commodityType": kind, "HSCodes": [hs]}
    if hs.startswith("8507"):
        commodity["outerPackaging"] = {"dangerousGoods": [DG]}
    return {
        "receiptTypeAtOrigin": "CY", "deliveryTypeAtDestination": "CY",
        "cargoMovementTypeAtOrigin": "FCL", "cargoMovementTypeAtDestination": "FCL",
        "isEquipmentSubstitutionAllowed": False,
        "documentParties": {"bookingAgent": {"partyName": shipper}},
        "carrierServiceCode": "SUE", "carrierExportVoyageNumber": voyage,
        "shipmentLocations": [
            {"location": {"UNLocationCode": "CNTAO"}, "locationTypeCode": "POL"},
            {"location": {"UNLocationCode": "USSAV"}, "locationTypeCode": "POD"}],
        "requestedEquipments": [{
            "ISOEquipmentCode": "42G1", "units": units, "isShipperOwned": False,
            "cargoGrossWeight": {"value": 10000 * units, "unit": "KGM"},
            "commodities": [commodity]}],
    }


def bookable_voyage(site: Site) -> str:
    """The first CNTAO → USSAV sailing whose departure is well past every cut-off."""
    routes = site.client().get("/v1/point-to-point-routes", params={
        "placeOfReceipt": "CNTAO", "placeOfDelivery": "USSAV"}).json()
    late = datetime.fromisoformat(site.now.replace("Z", "+00:00")) + timedelta(days=4)
    for r in routes:
        etd = datetime.fromisoformat(r["placeOfReceipt"]["dateTime"].replace("Z", "+00:00"))
        if etd.astimezone(UTC) > late:
            return str(r["legs"][0]["transport"]["servicePartners"][0]
                       ["carrierExportVoyageNumber"])
    raise AssertionError("no bookable sailing published")


@pytest.fixture(scope="module")
def booked(site: Site) -> dict[str, str]:
    """On one sailing: Acme 2 × 40' of solar panels and 1 × 40' of Li-ion batteries (DG),
    Bolt 1 × 40' of furniture (42G1 = 2 TEU)."""
    voyage = bookable_voyage(site)
    refs = {}
    for who, name, units, hs, kind in (("acme", "Acme Batteries", 2, "854143", "Solar panels"),
                                       ("acme", "Acme Batteries", 1, "850760", "Batteries"),
                                       ("bolt", "Bolt Solar", 1, "940360", "Furniture")):
        r = site.client(who).post("/v2/bookings", json=booking_body(voyage, name, units, hs,
                                                                     kind))
        assert r.status_code == 202, r.text
        ref = r.json()["carrierBookingRequestReference"]
        assert site.client(who).get(f"/v2/bookings/{ref}").json()["bookingStatus"] == "CONFIRMED"
        refs[f"{who} {kind}"] = ref
    return {"voyage": voyage, **refs}


def test_map_draws_the_route_offline(page: Any, site: Site, shot: Shot) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto("/#map")
    page.wait_for_selector("[data-testid=route-map] path.route")
    legs = site.client().get("/api/route").json()["legs"]
    assert page.locator("path.route").count() == len(legs) == 6
    labels = page.locator("text.port-label").all_text_contents()
    assert {t.split()[0] for t in labels} == {"CNTAO", "CNNGB", "KRPUS", "USSAV", "USCHS",
                                              "USILM"}
    assert page.locator(".passage text", has_text="Cape of Good Hope").count() == 1
    assert page.locator("circle.ship").count() == 12
    shot(page, "map")
    assert requests and all(u.startswith(site.url + "/") or u.startswith("data:")
                            for u in requests), requests


def test_switching_routing_changes_the_figures(page: Any, site: Site, shot: Shot) -> None:
    page.goto("/#map")
    summary = page.get_by_test_id("map-summary")
    summary.wait_for()
    assert "via cape" in summary.inner_text()
    page.get_by_test_id("routing-panama").check()
    page.wait_for_function("document.querySelector('[data-testid=map-summary]')"
                           ".textContent.includes('via panama')")
    panama = site.client().get("/api/route", params={"routing": "panama"}).json()
    nm = round(sum(leg["nm"] for leg in panama["legs"]))
    text = summary.inner_text()
    assert f"{nm:,} nm" in text and "infeasible" in text and "Panama" in text
    assert page.locator(".passage.used text", has_text="Panama Canal").count() == 1
    shot(page, "map-panama")


def test_scenarios_update_with_the_draft_limit(page: Any, site: Site, shot: Shot) -> None:
    page.goto("/#scenarios")
    table = page.get_by_test_id("scenario-table")
    table.wait_for()
    panama_row = table.locator("tbody tr", has_text="panama")
    assert "✗ no" in panama_row.inner_text()
    page.fill("#sc-panama_draft_limit_m", "15.2")
    page.wait_for_function("[...document.querySelectorAll('[data-testid=scenario-table] tr')]"
                           ".some(r => r.textContent.startsWith('panama✓ yes'))")
    plan = site.client().get("/api/plan", params={"panama_draft_limit_m": 15.2}).json()
    option = next(o for o in plan["options"] if o["routing"] == "panama")
    assert option["feasible"]
    assert f"{option['cost_per_teu_slot_usd']:,.0f}" in panama_row.inner_text()
    assert page.locator("[data-testid=scenario-charts] svg.chart").count() == 6
    shot(page, "scenarios")
    page.fill("#sc-panama_draft_limit_m", "0")
    error = page.locator(".state.error")
    error.wait_for()
    assert "panama_draft_limit_m" in error.inner_text()


def test_schedule_timeline_table_and_downloads(page: Any, site: Site, shot: Shot) -> None:
    page.goto("/#schedule")
    page.get_by_test_id("schedule").wait_for()
    monday = site.now[:8] + "07T00:00:00Z"  # the Monday of the pinned clock
    calls = site.client().get("/api/schedule", params={"weeks": 6, "from": monday}).json()["calls"]
    assert page.locator("[data-testid=schedule-table] tbody tr").count() == len(calls)
    assert page.locator("svg.gantt .item rect").count() > len(calls)
    shot(page, "schedule")
    href = page.locator(".downloads a", has_text="CSV").get_attribute("href")
    rows = list(csv.reader(io.StringIO(site.client().get(href).text)))
    assert rows[0][:5] == ["ship", "vessel_name", "sequence", "import_voyage", "export_voyage"]
    assert len(rows) == len(calls) + 1
    ics = page.locator(".downloads a", has_text="iCalendar").get_attribute("href")
    assert site.client().get(ics).text.count("BEGIN:VEVENT") == len(calls)
    page.get_by_test_id("schedule-source").select_option("published")
    page.locator("h3", has_text="Published sailings").wait_for()
    assert page.locator("[data-testid=schedule-table] tbody tr").count() > 0


def sign_in(page: Any, key: str) -> None:
    page.fill("#api-key", key)
    page.click("#key-form button")


def test_a_booking_shows_in_utilisation(page: Any, site: Site, booked: dict[str, str],
                                        shot: Shot) -> None:
    page.goto("/#bookings")
    sign_in(page, site.keys["carrier"])
    page.get_by_test_id("utilisation").get_by_role("button", name="Table").click()
    page.get_by_test_id("legs-table").wait_for()
    row = page.locator("[data-testid=legs-table] tbody tr", has_text=booked["voyage"]).first
    assert "8 / 100" in row.inner_text()  # Acme 4 + 2 TEU, Bolt 2 TEU
    tiles = page.get_by_test_id("mix-tiles").inner_text()
    assert "8\nTEU confirmed" in tiles
    assert "25.0 %\ndangerous goods" in tiles  # the batteries, 2 of 8 TEU
    assert "75.0 %\n“new three”" in tiles  # solar cells 4 + Li-ion batteries 2 of 8 TEU
    row.locator("button.link").click()
    page.get_by_test_id("bookings-table").wait_for()
    assert page.locator("[data-testid=bookings-table] tbody tr").count() == 3
    page.get_by_test_id("utilisation").get_by_role("button", name="Chart").click()
    shot(page, "bookings")


def test_a_shipper_sees_only_its_own(page: Any, site: Site, booked: dict[str, str],
                                     shot: Shot) -> None:
    page.goto("/#bookings")
    sign_in(page, site.keys["acme"])
    page.get_by_test_id("utilisation").get_by_role("button", name="Table").click()
    page.get_by_test_id("legs-table").wait_for()
    assert "Only your own" in page.get_by_test_id("who").inner_text()
    row = page.locator("[data-testid=legs-table] tbody tr", has_text=booked["voyage"]).first
    assert "6 / 100" in row.inner_text()
    row.locator("button.link").click()
    table = page.get_by_test_id("bookings-table")
    table.wait_for()
    assert table.locator("tbody tr").count() == 2
    assert "Acme Batteries" in table.inner_text() and "Bolt" not in page.content()
    assert "Furniture" not in page.content()
    own = site.client("bolt").get(f"/api/sailings/{booked['voyage']}/bookings").json()
    assert [b["shipper"] for b in own["bookings"]] == ["Bolt Solar"]


def test_a_bad_key_shows_the_api_message(page: Any) -> None:
    page.goto("/#bookings")
    sign_in(page, "not-a-key")
    error = page.locator(".state.error")
    error.wait_for()
    assert "is not a valid API key" in error.inner_text()


def test_berth_plan_gantt(page: Any, shot: Shot) -> None:
    page.goto("/#berths")
    page.get_by_test_id("berth-plan").wait_for()
    assert page.locator("svg.gantt .item.lane rect").count() == 1
    assert page.locator("svg.gantt .item.other rect").count() >= 10
    shot(page, "berths")
