"""Cost, fuel and CO2 of one ship's round voyage, and of the service per week.

Fuel at sea follows F(v) = F* · (v / v*)³ t/day. Time in port, in canal transits and waiting
(slack) burns the class's idle rate. Charter is paid for the whole round voyage (ships ×
frequency days), slack included. Per week, a service with frequency f days runs 7 / f round
voyages' worth of everything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from tradelane.domain import Case
from tradelane.domain.routing import CANALS
from tradelane.schedule.proforma import Proforma, VoyageLeg

COST_LINES = ("bunker", "charter", "port_calls", "canals")


@dataclass(frozen=True, slots=True)
class VoyageCost:
    """Fuel (t), CO2 (t) and cost lines (USD) of one ship's round voyage."""

    sea_fuel_t: float
    idle_fuel_t: float
    co2_t: float
    cost_usd: Mapping[str, float]
    canal_transits: Mapping[str, int]

    @property
    def fuel_t(self) -> float:
        """Sea and idle fuel together."""
        return self.sea_fuel_t + self.idle_fuel_t

    @property
    def total_usd(self) -> float:
        """Sum of the cost lines."""
        return sum(self.cost_usd.values())

    def scaled(self, factor: float) -> VoyageCost:
        """The same voyage's figures multiplied by ``factor`` (e.g. 7 / frequency for a week)."""
        return VoyageCost(
            sea_fuel_t=self.sea_fuel_t * factor, idle_fuel_t=self.idle_fuel_t * factor,
            co2_t=self.co2_t * factor,
            cost_usd=MappingProxyType({k: v * factor for k, v in self.cost_usd.items()}),
            canal_transits=self.canal_transits,
        )


def round_voyage_cost(case: Case, legs: list[VoyageLeg], proforma: Proforma) -> VoyageCost:
    """Cost of one ship's round voyage under ``proforma``."""
    vessel = case.vessel_class
    sea_days = proforma.sea_h / 24
    sea_fuel = vessel.sea_fuel_t_per_day(proforma.speed_kn) * sea_days
    idle_days = (proforma.port_h + proforma.canal_h + max(proforma.slack_h, 0.0)) / 24
    idle_fuel = vessel.idle_fuel_t_per_day * idle_days
    transits = {c: sum(c in leg.passages for leg in legs) for c in CANALS}
    fuel = sea_fuel + idle_fuel
    cost = {
        "bunker": fuel * case.economics.bunker_usd_per_t,
        "charter": vessel.charter_usd_per_day * proforma.round_trip_days,
        "port_calls": sum(case.port_call_cost_usd(code) for code in case.service.rotation),
        "canals": sum(n * case.canal_fee_usd(c) for c, n in transits.items()),
    }
    return VoyageCost(
        sea_fuel_t=sea_fuel, idle_fuel_t=idle_fuel,
        co2_t=fuel * case.economics.fuel.co2_t_per_t,
        cost_usd=MappingProxyType(cost), canal_transits=MappingProxyType(transits),
    )
