"""The dashboard's documents: plan, route map, schedules, utilisation, bookings, berth plan."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from tradelane.api.dashboard.inland import inland_doc
from tradelane.api.dashboard.planner import Planner
from tradelane.api.schedules.operations import all_calls
from tradelane.app.berth import place_berth_week
from tradelane.app.planning import choose_option, schedule_window
from tradelane.app.trade import USED_CARS, classify_commodity
from tradelane.berth import BerthParams
from tradelane.data.trade import new_three_commodities
from tradelane.domain import Routing
from tradelane.domain.schedule import ScheduledCall
from tradelane.io.schedule_files import iso_utc
from tradelane.planning import OptionPlan, ServicePlan
from tradelane.planning.berth_week import berth_plan_to_dict
from tradelane.planning.route_map import PASSAGE_POSITIONS, ship_positions
from tradelane.store.parties import Caller
from tradelane.store.utilisation import BookingLine, LegUsage, booking_lines, leg_loads


def case_summary(planner: Planner, now: datetime) -> dict[str, Any]:
    """The server's case: service, rotation with port positions, fleet and scenario defaults."""
    case = planner.case
    return {
        "code": case.service.code, "name": case.service.name,
        "file": Path(case.source).name if case.source else "",
        "rotation": list(case.service.rotation),
        "ports": [{"locode": code, "name": case.ports[code].name,
                   "lon": case.ports[code].lon_deg, "lat": case.ports[code].lat_deg}
                  for code in dict.fromkeys(case.service.rotation)],
        "frequency_days": case.service.frequency_days, "ships": case.ships,
        "vessel_class": case.vessel_class.name, "capacity_teu": case.vessel_class.capacity_teu,
        "min_speed_kn": case.vessel_class.min_speed_kn,
        "max_speed_kn": case.vessel_class.max_speed_kn,
        "design_draft_m": case.vessel_class.design_draft_m,
        "options": [r.value for r in case.routing.options], "closed": sorted(case.routing.closed),
        "panama_draft_limit_m": case.routing.panama_draft_limit_m,
        "terminals": sorted(case.terminals), "now": iso_utc(now.replace(microsecond=0)),
    }


def chosen_option(plan: ServicePlan, routing: Routing | None) -> OptionPlan:
    """The option of ``routing``, else the first feasible, else the first with a schedule."""
    return choose_option(plan, routing)


def route_doc(planner: Planner, plan: ServicePlan, option: OptionPlan, at: datetime
              ) -> dict[str, Any]:
    """The route map of ``option``: leg lines, ports, passages and ship positions at ``at``."""
    paths = planner.paths(plan, option)
    used = {p for leg in option.legs for p in leg.passages}
    return {
        "routing": option.routing.value, "feasible": option.feasible,
        "violations": list(option.violations), "at": iso_utc(at.replace(microsecond=0)),
        "legs": [{"from": leg.origin, "to": leg.destination, "nm": round(leg.distance_nm, 1),
                  "passages": list(leg.passages), "path": [list(p) for p in path]}
                 for leg, path in zip(option.legs, paths, strict=True)],
        "passages": [{"name": name, "lon": lon, "lat": lat, "used": name in used,
                      "closed": name in plan.case.routing.closed}
                     for name, (lon, lat) in PASSAGE_POSITIONS.items()],
        "ships": [{"ship": s.ship, "name": s.vessel_name, "voyage": s.voyage,
                   "lon": s.lon_deg, "lat": s.lat_deg, "state": s.state, "where": s.where}
                  for s in ship_positions(plan, option, paths, at)],
        "inland": inland_doc(plan.case, option),
    }


def proforma_calls(plan: ServicePlan, option: OptionPlan, weeks: int,
                   since: datetime | None = None) -> list[ScheduledCall]:
    """Every call of ``option`` with an ETA in the ``weeks`` weeks from ``since`` (default:
    the calendar start), from the lane calendar."""
    return schedule_window(plan, option, weeks, since)


def schedule_doc(plan: ServicePlan, option: OptionPlan, weeks: int,
                 since: datetime | None = None) -> dict[str, Any]:
    """The proforma schedule of ``option`` as rows (one per call)."""
    names = {code: port.name for code, port in plan.case.ports.items()}
    return {"routing": option.routing.value, "feasible": option.feasible, "weeks": weeks,
            "start": iso_utc(since or plan.start),
            "calls": [{"ship": c.ship, "vessel_name": c.vessel_name, "sequence": c.sequence,
                       "voyage": c.export_voyage, "import_voyage": c.import_voyage,
                       "export_voyage": c.export_voyage,
                       "direction": c.direction, "locode": c.locode,
                       "port_name": names.get(c.locode, c.locode), "eta": iso_utc(c.eta),
                       "etd": iso_utc(c.etd)}
                      for c in proforma_calls(plan, option, weeks, since)]}


