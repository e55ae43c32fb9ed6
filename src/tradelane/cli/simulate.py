"""``tradelane simulate``: the lane sailed many times under uncertainty, with a policy."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Annotated, cast

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn
from rich.table import Table

from tradelane.app.resources import Resources
from tradelane.app.simulation import Simulation, simulate_case, write_runs
from tradelane.cli._apps import app
from tradelane.io.case_toml import read_case
from tradelane.sim import Policy, Scenario, SimParams, read_scenario


@app.command("simulate")
def simulate_command(
    case_file: Annotated[Path, typer.Argument(help="Case file (TOML).", metavar="CASE.toml")],
    weeks: Annotated[int, typer.Option(help="Horizon from the calendar start.")] = 26,
    runs: Annotated[int, typer.Option(help="Replications.")] = 1000,
    seed: Annotated[int, typer.Option(help="Seed: the same seed gives every policy the "
                                           "same weather and delays.")] = 1,
    scenario: Annotated[Path | None, typer.Option(help="Scenario file (TOML): events and "
                                                       "distributions.")] = None,
    policy: Annotated[str, typer.Option(help="none, speed-up, skip, swap or omit-sailing."
                                        )] = "none",
    deterministic: Annotated[bool, typer.Option(
        "--deterministic", help="Turn every distribution off (sails the proforma).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    out: Annotated[Path | None, typer.Option(help="Write one row per run (Parquet).")] = None,
) -> None:
    """Simulate the lane: on-time %, delays, fuel, CO2 and cost under a recovery policy."""
    params = SimParams(weeks=weeks, runs=runs, seed=seed, deterministic=deterministic,
                       policy=cast(Policy, policy))  # checked (and converted) by SimParams
    chosen = read_scenario(scenario) if scenario else Scenario()
    case = read_case(case_file)
    console = Console(stderr=True)
    with Progress("[progress.description]{task.description}", BarColumn(),
                  MofNCompleteColumn(), TimeRemainingColumn(), console=console,
                  transient=True) as bar:
        task = bar.add_task("Simulating", total=params.runs)
        sim = simulate_case(case, params, chosen, Resources.for_process(),
                            progress=lambda k: bar.advance(task, k))
    if out is not None:
        write_runs(sim.runs, out)
        console.print(f"{len(sim.runs)} runs written to {out}")
    if as_json:
        typer.echo(json.dumps(simulation_to_dict(sim, params), indent=2, ensure_ascii=False))
    else:
        _print(sim, params, Console())


def simulation_to_dict(sim: Simulation, params: SimParams) -> dict[str, object]:
    """The ``--json`` document: the summary plus what was simulated."""
    summary = sim.result.solution
    assert summary is not None  # simulate always returns one
    return {**summary.to_dict(), "seed": params.seed, "weeks": params.weeks,
            "deterministic": params.deterministic, "routing": sim.sim_case.routing,
            "scenario": sim.scenario.name or None,
            "calendar_start": sim.sim_case.anchor.isoformat(),
            "republished": _republished(sim),
            "runtime_s": sim.result.runtime_s,
            "ship_voyages_per_s": sim.result.stats.get("ship_voyages_per_s")}


def _republished(sim: Simulation) -> list[dict[str, str]]:
    """The schedules re-published during the simulation: from when, by which routing."""
    anchor = sim.sim_case.anchor
    return [{"from": (anchor + timedelta(hours=start_h)).isoformat(), "routing": routing}
            for start_h, routing, _ in sim.sim_case.republished]


def _fmt(value: float | None, spec: str = ".1f") -> str:
    return "–" if value is None else format(value, spec)


def _print(sim: Simulation, params: SimParams, console: Console) -> None:
    s = sim.result.solution
    assert s is not None
    console.print(f"[bold]{sim.sim_case.code}[/] via {sim.sim_case.routing}, {params.runs} runs "
                  f"× {params.weeks} weeks from {sim.sim_case.anchor:%Y-%m-%d}, policy "
                  f"{s.policy}, seed {params.seed}"
                  + (f", scenario {sim.scenario.name}" if sim.scenario.name else "")
                  + "".join(f"; re-published via {r['routing']} from {r['from'][:10]}"
                            for r in _republished(sim)))
    console.print(f"on time (±1 day): {_fmt(s.on_time_pct)} % of {s.all_calls.calls:,} calls; "
                  f"late arrivals {_fmt(s.late_avg_delay_days, '.2f')} days late on average")
    table = Table(title="Reliability by port and by month", title_justify="left")
    for col in ("", "calls", "on time, %", "late, avg days"):
        table.add_column(col, justify="right" if col else "left")
    for key, rel in [*s.ports.items(), *s.months.items()]:
        table.add_row(key, f"{rel.calls:,}", _fmt(rel.on_time_pct),
                      _fmt(rel.late_avg_delay_days, ".2f"))
    console.print(table)
    dist = Table(title="Per round voyage of one ship, over the runs", title_justify="left")
    for col in ("", "P10", "P50", "P90"):
        dist.add_column(col, justify="right" if col else "left")
    for label, p, spec in (("round voyage, days", s.round_voyage_days, ".1f"),
                           ("fuel, t", s.fuel_t, ",.0f"), ("CO2, t", s.co2_t, ",.0f"),
                           ("cost per TEU loaded, USD", s.cost_usd_per_teu, ",.0f")):
        dist.add_row(label, _fmt(p.p10, spec), _fmt(p.p50, spec), _fmt(p.p90, spec))
    console.print(dist)
    m = s.means
    console.print(f"per run: {m['skipped_calls']:.1f} calls skipped, "
                  f"{m['omitted_sailings']:.1f} sailings blanked, "
                  f"{m['cargo_delayed_teu']:,.0f} TEU delayed, {m['cargo_rolled_teu']:,.0f} "
                  f"TEU rolled, cargo cost USD {m['cargo_cost_usd']:,.0f}, bunker USD "
                  f"{m['bunker_usd']:,.0f}, total USD {m['cost_usd']:,.0f}")
