"""``tradelane-bench bookings``: sustained booking throughput and latency of the HTTP API.

Each run: a fresh database (a temporary SQLite file, or a ``tradelane_bench`` schema dropped
and re-created in the ``--db`` PostgreSQL database), twelve weeks of the reference case
published with auto-confirm and ample capacity, a shipper and a carrier key, ``tradelane
serve`` on a free loopback port, then ``--requests`` bookings (1 × 22G1 each) over
``--concurrency`` keep-alive connections (``http_load``). By default the bookings are spread
round-robin over every sailing and every international port pair of it that is on sale
(a booking desk's load); ``--hot-leg`` sends them all to CNTAO → CNNGB of the first sailing
(one leg, the worst case for row locks). Afterwards every leg's used TEU must equal the
bookings acknowledged on it, and the database must hold exactly those bookings, confirmed.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import os
import statistics
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy import func, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

import tradelane
from tradelane.cli._db import DbOption
from tradelane.errors import InputError
from tradelane.settings import Settings
from tradelane.store.db import WRITE, open_database
from tradelane.store.models import Booking, Call, Leg, Voyage
from tradelane.store.parties import add_party
from tradelane_bench.cli import app
from tradelane_bench.fresh_db import fresh_database
from tradelane_bench.http_load import Load, drive, post_json
from tradelane_bench.local_server import LocalServer
from tradelane_bench.proc_cpu import named_cpu_s, tree_cpu_s
from tradelane_bench.protocol import PROTOCOL_COLUMNS, BenchCsv, Measurement

# the bench's own columns; FIELDS is every column of its CSV, the protocol's first
COLUMNS = ("throughput_per_s", "p50_ms", "p99_ms", "requests", "concurrency", "db", "run",
           "workers", "mode", "lanes", "rate", "client_cpu_ms", "server_cpu_ms", "db_cpu_ms",
           "load_avg")
FIELDS = (*PROTOCOL_COLUMNS, *COLUMNS)
WEEKS = 12
INSTANCE = {"spread": f"shandong-usec:{WEEKS}w:1x22G1:spread:auto-confirm",
            "hot-leg": f"shandong-usec:{WEEKS}w:1x22G1:CNTAO-CNNGB:auto-confirm"}
SCHEMA = "tradelane_bench"
WARM_UP = 50
"""Bookings sent (and not timed) before each timed run: connections, caches, JIT-free warm-up."""
BOOKING: dict[str, Any] = {
    "receiptTypeAtOrigin": "CY", "deliveryTypeAtDestination": "CY",
    "cargoMovementTypeAtOrigin": "FCL", "cargoMovementTypeAtDestination": "FCL",
    "isEquipmentSubstitutionAllowed": False,
    "documentParties": {"bookingAgent": {"partyName": "Bench Shipper"}},
    "carrierServiceCode": "SUE",
    "requestedEquipments": [{
        "ISOEquipmentCode": "22G1", "units": 1, "isShipperOwned": False,
        "cargoGrossWeight": {"value": 12000, "unit": "KGM"},
        "commodities": [{"commodityType": "Solar panels", "HSCodes": ["854143"]}]}],
}


@dataclass(frozen=True, slots=True)
class Lane:
    """A sailing and port pair the benchmark books, with the legs a booking on it takes."""

    voyage: str
    pol: str
    pod: str
    leg_ids: tuple[int, ...]

    def booking(self) -> dict[str, Any]:
        """The booking request (1 × 22G1) for this lane."""
        return {**BOOKING, "carrierExportVoyageNumber": self.voyage, "shipmentLocations": [
            {"location": {"UNLocationCode": self.pol}, "locationTypeCode": "POL"},
            {"location": {"UNLocationCode": self.pod}, "locationTypeCode": "POD"}]}


@dataclass(frozen=True, slots=True)
class Measured:
    """One run: the warm-up and timed phases, CPU per timed booking and the load average."""

    warm: Load
    timed: Load
    cpu_ms: dict[str, float]
    load_avg: float

    @property
    def statuses(self) -> list[int]:
        """Status codes of every booking sent (warm-up and timed)."""
        return [s.status for s in self.warm.sent + self.timed.sent]

    def percentile_ms(self, q: int) -> float:
        """The ``q``-th percentile latency of the timed bookings in milliseconds."""
        latencies = [s.latency_s for s in self.timed.sent]
        return statistics.quantiles(latencies, n=100, method="inclusive")[q - 1] * 1000


@app.command("bookings")
def bench_bookings(
    db: DbOption = None,
    requests: Annotated[int, typer.Option(help="Timed bookings per run.")] = 2000,
    concurrency: Annotated[int, typer.Option(help="Client connections.")] = 16,
    runs: Annotated[int, typer.Option(help="Runs (median reported).")] = 3,
    workers: Annotated[int, typer.Option(help="Server processes.")] = 1,
    rate: Annotated[float, typer.Option(
        help="Offered bookings/s (open loop; latency counts from each booking's due time). "
             "0: closed loop, each connection books again as soon as it is answered.")] = 0.0,
    hot_leg: Annotated[bool, typer.Option(
        "--hot-leg", help="Book one leg only (CNTAO → CNNGB of the first sailing) instead of "
                          "spreading over the sailings and port pairs.")] = False,
    out: Annotated[Path, typer.Option(help="CSV to append rows to.")] = Path(
        "bench-results/bookings.csv"),
) -> None:
    """Drive bookings at a local server; one CSV row per run (SQLite unless ``--db``)."""
    for name, value in (("--requests", requests), ("--concurrency", concurrency),
                        ("--runs", runs), ("--workers", workers)):
        if value < 1:
            raise InputError(name, value, "must be a whole number of 1 or more")
    if not rate >= 0:
        raise InputError("--rate", rate, "must be 0 (closed loop) or bookings per second")
    kind = "sqlite" if db is None else make_url(db).get_backend_name()
    if kind not in ("sqlite", "postgresql"):
        raise InputError("--db", db, "must be a postgresql+psycopg:// or sqlite:/// URL")
    mode = "hot-leg" if hot_leg else "spread"
    rows = []
    # appended run by run: a run that fails later keeps the runs before it
    with BenchCsv(out, COLUMNS, append=True) as sheet:
        for run in range(runs):
            with fresh_database(db, SCHEMA) as url:
                key, lanes = _prepare(url, hot_leg)
                with _server(url, workers) as server:
                    measured = _drive(server, key, lanes, requests, concurrency, rate, kind)
                status = _verify(url, lanes, measured)
            r = {**_columns(measured, requests, concurrency, kind, run, workers), "mode": mode,
                 "lanes": len(lanes), "rate": f"{rate:g}" if rate else ""}
            sheet.write(Measurement(instance=INSTANCE[mode], status=status,
                                    runtime_s=measured.timed.wall_s), **r)
            rows.append({**r, "status": status})
            Console(stderr=True).print(
                f"run {run}: {r['throughput_per_s']} bookings/s, p50 {r['p50_ms']} ms, p99 "
                f"{r['p99_ms']} ms; CPU per booking: client {r['client_cpu_ms']}, server "
                f"{r['server_cpu_ms']}, database {r['db_cpu_ms'] or '(in the server)'} ms; "
                f"load average {r['load_avg']}; {status}", soft_wrap=True)
    _print_summary(rows, out)


def _columns(m: Measured, requests: int, concurrency: int, kind: str, run: int,
             workers: int) -> dict[str, Any]:
    def ms(v: float) -> str:
        return "" if math.isnan(v) else f"{v:.2f}"

    return {"throughput_per_s": f"{len(m.timed.sent) / m.timed.wall_s:.1f}",
            "p50_ms": f"{m.percentile_ms(50):.1f}", "p99_ms": f"{m.percentile_ms(99):.1f}",
            "requests": requests, "concurrency": concurrency, "db": kind, "run": run,
            "workers": workers, "client_cpu_ms": ms(m.cpu_ms["client"]),
            "server_cpu_ms": ms(m.cpu_ms["server"]), "db_cpu_ms": ms(m.cpu_ms["db"]),
            "load_avg": f"{m.load_avg:.2f}"}


def _prepare(url: str, hot_leg: bool) -> tuple[str, list[Lane]]:
    """Publish twelve weeks with ample capacity; return a shipper's key and the lanes."""
    from tradelane.app.publishing import PublishRequest, publish_window
    from tradelane.app.resources import Resources
    from tradelane.io.case_toml import read_case

    settings = Settings(db_url=url)
    start = (settings.clock() + timedelta(days=7)).replace(microsecond=0)
    case = resources.files("tradelane.data.cases").joinpath("shandong-usec.toml")
    with resources.as_file(case) as case_path:
        request = PublishRequest(read_case(case_path), weeks=WEEKS, start=start,
                                 auto_confirm=True)
    with open_database(url, pool_size=1).begin() as session:
        session.connection(execution_options=WRITE)
        publish_window(request, session, Resources.for_process(), settings.clock())
        session.execute(update(Leg).values(capacity_teu=10**9, capacity_t=1e12))
        _, key = add_party(session, "Bench Shipper", "shipper", settings.clock())
        add_party(session, "Bench Carrier", "carrier", settings.clock())
        lanes = _lanes(session)
    if hot_leg:
        lanes = [next(lane for lane in lanes if (lane.pol, lane.pod) == ("CNTAO", "CNNGB"))]
    else:
        lanes = [lane for lane in lanes if lane.pol[:2] != lane.pod[:2]]
    return key, lanes


