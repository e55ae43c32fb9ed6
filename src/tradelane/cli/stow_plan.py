"""``tradelane stow plan``: a voyage's stowage planned port by port."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from tradelane.app.stowage import StowOutcome, StowRequest, plan_voyage
from tradelane.cli.stow import stow_app
from tradelane.io.baplie import format_baplie
from tradelane.stowage.cranes import crane_split
from tradelane.stowage.planner_records import PortPlan, StowParams
from tradelane.stowage.svg import bay_svg, cranes_svg, iso_bay_label, side_svg, voyage_colours


def port_json(p: PortPlan) -> dict[str, Any]:
    """One call's figures as ``--json`` prints them."""
    def r(v: float | None, n: int = 3) -> float | None:
        return None if v is None else round(v, n)
    return {"locode": p.locode, "loaded": p.loaded, "discharged": p.discharged,
            "rehandles": p.restows, "rehandle_moves": p.rehandle_moves,
            "hatch_cover_moves": p.hatch_cover_moves,
            "crane_makespan_h": r(p.crane_makespan_h), "crane_bound_h": r(p.crane_bound_h),
            "port_stay_h": r(p.port_stay_h), "teu_aboard": p.loaded_teu,
            "displacement_t": r(p.displacement_t, 1), "gm_m": r(p.gm_m), "heel_deg": r(p.heel_deg),
            "trim_m": r(p.trim_m), "draft_m": r(p.draft_m),
            "max_bending_pct": r(p.max_bending_pct, 1), "max_shear_pct": r(p.max_shear_pct, 1),
            "ballast_t": dict(p.ballast_t),
            "broken_rules": [{"rule": b.rule, "position": b.position, "message": b.message}
                             for b in p.broken_rules],
            "left_ashore": [{"number": a.number, "reason": a.reason} for a in p.left_ashore],
            "notes": list(p.notes)}


def outcome_json(out: StowOutcome) -> dict[str, Any]:
    """The whole answer as ``--json`` prints it."""
    res, plan = out.result, out.result.solution
    return {"status": res.status.value, "objective": res.objective, "bound": res.bound,
            "gap": res.gap, "runtime_s": round(res.runtime_s, 3), "seed": res.seed,
            "profile": out.profile.name, "source": out.source,
            "terms": dict(plan.terms) if plan else {}, "bounds": dict(plan.bounds) if plan else {},
            "notes": list(out.notes),
            "ports": [port_json(p) for p in plan.ports] if plan else []}


def _write_baplie(out: StowOutcome, directory: Path, voyage: str) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    plan = out.result.solution
    written: list[Path] = []
    if plan is None:
        return written
    codes = [c.locode for c in out.calls]
    for k, p in enumerate(plan.ports):
        path = directory / f"{voyage}_{p.locode}.edi"
        text = format_baplie(p.departure, vessel=out.profile.name, voyage=voyage,
                             port=p.locode, next_port=codes[k + 1] if k + 1 < len(codes)
                             else None, prepared_at=datetime(2024, 1, 1, tzinfo=UTC))
        path.write_text(text, encoding="latin-1")
        written.append(path)
    return written


def _write_svg(out: StowOutcome, directory: Path, voyage: str) -> list[Path]:
    """Per call: ``<VOYAGE>_<LOCODE>_side.svg``, ``…_bay<NN>.svg`` for every bay worked there
    (every bay when the call has no moves) and ``…_cranes.svg``."""
    directory.mkdir(parents=True, exist_ok=True)
    plan = out.result.solution
    if plan is None:
        return []
    colours = voyage_colours((c.locode for c in out.calls),
                             (x for p in plan.ports for x in p.departure))
    written: list[Path] = []

    def put(name: str, text: str) -> None:
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)

    for call, p in zip(out.calls, plan.ports, strict=False):
        stem = f"{voyage}_{p.locode}"
        what = f"{out.profile.name} voyage {voyage}, departure {p.locode}"
        put(f"{stem}_side.svg", side_svg(out.profile, p.departure, colours,
                                         title=f"{what}: side profile by POD"))
        worked = [i for i, m in enumerate(p.moves_per_bay) if m > 0]
        for i in worked or range(out.profile.bays):
            put(f"{stem}_bay{iso_bay_label(i)}.svg",
                bay_svg(out.profile, p.departure, i, colours,
                        title=f"{what}: bay {iso_bay_label(i)}"))
        split = crane_split(p.moves_per_bay, cranes=call.cranes,
                            moves_per_crane_h=call.moves_per_crane_h,
                            clearance_bays=call.clearance_bays)
        put(f"{stem}_cranes.svg", cranes_svg(split, p.moves_per_bay,
                                             title=f"{what}: crane split"))
    return written


