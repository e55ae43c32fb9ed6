"""A network under search: fixed service slots over one warm cargo-flow LP.

The search changes one or two services at a time. Each slot of the network holds a rotation
(vessel class, calls) or nothing; an empty slot is a zero-capacity two-call service in the LP,
so adding or dropping a service is a :meth:`PathFlowModel.replace_service` like any other
change, re-solved warm from the last basis (the evaluator's warm re-evaluation, issue 3).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from tradelane.design.fleet import Deployment, Fleet
from tradelane.flow.data import FlowData, FlowPort, FlowService
from tradelane.flow.params import FlowParams
from tradelane.flow.paths import PathFlowModel
from tradelane.linerlib.costs import PORT_STAY_DAYS
from tradelane.linerlib.evaluate import flow_data
from tradelane.linerlib.instance import Instance
from tradelane.result import Status

__all__ = ["Rotation", "Slots", "State"]

Rotation = tuple[str, tuple[str, ...]]
"""(vessel class, calls) of one service."""
Slots = tuple[Rotation | None, ...]
"""A network under search: one rotation or ``None`` per slot."""

SEARCH_FLOW_PARAMS = FlowParams(time_limit_s=600.0, seed=0)


class State:
    """The cargo-flow LP of a slotted network, kept warm between evaluations.

    Parameters
    ----------
    instance : Instance
        The instance and capacity case.
    fleet : Fleet
        Rotation costs and the fleet's deployment.
    ports : Sequence[str]
        Every port a service may call (the demand ports, and any of a start network).
    slots : Slots
        The first network.
    transit_times : bool
        Enforce the demands' transit-time limits.
    """

    def __init__(self, instance: Instance, fleet: Fleet, ports: Sequence[str], slots: Slots, *,
                 transit_times: bool = False) -> None:
        self.fleet = fleet
        self.transit_times = transit_times
        base = flow_data(instance, [], transit_times=transit_times)
        known = {p.code for p in base.ports}
        extra = []
        for code in sorted(set(ports) - known):
            p = instance.ports[code]
            extra.append(FlowPort(code, p.handling_cost_usd_per_ffe or 0.0,
                                  p.transshipment_cost_usd_per_ffe or 0.0))
        codes = [p.code for p in base.ports]
        self._empty = FlowService((codes[0], codes[1]), 0.0)
        self.slots: list[Rotation | None] = [None] * len(slots)
        self._flow: list[FlowService] = [self._empty] * len(slots)
        data = FlowData((*base.ports, *extra), tuple(self._flow), base.commodities)
        self._model = PathFlowModel(data, SEARCH_FLOW_PARAMS)
        self.volume_ffe = np.array([k.volume_ffe for k in base.commodities])
        self.commodities = [(k.origin, k.destination) for k in base.commodities]
        self.rejected_ffe: npt.NDArray[np.float64] = self.volume_ffe.copy()
        self.deployments: list[Deployment | None] = [None] * len(slots)
        self.objective_usd: float | None = None
        self.transported_pct = 0.0
        self.evaluate(slots)

    def _flow_service(self, d: Deployment) -> FlowService:
        cls = self.fleet.instance.vessel_classes[d.vessel_class]
        days: tuple[float, ...] = ()
        if self.transit_times:
            n = len(d.calls)
            days = tuple((self.fleet.miles(d.vessel_class, d.calls[i], d.calls[(i + 1) % n])
                          or 0.0) / (24.0 * d.option.speed_kn) for i in range(n))
        return FlowService(d.calls, cls.capacity_ffe, days, PORT_STAY_DAYS)

    def evaluate(self, slots: Slots) -> float | None:
        """Move to ``slots`` and return its weekly objective (USD), ``None`` when infeasible.

        An infeasible network (a rotation the class cannot sail weekly, too few vessels) leaves
        the state unchanged.
        """
        used = [i for i, r in enumerate(slots) if r is not None]
        deployed = self.fleet.deploy([r for r in slots if r is not None])
        if deployed is None:
            return None
        deployments: list[Deployment | None] = [None] * len(slots)
        for i, d in zip(used, deployed, strict=True):
            deployments[i] = d
        for i, slot in enumerate(deployments):
            fs = self._empty if slot is None else self._flow_service(slot)
            if fs != self._flow[i]:
                self._model.replace_service(i, fs)
                self._flow[i] = fs
        result = self._model.solve()
        if result.status is not Status.OPTIMAL or result.solution is None:
            return None
        flow = result.solution
        vessel_cost = sum(d.option.cost_usd for d in deployed)
        self.slots, self.deployments = list(slots), deployments
        self.rejected_ffe = self.volume_ffe - flow.delivered_ffe
        total = float(self.volume_ffe.sum())
        self.transported_pct = 100.0 * float(flow.delivered_ffe.sum()) / total if total else 0.0
        self.objective_usd = flow.value_usd - vessel_cost
        return self.objective_usd
