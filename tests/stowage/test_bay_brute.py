"""The planner's optimum equals an independent exhaustive enumeration on small bays.

The enumerator below shares no code with the planner or with ``stowage.bay_rules``: it fills
the cells of each stack bottom-up with every legal content (nothing, a 40, or an aft and/or a
fore 20), treating containers with equal attributes as interchangeable, and keeps the least
(containers left ashore, 100·overstow + 20·extra PODs + 10·stacks + 5·reefer misuse).
"""

from __future__ import annotations

from collections import Counter

import pytest

from tradelane.domain.bay import BayContainer, BayInstance
from tradelane.result import Status
from tradelane.stowage.bay import BayParams, solve_bay
from tradelane.stowage.bay_generator import small_bay

Kind = tuple[int, float, float, int, bool, int]   # length, weight, height, pod, reefer, imo
AFT, FORE = 1, -1


def _kind(b: BayContainer) -> Kind:
    return (b.length_ft, b.weight_kg, b.height_m, b.pod, b.reefer, b.imo_category)


class Brute:
    def __init__(self, inst: BayInstance) -> None:
        self.inst = inst
        self.S, self.T = len(inst.stacks), inst.tiers
        self.fixed: dict[tuple[int, int, int], Kind] = {}
        self.fixed40: set[tuple[int, int]] = set()
        for c in inst.loaded:
            p = c.position
            for side in ((AFT, FORE) if p.slot == 0 else (p.slot,)):
                self.fixed[(p.stack, p.tier, side)] = _kind(c.container)
            if p.slot == 0:
                self.fixed40.add((p.stack, p.tier))
        self.base = {}
        for s in range(1, self.S + 1):
            usable = [t for t in range(1, self.T + 1) if self._usable(s, t)]
            self.base[s] = usable[0] if usable else None
        # (s, t) -> ("40", kind, to_load) or ("20", {side: (kind, to_load)})
        self.grid: dict[tuple[int, int], tuple] = {}
        self.best: tuple[int, int] | None = None

    def _usable(self, s: int, t: int) -> bool:
        c = self.inst.cells[s - 1][t - 1]
        return c.fore_feasible or c.aft_feasible or c.feasible40

    def solve(self) -> tuple[int, int]:
        kinds = Counter(_kind(b) for b in self.inst.to_load)
        self._fill(1, 1, kinds)
        assert self.best is not None
        return self.best

    # -- enumeration -------------------------------------------------------------------
    def _fill(self, s: int, t: int, left: Counter) -> None:
        if s > self.S:
            self._leaf(left)
            return
        nxt = (s, t + 1) if t < self.T else (s + 1, 1)
        for content, used in self._options(s, t, left):
            self.grid[(s, t)] = content
            self._fill(*nxt, left - used)
            del self.grid[(s, t)]

    def _options(self, s: int, t: int, left: Counter):
        cell = self.inst.cells[s - 1][t - 1]
        if (s, t) in self.fixed40:
            yield ("40", self.fixed[(s, t, AFT)], False), Counter()
            return
        below = self.grid.get((s, t - 1)) if t > 1 else None
        above_base = self.base[s] is not None and t > self.base[s]

        def side_below(side: int) -> str | None:   # "20", "40" or None
            if below is None or below[0] == "empty":
                return None
            if below[0] == "40":
                return "40"
            return "20" if side in below[1] else None

        halves = {}
        for side, ok, plug in ((AFT, cell.aft_feasible, cell.aft_reefer),
                               (FORE, cell.fore_feasible, cell.fore_reefer)):
            if (s, t, side) in self.fixed:
                halves[side] = [(self.fixed[(s, t, side)], False)]
                continue
            choices = [None]
            supported = not above_base or side_below(side) == "20"
            if ok and supported:
                choices += [(k, True) for k in left if k[0] == 20 and (plug or not k[4])]
            halves[side] = choices
        for a in halves[AFT]:
            for f in halves[FORE]:
                used = Counter(x[0] for x in (a, f) if x is not None and x[1])
                if any(used[k] > left[k] for k in used):
                    continue
                if a is None and f is None:
                    yield ("empty",), Counter()
                else:
                    sides = {side: x for side, x in ((AFT, a), (FORE, f)) if x is not None}
                    yield ("20", sides), used
        if cell.feasible40 and not any((s, t, side) in self.fixed for side in (AFT, FORE)):
            supported = not above_base or all(side_below(side) for side in (AFT, FORE))
            for k in left:
                if k[0] == 40 and supported and (cell.fore_reefer or cell.aft_reefer or not k[4]):
                    yield ("40", k, True), Counter({k: 1})

    # -- a complete bay ----------------------------------------------------------------
    def _items(self):
        out = []   # (s, t, sides, kind, to_load)
        for (s, t), content in self.grid.items():
            if content[0] == "40":
                out.append((s, t, (AFT, FORE), content[1], content[2]))
            elif content[0] == "20":
                for side, (kind, to_load) in content[1].items():
                    out.append((s, t, (side,), kind, to_load))
        return out

    def _leaf(self, left: Counter) -> None:
        items = self._items()
        if not self._legal(items):
            return
        value = (sum(left.values()), self._cost(items))
        if self.best is None or value < self.best:
            self.best = value

    def _legal(self, items) -> bool:
        for s in range(1, self.S + 1):
            mine = [it for it in items if it[0] == s]
            if not any(it[4] for it in mine):
                continue
            stack = self.inst.stacks[s - 1]
            if sum(it[3][1] for it in mine) > stack.max_weight_kg + 1e-6:
                return False
            for side in (AFT, FORE):
                if sum(it[3][2] for it in mine if side in it[2]) > stack.max_height_m + 1e-6:
                    return False
        dg = [it for it in items if it[3][5] > 0]
        for i, a in enumerate(dg):
            for b in dg[i + 1:]:
                if a[3][5] == b[3][5] or not (a[4] or b[4]):
                    continue
                same_cell = (a[0], a[1]) == (b[0], b[1])
                overlap = bool(set(a[2]) & set(b[2]))
                stacked = a[0] == b[0] and abs(a[1] - b[1]) == 1 and overlap
                beside = a[1] == b[1] and abs(a[0] - b[0]) == 1 and overlap
                if same_cell or stacked or beside:
                    return False
        return True

    def _cost(self, items) -> int:
        overstow = sum(1 for a in items if any(
            b[0] == a[0] and b[1] < a[1] and set(a[2]) & set(b[2]) and b[3][3] < a[3][3]
            for b in items))
        pods: dict[int, set[int]] = {}
        for it in items:
            pods.setdefault(it[0], set()).add(it[3][3])
        misuse = 0
        for s, t, sides, kind, _ in items:
            cell = self.inst.cells[s - 1][t - 1]
            plug = (cell.aft_reefer or cell.fore_reefer) if len(sides) == 2 else (
                cell.aft_reefer if sides[0] == AFT else cell.fore_reefer)
            misuse += plug and not kind[4]
        extra = sum(len(p) - 1 for p in pods.values())
        return 100 * overstow + 20 * extra + 10 * len(pods) + 5 * misuse


@pytest.mark.parametrize("seed", range(1, 25))
def test_planner_optimum_equals_brute_force(seed: int) -> None:
    inst = small_bay(seed)
    ashore, cost = Brute(inst).solve()
    result = solve_bay(inst, BayParams(time_limit_s=20.0))
    assert result.status is Status.OPTIMAL
    assert result.solution is not None
    assert len(result.solution.unstowed) == ashore
    assert result.objective == cost
    assert result.bound == cost


def test_small_bays_exercise_every_rule() -> None:
    """The random small bays are not trivial: they carry the features the rules are about."""
    bays = [small_bay(seed) for seed in range(1, 25)]
    boxes = [b for inst in bays for b in inst.to_load]
    assert any(b.reefer for b in boxes) and any(b.imo_category for b in boxes)
    assert {b.length_ft for b in boxes} == {20, 40}
    assert len({b.pod for b in boxes}) > 1
    assert sum(bool(inst.loaded) for inst in bays) >= 5
    assert any(not c.feasible40 and c.aft_feasible for inst in bays for col in inst.cells
               for c in col)
