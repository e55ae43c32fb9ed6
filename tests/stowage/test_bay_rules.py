"""Each rule on a tiny bay where the right answer is obvious; repeatability; references."""

from __future__ import annotations

import json
from dataclasses import replace

from tradelane.cli import main
from tradelane.domain.bay import (
    BayCell,
    BayContainer,
    BayInstance,
    BayPlacement,
    BaySlot,
    BayStack,
    LoadedContainer,
)
from tradelane.io.bay_instance import format_bay_instance
from tradelane.result import Status
from tradelane.stowage.bay import BayParams, check_reference, solve_bay
from tradelane.stowage.bay_generator import realistic_bay
from tradelane.stowage.bay_rules import bay_terms, bay_violations

PARAMS = BayParams(time_limit_s=10.0)
CELL = BayCell()


def bay(to_load: list[BayContainer], *, stacks: int = 1, tiers: int = 2,
        cells: list[list[BayCell]] | None = None, max_weight_kg: float = 100_000.0,
        max_height_m: float = 10.0, loaded: tuple[LoadedContainer, ...] = (),
        reference: tuple[BayPlacement, ...] | None = None) -> BayInstance:
    columns = cells or [[CELL] * tiers for _ in range(stacks)]
    return BayInstance(name="tiny", pods=(1, 2, 3), to_load=tuple(to_load), loaded=loaded,
                       stacks=tuple(BayStack(max_weight_kg, max_height_m)
                                    for _ in columns),
                       cells=tuple(tuple(c) for c in columns), reference=reference)


def box(length: int = 40, pod: int = 1, weight: float = 10_000.0, height: float = 2.59,
        reefer: bool = False, imo: int = 0) -> BayContainer:
    return BayContainer(weight, height, length, pod, reefer, imo)


def solve(inst: BayInstance):
    result = solve_bay(inst, PARAMS)
    assert result.status is Status.OPTIMAL and result.solution is not None
    return result.solution


def test_later_pod_goes_below_and_one_stack_suffices() -> None:
    plan = solve(bay([box(pod=1), box(pod=3)]))
    tiers = {p.container: p.tier for p in plan.placements}
    assert tiers == {1: 1, 0: 2}                  # POD 3 under POD 1: no overstow
    assert plan.terms.overstow == 0 and plan.terms.stacks_used == 1
    assert plan.terms.pod_mix == 1


def test_no_20_on_a_40_and_a_40_on_two_20s() -> None:
    plan = solve(bay([box(40), box(20), box(20)]))
    assert {(p.tier, p.slot) for p in plan.placements} == {(1, 1), (1, -1), (2, 0)}
    on_a_40 = [BayPlacement(0, 1, 1, 0), BayPlacement(1, 1, 2, 1)]
    assert any("20 on top of a 40" in v for v in bay_violations(bay([box(40), box(20)]),
                                                                on_a_40))


def test_a_lone_20_cannot_carry_a_40() -> None:
    inst = bay([box(40), box(20)], stacks=1, tiers=2)
    assert len(solve(inst).unstowed) == 1   # neither may stand on the other
    floating = [BayPlacement(1, 1, 1, 1), BayPlacement(0, 1, 2, 0)]
    assert any("two 20s" in v for v in bay_violations(inst, floating))


def test_reefer_only_on_a_plug() -> None:
    plugged = BayCell(aft_reefer=True)
    inst = bay([box(20, reefer=True)], stacks=2, tiers=1, cells=[[CELL], [plugged]])
    plan = solve(inst)
    assert plan.placements == (BayPlacement(0, 2, 1, 1),)
    no_plug = bay([box(20, reefer=True)], stacks=1, tiers=1)
    assert solve(no_plug).unstowed == (0,)


def test_non_reefer_avoids_a_plug_when_it_can() -> None:
    plugged = BayCell(aft_reefer=True, fore_reefer=True)
    plan = solve(bay([box()], stacks=2, tiers=1, cells=[[plugged], [CELL]]))
    assert plan.placements[0].stack == 2 and plan.terms.reefer_misuse == 0
    forced = solve(bay([box()], stacks=1, tiers=1, cells=[[plugged]]))
    assert forced.terms.reefer_misuse == 1


def test_stack_weight_limit() -> None:
    inst = bay([box(weight=30_000.0), box(weight=25_000.0)], stacks=2,
               max_weight_kg=50_000.0)
    plan = solve(inst)
    assert len({p.stack for p in plan.placements}) == 2 and plan.terms.stacks_used == 2
    one = bay([box(weight=30_000.0), box(weight=25_000.0)], stacks=1,
              max_weight_kg=50_000.0)
    assert len(solve(one).unstowed) == 1


def test_height_limit_counts_high_cubes() -> None:
    hc = [box(height=2.90), box(height=2.90)]
    assert solve(bay(hc, max_height_m=5.60)).unstowed != ()           # 5.80 m > 5.60 m
    assert solve(bay(hc, max_height_m=5.80)).unstowed == ()
    std = [box(height=2.59), box(height=2.59)]
    assert solve(bay(std, max_height_m=5.60)).unstowed == ()           # 5.18 m


