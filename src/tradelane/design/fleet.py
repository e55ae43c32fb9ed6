"""Vessels and speed of every service: the cheapest weekly deployment the fleet allows.

A service's cargo capacity depends only on its vessel class and calls; how many vessels sail it
and how fast changes only its vessel-side cost (charter, bunker, idle fuel), never the flow.
For each service the options are n = n_min, n_min + 1, … vessels at the slowest speed that
keeps the weekly frequency, σ_n = max(σ_min, D / (24 (7n − calls))), until σ_n reaches the
class's minimum speed. The weekly cost falls convexly in n (charter grows linearly, bunker
falls as 1/(7n − calls)²), so handing out the class's vessels one at a time to the service
whose cost falls most is optimal for the class (greedy on convex separable costs).

Costs are those of :func:`tradelane.linerlib.costs.service_figures`, the evaluator's own.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass

from tradelane.domain.linerlib import LinerlibService
from tradelane.errors import InputError
from tradelane.linerlib.costs import PORT_STAY_DAYS, service_figures
from tradelane.linerlib.instance import Instance

__all__ = ["Deployment", "Fleet", "Option"]

_MAX_VESSELS = 80
_CACHE_SIZE = 20_000


@dataclass(frozen=True, slots=True)
class Option:
    """One way to sail a service weekly: vessels, speed and the weekly vessel-side cost."""

    vessels: int
    speed_kn: float
    cost_usd: float


@dataclass(frozen=True, slots=True)
class Deployment:
    """A service as deployed: class, calls and its chosen option."""

    vessel_class: str
    calls: tuple[str, ...]
    option: Option

    def service(self, name: str) -> LinerlibService:
        """The deployed service as a LINER-LIB record."""
        return LinerlibService(self.vessel_class, self.option.vessels, self.option.speed_kn,
                               self.calls, name)


class Fleet:
    """Feasibility and cost of rotations on an instance, and the fleet's best deployment.

    Parameters
    ----------
    instance : Instance
        Ports (drafts), routes, vessel classes and the fleet per class.
    erratum_idle : bool
        Cost idle fuel while waiting (7n − round trip), as the evaluator's option.
    """

    def __init__(self, instance: Instance, *, erratum_idle: bool = False) -> None:
        self.instance = instance
        self.erratum_idle = erratum_idle
        self._miles: dict[tuple[str, str, str], float | None] = {}
        self._options: dict[tuple[str, tuple[str, ...]], tuple[Option, ...]] = {}

    def miles(self, vessel_class: str, a: str, b: str) -> float | None:
        """Sea miles of leg a → b for the class, ``None`` when no usable row exists."""
        key = (vessel_class, a, b)
        if key not in self._miles:
            try:
                cls = self.instance.vessel_classes[vessel_class]
                self._miles[key] = self.instance.route(cls, a, b).distance_nm
            except InputError:
                self._miles[key] = None
        return self._miles[key]

    def port_fits(self, vessel_class: str, port: str) -> bool:
        """True when the class's draft fits the port and the port has call costs."""
        p = self.instance.ports.get(port)
        if p is None or p.call_cost_fixed_usd is None or p.call_cost_usd_per_capacity_ffe is None:
            return False
        return p.draft_m is None or self.instance.vessel_classes[vessel_class].draft_m <= p.draft_m

    def options(self, vessel_class: str, calls: tuple[str, ...]) -> tuple[Option, ...]:
        """Feasible (vessels, speed, cost) options, fewest vessels first; empty if none."""
        key = (vessel_class, calls)
        found = self._options.get(key)
        if found is None:
            found = self._compute(vessel_class, calls)
            if len(self._options) >= _CACHE_SIZE:
                self._options.clear()
            self._options[key] = found
        return found

    def _compute(self, vessel_class: str, calls: tuple[str, ...]) -> tuple[Option, ...]:
        if len(calls) < 2 or any(a == b for a, b in zip(calls, calls[1:] + calls[:1],
                                                        strict=True)):
            return ()
        if not all(self.port_fits(vessel_class, p) for p in calls):
            return ()
        legs = [self.miles(vessel_class, a, b) for a, b in zip(calls, calls[1:] + calls[:1],
                                                               strict=True)]
        if any(d is None for d in legs):
            return ()
        miles = sum(d for d in legs if d is not None)
        cls = self.instance.vessel_classes[vessel_class]
        stay = PORT_STAY_DAYS * len(calls)
        n = max(1, math.ceil((miles / (24.0 * cls.max_speed_kn) + stay) / 7.0 - 1e-9))
        out: list[Option] = []
        while n <= _MAX_VESSELS:
            speed = max(cls.min_speed_kn, miles / (24.0 * (7.0 * n - stay)))
            if speed <= cls.max_speed_kn:
                out.append(Option(n, speed, self._cost(vessel_class, calls, n, speed)))
                if speed <= cls.min_speed_kn:
                    break
            n += 1
        return tuple(out)

    def _cost(self, vessel_class: str, calls: tuple[str, ...], n: int, speed: float) -> float:
        f = service_figures(self.instance, LinerlibService(vessel_class, n, speed, calls), "s",
                            erratum_idle=self.erratum_idle)
        return (f.charter_usd + f.bunker_sailing_usd + f.bunker_idle_usd + f.port_calls_usd
                + f.canals_usd)

    def deploy(self, rotations: Sequence[tuple[str, tuple[str, ...]]]
               ) -> list[Deployment] | None:
        """The cheapest deployment of ``rotations`` (class, calls) within the fleet.

        ``None`` when a rotation cannot be sailed weekly by its class or a class has too few
        vessels for its services' minimum.
        """
        chosen: list[int] = [0] * len(rotations)
        opts = [self.options(cls, calls) for cls, calls in rotations]
        if any(not o for o in opts):
            return None
        for cls in {c for c, _ in rotations}:
            members = [i for i, (c, _) in enumerate(rotations) if c == cls]
            spare = self.instance.fleet.get(cls, 0) - sum(opts[i][0].vessels for i in members)
            if spare < 0:
                return None
            heap = [(-(opts[i][0].cost_usd - opts[i][1].cost_usd), i) for i in members
                    if len(opts[i]) > 1]
            heapq.heapify(heap)
            while heap and spare > 0:
                gain, i = heapq.heappop(heap)
                if gain >= 0:
                    break
                j = chosen[i]
                step = opts[i][j + 1].vessels - opts[i][j].vessels
                if step > spare:
                    continue
                chosen[i] = j + 1
                spare -= step
                if j + 2 < len(opts[i]):
                    heapq.heappush(heap, (-(opts[i][j + 1].cost_usd - opts[i][j + 2].cost_usd), i))
        return [Deployment(cls, calls, opts[i][chosen[i]])
                for i, (cls, calls) in enumerate(rotations)]
