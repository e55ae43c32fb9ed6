"""A Larsen–Pacino benchmark instance planned port by port with the multi-port planner.

The instance's containers with positions are aboard on arrival at port 0; the others are
loaded at their start port. Every port is called in order; cranes and rates take the ★
defaults (6 cranes, 36 moves per crane-hour). The last port ends the voyage (its departure is
not checked). The vessel files have no draft table, so no draft rule applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
    count = inst.ports if ports is None else min(ports, inst.ports)
    calls = [PortCall(port_code(i), departs=i < inst.ports - 1) for i in range(count)]
    result = plan_stowage(profile, calls, cargo, params, onboard=onboard, progress=progress)
    return LarsenPacinoRun(inst, profile, result)
