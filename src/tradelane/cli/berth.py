"""``tradelane berth solve`` and ``tradelane bench berth``."""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from tradelane.app.berth import solve_berth_file
from tradelane.bench_meta import cpu_name, git_commit
from tradelane.berth import BerthParams, BerthSolver, plan_violations, solve
from tradelane.berth.svg import plan_svg
from tradelane.cli._apps import app, bench_app
from tradelane.domain.berth import BerthInstance, BerthPlan
from tradelane.errors import InputError
from tradelane.io.bap import read_dbap
from tradelane.result import Result
from tradelane.solvers.highs import RUNTIME

berth_app = typer.Typer(help="Berth allocation: berth and time for each ship.")
app.add_typer(berth_app, name="berth")

CSV_FIELDS = ["instance", "seed", "solver", "status", "objective", "bound", "reference",
              "gap_pct", "runtime_s", "settle_s", "wall_s", "time_limit_s", "threads",
              "git_commit", "cpu"]


def _params(solver: BerthSolver, time_limit_s: float, seed: int, threads: int) -> BerthParams:
    """The solve's parameters; a bad one is reported by its flag (``--time-limit-s``)."""
    try:
        return BerthParams(solver=solver, time_limit_s=time_limit_s, seed=seed, threads=threads)
    except InputError as exc:
        raise InputError("--" + exc.field.replace("_", "-"), exc.value, exc.problem) from None


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


def _row(name: str, result: Result[BerthPlan], params: BerthParams, settle_s: float,
         wall_s: float, commit: str, cpu: str) -> dict[str, object]:
    gap = result.gap
    return {"instance": name, "seed": result.seed, "solver": params.solver.value,
            "status": result.status.value, "objective": result.objective,
            "bound": result.bound, "reference": "",
            "gap_pct": "" if gap is None else f"{100 * gap:.4f}",
            "runtime_s": f"{result.runtime_s:.3f}", "settle_s": f"{settle_s:.3f}",
            "wall_s": f"{wall_s:.3f}", "time_limit_s": params.time_limit_s,
            "threads": params.threads, "git_commit": commit, "cpu": cpu}


@bench_app.command("berth")
def bench_cmd(
    set_dir: Annotated[Path, typer.Option("--set", help="Folder of DBAP .txt files.")],
    time_limit_s: Annotated[float, typer.Option(help="Limit per run.")] = 60.0,
    seeds: Annotated[int, typer.Option(help="Seeds 1..N per instance.")] = 1,
    out: Annotated[Path, typer.Option(help="CSV to write.")] = Path("bench-results/berth.csv"),
    solver: Annotated[list[BerthSolver] | None,
                      typer.Option(help="Solver(s); repeatable.")] = None,
    threads: Annotated[int, typer.Option(help="Solver threads.")] = 1,
    pattern: Annotated[str, typer.Option(help="Glob of instance files.")] = "*.txt",
) -> None:
    """Run solvers over a set; one CSV row per (instance, seed, solver).

    ``wall_s`` is the solve's wall time plus ``settle_s``, the wait for HiGHS runs it left
    stopping (the exact solver's final MIP with two threads): charged to the run that started them.
    """
    _params(BerthSolver.EXACT, time_limit_s, 1, threads)  # a bad flag fails before any run
    solvers = solver or [BerthSolver.EXACT]
    files = sorted(set_dir.glob(pattern))
    if not files:
        raise InputError("--set", str(set_dir), f"holds no files matching {pattern}")
    out.parent.mkdir(parents=True, exist_ok=True)
    commit, cpu = git_commit(), cpu_name()
    with out.open("w", newline="", encoding="utf-8") as fh, Progress() as progress:
        writer = csv.DictWriter(fh, fieldnames=CSV_FIELDS)
        writer.writeheader()
        task = progress.add_task("berth", total=len(files) * seeds * len(solvers))
        for path in files:
            inst = read_dbap(path)
            for seed in range(1, seeds + 1):
                for name in solvers:
                    params = _params(name, time_limit_s, seed, threads)
                    t0 = time.perf_counter()
                    result = solve(inst, params)
                    settle_s = RUNTIME.settle()
                    wall_s = time.perf_counter() - t0
                    if result.solution is not None and plan_violations(inst, result.solution):
                        raise RuntimeError(f"{path.name}: {name} returned an infeasible plan.")
                    writer.writerow(_row(inst.name, result, params, settle_s, wall_s,
                                         commit, cpu))
                    fh.flush()
                    progress.advance(task)
