"""Engines, sessions and start-up migrations for SQLite and PostgreSQL (one code path).

SQLite: the database file is created readable and writable by its owner only (0600; SQLite
gives its WAL and shared-memory files the same mode). Write transactions start with
``BEGIN IMMEDIATE`` (one writer at a time, no lock-upgrade deadlocks); reads start with a plain
``BEGIN``. WAL journal, 30 s busy timeout.
PostgreSQL: capacity is taken with a conditional ``UPDATE … WHERE used + n <= capacity``
(see ``store.capacity``), so no explicit row locks are needed.
"""

from __future__ import annotations

import os
import threading
from contextlib import AbstractContextManager, nullcontext
from importlib import resources
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from tradelane.errors import InputError

WRITE = {"tradelane_write": True}
"""Execution options of a connection whose transaction will write (``BEGIN IMMEDIATE``)."""


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    """An engine for ``url`` (``sqlite:///file`` or ``postgresql+psycopg://…``)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise InputError("db_url", url, "is not a database URL such as "
                         "sqlite:///tradelane.sqlite3") from exc
    if parsed.get_backend_name() == "sqlite":
        _create_private(url, parsed.database)
        engine = create_engine(parsed, connect_args={"timeout": 30, "check_same_thread": False})
        _sqlite_transactions(engine)
        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_engine(parsed, pool_size=pool_size, max_overflow=pool_size,
                             pool_pre_ping=True)
    raise InputError("db_url", url, "must be a sqlite:// or postgresql+psycopg:// URL")


def _create_private(url: str, database: str | None) -> None:
    """Create the SQLite file ``database`` with mode 0600 if it does not exist yet."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    try:
        os.close(os.open(database, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass
    except FileNotFoundError:
        raise InputError("db_url", url, "names a file in a folder that does not "
                         "exist") from None


def _sqlite_transactions(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("tradelane_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def writer_gate(url: str) -> AbstractContextManager[Any]:
    """What a process's write transactions on ``url`` queue on before they begin.

    SQLite has one writer at a time; threads waiting in its busy handler poll with growing
    sleeps (up to 100 ms), which gives long tail latencies under load. A lock makes the
    threads of one process queue in memory instead (other processes still meet at
    ``BEGIN IMMEDIATE``). PostgreSQL needs no gate: a no-op.
    """
    if make_url(url).get_backend_name() == "sqlite":
        return threading.Lock()
    return nullcontext()


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema (Alembic ``upgrade head``)."""
    config = Config()
    config.set_main_option("script_location",
                           str(resources.files("tradelane.store").joinpath("migrations")))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit."""
    return sessionmaker(engine, expire_on_commit=False)


def open_database(url: str, *, pool_size: int = 10) -> sessionmaker[Session]:
    """Engine for ``url``, migrated to the newest schema, and its session factory."""
    engine = make_engine(url, pool_size=pool_size)
    migrate(engine)
    return session_factory(engine)
