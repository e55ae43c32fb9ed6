"""Independent feasibility check of a berth plan; shares no code with the solvers."""

from __future__ import annotations

import itertools

from tradelane.domain.berth import BerthInstance, BerthPlan


def plan_violations(instance: BerthInstance, plan: BerthPlan) -> list[str]:
    """Every rule the plan breaks, one sentence each; empty when the plan is feasible.

    Checks: one assignment per ship, a known and allowed berth, start at or after arrival and
    berth opening, end = start + handling time, end by berth closing and latest departure, and no
    two ships on a berth at once.
    """
    problems: list[str] = []
    if len(plan.assignments) != instance.n_ships:
        return [f"plan has {len(plan.assignments)} assignments for {instance.n_ships} ships"]
    for a in plan.assignments:
        problems.extend(_ship_violations(instance, a.ship, a.berth, a.start_h, a.end_h))
    by_berth: dict[int, list[tuple[int, int, int]]] = {}
    for a in plan.assignments:
        by_berth.setdefault(a.berth, []).append((a.start_h, a.end_h, a.ship))
    for berth, spans in sorted(by_berth.items()):
        spans.sort()
        for (s1, e1, i1), (s2, _e2, i2) in itertools.pairwise(spans):
            if s2 < e1:
                problems.append(f"ships {i1} and {i2} overlap on berth {berth} "
                                f"([{s1}, {e1}) and from {s2})")
    return problems


def _ship_violations(instance: BerthInstance, i: int, j: int, start: int, end: int) -> list[str]:
    if not 0 <= j < instance.n_berths:
        return [f"ship {i}: berth {j} does not exist"]
    h = instance.handling_h[i][j]
    if h is None:
        return [f"ship {i}: berth {j} is forbidden for this ship"]
    out = []
    if start < instance.arrival_h[i]:
        out.append(f"ship {i}: starts at {start} before arriving at {instance.arrival_h[i]}")
    if start < instance.berth_open_h[j]:
        out.append(f"ship {i}: starts at {start} before berth {j} opens at "
                   f"{instance.berth_open_h[j]}")
    if end != start + h:
        out.append(f"ship {i}: ends at {end}, not start {start} + handling {h}")
    if end > instance.berth_close_h[j]:
        out.append(f"ship {i}: ends at {end} after berth {j} closes at "
                   f"{instance.berth_close_h[j]}")
    if end > instance.latest_departure_h[i]:
        out.append(f"ship {i}: ends at {end} after its latest departure "
                   f"{instance.latest_departure_h[i]}")
    return out


def is_feasible(instance: BerthInstance, plan: BerthPlan) -> bool:
    """Whether :func:`plan_violations` finds nothing."""
    return not plan_violations(instance, plan)
