"""Booking flows over real HTTP on a real SQLite file, responses checked against DCSA schemas."""

from __future__ import annotations

from typing import Any

import pytest
from apikit import Server, booking, ref, sailings, validate
from sqlalchemy import create_engine, text


def _post(server: Server, who: str, body: dict[str, Any]) -> Any:
    with server.client(who) as c:
        return c.post("/v2/bookings", json=body)


def _error_sentence(response: Any) -> str:
    assert 400 <= response.status_code < 500, response.text
    doc = response.json()
    validate("bkg/BKG_v2.0.4.yaml", ref("ErrorResponse"), doc)
    return str(doc["errors"][0]["errorCodeMessage"])


def test_book_get_confirm_cancel(server: Server) -> None:
    with server.client("acme") as acme, server.client("carrier") as carrier:
        voyage = sailings(acme)[1]
        r = acme.post("/v2/bookings", json=booking(voyage, units=2))
        assert r.status_code == 202
        validate("bkg/BKG_v2.0.4.yaml", ref("CreateBookingResponse"), r.json())
        reference = r.json()["carrierBookingRequestReference"]
        got = acme.get(f"/v2/bookings/{reference}")
        assert got.status_code == 200 and got.json()["bookingStatus"] == "RECEIVED"
        validate("bkg/BKG_v2.0.4.yaml", ref("Booking"), got.json())
        assert acme.post(f"/v2/bookings/{reference}/confirm").status_code == 403
        confirmed = carrier.post(f"/v2/bookings/{reference}/confirm")
        assert confirmed.status_code == 200, confirmed.text
        assert confirmed.json()["bookingStatus"] == "CONFIRMED"
        assert confirmed.json()["carrierBookingReference"]
        update = booking(voyage, units=3)
        assert acme.put(f"/v2/bookings/{reference}", json=update).status_code == 202
        assert acme.get(f"/v2/bookings/{reference}").json()["bookingStatus"] == "UPDATE_RECEIVED"
        cancel = acme.patch(f"/v2/bookings/{reference}", json={"bookingStatus": "CANCELLED"})
        assert cancel.status_code == 202
        assert acme.get(f"/v2/bookings/{reference}").json()["bookingStatus"] == "CANCELLED"
        again = acme.patch(f"/v2/bookings/{reference}", json={"bookingStatus": "CANCELLED"})
        assert again.status_code == 409


def test_shipper_isolation_and_forged_key(server: Server) -> None:
    with server.client("acme") as acme, server.client("bolt") as bolt:
        reference = acme.post("/v2/bookings", json=booking(sailings(acme)[1])).json()[
            "carrierBookingRequestReference"]
        assert bolt.get(f"/v2/bookings/{reference}").status_code == 404
        assert bolt.patch(f"/v2/bookings/{reference}",
                          json={"bookingStatus": "CANCELLED"}).status_code == 404
        with server.client() as anonymous:
            forged = anonymous.get(f"/v2/bookings/{reference}",
                                   headers={"Authorization": "Bearer tl_forged"})
            assert forged.status_code == 401
            assert "Authorization" in _error_sentence(forged)
            assert anonymous.get(f"/v2/bookings/{reference}").status_code == 401


def test_capacity_declines_whole_booking_naming_leg_and_shortfall(server: Server) -> None:
    with server.client("acme") as acme, server.client("carrier") as carrier:
        voyage = sailings(acme)[2]
        first = acme.post("/v2/bookings", json=booking(voyage, iso="45G1", units=30)).json()
        second = acme.post("/v2/bookings", json=booking(voyage, iso="45G1", units=30)).json()
        ok = carrier.post(f"/v2/bookings/{first['carrierBookingRequestReference']}/confirm")
        assert ok.json()["bookingStatus"] == "CONFIRMED"
        refused = carrier.post(
            f"/v2/bookings/{second['carrierBookingRequestReference']}/confirm")
        assert refused.status_code == 409
        sentence = _error_sentence(refused)
        assert "CNTAO-CNNGB" in sentence and "20 TEU" in sentence
        status = acme.get(f"/v2/bookings/{second['carrierBookingRequestReference']}").json()
        assert status["bookingStatus"] == "DECLINED"


def test_tonnes_shortfall_named(server: Server) -> None:
    """A leg with 50 t left: 3 × 22G1 of 20 t cargo (+ 2.2 t tare each) are 16.6 t short."""
    with server.client("acme") as acme, server.client("carrier") as carrier:
        voyage = sailings(acme)[3]
        _set_first_leg_tonnes(server.db_url, voyage, 50.0)
        body = booking(voyage, units=3, cargoGrossWeight={"value": 60_000, "unit": "KGM"})
        reference = acme.post("/v2/bookings", json=body).json()["carrierBookingRequestReference"]
        refused = carrier.post(f"/v2/bookings/{reference}/confirm")
        assert refused.status_code == 409
        sentence = _error_sentence(refused)
        assert "16.6 t" in sentence and ".." not in sentence


def _set_first_leg_tonnes(db_url: str, voyage: str, capacity_t: float) -> None:
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text(
            "UPDATE legs SET capacity_t = :t WHERE from_call_id = (SELECT calls.id FROM calls "
            "JOIN voyages ON calls.voyage_id = voyages.id WHERE voyages.carrier_voyage_number "
            "= :v AND calls.locode = 'CNTAO')"), {"t": capacity_t, "v": voyage})
    engine.dispose()


