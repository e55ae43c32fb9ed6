"""The OpenAPI document carries an example for every request body, and the booking example
is accepted by the live server."""

from __future__ import annotations

from copy import deepcopy

from apikit import Server, sailings


def test_every_request_body_has_an_example(server: Server) -> None:
    with server.client() as c:
        spec = c.get("/openapi.json").json()
    bodies = {(method, path): op["requestBody"] for path, item in spec["paths"].items()
              for method, op in item.items() if "requestBody" in op}
    assert {("post", "/v2/bookings"), ("put", "/v2/bookings/{bookingReference}"),
            ("patch", "/v2/bookings/{bookingReference}")} <= set(bodies)
    for where, body in bodies.items():
        examples = body["content"]["application/json"].get("examples")
        assert examples, where
    booking = bodies[("post", "/v2/bookings")]["content"]["application/json"]["examples"]
    value = next(iter(booking.values()))["value"]
    pod = [x for x in value["shipmentLocations"] if x["locationTypeCode"] == "POD"]
    assert pod[0]["location"]["UNLocationCode"] == "USSAV"
    kinds = {e["ISOEquipmentCode"] for e in value["requestedEquipments"]}
    assert "45R1" in kinds


def test_the_booking_example_is_accepted(server: Server) -> None:
    with server.client() as c:
        spec = c.get("/openapi.json").json()
    example = spec["paths"]["/v2/bookings"]["post"]["requestBody"]["content"][
        "application/json"]["examples"]["battery-and-reefer"]["value"]
    with server.client("acme") as acme:
        body = deepcopy(example)
        body["carrierExportVoyageNumber"] = sailings(acme, "CNTAO", "USSAV")[-1]
        r = acme.post("/v2/bookings", json=body)
        assert r.status_code == 202, r.text
        got = acme.get(f"/v2/bookings/{r.json()['carrierBookingRequestReference']}").json()
        assert got["requestedEquipments"][1]["activeReeferSettings"]["temperatureSetpoint"] \
            == -18
