"""Publish sailings: services, vessels, voyages, calls and legs with their capacity.

The sailings come from the lane calendar (``schedule.calendar``); this module only stores them.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from stdnum import imo

from tradelane.domain.cargo import CargoLoad
from tradelane.domain.schedule import Sailing, ScheduledCall
from tradelane.errors import InputError
from tradelane.store.models import Call, Leg, ServiceRow, VesselRow, Voyage


@dataclass(frozen=True, slots=True)
class PublishedVoyage:
    """One voyage number as published: ship, first call and its ETD."""

    vessel_name: str
    carrier_voyage_number: str
    first_locode: str
    first_etd: datetime
    calls: int


def placeholder_imo(index: int) -> str:
    """A placeholder IMO number that passes the check digit (``99xxxx`` + check digit)."""
    body = f"99{index:04d}"
    return body + imo.calc_check_digit(body)


def service_calendar_start(session: Session, code: str) -> datetime | None:
    """The calendar start stored when service ``code`` was first published (``None``: never)."""
    return session.scalar(select(ServiceRow.calendar_start).where(ServiceRow.code == code))


def publish_sailings(session: Session, *, service_code: str, service_name: str,
                     calendar_start: datetime, vessel_class: str, sailings: Sequence[Sailing],
                     capacity: CargoLoad, auto_confirm: bool) -> list[PublishedVoyage]:
    """Store each sailing: its voyage, its calls and the legs between them.

    Calls are keyed by ship and calendar sequence, so a call that an earlier window published
    (as the discharge end of a voyage) is the same row when a later voyage loads there; its
    ETA and port must match. Every new leg gets ``capacity``. A voyage number the service has
    already published is an InputError naming it (the windows overlap).
    """
    service = _service(session, service_code, service_name, calendar_start)
    published = []
    for sailing in sailings:
        vessel = _vessel(session, sailing.vessel_name, vessel_class)
        voyage = _new_voyage(session, service, vessel, sailing, auto_confirm)
        rows = [_call(session, vessel, voyage, c) for c in sailing.calls]
        _legs(session, vessel, rows, capacity)
        published.append(PublishedVoyage(vessel.name, sailing.voyage, sailing.calls[0].locode,
                                         sailing.departure, len(sailing.calls)))
    return published


def _call(session: Session, vessel: VesselRow, voyage: Voyage, call: ScheduledCall) -> Call:
    row = session.scalar(select(Call).where(Call.vessel_id == vessel.id,
                                            Call.sequence == call.sequence))
    if row is None:
        row = Call(vessel_id=vessel.id, sequence=call.sequence, locode=call.locode,
                   eta=call.eta, etd=call.etd, import_voyage_number=call.import_voyage,
                   export_voyage_number=call.export_voyage)
        session.add(row)
    elif row.locode != call.locode or row.eta != call.eta or row.etd != call.etd:
        raise InputError("service", vessel.name, f"call {call.sequence} was published at "
                         f"{row.locode} {row.eta:%Y-%m-%d %H:%M}, the case now puts it at "
                         f"{call.locode} {call.eta:%Y-%m-%d %H:%M}; the schedule changed since "
                         f"it was first published")
    if call.export_voyage == voyage.carrier_voyage_number:
        row.voyage_id = voyage.id
    if call.import_voyage == voyage.carrier_voyage_number:
        row.import_voyage_id = voyage.id
    session.flush()
    return row


def _legs(session: Session, vessel: VesselRow, rows: list[Call], capacity: CargoLoad) -> None:
    have = set(session.scalars(select(Leg.from_call_id)
                               .where(Leg.from_call_id.in_([r.id for r in rows]))))
    session.add_all(Leg(vessel_id=vessel.id, from_call_id=a.id, to_call_id=b.id,
                        capacity_teu=capacity.teu, capacity_t=capacity.weight_t,
                        reefer_plugs=capacity.reefer_plugs, used_teu=0, used_t=0.0,
                        used_reefer_plugs=0)
                    for a, b in itertools.pairwise(rows) if a.id not in have)
    session.flush()


def _new_voyage(session: Session, service: ServiceRow, vessel: VesselRow, sailing: Sailing,
                auto_confirm: bool) -> Voyage:
    exists = session.scalar(select(Voyage.id).where(
        Voyage.service_id == service.id, Voyage.carrier_voyage_number == sailing.voyage))
    if exists is not None:
        raise InputError("voyage", sailing.voyage, f"of {sailing.vessel_name} is already "
                         f"published for service {service.code}; publish from a later start")
    voyage = Voyage(service_id=service.id, vessel_id=vessel.id,
                    carrier_voyage_number=sailing.voyage, direction=sailing.direction,
                    auto_confirm=auto_confirm)
    session.add(voyage)
    session.flush()
    return voyage


def _service(session: Session, code: str, name: str, calendar_start: datetime) -> ServiceRow:
    row = session.scalar(select(ServiceRow).where(ServiceRow.code == code))
    if row is None:
        row = ServiceRow(code=code, name=name[:50], calendar_start=calendar_start)
        session.add(row)
        session.flush()
    elif row.calendar_start is None:
        row.calendar_start = calendar_start
    elif row.calendar_start != calendar_start:
        raise InputError("service.start", calendar_start.isoformat(), f"differs from the "
                         f"calendar start {row.calendar_start.isoformat()} that service {code} "
                         f"was first published with")
    return row


def _vessel(session: Session, name: str, vessel_class: str) -> VesselRow:
    row = session.scalar(select(VesselRow).where(VesselRow.name == name))
    if row is None:
        count = session.scalar(select(func.count(VesselRow.id))) or 0
        row = VesselRow(name=name, imo_number=placeholder_imo(count + 1),
                        vessel_class=vessel_class, is_placeholder=True)
        session.add(row)
        session.flush()
    return row
