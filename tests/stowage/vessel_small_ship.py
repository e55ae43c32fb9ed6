"""A hand-built small ship (a box barge with two 40-ft bays) whose answers are obvious.

Box hull L = 60 m, B = 8 m: Δ = 1.025 · 60 · 8 · T = 492 T t, KB = T/2, BM = B²/(12 T),
LCB = LCF = 0, MTC = Δ · (L²/(12 T)) / (100 L) = 24.6 t·m/cm. Lightship 1,000 t at VCG 2 m
and LCG −0.75 m. Bays: index 0 at x = +12 m (ISO 01/02/03), index 1 at x = −12 m (05/06/07);
rows 00 (centre), 01 (starboard, +2.5 m), 02 (port, −2.5 m); hold tiers 02/04/06 on a base at
1 m (max height 8.2 m: three standard or one high cube), deck tiers 82/84 on a base at 9 m.
Only the deck cell 0020082 (bay 0, row 00, tier 82) has reefer plugs (2).
"""

from __future__ import annotations

from tradelane.domain.stowage import ContainerUnit, DangerousCargo, Placement, SlotPosition
from tradelane.domain.vessel_profile import (
    Cell,
    HydroPoint,
    Section,
    Stack,
    Station,
    VesselProfile,
)

TCG = {0: 0.0, 1: 2.5, 2: -2.5}


def _stacks() -> tuple[Stack, ...]:
    out = []
    for bay, x in ((0, 12.0), (1, -12.0)):
        for row, y in TCG.items():
            out.append(Stack(bay, row, False, x, y, 1.0, 8.2, 60.0, 80.0,
                             (Cell(2), Cell(4), Cell(6))))
            plugs = 2 if (bay, row) == (0, 0) else 0
            out.append(Stack(bay, row, True, x, y, 9.0, 6.0, 40.0, 60.0,
                             (Cell(82, plugs), Cell(84))))
    return tuple(out)


def small_ship(*, shear_t: float = 300.0, bending_tm: float = 3000.0,
               max_draft_m: float = 4.0) -> VesselProfile:
    """The small ship; strength limits and the table's deepest draft can be lowered."""
    drafts = [0.5 + 0.05 * k for k in range(71) if 0.5 + 0.05 * k <= max_draft_m + 1e-9]
    points = tuple(HydroPoint(492.0 * t, t / 2 + 64 / (12 * t), draft_m=t, lcb_m=0.0,
                              lcf_m=0.0, mtc_tm_per_cm=24.6) for t in drafts)
    sections = tuple(Section(a, a + 15.0, w, 2.0, tuple(0.25 * p.displacement_t
                                                       for p in points))
                     for a, w in ((-30.0, 270.0), (-15.0, 250.0), (0.0, 240.0), (15.0, 240.0)))
    stations = tuple(Station(x, -shear_t, shear_t, bending_tm) for x in (15.0, 0.0, -15.0))
    return VesselProfile("SMALL", 64.0, 60.0, 8.0, 3.0, _stacks(), sections, stations, points,
                         accommodation_x_m=(-30.0, -24.0))


def box(n: str, iso: str = "42G1", t: float = 20.0, *, reefer: bool = False,
        dg: tuple[DangerousCargo, ...] = ()) -> ContainerUnit:
    """A container: number, ISO size-type, mass in t."""
    return ContainerUnit(n, iso, t, "CNTAO", "USSAV", reefer_setpoint_c=-18.0 if reefer else None,
                         dangerous=dg)


def at(container: ContainerUnit, code: str) -> Placement:
    """``container`` at ISO position ``code``."""
    return Placement(container, SlotPosition.parse(code))
