"""``tradelane publish``: put a window of a case's sailings on sale."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from tradelane.app.publishing import PublishRequest, publish_window
from tradelane.app.resources import Resources
from tradelane.cli._apps import app
from tradelane.cli._db import DbOption, sessions_for, settings_for
from tradelane.cli.plan import routing_option
from tradelane.io.case_toml import parse_start, read_case
from tradelane.store.db import WRITE


@app.command("publish")
def publish_command(
    case_file: Annotated[Path, typer.Argument(help="Case file (TOML).", metavar="CASE.toml")],
    weeks: Annotated[int, typer.Option(
        help="Publish the sailings that depart their first port in these N weeks, each with "
             "all its calls to the end of its voyage (1 already sells Qingdao → Savannah).")
    ] = 4,
    db: DbOption = None,
    capacity_teu: Annotated[int | None, typer.Option(
        help="TEU for sale per leg (default: the vessel class's capacity).")] = None,
    routing: Annotated[str | None, typer.Option(
        help="panama, suez or cape (default: the first feasible in the case's order).")] = None,
    start: Annotated[str | None, typer.Option(
        help="Start of the window, ISO 8601 UTC (default: the case's start if in the future, "
             "else next Monday 00:00 UTC).")] = None,
    allow_past: Annotated[bool, typer.Option(
        help="Allow a window that starts in the past.")] = False,
    auto_confirm: Annotated[bool, typer.Option(
        help="Confirm each booking at once if it fits (else it waits for the carrier).")
    ] = False,
) -> None:
    """Publish a window of sailings and print their voyage numbers.

    Ships and voyage numbers come from the lane calendar, which starts at the case's
    service.start (else where the service was first published): a later window continues the
    same rotation, and a window that overlaps one already published is refused.
    """
    settings = settings_for(db)
    request = PublishRequest(
        case=read_case(case_file), weeks=weeks, start=parse_start(start) if start else None,
        routing=routing_option(routing), capacity_teu=capacity_teu, auto_confirm=auto_confirm,
        allow_past=allow_past)
    sessions = sessions_for(settings)
    with Console(stderr=True).status("Planning and publishing…"), sessions.begin() as session:
        session.connection(execution_options=WRITE)
        window = publish_window(request, session, Resources.for_process(), settings.clock())
    capacity = window.capacity
    table = Table(title=f"{request.case.service.code} via {window.routing.value}: "
                        f"{len(window.voyages)} sailings departing "
                        f"{window.window_start:%Y-%m-%d %H:%M} – "
                        f"{window.window_end:%Y-%m-%d %H:%M} UTC; {capacity.teu} TEU / "
                        f"{capacity.weight_t:,.0f} t / {capacity.reefer_plugs} plugs per leg")
    for col in ("voyage", "vessel", "first call", "ETD", "calls"):
        table.add_column(col)
    for v in window.voyages:
        table.add_row(v.carrier_voyage_number, v.vessel_name, v.first_locode,
                      v.first_etd.strftime("%Y-%m-%dT%H:%MZ"), str(v.calls))
    Console(width=120).print(table)
    if window.train_departures:
        Console(width=120).print(f"{window.train_departures} block-train departures put on sale "
                                 f"(from 7 days before the window: they feed its first ships)")
