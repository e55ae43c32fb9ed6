"""``tradelane publish``: put a planned service's sailings on sale."""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from tradelane.cli._apps import app
from tradelane.cli._db import DbOption, sessions_for, settings_for
from tradelane.domain import Routing
from tradelane.domain.cargo import CargoLoad
from tradelane.errors import InputError
from tradelane.geo.distance_cache import DistanceCache, default_cache_path
from tradelane.geo.sea_routes import SeaRouter
from tradelane.io.case_toml import parse_start, read_case
from tradelane.planning import plan_service
from tradelane.planning.report import schedule_calls
from tradelane.planning.service_plan import next_monday_utc
from tradelane.store.db import WRITE
from tradelane.store.sailings import publish_sailings

DEFAULT_CARGO_T_PER_LEG = 120_000.0
"""Tonnes of cargo a leg may carry when the case gives no ``[fleet] cargo_t_per_leg``
(assumption: deadweight less fuel, water and stores for the 13,500 TEU reference class)."""


@app.command("publish")
def publish_command(
    case_file: Annotated[Path, typer.Argument(help="Case file (TOML).", metavar="CASE.toml")],
    weeks: Annotated[int, typer.Option(help="Weeks of sailings to publish.")] = 4,
    db: DbOption = None,
    capacity_teu: Annotated[int | None, typer.Option(
        help="TEU for sale per leg (default: the vessel class's capacity).")] = None,
    routing: Annotated[str | None, typer.Option(
        help="panama, suez or cape (default: the first feasible in the case's order).")] = None,
    start: Annotated[str | None, typer.Option(help="First call's ETA, ISO 8601 (UTC).")] = None,
    auto_confirm: Annotated[bool, typer.Option(
        help="Confirm each booking at once if it fits (else it waits for the carrier).")
    ] = False,
) -> None:
    """Publish the sailings of a case's service and print their voyage numbers."""
    if weeks < 1:
        raise InputError("--weeks", weeks, "must be a whole number of 1 or more")
    if capacity_teu is not None and capacity_teu < 0:
        raise InputError("--capacity-teu", capacity_teu, "must be zero or more")
    settings = settings_for(db)
    case = read_case(case_file)
    first = parse_start(start) if start else _default_start(case.start, settings.clock())
    option_routing = _routing(routing)
    router = SeaRouter(DistanceCache(default_cache_path()))
    plan = plan_service(case, routings=[option_routing] if option_routing else None,
                        start=first, router=router)
    option = plan.option(option_routing) if option_routing else plan.first_feasible()
    if option is None or not option.feasible:
        why = "; ".join(option.violations) if option else "no routing option is feasible"
        raise InputError("--routing", routing or "(case options)", f"cannot be sailed: {why}")
    capacity = CargoLoad(teu=capacity_teu if capacity_teu is not None
                         else case.vessel_class.capacity_teu,
                         weight_t=_cargo_t_per_leg(case_file),
                         reefer_plugs=case.vessel_class.reefer_plugs)
    sessions = sessions_for(settings)
    with sessions.begin() as session:
        session.connection(execution_options=WRITE)
        voyages = publish_sailings(
            session, service_code=case.service.code, service_name=case.service.name,
            vessel_class=case.vessel_class.name, calls=schedule_calls(plan, option, weeks),
            capacity=capacity, auto_confirm=auto_confirm)
    table = Table(title=f"{case.service.code} via {option.routing.value}: {len(voyages)} "
                        f"voyages, {capacity.teu} TEU / {capacity.weight_t:g} t / "
                        f"{capacity.reefer_plugs} plugs per leg")
    for col in ("voyage", "vessel", "first call", "ETD", "calls"):
        table.add_column(col)
    for v in sorted(voyages, key=lambda v: v.first_etd):
        table.add_row(v.carrier_voyage_number, v.vessel_name, v.first_locode,
                      v.first_etd.strftime("%Y-%m-%dT%H:%MZ"), str(v.calls))
    Console(width=120).print(table)


def _default_start(case_start: datetime | None, now: datetime) -> datetime:
    if case_start is not None and case_start > now:
        return case_start
    return next_monday_utc(now)


def _routing(text: str | None) -> Routing | None:
    if text is None:
        return None
    try:
        return Routing(text)
    except ValueError:
        raise InputError("--routing", text, "must be panama, suez or cape") from None


def _cargo_t_per_leg(case_file: Path) -> float:
    doc: dict[str, Any] = tomllib.loads(case_file.read_text(encoding="utf-8"))
    value = doc.get("fleet", {}).get("cargo_t_per_leg", DEFAULT_CARGO_T_PER_LEG)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise InputError("fleet.cargo_t_per_leg", value, "must be a number of tonnes ≥ 0")
    return float(value)
