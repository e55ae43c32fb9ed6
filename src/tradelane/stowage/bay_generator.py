"""Random single-bay instances in the file format of :mod:`tradelane.io.bay_instance`.

No public instances come with tradelane, so tests and the ``stowbay`` benchmark make their
own: :func:`small_bay` (2–3 stacks × 2–3 tiers, at most 8 containers, for brute force),
:func:`realistic_bay` (up to 10 stacks × 13 tiers and 130 containers, what a master plan
sends to one bay section: mostly one POD and one length, few reefers and dangerous goods)
and :func:`hard_bay` (the same bays with mixed cargo: several PODs, both lengths, reefers,
dangerous goods, binding limits). Both shape the bay like a bay section: a narrower hold
bottom in the wing stacks, reefer plugs low in some stacks, a 40-only top cell. Everything
follows from the seed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tradelane.domain.bay import (
    SLOT_40,
    BayCell,
    BayContainer,
    BayInstance,
    BaySlot,
    BayStack,
    LoadedContainer,
)
from tradelane.errors import InputError

STANDARD_M = 2.59
"""Height of a standard container."""
HIGH_CUBE_M = 2.90
"""Height of a high-cube container."""
_LOCATION = 1


@dataclass(frozen=True, slots=True)
class CargoMix:
    """Shares of the containers to load (each between 0 and 1) and the number of PODs."""

    share_40: float = 0.6
    share_high_cube: float = 0.4
    share_reefer: float = 0.1
    share_dg: float = 0.05
    pods: int = 3
    weights_t: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        for name in ("share_40", "share_high_cube", "share_reefer", "share_dg"):
            value = getattr(self, name)
            if not 0 <= value <= 1:
                raise InputError(name, value, "must be a share between 0 and 1")
        if self.pods < 1:
            raise InputError("pods", self.pods, "must be at least 1")


def _dead(s: int, stacks: int, tiers: int) -> int:
    """Unusable bottom cells of 0-based stack ``s``: the hold narrows in the wing stacks."""
    wing = min(s, stacks - 1 - s)
    return max(0, 2 - wing) if tiers >= 6 and stacks >= 5 else 0


def _cells(rng: np.random.Generator, stacks: int, tiers: int,
           reefer_share: float) -> tuple[tuple[BayCell, ...], ...]:
    columns = []
    for s in range(stacks):
        dead = _dead(s, stacks, tiers)
        plugs = rng.random() < max(reefer_share * 3, 0.2)
        column = []
        for t in range(tiers):
            if t < dead:
                column.append(BayCell(False, False, False, False, False, 0))
                continue
            top40 = t == tiers - 1 and tiers >= 4 and rng.random() < 0.5
            plug = plugs and t < dead + max(2, tiers // 2)
            column.append(BayCell(fore_reefer=bool(plug and rng.random() < 0.3),
                                  aft_reefer=bool(plug), fore_feasible=not top40,
                                  aft_feasible=not top40, feasible40=True, location=_LOCATION))
        columns.append(tuple(column))
    return tuple(columns)


def _stacks(rng: np.random.Generator, cells: tuple[tuple[BayCell, ...], ...],
            tight: float, high_cube: float) -> tuple[BayStack, ...]:
    out = []
    for column in cells:
        usable = sum(c.usable for c in column)
        allowance = min(1.0, max(high_cube + 0.1, rng.uniform(0.2, 1.0)))
        height = usable * (STANDARD_M + (HIGH_CUBE_M - STANDARD_M) * allowance)
        weight_t = usable * rng.uniform(20.0, 60.0) * (1 - tight) + usable * 12.0 * tight
        out.append(BayStack(round(weight_t * 1000, 2), round(height, 2), _LOCATION))
    return tuple(out)


def _box(rng: np.random.Generator, mix: CargoMix, pods: tuple[int, ...]) -> BayContainer:
    length = 40 if rng.random() < mix.share_40 else 20
    if mix.weights_t:
        weight_t = float(rng.choice(mix.weights_t))
    else:
        weight_t = float(rng.uniform(4.0, 30.0 if length == 40 else 28.0))
    dg = rng.random() < mix.share_dg
    return BayContainer(weight_kg=round(weight_t * 1000, 2),
                        height_m=HIGH_CUBE_M if rng.random() < mix.share_high_cube
                        else STANDARD_M, length_ft=length, pod=int(rng.choice(pods)),
                        reefer=bool(rng.random() < mix.share_reefer),
                        imo_category=int(rng.integers(1, 4)) if dg else 0, location=_LOCATION)


def _loaded(rng: np.random.Generator, cells: tuple[tuple[BayCell, ...], ...],
            stacks: tuple[BayStack, ...], pods: tuple[int, ...],
            count: int) -> tuple[LoadedContainer, ...]:
    """``count`` 40s aboard at the bottom of random stacks (legal, within the limits)."""
    out: list[LoadedContainer] = []
    heights = [0.0] * len(cells)
    weights = [0.0] * len(cells)
    tops = [next((t for t, c in enumerate(col) if c.usable), len(col)) for col in cells]
    for _ in range(count * 4):
        if len(out) == count:
            break
        s = int(rng.integers(len(cells)))
        t = tops[s]
        if t >= len(cells[s]) or not cells[s][t].feasible40:
            continue
        box = BayContainer(round(float(rng.uniform(8.0, 25.0)) * 1000, 2), STANDARD_M, 40,
                           int(pods[-1 - min(len(pods) - 1, int(rng.integers(2)))]),
                           reefer=False, location=_LOCATION)
        if heights[s] + box.height_m > stacks[s].max_height_m or \
                weights[s] + box.weight_kg > stacks[s].max_weight_kg:
            continue
        heights[s] += box.height_m
        weights[s] += box.weight_kg
        tops[s] += 1
        out.append(LoadedContainer(box, BaySlot(s + 1, t + 1, SLOT_40)))
    return tuple(out)


def generate_bay(seed: int, *, stacks: int, tiers: int, containers: int,
                 mix: CargoMix | None = None, loaded: int = 0, tight: float = 0.3,
                 name: str | None = None) -> BayInstance:
    """A random bay instance.

    Parameters
    ----------
    seed : int
        Seed of every random choice.
    stacks, tiers : int
        Bay size.
    containers : int
        Containers to load.
    mix : CargoMix, optional
        Shares of 40s, high-cubes, reefers and DG, and the number of PODs.
    loaded : int
        40s already aboard, at the bottom of random stacks (fewer if they do not fit).
    tight : float
        0 to 1: how often the stack weight limits bind.
    name : str, optional
        Instance name (default ``bay-<stacks>x<tiers>-<containers>-s<seed>``).
    """
    if stacks < 1 or tiers < 1 or containers < 0:
        raise InputError("stacks, tiers, containers", (stacks, tiers, containers),
                         "need at least one stack and one tier, and no negative count")
    mix = mix or CargoMix()
    rng = np.random.default_rng(seed)
    pods = tuple(range(2, 2 + mix.pods))
    cells = _cells(rng, stacks, tiers, mix.share_reefer)
    limits = _stacks(rng, cells, tight, mix.share_high_cube)
    aboard = _loaded(rng, cells, limits, pods, loaded)
    boxes = tuple(_box(rng, mix, pods) for _ in range(containers))
    return BayInstance(name=name or f"bay-{stacks}x{tiers}-{containers}-s{seed}", pods=pods,
                       to_load=boxes, loaded=aboard, stacks=limits, cells=cells,
                       locations=(_LOCATION,))


def small_bay(seed: int) -> BayInstance:
    """2–3 stacks × 2–3 tiers, 3–8 containers from few kinds (brute-force size)."""
    rng = np.random.default_rng(seed)
    stacks, tiers = int(rng.integers(2, 4)), int(rng.integers(2, 4))
    count = int(rng.integers(3, min(8, stacks * tiers * 2 - 1) + 1))
    mix = CargoMix(share_40=float(rng.uniform(0.2, 0.7)), share_high_cube=0.4,
                   share_reefer=0.25, share_dg=0.3, pods=int(rng.integers(1, 4)),
                   weights_t=(8.0, 16.0, 24.0))
    inst = generate_bay(seed, stacks=stacks, tiers=tiers, containers=count, mix=mix,
                        loaded=int(rng.integers(0, 2)), tight=float(rng.uniform(0, 1)),
                        name=f"small-{seed}")
    return _with_restrictions(rng, inst)


def _with_restrictions(rng: np.random.Generator, inst: BayInstance) -> BayInstance:
    """Mark a few free cells 20-only or unusable and add reefer plugs at random."""
    taken = {(c.position.stack, c.position.tier) for c in inst.loaded}
    columns = []
    for s, column in enumerate(inst.cells, start=1):
        new = []
        for t, cell in enumerate(column, start=1):
            roll = rng.random()
            if (s, t) not in taken and roll < 0.15:
                cell = BayCell(cell.fore_reefer, cell.aft_reefer, True, True, False,
                               cell.location)
            elif (s, t) not in taken and roll < 0.22:
                cell = BayCell(False, False, False, False, False, 0)
            elif rng.random() < 0.25:
                cell = BayCell(True, True, cell.fore_feasible, cell.aft_feasible,
                               cell.feasible40, cell.location)
            new.append(cell)
        columns.append(tuple(new))
    return BayInstance(name=inst.name, pods=inst.pods, to_load=inst.to_load,
                       loaded=inst.loaded, stacks=inst.stacks, cells=tuple(columns),
                       locations=inst.locations)


def realistic_bay(seed: int) -> BayInstance:
    """A bay as a master plan sends it: 4–10 stacks × 6–13 tiers, 60–90 % of its usable
    cells filled (the share of 40s drawn, the count set from it).

    Shaped after the industrial instances of Delgado et al. (2012): mostly one POD (1 POD
    in 60 % of the bays, 2 in 25 %, 3 in 10 %, 4 in 5 %), mostly one length (85–100 % of
    one), 10–40 % high-cubes, reefers in one bay of three (2–8 % of its containers), dangerous
    goods in one bay of five (1–3 %), weight limits that seldom bind, containers aboard in
    one bay of four; at most 130 containers.
    """
    rng = np.random.default_rng(seed)
    stacks, tiers = int(rng.integers(4, 11)), int(rng.integers(6, 14))
    fill = rng.uniform(0.6, 0.9)
    major = rng.uniform(0.85, 1.0)
    share_40 = float(major if rng.random() < 0.7 else 1 - major)
    usable = sum(tiers - _dead(s, stacks, tiers) for s in range(stacks))
    count = min(130, int(fill * usable / (share_40 + (1 - share_40) / 2)))
    mix = CargoMix(share_40=share_40, share_high_cube=float(rng.uniform(0.1, 0.4)),
                   share_reefer=float(rng.uniform(0.02, 0.08)) if rng.random() < 1 / 3 else 0.0,
                   share_dg=float(rng.uniform(0.01, 0.03)) if rng.random() < 0.2 else 0.0,
                   pods=int(rng.choice([1, 2, 3, 4], p=[0.6, 0.25, 0.1, 0.05])))
    loaded = int(rng.integers(1, max(2, stacks // 2))) if rng.random() < 0.25 else 0
    return generate_bay(seed, stacks=stacks, tiers=tiers, containers=max(count, 1), mix=mix,
                        loaded=loaded, tight=float(rng.uniform(0, 0.1)),
                        name=f"realistic-{stacks}x{tiers}-s{seed}")


def hard_bay(seed: int) -> BayInstance:
    """A harder bay than a master plan usually sends: 4–10 stacks × 6–13 tiers, up to 130
    containers filling 50–90 % of the cells, 1–5 PODs, 40–80 % 40s, 20–60 % high-cubes, up
    to 15 % reefers and 8 % dangerous goods, weight limits that bind now and then, 40s
    aboard (the generator's ``realistic_bay`` before it was reshaped after the industrial
    instances)."""
    rng = np.random.default_rng(seed)
    stacks, tiers = int(rng.integers(4, 11)), int(rng.integers(6, 14))
    fill = rng.uniform(0.5, 0.9)
    share_40 = float(rng.uniform(0.4, 0.8))
    # containers per cell: a 40 fills one, a 20 half of one
    count = min(130, int(fill * stacks * tiers / (share_40 + (1 - share_40) / 2)))
    mix = CargoMix(share_40=share_40, share_high_cube=float(rng.uniform(0.2, 0.6)),
                   share_reefer=float(rng.uniform(0.0, 0.15)),
                   share_dg=float(rng.uniform(0.0, 0.08)), pods=int(rng.integers(1, 6)))
    return generate_bay(seed, stacks=stacks, tiers=tiers, containers=max(count, 1), mix=mix,
                        loaded=int(rng.integers(0, stacks)), tight=float(rng.uniform(0, 0.3)),
                        name=f"hard-{stacks}x{tiers}-s{seed}")


__all__ = ["CargoMix", "generate_bay", "hard_bay", "realistic_bay", "small_bay"]
