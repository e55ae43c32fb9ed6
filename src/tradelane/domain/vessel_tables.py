"""Hull tables of a vessel profile: sections, strength stations, hydrostatics, tanks.

Coordinates as in :mod:`tradelane.domain.vessel_profile` (x forward of midships, y to
starboard, z above the keel).
"""

from __future__ import annotations

from dataclasses import dataclass

from tradelane.domain import _checks
from tradelane.errors import InputError


@dataclass(frozen=True, slots=True)
class Section:
    """A length of hull for the strength calculation: its lightship and its buoyancy.

    ``buoyancy_t`` holds the section's buoyancy at each hydrostatic point of the profile
    (same order); the loading computer interpolates it at the condition's displacement.
    Lightship and buoyancy act at the section's middle.
    """

    x_aft_m: float
    x_fore_m: float
    lightship_t: float
    lightship_vcg_m: float
    buoyancy_t: tuple[float, ...]

    def __post_init__(self) -> None:
        if not self.x_aft_m < self.x_fore_m:
            raise InputError("section.x_aft_m", self.x_aft_m, "must lie aft of x_fore_m")
        _checks.non_negative("section.lightship_t", self.lightship_t)

    @property
    def x_m(self) -> float:
        """The section's middle."""
        return (self.x_aft_m + self.x_fore_m) / 2


@dataclass(frozen=True, slots=True)
class Station:
    """A strength station: shear-force limits (t, negative and positive) and bending limit (t·m).

    Shear is the net load (weight minus buoyancy) forward of the station; bending its moment
    about the station (positive: hogging). The limit on bending is on its magnitude, or on
    sagging alone when ``hogging_limited`` is False (the Larsen–Pacino files give one bound).
    """

    x_m: float
    min_shear_t: float
    max_shear_t: float
    max_bending_tm: float
    hogging_limited: bool = True

    def __post_init__(self) -> None:
        if not self.min_shear_t < 0 < self.max_shear_t:
            raise InputError("station.min_shear_t", (self.min_shear_t, self.max_shear_t),
                             "the shear limits must be negative and positive")
        _checks.positive("station.max_bending_tm", self.max_bending_tm)


@dataclass(frozen=True, slots=True)
class HydroPoint:
    """One row of the hydrostatic table, by displacement (salt water).

    ``km_m`` is the height of the transverse metacentre above the keel. Profiles with a draft
    table give ``draft_m`` (mean draft), ``lcb_m``, ``lcf_m`` and ``mtc_tm_per_cm``; profiles
    without one (the Larsen–Pacino ships) give the allowed LCG range instead.
    """

    displacement_t: float
    km_m: float
    draft_m: float | None = None
    lcb_m: float | None = None
    lcf_m: float | None = None
    mtc_tm_per_cm: float | None = None
    min_lcg_m: float | None = None
    max_lcg_m: float | None = None

    def __post_init__(self) -> None:
        _checks.positive("hydrostatics.displacement_t", self.displacement_t)
        _checks.positive("hydrostatics.km_m", self.km_m)
        if self.draft_m is not None:
            _checks.positive("hydrostatics.draft_m", self.draft_m)
        if self.mtc_tm_per_cm is not None:
            _checks.positive("hydrostatics.mtc_tm_per_cm", self.mtc_tm_per_cm)


@dataclass(frozen=True, slots=True)
class Tank:
    """A tank: capacity, centre of its contents, free-surface moment when slack, default fill.

    ``vcg_empty_m``/``vcg_full_m``: the contents' VCG nearly empty and full (interpolated
    linearly in between). ``free_surface_tm`` is the tank's free-surface moment (ρ · i, t·m)
    when slack; 0 where unknown. ``sections`` spreads the contents over hull sections
    (index, share); empty means at ``lcg_m``.
    """

    name: str
    capacity_t: float
    lcg_m: float
    tcg_m: float
    vcg_empty_m: float
    vcg_full_m: float
    content: str = "ballast"
    free_surface_tm: float = 0.0
    default_t: float = 0.0
    sections: tuple[tuple[int, float], ...] = ()

    def __post_init__(self) -> None:
        _checks.text("tank.name", self.name)
        _checks.positive(f"tank {self.name}.capacity_t", self.capacity_t)
        _checks.non_negative(f"tank {self.name}.free_surface_tm", self.free_surface_tm)
        if not 0 <= self.default_t <= self.capacity_t:
            raise InputError(f"tank {self.name}.default_t", self.default_t,
                             f"must lie between 0 and the capacity {self.capacity_t} t")

    def vcg_m(self, content_t: float) -> float:
        """The contents' VCG at ``content_t`` tonnes."""
        share = min(max(content_t / self.capacity_t, 0.0), 1.0)
        return self.vcg_empty_m + share * (self.vcg_full_m - self.vcg_empty_m)
