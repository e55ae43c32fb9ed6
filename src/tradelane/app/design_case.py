"""A design instance from a planning case: the case's ports, sea distances, demand and fleet.

The designer (``tradelane.design``) works on a LINER-LIB :class:`Instance`; this module builds
one in memory from a :class:`~tradelane.domain.Case`, so that a network planner can design for
the lane's own region, and reads the designed services back the way a planner reads them:
a rotation name, ships, speed, round trip and transit days per port pair.

What the instance takes from the case:

- **Ports**: every port of ``case.ports`` (the rotation's calls), with its position, its
  controlling depth (only when ``routing.port_draft = "hard"``: under ``"warn"`` a shallow port
  is called part-laden, as ``tradelane plan`` does), handling and transshipment cost per FFE and
  call cost (fixed + per FFE of capacity); a cost the case does not give is 0.
- **Distances**: the product's sea router and its distance cache, one row per routing option
  of the case whose canal is open and passable by the class (the Cape always); Panama rows
  carry the drought draft limit. Canal transit hours are not in the LINER-LIB leg model.
- **Vessel class**: the case's class (capacity in FFE = TEU / 2, speeds, charter, draft), its
  canal fees where it may transit; the fuel figures are scaled by bunker / 600 USD per tonne, so
  the LINER-LIB cost model (which prices bunker at 600 USD/t) charges the case's bunker price.
- **Fleet**: ``fleet.ships`` vessels of the class.
- **Demand**: ``case.demand`` (inland rows counted at their sea port), in FFE per week at
  2 × the revenue per TEU, with ``max_transit_days`` as the transit limit (365 days where a row
  gives none; limits bind only with ``--transit-times``). The rejection penalty is LINER-LIB's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from tradelane.app.design import DesignOutcome, run_design, summary
from tradelane.app.resources import Resources
from tradelane.design.fleet import Fleet
from tradelane.design.log import write_log
from tradelane.design.params import DesignParams
from tradelane.design.solve import Progress
from tradelane.domain import Case, Routing
from tradelane.domain.linerlib import (
    DistanceRow,
    LinerlibDemand,
    LinerlibNetwork,
    LinerlibPort,
    LinerlibService,
    LinerlibVesselClass,
)
from tradelane.errors import InputError
from tradelane.geo.limits import canal_violations, port_draft_issues
from tradelane.geo.sea_routes import NoSeaRoute
from tradelane.io.linerlib_network import write_network
from tradelane.linerlib.costs import BUNKER_USD_PER_T, PORT_STAY_DAYS, ServiceFigures
from tradelane.linerlib.instance import Instance
from tradelane.planning.service_plan import leg_avoid

__all__ = ["NO_TRANSIT_LIMIT_DAYS", "TEU_PER_FFE", "CaseDesign", "CaseDesignRequest",
           "NamedService", "case_instance", "case_start", "case_summary", "design_for_case",
           "named_services", "rotation_name", "transit_days"]

TEU_PER_FFE = 2.0
NO_TRANSIT_LIMIT_DAYS = 365.0
"""Transit limit of a demand row without ``max_transit_days`` (in effect none)."""


def _usable(case: Case, routing: Routing) -> bool:
    canal = routing.canal
    if canal is None:
        return True
    if canal in case.routing.closed:
        return False
    limit = case.routing.panama_draft_limit_m if canal == "panama" else None
    return not canal_violations(case.vessel_class, case.canals[canal], limit)


def _vessel_class(case: Case, usable: set[str]) -> LinerlibVesselClass:
    v = case.vessel_class
    scale = case.economics.bunker_usd_per_t / BUNKER_USD_PER_T
    return LinerlibVesselClass(
        v.name, v.capacity_ffe, v.charter_usd_per_day, v.design_draft_m, v.min_speed_kn,
        v.max_speed_kn, v.design_speed_kn, v.fuel_at_design_t_per_day * scale,
        v.idle_fuel_t_per_day * scale,
        case.canal_fee_usd("panama") if "panama" in usable else None,
        case.canal_fee_usd("suez") if "suez" in usable else None)


def _port(case: Case, code: str) -> LinerlibPort:
    p = case.ports[code]
    call = case.economics.port_call_costs.get(code)
    draft = p.max_draft_m if case.routing.port_draft == "hard" else None
    return LinerlibPort(
        code, p.name, code[:2], "", "", p.lon_deg, p.lat_deg, draft,
        case.handling_usd_per_ffe.get(code, 0.0), case.transshipment_usd_per_ffe.get(code, 0.0),
        call.fixed_usd if call else 0.0, call.per_ffe_usd if call else 0.0)


def _routes(case: Case, resources: Resources, routings: list[Routing]
            ) -> dict[tuple[str, str], tuple[DistanceRow, ...]]:
    routes: dict[tuple[str, str], tuple[DistanceRow, ...]] = {}
    panama_draft = case.routing.panama_draft_limit_m
    with resources.lock:
        for a in case.ports:
            for b in case.ports:
                if a == b:
                    continue
                rows: dict[tuple[float, bool, bool], DistanceRow] = {}
                for routing in routings:
                    try:
                        leg = resources.router.leg(case.ports[a], case.ports[b],
                                                   leg_avoid(case, routing))
                    except NoSeaRoute:
                        continue
                    panama, suez = "panama" in leg.passages, "suez" in leg.passages
                    rows.setdefault((leg.distance_nm, panama, suez), DistanceRow(
                        a, b, leg.distance_nm, panama_draft if panama else None, panama, suez))
                if rows:
                    routes[(a, b)] = tuple(rows.values())
    return routes


def _demands(case: Case) -> tuple[LinerlibDemand, ...]:
    rows = []
    for i, d in enumerate(case.demand, start=1):
        if d.origin not in case.ports or d.destination not in case.ports:
            raise InputError("demand", f"{d.origin}->{d.destination}",
                             "has a port that is neither a call of the rotation nor inland")
        rows.append(LinerlibDemand(
            d.origin, d.destination, d.teu_per_week / TEU_PER_FFE,
            d.revenue_usd_per_teu * TEU_PER_FFE,
            d.max_transit_days if d.max_transit_days is not None else NO_TRANSIT_LIMIT_DAYS, i))
    return tuple(rows)


def case_instance(case: Case, resources: Resources) -> Instance:
    """The design instance of ``case`` (see the module's description of each part).

    Raises
    ------
    InputError
        When the case has no demand, or no routing option its class may sail.
    """
    if not case.demand:
        raise InputError("demand", [], "is empty: a case to design for needs [[demand]] rows")
    routings = [r for r in case.routing.options if _usable(case, r)]
    if not routings:
        raise InputError("routing.options", [r.value for r in case.routing.options],
                         "leave no routing the vessel class may sail (canals closed or too "
                         "small); add cape")
    cls = _vessel_class(case, {r.value for r in routings})
    ports = {code: _port(case, code) for code in case.ports}
    name = case.service.code
    return Instance(name, "base", ports, _routes(case, resources, routings), {cls.name: cls},
                    {cls.name: case.ships}, _demands(case))


def case_start(case: Case, instance: Instance) -> LinerlibNetwork | None:
    """The case's own service as the start network, ``None`` when the fleet cannot sail it weekly.

    A long-haul lane is seldom profitable as a shuttle of one O-D pair, which is where the
    designer's construction starts; the planner's rotation is a better first network (its
    vessels and speed are deployed afresh by the designer).
    """
    cls = case.vessel_class
    rotation = tuple(case.service.rotation)
    options = Fleet(instance).options(cls.name, rotation)
    if not options or options[0].vessels > case.ships:
        return None
    service = LinerlibService(cls.name, options[0].vessels, options[0].speed_kn, rotation)
    return LinerlibNetwork((service,), instance.name, instance.capacity_case)


def rotation_name(code: str, number: int, calls: tuple[str, ...]) -> str:
    """A service's name as a planner reads it: ``"SUE1 CNTAO–CNNGB–…"`` (calls in order)."""
    return f"{code}{number} {'–'.join(calls)}"


def transit_days(figures: ServiceFigures) -> dict[str, float]:
    """Days from departure at one port to arrival at the next call of another, per port pair.

    Sailing days of the legs between them plus one port stay (``PORT_STAY_DAYS``) per call in
    between; where a port is called twice (butterfly), the shorter of the two.
    """
    calls, legs = figures.calls, figures.leg_days
    n = len(calls)
    found: dict[str, float] = {}
    for i, a in enumerate(calls):
        days = 0.0
        for step in range(1, n):
            days += legs[(i + step - 1) % n]
            b = calls[(i + step) % n]
            if b == a:
                break
            key = f"{a}-{b}"
            if key not in found or days < found[key]:
                found[key] = days
            days += PORT_STAY_DAYS
    return found


@dataclass(frozen=True, slots=True)
class NamedService:
    """A designed service with its rotation name, figures and transit days per port pair."""

    name: str
    service: LinerlibService
    figures: ServiceFigures
    transit_days: dict[str, float]
    peak_load_teu: float


def named_services(code: str, services: tuple[LinerlibService, ...],
                   figures: tuple[ServiceFigures, ...],
                   utilisation: tuple[tuple[float, ...], ...]) -> tuple[NamedService, ...]:
    """The services numbered 1, 2, … under the case's service code, with their rotation names."""
    return tuple(
        NamedService(rotation_name(code, i, s.calls), s, f, transit_days(f),
                     max(u, default=0.0) * f.capacity_ffe * TEU_PER_FFE)
        for i, (s, f, u) in enumerate(zip(services, figures, utilisation, strict=True), start=1))


@dataclass(frozen=True, slots=True)
class CaseDesignRequest:
    """A case to design a network for, the search's parameters and where to write the network."""

    case: Case
    params: DesignParams
    scheduler: str | None = None
    out: Path | None = None
    log: Path | None = None


@dataclass(frozen=True, slots=True)
class CaseDesign:
    """The designed network of a case: the run (as for an instance) and its named services."""

    case: Case
    outcome: DesignOutcome
    services: tuple[NamedService, ...]


def design_for_case(request: CaseDesignRequest, resources: Resources,
                    progress: Callable[[Progress], None] | None = None) -> CaseDesign:
    """Build the case's instance, design, name the services, write ``out`` and ``log``."""
    case = request.case
    instance = case_instance(case, resources)
    start = case_start(case, instance)
    result = run_design(instance, request.params, start, request.scheduler, progress)
    design = result.solution
    if design is None:
        raise InputError("design", result.status.value, "the final cargo flow was not solved")
    ev = design.evaluation
    named = named_services(case.service.code, design.network.services, ev.services,
                           ev.leg_utilisation)
    network = replace(design.network, services=tuple(
        replace(n.service, name=n.name) for n in named))
    design = replace(design, network=network)
    result = replace(result, solution=design)
    if request.out is not None:
        write_network(network, request.out)
    if request.log is not None:
        write_log(request.log, network, ev, instance)
    return CaseDesign(case, DesignOutcome(instance, result), named)


def case_summary(found: CaseDesign) -> dict[str, object]:
    """The figures of :func:`summary`, the cargo in TEU and the services as a planner reads them.

    ``services`` holds per service: ``name`` (rotation name), ``rotation`` (UN/LOCODEs),
    ``vessel_class``, ``ships``, ``speed_kn``, ``round_trip_days``, ``transit_days`` ("A-B":
    days) and ``peak_load_teu`` (the fullest leg's cargo); ``warnings`` the calls at ports
    shallower than the class's draft (allowed under ``routing.port_draft = "warn"``).
    """
    doc = summary(found.outcome)
    case = found.case
    demand_teu = float(sum(d.teu_per_week for d in case.demand))
    carried = demand_teu * float(doc["transported_pct"]) / 100.0  # type: ignore[arg-type]
    called = dict.fromkeys(c for n in found.services for c in n.service.calls)
    doc.update(
        case=case.source or case.service.code,
        warnings=port_draft_issues(case.vessel_class, [case.ports[c] for c in called]),
        demand_teu_per_week=demand_teu, carried_teu_per_week=carried,
        rejected_teu_per_week=demand_teu - carried,
        services=[
            {"name": n.name, "rotation": list(n.service.calls),
             "vessel_class": n.service.vessel_class, "ships": n.service.vessels,
             "speed_kn": n.service.speed_kn, "round_trip_days": n.figures.round_trip_days,
             "transit_days": n.transit_days, "peak_load_teu": n.peak_load_teu}
            for n in found.services])
    return doc
