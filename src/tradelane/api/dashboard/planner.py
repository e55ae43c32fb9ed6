"""The server's case and its plans: what-if scenarios for the dashboard, computed on request.

A plan of the reference case is fast once its sea legs are cached (docs/benchmarks.md: plan
warm), so plans run inside the request; the first may load the sea-route network.
Plans go through the app layer's use case with the process's shared router (its lock
serialises the router and its cache, which are not thread-safe).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

from tradelane.app.planning import PlanRequest, plan_case
from tradelane.app.resources import Resources
from tradelane.domain import Case, Routing
from tradelane.io.case_toml import read_case
from tradelane.planning import OptionPlan, ServicePlan
from tradelane.planning.route_map import Point, leg_paths

REFERENCE_CASE = Path(__file__).resolve().parents[2] / "data" / "cases" / "shandong-usec.toml"
"""The shipped reference case (Shandong → US East Coast)."""

_KEEP = 32  # plans remembered (scenario parameters → plan)


class Planner:
    """Plans of one case under changed fleet, speed or Panama draft limit (kept LRU)."""

    def __init__(self, case_path: Path | None = None, resources: Resources | None = None
                 ) -> None:
        self.case: Case = read_case(case_path or REFERENCE_CASE)
        self.resources = resources or Resources.for_process()
        self._lock = threading.Lock()
        self._plans: OrderedDict[tuple[object, ...], ServicePlan] = OrderedDict()

    def plan(self, *, ships: int | None = None, speed_kn: float | None = None,
             panama_draft_limit_m: float | None = None,
             routing: Routing | None = None) -> ServicePlan:
        """The plan of the case with the given changes (``None`` keeps the case's value)."""
        request = PlanRequest(self.case, routings=(routing,) if routing else None, ships=ships,
                              speed_kn=speed_kn, panama_draft_limit_m=panama_draft_limit_m)
        key = (request.routings, ships, speed_kn, panama_draft_limit_m)
        with self._lock:
            if key in self._plans:
                self._plans.move_to_end(key)
                return self._plans[key]
        plan = plan_case(request, self.resources)
        with self._lock:
            self._plans[key] = plan
            if len(self._plans) > _KEEP:
                self._plans.popitem(last=False)
        return plan

    def paths(self, plan: ServicePlan, option: OptionPlan) -> list[list[Point]]:
        """Each leg's line for ``option`` of ``plan``."""
        with self.resources.lock:
            paths = leg_paths(plan.case, option, self.resources.router)
            self.resources.router.cache.save()
            return paths
