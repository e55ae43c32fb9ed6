"""``tradelane-bench stowbay``: the single-bay slot planner on generated bays.

One CSV row per generated instance (``realistic_bay(seed)``, or ``hard_bay(seed)`` with
``--kind hard``, for seeds S … S+N−1) with the protocol columns; no reference values exist
for generated bays. ``--set DIR`` runs the instance files of a folder instead (for instance
public files with reference solutions: their objective goes in ``reference_value``). The
summary line gives the share proven optimal within the limit and the median and largest
runtime.
"""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from tradelane.domain.bay import BayInstance
from tradelane.errors import InputError
from tradelane.io.bay_instance import read_bay_instance
from tradelane.result import Status
from tradelane.stowage.bay import BayParams, solve_bay
from tradelane.stowage.bay_generator import hard_bay, realistic_bay
from tradelane.stowage.bay_rules import bay_violations
from tradelane_bench.cli import app
from tradelane_bench.protocol import BenchCsv, Measurement

COLUMNS = ("stacks", "tiers", "containers", "loaded", "unstowed", "overstow", "pod_mix",
           "stacks_used", "reefer_misuse", "reference_unstowed", "reference_violations",
           "stack_bound", "threads")


def _params(time_limit_s: float, seed: int, threads: int) -> BayParams:
    try:
        return BayParams(time_limit_s=time_limit_s, seed=seed, threads=threads)
    except InputError as exc:
        raise InputError("--" + exc.field.replace("_", "-"), exc.value, exc.problem) from None


_KINDS = {"realistic": realistic_bay, "hard": hard_bay}


def _instances(count: int, seed: int, set_dir: Path | None, kind: str) -> list[BayInstance]:
    if set_dir is None:
        if kind not in _KINDS:
            raise InputError("--kind", kind, "must be realistic or hard")
        return [_KINDS[kind](s) for s in range(seed, seed + count)]
    files = sorted(set_dir.glob("*.txt"))[:count]
    if not files:
        raise InputError("--set", str(set_dir), "holds no .txt instance files")
    return [read_bay_instance(f) for f in files]


@app.command("stowbay")
def bench_cmd(
    count: Annotated[int, typer.Option(help="Instances to run.")] = 20,
    seed: Annotated[int, typer.Option(help="First generator seed (and the solver's).")] = 1,
    time_limit_s: Annotated[float, typer.Option(help="Limit per instance.")] = 1.0,
    threads: Annotated[int, typer.Option(help="Solver threads.")] = 1,
    out: Annotated[Path, typer.Option(help="CSV to write.")] = Path("bench-results/stowbay.csv"),
    set_dir: Annotated[Path | None, typer.Option("--set", help="Folder of instance files "
                                                 "instead of generated bays.")] = None,
    kind: Annotated[str, typer.Option(help="Generated bays: realistic or hard.")] = "realistic",
) -> None:
    """Solve each bay within the limit; report the share proven optimal."""
    if count < 1:
        raise InputError("--count", count, "must be at least 1")
    params = _params(time_limit_s, seed, threads)
    proven = 0
    runtimes: list[float] = []
    with BenchCsv(out, COLUMNS) as sheet, Progress() as progress:
        task = progress.add_task("stowbay", total=count)
        instances = _instances(count, seed, set_dir, kind)
        for inst in instances:
            result = solve_bay(inst, params)
            plan = result.solution
            if plan is not None and bay_violations(inst, plan.placements):
                raise RuntimeError(f"{inst.name}: the planner returned an illegal plan.")
            proven += result.status is Status.OPTIMAL
            runtimes.append(result.runtime_s)
            ref = result.stats.get("reference_objective")
            terms = plan.terms if plan is not None else None
            sheet.write(
                Measurement.from_result(inst.name, result, time_limit_s=time_limit_s,
                                        reference_value=None if ref is None else float(ref)),
                stacks=len(inst.stacks), tiers=inst.tiers, containers=len(inst.to_load),
                loaded=len(inst.loaded), unstowed=None if plan is None else len(plan.unstowed),
                overstow=terms and terms.overstow, pod_mix=terms and terms.pod_mix,
                stacks_used=terms and terms.stacks_used,
                reefer_misuse=terms and terms.reefer_misuse,
                reference_unstowed=result.stats.get("reference_unstowed"),
                reference_violations=result.stats.get("reference_violations"),
                stack_bound=result.stats.get("stack_bound"), threads=threads)
            progress.advance(task)
    typer.echo(f"{proven} of {len(instances)} proven optimal within {time_limit_s:g} s "
               f"({100 * proven / len(instances):.0f} %), runtime median "
               f"{statistics.median(runtimes):.3f} s, max {max(runtimes):.3f} s; rows in {out}")
