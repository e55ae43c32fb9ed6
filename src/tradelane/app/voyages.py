"""Use cases: record what happened on a voyage, re-estimate the calls after it, show the fleet.

**Recording** an actual arrival (``ARRI``) or departure (``DEPA``) stores an ACT event and
re-computes every later call of the ship from the plan (:func:`re_estimate`):

- at the recorded call, an arrival keeps the port stay: departure = max(planned ETD,
  arrival + planned stay);
- each following leg is sailed at up to the class's maximum speed: arrival = max(planned ETA,
  departure + distance / max speed + canal transit), so the ship takes back its delay with
  speed (and any waiting time in the plan) and never arrives before the schedule;
- each port stay is kept as scheduled: departure = max(planned ETD, arrival + planned stay);
- a call that already has an ACT time keeps it.

A call whose estimate moved gets an EST event. A booking (not final) whose POD arrival estimate
moved by more than the threshold (★ 24 h) since its last notification (or since the plan) gets
a shipment-level notification: an EST ``ARRI`` at its POD that names the booking
(``documentReferences`` BKG), so only its shipper and the carrier see it. A departure also
records ACT ``LOAD`` for the confirmed bookings loading there and ACT ``DISC`` for those
discharging there (their equipment is aboard, or ashore, by departure).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from tradelane.app.planning import PlanRequest, calendar_of, plan_case
from tradelane.app.resources import Resources
from tradelane.domain import Case
from tradelane.errors import InputError
from tradelane.store import booking_events, events
from tradelane.store.models import Booking, Call, EventRow, ServiceRow, Voyage

CODES = ("ARRI", "DEPA")
"""Transport event codes a carrier records."""
_ACTIVE = ("RECEIVED", "UPDATE_RECEIVED", "CONFIRMED")
_PLAUSIBLE = timedelta(days=30)


@dataclass(frozen=True, slots=True)
class LanePlan:
    """What re-estimating needs from the plan: each rotation leg's sea distance and canal
    hours (leg *i* leaves the rotation's call *i*), and the class's maximum speed."""

    distances_nm: tuple[float, ...]
    canal_h: tuple[float, ...]
    max_speed_kn: float

    def fastest_h(self, sequence: int) -> float:
        """Hours from call ``sequence``'s departure to the next arrival at maximum speed."""
        i = (sequence - 1) % len(self.distances_nm)
        return self.distances_nm[i] / self.max_speed_kn + self.canal_h[i]


def lane_plan(case: Case, session: Session, resources: Resources) -> LanePlan:
    """The plan of the published service ``case.service.code``: the routing option whose lane
    calendar gives the published calls (InputError naming ``service`` if none does)."""
    code = case.service.code
    service = session.scalar(select(ServiceRow).where(ServiceRow.code == code))
    if service is None or service.calendar_start is None:
        raise InputError("service", code, "has not been published (tradelane publish)")
    sample = session.scalar(select(Call).join(Voyage, Voyage.id == Call.voyage_id)
                            .where(Voyage.service_id == service.id).order_by(Call.id))
    plan = plan_case(PlanRequest(case, start=service.calendar_start), resources)
    for option in plan.options:
        if option.proforma is None or sample is None:
            continue
        calendar = calendar_of(plan, option)
        if sample.vessel.name not in calendar.names[:option.proforma.ships]:
            continue
        expected = calendar.call(calendar.names.index(sample.vessel.name) + 1, sample.sequence)
        if (expected.locode, expected.eta, expected.etd) == (sample.locode, sample.eta,
                                                             sample.etd):
            return LanePlan(tuple(leg.distance_nm for leg in option.legs),
                            tuple(leg.canal_transit_h for leg in option.legs),
                            case.vessel_class.max_speed_kn)
    raise InputError("service", code, "was published with calls that no routing option of "
                     "the case gives (was the case changed since publishing?)")


@dataclass(frozen=True, slots=True)
class ActualRequest:
    """An actual arrival or departure of a voyage at a port, as the carrier records it.

    Errors name the DCSA fields (``transportEventTypeCode``, ``eventDateTime``,
    ``delayReasonCode``, ``changeRemark``)."""

    service_code: str
    voyage: str
    locode: str
    event_code: str
    event_time: datetime
    delay_reason_code: str | None = None
    change_remark: str | None = None

    def __post_init__(self) -> None:
        if self.event_code not in CODES:
            raise InputError("transportEventTypeCode", self.event_code,
                             "must be ARRI (arrived) or DEPA (departed)")
        if self.event_time.tzinfo is None:
            raise InputError("eventDateTime", self.event_time.isoformat(),
                             "needs a UTC offset")
        if self.delay_reason_code is not None and not (
                1 <= len(self.delay_reason_code) <= 3 and self.delay_reason_code.isalnum()):
            raise InputError("delayReasonCode", self.delay_reason_code,
                             "must be an SMDG delay reason code of 1 to 3 letters or digits")
        if self.change_remark is not None and len(self.change_remark) > 250:
            raise InputError("changeRemark", self.change_remark[:40] + "…",
                             "must be at most 250 characters")


@dataclass(frozen=True, slots=True)
class CallEstimate:
    """A call's planned and estimated (or actual) times after re-estimating."""

    locode: str
    sequence: int
    export_voyage: str
    planned_eta: datetime
    planned_etd: datetime
    eta: datetime
    etd: datetime

    @property
    def delay_h(self) -> float:
        """Hours the arrival is behind the plan."""
        return (self.eta - self.planned_eta).total_seconds() / 3600


@dataclass(frozen=True, slots=True)
class RecordedActual:
    """What recording an actual did: the ACT event, the calls re-estimated (those after it
    whose estimate moved), the EST events written and the bookings notified."""

    event_id: str
    vessel_name: str
    estimates: tuple[CallEstimate, ...]
    est_event_ids: tuple[str, ...]
    notified_bookings: tuple[str, ...]


def find_call(session: Session, service_code: str, voyage: str, locode: str) -> Call:
    """The call at ``locode`` of voyage ``voyage`` of service ``service_code`` (a call where
    the voyage loads, else one where it discharges)."""
    row = session.scalar(select(Voyage).join(ServiceRow).where(
        ServiceRow.code == service_code, Voyage.carrier_voyage_number == voyage))
    if row is None:
        raise InputError("voyage", voyage, f"is not a published voyage of service "
                         f"{service_code}")
    calls = session.scalars(select(Call).where(
        Call.vessel_id == row.vessel_id, Call.locode == locode.upper(),
        (Call.export_voyage_number == voyage) | (Call.import_voyage_number == voyage))
        .order_by(Call.sequence)).all()
    if not calls:
        raise InputError("locode", locode, f"is not a call of voyage {voyage}")
    return next((c for c in calls if c.export_voyage_number == voyage), calls[0])


def record_actual(request: ActualRequest, session: Session, plan: LanePlan, now: datetime,
                  threshold_h: float = 24.0) -> RecordedActual:
    """Store the actual, re-estimate the ship's later calls and notify the bookings whose POD
    arrival moved by more than ``threshold_h`` (the caller owns the transaction)."""
    events.record_planned(session, now)
    booking_events.materialise(session)  # bookings' own events before what follows them
    call = find_call(session, request.service_code, request.voyage, request.locode)
    code, at = request.event_code, request.event_time
    _check_actual(session, call, code, at, now)
    service = events.service_of(session, call)
    extra = {k: v for k, v in (("delayReasonCode", request.delay_reason_code),
                               ("changeRemark", request.change_remark)) if v}
    act = events.record(session, [events.transport_event(call, service, "ACT", code, at,
                                                         extra=extra)], now)[0]
    if code == "DEPA":
        _equipment_actuals(session, call, at, now)
    later = session.scalars(select(Call).where(Call.vessel_id == call.vessel_id,
                                               Call.sequence >= call.sequence)
                            .order_by(Call.sequence)).all()
    estimates = re_estimate(later, known_times(session, later), plan)
    moved, est_ids = _record_estimates(session, estimates, later, service, extra, now)
    notified = _notify_bookings(session, moved, later, service, extra, now, threshold_h)
    return RecordedActual(act.event_id, call.vessel.name, tuple(moved), tuple(est_ids),
                          tuple(notified))


def _check_actual(session: Session, call: Call, code: str, at: datetime, now: datetime
                  ) -> None:
    if at > now:
        raise InputError("eventDateTime", at.isoformat(), f"lies in the future (now "
                         f"{now:%Y-%m-%dT%H:%MZ}); record what happened")
    planned = call.eta if code == "ARRI" else call.etd
    if abs(at - planned) > _PLAUSIBLE:
        raise InputError("eventDateTime", at.isoformat(), f"is more than 30 days from the "
                         f"planned {code} {planned:%Y-%m-%dT%H:%MZ} at {call.locode}")
    known = known_times(session, [call])
    if (call.id, code) in known.actual:
        raise InputError("transportEventTypeCode", code, f"was already recorded at "
                         f"{call.locode} for this call")
    arrival = known.actual.get((call.id, "ARRI"))
    if code == "DEPA" and arrival is not None and at < arrival:
        raise InputError("eventDateTime", at.isoformat(), f"is before the recorded arrival "
                         f"{arrival:%Y-%m-%dT%H:%MZ}")


@dataclass(frozen=True, slots=True)
class Known:
    """Recorded actual times and the latest estimates, by (call id, ARRI/DEPA)."""

    actual: dict[tuple[int, str], datetime]
    estimate: dict[tuple[int, str], datetime]


def known_times(session: Session, calls: Sequence[Call]) -> Known:
    """The recorded actuals and the latest estimates of ``calls`` (TRANSPORT events)."""
    rows = session.execute(select(EventRow.call_id, EventRow.type_code, EventRow.classifier,
                                  EventRow.event_at)
                           .where(EventRow.call_id.in_([c.id for c in calls]),
                                  EventRow.event_type == "TRANSPORT",
                                  EventRow.booking_id.is_(None),
                                  EventRow.classifier.in_(("ACT", "EST")))
                           .order_by(EventRow.id)).all()
    actual = {(r[0] or 0, r[1]): r[3] for r in rows if r[2] == "ACT"}
    estimate = {(r[0] or 0, r[1]): r[3] for r in rows if r[2] == "EST"}
    return Known(actual, estimate)


def re_estimate(calls: Sequence[Call], known: Known, plan: LanePlan
                ) -> list[CallEstimate]:
    """Estimated times of ``calls`` (one ship's, in order) from the first one's actual times
    and the plan (module docstring): recorded actuals are kept, everything else is the
    fastest recovery within the class's speed range, never ahead of the schedule."""
    out: list[CallEstimate] = []
    previous: tuple[datetime, int] | None = None  # departure and sequence of the last call
    for call in calls:
        stay = call.etd - call.eta
        if previous is None:
            arrival = known.actual.get((call.id, "ARRI"), call.eta)
        else:
            sailing = timedelta(minutes=round(plan.fastest_h(previous[1]) * 60))
            arrival = known.actual.get((call.id, "ARRI"), max(call.eta, previous[0] + sailing))
        departure = known.actual.get((call.id, "DEPA"), max(call.etd, arrival + stay))
        previous = (departure, call.sequence)
        out.append(CallEstimate(call.locode, call.sequence, call.export_voyage_number,
                                call.eta, call.etd, arrival, departure))
    return out


def _record_estimates(session: Session, estimates: list[CallEstimate], calls: Sequence[Call],
                      service: str | None, extra: dict[str, str],
                      now: datetime) -> tuple[list[CallEstimate], list[str]]:
    known = known_times(session, calls)
    new, moved = [], []
    for call, est in zip(calls, estimates, strict=True):
        changed = False
        for code, when, planned in (("ARRI", est.eta, call.eta), ("DEPA", est.etd, call.etd)):
            if (call.id, code) in known.actual:
                continue
            if when != known.estimate.get((call.id, code), planned):
                new.append(events.transport_event(call, service, "EST", code, when, extra=extra))
                changed = True
        if changed:
            moved.append(est)
    rows = events.record(session, new, now)
    return moved, [r.event_id for r in rows]


def _notify_bookings(session: Session, moved: list[CallEstimate], calls: Sequence[Call],
                     service: str | None, extra: dict[str, str],
                     now: datetime, threshold_h: float) -> list[str]:
    by_sequence = {c.sequence: c for c in calls}
    pod_calls = {by_sequence[e.sequence].id: e for e in moved}
    bookings = session.scalars(select(Booking).where(Booking.pod_call_id.in_(list(pod_calls)),
                                                     Booking.status.in_(_ACTIVE))
                               .order_by(Booking.id)).all()
    new, notified = [], []
    for booking in bookings:
        est = pod_calls[booking.pod_call_id]
        last = session.scalar(select(EventRow.event_at).where(
            EventRow.booking_id == booking.id, EventRow.event_type == "TRANSPORT",
            EventRow.type_code == "ARRI").order_by(EventRow.id.desc()).limit(1))
        reference = last or est.planned_eta
        shift_h = (est.eta - reference).total_seconds() / 3600
        if abs(shift_h) <= threshold_h:
            continue
        call = by_sequence[est.sequence]
        remark = (f"estimated arrival at {call.locode} moved by {shift_h:+.1f} h to "
                  f"{est.eta:%Y-%m-%dT%H:%MZ} (planned {est.planned_eta:%Y-%m-%dT%H:%MZ})")
        new.append(events.transport_event(call, service, "EST", "ARRI", est.eta,
                                          booking=booking,
                                          extra={**extra, "changeRemark": remark[:250]}))
        notified.append(booking.carrier_booking_reference
                        or booking.carrier_booking_request_reference)
    events.record(session, new, now)
    return notified


def _equipment_actuals(session: Session, call: Call, at: datetime, now: datetime) -> None:
    confirmed = select(Booking).where(Booking.status == "CONFIRMED")
    new: list[events.NewEvent] = []
    for booking in session.scalars(confirmed.where(Booking.pol_call_id == call.id)):
        new += events.equipment_events(session, booking, "ACT", [("LOAD", call, at)])
    for booking in session.scalars(confirmed.where(Booking.pod_call_id == call.id)):
        new += events.equipment_events(session, booking, "ACT", [("DISC", call, at)])
    events.record(session, new, now)
