"""``/v2/events``, ``/v2/event-subscriptions`` and the carrier's actuals on a live server:
documents valid against the vendored T&T 2.2 schemas, filters, paging, shipper isolation,
callback URL checks, EST events after a known delay."""

from __future__ import annotations

from datetime import datetime

import pytest
from apikit import Server, ref, validate
from eventkit import SECRET

SPEC = "tnt/TNT_v2.2.0-resolved.yaml"
SCHEMAS = {"TRANSPORT": "transportEvent", "EQUIPMENT": "equipmentEvent",
           "SHIPMENT": "shipmentEvent"}
ACTUALS = "/api/voyages/SUE/002E/calls/CNTAO/actuals"


def _all(server: Server, who: str, **params: str) -> list[dict]:
    items, cursor = [], None
    with server.client(who) as c:
        while True:
            r = c.get("/v2/events", params={"cursor": cursor} if cursor else
                      {**params, "limit": "50"})
            assert r.status_code == 200, r.text
            items += r.json()
            cursor = r.headers.get("Next-Page-Cursor")
            if not cursor:
                return items


def _recorded(server: Server) -> dict:
    """Record (once per server) SUE 03 arriving at Qingdao 48 h late."""
    if "recorded" not in server.keys:
        with server.client("carrier") as c:
            r = c.post(ACTUALS, json={"transportEventTypeCode": "ARRI",
                                      "eventDateTime": "2030-01-09T00:00:00Z",
                                      "delayReasonCode": "WEA"})
            assert r.status_code == 201, r.text
            server.keys["recorded"] = r.text
    import json
    return dict(json.loads(server.keys["recorded"]))


def test_every_event_validates_against_the_spec(desk: Server) -> None:
    _recorded(desk)
    events = _all(desk, "carrier")
    kinds = {(e["eventType"], e["eventClassifierCode"]) for e in events}
    assert {("TRANSPORT", "PLN"), ("TRANSPORT", "ACT"), ("TRANSPORT", "EST"),
            ("SHIPMENT", "ACT"), ("EQUIPMENT", "PLN")} <= kinds
    for event in events:
        validate(SPEC, ref(SCHEMAS[event["eventType"]]), event)
    codes = {e.get("equipmentEventTypeCode") for e in events} - {None}
    assert codes == {"GTIN", "LOAD", "DISC", "GTOT"}
    shipment = {e["shipmentEventTypeCode"] for e in events if e["eventType"] == "SHIPMENT"}
    assert shipment == {"RECE", "CONF"}
    one = events[0]
    with desk.client("carrier") as c:
        assert c.get(f"/v2/events/{one['eventID']}").json() == one


def test_known_delay_gives_the_hand_calculated_estimates(desk: Server) -> None:
    answer = _recorded(desk)
    ests = {e["UNLocationCode"]: e for e in answer["estimates"]}
    # Qingdao: arrived 48 h late, keeps its 24 h stay: departs 2030-01-10 00:00 (planned
    # 01-08 00:00). Ningbo is then reached at the class maximum (24 kn) over the leg sailed in
    # 28 h 20 min at the planned speed: the leg's distance over 24 kn, never before the plan.
    assert ests["CNTAO"]["estimatedDeparture"] == "2030-01-10T00:00:00Z"
    ningbo = datetime.fromisoformat(ests["CNNGB"]["estimatedArrival"])
    assert ningbo > datetime.fromisoformat("2030-01-10T00:00:00+00:00")
    est_events = _all(desk, "carrier", eventType="TRANSPORT", transportEventTypeCode="ARRI")
    latest = {e["transportCall"]["UNLocationCode"]: e["eventDateTime"] for e in est_events
              if e["eventClassifierCode"] == "EST" and "documentReferences" not in e}
    assert latest["CNNGB"] == ests["CNNGB"]["estimatedArrival"]
    assert answer["notifiedBookings"] == [desk.keys["booking"]]  # Busan moved > 24 h


