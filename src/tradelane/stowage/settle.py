"""Heavy boxes low: swap the containers loaded at a call so that the heavier of two stands lower.

The greedy slot choice (:mod:`tradelane.stowage.slots`) places one container at a time, so a
heavy box met late can end high while a lighter one of the same kind sits below. Two
containers loaded at the same call with the same size (length and height), the same port of
discharge and the same reefer state, neither of them dangerous, can trade places without
changing anything the plan has promised: the same columns are filled to the same heights,
every column keeps its POD order, every bay keeps its crane moves at this call and at the
discharge port, reefers stay on plugs. Only the weights move: the ship's KG falls (GM rises,
so less ballast and more deadweight), while the stack weight limits are checked for every swap.

For each class, the heaviest container is tried against the lowest lighter one it can trade
with (the swap's gain ``(w_heavy − w_light) × (z_high − z_low)`` in t·m), and so on down the
list; swaps farther apart than ``max_dx_m`` along the ship are not made, so that trim and
the strength stations change little (the ballast programme meets what remains).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import numpy as np

from tradelane.domain.stowage import Placement
from tradelane.stowage.plan_state import AFT, FORE, FORTY, ShipState
from tradelane.stowage.slots import Targets, candidates, dg_fits

MAX_DX_M = 40.0
"""Largest distance along the ship between two containers that trade places (m)."""


def settle_heavy_low(state: ShipState, ids: Iterable[int], *,
                     max_dx_m: float = MAX_DX_M) -> int:
    """Swap the containers ``ids`` (loaded at one call) heavier-lower; returns the swaps made.

    Parameters
    ----------
    state
        The ship (changed in place).
    ids
        Containers loaded at this call (restows included), all aboard.
    max_dx_m
        Largest longitudinal distance between two containers that trade places.
    """
    ids = [c for c in ids if c in state.spot and not state.units[c].dangerous]
    if len(ids) < 2:
        return 0
    z = stack_vcgs(state, {state.spot[c].stack for c in ids})
    classes: dict[tuple[float, bool, int, bool], list[int]] = defaultdict(list)
    for c in ids:
        u = state.units[c]
        classes[(u.length_ft, u.high_cube, state.seq[c], u.is_reefer)].append(c)
    return sum(_settle_class(state, members, z, max_dx_m) for members in classes.values())


def stack_vcgs(state: ShipState, stacks: Iterable[int]) -> dict[int, float]:
    """The VCG (m) of every container in ``stacks``, from the heights below it (a 40-ft
    container stands on the higher of the two 20-ft columns)."""
    out: dict[int, float] = {}
    for i in stacks:
        h = [0.0, 0.0]
        for level in range(int(state.lvl[i].max())):
            a, b = int(state.grid[i, FORE, level]), int(state.grid[i, AFT, level])
            if a >= 0 and a == b:
                base, height = max(h), state.units[a].height_m
                out[a] = float(state.bottom[i]) + base + height / 2
                h = [base + height, base + height]
                continue
            for col, c in ((FORE, a), (AFT, b)):
                if c >= 0:
                    height = state.units[c].height_m
                    out[c] = float(state.bottom[i]) + h[col] + height / 2
                    h[col] += height
    return out


def _x(state: ShipState, cid: int) -> float:
    sp = state.spot[cid]
    return float(state.lcg[sp.stack]) + {FORE: 3.067, AFT: -3.067, FORTY: 0.0}[sp.column]


def _settle_class(state: ShipState, members: list[int], z: dict[int, float],
                  max_dx_m: float) -> int:
    if len(members) < 2:
        return 0
    ids = np.array(members)
    w = np.array([state.units[c].vgm_t for c in members])
    zz = np.array([z[c] for c in members])
    xx = np.array([_x(state, c) for c in members])
    swaps = 0
    for i in np.argsort(-w, kind="stable"):
        gain = (w[i] - w) * (zz[i] - zz)
        ok = (gain > 1.0) & (np.abs(xx - xx[i]) <= max_dx_m)
        for j in np.flatnonzero(ok)[np.argsort(-gain[ok], kind="stable")][:20]:
            if _swap(state, int(ids[i]), int(ids[j])):
                zz[i], zz[j] = zz[j], zz[i]
                xx[i], xx[j] = xx[j], xx[i]
                swaps += 1
                break
    return swaps


def _room(state: ShipState, cid: int, extra_t: float) -> bool:
    """Whether the stack of ``cid`` takes ``extra_t`` more tonnes in ``cid``'s place."""
    sp = state.spot[cid]
    i = sp.stack
    if extra_t <= 0:
        return True
    if sp.column == FORTY:
        return bool(state.w40[i] + extra_t <= state.maxw40[i] + 1e-6
                    and state.w20[i].max() + (state.w40[i] + extra_t) / 2
                    <= state.maxw20[i] + 1e-6)
    return bool(state.w20[i, sp.column] + extra_t + state.w40[i] / 2 <= state.maxw20[i] + 1e-6)


