"""``/api/…``: the JSON the dashboard reads (plans, route map, schedules, utilisation, berths).

Thin: parse the query, call an operation, return its document. Planning endpoints use the
server's case (``tradelane serve --case``); utilisation and bookings need an API key.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import PurePath
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response

from tradelane.api.dashboard import operations as ops
from tradelane.api.dashboard.planner import Planner
from tradelane.api.dashboard.sailing import router as sailing_router
from tradelane.api.dashboard.stowage import StowagePlans, bay_doc, stowage_doc
from tradelane.api.deps import Credentials, caller, moment_in_range, settings_of, transaction
from tradelane.api.errors import ApiError, error_responses
from tradelane.domain import Routing
from tradelane.io.schedule_files import format_schedule_csv, format_schedule_ics
from tradelane.planning import ServicePlan
from tradelane.planning.report import generated_now, plan_to_dict
from tradelane.store.parties import ROLES

router = APIRouter(prefix="/api", tags=["Dashboard"])
Ships = Annotated[int | None, Query(ge=1, le=60, description="Fix the fleet; solve the speed.")]
Speed = Annotated[float | None, Query(gt=0, le=40, allow_inf_nan=False,
                                      description="Fix the speed; size the fleet.")]
Draft = Annotated[float | None, Query(gt=0, le=30, allow_inf_nan=False,
                                      description="Panama draft limit, m.")]
Weeks = Annotated[int, Query(ge=1, le=52)]
Since = Annotated[datetime | None, Query(
    alias="from", description="Start of the window (default: the service's start).")]


def _planner(request: Request) -> Planner:
    planner: Planner = request.app.state.planner
    return planner


def _plan(request: Request, ships: int | None, speed_kn: float | None, draft: float | None,
          routing: Routing | None = None) -> ServicePlan:
    return _planner(request).plan(ships=ships, speed_kn=speed_kn, panama_draft_limit_m=draft,
                                  routing=routing)


@router.get("/case")
def case(request: Request) -> dict[str, Any]:
    """The server's case: rotation, ports, fleet and the scenario defaults."""
    return ops.case_summary(_planner(request), settings_of(request).clock())


@router.get("/plan", responses=error_responses(400))
def plan(request: Request, ships: Ships = None, speed_kn: Speed = None,
         panama_draft_limit_m: Draft = None, routing: Routing | None = None) -> dict[str, Any]:
    """The plan (as ``tradelane plan --json``) with the given changes to the case."""
    doc = plan_to_dict(_plan(request, ships, speed_kn, panama_draft_limit_m, routing))
    doc["case"]["file"] = PurePath(doc["case"]["file"]).name  # not the server's path
    return doc


@router.get("/route", responses=error_responses(400))
def route(request: Request, routing: Routing | None = None, ships: Ships = None,
          speed_kn: Speed = None, panama_draft_limit_m: Draft = None,
          at: datetime | None = None) -> dict[str, Any]:
    """The route map of one routing (default: the first feasible) and ship positions at
    ``at`` (default: now)."""
    p = _plan(request, ships, speed_kn, panama_draft_limit_m)
    moment = moment_in_range("at", at) if at else settings_of(request).clock()
    return ops.route_doc(_planner(request), p, ops.chosen_option(p, routing), moment)


@router.get("/schedule", responses=error_responses(400))
def schedule(request: Request, routing: Routing | None = None, weeks: Weeks = 12,
             since: Since = None, ships: Ships = None, speed_kn: Speed = None,
             panama_draft_limit_m: Draft = None) -> dict[str, Any]:
    """The proforma schedule: every call of every ship in ``weeks`` weeks from ``from``."""
    p = _plan(request, ships, speed_kn, panama_draft_limit_m)
    return ops.schedule_doc(p, ops.chosen_option(p, routing), weeks, _since(since))