DG = {"UNNumber": "3480", "imoClass": "9", "properShippingName": "LITHIUM ION BATTERIES"}


def _with_dg(voyage: str, **dg: Any) -> dict[str, Any]:
    line = {**DG, **dg}
    return booking(voyage, commodities=[{"commodityType": "Li-ion batteries",
                                         "HSCodes": ["850760"],
                                         "outerPackaging": {"dangerousGoods": [line]}}])


@pytest.mark.parametrize(("body_of", "field"), [
    (lambda v: _with_dg(v, UNNumber="9999"), "UNNumber"),
    (lambda v: _with_dg(v, imoClass="3"), "imoClass"),
    (lambda v: _with_dg(v, packingGroup=2), "packingGroup"),
    (lambda v: booking(v, commodities=[{"commodityType": "Li-ion batteries",
                                        "HSCodes": ["850760"]}]), "dangerousGoods"),
    (lambda v: booking(v, iso="99X9"), "ISOEquipmentCode"),
    (lambda v: booking(v, iso="45R1"), "activeReeferSettings"),
    (lambda v: booking(v, equipmentReferences=["not-a-box"]), "equipmentReferences[0]"),
    (lambda v: booking(v, pod="XXZZZ"), "UNLocationCode"),
    (lambda v: booking("999X"), "carrierExportVoyageNumber"),
    (lambda v: booking(v, units=0), "units"),
])
def test_rule_violations_are_400_naming_the_field(server: Server, body_of: Any,
                                                   field: str) -> None:
    with server.client("acme") as acme:
        r = acme.post("/v2/bookings", json=body_of(sailings(acme)[1]))
    assert r.status_code == 400, r.text
    assert field in _error_sentence(r)


def test_cut_offs(server: Server) -> None:
    """First sailing: ETD CNTAO 2030-01-08 00:00, clock 2030-01-05 12:00 → DG (72 h) closed,
    general and reefer (24 h) open."""
    with server.client("acme") as acme:
        first = sailings(acme)[0]
        dg = acme.post("/v2/bookings", json=_with_dg(first))
        assert "dangerous goods cut-off" in _error_sentence(dg)
        reefer = booking(first, iso="45R1", activeReeferSettings={
            "temperatureSetpoint": -18, "temperatureUnit": "CEL"})
        assert acme.post("/v2/bookings", json=reefer).status_code == 202
        assert acme.post("/v2/bookings", json=_with_dg(sailings(acme)[1])).status_code == 202


def test_check_digit_failures_are_warnings(server: Server) -> None:
    with server.client("acme") as acme:
        body = booking(sailings(acme)[1], units=2,
                       equipmentReferences=["CSQU3054383", "CSQU3054384"])
        body["vessel"] = {"name": "SUE 02", "vesselIMONumber": "9074728"}
        r = acme.post("/v2/bookings", json=body)
        assert r.status_code == 202
        doc = acme.get(f"/v2/bookings/{r.json()['carrierBookingRequestReference']}").json()
        warned = " ".join(f["message"] for f in doc["feedbacks"])
        assert "CSQU3054384" in warned and "CSQU3054383" not in warned and "9074728" in warned


def test_idempotency_key_gives_one_booking(server: Server) -> None:
    with server.client("acme") as acme:
        body = booking(sailings(acme)[1])
        refs = {acme.post("/v2/bookings", json=body, headers={"Idempotency-Key": "k-1"}).json()[
            "carrierBookingRequestReference"] for _ in range(3)}
        assert len(refs) == 1


def test_malformed_body_is_400_dcsa_error(server: Server) -> None:
    with server.client("acme") as acme:
        r = acme.post("/v2/bookings", json={"receiptTypeAtOrigin": "XX"})
    assert r.status_code == 400
    assert "receiptTypeAtOrigin" in _error_sentence(r)


def test_shortfall_on_a_later_leg_takes_nothing_from_the_earlier_legs(server: Server) -> None:
    """CNTAO → KRPUS uses two legs; the second is nearly full, so the booking is declined and
    the first leg keeps all its space (a later 100-TEU booking on it still fits)."""
    with server.client("acme") as acme, server.client("carrier") as carrier:
        voyage = sailings(acme)[4]

        def confirm(body: dict[str, Any]) -> Any:
            ref = acme.post("/v2/bookings", json=body).json()["carrierBookingRequestReference"]
            return carrier.post(f"/v2/bookings/{ref}/confirm")

        second_leg = booking(voyage, pod="KRPUS", iso="45G1", units=45)
        second_leg["shipmentLocations"][0]["location"]["UNLocationCode"] = "CNNGB"
        assert confirm(second_leg).status_code == 200
        both_legs = confirm(booking(voyage, pod="KRPUS", iso="45G1", units=10))
        assert both_legs.status_code == 409 and "CNNGB-KRPUS" in _error_sentence(both_legs)
        first_leg_full = confirm(booking(voyage, pod="CNNGB", iso="45G1", units=50))
        assert first_leg_full.status_code == 200, first_leg_full.text
