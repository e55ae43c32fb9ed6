"""The multi-port planner on the hand-built small ship, where the right plan is obvious."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from vessel_small_ship import small_ship

from tradelane.domain.stowage import ContainerUnit, DangerousCargo, Placement, SlotPosition
from tradelane.errors import InputError
from tradelane.stowage.check import StabilityCriteria, check_condition
from tradelane.stowage.condition import container_vcgs, loading_condition
from tradelane.stowage.plan_state import ShipState
from tradelane.stowage.planner import plan_stowage
from tradelane.stowage.planner_records import PortCall, StowParams
from tradelane.stowage.settle import lower_boxes, settle_heavy_low, stack_vcgs
from tradelane.stowage.shift import shift_for_strength
from tradelane.stowage.slots import Targets

CALLS = (PortCall("CNTAO"), PortCall("USSAV"), PortCall("USCHS"))


def unit(n: int, pod: str = "USSAV", iso: str = "42G1", t: float = 10.0, **kw: object
         ) -> ContainerUnit:
    return ContainerUnit(f"TEST{n:07d}", iso, t, "CNTAO", pod, **kw)  # type: ignore[arg-type]


DEFAULT = StabilityCriteria()


def plan(cargo, calls=CALLS, criteria=DEFAULT, **kw):
    return plan_stowage(small_ship(), calls, cargo,
                        StowParams(time_limit_s=20, criteria=criteria), **kw)


def assert_valid(result, criteria=DEFAULT) -> None:
    """Every departure passes the loading computer with the plan's own ballast."""
    ship = small_ship()
    for p in result.solution.ports:
        assert check_condition(ship, p.departure, ballast=p.ballast_t,
                               criteria=criteria) == []
        assert p.broken_rules == ()


def test_two_pods_no_overstow_means_no_rehandles() -> None:
    # the small ship has no ballast tanks: a 3° heel allowance isolates the POD order
    lenient = StabilityCriteria(max_heel_deg=3.0)
    cargo = [unit(k, "USSAV" if k % 2 else "USCHS") for k in range(12)]
    result = plan(cargo, criteria=lenient)
    assert_valid(result, lenient)
    assert result.solution.terms["rehandle_moves"] == 0
    first = result.solution.ports[0]
    assert first.loaded == 12 and not first.left_ashore
    by_stack: dict[tuple[int, int, bool], list[Placement]] = {}
    for p in first.departure:
        by_stack.setdefault((p.position.bay, p.position.row, p.position.on_deck), []).append(p)
    order = {"USSAV": 1, "USCHS": 2}
    for members in by_stack.values():
        members.sort(key=lambda p: p.position.tier)
        pods = [order[p.container.pod] for p in members]
        assert pods == sorted(pods, reverse=True)  # later ports lower down
    assert result.solution.ports[1].discharged == 6
    assert result.solution.ports[2].discharged == 6


def test_forced_restow_is_counted_and_bounded() -> None:
    under = Placement(unit(1, "USSAV"), SlotPosition.parse("0020002"))
    over = Placement(unit(2, "USCHS"), SlotPosition.parse("0020004"))
    result = plan([], onboard=[under, over])
    sav = result.solution.ports[1]
    assert sav.discharged == 1 and sav.restows == 1 and sav.rehandle_moves == 2
    assert result.objective == 2 and result.bound == 2
    assert_valid(result)


def test_class_3_and_class_5_1_are_kept_apart() -> None:
    paint = unit(1, t=12.0, dangerous=(DangerousCargo("1263", "3"),))
    oxidiser = unit(2, t=12.0, dangerous=(DangerousCargo("1479", "5.1"),))
    result = plan([paint, oxidiser] + [unit(k) for k in range(3, 7)])
    assert_valid(result)
    assert result.solution.ports[0].loaded == 6


def test_reefers_go_on_plugs_and_a_third_stays_ashore() -> None:
    reefers = [unit(k, iso="22R1", t=15.0, reefer_setpoint_c=-18.0) for k in range(3)]
    result = plan([*reefers, unit(9, iso="22G1", t=15.0)])
    assert_valid(result)
    first = result.solution.ports[0]
    plugged = {p.position.code for p in first.departure if p.container.is_reefer}
    assert plugged == {"0010082", "0030082"}
    assert [a.reason for a in first.left_ashore] == ["no free reefer plug is left"]


