"""Sweeps: a grid of case changes and simulation choices, its cells, and its results folder.

Public API (docs/sweeps.md): :class:`Grid`, :class:`Axis`, :func:`read_grid`,
:func:`parse_grid`, :func:`apply_case_paths`, :class:`ResultParts`, :func:`read_results`,
:func:`read_manifest`, and the explorer's :func:`heat_map` and :class:`HeatMap`. Running a
sweep (planning each cell's case, the Dask cluster) is the use case
:mod:`tradelane.app.sweep`.
"""

from tradelane.sweep.explore import METRICS, HeatMap, SweepResults, heat_map, sweep_cells
from tradelane.sweep.grid import (
    SPECIAL_AXES,
    Axis,
    Grid,
    apply_case_paths,
    parse_grid,
    read_grid,
)
from tradelane.sweep.parts import ResultParts, read_manifest, read_results

__all__ = [
    "METRICS", "SPECIAL_AXES", "Axis", "Grid", "HeatMap", "ResultParts", "SweepResults",
    "apply_case_paths",
    "heat_map", "parse_grid", "read_grid", "read_manifest", "read_results", "sweep_cells",
]
