"""The server's case stowed voyage by voyage for the dashboard's ``#stowage`` view.

A voyage's stowage (``app.stowage.plan_voyage`` on the case's sample load list) takes up to
its time limit, so plans run one at a time (a second request for the same parameters waits
and then reads the first's answer) and the last few are kept in memory, keyed by voyage,
seed and time limit. The documents carry the pictures of ``tradelane.stowage.svg`` (the same
files as ``stow plan --svg``) and the figures for the tables beside them.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from pathlib import Path
from typing import Any

from tradelane.app.stowage import StowOutcome, StowRequest, plan_voyage
from tradelane.domain.stowage import Placement
from tradelane.errors import InputError
from tradelane.stowage.cranes import crane_split
from tradelane.stowage.planner_records import PortCall, PortPlan, StowParams
from tradelane.stowage.svg import bay_svg, cranes_svg, iso_bay_label, side_svg, voyage_colours

_KEEP = 4  # stowage plans remembered (voyage, seed, time limit → outcome)


class StowagePlans:
    """Stowage plans of one case's voyages (the sample load list), the last few kept."""

    def __init__(self, case_path: Path) -> None:
        self.case_path = case_path
        self._solve = threading.Lock()  # one solve at a time
        self._kept = threading.Lock()  # the kept plans (held only briefly)
        self._plans: OrderedDict[tuple[str, int, float], StowOutcome] = OrderedDict()

    def _get(self, key: tuple[str, int, float]) -> StowOutcome | None:
        with self._kept:
            if key in self._plans:
                self._plans.move_to_end(key)
                return self._plans[key]
            return None

    def plan(self, voyage: str, seed: int, time_limit_s: float) -> StowOutcome:
        """The voyage's stowage from the case's first call (kept; one solve at a time, while
        kept plans are read without waiting)."""
        key = (voyage.strip().upper(), seed, time_limit_s)
        kept = self._get(key)
        if kept is not None:
            return kept
        with self._solve:
            kept = self._get(key)  # solved while this request waited
            if kept is not None:
                return kept
            out = plan_voyage(StowRequest(self.case_path, key[0], StowParams(
                time_limit_s=time_limit_s, seed=seed)))
        with self._kept:
            self._plans[key] = out
            if len(self._plans) > _KEEP:
                self._plans.popitem(last=False)
        return out


