"""``tradelane bench bookings``: sustained booking throughput and latency of the HTTP API.

Each run: a fresh database (a temporary SQLite file, or a ``tradelane_bench`` schema dropped
and re-created in the ``--db`` PostgreSQL database), the reference case published with
auto-confirm and ample capacity, a shipper and a carrier key, ``tradelane serve`` on a free
loopback port, then ``--requests`` bookings (1 × 22G1, CNTAO → CNNGB) from ``--concurrency``
threads. Afterwards the leg's used TEU must equal the bookings acknowledged.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy import create_engine, select, text, update
from sqlalchemy.engine import make_url

from tradelane.bench_meta import cpu_name, git_commit
from tradelane.cli._apps import bench_app
from tradelane.cli._db import DbOption
from tradelane.cli.local_server import LocalServer
from tradelane.errors import InputError
from tradelane.settings import Settings
from tradelane.store.db import WRITE, open_database
from tradelane.store.models import Call, Leg, Voyage
from tradelane.store.parties import add_party

FIELDS = ("instance", "seed", "status", "objective", "bound", "reference_value", "gap_pct",
          "runtime_s", "time_limit_s", "git_commit", "cpu", "throughput_per_s", "p50_ms",
          "p99_ms", "requests", "concurrency", "db", "run", "workers")
INSTANCE = "shandong-usec:1x22G1:CNTAO-CNNGB:auto-confirm"
SCHEMA = "tradelane_bench"
WARM_UP = 50
"""Bookings sent (and not timed) before each timed run: connections, caches, JIT-free warm-up."""
BOOKING: dict[str, Any] = {
    "receiptTypeAtOrigin": "CY", "deliveryTypeAtDestination": "CY",
    "cargoMovementTypeAtOrigin": "FCL", "cargoMovementTypeAtDestination": "FCL",
    "isEquipmentSubstitutionAllowed": False,
    "documentParties": {"bookingAgent": {"partyName": "Bench Shipper"}},
    "carrierServiceCode": "SUE",
    "shipmentLocations": [
        {"location": {"UNLocationCode": "CNTAO"}, "locationTypeCode": "POL"},
        {"location": {"UNLocationCode": "CNNGB"}, "locationTypeCode": "POD"}],
    "requestedEquipments": [{
        "ISOEquipmentCode": "22G1", "units": 1, "isShipperOwned": False,
        "cargoGrossWeight": {"value": 12000, "unit": "KGM"},
        "commodities": [{"commodityType": "Solar panels", "HSCodes": ["854143"]}]}],
}


@dataclass(frozen=True, slots=True)
class Measured:
    """One timed run: wall time, per-request latencies and status codes."""

    wall_s: float
    latencies_s: list[float]
    statuses: list[int]

    def percentile_ms(self, q: int) -> float:
        """The ``q``-th percentile latency in milliseconds."""
        return statistics.quantiles(self.latencies_s, n=100, method="inclusive")[q - 1] * 1000


@bench_app.command("bookings")
def bench_bookings(
    db: DbOption = None,
    requests: Annotated[int, typer.Option(help="Timed bookings per run.")] = 2000,
    concurrency: Annotated[int, typer.Option(help="Client threads (and connections).")] = 16,
    runs: Annotated[int, typer.Option(help="Runs (median reported).")] = 3,
    workers: Annotated[int, typer.Option(help="Server processes.")] = 1,
    out: Annotated[Path, typer.Option(help="CSV to append rows to.")] = Path(
        "bench-results/bookings.csv"),
) -> None:
    """Drive bookings at a local server; one CSV row per run (SQLite unless ``--db``)."""
    for name, value in (("--requests", requests), ("--concurrency", concurrency),
                        ("--runs", runs), ("--workers", workers)):
        if value < 1:
            raise InputError(name, value, "must be a whole number of 1 or more")
    kind = "sqlite" if db is None else make_url(db).get_backend_name()
    if kind not in ("sqlite", "postgresql"):
        raise InputError("--db", db, "must be a postgresql+psycopg:// or sqlite:/// URL")
    commit, cpu, rows = git_commit(), cpu_name(), []
    for run in range(runs):
        with _fresh_database(db) as url:
            key, voyage = _prepare(url)
            with _server(url, workers) as base_url:
                measured = _drive(base_url, key, voyage, requests, concurrency)
            status = _verify(url, voyage, measured)
        rows.append(_row(measured, status, commit, cpu, requests, concurrency, kind, run,
                         workers))
        Console(stderr=True).print(f"run {run}: {rows[-1]['throughput_per_s']} bookings/s, "
                                   f"p50 {rows[-1]['p50_ms']} ms, p99 {rows[-1]['p99_ms']} ms, "
                                   f"{status}")
    _write(out, rows)
    _print_summary(rows, out)


def _row(m: Measured, status: str, commit: str, cpu: str, requests: int, concurrency: int,
         kind: str, run: int, workers: int) -> dict[str, Any]:
    return {"instance": INSTANCE, "seed": "", "status": status, "objective": "", "bound": "",
            "reference_value": "", "gap_pct": "", "runtime_s": f"{m.wall_s:.3f}",
            "time_limit_s": "", "git_commit": commit, "cpu": cpu,
            "throughput_per_s": f"{len(m.statuses) / m.wall_s:.1f}",
            "p50_ms": f"{m.percentile_ms(50):.1f}", "p99_ms": f"{m.percentile_ms(99):.1f}",
            "requests": requests, "concurrency": concurrency, "db": kind, "run": run,
            "workers": workers}


@contextlib.contextmanager
def _fresh_database(db: str | None) -> Iterator[str]:
    if db is None:
        with tempfile.TemporaryDirectory(prefix="tradelane-bench-") as tmp:
            yield f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        return
    engine = create_engine(db)
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    engine.dispose()
    yield f"{db}{'&' if '?' in db else '?'}options=-csearch_path%3D{SCHEMA}"


def _prepare(url: str) -> tuple[str, str]:
    """Publish two weeks with ample capacity; return a shipper's key and the first voyage."""
    from tradelane.cli.publish import publish_command

    settings = Settings(db_url=url)
    start = (settings.clock() + timedelta(days=7)).replace(microsecond=0)
    case = resources.files("tradelane.data.cases").joinpath("shandong-usec.toml")
    with resources.as_file(case) as case_path, contextlib.redirect_stdout(io.StringIO()):
        publish_command(case_file=case_path, weeks=2, db=url, capacity_teu=None, routing=None,
                        start=start.isoformat(), auto_confirm=True)
    with open_database(url, pool_size=1).begin() as session:
        session.connection(execution_options=WRITE)
        session.execute(update(Leg).values(capacity_teu=10**9, capacity_t=1e12))
        _, key = add_party(session, "Bench Shipper", "shipper", settings.clock())
        add_party(session, "Bench Carrier", "carrier", settings.clock())
        voyage = session.scalars(
            select(Voyage.carrier_voyage_number).join(Call, Call.voyage_id == Voyage.id)
            .where(Call.locode == "CNTAO").order_by(Call.etd).limit(1)).one()
    return key, voyage