def test_too_much_cargo_leaves_containers_ashore_with_the_reason() -> None:
    cargo = [unit(k, t=4.0) for k in range(36)]
    result = plan(cargo)
    assert_valid(result)
    first = result.solution.ports[0]
    assert first.loaded + len(first.left_ashore) == 36
    assert first.loaded <= 30 and len(first.left_ashore) >= 6
    assert all(a.reason and a.port == "CNTAO" for a in first.left_ashore)


def test_draft_shortfall_says_how_many_tonnes_stay_off() -> None:
    calls = (PortCall("CNTAO", next_depth_m=2.3), PortCall("USSAV"))
    cargo = [unit(k, t=8.0) for k in range(14)]
    result = plan(cargo, calls)
    assert_valid(result)
    first = result.solution.ports[0]
    assert first.left_ashore and all("must stay off" in a.reason for a in first.left_ashore)
    assert any("must stay off" in n for n in first.notes)
    assert first.draft_m is not None and first.draft_m <= 2.3 + 1e-6
    assert first.loaded + len(first.left_ashore) == 14


def test_seeded_runs_repeat_exactly() -> None:
    cargo = [unit(k, "USSAV" if k % 3 else "USCHS", t=5.0 + k % 7) for k in range(14)]
    a = plan(cargo).solution.ports[0].departure
    b = plan(cargo).solution.ports[0].departure
    assert [(p.container.number, p.position) for p in a] == \
        [(p.container.number, p.position) for p in b]


def test_an_onboard_container_off_the_ship_is_refused() -> None:
    stray = Placement(unit(1), SlotPosition.parse("0100002"))
    with pytest.raises(InputError, match="onboard"):
        plan([], onboard=[stray])


def test_params_are_checked() -> None:
    with pytest.raises(InputError, match="repair_rounds"):
        StowParams(time_limit_s=1, repair_rounds=-1)
    with pytest.raises(InputError, match="time_limit_s"):
        dataclasses.replace(StowParams(time_limit_s=1), time_limit_s=0)


def test_master_plan_floors_put_heavy_boxes_lowest() -> None:
    from tradelane.stowage.master import free_cell_heights, weight_floors
    from tradelane.stowage.plan_state import ShipState

    state = ShipState(small_ship())
    heights = free_cell_heights(state)
    assert heights.size == 30  # 18 hold and 12 deck 40-ft cells, all free
    heavy, light = unit(1, t=28.0), unit(2, t=6.0)
    twenty = unit(3, iso="22G1", t=15.0)  # a 20-ft box weighs per cell as a pair: 30 t
    cargo = [light] * 12 + [heavy] * 12 + [twenty] * 2
    floors = weight_floors(cargo, heights)
    # the pair of 20s takes the first cell, the twelve heavy boxes the next twelve
    assert floors.floor(twenty) == heights[0]
    assert floors.floor(heavy) == heights[1]
    assert floors.floor(light) == heights[13]
    assert floors.floor(light) > 7.0 > 3.0 > floors.floor(heavy)  # third hold tier, first
    assert weight_floors([], heights).floor(heavy) == 0.0


def test_free_cell_heights_skip_closed_holds_and_filled_cells() -> None:
    from tradelane.stowage.master import free_cell_heights
    from tradelane.stowage.plan_state import ShipState, Spot

    state = ShipState(small_ship())
    hold = next(i for i in range(len(state.ncell)) if not state.deck[i])
    state.put(0, unit(1), 1, Spot(hold, 2, 0))
    assert free_cell_heights(state).size == 29
    state.locked[state.group[hold]] = True  # a cover with earlier cargo on it stays shut
    closed = int(sum(state.ncell[i] - state.lvl[i].max() for i in range(len(state.ncell))
                     if not state.deck[i] and state.group[i] == state.group[hold]))
    assert closed > 0
    assert free_cell_heights(state).size == 29 - closed


