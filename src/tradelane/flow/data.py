"""Input and output records of cargo routing as a multi-commodity flow.

The model knows nothing of LINER-LIB: ports carry handling and transshipment costs, services are
cyclic call lists with a weekly capacity per leg, commodities are O-D demands with a revenue and a
rejection penalty. Adapters (e.g. :mod:`tradelane.linerlib.evaluate`) build these records.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tradelane.errors import InputError

__all__ = ["FlowCommodity", "FlowData", "FlowPort", "FlowService", "FlowSolution"]


def _nonnegative(owner: str, name: str, value: float) -> None:
    if not (math.isfinite(value) and value >= 0):
        raise InputError(f"{owner}.{name}", value, "must be a finite number ≥ 0")


@dataclass(frozen=True, slots=True)
class FlowPort:
    """A port: cost per FFE loaded or discharged at origin/destination, and per FFE transshipped."""

    code: str
    handling_cost_usd_per_ffe: float
    transshipment_cost_usd_per_ffe: float

    def __post_init__(self) -> None:
        _nonnegative(f"FlowPort {self.code}", "handling_cost_usd_per_ffe",
                     self.handling_cost_usd_per_ffe)
        _nonnegative(f"FlowPort {self.code}", "transshipment_cost_usd_per_ffe",
                     self.transshipment_cost_usd_per_ffe)


@dataclass(frozen=True, slots=True)
class FlowService:
    """A cyclic service: leg ``i`` sails from ``calls[i]`` to ``calls[i+1]`` (the last leg closes).

    Attributes
    ----------
    calls : tuple[str, ...]
        Port codes in call order (a port may appear twice).
    capacity_ffe : float
        Weekly capacity of every leg.
    leg_days : tuple[float, ...]
        Sailing time of each leg, used only for transit-time limits.
    port_stay_days : float
        Time at each call, used only for transit-time limits.
    """

    calls: tuple[str, ...]
    capacity_ffe: float
    leg_days: tuple[float, ...] = ()
    port_stay_days: float = 1.0

    def __post_init__(self) -> None:
        if len(self.calls) < 2:
            raise InputError("FlowService.calls", self.calls, "needs at least two calls")
        _nonnegative("FlowService", "capacity_ffe", self.capacity_ffe)
        if self.leg_days and len(self.leg_days) != len(self.calls):
            raise InputError("FlowService.leg_days", self.leg_days, "needs one value per call")


@dataclass(frozen=True, slots=True)
class FlowCommodity:
    """Weekly demand from ``origin`` to ``destination``; cargo not carried pays the penalty."""

    origin: str
    destination: str
    volume_ffe: float
    revenue_usd_per_ffe: float
    rejection_penalty_usd_per_ffe: float = 0.0
    max_transit_days: float | None = None

    def __post_init__(self) -> None:
        owner = f"FlowCommodity {self.origin}-{self.destination}"
        if self.origin == self.destination:
            raise InputError(f"{owner}.destination", self.destination, "equals the origin")
        _nonnegative(owner, "volume_ffe", self.volume_ffe)
        _nonnegative(owner, "revenue_usd_per_ffe", self.revenue_usd_per_ffe)
        _nonnegative(owner, "rejection_penalty_usd_per_ffe", self.rejection_penalty_usd_per_ffe)
        if self.max_transit_days is not None:
            _nonnegative(owner, "max_transit_days", self.max_transit_days)


@dataclass(frozen=True, slots=True)
class FlowData:
    """A routing problem: ports, services, commodities. Every code used must be a port."""

    ports: tuple[FlowPort, ...]
    services: tuple[FlowService, ...]
    commodities: tuple[FlowCommodity, ...]

    def __post_init__(self) -> None:
        codes = {p.code for p in self.ports}
        if len(codes) != len(self.ports):
            raise InputError("FlowData.ports", len(self.ports), "port codes must be unique")
        for i, s in enumerate(self.services):
            for c in s.calls:
                if c not in codes:
                    raise InputError(f"FlowData.services[{i}].calls", c, "is not a known port")
        for k in self.commodities:
            for c in (k.origin, k.destination):
                if c not in codes:
                    raise InputError(f"FlowCommodity {k.origin}-{k.destination}", c,
                                     "is not a known port")


@dataclass(frozen=True, slots=True)
class FlowSolution:
    """Optimal routing, weekly figures in USD and FFE.

    Attributes
    ----------
    delivered_ffe : ndarray
        FFE carried per commodity (same order as ``FlowData.commodities``).
    leg_flow_ffe : tuple[ndarray, ...]
        FFE on board per service and leg.
    leg_dual_usd_per_ffe : tuple[ndarray, ...]
        Per service and leg, the LP's shadow price of the leg's capacity (≥ 0): what one more
        FFE of room on that leg would add to the objective. Positive only on full legs.
    transshipped_ffe : dict[str, float]
        FFE transshipped per port (a change of service, or of call on a butterfly service).
    revenue_usd, handling_cost_usd, transshipment_cost_usd, penalty_usd : float
        The flow's money lines; ``value_usd`` = revenue − handling − transshipment − penalty.
    """

    delivered_ffe: npt.NDArray[np.float64]
    leg_flow_ffe: tuple[npt.NDArray[np.float64], ...]
    leg_dual_usd_per_ffe: tuple[npt.NDArray[np.float64], ...]
    transshipped_ffe: dict[str, float]
    revenue_usd: float
    handling_cost_usd: float
    transshipment_cost_usd: float
    penalty_usd: float

    @property
    def value_usd(self) -> float:
        """Revenue − handling − transshipment − rejection penalty."""
        return self.revenue_usd - self.handling_cost_usd - self.transshipment_cost_usd \
            - self.penalty_usd
