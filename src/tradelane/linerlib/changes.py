"""Single-service changes of a network, and the warm-versus-cold timing of their re-evaluation.

Three kinds, as a network-design search makes them: ``drop`` (service *i* loses its last call),
``insert`` (service *i* calls one more port: the cheapest insertion in miles) and ``class``
(service *i* moves to the next larger vessel class, the largest to the next smaller: only leg
capacities change). Each change is timed warm (:meth:`Evaluator.replace_service` +
:meth:`Evaluator.evaluate` on the evaluator of the unchanged network) and cold (a new
:class:`Evaluator` of the changed network, built and solved), in the same run, one after the
other.
"""

from __future__ import annotations

import dataclasses
import math
import statistics
import time
from collections.abc import Callable
from typing import Any

from tradelane.domain.linerlib import LinerlibNetwork, LinerlibService
from tradelane.errors import InputError
from tradelane.linerlib.evaluate import Evaluator
from tradelane.linerlib.instance import Instance

__all__ = ["CHANGES", "change_class", "drop_last_call", "insert_call", "warm_figures"]

Change = Callable[[tuple[LinerlibService, ...], int, Instance], LinerlibService | None]


def drop_last_call(services: tuple[LinerlibService, ...], i: int,
                   instance: Instance) -> LinerlibService | None:
    """Service ``i`` without its last call; ``None`` when that leaves no valid rotation."""
    calls = services[i].calls[:-1]
    if len(calls) >= 2 and calls[0] != calls[-1]:
        return dataclasses.replace(services[i], calls=calls)
    return None


def insert_call(services: tuple[LinerlibService, ...], i: int,
                instance: Instance) -> LinerlibService | None:
    """Service ``i`` with the cheapest insertion: the port and place adding the fewest miles.

    Among the instance's ports that service ``i`` does not call, and the places between two of
    its consecutive calls, the one minimising d(a, p) + d(p, b) − d(a, b) (ties: port code, then
    place); ``None`` when no port can be inserted.
    """
    service = services[i]
    cls = instance.vessel_classes[service.vessel_class]
    calls = service.calls

    def miles(a: str, b: str) -> float:
        try:
            return instance.route(cls, a, b).distance_nm
        except InputError:
            return math.inf

    best: tuple[float, str, int] | None = None
    for port in sorted(set(instance.ports) - set(calls)):
        for at in range(len(calls)):
            a, b = calls[at], calls[(at + 1) % len(calls)]
            detour = miles(a, port) + miles(port, b) - miles(a, b)
            if math.isfinite(detour) and (best is None or detour < best[0]):
                best = (detour, port, at)
    if best is None:
        return None
    _, port, at = best
    return dataclasses.replace(service, calls=(*calls[:at + 1], port, *calls[at + 1:]))


def change_class(services: tuple[LinerlibService, ...], i: int,
                 instance: Instance) -> LinerlibService | None:
    """Service ``i`` on the next larger vessel class (the next smaller for the largest)."""
    ranked = sorted(instance.vessel_classes.values(), key=lambda c: c.capacity_ffe)
    names = [c.name for c in ranked]
    if len(names) < 2:
        return None
    j = names.index(services[i].vessel_class)
    other = names[j + 1] if j + 1 < len(names) else names[j - 1]
    return dataclasses.replace(services[i], vessel_class=other)


CHANGES: dict[str, Change] = {"drop": drop_last_call, "insert": insert_call,
                              "class": change_class}


def warm_figures(evaluator: Evaluator, network: LinerlibNetwork, changes: int) -> dict[str, Any]:
    """Warm and cold seconds of each change kind, medians over ``changes`` services.

    Parameters
    ----------
    evaluator : Evaluator
        Evaluator of ``network``, already evaluated once; it is restored after every change.
    network : LinerlibNetwork
        The unchanged network.
    changes : int
        How many services (the first ones where the change applies) are changed, one at a time.
        The cold evaluators take ``evaluator``'s options and flow parameters.

    Returns
    -------
    dict[str, Any]
        ``warm_<kind>_s``, ``cold_<kind>_s`` (medians), ``warm_<kind>_ratio`` (median of warm /
        cold per change) for each kind, and ``warm_max_rel_diff``: the largest
        |warm − cold| / max(1, |cold|) objective difference seen (0 when exact).
    """
    services = network.services
    out: dict[str, Any] = {}
    worst = 0.0
    for kind, change in CHANGES.items():
        warm: list[float] = []
        cold: list[float] = []
        for i in range(len(services)):
            if len(warm) >= changes:
                break
            new = change(services, i, evaluator.instance)
            if new is None:
                continue
            t0 = time.perf_counter()
            evaluator.replace_service(i, new)
            hot = evaluator.evaluate()
            warm.append(time.perf_counter() - t0)
            evaluator.replace_service(i, services[i])
            evaluator.evaluate()
            changed = dataclasses.replace(network, services=(*services[:i], new,
                                                             *services[i + 1:]))
            t0 = time.perf_counter()
            ref = Evaluator(evaluator.instance, changed, transit_times=evaluator.transit_times,
                            erratum_idle=evaluator.erratum_idle,
                            params=evaluator.params).evaluate()
            cold.append(time.perf_counter() - t0)
            if hot.objective is not None and ref.objective is not None:
                worst = max(worst, abs(hot.objective - ref.objective)
                            / max(1.0, abs(ref.objective)))
            else:
                worst = float("inf")
        out[f"warm_{kind}_s"] = statistics.median(warm) if warm else None
        out[f"cold_{kind}_s"] = statistics.median(cold) if cold else None
        out[f"warm_{kind}_ratio"] = (statistics.median(w / c for w, c in zip(warm, cold,
                                                                            strict=True))
                                     if warm else None)
    out["warm_max_rel_diff"] = worst
    return out
