"""``tradelane parties``: add, list and revoke parties (shippers, the carrier, the used-car
chain's dealers, registrars, inspectors, exporters and buyers); each gets an API key once."""

from __future__ import annotations

from typing import Annotated

import typer

from tradelane.cli._apps import app
from tradelane.cli._db import DbOption, sessions_for, settings_for
from tradelane.store.db import WRITE
from tradelane.store.parties import add_party, list_parties, revoke_party

parties_app = typer.Typer(help="Shippers and the carrier who use the booking API.",
                          no_args_is_help=True)
app.add_typer(parties_app, name="parties")


@parties_app.command("add")
def add_command(
    name: Annotated[str, typer.Argument(help="The party's name.")],
    role: Annotated[str, typer.Option(
        help="shipper or carrier (booking desk); analyst (reads the trade report only); "
             "dealer, registrar, inspector, exporter or buyer (used-car export chain; an "
             "exporter also books as a shipper).")
    ] = "shipper",
    db: DbOption = None,
) -> None:
    """Add a party and print its API key (shown once; only its SHA-256 digest is stored)."""
    settings = settings_for(db)
    with sessions_for(settings).begin() as session:
        session.connection(execution_options=WRITE)
        party, api_key = add_party(session, name, role, settings.clock())
        typer.echo(f"party {party.id} ({party.role}) {party.name}", err=True)
    typer.echo(api_key)


@parties_app.command("list")
def list_command(db: DbOption = None) -> None:
    """List the parties: id, role, name, when added, and whether their key is revoked."""
    settings = settings_for(db)
    with sessions_for(settings)() as session:
        parties = list_parties(session)
    if not parties:
        typer.echo("no parties (add one with: tradelane parties add NAME --role ROLE)",
                   err=True)
    for p in parties:
        state = f"revoked {p.revoked_at:%Y-%m-%dT%H:%MZ}" if p.revoked_at else "active"
        typer.echo(f"{p.id}\t{p.role}\t{p.name}\tadded {p.created_at:%Y-%m-%dT%H:%MZ}\t{state}")


@parties_app.command("revoke")
def revoke_command(
    name: Annotated[str, typer.Argument(help="The party's name.")],
    party_id: Annotated[int | None, typer.Option(
        "--id", help="The party's id (tradelane parties list), when several share the name.")
    ] = None,
    db: DbOption = None,
) -> None:
    """Revoke a party's API key: every server refuses it from the next request on. The party
    and its bookings stay; add the party again for a new key."""
    settings = settings_for(db)
    with sessions_for(settings).begin() as session:
        session.connection(execution_options=WRITE)
        party = revoke_party(session, name, settings.clock(), party_id)
    typer.echo(f"revoked the key of party {party.id} ({party.role}) {party.name}")
