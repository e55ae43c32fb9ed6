"""The plan as plain data (``--json``) and the schedule of its first weeks."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tradelane.economics.voyage_cost import VoyageCost
from tradelane.io.schedule_files import iso_utc
from tradelane.planning.cargo import CargoPlan
from tradelane.planning.inland import InlandPlan
from tradelane.planning.service_plan import OptionPlan, ServicePlan
from tradelane.schedule.calendar import at_minute


def plan_to_dict(plan: ServicePlan) -> dict[str, Any]:
    """The JSON document of ``tradelane plan --json``."""
    case = plan.case
    return {
        "case": {
            "file": case.source,
            "code": case.service.code,
            "name": case.service.name,
            "rotation": list(case.service.rotation),
            "frequency_days": case.service.frequency_days,
            "vessel_class": case.vessel_class.name,
            "capacity_teu": case.vessel_class.capacity_teu,
            "fuel": case.economics.fuel.name,
            "bunker_usd_per_t": case.economics.bunker_usd_per_t,
            "closed": sorted(case.routing.closed),
            "panama_draft_limit_m": case.routing.panama_draft_limit_m,
            "start": iso_utc(plan.start),
        },
        "runtime_s": round(plan.runtime_s, 4),
        "port_calls": port_calls_to_dict(plan),
        "options": [option_to_dict(o, plan) for o in plan.options],
    }


def port_calls_to_dict(plan: ServicePlan) -> list[dict[str, Any]]:
    """The terminal model of each port with a terminal: moves, cranes, the crane split's
    makespan and the computed stay beside the stay the schedule uses."""
    scheduled = dict(zip(plan.case.service.rotation, plan.case.service.port_stay_h,
                         strict=True))
    return [{"locode": s.locode, "moves_teu": _r(s.moves_teu), "moves": s.moves,
             "hatch_cover_moves": s.hatch_cover_moves, "cranes": s.cranes,
             "crane_makespan_h": None if s.crane_makespan_h is None else _r(s.crane_makespan_h),
             "computed_stay_h": _r(s.handling_h), "scheduled_stay_h": scheduled[s.locode]}
            for s in plan.port_stays]


def option_to_dict(option: OptionPlan, plan: ServicePlan) -> dict[str, Any]:
    """One routing option; figures are ``None`` where they could not be computed."""
    p, cost = option.proforma, option.cost
    capacity = plan.case.vessel_class.capacity_teu
    doc: dict[str, Any] = {
        "routing": option.routing.value,
        "feasible": option.feasible,
        "violations": list(option.violations),
        "warnings": list(option.warnings),
        "legs": [{"from": leg.origin, "to": leg.destination, "nm": round(leg.distance_nm, 1),
                  "passages": list(leg.passages), "canal_transit_h": leg.canal_transit_h}
                 for leg in option.legs],
    }
    if p is None or cost is None:
        return doc | dict.fromkeys(("round_trip_nm", "round_trip_days", "ships", "speed_kn",
                                    "required_speed_kn", "fuel_t", "co2_t", "cost_usd",
                                    "per_week", "cargo", "inland", "calls"))
    weekly = cost.scaled(7 / p.frequency_days)
    return doc | {
        "round_trip_nm": round(p.round_trip_nm, 1),
        "round_trip_days": round(p.round_trip_days, 3),
        "ships": p.ships,
        "speed_kn": round(p.speed_kn, 3),
        "required_speed_kn": round(p.required_speed_kn, 3),
        "slack_h": _r(p.slack_h),
        "sea_h": _r(p.sea_h), "port_h": _r(p.port_h), "canal_h": _r(p.canal_h),
        "canal_transits": dict(cost.canal_transits),
        **_fuel_and_cost(cost),
        "cost_per_teu_slot_usd": _r(weekly.total_usd / capacity),
        "cost_per_teu_nm_usd": round(cost.total_usd / (capacity * p.round_trip_nm), 6),
        "per_week": _fuel_and_cost(weekly),
        "cargo": cargo_to_dict(option.cargo),
        "inland": inland_to_list(option.inland),
        "calls": [{"locode": c.locode,
                   "eta": iso_utc(at_minute(plan.start, c.eta_h)),
                   "etd": iso_utc(at_minute(plan.start, c.etd_h))} for c in p.calls],
    }


def cargo_to_dict(cargo: CargoPlan | None) -> dict[str, Any] | None:
    """Weekly cargo of one option: volumes, money, leg utilisation, rejected pairs."""
    if cargo is None:
        return None
    return {
        "status": cargo.status.value, "offered_teu": _r(cargo.offered_teu),
        "carried_teu": _r(cargo.carried_teu), "rejected_teu": _r(cargo.rejected_teu),
        "revenue_usd": _r(cargo.revenue_usd), "handling_usd": _r(cargo.handling_usd),
        "transshipment_usd": _r(cargo.transshipment_usd), "penalty_usd": _r(cargo.penalty_usd),
        "vessel_cost_usd": _r(cargo.vessel_cost_usd), "profit_usd": _r(cargo.profit_usd),
        "legs": [{"from": leg.origin, "to": leg.destination, "teu": _r(leg.teu),
                  "capacity_teu": leg.capacity_teu, "utilisation": round(leg.utilisation, 4)}
                 for leg in cargo.legs],
        "rejected": [{"from": r.origin, "to": r.destination, "teu": _r(r.teu),
                      "reason": r.reason} for r in cargo.rejected],
        "runtime_s": round(cargo.runtime_s, 4),
    }


def inland_to_list(inland: InlandPlan | None) -> list[dict[str, Any]] | None:
    """Weekly figures per inland port (``None`` without inland demand)."""
    if inland is None:
        return None
    return [{"locode": p.locode, "name": p.name, "offered_teu": _r(p.offered_teu),
             "rail_teu": _r(p.rail_teu), "road_teu": _r(p.road_teu),
             "rejected_teu": _r(p.rejected_teu),
             "train_utilisation_pct": _r(p.train_utilisation_pct),
             "co2_saved_t": _r(p.co2_saved_t)} for p in inland.ports]


def _fuel_and_cost(cost: VoyageCost) -> dict[str, Any]:
    return {
        "fuel_t": _r(cost.fuel_t), "sea_fuel_t": _r(cost.sea_fuel_t),
        "idle_fuel_t": _r(cost.idle_fuel_t), "co2_t": _r(cost.co2_t),
        "cost_usd": {"total": _r(cost.total_usd), **{k: _r(v) for k, v in cost.cost_usd.items()}},
    }


def _r(value: float) -> float:
    rounded = round(value, 2)
    return 0.0 if rounded == 0 else rounded


def generated_now() -> datetime:
    """Timestamp for generated files (DTSTAMP)."""
    return datetime.now(UTC).replace(microsecond=0)
