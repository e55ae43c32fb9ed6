"""A ship's stowage profile: stacks and cells, sections, strength stations, hydrostatics, tanks.

Coordinates (the same for every profile):

- ``x`` (longitudinal, ``lcg_m``): metres forward of midships (half the length between
  perpendiculars), positive towards the bow;
- ``y`` (transverse, ``tcg_m``): metres from the centre line, positive to starboard;
- ``z`` (vertical, ``vcg_m``, ``bottom_m``): metres above the keel (base line).

Stacks follow the ISO 9711 numbering of :mod:`tradelane.domain.stowage`: a stack stands in
the 40-ft bay ``bay_index`` (0-based from the bow, ISO bay ``4 * bay_index + 2``), in one
row, in the hold or on deck; its cells are listed bottom-up, each with its ISO tier. A cell
takes one 40-ft container or two 20-ft ones (fore: ISO bay ``4i + 1``; aft: ``4i + 3``).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass, field

from tradelane.domain import _checks
from tradelane.domain.stowage import SlotPosition
from tradelane.domain.vessel_tables import HydroPoint, Section, Station, Tank
from tradelane.errors import InputError

__all__ = ["TWENTY_OFFSET_M", "Cell", "HydroPoint", "Section", "Slot", "Stack", "Station", "Tank",
           "VesselProfile", "container_vcg_m"]

TWENTY_OFFSET_M = 3.067
"""Distance of a 20-ft slot's centre from its 40-ft bay's centre (half of 6.058 m + 76 mm)."""


@dataclass(frozen=True, slots=True)
class Cell:
    """One tier of a stack: its ISO tier, reefer plugs and which lengths it takes.

    ``reefer_plugs`` is the number of reefer sockets at the cell: 1 powers one reefer (a
    40-ft one or one of the two 20-ft ones), 2 power two 20-ft reefers (or one 40-ft).
    """

    tier: int
    reefer_plugs: int = 0
    allow20: bool = True
    allow40: bool = True

    def __post_init__(self) -> None:
        if isinstance(self.tier, bool) or not isinstance(self.tier, int) \
                or not 0 < self.tier < 100:
            raise InputError("cell.tier", self.tier, "must be an ISO tier between 1 and 99")
        if self.reefer_plugs not in (0, 1, 2):
            raise InputError("cell.reefer_plugs", self.reefer_plugs, "must be 0, 1 or 2")
        if not (self.allow20 or self.allow40):
            raise InputError("cell.allow20", self.allow20,
                             "a cell that takes neither 20s nor 40s is not a cell")


@dataclass(frozen=True, slots=True)
class Stack:
    """A column of cells in one 40-ft bay, one row, in the hold or on deck.

    ``bottom_m`` is the height of the stack's base above the keel (tank top or hatch cover);
    ``max_height_m`` bounds the sum of container heights in each 20-ft column;
    ``max_weight20_t`` bounds the mass borne by each 20-ft column (its 20s plus half of each
    40 above them) and ``max_weight40_t`` the mass of the 40s in the stack. ``hatch`` names
    the hatch cover (deck) or hold section (hold) the stack belongs to, within its bay.
    """

    bay_index: int
    row: int
    on_deck: bool
    lcg_m: float
    tcg_m: float
    bottom_m: float
    max_height_m: float
    max_weight20_t: float
    max_weight40_t: float
    cells: tuple[Cell, ...]
    hatch: int = 0

    def __post_init__(self) -> None:
        f = f"stack {self.iso_bay:03d}{self.row:02d} {'deck' if self.on_deck else 'hold'}"
        if not 0 <= self.bay_index < 250 or not 0 <= self.row < 100:
            raise InputError(f"{f}.bay_index", self.bay_index, "must be 0-249 with a row 0-99")
        for name in ("lcg_m", "tcg_m", "bottom_m"):
            if not math.isfinite(getattr(self, name)):
                raise InputError(f"{f}.{name}", getattr(self, name), "must be a finite number")
        for name in ("max_height_m", "max_weight20_t", "max_weight40_t"):
            _checks.positive(f"{f}.{name}", getattr(self, name))
        if not self.cells:
            raise InputError(f"{f}.cells", self.cells, "a stack needs at least one cell")
        tiers = [c.tier for c in self.cells]
        if tiers != sorted(set(tiers)):
            raise InputError(f"{f}.cells", tiers, "tiers must rise strictly from the bottom")
        if any((t >= 80) != self.on_deck for t in tiers):
            raise InputError(f"{f}.cells", tiers,
                             "deck tiers are 80 and above, hold tiers below 80")

    @property
    def iso_bay(self) -> int:
        """The ISO 40-ft bay number (``4 * bay_index + 2``)."""
        return 4 * self.bay_index + 2

    def cell(self, tier: int) -> Cell | None:
        """The cell at ISO ``tier``, or None."""
        return next((c for c in self.cells if c.tier == tier), None)

    def tier_below(self, tier: int) -> int | None:
        """The next lower tier of this stack, or None for the bottom cell."""
        lower = [c.tier for c in self.cells if c.tier < tier]
        return lower[-1] if lower else None


@dataclass(frozen=True, slots=True)
class Slot:
    """Where a position lies on a profile: its stack and cell, 20-ft column, LCG and TCG.

    ``column`` is ``"fore"`` or ``"aft"`` for a 20-ft slot and ``"40"`` for a 40-ft one.
    """

    position: SlotPosition
    stack: Stack
    cell: Cell
    column: str
    lcg_m: float
    tcg_m: float


@dataclass(frozen=True, slots=True)
class VesselProfile:
    """A ship's stowage profile, as the loading computer and the planners use it.

    ``accommodation_bays`` and ``engine_room_bays`` list the 40-ft bay indices next to the
    living quarters and over or next to the engine room; ``accommodation_x_m`` and
    ``heat_x_m`` give their extents (x ranges; heat: engine room and heated fuel tanks) for
    the IMDG SW codes "clear of living quarters" and "protected from sources of heat".
    ``holds`` gives the cargo hold of each 40-ft bay (empty: two bays a hold). ``max_tcg_m``
    is a limit on the ship's TCG where the source gives one (Larsen–Pacino).
    """

    name: str
    loa_m: float
    lbp_m: float
    beam_m: float
    design_draft_m: float | None
    stacks: tuple[Stack, ...]
    sections: tuple[Section, ...]
    stations: tuple[Station, ...]
    hydrostatics: tuple[HydroPoint, ...]
    tanks: tuple[Tank, ...] = ()
    accommodation_bays: tuple[int, ...] = ()
    engine_room_bays: tuple[int, ...] = ()
    accommodation_x_m: tuple[float, float] | None = None
    heat_x_m: tuple[tuple[float, float], ...] = ()
    holds: tuple[int, ...] = ()
    max_tcg_m: float | None = None
    water_density_t_per_m3: float = 1.025
    source: str = ""
    _index: dict[tuple[int, int, bool], Stack] = field(
        init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        _checks.text("profile.name", self.name)
        for name in ("loa_m", "lbp_m", "beam_m"):
            _checks.positive(f"profile.{name}", getattr(self, name))
        if self.design_draft_m is not None:
            _checks.positive("profile.design_draft_m", self.design_draft_m)
        if not self.stacks:
            raise InputError("profile.stacks", (), "a profile needs at least one stack")
        if not self.sections:
            raise InputError("profile.sections", (),
                             "a profile needs at least one section (its lightship)")
        index: dict[tuple[int, int, bool], Stack] = {}
        for s in self.stacks:
            key = (s.bay_index, s.row, s.on_deck)
            if key in index:
                raise InputError("profile.stacks", f"{s.iso_bay:03d}{s.row:02d}",
                                 "appears twice on the same deck level")
            index[key] = s
        object.__setattr__(self, "_index", index)
        self._check_tables()

    def _check_tables(self) -> None:
        if not self.hydrostatics:
            raise InputError("profile.hydrostatics", (), "needs at least one hydrostatic point")
        disp = [h.displacement_t for h in self.hydrostatics]
        if any(b <= a for a, b in itertools.pairwise(disp)):
            raise InputError("profile.hydrostatics", disp, "displacements must rise strictly")
        for i, sec in enumerate(self.sections):
            if len(sec.buoyancy_t) != len(disp):
                raise InputError(f"profile.sections[{i}].buoyancy_t", len(sec.buoyancy_t),
                                 f"needs one value per hydrostatic point ({len(disp)})")
        names = [t.name for t in self.tanks]
        if len(set(names)) != len(names):
            raise InputError("profile.tanks", names, "tank names must be unique")
        for t in self.tanks:
            if any(not 0 <= i < len(self.sections) for i, _ in t.sections):
                raise InputError(f"tank {t.name}.sections", t.sections,
                                 "refers to a section the profile does not have")

    # --- lookups -----------------------------------------------------------------------
    def stack_at(self, bay_index: int, row: int, on_deck: bool) -> Stack | None:
        """The stack in 40-ft bay ``bay_index``, ``row``, hold or deck; None if none."""
        return self._index.get((bay_index, row, on_deck))

    def slot(self, position: SlotPosition) -> Slot:
        """Stack, cell, column and coordinates of ``position``; InputError if not on board."""
        bay_index, column = divmod(position.bay - 1, 4)
        stack = self.stack_at(bay_index, position.row, position.on_deck)
        cell = None if stack is None else stack.cell(position.tier)
        if stack is None or cell is None or column == 3:
            raise InputError("position", position.code, f"is not a slot of {self.name}")
        kind = ("fore", "40", "aft")[column]
        offset = {"fore": TWENTY_OFFSET_M, "40": 0.0, "aft": -TWENTY_OFFSET_M}[kind]
        return Slot(position, stack, cell, kind, stack.lcg_m + offset, stack.tcg_m)

    def tank(self, name: str) -> Tank:
        """The tank called ``name``; InputError naming it if the profile has none."""
        for t in self.tanks:
            if t.name == name:
                return t
        raise InputError("tank", name, f"is not a tank of {self.name}")

    # --- positions and totals -------------------------------------------------------------
    def iter_positions(self, length_ft: int) -> Iterator[SlotPosition]:
        """Every position a ``length_ft`` (20 or 40) container may take, bay by bay."""
        for s in self.stacks:
            for c in s.cells:
                if length_ft == 20 and c.allow20:
                    yield SlotPosition(s.iso_bay - 1, s.row, c.tier)
                    yield SlotPosition(s.iso_bay + 1, s.row, c.tier)
                elif length_ft != 20 and c.allow40:
                    yield SlotPosition(s.iso_bay, s.row, c.tier)

    @property
    def positions_20(self) -> tuple[SlotPosition, ...]:
        """Every 20-ft position (fore and aft of each cell that takes 20s)."""
        return tuple(self.iter_positions(20))

    @property
    def positions_40(self) -> tuple[SlotPosition, ...]:
        """Every 40-ft position."""
        return tuple(self.iter_positions(40))

    @property
    def capacity_teu(self) -> int:
        """Nominal capacity: two TEU per cell."""
        return 2 * sum(len(s.cells) for s in self.stacks)

    @property
    def reefer_plugs(self) -> int:
        """Reefer sockets on board."""
        return sum(c.reefer_plugs for s in self.stacks for c in s.cells)

    @property
    def bays(self) -> int:
        """Number of 40-ft bays (the highest bay index + 1)."""
        return 1 + max(s.bay_index for s in self.stacks)

    @property
    def lightship_t(self) -> float:
        """Lightship (constant) weight: the sum over the sections."""
        return sum(s.lightship_t for s in self.sections)

    @property
    def has_draft_table(self) -> bool:
        """True when every hydrostatic point gives draft, LCB, LCF and MTC."""
        return all(h.draft_m is not None and h.lcb_m is not None and h.lcf_m is not None
                   and h.mtc_tm_per_cm is not None for h in self.hydrostatics)

    # --- what the IMDG rules ask of a ship (tradelane.stowage.dg.DgShip) ------------------
    def hold_of(self, position: SlotPosition) -> int:
        """The cargo hold of the position's 40-ft bay."""
        index = (position.bay - 1) // 4
        if self.holds:
            if not 0 <= index < len(self.holds):
                raise InputError("position", position.code, f"is beyond {self.name}'s bays")
            return self.holds[index]
        return index // 2

    def lcg_m(self, position: SlotPosition) -> float:
        """The slot's LCG (m forward of midships)."""
        return self.slot(position).lcg_m

    def has_centre_row(self, position: SlotPosition) -> bool:
        """Whether the position's bay (hold or deck) has a row 00."""
        return self.stack_at((position.bay - 1) // 4, 0, position.on_deck) is not None

    def distance_to_heat_m(self, position: SlotPosition) -> float:
        """Clear fore-aft distance under deck to heated structure (inf on deck or if none)."""
        if position.on_deck or not self.heat_x_m:
            return math.inf
        return min(_clear_m(self.slot(position), span) for span in self.heat_x_m)

    def distance_to_living_quarters_m(self, position: SlotPosition) -> float:
        """Clear fore-aft distance to the accommodation (inf if the profile has none)."""
        if self.accommodation_x_m is None:
            return math.inf
        return _clear_m(self.slot(position), self.accommodation_x_m)


def _clear_m(slot: Slot, span: tuple[float, float]) -> float:
    half = (6.058 if slot.column != "40" else 12.192) / 2
    aft, fore = min(span), max(span)
    return max(0.0, aft - (slot.lcg_m + half), (slot.lcg_m - half) - fore)


def container_vcg_m(stack: Stack, heights_below_m: float, height_m: float) -> float:
    """VCG of a container standing on ``heights_below_m`` of containers in ``stack``."""
    return stack.bottom_m + heights_below_m + height_m / 2
