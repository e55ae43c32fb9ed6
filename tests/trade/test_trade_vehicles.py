"""Used cars counted from the used-car chain: the cars of a booking that a vehicle's
EXPORT_BOOKING step names are "used cars", whatever their commodity type says; the commodity
type ("used …") stays the fallback for bookings no vehicle names.

By hand, on one sailing (all confirmed):

- U (Export Co): 1 × 42G1 (container C1) of 870323 "Passenger cars" 3 t and 870380 "Electric
  passenger cars" 3 t (UN3556), and 1 × 22G1 of 940360 "Wooden furniture" 5 t; two vehicles
  (ICE, BEV) name U and C1 in their EXPORT_BOOKING step.
- W (Volt Cars): 1 × 45G1 of 870380 "Electric passenger cars" 16 t (UN3556); no vehicle.
- X (Volt Cars): 1 × 22G1 of 870323 "Used cars" 8 t; no vehicle.

U's 40' splits by weight: 1 TEU each car line. Used cars: U 1 + 1 + X 1 = 3 TEU; electric
passenger cars (new three): W 2 TEU; furniture: 1 TEU. Total 6 TEU, new three 2 / 6 = 33.33 %
(without the link U's EV line would count too: 3 / 6 = 50 %).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from tradekit import CASE, NOW, START, _body, _line, _party, _two_sailings, database_url, run_cli

from tradelane.api.bookings import operations as ops
from tradelane.app.vehicles import (
    Document,
    NewVehicle,
    NewVehicleStep,
    record_step,
    register_vehicle,
)
from tradelane.store.db import open_database

CARS = (("1M8GDM9AXKP042788", "ICE"), ("LFV2A21K6E4123456", "BEV"))
C1 = "MSKU9070323"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def linked(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[tuple[str, str]]:
    """The bookings above with the two vehicles' chains up to EXPORT_BOOKING: (url, day)."""
    url = database_url(request.param, Path(tmp_path_factory.mktemp("used")), "trade_used")
    code, _, err = run_cli("publish", str(CASE), "--weeks", "3", "--db", url, "--start",
                           START, "--capacity-teu", "100", "--allow-past")
    assert code == 0, err
    sessions = open_database(url, pool_size=2)
    with sessions.begin() as session:
        _, voyage, _, etd = _two_sailings(session)
        exporter = _party(session, "Export Co", "exporter")
        volt = _party(session, "Volt Cars", "shipper")
        carrier = _party(session, "Tradelane Lines", "carrier")
        roles = {r: _party(session, f"Test {r}", r) for r in ("dealer", "registrar",
                                                               "inspector")}
        u = ops.create(session, exporter, _body(voyage, [
            _line("42G1", 1, [("870323", "Passenger cars", 3, None),
                              ("870380", "Electric passenger cars", 3, "3556")],
                  equipmentReferences=[C1]),
            _line("22G1", 1, [("940360", "Wooden furniture", 5, None)])], None), NOW)
        w = ops.create(session, volt, _body(voyage, [
            _line("45G1", 1, [("870380", "Electric passenger cars", 16, "3556")])], None), NOW)
        x = ops.create(session, volt, _body(voyage, [
            _line("22G1", 1, [("870323", "Used cars", 8, None)])], None), NOW)
        for ref in (u, w, x):
            ops.confirm(session, carrier, ref, NOW)
        paper = (Document("doc-1", "ab" * 32),)
        for vin, powertrain in CARS:
            register_vehicle(session, roles["dealer"],
                             NewVehicle(vin, "Volkswagen", "Sagitar", 2019, powertrain), NOW)
            for day, (step, who, extra) in enumerate((
                    ("PURCHASE", roles["dealer"], {}),
                    ("TRANSFER_REGISTRATION", roles["registrar"], {}),
                    ("INSPECTION", roles["inspector"], {"inspection": "PASS"}),
                    ("DEREGISTRATION", roles["registrar"], {}),
                    ("EXPORT_BOOKING", exporter, {"booking": u, "container": C1}))):
                record_step(session, who, vin, NewVehicleStep(
                    step, NOW - timedelta(days=6 - day), "CNTAO", paper, **extra), NOW)
    sessions.kw["bind"].dispose()
    yield url, etd.isoformat()


def _report(url: str, day: str, by: str) -> dict:
    code, out, err = run_cli("report", "trade", "--db", url, "--from", day, "--to", day,
                             "--by", by, "--format", "json")
    assert code == 0, err
    return dict(json.loads(out))


def test_the_linked_booking_s_cars_are_used_cars(linked: tuple[str, str]) -> None:
    doc = _report(*linked, "commodity")
    rows = {r["group"]: r["teu"] for r in doc["rows"]}
    assert rows == {"used cars": 3.0, "electric passenger cars": 2.0,
                    "furniture and lighting": 1.0}
    assert doc["total"]["teu"] == 6.0
    assert doc["total"]["new_three_share_pct"] == 33.33


def test_the_hs_view_keeps_the_codes(linked: tuple[str, str]) -> None:
    rows = {r["group"]: r for r in _report(*linked, "hs")["rows"]}
    assert {g: r["teu"] for g, r in rows.items()} == {"8703.23": 2.0, "8703.80": 3.0,
                                                       "9403.60": 1.0}
    assert rows["8703.80"]["new_three_share_pct"] == pytest.approx(66.67)  # W's 2 of 3
