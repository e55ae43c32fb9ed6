"""The app factory: settings, database (migrated at start-up), routers, DCSA errors."""

from __future__ import annotations

from typing import Any

from anyio import CapacityLimiter
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from tradelane.api.bookings.router import router as bookings_router
from tradelane.api.dashboard.planner import Planner
from tradelane.api.dashboard.router import router as dashboard_router
from tradelane.api.errors import (
    api_error_handler,
    http_error_handler,
    validation_error_handler,
)
from tradelane.api.schedules.router import router as schedules_router
from tradelane.errors import InputError
from tradelane.settings import Settings
from tradelane.store.db import open_database, writer_gate
from tradelane.web import STATIC_DIR


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
                              "tradelane service, with capacity and dangerous-goods control.")
    app.state.settings = settings
    app.state.sessions = open_database(settings.db_url, pool_size=settings.db_pool_size)
    app.state.writer_gate = writer_gate(settings.db_url)
    app.state.booking_threads = CapacityLimiter(settings.booking_threads)
    app.add_exception_handler(InputError, api_error_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    app.add_exception_handler(HTTPException, http_error_handler)
    app.include_router(bookings_router)
    app.include_router(schedules_router)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    app.state.planner = Planner(settings.case_path)
    app.include_router(dashboard_router)
    app.mount("/", StaticFiles(directory=STATIC_DIR, html=True), name="dashboard")
    return app


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema without its 422 responses: a malformed request is our 400."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version,
                             description=app.description, routes=app.routes)
        for path in schema["paths"].values():
            for operation in path.values():
                operation["responses"].pop("422", None)
        for name in ("HTTPValidationError", "ValidationError"):
            schema.get("components", {}).get("schemas", {}).pop(name, None)
        app.openapi_schema = schema
    return app.openapi_schema
