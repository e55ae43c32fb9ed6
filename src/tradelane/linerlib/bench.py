"""Benchmark: evaluate every published LINER-LIB log and compare with its logged objective."""

from __future__ import annotations

import dataclasses
import platform
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tradelane.io.linerlib_data import VesselClass, read_vessel_classes
from tradelane.io.linerlib_network import Service, read_log
from tradelane.linerlib.evaluate import HORIZON_DAYS, Evaluator
from tradelane.linerlib.instance import data_folder, load_instance
from tradelane.linerlib.published import LogEntry, classes_by_capacity, published_logs

__all__ = ["COLUMNS", "bench_log", "bench_rows", "cpu_name", "git_commit"]

COLUMNS = (
    "instance", "capacity_case", "log", "seed", "status", "objective", "bound",
    "reference_value", "gap_pct", "diff_pct", "z_ours_usd", "z_log_usd", "lp_rows", "lp_cols",
    "cg_iterations", "solve_s", "total_s", "runtime_s", "time_limit_s", "warm_reeval_s",
    "warm_capacity_s",
    "violations", "git_commit", "cpu",
)


def git_commit() -> str:
    """Short hash of the checked-out commit, or ``""`` outside a git work tree."""
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, check=False, cwd=Path(__file__).parent)
    except OSError:
        return ""
    return out.stdout.strip()


def cpu_name() -> str:
    """The CPU model name (``/proc/cpuinfo`` on Linux)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def drop_last_call(service: Service, classes: dict[str, VesselClass]) -> Service:
    """Structural change: drop the last call (or add a vessel when that is impossible)."""
    calls = service.calls[:-1]
    if len(calls) >= 2 and calls[0] != calls[-1]:
        return dataclasses.replace(service, calls=calls)
    return dataclasses.replace(service, vessels=service.vessels + 1)


def change_class(service: Service, classes: dict[str, VesselClass]) -> Service:
    """Capacity change: the next larger vessel class (the next smaller for the largest)."""
    ranked = sorted(classes.values(), key=lambda c: c.capacity_ffe)
    names = [c.name for c in ranked]
    i = names.index(service.vessel_class)
    other = names[i + 1] if i + 1 < len(names) else names[i - 1]
    return dataclasses.replace(service, vessel_class=other)


def warm_reeval_s(evaluator: Evaluator, services: tuple[Service, ...], changes: int,
                  change: Callable[[Service, dict[str, VesselClass]], Service] = drop_last_call
                  ) -> float:
    """Median seconds of ``replace_service`` + ``evaluate`` over ``changes`` single changes.

    Service ``i`` (i = 0, 1, …) is changed, timed, then restored (not timed), so every change
    starts from the published network.
    """
    times = []
    classes = evaluator.instance.vessel_classes
    for i in range(min(changes, len(services))):
        t0 = time.perf_counter()
        evaluator.replace_service(i, change(services[i], classes))
        evaluator.evaluate()
        times.append(time.perf_counter() - t0)
        evaluator.replace_service(i, services[i])
        evaluator.evaluate()
    return statistics.median(times) if times else float("nan")


def bench_log(entry: LogEntry, data: Path, *, seed: int = 0, time_limit_s: float = 600.0,
              warm_changes: int = 5) -> dict[str, Any]:
    """One CSV row: parse, evaluate and compare one published log."""
    t0 = time.perf_counter()
    classes = {c.name: c for c in read_vessel_classes(data / "fleet_data.csv")}
    log = read_log(entry.path, classes_by_capacity(classes), entry.instance, entry.capacity_case)
    ports = tuple({c for s in log.network.services for c in s.calls})
    instance = load_instance(data, entry.instance, entry.capacity_case, extra_ports=ports)
    evaluator = Evaluator(instance, log.network, time_limit_s=time_limit_s, seed=seed)
    result = evaluator.evaluate()
    total_s = time.perf_counter() - t0
    ours = result.objective
    logged = log.objective_usd
    row: dict[str, Any] = {
        "instance": entry.instance, "capacity_case": entry.capacity_case, "log": entry.path.name,
        "seed": seed, "status": result.status.value, "objective": ours, "bound": result.bound,
        "reference_value": logged,
        "gap_pct": None if result.gap is None else 100.0 * result.gap,
        "diff_pct": None if ours is None else 100.0 * (ours - logged) / abs(logged),
        "z_ours_usd": None if ours is None else -HORIZON_DAYS / 7.0 * ours,
        "z_log_usd": -HORIZON_DAYS / 7.0 * logged,
        "lp_rows": result.stats.get("lp_rows"), "lp_cols": result.stats.get("lp_cols"),
        "cg_iterations": result.stats.get("cg_iterations"),
        "solve_s": result.stats.get("solve_s"), "total_s": total_s,
        "runtime_s": result.runtime_s, "time_limit_s": time_limit_s,
        "violations": len(result.solution.violations) if result.solution else None,
    }
    services = log.network.services
    row["warm_reeval_s"] = (warm_reeval_s(evaluator, services, warm_changes)
                            if warm_changes > 0 else None)
    row["warm_capacity_s"] = (warm_reeval_s(evaluator, services, warm_changes, change_class)
                              if warm_changes > 0 else None)
    return row


def bench_rows(root: str | Path, *, seed: int = 0, time_limit_s: float = 600.0,
               warm_changes: int = 5, only: str | None = None,
               progress: Callable[[LogEntry], None] | None = None) -> list[dict[str, Any]]:
    """Benchmark every published log under ``root`` (LINER-LIB copy or its ``data/``)."""
    data = data_folder(root)
    commit, cpu = git_commit(), cpu_name()
    rows = []
    for entry in published_logs(data.parent):
        if only and only not in entry.path.name:
            continue
        row = bench_log(entry, data, seed=seed, time_limit_s=time_limit_s,
                        warm_changes=warm_changes)
        row["git_commit"], row["cpu"] = commit, cpu
        rows.append(row)
        if progress is not None:
            progress(entry)
    return rows
