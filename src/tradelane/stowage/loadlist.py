"""A realistic sample load list for one voyage, from the case's weekly cargo and container mix.

Each ``[[demand]]`` row of the case is one week of cargo from its origin to its destination.
Rows whose origin comes before their destination in the rotation are *loaded on this voyage*
(eastbound and intra-Asia for the reference case) and draw from ``stowage.mix`` with its DG share;
the others wrap around the loop: they were loaded on the previous round voyage and are *aboard
on arrival* at the first port (westbound cargo), drawn from ``stowage.aboard_mix`` without DG.

Numbers of containers per kind are fixed by the TEU shares (rounded down, the TEU left over
filled with 20-ft boxes of the mix's first 20-ft kind), so the mix is exact; the seeded
``numpy`` generator draws each box's cargo weight (triangular), reefer setpoint, the order of the
list and the booking groups. Every box gets a placeholder ISO 6346 number (flagged).
"""

from __future__ import annotations

import re
import tomllib
import zlib
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import numpy as np

from tradelane.data.stowage_cargo import imdg_entry, size_types
from tradelane.domain.case import Case
from tradelane.domain.demand import Demand
from tradelane.domain.stowage import ContainerUnit, DangerousCargo
from tradelane.errors import InputError
from tradelane.io.case_toml import parse_case
from tradelane.stowage.cargo_case import (
    CargoKind,
    StowageCargo,
    default_stowage_cargo,
    parse_stowage_cargo,
)
from tradelane.stowage.numbers import placeholder_number

_VOYAGE = re.compile(r"^(\d)(\d{2})([A-Z])$")


def sailing_date(case: Case, voyage: str) -> date:
    """Monday of the voyage's ISO week: ``<year digit><ISO week:02d><letter>`` (``401E``).

    The year is the one in the case start's decade (2020s when the case has no start) whose
    last digit is the voyage's first digit.
    """
    match = _VOYAGE.match(voyage.strip().upper())
    if not match:
        raise InputError("voyage", voyage, "is not a voyage number <year digit><ISO week:02d>"
                         "<letter> such as 401E")
    decade = (case.start.year if case.start else 2020) // 10 * 10
    year, week = decade + int(match.group(1)), int(match.group(2))
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:
        raise InputError("voyage", voyage, f"names week {week}, which {year} does not have"
                         ) from None


def loaded_this_voyage(case: Case, row: Demand) -> bool:
    """True when the row's origin comes before its destination in the rotation."""
    rotation = case.service.rotation
    return rotation.index(row.origin) < rotation.index(row.destination)


def sample_load_list(case: Case, voyage: str, seed: int,
                     cargo: StowageCargo | None = None) -> list[ContainerUnit]:
    """Every container of one voyage: the cargo loaded on it and the cargo aboard on arrival.

    Parameters
    ----------
    case
        The case: its rotation and ``[[demand]]`` rows (TEU per week per origin-destination).
    voyage
        Voyage number (``401E``); it fixes the sailing date (UN3171 or UN3556 for battery
        vehicles) and, with ``seed``, the random draws.
    seed
        Seed of the ``numpy`` generator.
    cargo
        The ``[stowage]`` assumptions (default: the case brief's).

    Returns
    -------
    list[ContainerUnit]
        Grouped by demand row in case order; numbers ``TLNU0000000…`` (placeholders).
    """
    cargo = cargo or default_stowage_cargo()
    sailing = sailing_date(case, voyage)
    rng = np.random.default_rng([seed, zlib.crc32(voyage.strip().upper().encode())])
    drafts: list[tuple[CargoKind, Demand]] = []
    for row in case.demand:
        if row.origin not in case.service.rotation or row.destination not in \
                case.service.rotation:
            continue
        drafts += [(kind, row) for kind in _kinds_for(case, row, cargo, rng)]
    units = []
    booking, left_in_booking = 0, 0
    for index, (kind, row) in enumerate(drafts):
        if left_in_booking == 0:
            booking, left_in_booking = booking + 1, int(rng.integers(1, 6))
        left_in_booking -= 1
        units.append(_unit(kind, row, cargo, rng, sailing, index,
                           f"{case.service.code}{voyage.upper()}{booking:05d}"))
    return units


