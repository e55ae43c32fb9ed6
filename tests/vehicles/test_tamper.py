"""The chain is tamper-evident: the triggers refuse UPDATE and DELETE on both databases, and
``verify`` names the first bad event after each kind of tampering done in SQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from vehiclekit import cli, database, vin

from tradelane.app.vehicles import (
    NewVehicle,
    NewVehicleStep,
    OrderRefused,
    record_step,
    register_vehicle,
    verify_vehicle,
)
from tradelane.store.db import open_database
from tradelane.store.parties import Caller, add_party

NOW = datetime(2030, 1, 5, 12, tzinfo=UTC)
VIN = vin(7)
STEPS = (("PURCHASE", "dealer", None), ("TRANSFER_REGISTRATION", "registrar", None),
         ("INSPECTION", "inspector", "FAIL"), ("INSPECTION", "inspector", "PASS"),
         ("DEREGISTRATION", "registrar", None))


@pytest.fixture(params=["sqlite", "postgresql"])
def chain(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Engine]]:
    """A database holding VIN with the five events of STEPS; its URL and engine."""
    url = database(request.param, tmp_path, "vehicles_tamper")
    sessions = open_database(url, pool_size=1)
    with sessions.begin() as session:
        parties = {role: add_party(session, role, role, NOW)[0]
                   for role in ("dealer", "registrar", "inspector")}
        callers = {r: Caller(p.id, p.name, p.role) for r, p in parties.items()}
        register_vehicle(session, callers["dealer"], NewVehicle(VIN, "BYD", "Qin", 2021), NOW)
        for day, (step, role, result) in enumerate(STEPS, start=1):
            new = NewVehicleStep(step, NOW - timedelta(days=10 - day), "Qingdao",
                           inspection=result)
            record_step(session, callers[role], VIN, new, NOW)
    engine = sessions.kw["bind"]
    yield url, engine
    engine.dispose()


def _sql(engine: Engine, *statements: str, unprotect: bool = True, **values: str) -> None:
    """Run ``statements`` (with bound ``values``) behind the API's back, dropping the
    append-only triggers first unless told not to."""
    with engine.begin() as conn:
        if unprotect and conn.dialect.name == "sqlite":
            conn.exec_driver_sql("DROP TRIGGER vehicle_events_no_update")
            conn.exec_driver_sql("DROP TRIGGER vehicle_events_no_delete")
        elif unprotect:
            conn.exec_driver_sql("DROP TRIGGER vehicle_events_no_change ON vehicle_events")
        for statement in statements:
            conn.execute(text(statement), values)


def _verify(engine: Engine) -> tuple[bool, int | None, str]:
    with sessionmaker(engine)() as session:
        report = verify_vehicle(session, VIN)
    bad = report.first_bad_event
    return report.valid, bad and bad.sequence, bad.problem if bad else ""


def _payload(engine: Engine, sequence: int) -> str:
    with engine.connect() as conn:
        return str(conn.execute(text(
            f"SELECT payload FROM vehicle_events WHERE sequence = {sequence}")).scalar_one())


@pytest.mark.parametrize("statement", [
    "UPDATE vehicle_events SET step = 'PURCHASE'",
    "UPDATE vehicle_events SET payload = 'x' WHERE sequence = 2",
    "DELETE FROM vehicle_events WHERE sequence = 5",
    "DELETE FROM vehicle_events",
])
def test_the_triggers_refuse_update_and_delete(chain: tuple[str, Engine],
                                               statement: str) -> None:
    _, engine = chain
    with pytest.raises(DBAPIError, match="append-only"):
        _sql(engine, statement, unprotect=False)
    assert _verify(engine) == (True, None, "")


def test_postgresql_refuses_truncate(chain: tuple[str, Engine]) -> None:
    _, engine = chain
    if engine.dialect.name != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's")
    with pytest.raises(DBAPIError, match="append-only"):
        _sql(engine, "TRUNCATE vehicle_events CASCADE", unprotect=False)


def test_an_untouched_chain_verifies(chain: tuple[str, Engine]) -> None:
    url, engine = chain
    assert _verify(engine) == (True, None, "")
    code, out, _ = cli("vehicles", "verify", VIN, "--db", url)
    assert code == 0 and "valid" in out and "5 events" in out


def test_an_altered_payload_is_named(chain: tuple[str, Engine]) -> None:
    url, engine = chain
    altered = _payload(engine, 3).replace("FAIL", "PASS")
    _sql(engine, "UPDATE vehicle_events SET payload = :p WHERE sequence = 3", p=altered)
    valid, bad, problem = _verify(engine)
    assert (valid, bad) == (False, 3) and "altered" in problem
    code, out, _ = cli("vehicles", "verify", VIN, "--db", url)
    assert code == 1 and "event 3" in out and "altered" in out


def test_an_altered_step_column_is_named(chain: tuple[str, Engine]) -> None:
    _, engine = chain
    _sql(engine, "UPDATE vehicle_events SET step = 'INSPECTION' WHERE sequence = 2")
    valid, bad, problem = _verify(engine)
    assert (valid, bad) == (False, 2) and "step column" in problem


def test_a_deleted_event_is_named(chain: tuple[str, Engine]) -> None:
    _, engine = chain
    _sql(engine, "DELETE FROM vehicle_events WHERE sequence = 2")
    valid, bad, problem = _verify(engine)
    assert (valid, bad) == (False, 2) and "missing" in problem


def test_a_deleted_last_event_is_named(chain: tuple[str, Engine]) -> None:
    _, engine = chain
    _sql(engine, "DELETE FROM vehicle_events WHERE sequence = 5")
    valid, bad, problem = _verify(engine)
    assert (valid, bad) == (False, 5) and "missing" in problem


def test_two_reordered_events_are_named(chain: tuple[str, Engine]) -> None:
    _, engine = chain
    _sql(engine, "UPDATE vehicle_events SET sequence = -3 WHERE sequence = 3",
         "UPDATE vehicle_events SET sequence = 3 WHERE sequence = 4",
         "UPDATE vehicle_events SET sequence = 4 WHERE sequence = -3")
    valid, bad, problem = _verify(engine)
    assert (valid, bad) == (False, 3) and "out of place" in problem


def _make_room_at(sequence: int) -> tuple[str, ...]:
    return (f"UPDATE vehicle_events SET sequence = sequence + 100 WHERE sequence >= {sequence}",
            "UPDATE vehicle_events SET sequence = sequence - 99 WHERE sequence >= 100")


_INSERT = ("INSERT INTO vehicle_events (vehicle_id, sequence, step, party_id, payload, "
           "previous_sha256, sha256, recorded_at) SELECT vehicle_id, 3, step, party_id, :p, "
           ":previous, :digest, recorded_at FROM vehicle_events WHERE sequence = 2")
"""A copy of event 2's row inserted as event 3 with the given payload and digests."""


