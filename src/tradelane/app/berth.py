"""Use cases: place the lane's call in a terminal's berth week; solve a berth instance file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tradelane.berth import BerthParams, solve
from tradelane.domain.berth import BerthInstance, BerthPlan
from tradelane.errors import InputError
from tradelane.io.bap import read_dbap
from tradelane.planning import ServicePlan
from tradelane.planning.berth_week import WeeklyBerthInstance, lane_week_instance
from tradelane.result import Result


@dataclass(frozen=True, slots=True)
class BerthWeek:
    """The week's instance (names, the lane's ship) and the solver's answer."""

    weekly: WeeklyBerthInstance
    result: Result[BerthPlan]


def check_week_start(week_start: datetime) -> datetime:
    """``week_start`` if it is a Monday 00:00 UTC, else InputError naming ``week``."""
    if week_start.weekday() != 0 or week_start.hour or week_start.minute or week_start.second:
        raise InputError("week", week_start.isoformat(), "must be a Monday at 00:00 (UTC)")
    return week_start


def place_berth_week(plan: ServicePlan, locode: str | None, week_start: datetime,
                     params: BerthParams) -> BerthWeek:
    """The terminal's berth plan for the week at ``locode`` (default: the rotation's first
    port), with the lane's call from the lane calendar."""
    port = locode or plan.case.service.rotation[0]
    weekly = lane_week_instance(plan, port, check_week_start(week_start))
    return BerthWeek(weekly, solve(weekly.instance, params))


def solve_berth_file(path: Path, params: BerthParams
                     ) -> tuple[BerthInstance, Result[BerthPlan]]:
    """Read a berth allocation instance file and solve it."""
    instance = read_dbap(path)
    return instance, solve(instance, params)
