"""The terminal's weekly berth plan with the lane's call placed among the other services.

Time is in whole hours from Monday 00:00 UTC of the planned week. The lane's call is the lane
calendar's call that week (ship, voyages, ETA) and is held for its scheduled port stay (ETA to
ETD, given or computed), so the berth week and the schedule never disagree; the other
services' weekly windows get the terminal's per-ship crane allocation. A berth is allowed when
its quay is at least as long as the ship and, for the lane's ship, deep enough for its design
draft (and, where the terminal names a ``lane_berth``, only that berth: the lane's contracted
window). Handling hours are rounded
up to the hour. Weights are 1: the solver minimises the total hours ships spend in port.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tradelane.domain import Case, Terminal, WeeklyCall
from tradelane.domain.berth import BerthInstance, BerthPlan, BerthWindow, ShipCall, build_instance
from tradelane.domain.schedule import ScheduledCall
from tradelane.errors import InputError
from tradelane.planning.lane import lane_calendar
from tradelane.planning.service_plan import ServicePlan
from tradelane.result import Result

SPILL_H = 72  # berths stay open this long past Sunday 24:00 for calls that arrive late


@dataclass(frozen=True, slots=True)
class WeeklyBerthInstance:
    """The berth instance of one week, with what the names mean."""

    instance: BerthInstance
    week_start: datetime
    lane_ship: int
    terminal: Terminal


def weekly_berth_instance(case: Case, locode: str, week_start: datetime,
                          lane_call: ScheduledCall) -> WeeklyBerthInstance:
    """Build the week's instance at ``locode`` with the lane's call of that week; the lane
    ship's handling time is the schedule's port stay (ETA to ETD), never another figure."""
    terminal = case.terminals.get(locode)
    if terminal is None:
        raise InputError("port", locode, f"has no [terminals.{locode}] table in the case")
    lane_eta = lane_call.eta
    horizon = 7 * 24 + SPILL_H
    berths = [BerthWindow(b.name, 0, horizon) for b in terminal.berths]
    ships = [_other_call(terminal, c) for c in terminal.other_calls]
    arrival_h = (lane_eta - week_start) / timedelta(hours=1)
    if not 0 <= arrival_h < 7 * 24:
        raise InputError("week", week_start.date().isoformat(),
                         f"does not contain the lane's call at {locode} (ETA {lane_eta})")
    stay_h = (lane_call.etd - lane_call.eta) / timedelta(hours=1)
    vessel = case.vessel_class
    ships.append(ShipCall(
        name=f"{lane_call.vessel_name} {lane_call.import_voyage}/{lane_call.export_voyage}",
        arrival_h=math.floor(arrival_h),
        handling_h={b.name: math.ceil(stay_h - 1e-9) for b in terminal.berths
                    if b.quay_length_m >= vessel.loa_m and b.max_draft_m >= vessel.design_draft_m
                    and terminal.lane_berth in (None, b.name)},
    ))
    if not ships[-1].handling_h:
        raise InputError(f"terminals.{locode}.berths", [b.name for b in terminal.berths],
                         f"has no berth long and deep enough for the {vessel.name} class")
    instance = build_instance(f"{locode} week of {week_start:%Y-%m-%d}", ships, berths)
    return WeeklyBerthInstance(instance, week_start, len(ships) - 1, terminal)


def _other_call(terminal: Terminal, call: WeeklyCall) -> ShipCall:
    hours = math.ceil(terminal.handling_h(call.moves, terminal.cranes_per_ship))
    return ShipCall(name=call.service, arrival_h=math.floor(call.arrival_h),
                    handling_h={b.name: hours for b in terminal.berths
                                if b.quay_length_m >= call.loa_m})


def lane_week_instance(plan: ServicePlan, locode: str, week_start: datetime
                       ) -> WeeklyBerthInstance:
    """The week's instance at ``locode`` with the lane's call that week, taken from the lane
    calendar of the plan's first feasible option (else its first option with a schedule);
    InputError when the lane does not call then."""
    option = plan.first_feasible() or next((o for o in plan.options if o.proforma), None)
    calendar = lane_calendar(plan, option) if option else None
    calls = [] if calendar is None else [
        c for c in calendar.calls_between(week_start, week_start + timedelta(days=7))
        if c.locode == locode]
    if not calls:
        raise InputError("week", week_start.date().isoformat(),
                         f"has no call of the lane at {locode} "
                         f"(service starts {plan.start:%Y-%m-%d})")
    return weekly_berth_instance(plan.case, locode, week_start, calls[0])


def berth_plan_to_dict(weekly: WeeklyBerthInstance, result: Result[BerthPlan]
                       ) -> dict[str, Any]:
    """The berth plan as JSON-ready data (``tradelane berth plan --json``)."""
    inst = weekly.instance
    rows = [] if result.solution is None else [
        {"ship": inst.ship_names[a.ship], "lane": a.ship == weekly.lane_ship,
         "berth": inst.berth_names[a.berth],
         "arrival": (weekly.week_start + timedelta(hours=inst.arrival_h[a.ship])).isoformat(),
         "start": (weekly.week_start + timedelta(hours=a.start_h)).isoformat(),
         "end": (weekly.week_start + timedelta(hours=a.end_h)).isoformat(),
         "wait_h": a.start_h - inst.arrival_h[a.ship]}
        for a in result.solution.assignments]
    return {"solver": result.stats.get("solver"), "status": result.status.value,
            "objective": result.objective,
            "bound": result.bound, "gap": result.gap, "runtime_s": result.runtime_s,
            "terminal": weekly.terminal.locode, "week": weekly.week_start.isoformat(),
            "assignments": rows}
