"""On tiny instances the designer finds the best network, found here by enumeration.

The enumeration is independent of the designer: every network of valid rotations (up to the
fleet), each service at its slowest speed that keeps the weekly frequency or at the class's
top speed, is priced by the evaluator of issue 3 (a cold evaluation), and networks the
evaluator reports a violation for are skipped.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from tradelane.design.params import DesignParams
from tradelane.design.solve import solve
from tradelane.domain.linerlib import LinerlibNetwork, LinerlibService
from tradelane.linerlib.evaluate import evaluate
from tradelane.linerlib.instance import Instance, load_instance


def rotations(ports: list[str], longest: int) -> list[tuple[str, ...]]:
    """Call sequences of 2..longest calls, no port twice in a row (cyclically), one per cycle."""
    found = []
    for n in range(2, longest + 1):
        for seq in itertools.product(ports, repeat=n):
            if any(seq[i] == seq[(i + 1) % n] for i in range(n)):
                continue
            if seq == min(seq[i:] + seq[:i] for i in range(n)):
                found.append(seq)
    return found


def speeds(inst: Instance, cls: str, calls: tuple[str, ...], vessels: int) -> list[float]:
    c = inst.vessel_classes[cls]
    legs = zip(calls, calls[1:] + calls[:1], strict=True)
    miles = sum(inst.route(c, a, b).distance_nm for a, b in legs)
    sailing_days = 7 * vessels - len(calls)
    if sailing_days <= 0:
        return []
    slowest = max(c.min_speed_kn, miles / (24 * sailing_days))
    return sorted({slowest, c.max_speed_kn}) if slowest <= c.max_speed_kn else []


def best_by_enumeration(inst: Instance, services: list[list[LinerlibService]]) -> float:
    """Lowest Z over networks made of one choice from each list (an empty list = no service)."""
    best = evaluate(inst, LinerlibNetwork(())).solution.z_180d_usd  # type: ignore[union-attr]
    for combo in itertools.product(*services):
        ev = evaluate(inst, LinerlibNetwork(tuple(combo))).solution
        assert ev is not None
        if not ev.violations:
            best = min(best, ev.z_180d_usd)
    return best


def options(inst: Instance, cls: str, vessels: int, longest: int) -> list[LinerlibService]:
    ports = sorted({d.origin for d in inst.demands} | {d.destination for d in inst.demands})
    return [LinerlibService(cls, vessels, v, calls) for calls in rotations(ports, longest)
            for v in speeds(inst, cls, calls, vessels)]


def designed_z(inst: Instance, seed: int = 1) -> float:
    result = solve(inst, DesignParams(time_limit_s=120.0, seed=seed, iterations=900))
    assert result.solution is not None
    assert result.solution.evaluation.violations == ()
    return result.solution.evaluation.z_180d_usd


def test_three_ports_two_vessels(three_ports: Path) -> None:
    inst = load_instance(three_ports, "Tri")
    one = options(inst, "Small", 1, 4)
    two = options(inst, "Small", 2, 4)
    best = min(best_by_enumeration(inst, [two]),  # one service, two vessels
               best_by_enumeration(inst, [one, one]))  # two services (or one, twice)
    singles = best_by_enumeration(inst, [one])
    assert best < singles  # the second vessel pays: the instance is not trivial
    assert designed_z(inst) == pytest.approx(best, rel=1e-9)


def test_four_ports_two_classes_and_a_draft_limit(four_ports: Path) -> None:
    inst = load_instance(four_ports, "Quad")
    small = options(inst, "Small", 1, 4)
    large = [s for s in options(inst, "Large", 1, 4) if "DDDDD" not in s.calls]
    feasible = {}
    for name, services in (("Small", small), ("Large", large)):
        kept = []
        for s in services:
            ev = evaluate(inst, LinerlibNetwork((s,))).solution
            if ev is not None and not ev.violations:
                kept.append(s)
        feasible[name] = kept
    best = min(best_by_enumeration(inst, [feasible["Small"]]),
               best_by_enumeration(inst, [feasible["Large"]]),
               best_by_enumeration(inst, [feasible["Small"], feasible["Large"]]))
    assert designed_z(inst) == pytest.approx(best, rel=1e-9)
