"""The neighbourhoods of the search: each move changes one or two services of a network.

Every move takes the current slots, the search context (random generator, fleet, ports, the
cargo the last solution rejected) and returns new slots, or ``None`` when it does not apply.
Rotations stay valid LINER-LIB rotations: at least two calls, no port twice in a row (a port
may be called twice, the butterfly rotations of LINER-LIB), every port within the class's draft.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from tradelane.design.fleet import Fleet
from tradelane.design.state import Rotation, Slots

__all__ = ["MOVES", "Context", "valid"]


@dataclass(frozen=True, slots=True)
class Context:
    """What the moves read: random generator, fleet, callable ports, rejected cargo per O-D."""

    rng: np.random.Generator
    fleet: Fleet
    ports: tuple[str, ...]
    classes: tuple[str, ...]
    commodities: tuple[tuple[str, str], ...]
    rejected_ffe: np.ndarray


def valid(calls: tuple[str, ...]) -> bool:
    """At least two calls and no port called twice in a row (the rotation is cyclic)."""
    return len(calls) >= 2 and all(a != b for a, b in zip(calls, calls[1:] + calls[:1],
                                                          strict=True))


def _used(slots: Slots) -> list[int]:
    return [i for i, r in enumerate(slots) if r is not None]


def _pick_used(ctx: Context, slots: Slots) -> int | None:
    used = _used(slots)
    return None if not used else int(ctx.rng.choice(used))


def _pick_rotation(ctx: Context, slots: Slots) -> tuple[int, str, tuple[str, ...]] | None:
    """A used slot drawn at random, with its class and calls (None when every slot is empty)."""
    i = _pick_used(ctx, slots)
    if i is None:
        return None
    rotation = slots[i]
    assert rotation is not None  # _pick_used draws among the used slots
    cls, calls = rotation
    return i, cls, calls


def _with(slots: Slots, changes: dict[int, Rotation | None]) -> Slots:
    out = list(slots)
    for i, value in changes.items():
        out[i] = value
    return tuple(out)


def _detour(ctx: Context, cls: str, calls: tuple[str, ...], at: int, port: str) -> float:
    a, b = calls[at], calls[(at + 1) % len(calls)]
    if port in (a, b):
        return float("inf")
    d1, d2, d0 = ctx.fleet.miles(cls, a, port), ctx.fleet.miles(cls, port, b), \
        ctx.fleet.miles(cls, a, b)
    if d1 is None or d2 is None or d0 is None:
        return float("inf")
    return d1 + d2 - d0


def _demand_port(ctx: Context) -> str:
    """A port drawn in proportion to the cargo rejected to or from it (uniform if none)."""
    weight = dict.fromkeys(ctx.ports, 1e-3)
    for (o, d), r in zip(ctx.commodities, ctx.rejected_ffe.tolist(), strict=True):
        if r > 1e-6:
            weight[o] = weight.get(o, 1e-3) + r
            weight[d] = weight.get(d, 1e-3) + r
    names = [p for p in ctx.ports]
    w = np.array([weight[p] for p in names])
    return names[int(ctx.rng.choice(len(names), p=w / w.sum()))]


def insert_port(ctx: Context, slots: Slots) -> Slots | None:
    """Call a port (drawn by rejected cargo) once more on a service, at its cheapest place."""
    picked = _pick_rotation(ctx, slots)
    if picked is None:
        return None
    i, cls, calls = picked
    port = _demand_port(ctx)
    if not ctx.fleet.port_fits(cls, port):
        return None
    cost = [_detour(ctx, cls, calls, at, port) for at in range(len(calls))]
    at = int(np.argmin(cost))
    if not np.isfinite(cost[at]):
        return None
    return _with(slots, {i: (cls, (*calls[:at + 1], port, *calls[at + 1:]))})


def remove_call(ctx: Context, slots: Slots) -> Slots | None:
    """Drop one call of a service (of three or more calls)."""
    picked = _pick_rotation(ctx, slots)
    if picked is None:
        return None
    i, cls, calls = picked
    if len(calls) < 3:
        return None
    at = int(ctx.rng.integers(len(calls)))
    new = calls[:at] + calls[at + 1:]
    return _with(slots, {i: (cls, new)}) if valid(new) else None


def substitute_call(ctx: Context, slots: Slots) -> Slots | None:
    """Call another port (drawn by rejected cargo) instead of one of a service's calls."""
    picked = _pick_rotation(ctx, slots)
    if picked is None:
        return None
    i, cls, calls = picked
    port = _demand_port(ctx)
    at = int(ctx.rng.integers(len(calls)))
    new = (*calls[:at], port, *calls[at + 1:])
    if new == calls or not valid(new) or not ctx.fleet.port_fits(cls, port):
        return None
    return _with(slots, {i: (cls, new)})


def relocate_call(ctx: Context, slots: Slots) -> Slots | None:
    """Move one call of a service to its cheapest other place."""
    picked = _pick_rotation(ctx, slots)
    if picked is None:
        return None
    i, cls, calls = picked
    if len(calls) < 3:
        return None
    at = int(ctx.rng.integers(len(calls)))
    port, rest = calls[at], calls[:at] + calls[at + 1:]
    cost = [_detour(ctx, cls, rest, k, port) if k != (at - 1) % len(rest) else float("inf")
            for k in range(len(rest))]
    k = int(np.argmin(cost))
    new = (*rest[:k + 1], port, *rest[k + 1:])
    return _with(slots, {i: (cls, new)}) if np.isfinite(cost[k]) and valid(new) else None


