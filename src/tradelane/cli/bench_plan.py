"""``tradelane bench plan``: latency of ``tradelane plan --routing all`` in cold processes."""

from __future__ import annotations

import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from tradelane.bench_meta import cpu_name, git_commit
from tradelane.cli._apps import bench_app
from tradelane.errors import InputError

FIELDS = ("instance", "seed", "status", "objective", "bound", "reference_value", "gap_pct",
          "runtime_s", "time_limit_s", "git_commit", "cpu", "cache", "run", "baseline_s",
          "ratio_to_baseline")


@bench_app.command("plan")
def bench_plan(
    case_file: Annotated[Path, typer.Argument(metavar="CASE.toml")] = Path(
        "cases/shandong-usec.toml"),
    runs: Annotated[int, typer.Option(help="Runs per cache state (median reported).")] = 5,
    out: Annotated[Path, typer.Option(help="CSV to write.")] = Path("bench-results/plan.csv"),
) -> None:
    """Time cold processes of ``plan --routing all``: empty distance cache, then warm cache.

    The baseline, measured in the same run, is a bare ``python -c "import tradelane"``.
    """
    if runs < 1:
        raise InputError("--runs", runs, "must be a whole number of 1 or more")
    if not case_file.exists():
        raise InputError("CASE.toml", str(case_file), "does not exist")
    rows, commit, cpu = [], git_commit(), cpu_name()
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
    base = statistics.median(timings["baseline"])
    for cache in ("cold", "warm"):
        for run, seconds in enumerate(timings[cache]):
            rows.append({"instance": case_file.name, "seed": "", "status": "ok",
                         "objective": "", "bound": "", "reference_value": "", "gap_pct": "",
                         "runtime_s": f"{seconds:.4f}", "time_limit_s": "", "git_commit": commit,
                         "cpu": cpu, "cache": cache, "run": run, "baseline_s": f"{base:.4f}",
                         "ratio_to_baseline": f"{seconds / base:.2f}"})
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    table = Table(title=f"plan --routing all, median of {runs} cold processes")
    for col in ("distance cache", "median s", "× import baseline"):
        table.add_column(col, justify="right")
    for cache in ("cold", "warm"):
        med = statistics.median(timings[cache])
        table.add_row(cache, f"{med:.3f}", f"{med / base:.2f}")
    table.add_row("baseline (import tradelane)", f"{base:.3f}", "1.00")
    Console().print(table)
    Console().print(f"rows written to {out}")


def _plan_cmd(case_file: Path) -> list[str]:
    return [sys.executable, "-m", "tradelane", "plan", str(case_file), "--routing", "all",
            "--json"]


def _time(cmd: list[str], cache_dir: str) -> float:
    env = {**os.environ, "TRADELANE_CACHE_DIR": cache_dir}
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0
