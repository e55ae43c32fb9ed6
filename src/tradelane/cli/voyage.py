"""``tradelane voyage``: record what happened (actual arrivals and departures) and show where
every ship of a service is, how late, and which sailings are at risk."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from tradelane.app.resources import Resources
from tradelane.app.voyage_status import ServiceStatus, service_status
from tradelane.app.voyages import ActualRequest, lane_plan, record_actual
from tradelane.cli._apps import app
from tradelane.cli._db import DbOption, sessions_for, settings_for
from tradelane.errors import InputError
from tradelane.io.case_toml import parse_start, read_case
from tradelane.store.db import WRITE

voyage_app = typer.Typer(help="Follow the voyages: record actuals, show the fleet's status.",
                         no_args_is_help=True)
app.add_typer(voyage_app, name="voyage")
_REFERENCE = Path(__file__).resolve().parents[1] / "data" / "cases" / "shandong-usec.toml"


@voyage_app.command("record")
def record_command(
    service: Annotated[str, typer.Argument(help="Service code, e.g. SUE.")],
    voyage: Annotated[str, typer.Argument(help="Voyage number, e.g. 002E.")],
    locode: Annotated[str, typer.Argument(help="UN/LOCODE of the call, e.g. CNNGB.")],
    event: Annotated[str, typer.Argument(help="ARRI (arrived) or DEPA (departed).",
                                         metavar="ARRI|DEPA")],
    time: Annotated[str, typer.Argument(help="When, ISO 8601 (UTC unless an offset is "
                                             "given).", metavar="TIME")],
    db: DbOption = None,
    case: Annotated[Path | None, typer.Option(
        help="The published case (default: TRADELANE_CASE_PATH, else the shipped reference "
             "case).")] = None,
    reason: Annotated[str | None, typer.Option(
        help="SMDG delay reason code (e.g. WEA).")] = None,
    remark: Annotated[str | None, typer.Option(help="Free-text change remark.")] = None,
) -> None:
    """Record an actual arrival or departure; print the later calls' new estimates and the
    bookings notified."""
    settings = settings_for(db)
    request = ActualRequest(service, voyage, locode.upper(), event.upper(),
                            parse_start(time, "TIME"), reason, remark)
    the_case = read_case(case or settings.case_path or _REFERENCE)
    if the_case.service.code != service:
        raise InputError("SERVICE", service, f"is not the service of the case "
                         f"({the_case.service.code}); give the published case with --case")
    sessions = sessions_for(settings)
    with Console(stderr=True).status("Planning…"), sessions() as session:
        plan = lane_plan(the_case, session, Resources.for_process())
    with sessions.begin() as session:
        session.connection(execution_options=WRITE)
        done = record_actual(request, session, plan, settings.clock(),
                             settings.event_delay_threshold_h)
    console = Console(width=120)
    console.print(f"{done.vessel_name}: ACT {request.event_code} at {request.locode} "
                  f"{request.event_time:%Y-%m-%dT%H:%MZ} recorded (event {done.event_id})")
    table = Table(title=f"{len(done.estimates)} calls re-estimated")
    for col in ("call", "port", "voyage", "planned ETA", "estimated ETA", "delay h"):
        table.add_column(col)
    for e in done.estimates:
        table.add_row(str(e.sequence), e.locode, e.export_voyage, _t(e.planned_eta), _t(e.eta),
                      f"{e.delay_h:+.1f}")
    console.print(table)
    if done.notified_bookings:
        console.print("bookings notified (POD arrival moved by more than "
                      f"{settings.event_delay_threshold_h:g} h): "
                      + ", ".join(done.notified_bookings))


@voyage_app.command("status")
def status_command(
    service: Annotated[str, typer.Argument(help="Service code, e.g. SUE.")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Every ship's last and next call and delay, and the sailings at risk."""
    settings = settings_for(db)
    with sessions_for(settings)() as session:
        status = service_status(session, service, settings.clock(),
                                settings.event_delay_threshold_h)
    if as_json:
        typer.echo(json.dumps(_jsonable(asdict(status)), indent=2))
        return
    _print_status(status)


def _print_status(status: ServiceStatus) -> None:
    console = Console(width=140)
    ships = Table(title=f"{status.service_code} at {_t(status.at)}")
    for col in ("ship", "last call", "next call", "next ETA (planned)", "next ETA (best)",
                "delay h"):
        ships.add_column(col)
    for s in status.ships:
        last = f"{s.last_call.locode} #{s.last_call.sequence}" if s.last_call else "—"
        nxt = s.next_call
        ships.add_row(s.vessel_name, last, f"{nxt.locode} #{nxt.sequence}" if nxt else "—",
                      _t(nxt.planned_eta) if nxt else "—", _t(nxt.eta) if nxt else "—",
                      f"{s.delay_h:+.1f}")
    console.print(ships)
    risks = Table(title=f"sailings at risk (a call ahead more than {status.threshold_h:g} h "
                        f"late)")
    for col in ("voyage", "ship", "worst call", "planned ETA", "estimated ETA", "delay h",
                "bookings"):
        risks.add_column(col)
    for r in status.at_risk:
        risks.add_row(r.voyage, r.vessel_name, r.locode, _t(r.planned_eta), _t(r.eta),
                      f"{r.delay_h:+.1f}", str(r.bookings))
    console.print(risks if status.at_risk else "no sailing at risk")


def _t(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%MZ")


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime):
        return _t(value)
    return value
