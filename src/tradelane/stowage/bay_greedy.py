"""A greedy legal bay plan: the CP-SAT planner's starting point (a hint), never its answer.

Containers go in order of POD, latest first (they belong at the bottom), 20s before 40s of
the same POD (a 20 may not stand on a 40); each takes the open position that adds the least
to the objective, lowest tier first on a tie. Every rule of :mod:`.bay_rules` is kept as the
plan grows; a container with no legal position is left ashore.
"""

from __future__ import annotations

from tradelane.domain.bay import (
    OVERSTOW_WEIGHT,
    POD_MIX_WEIGHT,
    REEFER_MISUSE_WEIGHT,
    SLOT_40,
    STACK_WEIGHT,
    BayContainer,
    BayInstance,
    BayPlacement,
    BaySlot,
)
from tradelane.stowage.bay_rules import (
    SIDES,
    base_tier,
    height_limit_cm,
    neighbours,
    sides_of,
    weight_dag,
)


class _GreedyBay:
    """The bay as the greedy fills it: who stands where, weights and heights per stack."""

    def __init__(self, inst: BayInstance) -> None:
        self.inst = inst
        self.grid: dict[tuple[int, int, int], tuple[BayContainer, int]] = {}
        self.weight = [0] * (len(inst.stacks) + 1)
        self.height = {(s, side): 0 for s in range(1, len(inst.stacks) + 1) for side in SIDES}
        self.pods: dict[int, set[int]] = {}
        self.dg: list[tuple[BayContainer, BaySlot]] = []
        for item in inst.loaded:
            self.put(item.container, item.position)

    def put(self, box: BayContainer, at: BaySlot) -> None:
        for side in sides_of(at.slot):
            self.grid[(at.stack, at.tier, side)] = (box, at.slot)
            self.height[(at.stack, side)] += box.height_cm
        self.weight[at.stack] += weight_dag(box.weight_kg)
        self.pods.setdefault(at.stack, set()).add(box.pod)
        if box.imo_category:
            self.dg.append((box, at))

    def legal(self, box: BayContainer, at: BaySlot) -> bool:
        s, t, slot = at.stack, at.tier, at.slot
        cell = self.inst.cells[s - 1][t - 1]
        ok = cell.feasible40 if slot == SLOT_40 else (
            cell.aft_feasible if slot == 1 else cell.fore_feasible)
        plug = cell.has_plug if slot == SLOT_40 else (
            cell.aft_reefer if slot == 1 else cell.fore_reefer)
        if not ok or (box.reefer and not plug) or any(
                (s, t, side) in self.grid for side in sides_of(slot)):
            return False
        if t > (base_tier(self.inst, s) or t):
            below = [self.grid.get((s, t - 1, side)) for side in sides_of(slot)]
            if any(b is None or (slot != SLOT_40 and b[1] == SLOT_40) for b in below):
                return False
        stack = self.inst.stacks[s - 1]
        if self.weight[s] + weight_dag(box.weight_kg) > weight_dag(stack.max_weight_kg):
            return False
        if any(self.height[(s, side)] + box.height_cm > height_limit_cm(stack.max_height_m)
               for side in sides_of(slot)):
            return False
        return not box.imo_category or all(
            other.imo_category == box.imo_category or not neighbours(at, where)
            for other, where in self.dg)

    def cost(self, box: BayContainer, at: BaySlot, variant: int) -> tuple[float, ...]:
        s, t, slot = at.stack, at.tier, at.slot
        cell = self.inst.cells[s - 1][t - 1]
        over = any(b[0].pod < box.pod for side in sides_of(slot) for tier in range(1, t)
                   if (b := self.grid.get((s, tier, side))) is not None)
        pods = self.pods.get(s)
        plug = cell.has_plug if slot == SLOT_40 else (
            cell.aft_reefer if slot == 1 else cell.fore_reefer)
        added = (OVERSTOW_WEIGHT * over + (STACK_WEIGHT if not pods else 0)
                 + (POD_MIX_WEIGHT if pods and box.pod not in pods else 0)
                 + (REEFER_MISUSE_WEIGHT if plug and not box.reefer else 0))
        if variant == 0:
            return added, t, s
        room = weight_dag(self.inst.stacks[s - 1].max_weight_kg) - self.weight[s]
        if variant == 3:   # weight first: only port order counts
            return OVERSTOW_WEIGHT * over + POD_MIX_WEIGHT * (pods is not None and box.pod
                                                             not in pods), -room, t, s
        return added, -room, t, s   # the stack with most weight to spare first


VARIANTS = 4
"""Number of greedy variants (:func:`greedy_plan`'s ``variant``)."""


def greedy_plan(inst: BayInstance, variant: int = 0) -> tuple[BayPlacement, ...]:
    """A legal plan built container by container (see the module docstring).

    ``variant`` 0 breaks ties by the lowest tier; 1 by the stack with most weight to spare
    (heavy loads spread over the stacks); 2 does the same, heaviest containers first; 3
    also puts the stack with most weight to spare before stack and reefer costs.
    """
    def weight(i: int) -> float:
        return -inst.to_load[i].weight_kg if variant >= 2 else 0.0

    bay = _GreedyBay(inst)
    order = sorted(range(len(inst.to_load)), key=lambda i: (
        -inst.to_load[i].pod, inst.to_load[i].length_ft, not inst.to_load[i].reefer,
        weight(i), i))
    spots = [BaySlot(s, t, slot) for s in range(1, len(inst.stacks) + 1)
             for t in range(1, inst.tiers + 1) for slot in (SLOT_40, 1, -1)]
    out = []
    for i in order:
        box = inst.to_load[i]
        fits = [at for at in spots if (at.slot == SLOT_40) == (box.length_ft == 40)
                and bay.legal(box, at)]
        if fits:
            at = min(fits, key=lambda a: bay.cost(box, a, variant))
            bay.put(box, at)
            out.append(BayPlacement(i, at.stack, at.tier, at.slot))
    return tuple(sorted(out))
