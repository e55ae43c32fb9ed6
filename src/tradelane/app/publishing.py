"""Use case: publish a window of sailings from the lane calendar into the booking store.

A window of ``weeks`` weeks from its start publishes every sailing that *departs its first
port* in the window, with all its calls through the end of its voyage, so one week already
sells Qingdao → Savannah. The calendar start is the case's ``service.start``, else the one the
service was first published with, else the window's start: later windows continue the same
ships' rotation and voyage numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from tradelane.app.planning import PlanRequest, calendar_of, choose_option, plan_case
from tradelane.app.rail import publish_window_trains
from tradelane.app.resources import Resources
from tradelane.domain import Case, Routing
from tradelane.domain.cargo import CargoLoad
from tradelane.errors import InputError
from tradelane.planning.service_plan import next_monday_utc
from tradelane.store.events import record_planned
from tradelane.store.sailings import PublishedVoyage, publish_sailings, service_calendar_start


@dataclass(frozen=True, slots=True)
class PublishRequest:
    """A window to publish: ``weeks`` from ``start`` (default: the case's start when that is
    in the future, else the next Monday 00:00 UTC)."""

    case: Case
    weeks: int = 4
    start: datetime | None = None
    routing: Routing | None = None
    capacity_teu: int | None = None
    auto_confirm: bool = False
    allow_past: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.weeks, bool) or not 1 <= self.weeks <= 104:
            raise InputError("weeks", self.weeks, "must be a whole number from 1 to 104")
        if self.capacity_teu is not None and self.capacity_teu < 0:
            raise InputError("capacity_teu", self.capacity_teu, "must be zero or more")
        if self.start is not None and self.start.tzinfo is None:
            raise InputError("start", self.start.isoformat(), "needs a UTC offset")


@dataclass(frozen=True, slots=True)
class PublishedWindow:
    """What a publication put on sale."""

    routing: Routing
    calendar_start: datetime
    window_start: datetime
    window_end: datetime
    capacity: CargoLoad
    voyages: tuple[PublishedVoyage, ...]
    train_departures: int = 0


def publish_window(request: PublishRequest, session: Session, resources: Resources,
                   now: datetime) -> PublishedWindow:
    """Store the window's sailings (the caller owns the transaction)."""
    case = request.case
    window_start = request.start or (case.start if case.start and case.start > now
                                     else next_monday_utc(now))
    if window_start < now and not request.allow_past:
        raise InputError("start", window_start.isoformat(), f"lies in the past (now "
                         f"{now:%Y-%m-%dT%H:%MZ}); past sailings are published only when "
                         f"allowed (allow-past)")
    stored = service_calendar_start(session, case.service.code)
    anchor = case.start or stored or window_start
    plan = plan_case(PlanRequest(case, routings=(request.routing,) if request.routing else None,
                                 start=anchor), resources, now)
    option = choose_option(plan, request.routing, feasible_only=True)
    window_end = window_start + timedelta(weeks=request.weeks)
    sailings = calendar_of(plan, option).sailings_departing(window_start, window_end)
    capacity = CargoLoad(teu=case.vessel_class.capacity_teu if request.capacity_teu is None
                         else request.capacity_teu,
                         weight_t=case.bookable_t_per_leg,
                         reefer_plugs=case.vessel_class.reefer_plugs)
    try:
        voyages = publish_sailings(
            session, service_code=case.service.code, service_name=case.service.name,
            calendar_start=anchor, vessel_class=case.vessel_class.name, sailings=sailings,
            capacity=capacity, auto_confirm=request.auto_confirm)
    except InputError as exc:
        if exc.field != "voyage":
            raise
        raise InputError("start", window_start.isoformat(), f"opens a window that overlaps "
                         f"one published before: voyage {exc.value} {exc.problem}") from None
    trains = publish_window_trains(session, case, window_start, window_end)
    record_planned(session, now)  # PLN events of the new calls (DCSA Track & Trace)
    return PublishedWindow(option.routing, anchor, window_start, window_end, capacity,
                           tuple(voyages), trains)
