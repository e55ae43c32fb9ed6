"""The designed services of a case as a planner reads them: one table per service."""

from __future__ import annotations

from typing import Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

__all__ = ["case_tables"]


def _service_table(s: dict[str, Any]) -> Table:
    """Transit days from each port (rows) to each other port (columns) along the rotation."""
    ports = list(dict.fromkeys(s["rotation"]))
    caption = (f"{s['vessel_class']}, {s['ships']} ships, {s['speed_kn']:.1f} kn, round trip "
               f"{s['round_trip_days']:.1f} d, fullest leg {s['peak_load_teu']:,.0f} TEU")
    table = Table(title=s["name"], caption=caption, title_justify="left")
    table.add_column("transit d, from \\ to")
    for p in ports:
        table.add_column(p, justify="right")
    for a in ports:
        cells = ["" if a == b else f"{s['transit_days'].get(f'{a}-{b}', float('nan')):.1f}"
                 for b in ports]
        table.add_row(a, *cells)
    return table


def case_tables(doc: dict[str, Any]) -> list[RenderableType]:
    """A table per designed service, the cargo carried and rejected (TEU per week), warnings."""
    out: list[RenderableType] = [_service_table(s) for s in doc["services"]]
    if not doc["services"]:
        out.append(Text("no service pays for itself: the network is empty"))
    out.append(Text(
        f"cargo: {doc['carried_teu_per_week']:,.0f} TEU/week carried, "
        f"{doc['rejected_teu_per_week']:,.0f} rejected, of {doc['demand_teu_per_week']:,.0f} "
        f"({doc['case']})"))
    out += [Text(f"warning: {w}", style="yellow") for w in doc["warnings"]]
    return out
