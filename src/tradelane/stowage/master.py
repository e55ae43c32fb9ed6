"""The look-ahead master plan: which height of the ship each weight class of the voyage gets.

The greedy slot choice stows one port at a time; left alone, the first port's cargo takes the
lowest hold slots whatever its weight, and the heavy cargo of later ports has to go high,
where it costs GM (ballast, then deadweight). The master plan looks
ahead: the containers still to load (this call's list and, of the later calls' lists, those
still aboard after the last loading call) are ranked by mass per 40-ft cell (a 20-ft box
counts as half a cell and twice its mass), and the ranks are laid over the free cells that can
still be loaded, sorted by height, heaviest lowest. A container's *floor* is the height of the
cell its rank gets; the slot score (:mod:`tradelane.stowage.slots`) charges a container for
every metre below its floor, so that low slots stay free for the heavier boxes still to come.
Heavy boxes are drawn low by the score's ``w × VCG`` term. Two more look-ahead terms of the
score keep hold space reachable for later calls: a deck box that is the first on a hatch cover
over free hold cells pays for those cells, and starting an empty hatch is charged.

This is the vertical part of the master plan of D. Pacino, A. Delgado, R. M. Jensen,
T. Bebbington (ICCL 2011), which assigns weight classes to locations for stability, solved
here by sorting (the optimal vertical assignment when stack weight limits do not bind).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from tradelane.domain.stowage import ContainerUnit
from tradelane.stowage.plan_state import ShipState

TIER_M = 2.75
"""Height of one tier in the master plan's cell heights (a mix of 8'6" and 9'6" boxes), m."""


@dataclass(frozen=True, slots=True)
class WeightFloors:
    """Per weight class, the lowest cell height the master plan gives it.

    Attributes
    ----------
    mass_per_cell_t
        Masses per 40-ft cell of the voyage's cargo, heaviest first (t).
    floor_m
        For each entry of ``mass_per_cell_t``, the height above base of the cell its rank
        gets (m), non-decreasing.
    """

    mass_per_cell_t: np.ndarray
    floor_m: np.ndarray

    def floor(self, unit: ContainerUnit) -> float:
        """The master plan's lowest height for ``unit`` (m above base; 0 when unknown)."""
        if self.mass_per_cell_t.size == 0:
            return 0.0
        m = _per_cell(unit)
        # rank: how many cells of heavier cargo come first (the array is sorted descending)
        rank = int(np.searchsorted(-self.mass_per_cell_t, -m, side="left"))
        return float(self.floor_m[min(rank, self.floor_m.size - 1)])


def _per_cell(unit: ContainerUnit) -> float:
    return 2.0 * unit.vgm_t if unit.length_ft == 20 else unit.vgm_t


def free_cell_heights(state: ShipState) -> np.ndarray:
    """Heights (m above base) of the centres of the free 40-ft cells that can still be loaded.

    Cells of a hold section whose hatch cover carries containers from earlier calls are not
    counted (they stay closed at this call).
    """
    open_ = state.deck | ~state.locked[state.group]
    z: list[float] = []
    for i in np.flatnonzero(open_):
        top = float(state.bottom[i] + state.height[i].max())
        z += [top + TIER_M * (k + 0.5) for k in range(int(state.ncell[i] - state.lvl[i].max()))]
    return np.sort(np.asarray(z, float))


def weight_floors(cargo: Iterable[ContainerUnit], heights: np.ndarray) -> WeightFloors:
    """The master plan's floors for ``cargo`` over the free cells at ``heights``.

    Parameters
    ----------
    cargo
        The containers still to load: this call's list and the later calls' lists of the
        containers still aboard after the last loading call.
    heights
        :func:`free_cell_heights` of the ship now.
    """
    units = list(cargo)
    if not units or heights.size == 0:
        return WeightFloors(np.zeros(0), np.zeros(0))
    mass = np.array([_per_cell(u) for u in units])
    cells = np.array([0.5 if u.length_ft == 20 else 1.0 for u in units])
    order = np.argsort(-mass, kind="stable")
    start = np.cumsum(cells[order]) - cells[order]
    idx = np.minimum(start.astype(int), heights.size - 1)
    return WeightFloors(mass[order], heights[idx])