def _lanes(session: Session) -> list[Lane]:
    """Every (voyage, POL, POD) on sale, in order of departure: the POL is a call where the
    voyage loads, the POD a later call of the same voyage (the ship's first at that port),
    and every leg in between is published."""
    calls = session.execute(
        select(Call.vessel_id, Call.locode, Call.voyage_id, Call.import_voyage_id,
               Voyage.carrier_voyage_number, Leg.id)
        .outerjoin(Voyage, Call.voyage_id == Voyage.id)
        .outerjoin(Leg, Leg.from_call_id == Call.id)
        .order_by(Call.vessel_id, Call.sequence)).all()
    by_ship: dict[int, list[Any]] = {}
    for call in calls:
        by_ship.setdefault(call.vessel_id, []).append(call)
    lanes = []
    for ship_calls in by_ship.values():
        for i, pol in enumerate(ship_calls):
            if pol.voyage_id is None:
                continue
            legs: list[int] = []
            seen = {pol.locode}
            for prev, pod in itertools.pairwise(ship_calls[i:]):
                if prev.id is None or pol.voyage_id not in (pod.voyage_id, pod.import_voyage_id):
                    break
                legs.append(prev.id)
                if pod.locode not in seen:
                    seen.add(pod.locode)
                    lanes.append(Lane(pol.carrier_voyage_number, pol.locode, pod.locode,
                                      tuple(legs)))
    return lanes


