"""``tradelane berth solve``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from tradelane.app.berth import solve_berth_file
from tradelane.berth import BerthParams, BerthSolver, plan_violations
from tradelane.berth.svg import plan_svg
from tradelane.cli._apps import app
from tradelane.domain.berth import BerthInstance, BerthPlan
from tradelane.result import Result

berth_app = typer.Typer(help="Berth allocation: berth and time for each ship.")
app.add_typer(berth_app, name="berth")


def _as_json(result: Result[BerthPlan]) -> dict[str, object]:
    plan = result.solution
    return {"status": result.status.value, "objective": result.objective, "bound": result.bound,
            "gap": result.gap, "runtime_s": round(result.runtime_s, 3), "seed": result.seed,
            "assignments": [] if plan is None else [
                {"ship": a.ship, "berth": a.berth, "start": a.start_h, "end": a.end_h}
                for a in plan.assignments]}


def _print_table(inst: BerthInstance, result: Result[BerthPlan]) -> None:
    console = Console()
    console.print(result.summary())
    if result.solution is None:
        return
    table = Table(title=f"{inst.name}: berth plan")
    for col in ("ship", "berth", "start", "end", "wait"):
        table.add_column(col, justify="right")
    for a in result.solution.assignments:
        table.add_row(str(a.ship), str(a.berth), str(a.start_h), str(a.end_h),
                      str(a.start_h - inst.arrival_h[a.ship]))
    console.print(table)


@berth_app.command("solve")
def solve_cmd(
    instance: Annotated[Path, typer.Argument(help="DBAP instance file.")],
    time_limit_s: Annotated[float, typer.Option(help="Wall-clock limit.")] = 30.0,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    plot: Annotated[Path | None, typer.Option(help="Write a Gantt chart SVG here.")] = None,
    solver: Annotated[BerthSolver, typer.Option(help="Which solver.")] = BerthSolver.EXACT,
    threads: Annotated[int, typer.Option(help="Solver threads.")] = 1,
) -> None:
    """Solve one instance and print the berth plan."""
    params = BerthParams(solver=solver, time_limit_s=time_limit_s, seed=seed, threads=threads)
    inst, result = solve_berth_file(instance, params)
    if result.solution is not None and plan_violations(inst, result.solution):
        raise RuntimeError(f"solver returned an infeasible plan: "
                           f"{plan_violations(inst, result.solution)[0]}")
    if plot is not None and result.solution is not None:
        plot.write_text(plan_svg(inst, result.solution), encoding="utf-8")
    if as_json:
        typer.echo(json.dumps(_as_json(result), indent=2))
    else:
        _print_table(inst, result)
