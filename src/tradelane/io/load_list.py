"""Load lists as CSV: one container a line ↔ ContainerUnit (and an optional slot position).

Columns (header line first; order free; ``#`` lines are comments):

=====================  ========  ==============================================================
column                 required  meaning
=====================  ========  ==============================================================
``number``             yes       ISO 6346 number; may be empty when the reader is given a
                                 ``placeholder`` function (the unit is then flagged)
``iso_type``           yes       ISO 6346 size-type code in ``data/container_size_types.csv``
``vgm_kg``             yes¹      verified gross mass, kg (cargo + tare)
``pol``, ``pod``       yes       UN/LOCODEs of the ports of loading and discharge
``reefer_setpoint_c``  no        setpoint °C; required for reefer size-types, refused for others
``un_numbers``         no        UN numbers separated by ``|`` (``UN3480|UN1263`` or ``3480``)
``imo_classes``        no        their classes, same order; checked against the IMDG table
``booking_reference``  no        carrier booking reference
``placeholder_number`` no        ``true`` when ``number`` is a made-up placeholder
``position``           no        ISO 9711 slot ``BBBRRTT`` for containers already stowed
=====================  ========  ==============================================================

¹ ``vgm_t`` (tonnes) is accepted instead of ``vgm_kg``.
Every error is one InputError naming the line and the column.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Iterable
from pathlib import Path

from tradelane.data.stowage_cargo import imdg_entry, size_types, un_digits
from tradelane.domain.stowage import ContainerUnit, DangerousCargo, Placement, SlotPosition
from tradelane.errors import InputError

COLUMNS = ("number", "iso_type", "vgm_kg", "pol", "pod", "reefer_setpoint_c", "un_numbers",
           "imo_classes", "booking_reference", "placeholder_number", "position")
"""The columns ``format_load_list`` writes, in order."""

Row = tuple[ContainerUnit, SlotPosition | None]


def parse_load_list(text: str, *, placeholder: Callable[[int], str] | None = None
                    ) -> list[ContainerUnit]:
    """CSV text → containers (positions, if any, are ignored).

    Parameters
    ----------
    text
        The load list (see the module docstring for the columns).
    placeholder
        ``index → number`` for rows without a number (index = 0-based count of such rows), e.g.
        ``tradelane.stowage.numbers.placeholder_number``; without it an empty number is an error.
    """
    return [unit for unit, _ in parse_load_list_rows(text, placeholder=placeholder)]


def parse_load_list_rows(text: str, *, placeholder: Callable[[int], str] | None = None
                         ) -> list[Row]:
    """CSV text → (container, slot position or None) per line, in file order."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    _check_header(reader.fieldnames)
    rows: list[Row] = []
    seen: set[str] = set()
    missing = 0
    for n, record in enumerate(reader, start=2):
        cells = {k.strip(): (v or "").strip() for k, v in record.items() if k is not None}
        number = cells.get("number", "")
        if not number and placeholder is not None:
            number, missing = placeholder(missing), missing + 1
            cells["placeholder_number"] = "true"
        unit, position = _row(n, cells, number)
        if unit.number in seen:
            raise InputError(f"line {n} number", unit.number, "appears twice in the load list")
        seen.add(unit.number)
        rows.append((unit, position))
    return rows


def read_load_list(path: str | Path, *, placeholder: Callable[[int], str] | None = None
                   ) -> list[ContainerUnit]:
    """Read a CSV load list file (see ``parse_load_list``)."""
    return parse_load_list(Path(path).read_text(encoding="utf-8"), placeholder=placeholder)


