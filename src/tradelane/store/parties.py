"""Parties (shippers, the carrier, and the used-car chain's dealers, registrars, inspectors,
exporters and buyers) and their API keys: random keys, SHA-256 digests stored."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from tradelane.errors import InputError
from tradelane.store.models import Base, Party

ROLES = ("shipper", "carrier", "analyst", "dealer", "registrar", "inspector", "exporter",
         "buyer")
"""Every party role (``parties.role`` holds at most 10 characters); ``analyst`` reads the
trade report (``GET /api/trade``), never bookings."""
BOOKING_DESK_ROLES = ("shipper", "carrier", "exporter")
"""The roles that may use the booking desk (an exporter books as a shipper does)."""


def key_digest(api_key: str) -> str:
    """The SHA-256 hex digest stored for ``api_key``."""
    return hashlib.sha256(api_key.encode("utf-8")).hexdigest()


def add_party(session: Session, name: str, role: str, now: datetime) -> tuple[Party, str]:
    """Create a party and return it with its new API key (shown once, never stored)."""
    if role not in ROLES:
        raise InputError("role", role, f"must be one of {', '.join(ROLES)}")
    if not name.strip() or len(name) > 100:
        raise InputError("NAME", name, "must be a non-empty name of at most 100 characters")
    api_key = "tl_" + secrets.token_urlsafe(32)
    party = Party(name=name.strip(), role=role, api_key_sha256=key_digest(api_key),
                  created_at=now)
    session.add(party)
    session.flush()
    return party, api_key


@dataclass(frozen=True, slots=True)
class Caller:
    """The party that sent a request (read-only; not a row to change)."""

    id: int
    name: str
    role: str


_PARTIES = Base.metadata.tables[Party.__tablename__]
_BY_DIGEST = (select(_PARTIES.c.id, _PARTIES.c.name, _PARTIES.c.role)
              .where(_PARTIES.c.api_key_sha256 == bindparam("digest"),
                     _PARTIES.c.revoked_at.is_(None)))
"""Built once: one indexed lookup per request, without the ORM's entity loading."""


def party_for_key(session: Session, api_key: str) -> Caller | None:
    """The party whose key is ``api_key``, or ``None`` (looked up on every request, so that a
    key revoked or removed from the database is refused at once)."""
    row = session.execute(_BY_DIGEST, {"digest": key_digest(api_key)}).first()
    return None if row is None else Caller(row.id, row.name, row.role)


@dataclass(frozen=True, slots=True)
class PartyRecord:
    """A party as ``tradelane parties list`` shows it (never its key or digest)."""

    id: int
    name: str
    role: str
    created_at: datetime
    revoked_at: datetime | None


def list_parties(session: Session) -> list[PartyRecord]:
    """Every party, in the order they were added."""
    rows = session.execute(select(Party).order_by(Party.id)).scalars()
    return [PartyRecord(p.id, p.name, p.role, p.created_at, p.revoked_at) for p in rows]


def revoke_party(session: Session, name: str, now: datetime, party_id: int | None = None
                 ) -> PartyRecord:
    """Revoke the API key of the active party ``name`` (or of ``party_id``, when several share
    the name): it is refused from the next request on, by every server process. The party and
    its bookings stay."""
    query = select(Party).where(Party.name == name.strip(), Party.revoked_at.is_(None))
    if party_id is not None:
        query = query.where(Party.id == party_id)
    found = list(session.execute(query).scalars())
    if not found:
        raise InputError("NAME", name, "is not an active party (see tradelane parties list)")
    if len(found) > 1:
        ids = ", ".join(str(p.id) for p in found)
        raise InputError("NAME", name, f"is the name of several active parties (ids {ids}); "
                         "choose one with --id")
    party = found[0]
    party.revoked_at = now
    party.api_key_sha256 = "revoked:" + secrets.token_hex(28)  # no key hashes to this
    session.flush()
    return PartyRecord(party.id, party.name, party.role, party.created_at, party.revoked_at)
