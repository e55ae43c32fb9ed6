"""Event subscriptions and the delivery outbox (at-least-once, survives a restart).

A delivery worker (``api.events.delivery``) claims the due outbox rows of a subscription
(:func:`claim`: their next attempt is pushed ``lease_s`` ahead, so that another worker does
not send them meanwhile), POSTs them as one list, then marks them delivered (:func:`delivered`)
or schedules the next attempt with exponential back-off (:func:`failed`): attempt *n* waits
``base × 2^(n−1)`` seconds, at most ``max_s``. After ``max_attempts`` failed attempts the rows
are FAILED and the subscription SUSPENDED; a ``PUT`` of the subscription re-activates it and
queues its failed events again. Outbox times use the real clock (never a pinned one).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from tradelane.store.models import EventRow, EventSubscription, OutboxEntry


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Back-off and give-up limits of the outbox."""

    base_s: float = 30.0
    max_s: float = 3600.0
    max_attempts: int = 12

    def delay_s(self, attempts: int) -> float:
        """Seconds to wait after the ``attempts``-th failed attempt."""
        return float(min(self.max_s, self.base_s * 2 ** max(0, attempts - 1)))


@dataclass(frozen=True, slots=True)
class Batch:
    """Events claimed for one POST to one subscriber."""

    subscription_id: str
    callback_url: str
    secret: str
    outbox_ids: tuple[int, ...]
    documents: tuple[dict[str, Any], ...]


def real_now() -> datetime:
    """The wall clock in UTC (outbox timing; the business clock may be pinned)."""
    return datetime.now(UTC)


# ---- subscriptions ---------------------------------------------------------------------------
def add_subscription(session: Session, party_id: int, callback_url: str, secret: str,
                     filters: dict[str, Any], now: datetime) -> EventSubscription:
    """A new ACTIVE subscription of ``party_id``."""
    row = EventSubscription(subscription_id=str(uuid.uuid4()), party_id=party_id,
                            callback_url=callback_url, secret=secret, filters=filters,
                            status="ACTIVE", created_at=now, updated_at=now)
    session.add(row)
    session.flush()
    return row


def subscriptions_of(session: Session, party_id: int, offset: int, limit: int
                     ) -> tuple[list[EventSubscription], bool]:
    """A page of the party's subscriptions, oldest first, and whether more remain."""
    rows = list(session.scalars(select(EventSubscription)
                                .where(EventSubscription.party_id == party_id)
                                .order_by(EventSubscription.id).offset(offset).limit(limit + 1)))
    return rows[:limit], len(rows) > limit


def subscription_of(session: Session, party_id: int, subscription_id: str
                    ) -> EventSubscription | None:
    """The party's subscription ``subscription_id`` (``None``: not one of its own)."""
    return session.scalar(select(EventSubscription).where(
        EventSubscription.subscription_id == subscription_id,
        EventSubscription.party_id == party_id))


def change_subscription(session: Session, row: EventSubscription, callback_url: str,
                        filters: dict[str, Any], now: datetime) -> None:
    """New callback and filters; a SUSPENDED subscription becomes ACTIVE and its failed
    events are queued again."""
    row.callback_url, row.filters, row.updated_at = callback_url, filters, now
    if row.status != "ACTIVE":
        row.status, row.suspended_at, row.suspended_reason = "ACTIVE", None, None
        session.execute(update(OutboxEntry).where(
            OutboxEntry.subscription_id == row.id, OutboxEntry.status == "FAILED")
            .values(status="PENDING", attempts=0, next_attempt_at=real_now()))


def remove_subscription(session: Session, row: EventSubscription) -> None:
    """Delete the subscription and whatever its outbox still holds."""
    session.execute(delete(OutboxEntry).where(OutboxEntry.subscription_id == row.id))
    session.delete(row)


# ---- outbox ----------------------------------------------------------------------------------
def claim(session: Session, *, busy: Sequence[int], subscriptions: int, batch: int,
          lease_s: float) -> list[tuple[int, Batch]]:
    """Claim the due events of up to ``subscriptions`` ACTIVE subscriptions not in ``busy``
    (at most ``batch`` per subscription, oldest first): (subscription row id, batch) pairs."""
    now = real_now()
    due = session.execute(
        select(OutboxEntry.id, OutboxEntry.subscription_id, EventRow.document)
        .join(EventRow, EventRow.id == OutboxEntry.event_id)
        .join(EventSubscription, EventSubscription.id == OutboxEntry.subscription_id)
        .where(OutboxEntry.status == "PENDING", OutboxEntry.next_attempt_at <= now,
               EventSubscription.status == "ACTIVE",
               OutboxEntry.subscription_id.not_in(list(busy) or [-1]))
        .order_by(OutboxEntry.id).limit(subscriptions * batch * 4)).all()
    grouped: dict[int, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
    for outbox_id, sub_id, document in due:
        if (sub_id in grouped or len(grouped) < subscriptions) and len(grouped[sub_id]) < batch:
            grouped[sub_id].append((outbox_id, document))
    if not grouped:
        return []
    ids = [i for items in grouped.values() for i, _ in items]
    session.execute(update(OutboxEntry).where(OutboxEntry.id.in_(ids))
                    .values(next_attempt_at=now + timedelta(seconds=lease_s)))
    subs = {s.id: s for s in session.scalars(select(EventSubscription).where(
        EventSubscription.id.in_(list(grouped))))}
    return [(sub_id, Batch(subs[sub_id].subscription_id, subs[sub_id].callback_url,
                           subs[sub_id].secret, tuple(i for i, _ in items),
                           tuple(d for _, d in items)))
            for sub_id, items in grouped.items()]


def delivered(session: Session, outbox_ids: Sequence[int]) -> None:
    """The subscriber answered 2xx: these rows are done."""
    session.execute(update(OutboxEntry).where(OutboxEntry.id.in_(list(outbox_ids)))
                    .values(status="DELIVERED", delivered_at=real_now(), last_error=None))


def failed(session: Session, subscription_row_id: int, outbox_ids: Sequence[int], error: str,
           policy: RetryPolicy) -> bool:
    """Count a failed attempt on each row and schedule the next; give up (FAILED rows, the
    subscription SUSPENDED) after ``policy.max_attempts``. True when it gave up."""
    now = real_now()
    gave_up = False
    for row in session.scalars(select(OutboxEntry).where(OutboxEntry.id.in_(list(outbox_ids)))):
        row.attempts += 1
        row.last_error = error[:300]
        if row.attempts >= policy.max_attempts:
            row.status, gave_up = "FAILED", True
        else:
            row.next_attempt_at = now + timedelta(seconds=policy.delay_s(row.attempts))
    if gave_up:
        sub = session.get_one(EventSubscription, subscription_row_id)
        sub.status, sub.suspended_at = "SUSPENDED", now
        sub.suspended_reason = (f"gave up after {policy.max_attempts} attempts: "
                                f"{error}")[:300]
    return gave_up
