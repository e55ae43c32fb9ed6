"""The delivery worker: drains the event outbox to the subscribers, inside the server process.

Every ``event_poll_s`` it first writes the events of the booking status changes committed
since (``store.booking_events``: the booking transactions only note them), then claims the
due events of subscriptions that have no delivery in flight (``store.event_outbox.claim``)
and starts one task per subscription: a POST of the events as one JSON list with
``Notification-Signature: sha256=<hex HMAC-SHA256 of the body>`` (key: the secret's bytes),
``Subscription-ID`` and ``API-Version``. Deliveries run
concurrently, each with a timeout (``event_timeout_s``), so a slow subscriber delays only its
own events. A 2xx answer marks the events delivered; anything else (an error status, a
timeout, a refused connection, a callback that now resolves to a refused address) schedules
the next attempt with exponential back-off, and after ``event_max_attempts`` the subscription
is SUSPENDED. Events stay in the database until delivered: a server killed between an event
and its delivery sends it after the restart (at least once).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
from typing import Any

import httpx
from anyio import to_thread
from sqlalchemy.orm import Session, sessionmaker

from tradelane.api.errors import ApiError
from tradelane.api.events.callbacks import check_callback, signature
from tradelane.settings import Settings
from tradelane.store import booking_events, event_outbox
from tradelane.store.db import WRITE
from tradelane.store.event_outbox import Batch, RetryPolicy

LOG = logging.getLogger("tradelane.events")
MAX_SUBSCRIBERS_AT_ONCE = 32
"""Subscriptions delivered to concurrently by one server process."""
BATCH = 100
"""Events sent in one POST at most."""


class DeliveryWorker:
    """Drains the outbox of ``sessions`` while running (``start``/``stop``)."""

    def __init__(self, sessions: sessionmaker[Session], gate: Any, settings: Settings) -> None:
        self.sessions = sessions
        self.gate = gate
        self.settings = settings
        self.policy = RetryPolicy(settings.event_retry_base_s, settings.event_retry_max_s,
                                  settings.event_max_attempts)
        self._inflight: dict[int, asyncio.Task[None]] = {}
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Start polling (in the running event loop)."""
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        """Stop polling and cancel deliveries in flight (their events stay queued)."""
        tasks = [t for t in (self._task, *self._inflight.values()) if t is not None]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    async def _run(self) -> None:
        timeout = httpx.Timeout(self.settings.event_timeout_s)
        async with httpx.AsyncClient(timeout=timeout, follow_redirects=False) as client:
            while True:
                try:
                    await self._start_due(client)
                except Exception:  # a database hiccup must not end the worker
                    LOG.exception("event delivery: could not read the outbox")
                await asyncio.sleep(self.settings.event_poll_s)

    async def _start_due(self, client: httpx.AsyncClient) -> None:
        await to_thread.run_sync(self._materialise)
        room = MAX_SUBSCRIBERS_AT_ONCE - len(self._inflight)
        if room <= 0:
            return
        busy = list(self._inflight)
        lease_s = self.settings.event_timeout_s + 30
        claimed = await to_thread.run_sync(lambda: self._write(
            lambda s: event_outbox.claim(s, busy=busy, subscriptions=room, batch=BATCH,
                                         lease_s=lease_s)))
        for sub_id, batch in claimed:
            task = asyncio.create_task(self._deliver(client, sub_id, batch))
            self._inflight[sub_id] = task
            task.add_done_callback(functools.partial(self._done, sub_id))

    def _done(self, sub_id: int, _task: asyncio.Task[None]) -> None:
        self._inflight.pop(sub_id, None)

    async def _deliver(self, client: httpx.AsyncClient, sub_id: int, batch: Batch) -> None:
        body = json.dumps(list(batch.documents), separators=(",", ":"),
                          ensure_ascii=False).encode("utf-8")
        error = None
        try:
            await to_thread.run_sync(lambda: check_callback(
                batch.callback_url, allow_private=self.settings.allow_private_callbacks))
            response = await client.post(batch.callback_url, content=body, headers={
                "Content-Type": "application/json", "API-Version": "2.2.0",
                "Notification-Signature": signature(batch.secret, body),
                "Subscription-ID": batch.subscription_id})
            if not 200 <= response.status_code < 300:
                error = f"the callback answered HTTP {response.status_code}"
        except ApiError as exc:
            error = str(exc)
        except httpx.TimeoutException:
            error = f"the callback did not answer within {self.settings.event_timeout_s:g} s"
        except httpx.HTTPError as exc:
            error = f"the callback could not be reached ({type(exc).__name__})"
        if error is None:
            await to_thread.run_sync(lambda: self._write(
                lambda s: event_outbox.delivered(s, batch.outbox_ids)))
            return
        gave_up = await to_thread.run_sync(lambda: self._write(
            lambda s: event_outbox.failed(s, sub_id, batch.outbox_ids, error, self.policy)))
        LOG.warning("event delivery to subscription %s failed: %s%s", batch.subscription_id,
                    error, " (gave up: subscription suspended)" if gave_up else "")

    def _materialise(self) -> None:
        """Write the events of booking status changes committed since the last poll."""
        with self.sessions.begin() as session:
            if not booking_events.pending(session):
                return
        self._write(lambda s: booking_events.materialise(s, wait=False))

    def _write(self, work: Any) -> Any:
        with self.gate, self.sessions.begin() as session:
            session.connection(execution_options=WRITE)
            return work(session)
