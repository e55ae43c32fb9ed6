"""``tradelane vehicles``: verify a used car's event chain; print the QR code of its page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import segno
import typer

from tradelane.app.vehicles import check_vin, public_page_url, verify_vehicle
from tradelane.cli._apps import app
from tradelane.cli._db import DbOption, sessions_for, settings_for
from tradelane.errors import InputError

vehicles_app = typer.Typer(help="The used-car export chain (see docs/vehicles.md).",
                           no_args_is_help=True)
app.add_typer(vehicles_app, name="vehicles")


@vehicles_app.command("verify")
def verify_command(
    vin: Annotated[str, typer.Argument(help="The vehicle's VIN.")],
    db: DbOption = None,
) -> None:
    """Recompute the vehicle's event chain; exit 0 if it is intact, 1 naming the first bad
    event otherwise."""
    settings = settings_for(db)
    with sessions_for(settings)() as session:
        report = verify_vehicle(session, vin)
    bad = report.first_bad_event
    if bad is None:
        typer.echo(f"{report.vin}: chain valid, {report.events} events")
        return
    row = f" (row {bad.event_id})" if bad.event_id is not None else ""
    typer.echo(f"{report.vin}: chain BROKEN at event {bad.sequence}{row}: {bad.problem}; "
               f"{report.events} events stored")
    raise typer.Exit(1)


@vehicles_app.command("qr")
def qr_command(
    vin: Annotated[str, typer.Argument(help="The vehicle's VIN.")],
    base_url: Annotated[str, typer.Option(
        "--base-url", help="Address of the tradelane server, e.g. https://trade.example.org")],
    out: Annotated[Path | None, typer.Option(
        help="FILE.svg or FILE.png (default: VIN.svg).")] = None,
) -> None:
    """Write the QR code of the vehicle's public page (SVG or PNG)."""
    url = public_page_url(base_url, vin)
    target = out or Path(f"{check_vin(vin)}.svg")
    if target.suffix.lower() not in (".svg", ".png"):
        raise InputError("out", str(target), "must end in .svg or .png")
    segno.make(url, error="m").save(str(target), scale=8, border=4)
    typer.echo(f"{target}: QR code of {url}")
