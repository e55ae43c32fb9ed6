"""Restow repair: move containers already aboard within the ship to relieve shear and bending.

At a call where nothing is loaded (a discharge-only port), leaving cargo ashore cannot fix a
departure whose shear force or bending moment the ballast cannot bring within limits: the
weight has to move. :func:`shift_for_strength` lifts containers that have nothing on top
(deck containers, or hold containers under a hatch cover with nothing on it) from the side
of the worst station that carries too much and puts each back at a legal spot on the other
side (the same rules as loading: :func:`tradelane.stowage.slots.candidates` and, for
dangerous goods, :func:`tradelane.stowage.slots.dg_fits`). Each such move is a restow: two
crane moves (off and back on), counted in the call's rehandles.

The choice is linear in the station loads of the loading computer's last condition: moving
``w`` tonnes from ``x1`` to ``x2`` changes the shear at every station between them by ``w``
and the bending moment at a station by ``w`` times the change in lever forward of it, less
the buoyancy's change as it tilts with the LCG (as the loading computer spreads it); the
next ballast programme is left to the next check.
Among the legal spots the one with the lowest predicted worst load (% of limit) wins, the
shortest move on ties; a container is moved only when the predicted worst load falls.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from tradelane.domain.stowage import Placement
from tradelane.stowage.ballast import buoyancy_forward
from tradelane.stowage.condition import Condition
from tradelane.stowage.plan_state import FORTY, ShipState, Spot
from tradelane.stowage.slots import Targets, candidates, dg_fits

SPOTS_LOOKED_AT = 400
"""Legal spots looked at per container (best scored first)."""
TARGET_PCT = 98.0
"""A round stops moving once the predicted worst load is this share of its limit (by default;
the caller lowers it when a round did not help)."""


@dataclass(frozen=True, slots=True)
class Shift:
    """One container moved within the ship at a call: its id, where it stood, the two 40-ft
    bays and the hatch covers opened (hold spots)."""

    cid: int
    origin: Spot
    from_bay: int
    to_bay: int
    from_hold_group: int | None
    to_hold_group: int | None


@dataclass(slots=True)
class _Loads:
    """Station x, shear (t), bending (t·m) and their limits, as arrays."""

    x: np.ndarray
    shear: np.ndarray
    bending: np.ndarray
    shear_hi: np.ndarray
    shear_lo: np.ndarray
    bend_hi: np.ndarray
    hog_limited: np.ndarray
    buoy_per_tm: np.ndarray
    buoy_moment_per_tm: np.ndarray

    def pct(self, shear: np.ndarray, bending: np.ndarray) -> float:
        """The worst station load after a change, as % of its limit."""
        s = np.where(shear >= 0, shear / self.shear_hi, shear / self.shear_lo)
        limited = (bending < 0) | self.hog_limited
        b = np.where(limited, np.abs(bending) / self.bend_hi, 0.0)
        return 100.0 * float(max(s.max(), b.max()))

    def delta(self, w: float, x1: float, x2: float) -> tuple[np.ndarray, np.ndarray]:
        """Change in shear and bending when ``w`` t move from ``x1`` to ``x2`` (the weight,
        and the buoyancy tilting with the LCG)."""
        d_s = w * ((x2 > self.x).astype(float) - (x1 > self.x))
        d_b = w * (np.where(x2 > self.x, x2 - self.x, 0.0) - np.where(x1 > self.x,
                                                                     x1 - self.x, 0.0))
        d_mx = w * (x2 - x1)
        return d_s - self.buoy_per_tm * d_mx, d_b - self.buoy_moment_per_tm * d_mx


def _loads(state: ShipState, c: Condition) -> _Loads | None:
    limits = state.profile.stations
    if not c.stations or not limits:
        return None
    xs = np.array([s.x_m for s in c.stations])
    mx = c.displacement_t * c.lcg_m
    b0, m0 = buoyancy_forward(state.profile, c.displacement_t, mx, xs)
    b1, m1 = buoyancy_forward(state.profile, c.displacement_t, mx + 1000.0, xs)
    return _Loads(xs,
                  np.array([s.shear_t for s in c.stations]),
                  np.array([s.bending_tm for s in c.stations]),
                  np.array([st.max_shear_t for st in limits]),
                  np.array([st.min_shear_t for st in limits]),
                  np.array([st.max_bending_tm for st in limits]),
                  np.array([st.hogging_limited for st in limits]),
                  (b1 - b0) / 1000.0, (m1 - m0) / 1000.0)


def spot_x(state: ShipState, sp: Spot) -> float:
    """The LCG (m) of a container at ``sp``."""
    return float(state.lcg[sp.stack]) + (0.0 if sp.column == FORTY else
                                         (3.067 if sp.column == 0 else -3.067))


def movable(state: ShipState) -> list[int]:
    """Containers that can be lifted alone: nothing on top, and for a hold container no
    deck container on its hatch cover."""
    out = []
    for cid, sp in state.spot.items():
        if not state.deck[sp.stack] and state.deck_count[state.group[sp.stack]] > 0:
            continue
        if not state.above(cid):
            out.append(cid)
    return out


def shift_for_strength(state: ShipState, c: Condition, rng: np.random.Generator, *,
                       max_moves: int, targets: Targets, target_pct: float = TARGET_PCT,
                       keep: Callable[[int], bool] = lambda _: True) -> list[Shift]:
    """Move up to ``max_moves`` containers across the worst stations (see the module).

    Parameters
    ----------
    state
        The ship at departure (changed in place).
    c
        The loading computer's condition of that departure (with its ballast).
    rng
        Tie-breaks of the slot scores.
    max_moves
        The most containers moved in this round.
    targets
        The slot scores' running moments (see :func:`tradelane.stowage.slots.candidates`).
    target_pct
        Stop once the predicted worst station load is this % of its limit.
    keep
        ``keep(cid)`` false for containers that may not move.
    """
    loads = _loads(state, c)
    if loads is None:
        return []
    shear, bending = loads.shear.copy(), loads.bending.copy()
    worst = loads.pct(shear, bending)
    moved: list[Shift] = []
    done: set[int] = set()
    while len(moved) < max_moves and worst > target_pct:
        best = _best_move(state, loads, shear, bending, worst, rng, targets, done, keep)
        if best is None:
            break
        cid, spot, d_s, d_b, pct = best
        old = state.spot[cid]
        unit, seq = state.units[cid], state.seq[cid]
        state.take([cid])
        state.put(cid, unit, seq, spot)
        done.add(cid)
        shear += d_s
        bending += d_b
        worst = pct
        moved.append(Shift(cid, old, int(state.bay[old.stack]), int(state.bay[spot.stack]),
                           None if state.deck[old.stack] else int(state.group[old.stack]),
                           None if state.deck[spot.stack] else int(state.group[spot.stack])))
    return moved


def _best_move(state: ShipState, loads: _Loads, shear: np.ndarray, bending: np.ndarray,
               worst: float, rng: np.random.Generator, targets: Targets, done: set[int],
               keep: Callable[[int], bool]
               ) -> tuple[int, Spot, np.ndarray, np.ndarray, float] | None:
    """The heaviest movable container on the loaded side of the worst station whose best
    legal spot lowers the predicted worst load; None when there is none."""
    s_pct = np.where(shear >= 0, shear / loads.shear_hi, shear / loads.shear_lo)
    j = int(np.argmax(s_pct))
    xj, sign = float(loads.x[j]), 1.0 if shear[j] >= 0 else -1.0
    pool = [k for k in movable(state) if k not in done and keep(k)
            and (spot_x(state, state.spot[k]) > xj) == (sign > 0)]
    pool.sort(key=lambda k: -state.units[k].vgm_t)
    dg = [Placement(state.units[k], state.position(sp)) for k, sp in state.spot.items()
          if state.units[k].dangerous]
    for cid in pool[:40]:
        unit, seq, old = state.units[cid], state.seq[cid], state.spot[cid]
        x1 = spot_x(state, old)
        state.take([cid])
        others = [p for p in dg if p.container.number != unit.number]
        best: tuple[float, float, Spot, np.ndarray, np.ndarray] | None = None
        for n, (_, sp) in enumerate(candidates(state, unit, seq, targets, rng)):
            if n >= SPOTS_LOOKED_AT:
                break
            x2 = spot_x(state, sp)
            if (x2 > xj) == (sign > 0):
                continue
            d_s, d_b = loads.delta(unit.vgm_t, x1, x2)
            pct = loads.pct(shear + d_s, bending + d_b)
            key = (pct, abs(x2 - x1))
            if best is None or key < best[:2]:
                if unit.dangerous and not dg_fits(state, unit, sp, others):
                    continue
                best = (pct, abs(x2 - x1), sp, d_s, d_b)
        state.put(cid, unit, seq, old)
        if best is not None and best[0] < worst - 1e-6:
            return cid, best[2], best[3], best[4], best[0]
    return None
