"""``tradelane serve``: the booking and schedules API over HTTP (uvicorn)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from tradelane.cli._apps import app
from tradelane.cli._db import DbOption, settings_for
from tradelane.errors import InputError


@app.command("serve")
def serve_command(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    case: Annotated[Path | None, typer.Option(
        "--case", help="Case the dashboard plans (default: the shipped reference case).",
        metavar="CASE.toml")] = None,
    workers: Annotated[int, typer.Option(
        help="Server processes, each with its own listening socket (SO_REUSEPORT) and "
             "connection pool.")] = 1,
) -> None:
    """Serve the DCSA booking and schedule API (OpenAPI at /openapi.json) and the dashboard
    (http://HOST:PORT/)."""
    import uvicorn

    from tradelane.api import create_app
    from tradelane.store.db import make_engine, migrate

    if workers < 1:
        raise InputError("--workers", workers, "must be a whole number of 1 or more")
    settings = settings_for(db)
    if case is not None:
        settings = settings.model_copy(update={"case_path": case})
    if workers == 1:
        from tradelane.cli.serve_workers import freeze_heap

        api = create_app(settings)
        freeze_heap()
        uvicorn.run(api, host=host, port=port, log_level="warning")
        return
    engine = make_engine(settings.db_url, pool_size=1)
    migrate(engine)  # once, before the workers start (each then finds it done)
    engine.dispose()
    os.environ["TRADELANE_DB_URL"] = settings.db_url  # the workers build their own Settings
    if case is not None:
        os.environ["TRADELANE_CASE_PATH"] = str(case)
    from tradelane.cli.serve_workers import run_workers

    raise typer.Exit(run_workers(host, port, workers))
