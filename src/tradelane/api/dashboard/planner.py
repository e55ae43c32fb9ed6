"""The server's case and its plans: what-if scenarios for the dashboard, computed on request.

A plan of the reference case takes milliseconds once its sea legs are cached (the first
request may load the sea-route network, about a second), so plans run inside the request.
One lock serialises the router and its cache, which are not thread-safe.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import replace
from pathlib import Path

from tradelane.domain import Case, Routing
from tradelane.errors import InputError
from tradelane.geo.distance_cache import DistanceCache, default_cache_path
from tradelane.geo.sea_routes import SeaRouter
from tradelane.io.case_toml import read_case
from tradelane.planning import OptionPlan, ServicePlan, plan_service
from tradelane.planning.route_map import Point, leg_paths

REFERENCE_CASE = Path(__file__).resolve().parents[2] / "data" / "cases" / "shandong-usec.toml"
"""The shipped reference case (Shandong → US East Coast)."""

_KEEP = 32  # plans remembered (scenario parameters → plan)


class Planner:
    """Plans of one case under changed fleet, speed or Panama draft limit."""

    def __init__(self, case_path: Path | None = None) -> None:
        self.case: Case = read_case(case_path or REFERENCE_CASE)
        self._router = SeaRouter(DistanceCache(default_cache_path()))
        self._lock = threading.Lock()
        self._plans: OrderedDict[tuple[object, ...], ServicePlan] = OrderedDict()

    def plan(self, *, ships: int | None = None, speed_kn: float | None = None,
             panama_draft_limit_m: float | None = None,
             routing: Routing | None = None) -> ServicePlan:
        """The plan of the case with the given changes (``None`` keeps the case's value)."""
        if ships is not None and speed_kn is not None:
            raise InputError("speed_kn", speed_kn, "cannot be combined with ships; give one")
        key = (ships, speed_kn, panama_draft_limit_m, routing)
        with self._lock:
            if key in self._plans:
                self._plans.move_to_end(key)
                return self._plans[key]
            case = self.case
            if panama_draft_limit_m is not None:
                case = replace(case, routing=replace(
                    case.routing, panama_draft_limit_m=panama_draft_limit_m))
            plan = plan_service(case, routings=[routing] if routing else None, ships=ships,
                                speed_kn=speed_kn, router=self._router)
            self._plans[key] = plan
            if len(self._plans) > _KEEP:
                self._plans.popitem(last=False)
            return plan

    def paths(self, plan: ServicePlan, option: OptionPlan) -> list[list[Point]]:
        """Each leg's line for ``option`` of ``plan``."""
        with self._lock:
            paths = leg_paths(plan.case, option, self._router)
            self._router.cache.save()
            return paths
