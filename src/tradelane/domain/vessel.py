"""Vessel classes: the ships a service deploys."""

from __future__ import annotations

from dataclasses import dataclass

from tradelane.domain import _checks
from tradelane.errors import InputError


@dataclass(frozen=True, slots=True)
class VesselClass:
    """A class of identical ships, with the parameters of the cubic fuel law.

    Daily fuel at sea is ``fuel_at_design_t_per_day * (speed_kn / design_speed_kn) ** 3``.
    Canal fees are per transit of one ship of the class.
    """

    name: str
    capacity_teu: int
    loa_m: float
    beam_m: float
    design_draft_m: float
    min_speed_kn: float
    design_speed_kn: float
    max_speed_kn: float
    fuel_at_design_t_per_day: float
    idle_fuel_t_per_day: float
    charter_usd_per_day: float
    reefer_plugs: int = 0
    deadweight_t: float | None = None
    panama_fee_usd: float | None = None
    suez_fee_usd: float | None = None

    def __post_init__(self) -> None:
        f = f"vessel_classes.{self.name}"
        _checks.text("vessel_class.name", self.name)
        _checks.positive_int(f"{f}.capacity_teu", self.capacity_teu)
        for name in ("loa_m", "beam_m", "design_draft_m", "min_speed_kn", "design_speed_kn",
                     "max_speed_kn", "fuel_at_design_t_per_day"):
            _checks.positive(f"{f}.{name}", getattr(self, name))
        for name in ("idle_fuel_t_per_day", "charter_usd_per_day", "reefer_plugs"):
            _checks.non_negative(f"{f}.{name}", getattr(self, name))
        for name in ("deadweight_t", "panama_fee_usd", "suez_fee_usd"):
            if getattr(self, name) is not None:
                _checks.non_negative(f"{f}.{name}", getattr(self, name))
        if not self.min_speed_kn <= self.design_speed_kn <= self.max_speed_kn:
            raise InputError(f"{f}.design_speed_kn", self.design_speed_kn,
                             f"must lie between min_speed_kn {self.min_speed_kn} and "
                             f"max_speed_kn {self.max_speed_kn}")

    @property
    def capacity_ffe(self) -> float:
        """Capacity in forty-foot equivalents (TEU / 2)."""
        return self.capacity_teu / 2

    def sea_fuel_t_per_day(self, speed_kn: float) -> float:
        """Fuel burnt per day at sea at ``speed_kn``: F* · (v / v*)³."""
        return self.fuel_at_design_t_per_day * (speed_kn / self.design_speed_kn) ** 3
