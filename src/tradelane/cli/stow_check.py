"""``tradelane stow check``: the loading computer on a stowage plan (BAPLIE or CSV)."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from tradelane.cli.stow import stow_app
from tradelane.domain.stowage import Placement
from tradelane.errors import InputError
from tradelane.io.placement_csv import read_placements_csv
from tradelane.stowage.check import CheckReport, StabilityCriteria, check_report
from tradelane.stowage.profiles import load_profile


def read_plan(path: Path) -> tuple[list[Placement], str | None]:
    """Placements (and the BAPLIE's port, if any) from a BAPLIE file or a placements CSV."""
    if path.suffix.lower() == ".csv":
        return read_placements_csv(path), None
    try:
        baplie: Any = importlib.import_module("tradelane.io.baplie")
    except ModuleNotFoundError:
        raise InputError("plan", str(path), "is not a .csv, and BAPLIE reading is not part "
                         "of this build") from None
    message = baplie.read_baplie(path)
    return list(message.placements), message.port


def _ballast(items: list[str]) -> dict[str, float]:
    out = {}
    for item in items:
        name, _, tonnes = item.partition("=")
        try:
            out[name.strip()] = float(tonnes)
        except ValueError:
            raise InputError("ballast", item, "must be TANK=TONNES, e.g. DB3P=900") from None
    return out


def _as_json(report: CheckReport) -> dict[str, object]:
    c = report.condition
    figures: dict[str, object] = {} if c is None else {
        "displacement_t": round(c.displacement_t, 1), "gm_m": round(c.gm_m, 3),
        "kg_m": round(c.kg_m, 3), "km_m": round(c.km_m, 3),
        "heel_deg": None if c.heel_deg is None else round(c.heel_deg, 3),
        "trim_m": None if c.trim_m is None else round(c.trim_m, 3),
        "draft_m": None if c.deepest_draft_m is None else round(c.deepest_draft_m, 3),
        "drafts_m": None if c.draft_m is None else {
            "fore": round(c.draft_fore_m or 0.0, 3), "mean": round(c.draft_m, 3),
            "aft": round(c.draft_aft_m or 0.0, 3)},
        "lcg_m": round(c.lcg_m, 3), "tcg_m": round(c.tcg_m, 3),
        "max_bending_pct": round(c.max_bending_pct, 1),
        "max_shear_pct": round(c.max_shear_pct, 1)}
    return {"broken_rules": [{"rule": b.rule, "position": b.position, "message": b.message}
                             for b in report.broken_rules],
            **figures, "notes": list(report.notes)}


def _print(report: CheckReport, profile_name: str, count: int) -> None:
    console = Console()
    c = report.condition
    if c is not None:
        trim = "n/a (no draft table)" if c.trim_m is None else f"{c.trim_m:.2f} m by the stern"
        drafts = ("n/a" if c.draft_m is None else
                  f"fore {c.draft_fore_m:.2f} / mean {c.draft_m:.2f} / aft {c.draft_aft_m:.2f} m")
        heel = "undefined (GM ≤ 0)" if c.heel_deg is None else f"{c.heel_deg:.2f}°"
        console.print(f"{profile_name}: {count} containers, displacement "
                      f"{c.displacement_t:,.0f} t\nGM {c.gm_m:.2f} m (KM {c.km_m:.2f}, KG "
                      f"{c.kg_m:.2f}, free surface {c.free_surface_m:.2f}), heel {heel}, trim "
                      f"{trim}\ndrafts {drafts}\nbending {c.max_bending_pct:.0f} %, shear "
                      f"{c.max_shear_pct:.0f} % of limit")
    for note in report.notes:
        console.print(f"note: {note}")
    if not report.broken_rules:
        console.print("no rule broken")
        return
    table = Table(title=f"{len(report.broken_rules)} broken rule(s)")
    for col in ("rule", "position", "message"):
        table.add_column(col)
    for b in report.broken_rules:
        table.add_row(b.rule, b.position or "-", b.message)
    console.print(table)


@stow_app.command("check")
def check_cmd(
    profile: Annotated[str, typer.Argument(help="Vessel profile file, or a shipped name (A13).")],
    plan: Annotated[Path, typer.Argument(help="BAPLIE file, or a placements CSV (.csv).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    port: Annotated[str | None, typer.Option(help="Port of departure (default: BAPLIE's).")
                    ] = None,
    next_port_depth_m: Annotated[float | None, typer.Option(
        help="Controlling depth of the next port (m); checks the draft.")] = None,
    ballast: Annotated[list[str] | None, typer.Option(
        help="Tank contents TANK=TONNES (repeat), replacing the profile's defaults.")] = None,
    min_gm_m: Annotated[float, typer.Option(help="Minimum GM (m).")] = 1.0,
    max_heel_deg: Annotated[float, typer.Option(help="Largest heel (degrees).")] = 1.0,
    max_trim_m: Annotated[float, typer.Option(help="Largest trim by the stern (m).")] = 2.0,
) -> None:
    """Check a stowage plan: every broken rule with its slot, GM, heel, trim, drafts, strength.

    Exit status 0 when no rule is broken, 1 when one is, 2 for unreadable input.
    """
    ship = load_profile(profile)
    placements, baplie_port = read_plan(plan)
    criteria = StabilityCriteria(min_gm_m=min_gm_m, max_heel_deg=max_heel_deg,
                                 max_trim_m=max_trim_m)
    report = check_report(ship, placements, port=port or baplie_port,
                          next_port_depth_m=next_port_depth_m, criteria=criteria,
                          ballast=_ballast(ballast or []))
    if as_json:
        typer.echo(json.dumps(_as_json(report), indent=2))
    else:
        _print(report, ship.name, len(placements))
    if report.broken_rules:
        raise typer.Exit(1)
