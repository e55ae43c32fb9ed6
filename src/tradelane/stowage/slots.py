"""Slot choice: every legal spot for one container on the whole ship, scored, best first.

A spot is legal when the container fits its length (20-ft column or 40-ft cell, cells closed
to a length, no 20 on a 40, support from below), the stack's weight and height limits, a free
reefer plug for an operating reefer, the hatch-cover rules (a deck container is discharged no
later than the hold containers under its cover; the hold under a cover with containers left on
it from earlier ports is not opened) and, unless overstowing is allowed, the column's POD
order (nothing for a later port above a container for an earlier one). Dangerous goods are
then checked one candidate at a time with the IMDG rules of :mod:`tradelane.stowage.dg`.

The score (lower is better) is the master plan's preference, in tonne-metres and moves:
low VCG for heavy boxes (GM), the ship's longitudinal and transverse moments kept near their
targets (trim, heel), crane work spread over the bays (this port's moves and, for the
container's POD, that port's discharges), PODs kept apart in stacks, plugs kept for reefers,
20-ft pairs completed. A seeded tie-break makes runs repeat exactly.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from tradelane.data.stowage_cargo import segregation_table
from tradelane.domain.stowage import ContainerUnit, Placement
from tradelane.stowage.dg import dg_violations, is_segregated
from tradelane.stowage.master import WeightFloors
from tradelane.stowage.plan_state import AFT, FORE, FORTY, ShipState, Spot

W_VCG = 1.0
W_BALANCE = 1.0
W_CRANE = 6.0
W_POD_CRANE = 3.0
W_POD_MIX = 150.0
W_PLUG = 400.0
W_PAIR = 120.0
W_OVERSTOW = 1e6
W_NEW_STACK = 3000.0
W_COVER_MIX = 2000.0
W_HEAVY_DECK = 60.0
W_LIGHT_HOLD = 60.0
W_FLOOR = 40.0
W_LOCK = 600.0
W_OPEN_GROUP = 3000.0
"""For starting an empty hatch (its cover and the holds under it) while later calls load."""
"""Per free hold cell (40 ft) closed to the later calls by the first deck box on its cover."""
"""Per metre a container would stand below its master-plan floor (:mod:`.master`)."""


@dataclass(slots=True)
class Targets:
    """Running moments (t·m) of the cargo placed against the targets, and crane counts."""

    x_per_t: float = 0.0
    dx_tm: float = 0.0
    dy_tm: float = 0.0
    moves_per_bay: np.ndarray = field(default_factory=lambda: np.zeros(0))
    discharges: dict[int, np.ndarray] = field(default_factory=dict)
    compact: bool = False
    ref_t: float = 15.0
    floors: WeightFloors | None = None
    lock: bool = False
    next_load: int | None = None
    min_seq: int | None = None


def _columns(unit: ContainerUnit) -> tuple[int, ...]:
    return (FORTY,) if unit.length_ft != 20 else (FORE, AFT)


def _feasible(state: ShipState, unit: ContainerUnit, seq: int, column: int,
              overstow: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mask of stacks where ``unit`` may go in ``column``, the level and the base height."""
    rows = np.arange(len(state.ncell))
    w, h = unit.vgm_t, unit.height_m
    if column == FORTY:
        level = state.lvl[:, FORE]
        ok = (state.lvl[:, FORE] == state.lvl[:, AFT]) & (level < state.ncell)
        ok &= state.allow40[rows, level]
        base = state.height.max(axis=1)
        ok &= base + h <= state.maxh + 1e-6
        ok &= state.w40 + w <= state.maxw40 + 1e-6
        ok &= state.w20.max(axis=1) + (state.w40 + w) / 2 <= state.maxw20 + 1e-6
        pod = state.minpod.min(axis=1)
    else:
        level = state.lvl[:, column]
        ok = (level < state.ncell) & state.allow20[rows, level]
        ok &= ~((level > 0) & state.is40[rows, np.maximum(level - 1, 0)])
        base = state.height[:, column]
        ok &= base + h <= state.maxh + 1e-6
        ok &= state.w20[:, column] + w + state.w40 / 2 <= state.maxw20 + 1e-6
        pod = state.minpod[:, column]
    if unit.is_reefer:
        ok &= state.plugs[rows, level] - state.plug_used[rows, level] >= 1
    g = state.group
    if overstow:
        ok &= state.deck | ~state.locked[g]
    else:
        deck_ok = seq <= state.holdmin[g]
        hold_ok = (seq >= state.deckmax[g]) & ~state.locked[g]
        ok &= np.where(state.deck, deck_ok, hold_ok) & (seq <= pod)
    return ok, level, base


