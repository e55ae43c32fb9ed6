"""``tradelane-bench design``: design networks for LINER-LIB instances, compare with the
published best (Brouer, Desaulniers & Pisinger 2014, corrected 2017) and Brouer et al. 2014.

One CSV row per (instance, capacity case, seed). The protocol's ``objective`` is our Z
(180 days, USD, negative = profit), ``reference_value`` the BDP corrected Z and ``gap_pct``
(ours − BDP) / |BDP| in percent: negative means our network is better. The default time limit of
a row is the CPU seconds BDP report for it, counted on the search's CPU clock (``--wall-clock``:
on the wall clock); ``time_s`` and ``time_to_best_s`` are on that clock, ``wall_s`` is the wall
time of the run. ``trace`` is the time-to-best curve: ``seconds:Z``
each time the best network improved (the first pair is the start network).
"""

from __future__ import annotations

import csv
import statistics
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from tradelane.app.design import DesignRequest, design_network
from tradelane.design.params import DesignParams
from tradelane.errors import InputError
from tradelane.linerlib.instance import data_folder
from tradelane_bench.cli import app
from tradelane_bench.linerlib import default_data
from tradelane_bench.protocol import BenchCsv, Measurement

__all__ = ["COLUMNS", "Published", "published_rows"]

COLUMNS = ("capacity_case", "z_ours_usd", "z_bdp_corrected_usd", "z_ts2014_usd", "gap_ts_pct",
           "transported_pct", "vessels", "services", "time_to_best_s", "time_s", "bdp_cpu_s",
           "workers", "erratum_idle", "clock", "wall_s", "violations", "trace")
"""The bench's own columns, after the protocol's."""
PUBLISHED = "published_results_transcribed.csv"
_NAMES = {"EuropeAsia": "AsiaEurope", "WorldSmall": "WorldSmall (truncated demand file)"}

Published = dict[tuple[str, str], dict[str, float | None]]


def _number(text: str) -> float | None:
    return float(text) if text.strip() else None


def published_rows(root: Path) -> Published:
    """(instance, case) → ``bdp`` (corrected Z), ``ts`` (TS 2014 Z), ``cpu_s``: the best rows."""
    path = root / PUBLISHED
    if not path.is_file():
        raise InputError("data", str(root), f"has no {PUBLISHED} beside data/")
    rows: Published = {}
    with path.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["row"] == "best":
                rows[(r["instance"], r["capacity_case"])] = {
                    "bdp": _number(r["Z_BDP2014_weekly_corrected"]),
                    "ts": _number(r["Z_Brouer2014a_TS_biweekly_allowed"]),
                    "cpu_s": _number(r["cpu_s"])}
    return rows


def _gap(ours: float, ref: float | None) -> float | None:
    return None if ref is None else 100.0 * (ours - ref) / abs(ref)


