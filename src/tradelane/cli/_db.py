"""The database the booking-desk commands use: ``--db`` or ``TRADELANE_DB_URL``."""

from __future__ import annotations

from typing import Annotated

import typer
from pydantic import ValidationError
from sqlalchemy.orm import Session, sessionmaker

from tradelane.errors import InputError
from tradelane.settings import Settings
from tradelane.store.db import open_database

DbOption = Annotated[str | None, typer.Option(
    "--db", help="Database URL (default: TRADELANE_DB_URL or sqlite:///tradelane.sqlite3).")]


def settings_for(db: str | None) -> Settings:
    """Settings from the environment, with ``--db`` taking precedence; a bad variable is one
    sentence naming it."""
    try:
        settings = Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        name = "TRADELANE_" + str(first["loc"][0]).upper() if first["loc"] else "TRADELANE_*"
        problem = str(first["msg"]).removeprefix("Value error, ").rstrip(".")
        raise InputError(name, first.get("input"), problem) from None
    return settings.model_copy(update={"db_url": db}) if db else settings


def sessions_for(settings: Settings) -> sessionmaker[Session]:
    """Open (create and migrate) the database of ``settings``."""
    return open_database(settings.db_url, pool_size=2)
