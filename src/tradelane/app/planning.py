"""Use cases: plan a case, choose its routing option, read its lane calendar."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from tradelane.app.resources import Resources
from tradelane.domain import Case, Routing
from tradelane.domain.schedule import ScheduledCall
from tradelane.errors import InputError
from tradelane.planning import OptionPlan, ServicePlan, plan_service
from tradelane.planning.lane import lane_calendar
from tradelane.schedule.calendar import LaneCalendar


@dataclass(frozen=True, slots=True)
class PlanRequest:
    """What a planner asks: the case and the changes to it (``None`` keeps the case's value).

    ``ships`` fixes the fleet and solves the speed; ``speed_kn`` fixes the speed and sizes the
    fleet (give at most one). ``start`` is the calendar start (the first call's ETA), in place of
    the case's ``service.start``. ``routings`` limits the options planned (default: the case's).
    """

    case: Case
    routings: tuple[Routing, ...] | None = None
    ships: int | None = None
    speed_kn: float | None = None
    start: datetime | None = None
    panama_draft_limit_m: float | None = None

    def __post_init__(self) -> None:
        if self.ships is not None and self.speed_kn is not None:
            raise InputError("speed_kn", self.speed_kn, f"is given together with a fleet of "
                             f"{self.ships} ships; fix either the fleet or the speed")
        if self.ships is not None and (isinstance(self.ships, bool) or self.ships < 1):
            raise InputError("ships", self.ships, "must be a whole number of 1 or more")
        if self.speed_kn is not None and not 0 < self.speed_kn < 100:
            raise InputError("speed_kn", self.speed_kn, "must be a speed above 0 kn")
        if self.panama_draft_limit_m is not None and not 0 < self.panama_draft_limit_m < 100:
            raise InputError("panama_draft_limit_m", self.panama_draft_limit_m,
                             "must be a draft above 0 m")


def plan_case(request: PlanRequest, resources: Resources, now: datetime | None = None
              ) -> ServicePlan:
    """The plan of every routing option of the request's case."""
    case = request.case
    if request.panama_draft_limit_m is not None:
        case = replace(case, routing=replace(
            case.routing, panama_draft_limit_m=request.panama_draft_limit_m))
    with resources.lock:
        return plan_service(case, routings=list(request.routings) if request.routings else None,
                            ships=request.ships, speed_kn=request.speed_kn,
                            start=request.start,
                            router=resources.router, now=now)


def choose_option(plan: ServicePlan, routing: Routing | None = None, *,
                  feasible_only: bool = False) -> OptionPlan:
    """The option of ``routing``; without one the first feasible in the case's order, else
    (unless ``feasible_only``) the first with a schedule. InputError naming ``routing``."""
    option: OptionPlan | None
    if routing is not None:
        try:
            option = plan.option(routing)
        except KeyError:
            raise InputError("routing", routing.value, "is not one of the case's routing "
                             "options") from None
    else:
        option = plan.first_feasible() or (
            None if feasible_only else next((o for o in plan.options if o.proforma), None))
    if option is None or option.proforma is None or (feasible_only and not option.feasible):
        why = "; ".join(option.violations) if option else "no routing option is feasible"
        raise InputError("routing", routing.value if routing else
                         [o.routing.value for o in plan.options], f"cannot be sailed: {why}")
    return option


def calendar_of(plan: ServicePlan, option: OptionPlan) -> LaneCalendar:
    """The lane calendar of ``option`` (an option chosen by :func:`choose_option` has one)."""
    calendar = lane_calendar(plan, option)
    if calendar is None:
        raise InputError("routing", option.routing.value, "has no schedule (no sea route)")
    return calendar


def schedule_window(plan: ServicePlan, option: OptionPlan, weeks: int,
                    since: datetime | None = None) -> list[ScheduledCall]:
    """Every call with an ETA in the ``weeks`` weeks from ``since`` (default: the calendar
    start), as the schedule files, the dashboard and the berth week show them."""
    return calendar_of(plan, option).calls_for_weeks(check_weeks(weeks), since)


def check_weeks(weeks: int) -> int:
    """``weeks`` if it is a whole number from 1 to 520 (ten years), else InputError."""
    if isinstance(weeks, bool) or not 1 <= weeks <= 520:
        raise InputError("weeks", weeks, "must be a whole number from 1 to 520")
    return weeks
