"""``tradelane serve``: the booking and schedules API over HTTP (uvicorn)."""

from __future__ import annotations

from typing import Annotated

import typer

from tradelane.cli._apps import app
from tradelane.cli._db import DbOption, settings_for


@app.command("serve")
def serve_command(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
) -> None:
    """Serve the DCSA booking and schedule API (OpenAPI at /openapi.json)."""
    import uvicorn

    from tradelane.api import create_app

    application = create_app(settings_for(db))
    uvicorn.run(application, host=host, port=port, log_level="warning")
