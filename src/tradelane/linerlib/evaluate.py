"""Exact evaluation of a liner network on a LINER-LIB instance: costs, optimal cargo flow, profit.

The weekly objective is profit − rejection penalty, where profit = revenue − charter − bunker
(sailing and idle) − port calls − canals − handling − transshipment; the cargo flow maximising it
for the given network is an LP, solved exactly. ``z_180d_usd`` = −180/7 × the weekly objective
(the published sign convention: negative is profit).
"""

from __future__ import annotations

import math
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from tradelane.domain.linerlib import LinerlibNetwork, LinerlibService
from tradelane.errors import InputError
from tradelane.flow.arcflow import FlowModel
from tradelane.flow.data import FlowCommodity, FlowData, FlowPort, FlowService, FlowSolution
from tradelane.flow.params import DEFAULT_FLOW_PARAMS, FlowParams
from tradelane.flow.paths import PathFlowModel
from tradelane.linerlib.costs import PORT_STAY_DAYS, ServiceFigures, service_figures
from tradelane.linerlib.instance import Instance
from tradelane.result import Result, Status

__all__ = ["PENALTY_USD_PER_FFE", "Evaluation", "Evaluator", "evaluate"]

PENALTY_USD_PER_FFE = 1000.0
HORIZON_DAYS = 180.0
COST_LINES = ("charter", "bunker_sailing", "bunker_idle", "port_calls", "canals", "handling",
              "transshipment", "rejection_penalty")


