"""Canal lock limits and port depths checked against a vessel class."""

from __future__ import annotations

from tradelane.domain import Canal, Port, VesselClass


def canal_violations(vessel: VesselClass, canal: Canal,
                     draft_limit_m: float | None = None) -> list[str]:
    """Reasons ``vessel`` cannot transit ``canal`` (empty when it can).

    ``draft_limit_m`` is a temporary limit (e.g. a drought restriction); the lower of it and the
    lock limit applies.
    """
    reasons = []
    label = f"{canal.name.capitalize()} Canal"
    if vessel.loa_m > canal.max_loa_m:
        reasons.append(f"LOA {vessel.loa_m:g} m exceeds the {label} limit "
                       f"{canal.max_loa_m:g} m")
    if vessel.beam_m > canal.max_beam_m:
        reasons.append(f"beam {vessel.beam_m:g} m exceeds the {label} limit "
                       f"{canal.max_beam_m:g} m")
    limit = canal.max_draft_m
    why = "lock limit"
    if draft_limit_m is not None and draft_limit_m < limit:
        limit, why = draft_limit_m, "temporary restriction"
    if vessel.design_draft_m > limit:
        reasons.append(f"design draft {vessel.design_draft_m:g} m exceeds the {label} draft "
                       f"limit {limit:g} m ({why})")
    return reasons


def port_draft_issues(vessel: VesselClass, ports: list[Port]) -> list[str]:
    """One message per port shallower than the vessel's design draft (unknown depths pass)."""
    return [f"{p.locode} controlling depth {p.max_draft_m:g} m is less than the design draft "
            f"{vessel.design_draft_m:g} m: the ship needs a tidal window or a part load"
            for p in ports if p.max_draft_m is not None and p.max_draft_m < vessel.design_draft_m]
