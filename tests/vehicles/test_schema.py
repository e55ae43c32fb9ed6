"""The chain's tables: the migration matches the models on both databases, and the
append-only triggers exist whether the schema came from the migration or ``create_all``."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError
from vehiclekit import database

from tradelane.store.db import make_engine, migrate
from tradelane.store.models import Base
from tradelane.store.vehicles import Vehicle, VehicleEvent


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_the_migration_matches_the_models(kind: str, tmp_path: Path) -> None:
    engine = make_engine(database(kind, tmp_path, "vehicles_schema"))
    migrate(engine)
    migrate(engine)  # idempotent at start-up
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []
    assert {Vehicle.__tablename__, VehicleEvent.__tablename__} <= set(Base.metadata.tables)


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_create_all_also_makes_the_events_append_only(kind: str, tmp_path: Path) -> None:
    engine = create_engine(database(kind, tmp_path, "vehicles_create_all"))
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO parties (id, name, role, api_key_sha256, created_at) "
                          "VALUES (1, 'd', 'dealer', 'x', '2030-01-01')"))
        conn.execute(text("INSERT INTO vehicles (id, vin, make, model, model_year, powertrain, "
                          "registered_by, registered_at, events_count, head_sha256) VALUES "
                          "(1, 'V', 'M', 'M', 2020, 'ICE', 1, '2030-01-01', 0, 'h')"))
        conn.execute(text("INSERT INTO vehicle_events (vehicle_id, sequence, step, party_id, "
                          "payload, previous_sha256, sha256, recorded_at) VALUES "
                          "(1, 1, 'PURCHASE', 1, '{}', 'p', 's', '2030-01-01')"))
    for statement in ("UPDATE vehicle_events SET payload = '[]'", "DELETE FROM vehicle_events"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))
    engine.dispose()
