"""Helpers of the trade tests: a store with a small hand-made set of bookings.

The bookings go through the booking desk's own operations (rules, commodity shares), on two
weekly sailings CNTAO → USSAV (V1 one week before V2):

| booking | voyage | shipper | equipment | commodities (HS, cargo t) | declared value | state |
|---|---|---|---|---|---|---|
| F | V1 | Acme | 1 × 22G1 | 392490, 10 t | CNY 20,000 | confirmed |
| A | V2 | Acme | 2 × 45G1 (DG UN3556) | 870380, 16 t | CNY 500,000 | confirmed |
| B | V2 | Bolt | 1 × 42G1 | 854143 6 t + 940360 2 t | USD 10,000 | confirmed |
| C | V2 | Acme | 1 × 45R1 reefer −18 °C | 030389, 20 t | none | confirmed |
| D | V2 | Bolt | 1 × 22G1 | 847989, 12 t | CNY 1,000,000 | cancelled |
| E | V2 | Acme | 3 × 42G1 | 850760 (DG UN3480), 30 t | CNY 900,000 | declined |
| G | V2 | Bolt | 1 × 22G1 | 401110, 10 t | CNY 40,000 | received |
"""

from __future__ import annotations

import contextlib
import io
from copy import deepcopy
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from apikit import database as database_url  # noqa: F401 (tests/api, see conftest)
from sqlalchemy import select
from sqlalchemy.orm import Session

from tradelane.api.bookings import operations as ops
from tradelane.api.bookings.schemas import BookingRequest
from tradelane.cli import main
from tradelane.store.db import open_database
from tradelane.store.models import Call, Voyage
from tradelane.store.parties import Caller, add_party

REPO = Path(__file__).resolve().parents[2]
CASE = REPO / "cases" / "shandong-usec.toml"
NOW = datetime(2030, 1, 5, 12, tzinfo=UTC)
START = "2030-01-07T00:00:00Z"



def run_cli(*args: str) -> tuple[int, str, str]:
    """``tradelane ARGS`` in this process: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def _body(voyage: str, lines: list[dict[str, Any]], value: tuple[float, str] | None
          ) -> BookingRequest:
    body: dict[str, Any] = {
        "receiptTypeAtOrigin": "CY", "deliveryTypeAtDestination": "CY",
        "cargoMovementTypeAtOrigin": "FCL", "cargoMovementTypeAtDestination": "FCL",
        "isEquipmentSubstitutionAllowed": False, "documentParties": {},
        "carrierServiceCode": "SUE", "carrierExportVoyageNumber": voyage,
        "shipmentLocations": [
            {"location": {"UNLocationCode": "CNTAO"}, "locationTypeCode": "POL"},
            {"location": {"UNLocationCode": "USSAV"}, "locationTypeCode": "POD"}],
        "requestedEquipments": deepcopy(lines)}
    if value is not None:
        body["declaredValue"], body["declaredValueCurrency"] = value
    return BookingRequest.model_validate(body)


def _line(iso: str, units: int, commodities: list[tuple[str, str, float, str | None]],
          **extra: Any) -> dict[str, Any]:
    kg = sum(c[2] for c in commodities) * 1000
    return {"ISOEquipmentCode": iso, "units": units, "isShipperOwned": False,
            "cargoGrossWeight": {"value": kg, "unit": "KGM"}, **extra,
            "commodities": [
                {"commodityType": kind, "HSCodes": [hs],
                 **({"cargoGrossWeight": {"value": t * 1000, "unit": "KGM"}}
                    if len(commodities) > 1 else {}),
                 **({"outerPackaging": {"dangerousGoods": [
                     {"UNNumber": un, "imoClass": "9", "properShippingName": name}]}}
                    if un else {})}
                for hs, kind, t, un in commodities
                for name in ["VEHICLE, LITHIUM ION BATTERY POWERED" if un == "3556"
                             else "LITHIUM ION BATTERIES"]]}


@dataclass(frozen=True, slots=True)
class HandSet:
    """The store and the ETD days of the two sailings."""

    db_url: str
    etd_v1: date
    etd_v2: date


def hand_set(db_url: str) -> HandSet:
    """Publish 3 weeks from START (manual confirmation) and book the table above."""
    code, _, err = run_cli("publish", str(CASE), "--weeks", "3", "--db", db_url, "--start",
                           START, "--capacity-teu", "100", "--allow-past")
    assert code == 0, err
    sessions = open_database(db_url, pool_size=2)
    with sessions.begin() as session:
        v1, v2, etd1, etd2 = _two_sailings(session)
        acme = _party(session, "Acme Batteries", "shipper")
        bolt = _party(session, "Bolt Solar", "shipper")
        carrier = _party(session, "Tradelane Lines", "carrier")
        book = lambda who, voyage, lines, value: ops.create(  # noqa: E731
            session, who, _body(voyage, lines, value), NOW)
        f = book(acme, v1, [_line("22G1", 1, [("392490", "Plastic household articles", 10,
                                               None)])], (20_000, "CNY"))
        a = book(acme, v2, [_line("45G1", 2, [("870380", "Electric passenger cars", 16,
                                               "3556")])], (500_000, "CNY"))
        b = book(bolt, v2, [_line("42G1", 1, [("854143", "Solar modules", 6, None),
                                              ("940360", "Wooden furniture", 2, None)])],
                 (10_000, "USD"))
        c = book(acme, v2, [_line("45R1", 1, [("030389", "Frozen fish", 20, None)],
                                  activeReeferSettings={"temperatureSetpoint": -18,
                                                        "temperatureUnit": "CEL"})], None)
        d = book(bolt, v2, [_line("22G1", 1, [("847989", "Machinery", 12, None)])],
                 (1_000_000, "CNY"))
        e = book(acme, v2, [_line("42G1", 3, [("850760", "Li-ion batteries", 30, "3480")])],
                 (900_000, "CNY"))
        book(bolt, v2, [_line("22G1", 1, [("401110", "Car tyres", 10, None)])],
             (40_000, "CNY"))
        for ref in (f, a, b, c, d):
            ops.confirm(session, carrier, ref, NOW)
        ops.cancel(session, bolt, d, "order withdrawn", NOW)
        ops.decline(session, carrier, e, "no space", NOW)
    return HandSet(db_url, etd1, etd2)


def _party(session: Session, name: str, role: str) -> Caller:
    party, _ = add_party(session, name, role, NOW)
    return Caller(party.id, party.name, party.role)


def _two_sailings(session: Session) -> tuple[str, str, date, date]:
    """The first two CNTAO sailings at least 4 days after NOW (past every cut-off)."""
    rows = session.execute(
        select(Voyage.carrier_voyage_number, Call.etd).join(Voyage, Voyage.id == Call.voyage_id)
        .where(Call.locode == "CNTAO", Call.etd > NOW + timedelta(days=4))
        .order_by(Call.etd)).all()
    (v1, etd1), (v2, etd2) = rows[0], rows[1]
    assert (etd2 - etd1) == timedelta(days=7)
    return v1, v2, etd1.date(), etd2.date()
