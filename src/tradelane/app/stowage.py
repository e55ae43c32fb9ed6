"""Use case: stow a voyage of a case — load list from the bookings, a CSV or the sample.

``plan_voyage(request)`` builds the voyage's port calls from the case (rotation from
``port``, each call's next port depth, the terminal's cranes), the load list (the store's
confirmed bookings of the voyage, a load-list CSV, or the case's sample load list), the
containers aboard on arrival (an onboard BAPLIE, or the load list's containers that are not
loaded at a planned call: stowed by the planner itself), and runs the planner.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tradelane.domain.case import Case
from tradelane.domain.stowage import ContainerUnit, DangerousCargo, Placement
from tradelane.domain.vessel_profile import VesselProfile
from tradelane.errors import InputError
from tradelane.io.baplie import read_baplie
from tradelane.io.case_toml import parse_case
from tradelane.io.load_list import read_load_list
from tradelane.result import Result
from tradelane.stowage.cargo_case import parse_stowage_cargo
from tradelane.stowage.loadlist import sample_load_list
from tradelane.stowage.numbers import placeholder_number
from tradelane.stowage.planner import plan_stowage
from tradelane.stowage.planner_records import PortCall, StowParams, VoyagePlan
from tradelane.stowage.profiles import load_profile, shipped_profiles


@dataclass(frozen=True, slots=True)
class StowRequest:
    """What ``tradelane stow plan`` asks: case, voyage, first port, cargo source, parameters."""

    case_path: Path
    voyage: str
    params: StowParams
    port: str | None = None
    db_url: str | None = None
    load_list: Path | None = None
    onboard: Path | None = None
    profile: str | None = None


@dataclass(frozen=True, slots=True)
class StowOutcome:
    """The planner's result with what it ran on: the profile, the calls and the cargo source."""

    result: Result[VoyagePlan]
    profile: VesselProfile
    calls: tuple[PortCall, ...]
    source: str
    notes: tuple[str, ...] = field(default=())


def voyage_calls(case: Case, port: str | None) -> tuple[PortCall, ...]:
    """The case's rotation from ``port`` (default: the first) to its end, as port calls."""
    rotation = list(case.service.rotation)
    start = 0
    if port is not None:
        if port not in rotation:
            raise InputError("port", port, f"is not in the rotation {', '.join(rotation)}")
        start = rotation.index(port)
    calls = []
    for k in range(start, len(rotation)):
        code = rotation[k]
        nxt = case.ports[rotation[(k + 1) % len(rotation)]]
        term = case.terminals.get(code)
        extra: dict[str, Any] = {} if term is None else {
            "cranes": term.cranes_per_ship, "moves_per_crane_h": term.crane_moves_per_h,
            "hatch_cover_moves": term.hatch_cover_moves, "clearance_bays": term.clearance_bays,
            "berthing_h": term.berthing_h}
        calls.append(PortCall(code, next_depth_m=nxt.max_draft_m, **extra))
    return tuple(calls)


def split_cargo(calls: Sequence[PortCall], units: Sequence[ContainerUnit]
                ) -> tuple[list[ContainerUnit], list[ContainerUnit]]:
    """(loaded at a planned call before its POD, aboard on arrival for a planned POD)."""
    order = [c.locode for c in calls]
    cargo, aboard = [], []
    for u in units:
        pod = order.index(u.pod) if u.pod in order else len(order)
        if u.pol in order[:pod]:
            cargo.append(u)
        elif pod < len(order):
            aboard.append(u)
    return cargo, aboard


def confirmed_load_list(db_url: str, voyage: str) -> list[ContainerUnit]:
    """Every container of every equipment line of the voyage's confirmed bookings."""
    from sqlalchemy import select

    from tradelane.store.db import open_database
    from tradelane.store.models import Booking, Call, Voyage

    sessions = open_database(db_url, pool_size=1)
    units: list[ContainerUnit] = []
    with sessions() as session:
        rows = session.scalars(select(Booking).join(Voyage, Booking.voyage_id == Voyage.id)
                               .where(Voyage.carrier_voyage_number == voyage,
                                      Booking.status == "CONFIRMED")
                               .order_by(Booking.id)).all()
        for b in rows:
            pod = session.get(Call, b.pod_call_id)
            for eq in b.equipments:
                numbers = [str(r) for r in (eq.equipment_references or [])]
                dg = tuple(DangerousCargo(d.un_number.removeprefix("UN"), d.imo_class)
                           for d in eq.dg_lines)
                for k in range(eq.units):
                    real = k < len(numbers)
                    units.append(ContainerUnit(
                        number=numbers[k] if real else placeholder_number(len(units)),
                        iso_type=eq.iso_equipment_code,
                        vgm_t=round(eq.cargo_gross_weight_t / eq.units + eq.tare_weight_t, 3),
                        pol=b.pol_call.locode, pod=pod.locode if pod else b.pol_call.locode,
                        reefer_setpoint_c=eq.temperature_setpoint
                        if eq.is_operating_reefer else None,
                        dangerous=dg, placeholder_number=not real,
                        booking_reference=b.carrier_booking_reference))
    if not units:
        raise InputError("voyage", voyage, "has no confirmed bookings in the database")
    return units


def _profile_for(case: Case, name: str | None) -> VesselProfile:
    chosen = name or case.vessel_class.name
    if name is None and chosen not in shipped_profiles():
        raise InputError("fleet.vessel_class", chosen, "has no stowage profile shipped "
                         f"({', '.join(shipped_profiles())}); give one with --profile")
    return load_profile(chosen)


def plan_voyage(request: StowRequest,
                progress: Callable[[str, int, int], None] | None = None) -> StowOutcome:
    """Plan the stowage of ``request.voyage`` port by port (see module docstring)."""
    text = request.case_path.read_text(encoding="utf-8")
    case = parse_case(text, source=str(request.case_path))
    profile = _profile_for(case, request.profile)
    calls = voyage_calls(case, request.port)
    notes: list[str] = []
    if request.db_url and request.load_list:
        raise InputError("load_list", str(request.load_list), "cannot be given with --db")
    if request.db_url:
        units = confirmed_load_list(request.db_url, request.voyage)
        source = f"confirmed bookings of voyage {request.voyage} in the database"
    elif request.load_list:
        units = read_load_list(request.load_list, placeholder=placeholder_number)
        source = f"load list {request.load_list}"
    else:
        cargo_table = parse_stowage_cargo(tomllib.loads(text))
        units = sample_load_list(case, request.voyage, request.params.seed, cargo_table)
        source = (f"the case's sample load list (voyage {request.voyage}, seed "
                  f"{request.params.seed}): no --db or --load-list given")
    cargo, aboard = split_cargo(calls, units)
    onboard: list[Placement] = []
    if request.onboard:
        onboard = list(read_baplie(request.onboard).placements)
        if aboard:
            notes.append(f"{len(aboard)} containers of the load list that would be aboard on "
                         "arrival were ignored: the onboard BAPLIE gives the arrival condition")
        aboard = []
    elif aboard:
        notes.append(f"{len(aboard)} containers aboard on arrival at {calls[0].locode} were "
                     "given no positions: the planner stowed them first (arrival condition)")
    placeholders = sum(u.placeholder_number for u in units)
    if placeholders:
        notes.append(f"{placeholders} containers carry placeholder ISO 6346 numbers")
    result = plan_stowage(profile, calls, cargo, request.params, onboard=onboard,
                          aboard=aboard, progress=progress)
    return StowOutcome(result, profile, calls, source, tuple(notes))
