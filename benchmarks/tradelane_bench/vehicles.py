"""``tradelane-bench vehicles``: the used-car export chain through the HTTP API under load.

Each run: a fresh database (as ``bench bookings``: a temporary SQLite file, or the
``tradelane_bench`` schema re-created in the ``--db`` PostgreSQL database), twelve weeks of the
reference case published with auto-confirm and ample capacity, one party per chain role,
``tradelane serve`` on a free loopback port, two export bookings (one declaring UN3556 for the
electric cars), then ``--vehicles`` vehicles registered (half BEV, half ICE; not timed). Timed:
every vehicle's six steps (purchase, transfer registration, inspection, deregistration, export
booking, loading), the steps of one vehicle in order, ``--concurrency`` vehicles at once.
Then every chain is verified through ``GET /api/vehicles/{vin}/verify`` and in process
(``app.vehicles.verify_vehicle``), and the database must hold exactly six events per vehicle:
``status`` is ``ok`` only if every request succeeded, every chain verifies and no event is
lost. A step whose connection fails is not resent blindly: the chain is asked first whether
it was recorded (``retried`` counts such steps).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from dataclasses import dataclass
from datetime import timedelta
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer
from rich.console import Console
from sqlalchemy import func, select, update
from sqlalchemy.engine import make_url

from tradelane.cli._db import DbOption
from tradelane.errors import InputError
from tradelane.settings import Settings
from tradelane.store.db import WRITE, open_database
from tradelane.store.models import Leg
from tradelane.store.parties import add_party
from tradelane.store.vehicles import Vehicle, VehicleEvent
from tradelane_bench.bookings import SCHEMA, _server
from tradelane_bench.cli import app
from tradelane_bench.fresh_db import fresh_database
from tradelane_bench.proc_cpu import tree_cpu_s
from tradelane_bench.protocol import BenchCsv, Measurement

COLUMNS = ("events_per_s", "event_p50_ms", "event_p99_ms", "server_cpu_ms_per_event",
           "verify_api_p50_ms", "verify_p50_ms", "load_avg", "vehicles", "events",
           "concurrency", "db", "run", "lost_events", "broken_chains",
           "retried")
STEPS = (("PURCHASE", "dealer"), ("TRANSFER_REGISTRATION", "registrar"),
         ("INSPECTION", "inspector"), ("DEREGISTRATION", "registrar"),
         ("EXPORT_BOOKING", "exporter"), ("LOADED", "carrier"))
ROLES = ("dealer", "registrar", "inspector", "exporter", "carrier")
_VALUES = {**{str(d): d for d in range(10)}, **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
           **dict(zip("JKLMN", range(1, 6), strict=True)), "P": 7, "R": 9,
           **dict(zip("STUVWXYZ", range(2, 10), strict=True))}
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def bench_vin(serial: int) -> str:
    """A Chinese-style VIN with a valid position-9 check digit, unique per ``serial``."""
    body = f"LFV2A21K0E4{serial:06d}"
    total = sum(_VALUES[c] * w for c, w in zip(body, _WEIGHTS, strict=True))
    return body[:8] + ("X" if total % 11 == 10 else str(total % 11)) + body[9:]


@dataclass(frozen=True, slots=True)
class Measured:
    """One run's figures: wall time and latencies of the steps, verification times."""

    events_wall_s: float
    event_latencies_s: list[float]
    server_cpu_s: float
    failures: list[str]
    verify_api_s: list[float]
    verify_s: list[float]
    broken: int
    lost: int
    retried: int


@app.command("vehicles")
def bench_vehicles(
    db: DbOption = None,
    vehicles: Annotated[int, typer.Option(help="Vehicles per run (6 events each).")] = 1000,
    concurrency: Annotated[int, typer.Option(help="Vehicles in flight at once.")] = 16,
    runs: Annotated[int, typer.Option(help="Runs (median reported).")] = 1,
    out: Annotated[Path, typer.Option(help="CSV to append rows to.")] = Path(
        "bench-results/vehicles.csv"),
) -> None:
    """Record 6 steps per vehicle through a local server; one CSV row per run."""
    for name, value in (("--vehicles", vehicles), ("--concurrency", concurrency),
                        ("--runs", runs)):
        if value < 1:
            raise InputError(name, value, "must be a whole number of 1 or more")
    kind = "sqlite" if db is None else make_url(db).get_backend_name()
    if kind not in ("sqlite", "postgresql"):
        raise InputError("--db", db, "must be a postgresql+psycopg:// or sqlite:/// URL")
    rows = []
    with BenchCsv(out, COLUMNS, append=True) as sheet:
        for run in range(runs):
            with fresh_database(db, SCHEMA) as url:
                keys = _prepare(url)
                with _server(url, 1) as server:
                    m = asyncio.run(_drive(server.url, server.proc.pid, keys, vehicles,
                                           concurrency))
                m = _check_store(url, vehicles, m)
            status = _status(m)
            r = _columns(m, vehicles, concurrency, kind, run)
            sheet.write(Measurement(instance=f"shandong-usec:vehicles:{vehicles}x6",
                                    status=status, runtime_s=m.events_wall_s), **r)
            rows.append(r)
            Console(stderr=True).print(
                f"run {run}: {r['events_per_s']} events/s, p50 {r['event_p50_ms']} ms, "
                f"server CPU {r['server_cpu_ms_per_event']} ms per event, "
                f"load average {r['load_avg']}, "
                f"verify {r['verify_p50_ms']} ms in process, {r['verify_api_p50_ms']} ms over "
                f"HTTP (medians per vehicle); {status}", soft_wrap=True)
    med = {k: statistics.median(float(r[k]) for r in rows)
           for k in ("events_per_s", "verify_p50_ms", "verify_api_p50_ms")}
    Console().print(f"{kind}: {vehicles} vehicles × 6 events, concurrency {concurrency}, "
                    f"median of {runs} run(s): {med['events_per_s']:.1f} events/s, "
                    f"verification {med['verify_p50_ms']:.2f} ms per vehicle in process, "
                    f"{med['verify_api_p50_ms']:.2f} ms over HTTP; rows appended to {out}")


