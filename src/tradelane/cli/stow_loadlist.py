"""``tradelane stow loadlist``: a sample load list for one voyage of a case."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from tradelane.cli.stow import stow_app
from tradelane.domain.stowage import ContainerUnit
from tradelane.io.load_list import format_load_list
from tradelane.stowage.loadlist import read_case_load_list


@stow_app.command("loadlist")
def loadlist_cmd(
    case: Annotated[Path, typer.Argument(help="Case TOML file.")],
    voyage: Annotated[str, typer.Option(help="Voyage number, e.g. 401E.")],
    seed: Annotated[int, typer.Option(help="Random seed.")] = 1,
    out: Annotated[Path | None, typer.Option(help="Write the CSV here (else to stdout).")
                   ] = None,
) -> None:
    """Write a realistic load list (CSV) from the case's weekly cargo and container mix."""
    units = read_case_load_list(case, voyage, seed)
    text = format_load_list(units)
    if out is None:
        typer.echo(text, nl=False)
        return
    out.write_text(text, encoding="utf-8")
    _summary(units, out, voyage, seed)


def _summary(units: list[ContainerUnit], out: Path, voyage: str, seed: int) -> None:
    table = Table(title=f"{out}: voyage {voyage}, seed {seed}")
    for col in ("POL", "POD", "boxes", "TEU", "reefers", "DG boxes", "tonnes"):
        table.add_column(col, justify="right")
    groups: dict[tuple[str, str], list[ContainerUnit]] = {}
    for unit in units:
        groups.setdefault((unit.pol, unit.pod), []).append(unit)
    for (pol, pod), group in groups.items():
        table.add_row(pol, pod, str(len(group)), str(sum(u.teu for u in group)),
                      str(sum(u.is_reefer for u in group)),
                      str(sum(bool(u.dangerous) for u in group)),
                      f"{sum(u.vgm_t for u in group):,.0f}")
    Console().print(table)
    un = Counter(f"UN{d.un_number}" for u in units for d in u.dangerous)
    Console().print("DG entries: " + ", ".join(f"{k} {v}" for k, v in sorted(un.items())))