def read_case_load_list(path: str | Path, voyage: str, seed: int) -> list[ContainerUnit]:
    """``sample_load_list`` for a case file, with the file's ``[stowage]`` table."""
    text = Path(path).read_text(encoding="utf-8")
    case = parse_case(text, source=str(path))
    return sample_load_list(case, voyage, seed, parse_stowage_cargo(tomllib.loads(text)))


def aboard_on_arrival(case: Case, units: Sequence[ContainerUnit]) -> list[ContainerUnit]:
    """The containers already aboard when the ship arrives at the rotation's first port."""
    rotation = case.service.rotation
    return [u for u in units if u.pol in rotation and u.pod in rotation
            and rotation.index(u.pol) >= rotation.index(u.pod)]


def _kinds_for(case: Case, row: Demand, cargo: StowageCargo, rng: np.random.Generator
               ) -> list[CargoKind]:
    teu = round(row.teu_per_week)
    loaded = loaded_this_voyage(case, row)
    mix = cargo.mix if loaded else cargo.aboard_mix
    counts = [int(k.share * teu // size_types()[k.iso_type].teu) for k in mix]
    kinds = [k for k, n in zip(mix, counts, strict=True) for _ in range(n)]
    if loaded and cargo.dg_teu_share > 0:
        kinds += _dg_kinds(cargo, cargo.dg_teu_share * teu)
    left = teu - sum(size_types()[k.iso_type].teu for k in kinds)
    filler = next((k for k in mix if size_types()[k.iso_type].teu == 1), mix[0])
    kinds += [filler] * (left // size_types()[filler.iso_type].teu)
    return [kinds[i] for i in rng.permutation(len(kinds))]


def _dg_kinds(cargo: StowageCargo, dg_teu: float) -> list[CargoKind]:
    mean_teu = sum(k.share * size_types()[k.iso_type].teu for k in cargo.dg_mix)
    boxes = int(dg_teu // mean_teu)
    exact = [k.share * boxes for k in cargo.dg_mix]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: counts[i] - exact[i])
    for i in by_remainder[:boxes - sum(counts)]:
        counts[i] += 1
    while sum(size_types()[k.iso_type].teu * n
              for k, n in zip(cargo.dg_mix, counts, strict=True)) > dg_teu:
        counts[max(range(len(counts)), key=lambda i: counts[i])] -= 1
    return [k for k, n in zip(cargo.dg_mix, counts, strict=True) for _ in range(n)]


def _unit(kind: CargoKind, row: Demand, cargo: StowageCargo, rng: np.random.Generator,
          sailing: date, index: int, booking: str) -> ContainerUnit:
    low, mode, high = kind.gross_t  # the brief's gross weights: cargo and tare together
    gross_t = float(rng.triangular(low, mode, high)) if high > low else mode
    vgm_kg = round(gross_t * 1000.0 / 10.0) * 10.0
    vgm_kg = min(max(vgm_kg, cargo.tare_kg(kind.iso_type)),
                 size_types()[kind.iso_type].max_gross_kg)
    setpoint = None
    if size_types()[kind.iso_type].is_reefer:
        setpoint = float(cargo.reefer_setpoints_c[int(rng.integers(len(cargo.reefer_setpoints_c)))])
    un = kind.un_on(sailing)
    dangerous = () if un is None else (
        DangerousCargo(un_number=un, imo_class=imdg_entry(un).imo_class),)
    return ContainerUnit(number=placeholder_number(index, cargo.placeholder_owner),
                         iso_type=kind.iso_type, vgm_t=vgm_kg / 1000.0, pol=row.origin,
                         pod=row.destination, reefer_setpoint_c=setpoint, dangerous=dangerous,
                         placeholder_number=True, booking_reference=booking)
