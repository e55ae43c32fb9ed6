"""Ballast for a departure condition: the least water that meets trim, heel, GM and draft.

A small mixed-integer programme (HiGHS through ``scipy.optimize.milp``) over the profile's
ballast tanks. Each tank is empty, pressed full (no free surface) or slack (its free-surface
moment counts against GM). The hydrostatics (LCB, MTC, KM, the LCG range of Larsen–Pacino
ships, draft per tonne) are linearised at the current displacement and the programme is solved
again at the new displacement until it settles (three rounds). Constraints, each with a
penalised slack so that the programme always answers and the slack says by how much a rule
cannot be met:

- trim within the criteria (inside by 0.2 m), or the LCG inside the profile's range;
- |TCG| small enough for half the allowed heel at the minimum GM (and within ``max_tcg_m``);
- KG + free surface ≤ KM − GM_min − 0.15 m (tank contents at their full VCG: conservative);
- the deeper draft at the perpendiculars ≤ the next port's depth, where one is given.

Objective: the least ballast (tonnes), then the slacks.
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from tradelane.domain.stowage import Placement
from tradelane.domain.vessel_profile import Tank, VesselProfile
from tradelane.stowage.check import StabilityCriteria
from tradelane.stowage.condition import Condition, loading_condition

PRESS = 1.0
GM_MARGIN_M = 0.15
TRIM_MARGIN_M = 0.2
PENALTY_TM = 50.0
PENALTY_M = 1e7
STRENGTH_MARGINS = (0.97, 0.93, 0.88)
"""Shares of the shear and bending limits the programme may use. When the programme meets
every row but the loading computer (not the linearisation) still finds a strength limit or
the LCG range broken, the tighter shares are tried in turn; the first answer that the
loading computer finds within them is kept, otherwise the first."""


@dataclass(frozen=True, slots=True)
class BallastPlan:
    """Tank contents (t) of the ballast tanks and what the programme could not meet."""

    tanks_t: Mapping[str, float]
    draft_excess_m: float
    unmet: tuple[str, ...]


def _tank_x(profile: VesselProfile, t: Tank) -> float:
    total = sum(share for _, share in t.sections)
    if t.sections and total > 0:
        return sum(profile.sections[i].x_m * share for i, share in t.sections) / total
    return t.lcg_m


def _interp(profile: VesselProfile, disp: float, attr: str) -> float | None:
    values = [getattr(h, attr) for h in profile.hydrostatics]
    if any(v is None for v in values):
        return None
    xs = [h.displacement_t for h in profile.hydrostatics]
    return float(np.interp(disp, xs, values))


def plan_ballast(profile: VesselProfile, placements: Sequence[Placement],
                 criteria: StabilityCriteria, next_depth_m: float | None,
                 time_limit_s: float = 1.0) -> BallastPlan:
    """Ballast tank contents for a departure with ``placements`` aboard."""
    tanks = [t for t in profile.tanks if t.content == "ballast"]
    empty = {t.name: 0.0 for t in tanks}
    base = loading_condition(profile, placements, ballast=empty)
    if not tanks:
        return BallastPlan({}, 0.0, ())
    first = _settle(profile, tanks, base, criteria, next_depth_m, time_limit_s,
                    STRENGTH_MARGINS[0])
    if first.unmet or not profile.stations:
        return first
    for margin in STRENGTH_MARGINS:  # the programme met every row: check its linearisation
        plan = first if margin == STRENGTH_MARGINS[0] else _settle(
            profile, tanks, base, criteria, next_depth_m, time_limit_s, margin)
        c = loading_condition(profile, placements, ballast={**empty, **plan.tanks_t})
        if not plan.unmet and _overrun(c) <= 0:
            return plan
    return first


def _settle(profile: VesselProfile, tanks: list[Tank], base: Condition,
            criteria: StabilityCriteria, next_depth_m: float | None, time_limit_s: float,
            margin: float) -> BallastPlan:
    """The programme solved again at the displacement it yields until that settles."""
    disp = base.displacement_t
    result: tuple[np.ndarray, float, tuple[str, ...]] = (np.zeros(len(tanks)), 0.0, ())
    for _ in range(4):
        result = _solve(profile, tanks, base, criteria, next_depth_m, disp, time_limit_s,
                        margin)
        new = base.displacement_t + float(result[0].sum())
        if abs(new - disp) < 1.0:
            break
        disp = new
    fills, excess, unmet = result
    return BallastPlan({t.name: round(float(f), 1) for t, f in zip(tanks, fills, strict=True)
                        if f > 0.05}, excess, unmet)


def _overrun(c: Condition) -> float:
    """How far (% of limit, or 100 × metres of LCG) the condition breaks strength or LCG."""
    worst = max(c.max_shear_pct, c.max_bending_pct) - 100.0
    if c.min_lcg_m is not None and c.max_lcg_m is not None:
        worst = max(worst, 100 * (c.min_lcg_m - c.lcg_m), 100 * (c.lcg_m - c.max_lcg_m))
    return worst


def _solve(profile: VesselProfile, tanks: list[Tank], base: Condition,
           crit: StabilityCriteria, depth: float | None, disp0: float,
           time_limit_s: float, margin: float) -> tuple[np.ndarray, float, tuple[str, ...]]:
    n = len(tanks)
    cap = np.array([t.capacity_t for t in tanks])
    x = np.array([_tank_x(profile, t) for t in tanks])
    y = np.array([t.tcg_m for t in tanks])
    z = np.array([max(t.vcg_full_m, t.vcg_empty_m) for t in tanks])
    fsm = np.array([t.free_surface_tm for t in tanks])
    dc, mxc = base.displacement_t, base.displacement_t * base.lcg_m
    myc, mzc = base.displacement_t * base.tcg_m, base.displacement_t * base.kg_m
    fs_fixed = base.free_surface_m * base.displacement_t
    # variables: u (full, binary) n, y (slack, binary) n, s (slack tonnes) n, then slacks
    names: list[str] = []
    rows: list[tuple[np.ndarray, float, float]] = []

    def row(coef_b: np.ndarray, extra: np.ndarray | None, lo: float, hi: float,
            name: str) -> None:
        a = np.zeros(3 * n)
        a[:n] = coef_b * cap
        a[2 * n:] = coef_b
        if extra is not None:
            a[n:2 * n] = extra
        rows.append((a, lo, hi))
        names.append(name)

    km = _interp(profile, disp0, "km_m") or 0.0
    row(z - km + crit.min_gm_m + GM_MARGIN_M, fsm, -math.inf,
        dc * (km - crit.min_gm_m - GM_MARGIN_M) - mzc - fs_fixed, "gm")
    gm_est = max(crit.min_gm_m, 0.5)
    eps_y = 0.5 * math.tan(math.radians(crit.max_heel_deg)) * gm_est * disp0
    if profile.max_tcg_m is not None:
        eps_y = min(eps_y, 0.5 * profile.max_tcg_m * disp0)
    row(y, None, -eps_y - myc, eps_y - myc, "heel")
    lcb, mtc = _interp(profile, disp0, "lcb_m"), _interp(profile, disp0, "mtc_tm_per_cm")
    lcf, draft0 = _interp(profile, disp0, "lcf_m"), _interp(profile, disp0, "draft_m")
    if lcb is not None and mtc and lcf is not None and draft0 is not None:
        lo_t = crit.min_trim_m + min(TRIM_MARGIN_M, (crit.max_trim_m - crit.min_trim_m) / 4)
        hi_t = crit.max_trim_m - min(TRIM_MARGIN_M, (crit.max_trim_m - crit.min_trim_m) / 4)
        # trim·100·MTC = Δ·LCB − Mx
        row(lcb - x, None, 100 * mtc * lo_t - (dc * lcb - mxc),
            100 * mtc * hi_t - (dc * lcb - mxc), "trim")
        if depth is not None:
            tpm = _tonnes_per_m(profile, disp0)
            lever = (profile.lbp_m / 2 + lcf) / profile.lbp_m
            # aft draft = T0 + (Δ − Δ0)/tpm + lever·(Δ·LCB − Mx)/(100 MTC)
            const = draft0 + (dc - disp0) / tpm + lever * (dc * lcb - mxc) / (100 * mtc)
            coef = 1 / tpm + lever * (lcb - x) / (100 * mtc)
            row(coef, None, -math.inf, depth - crit.under_keel_clearance_m - 0.02 - const,
                "draft")
    else:
        lo, hi = _interp(profile, disp0, "min_lcg_m"), _interp(profile, disp0, "max_lcg_m")
        if lo is not None and hi is not None:
            pad = 0.1 * (hi - lo)
            lo, hi = lo + pad, hi - pad
            row(x - lo, None, -(mxc - lo * dc), math.inf, "lcg-min")
            row(x - hi, None, -math.inf, -(mxc - hi * dc), "lcg-max")
    for coef, lo_k, hi_k, nm in _strength_rows(profile, tanks, base, disp0,
                                               mxc, x, margin):
        row(coef, None, lo_k, hi_k, nm)
    m = len(rows)
    a = np.zeros((m, 3 * n + 2 * m))
    lo_v, hi_v = np.empty(m), np.empty(m)
    for k, (coef, lo_k, hi_k) in enumerate(rows):
        a[k, :3 * n] = coef
        a[k, 3 * n + 2 * k] = 1.0      # slack up
        a[k, 3 * n + 2 * k + 1] = -1.0  # slack down
        lo_v[k], hi_v[k] = lo_k, hi_k
    link = np.zeros((2 * n, 3 * n + 2 * m))
    for k in range(n):
        link[k, k], link[k, n + k] = 1, 1                  # u + y ≤ 1
        link[n + k, 2 * n + k], link[n + k, n + k] = 1, -0.98 * cap[k]  # s ≤ 0.98 cap y
    pen = np.array([PENALTY_M if nm == "draft" else PENALTY_TM for nm in names])
    cost = np.concatenate([cap, np.zeros(n), np.ones(n), np.repeat(pen, 2)])
    ub = np.concatenate([np.ones(2 * n), 0.98 * cap, np.full(2 * m, np.inf)])
    with _quiet_stdout():
        res = milp(cost, integrality=np.concatenate([np.ones(2 * n), np.zeros(n + 2 * m)]),
                   bounds=Bounds(np.zeros(3 * n + 2 * m), ub),
                   constraints=[LinearConstraint(a, lo_v, hi_v),
                                LinearConstraint(link, np.full(2 * n, -np.inf),
                                                 np.concatenate([np.ones(n), np.zeros(n)]))],
                   options={"time_limit": time_limit_s, "disp": False})
    if res.x is None:
        return np.zeros(n), 0.0, ("ballast programme found no answer",)
    v = res.x
    fills = np.round(v[:n]) * cap + v[2 * n:3 * n]
    slack = v[3 * n:].reshape(m, 2).sum(axis=1)
    unmet = tuple(nm for nm, s in zip(names, slack, strict=True) if s > 1e-3)
    excess = float(slack[names.index("draft")]) if "draft" in names else 0.0
    return fills, excess, unmet


def buoyancy_forward(profile: VesselProfile, disp: float, mx: float,
                  xs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Buoyancy (t) forward of each station and its moment about it (t·m), as the loading
    computer spreads it (sections' buoyancy tilted so that its centroid is at the LCG)."""
    table = [h.displacement_t for h in profile.hydrostatics]
    buoy = np.array([np.interp(disp, table, sec.buoyancy_t) for sec in profile.sections])
    bx = np.array([sec.x_m for sec in profile.sections])
    buoy *= disp / buoy.sum()
    xb = float((buoy * bx).sum() / disp)
    spread = float((buoy * (bx - xb) ** 2).sum())
    if spread > 0:
        buoy = buoy * (1 + (mx / disp - xb) * disp / spread * (bx - xb))
    fwd = bx[None, :] > xs[:, None]
    return (buoy[None, :] * fwd).sum(axis=1), \
        (buoy[None, :] * fwd * (bx[None, :] - xs[:, None])).sum(axis=1)


