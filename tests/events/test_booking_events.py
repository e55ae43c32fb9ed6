"""Booking events are written after the booking's transaction (``store.booking_events``):
the booking commit leaves one status-change row and no event; a read, the delivery worker or a
restarted server turns every change (none lost, none twice) into its events."""

from __future__ import annotations

import os
from pathlib import Path

from apikit import Server, booking, database, ref, validate
from eventkit import ENV, SECRET, Receiver, published_desk, wait_for
from sqlalchemy import create_engine, text

SPEC = "tnt/TNT_v2.2.0-resolved.yaml"
QUIET = {**ENV, "TRADELANE_EVENT_DELIVERY": "0"}
"""No delivery worker: only reads (and start-up) write booking events."""


def _count(db_url: str, sql: str) -> int:
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(sql)).scalar_one())
    finally:
        engine.dispose()


def _received_confirmed_cancelled(server: Server, units: int) -> tuple[str, str]:
    """Acme's booking (``units`` × 22G1, two with container numbers), confirmed by the carrier
    and cancelled by Acme: its request and carrier references."""
    with server.client("acme") as acme, server.client("carrier") as carrier:
        body = booking("002E", pod="KRPUS", units=units)
        body["shipmentLocations"][0]["location"]["UNLocationCode"] = "CNNGB"
        body["requestedEquipments"][0]["equipmentReferences"] = ["TLNU1234565", "MSCU6639871"]
        created = acme.post("/v2/bookings", json=body)
        assert created.status_code == 202, created.text
        request_ref = created.json()["carrierBookingRequestReference"]
        confirmed = carrier.post(f"/v2/bookings/{request_ref}/confirm")
        assert confirmed.status_code == 200, confirmed.text
        cancelled = acme.patch(f"/v2/bookings/{request_ref}",
                               json={"bookingStatus": "CANCELLED", "reason": "order lost"})
        assert cancelled.status_code == 202, cancelled.text
        return request_ref, str(confirmed.json()["carrierBookingReference"])


def test_booking_commits_write_no_event_and_a_read_writes_each_change_once(
        tmp_path: Path) -> None:
    db_url = database("sqlite", tmp_path, f"bkev_{os.getpid()}")
    server = Server(db_url, published_desk(db_url), env=QUIET)
    try:
        request_ref, carrier_ref = _received_confirmed_cancelled(server, units=3)
        assert _count(db_url, "SELECT count(*) FROM events WHERE booking_id IS NOT NULL") == 0
        assert _count(db_url, "SELECT count(*) FROM booking_status_changes") == 3
        with server.client("acme") as acme:
            first = acme.get("/v2/events", params={"eventType": "SHIPMENT,EQUIPMENT"}).json()
            again = acme.get("/v2/events", params={"eventType": "SHIPMENT,EQUIPMENT"}).json()
    finally:
        server.stop()
    assert again == first
    assert _count(db_url, "SELECT count(*) FROM booking_status_changes") == 0
    shipment = [(e["shipmentEventTypeCode"], e["documentTypeCode"], e["documentID"])
                for e in first if e["eventType"] == "SHIPMENT"]
    assert shipment == [("RECE", "CBR", request_ref), ("CONF", "BKG", carrier_ref),
                        ("VOID", "BKG", carrier_ref)]
    void = next(e for e in first if e.get("shipmentEventTypeCode") == "VOID")
    assert void["reason"] == "order lost"
    equipment = [e for e in first if e["eventType"] == "EQUIPMENT"]
    assert len(equipment) == 4 * 3  # GTIN, LOAD, DISC, GTOT for each of the 3 units
    assert sorted({e.get("equipmentReference") for e in equipment} - {None}) == [
        "MSCU6639871", "TLNU1234565"]
    for event in first:
        validate(SPEC, ref("shipmentEvent" if event["eventType"] == "SHIPMENT"
                           else "equipmentEvent"), event)


def test_changes_left_by_a_killed_server_are_delivered_after_the_restart(
        tmp_path: Path) -> None:
    db_url = database("sqlite", tmp_path, f"bkkill_{os.getpid()}")
    receiver = Receiver()
    server = Server(db_url, published_desk(db_url), env=QUIET)
    try:
        with server.client("acme") as acme:
            r = acme.post("/v2/event-subscriptions", json={
                "callbackUrl": f"{receiver.url}/ok", "secret": SECRET,
                "eventType": ["SHIPMENT"]})
            assert r.status_code == 201, r.text
        _received_confirmed_cancelled(server, units=2)
        server.kill()  # nothing written yet but the three status changes
    except BaseException:
        server.stop()
        receiver.close()
        raise
    assert _count(db_url, "SELECT count(*) FROM events WHERE booking_id IS NOT NULL") == 0
    restarted = Server(db_url, server.keys, env=ENV)
    try:
        assert wait_for(lambda: len(receiver.events("/ok")) >= 3, 20)
    finally:
        restarted.stop()
        receiver.close()
    codes = [e["shipmentEventTypeCode"] for e in receiver.events("/ok")]
    assert codes == ["RECE", "CONF", "VOID"]