def test_cells_for_20s_only_40s_only_or_unusable() -> None:
    only20 = BayCell(feasible40=False)
    only40 = BayCell(aft_feasible=False, fore_feasible=False)
    dead = BayCell(False, False, False, False, False)
    assert solve(bay([box(40)], tiers=1, cells=[[only20]])).unstowed == (0,)
    assert solve(bay([box(20)], tiers=1, cells=[[only40]])).unstowed == (0,)
    # an unusable bottom cell: the stack starts on the next one
    plan = solve(bay([box(40)], tiers=2, cells=[[dead, CELL]]))
    assert plan.placements == (BayPlacement(0, 1, 2, 0),)


def test_dangerous_goods_of_different_categories_are_kept_apart() -> None:
    two = [box(20, imo=1), box(20, imo=3)]
    assert len(solve(bay(two, stacks=1, tiers=1)).unstowed) == 1        # same cell: no
    apart = solve(bay([*two, box(20)], stacks=1, tiers=2))   # a plain 20 in between
    assert apart.unstowed == ()
    a, b = (p for p in apart.placements if p.container < 2)
    assert a.slot != b.slot and a.tier != b.tier                        # diagonal
    same = [box(20, imo=2), box(20, imo=2)]
    assert solve(bay(same, stacks=1, tiers=1)).unstowed == ()           # same category: yes
    across = [box(40, imo=1), box(40, imo=3)]
    plan = solve(bay(across, stacks=2, tiers=1))
    assert len(plan.unstowed) == 1                                      # side by side: no


def test_loaded_containers_stay_and_count() -> None:
    aboard = (LoadedContainer(box(pod=1), BaySlot(1, 1, 0)),)
    plan = solve(bay([box(pod=3)], stacks=2, tiers=2, loaded=aboard))
    assert plan.placements == (BayPlacement(0, 2, 1, 0),)   # not over the POD-1 box
    assert plan.terms.stacks_used == 2 and plan.terms.overstow == 0


def test_unstowable_containers_are_reported_not_dropped() -> None:
    plan = solve(bay([box(), box(), box()], stacks=1, tiers=2))
    assert len(plan.placements) == 2 and len(plan.unstowed) == 1
    assert {p.container for p in plan.placements} | set(plan.unstowed) == {0, 1, 2}


def test_seeded_single_thread_runs_repeat() -> None:
    inst = realistic_bay(11)
    params = BayParams(time_limit_s=30.0, seed=7, work_limit=0.5)
    first, second = solve_bay(inst, params), solve_bay(inst, params)
    assert first.solution is not None and second.solution is not None
    assert first.solution.placements == second.solution.placements
    assert first.objective == second.objective and first.bound == second.bound
    assert bay_violations(inst, first.solution.placements) == []


def test_never_worse_than_the_reference_in_the_file() -> None:
    inst = realistic_bay(3)
    plan = solve_bay(inst, BayParams(time_limit_s=2.0)).solution
    assert plan is not None
    with_ref = replace(inst, reference=plan.placements)   # a good plan as the reference
    check = check_reference(with_ref)
    assert check is not None and check.legal and check.objective == plan.terms.objective
    result = solve_bay(with_ref, BayParams(time_limit_s=0.5))
    assert result.stats["reference_objective"] == check.objective
    assert result.solution is not None and result.objective is not None
    assert (len(result.solution.unstowed), result.objective) <= (check.unstowed,
                                                                 check.objective)


def test_illegal_reference_is_reported() -> None:
    inst = bay([box(), box()], stacks=1, tiers=2,
               reference=(BayPlacement(0, 1, 2, 0),))   # floating 40, one left ashore
    check = check_reference(inst)
    assert check is not None and not check.legal and check.unstowed == 1
    assert check.terms == bay_terms(inst, inst.reference or ())


def test_cli_json_keys_and_bad_file(tmp_path, capsys) -> None:
    inst = replace(bay([box(pod=1), box(pod=3), box(20)], stacks=2, tiers=2),
                   reference=(BayPlacement(0, 1, 1, 0),), locations=(1,))
    path = tmp_path / "bay.txt"
    path.write_text(format_bay_instance(inst))
    assert main(["stow", "bay", str(path), "--time-limit-s", "5", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"status", "objective", "terms", "bound", "gap", "runtime_s",
                        "placements", "unstowed", "reference_objective"}
    assert set(out["terms"]) == {"overstow", "pod_mix", "stacks_used", "reefer_misuse"}
    assert out["status"] == "optimal" and out["unstowed"] == []
    assert sorted(p["container"] for p in out["placements"]) == [0, 1, 2]
    assert set(out["placements"][0]) == {"container", "stack", "tier", "slot"}
    path.write_text(path.read_text().replace("#CELLS", "#CELLZ"))
    assert main(["stow", "bay", str(path)]) == 2
    assert "#CELLS" in capsys.readouterr().err
