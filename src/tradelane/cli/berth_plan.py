"""``tradelane berth plan``: the terminal's weekly berth plan with the lane's call placed."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from tradelane.berth.solve import solve
from tradelane.berth.svg import plan_svg
from tradelane.cli.berth import berth_app
from tradelane.cli.plan import _routings
from tradelane.domain.berth import BerthPlan
from tradelane.errors import InputError
from tradelane.geo.distance_cache import DistanceCache, default_cache_path
from tradelane.geo.sea_routes import SeaRouter
from tradelane.io.case_toml import parse_start, read_case
from tradelane.planning import plan_service
from tradelane.planning.berth_week import WeeklyBerthInstance, weekly_berth_instance
from tradelane.planning.report import schedule_calls
from tradelane.result import Result


@berth_app.command("plan")
def berth_plan_cmd(
    case_file: Annotated[Path, typer.Argument(metavar="CASE.toml")],
    week: Annotated[str, typer.Option(help="Monday of the week, e.g. 2024-01-01.")],
    port: Annotated[str, typer.Option(help="Terminal's UN/LOCODE (default: first call).")] = "",
    routing: Annotated[str, typer.Option(help="panama, suez, cape or all (first feasible).")
                       ] = "all",
    time_limit_s: Annotated[float, typer.Option(help="Solver time limit.")] = 30.0,
    seed: Annotated[int, typer.Option(help="Solver seed.")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    plot: Annotated[Path | None, typer.Option(help="Write the Gantt chart as SVG.")] = None,
) -> None:
    """Place the lane's call among the terminal's other weekly calls and plan the berths."""
    case = read_case(case_file)
    week_start = parse_start(week, "--week")
    if week_start.weekday() != 0 or week_start.hour or week_start.minute:
        raise InputError("--week", week, "must be a Monday at 00:00 (UTC)")
    locode = port or case.service.rotation[0]
    plan = plan_service(case, routings=_routings(routing),
                        router=SeaRouter(DistanceCache(default_cache_path())))
    option = plan.first_feasible() or plan.options[0]
    weeks = max(1, (week_start - plan.start).days // 7 + 2)
    etas = [c.eta for c in schedule_calls(plan, option, weeks)
            if c.locode == locode and week_start <= c.eta < week_start + timedelta(days=7)]
    if not etas:
        raise InputError("--week", week, f"has no call of the lane at {locode} "
                         f"(service starts {plan.start:%Y-%m-%d})")
    weekly = weekly_berth_instance(case, locode, week_start, etas[0])
    result = solve(weekly.instance, time_limit_s=time_limit_s, seed=seed)
    if plot and result.solution:
        plot.write_text(plan_svg(weekly.instance, result.solution), encoding="utf-8")
    if as_json:
        typer.echo(json.dumps(_as_json(weekly, result), indent=2))
    else:
        _print(weekly, result, Console())


def _when(week_start: datetime, hour: int) -> str:
    return f"{week_start + timedelta(hours=hour):%a %H:%M}"


def _as_json(weekly: WeeklyBerthInstance, result: Result[BerthPlan]) -> dict[str, object]:
    inst = weekly.instance
    rows = [] if result.solution is None else [
        {"ship": inst.ship_names[a.ship], "lane": a.ship == weekly.lane_ship,
         "berth": inst.berth_names[a.berth],
         "arrival": (weekly.week_start + timedelta(hours=inst.arrival_h[a.ship])).isoformat(),
         "start": (weekly.week_start + timedelta(hours=a.start_h)).isoformat(),
         "end": (weekly.week_start + timedelta(hours=a.end_h)).isoformat(),
         "wait_h": a.start_h - inst.arrival_h[a.ship]}
        for a in result.solution.assignments]
    return {"status": result.status.value, "objective": result.objective,
            "bound": result.bound, "gap": result.gap, "runtime_s": result.runtime_s,
            "terminal": weekly.terminal.locode, "week": weekly.week_start.isoformat(),
            "assignments": rows}


def _print(weekly: WeeklyBerthInstance, result: Result[BerthPlan], console: Console) -> None:
    console.print(f"{weekly.terminal.name}, week of {weekly.week_start:%Y-%m-%d}: "
                  f"{result.summary()}")
    if result.solution is None:
        return
    inst = weekly.instance
    table = Table(title="Berth plan (UTC; hours in port = wait + handling)", title_justify="left")
    for col in ("ship", "berth", "arrival", "start", "end", "wait h", "handling h"):
        table.add_column(col, justify="left" if col in ("ship", "berth") else "right")
    for a in sorted(result.solution.assignments, key=lambda a: (a.start_h, a.berth)):
        name = inst.ship_names[a.ship]
        label = f"[bold]{name} ◀ lane[/]" if a.ship == weekly.lane_ship else name
        table.add_row(label, inst.berth_names[a.berth], _when(weekly.week_start,
                      inst.arrival_h[a.ship]), _when(weekly.week_start, a.start_h),
                      _when(weekly.week_start, a.end_h), str(a.start_h - inst.arrival_h[a.ship]),
                      str(a.end_h - a.start_h))
    console.print(table)