def _print(out: StowOutcome) -> None:
    console = Console()
    res, plan = out.result, out.result.solution
    console.print(f"cargo: {out.source}")
    for note in out.notes:
        console.print(f"note: {note}")
    if plan is None:
        return
    table = Table(title=f"{out.profile.name}: {res.summary()}")
    for col in ("port", "disch.", "loaded", "restows", "TEU aboard", "crane h", "stay h",
                "GM m", "heel °", "trim m", "draft m", "bend %", "shear %", "broken",
                "ashore"):
        table.add_column(col, justify="right")
    for p in plan.ports:
        table.add_row(p.locode, str(p.discharged), str(p.loaded), str(p.restows),
                      f"{p.loaded_teu:,}", f"{p.crane_makespan_h:.1f}", f"{p.port_stay_h:.1f}",
                      f"{p.gm_m:.2f}", "-" if p.heel_deg is None else f"{p.heel_deg:.2f}",
                      "-" if p.trim_m is None else f"{p.trim_m:.2f}",
                      "-" if p.draft_m is None else f"{p.draft_m:.2f}",
                      f"{p.max_bending_pct:.0f}", f"{p.max_shear_pct:.0f}",
                      str(len(p.broken_rules)), str(len(p.left_ashore)))
    console.print(table)
    console.print("objective terms: " + ", ".join(f"{k} {v}" for k, v in plan.terms.items())
                  + "; lower bounds: " + ", ".join(f"{k} {v}" for k, v in plan.bounds.items()))
    for p in plan.ports:
        reasons: dict[str, int] = {}
        for a in p.left_ashore:
            reasons[a.reason] = reasons.get(a.reason, 0) + 1
        for reason, n in reasons.items():
            console.print(f"{p.locode}: {n} containers stay ashore: {reason}")
        for note in p.notes:
            console.print(f"{p.locode}: {note}")


@stow_app.command("plan")
def plan_cmd(
    case_file: Annotated[Path, typer.Argument(metavar="CASE.toml")],
    voyage: Annotated[str, typer.Option(help="Voyage number, e.g. 401E.")],
    port: Annotated[str | None, typer.Option(help="First call to plan (default: the "
                                             "rotation's first).")] = None,
    db: Annotated[str | None, typer.Option("--db", help="Database URL: the voyage's confirmed "
                                           "bookings.")] = None,
    load_list: Annotated[Path | None, typer.Option(help="Load list CSV instead of bookings.")
                         ] = None,
    onboard: Annotated[Path | None, typer.Option(help="BAPLIE of the arrival condition.")
                       ] = None,
    profile: Annotated[str | None, typer.Option(help="Vessel profile (default: the case's "
                                                "vessel class).")] = None,
    time_limit_s: Annotated[float, typer.Option(help="Time limit for the voyage.")] = 60.0,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 1,
    baplie: Annotated[Path | None, typer.Option(help="Write DIR/<VOYAGE>_<LOCODE>.edi per "
                                                "port.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    svg: Annotated[Path | None, typer.Option(help="Write DIR/<VOYAGE>_<LOCODE>_side.svg, "
                                             "_bay<NN>.svg and _cranes.svg per port.")
                   ] = None,
) -> None:
    """Plan a voyage's stowage port by port: discharge, restows, load, ballast, check.

    Without --db or --load-list the case's sample load list is used (and said so).
    """
    request = StowRequest(case_file, voyage, StowParams(time_limit_s=time_limit_s, seed=seed),
                          port=port, db_url=db, load_list=load_list, onboard=onboard,
                          profile=profile)
    with Progress(transient=True, disable=as_json) as bar:
        task = bar.add_task("planning", total=None)

        def tick(locode: str, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, description=f"planned {locode}")

        out = plan_voyage(request, progress=tick)
    if baplie is not None:
        _write_baplie(out, baplie, voyage)
    if svg is not None:
        _write_svg(out, svg, voyage)
    if as_json:
        typer.echo(json.dumps(outcome_json(out), indent=2))
    else:
        _print(out)
    plan = out.result.solution
    if plan is None or any(p.broken_rules for p in plan.ports):
        raise typer.Exit(1)