def _strength_rows(profile: VesselProfile, tanks: list[Tank], base: Condition, disp0: float,
                   mx0: float, tank_x: np.ndarray, margin: float
                   ) -> list[tuple[np.ndarray, float, float, str]]:
    """Shear and bending at every station, linear in the tanks' contents (``margin`` inside:
    the share of each limit the programme may use)."""
    if not base.stations or not profile.stations:
        return []
    xs = np.array([st.x_m for st in profile.stations])
    sec_x = np.array([sec.x_m for sec in profile.sections])
    b0, m0 = buoyancy_forward(profile, disp0, mx0, xs)
    bd, md = buoyancy_forward(profile, disp0 + 100.0, mx0, xs)
    bm, mm = buoyancy_forward(profile, disp0, mx0 + 1000.0, xs)
    db_d, dm_d = (bd - b0) / 100.0, (md - m0) / 100.0
    db_x, dm_x = (bm - b0) / 1000.0, (mm - m0) / 1000.0
    shear_w = np.zeros((len(xs), len(tanks)))
    bend_w = np.zeros((len(xs), len(tanks)))
    for k, t in enumerate(tanks):
        parts = t.sections or ()
        total = sum(share for _, share in parts)
        pts = [(sec_x[i], share / total) for i, share in parts] if total > 0 \
            else [(t.lcg_m, 1.0)]
        for x, share in pts:
            ahead = x > xs
            shear_w[:, k] += share * ahead
            bend_w[:, k] += share * ahead * (x - xs)
    shear_coef = shear_w - db_d[:, None] - db_x[:, None] * tank_x[None, :]
    bend_coef = bend_w - dm_d[:, None] - dm_x[:, None] * tank_x[None, :]
    out = []
    for j, (st, load) in enumerate(zip(profile.stations, base.stations, strict=True)):
        out.append((shear_coef[j], margin * st.min_shear_t - load.shear_t,
                    margin * st.max_shear_t - load.shear_t, "shear"))
        hog = margin * st.max_bending_tm - load.bending_tm if st.hogging_limited else math.inf
        out.append((bend_coef[j], -margin * st.max_bending_tm - load.bending_tm, hog,
                    "bending"))
    return out


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    """Silence HiGHS's C-level debug lines on file descriptor 1 (they would corrupt JSON)."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _tonnes_per_m(profile: VesselProfile, disp: float) -> float:
    """Tonnes per metre of immersion at ``disp`` (from the draft table)."""
    xs = [h.displacement_t for h in profile.hydrostatics]
    ts = [h.draft_m or 0.0 for h in profile.hydrostatics]
    k = int(np.clip(np.searchsorted(xs, disp), 1, len(xs) - 1))
    return (xs[k] - xs[k - 1]) / max(ts[k] - ts[k - 1], 1e-6)
