"""The loading computer: displacement, drafts, trim, heel, GM, shear and bending of a condition.

Method (``docs/stowage-vessel.md`` gives the sources):

- Weights: lightship per hull section (at the section's middle), tank contents (spread over
  the sections a tank covers, VCG interpolated between empty and full), containers at their
  slot's LCG/TCG and at VCG = stack base + heights of the containers below + half their own.
- Hydrostatics interpolated linearly in the displacement: KM, and where the profile has a
  draft table the mean draft (at the LCF), LCB, LCF and MTC.
- GM = KM − KG − free-surface correction, the correction being the sum of the free-surface
  moments of the slack tanks (more than empty, under 98 % full) divided by the displacement.
- Heel (static list) = atan(TCG / GM); trim = Δ (LCB − LCG) / (100 MTC), positive by the
  stern; drafts at the perpendiculars from the mean draft at the LCF.
- Strength: the sections' buoyancy at this displacement, tilted linearly so that its
  centroid equals the ship's LCG (the ship floats trimmed in equilibrium); shear force at a
  station = weight − buoyancy forward of it, bending moment = their moment about it
  (positive hogging), each as a % of the station's limit (a station whose hogging is not
  limited reports 0 % while it hogs).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from tradelane.domain.stowage import Placement
from tradelane.domain.vessel_profile import VesselProfile, container_vcg_m
from tradelane.errors import InputError

PRESSED_FULL = 0.98
"""A tank filled to this share of its capacity or more has no free surface."""


@dataclass(frozen=True, slots=True)
class StationLoad:
    """Shear force (t) and bending moment (t·m) at a station, and each as % of its limit."""

    x_m: float
    shear_t: float
    bending_tm: float
    shear_pct: float
    bending_pct: float


@dataclass(frozen=True, slots=True)
class Condition:
    """A loading condition as the loading computer reports it.

    ``draft_m`` (mean draft at the LCF), ``draft_fore_m``, ``draft_aft_m`` and ``trim_m``
    (positive by the stern) are None for a profile without a draft table; ``min_lcg_m`` and
    ``max_lcg_m`` are the allowed LCG range where the profile gives one. ``heel_deg`` is None
    when GM ≤ 0 (the ship has no upright equilibrium). ``in_table`` is False when the
    displacement lies outside the hydrostatic table (values then come from its end row).
    """

    displacement_t: float
    lightship_t: float
    cargo_t: float
    tanks_t: float
    lcg_m: float
    tcg_m: float
    kg_m: float
    km_m: float
    free_surface_m: float
    gm_m: float
    heel_deg: float | None
    draft_m: float | None
    draft_fore_m: float | None
    draft_aft_m: float | None
    trim_m: float | None
    min_lcg_m: float | None
    max_lcg_m: float | None
    in_table: bool
    stations: tuple[StationLoad, ...]

    @property
    def max_shear_pct(self) -> float:
        """The largest shear force as % of its limit over the stations (0 without stations)."""
        return max((s.shear_pct for s in self.stations), default=0.0)

    @property
    def max_bending_pct(self) -> float:
        """The largest bending moment as % of its limit over the stations."""
        return max((s.bending_pct for s in self.stations), default=0.0)

    @property
    def deepest_draft_m(self) -> float | None:
        """The deeper of the drafts fore and aft (what a port's depth must allow)."""
        if self.draft_fore_m is None or self.draft_aft_m is None:
            return None
        return max(self.draft_fore_m, self.draft_aft_m)


@dataclass(frozen=True, slots=True)
class _Weights:
    w: np.ndarray
    x: np.ndarray
    y: np.ndarray
    z: np.ndarray


def container_vcgs(profile: VesselProfile, placements: Sequence[Placement]) -> list[float]:
    """The VCG of each placed container (same order), from the containers below it.

    A 20-ft container stands on its own column; a 40-ft one on the higher of the two. Every
    position must be a slot of the profile (InputError naming it otherwise).
    """
    slots = [profile.slot(p.position) for p in placements]
    by_stack: dict[tuple[int, int, bool], list[int]] = defaultdict(list)
    for k, s in enumerate(slots):
        by_stack[(s.stack.bay_index, s.stack.row, s.stack.on_deck)].append(k)
    vcg = [0.0] * len(placements)
    for members in by_stack.values():
        top = {"fore": 0.0, "aft": 0.0}
        for k in sorted(members, key=lambda k: (slots[k].cell.tier, slots[k].column == "40")):
            s, h = slots[k], placements[k].container.height_m
            cols = ("fore", "aft") if s.column == "40" else (s.column,)
            base = max(top[c] for c in cols)
            vcg[k] = container_vcg_m(s.stack, base, h)
            for c in cols:
                top[c] = base + h
    return vcg


def tank_fills(profile: VesselProfile, ballast: Mapping[str, float] | None) -> dict[str, float]:
    """Each tank's contents (t): its default, replaced by ``ballast[name]`` where given."""
    fills = {t.name: t.default_t for t in profile.tanks}
    for name, tonnes in (ballast or {}).items():
        tank = profile.tank(name)
        if not isinstance(tonnes, int | float) or not 0 <= tonnes <= tank.capacity_t:
            raise InputError(f"ballast.{name}", tonnes,
                             f"must lie between 0 and the tank's {tank.capacity_t} t")
        fills[name] = float(tonnes)
    return fills


def _weights(profile: VesselProfile, placements: Sequence[Placement],
             fills: Mapping[str, float]) -> tuple[_Weights, float, float]:
    rows: list[tuple[float, float, float, float]] = [
        (s.lightship_t, s.x_m, 0.0, s.lightship_vcg_m) for s in profile.sections]
    tanks_t = 0.0
    for t in profile.tanks:
        content = fills.get(t.name, 0.0)
        tanks_t += content
        z = t.vcg_m(content)
        total = sum(share for _, share in t.sections)
        if t.sections and total > 0:
            rows += [(content * share / total, profile.sections[i].x_m, t.tcg_m, z)
                     for i, share in t.sections]
        else:
            rows.append((content, t.lcg_m, t.tcg_m, z))
    vcgs = container_vcgs(profile, placements)
    cargo_t = 0.0
    for p, z in zip(placements, vcgs, strict=True):
        slot = profile.slot(p.position)
        rows.append((p.container.vgm_t, slot.lcg_m, slot.tcg_m, z))
        cargo_t += p.container.vgm_t
    arr = np.array(rows, dtype=float).reshape(-1, 4)
    return _Weights(arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3]), cargo_t, tanks_t


