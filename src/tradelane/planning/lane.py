"""The lane calendar of a planned option: the one source of ships, voyages and call times."""

from __future__ import annotations

from datetime import datetime

from tradelane.planning.service_plan import OptionPlan, ServicePlan
from tradelane.schedule.calendar import LaneCalendar, vessel_names


def lane_calendar(plan: ServicePlan, option: OptionPlan, anchor: datetime | None = None
                  ) -> LaneCalendar | None:
    """The calendar of ``option`` anchored at ``anchor`` (default: the plan's start), or
    ``None`` when the option has no proforma (no sea route)."""
    if option.proforma is None:
        return None
    names = vessel_names(plan.case.service.code, option.proforma.ships)
    return LaneCalendar(option.proforma, list(option.legs), anchor or plan.start, names)