def _swap(state: ShipState, a: int, b: int) -> bool:
    """Trade the places of ``a`` and ``b`` (same size class) if both stacks' limits allow."""
    ua, ub = state.units[a], state.units[b]
    sa, sb = state.spot[a], state.spot[b]
    if sa.stack == sb.stack and sa.column != sb.column:
        return False  # the two 20-ft columns of one stack: keep it simple
    d = ua.vgm_t - ub.vgm_t
    if sa.stack != sb.stack and not (_room(state, b, d) and _room(state, a, -d)):
        return False
    state.spot[a], state.spot[b] = sb, sa
    for sp, cid in ((sb, a), (sa, b)):
        for col in ((FORE, AFT) if sp.column == FORTY else (sp.column,)):
            state.grid[sp.stack, col, sp.level] = cid
    state._refresh(sa.stack)
    if sb.stack != sa.stack:
        state._refresh(sb.stack)
    return True


def lower_boxes(state: ShipState, ids: Iterable[int], rng: np.random.Generator,
                targets: Targets, *, min_drop_m: float = 2.0, limit: int = 400
                ) -> list[tuple[int, int, int | None]]:
    """Move containers loaded at this call that have nothing on top to legal spots lower down.

    The highest first; each goes to the best-scored legal spot (:func:`candidates`, IMDG rules
    for dangerous goods) at least ``min_drop_m`` lower, or stays. They are this call's loads,
    so a move only changes where the box is loaded: its crane move goes from one bay to
    another (``targets.moves_per_bay`` is kept up to date, so the scores keep spreading the
    work). Returns ``(from bay, to bay, hatch cover opened or None)`` per container moved.
    """
    boxes = [c for c in ids if c in state.spot and not state.above(c)]
    boxes.sort(key=lambda c: -_z(state, c))
    moved: list[tuple[int, int, int | None]] = []
    for cid in boxes:
        if len(moved) >= limit:
            break
        if cid not in state.spot or state.above(cid):
            continue
        unit, seq, old = state.units[cid], state.seq[cid], state.spot[cid]
        z_old = _z(state, cid)
        state.take([cid])
        dg = [Placement(state.units[k], state.position(sp)) for k, sp in state.spot.items()
              if state.units[k].dangerous] if unit.dangerous else []
        spot = None
        for n, (_, sp) in enumerate(candidates(state, unit, seq, targets, rng,
                                               max_z_m=z_old - min_drop_m)):
            if n >= 50:
                break
            if not unit.dangerous or dg_fits(state, unit, sp, dg):
                spot = sp
                break
        state.put(cid, unit, seq, spot if spot is not None else old)
        if spot is not None:
            a, b = int(state.bay[old.stack]), int(state.bay[spot.stack])
            if targets.moves_per_bay.size:
                targets.moves_per_bay[a] -= 1
                targets.moves_per_bay[b] += 1
            moved.append((a, b, None if state.deck[spot.stack] else
                          int(state.group[spot.stack])))
    return moved


def _z(state: ShipState, cid: int) -> float:
    """The VCG of a container with nothing on top (its column's height less half its own)."""
    sp = state.spot[cid]
    top = state.height[sp.stack].max() if sp.column == FORTY else \
        state.height[sp.stack, sp.column]
    return float(state.bottom[sp.stack] + top - state.units[cid].height_m / 2)