@contextlib.contextmanager
def _server(url: str, workers: int) -> Iterator[LocalServer]:
    # the server imports this same tradelane, installed or not
    here = str(Path(tradelane.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (here, os.environ.get("PYTHONPATH")) if p)}
    # the hot leg CNTAO → CNNGB is domestic: allow Chinese cabotage unless told otherwise
    env.setdefault("TRADELANE_CABOTAGE_ALLOWED", '["CN"]')
    with LocalServer(["--db", url, "--workers", str(workers)], env=env) as server:
        yield server


def _drive(server: LocalServer, key: str, lanes: list[Lane], requests: int, concurrency: int,
           rate: float, kind: str) -> Measured:
    payloads = [post_json(server.url, "/v2/bookings", lane.booking(),
                          {"Authorization": f"Bearer {key}"}) for lane in lanes]
    start: dict[str, float] = {}

    def cpu_now() -> dict[str, float]:
        return {"server": tree_cpu_s(server.proc.pid),
                "db": named_cpu_s("postgres") if kind == "postgresql" else math.nan,
                "client": time.process_time()}

    def before_timed() -> None:
        start.update(cpu_now())

    warm, timed = drive(server.url, payloads, warm_up=WARM_UP, requests=requests,
                        concurrency=concurrency, rate=rate, before_timed=before_timed)
    end = cpu_now()
    cpu_ms = {k: (end[k] - start[k]) * 1000 / requests for k in end}
    return Measured(warm, timed, cpu_ms, os.getloadavg()[0])


def _verify(url: str, lanes: list[Lane], measured: Measured) -> str:
    """``ok`` if every booking got 202, the database holds exactly that many bookings, all
    confirmed, and every leg's used TEU is the number of bookings acknowledged on it."""
    statuses = measured.statuses
    accepted = statuses.count(202)
    if accepted != len(statuses):
        return f"error: {len(statuses) - accepted} responses were not 202"
    expected: Counter[int] = Counter()
    for sent in measured.warm.sent + measured.timed.sent:
        expected.update(lanes[sent.payload].leg_ids)
    with open_database(url, pool_size=1).begin() as session:
        stored = dict(session.execute(
            select(Booking.status, func.count()).group_by(Booking.status)).all())
        used = dict(session.execute(select(Leg.id, Leg.used_teu)).all())
    if stored != {"CONFIRMED": accepted}:
        return f"error: the database holds {stored} for {accepted} acknowledged bookings"
    wrong = sorted(leg for leg, teu in used.items() if teu != expected[leg])
    if wrong:
        return (f"error: {len(wrong)} legs hold other TEU than acknowledged, e.g. leg "
                f"{wrong[0]}: {used[wrong[0]]} TEU for {expected[wrong[0]]} bookings")
    return "ok"


def _print_summary(rows: list[dict[str, Any]], out: Path) -> None:
    def med(key: str) -> str:
        return f"{statistics.median(float(r[key]) for r in rows):.1f}"

    offered = f", offered {rows[0]['rate']}/s" if rows[0]["rate"] else ""
    table = Table(title=f"{rows[0]['db']}, {rows[0]['mode']} ({rows[0]['lanes']} lanes"
                        f"{offered}): {rows[0]['requests']} bookings, concurrency "
                        f"{rows[0]['concurrency']}, {rows[0]['workers']} worker(s), "
                        f"median of {len(rows)} runs")
    for col in ("bookings/s", "p50 ms", "p99 ms", "status"):
        table.add_column(col, justify="right")
    table.add_row(med("throughput_per_s"), med("p50_ms"), med("p99_ms"),
                  ", ".join(sorted({r["status"] for r in rows})))
    Console().print(table)
    Console().print(f"rows appended to {out}")
