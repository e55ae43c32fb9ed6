"""Single-bay slot planning records: the bay section, its containers and a bay plan.

The slot planning problem of Delgado, Jensen, Janstrup, Rose & Andersen (2012) and Parreño,
Pacino & Álvarez-Valdés (2016): a bay section is a row of stacks; each stack is a column of
cells, numbered 1 (bottom) up; a cell holds one 40-ft container or up to two 20-ft containers,
one in its aft slot and one in its fore slot. Stacks and tiers are 1-based as in the instance
files; a slot is ``0`` (a 40 filling the cell), ``1`` (aft 20) or ``-1`` (fore 20).

Records only: the file format is read in :mod:`tradelane.io.bay_instance`, the rules and the
planner live in :mod:`tradelane.stowage.bay`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from tradelane.errors import InputError

SLOT_40 = 0
"""Slot code of a 40-ft container filling its cell."""
SLOT_AFT = 1
"""Slot code of a 20-ft container in the aft half of its cell."""
SLOT_FORE = -1
"""Slot code of a 20-ft container in the fore half of its cell."""

OVERSTOW_WEIGHT = 100
"""Cost of one overstowing container (one whose POD is later than a container's below it)."""
POD_MIX_WEIGHT = 20
"""Cost of each POD beyond the first in a used stack."""
STACK_WEIGHT = 10
"""Cost of each stack used."""
REEFER_MISUSE_WEIGHT = 5
"""Cost of each non-reefer container in a reefer slot."""


def _number(name: str, value: object, *, positive: bool) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InputError(name, value, "must be a finite number")
    if value < 0 or (positive and value == 0):
        raise InputError(name, value, "must be greater than zero" if positive
                         else "must be zero or more")
    return float(value)


def _whole(name: str, value: object, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise InputError(name, value, f"must be a whole number of {low} or more")
    return value


@dataclass(frozen=True, slots=True)
class BayContainer:
    """A container of a bay instance.

    Attributes
    ----------
    weight_kg : float
        Gross weight, positive.
    height_m : float
        Height (2.59 standard, 2.90 high-cube), positive.
    length_ft : int
        20 or 40.
    pod : int
        Port of discharge; a higher number is a later port.
    reefer : bool
        A refrigerated container that needs a plug.
    imo_category : int
        Dangerous-goods category, 0 when the container carries none.
    location : int
        Location id the file gives (the bay section it was meant for).
    """

    weight_kg: float
    height_m: float
    length_ft: int
    pod: int
    reefer: bool = False
    imo_category: int = 0
    location: int = 0

    def __post_init__(self) -> None:
        _number("weight_kg", self.weight_kg, positive=True)
        _number("height_m", self.height_m, positive=True)
        if self.length_ft not in (20, 40) or isinstance(self.length_ft, bool):
            raise InputError("length_ft", self.length_ft, "must be 20 or 40")
        _whole("pod", self.pod, 0)
        _whole("imo_category", self.imo_category, 0)
        _whole("location", self.location, 0)

    @property
    def height_cm(self) -> int:
        """Height in whole centimetres (the files give two decimals of a metre)."""
        return round(self.height_m * 100)


@dataclass(frozen=True, slots=True, order=True)
class BaySlot:
    """Where a container stands: 1-based stack and tier, slot 0 (40), 1 (aft) or -1 (fore)."""

    stack: int
    tier: int
    slot: int

    def __post_init__(self) -> None:
        _whole("stack", self.stack, 1)
        _whole("tier", self.tier, 1)
        if self.slot not in (SLOT_40, SLOT_AFT, SLOT_FORE) or isinstance(self.slot, bool):
            raise InputError("slot", self.slot, "must be 0 (40-ft), 1 (aft 20) or -1 (fore 20)")


@dataclass(frozen=True, slots=True)
class LoadedContainer:
    """A container already aboard at a fixed position."""

    container: BayContainer
    position: BaySlot


@dataclass(frozen=True, slots=True)
class BayStack:
    """A stack's limits: total weight of its containers and height of each 20-ft column."""

    max_weight_kg: float
    max_height_m: float
    location: int = 0

    def __post_init__(self) -> None:
        _number("max_weight_kg", self.max_weight_kg, positive=False)
        _number("max_height_m", self.max_height_m, positive=False)


@dataclass(frozen=True, slots=True)
class BayCell:
    """One cell of a stack: reefer plugs and which containers it may take.

    A 20-ft reefer needs the plug of its own slot; a 40-ft reefer needs either plug.
    """

    fore_reefer: bool = False
    aft_reefer: bool = False
    fore_feasible: bool = True
    aft_feasible: bool = True
    feasible40: bool = True
    location: int = 0

    @property
    def usable(self) -> bool:
        """True when the cell may take any container."""
        return self.fore_feasible or self.aft_feasible or self.feasible40

    @property
    def has_plug(self) -> bool:
        """True when either slot has a reefer plug (a 40-ft reefer may go here)."""
        return self.fore_reefer or self.aft_reefer


@dataclass(frozen=True, slots=True, order=True)
class BayPlacement:
    """A container to load at its position: 0-based index among the containers to load."""

    container: int
    stack: int
    tier: int
    slot: int

    @property
    def position(self) -> BaySlot:
        """The position as a :class:`BaySlot`."""
        return BaySlot(self.stack, self.tier, self.slot)


@dataclass(frozen=True, slots=True)
class BayInstance:
    """A single-bay slot planning instance.

    Attributes
    ----------
    name : str
        For reports (the file name).
    pods : tuple[int, ...]
        The ports of discharge the file lists.
    to_load : tuple[BayContainer, ...]
        Containers to load, in file order (placements refer to them by 0-based index).
    loaded : tuple[LoadedContainer, ...]
        Containers aboard at fixed positions.
    stacks : tuple[BayStack, ...]
        One per stack, stack 1 first.
    cells : tuple[tuple[BayCell, ...], ...]
        ``cells[s][t]``: stack ``s + 1``, tier ``t + 1``; every stack has the same tier count.
    locations : tuple[int, ...]
        Location ids the file lists.
    reference : tuple[BayPlacement, ...] | None
        A reference solution the file carries (its placements of containers to load), or
        ``None``.
    """

    name: str
    pods: tuple[int, ...]
    to_load: tuple[BayContainer, ...]
    loaded: tuple[LoadedContainer, ...]
    stacks: tuple[BayStack, ...]
    cells: tuple[tuple[BayCell, ...], ...]
    locations: tuple[int, ...] = ()
    reference: tuple[BayPlacement, ...] | None = None

    def __post_init__(self) -> None:
        if not self.stacks:
            raise InputError("stacks", 0, "a bay needs at least one stack")
        if len(self.cells) != len(self.stacks):
            raise InputError("cells", len(self.cells), f"expected one column of cells per "
                             f"stack ({len(self.stacks)})")
        tiers = {len(column) for column in self.cells}
        if len(tiers) != 1 or 0 in tiers:
            raise InputError("cells", sorted(tiers), "every stack needs the same number of "
                             "tiers, at least one")
        taken: dict[tuple[int, int, int], int] = {}
        for k, item in enumerate(self.loaded):
            self._check_loaded(k, item, taken)
        if self.reference is not None:
            for p in self.reference:
                self._check_position(f"reference container {p.container}", p.position)
                if not 0 <= p.container < len(self.to_load):
                    raise InputError("reference container", p.container,
                                     f"must be below {len(self.to_load)}")

    @property
    def tiers(self) -> int:
        """Cells per stack."""
        return len(self.cells[0])

    def _check_position(self, what: str, pos: BaySlot) -> None:
        if pos.stack > len(self.stacks) or pos.tier > self.tiers:
            raise InputError(what, f"stack {pos.stack} tier {pos.tier}",
                             f"lies outside the bay ({len(self.stacks)} stacks × "
                             f"{self.tiers} tiers)")

    def _check_loaded(self, k: int, item: LoadedContainer,
                      taken: dict[tuple[int, int, int], int]) -> None:
        pos, box = item.position, item.container
        self._check_position(f"loaded container {k + 1}", pos)
        if (pos.slot == SLOT_40) != (box.length_ft == 40):
            raise InputError(f"loaded container {k + 1} slot", pos.slot,
                             "must be 0 for a 40-ft container and 1 or -1 for a 20-ft one")
        sides = (SLOT_AFT, SLOT_FORE) if pos.slot == SLOT_40 else (pos.slot,)
        for side in sides:
            key = (pos.stack, pos.tier, side)
            if key in taken:
                raise InputError(f"loaded container {k + 1}", f"stack {pos.stack} tier "
                                 f"{pos.tier} slot {pos.slot}", f"overlaps loaded container "
                                 f"{taken[key] + 1}")
            taken[key] = k


@dataclass(frozen=True, slots=True)
class BayTerms:
    """The objective's four counts (weights: :data:`OVERSTOW_WEIGHT` and the others)."""

    overstow: int
    pod_mix: int
    stacks_used: int
    reefer_misuse: int

    @property
    def objective(self) -> int:
        """100 × overstow + 20 × pod_mix + 10 × stacks_used + 5 × reefer_misuse."""
        return (OVERSTOW_WEIGHT * self.overstow + POD_MIX_WEIGHT * self.pod_mix
                + STACK_WEIGHT * self.stacks_used + REEFER_MISUSE_WEIGHT * self.reefer_misuse)


@dataclass(frozen=True, slots=True)
class BayPlan:
    """A bay plan: where each container to load goes, and those left ashore.

    Attributes
    ----------
    terms : BayTerms
        The objective's counts over the whole bay (loaded containers included).
    placements : tuple[BayPlacement, ...]
        One per stowed container, by container index.
    unstowed : tuple[int, ...]
        Indices of containers that could not be stowed (never dropped silently).
    """

    terms: BayTerms
    placements: tuple[BayPlacement, ...]
    unstowed: tuple[int, ...] = field(default=())
