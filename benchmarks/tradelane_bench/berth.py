"""``tradelane-bench berth``: berth allocation solvers over a set of DBAP instances."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from tradelane.berth import SOLVERS, plan_violations, solve
from tradelane.errors import InputError
from tradelane.io.bap import read_dbap
from tradelane_bench.cli import app
from tradelane_bench.protocol import BenchCsv, Measurement

COLUMNS = ("solver", "threads")


def _check_solver(name: str) -> str:
    if name not in SOLVERS:
        raise InputError("--solver", name, f"unknown; choose one of {', '.join(SOLVERS)}")
    return name


@app.command("berth")
def bench_cmd(
    set_dir: Annotated[Path, typer.Option("--set", help="Folder of DBAP .txt files.")],
    time_limit_s: Annotated[float, typer.Option(help="Limit per run.")] = 60.0,
    seeds: Annotated[int, typer.Option(help="Seeds 1..N per instance.")] = 1,
    out: Annotated[Path, typer.Option(help="CSV to write.")] = Path("bench-results/berth.csv"),
    solver: Annotated[list[str] | None, typer.Option(help="Solver(s); repeatable.")] = None,
    threads: Annotated[int, typer.Option(help="Solver threads.")] = 1,
    pattern: Annotated[str, typer.Option(help="Glob of instance files.")] = "*.txt",
) -> None:
    """Run solvers over a set; one CSV row per (instance, seed, solver)."""
    solvers = [_check_solver(s) for s in (solver or ["exact"])]
    files = sorted(set_dir.glob(pattern))
    if not files:
        raise InputError("--set", str(set_dir), f"holds no files matching {pattern}")
    with BenchCsv(out, COLUMNS) as sheet, Progress() as progress:
        task = progress.add_task("berth", total=len(files) * seeds * len(solvers))
        for path in files:
            inst = read_dbap(path)
            for seed in range(1, seeds + 1):
                for name in solvers:
                    result = solve(inst, time_limit_s=time_limit_s, seed=seed,
                                   params={"solver": name, "threads": threads})
                    if result.solution is not None and plan_violations(inst, result.solution):
                        raise RuntimeError(f"{path.name}: {name} returned an infeasible plan.")
                    # no reference values exist for the berth sets: the column stays empty
                    sheet.write(Measurement.from_result(inst.name, result,
                                                        time_limit_s=time_limit_s),
                                solver=name, threads=threads)
                    progress.advance(task)
