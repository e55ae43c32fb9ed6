"""``/api/vehicles`` over HTTP (in process): roles, order rules, the booking link, bad input,
the public history."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from vehiclekit import Desk, desk_on, vin

CONTAINER = "CSQU3054383"


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    path = Path(tmp_path_factory.mktemp("vehicles")) / "desk.sqlite3"
    with desk_on(f"sqlite:///{path}") as d:
        yield d


def _message(response: Any) -> str:
    return str(response.json()["errors"][0]["errorCodeMessage"])


def _to_deregistration(desk: Desk, vin_: str, inspection: str = "PASS") -> None:
    for step, day, role, extra in (
            ("PURCHASE", 1, "dealer", {}), ("TRANSFER_REGISTRATION", 2, "registrar", {}),
            ("INSPECTION", 3, "inspector", {"inspection": inspection}),
            ("DEREGISTRATION", 4, "registrar", {})):
        r = desk.step(vin_, step, day, role, **extra)
        assert r.status_code == 201, r.text


def test_the_whole_chain_of_a_used_ev_verifies_and_links_its_sailing(desk: Desk) -> None:
    v = vin(101)
    desk.register(v, "BEV")
    _to_deregistration(desk, v)
    ref = desk.book(dg=True, container=CONTAINER)
    assert desk.step(v, "EXPORT_BOOKING", 5, "exporter", booking=ref,
                     container=CONTAINER).status_code == 201
    assert desk.step(v, "LOADED", 6, "carrier").status_code == 201
    assert desk.step(v, "AFTER_SALES", 7, "dealer").status_code == 201
    verify = desk.client.get(f"/api/vehicles/{v}/verify").json()
    assert verify == {"vin": v, "valid": True, "events": 7, "first_bad_event": None}
    page = desk.client.get(f"/api/vehicles/{v}").json()
    assert [e["step"] for e in page["events"]] == [
        "PURCHASE", "TRANSFER_REGISTRATION", "INSPECTION", "DEREGISTRATION",
        "EXPORT_BOOKING", "LOADED", "AFTER_SALES"]
    assert all(e["verified"] for e in page["events"])
    route = page["route"]
    assert (route["pol"], route["pod"], route["containers"]) == ("CNTAO", "USSAV", [CONTAINER])
    assert route["voyage"] and route["vessel"] and route["pol_departure"] < route["pod_arrival"]
    assert {(e["code"], e["container"]) for e in route["at_sea"]
            if e["event_type"] == "EQUIPMENT"} == {
        ("GTIN", CONTAINER), ("LOAD", CONTAINER), ("DISC", CONTAINER), ("GTOT", CONTAINER)}


def test_the_public_history_holds_no_party_and_no_document_reference(desk: Desk) -> None:
    v = vin(102)
    desk.register(v)
    r = desk.step(v, "PURCHASE", 1, "dealer")
    assert r.status_code == 201
    text = desk.client.get(f"/api/vehicles/{v}").text
    assert "PURCHASE-1" not in text and "party" not in text and "Test dealer" not in text
    assert '"documents":1' in text


@pytest.mark.parametrize(("step", "role", "owner"), [
    ("PURCHASE", "registrar", "dealer"), ("INSPECTION", "dealer", "inspector"),
    ("LOADED", "exporter", "carrier"), ("PURCHASE", "buyer", "dealer")])
def test_a_step_by_the_wrong_role_is_403_naming_the_role(desk: Desk, step: str, role: str,
                                                         owner: str) -> None:
    v = vin(103)
    r = desk.step(v, step, 1, role, **({"inspection": "PASS"} if step == "INSPECTION" else {}))
    assert r.status_code == 403
    assert f"is recorded by a {owner}, not by a {role}" in _message(r)


def test_only_a_dealer_registers_and_a_dealer_cannot_book(desk: Desk) -> None:
    r = desk.post("/api/vehicles", {"vin": vin(104), "make": "BYD", "model": "Han",
                                    "year": 2022}, "exporter")
    assert r.status_code == 403 and "dealers do" in _message(r)
    r = desk.post("/v2/bookings", {}, "dealer")
    assert r.status_code in (400, 403)
    r = desk.client.get("/v2/bookings", headers=desk.as_("dealer"))
    assert r.status_code == 403 and "role = 'dealer'" in _message(r)


def test_out_of_order_steps_are_409_naming_the_rule(desk: Desk) -> None:
    v = vin(105)
    desk.register(v)
    r = desk.step(v, "TRANSFER_REGISTRATION", 1, "registrar")
    assert r.status_code == 409 and "no TRANSFER_REGISTRATION before PURCHASE" in _message(r)
    assert desk.step(v, "PURCHASE", 1, "dealer").status_code == 201
    assert desk.step(v, "TRANSFER_REGISTRATION", 2, "registrar").status_code == 201
    ref = desk.book(dg=False)
    r = desk.step(v, "EXPORT_BOOKING", 3, "exporter", booking=ref)
    assert r.status_code == 409 and "no EXPORT_BOOKING before DEREGISTRATION" in _message(r)
    r = desk.step(v, "PURCHASE", 3, "dealer")
    assert r.status_code == 409 and "PURCHASE is recorded once" in _message(r)
    r = desk.step(v, "INSPECTION", 1, "inspector", inspection="PASS")
    assert r.status_code == 409 and "before the previous event" in _message(r)


def test_no_loading_before_a_passed_inspection(desk: Desk) -> None:
    v = vin(106)
    desk.register(v)
    _to_deregistration(desk, v, inspection="FAIL")
    ref = desk.book(dg=False)
    assert desk.step(v, "EXPORT_BOOKING", 5, "exporter", booking=ref).status_code == 201
    r = desk.step(v, "LOADED", 6, "carrier")
    assert r.status_code == 409 and "no LOADED before a passed INSPECTION" in _message(r)
    assert desk.step(v, "INSPECTION", 6, "inspector", inspection="PASS").status_code == 201
    assert desk.step(v, "LOADED", 7, "carrier").status_code == 201


def test_a_used_ev_needs_a_booking_declaring_un3556(desk: Desk) -> None:
    v = vin(107)
    desk.register(v, "BEV")
    _to_deregistration(desk, v)
    r = desk.step(v, "EXPORT_BOOKING", 5, "exporter", booking=desk.book(dg=False))
    assert r.status_code == 409 and "UN3556" in _message(r)
    r = desk.step(v, "EXPORT_BOOKING", 5, "exporter", booking="NO-SUCH-BOOKING")
    assert r.status_code == 404 and "not one of your bookings" in _message(r)
    ref = desk.book(dg=True, container=CONTAINER)
    r = desk.step(v, "EXPORT_BOOKING", 5, "exporter", booking=ref, container="MSCU1234566")
    assert r.status_code == 409 and "not a container of booking" in _message(r)


def test_a_hybrid_is_not_held_to_un3556(desk: Desk) -> None:
    v = vin(112)
    desk.register(v, "PHEV")
    _to_deregistration(desk, v)
    assert desk.step(v, "EXPORT_BOOKING", 5, "exporter",
                     booking=desk.book(dg=False)).status_code == 201


@pytest.mark.parametrize(("body", "field"), [
    ({"vin": "LFV2A21K5E4000101", "make": "BYD", "model": "Han", "year": 2022}, "position 9"),
    ({"vin": "LFV2A21K8E40001O1", "make": "BYD", "model": "Han", "year": 2022}, "letter O"),
    ({"vin": "LFV2A21K8E400010", "make": "BYD", "model": "Han", "year": 2022},
     "17 characters"),
    ({"vin": vin(108), "make": "BYD", "model": "Han", "year": 1800}, "year"),
    ({"vin": vin(108), "make": "", "model": "Han", "year": 2020}, "make"),
])
def test_bad_vehicles_get_one_sentence(desk: Desk, body: dict[str, Any], field: str) -> None:
    r = desk.post("/api/vehicles", body, "dealer")
    assert r.status_code == 400 and field in _message(r)


@pytest.mark.parametrize(("extra", "field"), [
    ({"sha256": "00" * 32}, "sha256"), ({"sequence": 9}, "sequence"),
    ({"recorded_at": "2030-01-01T00:00:00Z"}, "recorded_at"),
    ({"documents": [{"ref": "x", "sha256": "zz" * 32}]}, "documents[0].sha256"),
    ({"documents": [{"ref": "x", "sha256": "ab" * 32}] * 21}, "documents"),
    ({"place": "x" * 101}, "place"), ({"step": "SCRAPPED"}, "step"),
    ({"time": "2031-01-01T00:00:00Z"}, "time"),
    ({"container": "CSQU3054384"}, "container"),
])
def test_bad_steps_and_server_owned_fields_are_400(desk: Desk, extra: dict[str, Any],
                                                   field: str) -> None:
    v = vin(109)
    body = {"step": "PURCHASE", "time": "2029-12-01T00:00:00Z", "place": "Qingdao", **extra}
    r = desk.post(f"/api/vehicles/{v}/events", body, "dealer")
    assert r.status_code == 400, r.text
    assert r.json()["errors"][0]["property"] == field


def test_unknown_vehicles_are_404_and_keys_are_needed_to_write(desk: Desk) -> None:
    v = vin(110)
    assert desk.client.get(f"/api/vehicles/{v}").status_code == 404
    assert desk.client.get(f"/api/vehicles/{v}/verify").status_code == 404
    r = desk.step(v, "PURCHASE", 1, "dealer")
    assert r.status_code == 404
    assert desk.step(v, "PURCHASE", 1, None).status_code == 401
    assert desk.client.get("/api/vehicles/not-a-vin").status_code == 400


@pytest.mark.parametrize(("extra", "field"), [
    ({"place": "Qing\x00dao"}, "place"), ({"booking": "TL\x00A"}, "booking"),
    ({"documents": [{"ref": "a\x07b", "sha256": "ab" * 32}]}, "documents.ref"),
])
def test_control_characters_are_refused(desk: Desk, extra: dict[str, Any], field: str) -> None:
    body = {"step": "EXPORT_BOOKING", "time": "2029-12-01T00:00:00Z", "place": "Qingdao",
            "booking": "TLA", **extra}
    r = desk.post(f"/api/vehicles/{vin(111)}/events", body, "exporter")
    assert r.status_code == 400 and r.json()["errors"][0]["property"] == field
