"""Benchmark: evaluate every published LINER-LIB log and compare with its logged objective."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tradelane.bench_meta import cpu_name, git_commit
from tradelane.flow.params import FlowParams
from tradelane.io.linerlib_data import read_vessel_classes
from tradelane.io.linerlib_network import read_log
from tradelane.linerlib.changes import CHANGES, warm_figures
from tradelane.linerlib.evaluate import HORIZON_DAYS, Evaluator
from tradelane.linerlib.instance import data_folder, load_instance
from tradelane.linerlib.published import LogEntry, classes_by_capacity, published_logs

__all__ = ["BENCH_PARAMS", "COLUMNS", "bench_log", "bench_rows"]

BENCH_PARAMS = FlowParams(time_limit_s=600.0, seed=0)
"""Default flow parameters of a benchmark run: 600 s per log, seed 0, one thread."""

COLUMNS = (
    "instance", "capacity_case", "log", "seed", "status", "objective", "bound",
    "reference_value", "gap_pct", "diff_pct", "z_ours_usd", "z_log_usd", "lp_rows", "lp_cols",
    "cg_iterations", "solve_s", "total_s", "runtime_s", "time_limit_s",
    *(f"{w}_{kind}_{unit}" for kind in CHANGES
      for w, unit in (("warm", "s"), ("cold", "s"), ("warm", "ratio"))),
    "warm_max_rel_diff", "violations", "git_commit", "cpu",
)


def bench_log(entry: LogEntry, data: Path, params: FlowParams = BENCH_PARAMS, *,
              warm_changes: int = 5) -> dict[str, Any]:
    """One CSV row: parse, evaluate and compare one published log."""
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
    row: dict[str, Any] = {
        "instance": entry.instance, "capacity_case": entry.capacity_case, "log": entry.path.name,
        "seed": params.seed, "status": result.status.value, "objective": ours,
        "bound": result.bound, "reference_value": logged,
        "gap_pct": None if result.gap is None else 100.0 * result.gap,
        "diff_pct": None if ours is None else 100.0 * (ours - logged) / abs(logged),
        "z_ours_usd": None if ours is None else -HORIZON_DAYS / 7.0 * ours,
        "z_log_usd": -HORIZON_DAYS / 7.0 * logged,
        "lp_rows": result.stats.get("lp_rows"), "lp_cols": result.stats.get("lp_cols"),
        "cg_iterations": result.stats.get("cg_iterations"),
        "solve_s": result.stats.get("solve_s"), "total_s": total_s,
        "runtime_s": result.runtime_s, "time_limit_s": params.time_limit_s,
        "violations": len(result.solution.violations) if result.solution else None,
    }
    if warm_changes > 0 and result.objective is not None:
        row.update(warm_figures(evaluator, log.network, warm_changes))
    return row


def bench_rows(root: str | Path, params: FlowParams = BENCH_PARAMS, *, warm_changes: int = 5,
               only: str | None = None,
               progress: Callable[[LogEntry], None] | None = None) -> list[dict[str, Any]]:
    """Benchmark every published log under ``root`` (LINER-LIB copy or its ``data/``).

    Parameters
    ----------
    root : str | Path
        The LINER-LIB copy or its ``data/`` folder.
    params : FlowParams
        Time limit per log, seed and threads of every evaluation.
    warm_changes : int
        Single-service changes timed warm and cold per log (0: none).
    only : str | None
        Only logs whose file name contains this.
    progress : Callable[[LogEntry], None] | None
        Called after each log.
    """
    data = data_folder(root)
    commit, cpu = git_commit(), cpu_name()
    rows = []
    for entry in published_logs(data.parent):
        if only and only not in entry.path.name:
            continue
        row = bench_log(entry, data, params, warm_changes=warm_changes)
        row["git_commit"], row["cpu"] = commit, cpu
        rows.append(row)
        if progress is not None:
            progress(entry)
    return rows