def test_a_copied_event_inserted_in_the_middle_is_named(chain: tuple[str, Engine]) -> None:
    _, engine = chain
    with engine.connect() as conn:
        digest, previous = conn.execute(text(
            "SELECT sha256, previous_sha256 FROM vehicle_events WHERE sequence = 2")).one()
    _sql(engine, *_make_room_at(3), _INSERT, p=_payload(engine, 2), previous=previous,
         digest=digest)
    valid, bad, problem = _verify(engine)
    assert (valid, bad) == (False, 3) and "out of place" in problem


def test_a_forged_event_with_its_own_digest_breaks_the_next_link(
        chain: tuple[str, Engine]) -> None:
    """A forger who recomputes the inserted event's digest and link passes at that event;
    the genuine event after it no longer follows, and is named."""
    import hashlib

    _, engine = chain
    with engine.connect() as conn:
        previous = conn.execute(text(
            "SELECT sha256 FROM vehicle_events WHERE sequence = 2")).scalar_one()
    body = {**json.loads(_payload(engine, 2)), "sequence": 3, "previous_sha256": previous,
            "place": "Forged"}
    payload = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    digest = hashlib.sha256(payload.encode()).hexdigest()
    _sql(engine, *_make_room_at(3), _INSERT, p=payload, previous=previous, digest=digest)
    valid, bad, problem = _verify(engine)
    assert (valid, bad) == (False, 4) and "out of place" in problem


def test_nothing_is_appended_to_a_broken_chain(chain: tuple[str, Engine]) -> None:
    _, engine = chain
    _sql(engine, "DELETE FROM vehicle_events WHERE sequence = 2")
    with Session(engine) as session, pytest.raises(OrderRefused, match="broken"):
        registrar = session.execute(text(
            "SELECT id FROM parties WHERE role = 'registrar'")).scalar_one()
        record_step(session, Caller(registrar, "r", "registrar"), VIN,
                    NewVehicleStep("DEREGISTRATION", NOW, "Qingdao"), NOW)
