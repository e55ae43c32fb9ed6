"""A lower bound on the cost of stowing every container of a bay, from its stacks' fill levels.

The linear relaxation of the slot model spreads containers fractionally over stacks, so on
bays where the question is *how many stacks, how high*, its bound stays well below the
optimum. This bound keeps the stacks whole. It relaxes everything else:

- every container takes a *cell*: ``n40 + ⌈n20 / 2⌉`` cells are needed (a cell holds one 40
  or two 20s); any cell that takes some container to load takes any;
- a stack filled ``k`` cells high, nothing aboard, holds exactly its ``k`` lowest usable
  cells (support makes each half a column from the bottom up; the fuller half reaches
  every filled cell), and cells holding a single 20 only at the top (nothing but 20s of
  the same half stand above one); with containers aboard, its ``k`` cheapest free cells;
- height: the fuller half holds ``k`` containers, each at least as tall as the shortest
  container to load (``h₀``), and each tall 40 (taller than ``h₀``) at least ``d`` more:
  ``h₀·k + d·h ≤`` the stack's largest free height;
- cost of a filled cell: the least reefer misuse any container could bring there (0 for a
  cell a single 20 can take in an unplugged half), less one for each reefer to load (a
  reefer saves at most one misuse) — or, with reefers to load, no misuse at all, whichever
  bound is higher; overstowage, POD mix and weight are left out;
- 10 per used stack, as in the objective, plus what the containers aboard already cost.

Dynamic programming over the stacks on (cells filled, tall 40s placed) gives the least
cost; it is a valid lower bound on the cost of any plan that stows every container, and so
(each container left ashore costing more than any plan) on the planner's whole objective.
"""

from __future__ import annotations

import math

import numpy as np

from tradelane.domain.bay import (
    REEFER_MISUSE_WEIGHT,
    SLOT_40,
    SLOT_AFT,
    SLOT_FORE,
    STACK_WEIGHT,
    BayCell,
    BayInstance,
)
from tradelane.stowage.bay_rules import SIDES, base_tier, height_limit_cm, sides_of


def stack_bound(inst: BayInstance) -> int | None:
    """A lower bound on the objective of any plan stowing every container to load.

    Returns ``None`` when the relaxation cannot stow them all (or there is nothing to load).
    """
    boxes = inst.to_load
    if not boxes:
        return None
    n20 = sum(b.length_ft == 20 for b in boxes)
    low = min(b.height_cm for b in boxes)
    tall = [b.height_cm - low for b in boxes if b.length_ft == 40 and b.height_cm > low]
    units = 2 * (len(boxes) - n20) + n20   # halves of cells to fill
    reefers = sum(b.reefer for b in boxes)
    bounds: list[float | None] = []
    # with reefers to load, misuse is also left out once: no reefer then saves anything
    for weight in (REEFER_MISUSE_WEIGHT, 0) if reefers else (REEFER_MISUSE_WEIGHT,):
        stacks = [_options(inst, s, n20, len(boxes) - n20, low, min(tall, default=0), weight)
                  for s in range(1, len(inst.stacks) + 1)]
        fixed = sum(f for _, f in stacks) - weight * reefers
        for price in _PRICES if weight and n20 else (0.0,):   # no 20s: no single-20 cell
            b = _best(stacks, units, len(tall), n20, price)
            bounds.append(None if b is None else b + fixed)
    if any(b is None for b in bounds):
        return None
    return max(max(0, math.ceil(b - 1e-6)) for b in bounds if b is not None)


_PRICES = (0.0, 2.5, 5.0)
"""Prices of a cell holding a single 20 (Lagrangian multipliers of "at most n20 such
cells"): any price ≥ 0 gives a valid bound; the best of these is kept."""


def _best(stacks: list[tuple[dict[tuple[int, int, int], float], int]], units: int,
          n_tall: int, n20: int, price: float) -> float | None:
    """Least cost over the stacks' fillings with at least ``units`` halves and ``n_tall``
    tall 40s, each single-20 cell priced ``price`` (less ``price × n20``)."""
    rows, cols = units + 1, n_tall + 1
    best = np.full((rows, cols), np.inf)
    best[0, 0] = 0.0
    for options, _ in stacks:
        priced: dict[tuple[int, int], float] = {}
        for (u, h, j), cost in options.items():
            priced[u, h] = min(priced.get((u, h), math.inf), cost + price * j)
        big = np.full((rows + max((u for u, _ in priced), default=0),
                       cols + max((h for _, h in priced), default=0)), np.inf)
        big[:rows, :cols] = best   # no container to load in this stack
        for (u, h), cost in priced.items():
            view = big[u:u + rows, h:h + cols]
            np.minimum(view, best + cost, out=view)
        best = _fold(big, rows, cols)
    value = best[units, n_tall]
    return float(value) - price * n20 if np.isfinite(value) else None


