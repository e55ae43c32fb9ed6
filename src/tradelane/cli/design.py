"""``tradelane design``: design a network for a LINER-LIB instance or for a case's region."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from tradelane.app.design import DesignRequest, design_network, summary
from tradelane.app.design_case import CaseDesignRequest, case_summary, design_for_case
from tradelane.app.resources import Resources
from tradelane.cli._apps import app
from tradelane.cli.design_tables import case_tables
from tradelane.design.params import DesignParams
from tradelane.design.solve import Progress
from tradelane.errors import InputError
from tradelane.io.case_toml import read_case

DataOption = Annotated[Path | None, typer.Option(
    help="LINER-LIB folder or its data/ folder.", envvar="TRADELANE_LINERLIB")]


def _table(doc: dict[str, object]) -> Table:
    table = Table(title=f"designed network for {doc['instance']} ({doc['capacity_case']})")
    for col in ("service", "class", "vessels", "speed kn", "round trip d", "calls"):
        table.add_column(col)
    for s in doc["services"]:  # type: ignore[attr-defined]
        table.add_row(s["name"], s["vessel_class"], str(s["vessels"]), f"{s['speed_kn']:.2f}",
                      f"{s['round_trip_days']:.1f}", " ".join(s["calls"]))
    return table


def _on_command_line(ctx: typer.Context, name: str) -> bool:
    source = ctx.get_parameter_source(name)  # Typer's own click: compare by name
    return source is not None and source.name == "COMMANDLINE"


def _check_region(ctx: typer.Context, case: Path | None, data: Path | None) -> None:
    """One region to design for: a case, or a LINER-LIB folder and instance."""
    if case is not None and (_on_command_line(ctx, "data") or _on_command_line(ctx, "instance")):
        raise InputError("case", str(case), "is given together with --data or --instance; "
                         "design either for a case or for a LINER-LIB instance")
    if case is None and data is None:
        raise InputError("data", None, "is needed: the LINER-LIB folder (or set "
                         "TRADELANE_LINERLIB), or --case CASE.toml to design for a case")


@app.command("design")
def design_command(
    ctx: typer.Context,
    data: DataOption = None,
    instance: Annotated[str, typer.Option(help="LINER-LIB instance, e.g. Baltic.")] = "Baltic",
    case: Annotated[Path | None, typer.Option(
        help="Design for this case's ports, demand and fleet (not with --data).")] = None,
    capacity: Annotated[str, typer.Option(help="low, base or high.")] = "base",
    time_limit_s: Annotated[float, typer.Option(
        help="Budget, seconds (wall clock; CPU with --cpu-clock).")] = 300.0,
    cpu_clock: Annotated[bool, typer.Option(
        help="Count the time limit in CPU seconds of the search.")] = False,
    seed: Annotated[int, typer.Option(help="Root seed of every worker's moves.")] = 1,
    start: Annotated[Path | None, typer.Option(
        help="Start network: our JSON or a LINER-LIB log.")] = None,
    transit_times: Annotated[bool, typer.Option(help="Enforce revised transit times.")] = False,
    erratum_idle: Annotated[bool, typer.Option(help="Idle fuel while waiting (2017).")] = False,
    workers: Annotated[int, typer.Option(help="Search workers per round (Dask when > 1).")] = 1,
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler tcp://HOST:8786.")] = None,
    iterations: Annotated[int | None, typer.Option(
        help="Moves per worker in all (exact repeats).")] = None,
    round_iterations: Annotated[int, typer.Option(help="Moves per worker per round.")] = 500,
    max_services: Annotated[int | None, typer.Option(
        help="Most services (default: the fleet size, at most 40).")] = None,
    out: Annotated[Path | None, typer.Option(help="Write our network JSON here.")] = None,
    log: Annotated[Path | None, typer.Option(help="Write a LINER-LIB-style log here.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON, no progress.")] = False,
) -> None:
    """Design a network: services, classes, vessels, speeds; cargo routed exactly."""
    _check_region(ctx, case, data)
    params = DesignParams(time_limit_s=time_limit_s, seed=seed, iterations=iterations,
                          round_iterations=round_iterations, workers=workers,
                          max_services=max_services,
                          transit_times=transit_times, erratum_idle=erratum_idle,
                          cpu_clock=cpu_clock)
    if case is not None and start is not None:
        raise InputError("start", str(start), "is for LINER-LIB instances; a case starts "
                         "from its own rotation")
    err = Console(stderr=True)
    shown = {"z": float("inf"), "at_s": -1e9}

    def show(p: Progress) -> None:
        if p.best_z_180d_usd >= shown["z"] and p.elapsed_s - shown["at_s"] < 15.0:
            return  # a line when the best improves, else every 15 s
        shown.update(z=p.best_z_180d_usd, at_s=p.elapsed_s)
        err.print(f"{p.elapsed_s:7.1f} s  round {p.round:4d}  best Z {p.best_z_180d_usd:,.0f} "
                  f"USD  transported {p.transported_pct:.1f} %", highlight=False)

    on_progress = None if as_json else show
    if case is not None:
        found = design_for_case(CaseDesignRequest(read_case(case), params, scheduler, out, log),
                                Resources.for_process(), on_progress)
        doc = case_summary(found)
    else:
        request = DesignRequest(data, instance, capacity, params, start=start,
                                scheduler=scheduler, out=out, log=log)
        doc = summary(design_network(request, on_progress))
    if as_json:
        sys.stdout.write(json.dumps(doc, indent=2) + "\n")
        return
    con = Console()
    for table in (case_tables(doc) if case is not None else [_table(doc)]):
        con.print(table)
    con.print(f"Z (180 days, negative = profit) {doc['z_180d_usd']:,.0f} USD; weekly objective "
              f"{doc['weekly_objective_usd']:,.0f} USD; transported {doc['transported_pct']:.2f} "
              f"%; {doc['vessels']} vessels; best after {doc['time_to_best_s']:.1f} s of "
              f"{doc['runtime_s']:.1f} s", highlight=False)
    for v in doc["violations"]:  # type: ignore[attr-defined]
        con.print(f"[yellow]violation:[/yellow] {v}", highlight=False)
