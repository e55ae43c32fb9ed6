"""Schedules from the published calls: OVS 3.0 and Commercial Schedules 1.0 documents."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tradelane.store.models import Call, ServiceRow, VesselRow


@dataclass(frozen=True, slots=True)
class CallView:
    """A published call with what every schedule document needs: its service, vessel and
    import/export voyage numbers (DCSA), from the lane calendar as published."""

    call: Call

    @property
    def vessel(self) -> VesselRow:
        """The ship calling."""
        return self.call.vessel

    @property
    def service(self) -> ServiceRow:
        """The service of the call's voyages."""
        voyage = self.call.voyage or self.call.import_voyage
        if voyage is None:  # publish always links a call to at least one voyage
            raise LookupError(f"call {self.call.id} belongs to no voyage")
        return voyage.service

    @property
    def export_voyage(self) -> str:
        """The voyage the ship departs on (the lane calendar's number, on sale or not)."""
        return self.call.export_voyage_number

    @property
    def import_voyage(self) -> str:
        """The voyage the ship arrives on (the export voyage at the ship's first call)."""
        return self.call.import_voyage_number

    @property
    def ref(self) -> str:
        """Our transportCallReference: service, vessel and call sequence."""
        return f"{self.service.code}-{self.vessel.imo_number}-{self.call.sequence}"


def iso(moment: datetime) -> str:
    """UTC timestamp as DCSA writes it."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def all_calls(session: Session) -> list[CallView]:
    """Every published call, ordered by vessel and sequence."""
    return [CallView(c) for c in
            session.scalars(select(Call).order_by(Call.vessel_id, Call.sequence))]


def in_window(view: CallView, start: date | None, end: date | None) -> bool:
    """Whether the call's ETA–ETD overlaps the dates [start, end]."""
    return (start is None or view.call.etd.date() >= start) and \
        (end is None or view.call.eta.date() <= end)


def timestamps(call: Call) -> list[dict[str, str]]:
    """Planned arrival and departure."""
    return [{"eventTypeCode": "ARRI", "eventClassifierCode": "PLN", "eventDateTime": iso(call.eta)},
            {"eventTypeCode": "DEPA", "eventClassifierCode": "PLN", "eventDateTime": iso(call.etd)}]


def group_by_service(views: list[CallView]) -> dict[str, dict[str, list[CallView]]]:
    """service code → vessel name → calls."""
    grouped: dict[str, dict[str, list[CallView]]] = defaultdict(lambda: defaultdict(list))
    for v in views:
        grouped[v.service.code][v.vessel.name].append(v)
    return grouped
