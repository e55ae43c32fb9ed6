"""The stack bound never exceeds the brute-force optimum; the canonical hint keeps its cost.

The brute force is the independent enumerator of ``test_bay_brute.py``.
"""

from __future__ import annotations

import pytest
from test_bay_brute import Brute
from test_bay_rules import bay, box

from tradelane.domain.bay import BayCell, BayStack
from tradelane.stowage.bay_bound import stack_bound
from tradelane.stowage.bay_cuts import canonical
from tradelane.stowage.bay_generator import hard_bay, realistic_bay, small_bay
from tradelane.stowage.bay_greedy import VARIANTS, greedy_plan
from tradelane.stowage.bay_model import BayModel
from tradelane.stowage.bay_rules import bay_terms, bay_violations

PLUG = BayCell(fore_reefer=True, aft_reefer=True)


def test_bound_on_small_bays_never_above_the_optimum() -> None:
    reached = compared = 0
    for seed in range(1, 31):
        inst = small_bay(seed)
        ashore, cost = Brute(inst).solve()
        bound = stack_bound(inst)
        if ashore == 0:
            assert bound is not None and 10 <= bound <= cost, (seed, bound, cost)
            compared += 1
            reached += bound == cost
    assert compared >= 15 and reached >= 1   # small bays mix PODs: seldom tight


def test_bound_counts_the_plugged_cell_an_empty_stack_must_fill_through() -> None:
    # one stack, three 40s: the middle cell has a plug, the stack fills from the bottom
    inst = bay([box(), box(), box()], stacks=1, tiers=3, cells=[[BayCell(), PLUG, BayCell()]])
    assert stack_bound(inst) == 10 + 5
    # two stacks of two cells, the lower one plugged in stack 2: three 40s need both
    two = bay([box(), box(), box()], stacks=2, tiers=2,
              cells=[[BayCell(), BayCell()], [PLUG, BayCell()]])
    assert stack_bound(two) == 2 * 10 + 5


def test_bound_keeps_high_cubes_out_of_a_full_stack() -> None:
    # 3 cells per stack and room for 3 standard containers but not 3 with a high-cube:
    # four 40s, three of them high-cube, need two stacks, whatever the volume says
    inst = bay([box(height=2.90), box(height=2.90), box(height=2.90), box()], stacks=3,
               tiers=3, max_height_m=7.9)
    assert stack_bound(inst) == 20
    tall = bay([box(height=2.90)] * 3, stacks=1, tiers=3, max_height_m=7.9)
    assert stack_bound(tall) is None   # they cannot all go in


def test_no_bound_when_the_bay_cannot_take_everything() -> None:
    inst = bay([box(), box(), box()], stacks=1, tiers=2)
    assert stack_bound(inst) is None
    assert stack_bound(bay([], stacks=1, tiers=2)) is None


def test_stack_limits_in_the_bound_are_the_stack_own() -> None:
    inst = bay([box()] * 4, stacks=2, tiers=3)
    low = inst.stacks[0]
    narrow = type(inst)(inst.name, inst.pods, inst.to_load, inst.loaded,
                        (BayStack(low.max_weight_kg, 2.6), low), inst.cells)
    assert stack_bound(narrow) == 20   # stack 1 takes one 40, stack 2 the other three


@pytest.mark.parametrize("make", [realistic_bay, hard_bay])
def test_canonical_start_is_as_legal_and_as_cheap(make) -> None:
    for seed in range(1, 6):
        inst = make(seed)
        bm = BayModel(inst)
        for variant in range(VARIANTS):
            start = greedy_plan(inst, variant)
            again = canonical(bm, start)
            assert bay_violations(inst, again) == []
            assert bay_terms(inst, again) == bay_terms(inst, start)
            assert sorted(p.container for p in again) == sorted(p.container for p in start)
