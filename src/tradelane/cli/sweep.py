"""``tradelane sweep``: a grid of case changes, routings, scenarios and policies ×
replications on Dask distributed, streamed to a folder of Parquet parts (resumable)."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from tradelane.app.sweep import SweepRequest, dask_client, plan_sweep, run_sweep
from tradelane.cli._apps import app
from tradelane.sweep import read_grid


@app.command("sweep")
def sweep_command(
    case_file: Annotated[Path, typer.Argument(help="Case file (TOML).", metavar="CASE.toml")],
    grid: Annotated[Path, typer.Option(help="Grid file: one table [axes] of value lists.",
                                       metavar="GRID.toml")],
    runs: Annotated[int, typer.Option(help="Replications per cell.")],
    out: Annotated[Path, typer.Option(help="Results folder of Parquet parts; a folder of "
                                           "the same sweep is resumed.")],
    scheduler: Annotated[str | None, typer.Option(
        help="Address of a running Dask scheduler (tcp://HOST:8786); default: a local "
             "cluster.")] = None,
    workers: Annotated[int | None, typer.Option(
        help="Worker processes of the local cluster (default: one per core; 0: run in "
             "this process).")] = None,
    seed: Annotated[int, typer.Option(help="Root seed: cell i draws from child i of "
                                           "SeedSequence(seed).")] = 1,
    weeks: Annotated[int, typer.Option(help="Horizon from the calendar start.")] = 26,
    scenario: Annotated[Path | None, typer.Option(
        help="Scenario of the cells without a scenario axis.")] = None,
    common_random_numbers: Annotated[bool, typer.Option(
        "--common-random-numbers",
        help="Every cell draws from the same seed sequence (the same luck).")] = False,
) -> None:
    """Sweep a grid × replications on Dask: one Parquet row per replication of each cell."""
    request = SweepRequest(case_path=case_file, grid=read_grid(grid), runs=runs, out=out,
                           seed=seed, weeks=weeks, scenario=scenario,
                           common_random_numbers=common_random_numbers)
    plan = plan_sweep(request)
    console = Console(stderr=True)
    in_process = scheduler is None and workers == 0
    engine = contextlib.nullcontext(None) if in_process else dask_client(scheduler, workers)
    with engine as client, Progress(
            TextColumn("[progress.description]{task.description}"), BarColumn(),
            MofNCompleteColumn(), TextColumn("cells"), TimeElapsedColumn(),
            TimeRemainingColumn(), console=console, transient=True) as bar:
        where = "this process" if client is None else (
            f"{len(client.nthreads())} workers at {client.scheduler.address}")
        task = bar.add_task(f"Sweeping on {where}", total=plan.size)
        result = run_sweep(plan, client, progress=lambda cells, _: bar.advance(task, cells))
    console.print(f"{result.cells_run:,} cells run ({result.cells_skipped:,} already in "
                  f"{out}), {result.rows_written:,} rows in {result.parts_written} new parts, "
                  f"{result.runtime_s:.1f} s on {where}")
