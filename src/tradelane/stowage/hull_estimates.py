"""Textbook estimates of a hull from its main dimensions (for profiles without a booklet).

Sources (``docs/stowage-vessel.md`` lists them with the values used for the A13):

- M. G. Parsons, "Parametric design", ch. 11 of *Ship Design and Construction* (SNAME,
  2003): Morrish's KB, D'Arcangelo's waterplane inertia coefficients, Watson–Gilfillan
  weights and centres;
- H. Schneekluth, V. Bertram, *Ship Design for Efficiency and Economy* (1998): waterplane
  coefficient from the block coefficient;
- D. G. M. Watson, *Practical Ship Design* (1998): steel-weight constant of container ships;
- IACS Unified Requirements S7 (minimum section modulus) and S11 (wave bending moment,
  permissible stress) for the still-water bending limit.

The hull is taken as prismatic in draft: block and waterplane coefficients, LCB and LCF do
not change with draft, so displacement grows linearly with draft. That is the "box-hull"
simplification the issue asks to document; it overstates displacement at light drafts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from tradelane.domain import _checks
from tradelane.errors import InputError

G_M_PER_S2 = 9.81


@dataclass(frozen=True, slots=True)
class HullForm:
    """Main dimensions and form coefficients of a prismatic hull (x from midships)."""

    lbp_m: float
    beam_m: float
    depth_m: float
    block_coefficient: float
    midship_coefficient: float = 0.98
    entrance_share: float = 0.52
    waterplane_entrance_share: float = 0.6
    water_density_t_per_m3: float = 1.025

    def __post_init__(self) -> None:
        for name in ("lbp_m", "beam_m", "depth_m"):
            _checks.positive(f"hull.{name}", getattr(self, name))
        if not 0.4 < self.block_coefficient < 0.9:
            raise InputError("hull.block_coefficient", self.block_coefficient,
                             "must lie between 0.4 and 0.9")

    @property
    def waterplane_coefficient(self) -> float:
        """C_WP = (1 + 2 C_B) / 3 (Schneekluth & Bertram, U-shaped sections)."""
        return (1 + 2 * self.block_coefficient) / 3

    @property
    def prismatic_coefficient(self) -> float:
        """C_P = C_B / C_M."""
        return self.block_coefficient / self.midship_coefficient

    def displacement_t(self, draft_m: float) -> float:
        """Δ = ρ C_B L B T."""
        return (self.water_density_t_per_m3 * self.block_coefficient * self.lbp_m
                * self.beam_m * draft_m)

    def draft_m(self, displacement_t: float) -> float:
        """The mean draft at which the hull displaces ``displacement_t``."""
        return displacement_t / self.displacement_t(1.0)

    def kb_m(self, draft_m: float) -> float:
        """Morrish: KB = T (5/6 − C_B / (3 C_WP))."""
        return draft_m * (5 / 6 - self.block_coefficient / (3 * self.waterplane_coefficient))

    def bm_m(self, draft_m: float) -> float:
        """BM_T = I_T / ∇ with I_T = C_I L B³, C_I = 0.1216 C_WP − 0.0410 (D'Arcangelo)."""
        c_i = 0.1216 * self.waterplane_coefficient - 0.0410
        volume = self.block_coefficient * self.lbp_m * self.beam_m * draft_m
        return c_i * self.lbp_m * self.beam_m ** 3 / volume

    def km_m(self, draft_m: float) -> float:
        """KM = KB + BM_T."""
        return self.kb_m(draft_m) + self.bm_m(draft_m)

    def mtc_tm_per_cm(self, draft_m: float) -> float:
        """MTC ≈ Δ BM_L / (100 L), BM_L = C_IL B L³ / ∇, C_IL = 0.350 C_WP² − 0.405 C_WP + 0.146."""
        cw = self.waterplane_coefficient
        c_il = 0.350 * cw ** 2 - 0.405 * cw + 0.146
        volume = self.block_coefficient * self.lbp_m * self.beam_m * draft_m
        bm_l = c_il * self.beam_m * self.lbp_m ** 3 / volume
        return self.displacement_t(draft_m) * bm_l / (100 * self.lbp_m)

    # --- longitudinal shapes ---------------------------------------------------------------
    def _taper(self, fullness: float) -> tuple[float, float, float]:
        """Entrance and run lengths and end exponent n of a shape with mean ``fullness``.

        The curve is 1 over the parallel middle body and ``1 − (d / l)^n`` over an end of
        length ``l`` (``d`` measured from the middle body). The middle body is fixed by the
        sectional-area curve (parabolic ends, n = 2, mean C_P); a fuller curve (the
        waterplane) keeps the same total end length, takes a larger ``n`` and its own split
        between entrance and run (a longer entrance puts more of it aft: the wide stern).
        """
        ends = 3 * (1 - self.prismatic_coefficient) * self.lbp_m
        ends = min(ends, self.lbp_m)
        mean_end = (fullness * self.lbp_m - (self.lbp_m - ends)) / ends
        n = mean_end / (1 - mean_end)
        share = (self.entrance_share if fullness <= self.prismatic_coefficient
                 else self.waterplane_entrance_share)
        return ends * share, ends * (1 - share), n

    def shape(self, x_m: np.ndarray, fullness: float) -> np.ndarray:
        """The curve (1 at the middle body) at ``x_m``; 0 beyond the perpendiculars."""
        entrance, run, n = self._taper(fullness)
        half = self.lbp_m / 2
        fore_start, aft_start = half - entrance, -half + run
        y = np.ones_like(x_m, dtype=float)
        fwd = x_m > fore_start
        y[fwd] = 1 - ((x_m[fwd] - fore_start) / entrance) ** n
        aft = x_m < aft_start
        y[aft] = 1 - ((aft_start - x_m[aft]) / run) ** n
        return np.clip(np.where(np.abs(x_m) > half, 0.0, y), 0.0, 1.0)

    def centroid_m(self, fullness: float) -> float:
        """The centroid (x from midships) of the curve of mean ``fullness``."""
        x = np.linspace(-self.lbp_m / 2, self.lbp_m / 2, 4001)
        y = self.shape(x, fullness)
        return float((x * y).sum() / y.sum())

    @property
    def lcb_m(self) -> float:
        """LCB: centroid of the sectional-area curve."""
        return self.centroid_m(self.prismatic_coefficient)

    @property
    def lcf_m(self) -> float:
        """LCF: centroid of the waterplane curve."""
        return self.centroid_m(self.waterplane_coefficient)

    def buoyancy_shares(self, bounds_m: list[tuple[float, float]]) -> list[float]:
        """Share of the displacement in each ``(x_aft, x_fore)`` section (sums to ≤ 1)."""
        x = np.linspace(-self.lbp_m / 2, self.lbp_m / 2, 8001)
        y = self.shape(x, self.prismatic_coefficient)
        total = y.sum()
        return [float(y[(x >= a) & (x < f)].sum() / total) for a, f in bounds_m]


def watson_steel_t(hull: HullForm, draft_m: float, k: float) -> float:
    """Watson–Gilfillan steel weight W_s = K E^1.36 (1 + 0.5 (C_B' − 0.70)).

    ``E = L (B + T) + 0.85 L (D − T)`` (no deckhouse terms: they go into the outfit here);
    ``C_B' = C_B + (1 − C_B)(0.8 D − T) / (3 T)`` is the block coefficient at 0.8 D.
    """
    L, B, D, T = hull.lbp_m, hull.beam_m, hull.depth_m, draft_m
    e = L * (B + T) + 0.85 * L * (D - T)
    cb08 = hull.block_coefficient + (1 - hull.block_coefficient) * (0.8 * D - T) / (3 * T)
    return k * e ** 1.36 * (1 + 0.5 * (cb08 - 0.70))


def watson_steel_vcg_m(hull: HullForm) -> float:
    """KG of the steel: 0.01 D (46.6 + 0.135 (0.81 − C_B)(L/D)²) + 0.008 D (L/B − 6.5)."""
    L, B, D = hull.lbp_m, hull.beam_m, hull.depth_m
    return (0.01 * D * (46.6 + 0.135 * (0.81 - hull.block_coefficient) * (L / D) ** 2)
            + 0.008 * D * (L / B - 6.5))


def machinery_t(mcr_kw: float, rpm: float, k_m: float = 0.59) -> float:
    """Slow-speed diesel main engine 12 (MCR/N)^0.84 plus the rest, K_m MCR^0.70 (t)."""
    return 12.0 * (mcr_kw / rpm) ** 0.84 + k_m * mcr_kw ** 0.70


def permissible_still_water_bending_tm(hull: HullForm, k_steel: float = 1.0) -> float:
    """Midship still-water bending limit (t·m) from IACS UR S7 and S11 (hogging).

    Minimum section modulus Z = c L² B (C_B + 0.7) cm³ (c = 10.75 for 300 < L ≤ 350 m),
    permissible total stress 175 / k N/mm², wave hogging moment
    M_w = 190 c L² B C_B · 10⁻³ kN·m; the still-water limit is σ Z − M_w, in t·m.
    """
    L, B, cb = hull.lbp_m, hull.beam_m, hull.block_coefficient
    c = 10.75 if L > 300 else 10.75 - ((300 - L) / 100) ** 1.5
    z_m3 = c * L ** 2 * B * (cb + 0.7) * 1e-6
    total_knm = 175e3 / k_steel * z_m3
    wave_knm = 190 * c * L ** 2 * B * cb * 1e-3
    return (total_knm - wave_knm) / G_M_PER_S2


def distribution_factor(x_m: float, lbp_m: float) -> float:
    """Share of the midship limit at ``x_m``: 1 over 0.3 L–0.7 L, linear to 0.15 at the ends."""
    from_aft = x_m + lbp_m / 2
    d = min(from_aft, lbp_m - from_aft) / (0.3 * lbp_m)
    return max(0.15, min(1.0, 0.15 + 0.85 * d)) if math.isfinite(d) else 0.15
