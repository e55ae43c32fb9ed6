"""A fresh database for one benchmark run: a temporary SQLite file, or a PostgreSQL schema
dropped and re-created in the database given."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, text


@contextlib.contextmanager
def fresh_database(db: str | None, schema: str, prefix: str = "tradelane-bench-"
                   ) -> Iterator[str]:
    """Yield the URL of an empty database: SQLite in a temporary folder (``db`` None), else
    ``schema`` in the PostgreSQL database ``db``, re-created and set as the search path."""
    if db is None:
        with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
            yield f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        return
    engine = create_engine(db)
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    yield f"{db}{'&' if '?' in db else '?'}options=-csearch_path%3D{schema}"
