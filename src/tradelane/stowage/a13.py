"""Generate the A13 class profile (13,500 TEU, 366 m × 48.4 m) from its main dimensions.

No loading booklet of a real A13 is public: this module builds one with the textbook
estimates of :mod:`tradelane.stowage.hull_estimates` and the layout assumptions of
:class:`A13Design` (each documented in ``docs/stowage-vessel.md``). The result is shipped as
``tradelane/data/vessels/A13.json``; regenerate it with ``python -m tradelane.stowage.a13 OUT``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace

import numpy as np

from tradelane.domain.stowage import ContainerUnit, Placement
from tradelane.domain.vessel_profile import (
    Cell,
    HydroPoint,
    Section,
    Stack,
    Station,
    Tank,
    VesselProfile,
)
from tradelane.stowage import hull_estimates as he

HC_M = 2.896
STD_M = 2.591
DESIGN_MARGIN = 1.15
"""Strength limits are at least this multiple of the homogeneous design-draft condition's."""


@dataclass(frozen=True, slots=True)
class A13Design:
    """Main dimensions (★ the case brief's assumptions) and layout choices of the A13.

    Lengths in metres, x measured forward from midships. ``deckhouse_after_bay`` and
    ``funnel_after_bay`` put the living quarters and the funnel casing aft of those 40-ft
    bays (a twin-island ship); the engine room lies under ``engine_room_bays``, which have
    no hold.
    """

    loa_m: float = 366.0
    lbp_m: float = 350.0
    beam_m: float = 48.4
    depth_m: float = 29.9
    design_draft_m: float = 14.5
    scantling_draft_m: float = 15.5
    deadweight_t: float = 140_000.0
    mcr_kw: float = 68_640.0
    engine_rpm: float = 84.0
    steel_k: float = 0.036
    outfit_t_per_m2: float = 0.35
    lightship_margin: float = 0.02
    bays: int = 24
    bay_pitch_m: float = 12.8
    bow_clear_m: float = 16.0
    stern_overhang_m: float = 10.0
    deckhouse_after_bay: int = 7
    deckhouse_m: float = 12.0
    deckhouse_t: float = 1_800.0
    funnel_after_bay: int = 19
    funnel_m: float = 5.0
    engine_room_bays: tuple[int, ...] = (18, 19)
    hold_rows: int = 17
    deck_rows: int = 19
    row_pitch_m: float = 2.54
    wing_tank_m: float = 2.6
    hold_tiers: int = 11
    hold_height_m: float = 30.0
    deck_tiers: int = 9
    double_bottom_m: float = 2.0
    deck_base_m: float = 33.2
    reefer_plugs: int = 1_000
    fuel_t: float = 6_000.0


def bay_extents(d: A13Design) -> list[tuple[float, float]]:
    """(x_aft, x_fore) of each 40-ft bay, from the bow."""
    x = d.lbp_m / 2 - d.bow_clear_m
    out = []
    for i in range(d.bays):
        out.append((x - d.bay_pitch_m, x))
        x -= d.bay_pitch_m
        if i == d.deckhouse_after_bay:
            x -= d.deckhouse_m
        if i == d.funnel_after_bay:
            x -= d.funnel_m
    return out


def hull_form(d: A13Design) -> he.HullForm:
    """The prismatic hull whose C_B makes lightship + deadweight float at the scantling draft."""
    cb = 0.68
    for _ in range(4):
        hull = he.HullForm(d.lbp_m, d.beam_m, d.depth_m, cb)
        cb = (_lightship_parts(d, hull)[0] + d.deadweight_t) / hull.displacement_t(
            d.scantling_draft_m) * cb
    return he.HullForm(d.lbp_m, d.beam_m, d.depth_m, cb)


def _lightship_parts(d: A13Design, hull: he.HullForm) -> tuple[float, float, float, float]:
    """(lightship, steel, machinery, outfit) in tonnes; the margin is in the lightship."""
    steel = he.watson_steel_t(hull, d.scantling_draft_m, d.steel_k)
    machinery = he.machinery_t(d.mcr_kw, d.engine_rpm)
    outfit = d.outfit_t_per_m2 * d.lbp_m * d.beam_m
    return (steel + machinery + outfit) * (1 + d.lightship_margin), steel, machinery, outfit