def test_restow_repair_moves_boxes_across_the_overloaded_station() -> None:
    # twelve 20 t 20-footers in the aft half of bay 0 (ISO 03): forward of the station at
    # x = 15 m the buoyancy exceeds the weight by 98 t, over the 80 t limit; only boxes
    # moved into the fore half (ISO 01, x = 15.07 m) relieve it.
    ship = small_ship(shear_t=80.0)
    onboard = [Placement(unit(k, "USCHS", "22G1", 20.0),
                         SlotPosition.parse(f"003{row}{tier}"))
               for k, (row, tier) in enumerate((r, t) for r in ("00", "01", "02")
                                               for t in ("02", "04", "06", "82"))]
    before = loading_condition(ship, onboard)
    assert before.max_shear_pct > 100
    state = ShipState(ship)
    for k, p in enumerate(onboard):
        spot = state.spot_of(p.position)
        assert spot is not None
        state.put(k, p.container, 1, spot)
    state.locked[:] = state.deck_count > 0  # covers with boxes on them stay shut
    moves = shift_for_strength(state, before, np.random.default_rng(1), max_moves=10,
                               targets=Targets())
    after = [Placement(state.units[c], state.position(sp)) for c, sp in state.spot.items()]
    condition = loading_condition(ship, after)
    assert 0 < len(moves) < 5 and condition.max_shear_pct < 100
    assert {p.container.number for p in after} == {p.container.number for p in onboard}
    structural = [b for b in check_condition(ship, after)
                  if b.rule not in {"gm", "trim", "heel", "tcg"}]
    assert structural == []
    moved = {state.units[m.cid].number for m in moves}
    assert all(p.position.bay == 1 for p in after if p.container.number in moved)


def _state_with(placements: list[Placement]) -> ShipState:
    state = ShipState(small_ship())
    for k, p in enumerate(placements):
        spot = state.spot_of(p.position)
        assert spot is not None
        state.put(k, p.container, 1, spot)
    return state


def test_settle_puts_the_heavier_box_low_within_the_stack_weight_limits() -> None:
    heavy = Placement(unit(1, t=30.0), SlotPosition.parse("0020082"))   # deck, row 00
    full = [Placement(unit(2, t=5.0), SlotPosition.parse("0020102")),    # hold row 01 ...
            Placement(unit(3, t=30.0), SlotPosition.parse("0020104")),
            Placement(unit(4, t=30.0), SlotPosition.parse("0020106"))]   # ... 65 t of 80
    room = Placement(unit(5, t=6.0), SlotPosition.parse("0020202"))     # hold row 02
    state = _state_with([heavy, *full, room])
    swaps = settle_heavy_low(state, [0, 1, 4])  # the deck box and the two light hold boxes
    where = {state.units[c].number: state.position(sp).code for c, sp in state.spot.items()}
    # the 30 t box cannot go to row 01 (90 t > 80 t), so it takes row 02's cell; then the
    # 6 t box it displaced trades with the 5 t one (row 01: 66 t)
    assert swaps == 2
    assert where[heavy.container.number] == "0020202"
    assert where[room.container.number] == "0020102"
    assert where[full[0].container.number] == "0020082"


def test_lower_boxes_moves_a_deck_box_into_a_free_hold_cell() -> None:
    state = _state_with([Placement(unit(1, t=20.0), SlotPosition.parse("0060082"))])
    moved = lower_boxes(state, [0], np.random.default_rng(1), Targets())
    assert len(moved) == 1 and moved[0][0] == 1 and moved[0][2] is not None
    assert not state.position(state.spot[0]).on_deck


def test_stack_vcgs_match_the_loading_computer() -> None:
    boxes = [Placement(unit(1, iso="22G1"), SlotPosition.parse("0010002")),
             Placement(unit(2, iso="45G1"), SlotPosition.parse("0020004")),  # 40 on a 20
             Placement(unit(3, iso="22G1"), SlotPosition.parse("0030002")),
             Placement(unit(4), SlotPosition.parse("0020082")),
             Placement(unit(5, iso="22G1"), SlotPosition.parse("0070202"))]
    state = _state_with(boxes)
    z = stack_vcgs(state, range(len(state.ncell)))
    expected = container_vcgs(small_ship(), boxes)
    assert [z[k] for k in range(len(boxes))] == pytest.approx(expected)
