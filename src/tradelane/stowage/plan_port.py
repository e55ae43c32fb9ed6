"""One call of the planner: stow a list of containers, then ballast, check and repair.

:func:`stow_list` places containers one by one (latest discharge first) at the best legal spot
of :func:`tradelane.stowage.slots.candidates`; :func:`finish_port` finds the ballast, checks
the departure condition with the loading computer and, while a rule still breaks, repairs it:
this call's boxes lowered into free slots (GM), boxes loaded at this call left ashore
(reporting why), and, when only shear or bending breaks, containers aboard restowed across
the worst station (:mod:`tradelane.stowage.shift`); then it splits the call's crane moves
among the cranes.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from tradelane.domain.stowage import BrokenRule, ContainerUnit, Placement
from tradelane.stowage.ballast import BallastPlan, _interp, _tonnes_per_m, plan_ballast
from tradelane.stowage.check import CheckReport, check_report
from tradelane.stowage.condition import container_vcgs, loading_condition
from tradelane.stowage.cranes import crane_split
from tradelane.stowage.master import WeightFloors
from tradelane.stowage.plan_state import FORTY, ShipState
from tradelane.stowage.planner_records import LeftAshore, PortCall, PortPlan, StowParams
from tradelane.stowage.settle import lower_boxes
from tradelane.stowage.shift import TARGET_PCT, shift_for_strength
from tradelane.stowage.slots import Targets, candidates, dg_fits, why_not

GM_SHARE = 0.5
"""Share of the GM deficit (× Δ) a repair round recovers by leaving boxes ashore."""
SHIFT_ROUNDS = 12
SHIFT_BATCH = 30
"""Restow repair (:mod:`tradelane.stowage.shift`): rounds, and containers moved per round."""

Item = tuple[int, ContainerUnit, int]


@dataclass(slots=True)
class PortWork:
    """Crane moves per bay at one call, and the hatch covers opened."""

    bays: int
    moves: np.ndarray = field(init=False)
    covers: dict[int, int] = field(default_factory=dict)
    discharges: dict[int, np.ndarray] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.moves = np.zeros(self.bays)

    def move(self, bay: int, n: int = 1) -> None:
        """Count ``n`` container moves in ``bay``."""
        self.moves[bay] += n

    def open_cover(self, group: int, bay: int) -> None:
        """The hatch cover ``group`` (in ``bay``) comes off and goes back once at this call."""
        self.covers.setdefault(group, bay)


def _targets(state: ShipState, items: Sequence[Item]) -> Targets:
    """The cargo LCG that trims the departure condition by 1 m (or centres the LCG range)."""
    profile = state.profile
    empty = loading_condition(profile, [])
    aboard_t = sum(u.vgm_t for u in state.units.values())
    cargo_t = aboard_t + sum(u.vgm_t for _, u, _ in items)
    disp = empty.displacement_t + cargo_t
    lcb, mtc = _interp(profile, disp, "lcb_m"), _interp(profile, disp, "mtc_tm_per_cm")
    if lcb is not None and mtc:
        lcg = lcb - 100 * mtc * 1.0 / disp
    else:
        lo, hi = _interp(profile, disp, "min_lcg_m"), _interp(profile, disp, "max_lcg_m")
        lcg = ((lo or 0.0) + (hi or 0.0)) / 2
    x_per_t = (disp * lcg - empty.displacement_t * empty.lcg_m) / max(cargo_t, 1.0)
    x_per_t = float(np.clip(x_per_t, state.lcg.min(), state.lcg.max()))
    mx = sum(u.vgm_t * _x(state, c) for c, u in state.units.items())
    my = sum(u.vgm_t * state.tcg[state.spot[c].stack] for c, u in state.units.items())
    return Targets(x_per_t=x_per_t, dx_tm=mx - x_per_t * aboard_t, dy_tm=my)


def _x(state: ShipState, cid: int) -> float:
    sp = state.spot[cid]
    return float(state.lcg[sp.stack]) + (0.0 if sp.column == FORTY else
                                         (3.067 if sp.column == 0 else -3.067))


def stow_list(state: ShipState, items: Sequence[Item], work: PortWork, targets: Targets,
              rng: np.random.Generator, *, arrival: bool = False, allow_overstow: bool = False,
              floors: WeightFloors | None = None, lock: bool = False,
              next_load: int | None = None
              ) -> list[tuple[int, ContainerUnit, str]]:
    """Stow ``items`` (id, container, seq); returns those left ashore with the reason.

    ``floors`` is the look-ahead master plan's lowest height per weight class
    (:mod:`tradelane.stowage.master`); without it every box is drawn as low as it can go.
    ``lock``: later calls still load, so a deck box that closes a hatch cover over free hold
    cells pays for them.
    """
    t = _targets(state, items)
    targets.floors, targets.lock, targets.next_load = floors, lock, next_load
    targets.x_per_t, targets.dx_tm, targets.dy_tm = t.x_per_t, t.dx_tm, t.dy_tm
    targets.moves_per_bay = work.moves
    targets.discharges = {} if arrival else work.discharges
    targets.compact = arrival
    targets.min_seq = None if arrival or not items else min(seq for _, _, seq in items)
    weights = [u.vgm_t for _, u, _ in items] + [u.vgm_t for u in state.units.values()]
    targets.ref_t = float(np.median(weights)) if weights else 15.0
    dg = [Placement(u, state.position(state.spot[c])) for c, u in state.units.items()
          if u.dangerous]
    order = sorted(items, key=lambda it: (-it[2], not it[1].dangerous, not it[1].is_reefer,
                                          -it[1].vgm_t))
    left = []
    for cid, unit, seq in order:
        spot = None
        for overstow in (False, True) if allow_overstow or arrival else (False,):
            for _, sp in candidates(state, unit, seq, targets, rng, overstow=overstow):
                if not unit.dangerous or dg_fits(state, unit, sp, dg):
                    spot = sp
                    break
            if spot is not None:
                break
        if spot is None:
            left.append((cid, unit, why_not(state, unit, seq)))
            continue
        state.put(cid, unit, seq, spot)
        x = _x(state, cid)
        targets.dx_tm += unit.vgm_t * (x - targets.x_per_t)
        targets.dy_tm += unit.vgm_t * float(state.tcg[spot.stack])
        if unit.dangerous:
            dg.append(Placement(unit, state.position(spot)))
        if not arrival:
            bay = int(state.bay[spot.stack])
            work.move(bay)
            if not state.deck[spot.stack]:
                work.open_cover(int(state.group[spot.stack]), bay)
            later = work.discharges.get(seq)
            if later is not None:
                later[bay] += 1
    return left


def _placements(state: ShipState) -> list[Placement]:
    return [Placement(state.units[c], state.position(sp)) for c, sp in state.spot.items()]


def _evaluate(state: ShipState, call: PortCall, params: StowParams
              ) -> tuple[BallastPlan, CheckReport]:
    placed = _placements(state)
    ballast = plan_ballast(state.profile, placed, params.criteria, call.next_depth_m)
    report = check_report(state.profile, placed, port=call.locode,
                          next_port_depth_m=call.next_depth_m, criteria=params.criteria,
                          ballast=ballast.tanks_t)
    return ballast, report


def _removable(state: ShipState, new_ids: set[int]) -> list[int]:
    return [c for c in new_ids if c in state.spot and not state.above(c)]


def _drop(state: ShipState, work: PortWork, ids: list[int], call: PortCall, reason: str,
          left: list[LeftAshore]) -> None:
    for c in ids:
        work.move(int(state.bay[state.spot[c].stack]), -1)
        left.append(LeftAshore(state.units[c].number, call.locode, reason))
    state.take(ids)


def _repair(state: ShipState, call: PortCall, new_ids: set[int], work: PortWork,
            params: StowParams, deadline: float, left: list[LeftAshore]
            ) -> tuple[BallastPlan, CheckReport, list[str], int]:
    if not call.departs:
        placed = _placements(state)
        c = loading_condition(state.profile, placed)
        return BallastPlan({}, 0.0, ()), CheckReport((), c, ("the voyage ends here: the "
                                                              "departure is not checked",)), \
            [], 0
    ballast, report = _evaluate(state, call, params)
    notes: list[str] = []
    lowered = False
    for _ in range(params.repair_rounds):
        rules = {b.rule for b in report.broken_rules}
        if not rules or time.perf_counter() > deadline:
            break
        free = _removable(state, new_ids)
        if not free:
            break
        if "gm" in rules and not lowered:
            lowered = True
            targets = _targets(state, [])
            targets.moves_per_bay = work.moves  # updated in place as boxes move
            for _, bay, group in lower_boxes(state, free, np.random.default_rng(params.seed),
                                             targets):
                if group is not None:
                    work.open_cover(group, bay)
            ballast, report = _evaluate(state, call, params)
            continue
        excess = _draft_excess(report, call, params)
        if rules == {"draft"} and excess > 0:
            tonnes = excess * _tonnes_per_m(state.profile, report.condition.displacement_t
                                            if report.condition else 0.0)
            notes.append(f"the draft leaving {call.locode} exceeds the next port's depth "
                         f"{call.next_depth_m} m by {100 * excess:.0f} cm "
                         f"with the least ballast: {tonnes:,.0f} t of this port's cargo "
                         "must stay off")
            # the highest first: the tonnes come off where they cost GM most
            z = dict(zip(list(state.spot), container_vcgs(state.profile, _placements(state)),
                         strict=True))
            free.sort(key=lambda k: (-round(z[k], 1), -state.units[k].vgm_t))
            drop: list[int] = []
            total = 0.0
            for k in free:
                if total >= tonnes * 1.05 + 5:
                    break
                drop.append(k)
                total += state.units[k].vgm_t
            reason = (f"draft: leaving {call.locode} the ship would exceed the next port's "
                      f"depth {call.next_depth_m} m; {tonnes:,.0f} t must stay off")
        else:
            names = ", ".join(sorted(rules))
            drop = _for_gm(state, free, report, params) if "gm" in rules or "heel" in rules \
                else []
            if not drop and rules & {"heel", "tcg"}:
                drop = _for_heel(state, free, report)
            if not drop and rules & {"shear", "bending"}:
                drop = _for_strength(state, free, report, len(new_ids))
            if not drop:
                free.sort(key=lambda k: -state.units[k].vgm_t * state.spot[k].level)
                drop = free[:max(5, len(new_ids) // 50)]
            reason = (f"stability at departure from {call.locode} ({names}) could not be met "
                      "with ballast")
        _drop(state, work, drop, call, reason, left)
        ballast, report = _evaluate(state, call, params)
    ballast, report, shifted = _shift_repair(state, call, work, params, deadline, ballast,
                                             report)
    if shifted:
        notes.append(f"{shifted} containers aboard restowed within the ship to bring shear "
                     "and bending within limits")
    return ballast, report, notes, shifted


def _shift_repair(state: ShipState, call: PortCall, work: PortWork, params: StowParams,
                  deadline: float, ballast: BallastPlan, report: CheckReport
                  ) -> tuple[BallastPlan, CheckReport, int]:
    """While only strength rules break, restow containers aboard across the worst station
    (:mod:`tradelane.stowage.shift`); a round that does not lower the worst load is undone."""
    rng = np.random.default_rng(params.seed)
    total = 0
    target = TARGET_PCT
    for _ in range(SHIFT_ROUNDS):
        rules = {b.rule for b in report.broken_rules}
        c = report.condition
        if not rules or not rules <= {"shear", "bending"} or c is None \
                or time.perf_counter() > deadline:
            break
        before = max(c.max_shear_pct, c.max_bending_pct)
        targets = _targets(state, [])
        moves = shift_for_strength(state, c, rng, max_moves=SHIFT_BATCH, targets=targets,
                                   target_pct=target)
        if not moves:
            break
        new_ballast, new_report = _evaluate(state, call, params)
        nc = new_report.condition
        after = max(nc.max_shear_pct, nc.max_bending_pct) if nc is not None else math.inf
        worse = {b.rule for b in new_report.broken_rules} - {"shear", "bending"}
        if after >= before or worse:
            for m in reversed(moves):
                unit, seq = state.units[m.cid], state.seq[m.cid]
                state.take([m.cid])
                state.put(m.cid, unit, seq, m.origin)
            target -= 3.0  # the linear forecast was too hopeful: aim lower
            continue
        for m in moves:
            work.move(m.from_bay)
            work.move(m.to_bay)
            for g, bay in ((m.from_hold_group, m.from_bay), (m.to_hold_group, m.to_bay)):
                if g is not None:
                    work.open_cover(g, bay)
        total += len(moves)
        ballast, report = new_ballast, new_report
    return ballast, report, total


def _draft_excess(report: CheckReport, call: PortCall, params: StowParams) -> float:
    c = report.condition
    if c is None or c.deepest_draft_m is None or call.next_depth_m is None:
        return 0.0
    return c.deepest_draft_m + params.criteria.under_keel_clearance_m - call.next_depth_m


def _for_gm(state: ShipState, free: list[int], report: CheckReport,
            params: StowParams) -> list[int]:
    """Top containers, highest above KG first (the most GM per tonne left off), until their
    removal lifts GM to the minimum (+0.1 m)."""
    c = report.condition
    if c is None:
        return []
    # half the deficit per round: the ballast, solved again, recovers part of it
    need = GM_SHARE * (params.criteria.min_gm_m + 0.1 - c.gm_m) * c.displacement_t
    placed = [Placement(state.units[k], state.position(state.spot[k])) for k in free]
    z = container_vcgs(state.profile, _placements(state))
    vcg = dict(zip(list(state.spot), z, strict=True))
    gain = sorted(((state.units[k].vgm_t * (vcg[k] - c.kg_m), k) for k in free),
                  key=lambda g: -g[0] / state.units[g[1]].vgm_t)
    drop, total = [], 0.0
    for g, k in gain:
        if total >= need or g <= 0:
            break
        drop.append(k)
        total += g
    del placed
    return drop


def _for_heel(state: ShipState, free: list[int], report: CheckReport) -> list[int]:
    """The fewest containers on the low side whose removal brings the TCG back to 0."""
    c = report.condition
    if c is None:
        return []
    moment = c.tcg_m * c.displacement_t
    side = [k for k in free if state.tcg[state.spot[k].stack] * moment > 0]
    side.sort(key=lambda k: -abs(state.units[k].vgm_t * state.tcg[state.spot[k].stack]))
    drop = []
    for k in side:
        lever = state.units[k].vgm_t * float(state.tcg[state.spot[k].stack])
        if abs(moment - lever) >= abs(moment):
            continue
        drop.append(k)
        moment -= lever
        if abs(moment) < 0.25 * abs(c.tcg_m * c.displacement_t):
            break
    return drop[:1] if drop else []


def _for_strength(state: ShipState, free: list[int], report: CheckReport,
                  count: int) -> list[int]:
    """Heavy top containers on the side of the worst station that carries too much."""
    c = report.condition
    if c is None or not c.stations:
        return []
    st = max(c.stations, key=lambda s: max(s.shear_pct, s.bending_pct))
    if st.shear_pct >= st.bending_pct:
        side = (lambda x: x > st.x_m) if st.shear_t > 0 else (lambda x: x <= st.x_m)
        near = [k for k in free if side(_x(state, k)) and abs(_x(state, k) - st.x_m) < 60]
    else:
        far = st.bending_tm > 0  # hogging: weight at the ends; sagging: near the station
        near = [k for k in free if (abs(_x(state, k) - st.x_m) > 60) == far]
    near.sort(key=lambda k: -state.units[k].vgm_t)
    return near[:max(5, count // 50)]


def finish_port(state: ShipState, call: PortCall, index: int, items: Sequence[Item],
                discharged: int, restows: int, work: PortWork,
                left_raw: Sequence[tuple[int, ContainerUnit, str]], params: StowParams,
                deadline: float) -> PortPlan:
    """Ballast, check and repair the departure condition; crane split; the call's record."""
    left = [LeftAshore(u.number, call.locode, reason) for _, u, reason in left_raw]
    restow_ids = {c for c, _, _ in items[:restows]}
    new_ids = {c for c, _, _ in items} - restow_ids
    ballast, report, notes, shifted = _repair(state, call, new_ids, work, params, deadline,
                                              left)
    restows += shifted
    cover_moves = np.zeros(work.bays)
    for _, bay in work.covers.items():
        cover_moves[bay] += 2 * call.hatch_cover_moves
    per_bay = [round(m) for m in work.moves + cover_moves]
    split = crane_split(per_bay, cranes=call.cranes, moves_per_crane_h=call.moves_per_crane_h,
                        clearance_bays=call.clearance_bays)
    bound = max(sum(per_bay) / call.cranes, max(per_bay, default=0)) / call.moves_per_crane_h
    c = report.condition
    loaded = len([i for i in new_ids if i in state.spot])
    return PortPlan(
        locode=call.locode, discharged=discharged, loaded=loaded, restows=restows,
        rehandle_moves=2 * restows, hatch_cover_moves=int(cover_moves.sum()),
        moves_per_bay=tuple(per_bay), crane_makespan_h=round(split.makespan_h, 3),
        crane_bound_h=round(bound, 3),
        port_stay_h=round(call.berthing_h + split.makespan_h, 3) if per_bay and sum(per_bay)
        else 0.0,
        departure=tuple(_placements(state)), ballast_t=dict(ballast.tanks_t),
        broken_rules=tuple(report.broken_rules), left_ashore=tuple(left),
        gm_m=c.gm_m if c else float("nan"), heel_deg=c.heel_deg if c else None,
        trim_m=c.trim_m if c else None, draft_m=c.deepest_draft_m if c else None,
        max_bending_pct=c.max_bending_pct if c else 0.0,
        max_shear_pct=c.max_shear_pct if c else 0.0,
        displacement_t=c.displacement_t if c else 0.0,
        notes=tuple(notes) + tuple(report.notes) + tuple(
            f"ballast could not meet: {u}" for u in ballast.unmet))


def broken_summary(rules: Sequence[BrokenRule]) -> str:
    """``rule ×count`` for people."""
    counts: dict[str, int] = {}
    for b in rules:
        counts[b.rule] = counts.get(b.rule, 0) + 1
    return ", ".join(f"{k} ×{v}" for k, v in sorted(counts.items()))
