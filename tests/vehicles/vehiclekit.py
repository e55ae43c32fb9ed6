"""Helpers of the used-car chain tests: a published desk with one party per role, VINs."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from apikit import database  # noqa: F401 (tests/api, see conftest)
from fastapi.testclient import TestClient

from tradelane.api.app import create_app
from tradelane.cli import main
from tradelane.settings import Settings

REPO = Path(__file__).resolve().parents[2]
CASE = REPO / "cases" / "shandong-usec.toml"
NOW = "2030-01-05T12:00:00Z"
START = "2030-01-07T00:00:00Z"
ROLES = ("dealer", "registrar", "inspector", "exporter", "carrier", "buyer", "shipper")
_TRANSLITERATION = {**{str(d): d for d in range(10)},
                    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
                    **dict(zip("JKLMN", range(1, 6), strict=True)), "P": 7, "R": 9,
                    **dict(zip("STUVWXYZ", range(2, 10), strict=True))}
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def vin(serial: int, wmi_vds: str = "LFV2A21K", year_plant: str = "E4") -> str:
    """A VIN with a correct position-9 check digit (49 CFR 565.15 written out here, apart
    from the product's library)."""
    body = f"{wmi_vds}0{year_plant}{serial:06d}"
    total = sum(_TRANSLITERATION[c] * w for c, w in zip(body, _WEIGHTS, strict=True))
    digit = "X" if total % 11 == 10 else str(total % 11)
    return body[:8] + digit + body[9:]


def cli(*args: str) -> tuple[int, str, str]:
    """Run ``tradelane ARGS`` in this process: exit status, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()



def prepare(db_url: str) -> dict[str, str]:
    """Publish 8 weeks of the reference case on ``db_url``; one party per role: their keys."""
    code, _, err = cli("publish", str(CASE), "--weeks", "8", "--db", db_url, "--start", START,
                       "--capacity-teu", "100", "--auto-confirm")
    assert code == 0, err
    keys = {}
    for role in ROLES:
        code, out, err = cli("parties", "add", f"Test {role}", "--role", role, "--db", db_url)
        assert code == 0, err
        keys[role] = out.strip()
    return keys


class Desk:
    """An in-process API on a prepared database, and a client per role."""

    def __init__(self, db_url: str) -> None:
        self.db_url = db_url
        self.keys = prepare(db_url)
        settings = Settings(db_url=db_url, now=NOW, cabotage_allowed=["CN"])
        self.client = TestClient(create_app(settings))

    def as_(self, role: str | None) -> dict[str, str]:
        """The Authorization header of ``role`` (none for ``None``)."""
        return {"Authorization": f"Bearer {self.keys[role]}"} if role else {}

    def post(self, path: str, body: Any, role: str | None) -> Any:
        return self.client.post(path, json=body, headers=self.as_(role))

    def register(self, vin_: str, powertrain: str = "ICE") -> None:
        r = self.post("/api/vehicles", {"vin": vin_, "make": "Volkswagen", "model": "Sagitar",
                                        "year": 2019, "powertrain": powertrain}, "dealer")
        assert r.status_code == 201, r.text

    def step(self, vin_: str, step: str, day: int, role: str, **extra: Any) -> Any:
        body = {"step": step, "time": f"2029-12-{day:02d}T09:00:00Z", "place": "CNTAO",
                "documents": [{"ref": f"{step}-1", "sha256": "ab" * 32}], **extra}
        return self.post(f"/api/vehicles/{vin_}/events", body, role)

    def book(self, *, dg: bool, container: str | None = None) -> str:
        """An exporter's confirmed booking of 1 × 40' of used cars; its request reference."""
        routes = self.client.get("/v1/point-to-point-routes", params={
            "placeOfReceipt": "CNTAO", "placeOfDelivery": "USSAV"}).json()
        voyage = routes[-1]["legs"][0]["transport"]["servicePartners"][0][
            "carrierExportVoyageNumber"]
        commodity: dict[str, Any] = {"commodityType": "Used cars", "HSCodes": ["870380"]}
        if dg:
            commodity["outerPackaging"] = {"dangerousGoods": [{
                "UNNumber": "3556", "imoClass": "9",
                "properShippingName": "VEHICLE, LITHIUM ION BATTERY POWERED"}]}
        equipment: dict[str, Any] = {
            "ISOEquipmentCode": "42G1", "units": 1, "isShipperOwned": False,
            "cargoGrossWeight": {"value": 8000, "unit": "KGM"}, "commodities": [commodity]}
        if container:
            equipment["equipmentReferences"] = [container]
        body = {"receiptTypeAtOrigin": "CY", "deliveryTypeAtDestination": "CY",
                "cargoMovementTypeAtOrigin": "FCL", "cargoMovementTypeAtDestination": "FCL",
                "isEquipmentSubstitutionAllowed": False,
                "documentParties": {"bookingAgent": {"partyName": "Test exporter"}},
                "carrierServiceCode": "SUE", "carrierExportVoyageNumber": voyage,
                "shipmentLocations": [
                    {"location": {"UNLocationCode": "CNTAO"}, "locationTypeCode": "POL"},
                    {"location": {"UNLocationCode": "USSAV"}, "locationTypeCode": "POD"}],
                "requestedEquipments": [equipment]}
        r = self.post("/v2/bookings", body, "exporter")
        assert r.status_code == 202, r.text
        return str(r.json()["carrierBookingRequestReference"])


@contextlib.contextmanager
def desk_on(db_url: str) -> Iterator[Desk]:
    desk = Desk(db_url)
    with desk.client:
        yield desk
