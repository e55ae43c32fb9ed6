"""Plan a case: for each routing option, legs → limits → proforma → round-voyage cost."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tradelane.domain import Case, Routing
from tradelane.economics.voyage_cost import VoyageCost, round_voyage_cost
from tradelane.geo.limits import canal_violations, port_draft_issues
from tradelane.geo.sea_routes import NoSeaRoute, SeaRouter
from tradelane.planning.cargo import CargoPlan, route_cargo
from tradelane.planning.inland import InlandPlan, route_intermodal
from tradelane.planning.port_calls import PortStay, port_stay, with_computed_port_stays
from tradelane.schedule.proforma import Proforma, VoyageLeg, plan_round_voyage


@dataclass(frozen=True, slots=True)
class OptionPlan:
    """One routing option. Infeasible options keep every figure that could be computed."""

    routing: Routing
    legs: tuple[VoyageLeg, ...]
    proforma: Proforma | None
    cost: VoyageCost | None
    violations: tuple[str, ...]
    warnings: tuple[str, ...]
    cargo: CargoPlan | None = None
    inland: InlandPlan | None = None

    @property
    def feasible(self) -> bool:
        """True when no hard limit is broken and the frequency is kept."""
        return not self.violations


@dataclass(frozen=True, slots=True)
class ServicePlan:
    """The plan of a case: one OptionPlan per routing, in the case's order."""

    case: Case
    start: datetime
    options: tuple[OptionPlan, ...]
    runtime_s: float
    port_stays: tuple[PortStay, ...] = ()

    def option(self, routing: Routing) -> OptionPlan:
        """The option for ``routing`` (KeyError if it was not planned)."""
        for opt in self.options:
            if opt.routing is routing:
                return opt
        raise KeyError(routing.value)

    def first_feasible(self) -> OptionPlan | None:
        """The first feasible option in the case's order, ``None`` if none is."""
        return next((o for o in self.options if o.feasible), None)

    def summary(self) -> str:
        """One line per option, for people."""
        lines = []
        for o in self.options:
            state = "feasible" if o.feasible else "infeasible: " + "; ".join(o.violations)
            speed = f"{o.proforma.speed_kn:.1f} kn, {o.proforma.ships} ships" if o.proforma else ""
            lines.append(f"{o.routing.value}: {speed} {state}".strip())
        return "\n".join(lines)


def next_monday_utc(now: datetime) -> datetime:
    """Monday 00:00 UTC strictly after ``now``."""
    day = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return day + timedelta(days=7 - day.weekday())


def plan_service(case: Case, *, routings: list[Routing] | None = None, ships: int | None = None,
                 speed_kn: float | None = None, start: datetime | None = None,
                 router: SeaRouter | None = None, now: datetime | None = None) -> ServicePlan:
    """Plan ``case`` for each routing (default: the case's options).

    ``ships`` fixes the fleet and solves for speed; ``speed_kn`` fixes the speed and sizes the
    fleet; neither uses the case's fleet. The first call's ETA is ``start``, else the case's
    start, else the next Monday 00:00 UTC after ``now``.
    """
    t0 = time.perf_counter()
    stays = {code: port_stay(case, code) for code in dict.fromkeys(case.service.rotation)
             if code in case.terminals}
    case = with_computed_port_stays(case, stays)
    router = router or SeaRouter()
    if ships is None and speed_kn is None:
        ships = case.ships
    first_eta = start or case.start or next_monday_utc(now or datetime.now(UTC))
    options = tuple(_plan_option(case, r, router, ships, speed_kn, first_eta)
                    for r in (routings or list(case.routing.options)))
    router.cache.save()
    return ServicePlan(case=case, start=first_eta, options=options,
                       runtime_s=time.perf_counter() - t0, port_stays=tuple(stays.values()))


def _plan_option(case: Case, routing: Routing, router: SeaRouter, ships: int | None,
                 speed_kn: float | None, start: datetime) -> OptionPlan:
    warnings, shallow = [], _shallow_ports(case)
    violations = shallow if case.routing.port_draft == "hard" else []
    if case.routing.port_draft != "hard":
        warnings = shallow
    try:
        legs = _legs(case, routing, router)
    except NoSeaRoute as exc:
        violations = [*_canal_issues(case, routing.canal), *violations, str(exc)]
        return OptionPlan(routing, (), None, None, tuple(violations), tuple(warnings))
    used = {p for leg in legs for p in leg.passages}
    if routing.canal in used:
        violations = [*_canal_issues(case, routing.canal), *violations]
    stays = [h for h in case.service.port_stay_h if h is not None]
    proforma = plan_round_voyage(list(legs), stays,
                                 case.service.frequency_days, case.vessel_class,
                                 ships=ships if speed_kn is None else None, speed_kn=speed_kn)
    violations += proforma.violations
    cost = round_voyage_cost(case, list(legs), proforma)
    if case.inland is not None and case.inland.demand:
        door, inland = route_intermodal(case, legs, proforma, cost, start)
        return OptionPlan(routing, legs, proforma, cost, tuple(violations), tuple(warnings),
                          door, inland)
    cargo = route_cargo(case, legs, proforma, cost)
    return OptionPlan(routing, legs, proforma, cost, tuple(violations), tuple(warnings), cargo)


def _canal_issues(case: Case, canal: str | None) -> list[str]:
    """Closure and lock limits of the routing's canal (nothing for the Cape)."""
    if canal is None:
        return []
    issues = []
    if canal in case.routing.closed:
        issues.append(f"the {canal.capitalize()} Canal is closed (routing.closed)")
    limit = case.routing.panama_draft_limit_m if canal == "panama" else None
    return issues + canal_violations(case.vessel_class, case.canals[canal], limit)


def _shallow_ports(case: Case) -> list[str]:
    calls = [case.ports[c] for c in dict.fromkeys(case.service.rotation)]
    return port_draft_issues(case.vessel_class, calls)


def leg_avoid(case: Case, routing: Routing) -> frozenset[str]:
    """The passages ``routing``'s legs avoid: the other canals and any closed one but its own."""
    return frozenset(routing.avoided_canals | (case.routing.closed - {routing.canal}))


def _legs(case: Case, routing: Routing, router: SeaRouter) -> tuple[VoyageLeg, ...]:
    avoid = leg_avoid(case, routing)
    legs = []
    for a, b in case.service.legs:
        sea = router.leg(case.ports[a], case.ports[b], avoid)
        transit_h = sum(case.canals[p].transit_h for p in sea.passages if p in case.canals)
        legs.append(VoyageLeg(a, b, sea.distance_nm, sea.passages, transit_h))
    return tuple(legs)


