"""A Larsen–Pacino instance (the smallest) planned for its first ports."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradelane.errors import InputError
from tradelane.io.larsen_pacino_instance import (
    instance_units,
    parse_larsen_pacino_instance,
    read_larsen_pacino_instance,
)
from tradelane.io.larsen_pacino_vessel import larsen_pacino_map
from tradelane.io.vessel_profile import read_larsen_pacino_vessel as read_vessel
from tradelane.stowage.check import check_condition
from tradelane.stowage.larsen_pacino_plan import plan_larsen_pacino, unpowered_reefers
from tradelane.stowage.planner_records import StowParams

ROOT = Path(__file__).resolve().parents[3] / "shared" / "benchmarks" / "stowage" / \
    "stowage_planning_larsen_pacino"
needs_data = pytest.mark.skipif(not ROOT.is_dir(), reason="../shared benchmark data absent")

TINY = """# Parameters: nPorts nContainers
3 3
# Transport type: id length=(20,40) weight type=(DC,RC,HC,HR)
0 20 14 DC
1 40 21 HR
# Container: startPort endPort typeId [bay stack tier slot]
0 2 0 1 4 0 2
0 1 1
1 2 0
"""


def test_parse_a_tiny_instance() -> None:
    inst = parse_larsen_pacino_instance(TINY)
    assert inst.ports == 3 and len(inst.containers) == 3
    first = inst.containers[0]
    assert (first.length_ft, first.weight_t, first.placed) == (20, 14.0, (1, 4, 0, 2))
    assert inst.containers[1].kind == "HR" and inst.containers[1].placed is None


def test_bad_lines_are_one_sentence() -> None:
    with pytest.raises(InputError, match="line 7"):
        parse_larsen_pacino_instance(TINY.replace("0 2 0 1 4 0 2", "0 2 7 1 4 0 2"))
    with pytest.raises(InputError, match="declares 4 containers"):
        parse_larsen_pacino_instance(TINY.replace("3 3", "3 4"))


@needs_data
def test_smallest_instance_first_ports() -> None:
    instance = ROOT / "container_instances" / "Vessel_S" / "VSLow2.txt"
    vessel = ROOT / "vessel_data" / "vessel_S.txt"
    inst = read_larsen_pacino_instance(instance)
    onboard, cargo = instance_units(inst, larsen_pacino_map(vessel.read_text()))
    assert len(onboard) + len(cargo) == len(inst.containers)
    run = plan_larsen_pacino(instance, vessel, StowParams(time_limit_s=60), ports=3)
    plan = run.result.solution
    assert [p.locode for p in plan.ports] == ["ZZPAA", "ZZPAB", "ZZPAC"]
    assert plan.terms["rehandle_moves"] >= plan.bounds["rehandle_moves"]
    assert plan.terms["crane_makespan_h"] >= plan.bounds["crane_makespan_h"]
    first = plan.ports[0]
    assert first.loaded + len(first.left_ashore) == sum(c.start_port == 0 and c.placed is None
                                                        for c in inst.containers)
    for p in plan.ports:  # every rule the plan reports broken is the checker's own verdict
        assert list(p.broken_rules) == check_condition(run.profile, p.departure,
                                                       ballast=p.ballast_t)


@needs_data
def test_reefers_aboard_without_a_plug_are_restowed_at_the_first_port() -> None:
    # VMLow1 places three reefers in hold cells without a plug (vessel M gives 0 plugs there)
    vessel = ROOT / "vessel_data" / "vessel_M.txt"
    inst = read_larsen_pacino_instance(ROOT / "container_instances" / "Vessel_M" / "VMLow1.txt")
    profile = read_vessel(vessel)
    onboard, _ = instance_units(inst, larsen_pacino_map(vessel.read_text()))
    keep, moved = unpowered_reefers(profile, onboard)
    assert len(keep) + len(moved) == len(onboard)
    unpowered = {p.container.number for p in onboard if p.container.reefer_setpoint_c
                 is not None and profile.slot(p.position).cell.reefer_plugs == 0}
    assert len(unpowered) == 3 and unpowered <= {u.number for u in moved}
    assert all(profile.slot(p.position).cell.reefer_plugs > 0 for p in keep
               if p.container.reefer_setpoint_c is not None)
