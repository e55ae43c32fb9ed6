"""``tradelane-bench plan``: latency of ``tradelane plan --routing all`` in cold processes."""

from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from tradelane.errors import InputError
from tradelane_bench.cli import app
from tradelane_bench.protocol import BenchCsv, Measurement

COLUMNS = ("cache", "run", "baseline_s", "ratio_to_baseline")


@app.command("plan")
def bench_plan(
    case_file: Annotated[Path | None, typer.Argument(
        metavar="[CASE.toml]", help="Default: the shipped reference case.")] = None,
    runs: Annotated[int, typer.Option(help="Runs per cache state (median reported).")] = 5,
    out: Annotated[Path, typer.Option(help="CSV to write.")] = Path("bench-results/plan.csv"),
) -> None:
    """Time cold processes of ``plan --routing all``: empty distance cache, then warm cache.

    The baseline, measured in the same run, is a bare ``python -c "import tradelane"``.
    """
    if runs < 1:
        raise InputError("--runs", runs, "must be a whole number of 1 or more")
    with contextlib.ExitStack() as stack:
        if case_file is None:
            shipped = resources.files("tradelane.data.cases").joinpath("shandong-usec.toml")
            case_file = stack.enter_context(resources.as_file(shipped))
        if not case_file.exists():
            raise InputError("CASE.toml", str(case_file), "does not exist")
        timings = _measure(case_file, runs)
    base = statistics.median(timings["baseline"])
    with BenchCsv(out, COLUMNS) as sheet:
        for cache in ("cold", "warm"):
            for run, seconds in enumerate(timings[cache]):
                sheet.write(Measurement(instance=case_file.name, status="ok",
                                        runtime_s=seconds),
                            cache=cache, run=run, baseline_s=f"{base:.4f}",
                            ratio_to_baseline=f"{seconds / base:.2f}")
    table = Table(title=f"plan --routing all, median of {runs} cold processes")
    for col in ("distance cache", "median s", "× import baseline"):
        table.add_column(col, justify="right")
    for cache in ("cold", "warm"):
        med = statistics.median(timings[cache])
        table.add_row(cache, f"{med:.3f}", f"{med / base:.2f}")
    table.add_row("baseline (import tradelane)", f"{base:.3f}", "1.00")
    Console().print(table)
    Console().print(f"rows written to {out}")


def _measure(case_file: Path, runs: int) -> dict[str, list[float]]:
    """Seconds per process: import baseline, plan on an empty cache, plan on that cache."""
    with tempfile.TemporaryDirectory() as tmp, Progress(console=Console(stderr=True)) as bar:
        task = bar.add_task("plan latency", total=3 * runs)
        timings: dict[str, list[float]] = {"baseline": [], "cold": [], "warm": []}
        for run in range(runs):
            timings["baseline"].append(_time([sys.executable, "-c", "import tradelane"], tmp))
            bar.advance(task)
            cold_dir = Path(tmp) / f"cold-{run}"
            timings["cold"].append(_time(_plan_cmd(case_file), str(cold_dir)))
            bar.advance(task)
            timings["warm"].append(_time(_plan_cmd(case_file), str(cold_dir)))
            bar.advance(task)
    return timings


def _plan_cmd(case_file: Path) -> list[str]:
    return [sys.executable, "-m", "tradelane", "plan", str(case_file), "--routing", "all",
            "--json"]


def _time(cmd: list[str], cache_dir: str) -> float:
    env = {**os.environ, "TRADELANE_CACHE_DIR": cache_dir}
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0
