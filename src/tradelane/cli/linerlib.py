"""``tradelane linerlib evaluate``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from tradelane.app.linerlib import EvaluateRequest, evaluate_network
from tradelane.cli._apps import app
from tradelane.errors import InputError
from tradelane.flow.params import FlowParams
from tradelane.linerlib.evaluate import Evaluation

linerlib_app = typer.Typer(help="LINER-LIB: evaluate liner networks on the benchmark instances.")
app.add_typer(linerlib_app, name="linerlib")

DataOption = Annotated[Path | None, typer.Option(
    help="LINER-LIB folder or its data/ folder.", envvar="TRADELANE_LINERLIB")]


def _table(evaluation: Evaluation, title: str) -> Table:
    table = Table(title=title)
    table.add_column("line")
    table.add_column("USD / week", justify="right")
    table.add_row("revenue", f"{evaluation.weekly_revenue_usd:,.0f}")
    for name, value in evaluation.costs_usd.items():
        table.add_row(f"  − {name.replace('_', ' ')}", f"{value:,.0f}")
    table.add_row("profit (without penalty)", f"{evaluation.weekly_profit_usd:,.0f}")
    table.add_row("objective (profit − penalty)", f"{evaluation.weekly_objective_usd:,.0f}")
    table.add_row("Z, 180 days (negative = profit)", f"{evaluation.z_180d_usd:,.0f}")
    table.add_row("transported", f"{evaluation.transported_pct:.2f} %")
    table.add_row("vessels deployed", f"{evaluation.vessels_deployed} "
                                      f"({evaluation.deployed_pct:.1f} % of the fleet)")
    return table


@linerlib_app.command("evaluate")
def evaluate_command(
    network: Annotated[Path, typer.Argument(help="Published log or our network (*.json).")],
    data: DataOption = None,
    instance: Annotated[str | None, typer.Option(help="Instance; default: from the file.")] = None,
    capacity: Annotated[str | None, typer.Option(help="low, base or high.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    transit_times: Annotated[bool, typer.Option(help="Enforce revised transit times.")] = False,
    erratum_idle: Annotated[bool, typer.Option(help="Idle fuel while waiting (2017).")] = False,
    fixed_demand: Annotated[bool, typer.Option(help="WorldSmall: _Fixed_Sep demand.")] = False,
    time_limit: Annotated[float, typer.Option(help="LP time limit, seconds.")] = 600.0,
    seed: Annotated[int, typer.Option(help="HiGHS random seed.")] = 0,
) -> None:
    """Evaluate a network exactly: costs, optimal cargo flow, profit, Z and violations."""
    done = evaluate_network(EvaluateRequest(
        network, data, instance=instance, capacity=capacity, transit_times=transit_times,
        erratum_idle=erratum_idle, fixed_demand=fixed_demand,
        params=FlowParams(time_limit_s=time_limit, seed=seed)))
    inst, result = done.instance, done.result
    err = Console(stderr=True)
    for warning in inst.warnings:
        err.print(f"[dim]warning: {warning}[/dim]", highlight=False, soft_wrap=True)
    if result.solution is None:
        raise InputError("evaluation", result.status.value, "the cargo flow LP was not solved")
    evaluation = result.solution
    if as_json:
        doc = evaluation.to_dict()
        doc.update(instance=inst.name, capacity_case=inst.capacity_case, network=str(network),
                   status=result.status.value, runtime_s=result.runtime_s,
                   lp_rows=result.stats.get("lp_rows"), lp_cols=result.stats.get("lp_cols"),
                   seed=seed)
        sys.stdout.write(json.dumps(doc, indent=2) + "\n")
        return
    out = Console()
    out.print(_table(evaluation, f"{network.name} on {inst.name} ({inst.capacity_case})"))
    for violation in evaluation.violations:
        out.print(f"[yellow]violation:[/yellow] {violation}", highlight=False)
    out.print(f"{result.status.value} in {result.runtime_s:.2f} s "
              f"(LP {result.stats.get('lp_rows')} rows x {result.stats.get('lp_cols')} columns)")