def _prepare(url: str) -> dict[str, str]:
    """Publish twelve weeks with ample capacity; one party per chain role: their keys."""
    from tradelane.app.publishing import PublishRequest, publish_window
    from tradelane.app.resources import Resources
    from tradelane.io.case_toml import read_case

    settings = Settings(db_url=url)
    start = (settings.clock() + timedelta(days=7)).replace(microsecond=0)
    case = resources.files("tradelane.data.cases").joinpath("shandong-usec.toml")
    with resources.as_file(case) as case_path:
        request = PublishRequest(read_case(case_path), weeks=12, start=start,
                                 auto_confirm=True)
    with open_database(url, pool_size=1).begin() as session:
        session.connection(execution_options=WRITE)
        publish_window(request, session, Resources.for_process(), settings.clock())
        session.execute(update(Leg).values(capacity_teu=10**9, capacity_t=1e12))
        return {role: add_party(session, f"Bench {role}", role, settings.clock())[1]
                for role in ROLES}


def _booking(voyage: str, dg: bool) -> dict[str, Any]:
    commodity: dict[str, Any] = {"commodityType": "Used cars",
                                 "HSCodes": ["870380" if dg else "870323"]}
    if dg:
        commodity["outerPackaging"] = {"dangerousGoods": [{
            "UNNumber": "3556", "imoClass": "9",
            "properShippingName": "VEHICLE, LITHIUM ION BATTERY POWERED"}]}
    return {"receiptTypeAtOrigin": "CY", "deliveryTypeAtDestination": "CY",
            "cargoMovementTypeAtOrigin": "FCL", "cargoMovementTypeAtDestination": "FCL",
            "isEquipmentSubstitutionAllowed": False,
            "documentParties": {"bookingAgent": {"partyName": "Bench exporter"}},
            "carrierServiceCode": "SUE", "carrierExportVoyageNumber": voyage,
            "shipmentLocations": [
                {"location": {"UNLocationCode": "CNTAO"}, "locationTypeCode": "POL"},
                {"location": {"UNLocationCode": "USSAV"}, "locationTypeCode": "POD"}],
            "requestedEquipments": [{
                "ISOEquipmentCode": "42G1", "units": 50, "isShipperOwned": False,
                "cargoGrossWeight": {"value": 400000, "unit": "KGM"},
                "commodities": [commodity]}]}


