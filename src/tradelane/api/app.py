"""The app factory: settings, database (migrated at start-up), routers, DCSA errors."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from anyio import CapacityLimiter
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from tradelane.api.bookings.router import router as bookings_router
from tradelane.api.dashboard.planner import REFERENCE_CASE, Planner
from tradelane.api.dashboard.router import router as dashboard_router
from tradelane.api.dashboard.stowage import StowagePlans
from tradelane.api.errors import (
    api_error_handler,
    http_error_handler,
    server_error_handler,
    validation_error_handler,
)
from tradelane.api.events.delivery import DeliveryWorker
from tradelane.api.events.router import router as events_router
from tradelane.api.middleware import BodyLimit, SecurityHeaders
from tradelane.api.paging import Cursors
from tradelane.api.schedules.router import router as schedules_router
from tradelane.api.trade import router as trade_router
from tradelane.api.vehicles.router import router as vehicles_router
from tradelane.errors import InputError
from tradelane.settings import Settings
from tradelane.store.booking_events import materialise, track_booking_status
from tradelane.store.db import WRITE, open_database, writer_gate
from tradelane.store.events import record_planned
from tradelane.store.server_secrets import CURSOR_KEY, server_secret
from tradelane.web import STATIC_DIR

DOCS_ASSETS = "/docs-assets"
"""Where Swagger UI's and ReDoc's files are served from (the ``fastapi-offline`` package)."""
_SWAGGER = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>tradelane booking desk — API</title>
<link rel="stylesheet" href="{DOCS_ASSETS}/swagger-ui.css">
<link rel="icon" href="{DOCS_ASSETS}/favicon.png"></head>
<body><div id="swagger-ui"></div>
<script src="{DOCS_ASSETS}/swagger-ui-bundle.js"></script>
<script src="/docs-init.js"></script></body></html>"""
_REDOC = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>tradelane booking desk — API</title>
<link rel="icon" href="{DOCS_ASSETS}/favicon.png"></head>
<body><redoc spec-url="/openapi.json"></redoc>
<script src="{DOCS_ASSETS}/redoc.standalone.js"></script></body></html>"""


def create_app(settings: Settings | None = None) -> FastAPI:
    """A FastAPI app on ``settings.db_url`` (created and migrated if needed), with the
    dashboard at ``/`` over ``settings.case_path`` (default: the shipped reference case).

    Parameters
    ----------
    settings : Settings, optional
        Defaults to ``Settings()`` (the ``TRADELANE_*`` environment).
    """
    settings = settings or Settings()
    app = FastAPI(title="tradelane booking desk", version="0.1.0",
                  description="DCSA Booking 2.0, Commercial Schedules 1.0 and OVS 3.0 for a "
                              "tradelane service, with capacity and dangerous-goods control.",
                  docs_url=None, redoc_url=None, lifespan=_lifespan)
    app.state.settings = settings
    app.state.sessions = open_database(settings.db_url, pool_size=settings.db_pool_size)
    app.state.writer_gate = writer_gate(settings.db_url)
    app.state.booking_threads = CapacityLimiter(settings.booking_threads)
    secret = settings.server_secret or server_secret(app.state.sessions, CURSOR_KEY,
                                                     settings.clock())
    app.state.cursors = Cursors(secret.encode("utf-8"), settings.cursor_ttl_s)
    _events(app, settings)
    app.add_exception_handler(InputError, api_error_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    app.add_exception_handler(HTTPException, http_error_handler)
    app.add_exception_handler(Exception, server_error_handler)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)  # outermost: its headers are on the 413s too
    app.include_router(bookings_router)
    app.include_router(schedules_router)
    app.include_router(vehicles_router)
    app.include_router(events_router)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    app.state.planner = Planner(settings.case_path)
    app.state.stowage = StowagePlans(settings.case_path or REFERENCE_CASE)
    app.include_router(dashboard_router)
    app.include_router(trade_router)
    _docs(app)
    app.mount("/", StaticFiles(directory=STATIC_DIR, html=True), name="dashboard")
    return app


def _events(app: FastAPI, settings: Settings) -> None:
    """Booking status changes noted for their events, PLN events of calls published before
    the events existed, the events of status changes left by a stopped server, and the
    outbox's delivery worker (started by the lifespan; it writes booking events too)."""
    track_booking_status(app.state.sessions)
    with app.state.writer_gate, app.state.sessions.begin() as session:
        session.connection(execution_options=WRITE)
        record_planned(session, settings.clock())
        materialise(session)
    app.state.delivery = DeliveryWorker(app.state.sessions, app.state.writer_gate, settings) \
        if settings.event_delivery else None


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Run the event delivery worker while the server runs."""
    worker: DeliveryWorker | None = getattr(app.state, "delivery", None)
    if worker is not None:
        worker.start()
    try:
        yield
    finally:
        if worker is not None:
            await worker.stop()


def _docs(app: FastAPI) -> None:
    """``/docs`` (Swagger UI) and ``/redoc`` from files inside installed packages: no CDN."""
    app.mount(DOCS_ASSETS, StaticFiles(packages=[("fastapi_offline", "static")]),
              name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        return HTMLResponse(_SWAGGER)

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return HTMLResponse(_REDOC)


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema without its 422 responses: a malformed request is our 400 (the only
    422 is the documented Idempotency-Key reuse)."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version,
                             description=app.description, routes=app.routes)
        for path in schema["paths"].values():
            for operation in path.values():
                response = operation["responses"].get("422", {})
                if "HTTPValidationError" in str(response):
                    operation["responses"].pop("422")
        for name in ("HTTPValidationError", "ValidationError"):
            schema.get("components", {}).get("schemas", {}).pop(name, None)
        app.openapi_schema = schema
    return app.openapi_schema
