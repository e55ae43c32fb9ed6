"""``tradelane serve``: the booking and schedules API over HTTP (uvicorn)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tradelane.cli._apps import app
from tradelane.cli._db import DbOption, settings_for


@app.command("serve")
def serve_command(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    case: Annotated[Path | None, typer.Option(
        "--case", help="Case the dashboard plans (default: the shipped reference case).",
        metavar="CASE.toml")] = None,
) -> None:
    """Serve the DCSA booking and schedule API (OpenAPI at /openapi.json) and the dashboard
    (http://HOST:PORT/)."""
    import uvicorn

    from tradelane.api import create_app

    settings = settings_for(db)
    if case is not None:
        settings = settings.model_copy(update={"case_path": case})
    application = create_app(settings)
    uvicorn.run(application, host=host, port=port, log_level="warning")
