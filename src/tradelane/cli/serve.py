"""``tradelane serve``: the booking and schedules API over HTTP (uvicorn).

It prints the URLs it serves, then one access-log line per request on stdout (time, client,
method, path, status: never a header; anything in the path or query that looks like an API
key, or follows ``key=``/``token=``, is shown as ``[redacted]``).
"""

from __future__ import annotations

import copy
import logging
import os
import re
import sys
from pathlib import Path
from typing import Annotated, Any

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
    sweep: Annotated[Path | None, typer.Option(
        "--sweep", help="A sweep's results folder for the dashboard's sweep explorer.",
        metavar="RESULTS.parquet")] = None,
    workers: Annotated[int, typer.Option(
        help="Server processes, each with its own listening socket (SO_REUSEPORT) and "
             "connection pool.")] = 1,
    access_log: Annotated[bool, typer.Option(
        "--access-log/--no-access-log",
        help="One line per request on stdout (default: TRADELANE_ACCESS_LOG, on).")] = True,
) -> None:
    """Serve the DCSA booking and schedule API (OpenAPI at /openapi.json) and the dashboard
    (http://HOST:PORT/)."""
    import uvicorn

    from tradelane.api import create_app
    from tradelane.store.db import make_engine, migrate

    if workers < 1:
        raise InputError("--workers", workers, "must be a whole number of 1 or more")
    settings = settings_for(db)
    settings = settings.model_copy(update={"access_log": settings.access_log and access_log})
    if case is not None:
        settings = settings.model_copy(update={"case_path": case})
    if sweep is not None:
        settings = settings.model_copy(update={"sweep_path": sweep})
    if workers == 1:
        from tradelane.cli.serve_workers import freeze_heap

        api = create_app(settings)
        freeze_heap()
        _announce(host, port, workers)
        uvicorn.run(api, host=host, port=port, log_config=log_config(settings.access_log))
        return
    engine = make_engine(settings.db_url, pool_size=1)
    migrate(engine)  # once, before the workers start (each then finds it done)
    engine.dispose()
    os.environ["TRADELANE_DB_URL"] = settings.db_url  # the workers build their own Settings
    os.environ["TRADELANE_ACCESS_LOG"] = "true" if settings.access_log else "false"
    if case is not None:
        os.environ["TRADELANE_CASE_PATH"] = str(case)
    if sweep is not None:
        os.environ["TRADELANE_SWEEP_PATH"] = str(sweep)
    from tradelane.cli.serve_workers import run_workers

    _announce(host, port, workers)
    raise typer.Exit(run_workers(host, port, workers))


def _announce(host: str, port: int, workers: int) -> None:
    """Print where the server listens (the dashboard, the API docs, the OpenAPI document)."""
    shown = f"[{host}]" if ":" in host else host
    base = f"http://{shown}:{port}"
    processes = f" ({workers} processes)" if workers > 1 else ""
    print(f"tradelane serving on {base}/{processes}\n"
          f"  dashboard {base}/   API docs {base}/docs   OpenAPI {base}/openapi.json\n"
          "  stop with Ctrl-C", flush=True)
    sys.stdout.flush()


def log_config(access_log: bool) -> dict[str, Any]:
    """uvicorn's logging: warnings and errors on stderr; with ``access_log`` one line per
    request on stdout (``time client "METHOD /path HTTP/1.1" status``)."""
    from uvicorn.config import LOGGING_CONFIG

    config: dict[str, Any] = copy.deepcopy(LOGGING_CONFIG)
    config["formatters"]["access"]["fmt"] = (
        '%(asctime)s %(client_addr)s "%(request_line)s" %(status_code)s')
    config["formatters"]["access"]["datefmt"] = "%Y-%m-%dT%H:%M:%S"
    config["formatters"]["access"]["use_colors"] = False
    config["filters"] = {"redact": {"()": "tradelane.cli.serve.RedactKeys"}}
    config["handlers"]["access"]["filters"] = ["redact"]
    config["loggers"]["uvicorn.error"]["level"] = "WARNING"
    config["loggers"]["uvicorn.access"]["level"] = "INFO" if access_log else "WARNING"
    return config


_SECRET = re.compile(r"tl_[A-Za-z0-9_-]{8,}|(?<=[?&;])((?:api_?key|key|token|access_token|"
                     r"authorization|password|secret)=)[^&;#\s]*", re.IGNORECASE)


class RedactKeys(logging.Filter):
    """Hide API keys (``tl_…``) and the values of key-like query parameters in access logs."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_SECRET.sub(_hide, a) if isinstance(a, str) else a
                                for a in record.args)
        return True


def _hide(match: re.Match[str]) -> str:
    return (match.group(1) or "") + "[redacted]"
