"""The security suite's server: ``tradelane serve`` on 127.0.0.1 with the default settings
(no cabotage allowed, 1 MB body limit), on SQLite and, when ``TRADELANE_TEST_PG_URL`` is set,
on PostgreSQL. Its access log (stdout) and error log (stderr) go to files the tests read.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))

from apikit import add_party, database, publish
from seckit import Desk


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def desk(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[Desk]:
    """The reference case published for 8 weeks (100 TEU per leg, manual confirmation)."""
    folder = tmp_path_factory.mktemp(f"security-{request.param}")
    name = f"security_{os.getpid()}"
    schema = f"tradelane_{name}_test"  # database() names the PostgreSQL schema so
    db_url = database(request.param, folder, name)
    publish(db_url)
    keys = {"acme": add_party(db_url, "Acme Batteries", "shipper"),
            "bolt": add_party(db_url, "Bolt Solar", "shipper"),
            "carrier": add_party(db_url, "Tradelane Lines", "carrier")}
    server = Desk(db_url, keys, folder)
    yield server
    server.stop()
    if request.param == "postgresql":  # the schema is this run's own: drop it
        engine = create_engine(os.environ["TRADELANE_TEST_PG_URL"])
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()
