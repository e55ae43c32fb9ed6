"""Alembic environment: runs on the connection the caller passes (``store.db.migrate``)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from tradelane.store import rail as _rail  # noqa: F401  (registers the rail tables)
from tradelane.store import vehicles as _vehicles  # noqa: F401  (its tables are in Base.metadata)
from tradelane.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # the alembic command line: use sqlalchemy.url
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    connection = engine.connect()
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