@dataclass(frozen=True, slots=True)
class Evaluation:
    """A network's weekly economics on an instance (USD per week unless named otherwise).

    Attributes
    ----------
    weekly_revenue_usd : float
        Freight revenue of the cargo carried.
    costs_usd : dict[str, float]
        One entry per cost line of :data:`COST_LINES`.
    weekly_profit_usd : float
        Revenue − every cost line except the rejection penalty (the logs' "without penalty").
    weekly_objective_usd : float
        Profit − rejection penalty (the logs' "Objective value").
    z_180d_usd : float
        −180/7 × weekly objective (published Z; negative = profit).
    transported_pct, deployed_pct : float
        Share of demand carried; share of the fleet deployed.
    vessels_deployed : int
        Vessels in the network.
    services : tuple[ServiceFigures, ...]
        Per-service figures.
    leg_utilisation : tuple[tuple[float, ...], ...]
        Cargo on board / capacity, per service and leg.
    violations : tuple[str, ...]
        Broken rules (speed, draft, frequency, fleet size); empty when feasible.
    """

    weekly_revenue_usd: float
    costs_usd: dict[str, float]
    weekly_profit_usd: float
    weekly_objective_usd: float
    z_180d_usd: float
    transported_pct: float
    vessels_deployed: int
    deployed_pct: float
    services: tuple[ServiceFigures, ...]
    leg_utilisation: tuple[tuple[float, ...], ...]
    violations: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready figures."""
        return {
            "weekly_revenue_usd": self.weekly_revenue_usd,
            "costs_usd": dict(self.costs_usd),
            "weekly_profit_usd": self.weekly_profit_usd,
            "weekly_objective_usd": self.weekly_objective_usd,
            "z_180d_usd": self.z_180d_usd,
            "transported_pct": self.transported_pct,
            "vessels_deployed": self.vessels_deployed,
            "deployed_pct": self.deployed_pct,
            "violations": list(self.violations),
            "services": [
                {"name": s.name, "vessel_class": s.vessel_class, "vessels": s.vessels,
                 "speed_kn": s.speed_kn, "distance_nm": s.distance_nm,
                 "round_trip_days": s.round_trip_days, "calls": list(s.calls),
                 "leg_utilisation": list(u)}
                for s, u in zip(self.services, self.leg_utilisation, strict=True)
            ],
        }


def _flow_service(figures: ServiceFigures) -> FlowService:
    return FlowService(figures.calls, figures.capacity_ffe, figures.leg_days, PORT_STAY_DAYS)


def flow_data(instance: Instance, figures: list[ServiceFigures], *,
              transit_times: bool = False) -> FlowData:
    """The LINER-LIB → generic flow adapter: ports, services and commodities of an instance."""
    codes = {d.origin for d in instance.demands} | {d.destination for d in instance.demands}
    codes |= {c for f in figures for c in f.calls}
    ports = []
    for code in sorted(codes):
        p = instance.ports[code]
        ports.append(FlowPort(code, p.handling_cost_usd_per_ffe or 0.0,
                              p.transshipment_cost_usd_per_ffe or 0.0))
    commodities = tuple(
        FlowCommodity(d.origin, d.destination, d.volume_ffe_per_week, d.revenue_usd_per_ffe,
                  PENALTY_USD_PER_FFE, d.transit_time_days if transit_times else None)
        for d in instance.demands)
    return FlowData(tuple(ports), tuple(_flow_service(f) for f in figures), commodities)


class Evaluator:
    """Evaluates a network and re-evaluates it quickly after one service changes.

    Parameters
    ----------
    instance : Instance
        The LINER-LIB instance and capacity case.
    network : LinerlibNetwork
        The services to evaluate.
    transit_times : bool
        Enforce each demand's maximum transit time (path-based model, slower).
    erratum_idle : bool
        Charge idle fuel for the waiting time 7·n − round trip (2017 erratum).
    method : str
        ``"paths"`` (column generation, default) or ``"arcflow"`` (source-based arc-flow LP, an
        independent second model for cross-checks; ignored with transit-time limits).
    params : FlowParams
        LP time limit per solve, HiGHS seed and threads, column-generation options.
    """

    def __init__(self, instance: Instance, network: LinerlibNetwork, *,
                 transit_times: bool = False, erratum_idle: bool = False, method: str = "paths",
                 params: FlowParams = DEFAULT_FLOW_PARAMS) -> None:
        t0 = time.perf_counter()
        self.instance = instance
        self.erratum_idle = erratum_idle
        self.transit_times = transit_times
        self.params = params
        self.seed = params.seed
        self._services = list(network.services)
        self._figures = [self._figure(i, s) for i, s in enumerate(self._services)]
        self._flow_data = flow_data(instance, self._figures, transit_times=transit_times)
        self._model: FlowModel | PathFlowModel
        if method == "arcflow" and not transit_times:
            self._model = FlowModel(self._flow_data, params)
        elif method in ("paths", "arcflow"):
            self._model = PathFlowModel(self._flow_data, params)
        else:
            raise InputError("method", method, "must be 'paths' or 'arcflow'")
        self._setup_s = time.perf_counter() - t0

    def _figure(self, i: int, service: LinerlibService) -> ServiceFigures:
        return service_figures(self.instance, service, service.name or f"service {i}",
                               erratum_idle=self.erratum_idle)

    def replace_service(self, i: int, service: LinerlibService) -> None:
        """Swap service ``i`` for ``service``; the next :meth:`evaluate` re-solves warm."""
        t0 = time.perf_counter()
        figure = self._figure(i, service)
        self._model.replace_service(i, _flow_service(figure))
        self._services[i] = service
        self._figures[i] = figure
        self._setup_s = time.perf_counter() - t0

    def evaluate(self) -> Result[Evaluation]:
        """Solve the cargo flow and price the network; ``objective`` is the weekly objective."""
        t0 = time.perf_counter()
        flow = self._model.solve()
        stats = dict(flow.stats)
        stats["setup_s"] = self._setup_s
        self._setup_s = 0.0
        if flow.solution is None:
            return Result(flow.status, None, None, time.perf_counter() - t0, self.seed, None, stats)
        evaluation = self._price(flow.solution)
        stats["total_s"] = stats["setup_s"] + time.perf_counter() - t0
        objective = evaluation.weekly_objective_usd
        bound = objective if flow.status is Status.OPTIMAL else None
        return Result(flow.status, objective, bound, stats["total_s"], self.seed, evaluation,
                      stats)

    def _price(self, flow: FlowSolution) -> Evaluation:
        fig = self._figures
        costs = {
            "charter": sum(f.charter_usd for f in fig),
            "bunker_sailing": sum(f.bunker_sailing_usd for f in fig),
            "bunker_idle": sum(f.bunker_idle_usd for f in fig),
            "port_calls": sum(f.port_calls_usd for f in fig),
            "canals": sum(f.canals_usd for f in fig),
            "handling": flow.handling_cost_usd,
            "transshipment": flow.transshipment_cost_usd,
            "rejection_penalty": flow.penalty_usd,
        }
        profit = flow.revenue_usd - sum(v for k, v in costs.items() if k != "rejection_penalty")
        objective = profit - flow.penalty_usd
        total = sum(d.volume_ffe_per_week for d in self.instance.demands)
        deployed = sum(f.vessels for f in fig)
        fleet = sum(self.instance.fleet.values())
        return Evaluation(
            weekly_revenue_usd=flow.revenue_usd, costs_usd=costs, weekly_profit_usd=profit,
            weekly_objective_usd=objective, z_180d_usd=-HORIZON_DAYS / 7.0 * objective,
            transported_pct=100.0 * float(flow.delivered_ffe.sum()) / total if total else 0.0,
            vessels_deployed=deployed, deployed_pct=100.0 * deployed / fleet if fleet else math.nan,
            services=tuple(fig),
            leg_utilisation=tuple(tuple((legs / f.capacity_ffe).tolist())
                                  for legs, f in zip(flow.leg_flow_ffe, fig, strict=True)),
            violations=tuple(v for f in fig for v in f.violations) + self._fleet_violations(),
        )

    def _fleet_violations(self) -> tuple[str, ...]:
        used = Counter[str]()
        for f in self._figures:
            used[f.vessel_class] += f.vessels
        return tuple(
            f"class {cls}: {n} vessels deployed, the fleet has {self.instance.fleet.get(cls, 0)}"
            for cls, n in sorted(used.items()) if n > self.instance.fleet.get(cls, 0))


def evaluate(instance: Instance, network: LinerlibNetwork, *, transit_times: bool = False,
             erratum_idle: bool = False, method: str = "paths",
             params: FlowParams = DEFAULT_FLOW_PARAMS) -> Result[Evaluation]:
    """Evaluate ``network`` on ``instance`` once; see :class:`Evaluator` for the options."""
    evaluator = Evaluator(instance, network, transit_times=transit_times,
                          erratum_idle=erratum_idle, method=method, params=params)
    return evaluator.evaluate()
