"""``tradelane plan``: the service plan per routing option, as a table, JSON, CSV or iCalendar."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from tradelane.app.planning import (
    PlanRequest,
    check_weeks,
    choose_option,
    plan_case,
    schedule_window,
)
from tradelane.app.resources import Resources
from tradelane.cli._apps import app
from tradelane.cli.plan_inland import inland_table
from tradelane.domain import Routing
from tradelane.errors import InputError
from tradelane.io.case_toml import parse_start, read_case
from tradelane.io.schedule_files import format_schedule_csv, format_schedule_ics
from tradelane.planning import OptionPlan, ServicePlan
from tradelane.planning.report import generated_now, plan_to_dict


@app.command("plan")
def plan_command(
    case_file: Annotated[Path, typer.Argument(help="Case file (TOML).", metavar="CASE.toml")],
    routing: Annotated[str, typer.Option(help="panama, suez, cape or all (the case's options)."
                                         )] = "all",
    ships: Annotated[int | None, typer.Option(help="Fix the fleet; solve for the speed.")] = None,
    speed_kn: Annotated[float | None, typer.Option(help="Fix the speed; size the fleet.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the plan as JSON.")] = False,
    schedule_csv: Annotated[Path | None, typer.Option(help="Write every call as CSV.")] = None,
    ics: Annotated[Path | None, typer.Option(help="Write every call as iCalendar.")] = None,
    weeks: Annotated[int, typer.Option(help="Weeks covered by --schedule-csv/--ics, from the "
                                              "calendar start.")] = 12,
    start: Annotated[str | None, typer.Option(
        help="Calendar start: the first call's ETA, ISO 8601 UTC (default: the case's "
             "service.start, else next Monday 00:00 UTC).")] = None,
    schedule_from: Annotated[str | None, typer.Option(
        help="Start of the --schedule-csv/--ics window, ISO 8601 UTC (default: the calendar "
             "start); the calls are the lane calendar's, as published.")] = None,
) -> None:
    """Plan a liner service: schedule, fleet, speed, fuel, cost and CO2 per routing option."""
    check_weeks(weeks)
    request = PlanRequest(read_case(case_file), routings=routings_option(routing), ships=ships,
                          speed_kn=speed_kn, start=parse_start(start) if start else None)
    console = Console(stderr=True)
    with console.status("Finding sea routes and planning…"):
        plan = plan_case(request, Resources.for_process())
    if schedule_csv or ics:
        since = parse_start(schedule_from, "schedule_from") if schedule_from else None
        _write_schedules(plan, schedule_csv, ics, weeks, since, console)
    if as_json:
        typer.echo(json.dumps(plan_to_dict(plan), indent=2, ensure_ascii=False))
    else:
        _print_plan(plan, Console())


def routings_option(text: str) -> tuple[Routing, ...] | None:
    """``--routing`` of plan-like commands: one routing, or ``all`` (``None``)."""
    if text == "all":
        return None
    routing = routing_option(text)
    return None if routing is None else (routing,)


def routing_option(text: str | None) -> Routing | None:
    """A routing named on the command line (``None`` when not given)."""
    if text is None:
        return None
    try:
        return Routing(text)
    except ValueError:
        raise InputError("routing", text, "must be panama, suez or cape (or all where "
                         "allowed)") from None


def _write_schedules(plan: ServicePlan, csv_path: Path | None, ics_path: Path | None,
                     weeks: int, since: datetime | None, console: Console) -> None:
    option = choose_option(plan)
    if not option.feasible:
        console.print(f"[yellow]warning:[/] no feasible option; writing the "
                      f"{option.routing.value} schedule, which is infeasible")
    calls = schedule_window(plan, option, weeks, since)
    names = {code: port.name for code, port in plan.case.ports.items()}
    if csv_path:
        csv_path.write_text(format_schedule_csv(calls, names), encoding="utf-8")
    if ics_path:
        ics_path.write_text(format_schedule_ics(calls, names, plan.case.service.code,
                                                generated_now()), encoding="utf-8")
    console.print(f"{len(calls)} calls of the {option.routing.value} schedule "
                  f"({weeks} weeks) written to " + ", ".join(str(p) for p in (csv_path, ics_path)
                                                            if p))


def _print_plan(plan: ServicePlan, console: Console) -> None:
    case = plan.case
    vessel = case.vessel_class
    console.print(f"[bold]{case.service.code} {case.service.name}[/]: "
                  f"{' → '.join(case.service.rotation)} → {case.service.rotation[0]}, every "
                  f"{case.service.frequency_days:g} days; {vessel.name} "
                  f"{vessel.capacity_teu:,} TEU; first call {plan.start:%Y-%m-%d %H:%M} UTC")
    console.print(_options_table(plan))
    if any(o.cargo for o in plan.options):
        console.print(_cargo_table(plan))
    console.print(_legs_table(plan))
    inland = inland_table(plan)
    if inland is not None:
        console.print(inland)
    if plan.port_stays:
        console.print(_port_calls_table(plan))
    for o in plan.options:
        for v in o.violations:
            console.print(f"[red]✗ {o.routing.value}[/]: {v}")
    for o in plan.options:
        for r in o.cargo.rejected if o.cargo else ():
            console.print(f"[yellow]– {o.routing.value}[/]: {r.teu:,.0f} TEU/week "
                          f"{r.origin} → {r.destination} not carried: {r.reason}")
    for w in dict.fromkeys(w for o in plan.options for w in o.warnings):
        console.print(f"[yellow]! warning[/]: {w}")


_ROWS: list[tuple[str, str]] = [
    ("status", ""), ("round trip, nm", "{p.round_trip_nm:,.0f}"),
    ("round trip, days", "{p.round_trip_days:g}"), ("ships", "{p.ships}"),
    ("speed sailed, kn", "{p.speed_kn:.1f}"), ("speed needed, kn", "{p.required_speed_kn:.1f}"),
    ("slack per voyage, h", "{slack:.0f}"), ("fuel, t", "{c.fuel_t:,.0f}"),
    ("CO2, t", "{c.co2_t:,.0f}"), ("bunker, USD", "{c.cost_usd[bunker]:,.0f}"),
    ("charter, USD", "{c.cost_usd[charter]:,.0f}"),
    ("port calls, USD", "{c.cost_usd[port_calls]:,.0f}"),
    ("canals, USD", "{c.cost_usd[canals]:,.0f}"), ("total cost, USD", "{c.total_usd:,.0f}"),
    ("cost per TEU-slot, USD/week", "{slot:,.0f}"),
]


def _by_option(plan: ServicePlan, title: str, labels: list[str],
               columns: list[list[str]]) -> Table:
    """A table with one row per label and one column per routing option."""
    table = Table(title=title, title_justify="left")
    table.add_column("")
    for o in plan.options:
        table.add_column(o.routing.value, justify="right")
    for i, label in enumerate(labels):
        table.add_row(label, *(col[i] for col in columns))
    return table


def _options_table(plan: ServicePlan) -> Table:
    cells = [_option_cells(o, plan.case.vessel_class.capacity_teu) for o in plan.options]
    return _by_option(plan, "Routing options — fuel, CO2 and cost per round voyage of one ship",
                      [label for label, _ in _ROWS], cells)


def _option_cells(o: OptionPlan, capacity_teu: int) -> list[str]:
    status = "[green]feasible[/]" if o.feasible else "[red]infeasible[/]"
    p, c = o.proforma, o.cost
    if p is None or c is None:
        return [status, *["–"] * (len(_ROWS) - 1)]
    slot = c.total_usd * 7 / p.frequency_days / capacity_teu
    return [status, *(fmt.format(p=p, c=c, slack=max(p.slack_h, 0), slot=slot)
                      for _, fmt in _ROWS[1:])]


_PASSAGE_LABELS = {"panama": "Panama", "suez": "Suez", "cape_of_good_hope": "Cape"}


_CARGO_ROWS: list[tuple[str, str]] = [
    ("offered, TEU", "{c.offered_teu:,.0f}"), ("carried, TEU", "{c.carried_teu:,.0f}"),
    ("rejected, TEU", "{c.rejected_teu:,.0f}"), ("revenue, USD", "{c.revenue_usd:,.0f}"),
    ("handling + transshipment, USD", "{handling:,.0f}"),
    ("inland rail + road, USD", "{c.inland_freight_usd:,.0f}"),
    ("vessel cost, USD", "{c.vessel_cost_usd:,.0f}"), ("profit, USD", "{c.profit_usd:,.0f}"),
    ("fullest leg", "{fullest:.0%}"),
]


def _cargo_table(plan: ServicePlan) -> Table:
    cells = [_cargo_cells(o) for o in plan.options]
    return _by_option(plan, "Cargo per week (demand routed as a multi-commodity flow)",
                      [label for label, _ in _CARGO_ROWS], cells)


def _cargo_cells(o: OptionPlan) -> list[str]:
    c = o.cargo
    if c is None:
        return ["–"] * len(_CARGO_ROWS)
    fullest = max((leg.utilisation for leg in c.legs), default=0.0)
    return [fmt.format(c=c, handling=c.handling_usd + c.transshipment_usd, fullest=fullest)
            for _, fmt in _CARGO_ROWS]


def _port_calls_table(plan: ServicePlan) -> Table:
    table = Table(title="Port calls: the terminal's crane split (moves per bay from the vessel "
                        "profile) and the stay the schedule uses", title_justify="left")
    for col in ("port", "TEU moved", "moves", "hatch-cover moves", "cranes", "crane time, h",
                "computed stay, h", "scheduled stay, h"):
        table.add_column(col, justify="left" if col == "port" else "right")
    scheduled = dict(zip(plan.case.service.rotation, plan.case.service.port_stay_h,
                         strict=True))
    for s in plan.port_stays:
        crane = "–" if s.crane_makespan_h is None else f"{s.crane_makespan_h:.1f}"
        table.add_row(s.locode, f"{s.moves_teu:,.0f}", f"{s.moves:,}",
                      f"{s.hatch_cover_moves:,}", str(s.cranes), crane, f"{s.handling_h:.1f}",
                      f"{scheduled[s.locode]:g}")
    return table


def _legs_table(plan: ServicePlan) -> Table:
    table = Table(title="Legs: nm terminal to terminal · share of capacity used",
                  title_justify="left")
    table.add_column("leg")
    for o in plan.options:
        table.add_column(o.routing.value, justify="right")
    for i, (a, b) in enumerate(plan.case.service.legs):
        cells = []
        for o in plan.options:
            if i < len(o.legs):
                leg = o.legs[i]
                main = [_PASSAGE_LABELS[p] for p in leg.passages if p in _PASSAGE_LABELS]
                via = f" via {', '.join(main)}" if main else ""
                load = f" · {o.cargo.legs[i].utilisation:.0%}" if o.cargo and o.cargo.legs else ""
                cells.append(f"{leg.distance_nm:,.0f}{via}{load}")
            else:
                cells.append("–")
        table.add_row(f"{a} → {b}", *cells)
    return table
