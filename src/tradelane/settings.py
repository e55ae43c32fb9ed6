"""Run-time settings of the booking desk: one object, read from the environment once.

Built by the app factory (``tradelane.api.create_app``) and the CLI, never at import.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Settings from ``TRADELANE_*`` environment variables.

    Attributes
    ----------
    db_url : str
        SQLAlchemy URL; default ``sqlite:///tradelane.sqlite3`` (a file in the working
        directory, created and migrated automatically). PostgreSQL:
        ``postgresql+psycopg://user:password@127.0.0.1:5432/tradelane``.
    now : datetime or None
        Pins the server's clock (cut-offs, "future" sailings); ``None`` uses the real clock.
    db_pool_size : int
        Connections kept open per process (PostgreSQL only).
    booking_threads : int
        Booking requests a server process works on at once (``TRADELANE_BOOKING_THREADS``);
        the others wait their turn in arrival order. A few threads keep the CPU busy while
        others wait for the database; more only compete for the GIL and lengthen the
        latency tail.
    carrier_smdg_code : str
        The operator's SMDG liner code in OVS schedules (placeholder ``TLN``).
    case_path : Path or None
        The case the dashboard plans (``TRADELANE_CASE_PATH``); ``None``: the shipped
        reference case.
    """

    model_config = SettingsConfigDict(env_prefix="TRADELANE_", extra="ignore")

    db_url: str = "sqlite:///tradelane.sqlite3"
    now: datetime | None = None
    db_pool_size: int = 10
    booking_threads: int = Field(default=4, ge=1)
    carrier_smdg_code: str = "TLN"
    case_path: Path | None = None

    @field_validator("now")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value

    def clock(self) -> datetime:
        """The current time in UTC (``now`` if pinned)."""
        return self.now or datetime.now(UTC)