def format_load_list(items: Iterable[ContainerUnit | Placement]) -> str:
    """Containers (or placements, which add the position column) → CSV text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for item in items:
        unit = item.container if isinstance(item, Placement) else item
        position = item.position.code if isinstance(item, Placement) else ""
        writer.writerow([
            unit.number, unit.iso_type, f"{unit.vgm_t * 1000:.0f}", unit.pol, unit.pod,
            "" if unit.reefer_setpoint_c is None else f"{unit.reefer_setpoint_c:g}",
            "|".join(f"UN{d.un_number}" for d in unit.dangerous),
            "|".join(d.imo_class for d in unit.dangerous),
            unit.booking_reference or "", "true" if unit.placeholder_number else "",
            position])
    return out.getvalue()


def _check_header(fieldnames: Iterable[str] | None) -> None:
    names = {f.strip() for f in fieldnames or ()}
    for column in ("number", "iso_type", "pol", "pod"):
        if column not in names:
            raise InputError("load list header", ",".join(sorted(names)),
                             f"has no column {column!r}")
    if not names & {"vgm_kg", "vgm_t"}:
        raise InputError("load list header", ",".join(sorted(names)),
                         "has no column 'vgm_kg' (or 'vgm_t')")


def _row(n: int, cells: dict[str, str], number: str) -> Row:
    where = f"line {n}"
    iso_type = cells["iso_type"].upper()
    size = size_types().get(iso_type)
    if size is None:
        raise InputError(f"{where} iso_type", cells["iso_type"],
                         f"is not a known ISO size-type (known: {', '.join(size_types())})")
    vgm_kg = _vgm_kg(where, cells)
    if vgm_kg > size.max_gross_kg:
        raise InputError(f"{where} vgm_kg", vgm_kg, f"is over the {iso_type} maximum gross "
                         f"mass of {size.max_gross_kg:.0f} kg")
    setpoint = _setpoint(where, cells.get("reefer_setpoint_c", ""), size.is_reefer, iso_type)
    dangerous = _dangerous(where, cells.get("un_numbers", ""), cells.get("imo_classes", ""))
    try:
        unit = ContainerUnit(
            number=number, iso_type=iso_type, vgm_t=vgm_kg / 1000.0,
            pol=cells["pol"].upper(), pod=cells["pod"].upper(), reefer_setpoint_c=setpoint,
            dangerous=dangerous,
            placeholder_number=cells.get("placeholder_number", "").lower() in {"true", "1",
                                                                                 "yes"},
            booking_reference=cells.get("booking_reference") or None)
    except InputError as exc:
        raise InputError(f"{where} {exc.field}", exc.value, exc.problem) from None
    position = None
    if cells.get("position"):
        try:
            position = SlotPosition.parse(cells["position"])
        except InputError as exc:
            raise InputError(f"{where} position", exc.value, exc.problem) from None
    return unit, position


def _number(where: str, field: str, text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise InputError(f"{where} {field}", text, "is not a number") from None
    if not math.isfinite(value):
        raise InputError(f"{where} {field}", text, "is not a finite number")
    return value


def _vgm_kg(where: str, cells: dict[str, str]) -> float:
    field, scale = ("vgm_kg", 1.0) if cells.get("vgm_kg") else ("vgm_t", 1000.0)
    if not cells.get(field):
        raise InputError(f"{where} vgm_kg", "", "is empty (a VGM is required)")
    value = _number(where, field, cells[field]) * scale
    if value <= 0:
        raise InputError(f"{where} {field}", cells[field], "must be greater than zero")
    return value


def _setpoint(where: str, text: str, is_reefer: bool, iso_type: str) -> float | None:
    if not text:
        if is_reefer:
            raise InputError(f"{where} reefer_setpoint_c", "", f"is empty: a {iso_type} "
                             "reefer needs a setpoint (carry a non-operating reefer as dry, "
                             "e.g. 45G1)")
        return None
    if not is_reefer:
        raise InputError(f"{where} reefer_setpoint_c", text, f"is set but {iso_type} is not "
                         "a reefer size-type")
    value = _number(where, "reefer_setpoint_c", text)
    if not -70.0 <= value <= 40.0:
        raise InputError(f"{where} reefer_setpoint_c", text, "is outside -70…40 °C")
    return value


def _split(text: str) -> list[str]:
    return [part for part in text.replace(";", "|").split("|") if part.strip()]


def _dangerous(where: str, un_text: str, class_text: str) -> tuple[DangerousCargo, ...]:
    uns, classes = _split(un_text), _split(class_text)
    if classes and len(classes) != len(uns):
        raise InputError(f"{where} imo_classes", class_text,
                         f"has {len(classes)} entries for {len(uns)} UN numbers")
    cargo = []
    for i, un_raw in enumerate(uns):
        try:
            entry = imdg_entry(un_digits(un_raw))
        except InputError as exc:
            raise InputError(f"{where} un_numbers", un_raw, exc.problem) from None
        given = classes[i].strip() if classes else entry.imo_class
        if given != entry.imo_class:
            raise InputError(f"{where} imo_classes", given, f"does not match UN{entry.un_number}"
                             f", which is class {entry.imo_class}")
        cargo.append(DangerousCargo(un_number=entry.un_number, imo_class=entry.imo_class))
    return tuple(cargo)
