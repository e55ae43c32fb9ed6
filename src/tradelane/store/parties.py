"""Parties (shippers, the carrier) and their API keys: random keys, SHA-256 digests stored."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tradelane.errors import InputError
from tradelane.store.models import Party

ROLES = ("shipper", "carrier")


def key_digest(api_key: str) -> str:
    """The SHA-256 hex digest stored for ``api_key``."""
    return hashlib.sha256(api_key.encode("utf-8")).hexdigest()


def add_party(session: Session, name: str, role: str, now: datetime) -> tuple[Party, str]:
    """Create a party and return it with its new API key (shown once, never stored)."""
    if role not in ROLES:
        raise InputError("--role", role, "must be shipper or carrier")
    if not name.strip() or len(name) > 100:
        raise InputError("NAME", name, "must be a non-empty name of at most 100 characters")
    api_key = "tl_" + secrets.token_urlsafe(32)
    party = Party(name=name.strip(), role=role, api_key_sha256=key_digest(api_key),
                  created_at=now)
    session.add(party)
    session.flush()
    return party, api_key


def party_for_key(session: Session, api_key: str) -> Party | None:
    """The party whose key is ``api_key``, or ``None``."""
    return session.scalar(select(Party).where(Party.api_key_sha256 == key_digest(api_key)))