def _rows(count: int) -> list[int]:
    """ISO rows of an odd ``count``: 00, then 01/02, 03/04 … outwards."""
    return [0] + [r for k in range(1, count // 2 + 1) for r in (2 * k - 1, 2 * k)]


def _tcg(row: int, pitch: float) -> float:
    if row == 0:
        return 0.0
    k = (row + 1) // 2
    return k * pitch if row % 2 else -k * pitch


def _odd_fit(width_m: float, pitch: float, most: int) -> int:
    n = int(width_m / pitch)
    n = n if n % 2 else n - 1
    return max(0, min(most, n))


def _stacks(d: A13Design, hull: he.HullForm) -> list[Stack]:
    stacks: list[Stack] = []
    for i, (aft, fore) in enumerate(bay_extents(d)):
        x = (aft + fore) / 2
        fine = float(hull.shape(np.array([x]), hull.waterplane_coefficient)[0])
        deck_w = min(1.0, 1.3 * fine)
        hold_rows = _odd_fit(d.beam_m * fine - 2 * d.wing_tank_m, d.row_pitch_m, d.hold_rows)
        deck_rows = _odd_fit(d.beam_m * max(deck_w, 0.8), d.row_pitch_m, d.deck_rows)
        top = d.double_bottom_m + d.hold_height_m
        bottom = d.double_bottom_m + (1 - fine) * 20.0
        tiers = 0 if i in d.engine_room_bays else min(d.hold_tiers, int((top - bottom) / STD_M))
        for row in _rows(hold_rows) if tiers else []:
            stacks.append(_stack(i, row, False, x, d, bottom, tiers, top - bottom))
        deck_tiers = d.deck_tiers - (2 if i < 2 else 0)
        for row in _rows(deck_rows):
            stacks.append(_stack(i, row, True, x, d, d.deck_base_m, deck_tiers,
                                 deck_tiers * HC_M))
    return _with_plugs(d, stacks)


def _stack(bay: int, row: int, deck: bool, x: float, d: A13Design, bottom: float,
           tiers: int, height: float) -> Stack:
    first = 82 if deck else 2
    tcg = _tcg(row, d.row_pitch_m)
    if deck and bay <= d.deckhouse_after_bay:  # line of sight from the bridge: 3 HCs at most
        height = tiers * STD_M + 3 * (HC_M - STD_M)
    w20, w40 = (12.5 * tiers, 25.0 * tiers) if deck else (20.0 * tiers, 24.0 * tiers)
    hatch = 2 if abs(tcg) <= 7.0 else (3 if tcg > 0 else 1)
    return Stack(bay, row, deck, x, tcg, bottom, height, w20, w40,
                 tuple(Cell(first + 2 * k) for k in range(tiers)), hatch)


def _with_plugs(d: A13Design, stacks: list[Stack]) -> list[Stack]:
    """Two plugs per cell on deck, lowest tiers first, from the stern forward."""
    left = d.reefer_plugs
    plugged: dict[tuple[int, int, int], int] = {}
    deck = sorted((s for s in stacks if s.on_deck and s.bay_index > d.deckhouse_after_bay),
                  key=lambda s: -s.bay_index)
    for level in range(3):
        for s in deck:
            if left >= 2 and level < len(s.cells):
                plugged[(s.bay_index, s.row, s.cells[level].tier)] = 2
                left -= 2
    return [Stack(s.bay_index, s.row, s.on_deck, s.lcg_m, s.tcg_m, s.bottom_m, s.max_height_m,
                  s.max_weight20_t, s.max_weight40_t,
                  tuple(Cell(c.tier, plugged.get((s.bay_index, s.row, c.tier), 0))
                        for c in s.cells), s.hatch) if s.on_deck else s for s in stacks]


def _section_bounds(d: A13Design) -> list[tuple[float, float, str]]:
    bays = bay_extents(d)
    out = [(bays[0][1], d.loa_m - d.lbp_m / 2 - d.stern_overhang_m, "bow")]
    for i, (aft, fore) in enumerate(bays):
        if i > 0 and bays[i - 1][0] > fore + 1e-9:
            kind = "deckhouse" if i - 1 == d.deckhouse_after_bay else "funnel"
            out.append((fore, bays[i - 1][0], kind))
        out.append((aft, fore, "engine" if i in d.engine_room_bays else f"bay{i}"))
    out.append((-d.lbp_m / 2 - d.stern_overhang_m, bays[-1][0], "stern"))
    return out


def _sections(d: A13Design, hull: he.HullForm,
              points: list[HydroPoint]) -> tuple[list[Section], list[str]]:
    bounds = _section_bounds(d)
    total, steel, machinery, outfit = _lightship_parts(d, hull)
    scale = total / (steel + machinery + outfit)
    lengths = np.array([f - a for a, f, _ in bounds])
    mids = np.array([(a + f) / 2 for a, f, _ in bounds])
    steel_w = lengths * (0.4 + 0.6 * hull.shape(mids, hull.prismatic_coefficient))
    engine = np.array([k in ("engine", "funnel") for _, _, k in bounds], dtype=float)
    cargo = np.array([k.startswith("bay") for _, _, k in bounds], dtype=float) * lengths
    shares = hull.buoyancy_shares([(a, f) for a, f, _ in bounds])
    sections = []
    for j, (a, f, kind) in enumerate(bounds):
        parts = [(steel * steel_w[j] / steel_w.sum(), he.watson_steel_vcg_m(hull)),
                 (machinery * engine[j] * lengths[j] / (engine * lengths).sum(),
                  d.double_bottom_m + 0.35 * (d.depth_m - d.double_bottom_m)),
                 ((outfit - d.deckhouse_t) * cargo[j] / cargo.sum(), d.depth_m + 1.5),
                 (d.deckhouse_t if kind == "deckhouse" else 0.0, d.depth_m + 12.0)]
        w = sum(p for p, _ in parts) * scale
        vcg = sum(p * z for p, z in parts) / max(sum(p for p, _ in parts), 1e-9)
        sections.append(Section(a, f, w, vcg,
                                tuple(shares[j] * h.displacement_t for h in points)))
    return sections, [k for _, _, k in bounds]


def _rule_stations(d: A13Design, hull: he.HullForm, sections: list[Section]) -> list[Station]:
    """IACS-based limits: midship bending × distribution factor, shear 4 M / L (≥ 50 %)."""
    moment = he.permissible_still_water_bending_tm(hull)
    shear = 4 * moment / d.lbp_m
    out = []
    for s in sections[:-1]:
        f = he.distribution_factor(s.x_aft_m, d.lbp_m)
        fs = max(0.5, f)
        out.append(Station(s.x_aft_m, -shear * fs, shear * fs, moment * f))
    return out


def design_condition(profile: VesselProfile, draft_m: float) -> list[Placement]:
    """Every 40-ft position filled with equal masses so that the ship floats at ``draft_m``."""
    from tradelane.stowage.condition import loading_condition

    empty = loading_condition(profile, [])
    target = float(np.interp(draft_m, [h.draft_m or 0.0 for h in profile.hydrostatics],
                             [h.displacement_t for h in profile.hydrostatics]))
    positions = profile.positions_40
    mass = (target - empty.displacement_t) / len(positions)
    return [Placement(ContainerUnit(f"DESIGN{k}", "42G1", mass, "CNTAO", "USSAV"), pos)
            for k, pos in enumerate(positions)]


def _stations(d: A13Design, profile: VesselProfile) -> list[Station]:
    """Rule limits, raised where needed to 115 % of the homogeneous design-draft condition."""
    from tradelane.stowage.condition import loading_condition

    loads = loading_condition(profile, design_condition(profile, d.design_draft_m)).stations
    out = []
    for st, load in zip(profile.stations, loads, strict=True):
        shear = max(st.max_shear_t, DESIGN_MARGIN * abs(load.shear_t))
        out.append(Station(st.x_m, min(st.min_shear_t, -shear), shear,
                           max(st.max_bending_tm, DESIGN_MARGIN * abs(load.bending_tm))))
    return out


def _hydrostatics(hull: he.HullForm) -> list[HydroPoint]:
    lcb, lcf = hull.lcb_m, hull.lcf_m
    return [HydroPoint(hull.displacement_t(t), hull.km_m(t), draft_m=t, lcb_m=lcb, lcf_m=lcf,
                       mtc_tm_per_cm=hull.mtc_tm_per_cm(t))
            for t in np.arange(2.0, 17.01, 0.25).tolist()]


def _tanks(d: A13Design, hull: he.HullForm, kinds: list[str],
           sections: list[Section]) -> list[Tank]:
    rho = 1.025
    tanks: list[Tank] = []
    inner = d.beam_m - 2 * d.wing_tank_m
    bays = [j for j, k in enumerate(kinds) if k.startswith("bay")]
    for n, (j1, j2) in enumerate(zip(bays[::2], bays[1::2], strict=False)):
        a, f = sections[j2].x_aft_m, sections[j1].x_fore_m
        x, length = (a + f) / 2, f - a
        fine = float(hull.shape(np.array([x]), hull.prismatic_coefficient)[0])
        for side, sign in (("P", -1), ("S", 1)):
            cover = ((j1, 0.5), (j2, 0.5))
            db = rho * length * inner / 2 * d.double_bottom_m * fine
            tanks.append(Tank(f"DB{n + 1}{side}", db, x, sign * inner / 4, 0.1, 1.0,
                              free_surface_tm=rho * length * (inner / 2) ** 3 / 12,
                              sections=cover))
            wing = rho * length * d.wing_tank_m * (d.depth_m - d.double_bottom_m) * fine
            tanks.append(Tank(f"WT{n + 1}{side}", wing, x, sign * (d.beam_m - d.wing_tank_m) / 2,
                              d.double_bottom_m + 0.5, d.depth_m / 2 + 1,
                              free_surface_tm=rho * length * d.wing_tank_m ** 3 / 12,
                              sections=cover))
    bow, stern = 0, len(sections) - 1
    tanks.append(Tank("FPT", 3_000.0, sections[bow].x_m, 0.0, 3.0, 12.0,
                      free_surface_tm=2_000.0, sections=((bow, 1.0),)))
    tanks.append(Tank("APT", 1_800.0, sections[stern].x_m, 0.0, 8.0, 16.0,
                      free_surface_tm=1_500.0, sections=((stern, 1.0),)))
    house = kinds.index("deckhouse")
    for side, sign in (("P", -1), ("S", 1)):
        tanks.append(Tank(f"HFO{side}", 4_700.0, sections[house].x_m, sign * 12.0, 2.5, 14.0,
                          content="fuel", free_surface_tm=0.98 * 12 * 20 ** 3 / 12,
                          default_t=d.fuel_t / 2, sections=((house, 1.0),)))
    engine = kinds.index("funnel")
    tanks.append(Tank("FW", 500.0, sections[engine].x_m, 0.0, 20.0, 24.0, content="fresh water",
                      free_surface_tm=1.0 * 5 * 10 ** 3 / 12, default_t=350.0,
                      sections=((engine, 1.0),)))
    return tanks


def _holds(d: A13Design) -> tuple[int, ...]:
    """Two 40-ft bays a hold, a new hold after the deckhouse and over the engine room."""
    holds, hold, run = [], 1, 0
    for i in range(d.bays):
        new = run == 2 or i == d.deckhouse_after_bay + 1 or i == d.engine_room_bays[0] \
            or i == d.engine_room_bays[-1] + 1
        if i and new:
            hold, run = hold + 1, 0
        holds.append(hold)
        run += 1
    return tuple(holds)


def generate_a13(design: A13Design | None = None) -> VesselProfile:
    """The A13 profile from ``design`` (default: the case's main dimensions)."""
    d = design or A13Design()
    hull = hull_form(d)
    points = _hydrostatics(hull)
    sections, kinds = _sections(d, hull, points)
    bounds = bay_extents(d)
    house = sections[kinds.index("deckhouse")]
    engine = [s for s, k in zip(sections, kinds, strict=True) if k in ("engine", "funnel")]
    rough = VesselProfile(
        name="A13", loa_m=d.loa_m, lbp_m=d.lbp_m, beam_m=d.beam_m,
        design_draft_m=d.design_draft_m, stacks=tuple(_stacks(d, hull)),
        sections=tuple(sections), stations=tuple(_rule_stations(d, hull, sections)),
        hydrostatics=tuple(points), tanks=tuple(_tanks(d, hull, kinds, sections)),
        accommodation_bays=(d.deckhouse_after_bay, d.deckhouse_after_bay + 1),
        engine_room_bays=tuple(sorted({*d.engine_room_bays, d.funnel_after_bay + 1})),
        accommodation_x_m=(house.x_aft_m, house.x_fore_m),
        heat_x_m=((min(s.x_aft_m for s in engine), max(s.x_fore_m for s in engine)),
                  (house.x_aft_m, house.x_fore_m)),
        holds=_holds(d),
        source=(f"generated by tradelane.stowage.a13 from main dimensions (C_B "
                f"{hull.block_coefficient:.3f}, bays at x {bounds[0][1]:.1f} to "
                f"{bounds[-1][0]:.1f} m); see docs/stowage-vessel.md"))
    return replace(rough, stations=tuple(_stations(d, rough)))


def main(argv: list[str] | None = None) -> int:
    """``python -m tradelane.stowage.a13 OUT.json``: write the generated profile."""
    from tradelane.io.vessel_profile import write_profile

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m tradelane.stowage.a13 OUT.json", file=sys.stderr)
        return 2
    write_profile(generate_a13(), args[0])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