def candidates(state: ShipState, unit: ContainerUnit, seq: int, targets: Targets,
               rng: np.random.Generator, *, overstow: bool = False,
               max_z_m: float | None = None) -> Iterator[tuple[float, Spot]]:
    """Legal spots for ``unit`` (DG rules not yet checked), best first, made as they are read;
    with ``max_z_m``, only spots where the container's VCG would be at most that high."""
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
    w = unit.vgm_t
    floor = targets.floors.floor(unit) if targets.floors is not None else 0.0
    hold_free = _hold_free(state) if targets.lock or targets.min_seq is not None else None
    used = (np.bincount(state.group, weights=state.lvl.max(axis=1), minlength=state.ngroups)
            > 0) if targets.lock else None
    for column in _columns(unit):
        ok, level, base = _feasible(state, unit, seq, column, overstow)
        if max_z_m is not None:
            ok &= state.bottom + base + unit.height_m / 2 <= max_z_m
        idx = np.flatnonzero(ok)
        if idx.size == 0:
            continue
        z = state.bottom[idx] + base[idx] + unit.height_m / 2
        x = state.lcg[idx] + {FORE: 3.067, AFT: -3.067, FORTY: 0.0}[column]
        y = state.tcg[idx]
        score = W_VCG * w * z
        if floor > 0.0:
            score += W_FLOOR * np.maximum(0.0, floor - z)
        score += W_BALANCE * (np.abs(targets.dx_tm + w * (x - targets.x_per_t))
                              - abs(targets.dx_tm))
        score += W_BALANCE * (np.abs(targets.dy_tm + w * y) - abs(targets.dy_tm))
        bays = state.bay[idx]
        if targets.moves_per_bay.size:
            score += W_CRANE * targets.moves_per_bay[bays]
        later = targets.discharges.get(seq)
        if later is not None:
            score += W_POD_CRANE * later[bays]
        pod = (state.minpod.min(axis=1) if column == FORTY else state.minpod[:, column])[idx]
        score += np.where((pod < 10**6) & (pod != seq), W_POD_MIX, 0.0)
        score += np.where(pod < seq, W_OVERSTOW, 0.0)
        lv = level[idx]
        if not unit.is_reefer:
            free = state.plugs[idx, lv] - state.plug_used[idx, lv]
            score += np.where(free > 0, W_PLUG, 0.0)
        if column != FORTY:
            other = state.lvl[idx, AFT if column == FORE else FORE]
            score -= np.where(other > lv, W_PAIR, 0.0)
        deck = state.deck[idx]
        if hold_free is not None:
            g = state.group[idx]
            # the first deck box on this cover that stays past the next loading call
            clear = np.zeros(idx.size, bool)
            if targets.lock:
                clear = state.deck_count[g] == 0 if targets.next_load is None else \
                    (state.deckmax[g] <= targets.next_load) & (seq > targets.next_load)
            if targets.min_seq is not None and seq > targets.min_seq:
                # the cover's first box for a port after some of this call's own boxes
                clear |= state.deckmax[g] < seq
            score += np.where(deck & clear, W_LOCK * hold_free[g], 0.0)
        if used is not None:
            score += np.where(used[state.group[idx]], 0.0, W_OPEN_GROUP)
        holdmin = state.holdmin[state.group[idx]]
        score += np.where(~deck & (holdmin < 10**6) & (seq < holdmin), W_COVER_MIX, 0.0)
        score += np.where(deck & (seq < holdmin) & (holdmin < 10**6), W_POD_MIX, 0.0)
        score += np.where(deck, W_HEAVY_DECK * max(0.0, w - targets.ref_t),
                          W_LIGHT_HOLD * max(0.0, targets.ref_t - w))
        if targets.compact:
            score += np.where(state.lvl[idx].max(axis=1) == 0, W_NEW_STACK, 0.0)
        score += rng.random(idx.size) * 1e-3
        parts.append((score, idx, lv, np.full(idx.size, column)))
    if not parts:
        return
    score, idx, lv, col = (np.concatenate(a) for a in zip(*parts, strict=True))
    for k in np.argsort(score, kind="stable"):  # Spot objects only for the spots looked at
        yield float(score[k]), Spot(int(idx[k]), int(col[k]), int(lv[k]))


def _hold_free(state: ShipState) -> np.ndarray:
    """Per hatch cover, the free 40-ft cells of the hold sections under it."""
    free = np.where(state.deck, 0, state.ncell - state.lvl.max(axis=1))
    return np.bincount(state.group, weights=free, minlength=state.ngroups)


def dg_requirement(a: ContainerUnit, b: ContainerUnit) -> int:
    """The IMDG 7.2.4 segregation requirement between two DG containers (0: none)."""
    table = segregation_table()
    need = 0
    for da in a.dangerous:
        for db in b.dangerous:
            if da.un_number != db.un_number:
                need = max(need, table.get((da.imo_class, db.imo_class), 0))
    return need


def dg_fits(state: ShipState, unit: ContainerUnit, spot: Spot,
            placed_dg: Sequence[Placement]) -> bool:
    """Whether a DG container may stand at ``spot`` (stowage category, SW codes, segregation)."""
    here = Placement(unit, state.position(spot))
    if dg_violations(state.profile, [here]):
        return False
    for other in placed_dg:
        need = dg_requirement(unit, other.container)
        if need and not is_segregated(state.profile, here, other, need):
            return False
    return True


def why_not(state: ShipState, unit: ContainerUnit, seq: int) -> str:
    """One sentence: why no spot on the ship takes ``unit``."""
    length = "20-ft" if unit.length_ft == 20 else "40-ft"
    rows = np.arange(len(state.ncell))
    fits = np.zeros(len(rows), bool)
    for column in _columns(unit):
        level = state.lvl[:, FORE] if column == FORTY else state.lvl[:, column]
        fits |= level < state.ncell
    if not fits.any():
        return f"no free {length} slot is left on the ship"
    if unit.is_reefer and not any(
            (state.plugs[rows, state.lvl[:, c if c != FORTY else FORE]]
             > state.plug_used[rows, state.lvl[:, c if c != FORTY else FORE]]).any()
            for c in _columns(unit)):
        return "no free reefer plug is left"
    if next(candidates(state, unit, seq, Targets(), np.random.default_rng(0), overstow=True),
            None) is not None:
        return ("every free slot that takes it would overstow a container for an earlier "
                "port (a restow), which the plan avoids")
    if unit.dangerous:
        return ("no free slot meets its IMDG stowage category, SW codes and segregation from "
                "the dangerous goods aboard")
    return (f"every free {length} slot would break a stack weight or height limit, a 20-on-40 "
            "or a hatch-cover rule")