@app.command("design")
def bench_command(
    data: Annotated[Path | None, typer.Option(
        help="LINER-LIB folder (with published_results_transcribed.csv).",
        envvar="TRADELANE_LINERLIB")] = None,
    instances: Annotated[str, typer.Option(help="Comma-separated.")] = "Baltic,WAF",
    cases: Annotated[str, typer.Option(help="Comma-separated: low, base, high.")] = "base",
    seeds: Annotated[int, typer.Option(help="Seeds 1..N per row.")] = 10,
    time_limit_s: Annotated[float | None, typer.Option(
        help="Seconds per run; default: BDP's CPU seconds for the row.")] = None,
    workers: Annotated[int, typer.Option(help="Search workers per run.")] = 1,
    iterations: Annotated[int | None, typer.Option(
        help="Moves per worker per run (a deterministic work limit).")] = None,
    erratum_idle: Annotated[bool, typer.Option(
        help="Idle fuel while waiting, as the corrected BDP Z (2017).")] = True,
    wall_clock: Annotated[bool, typer.Option(
        help="Count the time limit on the wall clock instead of the search's CPU seconds.")
    ] = False,
    out: Annotated[Path, typer.Option(help="CSV to write.")] = Path("bench-results/design.csv"),
    logs: Annotated[Path | None, typer.Option(
        help="Write each run's network as a LINER-LIB-style log in this folder.")] = None,
) -> None:
    """Design every (instance, case) with N seeds; one CSV row per run (docs/benchmarks.md)."""
    folder = data or default_data()
    if folder is None:
        raise InputError("--data", None, "is needed: no LINER-LIB copy at "
                         "../shared/benchmarks/linerlib (or set TRADELANE_LINERLIB)")
    root = data_folder(folder).parent
    published = published_rows(root)
    if logs is not None:
        logs.mkdir(parents=True, exist_ok=True)
    con = Console(stderr=True)
    with BenchCsv(out, COLUMNS) as sheet:
        for name in [s.strip() for s in instances.split(",") if s.strip()]:
            for case in [c.strip() for c in cases.split(",") if c.strip()]:
                ref = published.get((_NAMES.get(name, name), case), {})
                limit = time_limit_s or ref.get("cpu_s") or 300.0
                zs = []
                for seed in range(1, seeds + 1):
                    row = bench_run(root, name, case, seed, limit, workers, erratum_idle, ref,
                                    iterations, cpu_clock=not wall_clock,
                                    log=None if logs is None else
                                    logs / f"{name}_{case}_seed{seed}.log")
                    sheet.write(row[0], **row[1])
                    zs.append(row[1]["z_ours_usd"])
                    con.print(f"{name} {case} seed {seed}: Z {zs[-1]:,.0f} (BDP "
                              f"{ref.get('bdp') or float('nan'):,.0f})", highlight=False)
                con.print(f"{name} {case}: best {min(zs):,.0f}, mean {statistics.mean(zs):,.0f} "
                          f"over {len(zs)} seeds", highlight=False)
    Console().print(f"wrote {out}")


def bench_run(root: Path, name: str, case: str, seed: int, limit: float, workers: int,
              erratum_idle: bool, ref: dict[str, float | None], iterations: int | None = None,
              *, cpu_clock: bool = True, log: Path | None = None
              ) -> tuple[Measurement, dict[str, Any]]:
    """One run: design, and its protocol figures and own columns."""
    params = DesignParams(time_limit_s=limit, seed=seed, workers=workers,
                          erratum_idle=erratum_idle, iterations=iterations, cpu_clock=cpu_clock)
    t0 = time.perf_counter()
    outcome = design_network(DesignRequest(root, name, case, params, log=log))
    wall = time.perf_counter() - t0
    result = outcome.result
    design = result.solution
    if design is None:
        raise InputError("design", result.status.value, f"{name} {case} seed {seed}: the final "
                         "cargo flow was not solved")
    ev = design.evaluation
    z = ev.z_180d_usd
    measurement = Measurement(instance=name, status=result.status.value,
                              runtime_s=result.runtime_s, seed=seed, objective=z,
                              reference_value=ref.get("bdp"), gap_pct=_gap(z, ref.get("bdp")),
                              time_limit_s=limit)
    return measurement, {
        "capacity_case": case, "z_ours_usd": z, "z_bdp_corrected_usd": ref.get("bdp"),
        "z_ts2014_usd": ref.get("ts"), "gap_ts_pct": _gap(z, ref.get("ts")),
        "transported_pct": ev.transported_pct, "vessels": ev.vessels_deployed,
        "services": len(design.network.services), "time_to_best_s": design.time_to_best_s,
        "time_s": result.runtime_s, "bdp_cpu_s": ref.get("cpu_s"), "workers": workers,
        "erratum_idle": erratum_idle, "clock": "cpu" if cpu_clock else "wall",
        "wall_s": wall, "violations": len(ev.violations),
        "trace": " ".join(f"{t:.1f}:{-180.0 / 7.0 * o:.0f}" for t, o in design.trace)}
