"""The ship as the multi-port planner sees it while stowing: stacks, columns, weights, PODs.

Every stack of the profile has a fore and an aft 20-ft column over the same cells; a 40-ft
container fills both columns of a cell. The state keeps, per stack and column, how many cells
are filled from the bottom, the height and mass in the column, and the earliest discharge
(``seq``: index of the port call where a container leaves) of the containers in it, so that
a container's legal positions on the whole ship are found with a few NumPy operations.

Hatch covers: each deck stack stands on a hatch cover; the hold stacks under it are those of
the same 40-ft bay whose hold section (``Stack.hatch``) lies under that cover (matched by
TCG). A cover is identified by a *group* index shared by its deck stacks and the hold stacks
below them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from tradelane.domain.stowage import ContainerUnit, SlotPosition
from tradelane.domain.vessel_profile import Stack, VesselProfile

FORE, AFT, FORTY = 0, 1, 2
NO_POD = 10**6
"""The seq of an empty column (any container may go on it)."""


@dataclass(frozen=True, slots=True)
class Spot:
    """Where a container stands: stack index, column (FORE, AFT or FORTY) and cell level."""

    stack: int
    column: int
    level: int


def hatch_groups(profile: VesselProfile) -> list[int]:
    """Per stack, the index of the hatch cover it stands on (deck) or lies under (hold)."""
    by_bay: dict[int, list[int]] = defaultdict(list)
    for k, s in enumerate(profile.stacks):
        by_bay[s.bay_index].append(k)
    group = [0] * len(profile.stacks)
    next_id = 0
    for bay in sorted(by_bay):
        members = [profile.stacks[k] for k in by_bay[bay]]
        covers = _spans([s for s in members if s.on_deck])
        ids: dict[object, int] = {h: next_id + i for i, h in enumerate(sorted(covers))}
        next_id += len(ids)
        holds = _spans([s for s in members if not s.on_deck])
        for h, (lo, hi) in sorted(holds.items()):
            mid = (lo + hi) / 2
            best = min(covers, key=lambda d: _distance(covers[d], mid), default=None)
            if best is None:
                ids[("hold", h)] = next_id
                next_id += 1
        for k in by_bay[bay]:
            s = profile.stacks[k]
            if s.on_deck:
                group[k] = ids[s.hatch]
            else:
                lo, hi = holds[s.hatch]
                best = min(covers, key=lambda d: _distance(covers[d], (lo + hi) / 2),
                           default=None)
                group[k] = ids[best] if best is not None else ids[("hold", s.hatch)]
    return group


def _spans(stacks: list[Stack]) -> dict[int, tuple[float, float]]:
    out: dict[int, tuple[float, float]] = {}
    for s in stacks:
        lo, hi = out.get(s.hatch, (s.tcg_m, s.tcg_m))
        out[s.hatch] = (min(lo, s.tcg_m), max(hi, s.tcg_m))
    return out


def _distance(span: tuple[float, float], y: float) -> float:
    return max(span[0] - y, y - span[1], 0.0) - 1e-3 * (span[1] - span[0])


class ShipState:
    """Containers aboard and what each stack can still take (mutable, planner-internal)."""

    def __init__(self, profile: VesselProfile) -> None:
        self.profile = profile
        st = profile.stacks
        n, k = len(st), max(len(s.cells) for s in st)
        self.tiers = [[c.tier for c in s.cells] for s in st]
        self.ncell = np.array([len(s.cells) for s in st])
        self.allow20 = np.zeros((n, k + 1), bool)
        self.allow40 = np.zeros((n, k + 1), bool)
        self.plugs = np.zeros((n, k + 1), int)
        for i, s in enumerate(st):
            for j, c in enumerate(s.cells):
                self.allow20[i, j], self.allow40[i, j] = c.allow20, c.allow40
                self.plugs[i, j] = c.reefer_plugs
        self.maxh = np.array([s.max_height_m for s in st])
        self.maxw20 = np.array([s.max_weight20_t for s in st])
        self.maxw40 = np.array([s.max_weight40_t for s in st])
        self.bottom = np.array([s.bottom_m for s in st])
        self.lcg = np.array([s.lcg_m for s in st])
        self.tcg = np.array([s.tcg_m for s in st])
        self.bay = np.array([s.bay_index for s in st])
        self.deck = np.array([s.on_deck for s in st])
        self.group = np.array(hatch_groups(profile))
        self.grid = np.full((n, 2, k + 1), -1)
        self.lvl = np.zeros((n, 2), int)
        self.height = np.zeros((n, 2))
        self.w20 = np.zeros((n, 2))
        self.w40 = np.zeros(n)
        self.minpod = np.full((n, 2), NO_POD)
        self.is40 = np.zeros((n, k + 1), bool)
        self.plug_used = np.zeros((n, k + 1), int)
        self.ngroups = int(self.group.max()) + 1
        self.holdmin = np.full(self.ngroups, NO_POD)
        self.deckmax = np.full(self.ngroups, -1)
        self.deck_count = np.zeros(self.ngroups, int)
        self.locked = np.zeros(self.ngroups, bool)
        self.units: dict[int, ContainerUnit] = {}
        self.seq: dict[int, int] = {}
        self.spot: dict[int, Spot] = {}
        self._ix = {(s.bay_index, s.row, s.on_deck): i for i, s in enumerate(st)}

    # --- bookkeeping ----------------------------------------------------------------------
    def _refresh_all(self) -> None:
        for i in range(self.grid.shape[0]):
            self._refresh(i)
        self._refresh_hatches()

    def _refresh(self, i: int) -> None:
        """Recompute stack ``i``'s column state from its grid."""
        self.height[i] = 0.0
        self.w20[i] = 0.0
        self.w40[i] = 0.0
        self.minpod[i] = NO_POD
        self.is40[i] = False
        self.plug_used[i] = 0
        for col in (FORE, AFT):
            level = 0
            while level < self.ncell[i] and self.grid[i, col, level] >= 0:
                level += 1
            self.lvl[i, col] = level
        seen: set[int] = set()
        for col in (FORE, AFT):
            for level in range(self.lvl[i, col]):
                cid = int(self.grid[i, col, level])
                u, both = self.units[cid], self.spot[cid].column == FORTY
                self.height[i, col] += u.height_m
                self.minpod[i, col] = min(self.minpod[i, col], self.seq[cid])
                if both:
                    self.is40[i, level] = True
                if cid in seen:
                    continue
                seen.add(cid)
                if both:
                    self.w40[i] += u.vgm_t
                else:
                    self.w20[i, col] += u.vgm_t
                self.plug_used[i, level] += u.is_reefer

    def _refresh_hatches(self) -> None:
        self.holdmin[:] = NO_POD
        self.deckmax[:] = -1
        self.deck_count[:] = 0
        for cid, sp in self.spot.items():
            g = self.group[sp.stack]
            if self.deck[sp.stack]:
                self.deckmax[g] = max(self.deckmax[g], self.seq[cid])
                self.deck_count[g] += 1
            else:
                self.holdmin[g] = min(self.holdmin[g], self.seq[cid])

    def position(self, sp: Spot) -> SlotPosition:
        """The ISO position of a spot."""
        s = self.profile.stacks[sp.stack]
        bay = s.iso_bay + {FORE: -1, AFT: 1, FORTY: 0}[sp.column]
        return SlotPosition(bay, s.row, self.tiers[sp.stack][sp.level])

    def spot_of(self, position: SlotPosition) -> Spot | None:
        """The spot of an ISO position, or None if it is not a slot of the ship."""
        bay_index, column = divmod(position.bay - 1, 4)
        s = self.profile.stack_at(bay_index, position.row, position.on_deck)
        if s is None or column == 3:
            return None
        i = self._ix[(bay_index, position.row, position.on_deck)]
        tiers = self.tiers[i]
        if position.tier not in tiers:
            return None
        return Spot(i, (FORE, FORTY, AFT)[column], tiers.index(position.tier))

    def put(self, cid: int, unit: ContainerUnit, seq: int, sp: Spot, *,
            refresh: bool = True) -> None:
        """Place container ``cid`` at ``sp`` (no rule is checked here)."""
        self.units[cid], self.seq[cid], self.spot[cid] = unit, seq, sp
        for col in ((FORE, AFT) if sp.column == FORTY else (sp.column,)):
            self.grid[sp.stack, col, sp.level] = cid
        if refresh:
            self._refresh(sp.stack)
            g = self.group[sp.stack]
            if self.deck[sp.stack]:
                self.deckmax[g] = max(self.deckmax[g], seq)
                self.deck_count[g] += 1
            else:
                self.holdmin[g] = min(self.holdmin[g], seq)

    def take(self, ids: list[int]) -> None:
        """Remove containers (any order); stacks and hatches are recomputed."""
        touched = set()
        for cid in ids:
            sp = self.spot.pop(cid)
            for col in ((FORE, AFT) if sp.column == FORTY else (sp.column,)):
                self.grid[sp.stack, col, sp.level] = -1
            touched.add(sp.stack)
            del self.units[cid], self.seq[cid]
        for i in touched:
            self._refresh(i)
        self._refresh_hatches()

    def above(self, cid: int) -> set[int]:
        """Containers standing on ``cid`` (directly or not) in its stack."""
        out: set[int] = set()
        todo = [cid]
        while todo:
            sp = self.spot[todo.pop()]
            for col in ((FORE, AFT) if sp.column == FORTY else (sp.column,)):
                for level in range(sp.level + 1, int(self.ncell[sp.stack])):
                    other = int(self.grid[sp.stack, col, level])
                    if other >= 0 and other not in out:
                        out.add(other)
                        todo.append(other)
        return out

    def on_cover(self, group: int) -> list[int]:
        """Deck containers on hatch cover ``group``."""
        return [cid for cid, sp in self.spot.items()
                if self.deck[sp.stack] and self.group[sp.stack] == group]
