"""Dangerous-goods stowage and segregation rules (helper S2 writes them)."""

from __future__ import annotations

from collections.abc import Sequence

from tradelane.domain.stowage import BrokenRule, Placement
from tradelane.domain.vessel_profile import VesselProfile


def dg_violations(profile: VesselProfile, placements: Sequence[Placement]) -> list[BrokenRule]:
    """The IMDG rules the placements break: placeholder until the DG rules land."""
    return []
