"""``tradelane plan``'s inland table: per inland port and routing, rail vs road, trains, CO2."""

from __future__ import annotations

from rich.table import Table

from tradelane.planning.service_plan import ServicePlan


def inland_table(plan: ServicePlan) -> Table | None:
    """One row per routing option and inland port (``None`` when no option has inland cargo)."""
    if not any(o.inland for o in plan.options):
        return None
    table = Table(title="Inland ports per week: TEU by sea-rail block train and by road, TEU "
                        "rejected, the trains' utilisation and the CO2 rail saves against the road",
                  title_justify="left")
    for col in ("routing", "inland port", "offered TEU", "rail TEU", "road TEU", "rejected TEU",
                "trains used", "CO2 saved, t"):
        table.add_column(col, justify="left" if col in ("routing", "inland port") else "right")
    for o in plan.options:
        for p in o.inland.ports if o.inland else ():
            table.add_row(o.routing.value, f"{p.locode} {p.name}", f"{p.offered_teu:,.0f}",
                          f"{p.rail_teu:,.0f}", f"{p.road_teu:,.0f}", f"{p.rejected_teu:,.0f}",
                          f"{p.train_utilisation_pct:.0f} %", f"{p.co2_saved_t:,.1f}")
    return table