def test_shippers_see_only_their_bookings(desk: Server) -> None:
    _recorded(desk)
    assert _all(desk, "bolt") == []
    acme = _all(desk, "acme")
    ports = {e["transportCall"]["UNLocationCode"] for e in acme if "transportCall" in e}
    assert ports == {"CNNGB", "KRPUS"}  # its POL and POD, not Qingdao
    assert all(e["transportCall"]["vessel"]["vesselName"] == "SUE 03"
               for e in acme if "transportCall" in e)
    notice = [e for e in acme if e.get("documentReferences") and
              e["eventType"] == "TRANSPORT"]
    assert notice and "moved by" in notice[0]["changeRemark"]
    carrier_only = next(e for e in _all(desk, "carrier") if e["eventType"] == "TRANSPORT"
                    and e["transportCall"]["UNLocationCode"] == "CNTAO")
    with desk.client("acme") as c:
        assert c.get(f"/v2/events/{carrier_only['eventID']}").status_code == 404


def test_filters(desk: Server) -> None:
    _recorded(desk)
    ref_ = desk.keys["booking"]
    mine = _all(desk, "carrier", carrierBookingReference=ref_)
    assert mine and all(e["eventType"] != "SHIPMENT" or e["documentID"] == ref_
                        or e["documentTypeCode"] == "CBR" for e in mine)
    acts = _all(desk, "carrier", eventType="TRANSPORT", UNLocationCode="CNTAO",
                transportEventTypeCode="ARRI")
    assert {e["eventClassifierCode"] for e in acts} >= {"PLN", "ACT"}
    assert _all(desk, "carrier", shipmentEventTypeCode="CONF",
                equipmentEventTypeCode="LOAD") == []
    newest = _all(desk, "carrier", sort="eventCreatedDateTime:DESC")
    assert newest[0]["eventCreatedDateTime"] >= newest[-1]["eventCreatedDateTime"]
    with desk.client("carrier") as c:
        for bad in ({"eventType": "CARGO"}, {"sort": "vesselName"}, {"colour": "red"},
                    {"eventCreatedDateTime:gte": "yesterday"}):
            r = c.get("/v2/events", params=bad)
            assert r.status_code == 400, bad
            assert next(iter(bad)) in r.json()["errors"][0]["property"]


@pytest.mark.parametrize("url", [
    "ftp://example.com/cb", "file:///etc/passwd", "not a url", "http://169.254.169.254/x",
    "http://0.0.0.0:9/x"])
def test_bad_callback_urls_are_refused(desk: Server, url: str) -> None:
    with desk.client("acme") as c:
        r = c.post("/v2/event-subscriptions", json={"callbackUrl": url, "secret": SECRET})
        assert r.status_code == 400, r.text
        assert r.json()["errors"][0]["property"] == "callbackUrl"


def test_callback_at_the_server_itself_is_refused(desk: Server) -> None:
    with desk.client("acme") as c:
        for url in (f"{desk.url}/v2/bookings", f"http://localhost:{desk.port}/x"):
            r = c.post("/v2/event-subscriptions", json={"callbackUrl": url, "secret": SECRET})
            assert r.status_code == 400 and "this server" in r.text, url


