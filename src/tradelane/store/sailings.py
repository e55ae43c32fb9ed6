"""Publish sailings: services, vessels, voyages, calls and legs with their capacity."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from stdnum import imo

from tradelane.domain.cargo import CargoLoad
from tradelane.errors import InputError
from tradelane.store.models import Call, Leg, ServiceRow, VesselRow, Voyage


class CallLike(Protocol):
    """What publishing needs of a scheduled call (``schedule.calendar.ScheduledCall``)."""

    @property
    def vessel_name(self) -> str: ...
    @property
    def voyage(self) -> str: ...
    @property
    def direction(self) -> str: ...
    @property
    def locode(self) -> str: ...
    @property
    def eta(self) -> datetime: ...
    @property
    def etd(self) -> datetime: ...


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


def publish_sailings(session: Session, *, service_code: str, service_name: str,
                     vessel_class: str, calls: Sequence[CallLike], capacity: CargoLoad,
                     auto_confirm: bool) -> list[PublishedVoyage]:
    """Store every call of ``calls`` and the legs between each ship's consecutive calls.

    Every leg gets ``capacity`` (TEU, tonnes, reefer plugs). A voyage number the service has
    already published is an InputError (publish a later window with ``--start``).
    """
    service = _service(session, service_code, service_name)
    by_ship: dict[str, list[CallLike]] = defaultdict(list)
    for call in sorted(calls, key=lambda c: c.eta):
        by_ship[call.vessel_name].append(call)
    published = []
    for name, ship_calls in sorted(by_ship.items()):
        vessel = _vessel(session, name, vessel_class)
        published += _publish_ship(session, service, vessel, ship_calls, capacity, auto_confirm)
    return published


def _publish_ship(session: Session, service: ServiceRow, vessel: VesselRow,
                  ship_calls: list[CallLike], capacity: CargoLoad, auto_confirm: bool
                  ) -> list[PublishedVoyage]:
    sequence = session.scalar(select(func.max(Call.sequence))
                              .where(Call.vessel_id == vessel.id)) or 0
    voyages: dict[str, Voyage] = {}
    rows: list[Call] = []
    for call in ship_calls:
        voyage = voyages.get(call.voyage) or _new_voyage(session, service, vessel, call,
                                                          auto_confirm)
        voyages[call.voyage] = voyage
        sequence += 1
        rows.append(Call(voyage_id=voyage.id, vessel_id=vessel.id, sequence=sequence,
                         locode=call.locode, eta=call.eta, etd=call.etd))
    session.add_all(rows)
    session.flush()
    session.add_all(Leg(vessel_id=vessel.id, from_call_id=a.id, to_call_id=b.id,
                        capacity_teu=capacity.teu, capacity_t=capacity.weight_t,
                        reefer_plugs=capacity.reefer_plugs, used_teu=0, used_t=0.0,
                        used_reefer_plugs=0)
                    for a, b in itertools.pairwise(rows))
    session.flush()
    return [PublishedVoyage(vessel.name, number,
                            next(c.locode for c in ship_calls if c.voyage == number),
                            next(c.etd for c in ship_calls if c.voyage == number),
                            sum(1 for c in ship_calls if c.voyage == number))
            for number in voyages]


def _new_voyage(session: Session, service: ServiceRow, vessel: VesselRow, call: CallLike,
                auto_confirm: bool) -> Voyage:
    exists = session.scalar(select(Voyage.id).where(
        Voyage.service_id == service.id, Voyage.carrier_voyage_number == call.voyage))
    if exists is not None:
        raise InputError("voyage", call.voyage, f"is already published for service "
                         f"{service.code}; publish a later window with --start")
    voyage = Voyage(service_id=service.id, vessel_id=vessel.id,
                    carrier_voyage_number=call.voyage, direction=call.direction,
                    auto_confirm=auto_confirm)
    session.add(voyage)
    session.flush()
    return voyage


def _service(session: Session, code: str, name: str) -> ServiceRow:
    row = session.scalar(select(ServiceRow).where(ServiceRow.code == code))
    if row is None:
        row = ServiceRow(code=code, name=name[:50])
        session.add(row)
        session.flush()
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
