"""Subscription operations on a session the request owns (they flush, never commit)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import Request
from sqlalchemy.orm import Session

from tradelane.api.deps import settings_of
from tradelane.api.errors import ApiError
from tradelane.api.events.callbacks import check_callback, secret_key
from tradelane.api.events.schemas import ChangedSubscription, NewSubscription
from tradelane.app.voyages import RecordedActual
from tradelane.store import event_outbox
from tradelane.store.events import dcsa_time
from tradelane.store.models import EventSubscription
from tradelane.store.parties import Caller


def callback_rules(request: Request) -> dict[str, Any]:
    """What a callback URL is checked against: the private-address setting and this server's
    own (host, port) pairs."""
    own = set()
    if request.url.hostname:
        own.add((request.url.hostname, request.url.port or
                 (443 if request.url.scheme == "https" else 80)))
    server = request.scope.get("server")
    if server and server[1] is not None:
        own.add((str(server[0]), int(server[1])))
    return {"allow_private": settings_of(request).allow_private_callbacks, "own": own}


def create(session: Session, party: Caller, body: NewSubscription, now: datetime, *,
           allow_private: bool, own: set[tuple[str, int]]) -> dict[str, Any]:
    """A new subscription of ``party``; 400 for a bad callback URL or secret."""
    secret_key(body.secret)
    check_callback(body.callbackUrl, allow_private=allow_private, own=own)
    row = event_outbox.add_subscription(session, party.id, body.callbackUrl, body.secret,
                                        body.filters(), now)
    return document(row)


def page(session: Session, party: Caller, offset: int, limit: int
         ) -> tuple[list[dict[str, Any]], bool]:
    """A page of the party's subscriptions."""
    rows, more = event_outbox.subscriptions_of(session, party.id, offset, limit)
    return [document(r) for r in rows], more


def owned(session: Session, party: Caller, subscription_id: str) -> EventSubscription:
    """The party's subscription, or 404."""
    row = event_outbox.subscription_of(session, party.id, subscription_id)
    if row is None:
        raise ApiError(404, "subscriptionID", subscription_id, "is not a subscription of "
                       "yours")
    return row


def change(session: Session, party: Caller, subscription_id: str, body: ChangedSubscription,
           now: datetime, *, allow_private: bool, own: set[tuple[str, int]]
           ) -> dict[str, Any]:
    """New callback and filters for the party's subscription."""
    row = owned(session, party, subscription_id)
    if body.subscriptionID is not None and body.subscriptionID != subscription_id:
        raise ApiError(400, "subscriptionID", body.subscriptionID, f"differs from the "
                       f"subscription in the path ({subscription_id})")
    check_callback(body.callbackUrl, allow_private=allow_private, own=own)
    filters = body.filters()
    event_outbox.change_subscription(session, row, body.callbackUrl, filters, now)
    return document(row)


def change_secret(session: Session, party: Caller, subscription_id: str, secret: str,
                  now: datetime) -> None:
    """A new shared secret for the party's subscription."""
    row = owned(session, party, subscription_id)
    secret_key(secret)
    row.secret, row.updated_at = secret, now


def remove(session: Session, party: Caller, subscription_id: str) -> None:
    """Delete the party's subscription."""
    event_outbox.remove_subscription(session, owned(session, party, subscription_id))


def document(row: EventSubscription) -> dict[str, Any]:
    """The subscription as returned (never its secret)."""
    doc = {"subscriptionID": row.subscription_id, "callbackUrl": row.callback_url,
           **row.filters, "deliveryStatus": row.status}
    if row.suspended_reason:
        doc["deliveryStatusReason"] = row.suspended_reason
    return doc


def recorded_document(done: RecordedActual) -> dict[str, Any]:
    """The answer to a recorded actual."""
    return {"eventID": done.event_id, "vesselName": done.vessel_name,
            "estimates": [{"UNLocationCode": e.locode,
                           "transportCallSequenceNumber": e.sequence,
                           "exportVoyageNumber": e.export_voyage,
                           "plannedArrival": dcsa_time(e.planned_eta),
                           "estimatedArrival": dcsa_time(e.eta),
                           "plannedDeparture": dcsa_time(e.planned_etd),
                           "estimatedDeparture": dcsa_time(e.etd),
                           "delayHours": round(e.delay_h, 2)} for e in done.estimates],
            "estimatedEventIDs": list(done.est_event_ids),
            "notifiedBookings": list(done.notified_bookings)}