def _r(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def stowage_doc(out: StowOutcome, voyage: str, time_limit_s: float) -> dict[str, Any]:
    """The voyage's plan: status, terms, POD colours and, per call, figures and pictures."""
    res, plan = out.result, out.result.solution
    ports = plan.ports if plan else ()
    colours = _colours(out)
    return {
        "voyage": voyage, "seed": res.seed, "time_limit_s": time_limit_s,
        "status": res.status.value, "objective": res.objective, "bound": res.bound,
        "runtime_s": round(res.runtime_s, 3), "profile": out.profile.name,
        "capacity_teu": out.profile.capacity_teu, "source": out.source,
        "notes": list(out.notes), "terms": dict(plan.terms) if plan else {},
        "pods": [{"locode": k, "colour": v} for k, v in colours.items()],
        "ports": [_port_doc(out, call, p, colours) for call, p in zip(out.calls, ports,
                                                                         strict=False)],
    }


def _colours(out: StowOutcome) -> dict[str, str]:
    plan = out.result.solution
    aboard = (x for p in (plan.ports if plan else ()) for x in p.departure)
    return voyage_colours((c.locode for c in out.calls), aboard)


def _port_doc(out: StowOutcome, call: PortCall, p: PortPlan, colours: dict[str, str]
              ) -> dict[str, Any]:
    split = crane_split(p.moves_per_bay, cranes=call.cranes,
                        moves_per_crane_h=call.moves_per_crane_h,
                        clearance_bays=call.clearance_bays)
    title = f"{out.profile.name}, departure {p.locode}"
    return {
        "locode": p.locode, "discharged": p.discharged, "loaded": p.loaded,
        "restows": p.restows, "teu_aboard": p.loaded_teu,
        "containers_aboard": len(p.departure), "left_ashore": len(p.left_ashore),
        "displacement_t": _r(p.displacement_t, 1), "gm_m": _r(p.gm_m),
        "heel_deg": _r(p.heel_deg), "trim_m": _r(p.trim_m), "draft_m": _r(p.draft_m),
        "max_bending_pct": _r(p.max_bending_pct, 1), "max_shear_pct": _r(p.max_shear_pct, 1),
        "ballast_t": round(sum(p.ballast_t.values()), 1),
        "broken_rules": [b.message for b in p.broken_rules],
        "crane_makespan_h": _r(p.crane_makespan_h), "crane_bound_h": _r(p.crane_bound_h),
        "port_stay_h": _r(p.port_stay_h),
        "cranes": [{"crane": c.crane, "first_bay": iso_bay_label(c.first_bay),
                    "last_bay": iso_bay_label(c.last_bay), "moves": c.moves,
                    "busy_h": _r(c.busy_h), "finish_h": _r(c.finish_h)}
                   for c in split.cranes],
        "bays": _bays(out, p),
        "side_svg": side_svg(out.profile, p.departure, colours,
                             title=f"{title}: side profile by POD"),
        "cranes_svg": cranes_svg(split, p.moves_per_bay, title=f"{p.locode} crane split"),
    }


def _bays(out: StowOutcome, p: PortPlan) -> list[dict[str, Any]]:
    """Per 40-ft bay: moves at the call, containers, TEU and tonnes aboard, TEU per POD."""
    per: dict[int, list[Placement]] = {}
    for x in p.departure:
        per.setdefault((x.position.bay - 1) // 4, []).append(x)
    rows = []
    for i in range(out.profile.bays):
        here = per.get(i, [])
        by_pod: Counter[str] = Counter()
        for x in here:
            by_pod[x.container.pod] += x.container.teu
        rows.append({"bay": iso_bay_label(i), "moves": p.moves_per_bay[i]
                     if i < len(p.moves_per_bay) else 0,
                     "containers": len(here), "teu": sum(by_pod.values()),
                     "tonnes": round(sum(x.container.vgm_t for x in here), 1),
                     "reefers": sum(x.container.is_reefer for x in here),
                     "dg": sum(bool(x.container.dangerous) for x in here),
                     "teu_by_pod": dict(by_pod)})
    return rows


def bay_doc(out: StowOutcome, port: str, bay: int) -> dict[str, Any]:
    """One call's departure in one 40-ft bay (ISO number ``bay``): the picture and its
    containers."""
    plan = out.result.solution
    ports = {p.locode: p for p in (plan.ports if plan else ())}
    if port not in ports:
        raise InputError("port", port, f"is not a planned call ({', '.join(ports)})")
    index, rest = divmod(bay - 2, 4)
    if rest or not 0 <= index < out.profile.bays:
        raise InputError("bay", bay, f"is not a 40-ft bay of {out.profile.name} (02, 06 … "
                         f"{iso_bay_label(out.profile.bays - 1)})")
    p = ports[port]
    here = sorted((x for x in p.departure if (x.position.bay - 1) // 4 == index),
                  key=lambda x: (not x.position.on_deck, -x.position.tier, x.position.row,
                                 x.position.bay))
    return {
        "port": port, "bay": iso_bay_label(index),
        "svg": bay_svg(out.profile, p.departure, index, _colours(out),
                       title=f"{out.profile.name}, departure {port}: bay {iso_bay_label(index)}"),
        "containers": [{"position": x.position.code, "number": x.container.number,
                        "iso_type": x.container.iso_type, "vgm_t": x.container.vgm_t,
                        "pol": x.container.pol, "pod": x.container.pod,
                        "reefer_setpoint_c": x.container.reefer_setpoint_c,
                        "dg": [f"UN{d.un_number} ({d.imo_class})"
                               for d in x.container.dangerous]} for x in here],
    }