async def _drive(base_url: str, pid: int, keys: dict[str, str], n: int, concurrency: int
                 ) -> Measured:
    # idle connections are dropped well before the server's keep-alive timeout (5 s), so that
    # a request is never sent on a connection the server is closing
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency,
                          keepalive_expiry=1.0)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=120) as client:
        def auth(role: str) -> dict[str, str]:
            return {"Authorization": f"Bearer {keys[role]}"}

        routes = (await client.get("/v1/point-to-point-routes", params={
            "placeOfReceipt": "CNTAO", "placeOfDelivery": "USSAV"})).json()
        voyage = routes[-1]["legs"][0]["transport"]["servicePartners"][0][
            "carrierExportVoyageNumber"]
        refs = {}
        for dg in (True, False):
            r = await client.post("/v2/bookings", json=_booking(voyage, dg),
                                  headers=auth("exporter"))
            if r.status_code != 202:
                raise InputError("booking", r.status_code, r.text[:200])
            refs[dg] = r.json()["carrierBookingRequestReference"]
        vins = [bench_vin(i) for i in range(n)]
        failures: list[str] = []

        async def pool(work: Any) -> None:
            queue = list(reversed(range(n)))

            async def worker() -> None:
                while queue:
                    await work(queue.pop())
            await asyncio.gather(*(worker() for _ in range(concurrency)))

        async def register(i: int) -> None:
            r = await client.post("/api/vehicles", headers=auth("dealer"), json={
                "vin": vins[i], "make": "Bench", "model": "Car", "year": 2020,
                "powertrain": "BEV" if i % 2 else "ICE"})
            if r.status_code != 201:
                failures.append(f"register {vins[i]}: {r.status_code}")

        latencies: list[float] = []
        retries: list[bool] = []

        async def steps(i: int) -> None:
            for day, (step, role) in enumerate(STEPS, start=1):
                body: dict[str, Any] = {"step": step, "time": f"2020-01-{day:02d}T08:00:00Z",
                                        "place": "CNTAO",
                                        "documents": [{"ref": f"{step}-{i}", "sha256": "ab" * 32}]}
                if step == "INSPECTION":
                    body["inspection"] = "PASS"
                if step == "EXPORT_BOOKING":
                    body["booking"] = refs[i % 2 == 1]
                began = time.perf_counter()
                status, text, retried = await _post_step(client, vins[i], day, body,
                                                         auth(role))
                latencies.append(time.perf_counter() - began)
                retries.append(retried)
                if status != 201:
                    failures.append(f"{step} {vins[i]}: {status} {text[:120]}")
                    return

        await pool(register)
        began, cpu = time.perf_counter(), tree_cpu_s(pid)
        await pool(steps)
        wall, cpu = time.perf_counter() - began, tree_cpu_s(pid) - cpu
        verify_api: list[float] = []
        broken = 0

        async def verify(i: int) -> None:
            nonlocal broken
            t0 = time.perf_counter()
            doc = (await client.get(f"/api/vehicles/{vins[i]}/verify")).json()
            verify_api.append(time.perf_counter() - t0)
            broken += not (doc.get("valid") and doc.get("events") == len(STEPS))

        await pool(verify)
    return Measured(wall, latencies, cpu, failures, verify_api, [], broken, 0, sum(retries))


async def _post_step(client: httpx.AsyncClient, vin: str, sequence: int, body: dict[str, Any],
                     headers: dict[str, str]) -> tuple[int, str, bool]:
    """POST one step: status, text, and whether the connection failed. If it failed, the
    chain is asked whether the step was recorded (then it counts as 201), and the step is
    sent again otherwise (once)."""
    for attempt in range(2):
        try:
            r = await client.post(f"/api/vehicles/{vin}/events", json=body, headers=headers)
            return r.status_code, r.text, attempt > 0
        except httpx.TransportError as exc:
            doc = (await client.get(f"/api/vehicles/{vin}/verify")).json()
            if doc.get("events", 0) >= sequence:
                return 201, "", True
            if attempt:
                return 0, f"{type(exc).__name__}: {exc}", True
    return 0, "unreachable", True


def _check_store(url: str, n: int, m: Measured) -> Measured:
    """Count the stored events and verify every chain in process (timed per vehicle)."""
    from tradelane.app.vehicles import verify_vehicle

    sessions = open_database(url, pool_size=1)
    times, broken = [], m.broken
    with sessions() as session:
        stored = session.execute(select(func.count()).select_from(VehicleEvent)).scalar_one()
        heads = session.execute(select(func.sum(Vehicle.events_count))).scalar_one() or 0
        for i in range(n):
            began = time.perf_counter()
            report = verify_vehicle(session, bench_vin(i))
            times.append(time.perf_counter() - began)
            broken += not report.valid
    lost = n * len(STEPS) - min(stored, heads)
    return Measured(m.events_wall_s, m.event_latencies_s, m.server_cpu_s, m.failures,
                    m.verify_api_s, times, broken, lost, m.retried)


def _status(m: Measured) -> str:
    if m.failures:
        return f"error: {len(m.failures)} requests failed, e.g. {m.failures[0]}"
    if m.lost or m.broken:
        return f"error: {m.lost} events lost, {m.broken} chain verifications failed"
    return "ok"


def _columns(m: Measured, n: int, concurrency: int, kind: str, run: int) -> dict[str, Any]:
    def ms(values: list[float], q: int = 50) -> str:
        if len(values) < 2:
            return f"{1000 * values[0]:.2f}" if values else ""
        return f"{1000 * statistics.quantiles(values, n=100, method='inclusive')[q - 1]:.2f}"

    events = len(m.event_latencies_s)
    return {"events_per_s": f"{events / m.events_wall_s:.1f}",
            "event_p50_ms": ms(m.event_latencies_s), "event_p99_ms": ms(m.event_latencies_s, 99),
            "server_cpu_ms_per_event": f"{1000 * m.server_cpu_s / max(events, 1):.2f}",
            "load_avg": f"{os.getloadavg()[0]:.2f}", "verify_api_p50_ms": ms(m.verify_api_s),
            "verify_p50_ms": ms(m.verify_s),
            "vehicles": n, "events": events, "concurrency": concurrency, "db": kind,
            "run": run, "lost_events": m.lost, "broken_chains": m.broken,
            "retried": m.retried}
