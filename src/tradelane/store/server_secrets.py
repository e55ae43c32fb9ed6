"""The server's own secrets (the key that signs paging cursors), kept in the database.

Generated on first start (256 bits from ``secrets``) and stored in ``server_secrets``, so that
every server process on the database, and the next start, signs with the same key. Whoever can
read the database can read the secret; ``TRADELANE_SERVER_SECRET`` overrides it.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from tradelane.store.db import WRITE
from tradelane.store.models import ServerSecret

CURSOR_KEY = "cursor-hmac"
"""Name of the key that signs paging cursors."""


def server_secret(sessions: sessionmaker[Session], name: str, now: datetime) -> str:
    """The secret ``name``, created (and stored) if the database has none yet."""
    found = _read(sessions, name)
    if found is not None:
        return found
    try:
        with sessions.begin() as session:
            session.connection(execution_options=WRITE)
            if session.get(ServerSecret, name) is None:
                session.add(ServerSecret(name=name, value=secrets.token_urlsafe(32),
                                         created_at=now))
    except IntegrityError:  # another process stored it first: use theirs
        pass
    stored = _read(sessions, name)
    if stored is None:  # pragma: no cover - the insert above committed or lost a race
        raise RuntimeError(f"server secret {name} was not stored")
    return stored


def _read(sessions: sessionmaker[Session], name: str) -> str | None:
    with sessions() as session:
        return session.scalar(select(ServerSecret.value).where(ServerSecret.name == name))
