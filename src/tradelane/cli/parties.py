"""``tradelane parties``: add shippers and the carrier; each gets an API key once."""

from __future__ import annotations

from typing import Annotated

import typer

from tradelane.cli._apps import app
from tradelane.cli._db import DbOption, sessions_for, settings_for
from tradelane.store.db import WRITE
from tradelane.store.parties import add_party

parties_app = typer.Typer(help="Shippers and the carrier who use the booking API.",
                          no_args_is_help=True)
app.add_typer(parties_app, name="parties")


@parties_app.command("add")
def add_command(
    name: Annotated[str, typer.Argument(help="The party's name.")],
    role: Annotated[str, typer.Option(help="shipper or carrier.")] = "shipper",
    db: DbOption = None,
) -> None:
    """Add a party and print its API key (shown once; only its SHA-256 digest is stored)."""
    settings = settings_for(db)
    with sessions_for(settings).begin() as session:
        session.connection(execution_options=WRITE)
        party, api_key = add_party(session, name, role, settings.clock())
        typer.echo(f"party {party.id} ({party.role}) {party.name}", err=True)
    typer.echo(api_key)