def reverse_segment(ctx: Context, slots: Slots) -> Slots | None:
    """Reverse a stretch of a service's calls (2-opt)."""
    picked = _pick_rotation(ctx, slots)
    if picked is None:
        return None
    i, cls, calls = picked
    if len(calls) < 4:
        return None
    a, b = sorted(ctx.rng.choice(len(calls), 2, replace=False).tolist())
    new = calls[:a] + calls[a:b + 1][::-1] + calls[b + 1:]
    return _with(slots, {i: (cls, new)}) if valid(new) and new != calls else None


def _fitting(ctx: Context, cls: str, calls: tuple[str, ...]) -> tuple[str, ...] | None:
    """``calls`` without the ports the class cannot call (and repeats that leaves in a row);
    ``None`` when fewer than two calls are left."""
    kept: list[str] = []
    for p in calls:
        if ctx.fleet.port_fits(cls, p) and (not kept or kept[-1] != p):
            kept.append(p)
    while len(kept) > 1 and kept[0] == kept[-1]:
        kept.pop()
    return tuple(kept) if valid(tuple(kept)) else None


def change_class(ctx: Context, slots: Slots) -> Slots | None:
    """Sail a service with another vessel class (dropping the calls its draft forbids)."""
    picked = _pick_rotation(ctx, slots)
    if picked is None or len(ctx.classes) < 2:
        return None
    i, cls, calls = picked
    other = str(ctx.rng.choice([c for c in ctx.classes if c != cls]))
    new = _fitting(ctx, other, calls)
    return None if new is None else _with(slots, {i: (other, new)})


def new_service(ctx: Context, slots: Slots) -> Slots | None:
    """Open a shuttle between the two ends of a demand drawn by its rejected cargo."""
    free = [i for i, r in enumerate(slots) if r is None]
    r = np.maximum(ctx.rejected_ffe, 0.0)
    if not free or r.sum() <= 1e-6:
        return None
    k = int(ctx.rng.choice(len(r), p=r / r.sum()))
    o, d = ctx.commodities[k]
    cls = str(ctx.rng.choice(ctx.classes))
    return _with(slots, {free[0]: (cls, (o, d))})


def reopen_service(ctx: Context, slots: Slots) -> Slots | None:
    """Replace a service by a shuttle of its class for a demand drawn by its rejected cargo."""
    i = _pick_used(ctx, slots)
    r = np.maximum(ctx.rejected_ffe, 0.0)
    if i is None or r.sum() <= 1e-6:
        return None
    k = int(ctx.rng.choice(len(r), p=r / r.sum()))
    cls = slots[i][0]  # type: ignore[index]
    return _with(slots, {i: (cls, ctx.commodities[k])})


def drop_service(ctx: Context, slots: Slots) -> Slots | None:
    """Close a service."""
    i = _pick_used(ctx, slots)
    return None if i is None else _with(slots, {i: None})


def exchange_calls(ctx: Context, slots: Slots) -> Slots | None:
    """Swap one call of a service with one call of another."""
    used = _used(slots)
    if len(used) < 2:
        return None
    i, j = (int(x) for x in ctx.rng.choice(used, 2, replace=False))
    (ci, a), (cj, b) = slots[i], slots[j]  # type: ignore[misc]
    x, y = int(ctx.rng.integers(len(a))), int(ctx.rng.integers(len(b)))
    na = (*a[:x], b[y], *a[x + 1:])
    nb = (*b[:y], a[x], *b[y + 1:])
    if a[x] == b[y] or not valid(na) or not valid(nb):
        return None
    return _with(slots, {i: (ci, na), j: (cj, nb)})


def merge_services(ctx: Context, slots: Slots) -> Slots | None:
    """Join two services into one rotation (the first's calls, then the second's)."""
    used = _used(slots)
    if len(used) < 2:
        return None
    i, j = (int(x) for x in ctx.rng.choice(used, 2, replace=False))
    (ci, a), (_, b) = slots[i], slots[j]  # type: ignore[misc]
    k = int(ctx.rng.integers(len(b)))
    new = a + b[k:] + b[:k]
    return _with(slots, {i: (ci, new), j: None}) if valid(new) else None


def split_service(ctx: Context, slots: Slots) -> Slots | None:
    """Cut a service of four or more calls into two rotations; the cut-off part sails with a
    class drawn at random (dropping the calls its draft forbids)."""
    free = [i for i, r in enumerate(slots) if r is None]
    picked = _pick_rotation(ctx, slots)
    if picked is None or not free:
        return None
    i, cls, calls = picked
    if len(calls) < 4:
        return None
    cut = int(ctx.rng.integers(2, len(calls) - 1))
    other = str(ctx.rng.choice(ctx.classes))
    a, b = calls[:cut], _fitting(ctx, other, calls[cut:])
    if not valid(a) or b is None:
        return None
    return _with(slots, {i: (cls, a), free[0]: (other, b)})


Move = Callable[[Context, Slots], Slots | None]
MOVES: dict[str, Move] = {
    "insert": insert_port, "remove": remove_call, "substitute": substitute_call,
    "relocate": relocate_call, "reverse": reverse_segment, "class": change_class,
    "open": new_service, "reopen": reopen_service, "close": drop_service,
    "exchange": exchange_calls, "merge": merge_services, "split": split_service,
}
"""The moves, by name (the order of the adaptive weights)."""
