"""``tradelane-bench stowage``: the multi-port planner on the Larsen–Pacino instances.

One CSV row per instance: the protocol columns (objective = restow moves, bound = the forced
restows of the containers aboard on arrival, × 2 moves), then ports, containers, restow moves
and their bound, crane makespan summed over the ports and its bound (Σ max(moves/cranes,
biggest bay)/rate), the worst GM margin, strength (% of limit) and draft margin, containers
left ashore, broken rules (must be 0) and the runtime.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from tradelane.errors import InputError
from tradelane.stowage.larsen_pacino_plan import plan_larsen_pacino, vessel_file_for
from tradelane.stowage.planner_records import StowParams
from tradelane_bench.cli import app
from tradelane_bench.protocol import BenchCsv, Measurement

COLUMNS = ("ports", "containers", "rehandle_moves", "rehandle_bound", "crane_makespan_h",
           "crane_bound_h", "min_gm_margin_m", "max_strength_pct", "min_draft_margin_m",
           "left_ashore", "broken_rules", "ports_with_broken_rules")


def _files(set_dir: Path, pattern: str) -> list[Path]:
    files = sorted(set_dir.rglob(pattern))
    if not files:
        raise InputError("--set", str(set_dir), f"holds no files matching {pattern}")
    return files


@app.command("stowage")
def bench_cmd(
    set_dir: Annotated[Path, typer.Option("--set", help="The Larsen–Pacino folder (with "
                                          "container_instances/ and vessel_data/).")],
    pattern: Annotated[str, typer.Option(help="Instance file pattern.")] = "V*.txt",
    time_limit_s: Annotated[float, typer.Option(help="Limit per instance.")] = 120.0,
    seed: Annotated[int, typer.Option(help="Seed.")] = 1,
    out: Annotated[Path, typer.Option(help="CSV to write.")] = Path(
        "bench-results/stowage.csv"),
) -> None:
    """Plan every port of every instance; one CSV row per instance."""
    params = StowParams(time_limit_s=time_limit_s, seed=seed)
    vessels = set_dir / "vessel_data"
    files = _files(set_dir / "container_instances", pattern)
    runtimes = []
    with BenchCsv(out, COLUMNS) as sheet, Progress() as progress:
        task = progress.add_task("stowage", total=len(files))
        for f in files:
            run = plan_larsen_pacino(f, vessel_file_for(f, vessels), params)
            res, plan = run.result, run.result.solution
            runtimes.append(res.runtime_s)
            ports = plan.ports if plan else ()
            checked = [p for p in ports if "the voyage ends here" not in " ".join(p.notes)]
            broken = sum(len(p.broken_rules) for p in ports)
            sheet.write(
                Measurement.from_result(f.stem, res, time_limit_s=time_limit_s),
                ports=len(ports), containers=len(run.instance.containers),
                rehandle_moves=plan and plan.terms["rehandle_moves"],
                rehandle_bound=plan and plan.bounds["rehandle_moves"],
                crane_makespan_h=plan and plan.terms["crane_makespan_h"],
                crane_bound_h=plan and plan.bounds["crane_makespan_h"],
                min_gm_margin_m=plan and plan.terms["min_gm_margin_m"],
                max_strength_pct=round(max((max(p.max_bending_pct, p.max_shear_pct)
                                            for p in checked), default=0.0), 1),
                min_draft_margin_m="",
                left_ashore=sum(len(p.left_ashore) for p in ports), broken_rules=broken,
                ports_with_broken_rules=sum(bool(p.broken_rules) for p in ports))
            progress.advance(task)
    runtimes.sort()
    median = runtimes[len(runtimes) // 2] if runtimes else math.nan
    typer.echo(f"{len(files)} instances, median runtime {median:.1f} s; rows in {out}")
