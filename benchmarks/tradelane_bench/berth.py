"""``tradelane-bench berth``: berth allocation solvers over a set of DBAP instances."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from tradelane.berth import BerthParams, BerthSolver, plan_violations, solve
from tradelane.errors import InputError
from tradelane.io.bap import read_dbap
from tradelane.solvers.highs import RUNTIME
from tradelane_bench.cli import app
from tradelane_bench.protocol import BenchCsv, Measurement

COLUMNS = ("solver", "threads", "settle_s", "wall_s")


def _params(solver: BerthSolver, time_limit_s: float, seed: int, threads: int) -> BerthParams:
    """The solve's parameters; a bad one is reported by its flag (``--time-limit-s``)."""
    try:
        return BerthParams(solver=solver, time_limit_s=time_limit_s, seed=seed, threads=threads)
    except InputError as exc:
        raise InputError("--" + exc.field.replace("_", "-"), exc.value, exc.problem) from None


@app.command("berth")
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
    stopping (the exact solver's final MIP with two threads): charged to the run that started
    them.
    """
    _params(BerthSolver.EXACT, time_limit_s, 1, threads)  # a bad flag fails before any run
    solvers = solver or [BerthSolver.EXACT]
    files = sorted(set_dir.glob(pattern))
    if not files:
        raise InputError("--set", str(set_dir), f"holds no files matching {pattern}")
    with BenchCsv(out, COLUMNS) as sheet, Progress() as progress:
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
                    # no reference values exist for the berth sets: the column stays empty
                    sheet.write(Measurement.from_result(inst.name, result,
                                                        time_limit_s=time_limit_s),
                                solver=params.solver.value, threads=threads,
                                settle_s=f"{settle_s:.4f}", wall_s=f"{wall_s:.4f}")
                    progress.advance(task)