@router.get("/schedule.csv", response_class=Response, responses=error_responses(400))
def schedule_csv(request: Request, routing: Routing | None = None, weeks: Weeks = 12,
                 since: Since = None, ships: Ships = None, speed_kn: Speed = None,
                 panama_draft_limit_m: Draft = None) -> Response:
    """The proforma schedule as CSV (as ``tradelane plan --schedule-csv``)."""
    p = _plan(request, ships, speed_kn, panama_draft_limit_m)
    calls = ops.proforma_calls(p, ops.chosen_option(p, routing), weeks, _since(since))
    names = {code: port.name for code, port in p.case.ports.items()}
    return Response(format_schedule_csv(calls, names), media_type="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{p.case.service.code}-schedule.csv"'})


@router.get("/schedule.ics", response_class=Response, responses=error_responses(400))
def schedule_ics(request: Request, routing: Routing | None = None, weeks: Weeks = 12,
                 since: Since = None, ships: Ships = None, speed_kn: Speed = None,
                 panama_draft_limit_m: Draft = None) -> Response:
    """The proforma schedule as iCalendar (as ``tradelane plan --ics``)."""
    p = _plan(request, ships, speed_kn, panama_draft_limit_m)
    calls = ops.proforma_calls(p, ops.chosen_option(p, routing), weeks, _since(since))
    names = {code: port.name for code, port in p.case.ports.items()}
    text = format_schedule_ics(calls, names, p.case.service.code, generated_now())
    return Response(text, media_type="text/calendar", headers={
        "Content-Disposition": f'attachment; filename="{p.case.service.code}-schedule.ics"'})


@router.get("/sailings", responses=error_responses(400))
def sailings(request: Request) -> dict[str, Any]:
    """Every published call (public, like the DCSA schedules)."""
    with transaction(request, write=False) as session:
        return ops.published_doc(session)


@router.get("/utilisation", responses=error_responses(400, 401))
def utilisation(request: Request, authorization: Credentials = None) -> dict[str, Any]:
    """Load per sailing and leg and the cargo mix: all for the carrier, own for any other
    party (the dashboard also learns from it whose key it holds, so every role may ask)."""
    with transaction(request, write=False) as session:
        return ops.utilisation_doc(session, caller(session, authorization, ROLES))


@router.get("/sailings/{voyage}/bookings", responses=error_responses(400, 401, 404))
def sailing_bookings(request: Request,
                     voyage: Annotated[str, Path(max_length=50, pattern=r"^[A-Za-z0-9-]+$")],
                     authorization: Credentials = None
                     ) -> dict[str, Any]:
    """The bookings on one voyage number: all for the carrier, own for a shipper."""
    with transaction(request, write=False) as session:
        return ops.bookings_doc(session, caller(session, authorization), voyage)


@router.get("/berth-plan", responses=error_responses(400))
def berth_plan(request: Request, port: Annotated[str | None, Query(max_length=5)] = None,
               week: Annotated[str | None, Query(description="Monday, e.g. 2030-01-07")] = None,
               time_limit_s: Annotated[float, Query(gt=0, le=10)] = 2.0) -> dict[str, Any]:
    """The terminal's berths over the week (the exact berth solver with a short time limit)."""
    p = _plan(request, None, None, None)
    locode = port or (p.case.terminals and sorted(p.case.terminals)[0]) or ""
    week_start = _monday(week, settings_of(request).clock())
    return ops.berth_doc(p, locode, week_start, time_limit_s)


StowVoyage = Annotated[str, Query(max_length=8, pattern=r"^[0-9A-Za-z]+$",
                                  description="Voyage number, e.g. 401E.")]
StowSeed = Annotated[int, Query(ge=0, le=2**31 - 1)]
StowLimit = Annotated[float, Query(gt=0, le=60, allow_inf_nan=False,
                                   description="Planner time limit for the voyage, s.")]


def _stowage(request: Request) -> StowagePlans:
    plans: StowagePlans = request.app.state.stowage
    return plans


@router.get("/stowage", responses=error_responses(400))
def stowage(request: Request, voyage: StowVoyage = "401E", seed: StowSeed = 1,
            time_limit_s: StowLimit = 30.0) -> dict[str, Any]:
    """The voyage's stowage port by port (``stow plan`` on the case's sample load list):
    figures per call, the side profile and crane split as SVG; the last few are kept."""
    out = _stowage(request).plan(voyage, seed, time_limit_s)
    return stowage_doc(out, voyage.upper(), time_limit_s)


@router.get("/stowage/bay", responses=error_responses(400))
def stowage_bay(request: Request, port: Annotated[str, Query(max_length=5)],
                bay: Annotated[int, Query(ge=2, le=998, description="ISO 40-ft bay, e.g. 18")],
                voyage: StowVoyage = "401E", seed: StowSeed = 1,
                time_limit_s: StowLimit = 30.0) -> dict[str, Any]:
    """One call's departure in one 40-ft bay: the cross-section as SVG and its containers."""
    return bay_doc(_stowage(request).plan(voyage, seed, time_limit_s), port.upper(), bay)


def _monday(text: str | None, now: datetime) -> datetime:
    if text is None:
        day = now.replace(hour=0, minute=0, second=0, microsecond=0)
        return day - timedelta(days=day.weekday())
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ApiError(400, "week", text, "is not a date such as 2030-01-07") from None
    return moment_in_range("week", moment)


def _since(since: datetime | None) -> datetime | None:
    return since and moment_in_range("from", since)


router.include_router(sailing_router)  # the voyage view and the sweep explorer
