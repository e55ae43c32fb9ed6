"""The inland network for the dashboard's map: rail links, inland ports with their weekly TEU by
rail and road, and each train departure's utilisation (one routing option's plan)."""

from __future__ import annotations

from typing import Any

from tradelane.domain import Case
from tradelane.planning.service_plan import OptionPlan


def inland_doc(case: Case, option: OptionPlan) -> dict[str, Any] | None:
    """``None`` without an inland network; figures are the plan's, per week."""
    network = case.inland
    if network is None:
        return None
    loads = {p.locode: p for p in option.inland.ports} if option.inland else {}
    ports = []
    for code, port in network.ports.items():
        load = loads.get(code)
        ports.append({"locode": code, "name": port.name, "lon": port.lon_deg,
                      "lat": port.lat_deg,
                      "rail_teu": round(load.rail_teu, 1) if load else 0.0,
                      "road_teu": round(load.road_teu, 1) if load else 0.0,
                      "rejected_teu": round(load.rejected_teu, 1) if load else 0.0,
                      "train_utilisation_pct": round(load.train_utilisation_pct, 1)
                      if load else 0.0,
                      "co2_saved_t": round(load.co2_saved_t, 1) if load else 0.0})
    sea = {link.sea_port for link in network.links}
    return {
        "ports": ports,
        "sea_ports": [{"locode": c, "name": case.ports[c].name, "lon": case.ports[c].lon_deg,
                       "lat": case.ports[c].lat_deg} for c in sorted(sea)],
        "links": [{"from": link.inland_port, "to": link.sea_port,
                   "km": link.distance_km, "running_h": link.running_h}
                  for link in network.links],
        "trains": [{"label": t.label, "from": t.inland_port, "to": t.sea_port,
                    "teu": round(t.teu, 1), "capacity_teu": t.capacity_teu,
                    "utilisation_pct": round(100 * t.utilisation, 1),
                    "door_to_ship_days": round(t.door_to_ship_departure_days, 2)}
                   for t in (option.inland.trains if option.inland else ())],
    }
