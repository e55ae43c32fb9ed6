"""Per-request plumbing: the request's transaction and the calling party."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from datetime import UTC, date, datetime
from typing import Annotated, TypeVar

from anyio import CapacityLimiter, to_thread
from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from tradelane.api.errors import ApiError
from tradelane.settings import Settings
from tradelane.store.db import WRITE
from tradelane.store.parties import BOOKING_DESK_ROLES, Caller, party_for_key

Credentials = Annotated[HTTPAuthorizationCredentials | None,
                        Depends(HTTPBearer(auto_error=False, description="API key of a party "
                                           "(tradelane parties add)."))]
"""``Authorization: Bearer KEY``, documented as the OpenAPI security scheme."""
T = TypeVar("T")
EARLIEST = date(2000, 1, 1)
"""The earliest date any date parameter accepts."""
LATEST = date(2199, 12, 31)
"""The latest date any date parameter accepts (far enough for any schedule, and far from
``date.max``, where adding a few weeks overflows)."""
Day = Annotated[date | None, Query(ge=EARLIEST, le=LATEST,
                                   description="A date from 2000-01-01 to 2199-12-31.")]
"""An optional date query parameter, range-checked (400 outside the range)."""


def moment_in_range(field: str, moment: datetime) -> datetime:
    """``moment`` as an aware UTC datetime, or ApiError(400) if it is outside EARLIEST–LATEST
    (naive datetimes are taken as UTC)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if not EARLIEST <= aware.date() <= LATEST:
        raise ApiError(400, field, moment.isoformat(), f"must be between {EARLIEST} and "
                       f"{LATEST}")
    return aware


def settings_of(request: Request) -> Settings:
    """The app's settings (built once in the factory)."""
    settings: Settings = request.app.state.settings
    return settings


@contextmanager
def transaction(request: Request, *, write: bool) -> Iterator[Session]:
    """The request's transaction: committed on success (or on an error that keeps changes),
    rolled back otherwise. Write transactions queue on the app's writer gate (SQLite) and take
    SQLite's write lock at BEGIN."""
    with request.app.state.writer_gate if write else nullcontext():
        session: Session = request.app.state.sessions()
        try:
            if write:
                session.connection(execution_options=WRITE)
            yield session
            session.commit()
        except ApiError as exc:
            if exc.keep_changes:
                session.commit()
            else:
                session.rollback()
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()


async def in_transaction(request: Request, work: Callable[[Session], T], *, write: bool) -> T:
    """``work(session)`` in the request's ``transaction``, on one of the app's booking threads.

    The booking threads are few (``Settings.booking_threads``): requests beyond them wait in
    arrival order, instead of all running at once and competing for the GIL, which made a
    few requests wait many times longer than the rest.
    """
    def run() -> T:
        with transaction(request, write=write) as session:
            return work(session)

    limiter: CapacityLimiter = request.app.state.booking_threads
    return await to_thread.run_sync(run, limiter=limiter)


def caller(session: Session, credentials: HTTPAuthorizationCredentials | None,
           roles: tuple[str, ...] = BOOKING_DESK_ROLES) -> Caller:
    """The party whose API key is in ``Authorization: Bearer KEY``; 401 otherwise, 403 when
    its role is not one of ``roles`` (by default the booking desk's: a dealer's or an
    inspector's key books nothing)."""
    if credentials is None or not credentials.credentials:
        raise ApiError(401, "Authorization", None, "must be 'Bearer ' and your API key")
    party = party_for_key(session, credentials.credentials.strip())
    if party is None:
        raise ApiError(401, "Authorization", "Bearer …", "is not a valid API key")
    if party.role not in roles:
        raise ApiError(403, "role", party.role, f"may not do this (only {', '.join(roles)})")
    return party
