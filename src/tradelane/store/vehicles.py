"""The used-car export chain's tables: vehicles and their append-only, hash-linked events.

``vehicle_events`` is append-only in the database itself: a trigger refuses every ``UPDATE``
and ``DELETE`` (and, on PostgreSQL, ``TRUNCATE``). The triggers are created by the migration
``0006_vehicles`` and, for schemas made with ``Base.metadata.create_all``, by the DDL events
attached to the table below. Each event row keeps its canonical JSON (``payload``), its
SHA-256 digest and the digest of the event before it; the vehicle row keeps the number of
events and the newest digest (the chain's head), so that a deleted last event shows too.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    DDL,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    select,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, Session, mapped_column

from tradelane.store.models import Base

GENESIS_SHA256 = "0" * 64
"""The ``previous_sha256`` of a vehicle's first event."""


class Vehicle(Base):
    """A vehicle registered by VIN, with the head of its event chain."""

    __tablename__ = "vehicles"
    id: Mapped[int] = mapped_column(primary_key=True)
    vin: Mapped[str] = mapped_column(String(17), unique=True)
    make: Mapped[str] = mapped_column(String(50))
    model: Mapped[str] = mapped_column(String(50))
    model_year: Mapped[int] = mapped_column(Integer)
    powertrain: Mapped[str] = mapped_column(String(4))
    registered_by: Mapped[int] = mapped_column(ForeignKey("parties.id"))
    registered_at: Mapped[datetime]
    events_count: Mapped[int] = mapped_column(Integer, default=0)
    head_sha256: Mapped[str] = mapped_column(String(64), default=GENESIS_SHA256)


class VehicleEvent(Base):
    """One step of a vehicle's chain: its canonical JSON and the digests that link it."""

    __tablename__ = "vehicle_events"
    __table_args__ = (UniqueConstraint("vehicle_id", "sequence"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicles.id"), index=True)
    sequence: Mapped[int] = mapped_column(Integer)
    step: Mapped[str] = mapped_column(String(30))
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"))
    booking_reference: Mapped[str | None] = mapped_column(String(100), index=True)
    payload: Mapped[str] = mapped_column(Text)
    previous_sha256: Mapped[str] = mapped_column(String(64))
    sha256: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime]


SQLITE_TRIGGERS = tuple(
    f"CREATE TRIGGER vehicle_events_no_{op.lower()} BEFORE {op} ON vehicle_events "
    f"BEGIN SELECT RAISE(ABORT, 'vehicle_events is append-only: {op} refused'); END"
    for op in ("UPDATE", "DELETE"))
"""SQLite: refuse UPDATE and DELETE on ``vehicle_events``."""
POSTGRESQL_TRIGGERS = (
    "CREATE OR REPLACE FUNCTION vehicle_events_append_only() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION USING MESSAGE = "
    "'vehicle_events is append-only: ' || TG_OP || ' refused'; END $$",
    "CREATE TRIGGER vehicle_events_no_change BEFORE UPDATE OR DELETE ON vehicle_events "
    "FOR EACH ROW EXECUTE FUNCTION vehicle_events_append_only()",
    "CREATE TRIGGER vehicle_events_no_truncate BEFORE TRUNCATE ON vehicle_events "
    "FOR EACH STATEMENT EXECUTE FUNCTION vehicle_events_append_only()",
)
"""PostgreSQL: refuse UPDATE, DELETE and TRUNCATE on ``vehicle_events``."""


def append_only_ddl(dialect: str) -> Sequence[str]:
    """The statements that make ``vehicle_events`` append-only on ``dialect``."""
    if dialect == "sqlite":
        return SQLITE_TRIGGERS
    if dialect == "postgresql":
        return POSTGRESQL_TRIGGERS
    raise ValueError(f"no append-only trigger for the {dialect} dialect")


def create_append_only_triggers(connection: Connection) -> None:
    """Create the append-only triggers on ``connection``'s database (the migration's step)."""
    for statement in append_only_ddl(connection.dialect.name):
        connection.exec_driver_sql(statement)


for _statement in SQLITE_TRIGGERS:
    event.listen(VehicleEvent.__table__, "after_create",
                 DDL(_statement).execute_if(dialect="sqlite"))
for _statement in POSTGRESQL_TRIGGERS:
    event.listen(VehicleEvent.__table__, "after_create",
                 DDL(_statement).execute_if(dialect="postgresql"))


def canonical_json(document: dict[str, Any]) -> str:
    """``document`` as canonical JSON: keys sorted, no spaces, UTF-8 text (no floats are ever
    put in an event, so the text is unique)."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False)


def sha256_hex(text: str) -> str:
    """The SHA-256 hex digest of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def vehicle_by_vin(session: Session, vin: str, *, for_update: bool = False) -> Vehicle | None:
    """The vehicle ``vin`` (locked for the transaction when ``for_update``, on PostgreSQL)."""
    query = select(Vehicle).where(Vehicle.vin == vin)
    if for_update:
        query = query.with_for_update()
    return session.execute(query).scalar_one_or_none()


def chain_of(session: Session, vehicle_id: int) -> list[VehicleEvent]:
    """The stored events of a vehicle in chain order (sequence, then row id)."""
    query = (select(VehicleEvent).where(VehicleEvent.vehicle_id == vehicle_id)
             .order_by(VehicleEvent.sequence, VehicleEvent.id))
    return list(session.execute(query).scalars())


def append_event(session: Session, vehicle: Vehicle, document: dict[str, Any], *,
                 party_id: int, booking_reference: str | None, recorded_at: datetime
                 ) -> VehicleEvent:
    """Append ``document`` as the vehicle's next event; the sequence number, the previous
    digest and the digest are set here, never by the caller, and the head moves on."""
    sequence = vehicle.events_count + 1
    body = {**document, "sequence": sequence, "previous_sha256": vehicle.head_sha256}
    payload = canonical_json(body)
    row = VehicleEvent(vehicle_id=vehicle.id, sequence=sequence, step=body["step"],
                       party_id=party_id, booking_reference=booking_reference,
                       payload=payload, previous_sha256=vehicle.head_sha256,
                       sha256=sha256_hex(payload), recorded_at=recorded_at)
    session.add(row)
    vehicle.events_count = sequence
    vehicle.head_sha256 = row.sha256
    session.flush()
    return row
