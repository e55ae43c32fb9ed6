"""Probes of the booking body: forged carrier fields, implausible cargo, cabotage, loose types,
idempotency, unicode and control characters, nesting. Every answer is a DCSA 4xx naming the
field, never a 5xx."""

from __future__ import annotations

import json
from copy import deepcopy
from typing import Any

import pytest
from seckit import Desk, good, post, reference_of, refused, voyage, with_top

CARRIER_FIELDS = {
    "carrierBookingReference": "TLABCDEF123456",
    "feedbacks": [{"severity": "ERROR", "code": "PAYMENT",
                   "message": "send payment to IBAN X"}],
    "bookingStatus": "CONFIRMED",
    "carrierBookingRequestReference": "00000000-0000-0000-0000-000000000000",
}


@pytest.mark.parametrize(("field", "value"), CARRIER_FIELDS.items())
def test_carrier_fields_in_a_shippers_post_are_refused(desk: Desk, field: str, value: Any
                                                       ) -> None:
    with desk.client("acme") as acme:
        r = post(acme, with_top(good(voyage(acme)), **{field: value}))
        refused(r, 400, field, "set by the carrier")


def test_carrier_fields_in_a_put_are_refused_and_never_shown(desk: Desk) -> None:
    with desk.client("acme") as acme, desk.client("carrier") as carrier:
        body = good(voyage(acme))
        reference = reference_of(post(acme, body))
        for field, value in CARRIER_FIELDS.items():
            r = acme.put(f"/v2/bookings/{reference}", json=with_top(body, **{field: value}))
            refused(r, 400, field)
        doc = carrier.get(f"/v2/bookings/{reference}").json()
        assert "carrierBookingReference" not in doc and doc.get("feedbacks", []) == []
        confirmed = carrier.post(f"/v2/bookings/{reference}/confirm").json()
        assert confirmed["carrierBookingReference"] != CARRIER_FIELDS["carrierBookingReference"]
        assert all(f["severity"] != "ERROR" for f in confirmed.get("feedbacks", []))


def test_carrier_cannot_rewrite_a_shippers_booking(desk: Desk) -> None:
    with desk.client("acme") as acme, desk.client("carrier") as carrier:
        body = good(voyage(acme))
        reference = reference_of(post(acme, body))
        refused(carrier.put(f"/v2/bookings/{reference}", json=good(voyage(acme), units=5)),
                403, "only its shipper")
        assert acme.get(f"/v2/bookings/{reference}").json()["requestedEquipments"][0][
            "units"] == 1


@pytest.mark.parametrize(("change", "words"), [
    # 500 t in two 45G1: 250 t a box, the ISO 668 maximum is 30,480 kg with the tare
    ({"ISOEquipmentCode": "45G1", "units": 2,
      "cargoGrossWeight": {"value": 500_000, "unit": "KGM"}}, ("cargoGrossWeight", "ISO 668")),
    ({"ISOEquipmentCode": "22G1", "units": 1,
      "cargoGrossWeight": {"value": 29_000, "unit": "KGM"}}, ("30,480 kg",)),
    ({"ISOEquipmentCode": "45R1", "units": 1,
      "activeReeferSettings": {"temperatureSetpoint": 9999, "temperatureUnit": "CEL"}},
     ("temperatureSetpoint", "set-point range")),
    ({"ISOEquipmentCode": "45R1", "units": 1,
      "activeReeferSettings": {"temperatureSetpoint": -40, "temperatureUnit": "CEL"}},
     ("-35 °C",)),
    ({"ISOEquipmentCode": "45R1", "units": 1,
      "activeReeferSettings": {"temperatureSetpoint": 100, "temperatureUnit": "FAH"}},
     ("°F",)),
])
def test_implausible_cargo_is_refused(desk: Desk, change: dict[str, Any],
                                      words: tuple[str, ...]) -> None:
    with desk.client("acme") as acme:
        refused(post(acme, good(voyage(acme), **change)), 400, *words)


def test_plausible_reefer_and_heavy_box_are_accepted(desk: Desk) -> None:
    with desk.client("acme") as acme:
        reference_of(post(acme, good(voyage(acme), ISOEquipmentCode="45R1", units=1,
                                     activeReeferSettings={"temperatureSetpoint": -18,
                                                           "temperatureUnit": "CEL"})))
        reference_of(post(acme, good(voyage(acme), ISOEquipmentCode="22G1", units=1,
                                     cargoGrossWeight={"value": 28_000, "unit": "KGM"})))


def test_two_ports_of_loading_are_refused(desk: Desk) -> None:
    with desk.client("acme") as acme:
        body = good(voyage(acme))
        body["shipmentLocations"].append(
            {"location": {"UNLocationCode": "CNNGB"}, "locationTypeCode": "POL"})
        refused(post(acme, body), 400, "shipmentLocations[2].locationTypeCode", "twice")


