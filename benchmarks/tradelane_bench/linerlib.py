"""``tradelane-bench linerlib``: evaluate every published LINER-LIB log, compare with its objective.

The data folder is ``--data``, else ``$TRADELANE_LINERLIB``, else the LINER-LIB copy of the
shared folder (``$TRADELANE_SHARED/benchmarks/linerlib``, or ``../shared/benchmarks/linerlib``
beside the checkout) when it exists.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress

from tradelane.errors import InputError
from tradelane.flow.params import FlowParams
from tradelane.io.linerlib_data import read_vessel_classes
from tradelane.io.linerlib_network import read_log
from tradelane.linerlib.changes import CHANGES, warm_figures
from tradelane.linerlib.evaluate import HORIZON_DAYS, Evaluator
from tradelane.linerlib.instance import data_folder, load_instance
from tradelane.linerlib.published import LogEntry, classes_by_capacity, published_logs
from tradelane_bench.cli import app
from tradelane_bench.protocol import BenchCsv, Measurement

__all__ = ["BENCH_PARAMS", "COLUMNS", "bench_log", "bench_rows", "default_data"]

BENCH_PARAMS = FlowParams(time_limit_s=600.0, seed=0)
"""Default flow parameters of a benchmark run: 600 s per log, seed 0, one thread."""

COLUMNS = (
    "capacity_case", "log", "diff_pct", "z_ours_usd", "z_log_usd", "lp_rows", "lp_cols",
    "cg_iterations", "solve_s", "total_s",
    *(f"{w}_{kind}_{unit}" for kind in CHANGES
      for w, unit in (("warm", "s"), ("cold", "s"), ("warm", "ratio"))),
    "warm_max_rel_diff", "violations",
)
"""The bench's own columns, after the protocol's."""
CHECKOUT = Path(__file__).resolve().parents[2]


def default_data() -> Path | None:
    """The shared folder's LINER-LIB copy, if there is one."""
    shared = Path(os.environ.get("TRADELANE_SHARED", CHECKOUT.parent / "shared"))
    folder = shared / "benchmarks" / "linerlib"
    return folder if (folder / "data").is_dir() else None


@app.command("linerlib")
def bench_command(
    data: Annotated[Path | None, typer.Option(
        help="LINER-LIB folder or its data/ folder.", envvar="TRADELANE_LINERLIB",
        show_default="../shared/benchmarks/linerlib beside the checkout, if there")] = None,
    out: Annotated[Path, typer.Option(help="CSV to write.")] = Path("bench-results/linerlib.csv"),
    seed: Annotated[int, typer.Option(help="HiGHS random seed.")] = 0,
    time_limit: Annotated[float, typer.Option(help="LP time limit per log, seconds.")] = 600.0,
    warm_changes: Annotated[int, typer.Option(help="Single-service changes timed warm.")] = 5,
    only: Annotated[str | None, typer.Option(help="Only logs whose name contains this.")] = None,
) -> None:
    """Evaluate every published log; one CSV row per log (see docs/benchmarks.md)."""
    folder = data or default_data()
    if folder is None:
        raise InputError("--data", None, "is needed: no LINER-LIB copy at "
                         "../shared/benchmarks/linerlib (or set TRADELANE_LINERLIB)")
    folder = data_folder(folder)
    entries = [e for e in published_logs(folder.parent) if not only or only in e.path.name]
    with Progress(console=Console(stderr=True)) as progress:
        task = progress.add_task("LINER-LIB logs", total=len(entries))
        rows = bench_rows(folder, FlowParams(time_limit_s=time_limit, seed=seed),
                          warm_changes=warm_changes, only=only,
                          progress=lambda e: progress.advance(task))
    with BenchCsv(out, COLUMNS) as sheet:
        for measurement, row in rows:
            sheet.write(measurement, **row)
    diffs = [(row["log"], row["diff_pct"]) for _, row in rows]
    close = sum(1 for _, d in diffs if d is not None and abs(d) <= 0.1)
    worst = max(diffs, key=lambda r: abs(r[1] or 0.0)) if diffs else ("-", 0.0)
    Console().print(f"{len(rows)} logs, {close} within 0.1 %; worst {worst[0]} "
                    f"{worst[1] or 0.0:+.3f} %; wrote {out}")


def bench_log(entry: LogEntry, data: Path, params: FlowParams = BENCH_PARAMS, *,
              warm_changes: int = 5) -> tuple[Measurement, dict[str, Any]]:
    """One CSV row: parse, evaluate and compare one published log.

    Returns the protocol's figures (the logged objective is the reference value) and the
    bench's own columns.
    """
    t0 = time.perf_counter()
    classes = {c.name: c for c in read_vessel_classes(data / "fleet_data.csv")}
    log = read_log(entry.path, classes_by_capacity(classes), entry.instance, entry.capacity_case)
    ports = tuple({c for s in log.network.services for c in s.calls})
    instance = load_instance(data, entry.instance, entry.capacity_case, extra_ports=ports)
    evaluator = Evaluator(instance, log.network, params=params)
    result = evaluator.evaluate()
    total_s = time.perf_counter() - t0
    ours = result.objective
    logged = log.objective_usd
    measurement = Measurement.from_result(entry.instance, result,
                                          time_limit_s=params.time_limit_s,
                                          reference_value=logged)
    row: dict[str, Any] = {
        "capacity_case": entry.capacity_case, "log": entry.path.name,
        "diff_pct": None if ours is None else 100.0 * (ours - logged) / abs(logged),
        "z_ours_usd": None if ours is None else -HORIZON_DAYS / 7.0 * ours,
        "z_log_usd": -HORIZON_DAYS / 7.0 * logged,
        "lp_rows": result.stats.get("lp_rows"), "lp_cols": result.stats.get("lp_cols"),
        "cg_iterations": result.stats.get("cg_iterations"),
        "solve_s": result.stats.get("solve_s"), "total_s": total_s,
        "violations": len(result.solution.violations) if result.solution else None,
    }
    if warm_changes > 0 and result.objective is not None:
        row.update(warm_figures(evaluator, log.network, warm_changes))
    return measurement, row


def bench_rows(root: str | Path, params: FlowParams = BENCH_PARAMS, *,
               warm_changes: int = 5, only: str | None = None,
               progress: Callable[[LogEntry], None] | None = None,
               ) -> list[tuple[Measurement, dict[str, Any]]]:
    """Benchmark every published log under ``root`` (LINER-LIB copy or its ``data/``)."""
    data = data_folder(root)
    rows = []
    for entry in published_logs(data.parent):
        if only and only not in entry.path.name:
            continue
        rows.append(bench_log(entry, data, params, warm_changes=warm_changes))
        if progress is not None:
            progress(entry)
    return rows
