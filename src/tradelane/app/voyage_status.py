"""Use case: where every ship of a service is, how late it runs, which sailings are at risk.

A call's time is its actual when recorded, else its latest estimate, else the plan. A ship's
last call is its latest call that has begun (arrival at or before now), its next call the one
after; its delay is the next call's arrival behind the plan (the last call's departure when
there is no next). A sailing (voyage) is at risk when a call still ahead of it is estimated
more than the threshold (★ 24 h) behind the plan: the voyage it arrives on (its import
voyage), with the worst such call and the bookings (not final) on that voyage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tradelane.app.voyages import known_times
from tradelane.errors import InputError
from tradelane.store.models import Booking, Call, ServiceRow, Voyage


@dataclass(frozen=True, slots=True)
class CallStatus:
    """A call with its planned and best-known times (``actual_*``: recorded; ``estimated_*``:
    a re-estimate, not recorded; neither: the plan)."""

    locode: str
    sequence: int
    import_voyage: str
    export_voyage: str
    planned_eta: datetime
    planned_etd: datetime
    eta: datetime
    etd: datetime
    actual_arrival: bool
    actual_departure: bool
    estimated_arrival: bool = False
    estimated_departure: bool = False

    @property
    def delay_h(self) -> float:
        """Hours the arrival is behind the plan."""
        return (self.eta - self.planned_eta).total_seconds() / 3600

    @property
    def arrival_classifier(self) -> str:
        """Where ``eta`` comes from: ``ACT`` (recorded), ``EST`` (estimated) or ``PLN``."""
        return "ACT" if self.actual_arrival else "EST" if self.estimated_arrival else "PLN"

    @property
    def departure_classifier(self) -> str:
        """Where ``etd`` comes from: ``ACT``, ``EST`` or ``PLN``."""
        return "ACT" if self.actual_departure else "EST" if self.estimated_departure else "PLN"


@dataclass(frozen=True, slots=True)
class ShipStatus:
    """A ship's last and next call, its delay in hours and all its published calls."""

    vessel_name: str
    last_call: CallStatus | None
    next_call: CallStatus | None
    delay_h: float
    calls: tuple[CallStatus, ...] = ()


@dataclass(frozen=True, slots=True)
class SailingAtRisk:
    """A voyage with a call ahead estimated more than the threshold behind the plan."""

    voyage: str
    vessel_name: str
    locode: str
    planned_eta: datetime
    eta: datetime
    delay_h: float
    bookings: int


@dataclass(frozen=True, slots=True)
class ServiceStatus:
    """Every ship's position and the sailings at risk, at ``at``."""

    service_code: str
    at: datetime
    threshold_h: float
    ships: tuple[ShipStatus, ...]
    at_risk: tuple[SailingAtRisk, ...]


def service_status(session: Session, service_code: str, now: datetime,
                   threshold_h: float = 24.0) -> ServiceStatus:
    """The status of service ``service_code`` at ``now``."""
    service = session.scalar(select(ServiceRow).where(ServiceRow.code == service_code))
    if service is None:
        raise InputError("service", service_code, "has not been published (tradelane publish)")
    vessel_ids = select(Voyage.vessel_id).where(Voyage.service_id == service.id)
    calls = session.scalars(select(Call).where(Call.vessel_id.in_(vessel_ids))
                            .order_by(Call.vessel_id, Call.sequence)).all()
    times = _times(session, calls)
    ships, risks = [], []
    by_vessel: dict[str, list[CallStatus]] = {}
    for call in calls:
        by_vessel.setdefault(call.vessel.name, []).append(times[call.id])
    for name, rows in by_vessel.items():
        begun = [r for r in rows if r.eta <= now]
        last = begun[-1] if begun else None
        ahead = rows[len(begun):]
        nxt = ahead[0] if ahead else None
        delay = nxt.delay_h if nxt else ((last.etd - last.planned_etd).total_seconds() / 3600
                                         if last else 0.0)
        ships.append(ShipStatus(name, last, nxt, delay, tuple(rows)))
        risks += _at_risk(session, service.id, name, ahead, threshold_h)
    return ServiceStatus(service_code, now, threshold_h, tuple(ships),
                         tuple(sorted(risks, key=lambda r: -r.delay_h)))


def _times(session: Session, calls: Sequence[Call]) -> dict[int, CallStatus]:
    known = known_times(session, calls)
    est, act = known.estimate, known.actual
    out = {}
    for c in calls:
        arri, depa = (act.get((c.id, k)) or est.get((c.id, k)) for k in ("ARRI", "DEPA"))
        out[c.id] = CallStatus(c.locode, c.sequence, c.import_voyage_number,
                              c.export_voyage_number, c.eta, c.etd, arri or c.eta,
                              depa or c.etd, (c.id, "ARRI") in act, (c.id, "DEPA") in act,
                              (c.id, "ARRI") in est and (c.id, "ARRI") not in act,
                              (c.id, "DEPA") in est and (c.id, "DEPA") not in act)
    return out


def _at_risk(session: Session, service_id: int, vessel: str, ahead: list[CallStatus],
             threshold_h: float) -> list[SailingAtRisk]:
    worst: dict[str, CallStatus] = {}
    for row in ahead:
        voyage = row.import_voyage  # the sailing that brings the ship (and its cargo) here
        if row.delay_h > threshold_h and (voyage not in worst
                                          or row.delay_h > worst[voyage].delay_h):
            worst[voyage] = row
    out = []
    for voyage, row in worst.items():
        count = session.scalar(select(func.count(Booking.id)).join(Voyage).where(
            Voyage.service_id == service_id, Voyage.carrier_voyage_number == voyage,
            Booking.status.in_(("RECEIVED", "UPDATE_RECEIVED", "CONFIRMED")))) or 0
        out.append(SailingAtRisk(voyage, vessel, row.locode, row.planned_eta, row.eta,
                                 row.delay_h, count))
    return out