@contextlib.contextmanager
def _server(url: str, workers: int) -> Iterator[str]:
    # the server imports this same tradelane, installed or not
    here = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (here, os.environ.get("PYTHONPATH")) if p)}
    with LocalServer(["--db", url, "--workers", str(workers)], env=env) as server:
        yield server.url


def _drive(base_url: str, key: str, voyage: str, requests: int, concurrency: int
           ) -> Measured:
    body = {**BOOKING, "carrierExportVoyageNumber": voyage}
    local = threading.local()
    clients: list[httpx.Client] = []

    def one(_: int) -> tuple[int, float]:
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=base_url, timeout=60,
                                        headers={"Authorization": f"Bearer {key}"})
            clients.append(local.client)
        t0 = time.perf_counter()
        status = local.client.post("/v2/bookings", json=body).status_code
        return status, time.perf_counter() - t0

    with ThreadPoolExecutor(concurrency) as pool:
        warm = list(pool.map(one, range(WARM_UP)))
        t0 = time.perf_counter()
        timed = list(pool.map(one, range(requests)))
        wall = time.perf_counter() - t0
    for client in clients:
        client.close()
    return Measured(wall, [t for _, t in timed], [s for s, _ in warm + timed])


def _verify(url: str, voyage: str, measured: Measured) -> str:
    """``ok`` if every booking got 202 and the leg holds exactly those TEU."""
    accepted = measured.statuses.count(202)
    if accepted != len(measured.statuses):
        return f"error: {len(measured.statuses) - accepted} responses were not 202"
    with open_database(url, pool_size=1).begin() as session:
        used = session.scalars(
            select(Leg.used_teu).join(Call, Leg.from_call_id == Call.id)
            .join(Voyage, Call.voyage_id == Voyage.id)
            .where(Voyage.carrier_voyage_number == voyage, Call.locode == "CNTAO")).one()
    return "ok" if used == accepted else f"error: leg holds {used} TEU for {accepted} bookings"


def _write(out: Path, rows: list[dict[str, Any]]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    new = not out.exists() or out.stat().st_size == 0
    with out.open("a", newline="") as fh:
        writer = csv.DictWriter(fh, FIELDS)
        if new:
            writer.writeheader()
        writer.writerows(rows)


def _print_summary(rows: list[dict[str, Any]], out: Path) -> None:
    def med(key: str) -> str:
        return f"{statistics.median(float(r[key]) for r in rows):.1f}"

    table = Table(title=f"{rows[0]['db']}: {rows[0]['requests']} bookings, concurrency "
                        f"{rows[0]['concurrency']}, {rows[0]['workers']} worker(s), "
                        f"median of {len(rows)} runs")
    for col in ("bookings/s", "p50 ms", "p99 ms", "status"):
        table.add_column(col, justify="right")
    table.add_row(med("throughput_per_s"), med("p50_ms"), med("p99_ms"),
                  ", ".join(sorted({r["status"] for r in rows})))
    Console().print(table)
    Console().print(f"rows appended to {out}")
