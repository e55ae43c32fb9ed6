"""``tradelane berth plan``: the terminal's weekly berth plan with the lane's call placed."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from tradelane.app.berth import place_berth_week
from tradelane.app.planning import PlanRequest, plan_case
from tradelane.app.resources import Resources
from tradelane.berth import BerthParams
from tradelane.berth.svg import plan_svg
from tradelane.cli.berth import berth_app
from tradelane.cli.plan import routings_option
from tradelane.domain.berth import BerthPlan
from tradelane.io.case_toml import parse_start, read_case
from tradelane.planning.berth_week import WeeklyBerthInstance, berth_plan_to_dict
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
    plan = plan_case(PlanRequest(read_case(case_file), routings=routings_option(routing)),
                     Resources.for_process())
    placed = place_berth_week(plan, port or None, parse_start(week, "week"),
                              BerthParams(time_limit_s=time_limit_s, seed=seed))
    weekly, result = placed.weekly, placed.result
    if plot and result.solution:
        plot.write_text(plan_svg(weekly.instance, result.solution), encoding="utf-8")
    if as_json:
        typer.echo(json.dumps(berth_plan_to_dict(weekly, result), indent=2))
    else:
        _print(weekly, result, Console())


def _when(week_start: datetime, hour: int) -> str:
    return f"{week_start + timedelta(hours=hour):%a %H:%M}"


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