@pytest.mark.parametrize(("pol", "pod"), [("CNTAO", "CNNGB"), ("USSAV", "USCHS")])
def test_cabotage_is_refused_with_the_rule_named(desk: Desk, pol: str, pod: str) -> None:
    with desk.client("acme") as acme:
        body = good(voyage(acme))
        body["shipmentLocations"][0]["location"]["UNLocationCode"] = pol
        body["shipmentLocations"][1]["location"]["UNLocationCode"] = pod
        refused(post(acme, body), 400, "cabotage", pod, "TRADELANE_CABOTAGE_ALLOWED")


@pytest.mark.parametrize(("path", "value"), [
    (("requestedEquipments", 0, "units"), "2"),
    (("requestedEquipments", 0, "units"), True),
    (("requestedEquipments", 0, "units"), 2.5),
    (("requestedEquipments", 0, "isShipperOwned"), "false"),
    (("requestedEquipments", 0, "isShipperOwned"), 0),
    (("requestedEquipments", 0, "cargoGrossWeight", "value"), "12000"),
    (("requestedEquipments", 0, "cargoGrossWeight", "value"), True),
    (("isEquipmentSubstitutionAllowed",), "no"),
    (("carrierExportVoyageNumber",), 3),
])
def test_loose_types_are_refused(desk: Desk, path: tuple[Any, ...], value: Any) -> None:
    with desk.client("acme") as acme:
        body = good(voyage(acme))
        target: Any = body
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        shown = "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in path).lstrip(".")
        refused(post(acme, body), 400, shown)


@pytest.mark.parametrize("number", ["Infinity", "-Infinity", "NaN", "1e999"])
def test_non_finite_numbers_are_refused_without_internal_names(desk: Desk, number: str
                                                               ) -> None:
    with desk.client("acme") as acme:
        text = json.dumps(good(voyage(acme))).replace('"value": 12000', f'"value": {number}')
        sentence = refused(post(acme, text), 400, "cargoGrossWeight.value", "finite number")
        assert "weight_t" not in sentence


def test_idempotency_key_reused_with_another_body_is_422(desk: Desk) -> None:
    with desk.client("acme") as acme, desk.client("bolt") as bolt:
        body = good(voyage(acme))
        first = reference_of(post(acme, body, **{"Idempotency-Key": "order-42"}))
        same = post(acme, json.dumps(body, indent=2), **{"Idempotency-Key": "order-42"})
        assert reference_of(same) == first
        other = good(voyage(acme), units=3)
        refused(post(acme, other, **{"Idempotency-Key": "order-42"}), 422, "Idempotency-Key")
        assert reference_of(post(bolt, other, **{"Idempotency-Key": "order-42"})) != first


@pytest.mark.parametrize("text", ["nul\u0000byte", "bell\u0007", "escape\u001b[31m",
                                  "del\u007f"])
def test_control_characters_are_refused(desk: Desk, text: str) -> None:
    with desk.client("acme") as acme:
        body = good(voyage(acme))
        body["documentParties"]["bookingAgent"]["partyName"] = text
        refused(post(acme, body), 400, "documentParties.bookingAgent.partyName",
                "control character")


def test_unpaired_surrogates_are_refused(desk: Desk) -> None:
    with desk.client("acme") as acme:
        text = json.dumps(good(voyage(acme))).replace('"Acme Batteries"', '"x\\ud800y"')
        refused(post(acme, text), 400, "partyName", "surrogate")


def test_unicode_names_round_trip(desk: Desk) -> None:
    name = "青岛电池 Ünïcødé 🔋 ‮RTL"
    with desk.client("acme") as acme:
        body = good(voyage(acme))
        body["documentParties"]["bookingAgent"]["partyName"] = name
        reference = reference_of(post(acme, body))
        got = acme.get(f"/v2/bookings/{reference}").json()
        assert got["documentParties"]["bookingAgent"]["partyName"] == name


@pytest.mark.parametrize("depth", [40, 5000, 100_000])
def test_deeply_nested_bodies_are_refused(desk: Desk, depth: int) -> None:
    with desk.client("acme") as acme:
        text = json.dumps(good(voyage(acme))).replace(
            '"documentParties": {', '"documentParties": {"deep": ' + "[" * depth + "]" * depth
            + ", ", 1)
        r = post(acme, text)
        assert r.status_code == 400, r.text[:300]


def test_malformed_json_and_wrong_types_of_document(desk: Desk) -> None:
    with desk.client("acme") as acme:
        for text in ("{", "[]", "null", "\"booking\"", "{\"a\": 1}", "\xff\xfe"):
            r = post(acme, text.encode("latin-1"))
            assert r.status_code == 400, (text, r.status_code, r.text[:300])
        r = post(acme, deepcopy(good(voyage(acme))) | {"requestedEquipments": []})
        refused(r, 400, "requestedEquipments")
