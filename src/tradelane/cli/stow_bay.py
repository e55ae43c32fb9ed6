"""``tradelane stow bay``: the single-bay slot planning problem of the literature."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from tradelane.cli.stow import stow_app
from tradelane.domain.bay import (
    OVERSTOW_WEIGHT,
    POD_MIX_WEIGHT,
    REEFER_MISUSE_WEIGHT,
    STACK_WEIGHT,
    BayInstance,
    BayPlan,
)
from tradelane.io.bay_instance import read_bay_instance
from tradelane.result import Result
from tradelane.stowage.bay import BayParams, solve_bay


def bay_json(result: Result[BayPlan]) -> dict[str, object]:
    """The ``--json`` answer: status, objective, terms, bound, gap, runtime, placements."""
    plan = result.solution
    out: dict[str, object] = {
        "status": result.status.value, "objective": result.objective,
        "terms": None if plan is None else {
            "overstow": plan.terms.overstow, "pod_mix": plan.terms.pod_mix,
            "stacks_used": plan.terms.stacks_used, "reefer_misuse": plan.terms.reefer_misuse},
        "bound": result.bound, "gap": result.gap, "runtime_s": round(result.runtime_s, 3),
        "placements": [] if plan is None else [
            {"container": p.container, "stack": p.stack, "tier": p.tier, "slot": p.slot}
            for p in plan.placements],
        "unstowed": [] if plan is None else list(plan.unstowed)}
    if "reference_objective" in result.stats:
        out["reference_objective"] = result.stats["reference_objective"]
    return out


def _print(inst: BayInstance, result: Result[BayPlan]) -> None:
    console = Console()
    console.print(result.summary())
    plan = result.solution
    if plan is None:
        return
    t = plan.terms
    console.print(f"terms: overstow {t.overstow} × {OVERSTOW_WEIGHT} + pod_mix {t.pod_mix} × "
                  f"{POD_MIX_WEIGHT} + stacks_used {t.stacks_used} × {STACK_WEIGHT} + "
                  f"reefer_misuse {t.reefer_misuse} × {REEFER_MISUSE_WEIGHT} = {t.objective}")
    if "reference_objective" in result.stats:
        console.print(f"reference solution in the file: objective "
                      f"{result.stats['reference_objective']}, "
                      f"{result.stats['reference_unstowed']} unstowed, "
                      f"{result.stats['reference_violations']} broken rules")
    table = Table(title=f"{inst.name}: bay plan")
    for col in ("container", "stack", "tier", "slot", "POD", "length", "weight kg"):
        table.add_column(col, justify="right")
    for p in plan.placements:
        box = inst.to_load[p.container]
        table.add_row(str(p.container), str(p.stack), str(p.tier), str(p.slot), str(box.pod),
                      str(box.length_ft), f"{box.weight_kg:.0f}")
    console.print(table)
    if plan.unstowed:
        console.print(f"left ashore ({len(plan.unstowed)}): "
                      + ", ".join(map(str, plan.unstowed)))


@stow_app.command("bay")
def bay_cmd(
    instance: Annotated[Path, typer.Argument(help="Single-bay instance file.")],
    time_limit_s: Annotated[float, typer.Option(help="Wall-clock limit, seconds.")] = 1.0,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 1,
    threads: Annotated[int, typer.Option(help="Solver threads.")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Plan one bay section: stack, tier and slot of each container, or left ashore."""
    params = BayParams(time_limit_s=time_limit_s, seed=seed, threads=threads)
    inst = read_bay_instance(instance)
    result = solve_bay(inst, params)
    if as_json:
        typer.echo(json.dumps(bay_json(result), indent=2))
    else:
        _print(inst, result)
