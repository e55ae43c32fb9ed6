"""The sweep explorer: each cell's figures over its replications, and a heat map of one
figure over two axes with the other axes held at chosen values."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from tradelane.errors import InputError
from tradelane.sweep.parts import read_manifest, read_results

METRICS: Mapping[str, str] = {
    "cost_usd_per_teu": "cost per TEU loaded, USD (P50 over the replications)",
    "on_time_pct": "on time (±1 day), % of calls (pooled over the replications)",
    "late_avg_delay_days": "delay of late arrivals, days (pooled)",
    "co2_t": "CO2 per round voyage of one ship, t (P50)",
    "fuel_t": "fuel per round voyage of one ship, t (P50)",
    "round_voyage_days": "round voyage, days (P50)",
}
"""The figures a heat map can show, with their labels."""

_P50 = ("cost_usd_per_teu", "co2_t", "fuel_t", "round_voyage_days")


def sweep_cells(table: Any, axes: Sequence[str]) -> list[dict[str, Any]]:
    """One record per cell of a results table: ``cell``, the axis values, ``replications``
    and every figure of :data:`METRICS` (``None`` where no replication has it)."""
    cell = table.column("cell").to_numpy()
    order = np.argsort(cell, kind="stable")
    cells, starts = np.unique(cell[order], return_index=True)
    bounds = [*starts[1:], len(order)]
    cols = {name: table.column(name).to_numpy(zero_copy_only=False).astype(float)
            for name in (*_P50, "calls", "on_time", "late", "late_delay_days")}
    firsts = table.take(order[starts]).select(list(axes)).to_pylist()
    out = []
    for c, lo, hi, first in zip(cells, starts, bounds, firsts, strict=True):
        rows = order[lo:hi]
        calls, on_time = cols["calls"][rows].sum(), cols["on_time"][rows].sum()
        late, delay = cols["late"][rows].sum(), cols["late_delay_days"][rows].sum()
        record: dict[str, Any] = {"cell": int(c), **first, "replications": int(hi - lo),
                                  "on_time_pct": 100 * on_time / calls if calls else None,
                                  "late_avg_delay_days": delay / late if late else None}
        for name in _P50:
            values = cols[name][rows]
            values = values[~np.isnan(values)]
            record[name] = float(np.median(values)) if values.size else None
        out.append(record)
    return out


@dataclass(frozen=True, slots=True)
class HeatMap:
    """One figure over two axes: ``values[j][i]`` at ``y_values[j]``, ``x_values[i]``
    (``None`` where the cell has not run yet), the other axes held at ``at``."""

    metric: str
    label: str
    x: str
    y: str
    x_values: list[Any]
    y_values: list[Any]
    at: dict[str, Any]
    values: list[list[float | None]]
    cells: list[list[int | None]]


def heat_map(cells: Sequence[Mapping[str, Any]], axes: Mapping[str, Sequence[Any]], x: str,
             y: str, metric: str, at: Mapping[str, str] | None = None) -> HeatMap:
    """The heat map of ``metric`` over axes ``x`` and ``y`` (``axes``: each axis's values,
    in the grid's order); every other axis is held at ``at[key]`` (compared as text),
    else at its first value.

    Raises
    ------
    InputError
        Naming ``x``, ``y``, ``metric`` or ``at`` when it is not an axis, a figure or a value.
    """
    for name, key in (("x", x), ("y", y)):
        if key not in axes:
            raise InputError(name, key, "is not an axis of the sweep (axes: "
                             + ", ".join(axes) + ")")
    if x == y and len(axes) > 1:
        raise InputError("y", y, "is the same axis as x")
    if metric not in METRICS:
        raise InputError("metric", metric, "must be one of " + ", ".join(METRICS))
    held: dict[str, Any] = {}
    for key, values in axes.items():
        if key in (x, y):
            continue
        wanted = (at or {}).get(key)
        match = [v for v in values if str(v) == wanted] if wanted is not None else [values[0]]
        if not match:
            raise InputError(f"at.{key}", wanted, "is not a value of the axis ("
                             + ", ".join(map(str, values)) + ")")
        held[key] = match[0]
    for key in at or {}:
        if key not in axes:
            raise InputError("at", key, "is not an axis of the sweep")
    found = {(c[x], c[y]): c for c in cells if all(c[k] == v for k, v in held.items())}
    xs, ys = list(axes[x]), list(axes[y])
    grid = [[found.get((xv, yv)) for xv in xs] for yv in ys]
    return HeatMap(metric, METRICS[metric], x, y, xs, ys, held,
                   [[c[metric] if c else None for c in row] for row in grid],
                   [[c["cell"] if c else None for c in row] for row in grid])


class SweepResults:
    """A results folder read for the explorer, re-read when its parts change (so that a
    running sweep's progress shows)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._signature: tuple[tuple[str, float], ...] | None = None
        self._cells: list[dict[str, Any]] = []

    def axes(self) -> dict[str, list[Any]]:
        """Each axis's values as stored in the result columns, in the grid's order."""
        from tradelane.sweep.grid import Axis, column_values

        manifest = read_manifest(self.path)
        return {k: column_values(Axis(k, tuple(v))) for k, v in manifest["axes"].items()}

    def cells(self) -> list[dict[str, Any]]:
        """Every finished cell's figures (:func:`sweep_cells`)."""
        signature = tuple((p.name, p.stat().st_mtime) for p in
                          sorted(self.path.glob("part-*.parquet")))
        if signature != self._signature:
            self._cells = sweep_cells(read_results(self.path), list(self.axes()))
            self._signature = signature
        return self._cells
