"""A Larsen–Pacino benchmark instance planned port by port with the multi-port planner.

The instance's containers with positions are aboard on arrival at port 0; the others are
loaded at their start port. Every port is called in order; cranes and rates take the ★
defaults (6 cranes, 36 moves per crane-hour). The last port ends the voyage (its departure is
not checked). The vessel files have no draft table, so no draft rule applies.

A few instances place a reefer aboard in a cell without a plug (13 of vessel M's 1,166
pre-placed reefers); no valid plan keeps it there. Such a reefer, and the pre-placed
containers above it in its stack, are restowed at port 0: planned as cargo of port 0 and
counted as forced restows (2 moves each) in both the restow term and its bound.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from tradelane.domain.stowage import ContainerUnit, Placement
from tradelane.domain.vessel_profile import VesselProfile
from tradelane.io.larsen_pacino_instance import (
    LarsenPacinoInstance,
    instance_units,
    port_code,
    read_larsen_pacino_instance,
)
from tradelane.io.larsen_pacino_vessel import larsen_pacino_map
from tradelane.io.vessel_profile import read_larsen_pacino_vessel
from tradelane.result import Result
from tradelane.stowage.planner import Progress, plan_stowage
from tradelane.stowage.planner_records import PortCall, StowParams, VoyagePlan


@dataclass(frozen=True, slots=True)
class LarsenPacinoRun:
    """The instance, its vessel and the planner's result."""

    instance: LarsenPacinoInstance
    profile: VesselProfile
    result: Result[VoyagePlan]


def vessel_file_for(instance_path: Path, vessel_dir: Path) -> Path:
    """``vessel_{S,M,L}.txt`` for an instance ``V{S,M,L}…txt``."""
    return vessel_dir / f"vessel_{instance_path.stem[1]}.txt"


def plan_larsen_pacino(instance_path: Path, vessel_path: Path, params: StowParams, *,
                       ports: int | None = None,
                       progress: Progress | None = None) -> LarsenPacinoRun:
    """Plan the instance's first ``ports`` ports (default: all)."""
    text = vessel_path.read_text(encoding="utf-8")
    profile = read_larsen_pacino_vessel(vessel_path)
    inst = read_larsen_pacino_instance(instance_path)
    onboard, cargo = instance_units(inst, larsen_pacino_map(text))
    onboard, moved = unpowered_reefers(profile, onboard)
    count = inst.ports if ports is None else min(ports, inst.ports)
    calls = [PortCall(port_code(i), departs=i < inst.ports - 1) for i in range(count)]
    result = plan_stowage(profile, calls, moved + cargo, params, onboard=onboard,
                          progress=progress)
    plan = result.solution
    if moved and plan is not None:
        extra = 2 * len(moved)
        plan = replace(plan, terms={**plan.terms, "rehandle_moves":
                                    plan.terms["rehandle_moves"] + extra},
                       bounds={**plan.bounds, "rehandle_moves":
                               plan.bounds["rehandle_moves"] + extra})
        result = replace(result, solution=plan,
                         objective=None if result.objective is None
                         else result.objective + extra,
                         bound=None if result.bound is None else result.bound + extra)
    return LarsenPacinoRun(inst, profile, result)


def unpowered_reefers(profile: VesselProfile, onboard: list[Placement]
                      ) -> tuple[list[Placement], list[ContainerUnit]]:
    """The placements that stay, and the units to restow at port 0: every reefer aboard in a
    cell without a plug, with the containers above it in its stack."""
    slots = [profile.slot(p.position) for p in onboard]
    bad = [(s.stack.bay_index, s.stack.row, s.stack.on_deck, s.cell.tier)
           for p, s in zip(onboard, slots, strict=True)
           if p.container.reefer_setpoint_c is not None and s.cell.reefer_plugs == 0]
    if not bad:
        return onboard, []
    keep: list[Placement] = []
    moved: list[ContainerUnit] = []
    for p, s in zip(onboard, slots, strict=True):
        key = (s.stack.bay_index, s.stack.row, s.stack.on_deck)
        if any(key == b[:3] and s.cell.tier >= b[3] for b in bad):
            moved.append(p.container)
        else:
            keep.append(p)
    return keep, moved
