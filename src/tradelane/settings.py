"""Run-time settings of the booking desk: one object, read from the environment once.

Built by the app factory (``tradelane.api.create_app``) and the CLI, never at import.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


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
    sweep_path : Path or None
        A sweep's results folder (``tradelane sweep --out``) the dashboard's sweep explorer
        shows (``TRADELANE_SWEEP_PATH``, ``tradelane serve --sweep``); ``None``: none.
    server_secret : str or None
        Key of the HMAC that signs paging cursors (``TRADELANE_SERVER_SECRET``, at least 32
        characters). ``None``: a random secret generated on first start and kept in the
        database's ``server_secrets`` table, so that every server process on the database
        signs alike.
    cursor_ttl_s : int
        Seconds a paging cursor stays valid (stale cursors are refused with a 400).
    max_body_bytes : int
        Largest request body accepted (★ 1 MB); larger bodies get 413 before they are
        parsed or authenticated.
    cabotage_allowed : list of str
        ISO 3166 country codes in which the carrier may carry domestic cargo
        (``TRADELANE_CABOTAGE_ALLOWED=CN,US`` or a JSON list); a booking whose POL and POD
        are in one country is refused unless that country is listed (default: none).
    access_log : bool
        Print one line per request (method, path, status; never headers or keys).
    allow_private_callbacks : bool
        Accept event-subscription callback URLs on loopback and private addresses
        (``TRADELANE_ALLOW_PRIVATE_CALLBACKS=1``, for tests and local demos; off by default).
    event_delay_threshold_h : float
        A booking gets a shipment-level notification when its POD arrival estimate moves by
        more than this many hours (★ 24 h).
    event_timeout_s : float
        Seconds a subscriber has to answer one delivery (then it counts as failed).
    event_retry_base_s : float
        First retry delay; each failed attempt doubles it, up to ``event_retry_max_s``.
    event_retry_max_s : float
        Longest delay between two attempts.
    event_max_attempts : int
        Attempts per event before the outbox gives up and suspends the subscription.
    event_poll_s : float
        How often the delivery worker looks for due deliveries.
    event_delivery : bool
        Run the delivery worker in the server process (``TRADELANE_EVENT_DELIVERY=0``:
        events are queued but not sent by this process).
    """

    model_config = SettingsConfigDict(env_prefix="TRADELANE_", extra="ignore")

    db_url: str = "sqlite:///tradelane.sqlite3"
    now: datetime | None = None
    db_pool_size: int = 10
    booking_threads: int = Field(default=4, ge=1)
    carrier_smdg_code: str = "TLN"
    case_path: Path | None = None
    sweep_path: Path | None = None
    server_secret: str | None = Field(default=None, min_length=32)
    cursor_ttl_s: int = Field(default=3600, ge=1)
    max_body_bytes: int = Field(default=1_000_000, ge=1024)
    cabotage_allowed: Annotated[list[str], NoDecode] = []
    access_log: bool = True
    allow_private_callbacks: bool = False
    event_delay_threshold_h: float = Field(default=24.0, gt=0)
    event_timeout_s: float = Field(default=10.0, gt=0)
    event_retry_base_s: float = Field(default=30.0, gt=0)
    event_retry_max_s: float = Field(default=3600.0, gt=0)
    event_max_attempts: int = Field(default=12, ge=1)
    event_poll_s: float = Field(default=1.0, gt=0)
    event_delivery: bool = True

    @field_validator("now")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value

    @field_validator("cabotage_allowed", mode="before")
    @classmethod
    def _countries(cls, value: Any) -> list[str]:
        if isinstance(value, str):
            text = value.strip()
            value = json.loads(text) if text.startswith("[") else \
                [c.strip() for c in text.split(",") if c.strip()]
        if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
            raise ValueError("must be country codes separated by commas, e.g. CN,US")
        for code in value:
            if len(code) != 2 or not code.isascii() or not code.isalpha():
                raise ValueError(f"{code} is not an ISO 3166 two-letter country code")
        return [code.upper() for code in value]

    def clock(self) -> datetime:
        """The current time in UTC (``now`` if pinned)."""
        return self.now or datetime.now(UTC)
