"""Fixtures: a published SQLite database, parties, a live uvicorn server, DCSA schemas."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
from collections.abc import Iterator
from copy import deepcopy
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, text

from tradelane.cli import main
from tradelane_bench.local_server import LocalServer

REPO = Path(__file__).resolve().parents[2]
CASE = REPO / "cases" / "shandong-usec.toml"
NOW = "2030-01-05T12:00:00Z"
START = "2030-01-07T00:00:00Z"


def shared_dir() -> Path:
    """``$TRADELANE_SHARED`` or the ``shared`` folder beside the checkout."""
    return Path(os.environ.get("TRADELANE_SHARED", REPO.parent / "shared"))


def publish(db_url: str, *extra: str) -> None:
    """``tradelane publish`` the reference case for 8 weeks from START."""
    code = main(["publish", str(CASE), "--weeks", "8", "--db", db_url, "--start", START,
                 "--capacity-teu", "100", *extra])
    assert code == 0


def add_party(db_url: str, name: str, role: str) -> str:
    """Add a party through the CLI (in this process) and return its API key."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(["parties", "add", name, "--role", role, "--db", db_url]) == 0
    return out.getvalue().strip()


def fresh_pg_schema(url: str, schema: str) -> str:
    """``url`` with its own, emptied PostgreSQL schema (tests and runs sharing one database
    do not see each other's tables)."""
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options=-csearch_path%3D{schema}"


def database(kind: str, tmp_path: Path, name: str) -> str:
    """A fresh database URL: a SQLite file, or a ``tradelane_<name>_test`` schema in
    ``TRADELANE_TEST_PG_URL`` (the test is skipped when that is not set)."""
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / f'{name}.sqlite3'}"
    url = os.environ.get("TRADELANE_TEST_PG_URL")
    if not url:
        pytest.skip("TRADELANE_TEST_PG_URL is not set (see scripts/ci-postgres.sh)")
    return fresh_pg_schema(url, f"tradelane_{name}_test")


def _env(**extra: str) -> dict[str, str]:
    """The server's environment: the pinned clock, and Chinese cabotage allowed (the capacity
    tests book CNTAO → CNNGB, a domestic leg; tests/security checks the default refusal)."""
    return {**os.environ, "PYTHONPATH": str(REPO / "src"), "TRADELANE_NOW": NOW,
            "TRADELANE_CABOTAGE_ALLOWED": '["CN"]', **extra}


class Server(LocalServer):
    """A ``tradelane serve`` process on 127.0.0.1 and the parties' keys."""

    def __init__(self, db_url: str, keys: dict[str, str], *extra: str,
                 env: dict[str, str] | None = None) -> None:
        self.db_url = db_url
        self.keys = keys
        super().__init__(["--db", db_url, *extra], env=_env(**(env or {})), timeout_s=30,
                         stderr=subprocess.PIPE)

    def client(self, who: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.keys[who]}"} if who else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)


def _server(tmp: Path, *publish_args: str) -> Iterator[Server]:
    db_url = f"sqlite:///{tmp / 'tradelane.sqlite3'}"
    publish(db_url, *publish_args)
    keys = {"acme": add_party(db_url, "Acme Batteries", "shipper"),
            "bolt": add_party(db_url, "Bolt Solar", "shipper"),
            "carrier": add_party(db_url, "Tradelane Lines", "carrier")}
    server = Server(db_url, keys)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Manual-confirm sailings (100 TEU per leg)."""
    yield from _server(tmp_path_factory.mktemp("manual"))


@pytest.fixture(scope="session")
def auto_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Auto-confirm sailings (100 TEU per leg)."""
    yield from _server(tmp_path_factory.mktemp("auto"), "--auto-confirm")


def sailings(client: httpx.Client, pol: str = "CNTAO", pod: str = "CNNGB") -> list[str]:
    """Voyage numbers from ``pol`` to ``pod``, in departure order (from the schedules API)."""
    routes = client.get("/v1/point-to-point-routes",
                        params={"placeOfReceipt": pol, "placeOfDelivery": pod}).json()
    return [r["legs"][0]["transport"]["servicePartners"][0]["carrierExportVoyageNumber"]
            for r in routes]


BASE_BOOKING: dict[str, Any] = {
    "receiptTypeAtOrigin": "CY", "deliveryTypeAtDestination": "CY",
    "cargoMovementTypeAtOrigin": "FCL", "cargoMovementTypeAtDestination": "FCL",
    "isEquipmentSubstitutionAllowed": False,
    "documentParties": {"bookingAgent": {"partyName": "Acme Batteries"}},
    "carrierServiceCode": "SUE",
    "shipmentLocations": [
        {"location": {"UNLocationCode": "CNTAO"}, "locationTypeCode": "POL"},
        {"location": {"UNLocationCode": "CNNGB"}, "locationTypeCode": "POD"}],
    "requestedEquipments": [{
        "ISOEquipmentCode": "22G1", "units": 1, "isShipperOwned": False,
        "cargoGrossWeight": {"value": 12000, "unit": "KGM"},
        "commodities": [{"commodityType": "Solar panels", "HSCodes": ["854143"]}]}],
}


def booking(voyage: str, *, pod: str = "CNNGB", iso: str = "22G1", units: int = 1,
            **equipment: Any) -> dict[str, Any]:
    """A valid booking body; ``equipment`` overrides keys of the single equipment line."""
    body = deepcopy(BASE_BOOKING)
    body["carrierExportVoyageNumber"] = voyage
    body["shipmentLocations"][1]["location"]["UNLocationCode"] = pod
    body["requestedEquipments"][0].update(ISOEquipmentCode=iso, units=units, **equipment)
    return body


@cache
def dcsa_spec(name: str) -> dict[str, Any]:
    """A vendored DCSA spec (``bkg/BKG_v2.0.4.yaml`` …); skip if the folder is missing."""
    yaml = pytest.importorskip("yaml")
    path = shared_dir() / "standards" / "dcsa" / name
    if not path.exists():
        pytest.skip(f"{path} not found (set TRADELANE_SHARED)")
    spec: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return spec


def validate(spec_name: str, schema: dict[str, Any], document: Any) -> None:
    """Validate ``document`` against ``schema`` (which may $ref the spec's components)."""
    validator_mod = pytest.importorskip("openapi_schema_validator")
    root = {**schema, "components": dcsa_spec(spec_name)["components"]}
    validator_mod.OAS30Validator(
        root, format_checker=validator_mod.OAS30Validator.FORMAT_CHECKER).validate(document)


def ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}
