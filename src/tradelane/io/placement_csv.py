"""Stowed containers as CSV: a load list with a ``position`` column (ISO 9711 ``BBBRRTT``).

Columns (header row, any order): ``number``, ``iso_type``, ``vgm_t``, ``pol``, ``pod``,
``position``; optional ``reefer_setpoint_c`` (empty: not an operating reefer), ``dangerous``
(``UN/class`` entries separated by ``;``, e.g. ``3480/9;1263/3``), ``placeholder_number``
(``1``/``true``), ``booking_reference``. Lines starting with ``#`` are comments.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tradelane.domain.stowage import ContainerUnit, DangerousCargo, Placement, SlotPosition
from tradelane.errors import InputError

REQUIRED = ("number", "iso_type", "vgm_t", "pol", "pod", "position")


def parse_placements_csv(text: str) -> list[Placement]:
    """Placements from CSV text; InputError naming the line and field on bad input."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError("placements header", ",".join(reader.fieldnames or []),
                         f"lacks the column(s) {', '.join(missing)}")
    out = []
    for n, row in enumerate(reader, start=2):
        out.append(_placement(row, n))
    return out


def read_placements_csv(path: str | Path) -> list[Placement]:
    """Read :func:`parse_placements_csv` from a file."""
    return parse_placements_csv(Path(path).read_text(encoding="utf-8"))


def _placement(row: dict[str, str | None], n: int) -> Placement:
    def cell(key: str) -> str:
        return (row.get(key) or "").strip()

    try:
        try:
            vgm = float(cell("vgm_t"))
        except ValueError:
            raise InputError("vgm_t", cell("vgm_t"), "must be a number") from None
        setpoint = cell("reefer_setpoint_c")
        try:
            reefer = float(setpoint) if setpoint else None
        except ValueError:
            raise InputError("reefer_setpoint_c", setpoint, "must be a number") from None
        container = ContainerUnit(
            number=cell("number"), iso_type=cell("iso_type").upper(), vgm_t=vgm,
            pol=cell("pol").upper(), pod=cell("pod").upper(), reefer_setpoint_c=reefer,
            dangerous=_dangerous(cell("dangerous")),
            placeholder_number=cell("placeholder_number").lower() in ("1", "true", "yes"),
            booking_reference=cell("booking_reference") or None)
        return Placement(container, SlotPosition.parse(cell("position")))
    except InputError as exc:
        raise InputError(f"line {n}: {exc.field}", exc.value, exc.problem) from None


def _dangerous(text: str) -> tuple[DangerousCargo, ...]:
    out = []
    for entry in filter(None, (e.strip() for e in text.split(";"))):
        un, _, cls = entry.partition("/")
        if not cls:
            raise InputError("dangerous", entry, "must be UN/class, e.g. 3480/9")
        out.append(DangerousCargo(un.strip().removeprefix("UN"), cls.strip()))
    return tuple(out)


def format_placements_csv(placements: list[Placement]) -> str:
    """Placements as CSV text (the columns :func:`parse_placements_csv` reads)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([*REQUIRED, "reefer_setpoint_c", "dangerous", "placeholder_number",
                "booking_reference"])
    for p in placements:
        c = p.container
        w.writerow([c.number, c.iso_type, c.vgm_t, c.pol, c.pod, p.position.code,
                    "" if c.reefer_setpoint_c is None else c.reefer_setpoint_c,
                    ";".join(f"{d.un_number}/{d.imo_class}" for d in c.dangerous),
                    int(c.placeholder_number), c.booking_reference or ""])
    return buf.getvalue()