def _interp(profile: VesselProfile, disp: float, attr: str) -> float | None:
    values = [getattr(h, attr) for h in profile.hydrostatics]
    if any(v is None for v in values):
        return None
    xs = [h.displacement_t for h in profile.hydrostatics]
    return float(np.interp(disp, xs, values))


def _strength(profile: VesselProfile, wt: _Weights, disp: float,
              lcg: float) -> tuple[StationLoad, ...]:
    xs = [h.displacement_t for h in profile.hydrostatics]
    buoy = np.array([np.interp(disp, xs, s.buoyancy_t) for s in profile.sections])
    bx = np.array([s.x_m for s in profile.sections])
    if buoy.sum() <= 0:
        return ()
    buoy *= disp / buoy.sum()
    xb = float((buoy * bx).sum() / disp)
    spread = float((buoy * (bx - xb) ** 2).sum())
    if spread > 0:
        buoy = buoy * (1 + (lcg - xb) * disp / spread * (bx - xb))
    loads = []
    for st in profile.stations:
        fw, fb = wt.x > st.x_m, bx > st.x_m
        shear = float(wt.w[fw].sum() - buoy[fb].sum())
        bending = float((wt.w[fw] * (wt.x[fw] - st.x_m)).sum()
                        - (buoy[fb] * (bx[fb] - st.x_m)).sum())
        limit = st.max_shear_t if shear >= 0 else -st.min_shear_t
        limited = bending < 0 or st.hogging_limited
        loads.append(StationLoad(st.x_m, shear, bending, 100 * abs(shear) / limit,
                                 100 * abs(bending) / st.max_bending_tm if limited else 0.0))
    return tuple(loads)


def loading_condition(profile: VesselProfile, placements: Iterable[Placement], *,
                      ballast: Mapping[str, float] | None = None) -> Condition:
    """The loading condition of ``profile`` with ``placements`` and tank contents.

    Parameters
    ----------
    profile
        The ship.
    placements
        Containers at positions; every position must be a slot of the profile.
    ballast
        Tank name → tonnes, replacing the tank's default contents.

    Returns
    -------
    Condition
        Displacement, centres of gravity, GM, heel, drafts and trim, shear and bending.
    """
    placed = list(placements)
    fills = tank_fills(profile, ballast)
    wt, cargo_t, tanks_t = _weights(profile, placed, fills)
    disp = float(wt.w.sum())
    lcg, tcg, kg = (float((wt.w * a).sum() / disp) for a in (wt.x, wt.y, wt.z))
    fsm = sum(t.free_surface_tm for t in profile.tanks
              if 0 < fills[t.name] < PRESSED_FULL * t.capacity_t)
    km = _interp(profile, disp, "km_m") or 0.0
    gm = km - kg - fsm / disp
    heel = math.degrees(math.atan(tcg / gm)) if gm > 0 else None
    draft = _interp(profile, disp, "draft_m")
    lcb, lcf = _interp(profile, disp, "lcb_m"), _interp(profile, disp, "lcf_m")
    mtc = _interp(profile, disp, "mtc_tm_per_cm")
    trim = fore = aft = None
    if draft is not None and lcb is not None and lcf is not None and mtc:
        trim = disp * (lcb - lcg) / (100 * mtc)
        aft = draft + trim * (profile.lbp_m / 2 + lcf) / profile.lbp_m
        fore = draft - trim * (profile.lbp_m / 2 - lcf) / profile.lbp_m
    table = profile.hydrostatics
    return Condition(
        displacement_t=disp, lightship_t=profile.lightship_t, cargo_t=cargo_t, tanks_t=tanks_t,
        lcg_m=lcg, tcg_m=tcg, kg_m=kg, km_m=km, free_surface_m=fsm / disp, gm_m=gm,
        heel_deg=heel, draft_m=draft, draft_fore_m=fore, draft_aft_m=aft, trim_m=trim,
        min_lcg_m=_interp(profile, disp, "min_lcg_m"),
        max_lcg_m=_interp(profile, disp, "max_lcg_m"),
        in_table=table[0].displacement_t <= disp <= table[-1].displacement_t,
        stations=_strength(profile, wt, disp, lcg))
