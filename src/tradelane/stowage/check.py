"""The rules every stowage condition keeps, checked on any plan (ours or another tool's).

Structure (per slot and stack): the position is a slot of the ship (``no-such-slot``); one
container per slot and no 20-ft in a cell holding a 40 (``one-per-slot``); 20s at odd bays
and 40s at even bays, in cells that take that length (``length``); no 20 on top of a 40
(``20-on-40``); support from below (``support``); stack weight per 20-ft column and of the
40s (``stack-weight``); stack height per column, high cubes counted at 2.90 m
(``stack-height``); operating reefers only where plugs are free (``reefer-plug``).
Ship (per condition): GM ≥ minimum (``gm``), heel (``heel``), trim or the LCG range
(``trim``/``lcg``), the TCG limit where the profile has one (``tcg``), displacement within
the hydrostatic table (``hydrostatics``), shear and bending (``shear``, ``bending``), the
deepest draft against the next port's depth (``draft``). Dangerous goods:
:func:`tradelane.stowage.dg.dg_violations`. Nothing here imports a planner.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from tradelane.domain import _checks
from tradelane.domain.stowage import BrokenRule, Placement
from tradelane.domain.vessel_profile import Slot, Stack, VesselProfile
from tradelane.errors import InputError
from tradelane.stowage.condition import Condition, loading_condition

TOLERANCE = 1e-6


@dataclass(frozen=True, slots=True)
class StabilityCriteria:
    """Criteria of the loading computer (★ the case brief's defaults; override per case).

    ``min_trim_m``/``max_trim_m``: trim range, positive by the stern. Shear and bending are
    in % of the station limits. ``under_keel_clearance_m`` is added to the draft before
    comparing with a port's depth.
    """

    min_gm_m: float = 1.0
    max_heel_deg: float = 1.0
    min_trim_m: float = 0.0
    max_trim_m: float = 2.0
    max_shear_pct: float = 100.0
    max_bending_pct: float = 100.0
    under_keel_clearance_m: float = 0.0

    def __post_init__(self) -> None:
        _checks.non_negative("criteria.max_heel_deg", self.max_heel_deg)
        _checks.positive("criteria.max_shear_pct", self.max_shear_pct)
        _checks.positive("criteria.max_bending_pct", self.max_bending_pct)
        _checks.non_negative("criteria.under_keel_clearance_m", self.under_keel_clearance_m)
        if self.min_trim_m > self.max_trim_m:
            raise InputError("criteria.min_trim_m", self.min_trim_m,
                             f"must not exceed max_trim_m {self.max_trim_m}")


@dataclass(frozen=True, slots=True)
class CheckReport:
    """The broken rules of a condition, its loading condition, and notes on rules not checked."""

    broken_rules: tuple[BrokenRule, ...]
    condition: Condition | None
    notes: tuple[str, ...]


def check_condition(profile: VesselProfile, placements: Iterable[Placement], *,
                    port: str | None = None, next_port_depth_m: float | None = None,
                    criteria: StabilityCriteria | None = None,
                    ballast: Mapping[str, float] | None = None) -> list[BrokenRule]:
    """Every rule the condition breaks, each with its ISO position where it has one.

    Parameters
    ----------
    profile, placements
        The ship and the containers aboard at departure.
    port
        The port of departure (named in the draft message).
    next_port_depth_m
        Controlling depth of the next port; None skips the draft rule.
    criteria
        Stability and strength criteria (default: the case's ★ values).
    ballast
        Tank name → tonnes, replacing the tanks' default contents.
    """
    return list(check_report(profile, placements, port=port,
                             next_port_depth_m=next_port_depth_m, criteria=criteria,
                             ballast=ballast).broken_rules)


def check_report(profile: VesselProfile, placements: Iterable[Placement], *,
                 port: str | None = None, next_port_depth_m: float | None = None,
                 criteria: StabilityCriteria | None = None,
                 ballast: Mapping[str, float] | None = None) -> CheckReport:
    """:func:`check_condition` with the loading condition and notes on rules not checkable."""
    placed = list(placements)
    crit = criteria or StabilityCriteria()
    broken: list[BrokenRule] = []
    valid: list[tuple[Placement, Slot]] = []
    for p in placed:
        try:
            valid.append((p, profile.slot(p.position)))
        except InputError:
            broken.append(BrokenRule("no-such-slot", p.position.code,
                                     f"{p.container.number} is at {p.position.code}, which is "
                                     f"not a slot of {profile.name}"))
    broken += structure_violations(valid)
    condition = loading_condition(profile, [p for p, _ in valid], ballast=ballast)
    ship, notes = ship_violations(profile, condition, crit, port, next_port_depth_m)
    broken += ship
    from tradelane.stowage.dg import dg_violations

    broken += dg_violations(profile, [p for p, _ in valid])
    return CheckReport(tuple(broken), condition, tuple(notes))


def structure_violations(placed: Sequence[tuple[Placement, Slot]]) -> list[BrokenRule]:
    """Slot, stacking, weight, height and reefer rules of containers on valid slots."""
    broken: list[BrokenRule] = []
    by_stack: dict[tuple[int, int, bool], list[tuple[Placement, Slot]]] = defaultdict(list)
    for p, s in placed:
        by_stack[(s.stack.bay_index, s.stack.row, s.stack.on_deck)].append((p, s))
        broken += _length_rule(p, s)
    for members in by_stack.values():
        broken += _stack_rules(members[0][1].stack, members)
    return broken


def _length_rule(p: Placement, s: Slot) -> list[BrokenRule]:
    length, code = p.container.length_ft, p.position.code
    if length == 20 and s.column == "40":
        return [BrokenRule("length", code, f"{p.container.number} is a 20-ft container in a "
                           "40-ft position (even bay)")]
    if length != 20 and s.column != "40":
        return [BrokenRule("length", code, f"{p.container.number} is a {length}-ft container "
                           "in a 20-ft position (odd bay)")]
    if (length == 20 and not s.cell.allow20) or (length != 20 and not s.cell.allow40):
        return [BrokenRule("length", code, f"the cell at {code} does not take {length}-ft "
                           "containers")]
    return []


def _stack_rules(stack: Stack, members: list[tuple[Placement, Slot]]) -> list[BrokenRule]:
    cells: dict[int, dict[str, list[Placement]]] = defaultdict(lambda: defaultdict(list))
    for p, s in members:
        cells[s.cell.tier][s.column].append(p)
    broken: list[BrokenRule] = []
    for tier in sorted(cells):
        broken += _cell_rules(stack, tier, cells)
    broken += _column_rules(stack, cells)
    return broken


def _code(stack: Stack, column: str, tier: int) -> str:
    bay = stack.iso_bay + {"fore": -1, "40": 0, "aft": 1}[column]
    return f"{bay:03d}{stack.row:02d}{tier:02d}"


def _cell_rules(stack: Stack, tier: int,
                cells: Mapping[int, Mapping[str, list[Placement]]]) -> list[BrokenRule]:
    here = cells[tier]
    broken: list[BrokenRule] = []
    for column, ps in here.items():
        if len(ps) > 1:
            broken.append(BrokenRule("one-per-slot", _code(stack, column, tier),
                                     f"{len(ps)} containers share the slot: "
                                     + ", ".join(p.container.number for p in ps)))
    if here.get("40") and (here.get("fore") or here.get("aft")):
        broken.append(BrokenRule("one-per-slot", _code(stack, "40", tier),
                                 "a 40-ft position overlaps 20-ft containers in the same cell"))
    below = stack.tier_below(tier)
    under = cells.get(below, {}) if below is not None else {}
    if below is not None and under.get("40"):
        for column in ("fore", "aft"):
            for p in here.get(column, []):
                broken.append(BrokenRule("20-on-40", _code(stack, column, tier),
                                         f"{p.container.number} (20-ft) stands on a 40-ft "
                                         "container"))
    if below is not None:
        for column, ps in here.items():
            needs = ("fore", "aft") if column == "40" else (column,)
            held = all(under.get(c) or under.get("40") for c in needs)
            if ps and not held:
                broken.append(BrokenRule("support", _code(stack, column, tier),
                                         f"{ps[0].container.number} has no container under it "
                                         f"(tier {below:02d} is empty)"))
    plugs = stack.cell(tier)
    reefers = [p for ps in here.values() for p in ps if p.container.is_reefer]
    if plugs is not None and len(reefers) > plugs.reefer_plugs:
        for p in reefers[plugs.reefer_plugs:]:
            broken.append(BrokenRule("reefer-plug", p.position.code,
                                     f"reefer {p.container.number} has no plug "
                                     f"({plugs.reefer_plugs} at this cell)"))
    return broken


def _column_rules(stack: Stack,
                  cells: Mapping[int, Mapping[str, list[Placement]]]) -> list[BrokenRule]:
    broken: list[BrokenRule] = []
    top = max(cells)
    forties = [p for c in cells.values() for p in c.get("40", [])]
    w40 = sum(p.container.vgm_t for p in forties)
    if w40 > stack.max_weight40_t + TOLERANCE:
        broken.append(BrokenRule("stack-weight", _code(stack, "40", top),
                                 f"40-ft containers weigh {w40:.1f} t, over the stack's "
                                 f"{stack.max_weight40_t:.1f} t"))
    twenties = {c: [p for cell in cells.values() for p in cell.get(c, [])]
                for c in ("fore", "aft")}
    columns = [c for c in ("fore", "aft") if twenties[c]] or (["40"] if forties else [])
    for column in columns:
        mine = twenties.get(column, [])
        weight = sum(p.container.vgm_t for p in mine) + w40 / 2
        if mine and weight > stack.max_weight20_t + TOLERANCE:
            broken.append(BrokenRule("stack-weight", _code(stack, column, top),
                                     f"the {column} 20-ft column bears {weight:.1f} t, over "
                                     f"{stack.max_weight20_t:.1f} t"))
        height = sum(p.container.height_m for p in mine + forties)
        if height > stack.max_height_m + TOLERANCE:
            what = "the stack" if column == "40" else f"the {column} column"
            broken.append(BrokenRule("stack-height", _code(stack, column, top),
                                     f"{what} is {height:.2f} m high, over "
                                     f"{stack.max_height_m:.2f} m"))
    return broken


def ship_violations(profile: VesselProfile, c: Condition, crit: StabilityCriteria,
                    port: str | None, depth_m: float | None) -> tuple[list[BrokenRule],
                                                                      list[str]]:
    """Stability, strength and draft rules of a condition; notes on rules not checkable."""
    out: list[BrokenRule] = []
    notes: list[str] = []
    if not c.in_table:
        out.append(BrokenRule("hydrostatics", None, f"displacement {c.displacement_t:.0f} t is "
                              "outside the profile's hydrostatic table"))
    if c.gm_m < crit.min_gm_m:
        out.append(BrokenRule("gm", None, f"GM {c.gm_m:.2f} m is below the minimum "
                              f"{crit.min_gm_m:.2f} m"))
    if c.heel_deg is None or abs(c.heel_deg) > crit.max_heel_deg:
        what = "undefined (GM ≤ 0)" if c.heel_deg is None else f"{c.heel_deg:.2f}°"
        out.append(BrokenRule("heel", None, f"heel {what} exceeds {crit.max_heel_deg:.2f}°"))
    if profile.max_tcg_m is not None and abs(c.tcg_m) > profile.max_tcg_m:
        out.append(BrokenRule("tcg", None, f"TCG {c.tcg_m:.3f} m exceeds ±{profile.max_tcg_m} m"))
    out += _trim_rules(c, crit)
    for s in c.stations:
        if s.shear_pct > crit.max_shear_pct:
            out.append(BrokenRule("shear", None, f"shear {s.shear_pct:.0f} % of limit at x "
                                  f"{s.x_m:.1f} m"))
        if s.bending_pct > crit.max_bending_pct:
            out.append(BrokenRule("bending", None, f"bending {s.bending_pct:.0f} % of limit at "
                                  f"x {s.x_m:.1f} m"))
    if depth_m is not None:
        draft = c.deepest_draft_m
        if draft is None:
            notes.append(f"{profile.name} has no draft table: the draft rule was not checked")
        elif draft + crit.under_keel_clearance_m > depth_m + TOLERANCE:
            where = f" leaving {port}" if port else ""
            excess = (draft + crit.under_keel_clearance_m - depth_m) * 100
            out.append(BrokenRule("draft", None, f"draft {draft:.2f} m{where} exceeds the next "
                                  f"port's depth {depth_m:.2f} m by {excess:.0f} cm"))
    return out, notes


def _trim_rules(c: Condition, crit: StabilityCriteria) -> list[BrokenRule]:
    if c.trim_m is not None:
        if not crit.min_trim_m - TOLERANCE <= c.trim_m <= crit.max_trim_m + TOLERANCE:
            return [BrokenRule("trim", None, f"trim {c.trim_m:.2f} m (by the stern +) is "
                               f"outside {crit.min_trim_m:.2f}…{crit.max_trim_m:.2f} m")]
    elif c.min_lcg_m is not None and c.max_lcg_m is not None \
            and not c.min_lcg_m - TOLERANCE <= c.lcg_m <= c.max_lcg_m + TOLERANCE:
        return [BrokenRule("lcg", None, f"LCG {c.lcg_m:.2f} m is outside the allowed "
                               f"{c.min_lcg_m:.2f}…{c.max_lcg_m:.2f} m")]
    return []