def test_subscription_lifecycle_and_secrets(desk: Server) -> None:
    with desk.client("acme") as c, desk.client("bolt") as other:
        bad = c.post("/v2/event-subscriptions", json={"callbackUrl": "http://127.0.0.1:9/x",
                                                      "secret": "not base64!"})
        assert bad.status_code == 400 and bad.json()["errors"][0]["property"] == "secret"
        made = c.post("/v2/event-subscriptions", json={
            "callbackUrl": "http://127.0.0.1:9/x", "secret": SECRET,
            "eventType": ["TRANSPORT"], "transportEventTypeCode": ["ARRI"]})
        assert made.status_code == 201, made.text
        sub = made.json()
        assert "secret" not in sub and sub["deliveryStatus"] == "ACTIVE"
        validate(SPEC, ref("subscription"), sub)
        sid = sub["subscriptionID"]
        assert other.get(f"/v2/event-subscriptions/{sid}").status_code == 404
        assert [s["subscriptionID"] for s in c.get("/v2/event-subscriptions").json()] == [sid]
        changed = c.put(f"/v2/event-subscriptions/{sid}", json={
            "subscriptionID": sid, "callbackUrl": "http://127.0.0.1:9/y",
            "eventType": ["SHIPMENT"]})
        assert changed.status_code == 200 and changed.json()["eventType"] == ["SHIPMENT"]
        assert c.put(f"/v2/event-subscriptions/{sid}", json={
            "callbackUrl": "http://127.0.0.1:9/y", "secret": SECRET}).status_code == 400
        assert c.put(f"/v2/event-subscriptions/{sid}/secret",
                     json={"secret": SECRET}).status_code == 204
        assert c.delete(f"/v2/event-subscriptions/{sid}").status_code == 204
        assert c.get(f"/v2/event-subscriptions/{sid}").status_code == 404


def test_only_the_carrier_records_actuals(desk: Server) -> None:
    with desk.client("acme") as c:
        r = c.post(ACTUALS, json={"transportEventTypeCode": "DEPA",
                                  "eventDateTime": "2030-01-08T00:00:00Z"})
        assert r.status_code == 403
    with desk.client("carrier") as c:
        future = c.post(ACTUALS, json={"transportEventTypeCode": "DEPA",
                                       "eventDateTime": "2030-02-01T00:00:00Z"})
        assert future.status_code == 400 and "future" in future.text
        wrong = c.post("/api/voyages/SUE/002E/calls/USNYC/actuals", json={
            "transportEventTypeCode": "ARRI", "eventDateTime": "2030-01-08T00:00:00Z"})
        assert wrong.status_code == 400 and wrong.json()["errors"][0]["property"] == "locode"


def test_voyage_status_gives_each_call_planned_and_best_known_times(desk: Server) -> None:
    answer = _recorded(desk)
    with desk.client("acme") as c:
        assert c.get("/api/voyages/status").status_code == 403
    with desk.client("carrier") as c:
        r = c.get("/api/voyages/status")
    assert r.status_code == 200, r.text
    doc = r.json()
    assert doc["service"] == "SUE" and doc["recorded"] is True
    ship = next(s for s in doc["ships"] if s["vesselName"] == "SUE 03")
    qingdao = next(c for c in ship["calls"] if c["UNLocationCode"] == "CNTAO"
                   and c["exportVoyageNumber"] == "002E")
    # recorded 48 h late: 2030-01-09 00:00 against the planned 2030-01-07 00:00
    assert (qingdao["arrival"], qingdao["arrivalClassifier"]) == ("2030-01-09T00:00:00Z", "ACT")
    assert qingdao["plannedArrival"] == "2030-01-07T00:00:00Z"
    assert qingdao["delayHours"] == 48.0
    assert (qingdao["departure"], qingdao["departureClassifier"]) == ("2030-01-10T00:00:00Z",
                                                                     "EST")
    ests = {e["UNLocationCode"]: e for e in answer["estimates"]}
    ningbo = next(c for c in ship["calls"] if c["UNLocationCode"] == "CNNGB"
                  and c["exportVoyageNumber"] == "002E")
    assert (ningbo["arrival"], ningbo["arrivalClassifier"]) == (
        ests["CNNGB"]["estimatedArrival"], "EST")
    untouched = next(s for s in doc["ships"] if s["vesselName"] != "SUE 03")
    assert {c["arrivalClassifier"] for c in untouched["calls"]} == {"PLN"}
    assert all(c["delayHours"] == 0 for c in untouched["calls"])