def published_doc(session: Session) -> dict[str, Any]:
    """Every published call (the sailings on sale), ordered by ETA."""
    views = sorted(all_calls(session), key=lambda v: (v.call.eta, v.call.vessel_id))
    return {"calls": [{"vessel_name": v.call.vessel.name, "sequence": v.call.sequence,
                       "voyage": v.export_voyage, "import_voyage": v.import_voyage,
                       "export_voyage": v.export_voyage, "locode": v.call.locode,
                       "eta": iso_utc(v.call.eta), "etd": iso_utc(v.call.etd)}
                      for v in views]}


def utilisation_doc(session: Session, party: Caller) -> dict[str, Any]:
    """Load of every published leg and the cargo mix, as far as ``party`` may see."""
    own = None if party.role == "carrier" else party.id
    legs = leg_loads(session, own)
    bookings = [b for b in booking_lines(session, own) if b.status == "CONFIRMED"]
    return {"party": party.name, "role": party.role,
            "sailings": _sailings(legs), "mix": cargo_mix(bookings)}


def _sailings(legs: list[LegUsage]) -> list[dict[str, Any]]:
    by_voyage: dict[str, dict[str, Any]] = {}
    for leg in legs:
        sailing = by_voyage.setdefault(leg.voyage, {"voyage": leg.voyage,
                                                    "vessel_name": leg.vessel_name,
                                                    "etd": iso_utc(leg.etd), "legs": []})
        sailing["legs"].append({
            "leg_id": leg.leg_id, "from": leg.from_locode, "to": leg.to_locode,
            "etd": iso_utc(leg.etd), "eta": iso_utc(leg.eta),
            "teu": leg.used_teu, "capacity_teu": leg.capacity_teu,
            "t": leg.used_t, "capacity_t": leg.capacity_t,
            "reefer_plugs": leg.used_reefer_plugs, "capacity_reefer_plugs": leg.reefer_plugs,
            "dg_teu": leg.dg_teu})
    for sailing in by_voyage.values():
        sailing["max_teu_share"] = max((x["teu"] / x["capacity_teu"] if x["capacity_teu"]
                                        else 0.0) for x in sailing["legs"])
    return list(by_voyage.values())


def cargo_mix(bookings: list[BookingLine]) -> dict[str, Any]:
    """TEU by shipper and by commodity, the dangerous-goods and "new three" shares."""
    total = sum(b.teu for b in bookings)
    shippers: Counter[str] = Counter()
    commodities: Counter[str] = Counter()
    dg = 0
    for b in bookings:
        shippers[b.shipper] += b.teu
        dg += b.teu if b.is_dangerous else 0
        for teu, hs_codes, types in b.lines:
            commodities[commodity_label(hs_codes, types)] += teu
    names = new_three_commodities()
    new_three = sum(teu for name, teu in commodities.items() if name in names)
    return {"teu": total, "bookings": len(bookings),
            "dg_share": dg / total if total else None,
            "new_three_share": new_three / total if total else None,
            "new_three_teu": {name: commodities.get(name, 0) for name in names},
            "shippers": [{"name": n, "teu": t} for n, t in shippers.most_common(10)],
            "commodities": [{"name": n, "teu": t} for n, t in commodities.most_common(10)]}


def commodity_label(hs_codes: tuple[str, ...], types: tuple[str, ...]) -> str:
    """The trade report's group of a "new three" or used-car HS code
    (``app.trade.classify_commodity``: ``data/trade_hs.csv`` by 6-digit subheading), else the
    commodity type, else the HS code."""
    kind = " ".join(t for t in types if t)
    for code in hs_codes:
        group, new_three = classify_commodity(code, kind)
        if new_three or group == USED_CARS:
            return group
    named = next((t for t in types if t), None)
    return named or (hs_codes[0] if hs_codes else "unspecified")


def bookings_doc(session: Session, party: Caller, voyage: str) -> dict[str, Any]:
    """The bookings of one voyage number that ``party`` may see."""
    own = None if party.role == "carrier" else party.id
    rows = booking_lines(session, own, voyage)
    return {"voyage": voyage, "role": party.role, "bookings": [{
        "reference": b.reference, "shipper": b.shipper, "status": b.status, "pol": b.pol,
        "pod": b.pod, "etd": iso_utc(b.etd), "teu": b.teu, "t": b.weight_t,
        "reefer_plugs": b.reefer_plugs, "dangerous": b.is_dangerous,
        "commodities": sorted({commodity_label(h, t) for _, h, t in b.lines})} for b in rows]}


def berth_doc(plan: ServicePlan, locode: str, week_start: datetime, time_limit_s: float
              ) -> dict[str, Any]:
    """The terminal's berth plan for the week, with the lane's call placed among the others."""
    placed = place_berth_week(plan, locode, week_start,
                              BerthParams(time_limit_s=time_limit_s, seed=1))
    weekly = placed.weekly
    doc = berth_plan_to_dict(weekly, placed.result)
    doc["berths"] = list(weekly.instance.berth_names)
    doc["terminal_name"] = weekly.terminal.name
    doc["week_end"] = (week_start + timedelta(days=7)).isoformat()
    return doc