def _fold(big: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """``big`` cut to (rows, cols), what lies past the last row or column kept there (min):
    the last row and column mean "that many or more"."""
    out = big[:rows, :cols].copy()
    out[rows - 1, :] = np.minimum(out[rows - 1, :], big[rows - 1:, :cols].min(axis=0))
    out[:, cols - 1] = np.minimum(out[:, cols - 1], big[:rows, cols - 1:].min(axis=1))
    out[rows - 1, cols - 1] = big[rows - 1:, cols - 1:].min()
    return out


def _plug(cell: BayCell, slot: int) -> bool:
    if slot == SLOT_40:
        return cell.has_plug
    return cell.aft_reefer if slot == SLOT_AFT else cell.fore_reefer


def _options(inst: BayInstance, s: int, n20: int, n40: int, low: int, extra: int,
             weight: int) -> tuple[dict[tuple[int, int, int], float], int]:
    """{(halves filled, tall 40s it can take, single-20 cells): least cost} for stack
    ``s``, and the fixed cost of the containers aboard it; ``weight`` per reefer misuse."""
    taken: dict[int, set[int]] = {}
    aboard_cm = dict.fromkeys(SIDES, 0)
    misuse = 0
    for c in inst.loaded:
        p = c.position
        if p.stack == s:
            taken.setdefault(p.tier, set()).update(sides_of(p.slot))
            for side in sides_of(p.slot):
                aboard_cm[side] += c.container.height_cm
            misuse += not c.container.reefer and _plug(inst.cells[s - 1][p.tier - 1], p.slot)
    cells = []
    for t in range(base_tier(inst, s) or inst.tiers + 1, inst.tiers + 1):
        full, half = _cell_costs(inst.cells[s - 1][t - 1], taken.get(t, set()), n20, n40)
        if full is None and half is None:
            if not taken:
                break   # nothing stands above a cell that nothing can fill
            continue
        cells.append((full, half))
    room = height_limit_cm(inst.stacks[s - 1].max_height_m) - min(aboard_cm.values())
    per_stack = 0 if taken else STACK_WEIGHT
    out: dict[tuple[int, int, int], float] = {}
    for (k, j), misuse_k in _fillings(cells, prefix=not taken).items():
        # containers in the fuller half: all k when the single 20s top one half
        column = (k - j) + math.ceil(j / 2) if taken else k
        if low * column > room:
            continue
        cap = k - j if extra == 0 else min(k - j, (room - low * column) // extra)
        key = (2 * k - j, cap, j)
        cost = per_stack + weight * misuse_k
        out[key] = min(out.get(key, math.inf), cost)
    fixed = STACK_WEIGHT + REEFER_MISUSE_WEIGHT * misuse if taken else 0   # real: aboard
    return out, fixed


def _fillings(cells: list[tuple[int | None, int | None]],
              prefix: bool) -> dict[tuple[int, int], int]:
    """{(k cells, j of them holding a single 20): least misuse}: the k lowest cells when
    ``prefix`` (an empty stack fills from the bottom: above a cell with a single 20 stand
    only 20s in the same half, so single-20 cells end the filling), any k cells otherwise."""
    reach: dict[tuple[int, int], int] = {(0, 0): 0}
    out: dict[tuple[int, int], int] = {}
    for full, half in cells:
        nxt: dict[tuple[int, int], int] = {} if prefix else dict(reach)
        for (k, j), cost in reach.items():
            for add_j, c in ((0, full), (1, half)):
                if c is not None and not (prefix and j and not add_j):   # see below
                    key = (k + 1, j + add_j)
                    nxt[key] = min(nxt.get(key, 1 << 30), cost + c)
        reach = nxt
        for key, cost in reach.items():
            if key[0] > 0:
                out[key] = min(out.get(key, 1 << 30), cost)
        if not reach:
            break
    return out


def _cell_costs(cell: BayCell, taken: set[int], n20: int,
                n40: int) -> tuple[int | None, int | None]:
    """Least misuse of the cell filled (a 40 or two 20s) and half filled (one 20)."""
    full = []
    if n40 and not taken and cell.feasible40:
        full.append(int(cell.has_plug))
    if n20 >= 2 and not taken and cell.aft_feasible and cell.fore_feasible:
        full.append(int(cell.aft_reefer) + int(cell.fore_reefer))
    half = [int(_plug(cell, side)) for side, ok in ((SLOT_AFT, cell.aft_feasible),
                                                    (SLOT_FORE, cell.fore_feasible))
            if n20 and ok and side not in taken]
    return min(full, default=None), min(half, default=None)
